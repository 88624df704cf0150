"""Errors of the service layer, in the one taxonomy of `ingest/errors.py` (exit codes 40-49)."""

from __future__ import annotations

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
