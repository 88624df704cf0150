"""Web protections (issue 7, "Web"): session cookie flags, sign-in and sign-out, anti-forgery tokens,
security headers with a CSP that forbids inline code, output escaping."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from api.db import ApiToken, User
from tests.test_web_fixtures import PASSWORD, csrf_of, sign_in, upload_web, web, web_people, web_services  # noqa: F401


def _replace_cookie(client, name: str, value: str) -> None:
    domain = next(c.domain for c in client.cookies.jar)  # the test server's, as the jar spells it
    client.cookies.delete(name)
    client.cookies.set(name, value, domain=domain)


def _cookie_header(response, name: str) -> str:
    headers = [h for h in response.headers.get_list("set-cookie") if h.startswith(name + "=")]
    assert headers, f"no {name} cookie set"
    return headers[0]


def test_sign_in_sets_a_secure_httponly_samesite_session_cookie(web, web_people):
    page = web.get("/login")
    csrf_cookie = _cookie_header(page, "og_csrf")
    for flag in ("Secure", "HttpOnly", "SameSite=lax"):
        assert flag in csrf_cookie
    r = sign_in(web, "ann@example.test")
    assert r.status_code == 303 and r.headers["location"] == f"/patients/{web_people.p1.id}"
    session = _cookie_header(r, "og_session")
    for flag in ("Secure", "HttpOnly", "SameSite=lax", "Path=/", "Max-Age=43200"):
        assert flag in session, flag
    assert web.get(f"/patients/{web_people.p1.id}").status_code == 200
    r = sign_in(web, "nav@clinic.test")
    assert r.headers["location"] == "/queue"


@pytest.mark.parametrize("email,password", [("ann@example.test", "wrong password"), ("nobody@example.test", PASSWORD)])
def test_a_wrong_email_or_password_gets_the_same_plain_answer_and_no_session(web, web_people, email, password):
    r = sign_in(web, email, password)
    assert r.status_code == 401
    assert "The email or password is not right" in r.text
    assert not any(h.startswith("og_session=") for h in r.headers.get_list("set-cookie"))
    assert web.get("/", follow_redirects=False).headers["location"].startswith("/login")


def test_pages_need_a_session_and_send_you_back_after_sign_in(web, web_people):
    target = f"/patients/{web_people.p1.id}/profile"
    r = web.get(target, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fpatients%2F" + web_people.p1.id + "%2Fprofile"
    login = web.get(r.headers["location"])
    assert f'name="next" value="{target}"' in login.text
    r = web.post("/login", data={"email": "ann@example.test", "password": PASSWORD, "csrf": csrf_of(login.text),
                                 "next": target}, follow_redirects=False)
    assert r.headers["location"] == target
    # scripts get JSON, not a redirect
    web.cookies.clear()
    r = web.get(f"/patients/{web_people.p1.id}/documents.json")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("next_url", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_sign_in_never_redirects_to_another_site(web, web_people, next_url):
    token = csrf_of(web.get("/login").text)
    r = web.post("/login", data={"email": "ann@example.test", "password": PASSWORD, "csrf": token, "next": next_url},
                 follow_redirects=False)
    assert r.headers["location"] == f"/patients/{web_people.p1.id}"


def test_forms_without_a_valid_anti_forgery_token_are_refused(web, web_people):
    web.get("/login")
    r = web.post("/login", data={"email": "ann@example.test", "password": PASSWORD})
    assert r.status_code == 403 and "This form has expired" in r.text
    r = web.post("/login", data={"email": "ann@example.test", "password": PASSWORD, "csrf": "0" * 64})
    assert r.status_code == 403
    sign_in(web, "ann@example.test")
    pid = web_people.p1.id
    r = web.post(f"/patients/{pid}/documents", headers={"Accept": "application/json"},
                 files=[("file", ("a.txt", b"diagnosis.grade=3\n", "text/plain"))])
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_rejected"
    # a token made for another browser's cookie does not fit this one
    other = csrf_of(web.get("/login").text)
    _replace_cookie(web, "og_csrf", "another-browser")
    r = web.post(f"/patients/{pid}/ask", data={"csrf": other, "question": "What does HER2-low mean?"})
    assert r.status_code == 403
    assert web.get(f"/patients/{pid}/documents.json").json() == []  # nothing was stored


def _tokens(services, email: str) -> list[ApiToken]:
    """The user's tokens, oldest first: the one `oncoguide user add` printed, then the web session's."""
    with Session(services.engine) as s:
        user = s.exec(select(User).where(User.email == email)).one()
        return list(s.exec(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)))


def test_signing_out_revokes_the_session_at_once(web, web_people, web_services):
    sign_in(web, "ann@example.test")
    stolen = web.cookies.get("og_session")
    page = web.get(f"/patients/{web_people.p1.id}")
    r = web.post("/logout", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?done=signed_out"
    assert "og_session=" in _cookie_header(r, "og_session") and 'Max-Age=0' in _cookie_header(r, "og_session")
    _replace_cookie(web, "og_session", stolen)
    r = web.get(f"/patients/{web_people.p1.id}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    cli_token, web_token = _tokens(web_services, "ann@example.test")
    assert cli_token.revoked_at is None and web_token.revoked_at is not None


def test_a_tampered_or_expired_session_cookie_is_refused(web, web_people, web_services, monkeypatch):
    sign_in(web, "ann@example.test")
    good = web.cookies.get("og_session")
    _replace_cookie(web, "og_session", good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"))
    assert web.get(f"/patients/{web_people.p1.id}", follow_redirects=False).status_code == 303
    _replace_cookie(web, "og_session", good)
    assert web.get(f"/patients/{web_people.p1.id}").status_code == 200
    monkeypatch.setattr("api.web.session.session_seconds", lambda settings: -1)  # every cookie is now too old
    assert web.get(f"/patients/{web_people.p1.id}", follow_redirects=False).status_code == 303
    cli_token, web_token = _tokens(web_services, "ann@example.test")
    assert cli_token.revoked_at is None and web_token.revoked_at is not None


def test_sign_in_attempts_are_rate_limited(web, web_people):
    answers = [sign_in(web, "ann@example.test", "wrong password").status_code for _ in range(11)]
    assert answers[:10] == [401] * 10 and answers[10] == 429
    assert "Too many requests" in sign_in(web, "ann@example.test").text  # even the right password waits


def test_security_headers_and_a_csp_without_inline_code(web, web_people):
    sign_in(web, "ann@example.test")
    for url in ("/login", f"/patients/{web_people.p1.id}", "/static/app.css", "/healthz",
                f"/api/patients/{web_people.p1.id}"):
        r = web.get(url)
        assert r.headers["x-content-type-options"] == "nosniff", url
        assert r.headers["x-frame-options"] == "DENY", url
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    page = web.get(f"/patients/{web_people.p1.id}")
    assert page.headers["cache-control"] == "no-store"
    docs = web.get("/docs")
    assert docs.headers["x-content-type-options"] == "nosniff" and "content-security-policy" not in docs.headers


def _pages_of_every_kind(web, people) -> list[str]:
    pid = people.p1.id
    upload_web(web, pid, ("report.txt", b"receptors.her2.status=negative\nreceptors.her2.ihc_score=1+\n"))
    doc = web.get(f"/patients/{pid}/documents.json").json()[0]["document_id"]
    html = [web.get(u).text for u in (f"/patients/{pid}", f"/patients/{pid}/profile", f"/patients/{pid}/ask",
                                       f"/documents/{doc}/pages/1/view?start=0&end=10", "/nothing-here-either")]
    ask = web.get(f"/patients/{pid}/ask")
    html.append(web.post(f"/patients/{pid}/ask", data={"csrf": csrf_of(ask.text), "question": "What does HER2-low mean?"}).text)
    sign_in(web, "nav@clinic.test")
    html += [web.get(u).text for u in ("/queue", f"/review/{pid}", f"/review/{pid}/audit", "/login")]
    return html


def test_no_page_has_inline_script_or_style(web, web_people):
    sign_in(web, "ann@example.test")
    for html in _pages_of_every_kind(web, web_people):
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
        assert "<style" not in html and not re.search(r"\sstyle=", html), "inline style"
        assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_record_text_and_file_names_render_as_text_not_markup(web, web_people):
    sign_in(web, "ann@example.test")
    pid = web_people.p1.id
    hostile = b"<script>alert('page')</script>\ndiagnosis.histology_code=<img src=x onerror=alert(1)>\n"
    upload_web(web, pid, ("<svg onload=alert(1)>.txt", hostile))
    doc = web.get(f"/patients/{pid}/documents.json").json()[0]["document_id"]
    pages = [web.get(f"/patients/{pid}").text, web.get(f"/patients/{pid}/profile").text,
             web.get(f"/documents/{doc}/pages/1/view?start=0&end=30&field=diagnosis.histology_code").text]
    sign_in(web, "nav@clinic.test")
    pages.append(web.get(f"/review/{pid}?field=diagnosis.histology_code").text)
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;svg onload=alert(1)&gt;.txt" in pages[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[1]
    assert "<mark>&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;</mark>" in pages[2]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[3]


def test_hsts_only_when_asked_for():
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from api.web.headers import SecurityHeaders

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"x-frame-options", b"SAMEORIGIN")]})
        await send({"type": "http.response.body", "body": b""})

    def headers(**options) -> dict:
        sent = []

        async def send(message):
            sent.append(message)

        # In a thread of its own: an earlier test (Playwright's sync API) may own this thread's loop.
        call = SecurityHeaders(app, **options)({"type": "http", "path": "/"}, None, send)
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, call).result()
        return {k.decode(): v.decode() for k, v in sent[0]["headers"]}

    assert "strict-transport-security" not in headers()
    assert headers(hsts=True)["strict-transport-security"].startswith("max-age=")
    assert headers()["x-frame-options"] == "SAMEORIGIN"  # a route's own header is kept


def test_an_unexpected_failure_shows_a_plain_page_and_logs_no_record_text(web, web_people, monkeypatch, caplog):
    import logging

    def broken(*args, **kwargs):
        raise RuntimeError("Quokka Marmoset invasive lobular")

    sign_in(web, "ann@example.test")
    monkeypatch.setattr("api.web.service.profile", broken)
    with caplog.at_level(logging.DEBUG):
        r = web.get(f"/patients/{web_people.p1.id}/profile")
    assert r.status_code == 500 and "internal error" in r.text
    assert "Quokka" not in r.text and "Quokka" not in caplog.text
    assert "RuntimeError" in caplog.text
