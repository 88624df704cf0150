"""pdfplumber (pdfminer.six), the second PDF parser: table cells on ruled pages, and the reader of
last resort for PDFs that PDFium cannot open.

pdfminer raises many kinds of exception on damaged files (syntax errors, KeyError, TypeError,
RecursionError...), so each call into it is guarded here and a failure reads as "pdfplumber
cannot do this". Its pages keep about 3 MB of parsed objects each until closed: every page handed
out is closed by the caller as soon as it is done (`PlumberDocument.page` is a context manager).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pdfplumber

from ingest import pdfminer_limits

pdfminer_limits.install()  # no pdfminer stream inflates past a limit (a 50 MB file can hold gigabytes)

# pdfminer logs every text operator it runs at debug level (the record's text itself) and quotes
# raw bytes of damaged files in warnings: records never reach the logs, so these loggers stay quiet.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

log = logging.getLogger(__name__)


class PlumberDocument:
    """pdfplumber's view of one PDF, opened on first use. `usable` is False when pdfminer cannot
    parse it (or, with `expected_pages`, finds a different number of pages than PDFium did:
    then its page numbers cannot be trusted to be PDFium's)."""

    def __init__(self, data: bytes, expected_pages: int | None = None) -> None:
        self._data = data
        self._expected = expected_pages
        self._pdf: pdfplumber.PDF | None = None
        self._pages: list | None = None
        self._opened = False

    @property
    def pages(self) -> list:
        if not self._opened:
            self._opened = True
            try:
                self._pdf = pdfplumber.open(io.BytesIO(self._data))
                pages = self._pdf.pages
            except Exception:  # noqa: BLE001 - any pdfminer failure means "not readable here"
                log.info("pdfplumber cannot parse this PDF")
                self.close()
                return []
            if self._expected is not None and len(pages) != self._expected:
                log.info("pdfplumber and PDFium disagree on the page count; pdfplumber not used")
                self.close()
                return []
            self._pages = pages
        return self._pages or []

    @property
    def usable(self) -> bool:
        return bool(self.pages)

    @contextmanager
    def page(self, index: int) -> Iterator[object]:
        """Page `index` (0-based), closed (its parsed objects released) when the block ends."""
        page = self.pages[index]
        try:
            yield page
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            try:
                self._pdf.close()
            except Exception:  # noqa: BLE001 - closing a half-parsed document must not fail the read
                pass
        self._pdf, self._pages = None, None
