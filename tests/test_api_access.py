"""Access control: every endpoint × caller × ownership; tokens; rate limit."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.test_api_fakes import People, client, people, services, upload  # noqa: F401


@pytest.fixture
def db_url():
    """The access matrix runs on SQLite only; the storage tests cover PostgreSQL."""
    return None


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


# (method, path, body, roles allowed to act on a reachable patient)
ENDPOINTS = [
    ("GET", "/api/patients/{pid}", None, "pna"),
    ("GET", "/api/patients/{pid}/documents", None, "pna"),
    ("POST", "/api/patients/{pid}/documents", "file", "pna"),
    ("GET", "/api/patients/{pid}/profile", None, "pna"),
    ("PATCH", "/api/patients/{pid}/profile", {"field": "diagnosis.grade", "value": 2}, "na"),
    ("POST", "/api/patients/{pid}/profile/confirm", None, "na"),
    ("POST", "/api/patients/{pid}/guidance", {"question": "What is HER2?"}, "pna"),
    ("GET", "/api/patients/{pid}/fhir", None, "pna"),
    ("GET", "/api/patients/{pid}/audit", None, "na"),
    ("GET", "/api/documents/{did}", None, "pna"),
    ("GET", "/api/documents/{tdid}/pages/1", None, "pna"),
    ("GET", "/api/documents/{did}/pages/1.png", None, "pna"),
]
# caller → (role letter, reaches patient 1?)
CALLERS = {"own_patient": ("p", True), "other_patient": ("p", False), "assigned_navigator": ("n", True),
           "unassigned_navigator": ("n", False), "admin": ("a", True)}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One clinic for the whole matrix (the cells' changes do not affect each other's answers)."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.services import Services
    from tests.test_api_fakes import make_settings

    svc = Services.from_settings(make_settings(tmp_path_factory.mktemp("matrix"), rate_limit_burst=10_000,
                                               auth_failures_burst=10_000),
                                 immediate=True)
    people = People(svc)
    with TestClient(create_app(services=svc)) as client:
        r = upload(client, people.pat1, people.p1.id, ("scan.png", _png()), ("t.txt", b"diagnosis.grade=3\n"))
        docs = dict(zip(("did", "tdid"), (d["document_id"] for d in r.json()["documents"])))
        yield client, people, docs
    svc.close()


@pytest.mark.parametrize("caller", list(CALLERS))
@pytest.mark.parametrize("method,path,body,allowed", ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS])
def test_access_matrix(world, caller, method, path, body, allowed):
    client, people, docs = world
    token = {"own_patient": people.pat1, "other_patient": people.pat2, "assigned_navigator": people.nav,
             "unassigned_navigator": people.nav2, "admin": people.admin}[caller]
    role, reaches = CALLERS[caller]
    url = path.format(pid=people.p1.id, **docs)
    kwargs = {"headers": People.h(token)}
    if body == "file":
        kwargs["files"] = [("file", ("x.txt", f"ecog=1\n{caller}".encode(), "text/plain"))]
    elif body is not None:
        kwargs["json"] = body
    r = client.request(method, url, **kwargs)
    if role in allowed and reaches:
        assert r.status_code in (200, 201, 202), (r.status_code, r.text)
    elif role not in allowed:
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "forbidden"
    else:
        assert r.status_code == 404, r.text  # same answer as a record that does not exist
        assert r.json() == client.request(method, url.replace(people.p1.id, "pat_doesnotexist")
                                          .replace(docs["did"], "doc_doesnotexist")
                                          .replace(docs["tdid"], "doc_doesnotexist"), **kwargs).json()


@pytest.mark.parametrize("method,path,body,allowed", ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS])
def test_no_token_or_a_bad_one_is_401(world, method, path, body, allowed):
    client, people, docs = world
    url = path.format(pid=people.p1.id, **docs)
    for headers in ({}, {"Authorization": "Bearer og_not-a-token"}, {"Authorization": "Basic abc"}):
        r = client.request(method, url, headers=headers)
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"


def test_patient_list_shows_only_what_the_caller_may_see(client, people):
    ids = lambda tok: {p["id"] for p in client.get("/api/patients", headers=People.h(tok)).json()}  # noqa: E731
    assert ids(people.pat1) == {people.p1.id}
    assert ids(people.nav) == {people.p1.id, people.p2.id}
    assert ids(people.nav2) == {people.p3.id}
    assert ids(people.admin) == {people.p1.id, people.p2.id, people.p3.id}


def test_create_patient_roles(client, people):
    r = client.post("/api/patients", headers=People.h(people.nav), json={"name": "New Person"})
    assert r.status_code == 201
    pid = r.json()["id"]
    assert client.get(f"/api/patients/{pid}", headers=People.h(people.nav)).status_code == 200  # auto-assigned
    assert client.get(f"/api/patients/{pid}", headers=People.h(people.nav2)).status_code == 404
    assert client.post("/api/patients", headers=People.h(people.pat1), json={"name": "X"}).status_code == 403
    r = client.post("/api/patients", headers=People.h(people.admin), json={"name": "Y", "navigator_email": "nav2@clinic.test"})
    assert client.get(f"/api/patients/{r.json()['id']}", headers=People.h(people.nav2)).status_code == 200
    assert client.post("/api/patients", headers=People.h(people.admin), json={"name": ""}).status_code == 422


def test_revoked_token_fails_at_once(client, people, services):
    from api.auth import revoke_tokens
    from api.db import session_scope

    h = People.h(people.pat1)
    assert client.get("/api/patients", headers=h).status_code == 200
    with session_scope(services.engine) as s:
        assert revoke_tokens(s, "ann@example.test") == 1
    assert client.get("/api/patients", headers=h).status_code == 401


def test_tokens_and_passwords_are_stored_hashed(services, people):
    from sqlmodel import Session, select
    from api.auth import hash_password, verify_password
    from api.db import ApiToken

    with Session(services.engine) as s:
        stored = [t.token_hash for t in s.exec(select(ApiToken))]
    assert people.pat1 not in stored and len(stored[0]) == 64
    h = hash_password("correct horse")
    assert h.startswith("scrypt$") and "correct horse" not in h
    assert verify_password("correct horse", h) and not verify_password("wrong", h)
    assert not verify_password("x", None) and not verify_password("x", "garbage")


def test_password_login(services):
    from sqlmodel import Session

    from api.auth import authenticate_password, create_user
    from api.db import Patient, session_scope
    from api.errors import Unauthorized

    with session_scope(services.engine) as s:
        patient = Patient(name="P")
        s.add(patient)
        s.flush()
        create_user(s, "pw@example.test", "patient", patient_id=patient.id, password="a long password")
        create_user(s, "nopw@example.test", "navigator")
    with Session(services.engine) as s:
        assert authenticate_password(s, " PW@example.test", "a long password").email == "pw@example.test"
        for email, password in (("pw@example.test", "wrong"), ("ghost@example.test", "a long password"),
                                ("nopw@example.test", "")):
            with pytest.raises(Unauthorized):
                authenticate_password(s, email, password)


def test_rate_limit_per_token(tmp_path):
    from fastapi.testclient import TestClient
    from api.app import create_app
    from api.services import Services
    from tests.test_api_fakes import make_settings

    svc = Services.from_settings(make_settings(tmp_path, rate_limit_burst=3, rate_limit_per_minute=1), immediate=True)
    people = People(svc)
    with TestClient(create_app(services=svc)) as c:
        codes = [c.get("/api/patients", headers=People.h(people.pat1)).status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        assert c.get("/api/patients", headers=People.h(people.pat2)).status_code == 200  # per token
        r = c.get("/api/patients", headers=People.h(people.pat1))
        assert r.json()["error"]["code"] == "rate_limited"
    svc.close()


def test_token_bucket_refills():
    from api.errors import RateLimited
    from api.ratelimit import TokenBuckets

    now = [0.0]
    b = TokenBuckets(per_minute=60, burst=2, clock=lambda: now[0])
    b.take("k"), b.take("k")
    with pytest.raises(RateLimited):
        b.take("k")
    now[0] += 1.0  # one request a second
    b.take("k")
    with pytest.raises(RateLimited):
        b.take("k")
