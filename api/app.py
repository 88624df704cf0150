"""The FastAPI application: routes per resource, JSON errors, upload size limit, rate limits."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ingest.errors import OncoguideError
from api.errors import StorageUnavailable, unreadable_body
from api.middleware import BodySizeLimit, UnexpectedErrors
from api.ratelimit import AuthFailures, TokenBuckets
from api.routes import audit, documents, guidance, health, patients, profiles
from api.services import Services
from api.settings import Settings, load_settings

log = logging.getLogger("oncoguide.api")

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "file_too_large", 415: "unsupported_type",
               422: "invalid_request", 429: "rate_limited"}


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> FastAPI:
    """The app. Without `services`, they are built from `settings` (or the environment) at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if getattr(app.state, "services", None) is None:
            app.state.services = Services.from_settings(settings or load_settings())
        yield
        if services is None:
            app.state.services.close()

    s = settings or (services.settings if services else load_settings())
    app = FastAPI(
        title="oncoguide", version="0.1.0", lifespan=lifespan,
        description="Records in, profile with evidence, tailored guidance out. Authenticate with "
                    "'Authorization: Bearer <token>' (from 'oncoguide user add').",
    )
    app.state.services = services
    app.state.rate_limiter = TokenBuckets(s.rate_limit_per_minute, s.rate_limit_burst)
    app.state.auth_failures = AuthFailures(s.auth_failures_per_minute, s.auth_failures_burst)
    app.add_middleware(BodySizeLimit, max_bytes=s.max_request_bytes)
    app.add_middleware(UnexpectedErrors)  # outside the size limit, inside the security headers

    @app.exception_handler(OncoguideError)
    async def _oncoguide_error(request: Request, exc: OncoguideError):
        if exc.http_status >= 500:
            log.warning("%s on %s %s", exc.code, request.method, request.scope.get("route").path
                        if request.scope.get("route") else "?")
        response = _error(exc.http_status, exc.code, exc.message)
        if getattr(exc, "retry_after", None):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body",)) or "request"
            problems.append(f"{where}: {err.get('msg')}")
        return _error(422, "invalid_request", "The request is not valid: " + "; ".join(problems)
                      + ". See the API documentation at /docs.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "The request could not be handled."
        if exc.status_code == 400:  # a body that could not be read: 422, or 503 when the spool failed
            err = unreadable_body(exc)
            if err.http_status >= 500:
                log.warning("%s reading a request body on %s", err.code, request.method)
            return _error(err.http_status, err.code, err.message)
        if exc.status_code == 404:
            message = "Nothing was found at this address, or you do not have access to it."
        return _error(exc.status_code, _HTTP_CODES.get(exc.status_code, "http_error"), message)

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: Exception):
        log.warning("database unavailable: %s", type(exc).__name__)
        err = StorageUnavailable()
        return _error(err.http_status, err.code, err.message)

    for module in (health, patients, documents, profiles, guidance, audit):
        app.include_router(module.router)
    from api.routes import fhir

    app.include_router(fhir.router)
    from api.web import install_web  # web pages (issue 6)

    install_web(app, hsts=s.environment == "production")
    return app
