"""`read`: bytes in, `Document` out. The whole ingestion as one function of named steps.

1. refuse empty and oversized uploads (before looking inside);
2. sniff the type from the bytes;
3. open the container and count pages (limits checked before decoding or rendering); a PDF goes to
   PDFium first and to pdfplumber when PDFium cannot open it or fails on every page;
4. walk the pages one at a time: text-layer pages are finished at once, pages that need OCR go to a
   bounded pool of worker threads (at most workers + 1 page images in memory);
5. assemble: a page that failed carries its error and the document is a partial success; when no
   page could be read, the first page's error (or `EmptyDocument`) is raised.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from ingest.errors import CorruptFile, EmptyDocument, FileTooLarge, OncoguideError, TooManyPages
from ingest.images import image_units
from ingest.limits import Limits
from ingest.messages import too_large_message, too_many_pages_message, too_much_text_message
from ingest.models import Document, DocumentType, Page, PageError
from ingest.ocr import OcrEngine, OcrJob, default_engine, ocr_page
from ingest.pdf import read_pdf
from ingest.pdf_fallback import fallback_units
from ingest.plaintext import decode, split_pages, text_page
from ingest.sniff import sniff
from ingest.units import Failed, PageUnit

Progress = Callable[[int, int], None]


def read(
    data: bytes,
    filename: str,
    *,
    limits: Limits | None = None,
    engine: OcrEngine | None = None,
    progress: Progress | None = None,
) -> Document:
    """Read one uploaded record. Raises an `IngestError` subclass (or `OcrUnavailable`) when no page
    can be read; pages that fail while others succeed are reported on the pages instead."""
    limits = limits or Limits()
    if not data:
        raise EmptyDocument("This file is empty (0 bytes). Check that it is the right file and upload it again.")
    if len(data) > limits.max_bytes:
        raise FileTooLarge(too_large_message(len(data), limits.max_bytes))
    kind = sniff(data)
    total, units, second_parser = _open(data, kind, limits)
    pages, failures = _run(units, total, engine, limits, progress)
    if second_parser and _every_page_damaged(pages, failures):
        second = fallback_units(data, limits)  # pdfplumber may rebuild what PDFium could not
        if second is not None:
            pages, failures = _run(second[1], second[0], engine, limits, progress)
    return _assemble(data, filename, kind, pages, failures)


def _open(data: bytes, kind: DocumentType, limits: Limits) -> tuple[int, Iterator[PageUnit], bool]:
    """(page count, pages, whether a second parser may be tried if every page turns out damaged)."""
    if kind == "pdf":
        return read_pdf(data, limits)
    if kind == "text":
        text = decode(data)
        if len(text) > limits.max_text_chars:
            raise FileTooLarge(too_much_text_message(len(text), limits.max_text_chars))
        texts = split_pages(text, limits.max_page_chars)
        if len(texts) > limits.max_pages:
            raise TooManyPages(too_many_pages_message(len(texts), limits.max_pages))
        return len(texts), iter([text_page(i + 1, t) for i, t in enumerate(texts)]), False
    return *image_units(data, kind, limits), False


def _every_page_damaged(pages: list[Page], failures: dict[int, OncoguideError]) -> bool:
    return bool(pages) and len(failures) == len(pages) and all(isinstance(e, CorruptFile) for e in failures.values())


def _run(units: Iterator[PageUnit], total: int, engine: OcrEngine | None, limits: Limits,
         progress: Progress | None) -> tuple[list[Page], dict[int, OncoguideError]]:
    done: dict[int, Page] = {}
    failures: dict[int, OncoguideError] = {}
    workers = limits.workers or os.cpu_count() or 1
    pool: ThreadPoolExecutor | None = None
    pending: dict[Future, int] = {}
    ocr_engine: OcrEngine | None = engine
    engine_error: OncoguideError | None = None
    chars = 0

    def count(more: int) -> None:
        nonlocal chars
        chars += more
        if chars > limits.max_text_chars:  # extraction time and memory grow with the text: stop here
            raise FileTooLarge(too_much_text_message(chars, limits.max_text_chars))

    def finish(page: Page) -> None:
        count(len(page.text))
        done[page.number] = page
        if progress:
            progress(len(done), total)

    def fail(number: int, error: OncoguideError) -> None:
        # A page refused for holding too much text still counts: a document of such pages is refused
        # as a whole once the text seen passes the document's cap, instead of page after page.
        count(int(error.details.get("chars", 0)))
        failures[number] = error
        finish(Page(number=number, text="", source="ocr", error=PageError(code=error.code, message=error.message)))

    def collect(block_until: int) -> None:
        while len(pending) > block_until:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                number = pending.pop(future)
                try:
                    finish(future.result())
                except OncoguideError as exc:
                    fail(number, exc)

    if progress:
        progress(0, total)
    try:
        for unit in units:
            if isinstance(unit, Page):
                finish(unit)
            elif isinstance(unit, Failed):
                fail(unit.number, unit.error)
            else:
                if ocr_engine is None and engine_error is None:
                    try:
                        ocr_engine = default_engine()
                    except OncoguideError as exc:
                        engine_error = exc
                if engine_error is not None:
                    fail(unit.number, engine_error)
                    continue
                if pool is None:
                    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr")
                pending[pool.submit(_ocr, ocr_engine, unit)] = unit.number
                del unit  # the worker holds the only reference to the page image
                collect(block_until=workers)  # keep at most workers + 1 images alive
        collect(block_until=0)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        close = getattr(units, "close", None)
        if close:
            close()
    return [done[n] for n in sorted(done)], failures


def _ocr(engine: OcrEngine, job: OcrJob) -> Page:
    try:
        return ocr_page(engine, job)
    finally:
        job.image.close()


def _assemble(data: bytes, filename: str, kind: DocumentType, pages: list[Page],
              failures: dict[int, OncoguideError]) -> Document:
    if not any(p.text.strip() for p in pages if p.error is None):
        if failures:
            raise failures[min(failures)]
        raise EmptyDocument()
    return Document(
        sha256=hashlib.sha256(data).hexdigest(),
        filename=filename,
        type=kind,
        pages=pages,
        errors=[p.error for p in pages if p.error is not None],
    )

