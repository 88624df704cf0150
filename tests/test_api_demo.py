"""`oncoguide demo` (what `make run` calls): the printed sign-in details open the web pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.cli import main
from tests.test_api_fakes import PIPELINE_PATH
from tests.test_web_fixtures import sign_in


@pytest.fixture
def demo_env(tmp_path, monkeypatch):
    samples = tmp_path / "records"
    (samples / "p01").mkdir(parents=True)
    (samples / "p01" / "path.txt").write_text("diagnosis.grade=2\n")
    monkeypatch.setattr("api.cli.demo_cmd.SAMPLES_DIR", samples)
    monkeypatch.setenv("ONCOGUIDE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ONCOGUIDE_PIPELINE", PIPELINE_PATH)
    monkeypatch.delenv("ONCOGUIDE_DATABASE_URL", raising=False)
    monkeypatch.delenv("ONCOGUIDE_REDIS_URL", raising=False)
    monkeypatch.delenv("ONCOGUIDE_DEMO_PASSWORD", raising=False)
    return tmp_path


def _demo(capsys) -> dict[str, str]:
    assert main(["demo", "--no-serve", "--port", "8123"]) == 0
    out = capsys.readouterr().out
    found = {name: re.search(pattern, out) for name, pattern in {
        "password": r"password:\s+(.+?)  \(", "navigator": r"navigator:\s+(\S+@\S+)", "patient": r"patient:\s+(\S+@\S+)",
        "pid": r"belongs to .*\((pat_[0-9a-f]+)\)", "address": r"web pages:\s+(http://\S+)"}.items()}
    assert all(found.values()), out
    return {name: m.group(1) for name, m in found.items()} | {"out": out}


def _web():
    from api.app import create_app

    return TestClient(create_app(), base_url="https://testserver")


def test_demo_prints_sign_in_details_that_open_the_pages(demo_env, capsys):
    printed = _demo(capsys)
    assert printed["address"] == "http://127.0.0.1:8123/"
    assert "Sample patient p01" in printed["out"]  # which patient the patient user belongs to
    with _web() as web:
        r = sign_in(web, printed["patient"], printed["password"])
        assert r.status_code == 303 and r.headers["location"] == f"/patients/{printed['pid']}"
        assert web.get(r.headers["location"]).status_code == 200
        r = sign_in(web, printed["navigator"], printed["password"])
        assert r.status_code == 303 and r.headers["location"] == "/queue"
        assert "Sample patient p01" in web.get("/queue").text


def test_each_run_has_its_own_password_unless_one_is_set(demo_env, capsys, monkeypatch):
    first, second = _demo(capsys), _demo(capsys)
    assert first["password"] != second["password"] and len(first["password"]) >= 12
    with _web() as web:
        assert sign_in(web, first["navigator"], first["password"]).status_code == 401
        assert sign_in(web, second["navigator"], second["password"]).status_code == 303
    monkeypatch.setenv("ONCOGUIDE_DEMO_PASSWORD", "chosen demo password")
    assert _demo(capsys)["password"] == "chosen demo password"
    monkeypatch.setenv("ONCOGUIDE_DEMO_PASSWORD", "short")
    assert main(["demo", "--no-serve"]) == 31  # ConfigurationError: says what to fix
    assert "ONCOGUIDE_DEMO_PASSWORD" in capsys.readouterr().err
