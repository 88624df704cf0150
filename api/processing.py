"""Processing one uploaded document, exactly once, whatever happens to the worker.

    claim the job (lease) → read the original → ingest → extract → one transaction:
    pages + facts + document status + merged profile version + job done

The job row is the truth. A worker claims it with a conditional UPDATE and keeps a lease alive
with a heartbeat; everything it produces is written in a single transaction that also marks the
job done, and only while it still holds the lease. A worker killed mid-job leaves nothing behind
but an expiring lease; the sweep (`api.jobs.sweep`) re-queues the job and another run does it
again from the start.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Text, cast, delete, or_, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, select

from extract.findings import DocumentFacts
from ingest.errors import OncoguideError
from api import audit
from api.db import Document, Job, PageRow, session_scope, utcnow
from api.errors import InternalError, StorageUnavailable
from api.profiles import next_version_number, write_version
from api.services import Services

log = logging.getLogger("oncoguide.jobs")


@dataclass
class Outcome:
    state: str  # done | failed | retry | skipped
    retry_in: float | None = None


class LeaseLost(Exception):
    """Another worker took the job over (this one was too slow); drop this run's results."""


def claim(svc: Services, document_id: str, worker: str) -> bool:
    now = utcnow()
    with session_scope(svc.engine) as s:
        result = s.execute(
            update(Job)
            .where(Job.document_id == document_id,
                   or_(Job.state == "queued", (Job.state == "running") & (Job.lease_until < now)))
            .values(state="running", worker=worker, attempts=Job.attempts + 1,
                    lease_until=now + timedelta(seconds=svc.settings.job_lease_seconds), updated_at=now)
        )
        if result.rowcount != 1:
            return False
        s.execute(update(Document).where(Document.id == document_id)
                  .values(status="processing", error_code=None, error_message=None, updated_at=now))
    return True


class Heartbeat:
    """Extends the job's lease every third of its length while the work runs."""

    def __init__(self, svc: Services, document_id: str, worker: str) -> None:
        self.svc, self.document_id, self.worker = svc, document_id, worker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="oncoguide-heartbeat", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        period = self.svc.settings.job_lease_seconds / 3
        while not self._stop.wait(period):
            try:
                with session_scope(self.svc.engine) as s:
                    s.execute(update(Job)
                              .where(Job.document_id == self.document_id, Job.worker == self.worker,
                                     Job.state == "running")
                              .values(lease_until=utcnow() + timedelta(seconds=self.svc.settings.job_lease_seconds)))
            except (OperationalError, DBAPIError):
                log.warning("heartbeat could not reach the database; will try again")


class _Progress:
    """Writes 'page n of m' to the document row, at most twice a second."""

    def __init__(self, svc: Services, document_id: str) -> None:
        self.svc, self.document_id, self._last = svc, document_id, 0.0

    def __call__(self, done: int, total: int, *_: Any) -> None:
        now = time.monotonic()
        if now - self._last < 0.5 and done < total:
            return
        self._last = now
        try:
            with session_scope(self.svc.engine) as s:
                s.execute(update(Document).where(Document.id == self.document_id)
                          .values(progress_done=int(done), progress_total=int(total)))
        except (OperationalError, DBAPIError):
            pass  # progress is a courtesy; the work goes on


def run_job(svc: Services, document_id: str, worker: str) -> Outcome:
    if not claim(svc, document_id, worker):
        return Outcome("skipped")
    try:
        with Heartbeat(svc, document_id, worker):
            with Session(svc.engine) as s:
                doc = s.get(Document, document_id)
                sha, filename = doc.sha256, doc.filename
            data = svc.blobs.get(sha)
            document = svc.pipeline.read(data, filename, max_pages=svc.settings.max_pages,
                                         progress=_Progress(svc, document_id))
            facts = svc.pipeline.read_document(document, document_id)
            _commit(svc, document_id, worker, document, facts)
        log.info("document processed", extra={"document_id": document_id})
        return Outcome("done")
    except LeaseLost:
        log.warning("job lease lost; results of this run dropped", extra={"document_id": document_id})
        return Outcome("skipped")
    except (OperationalError, DBAPIError) as exc:
        return _failed(svc, document_id, worker, StorageUnavailable(), cause=exc)
    except OncoguideError as exc:
        return _failed(svc, document_id, worker, exc)
    except Exception as exc:  # a bug: record it without record content, do not retry
        log.error("unexpected %s while processing a document:\n%s", type(exc).__name__,
                  "".join(traceback.format_tb(exc.__traceback__)), extra={"document_id": document_id})
        return _failed(svc, document_id, worker, InternalError())


def _commit(svc: Services, document_id: str, worker: str, document: Any, facts: Any) -> None:
    facts_json = facts.model_dump(mode="json") if hasattr(facts, "model_dump") else dict(facts)
    with session_scope(svc.engine) as s:
        doc = s.get(Document, document_id)
        version = next_version_number(s, doc.patient_id)  # first: serialises this patient's writers
        done = s.execute(
            update(Job).where(Job.document_id == document_id, Job.worker == worker, Job.state == "running")
            .values(state="done", lease_until=None, last_error=None, updated_at=utcnow())
        )
        if done.rowcount != 1:
            raise LeaseLost()
        s.execute(delete(PageRow).where(PageRow.document_id == document_id))
        failed_pages = []
        for page in document.pages:
            err = page.error
            if err is not None:
                failed_pages.append(page.number)
            s.add(PageRow(
                document_id=document_id, number=page.number, text=page.text, source=page.source,
                confidence=page.confidence, width=page.width, height=page.height, dpi=page.dpi,
                rotation=page.rotation, skew=page.skew, sheet=page.sheet, words=[w.model_dump(mode="json") for w in page.words],
                error_code=err.code if err else None, error_message=err.message if err else None,
            ))
        summary = facts_json.get("summary", {})
        doc.facts = facts_json
        doc.page_count = len(document.pages)
        doc.doc_type = getattr(document, "type", None)
        doc.kind = summary.get("kind")
        doc.text_source = summary.get("text_source") or getattr(document, "text_source", None)
        doc.progress_done = doc.progress_total = len(document.pages)
        doc.updated_at = utcnow()
        if failed_pages:
            doc.status = "partial"
            doc.error_code = "partial"
            doc.error_message = (
                f"Page(s) {', '.join(map(str, failed_pages))} could not be read; the other pages were. "
                "Photograph or scan those pages again and upload them."
            )
        else:
            doc.status, doc.error_code, doc.error_message = "done", None, None
        s.add(doc)
        s.flush()
        extracted = merged_profile(svc, s, doc.patient_id)
        write_version(s, doc.patient_id, version, extracted, "extraction", document_id=document_id)
        audit.record(s, None, "document.processed", patient_id=doc.patient_id, document_id=document_id,
                     detail={"status": doc.status, "pages": doc.page_count})


def merged_profile(svc: Services, s: Session, patient_id: str) -> dict:
    """All processed documents of the patient, merged by the extract stage from their stored
    facts (never extracted again)."""
    report = svc.pipeline.merge_facts(stored_facts(s, patient_id))
    return report.to_json_dict() if hasattr(report, "to_json_dict") else dict(report)


def stored_facts(s: Session, patient_id: str) -> list[DocumentFacts]:
    """The facts of the patient's processed documents, oldest upload first: one query of that
    column alone, as JSON text that pydantic parses straight into the models (a patient's 50
    documents hold about 650 KB of facts; see docs/benchmarks.md, "Re-merging")."""
    facts_json = cast(Document.facts, Text)
    rows = s.exec(select(facts_json).where(Document.patient_id == patient_id,
                                           Document.status.in_(("done", "partial")),
                                           Document.facts.is_not(None))
                  .order_by(Document.created_at, Document.id))
    return [DocumentFacts.model_validate_json(text) for text in rows]


def _failed(svc: Services, document_id: str, worker: str, exc: OncoguideError, cause: BaseException | None = None) -> Outcome:
    """Record a failure; ask for a retry with backoff when it is transient and tries remain."""
    log.warning("document processing failed: %s%s", exc.code, " (transient)" if exc.transient else "",
                extra={"document_id": document_id})
    settings = svc.settings
    try:
        with session_scope(svc.engine) as s:
            job = s.exec(select(Job).where(Job.document_id == document_id)).first()
            if job is None or job.worker != worker or job.state != "running":
                return Outcome("skipped")
            now = utcnow()
            retry = exc.transient and job.attempts < settings.job_max_attempts
            delay = settings.job_retry_base_seconds * 2 ** (job.attempts - 1) if retry else None
            job.state = "queued" if retry else "failed"
            job.last_error, job.lease_until, job.updated_at = exc.code, None, now
            job.not_before = now + timedelta(seconds=delay) if retry else None
            s.add(job)
            s.execute(update(Document).where(Document.id == document_id).values(
                status="queued" if retry else "failed", error_code=exc.code, error_message=exc.message,
                updated_at=now))
            if not retry:
                doc = s.get(Document, document_id)
                audit.record(s, None, "document.failed", patient_id=doc.patient_id, document_id=document_id,
                             detail={"code": exc.code})
    except (OperationalError, DBAPIError):
        # The database itself is down: leave the lease to expire; the sweep re-queues the job.
        log.warning("could not record the failure; the job will be re-queued when its lease expires")
        return Outcome("skipped")
    return Outcome("retry", delay) if retry else Outcome("failed")
