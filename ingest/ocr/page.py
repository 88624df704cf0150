"""OCR one page image into a `Page`: recognise, and turn the page when it reads sideways or upside down.

Upright pages (the common case) cost one recognition. Orientation detection runs only when the
layout found vertical text lines or the words came back with low confidence; the turned page is
kept only when it reads better.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from ingest.layout import compose
from ingest.models import Page
from ingest.ocr.engine import OcrEngine, OcrOutput
from ingest.ocr.images import half, turn

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
    out = engine.recognize(image, job.dpi, deskew_above=deskew_above)
    turned_by = 0
    confidence = out.mean_confidence
    if out.vertical_text or (confidence is not None and confidence < LOW_CONFIDENCE):
        orientation = engine.detect_orientation(half(image), max(job.dpi // 2, 1))
        if orientation and orientation.clockwise and orientation.confidence >= MIN_ORIENTATION_CONFIDENCE:
            upright = turn(image, orientation.clockwise)
            retry = engine.recognize(upright, job.dpi, deskew_above=deskew_above)
            if _reads_better(retry, out, prefer_new=out.vertical_text):
                out, image, turned_by = retry, upright, orientation.clockwise
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
        skew=out.skew,
        words=words,
    )


def _reads_better(new: OcrOutput, old: OcrOutput, *, prefer_new: bool) -> bool:
    """Keep the turned reading when it is clearly better; for a sideways page (Tesseract can read
    some of those as they are) also when it is about as good, so the page ends upright."""
    new_conf, old_conf = new.mean_confidence or 0.0, old.mean_confidence or 0.0
    return new_conf >= old_conf - 0.05 if prefer_new else new_conf > old_conf + 0.05
