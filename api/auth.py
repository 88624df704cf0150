"""Users, bearer tokens and passwords.

Tokens are random (``og_`` + 32 bytes, URL-safe), shown once and stored only as their sha256;
lookup is by hash and the stored hash is compared with `hmac.compare_digest`. Passwords (for the
web pages) use scrypt with a per-user salt. Neither is ever logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Literal

from sqlmodel import Session, select

from api.db import ApiToken, NavigatorAssignment, Patient, User, is_record_id, utcnow
from api.errors import InvalidRequest, NotFound, Unauthorized, UserExists

Role = Literal["patient", "navigator", "admin"]
ROLES: tuple[str, ...] = ("patient", "navigator", "admin")

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def new_token() -> str:
    return "og_" + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode("utf-8"), salt=base64.b64decode(salt), dklen=len(expected),
            n=int(n), r=int(r), p=int(p),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


_DUMMY_HASH = hash_password("not a real password")


def authenticate_password(session: Session, email: str, password: str) -> User:
    """The user whose email and password match (for the web pages' login), or `Unauthorized`.
    An unknown email costs the same scrypt run as a wrong password."""
    email = email.strip().lower()
    # An email with a NUL character (which PostgreSQL refuses in a query) is nobody's.
    user = session.exec(select(User).where(User.email == email)).first() if "\x00" not in email else None
    ok = verify_password(password, user.password_hash if user and user.password_hash else _DUMMY_HASH)
    if user is None or not ok or user.disabled or not user.password_hash:
        raise Unauthorized("The email or password is not right. Try again, or ask your care team to reset it.")
    return user


def create_user(
    session: Session, email: str, role: str, *, patient_id: str | None = None,
    password: str | None = None,
) -> tuple[User, str]:
    """Create a user and a first token; return the user and the token (shown once)."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 320:
        raise InvalidRequest("Give the user's email address, such as name@clinic.org.")
    if role not in ROLES:
        raise InvalidRequest(f"The role must be one of: {', '.join(ROLES)}.")
    if role == "patient" and not patient_id:
        raise InvalidRequest("A patient user needs --patient PID (create one with 'oncoguide patient add').")
    if role != "patient" and patient_id:
        raise InvalidRequest("Only a patient user is tied to a patient record; assign navigators with 'oncoguide patient assign'.")
    if patient_id and session.get(Patient, patient_id) is None:
        raise NotFound("No patient has this id; list them with 'oncoguide patient list'.")
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise UserExists()
    user = User(email=email, role=role, patient_id=patient_id,
                password_hash=hash_password(password) if password else None)
    session.add(user)
    session.flush()
    return user, issue_token(session, user)


def issue_token(session: Session, user: User) -> str:
    token = new_token()
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(token)))
    session.flush()
    return token


def revoke_tokens(session: Session, email: str) -> int:
    """Revoke every live token of the user; return how many."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise NotFound("No user has this email.")
    count = 0
    for tok in session.exec(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))):
        tok.revoked_at = utcnow()
        session.add(tok)
        count += 1
    return count


def user_for_token(session: Session, token: str | None) -> User:
    """The user a live token belongs to, or `Unauthorized`."""
    if not token:
        raise Unauthorized()
    digest = hash_token(token)
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest) or row.revoked_at is not None:
        raise Unauthorized("This token is not valid or has been revoked. Ask your care team for a new one.")
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        raise Unauthorized("This account is disabled. Ask your care team.")
    return user


def assign_navigator(session: Session, navigator: User, patient_id: str) -> None:
    if navigator.role != "navigator":
        raise InvalidRequest("Only a navigator can be assigned to a patient.")
    if session.get(NavigatorAssignment, (navigator.id, patient_id)) is None:
        session.add(NavigatorAssignment(navigator_id=navigator.id, patient_id=patient_id))
        session.flush()


def visible_patient_ids(session: Session, user: User) -> list[str] | None:
    """Patient ids the user may reach; None means all (admin)."""
    if user.role == "admin":
        return None
    if user.role == "navigator":
        rows = session.exec(select(NavigatorAssignment.patient_id).where(NavigatorAssignment.navigator_id == user.id))
        return list(rows)
    return [user.patient_id] if user.patient_id else []


def can_reach(session: Session, user: User, patient_id: str) -> bool:
    if user.role == "admin":
        return True
    if user.role == "navigator":
        return session.get(NavigatorAssignment, (user.id, patient_id)) is not None
    return user.patient_id == patient_id


def reachable_patient(session: Session, user: User, patient_id: str) -> Patient:
    """The patient, or `NotFound` when it does not exist or is outside the user's reach (same answer)."""
    patient = session.get(Patient, patient_id) if is_record_id(patient_id) else None
    if patient is None or not can_reach(session, user, patient_id):
        raise NotFound()
    return patient
