"""PDFs through PDFium (pypdfium2): open (PDFium repairs many damaged files), then per page either
the text layer or a rendered image for OCR. pdfplumber is the second parser: it lays out ruled
tables on text-layer pages (`tables.py`) and reads the files PDFium cannot (`pdf_fallback.py`).

PDFium is not thread-safe: every call into it holds `PDFIUM_LOCK`, one page at a time, and each
page is closed before the next is opened. pdfplumber's work and OCR run outside the lock.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageStat

from ingest import tables
from ingest.errors import (CorruptFile, EmptyDocument, FileTooLarge, OncoguideError, PageTooLarge, PasswordProtected,
                           TooManyPages)
from ingest.layout import Line, compose
from ingest.limits import Limits
from ingest.messages import page_too_large_message, too_many_pages_message, too_much_text_message
from ingest.models import Page
from ingest.ocr.images import turn
from ingest.ocr.page import OcrJob
from ingest.pdf_fallback import fallback_units
from ingest.plumber import PlumberDocument
from ingest.quality import SCAN_COVERAGE, THIN_TEXT_CHARS, judge
from ingest.render import PDFIUM_LOCK
from ingest.textlayer import PageFrame, page_frame, read_lines
from ingest.units import Failed, PageUnit

log = logging.getLogger(__name__)

_ZERO_PAGES = re.compile(rb"/Count\s+0\b")
_SOME_PAGES = re.compile(rb"/Count\s+[1-9]")
_NO_PAGES = "This PDF has no pages. Check that it is the right file and export it again."

#: Embedded scans at these resolutions are OCR'd as they are; others are rendered at ocr_dpi.
_MIN_SCAN_DPI, _MAX_SCAN_DPI = 200, 600


def read_pdf(data: bytes, limits: Limits) -> tuple[int, Iterator[PageUnit], bool]:
    """(page count, pages, whether pdfplumber could still be tried if every page fails): PDFium
    first, pdfplumber when PDFium cannot open the file or finds no pages in it."""
    try:
        pdf, count = open_pdf(data, limits)
    except (CorruptFile, EmptyDocument) as first:
        second = fallback_units(data, limits)
        if second is None:
            raise first
        log.info("PDF read with pdfplumber: PDFium could not open it")
        return second[0], second[1], False
    return count, pdf_units(pdf, count, limits, data=data), True


def open_pdf(data: bytes, limits: Limits) -> tuple[pdfium.PdfDocument, int]:
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise _load_error(data, exc) from exc
        try:
            count = len(pdf)
        except pdfium.PdfiumError as exc:
            pdf.close()
            raise CorruptFile() from exc
        if count <= 0 or count > limits.max_pages:
            pdf.close()
    if count <= 0:
        raise EmptyDocument(_NO_PAGES)
    if count > limits.max_pages:
        raise TooManyPages(too_many_pages_message(count, limits.max_pages))
    return pdf, count


def _load_error(data: bytes, exc: pdfium.PdfiumError) -> OncoguideError:
    # PDFium's error code is a global "last error" that some failures leave unset (stale from an
    # earlier file), so each verdict is confirmed from the file's own bytes.
    code = getattr(exc, "err_code", None)
    encrypted = b"/Encrypt" in data
    if encrypted and code == pdfium_c.FPDF_ERR_PASSWORD:
        return PasswordProtected()
    if encrypted and code == pdfium_c.FPDF_ERR_SECURITY:
        return PasswordProtected(
            "This PDF uses a protection scheme that cannot be opened. Open it in its viewer and "
            "print or save it as a new PDF, then upload that copy."
        )
    if not encrypted and _ZERO_PAGES.search(data) and not _SOME_PAGES.search(data):
        return EmptyDocument(_NO_PAGES)
    return CorruptFile()


@dataclass(slots=True)
class _RuledText:
    """A text-layer page with ruling lines, waiting for its tables to be laid out (outside the lock)."""

    number: int
    lines: list[Line]
    width: float
    height: float
    #: the displayed MediaBox's size: pdfplumber's page size, to check it has the same page
    media_size: tuple[float, float]
    #: maps pdfplumber's coordinates (MediaBox origin) onto the displayed page's (CropBox origin)
    shift: tuple[float, float]


def pdf_units(pdf: pdfium.PdfDocument, count: int, limits: Limits, *, data: bytes | None = None) -> Iterator[PageUnit]:
    """Each page as a finished text-layer `Page`, an `OcrJob`, or a `Failed`; closes the PDF at the end.
    With the file's `data`, ruled tables on text-layer pages are laid out row by row."""
    plumber = PlumberDocument(data, expected_pages=count) if data is not None else None
    try:
        for index in range(count):
            try:
                with PDFIUM_LOCK:
                    unit = _page_unit(pdf, index, limits, ruled_check=plumber is not None)
                if isinstance(unit, _RuledText):
                    unit = _with_tables(unit, plumber)
            except OncoguideError as exc:
                unit = Failed(index + 1, exc)
            yield unit
    finally:
        with PDFIUM_LOCK:
            pdf.close()
        if plumber is not None:
            plumber.close()


def _with_tables(unit: _RuledText, plumber: PlumberDocument) -> Page:
    lines = unit.lines
    if plumber.usable:
        grids: list[tables.Grid] = []
        try:
            with plumber.page(unit.number - 1) as page:
                if abs(float(page.width) - unit.media_size[0]) <= 1 and abs(float(page.height) - unit.media_size[1]) <= 1:
                    grids = tables.find_grids(page, unit.shift)
        except Exception:  # noqa: BLE001 - pdfminer failed on this page: PDFium's reading order stands
            log.info("pdfplumber could not find the tables of a page")
        lines = tables.lay_out(lines, grids)
    text, words = compose(lines)
    return Page(number=unit.number, text=text, source="text-layer", width=unit.width, height=unit.height,
                dpi=72.0, words=words)


def _page_unit(pdf: pdfium.PdfDocument, index: int, limits: Limits, *,
               ruled_check: bool = False) -> PageUnit | _RuledText:
    number = index + 1
    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"Page {number} of this PDF is damaged. " + CorruptFile.default_message) from exc
    try:
        frame = page_frame(page)
        textpage = page.get_textpage()
        try:
            chars = textpage.count_chars()
            if chars > limits.max_page_chars:  # counted before words are built (10 MB would take GBs)
                raise FileTooLarge(too_much_text_message(chars, limits.max_page_chars, number), chars=chars)
            lines = read_lines(textpage, frame)
        finally:
            textpage.close()
        text, words = compose(lines)
        verdict = judge(text)
        width, height = frame.size
        if verdict.usable and not (verdict.chars < THIN_TEXT_CHARS and _mostly_image(page, width * height)):
            if ruled_check and tables.is_ruled(page) and tables.reads_across(lines):
                ruled = _ruled_text(page, frame, number, lines)
                if ruled is not None:
                    return ruled
            return Page(number=number, text=text, source="text-layer", width=width, height=height, dpi=72.0,
                        words=words)
        if not verdict.usable and not text and pdfium_c.FPDFPage_CountObjects(page) <= 0:
            # Nothing drawn on the page at all: a blank page, nothing for OCR to find.
            return Page(number=number, text="", source="text-layer", width=width, height=height, dpi=72.0)
        return _render_job(page, number, width, height, limits)
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"Page {number} of this PDF is damaged. " + CorruptFile.default_message) from exc
    finally:
        page.close()


def _ruled_text(page: pdfium.PdfPage, frame: PageFrame, number: int, lines: list[Line]) -> _RuledText | None:
    """The page for table layout, when pdfplumber's coordinates can be mapped onto ours: an upright
    page (any CropBox), or a turned one whose CropBox is its MediaBox."""
    left, bottom, right, top = page.get_mediabox()
    width, height = frame.size
    if frame.rotation == 0:
        return _RuledText(number, lines, width, height, (right - left, top - bottom), (left - frame.left, frame.top - top))
    if max(abs(left - frame.left), abs(bottom - frame.bottom), abs(right - frame.right), abs(top - frame.top)) < 0.5:
        return _RuledText(number, lines, width, height, (width, height), (0.0, 0.0))
    return None


def _render_job(page: pdfium.PdfPage, number: int, width: float, height: float, limits: Limits) -> OcrJob:
    scan = _scan_image(page, limits)
    if scan is not None:
        image, dpi = scan
        return OcrJob(number=number, image=image, dpi=dpi)
    dpi = limits.ocr_dpi
    # Checked before rendering: PDFium would happily allocate a 200 x 200 inch bitmap.
    if width <= 0 or height <= 0 or (width / 72 * dpi) * (height / 72 * dpi) > limits.max_page_pixels:
        raise PageTooLarge(page_too_large_message(number, width / 72, height / 72))
    bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=False)
    image = bitmap.to_pil()  # shares the bitmap's Python-owned buffer
    bitmap.close()  # PDFium's handle released here, under the lock, not later by a finalizer
    return OcrJob(number=number, image=image, dpi=dpi)


def _mostly_image(page: pdfium.PdfPage, page_area: float) -> bool:
    if page_area <= 0:
        return False
    covered = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        covered = max(covered, (right - left) * (top - bottom))
    return covered / page_area >= SCAN_COVERAGE


def _scan_image(page: pdfium.PdfPage, limits: Limits) -> tuple[Image.Image, int] | None:
    """A scanned page's own image, decoded directly (about 4x cheaper than rendering the page),
    when the page is nothing but one upright, page-filling image at a scanner's resolution (plus an
    invisible text layer). Anything else returns None and the page is rendered instead."""
    image_obj = None
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and image_obj is None:
            image_obj = obj
        elif not (obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
                  and pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE):
            return None
    if image_obj is None:
        return None
    m = image_obj.get_matrix()
    left, bottom, right, top = page.get_cropbox()
    if m.b or m.c or m.a <= 0 or m.d <= 0:
        return None  # turned, flipped or sheared: let PDFium render it
    if abs(m.e - left) > 0.02 * (right - left) or abs(m.f - bottom) > 0.02 * (top - bottom) or \
            abs(m.a - (right - left)) > 0.02 * (right - left) or abs(m.d - (top - bottom)) > 0.02 * (top - bottom):
        return None  # does not fill the page
    px_width, px_height = image_obj.get_px_size()
    dpi_x, dpi_y = px_width / (m.a / 72), px_height / (m.d / 72)
    if not (_MIN_SCAN_DPI <= dpi_x <= _MAX_SCAN_DPI) or abs(dpi_x - dpi_y) > 0.03 * dpi_x:
        return None
    if px_width * px_height > limits.max_page_pixels:
        raise PageTooLarge()
    bitmap = image_obj.get_bitmap(render=False)
    image = bitmap.to_pil().convert("L")  # a copy: the bitmap's buffer belongs to PDFium
    del bitmap  # freed now, while the PDFium lock is held
    if ImageStat.Stat(image.reduce(8)).mean[0] < 100:
        return None  # mostly dark: an inverted (/Decode) or negative image; rendering applies it
    rotation = page.get_rotation() % 360
    return (turn(image, rotation) if rotation in (90, 180, 270) else image), round(dpi_x)
