"""Resource limits for one ingestion, so the service can pass its own settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024


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
        30_000, gt=0, description="characters of one page's text layer (a dense printed page holds under 10,000)"
    )
    max_text_chars: int = Field(
        500_000, gt=0, description="characters of a whole document; extraction time grows with the text"
    )
    ocr_dpi: int = Field(300, ge=72, le=600, description="resolution PDF pages are rendered at for OCR")
    workers: int | None = Field(None, ge=1, description="OCR threads; None uses every core")
