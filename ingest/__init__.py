"""Ingestion: an uploaded record's bytes in, a `Document` of pages with text and word boxes out.

`read(data, filename)` is the one entry point; see `pipeline.py` for its steps.
"""

from ingest.limits import Limits
from ingest.models import Document, Page, PageError, Word
from ingest.ocr import FakeEngine, NullEngine, OcrEngine, default_engine
from ingest.pipeline import read

__all__ = [
    "Document",
    "FakeEngine",
    "Limits",
    "NullEngine",
    "OcrEngine",
    "Page",
    "PageError",
    "Word",
    "default_engine",
    "read",
]
