"""Profile versions and navigator review.

Every version keeps the merged extraction (`extracted`) and the served report (`report`) =
extraction + navigator corrections + the latest confirmation. Corrections and confirmations are
rows of their own, re-applied on top of every re-extraction, so they survive new uploads; a new
extraction that disagrees with a corrected or confirmed value keeps the navigator's value and
lists the new one under `conflicts` for review.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import update
from sqlmodel import Session, select

from extract.models import ProfileReport
from api import profile_paths as paths
from api.db import Confirmation, CorrectionRow, Patient, ProfileVersion, User, utcnow
from api.errors import InvalidRequest, NotFound, ReviewConflict

ACTIONS = ("correct", "accept", "not_stated", "settle_conflict")


def empty_report() -> dict:
    return ProfileReport().to_json_dict()


def latest_version(session: Session, patient_id: str) -> ProfileVersion | None:
    stmt = (select(ProfileVersion).where(ProfileVersion.patient_id == patient_id)
            .order_by(ProfileVersion.version.desc()).limit(1))
    return session.exec(stmt).first()


def next_version_number(session: Session, patient_id: str) -> int:
    """Bump the patient's version counter. Run first in a transaction: the row lock (PostgreSQL)
    or write lock (SQLite) it takes serialises every profile writer of this patient."""
    result = session.execute(
        update(Patient).where(Patient.id == patient_id).values(profile_seq=Patient.profile_seq + 1)
    )
    if result.rowcount != 1:
        raise NotFound()
    session.expire_all()
    return session.get(Patient, patient_id).profile_seq


def _stamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _navigator_evidence(value: Any, by: str, at: datetime, note: str | None, rule: str) -> dict:
    text = value if isinstance(value, str) else json.dumps(value)
    return {
        "document": "navigator", "page": 0, "start": 0, "end": 0, "text": text if text != "null" else "",
        "source": "navigator", "rule": rule, "note": f"{by} at {_stamp(at)}" + (f": {note}" if note else ""),
    }


def _values_equal(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return float(a) == float(b)
    return a == b


def apply_review(
    extracted: dict, corrections: list[CorrectionRow], confirmation: Confirmation | None,
) -> dict:
    """The served report: `extracted` with corrections, then the confirmation, applied."""
    report = copy.deepcopy(extracted) or empty_report()
    report.setdefault("profile", {})
    evidence: dict[str, list] = report.setdefault("evidence", {})
    conflicts: list[dict] = report.setdefault("conflicts", [])
    review = {"status": "extracted", "corrections": []}
    needs_review = False
    extracted_leaves = paths.flatten(extracted.get("profile", {})) if extracted else {}

    for row in corrections:
        parts = paths.parse(row.field)
        extracted_now = extracted_leaves.get(row.field)
        if row.action in ("correct", "settle_conflict"):
            paths.set_(report["profile"], parts, row.new_value)
        elif row.action == "not_stated":
            paths.delete(report["profile"], parts)
        kept = row.new_value if row.action != "accept" else row.old_value
        # A re-extraction brought a value the navigator never saw: keep theirs, flag the new one.
        if (row.action != "not_stated" and extracted_now is not None
                and not _values_equal(extracted_now, kept) and not _values_equal(extracted_now, row.old_value)):
            conflicts.append({"field": row.field, "values": [kept, extracted_now],
                              "evidence": [e for e in extracted.get("evidence", {}).get(row.field, [])],
                              "resolution": "navigator_kept"})
            needs_review = True
        else:
            conflicts[:] = [c for c in conflicts if not (c.get("field") == row.field and c.get("resolution") != "navigator_kept")]
        evidence.setdefault(row.field, [])
        if row.action == "not_stated":
            evidence[row.field] = []
        evidence[row.field].append(_navigator_evidence(kept if row.action != "not_stated" else None,
                                                       row.by_email, row.at, row.note, f"navigator.{row.action}"))
        review["corrections"].append({
            "field": row.field, "old_value": row.old_value, "new_value": row.new_value, "note": row.note,
            "by": row.by_email, "at": _stamp(row.at), "action": row.action,
        })

    if confirmation is not None:
        current = paths.flatten(report["profile"])
        newer_corrections = [c for c in corrections if c.at > confirmation.at]
        overridden = {c.field for c in newer_corrections}  # corrected since: the correction wins
        for field, confirmed in confirmation.values.items():
            if field in overridden:
                continue
            parts = paths.parse(field)
            now = current.get(field)
            if now is None or _values_equal(now, confirmed["value"]):
                paths.set_(report["profile"], parts, confirmed["value"])
                if now is None:
                    evidence[field] = confirmed.get("evidence", [])
                continue
            paths.set_(report["profile"], parts, confirmed["value"])
            conflicts.append({"field": field, "values": [confirmed["value"], now],
                              "evidence": evidence.get(field, []), "resolution": "confirmed_kept"})
            evidence[field] = confirmed.get("evidence", [])
            needs_review = True
        new_fields = set(paths.flatten(report["profile"])) - set(confirmation.values)
        if needs_review or new_fields or newer_corrections:
            review["status"] = "in_review"
        else:
            review["status"] = "confirmed"
            review["confirmed_by"] = confirmation.by_email
            review["confirmed_at"] = _stamp(confirmation.at)
    elif corrections:
        review["status"] = "in_review"
    if needs_review:
        review["status"] = "in_review"
    report["review"] = review
    return _validated(report)


def _validated(report: dict) -> dict:
    try:
        return ProfileReport.model_validate(report).to_json_dict()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidRequest(f"That value is not allowed for {where}: {first['msg']}. See PROFILE.md for the allowed values.") from exc


def _review_rows(session: Session, patient_id: str) -> tuple[list[CorrectionRow], Confirmation | None]:
    corrections = list(session.exec(select(CorrectionRow).where(CorrectionRow.patient_id == patient_id)
                                    .order_by(CorrectionRow.at, CorrectionRow.id)))
    confirmation = session.exec(select(Confirmation).where(Confirmation.patient_id == patient_id)
                                .order_by(Confirmation.at.desc(), Confirmation.id.desc()).limit(1)).first()
    return corrections, confirmation


def write_version(
    session: Session, patient_id: str, version: int, extracted: dict, reason: str, *,
    document_id: str | None = None, user: User | None = None,
) -> ProfileVersion:
    corrections, confirmation = _review_rows(session, patient_id)
    row = ProfileVersion(
        patient_id=patient_id, version=version, reason=reason, document_id=document_id,
        created_by=user.id if user else None, extracted=extracted,
        report=apply_review(extracted, corrections, confirmation),
    )
    session.add(row)
    session.flush()
    return row


def current_report(session: Session, patient_id: str) -> dict:
    latest = latest_version(session, patient_id)
    return latest.report if latest else empty_report()


def correct_field(
    session: Session, patient_id: str, user: User, field: str, value: Any, note: str | None,
    action: str = "correct",
) -> ProfileVersion:
    if action not in ACTIONS:
        raise InvalidRequest(f"action must be one of: {', '.join(ACTIONS)}.")
    version = next_version_number(session, patient_id)
    latest = latest_version(session, patient_id)
    if latest is None:
        raise ReviewConflict("This patient has no extracted profile yet; wait for the uploads to be processed.")
    parts = paths.check_known(field, latest.report.get("profile", {}))
    old = paths.get(latest.report.get("profile", {}), parts)
    if action == "settle_conflict" and not any(c.get("field") == field for c in latest.report.get("conflicts", [])):
        raise InvalidRequest(f"There is no open conflict on '{field}' to settle.")
    if action in ("correct", "settle_conflict") and value is None:
        raise InvalidRequest("Give the corrected value, or use action 'not_stated' when the records do not say.")
    new = value if action in ("correct", "settle_conflict") else (old if action == "accept" else None)
    session.add(CorrectionRow(patient_id=patient_id, field=field, action=action, old_value=old,
                              new_value=new, note=(note or None), by_user_id=user.id, by_email=user.email,
                              at=utcnow()))
    session.flush()
    return write_version(session, patient_id, version, latest.extracted, "correction", user=user)


def confirm_profile(session: Session, patient_id: str, user: User) -> ProfileVersion:
    version = next_version_number(session, patient_id)
    latest = latest_version(session, patient_id)
    if latest is None:
        raise ReviewConflict("There is no extracted profile to confirm yet.")
    profile = latest.report.get("profile", {})
    evidence = latest.report.get("evidence", {})
    values = {path: {"value": value, "evidence": evidence.get(path, [])}
              for path, value in paths.flatten(profile).items()}
    session.add(Confirmation(patient_id=patient_id, version=latest.version, values=values,
                             by_user_id=user.id, by_email=user.email, at=utcnow()))
    session.flush()
    return write_version(session, patient_id, version, latest.extracted, "confirmation", user=user)
