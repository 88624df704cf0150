"""Patients: create (navigator, admin) and list what the caller may see."""

from __future__ import annotations

from fastapi import APIRouter, status
from sqlalchemy import func
from sqlmodel import select

from api import audit
from api.auth import assign_navigator, visible_patient_ids
from api.db import Document, Patient, User
from api.deps import ClientIp, CurrentUser, NavigatorUser, SessionDep, reachable
from api.errors import Forbidden, InvalidRequest
from api.profiles import current_report
from api.schemas import ErrorBody, PatientCreate, PatientId, PatientPublic

router = APIRouter(prefix="/api/patients", tags=["patients"],
                   responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}, 429: {"model": ErrorBody}})


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PatientId,
             responses={403: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def create_patient(body: PatientCreate, user: NavigatorUser, session: SessionDep, ip: ClientIp):
    patient = Patient(name=body.name.strip())
    session.add(patient)
    session.flush()
    if user.role == "navigator":
        if body.navigator_email and body.navigator_email.strip().lower() != user.email:
            raise Forbidden("A navigator can create patients only for themselves; ask an admin to assign others.")
        assign_navigator(session, user, patient.id)
    elif body.navigator_email:
        navigator = session.exec(select(User).where(User.email == body.navigator_email.strip().lower())).first()
        if navigator is None or navigator.role != "navigator":
            raise InvalidRequest("navigator_email does not name a navigator.")
        assign_navigator(session, navigator, patient.id)
    audit.record(session, user, "patient.create", patient_id=patient.id, ip=ip)
    session.commit()
    return PatientId(id=patient.id)


@router.get("", response_model=list[PatientPublic])
def list_patients(user: CurrentUser, session: SessionDep, ip: ClientIp):
    ids = visible_patient_ids(session, user)
    stmt = select(Patient).order_by(Patient.created_at, Patient.id)
    if ids is not None:
        stmt = stmt.where(Patient.id.in_(ids or [""]))
    patients = list(session.exec(stmt))
    out = [_public(session, p) for p in patients]
    audit.record(session, user, "patient.list", ip=ip, detail={"count": len(out)})
    session.commit()
    return out


@router.get("/{pid}", response_model=PatientPublic)
def get_patient(pid: str, user: CurrentUser, session: SessionDep, ip: ClientIp):
    patient = reachable(session, user, pid)
    audit.record(session, user, "patient.read", patient_id=pid, ip=ip)
    session.commit()
    return _public(session, patient)


def _public(session, patient: Patient) -> PatientPublic:
    counts = dict(session.exec(select(Document.status, func.count()).where(Document.patient_id == patient.id)
                               .group_by(Document.status)).all())
    report = current_report(session, patient.id)
    return PatientPublic(
        id=patient.id, name=patient.name, created_at=patient.created_at,
        documents=sum(counts.values()), documents_failed=counts.get("failed", 0),
        review_status=report.get("review", {}).get("status"), conflicts=len(report.get("conflicts", [])),
    )
