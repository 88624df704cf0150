"""The audit trail of one patient (navigator, admin)."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api import audit
from api.deps import ClientIp, NavigatorUser, SessionDep, reachable
from api.schemas import AuditEventPublic, ErrorBody

router = APIRouter(tags=["audit"], responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                                              404: {"model": ErrorBody}, 429: {"model": ErrorBody}})


@router.get("/api/patients/{pid}/audit", response_model=list[AuditEventPublic])
def patient_audit(pid: str, user: NavigatorUser, session: SessionDep, ip: ClientIp,
                  limit: int = Query(500, ge=1, le=5000)):
    reachable(session, user, pid)
    audit.record(session, user, "audit.read", patient_id=pid, ip=ip)
    session.commit()
    return [AuditEventPublic(at=e.at, actor=e.actor_email, role=e.actor_role, action=e.action,
                             patient_id=e.patient_id, document_id=e.document_id, ip=e.ip, detail=e.detail)
            for e in audit.events_for_patient(session, pid, limit)]
