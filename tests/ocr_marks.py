"""Marks for tests that need the real Tesseract: skipped where it is missing, except on CI, which
installs it (there a missing engine fails the tests instead of skipping them)."""

from __future__ import annotations

import os

import pytest

from ingest.errors import OcrUnavailable
from ingest.ocr import default_engine


def tesseract_missing() -> bool:
    try:
        default_engine()
    except OcrUnavailable:
        return True
    return False


NEEDS_TESSERACT = [
    pytest.mark.ocr,
    pytest.mark.skipif(os.environ.get("CI") != "true" and tesseract_missing(), reason="Tesseract not installed"),
]
