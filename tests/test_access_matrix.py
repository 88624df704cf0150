"""The access matrix: every endpoint of the service, API and web pages, × every kind of caller ×
ownership. Exactly the allowed cells succeed; a caller without the role gets 403, one whose role
allows it but who does not reach the patient gets 404 (the answer for a record that does not
exist), one without a live sign-in gets 401 (API) or the sign-in page (web).

Endpoints are enumerated from the route modules and checked against the served OpenAPI schema,
so a new endpoint without a row here fails `test_every_endpoint_is_in_the_matrix`. Every answer
is also checked for the security headers; every web form post is also tried without its
anti-forgery token.

Callers: the patient herself (own), another patient (other), her assigned navigator (assigned),
a navigator not assigned to her (unassigned), an admin; plus nobody, a revoked token, and the
web session cookie sent to the API.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from dataclasses import dataclass

import pytest
from PIL import Image

from tests.test_api_fakes import People, make_settings
from tests.test_web_fixtures import PASSWORD, WebPipeline, csrf_of


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    roles: str  # letters of the roles allowed: p(atient), n(avigator), a(dmin); "*" = no sign-in needed
    web: bool = False
    body: object = None  # JSON (API), form fields (web), or "file"

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def scoped(self) -> bool:
        return "{pid}" in self.path or "{did}" in self.path or "{tdid}" in self.path


API = [
    Endpoint("GET", "/healthz", "*"),
    Endpoint("GET", "/api/patients", "pna"),
    Endpoint("POST", "/api/patients", "na", body={"name": "New Example"}),
    Endpoint("GET", "/api/library", "pna"),
    Endpoint("GET", "/api/patients/{pid}", "pna"),
    Endpoint("GET", "/api/patients/{pid}/documents", "pna"),
    Endpoint("POST", "/api/patients/{pid}/documents", "pna", body="file"),
    Endpoint("GET", "/api/patients/{pid}/profile", "pna"),
    Endpoint("PATCH", "/api/patients/{pid}/profile", "na", body={"field": "diagnosis.grade", "value": 2, "note": "p. 1"}),
    Endpoint("POST", "/api/patients/{pid}/profile/confirm", "na"),
    Endpoint("POST", "/api/patients/{pid}/guidance", "pna", body={"question": "What does HER2-low mean?"}),
    Endpoint("GET", "/api/patients/{pid}/fhir", "pna"),
    Endpoint("GET", "/api/patients/{pid}/audit", "na"),
    Endpoint("GET", "/api/documents/{did}", "pna"),
    Endpoint("GET", "/api/documents/{tdid}/pages/{n}", "pna"),
    Endpoint("GET", "/api/documents/{did}/pages/{n}.png", "pna"),
]
WEB = [
    Endpoint("GET", "/login", "*", web=True),
    Endpoint("POST", "/login", "*", web=True, body={"email": "{email}", "password": PASSWORD}),
    Endpoint("GET", "/", "pna", web=True),
    Endpoint("POST", "/logout", "pna", web=True, body={}),
    Endpoint("GET", "/queue", "na", web=True),
    Endpoint("GET", "/patients/{pid}", "pna", web=True),
    Endpoint("GET", "/patients/{pid}/documents.json", "pna", web=True),
    Endpoint("POST", "/patients/{pid}/documents", "pna", web=True, body="file"),
    Endpoint("GET", "/patients/{pid}/profile", "pna", web=True),
    Endpoint("GET", "/patients/{pid}/ask", "pna", web=True),
    Endpoint("POST", "/patients/{pid}/ask", "pna", web=True, body={"question": "What does HER2-low mean?"}),
    Endpoint("GET", "/documents/{did}/pages/{n}.png", "pna", web=True),
    Endpoint("GET", "/documents/{tdid}/pages/{n}/view", "pna", web=True),
    Endpoint("GET", "/review/{pid}", "na", web=True),
    Endpoint("POST", "/review/{pid}/field", "na", web=True, body={"field": "diagnosis.grade", "action": "accept"}),
    Endpoint("POST", "/review/{pid}/confirm", "na", web=True, body={}),
    Endpoint("GET", "/review/{pid}/audit", "na", web=True),
    Endpoint("GET", "/review/{pid}/fhir", "na", web=True),
]
ENDPOINTS = API + WEB
#: Served by the framework, no records: the API documentation and the pages' static files.
PUBLIC_FRAMEWORK = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}

CALLERS = {  # name: (role letter, reaches patient 1)
    "own_patient": ("p", True), "other_patient": ("p", False), "assigned_navigator": ("n", True),
    "unassigned_navigator": ("n", False), "admin": ("a", True),
}
EMAILS = {"own_patient": "ann@example.test", "other_patient": "bea@example.test", "assigned_navigator": "nav@clinic.test",
          "unassigned_navigator": "nav2@clinic.test", "admin": "admin@clinic.test"}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One clinic (the API tests' people, all with web passwords), a signed-in browser per caller."""
    from fastapi.testclient import TestClient
    from sqlmodel import select

    from api.app import create_app
    from api.auth import hash_password
    from api.db import User, session_scope
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path_factory.mktemp("matrix"), rate_limit_burst=100_000,
                                               auth_failures_burst=100_000),  # many bad tokens and sign-ins
                                 pipeline=WebPipeline(), immediate=True)
    people = People(svc)
    with session_scope(svc.engine) as s:
        hashed = hash_password(PASSWORD)
        for user in s.exec(select(User)):
            user.password_hash = hashed
    app = create_app(services=svc)
    tokens = {"own_patient": people.pat1, "other_patient": people.pat2, "assigned_navigator": people.nav,
              "unassigned_navigator": people.nav2, "admin": people.admin}
    with TestClient(app, base_url="https://testserver") as api:
        r = api.post(f"/api/patients/{people.p1.id}/documents", headers=People.h(people.pat1),
                     files=[("file", ("scan.png", _png(), "image/png")),
                            ("file", ("t.txt", b"diagnosis.grade=3\nreceptors.her2.status=negative\n", "text/plain"))])
        ids = dict(zip(("did", "tdid"), (d["document_id"] for d in r.json()["documents"])))
        yield {"app": app, "api": api, "people": people, "tokens": tokens, "ids": ids, "services": svc}
    svc.close()


def browser(world, caller: str | None):
    """A signed-in browser of `caller` (None: a browser that only visited the sign-in page)."""
    from fastapi.testclient import TestClient

    client = TestClient(world["app"], base_url="https://testserver")
    page = client.get("/login")
    if caller is not None:
        r = client.post("/login", data={"email": EMAILS[caller], "password": PASSWORD, "csrf": csrf_of(page.text)},
                        follow_redirects=False)
        assert r.status_code == 303, r.text
    return client


def call(world, ep: Endpoint, client, *, caller: str | None, token: str | None = None, csrf: bool = True,
         patient: str | None = None):
    people, ids = world["people"], world["ids"]
    url = ep.path.format(pid=patient or people.p1.id, n=1, **ids)
    kwargs: dict = {"headers": {"Accept": "text/html"} if ep.web else {}, "follow_redirects": False}
    if token:
        kwargs["headers"]["Authorization"] = f"Bearer {token}"
    if ep.body == "file":
        kwargs["files"] = [("file", ("x.txt", f"ecog=1\n{caller}{url}".encode(), "text/plain"))]
    elif isinstance(ep.body, dict) and ep.web:
        email = EMAILS.get(caller or "", "nobody@example.test")
        kwargs["data"] = {k: v.format(email=email) for k, v in ep.body.items()}
    elif ep.body is not None:
        kwargs["json"] = ep.body
    if ep.web and ep.method == "POST" and csrf:
        token_value = csrf_of(client.get("/login").text)
        if "files" in kwargs:
            kwargs["headers"]["X-CSRF-Token"] = token_value
        else:
            kwargs.setdefault("data", {})["csrf"] = token_value
    return client.request(ep.method, url, **kwargs)


def assert_security_headers(r, ep: Endpoint) -> None:
    assert r.headers.get("x-content-type-options") == "nosniff", ep.id
    assert r.headers.get("x-frame-options") == "DENY", ep.id
    csp = r.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "script-src 'self'" in csp, ep.id
    assert "access-control-allow-origin" not in r.headers, ep.id  # no cross-origin reads


def assert_allowed(r, ep: Endpoint) -> None:
    if ep.web and ep.method == "POST":
        assert r.status_code in (200, 202, 303), (ep.id, r.status_code, r.text[:300])
        if r.status_code == 303:
            assert not r.headers["location"].startswith("/login?next"), ep.id
    else:
        assert r.status_code in (200, 201, 202, 303), (ep.id, r.status_code, r.text[:300])


def assert_refused(r, ep: Endpoint, status: int, code: str) -> None:
    assert r.status_code == status, (ep.id, r.status_code, r.text[:300])
    if not ep.web:
        assert r.json()["error"]["code"] == code, r.text


def assert_needs_sign_in(r, ep: Endpoint) -> None:
    if ep.web and ep.path.endswith(".json"):  # asked by the page's script: JSON, not a redirect
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized", (ep.id, r.status_code)
    elif ep.web:
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), (ep.id, r.status_code)
    else:
        assert_refused(r, ep, 401, "unauthorized")


@pytest.mark.parametrize("caller", list(CALLERS))
@pytest.mark.parametrize("ep", ENDPOINTS, ids=[e.id for e in ENDPOINTS])
def test_access_matrix(world, ep: Endpoint, caller: str):
    role, reaches = CALLERS[caller]
    client = browser(world, caller) if ep.web else world["api"]
    r = call(world, ep, client, caller=caller, token=None if ep.web else world["tokens"][caller])
    assert_security_headers(r, ep)
    if ep.roles == "*":
        assert r.status_code in (200, 303), (ep.id, r.status_code)
    elif role not in ep.roles:
        assert_refused(r, ep, 403, "forbidden")
    elif ep.scoped and not reaches:
        assert_refused(r, ep, 404, "not_found")
        # the same answer as for a patient or document that does not exist
        missing = call(world, ep, client, caller=caller, token=None if ep.web else world["tokens"][caller],
                       patient="pat_doesnotexist")
        if "{pid}" in ep.path:
            assert missing.status_code == 404 and (ep.web or missing.json() == r.json())
    else:
        assert_allowed(r, ep)


@pytest.mark.parametrize("ep", [e for e in ENDPOINTS if e.roles != "*"], ids=[e.id for e in ENDPOINTS if e.roles != "*"])
def test_without_a_live_sign_in(world, ep: Endpoint):
    """Nobody, a malformed or revoked token, an expired session: 401 from the API, the sign-in page on the web."""
    from api.auth import issue_token, revoke_tokens
    from api.db import User, session_scope

    if ep.web:
        anonymous = browser(world, None)
        assert_needs_sign_in(call(world, ep, anonymous, caller=None), ep)
        signed_out = browser(world, "admin")
        cookie = next(c for c in signed_out.cookies.jar if c.name == "og_session")
        call(world, Endpoint("POST", "/logout", "pna", web=True, body={}), signed_out, caller="admin")
        assert signed_out.cookies.get("og_session") is None
        signed_out.cookies.set("og_session", cookie.value, domain=cookie.domain)  # replayed after sign-out
        assert_needs_sign_in(call(world, ep, signed_out, caller="admin"), ep)
        return
    for token in (None, "og_not-a-token", "", "og_" + "A" * 43):
        assert_needs_sign_in(call(world, ep, world["api"], caller=None, token=token), ep)
    with session_scope(world["services"].engine) as s:
        user = s.get(User, 1)
        revoked = issue_token(s, user)
    assert call(world, ep, world["api"], caller="admin", token=revoked).status_code != 401
    with session_scope(world["services"].engine) as s:
        revoke_tokens(s, user.email)
    assert_needs_sign_in(call(world, ep, world["api"], caller="admin", token=revoked), ep)
    with session_scope(world["services"].engine) as s:  # the admin's matrix token was revoked too
        world["tokens"]["admin"] = issue_token(s, s.get(User, 1))


@pytest.mark.parametrize("ep", [e for e in API if e.roles != "*"], ids=[e.id for e in API if e.roles != "*"])
def test_the_api_ignores_the_web_session_cookie(world, ep: Endpoint):
    """A page's cookie does not authenticate API calls, so another site cannot use it to call the
    API without an anti-forgery token."""
    signed_in = browser(world, "admin")
    assert_needs_sign_in(call(world, ep, signed_in, caller="admin"), ep)


WEB_POSTS = [e for e in WEB if e.method == "POST"]


@pytest.mark.parametrize("ep", WEB_POSTS, ids=[e.id for e in WEB_POSTS])
def test_every_web_form_needs_its_anti_forgery_token(world, ep: Endpoint):
    client = browser(world, "admin")
    r = call(world, ep, client, caller="admin", csrf=False)
    assert r.status_code == 403 and "This form has expired" in r.text, (ep.id, r.status_code)
    assert_security_headers(r, ep)


def _declared_routes() -> set[tuple[str, str]]:
    """(method, path) of every route the service's route modules declare."""
    found = set()
    for package in ("api.routes", "api.web.routes"):
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            module = importlib.import_module(f"{package}.{info.name}")
            router = getattr(module, "router", None)
            for route in getattr(router, "routes", []):
                for method in sorted(route.methods - {"HEAD"}):
                    found.add((method, route.path))
    return found


def test_every_endpoint_is_in_the_matrix():
    from api.app import create_app
    from api.settings import Settings

    normalise = lambda p: p.replace("{tdid}", "{did}")  # noqa: E731
    in_matrix = {(e.method, normalise(e.path)) for e in ENDPOINTS}
    declared = {(m, p) for m, p in _declared_routes()}
    assert declared - in_matrix == set(), "endpoints missing from the access matrix"
    assert in_matrix - declared == set(), "matrix rows for endpoints that no longer exist"
    schema = create_app(Settings(environment="test")).openapi()
    served = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops} - {("GET", p) for p in PUBLIC_FRAMEWORK}
    assert served <= declared


def test_tokens_and_anti_forgery_tokens_are_compared_in_constant_time(monkeypatch, world):
    """The stored token hash, the password digest and the anti-forgery token are each compared
    with `hmac.compare_digest`, never with `==`."""
    import hmac

    seen = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: seen.append((type(a), len(a))) or real(a, b))
    api = world["api"]
    assert api.get("/api/patients", headers=People.h(world["tokens"]["own_patient"])).status_code == 200
    assert (str, 64) in seen  # the token's sha256 hex
    seen.clear()
    browser(world, "own_patient")  # signs in: password digest, then the form's anti-forgery token
    assert (bytes, 32) in seen and (str, 64) in seen
