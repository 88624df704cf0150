"""Request and response bodies of the API (table models never leave the service)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator


def _no_nul(value: str) -> str:
    # PostgreSQL cannot store a NUL character in text; no name or note needs one.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


#: Free text that is stored (names, notes).
StoredText = Annotated[str, AfterValidator(_no_nul)]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class PatientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: StoredText = Field(min_length=1, max_length=200)
    navigator_email: StoredText | None = Field(None, max_length=320, description="assign this navigator (admin only)")


class PatientId(BaseModel):
    id: str


class PatientPublic(BaseModel):
    id: str
    name: str
    created_at: datetime
    documents: int
    documents_failed: int
    review_status: str | None
    conflicts: int


class UploadedDocument(BaseModel):
    document_id: str
    status: str
    duplicate: bool = False


class UploadAccepted(BaseModel):
    document_id: str
    status: str
    documents: list[UploadedDocument]


class PageSummary(BaseModel):
    number: int
    source: str
    confidence: float | None
    width: float
    height: float
    dpi: float
    rotation: int
    error: ErrorDetail | None
    image: str


class Progress(BaseModel):
    done: int
    total: int


class DocumentPublic(BaseModel):
    document_id: str
    patient_id: str
    filename: str
    sha256: str
    size: int
    status: Literal["queued", "processing", "done", "partial", "failed"]
    error: ErrorDetail | None
    progress: Progress | None
    kind: str | None
    text_source: str | None
    created_at: datetime
    pages: list[PageSummary]


class Word(BaseModel):
    text: str
    start: int
    end: int
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float | None = None


class PageDetail(BaseModel):
    """A page's text and word boxes. Boxes are in the page's own units (`width` x `height`, at
    `dpi`, origin top-left, upright); to draw them on the page image, scale by
    image width / `width`."""

    document_id: str
    number: int
    text: str
    source: str
    confidence: float | None
    width: float
    height: float
    dpi: float
    image_dpi: int
    image: str
    words: list[Word]
    error: ErrorDetail | None


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: str = Field(min_length=1, max_length=200, examples=["receptors.her2.ihc_score"])
    value: Any = None
    note: StoredText | None = Field(None, max_length=2000)
    action: Literal["correct", "accept", "not_stated", "settle_conflict"] = "correct"


class GuidanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str | None = Field(None, min_length=1, max_length=2000)
    answer_text: str | None = Field(None, min_length=1, max_length=100_000)

    @model_validator(mode="after")
    def _one_of(self) -> "GuidanceIn":
        if (self.question is None) == (self.answer_text is None):
            raise ValueError("send exactly one of 'question' or 'answer_text'")
        return self


class AuditEventPublic(BaseModel):
    at: datetime
    actor: str | None
    role: str | None
    action: str
    patient_id: str | None
    document_id: str | None
    ip: str | None
    detail: dict[str, Any] | None


class Health(BaseModel):
    status: str
    database: str
