"""Storing an upload: the original once by sha256, a document row and its job row."""

from __future__ import annotations

import unicodedata

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from api.db import Document, Job, User, utcnow


def clean_filename(name: str | None) -> str:
    """The base name without directories, control or direction characters, at most 200 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    if not base:
        return "upload"
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 190] + dot + ext[:9]) if dot and len(ext) <= 9 else base[:200]
    return base


def clean_content_type(value: str | None) -> str | None:
    """The part's declared type as stored (it is never trusted: files are typed from their bytes):
    printable ASCII, at most 127 characters."""
    kept = "".join(ch for ch in (value or "") if " " <= ch <= "~").strip()[:127]
    return kept or None


def store_document(session: Session, user: User, pid: str, sha: str, filename: str,
                  content_type: str | None, size: int) -> tuple[Document, bool, bool]:
    """(document, created, to be queued). The same bytes again give the existing document; one
    that failed is queued again, so an upload can be retried."""
    existing = session.exec(select(Document).where(Document.patient_id == pid, Document.sha256 == sha)).first()
    if existing is not None:
        if existing.status != "failed":
            return existing, False, False
        job = session.exec(select(Job).where(Job.document_id == existing.id)).first()
        job.state, job.attempts, job.not_before, job.updated_at = "queued", 0, None, utcnow()
        existing.status, existing.error_code, existing.error_message = "queued", None, None
        session.add_all([job, existing])
        return existing, False, True
    doc = Document(patient_id=pid, sha256=sha, filename=filename, content_type=content_type, size=size,
                   uploaded_by=user.id)
    try:
        with session.begin_nested():
            session.add(doc)
            session.flush()
            session.add(Job(document_id=doc.id))
            session.flush()
    except IntegrityError:  # the same bytes arrived in a concurrent request
        existing = session.exec(select(Document).where(Document.patient_id == pid, Document.sha256 == sha)).first()
        if existing is None:
            raise
        return existing, False, False
    return doc, True, True
