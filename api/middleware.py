"""ASGI middleware: refuse an upload larger than the limit before its body is read in full."""

from __future__ import annotations

import json

from ingest.errors import FileTooLarge


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
    body = json.dumps({"error": err.to_dict()}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
