"""Audit trail: who did what to which record, when and from where.

`detail` holds only field names, counts and statuses; never record text, values or file names.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from api.db import AuditEvent, User


def record(
    session: Session, user: User | None, action: str, *, patient_id: str | None = None,
    document_id: str | None = None, ip: str | None = None, detail: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        actor_user_id=user.id if user else None, actor_email=user.email if user else None,
        actor_role=user.role if user else "system", action=action, patient_id=patient_id,
        document_id=document_id, ip=ip, detail=detail,
    )
    session.add(event)
    return event


def events_for_patient(session: Session, patient_id: str, limit: int = 500) -> list[AuditEvent]:
    stmt = (
        select(AuditEvent).where(AuditEvent.patient_id == patient_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    )
    return list(session.exec(stmt))
