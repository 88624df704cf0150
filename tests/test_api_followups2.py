"""Second round of service follow-ups: the profile re-merged from stored facts, and what a second
reading of `api/` found: bad input that gave a 500 (a value nested without end; NUL characters,
which PostgreSQL refuses), and an unexpected error whose message reached the server's log."""

from __future__ import annotations

import asyncio
import json
import logging

import httpx
import pytest
from sqlmodel import Session, select

from api.db import Document
from tests.test_api_fakes import FakePipeline, People, client, db_url, make_settings, people, services, upload  # noqa: F401
from tests.test_web_fixtures import PASSWORD, sign_in

# --- re-merging a patient's documents -------------------------------------------------------------


class CountingPipeline(FakePipeline):
    def __init__(self) -> None:
        super().__init__()
        self.extracted: list[str] = []
        self.merged: list[int] = []

    def read_document(self, document, document_id):
        self.extracted.append(document_id)
        return super().read_document(document, document_id)

    def merge_facts(self, facts):
        self.merged.append(len(facts))
        return super().merge_facts(facts)


def test_each_document_is_extracted_once_and_the_profile_merges_all_stored_facts(tmp_path, db_url):  # noqa: F811
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.services import Services

    pipeline = CountingPipeline()
    svc = Services.from_settings(make_settings(tmp_path, database_url=db_url), pipeline=pipeline, immediate=True)
    people = People(svc)
    pid, h = people.p1.id, People.h(people.nav)
    with TestClient(create_app(services=svc)) as c:
        ids = [upload(c, people.pat1, pid, (f"{n}.txt", text)).json()["document_id"]
               for n, text in enumerate((b"diagnosis.grade=2\n", b"receptors.er.percent=90\n", b"ki67.percent=20\n"))]
        profile = c.get(f"/api/patients/{pid}/profile", headers=h).json()["profile"]
    assert pipeline.extracted == ids  # each document once, never again for the next ones
    assert pipeline.merged == [1, 2, 3]  # ... while each merge takes every document so far
    assert profile["diagnosis"]["grade"] == 2 and profile["receptors"]["er"]["percent"] == 90
    assert profile["ki67"]["percent"] == 20
    svc.close()


def test_stored_facts_are_the_facts_as_stored(services, people, client):  # noqa: F811
    from extract.findings import DocumentFacts

    from api.processing import stored_facts

    pid = people.p1.id
    for n, text in enumerate((b"diagnosis.grade=2\n", b"LOCKED\n", b"receptors.er.percent=90\n")):
        upload(client, people.pat1, pid, (f"{n}.txt", text))
    with Session(services.engine) as s:
        rows = list(s.exec(select(Document).where(Document.patient_id == pid, Document.status == "done")
                           .order_by(Document.created_at, Document.id)))
        assert len(rows) == 2  # the password-protected one failed: it has no facts
        assert stored_facts(s, pid) == [DocumentFacts.model_validate(r.facts) for r in rows]


# --- bad input ------------------------------------------------------------------------------------


def _nested(depth: int):
    value: object = 1
    for _ in range(depth):
        value = {"a": value}
    return value


def test_a_value_nested_without_end_is_refused_in_plain_words(client, people):  # noqa: F811
    pid, h = people.p1.id, People.h(people.nav)
    upload(client, people.pat1, pid, ("a.txt", b"receptors.er.percent=90\n"))
    r = client.patch(f"/api/patients/{pid}/profile", headers=h, json={"field": "receptors.er", "value": _nested(300)})
    assert r.status_code == 422 and "at most 8 levels" in r.json()["error"]["message"]
    extra = {"status": "positive", "details": _nested(5)}  # sections take extra keys: a few levels are fine
    assert client.patch(f"/api/patients/{pid}/profile", headers=h,
                        json={"field": "receptors.er", "value": extra}).status_code == 200


def test_nul_characters_are_bad_input_on_every_database(client, people, services):  # noqa: F811
    pid, nav = people.p1.id, People.h(people.nav)
    upload(client, people.pat1, pid, ("a.txt", b"diagnosis.grade=2\n"))
    r = client.post("/api/patients", headers=nav, json={"name": "Dee\x00 Example"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    r = client.post("/api/patients", headers=People.h(people.admin),
                    json={"name": "Dee Example", "navigator_email": "nav\x00@clinic.test"})
    assert r.status_code == 422
    r = client.patch(f"/api/patients/{pid}/profile", headers=nav,
                     json={"field": "diagnosis.grade", "value": 3, "note": "page 2\x00"})
    assert r.status_code == 422 and "NUL" in r.json()["error"]["message"]
    r = client.patch(f"/api/patients/{pid}/profile", headers=nav,
                     json={"field": "diagnosis.histology_code", "value": "8500\x00/3"})
    assert r.status_code == 422 and "NUL" in r.json()["error"]["message"]
    for url in ("/api/patients/pat%00x", "/api/patients/pat%00x/profile", "/api/documents/doc%00x",
                "/api/documents/doc%00x/pages/1", "/api/documents/doc%00x/pages/1.png"):
        r = client.get(url, headers=nav)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", url
    # The part's declared type is kept only as printable text (files are typed from their bytes).
    boundary = "b0undary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"n.txt\"\r\n"
            f"Content-Type: text/plain\x00\x1b[31m\r\n\r\necog=1\r\n--{boundary}--\r\n").encode()
    r = client.post(f"/api/patients/{pid}/documents", content=body,
                    headers={**People.h(people.pat1), "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 202, r.text
    with Session(services.engine) as s:
        assert s.get(Document, r.json()["document_id"]).content_type == "text/plain[31m"
    assert client.get(f"/api/patients/{pid}/profile", headers=nav).status_code == 200  # nothing broke


def test_a_sign_in_with_a_nul_in_the_email_is_a_wrong_sign_in(tmp_path, db_url):  # noqa: F811
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.auth import hash_password
    from api.db import User, session_scope
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path, database_url=db_url), immediate=True)
    People(svc)
    with session_scope(svc.engine) as s:
        s.exec(select(User).where(User.email == "ann@example.test")).one().password_hash = hash_password(PASSWORD)
    with TestClient(create_app(services=svc), base_url="https://testserver") as web:
        assert sign_in(web, "ann\x00@example.test").status_code == 401
        assert sign_in(web, "ann@example.test").status_code == 303
    svc.close()


def test_a_review_note_with_a_nul_is_refused_on_the_page(tmp_path, db_url):  # noqa: F811
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.auth import hash_password
    from api.db import User, session_scope
    from api.services import Services
    from tests.test_web_fixtures import WebPipeline, csrf_of

    svc = Services.from_settings(make_settings(tmp_path, database_url=db_url), pipeline=WebPipeline(), immediate=True)
    people = People(svc)
    with session_scope(svc.engine) as s:
        s.exec(select(User).where(User.email == "nav@clinic.test")).one().password_hash = hash_password(PASSWORD)
    pid = people.p1.id
    with TestClient(create_app(services=svc), base_url="https://testserver") as web:
        upload(web, people.pat1, pid, ("a.txt", b"diagnosis.grade=2\n"))
        sign_in(web, "nav@clinic.test")
        token = csrf_of(web.get(f"/review/{pid}").text)
        r = web.post(f"/review/{pid}/field", data={"csrf": token, "field": "diagnosis.grade", "action": "correct",
                                                   "value": "3", "note": "see page 2\x00"})
        assert r.status_code == 422 and "NUL" in r.text
    svc.close()


# --- an unexpected error --------------------------------------------------------------------------


class BrokenGuidance(FakePipeline):
    def guide(self, profile, *, question=None, answer_text=None):
        raise RuntimeError(f"could not tailor {question!r} for Quokka Example")  # a bug, with record text


def test_an_unexpected_error_is_answered_and_its_message_reaches_no_log(tmp_path, caplog):
    """Starlette answers an unhandled exception, then raises it again for the server, which logs
    the traceback with the message. Here the app is driven as a server drives it (ASGI, app
    exceptions raised): nothing may come out of it but the answer."""
    from api.app import create_app
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path), pipeline=BrokenGuidance(), immediate=True)
    people = People(svc)

    async def ask() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(services=svc), raise_app_exceptions=True)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            return await c.post(f"/api/patients/{people.p1.id}/guidance", headers=People.h(people.pat1),
                                json={"question": "What does HER2-low mean for Quokka?"})

    # In a thread of its own: an earlier test in the same session may leave an event loop set on
    # the main thread (Playwright's sync API does), and asyncio.run refuses to nest in it.
    from concurrent.futures import ThreadPoolExecutor

    with caplog.at_level(logging.DEBUG), ThreadPoolExecutor(1) as pool:
        r = pool.submit(asyncio.run, ask()).result()
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert r.headers["x-content-type-options"] == "nosniff"  # still inside the security headers
    assert "unexpected RuntimeError on POST /api/patients/{pid}/guidance" in caplog.text
    assert "Quokka" not in caplog.text and "HER2-low" not in caplog.text
    assert "Quokka" not in json.dumps(r.json())
    svc.close()


# --- the temporary directory of uploads -----------------------------------------------------------


def test_an_upload_the_temporary_directory_cannot_hold_is_503_not_a_broken_body(tmp_path, monkeypatch):
    """A file over 1 MB is spooled to TMPDIR while the request is read; when TMPDIR is gone, full
    or read-only, that is the server's trouble (503), not the patient's file (422)."""
    import tempfile

    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.services import Services
    from tests.test_web_fixtures import WebPipeline, csrf_of

    svc = Services.from_settings(make_settings(tmp_path), pipeline=WebPipeline(), immediate=True)
    people = People(svc)
    big = b"ecog=1\n" + b"x" * 1_500_000
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-tmpdir"))
    with TestClient(create_app(services=svc), base_url="https://testserver") as c:
        r = upload(c, people.pat1, people.p1.id, ("big.txt", big))
        assert r.status_code == 503 and r.json()["error"]["code"] == "storage_unavailable"
        assert "temporary directory" in r.json()["error"]["message"]
        token = csrf_of(c.get("/login").text)
        r = c.post("/login", data={"email": "x@example.test", "password": "p", "csrf": token},
                   files={"f": ("big.bin", big)})  # a page's form body, spooled the same way
        assert r.status_code == 503 and "temporary directory" in r.text
    svc.close()
