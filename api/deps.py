"""FastAPI dependencies as `Annotated` aliases: services, database session, current user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from api.auth import hash_token, reachable_patient, user_for_token
from api.db import Patient, User
from api.errors import Forbidden, Unauthorized
from api.services import Services


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_session(svc: ServicesDep) -> Iterator[Session]:
    with Session(svc.engine, expire_on_commit=False) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def authenticate_token(request: Request, session: Session, token: str | None) -> User:
    """The user of a bearer or session token, or `Unauthorized`; shared by the API and the pages.

    A client address that has failed too often is refused (429) before the database is asked;
    a token that authenticates spends one request of its own rate limit."""
    if not token:
        raise Unauthorized()
    digest = hash_token(token)
    failures = request.app.state.auth_failures
    address = client_ip(request)
    failures.check(address, digest)
    try:
        user = user_for_token(session, token)
    except Unauthorized:
        failures.failed(address, digest)
        raise
    failures.succeeded(digest)
    request.app.state.rate_limiter.take(digest)
    request.state.user = user
    return user


def get_current_user(request: Request, session: SessionDep) -> User:
    return authenticate_token(request, session, _bearer(request))


CurrentUser = Annotated[User, Depends(get_current_user)]


def require_role(*roles: str):
    def check(user: CurrentUser) -> User:
        if user.role not in roles:
            raise Forbidden()
        return user

    return Depends(check)


NavigatorUser = Annotated[User, require_role("navigator", "admin")]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


ClientIp = Annotated[str | None, Depends(client_ip)]


def reachable(session: Session, user: User, patient_id: str) -> Patient:
    return reachable_patient(session, user, patient_id)
