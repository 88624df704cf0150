"""OCR one page image into a `Page`: turned upright, straightened, then recognised once.

A quick look at the page (`survey.py`, about 20 ms) measures its tilt and tells whether its lines
run sideways or upside down. A page of ordinary text lines is then read line by line on a
half-size copy (`lines.py` finds the lines; the engine skips its page layout analysis): about 40 %
less CPU than Tesseract's whole-page reading at the same or lower error rate (bench.ingest). A
turned page is turned as the survey suggests and kept when it reads confidently; otherwise, and for
pages that are not lines of text (tables with ruled columns, pictures), Tesseract's orientation
detector confirms the turn and its own page layout reads the page. Afterwards the words'
confidence is checked: a page read with low confidence or vertical lines is offered to the
orientation detector again, and the turned reading is kept only when it reads better.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image

from ingest.layout import compose
from ingest.models import Page
from ingest.ocr.engine import LineReader, OcrEngine, OcrOutput
from ingest.ocr.images import half, straighten, turn
from ingest.ocr.lines import TextLine, find_lines, median_height
from ingest.ocr.sheet import even_light, find_sheet, flatten, light_is_uneven
from ingest.ocr.survey import Survey, survey

#: Straighten scans tilted by more than this many degrees. Straightening costs a second recognition;
#: below about a degree Tesseract reads as well without it (see bench.ingest, "straightening").
DESKEW_ABOVE = 1.0
#: Reading line by line, straighten pages tilted by more than this: found lines must not overlap.
LINE_DESKEW_ABOVE = 0.2
#: Lines on the half-size copy shorter than this many pixels (text under about 9 points at 300 DPI)
#: are read at full size instead: smaller text reads worse from the half-size copy.
MIN_HALF_LINE_HEIGHT = 18
#: A page read line by line with a lower mean word confidence is read again with the page layout.
LINE_MIN_CONFIDENCE = 0.75
#: A page turned on the survey's word alone (no orientation detector) must read at least this well,
#: else it is turned again as the detector says: text read the wrong way up scores far lower.
GUESSED_TURN_MIN_CONFIDENCE = 0.85
#: Below this mean word confidence a page may be upside down: ask the orientation detector.
LOW_CONFIDENCE = 0.6
#: Tesseract's orientation confidence under which its answer is ignored (15 is "reasonably confident").
MIN_ORIENTATION_CONFIDENCE = 1.5


@dataclass(slots=True)
class OcrJob:
    """A page image waiting for OCR. `rotation` is what was already applied (EXIF, clockwise)."""

    number: int
    image: Image.Image
    dpi: int
    rotation: int = 0


def ocr_page(engine: OcrEngine, job: OcrJob, *, deskew_above: float | None = DESKEW_ABOVE) -> Page:
    image = job.image if job.image.mode == "L" else job.image.convert("L")
    dpi = job.dpi
    sheet = find_sheet(image)
    if sheet is not None:
        # The resolution was worked out as if the image spanned the page; the sheet spans less of it.
        dpi = max(int(round(dpi * sheet.long_side_share(image.width, image.height))), 70)
        image = flatten(image, sheet)
    elif light_is_uneven(image):
        image = even_light(image)  # a photo cropped to the paper, darker towards one side
    out, image, turned_by, straightened = _first_reading(engine, image, dpi, deskew_above)
    confidence = out.mean_confidence
    if out.vertical_text or (confidence is not None and confidence < LOW_CONFIDENCE):
        orientation = engine.detect_orientation(half(image), max(dpi // 2, 1))
        if orientation and orientation.clockwise and orientation.confidence >= MIN_ORIENTATION_CONFIDENCE:
            upright = turn(image, orientation.clockwise)
            retry = engine.recognize(upright, dpi, deskew_above=deskew_above)
            if _reads_better(retry, out, prefer_new=out.vertical_text):
                out, image, turned_by = retry, upright, (turned_by + orientation.clockwise) % 360
    text, words = compose(out.lines)
    return Page(
        number=job.number,
        text=text,
        source="ocr",
        confidence=round(out.mean_confidence, 4) if out.mean_confidence is not None else None,
        width=float(image.width),
        height=float(image.height),
        dpi=float(dpi),
        rotation=(job.rotation + turned_by) % 360,
        skew=round(straightened + out.skew, 2),
        sheet=sheet.flat() if sheet is not None else None,
        words=words,
    )


def _first_reading(engine: OcrEngine, image: Image.Image, dpi: int,
                   deskew_above: float | None) -> tuple[OcrOutput, Image.Image, int, float]:
    """(the reading, the page image it was read from, clockwise degrees turned, degrees
    straightened before reading); the reading's own `skew` adds to the last."""
    look = survey(image)
    by_lines = isinstance(engine, LineReader)
    if look.turned and by_lines:
        guess = _likely_turn(image, look)
        turned = turn(image, guess)
        out = _read_by_lines(engine, turned, dpi, survey(turned).skew, deskew_above,
                             min_confidence=GUESSED_TURN_MIN_CONFIDENCE)
        if out is not None:
            return out, turned, guess, 0.0
    image, turned_by, skew = _upright(engine, image, dpi, look)
    out = _read_by_lines(engine, image, dpi, skew, deskew_above) if by_lines else None
    if out is not None:
        return out, image, turned_by, 0.0
    straightened = 0.0
    if deskew_above is not None and deskew_above < abs(skew):
        image, straightened = straighten(image, skew), skew
    return engine.recognize(image, dpi, deskew_above=deskew_above), image, turned_by, straightened


def _likely_turn(image: Image.Image, look: Survey) -> int:
    """Clockwise degrees that probably make a turned page upright, from the survey alone: 180 for
    an upside-down page; for a sideways one, 90 unless the page turned by 90 looks upside down."""
    if look.upside_down:
        return 180
    return 270 if survey(turn(image, 90)).upside_down else 90


def _upright(engine: OcrEngine, image: Image.Image, dpi: int, look: Survey) -> tuple[Image.Image, int, float]:
    """(the page turned as the survey suggests and the orientation detector confirms, clockwise
    degrees turned, the skew in degrees counter-clockwise)."""
    turned_by = 0
    if look.turned:
        orientation = engine.detect_orientation(half(image), max(dpi // 2, 1))
        expected = (90, 270) if look.sideways else (180,)
        if orientation and orientation.clockwise in expected and orientation.confidence >= MIN_ORIENTATION_CONFIDENCE:
            image, turned_by = turn(image, orientation.clockwise), orientation.clockwise
            look = survey(image)
    return image, turned_by, look.skew


def _read_by_lines(engine: LineReader, image: Image.Image, dpi: int, skew: float,
                   deskew_above: float | None, *, min_confidence: float = LINE_MIN_CONFIDENCE) -> OcrOutput | None:
    """Read the page line by line (see `ingest.ocr.lines`), or None when it should be left to the
    engine's page layout: not lines of text, or read with low confidence.

    Lines are found and read on a half-size copy when its text is still tall enough: the line
    recogniser scales every line to its own fixed height, so the text reads as well, and the
    engine's per-pixel work (thresholding, connected components) drops by three quarters. The
    copy is straightened whenever it is tilted enough to make neighbouring lines overlap; the
    words' boxes are given back in the pixels of `image`, and the reading's `skew` is the angle
    the copy was straightened by."""
    if deskew_above is None and LINE_DESKEW_ABOVE < abs(skew):
        return None  # straightening is off: tilted lines overlap, the page layout copes better
    straighten_by = skew if LINE_DESKEW_ABOVE < abs(skew) else 0.0
    work, factor = half(image), 2
    if straighten_by:
        # Bilinear: 46 against 99 ms for bicubic on this copy, CER 0.12 % with either on the
        # benchmark's tilted scans (measured 2026-11-26).
        work = straighten(work, straighten_by, resample=Image.Resampling.BILINEAR)
    lines = find_lines(work)
    if lines is not None and median_height(lines) < MIN_HALF_LINE_HEIGHT:
        found_on_copy = lines
        work, factor = (straighten(image, straighten_by) if straighten_by else image), 1
        # Found again on the full page; where that fails (a worn scan's specks, which the copy's
        # averaging hid, make rows of ink everywhere), the copy's lines are scaled up instead.
        lines = find_lines(work) or [_scaled(line, 2) for line in found_on_copy]
    if lines is None:
        return None
    out = engine.read_lines(work, max(dpi // factor, 1), lines)
    confidence = out.mean_confidence
    if confidence is None or confidence < min_confidence:
        return None
    if factor != 1:
        for line in out.lines:
            for word in line.words:
                word.x0, word.y0, word.x1, word.y1 = (word.x0 * factor, word.y0 * factor,
                                                      word.x1 * factor, word.y1 * factor)
        _reread_strokes(engine, out, lines, image, dpi, factor, straighten_by)
    out.skew = straighten_by
    return out


#: A word of strokes only that is no roman numeral a report writes: two strokes before a V ("IIV/III",
#: "llV"), as the half-size copy reads a "III" whose strokes stand close enough to merge; or one stroke
#: over two ("I/II", which a worn "II/III" became). (Words of strokes that are such numerals are left as
#: read: re-reading them at full size lost a stroke as often as it won one back over the 80 scanned dev
#: reports.)
_STROKES = re.compile(r"[(\[]?(?:(?=[IlV|!1/]*[Il|1]{2}V)[IlV|!1]{2,}(?:/[IlV|!1]+)?|[Il|1]/[Il|1]{2})[)\].,:;]{0,2}")


def _reread_strokes(engine: LineReader, out: OcrOutput, lines: list[TextLine], image: Image.Image, dpi: int,
                    factor: int, straighten_by: float) -> None:
    """Lines of `out` (read from the copy `factor` times smaller, its boxes scaled back to `image`) holding a
    word of strokes that is no numeral are read again from the full-size page, in place. A roman
    grade ("GRADE III/III" in Helvetica) read from the copy as "IIV/III" in 6 of 8 worn scans of a
    test page read right at full size; such lines are few, and cost little to read again."""
    again = [i for i, line in enumerate(out.lines) if any(_STROKES.fullmatch(w.text) for w in line.words)]
    if not again:
        return
    full = straighten(image, straighten_by) if straighten_by else image
    for i in again:
        middle = (out.lines[i].top + out.lines[i].bottom) / 2 / factor  # in the copy's pixels, as `lines`
        found = next((t for t in lines if t.segments and t.segments[0][1] <= middle <= t.segments[0][3]), None)
        if found is None:
            continue
        reread = engine.read_lines(full, dpi, [_scaled(found, factor)]).lines
        if len(reread) == 1:
            reread[0].paragraph_start = out.lines[i].paragraph_start
            out.lines[i] = reread[0]


def _scaled(line: TextLine, factor: int) -> TextLine:
    """A line found on a copy `factor` times smaller, in the full page's pixels."""
    return TextLine(segments=tuple((a * factor, b * factor, c * factor, d * factor) for a, b, c, d in line.segments),
                    height=line.height * factor, margin=(line.margin[0] * factor, line.margin[1] * factor))


def _reads_better(new: OcrOutput, old: OcrOutput, *, prefer_new: bool) -> bool:
    """Keep the turned reading when it is clearly better; for a sideways page (Tesseract can read
    some of those as they are) also when it is about as good, so the page ends upright."""
    new_conf, old_conf = new.mean_confidence or 0.0, old.mean_confidence or 0.0
    return new_conf >= old_conf - 0.05 if prefer_new else new_conf > old_conf + 0.05
