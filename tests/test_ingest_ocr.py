"""OCR with the real Tesseract: clean scans under 1 % character errors, turned, tilted and EXIF-rotated
pages read upright, mixed PDFs, and the pytesseract fallback engine."""

from __future__ import annotations

from functools import lru_cache

import pytest
from PIL import Image

from ingest import read
from ingest.errors import OcrUnavailable
from ingest.ocr.pytesseract_engine import PytesseractEngine
from ingest.synth import PHOTO_LAB_TABLE, cer, degrade, image_bytes, image_pdf, mixed_pdf, rasterize, report_pages, text_pdf
from tests.ocr_marks import NEEDS_TESSERACT


pytestmark = NEEDS_TESSERACT
LINES = report_pages(pages=1, lines_per_page=12, seed=5)[0]
REFERENCE = "\n".join(LINES)


@lru_cache(maxsize=1)
def clean_scan() -> Image.Image:
    return rasterize(text_pdf([LINES]), dpi=300)[0]


def test_clean_scanned_pdf_reads_under_one_percent_errors() -> None:
    doc = read(image_pdf([clean_scan()]), "scan.pdf")
    page = doc.pages[0]
    assert page.source == "ocr" and page.dpi == 300 and page.rotation == 0
    assert cer(page.text, REFERENCE) < 0.01, page.text
    assert page.confidence is not None and page.confidence > 0.85
    for word in page.words:
        assert page.text[word.start : word.end] == word.text
        assert 0 <= word.x0 < word.x1 <= page.width and 0 <= word.y0 < word.y1 <= page.height
        assert word.confidence is not None and 0 <= word.confidence <= 1


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_pages_are_read_upright(turn: int) -> None:
    scan = degrade(clean_scan(), turn=turn)
    page = read(image_bytes(scan, "PNG", dpi=(300, 300)), "turned.png").pages[0]
    assert page.rotation == (360 - turn) % 360
    assert (page.width, page.height) == clean_scan().size
    assert cer(page.text, REFERENCE) < 0.01, page.text


def test_tilted_noisy_scan_is_straightened() -> None:
    scan = degrade(clean_scan(), tilt=3.0, blur=0.6, noise=18, jpeg_quality=60, seed=2)
    page = read(image_pdf([scan]), "tilted.pdf").pages[0]
    assert page.skew == pytest.approx(-3.0, abs=0.5)  # turned back clockwise
    assert cer(page.text, REFERENCE) < 0.02, page.text


@pytest.mark.parametrize("seed", [0, 1])
def test_a_worn_scan_of_a_small_print_table_is_read_row_by_row(seed: int) -> None:
    """A 9-point Courier table faxed (samples.degrade "degraded": specks, grain): the lines are found
    on the half-size copy but not again on the full page, whose specks make rows of ink everywhere;
    the copy's lines, scaled up, are read at full size (the page layout read it a column at a time,
    CER 66 %)."""
    from samples.degrade import ScanSpec, scan_pdf

    scan = scan_pdf(text_pdf([PHOTO_LAB_TABLE], font="Courier", font_size=9), ScanSpec(quality="degraded"), seed=seed)
    page = read(scan, "fax.pdf").pages[0]
    lines = page.text.splitlines()
    assert any("Absolute neutrophil count" in line and "1.22" in line for line in lines), page.text
    assert cer(page.text, "\n".join(PHOTO_LAB_TABLE)) < 0.05, page.text


def test_exif_rotated_phone_photo_is_read_upright() -> None:
    stored = clean_scan().transpose(Image.Transpose.ROTATE_270)  # sensor pixels: page lying on its side
    exif = Image.Exif()
    exif[0x0112] = 8  # "turn 270 degrees clockwise to display"
    page = read(image_bytes(stored, "JPEG", quality=90, exif=exif), "photo.jpg").pages[0]
    assert page.rotation == 270
    assert cer(page.text, REFERENCE) < 0.01, page.text


def test_mixed_pdf_has_a_text_page_and_an_ocr_page() -> None:
    doc = read(mixed_pdf(["Text layer page: ER positive"], clean_scan()), "mixed.pdf")
    assert [p.source for p in doc.pages] == ["text-layer", "ocr"]
    assert cer(doc.pages[1].text, REFERENCE) < 0.01


def test_pytesseract_fallback_engine_reads_the_same_page() -> None:
    try:
        engine = PytesseractEngine()
    except OcrUnavailable:
        pytest.skip("tesseract binary missing (tesserocr may still work)")
    page = read(image_bytes(clean_scan(), "PNG", dpi=(300, 300)), "scan.png", engine=engine).pages[0]
    assert cer(page.text, REFERENCE) < 0.01, page.text
