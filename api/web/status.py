"""A document's processing status in plain words, for the records page and its live updates."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from api.db import Document, User
from api.deps import reachable
from api.schemas import DocumentPublic


@dataclass(frozen=True)
class DocState:
    document_id: str
    status: str  # queued | processing | done | partial | failed
    error: str | None
    done: int | None
    total: int | None
    pages: int

    @classmethod
    def of_public(cls, doc: DocumentPublic) -> "DocState":
        progress = doc.progress
        return cls(doc.document_id, doc.status, doc.error.message if doc.error else None,
                   progress.done if progress else None, progress.total if progress else None, len(doc.pages))

    @classmethod
    def of_row(cls, doc: Document) -> "DocState":
        return cls(doc.id, doc.status, doc.error_message if doc.error_code else None, doc.progress_done,
                   doc.progress_total, doc.page_count or 0)


def status_words(doc: DocState) -> str:
    """'Waiting to be read', 'Reading page 3 of 5', 'Done: 2 pages read', or the error and what to do."""
    if doc.status == "queued":
        if doc.error:  # a transient failure: it will be tried again
            return "Waiting to be tried again: " + doc.error
        return "Waiting to be read"
    if doc.status == "processing":
        if doc.total and doc.done is not None and doc.done < doc.total:
            return f"Reading page {doc.done + 1} of {doc.total}"
        if doc.total:
            return "Finding the details in the pages"
        return "Reading"
    if doc.status == "done":
        return f"Done: {doc.pages} page{'s' if doc.pages != 1 else ''} read"
    if doc.status == "partial":
        return "Partly read. " + (doc.error or "")
    return "Could not be read. " + (doc.error or "")


def status_json(doc: DocState) -> dict:
    """What the page's script shows (no record content, no file name)."""
    return {"document_id": doc.document_id, "status": doc.status, "words": status_words(doc),
            "finished": doc.status in ("done", "partial", "failed")}


def document_states(session: Session, user: User, pid: str) -> list[DocState]:
    """The statuses of a patient's documents. Polled every few seconds by the records page, so not
    audited: a status says nothing of a record's content (opening the page is audited)."""
    reachable(session, user, pid)
    rows = session.exec(select(Document).where(Document.patient_id == pid).order_by(Document.created_at, Document.id))
    return [DocState.of_row(d) for d in rows]
