"""The real OCR engine for tests that need Tesseract: skipped where it is not installed, except
in CI, which installs it (there a missing engine fails the test)."""

from __future__ import annotations

import os

import pytest

from ingest.errors import OcrUnavailable
from ingest.ocr import default_engine
from ingest.ocr.engine import OcrEngine


def real_engine() -> OcrEngine:
    try:
        return default_engine()
    except OcrUnavailable:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("Tesseract not installed")
