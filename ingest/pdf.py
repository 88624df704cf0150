"""PDFs through PDFium (pypdfium2): open (PDFium repairs many damaged files), then per page either
the text layer or a rendered image for OCR.

PDFium is not thread-safe: everything here runs on the caller's thread, one page at a time, and
each page is closed before the next is opened. OCR of the rendered images runs elsewhere.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageStat

from ingest.errors import (CorruptFile, EmptyDocument, FileTooLarge, OncoguideError, PageTooLarge, PasswordProtected,
                           TooManyPages)
from ingest.layout import compose
from ingest.limits import Limits
from ingest.messages import page_too_large_message, too_many_pages_message, too_much_text_message
from ingest.models import Page
from ingest.ocr.images import turn
from ingest.ocr.page import OcrJob
from ingest.quality import judge
from ingest.textlayer import page_frame, read_lines
from ingest.units import Failed, PageUnit

#: A usable text layer this short on a page mostly covered by an image is a stamp or header on a
#: scan: the scan is what holds the record, so the page is read with OCR.
_ZERO_PAGES = re.compile(rb"/Count\s+0\b")
_SOME_PAGES = re.compile(rb"/Count\s+[1-9]")
#: PDFium may not be called from two threads at once, even for different documents.
PDFIUM_LOCK = threading.RLock()
_NO_PAGES = "This PDF has no pages. Check that it is the right file and export it again."

#: Embedded scans at these resolutions are OCR'd as they are; others are rendered at ocr_dpi.
_MIN_SCAN_DPI, _MAX_SCAN_DPI = 200, 600

THIN_TEXT_CHARS = 200
SCAN_COVERAGE = 0.5


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


def pdf_units(pdf: pdfium.PdfDocument, count: int, limits: Limits) -> Iterator[PageUnit]:
    """Each page as a finished text-layer `Page`, an `OcrJob`, or a `Failed`; closes the PDF at the end."""
    try:
        for index in range(count):
            try:
                with PDFIUM_LOCK:
                    unit = _page_unit(pdf, index, limits)
            except OncoguideError as exc:
                unit = Failed(index + 1, exc)
            yield unit
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def _page_unit(pdf: pdfium.PdfDocument, index: int, limits: Limits) -> PageUnit:
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
                raise FileTooLarge(too_much_text_message(chars, limits.max_page_chars, number))
            lines = read_lines(textpage, frame)
        finally:
            textpage.close()
        text, words = compose(lines)
        verdict = judge(text)
        width, height = frame.size
        if verdict.usable and not (verdict.chars < THIN_TEXT_CHARS and _mostly_image(page, width * height)):
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
    return OcrJob(number=number, image=bitmap.to_pil(), dpi=dpi)


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
