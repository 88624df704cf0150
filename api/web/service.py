"""The service's operations as the pages call them.

The pages act through the API's own route functions (same access checks, same audit events);
this module is the one place that knows their signatures. The caller has already authenticated
the user from the session cookie and, for navigator actions, checked the role.
"""

from __future__ import annotations

from typing import Any

from fastapi import UploadFile
from sqlmodel import Session

from api.db import Document, User
from api.routes import audit, documents, fhir, guidance, profiles
from api.schemas import CorrectionIn, GuidanceIn
from api.services import Services


def upload(session: Session, svc: Services, user: User, pid: str, files: list[UploadFile], ip: str | None):
    return documents.upload_documents(pid=pid, user=user, session=session, svc=svc, ip=ip, file=files)


def list_documents(session: Session, svc: Services, user: User, pid: str, ip: str | None):
    return documents.list_documents(pid=pid, user=user, session=session, svc=svc, ip=ip)


def document_row(session: Session, user: User, did: str) -> Document:
    """The document, or `NotFound` when it does not exist or is out of the user's reach."""
    return documents._reachable_document(session, user, did)


def page(session: Session, svc: Services, user: User, did: str, n: int, ip: str | None):
    return documents.page_detail(did=did, n=n, user=user, session=session, svc=svc, ip=ip)


def page_png(session: Session, svc: Services, user: User, did: str, n: int, ip: str | None, accept: str | None = None):
    return documents.page_image(did=did, n=n, user=user, session=session, svc=svc, ip=ip, accept=accept)


def profile(session: Session, user: User, pid: str, ip: str | None) -> dict:
    return profiles.get_profile(pid=pid, user=user, session=session, ip=ip)


def correct(session: Session, user: User, pid: str, body: CorrectionIn, ip: str | None) -> dict:
    return profiles.correct_profile(pid=pid, body=body, user=user, session=session, ip=ip)


def confirm(session: Session, user: User, pid: str, ip: str | None) -> dict:
    return profiles.confirm(pid=pid, user=user, session=session, ip=ip)


def tailored(session: Session, svc: Services, user: User, pid: str, question: str, ip: str | None) -> dict:
    return guidance.guidance(pid=pid, body=GuidanceIn(question=question), user=user, session=session, svc=svc, ip=ip)


def audit_trail(session: Session, user: User, pid: str, ip: str | None, limit: int = 500):
    return audit.patient_audit(pid=pid, user=user, session=session, ip=ip, limit=limit)


def fhir_bundle(session: Session, user: User, pid: str, ip: str | None):
    return fhir.fhir_export(pid=pid, user=user, session=session, ip=ip)


def library_questions(svc: Services) -> list[tuple[str, list[str]]]:
    """(answer title, its questions) for each library answer: the personalize stage's `Library`,
    or a plain list of {id, title, questions} from another pipeline."""
    items: Any = svc.pipeline.library()
    answers = getattr(items, "answers", items) or []
    out = []
    for item in answers:
        meta = getattr(item, "meta", None)
        if meta is not None:
            out.append((meta.title, list(meta.questions)))
        elif isinstance(item, dict):
            out.append((item.get("title") or item.get("id", ""), list(item.get("questions", []))))
    return out
