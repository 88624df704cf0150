"""FastAPI dependencies as `Annotated` aliases: services, database session, current user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from api.auth import hash_token, reachable_patient, user_for_token
from api.db import Patient, User
from api.errors import Forbidden
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


def get_current_user(request: Request, session: SessionDep) -> User:
    token = _bearer(request)
    user = user_for_token(session, token)
    request.app.state.rate_limiter.take(hash_token(token))
    request.state.user = user
    return user


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
