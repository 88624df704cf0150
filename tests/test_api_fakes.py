"""Test doubles and fixtures for the service tests (no tests here).

`FakePipeline` stands in for ingest/extract/personalize so the service can be tested on its own:
it reads UTF-8 text (pages split by form feeds) and takes lines ``path=value`` as findings with
exact evidence spans. It is a test double, never the product's pipeline.

Control lines in an upload: ``LOCKED`` → password-protected error (bad input, no retry);
``FLAKY n`` → a transient error on the first n tries (counted in a file beside the DB);
a page starting ``BADPAGE`` → that page fails (partial document); ``CRASH`` → a RuntimeError carrying record text (a bug in a stage); ``GATE`` → waits while ``$ONCOGUIDE_DATA_DIR/gate`` exists (for killing a worker mid-job).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from extract.findings import DocumentFacts, Finding
from extract.models import DocumentSummary, Evidence, ProfileReport
from ingest.errors import EmptyDocument, OcrUnavailable, PasswordProtected
from ingest.models import Document, Page, PageError, Word

_LINE = re.compile(r"^([a-z_][a-z0-9_.]*)=(.+)$", re.MULTILINE)


class FakePipeline:
    def __init__(self) -> None:
        self.tries: dict[str, int] = {}

    def read(self, data: bytes, filename: str, *, max_pages: int, progress=None) -> Document:
        if data[:8] == b"\x89PNG\r\n\x1a\n":  # an image: one page, no text
            return Document(sha256="0" * 64, filename=filename, type="png",
                            pages=[Page(number=1, text="", source="ocr", width=40, height=30)])
        text = data.decode("utf-8", errors="replace")
        if text.startswith("LOCKED"):
            raise PasswordProtected()
        flaky = re.search(r"^FLAKY (\d+)$", text, re.MULTILINE)
        if flaky:
            tries = _count_try(text, self.tries)
            if tries < int(flaky.group(1)):
                raise OcrUnavailable()
        if text.startswith("CRASH"):  # a bug in a stage, with record text in its message
            raise RuntimeError(f"unexpected token in {text[:40]!r}")
        if re.search(r"^GATE$", text, re.MULTILINE):  # wait while $ONCOGUIDE_DATA_DIR/gate exists
            gate = Path(os.environ["ONCOGUIDE_DATA_DIR"]) / "gate"
            (gate.parent / "entered").write_text("1")
            deadline = time.monotonic() + 60
            while gate.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        if not text.strip():
            raise EmptyDocument()
        pages = []
        chunks = text.split("\f")
        for number, chunk in enumerate(chunks, 1):
            words = [Word(text=m.group(), start=m.start(), end=m.end(), x0=10, y0=10 + m.start(), x1=50, y1=20 + m.start())
                     for m in re.finditer(r"\S+", chunk)]
            error = PageError(code="ocr_failed", message="page unreadable") if chunk.startswith("BADPAGE") else None
            pages.append(Page(number=number, text="" if error else chunk, source="text-layer",
                              words=[] if error else words, width=612, height=792, error=error))
            if progress:
                progress(number, len(chunks))
        return Document(sha256="0" * 64, filename=filename, type="text", pages=pages)

    def read_document(self, document: Document, document_id: str) -> DocumentFacts:
        findings = []
        for page in document.pages:
            for m in _LINE.finditer(page.text):
                raw = m.group(2).strip()
                value = json.loads(raw) if re.fullmatch(r"-?\d+(\.\d+)?|true|false|\[.*\]", raw) else raw
                ev = Evidence(document=document_id, page=page.number, start=m.start(), end=m.end(),
                              text=page.text[m.start():m.end()], source=page.source, rule="fake.line")
                findings.append(Finding(path=m.group(1), value=value, evidence=[ev]))
        summary = DocumentSummary(id=document_id, filename=document.filename, sha256=document.sha256,
                                  pages=len(document.pages), kind="pathology", text_source="text-layer")
        return DocumentFacts(summary=summary, findings=findings)

    def merge_facts(self, facts) -> ProfileReport:
        profile: dict = {}
        evidence: dict = {}
        for doc in facts:  # later uploads win
            for f in doc.facts():
                from api import profile_paths

                profile_paths.set_(profile, profile_paths.parse(f.path), f.value)
                evidence[f.path] = [e.model_dump(mode="json") for e in f.evidence]
        return ProfileReport.model_validate({"profile": profile, "evidence": evidence,
                                             "documents": [d.summary.model_dump(mode="json") for d in facts]})

    def guide(self, profile: dict, *, question=None, answer_text=None) -> dict:
        her2 = profile.get("profile", {}).get("receptors", {}).get("her2", {}).get("status")
        return {"question": question or "", "answer_source": "fake", "profile_summary": f"HER2 {her2}",
                "blocks": [], "missing": [], "questions_to_ask": [], "disclaimer": "test"}

    def library(self):
        return [{"id": "car-t", "title": "CAR-T", "questions": ["How does CAR-T therapy work?"]}]


def _count_try(text: str, memory: dict[str, int]) -> int:
    """Tries so far of this text: in a file of the worker's data directory (a subprocess worker),
    else in memory."""
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    data_dir = os.environ.get("ONCOGUIDE_DATA_DIR")
    if not data_dir:
        memory[key] = memory.get(key, 0) + 1
        return memory[key] - 1
    counter = Path(data_dir) / f"tries-{key}"
    tries = int(counter.read_text()) if counter.exists() else 0
    counter.write_text(str(tries + 1))
    return tries


PIPELINE_PATH = "tests.test_api_fakes:FakePipeline"


POSTGRES_URL = os.environ.get("ONCOGUIDE_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("ONCOGUIDE_TEST_REDIS_URL")


def fresh_postgres(url: str) -> str:
    """Empty the test database (it is a throwaway one) and return its URL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def make_settings(tmp_path: Path, **overrides):
    from api.settings import Settings

    values = dict(environment="test", data_dir=tmp_path / "data", pipeline=PIPELINE_PATH,
                  job_retry_base_seconds=0.0)
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str | None:
    """Database of a test: SQLite always; PostgreSQL too when ONCOGUIDE_TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        return None
    if not POSTGRES_URL:
        pytest.skip("ONCOGUIDE_TEST_POSTGRES_URL is not set")
    return fresh_postgres(POSTGRES_URL)


@pytest.fixture
def services(tmp_path, db_url) -> Iterator:
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path, database_url=db_url), immediate=True)
    yield svc
    svc.close()


@pytest.fixture
def client(services) -> Iterator[TestClient]:
    from api.app import create_app

    with TestClient(create_app(services=services)) as c:
        yield c


class People:
    """Users of a small clinic: an admin, two navigators, three patients (p3 unassigned)."""

    def __init__(self, services) -> None:
        from api.auth import assign_navigator, create_user
        from api.db import Patient, session_scope

        with session_scope(services.engine) as s:
            self.p1, self.p2, self.p3 = (Patient(name=n) for n in ("Ann Example", "Bea Example", "Cat Example"))
            s.add_all([self.p1, self.p2, self.p3])
            s.flush()
            _, self.admin = create_user(s, "admin@clinic.test", "admin")
            nav, self.nav = create_user(s, "nav@clinic.test", "navigator")
            nav2, self.nav2 = create_user(s, "nav2@clinic.test", "navigator")
            _, self.pat1 = create_user(s, "ann@example.test", "patient", patient_id=self.p1.id)
            _, self.pat2 = create_user(s, "bea@example.test", "patient", patient_id=self.p2.id)
            assign_navigator(s, nav, self.p1.id)
            assign_navigator(s, nav, self.p2.id)
            assign_navigator(s, nav2, self.p3.id)

    @staticmethod
    def h(token: str) -> dict:
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def people(services) -> People:
    return People(services)


def upload(client, token: str, pid: str, *files: tuple[str, bytes]):
    return client.post(f"/api/patients/{pid}/documents", headers=People.h(token),
                       files=[("file", (name, data, "application/octet-stream")) for name, data in files])
