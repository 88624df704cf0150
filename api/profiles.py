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
import math
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import update
from sqlmodel import Session, select

from extract.models import ProfileReport
from api import list_items
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


def _absent(value: Any) -> bool:
    return value is None or value == [] or value == {}


def apply_review(
    extracted: dict, corrections: list[CorrectionRow], confirmation: Confirmation | None,
) -> dict:
    """The served report: `extracted` with corrections, then the confirmation, applied.

    Paths into lists are followed by item identity (`api.list_items`), so a review stays with its
    drug or lab when a re-extraction reorders the list. For each field only the latest correction
    decides whether the extraction now says something the navigator has not seen (a
    `navigator_kept` conflict): an earlier row's conflict is settled by the later row."""
    report = copy.deepcopy(extracted) or empty_report()
    profile: dict = report.setdefault("profile", {})
    evidence: dict[str, list] = report.setdefault("evidence", {})
    conflicts: list[dict] = report.setdefault("conflicts", [])
    extracted_profile = (extracted or {}).get("profile", {}) or {}
    extracted_evidence = (extracted or {}).get("evidence", {}) or {}
    review: dict[str, Any] = {"status": "extracted", "corrections": []}
    kept_conflicts: dict[str, dict] = {}  # field -> conflict raised by its latest correction
    decided_at: dict[str, datetime] = {}  # field (as now resolved) -> time of its latest correction

    for row in corrections:
        review["corrections"].append({
            "field": row.field, "old_value": row.old_value, "new_value": row.new_value, "note": row.note,
            "by": row.by_email, "at": _stamp(row.at), "action": row.action,
        })
        parts, missing = list_items.resolve(profile, paths.parse(row.field), row.item_keys)
        if missing is not None:
            continue  # the drug or lab it was about is no longer in the records
        field = paths.join(parts)
        kept_conflicts.pop(field, None)
        decided_at[field] = row.at
        if row.action in ("correct", "settle_conflict"):
            paths.set_(profile, parts, row.new_value)
        elif row.action == "not_stated":
            paths.delete(profile, parts)
        kept = row.new_value if row.action != "accept" else row.old_value
        extracted_now = paths.get(extracted_profile, parts)
        seen = (kept, row.old_value, row.extracted_value)
        # A re-extraction brought a value the navigator never saw: keep theirs, flag the new one.
        if (row.action != "not_stated" and not _absent(extracted_now)
                and not any(_values_equal(extracted_now, value) for value in seen)):
            kept_conflicts[field] = {"field": field, "values": [kept, extracted_now],
                                     "evidence": list(extracted_evidence.get(field, [])),
                                     "resolution": "navigator_kept"}
        else:
            conflicts[:] = [c for c in conflicts if c.get("field") != field]
        if row.action == "not_stated":
            evidence[field] = []
        evidence.setdefault(field, []).append(_navigator_evidence(
            kept if row.action != "not_stated" else None, row.by_email, row.at, row.note, f"navigator.{row.action}"))
    conflicts.extend(kept_conflicts.values())
    needs_review = bool(kept_conflicts)

    if confirmation is not None:
        confirmed_fields, changed = _apply_confirmation(report, confirmation, decided_at)
        needs_review = needs_review or changed
        new_fields = set(paths.flatten(profile)) - confirmed_fields
        newer_corrections = any(c.at > confirmation.at for c in corrections)
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


def _apply_confirmation(report: dict, confirmation: Confirmation, decided_at: dict[str, datetime]) -> tuple[set[str], bool]:
    """Put the confirmed values back over the report (a field corrected since keeps the correction);
    a value that now differs is kept as confirmed and flagged. Returns (the confirmed fields as
    resolved in this report, whether a conflict was raised)."""
    profile, evidence, conflicts = report["profile"], report["evidence"], report["conflicts"]
    confirmed_profile = paths.unflatten({path: entry["value"] for path, entry in confirmation.values.items()})
    fields: set[str] = set()
    changed = False
    for path, confirmed in confirmation.values.items():
        parts = paths.parse(path)
        keys = list_items.keys_along(confirmed_profile, parts)
        resolved, missing = list_items.resolve(profile, parts, keys)
        restored = False
        if missing is not None:
            # A confirmed drug or lab this extraction does not list: keep it as confirmed.
            key = keys[sum(isinstance(p, int) for p in parts[:missing])]
            container = paths.get(profile, resolved)
            if key is None or not (container is None or isinstance(container, list)):
                continue  # a positional item that is gone: nothing to match it with
            if container is None:
                paths.set_(profile, resolved, container := [])
            container.append(copy.deepcopy(paths.get(confirmed_profile, parts[: missing + 1])))
            resolved, missing = list_items.resolve(profile, parts, keys)
            if missing is not None:
                continue
            restored = True
        field = paths.join(resolved)
        fields.add(field)
        at = decided_at.get(field)
        if at is not None and at > confirmation.at:
            continue  # corrected since the confirmation: the correction wins
        now = paths.get(profile, resolved)
        paths.set_(profile, resolved, confirmed["value"])
        if _absent(now) or restored:
            evidence[field] = confirmed.get("evidence", [])
        elif not _values_equal(now, confirmed["value"]):
            conflicts.append({"field": field, "values": [confirmed["value"], now],
                              "evidence": evidence.get(field, []), "resolution": "confirmed_kept"})
            evidence[field] = confirmed.get("evidence", [])
            changed = True
    return fields, changed


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
    _require_plain_value(value)
    profile = latest.report.get("profile", {})
    parts = paths.check_known(field, profile)
    old = paths.get(profile, parts)
    keys = list_items.keys_along(profile, parts)
    if action == "settle_conflict" and not any(c.get("field") == field for c in latest.report.get("conflicts", [])):
        raise InvalidRequest(f"There is no open conflict on '{field}' to settle.")
    if action in ("correct", "settle_conflict") and value is None:
        raise InvalidRequest("Give the corrected value, or use action 'not_stated' when the records do not say.")
    new = value if action in ("correct", "settle_conflict") else (old if action == "accept" else None)
    # Served lists are the extraction's lists (in its order) plus restored confirmed items after
    # them, so the same indexes name the field's extracted value.
    extracted_value = paths.get(latest.extracted.get("profile", {}), parts)
    session.add(CorrectionRow(patient_id=patient_id, field=field, action=action, old_value=old,
                              new_value=new, note=(note or None), by_user_id=user.id, by_email=user.email,
                              at=utcnow(), extracted_value=extracted_value,
                              item_keys=keys if any(k is not None for k in keys) else None))
    session.flush()
    return write_version(session, patient_id, version, latest.extracted, "correction", user=user)


#: How deeply a corrected value may nest (a medication with its dose changes: 3 levels).
MAX_VALUE_DEPTH = 8


def _require_plain_value(value: Any, depth: int = 0) -> None:
    """JSON allows NaN, Infinity, NUL characters and nesting without end; a profile value has none."""
    if depth > MAX_VALUE_DEPTH:
        raise InvalidRequest(f"A value may nest lists and objects at most {MAX_VALUE_DEPTH} levels deep.")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidRequest("A value must be a finite number; NaN and Infinity are not allowed.")
    if isinstance(value, str) and "\x00" in value:
        raise InvalidRequest("A value must not contain NUL characters.")
    for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        _require_plain_value(item, depth + 1)


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
