"""Jinja2 templates for the pages (autoescaped) and the one function that renders a page."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import Response

from api.web.session import csrf_token, set_csrf_cookie

TEMPLATES_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")

_env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(enabled_extensions=("html",), default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env)

#: Pages hold health information: never cached, never kept in a shared cache.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    services = request.app.state.services
    context.setdefault("user", getattr(request.state, "user", None))
    context["csrf"] = csrf_token(request, services.settings)
    context["path"] = request.url.path
    response = templates.TemplateResponse(request, name, context, status_code=status, headers=NO_STORE)
    set_csrf_cookie(request, response)
    return response
