"""The patient's profile (PROFILE.md JSON of the latest version), corrections and confirmation."""

from __future__ import annotations

from fastapi import APIRouter

from api import audit
from api.deps import ClientIp, CurrentUser, NavigatorUser, SessionDep, reachable
from api.profiles import confirm_profile, correct_field, current_report
from api.schemas import CorrectionIn, ErrorBody

router = APIRouter(prefix="/api/patients/{pid}/profile", tags=["profile"],
                   responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}, 429: {"model": ErrorBody}})


@router.get("", response_model=dict, responses={200: {"description": "PROFILE.md JSON"}})
def get_profile(pid: str, user: CurrentUser, session: SessionDep, ip: ClientIp):
    reachable(session, user, pid)
    report = current_report(session, pid)
    audit.record(session, user, "profile.read", patient_id=pid, ip=ip)
    session.commit()
    return report


@router.patch("", response_model=dict,
              responses={403: {"model": ErrorBody}, 409: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def correct_profile(pid: str, body: CorrectionIn, user: NavigatorUser, session: SessionDep, ip: ClientIp):
    reachable(session, user, pid)
    version = correct_field(session, pid, user, body.field, body.value, body.note, body.action)
    audit.record(session, user, "profile.correct", patient_id=pid, ip=ip,
                 detail={"field": body.field, "action": body.action, "version": version.version})
    session.commit()
    return version.report


@router.post("/confirm", response_model=dict, responses={403: {"model": ErrorBody}, 409: {"model": ErrorBody}})
def confirm(pid: str, user: NavigatorUser, session: SessionDep, ip: ClientIp):
    reachable(session, user, pid)
    version = confirm_profile(session, pid, user)
    audit.record(session, user, "profile.confirm", patient_id=pid, ip=ip, detail={"version": version.version})
    session.commit()
    return version.report
