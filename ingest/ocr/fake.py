"""Engines that need no Tesseract (for tests and for runs where OCR is deliberately off), and a
wrapper that counts what a real engine is asked to do (for tests and benchmarks)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PIL import Image

from ingest.errors import OcrFailed
from ingest.layout import Line, RawWord
from ingest.ocr.engine import LineReader, OcrEngine, OcrOutput, Orientation


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


class CountingEngine:
    """Another engine, counting its recognitions (a page that is read twice costs twice)."""

    name = "counting"

    def __init__(self, engine: OcrEngine) -> None:
        self.engine = engine
        self.recognitions = 0
        #: Of those, readings line by line (`LineReader.read_lines`).
        self.line_readings = 0
        self._lock = threading.Lock()
        if isinstance(engine, LineReader):  # only then is this wrapper a line reader too
            self.read_lines = self._read_lines

    def _read_lines(self, image: Image.Image, dpi: int, lines: list) -> OcrOutput:
        with self._lock:
            self.recognitions += 1
            self.line_readings += 1
        return self.engine.read_lines(image, dpi, lines)

    def recognize(self, image: Image.Image, dpi: int, *, deskew_above: float | None = None) -> OcrOutput:
        with self._lock:
            self.recognitions += 1
        return self.engine.recognize(image, dpi, deskew_above=deskew_above)

    def detect_orientation(self, image: Image.Image, dpi: int) -> Orientation | None:
        return self.engine.detect_orientation(image, dpi)

    def close(self) -> None:
        """The wrapped engine is not this wrapper's to close."""
