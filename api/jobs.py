"""Background jobs on Huey: SQLite storage in the data directory by default, Redis when
``ONCOGUIDE_REDIS_URL`` is set (several worker machines share one queue).

Huey carries document ids; the `jobs` table carries the state (see `api.processing`). Transient
failures are retried with exponential backoff through Huey's `RetryTask`; bad input is not
retried. `sweep` re-queues jobs whose worker vanished (lease expired) or whose queue entry was
lost; every worker runs it at start and then every ``job_sweep_seconds``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

from huey import RedisHuey, SqliteHuey
from huey.api import Huey
from huey.exceptions import RetryTask
from sqlalchemy import and_, or_, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import select

from api.db import Document, Job, session_scope, utcnow
from api.services import Services

log = logging.getLogger("oncoguide.jobs")

def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{threading.get_ident() % 100000}"


def build_huey(svc: Services, *, immediate: bool = False) -> Huey:
    """A Huey instance whose task runs with `svc` (each process builds its own)."""
    settings = svc.settings
    if settings.redis_url:
        huey: Huey = RedisHuey("oncoguide", url=settings.redis_url, results=False, immediate=immediate)
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey("oncoguide", filename=str(settings.queue_path), results=False,
                          immediate=immediate, timeout=30)

    @huey.task(name="process_document")
    def process_document(document_id: str) -> None:
        from api.processing import run_job

        outcome = run_job(svc, document_id, worker_name())
        if outcome.state == "retry":
            raise RetryTask(delay=outcome.retry_in)

    huey.process_document = process_document  # type: ignore[attr-defined]
    return huey


class JobQueue:
    def __init__(self, svc: Services, *, immediate: bool = False) -> None:
        self.svc = svc
        self.huey = build_huey(svc, immediate=immediate)

    def enqueue(self, document_id: str) -> None:
        """Put the document's job on the queue. If the queue is unreachable, the job row stays
        `queued` and the next sweep enqueues it."""
        try:
            self.huey.process_document(document_id)
        except (OSError, ConnectionError) as exc:
            log.warning("queue unreachable (%s); the sweep will enqueue the job later", type(exc).__name__)
        except Exception as exc:  # redis and sqlite storage errors
            if exc.__class__.__module__.split(".")[0] in ("redis", "sqlite3"):
                log.warning("queue unreachable (%s); the sweep will enqueue the job later", type(exc).__name__)
            else:
                raise


def sweep(svc: Services, *, startup: bool = False) -> int:
    """Re-queue abandoned jobs; return how many were enqueued.

    Abandoned: `running` with an expired lease (the worker died), or `queued` for longer than a
    lease without being picked up (the queue entry was lost). At a worker's start every `queued`
    job is enqueued again: duplicates are harmless, since only one run can claim a job.
    """
    now = utcnow()
    stale = now - timedelta(seconds=svc.settings.job_lease_seconds)
    try:
        with session_scope(svc.engine) as s:
            expired = list(s.exec(select(Job.document_id).where(Job.state == "running", Job.lease_until < now)))
            if expired:
                s.execute(update(Job).where(Job.document_id.in_(expired), Job.state == "running",
                                            Job.lease_until < now)
                          .values(state="queued", lease_until=None, updated_at=now))
                s.execute(update(Document).where(Document.id.in_(expired)).values(status="queued"))
            due = or_(Job.not_before.is_(None), Job.not_before <= now)
            waiting_cond = and_(Job.state == "queued", due)
            if not startup:
                waiting_cond = and_(waiting_cond, Job.updated_at < stale)
            waiting = list(s.exec(select(Job.document_id).where(waiting_cond)))
    except (OperationalError, DBAPIError):
        log.warning("sweep could not reach the database; will try again")
        return 0
    todo = sorted(set(expired) | set(waiting))
    for document_id in todo:
        svc.queue.enqueue(document_id)
    if todo:
        log.info("sweep re-queued %d job(s)", len(todo))
    return len(todo)


class Sweeper:
    """Runs `sweep` at start and then periodically, in a daemon thread."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="oncoguide-sweeper", daemon=True)

    def start(self) -> "Sweeper":
        sweep(self.svc, startup=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.svc.settings.job_sweep_seconds):
            sweep(self.svc)


def run_worker(svc: Services, threads: int) -> None:
    """Consume jobs until SIGINT/SIGTERM (Huey's consumer handles the signals)."""
    sweeper = Sweeper(svc).start()
    consumer = svc.queue.huey.create_consumer(workers=threads, worker_type="thread", periodic=False,
                                              initial_delay=0.1, max_delay=1.0, backoff=1.15)
    try:
        consumer.run()
    finally:
        sweeper.stop()
