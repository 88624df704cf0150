"""Web sign-in: a session cookie holding a bearer token, and anti-forgery tokens for forms.

Signing in issues an ordinary API token (stored hashed, like every token) and puts it in the
``og_session`` cookie, signed and timestamped with ``ONCOGUIDE_SESSION_SECRET`` (itsdangerous),
``Secure``, ``HttpOnly``, ``SameSite=Lax``. A request is signed in when the signature holds, the
cookie is younger than ``ONCOGUIDE_SESSION_HOURS`` (default 12) and the token is live, so signing out (which revokes that
one token) or ``oncoguide user revoke`` ends the session at once.

Forms carry a token derived from the ``og_csrf`` cookie (a random value) with an HMAC under the
same secret (double submit, signed); scripts send it as ``X-CSRF-Token``. Another site can make
the browser send the cookie but can neither read it nor compute the token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import update
from sqlmodel import Session

from api.auth import hash_token, issue_token
from api.db import ApiToken, User, utcnow
from api.deps import authenticate_token
from api.errors import Unauthorized
from api.settings import Settings
from api.web.errors import CsrfRejected

SESSION_COOKIE = "og_session"
CSRF_COOKIE = "og_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


def session_seconds(settings: Settings) -> int:
    return max(1, int(settings.session_hours * 3600))


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.session_secret, salt="oncoguide.web.session")


def _cookie(response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", secure=True, httponly=True, samesite="lax")


# --- session --------------------------------------------------------------------------------------


def start_session(session: Session, user: User, settings: Settings, response: Response) -> None:
    """Issue a token for `user` and set the session cookie on `response`."""
    token = issue_token(session, user)
    _cookie(response, SESSION_COOKIE, _serializer(settings).dumps(token), session_seconds(settings))


def end_session(session: Session, token: str | None, response: Response) -> None:
    """Revoke the session's token and clear the cookie."""
    if token:
        revoke_token(session, token)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="lax")


def revoke_token(session: Session, token: str) -> None:
    session.execute(update(ApiToken).where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
                    .values(revoked_at=utcnow()))


def session_token(request: Request, session: Session, settings: Settings) -> str | None:
    """The token of a valid session cookie, or None. An expired cookie's token is revoked."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    serializer = _serializer(settings)
    try:
        return serializer.loads(raw, max_age=session_seconds(settings))
    except SignatureExpired:
        ok, token = serializer.loads_unsafe(raw)
        if isinstance(token, str):
            revoke_token(session, token)
            session.commit()
        return None
    except BadSignature:
        return None


def signed_in_user(request: Request, session: Session, settings: Settings) -> User:
    """The user of the request's session, or `Unauthorized` (the pages answer with the sign-in page)."""
    token = session_token(request, session, settings)
    if token is None:
        raise Unauthorized("Sign in to see this page.")
    user = authenticate_token(request, session, token)  # the API's check: same limits
    request.state.session_token = token
    return user


# --- anti-forgery tokens ----------------------------------------------------------------------------


def _mac(settings: Settings, value: str) -> str:
    return hmac.new(settings.session_secret.encode(), f"csrf|{value}".encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request, settings: Settings) -> str:
    """The token for forms on this page; creates the cookie value when the browser has none yet."""
    value = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not value:
        value = secrets.token_urlsafe(32)
        request.state.new_csrf = value
    return _mac(settings, value)


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Send the cookie a page's token was made from, when it is new."""
    value = getattr(request.state, "new_csrf", None)
    if value:
        _cookie(response, CSRF_COOKIE, value, None)


def check_csrf(request: Request, settings: Settings, submitted: str | None) -> None:
    """`CsrfRejected` unless `submitted` (form field or header) matches the browser's cookie."""
    value = request.cookies.get(CSRF_COOKIE)
    submitted = submitted or request.headers.get(CSRF_HEADER)
    if not value or not submitted or not hmac.compare_digest(_mac(settings, value), submitted):
        raise CsrfRejected()
