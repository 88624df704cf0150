"""GET /api/patients/{pid}/fhir: the profile as a FHIR R4 Bundle with mCODE profiles."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api import audit
from api.deps import ClientIp, CurrentUser, SessionDep, reachable
from api.fhir import build_bundle
from api.profiles import current_report
from api.schemas import ErrorBody

router = APIRouter(tags=["fhir"], responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}, 429: {"model": ErrorBody}})


@router.get("/api/patients/{pid}/fhir", response_class=JSONResponse,
            responses={200: {"content": {"application/fhir+json": {}}, "description": "FHIR Bundle"}})
def fhir_export(pid: str, user: CurrentUser, session: SessionDep, ip: ClientIp):
    patient = reachable(session, user, pid)
    bundle = build_bundle(patient.id, patient.name, current_report(session, pid))
    audit.record(session, user, "fhir.export", patient_id=pid, ip=ip, detail={"resources": len(bundle["entry"])})
    session.commit()
    return JSONResponse(bundle, media_type="application/fhir+json")
