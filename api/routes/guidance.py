"""Tailored guidance for a patient's profile, and the answer library's questions."""

from __future__ import annotations

from fastapi import APIRouter

from api import audit
from api.deps import ClientIp, CurrentUser, ServicesDep, SessionDep, reachable
from api.profiles import current_report
from api.schemas import ErrorBody, GuidanceIn

router = APIRouter(tags=["guidance"],
                   responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}, 429: {"model": ErrorBody}})


@router.post("/api/patients/{pid}/guidance", response_model=dict,
             responses={200: {"description": "GUIDANCE.md JSON"}, 422: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def guidance(pid: str, body: GuidanceIn, user: CurrentUser, session: SessionDep, svc: ServicesDep, ip: ClientIp):
    reachable(session, user, pid)
    report = current_report(session, pid)
    audit.record(session, user, "guidance.create", patient_id=pid, ip=ip,
                 detail={"mode": "question" if body.question else "answer_text"})
    session.commit()
    return svc.pipeline.guide(report, question=body.question, answer_text=body.answer_text)


@router.get("/api/library", response_model=list[dict], responses={503: {"model": ErrorBody}})
def library(user: CurrentUser, svc: ServicesDep):
    items = svc.pipeline.library()
    out = []
    for item in items or []:
        data = item if isinstance(item, dict) else (item.model_dump(mode="json") if hasattr(item, "model_dump") else vars(item))
        out.append({k: data.get(k) for k in ("id", "title", "questions") if k in data})
    return out
