"""Web pages for patients and care navigators (server-rendered, Jinja2, a little JavaScript).

`install_web(app)` adds the pages, their static files and the security headers (CSP without
inline script or style, nosniff, frame denial) to the FastAPI app. Wrong passwords count in the
API's limit of failed authentications per client address (`api.ratelimit.AuthFailures`). The pages
act through the API's own route functions (see `api.web.service`), so access rules and audit
events are the API's; they authenticate with a session cookie instead of a bearer header, and
every form carries an anti-forgery token (see `api.web.session`).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web.headers import SecurityHeaders
from api.web.render import STATIC_DIR


def install_web(app: FastAPI, *, hsts: bool = False) -> None:
    from api.web.routes import auth, documents, navigator, patient

    for module in (auth, patient, documents, navigator):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(SecurityHeaders, hsts=hsts)
