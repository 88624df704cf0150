"""Errors of the service layer, in the one taxonomy of `ingest/errors.py` (exit codes 40-49)."""

from __future__ import annotations

import math

from ingest.errors import OncoguideError


class ServiceError(OncoguideError):
    code = "service_error"
    exit_code = 40
    http_status = 500


class NotFound(ServiceError):
    code = "not_found"
    exit_code = 41
    http_status = 404
    default_message = "Nothing was found at this address, or you do not have access to it."


class Unauthorized(ServiceError):
    code = "unauthorized"
    exit_code = 42
    http_status = 401
    default_message = (
        "Sign in first: send 'Authorization: Bearer <token>' with the token you were given, "
        "or ask your care team for a new one."
    )


class Forbidden(ServiceError):
    code = "forbidden"
    exit_code = 43
    http_status = 403
    default_message = "Your role does not allow this action. Ask a care navigator or an administrator."


class RateLimited(ServiceError):
    code = "rate_limited"
    exit_code = 44
    http_status = 429
    transient = True
    default_message = "Too many requests in a short time. Wait a minute and try again."

    def __init__(self, message: str | None = None, *, retry_after: float | None = None) -> None:
        #: Whole seconds until a retry can succeed (the `Retry-After` header), when known.
        self.retry_after = max(1, math.ceil(retry_after)) if retry_after is not None else None
        if message is None and self.retry_after is not None:
            wait = "a second" if self.retry_after == 1 else f"{self.retry_after} seconds"
            message = f"Too many requests in a short time. Wait {wait} and try again."
        super().__init__(message)


class InvalidRequest(ServiceError):
    code = "invalid_request"
    exit_code = 45
    http_status = 422
    default_message = "The request is not valid; see the API documentation at /docs."


class ReviewConflict(ServiceError):
    code = "conflict"
    exit_code = 46
    http_status = 409
    default_message = "This conflicts with the current state; reload and try again."


class StageUnavailable(ServiceError):
    """A processing stage (ingest, extract, personalize) is not installed in this build."""

    code = "stage_unavailable"
    exit_code = 47
    http_status = 503
    default_message = "This part of oncoguide is not available in this installation; reinstall oncoguide."


class StorageUnavailable(ServiceError):
    """The database or the data directory could not be used right now."""

    code = "storage_unavailable"
    exit_code = 48
    http_status = 503
    transient = True
    default_message = (
        "Storage is busy or unavailable right now. Try again in a minute; if it persists, "
        "check that the database is running and the data directory is writable."
    )


class UserExists(ServiceError):
    code = "user_exists"
    exit_code = 49
    http_status = 409
    default_message = "A user with this email already exists; revoke or reuse it."


class InternalError(ServiceError):
    code = "internal_error"
    exit_code = 40
    http_status = 500
    default_message = (
        "oncoguide could not finish this because of an internal error. Try again later; if it "
        "fails again, tell your care team."
    )


def unreadable_body(exc: BaseException) -> OncoguideError:
    """The error for a request body that could not be read (`exc` is the framework's 400, its
    cause the real failure): the server's temporary directory failing while an upload is spooled
    there (full, read-only) is the server's trouble; anything else is a broken body."""
    if isinstance(exc.__cause__, OSError):
        return StorageUnavailable(
            "The upload could not be received: the server's temporary directory is full or not "
            "writable. Try again later; if it persists, tell the service's operator (TMPDIR)."
        )
    return InvalidRequest("The request body could not be read (broken JSON or form data). Send it again; "
                          "see the API documentation at /docs.")
