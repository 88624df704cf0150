"""The limits added while hardening, at the unit level: characters of text per page and per document
in ingest, text files without pages cut into pages, statements of at most 2,000 characters, and the
abbreviation detector's bounded matcher, which must still find what the original one found.
(How long the worst pages take is measured in `bench/fuzz.py`, not here.)"""

from __future__ import annotations

import pytest

from ingest import Limits, NullEngine, read
from ingest.errors import FileTooLarge
from ingest.plaintext import split_pages
from tests.hostile.corpus import LINES, text_pdf


def test_a_long_text_file_is_cut_into_pages_at_line_breaks_and_nothing_is_lost():
    text = "\n".join(f"Line {i}: " + "x" * (i % 70) for i in range(2000))  # about 80,000 characters
    pages = split_pages(text, 30_000)
    assert "".join(pages) == text and len(pages) >= 3
    assert all(len(p) <= 30_000 for p in pages) and all(p.endswith("\n") for p in pages[:-1])
    word = "HER2" * 20_000  # no line break, no space: cut anyway
    assert [len(p) for p in split_pages(word, 30_000)] == [30_000, 30_000, 20_000]
    assert split_pages("a\fb\f", 30_000) == ["a", "b"]  # form feeds still make the pages


def test_text_over_the_document_limit_is_refused_before_it_is_read():
    data = ("\n".join(LINES) + "\n").encode() * 2000
    with pytest.raises(FileTooLarge, match="characters of text; the limit is 100,000"):
        read(data, "notes.txt", limits=Limits(max_text_chars=100_000), engine=NullEngine())
    doc = read(data, "notes.txt", limits=Limits(max_text_chars=1_000_000), engine=NullEngine())
    assert sum(len(p.text) for p in doc.pages) == len(data)  # within the limit: every character read


def test_a_pdf_page_with_too_much_text_fails_alone_and_the_document_total_is_capped():
    dense = text_pdf(["Ki-67 " * 100] * 60)  # one page of about 36,000 characters
    doc = read(_merged(text_pdf(LINES), dense), "r.pdf", limits=Limits(max_page_chars=30_000), engine=NullEngine())
    assert doc.partial and doc.pages[0].error is None and LINES[0] in doc.pages[0].text
    assert doc.pages[1].error.code == "file_too_large" and "Page 2 holds about" in doc.pages[1].error.message
    with pytest.raises(FileTooLarge, match="This document holds"):
        read(_merged(*[text_pdf(LINES)] * 5), "r.pdf", limits=Limits(max_text_chars=300), engine=NullEngine())


def _merged(*pdfs: bytes) -> bytes:
    import io

    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for data in pdfs:
        src = pdfium.PdfDocument(data)
        out.import_pages(src)
        src.close()
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    return buf.getvalue()


def test_statements_are_at_most_2000_characters_and_cover_the_page():
    from extract.analysis import analyze_page
    from extract.fields.statements import MAX_STATEMENT_CHARS, statements
    from ingest.plaintext import text_page

    text = "Ribocyclib and\n" * 400 + "Letrozole 2.5 mg daily. " * 200  # wrapped lines joined, then a run-on
    page = analyze_page("d1", text_page(1, text))
    spans = statements(page)
    assert all(end - start <= MAX_STATEMENT_CHARS for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # in order, not overlapping
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip()) or spans[-1][1] == len(text)


def test_abbreviations_are_still_found_with_the_bounded_matcher():
    from extract.analysis import analyze_page
    from ingest.plaintext import text_page

    page = analyze_page("d1", text_page(1, "Estrogen receptor (ER) is positive. Human epidermal growth factor "
                                           "receptor 2 (HER2) is negative by immunohistochemistry (IHC)."))
    found = page.abbreviations()
    assert found["ER"] == "Estrogen receptor" and found["IHC"] == "immunohistochemistry"
