"""Limits that agree: a dense 300-page record fits the document's text cap; a page with an absurd
amount of text fails alone; a document of such pages is refused as a whole, early."""

from __future__ import annotations

import io

import pytest
from pydantic import ValidationError
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

import ingest.pdf
from ingest import Limits, NullEngine, read
from ingest.errors import FileTooLarge
from ingest.limits import DENSE_PAGE_CHARS
from ingest.synth import report_pages, text_pdf


def crammed_pdf(pages: int, lines: int = 60, repeat: int = 3) -> bytes:
    """Pages of 2-point text, about 120,000 characters each (no printed record looks like this)."""
    line = " ".join(l for page in report_pages(pages=1, lines_per_page=12) for l in page) * repeat
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, pageCompression=1)
    for _ in range(pages):
        text = c.beginText(10, 780)
        text.setFont("Helvetica", 2)
        for _ in range(lines):
            text.textLine(line)
        c.drawText(text)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_default_caps_agree() -> None:
    limits = Limits()
    assert limits.max_text_chars == limits.max_pages * DENSE_PAGE_CHARS
    assert limits.max_text_chars >= 2 * 630_000  # twice a dense 300-page report
    assert Limits(max_pages=20).max_text_chars == 100_000  # the document cap follows the page cap
    assert Limits(max_pages=2).max_text_chars == limits.max_page_chars  # never below one full page
    assert Limits(max_text_chars=40_000).max_text_chars == 40_000  # set explicitly, it stands
    with pytest.raises(ValidationError):
        Limits(max_text_chars=0)


@pytest.mark.slow
def test_a_dense_300_page_pdf_is_read() -> None:
    data = text_pdf(report_pages(pages=300, lines_per_page=34, seed=3))
    doc = read(data, "long.pdf", engine=NullEngine())
    chars = sum(len(p.text) for p in doc.pages)
    assert len(doc.pages) == 300 and not doc.partial
    assert chars > 600_000  # over the 500,000 the cap used to be


def test_one_absurd_page_fails_alone() -> None:
    normal = text_pdf(report_pages(pages=1, lines_per_page=20))
    buf = io.BytesIO()
    from pypdfium2 import PdfDocument

    merged = PdfDocument(normal)
    merged.import_pages(PdfDocument(crammed_pdf(1)))
    merged.save(buf)
    doc = read(buf.getvalue(), "mixed.pdf", engine=NullEngine())
    assert doc.pages[0].error is None and "Patient:" in doc.pages[0].text
    assert doc.pages[1].error is not None and doc.pages[1].error.code == "file_too_large"
    assert "Page 2 holds about" in doc.pages[1].error.message


def test_a_document_of_absurd_pages_is_refused_early(monkeypatch: pytest.MonkeyPatch) -> None:
    read_pages: list[int] = []
    original = ingest.pdf._page_unit

    def counting(pdf, index, limits, **kwargs):
        read_pages.append(index)
        return original(pdf, index, limits, **kwargs)

    monkeypatch.setattr(ingest.pdf, "_page_unit", counting)
    with pytest.raises(FileTooLarge) as caught:
        read(crammed_pdf(24), "crammed.pdf", engine=NullEngine())
    assert caught.value.message.startswith("This document holds over 1,")
    assert "characters of text; the limit is 1,500,000" in caught.value.message
    assert len(read_pages) == 13  # stopped once the refused pages' text passed the document's cap


def test_plain_text_over_the_document_cap_is_refused() -> None:
    with pytest.raises(FileTooLarge):
        read(b"ER positive. " * 20_000, "notes.txt", engine=NullEngine(), limits=Limits(max_text_chars=200_000))
