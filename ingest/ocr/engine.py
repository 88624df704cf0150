"""The small interface every OCR engine implements, and the shapes it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from PIL import Image

from ingest.layout import Line


@dataclass(slots=True)
class OcrOutput:
    """Recognised words in lines, with boxes in the pixels of the (possibly straightened) image."""

    lines: list[Line] = field(default_factory=list)
    #: The layout pass found vertical text lines: the page is probably turned 90 or 270 degrees.
    vertical_text: bool = False
    #: Degrees (counter-clockwise) the engine turned the image to straighten it before recognising.
    skew: float = 0.0

    @property
    def mean_confidence(self) -> float | None:
        """Mean word confidence 0-1 weighted by word length; None when nothing was read."""
        total = weight = 0.0
        for line in self.lines:
            for word in line.words:
                if word.confidence is not None:
                    total += word.confidence * len(word.text)
                    weight += len(word.text)
        return total / weight if weight else None

    @property
    def word_count(self) -> int:
        return sum(len(line.words) for line in self.lines)


@dataclass(frozen=True, slots=True)
class Orientation:
    #: Clockwise degrees (0, 90, 180, 270) to turn the image so its text reads upright.
    clockwise: int
    confidence: float


@runtime_checkable
class OcrEngine(Protocol):
    """Reads one grayscale page image. Implementations must be safe to call from several threads."""

    name: str

    def recognize(self, image: Image.Image, dpi: int, *, deskew_above: float | None = None) -> OcrOutput:
        """Recognise `image` (mode "L") at `dpi`; straighten it first when it is skewed by more than
        `deskew_above` degrees (None: never). Raises `OcrFailed` or `OcrUnavailable`."""
        ...

    def detect_orientation(self, image: Image.Image, dpi: int) -> Orientation | None:
        """Which way the page is turned, or None when the engine cannot tell."""
        ...

    def close(self) -> None:
        """Release engine resources; the engine may not be used afterwards."""
        ...


@runtime_checkable
class LineReader(Protocol):
    """An engine that can also read a page line by line, given its lines (`ingest.ocr.lines`)."""

    def read_lines(self, image: Image.Image, dpi: int, lines: list) -> OcrOutput:
        """Recognise each line's segments as raw text lines; boxes in the pixels of `image`."""
        ...
