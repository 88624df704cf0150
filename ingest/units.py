"""What a reader yields for each page: a finished page, an image for OCR, or a failure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ingest.errors import OncoguideError
from ingest.models import Page
from ingest.ocr.page import OcrJob


@dataclass(slots=True)
class Failed:
    number: int
    error: OncoguideError


PageUnit = Union[Page, OcrJob, Failed]
