"""Failed authentications are limited per client address (API tokens, session cookies and web
sign-in share one limit): 429 with the taxonomy's JSON error and `Retry-After`, no database
lookup while limited, and never a lock-out that outlasts the failures."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from api.ratelimit import AuthFailures
from tests.test_api_fakes import People, make_settings
from tests.test_web_fixtures import csrf_of, sign_in, web_people, web_services  # noqa: F401

BAD = People.h("og_" + "x" * 43)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def api(tmp_path, clock):
    """An app whose failed-authentication limit is 3 at once, then one a second, on a clock the
    test moves."""
    from api.app import create_app
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path), immediate=True)
    people = People(svc)
    app = create_app(services=svc)
    app.state.auth_failures = AuthFailures(per_minute=60, burst=3, clock=clock)
    with TestClient(app) as client:
        yield client, people, svc
    svc.close()


@contextmanager
def token_lookups(svc):
    """Count the queries that look a token up."""
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        if "api_tokens" in statement:
            seen.append(statement)

    event.listen(svc.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(svc.engine, "before_cursor_execute", count)


def test_bad_tokens_from_one_address_get_429_with_retry_after_and_no_lookup(api, clock):
    client, people, svc = api
    assert [client.get("/api/patients", headers=BAD).status_code for _ in range(3)] == [401] * 3
    with token_lookups(svc) as lookups:
        r = client.get("/api/patients", headers=BAD)
    assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited"
    assert r.headers["retry-after"] == "1" and "Wait a second" in r.json()["error"]["message"]
    assert lookups == []  # refused before the database is asked
    clock.now += 1.0  # one failure's refill: the address may try again, once
    assert client.get("/api/patients", headers=BAD).status_code == 401
    assert client.get("/api/patients", headers=BAD).status_code == 429


def test_a_revoked_token_is_a_failure_too(api):
    from api.auth import revoke_tokens
    from api.db import session_scope

    client, people, svc = api
    with session_scope(svc.engine) as s:
        revoke_tokens(s, "bea@example.test")
    codes = [client.get("/api/patients", headers=People.h(people.pat2)).status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


def test_a_known_good_token_works_while_its_address_is_limited(api):
    client, people, _ = api
    assert client.get("/api/patients", headers=People.h(people.pat1)).status_code == 200
    for _ in range(5):
        client.get("/api/patients", headers=BAD)
    assert client.get("/api/patients", headers=BAD).status_code == 429
    # Ann's token authenticated before: a misbehaving client at her address does not lock her out.
    assert client.get("/api/patients", headers=People.h(people.pat1)).status_code == 200


def test_nobody_is_locked_out_longer_than_the_refill(api, clock):
    client, people, _ = api
    for _ in range(20):  # long after the limit: refused requests do not lengthen the wait
        client.get("/api/patients", headers=BAD)
    first_use = People.h(people.nav)  # a good token never seen by this process waits like the rest
    r = client.get("/api/patients", headers=first_use)
    assert r.status_code == 429
    clock.now += int(r.headers["retry-after"])
    assert client.get("/api/patients", headers=first_use).status_code == 200


def test_the_limit_is_per_address(api):
    client, people, _ = api
    for _ in range(4):
        client.get("/api/patients", headers=BAD)
    assert client.get("/api/patients", headers=BAD).status_code == 429
    with TestClient(client.app, client=("10.0.0.9", 4000)) as elsewhere:
        assert elsewhere.get("/api/patients", headers=BAD).status_code == 401


def test_no_token_at_all_is_not_counted(api):
    client, people, _ = api
    assert [client.get("/api/patients").status_code for _ in range(6)] == [401] * 6
    assert client.get("/api/patients", headers=People.h(people.nav)).status_code == 200


def test_the_per_token_limit_says_when_to_retry(tmp_path):
    from api.app import create_app
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path, rate_limit_burst=1, rate_limit_per_minute=2), immediate=True)
    people = People(svc)
    with TestClient(create_app(services=svc)) as client:
        assert client.get("/api/patients", headers=People.h(people.pat1)).status_code == 200
        r = client.get("/api/patients", headers=People.h(people.pat1))
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 30
    svc.close()


# --- the web pages share the limit ----------------------------------------------------------------


@pytest.fixture
def web_limited(web_services, clock):  # noqa: F811
    from api.app import create_app

    app = create_app(services=web_services)
    app.state.auth_failures = AuthFailures(per_minute=60, burst=3, clock=clock)
    with TestClient(app, base_url="https://testserver") as client:
        yield client


def test_wrong_passwords_and_bad_tokens_share_one_limit(web_limited, web_people, clock):  # noqa: F811
    web = web_limited
    assert web.get("/api/patients", headers=BAD).status_code == 401
    assert web.get("/api/patients", headers=BAD).status_code == 401
    assert sign_in(web, "ann@example.test", "wrong password").status_code == 401
    r = sign_in(web, "ann@example.test")  # the right password waits too: the address is limited
    assert r.status_code == 429 and r.headers["retry-after"] == "1" and "Too many requests" in r.text
    assert web.get("/api/patients", headers=BAD).status_code == 429
    clock.now += 1.0
    assert sign_in(web, "ann@example.test").status_code == 303


def test_a_replayed_session_counts_as_a_failure(web_limited, web_people):  # noqa: F811
    web = web_limited
    assert sign_in(web, "ann@example.test").status_code == 303
    stolen = web.cookies.get("og_session")
    page = web.get(f"/patients/{web_people.p1.id}")
    web.post("/logout", data={"csrf": csrf_of(page.text)})
    domain = next(c.domain for c in web.cookies.jar)
    codes = []
    for _ in range(4):
        web.cookies.delete("og_session")
        web.cookies.set("og_session", stolen, domain=domain)
        codes.append(web.get(f"/patients/{web_people.p1.id}", follow_redirects=False,
                             headers={"Accept": "application/json"}).status_code)
    assert codes == [401, 401, 401, 429]
