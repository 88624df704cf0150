"""PDFs that PDFium cannot read (it fails to open them, finds no pages, or fails on every page),
read with pdfplumber instead: pdfminer rebuilds some damaged files PDFium gives up on (a broken
page tree or catalog, for example). A file is called corrupt only when both parsers fail.

Text-layer pages are read from pdfplumber's words; a scanned page is OCR'd from its embedded image
(JPEG, JPEG 2000, or plain 8-bit gray/RGB or 1-bit pixels), since PDFium cannot render it. Pages
are read one at a time and closed at once.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageOps, ImageStat

from ingest.errors import CorruptFile, FileTooLarge, OncoguideError, PageTooLarge, TooManyPages
from ingest.images import decoding
from ingest.layout import Line, RawWord, compose, mark_paragraphs
from ingest.limits import Limits
from ingest.messages import too_many_pages_message, too_much_text_message
from ingest.models import Page
from ingest.ocr.page import OcrJob
from ingest.plumber import PlumberDocument
from ingest.quality import SCAN_COVERAGE, THIN_TEXT_CHARS, judge
from ingest.units import Failed, PageUnit

_DAMAGED = "Page {n} of this PDF is damaged. " + CorruptFile.default_message
_RAW_MODES = {("DeviceGray", 8): "L", ("DeviceRGB", 8): "RGB", ("DeviceGray", 1): "1"}
_ENCODED = {"DCTDecode", "DCT", "JPXDecode"}
_LINE_TOLERANCE_PT = 3.0


def fallback_units(data: bytes, limits: Limits) -> tuple[int, Iterator[PageUnit]] | None:
    """The page count and pages of `data` as pdfplumber reads them, or None when it cannot."""
    document = PlumberDocument(data)
    count = len(document.pages)
    if count == 0:
        document.close()
        return None
    if count > limits.max_pages:
        document.close()
        raise TooManyPages(too_many_pages_message(count, limits.max_pages))
    return count, _units(document, count, limits)


def _units(document: PlumberDocument, count: int, limits: Limits) -> Iterator[PageUnit]:
    try:
        for index in range(count):
            try:
                with document.page(index) as page:
                    unit = _page_unit(page, index + 1, limits)
            except OncoguideError as exc:
                unit = Failed(index + 1, exc)
            except Exception as exc:  # noqa: BLE001 - pdfminer's failures on a damaged page
                error = CorruptFile(_DAMAGED.format(n=index + 1))
                error.__cause__ = exc
                unit = Failed(index + 1, error)
            yield unit
    finally:
        document.close()


def _page_unit(page, number: int, limits: Limits) -> PageUnit:
    chars = len(page.chars)
    if chars > limits.max_page_chars:
        raise FileTooLarge(too_much_text_message(chars, limits.max_page_chars, number), chars=chars)
    text, words = compose(_lines(page))
    verdict = judge(text)
    width, height = float(page.width), float(page.height)
    scan = _largest_image(page)
    covers = scan is not None and _area(scan) / max(width * height, 1.0) >= SCAN_COVERAGE
    if verdict.usable and not (verdict.chars < THIN_TEXT_CHARS and covers):
        return Page(number=number, text=text, source="text-layer", width=width, height=height, dpi=72.0,
                    words=words)
    if covers:
        return _scan_job(scan, number, limits)
    if not text and not page.objects:
        return Page(number=number, text="", source="text-layer", width=width, height=height, dpi=72.0)
    # Drawn content (vector art, small images) that only PDFium could render for OCR.
    raise CorruptFile(_DAMAGED.format(n=number))


def _lines(page) -> list[Line]:
    """pdfplumber's words (in its reading order) grouped into lines by their height on the page."""
    lines: list[Line] = []
    for w in page.extract_words():
        word = RawWord(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        last = lines[-1].words[-1] if lines else None
        if last is None or abs(word.y0 - last.y0) > _LINE_TOLERANCE_PT or word.x0 < last.x0:
            lines.append(Line())
        lines[-1].words.append(word)
    mark_paragraphs(lines)
    return lines


def _largest_image(page) -> dict | None:
    images = page.images
    return max(images, key=_area) if images else None


def _area(image: dict) -> float:
    return max(float(image["x1"]) - float(image["x0"]), 0.0) * max(float(image["bottom"]) - float(image["top"]), 0.0)


def _scan_job(image: dict, number: int, limits: Limits) -> OcrJob:
    px_width, px_height = (int(v) for v in image["srcsize"])
    if px_width <= 0 or px_height <= 0:
        raise CorruptFile(_DAMAGED.format(n=number))
    if px_width * px_height > limits.max_page_pixels:
        raise PageTooLarge()
    stream = image["stream"]
    filters = [str(getattr(name, "name", name)) for name, _ in stream.get_filters()]
    raw = stream.get_data()  # pdfminer undoes every filter but the image codecs
    with decoding():
        if filters and filters[-1] in _ENCODED:
            picture = Image.open(io.BytesIO(raw))
            if picture.width * picture.height > limits.max_page_pixels:  # the codec's own size, before decoding
                raise PageTooLarge()
            picture.load()
        else:
            space = image.get("colorspace") or []
            space_name = str(getattr(space[0], "name", space[0])) if space else ""
            mode = _RAW_MODES.get((space_name, int(image.get("bits") or 0)))
            if mode is None:
                raise CorruptFile(_DAMAGED.format(n=number))
            picture = Image.frombytes(mode, (px_width, px_height), raw)
        gray = picture.convert("L")
    if ImageStat.Stat(gray.reduce(8)).mean[0] < 100:
        gray = ImageOps.invert(gray)  # a negative or inverted (/Decode) scan: OCR wants dark text on white
    dpi = px_width / max((float(image["x1"]) - float(image["x0"])) / 72.0, 1e-3)
    if dpi < limits.ocr_dpi * 0.66:  # low-resolution scan: upsampled as PDFium's rendering would
        scale = min(limits.ocr_dpi / dpi, (limits.max_page_pixels / (gray.width * gray.height)) ** 0.5)
        gray = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
                           Image.Resampling.LANCZOS)
        dpi *= scale
    return OcrJob(number=number, image=gray, dpi=max(int(round(dpi)), 70))
