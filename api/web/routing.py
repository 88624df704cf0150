"""What every page route shares: errors answered as pages, the signed-in user, form protection.

`PageRoute` turns errors into what a person in a browser needs: the sign-in page when the session
is missing or over, otherwise an error page with the error's own message (which says what to do)
and its status. Scripts (asking for JSON) get the API's JSON error body instead.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.db import User
from api.deps import SessionDep
from api.errors import Forbidden, InternalError, InvalidRequest, StorageUnavailable, Unauthorized, unreadable_body
from api.web.render import render
from api.web.session import CSRF_FIELD, CSRF_HEADER, check_csrf, signed_in_user
from ingest.errors import OncoguideError

log = logging.getLogger("oncoguide.web")


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or request.url.path.endswith(".json")


def safe_next(target: str | None) -> str | None:
    """A local path to return to after signing in; anything else (another site) is dropped."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def _as_page(request: Request, exc: OncoguideError):
    if wants_json(request):
        response = JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status)
    elif isinstance(exc, Unauthorized):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    else:
        response = render(request, "error.html", status=exc.http_status, error=exc)
    if getattr(exc, "retry_after", None):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


class PageRoute(APIRoute):
    def get_route_handler(self):
        handler = super().get_route_handler()

        async def handle(request: Request):
            try:
                return await handler(request)
            except OncoguideError as exc:
                return _as_page(request, exc)
            except RequestValidationError as exc:
                fields = ", ".join(sorted({str(e.get("loc", ("", ""))[-1]) for e in exc.errors()})) or "the form"
                return _as_page(request, InvalidRequest(f"Some of the form was missing or not valid ({fields}). "
                                                        "Go back, fill it in and send it again."))
            except StarletteHTTPException as exc:
                if exc.status_code != 400:
                    raise
                # A body that could not be read: broken form data, or the upload's spool failing.
                err = unreadable_body(exc)
                return _as_page(request, err if err.http_status >= 500 else
                                InvalidRequest("The form could not be read. Go back and send it again."))
            except (OperationalError, DBAPIError) as exc:
                log.warning("database unavailable on a page: %s", type(exc).__name__)
                return _as_page(request, StorageUnavailable())
            except Exception as exc:
                # Type only: a message could carry record content.
                log.error("unexpected %s on page %s", type(exc).__name__, self.path)
                return _as_page(request, InternalError())

        return handle


def web_user(request: Request, session: SessionDep) -> User:
    return signed_in_user(request, session, request.app.state.services.settings)


WebUser = Annotated[User, Depends(web_user)]


def navigator_user(user: WebUser) -> User:
    if user.role not in ("navigator", "admin"):
        raise Forbidden("Only care navigators can open the review pages.")
    return user


NavigatorWebUser = Annotated[User, Depends(navigator_user)]


async def csrf_checked(request: Request) -> None:
    """Every form and script post carries the page's anti-forgery token (field or header)."""
    submitted = request.headers.get(CSRF_HEADER)
    if not submitted and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        submitted = (await request.form()).get(CSRF_FIELD)
    check_csrf(request, request.app.state.services.settings, submitted if isinstance(submitted, str) else None)


CsrfChecked = Depends(csrf_checked)
