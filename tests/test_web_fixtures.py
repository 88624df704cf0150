"""Fixtures for the web page tests (no tests here).

The pages run on the service with the API tests' `FakePipeline` for reading records (lines
``path=value`` become findings with exact evidence), and the real personalize stage for guidance,
so the guidance pages show real library answers tailored to the fake profile. The client talks
HTTPS to the test app, since the session cookie is `Secure`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pytest
from fastapi.testclient import TestClient

from api.pipeline import StagePipeline
from tests.test_api_fakes import FakePipeline, People, make_settings

PASSWORD = "correct horse battery staple"

REPORT = (b"SURGICAL PATHOLOGY\nreceptors.er.status=positive\nreceptors.er.percent=95\n"
          b"receptors.pr.status=negative\nreceptors.her2.status=negative\nreceptors.her2.ihc_score=1+\n"
          b"receptors.her2.category=low\ndiagnosis.grade=2\n")
NOTE = b"CLINIC NOTE\nstage.group=IV\nstage.metastatic=true\nmenopausal_status=postmenopausal\n"


class WebPipeline(FakePipeline):
    """Fake reading (see `FakePipeline`), real guidance from the answer library."""

    def guide(self, profile: dict, *, question=None, answer_text=None) -> dict:
        return StagePipeline().guide(profile, question=question, answer_text=answer_text)

    def library(self):
        return StagePipeline().library()


@pytest.fixture
def web_services(tmp_path) -> Iterator:
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path), pipeline=WebPipeline(), immediate=True)
    yield svc
    svc.close()


@lru_cache(maxsize=1)
def _password_hash() -> str:
    """scrypt is slow on purpose: hash the shared test password once per run."""
    from api.auth import hash_password

    return hash_password(PASSWORD)


@pytest.fixture
def web_people(web_services) -> People:
    """The API tests' clinic, with web passwords for everyone."""
    from sqlmodel import select

    from api.db import User, session_scope

    people = People(web_services)
    with session_scope(web_services.engine) as s:
        for user in s.exec(select(User)):
            user.password_hash = _password_hash()
            s.add(user)
    return people


@pytest.fixture
def web(web_services) -> Iterator[TestClient]:
    from api.app import create_app

    with TestClient(create_app(services=web_services), base_url="https://testserver") as c:
        yield c


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "the page has no anti-forgery token"
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"email": email, "password": password, "csrf": token}, follow_redirects=False)


def upload_web(client: TestClient, pid: str, *files: tuple[str, bytes]):
    """Upload as the page's script does: one request, anti-forgery header, JSON answer."""
    token = csrf_of(client.get(f"/patients/{pid}").text)
    return client.post(f"/patients/{pid}/documents", headers={"X-CSRF-Token": token, "Accept": "application/json"},
                       files=[("file", (name, data, "application/octet-stream")) for name, data in files])
