"""Resource limits for one ingestion, so the service can pass its own settings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

MB = 1024 * 1024
#: Characters a page may average before the whole document is too much text: a dense printed page
#: holds 2,000-4,000 (9-point type, narrow margins, about 5,000). The document cap defaults to
#: `max_pages` such pages, so any document within the page limit that reads like print fits
#: (300 pages of 5,000: 1.5 million characters, under 400 MB while read).
DENSE_PAGE_CHARS = 5_000


class Limits(BaseModel):
    """What one upload may cost. Checked before the expensive step they guard."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_bytes: int = Field(50 * MB, gt=0, description="upload size, checked before anything else")
    max_pages: int = Field(300, gt=0)
    max_page_pixels: int = Field(
        40_000_000, gt=0, description="pixels of one PDF page rendered at ocr_dpi; checked before rendering"
    )
    max_image_pixels: int = Field(
        100_000_000, gt=0, description="pixels of an uploaded image or TIFF frame; checked before decoding"
    )
    max_ocr_pixels: int = Field(
        25_000_000, gt=0, description="larger images (phone photos) are scaled down to this before OCR"
    )
    max_page_chars: int = Field(
        30_000, gt=0, description="characters of one page's text layer (a dense printed page holds under "
                                  "10,000); a page over it fails alone, counted before its words are built"
    )
    max_text_chars: int = Field(
        300 * DENSE_PAGE_CHARS, gt=0,
        description="characters of a whole document, the refused pages' included; extraction time and memory "
                    "grow with the text. Defaults to max_pages x DENSE_PAGE_CHARS (at least max_page_chars)",
    )
    ocr_dpi: int = Field(300, ge=72, le=600, description="resolution PDF pages are rendered at for OCR")
    workers: int | None = Field(None, ge=1, description="OCR threads; None uses every core")

    @model_validator(mode="before")
    @classmethod
    def _text_cap_follows_page_cap(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("max_text_chars") is None:
            pages, page_chars = data.get("max_pages", 300), data.get("max_page_chars", 30_000)
            if isinstance(pages, int) and isinstance(page_chars, int) and pages > 0:
                data = {**data, "max_text_chars": max(pages * DENSE_PAGE_CHARS, page_chars)}
        return data
