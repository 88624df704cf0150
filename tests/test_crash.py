"""Crashes, on a real oncoguide (API and worker processes): a worker killed with SIGKILL in the
middle of OCR (the real stages), the API killed with SIGKILL during uploads, the SQLite database
locked, PostgreSQL stopped and started again mid-run, the data directory full or read-only. Those
last ones are about the service's storage and jobs, not about reading records, so their processes
read uploads with the service tests' `FakePipeline` (no minute of spaCy loading per process).

What must hold: a job is finished exactly once after a restart; no half-stored document is ever
visible and an upload can be retried; while storage is unavailable requests fail with a clear 503
(never a 500, never a hang) and they work again once it is back, without restarting oncoguide;
nothing stored is corrupted.

The full and read-only data directory is a small tmpfs mounted for the test (and remounted
read-only): the real ENOSPC and EROFS errors. Mounting needs root with CAP_SYS_ADMIN; elsewhere
those tests are skipped, saying so.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, func, select

from tests.hostile.live import Clinic, PrivatePostgres, wait_final, wait_for

pytestmark = pytest.mark.slow

MB = 1024 * 1024
FAST_RECOVERY = {"ONCOGUIDE_JOB_LEASE_SECONDS": "3", "ONCOGUIDE_JOB_SWEEP_SECONDS": "1",
                 "ONCOGUIDE_JOB_RETRY_BASE_SECONDS": "0.5"}
FAKE_STAGES = {**FAST_RECOVERY, "ONCOGUIDE_PIPELINE": "tests.test_api_fakes:FakePipeline"}


def note(n: int) -> bytes:
    return f"CLINIC NOTE {n}\nEstrogen receptor positive (90%).\nKi-67: {n}%.\n".encode()


def padded_pdf(n: int, size: int) -> bytes:
    """A small text PDF grown to `size` bytes by a trailing comment (plain text that long would be
    refused for holding too much text)."""
    from tests.hostile.corpus import text_pdf

    data = text_pdf([f"CLINIC NOTE {n}", "Estrogen receptor positive (90%)."])
    return data + b"%" + b"z" * max(0, size - len(data) - 2) + b"\n"


def upload(client: httpx.Client, pid: str, name: str, data: bytes) -> httpx.Response:
    return client.post(f"/api/patients/{pid}/documents", files={"file": (name, data, "application/octet-stream")})


def rows(clinic: Clinic, model, **where) -> list:
    with Session(clinic.engine) as s:
        stmt = select(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return list(s.exec(stmt))


def count(clinic: Clinic, model, **where) -> int:
    with Session(clinic.engine) as s:
        stmt = select(func.count()).select_from(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return s.exec(stmt).one()


def assert_originals_intact(clinic: Clinic) -> None:
    """Every document's original is stored, and its bytes still hash to its name."""
    from api.db import Document
    from api.storage import BlobStore

    blobs = BlobStore(clinic.data_dir / "originals")
    for doc in rows(clinic, Document):
        assert hashlib.sha256(blobs.get(doc.sha256)).hexdigest() == doc.sha256


def assert_no_500(clinic: Clinic) -> None:
    """No request was answered 500 and no process logged an unexpected error."""
    log = clinic.log_text()
    assert '" 500' not in log and "unexpected" not in log and "Traceback" not in log, log[-3000:]


@pytest.fixture
def clinic(tmp_path):
    clinic = Clinic(tmp_path / "data", settings=FAKE_STAGES)
    yield clinic
    clinic.stop()


@pytest.fixture
def real_clinic(tmp_path):
    clinic = Clinic(tmp_path / "data", settings=FAST_RECOVERY)
    yield clinic
    clinic.stop()


def _people(clinic: Clinic) -> tuple[str, str]:
    clinic.user("nav@clinic.test", "navigator")
    pid = clinic.patient("Crash Example", "nav@clinic.test")
    return pid, clinic.user("crash@example.test", "patient", pid)


def _running_with_one_document(clinic: Clinic) -> tuple[str, httpx.Client, str]:
    """Start the API and a worker, and process a first upload; (patient id, her client, document id)."""
    clinic.start_api()
    clinic.start_worker()
    pid, token = _people(clinic)
    client = clinic.client(token, timeout=30)
    first = upload(client, pid, "one.txt", note(1)).json()["document_id"]
    assert wait_final(client, first)["status"] == "done"
    return pid, client, first


# --- kill -9 ------------------------------------------------------------------------------------


def twenty_page_scan() -> bytes:
    from ingest.synth import image_pdf, rasterize, report_pages, text_pdf

    pages = rasterize(text_pdf(report_pages(pages=20, lines_per_page=5, seed=11)), dpi=200)
    return image_pdf([p.crop((0, 0, p.width, p.height // 6)) for p in pages], dpi=200)  # small pages: quick OCR


@pytest.mark.ocr
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_worker_killed_during_ocr_of_a_20_page_scan_finishes_the_job_once(real_clinic):
    from api.db import Document, Job, PageRow, ProfileVersion

    clinic = real_clinic
    clinic.start_api()
    pid, token = _people(clinic)
    client = clinic.client(token)
    worker = clinic.start_worker()
    did = upload(client, pid, "scan.pdf", twenty_page_scan()).json()["document_id"]

    def reading():
        doc = client.get(f"/api/documents/{did}").json()
        progress = doc.get("progress") or {}
        return doc["status"] == "processing" and 3 <= (progress.get("done") or 0) < 20
    wait_for(reading, 120, "OCR to be a few pages in")
    worker.kill9()
    killed_at = client.get(f"/api/documents/{did}").json()
    assert killed_at["status"] == "processing" and killed_at["pages"] == []  # nothing half-written
    assert count(clinic, PageRow, document_id=did) == 0 and count(clinic, ProfileVersion, document_id=did) == 0

    clinic.start_worker()  # its start-up sweep finds the job once the dead worker's lease expires
    doc = wait_final(client, did, timeout=240)
    assert doc["status"] == "done", doc
    assert [p["number"] for p in doc["pages"]] == list(range(1, 21))
    assert all(p["source"] == "ocr" for p in doc["pages"])
    time.sleep(2)  # a duplicate run, if any, would show itself now
    job = rows(clinic, Job, document_id=did)[0]
    assert job.state == "done" and job.attempts == 2
    assert count(clinic, PageRow, document_id=did) == 20
    assert count(clinic, ProfileVersion, document_id=did) == 1
    assert count(clinic, Document) == 1
    assert_no_500(clinic)


def _send_half(clinic: Clinic, token: str, pid: str, data: bytes, sent: threading.Event) -> None:
    """Send an upload's headers and half its body, then wait (the API is killed meanwhile)."""
    import socket

    boundary = "crash-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"half.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    head = (f"POST /api/patients/{pid}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", clinic.port), timeout=30) as sock:
        sock.sendall(head + body[: len(body) // 2])
        sent.set()
        try:
            sock.recv(100)  # returns when the killed API's socket is closed
        except OSError:
            pass


def test_api_killed_during_uploads_leaves_nothing_half_stored_and_loses_nothing_acknowledged(clinic):
    """First the API is killed while an upload's body is half sent: nothing of it is visible and it
    can be sent again. Then four clients upload without pause and the API is killed at a random
    moment of their requests: every upload answered 202 is there and gets processed, every
    document row has its intact original and its job, and the uploads cut off can be retried
    and are stored once."""
    from api.db import Document, Job

    clinic.start_api()
    pid, token = _people(clinic)
    data = padded_pdf(1, 3 * MB)  # the body takes a while to send
    sent = threading.Event()
    sender = threading.Thread(target=_send_half, args=(clinic, token, pid, data, sent))
    sender.start()
    assert sent.wait(10)
    time.sleep(0.3)
    clinic.api.kill9()
    sender.join(10)
    assert count(clinic, Document) == 0 and count(clinic, Job) == 0
    assert not any(p.is_file() and not p.name.startswith(".incoming-")
                   for p in (clinic.data_dir / "originals").rglob("*"))

    clinic.start_api()
    clinic.start_worker()
    client = clinic.client(token)
    assert client.get(f"/api/patients/{pid}/documents").json() == []
    r = upload(client, pid, "half.pdf", data)
    assert r.status_code == 202
    acknowledged: dict[bytes, str] = {data: r.json()["document_id"]}
    unanswered: list[bytes] = []
    stop = threading.Event()
    lock = threading.Lock()

    def client_loop(i: int) -> None:
        with clinic.client(token, timeout=30) as c:
            n = 0
            while not stop.is_set() and n < 6:
                data = note(1000 * i + n)
                n += 1
                try:
                    r = upload(c, pid, f"n{i}-{n}.txt", data)
                    with lock:
                        if r.status_code == 202:
                            acknowledged[data] = r.json()["document_id"]
                        else:
                            unanswered.append(data)
                except httpx.HTTPError:
                    with lock:
                        unanswered.append(data)

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    wait_for(lambda: len(acknowledged) >= 9, 60, "some uploads to be accepted")
    clinic.api.kill9()
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(30)

    clinic.start_api()
    docs = {d["document_id"]: d for d in client.get(f"/api/patients/{pid}/documents").json()}
    assert set(acknowledged.values()) <= set(docs)  # nothing acknowledged was lost
    assert count(clinic, Job) == count(clinic, Document) == len(docs)  # every document has its job
    assert_originals_intact(clinic)
    for data in unanswered:  # the uploads cut off by the kill can be sent again
        r = upload(client, pid, "again.txt", data)
        assert r.status_code == 202, r.text
        acknowledged[data] = r.json()["document_id"]
    for did in set(acknowledged.values()):
        assert wait_final(client, did, timeout=120)["status"] == "done", [(j.document_id, j.state, j.attempts)
                                                                           for j in rows(clinic, Job)]
    shas = [d.sha256 for d in rows(clinic, Document)]
    assert len(shas) == len(set(shas)) == len(acknowledged)  # each upload stored exactly once
    assert_no_500(clinic)


# --- the database ---------------------------------------------------------------------------------


def test_a_locked_sqlite_database_makes_requests_wait_then_succeed(clinic):
    clinic.start_api()
    pid, token = _people(clinic)
    client = clinic.client(token)
    lock = sqlite3.connect(clinic.data_dir / "oncoguide.db", timeout=30)
    lock.execute("BEGIN EXCLUSIVE")
    answers = {}

    def ask(name, call):
        start = time.monotonic()
        answers[name] = (call().status_code, time.monotonic() - start)

    threads = [threading.Thread(target=ask, args=("profile", lambda: client.get(f"/api/patients/{pid}/profile"))),
               threading.Thread(target=ask, args=("upload", lambda: upload(client, pid, "a.txt", note(1)))),
               threading.Thread(target=ask, args=("healthz", lambda: client.get("/healthz")))]
    for t in threads:
        t.start()
    time.sleep(2.0)
    lock.rollback()
    lock.close()
    for t in threads:
        t.join(30)
    # Reads do not wait for a writer in WAL mode: health answered before the lock went.
    assert answers["healthz"][0] == 200 and answers["healthz"][1] < 1.5
    assert answers["profile"][0] == 200 and answers["upload"][0] == 202
    assert answers["upload"][1] >= 1.5  # the write waited for the lock
    assert_no_500(clinic)


def test_a_database_locked_longer_than_the_busy_timeout_is_a_503_and_recovers(tmp_path):
    """In-process, with SQLite's busy timeout cut from 30 s to 0.3 s so the test does not wait."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from api.app import create_app
    from api.services import Services
    from tests.test_api_fakes import People, make_settings

    svc = Services.from_settings(make_settings(tmp_path), immediate=True)

    @event.listens_for(svc.engine, "connect")
    def _short_busy_timeout(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA busy_timeout=300")

    svc.engine.dispose()
    people = People(svc)
    h = People.h(people.pat1)
    with TestClient(create_app(services=svc)) as client:
        lock = sqlite3.connect(svc.settings.data_dir / "oncoguide.db")
        lock.execute("BEGIN EXCLUSIVE")
        try:
            r = client.get(f"/api/patients/{people.p1.id}/profile", headers=h)
            assert r.status_code == 503 and r.json()["error"]["code"] == "storage_unavailable"
            assert "Try again" in r.json()["error"]["message"]
            r = client.post(f"/api/patients/{people.p1.id}/documents", headers=h,
                            files={"file": ("a.txt", b"diagnosis.grade=2\n", "text/plain")})
            assert r.status_code == 503 and r.json()["error"]["code"] == "storage_unavailable"
        finally:
            lock.rollback()
            lock.close()
        assert client.get(f"/api/patients/{people.p1.id}/profile", headers=h).status_code == 200
        r = client.post(f"/api/patients/{people.p1.id}/documents", headers=h,
                        files={"file": ("a.txt", b"diagnosis.grade=2\n", "text/plain")})
        assert r.status_code == 202 and r.json()["documents"][0]["duplicate"] is False
    svc.close()


def _can_run_postgres() -> str | None:
    if shutil.which("pg_config") is None:
        return "PostgreSQL server binaries are not installed"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres user to run the server as"
    return None


@pytest.mark.postgres
@pytest.mark.skipif(_can_run_postgres() is not None, reason=str(_can_run_postgres()))
def test_postgresql_restarted_mid_run_fails_cleanly_and_recovers_without_restart(tmp_path):
    from api.db import Job

    import tempfile

    root = Path(tempfile.mkdtemp(prefix="oncoguide-pg-"))  # not under tmp_path: the server's user must reach it
    root.chmod(0o755)
    pg = PrivatePostgres(root / "cluster").init()
    pg.start()
    clinic = Clinic(tmp_path / "data", database_url=pg.url, settings=FAKE_STAGES)
    try:
        pid, client, first = _running_with_one_document(clinic)
        pg.stop("immediate")  # as a crash would: every connection cut
        during = [client.get(f"/api/patients/{pid}/profile"), upload(client, pid, "two.txt", note(2)),
                  client.get(f"/api/documents/{first}"), client.get("/healthz")]
        assert [r.status_code for r in during] == [503, 503, 503, 503]
        assert [r.json().get("error", {}).get("code") for r in during[:3]] == ["storage_unavailable"] * 3
        assert during[3].json() == {"status": "degraded", "database": "unreachable"}

        pg.start()  # the same processes go on: the connection pools reconnect
        wait_for(clinic.healthy, 30, "the API to see the database again")
        assert client.get(f"/api/patients/{pid}/profile").status_code == 200
        second = upload(client, pid, "two.txt", note(2))
        assert second.status_code == 202
        assert wait_final(client, second.json()["document_id"])["status"] == "done"
        assert all(j.state == "done" for j in rows(clinic, Job))
        assert clinic.api.alive() and all(w.alive() for w in clinic.workers)
        assert_no_500(clinic)
    finally:
        clinic.stop()
        pg.stop("fast")
        shutil.rmtree(root, ignore_errors=True)


# --- the data directory ---------------------------------------------------------------------------


def _mount_tmpfs(path: Path, size: str) -> str | None:
    """Mount a tmpfs of `size` at `path`; None, or why it cannot be done here."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return "mounting a small tmpfs needs root"
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    return None if done.returncode == 0 else f"mount failed: {done.stderr.decode().strip()}"


@pytest.fixture
def small_data_dir(tmp_path):
    """A 12 MB tmpfs as the data directory, and a 6 MB one for its originals/ (a file system of
    their own that can be remounted read-only under the running processes: the database's files,
    held open for writing, would keep a remount of the whole directory from happening)."""
    path = tmp_path / "data"
    why = _mount_tmpfs(path, "12m") or _mount_tmpfs(path / "originals", "6m")
    if why:
        subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)
        pytest.skip(why)
    yield path
    subprocess.run(["umount", "-l", str(path / "originals")], check=False)
    subprocess.run(["umount", "-l", str(path)], check=False)


def _fill(directory: Path, leave: int) -> Path:
    filler = directory / "filler"
    with open(filler, "ab") as fh:
        try:
            fh.write(b"\0" * max(0, shutil.disk_usage(directory).free - leave))
        except OSError:
            pass
    return filler


def test_a_full_or_read_only_data_directory_is_a_clear_error_and_nothing_is_corrupted(small_data_dir):
    clinic = Clinic(small_data_dir, settings=FAKE_STAGES)
    try:
        pid, client, kept = _running_with_one_document(clinic)
        before = client.get(f"/api/documents/{kept}").json()
        pages_before = [client.get(f"/api/documents/{kept}/pages/{p['number']}").json()["text"] for p in before["pages"]]

        # Full: fillers leave about 300 KB; a 2 MB upload cannot be stored.
        fillers = [_fill(small_data_dir / "originals", 300 * 1024), _fill(small_data_dir, 300 * 1024)]
        r = upload(client, pid, "big.txt", padded_pdf(2, 2 * MB))
        assert r.status_code == 503 and r.json()["error"]["code"] == "storage_unavailable", r.text
        assert "full or not writable" in r.json()["error"]["message"]
        assert not any(p.name.startswith(".incoming-") for p in small_data_dir.rglob("*"))  # no leftovers
        fillers.append(_fill(small_data_dir, 0))  # now even the database cannot grow
        answers = [upload(client, pid, f"n{i}.txt", note(10 + i) * 50).status_code for i in range(5)]
        assert set(answers) <= {202, 503}, answers
        assert clinic.api.alive() and client.get("/healthz").status_code == 200
        for filler in fillers:
            filler.unlink(missing_ok=True)
        r = upload(client, pid, "big.txt", padded_pdf(2, 2 * MB))  # space is back: no restart needed
        assert r.status_code == 202, r.text
        assert wait_final(client, r.json()["document_id"])["status"] == "done"

        # Read-only: originals/ remounted read-only under the running processes.
        subprocess.run(["mount", "-o", "remount,ro", str(small_data_dir / "originals")], check=True)
        try:
            r = upload(client, pid, "ro.txt", note(3))
            assert r.status_code == 503 and r.json()["error"]["code"] == "storage_unavailable", r.text
            assert client.get(f"/api/patients/{pid}/profile").status_code == 200  # reading goes on
            assert client.get(f"/api/documents/{kept}/pages/1").status_code == 200
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(small_data_dir / "originals")], check=True)
        r = upload(client, pid, "ro.txt", note(3))
        assert r.status_code == 202, r.text
        assert wait_final(client, r.json()["document_id"])["status"] == "done"

        assert client.get(f"/api/documents/{kept}").json() == before
        pages = [client.get(f"/api/documents/{kept}/pages/{p['number']}").json()["text"] for p in before["pages"]]
        assert pages == pages_before
        from sqlalchemy import text

        with clinic.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert_originals_intact(clinic)
        assert clinic.api.alive() and all(w.alive() for w in clinic.workers)
        assert_no_500(clinic)
    finally:
        clinic.stop()
