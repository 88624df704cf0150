"""Engines that need no Tesseract: for tests and for runs where OCR is deliberately off."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image

from ingest.errors import OcrFailed
from ingest.layout import Line, RawWord
from ingest.ocr.engine import OcrOutput, Orientation


class NullEngine:
    """Reads nothing: every page comes back without words."""

    name = "null"

    def recognize(self, image: Image.Image, dpi: int, *, deskew_above: float | None = None) -> OcrOutput:
        return OcrOutput()

    def detect_orientation(self, image: Image.Image, dpi: int) -> Orientation | None:
        return None

    def close(self) -> None:
        pass


class FakeEngine:
    """Returns the text `read(image)` gives, one word per whitespace run with made-up boxes;
    raises `OcrFailed` when it returns None. Lets pipeline tests control what OCR 'sees'."""

    name = "fake"

    def __init__(self, read: Callable[[Image.Image], str | None], confidence: float = 0.9) -> None:
        self._read = read
        self._confidence = confidence

    def recognize(self, image: Image.Image, dpi: int, *, deskew_above: float | None = None) -> OcrOutput:
        text = self._read(image)
        if text is None:
            raise OcrFailed()
        lines = []
        for row, line_text in enumerate(text.splitlines()):
            words = [
                RawWord(token, col * 50.0, row * 40.0, col * 50.0 + 45.0, row * 40.0 + 30.0, self._confidence)
                for col, token in enumerate(line_text.split())
            ]
            lines.append(Line(words=words))
        return OcrOutput(lines)

    def detect_orientation(self, image: Image.Image, dpi: int) -> Orientation | None:
        return None

    def close(self) -> None:
        pass
