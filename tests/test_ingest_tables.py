"""Ruled tables on text-layer pages: each row one line (label beside value), words and boxes as
PDFium read them, pdfplumber consulted only on ruled pages and every pdfplumber page closed."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from ingest import Limits, NullEngine, read
from ingest.pdf import open_pdf, pdf_units
from ingest.synth import ruled_table_pdf, text_pdf

ROWS = [
    "Test Result Flag Units Reference range",
    "WBC 2.4 L x10^9/L 4.0 - 11.0",
    "Hemoglobin 12.6 g/dL 12.0 - 15.5",
    "Neutrophils, absolute (ANC) 0.82 L x10^9/L 1.80 - 7.70",
    "Platelets 171 x10^9/L 150 - 400",
]
RECORDS = Path(__file__).resolve().parents[1] / "samples" / "records"


def pdfium_only(data: bytes) -> str:
    """The page text in PDFium's own order (no table layout)."""
    pdf, count = open_pdf(data, Limits())
    return next(pdf_units(pdf, count, Limits())).text


def assert_words_point_at_themselves(page) -> None:
    assert page.words
    for word in page.words:
        assert page.text[word.start:word.end] == word.text


@pytest.mark.parametrize(
    "options",
    [{}, {"by_column": True}, {"cropbox_shift": 30.0}, {"rotate": 90, "upright": True, "by_column": True}],
    ids=["rows, wrapped label", "written column by column", "CropBox not at the origin", "/Rotate 90, shown upright"],
)
def test_each_table_row_reads_as_one_line(options: dict) -> None:
    data = ruled_table_pdf(**options)
    page = read(data, "lab.pdf", engine=NullEngine()).pages[0]
    lines = page.text.split("\n")
    start = lines.index(ROWS[0])
    assert lines[start:start + len(ROWS)] == ROWS
    assert lines[0] == "COMPLETE BLOOD COUNT Page 1"
    assert lines[-1] == "Verified by: laboratory staff. Reference ranges are for adults."
    assert_words_point_at_themselves(page)
    assert "Neutrophils, absolute (ANC) 0.82" not in pdfium_only(data)  # PDFium alone splits or scatters it


def test_the_layout_keeps_pdfium_words_and_their_boxes() -> None:
    data = ruled_table_pdf(by_column=True)
    pdf, count = open_pdf(data, Limits())
    plain = next(pdf_units(pdf, count, Limits()))
    laid_out = read(data, "lab.pdf", engine=NullEngine()).pages[0]
    boxes = lambda page: sorted((w.text, round(w.x0, 2), round(w.y0, 2), round(w.x1, 2), round(w.y1, 2))  # noqa: E731
                                for w in page.words)
    assert boxes(laid_out) == boxes(plain)
    assert len(laid_out.text.split()) == len(plain.text.split())


def test_wrapped_synoptic_cell_joins_its_row() -> None:
    buf = BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    rows = [["Procedure", "Excision (less than total mastectomy)"],
            [Paragraph("Histologic Grade (Nottingham score, glandular, nuclear and mitotic components)", style),
             "Grade 3 (score 8)"],
            ["Lymphovascular Invasion", "Not identified"]]
    table = Table(rows, colWidths=[150, 250])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    SimpleDocTemplate(buf, pagesize=letter).build([Paragraph("SYNOPTIC REPORT", style), table])
    page = read(buf.getvalue(), "synoptic.pdf", engine=NullEngine()).pages[0]
    assert page.text.split("\n") == [
        "SYNOPTIC REPORT",
        "Procedure Excision (less than total mastectomy)",
        "Histologic Grade (Nottingham score, glandular, nuclear and mitotic components) Grade 3 (score 8)",
        "Lymphovascular Invasion Not identified",
    ]
    assert_words_point_at_themselves(page)


def test_a_drawing_shown_sideways_keeps_pdfium_order() -> None:
    # /Rotate turns an upright drawing sideways on screen: the on-screen rows are the table's
    # columns, so no table layout happens and PDFium's reading (along the text) stands.
    data = ruled_table_pdf(rotate=90)
    page = read(data, "lab.pdf", engine=NullEngine()).pages[0]
    assert page.text == pdfium_only(data)
    assert "WBC 2.4 L x10^9/L 4.0 - 11.0" in page.text.split("\n")


def test_pages_without_rulings_never_reach_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_plumber(*args, **kwargs):
        raise AssertionError("pdfplumber must not open a PDF without ruled pages")

    monkeypatch.setattr(pdfplumber, "open", no_plumber)
    boxed = BytesIO()
    c = canvas.Canvas(boxed, pagesize=letter)
    c.rect(50, 600, 500, 120)  # a frame around a paragraph is not a table
    c.drawString(60, 700, "Estrogen receptor: Positive (95%), strong intensity.")
    c.showPage()
    c.save()
    for data in (text_pdf([["Estrogen receptor: Positive", "Ki-67: 20%"]]), boxed.getvalue()):
        assert read(data, "r.pdf", engine=NullEngine()).pages[0].source == "text-layer"


def test_a_table_pdfplumber_cannot_read_is_read_in_pdfium_order() -> None:
    data = ruled_table_pdf(by_column=True)
    damaged = b"%PDF-" + data[8:]  # the version number gone: pdfminer finds no pages, PDFium repairs it
    with pdfplumber.open(BytesIO(damaged)) as plumbed:
        assert len(plumbed.pages) == 0  # the premise of this test
    page = read(damaged, "lab.pdf", engine=NullEngine()).pages[0]
    assert page.text == pdfium_only(data)
    assert_words_point_at_themselves(page)


def test_pdfminer_failing_on_a_page_leaves_pdfium_order(monkeypatch: pytest.MonkeyPatch) -> None:
    from pdfminer.psparser import PSSyntaxError

    def broken(self, *args, **kwargs):
        raise PSSyntaxError("damaged content stream")

    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", broken)
    data = ruled_table_pdf(by_column=True)
    page = read(data, "lab.pdf", engine=NullEngine()).pages[0]
    assert page.text == pdfium_only(data)


def test_every_pdfplumber_page_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    opened, closed = [], []
    original_close = pdfplumber.page.Page.close

    def counting_close(self) -> None:
        closed.append(self.page_number)
        original_close(self)

    original_find = pdfplumber.page.Page.find_tables

    def counting_find(self, *args, **kwargs):
        opened.append(self.page_number)
        return original_find(self, *args, **kwargs)

    monkeypatch.setattr(pdfplumber.page.Page, "close", counting_close)
    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", counting_find)
    doc = read(ruled_table_pdf(pages=5), "lab.pdf", engine=NullEngine())
    assert all(ROWS[3] in p.text.split("\n") for p in doc.pages)
    assert opened == [1, 2, 3, 4, 5]
    assert set(opened) <= set(closed)  # each page closed right after its tables were found
    assert closed[:5] == [1, 2, 3, 4, 5]


@pytest.mark.skipif(not (RECORDS / "manifest.json").exists(), reason="samples/records not generated")
@pytest.mark.parametrize("name", ["p01/03-lab-cbc-2024-03-04.pdf", "p03/05-lab-cbc-2024-12-03.pdf",
                                  "p06/05-lab-cbc-cmp-2025-03-13.pdf",
                                  "p02/03-pathology-excision-synoptic-2024-03-08.pdf",
                                  "p05/02-pathology-mastectomies-synoptic-2025-03-26.pdf"])
def test_sample_lab_and_synoptic_tables_keep_their_lines(name: str) -> None:
    manifest = json.loads((RECORDS / "manifest.json").read_text())
    twins = (RECORDS / name).with_suffix(".txt").read_text(encoding="utf-8").split(manifest["page_separator"])
    doc = read((RECORDS / name).read_bytes(), "record.pdf", engine=NullEngine())
    for page, twin in zip(doc.pages, twins, strict=True):
        expected = [" ".join(line.split()) for line in twin.splitlines() if line.strip()]
        assert [line for line in page.text.splitlines() if line.strip()] == expected
