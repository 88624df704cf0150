"""The length of a web sign-in is a setting (ONCOGUIDE_SESSION_HOURS, default 12)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner

from tests.test_api_fakes import People, make_settings
from tests.test_web_fixtures import WebPipeline, _password_hash, sign_in


def test_the_default_session_lasts_twelve_hours(monkeypatch):
    from api.settings import load_settings

    monkeypatch.delenv("ONCOGUIDE_SESSION_HOURS", raising=False)
    assert load_settings().session_hours == 12
    monkeypatch.setenv("ONCOGUIDE_SESSION_HOURS", "0.5")
    assert load_settings().session_hours == 0.5


@pytest.fixture
def two_hour_web(tmp_path):
    from sqlmodel import select

    from api.app import create_app
    from api.db import User, session_scope
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path, session_hours=2), pipeline=WebPipeline(), immediate=True)
    people = People(svc)
    with session_scope(svc.engine) as s:
        ann = s.exec(select(User).where(User.email == "ann@example.test")).one()
        ann.password_hash = _password_hash()
        s.add(ann)
    with TestClient(create_app(services=svc), base_url="https://testserver") as client:
        yield client, people
    svc.close()


def _clock(monkeypatch, seconds_from_now: int) -> None:
    at = int(time.time()) + seconds_from_now
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: at)


def test_a_session_ends_after_the_configured_hours(two_hour_web, monkeypatch):
    web, people = two_hour_web
    r = sign_in(web, "ann@example.test")
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("og_session="))
    assert "Max-Age=7200" in cookie
    page = f"/patients/{people.p1.id}"
    _clock(monkeypatch, 2 * 3600 - 60)
    assert web.get(page, follow_redirects=False).status_code == 200
    _clock(monkeypatch, 2 * 3600 + 60)
    r = web.get(page, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
