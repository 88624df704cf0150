"""Hostile input through a running oncoguide (API process + worker process, the real ingest and
extract stages): every kind of `corpus.CASES` is uploaded, each must end in its exact error code or
a correct result; meanwhile /healthz keeps answering, memory comes back to its level, and a
document stored before the corpus, with its pages, profile and original, is unchanged. Then the
request-level attacks: wrong Content-Type, broken multipart, a body cut off midway, lying or
missing lengths, too many or too large files.

The server (`conftest.live_clinic`, shared with the log test) runs with the product's limits
(pages, pixels and characters of text) except the upload limits, lowered to 12 MB a file and 40 MB a
request so that the tests of those limits send less.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import threading
import time

import httpx
import pytest

from tests.hostile.conftest import FILE_LIMIT, REQUEST_LIMIT
from tests.hostile.corpus import CASES, MARKER, Case, text_pdf
from tests.hostile.live import Clinic, MemorySampler, wait_final

pytestmark = pytest.mark.slow

MB = 1024 * 1024
HAS_TESSERACT = shutil.which("tesseract") is not None
#: After the corpus, API + worker may hold this much more than after the warm-up document
#: (allocator arenas, caches of a few more pages); a decoded bomb or a 10 MB text layer would
#: hold hundreds of MB.
SETTLED_GROWTH = 150 * MB
#: While the corpus runs: the largest legitimate allocation is a page image or a 25 MP photo.
PEAK_GROWTH = 600 * MB


def multipart(parts: list[tuple[str, bytes, str]], boundary: str = "oncoguide-hostile-boundary") -> tuple[bytes, str]:
    """A multipart body written byte for byte (file names go in raw, as a browser would send them)."""
    body = b""
    for filename, data, content_type in parts:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
                 f"Content-Type: {content_type}\r\n\r\n").encode("utf-8") + data + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def post_files(client: httpx.Client, pid: str, parts: list[tuple[str, bytes, str]]) -> httpx.Response:
    body, content_type = multipart(parts)
    return client.post(f"/api/patients/{pid}/documents", content=body, headers={"Content-Type": content_type})


class HealthWatch:
    """Asks /healthz every 0.25 s in a thread and keeps every answer that was not a 200."""

    def __init__(self, url: str) -> None:
        self.url, self.failures, self.asked = url, [], 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(10)

    def _run(self):
        with httpx.Client(timeout=10) as c:
            while not self._stop.wait(0.25):
                self.asked += 1
                try:
                    status = c.get(self.url + "/healthz").status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                if status != 200:
                    self.failures.append(status)


def snapshot(clinic: Clinic, pid: str) -> dict:
    """What is stored for one patient: document and page rows, profile versions, originals' bytes."""
    from sqlmodel import Session, select

    from api.db import Document, PageRow, ProfileVersion

    with Session(clinic.engine) as s:
        docs = s.exec(select(Document).where(Document.patient_id == pid).order_by(Document.id)).all()
        pages = s.exec(select(PageRow).where(PageRow.document_id.in_([d.id for d in docs]))
                       .order_by(PageRow.document_id, PageRow.number)).all()
        versions = s.exec(select(ProfileVersion).where(ProfileVersion.patient_id == pid)
                          .order_by(ProfileVersion.version)).all()
        return {
            "documents": [d.model_dump() for d in docs],
            "pages": [p.model_dump() for p in pages],
            "versions": [v.model_dump() for v in versions],
        }


def originals(clinic: Clinic) -> dict[str, str]:
    """sha256 of the bytes of every file under originals/ (encrypted or not), by path."""
    root = clinic.data_dir / "originals"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def clinic(live_clinic):
    live_clinic.victim = live_clinic.patient("Victim Example", "nav@clinic.test")
    live_clinic.target = live_clinic.patient("Target Example", "nav@clinic.test")
    live_clinic.victim_token = live_clinic.user("victim@example.test", "patient", live_clinic.victim)
    live_clinic.target_token = live_clinic.user("target@example.test", "patient", live_clinic.target)
    return live_clinic


@pytest.fixture(scope="module")
def corpus_run(clinic):
    """Every case uploaded (one request each), processed to the end, with the watchers running."""
    victim = clinic.client(clinic.victim_token)
    r = victim.post(f"/api/patients/{clinic.victim}/documents",
                    files={"file": ("victim.pdf", text_pdf(), "application/pdf")})
    assert r.status_code == 202, r.text
    assert wait_final(victim, r.json()["document_id"])["status"] == "done"  # also warms the worker up
    before = {"victim": snapshot(clinic, clinic.victim), "originals": originals(clinic)}
    time.sleep(1.0)
    baseline = clinic.rss()

    cases = [c for c in CASES if HAS_TESSERACT or "ocr" not in c.tags]
    results: dict[str, dict] = {}
    client = clinic.client(clinic.target_token)
    with HealthWatch(clinic.url) as health, MemorySampler(clinic) as memory:
        for case in cases:
            data = case.make()
            r = post_files(client, clinic.target, [(case.filename, data, case.content_type)])
            results[case.kind] = {"upload": r, "data": data}
        for case in cases:
            r = results[case.kind]["upload"]
            if r.status_code == 202:
                results[case.kind]["document"] = wait_final(client, r.json()["document_id"])
        time.sleep(1.0)
    settled = clinic.rss()
    yield {"results": results, "cases": cases, "health": health, "memory": memory, "baseline": baseline,
           "settled": settled, "before": before, "client": client}
    client.close()
    victim.close()


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_each_hostile_input_gets_its_exact_answer(corpus_run, clinic, case: Case):
    if case.kind not in corpus_run["results"]:
        pytest.skip("needs Tesseract")
    got = corpus_run["results"][case.kind]
    r, expect = got["upload"], case.expect
    if expect.http is not None:
        assert (r.status_code, r.json()["error"]["code"]) == (expect.http, expect.code), r.text
        assert len(r.json()["error"]["message"]) > 40  # says what to do
        return
    assert r.status_code == 202, r.text
    doc = got["document"]
    error = doc["error"]
    assert (doc["status"], error["code"] if error else None) == (expect.status, expect.code), doc
    if expect.status == "failed":
        assert len(error["message"]) > 40 and case.filename not in error["message"]
        assert doc["pages"] == []
        return
    client = corpus_run["client"]
    text = "".join(client.get(f"/api/documents/{doc['document_id']}/pages/{p['number']}").json()["text"]
                   for p in doc["pages"])
    assert expect.text in text
    assert doc["sha256"] == hashlib.sha256(got["data"]).hexdigest()
    if case.shown_name is not None:
        assert doc["filename"] == case.shown_name
    if doc["pages"][0]["source"] == "ocr" or case.make is text_pdf:  # a page image to highlight evidence on
        png = client.get(doc["pages"][0]["image"])
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG"), png.text[:200]


def test_there_are_at_least_30_kinds():
    assert len({c.kind for c in CASES}) >= 30


def test_healthz_kept_answering_while_the_corpus_ran(corpus_run):
    health = corpus_run["health"]
    assert health.asked > 10 and health.failures == []


def test_memory_returns_to_its_level(corpus_run):
    baseline, settled, peak = corpus_run["baseline"], corpus_run["settled"], corpus_run["memory"].peak
    assert settled - baseline < SETTLED_GROWTH, (baseline // MB, settled // MB, peak // MB)
    assert peak - baseline < PEAK_GROWTH, (baseline // MB, settled // MB, peak // MB)


def test_nothing_stored_before_changed(corpus_run, clinic):
    before = corpus_run["before"]
    assert snapshot(clinic, clinic.victim) == before["victim"]
    now = originals(clinic)
    assert {k: now.get(k) for k in before["originals"]} == before["originals"]
    # No file escaped the data directory's layout: originals are named by their sha256 only.
    for path, _ in now.items():
        folder, name = path.split("/")
        assert len(name) == 64 and name.startswith(folder), path
    from sqlalchemy import text

    with clinic.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_the_worker_still_processes_after_the_corpus(corpus_run, clinic):
    client = corpus_run["client"]
    r = client.post(f"/api/patients/{clinic.target}/documents",
                    files={"file": ("after.txt", f"{MARKER} (80%).\nAfter the corpus.\n".encode(), "text/plain")})
    assert wait_final(client, r.json()["document_id"])["status"] == "done"
    assert all(w.alive() for w in clinic.workers) and clinic.api.alive()


# --- attacks on the request itself -----------------------------------------------------------------


def _documents(client: httpx.Client, pid: str) -> list[dict]:
    return client.get(f"/api/patients/{pid}/documents").json()


def _refused_and_nothing_stored(clinic: Clinic, r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code
    with clinic.client(clinic.victim_token) as c:
        assert c.get("/healthz").status_code == 200


@pytest.fixture
def fresh_patient(clinic):
    """A patient with no documents, and a client holding her token."""
    n = getattr(clinic, "_fresh", 0) + 1
    clinic._fresh = n
    pid = clinic.patient(f"Fresh Example {n}")
    client = clinic.client(clinic.user(f"fresh{n}@example.test", "patient", pid))
    yield pid, client
    assert clinic.healthy()
    client.close()


def test_a_body_that_is_not_multipart_is_a_422(clinic, fresh_patient):
    pid, client = fresh_patient
    for headers, body in (({"Content-Type": "application/json"}, b'{"file": "JVBERi0xLjQK"}'),
                          ({"Content-Type": "application/pdf"}, text_pdf()),
                          ({}, b"")):
        r = client.post(f"/api/patients/{pid}/documents", content=body, headers=headers)
        _refused_and_nothing_stored(clinic, r, 422, "invalid_request")
    assert _documents(client, pid) == []


def test_broken_multipart_is_a_clear_error(clinic, fresh_patient):
    pid, client = fresh_patient
    body, content_type = multipart([("a.txt", b"Estrogen receptor positive.\n", "text/plain")])
    for headers, payload in (
        ({"Content-Type": "multipart/form-data"}, body),  # no boundary
        ({"Content-Type": content_type}, body[: len(body) // 2]),  # no closing boundary
        ({"Content-Type": content_type}, b"garbage without any boundary at all"),
        ({"Content-Type": content_type.replace("hostile", "other")}, body),  # another boundary
    ):
        r = client.post(f"/api/patients/{pid}/documents", content=payload, headers=headers)
        assert r.status_code in (400, 422), (r.status_code, r.text)
        assert r.json()["error"]["code"] in ("bad_request", "invalid_request")
    assert _documents(client, pid) == []


def test_an_upload_cut_off_midway_stores_nothing(clinic, fresh_patient):
    pid, client = fresh_patient
    body, content_type = multipart([("big.pdf", text_pdf() + b"%" * (2 * MB), "application/pdf")])
    head = (f"POST /api/patients/{pid}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: {client.headers['Authorization']}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    for sent in (len(body) // 2, 10, len(body) - 5):
        with socket.create_connection(("127.0.0.1", clinic.port), timeout=10) as sock:
            sock.sendall(head + body[:sent])
        time.sleep(0.3)
    assert clinic.healthy()
    assert _documents(client, pid) == []
    r = client.post(f"/api/patients/{pid}/documents", content=body, headers={"Content-Type": content_type})
    assert r.status_code == 202  # the same upload, sent whole, is accepted


def test_a_declared_length_over_the_limit_is_refused_before_the_body(clinic, fresh_patient):
    pid, client = fresh_patient
    with socket.create_connection(("127.0.0.1", clinic.port), timeout=10) as sock:
        sock.sendall((f"POST /api/patients/{pid}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      f"Authorization: {client.headers['Authorization']}\r\n"
                      "Content-Type: multipart/form-data; boundary=x\r\n"
                      f"Content-Length: {10 * REQUEST_LIMIT}\r\n\r\n").encode())
        sock.settimeout(10)
        answer = b""
        while chunk := sock.recv(65536):  # without sending a byte of the body; the server closes
            answer += chunk
        answer = answer.decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413") and '"file_too_large"' in answer, answer[:300]
    assert _documents(client, pid) == []


def test_a_streamed_body_over_the_limit_is_cut_off(clinic, fresh_patient):
    pid, client = fresh_patient
    body, content_type = multipart([("huge.txt", b"x" * (REQUEST_LIMIT + MB), "text/plain")])

    def chunks():  # no Content-Length: chunked transfer encoding
        for i in range(0, len(body), MB):
            yield body[i:i + MB]

    r = client.post(f"/api/patients/{pid}/documents", content=chunks(), headers={"Content-Type": content_type})
    _refused_and_nothing_stored(clinic, r, 413, "file_too_large")
    assert _documents(client, pid) == []


def test_a_file_over_the_per_file_limit_is_refused(clinic, fresh_patient):
    pid, client = fresh_patient
    r = post_files(client, pid, [("ok.txt", b"Estrogen receptor positive.\n", "text/plain"),
                                 ("big.txt", b"y" * (FILE_LIMIT + 1), "text/plain")])
    _refused_and_nothing_stored(clinic, r, 413, "file_too_large")
    assert _documents(client, pid) == []  # nothing of the request was stored, not even the small file


def test_too_many_files_or_an_empty_one_refuse_the_whole_request(clinic, fresh_patient):
    pid, client = fresh_patient
    many = [(f"f{i}.txt", f"Note {i}: estrogen receptor positive.\n".encode(), "text/plain") for i in range(21)]
    _refused_and_nothing_stored(clinic, post_files(client, pid, many), 422, "invalid_request")
    r = post_files(client, pid, [many[0], ("empty.pdf", b"", "application/pdf")])
    _refused_and_nothing_stored(clinic, r, 422, "empty_document")
    assert _documents(client, pid) == []
    r = post_files(client, pid, many[:20])  # exactly the limit is fine
    assert r.status_code == 202 and len(r.json()["documents"]) == 20


def test_ids_that_are_not_ids_are_404_not_500(clinic, fresh_patient):
    pid, client = fresh_patient
    for path in ("/api/documents/" + "a" * 5000, "/api/documents/..%2F..%2Fetc%2Fpasswd",
                 "/api/documents/doc_x/pages/0.png", "/api/documents/doc_x/pages/99999999999.png",
                 "/api/patients/%00/profile", "/api/patients/" + "\u202e" * 40 + "/fhir"):
        r = client.get(path)
        assert r.status_code in (404, 422), (path, r.status_code, r.text[:200])
        assert r.json()["error"]["code"] in ("not_found", "invalid_request")
