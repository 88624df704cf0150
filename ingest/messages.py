"""Error messages that carry numbers (never record content or file names)."""

from __future__ import annotations


def too_many_pages_message(pages: int, limit: int) -> str:
    return (
        f"This document has {pages} pages; the limit is {limit}. Upload only the reports you need "
        "(for example the pathology report and the latest clinic note) as separate, shorter files."
    )


def too_large_message(size: int, limit: int) -> str:
    return (
        f"This file is {size / 1048576:.1f} MB; the upload limit is {limit / 1048576:.0f} MB. Split it into "
        "smaller files (for example one report per file) or scan it at a lower resolution, and upload those."
    )


def too_much_text_message(chars: int, limit: int, page: int | None = None) -> str:
    """For a page: how much it holds. For a document, reading stops once past the limit, so `chars`
    is what had been read by then: the document holds at least that."""
    where = f"Page {page} holds about" if page is not None else "This document holds over"
    return (
        f"{where} {chars:,} characters of text; the limit is {limit:,}, far more than printed "
        "records hold. Upload only the reports you need as separate files, or print the document to PDF."
    )


def page_too_large_message(number: int, width_in: float, height_in: float) -> str:
    return (
        f"Page {number} is {width_in:.0f} x {height_in:.0f} inches, too large to render and read. Print or "
        "export the document to standard paper size (A4 or US Letter) and upload that copy."
    )

