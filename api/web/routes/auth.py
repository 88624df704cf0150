"""Sign in with email and password, sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from api import audit
from api.auth import authenticate_password
from api.db import User
from api.deps import ClientIp, SessionDep
from api.errors import RateLimited, Unauthorized
from api.web.render import render
from api.web.routing import CsrfChecked, PageRoute, WebUser, safe_next
from api.web.session import end_session, start_session

router = APIRouter(route_class=PageRoute, include_in_schema=False)

_SIGNED_OUT = "You have signed out."


def home(user: User) -> str:
    if user.role == "patient" and user.patient_id:
        return f"/patients/{user.patient_id}"
    return "/queue"


@router.get("/")
def index(user: WebUser):
    return RedirectResponse(home(user), status_code=303)


@router.get("/login")
def login_page(request: Request, next: str | None = None, done: str | None = None):
    return render(request, "login.html", next=safe_next(next), notice=_SIGNED_OUT if done == "signed_out" else None)


@router.post("/login", dependencies=[CsrfChecked])
def login(request: Request, session: SessionDep, ip: ClientIp, email: Annotated[str, Form(max_length=320)],
          password: Annotated[str, Form(max_length=1000)], next: Annotated[str | None, Form()] = None):
    target = safe_next(next)
    failures = request.app.state.auth_failures  # shared with the API's tokens: failures per address
    try:
        failures.check(ip)
        user = authenticate_password(session, email, password)
    except Unauthorized as exc:
        failures.failed(ip)
        return render(request, "login.html", status=exc.http_status, next=target, error=exc.message, email=email)
    except RateLimited as exc:
        page = render(request, "login.html", status=exc.http_status, next=target, error=exc.message, email=email)
        page.headers["Retry-After"] = str(exc.retry_after or 60)
        return page
    response = RedirectResponse(target or home(user), status_code=303)
    start_session(session, user, request.app.state.services.settings, response)
    audit.record(session, user, "session.start", patient_id=user.patient_id, ip=ip)
    session.commit()
    return response


@router.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request, user: WebUser, session: SessionDep, ip: ClientIp):
    response = RedirectResponse("/login?done=signed_out", status_code=303)
    end_session(session, getattr(request.state, "session_token", None), response)
    audit.record(session, user, "session.end", patient_id=user.patient_id, ip=ip)
    session.commit()
    return response
