"""Errors of the web pages, in the one taxonomy of `ingest/errors.py`."""

from __future__ import annotations

from api.errors import Forbidden


class CsrfRejected(Forbidden):
    """A form came without the page's anti-forgery token (an old tab, or another site posting)."""

    code = "csrf_rejected"
    exit_code = 43
    http_status = 403
    default_message = (
        "This form has expired or did not come from an oncoguide page. Reload the page and "
        "send it again; if it keeps happening, sign out and sign in again."
    )
