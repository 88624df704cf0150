"""Jobs: retries with backoff, no retry on bad input, idempotence, leases, the sweep, and a real
worker process killed with SIGKILL mid-job that finishes the job exactly once after restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import Session, func, select

from api.db import Document, Job, PageRow, ProfileVersion, session_scope, utcnow
from api.processing import claim, run_job
from api.services import Services
from api.uploads import store_document
from tests.test_api_fakes import REDIS_URL, People, db_url, make_settings  # noqa: F401

REPO = Path(__file__).resolve().parents[1]


def _store(svc: Services, people: People, data: bytes, *, enqueue: bool = False) -> str:
    from api.db import User

    with session_scope(svc.engine) as s:
        user = s.exec(select(User).where(User.email == "nav@clinic.test")).one()
        doc, _, _ = store_document(s, user, people.p1.id, svc.blobs.put(data), "r.txt", None, len(data))
    if enqueue:
        svc.queue.enqueue(doc.id)
    return doc.id


def _job(svc: Services, did: str) -> Job:
    with Session(svc.engine) as s:
        return s.exec(select(Job).where(Job.document_id == did)).one()


def _versions(svc: Services, did: str | None = None) -> int:
    with Session(svc.engine) as s:
        stmt = select(func.count()).select_from(ProfileVersion)
        if did:
            stmt = stmt.where(ProfileVersion.document_id == did)
        return s.exec(stmt).one()


@pytest.fixture
def svc(tmp_path, db_url):
    s = Services.from_settings(make_settings(tmp_path, database_url=db_url, job_retry_base_seconds=1.5,
                                             job_max_attempts=3), immediate=True)
    yield s
    s.close()


@pytest.fixture
def people(svc):
    return People(svc)


def test_transient_errors_are_retried_with_backoff_then_succeed(svc, people):
    did = _store(svc, people, b"FLAKY 2\nreceptors.er.status=positive\n")
    first = run_job(svc, did, "w1")
    assert (first.state, first.retry_in) == ("retry", 1.5)
    assert _job(svc, did).state == "queued" and _job(svc, did).not_before > utcnow()
    second = run_job(svc, did, "w1")
    assert (second.state, second.retry_in) == ("retry", 3.0)  # doubles
    assert run_job(svc, did, "w1").state == "done"
    job = _job(svc, did)
    assert job.state == "done" and job.attempts == 3 and _versions(svc, did) == 1


def test_transient_errors_give_up_after_the_last_attempt(svc, people):
    did = _store(svc, people, b"FLAKY 99\nx=1\n")
    states = [run_job(svc, did, "w1").state for _ in range(3)]
    assert states == ["retry", "retry", "failed"]
    with Session(svc.engine) as s:
        doc = s.get(Document, did)
        assert doc.status == "failed" and doc.error_code == "ocr_unavailable"
    assert run_job(svc, did, "w1").state == "skipped"


def test_bad_input_is_not_retried(svc, people):
    did = _store(svc, people, b"LOCKED\n")
    assert run_job(svc, did, "w1").state == "failed"
    assert _job(svc, did).attempts == 1 and run_job(svc, did, "w1").state == "skipped"


def test_a_bug_in_a_stage_fails_the_document_without_logging_its_text(svc, people, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    did = _store(svc, people, b"CRASH Quokka-private-text\n")
    assert run_job(svc, did, "w1").state == "failed"
    with Session(svc.engine) as s:
        doc = s.get(Document, did)
        assert doc.error_code == "internal_error" and "Quokka" not in doc.error_message
    assert "RuntimeError" in caplog.text and "Quokka" not in caplog.text


def test_a_done_job_is_not_run_again(svc, people):
    did = _store(svc, people, b"diagnosis.grade=2\n")
    assert run_job(svc, did, "w1").state == "done"
    assert run_job(svc, did, "w2").state == "skipped"
    assert _versions(svc, did) == 1


def test_a_worker_that_lost_its_lease_drops_its_results(svc, people):
    did = _store(svc, people, b"diagnosis.grade=2\n")
    assert claim(svc, did, "slow-worker")
    with session_scope(svc.engine) as s:  # its lease runs out while it works
        s.execute(update(Job).where(Job.document_id == did).values(lease_until=utcnow() - timedelta(seconds=1)))
    assert run_job(svc, did, "fast-worker").state == "done"
    from api.processing import _commit

    document = svc.pipeline.read(b"diagnosis.grade=2\n", "r.txt", max_pages=10)
    from api.processing import LeaseLost

    with pytest.raises(LeaseLost):
        _commit(svc, did, "slow-worker", document, svc.pipeline.read_document(document, did))
    assert _versions(svc, did) == 1
    with Session(svc.engine) as s:
        assert s.exec(select(func.count()).select_from(PageRow).where(PageRow.document_id == did)).one() == 1


def test_sweep_requeues_abandoned_jobs(svc, people):
    from api.jobs import sweep

    did = _store(svc, people, b"diagnosis.grade=2\n")
    assert claim(svc, did, "dead-worker")
    assert sweep(svc) == 0  # lease still valid
    with session_scope(svc.engine) as s:
        s.execute(update(Job).where(Job.document_id == did).values(lease_until=utcnow() - timedelta(seconds=1)))
    assert sweep(svc) == 1  # immediate mode: re-enqueued and run at once
    assert _job(svc, did).state == "done" and _versions(svc, did) == 1


# --- a real worker process, killed with SIGKILL ---------------------------------------------------


def _worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "api", "worker", "--threads", "1"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
@pytest.mark.parametrize("database,queue", [
    ("sqlite", "sqlite"),  # the embedded default
    pytest.param("sqlite", "redis", marks=pytest.mark.redis),
    pytest.param("postgres", "redis", marks=[pytest.mark.postgres, pytest.mark.redis]),  # several machines
])
def test_worker_killed_mid_job_finishes_it_once_after_restart(tmp_path, database, queue):
    from tests.test_api_fakes import POSTGRES_URL, fresh_postgres

    if queue == "redis":
        if not REDIS_URL:
            pytest.skip("ONCOGUIDE_TEST_REDIS_URL is not set")
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    db_url = None
    if database == "postgres":
        if not POSTGRES_URL:
            pytest.skip("ONCOGUIDE_TEST_POSTGRES_URL is not set")
        db_url = fresh_postgres(POSTGRES_URL)
    settings = make_settings(tmp_path, database_url=db_url, redis_url=REDIS_URL if queue == "redis" else None,
                             job_lease_seconds=1.0, job_sweep_seconds=0.2)
    env = {**os.environ, "ONCOGUIDE_DATA_DIR": str(settings.data_dir), "ONCOGUIDE_PIPELINE": settings.pipeline,
           "ONCOGUIDE_JOB_LEASE_SECONDS": "1.0", "ONCOGUIDE_JOB_SWEEP_SECONDS": "0.2",
           "ONCOGUIDE_DATABASE_URL": settings.resolved_database_url, "ONCOGUIDE_REDIS_URL": settings.redis_url or "",
           "PYTHONPATH": str(REPO)}
    svc = Services.from_settings(settings)
    people = People(svc)
    (settings.data_dir / "gate").write_text("closed")
    did = _store(svc, people, b"GATE\nreceptors.er.status=positive\n\fdiagnosis.grade=2\n", enqueue=True)
    other = _store(svc, people, b"ecog=1\n", enqueue=True)

    first = _worker(env)
    try:
        _wait(lambda: (settings.data_dir / "entered").exists(), 60, "the worker to start the job")
        assert _job(svc, did).state == "running"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    with Session(svc.engine) as s:  # nothing half-written
        assert s.get(Document, did).status == "processing"
        assert s.exec(select(func.count()).select_from(PageRow).where(PageRow.document_id == did)).one() == 0
    assert _versions(svc, did) == 0

    (settings.data_dir / "gate").unlink()
    second = _worker(env)
    try:
        _wait(lambda: _job(svc, did).state == "done" and _job(svc, other).state == "done", 60,
              "the restarted worker to finish the jobs")
        time.sleep(1.0)  # give a duplicate run, if any, the chance to show itself
    finally:
        second.send_signal(signal.SIGINT)
        try:
            second.wait(20)
        except subprocess.TimeoutExpired:
            second.kill()
    err = second.stderr.read().decode(errors="replace")
    assert "Traceback" not in err, err[-2000:]
    job = _job(svc, did)
    assert job.state == "done" and job.attempts == 2
    assert _versions(svc, did) == 1
    with Session(svc.engine) as s:
        assert s.exec(select(func.count()).select_from(Document)).one() == 2
        assert s.exec(select(func.count()).select_from(PageRow).where(PageRow.document_id == did)).one() == 2
        latest = s.exec(select(ProfileVersion).order_by(ProfileVersion.version.desc())).first()
        assert latest.report["profile"]["receptors"]["er"]["status"] == "positive"
        assert latest.report["profile"]["ecog"] == 1
    svc.close()
