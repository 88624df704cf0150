"""Typed result of ingestion: bytes in, `Document` of `Page`s out.

Character offsets are into `Page.text` exactly as stored; a `Word`'s `start`/`end` satisfy
``page.text[word.start:word.end] == word.text`` and its box is in page pixels at `Page.dpi`
(text-layer pages use 72 DPI PDF points), origin top-left.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

TextSource = Literal["text-layer", "ocr"]
DocumentType = Literal["pdf", "png", "jpeg", "tiff", "webp", "heic", "text"]


class Word(BaseModel):
    text: str
    start: int = Field(ge=0, description="offset of the word's first character in Page.text")
    end: int = Field(ge=0)
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float | None = Field(None, description="OCR word confidence 0-1; None for text layer")


class PageError(BaseModel):
    code: str
    message: str


class Page(BaseModel):
    number: int = Field(ge=1, description="1-based page number")
    text: str
    source: TextSource
    confidence: float | None = Field(None, description="OCR mean word confidence 0-1; None for text layer")
    width: float = 0.0
    height: float = 0.0
    dpi: float = 72.0
    rotation: int = Field(0, description="degrees the page image was rotated to read it upright")
    skew: float = Field(0.0, description="small rotation (degrees) applied to straighten a scan before OCR")
    sheet: list[float] | None = Field(
        None, min_length=8, max_length=8,
        description="a photo's sheet of paper, flattened before OCR: its corners (top-left, top-right, "
                    "bottom-right, bottom-left) as x, y fractions of the image before it was turned or "
                    "straightened; width, height and word boxes are those of the flattened sheet")
    words: list[Word] = Field(default_factory=list)
    error: PageError | None = None


class Document(BaseModel):
    sha256: str
    filename: str
    type: DocumentType
    pages: list[Page]
    errors: list[PageError] = Field(default_factory=list, description="per-page failures, if any")

    @property
    def partial(self) -> bool:
        """True when some pages failed and the rest were read."""
        return any(p.error is not None for p in self.pages)

    @property
    def text_source(self) -> Literal["text-layer", "ocr", "mixed"]:
        sources = {p.source for p in self.pages if p.error is None}
        if len(sources) == 1:
            return next(iter(sources))  # type: ignore[return-value]
        return "mixed" if sources else "text-layer"
