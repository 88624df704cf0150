"""OCR one page image into a `Page`: turned upright and straightened, then recognised once.

A quick look at the page (`survey.py`, about 20 ms) measures its tilt and tells whether its lines
run sideways or upside down; only then is Tesseract's orientation detector asked, and the page is
turned and straightened before it is recognised, so most pages cost one recognition. Afterwards
the engine's own skew estimate and the words' confidence are checked: a page still tilted is
straightened and read again, and a page read with low confidence or vertical lines is offered to
the orientation detector again; the turned reading is kept only when it reads better.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from ingest.layout import compose
from ingest.models import Page
from ingest.ocr.engine import OcrEngine, OcrOutput
from ingest.ocr.images import half, straighten, turn
from ingest.ocr.survey import survey

#: Straighten scans tilted by more than this many degrees. Straightening costs a second recognition;
#: below about a degree Tesseract reads as well without it (see bench.ingest, "straightening").
DESKEW_ABOVE = 1.0
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
    image, turned_by, straightened = _upright(engine, image, job.dpi, deskew_above)
    out = engine.recognize(image, job.dpi, deskew_above=deskew_above)
    confidence = out.mean_confidence
    if out.vertical_text or (confidence is not None and confidence < LOW_CONFIDENCE):
        orientation = engine.detect_orientation(half(image), max(job.dpi // 2, 1))
        if orientation and orientation.clockwise and orientation.confidence >= MIN_ORIENTATION_CONFIDENCE:
            upright = turn(image, orientation.clockwise)
            retry = engine.recognize(upright, job.dpi, deskew_above=deskew_above)
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
        dpi=float(job.dpi),
        rotation=(job.rotation + turned_by) % 360,
        skew=round(straightened + out.skew, 2),
        words=words,
    )


def _upright(engine: OcrEngine, image: Image.Image, dpi: int,
             deskew_above: float | None) -> tuple[Image.Image, int, float]:
    """(the page turned and straightened as the survey suggests, clockwise degrees turned,
    degrees straightened counter-clockwise)."""
    look = survey(image)
    turned_by = 0
    if look.turned:
        orientation = engine.detect_orientation(half(image), max(dpi // 2, 1))
        expected = (90, 270) if look.sideways else (180,)
        if orientation and orientation.clockwise in expected and orientation.confidence >= MIN_ORIENTATION_CONFIDENCE:
            image, turned_by = turn(image, orientation.clockwise), orientation.clockwise
            look = survey(image)
    if deskew_above is not None and deskew_above < abs(look.skew):
        return straighten(image, look.skew), turned_by, look.skew
    return image, turned_by, 0.0


def _reads_better(new: OcrOutput, old: OcrOutput, *, prefer_new: bool) -> bool:
    """Keep the turned reading when it is clearly better; for a sideways page (Tesseract can read
    some of those as they are) also when it is about as good, so the page ends upright."""
    new_conf, old_conf = new.mean_confidence or 0.0, old.mean_confidence or 0.0
    return new_conf >= old_conf - 0.05 if prefer_new else new_conf > old_conf + 0.05
