"""ASGI middleware: refuse an upload larger than the limit before its body is read in full, and
answer an unexpected exception without letting its message reach a log."""

from __future__ import annotations

import json
import logging

from ingest.errors import FileTooLarge
from api.errors import InternalError

log = logging.getLogger("oncoguide.api")


class _TooLarge(Exception):
    pass


class BodySizeLimit:
    """Answers 413 when Content-Length exceeds `max_bytes`, or as soon as a streamed body does."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                if int(length) > self.max_bytes:
                    return await _send_413(send, self.max_bytes)
            except ValueError:
                pass
        seen = 0
        exceeded = False
        started = False

        async def limited_receive():
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    exceeded = True
                    raise _TooLarge()
            return message

        async def guarded_send(message):
            nonlocal started
            if exceeded and not started:
                return  # the app's own answer to the aborted body is replaced by the 413 below
            started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            pass
        except Exception:
            if not exceeded:
                raise
        if exceeded and not started:
            await _send_413(send, self.max_bytes)


async def _send_413(send, max_bytes: int) -> None:
    err = FileTooLarge(
        f"This upload is larger than the limit of {max_bytes // (1024 * 1024)} MB. Upload fewer "
        "files at a time, split the document, or scan it at a lower resolution."
    )
    await _send_json(send, 413, {"error": err.to_dict()}, [(b"connection", b"close")])


class UnexpectedErrors:
    """Answers an exception no handler took (a bug) with the taxonomy's 500, logging its type only.

    Starlette answers such an exception and then raises it again for the server, which logs the
    traceback with the exception's message: a message that could carry record text."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            route = scope.get("route")
            log.error("unexpected %s on %s %s", type(exc).__name__, scope.get("method"),
                      getattr(route, "path", "?"))
            if not started:
                err = InternalError()
                await _send_json(send, err.http_status, {"error": err.to_dict()})


async def _send_json(send, status: int, payload: dict, extra_headers: list | None = None) -> None:
    body = json.dumps(payload).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(extra_headers or [])]})
    await send({"type": "http.response.body", "body": body})
