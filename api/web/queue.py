"""The navigator's queue: assigned patients, those needing attention first.

Order: patients with anything to look at come first, ranked by new uploads (processed since the
profile was last confirmed), then open conflicts, then fields read by OCR or with low confidence
not yet checked, then documents that could not be read; ties go to the one waiting longest.
Confirmed profiles with nothing new come last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import func
from sqlmodel import Session, select

from api.auth import visible_patient_ids
from api.db import Confirmation, Document, Patient, User
from api.profiles import current_report
from api.web.review import field_rows, needs_check


@dataclass
class QueueRow:
    patient_id: str
    name: str
    review_status: str
    new_uploads: int = 0
    conflicts: int = 0
    to_check: int = 0
    failed: int = 0
    in_progress: int = 0
    documents: int = 0
    waiting_since: datetime | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return bool(self.new_uploads or self.conflicts or self.to_check or self.failed)

    def sort_key(self) -> tuple:
        since = self.waiting_since.timestamp() if self.waiting_since else float("inf")
        return (not self.needs_attention, -self.new_uploads, -self.conflicts, -self.to_check, -self.failed, since)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def attention(patient: Patient, report: dict, documents: list[Document], confirmed_at: datetime | None) -> QueueRow:
    review = report.get("review", {}) or {}
    row = QueueRow(patient.id, patient.name, review.get("status") or "extracted")
    processed = [d for d in documents if d.status in ("done", "partial")]
    new = [d for d in processed if confirmed_at is None or _aware(d.updated_at) > _aware(confirmed_at)]
    row.new_uploads = len(new)
    row.conflicts = len(report.get("conflicts", []) or [])
    if row.review_status != "confirmed":
        row.to_check = sum(1 for r in field_rows(report) if needs_check(r.flags) and "conflict" not in r.flags)
    row.failed = sum(1 for d in documents if d.status in ("failed", "partial"))
    row.documents = len(documents)
    row.in_progress = sum(1 for d in documents if d.status in ("queued", "processing"))
    waiting = [d.updated_at for d in new] + [d.updated_at for d in documents if d.status in ("failed", "partial")]
    row.waiting_since = min((_aware(w) for w in waiting), default=None)
    if row.new_uploads:
        row.reasons.append(_plural(row.new_uploads, "new upload", "new uploads") + " to review")
    if row.conflicts:
        row.reasons.append(_plural(row.conflicts, "conflict", "conflicts") + " between records")
    if row.to_check:
        row.reasons.append(_plural(row.to_check, "field", "fields") + " read by OCR or with low confidence")
    if row.failed:
        row.reasons.append(_plural(row.failed, "document", "documents") + " not fully read")
    if row.in_progress:
        row.reasons.append(_plural(row.in_progress, "document", "documents") + " being read")
    return row


def _aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def build_queue(session: Session, user: User) -> list[QueueRow]:
    ids = visible_patient_ids(session, user)
    stmt = select(Patient)
    if ids is not None:
        stmt = stmt.where(Patient.id.in_(ids or [""]))
    patients = list(session.exec(stmt))
    pids = [p.id for p in patients] or [""]
    docs: dict[str, list[Document]] = {}
    for doc in session.exec(select(Document).where(Document.patient_id.in_(pids))):
        docs.setdefault(doc.patient_id, []).append(doc)
    confirmed = dict(session.exec(select(Confirmation.patient_id, func.max(Confirmation.at))
                                  .where(Confirmation.patient_id.in_(pids)).group_by(Confirmation.patient_id)).all())
    rows = [attention(p, current_report(session, p.id), docs.get(p.id, []), confirmed.get(p.id)) for p in patients]
    return sorted(rows, key=QueueRow.sort_key)
