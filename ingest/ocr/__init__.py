"""OCR behind one small interface (`OcrEngine`): tesserocr in-process, the tesseract binary as
fallback, and engines without Tesseract for tests."""

from __future__ import annotations

import os
import threading

# Tesseract's OpenMP threads fight our page-level parallelism (3x slower); set before it loads.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from ingest.errors import OcrUnavailable  # noqa: E402
from ingest.ocr.engine import OcrEngine, OcrOutput, Orientation  # noqa: E402
from ingest.ocr.fake import FakeEngine, NullEngine  # noqa: E402
from ingest.ocr.page import OcrJob, ocr_page  # noqa: E402

__all__ = [
    "FakeEngine",
    "NullEngine",
    "OcrEngine",
    "OcrJob",
    "OcrOutput",
    "Orientation",
    "default_engine",
    "ocr_page",
]

_default: OcrEngine | None = None
_lock = threading.Lock()


def default_engine() -> OcrEngine:
    """The shared engine: tesserocr when it loads, else the tesseract binary; `OcrUnavailable` if neither."""
    global _default
    with _lock:
        if _default is None:
            _default = _make_engine()
        return _default


def _make_engine() -> OcrEngine:
    from ingest.ocr.pytesseract_engine import PytesseractEngine
    from ingest.ocr.tesserocr_engine import TesserocrEngine

    try:
        return TesserocrEngine()
    except OcrUnavailable as first:
        try:
            return PytesseractEngine()
        except OcrUnavailable:
            raise first from None
