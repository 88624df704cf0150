"""The tailored-guidance contract (../shared/GUIDANCE.md) as pydantic models.

`Guidance.to_json_dict()` is the GUIDANCE.md JSON. Beyond the contract's floor it carries the
answer's dates (`answer_written`, `answer_review_by`, `review_overdue`), the day it was made
(`generated`), what each block is `about`, and the label or guideline `facts` of tailored blocks
with their source, so a reader can tell the patient's own values from quoted facts.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Any, Literal

from pydantic import BaseModel, Field

Applies = Literal["yes", "no", "unknown"]
Severity = Literal["info", "warning", "critical"]


class EvidenceRef(BaseModel):
    """Where a profile value was read: document, page, character span and the text there."""

    document: str
    page: int
    start: int
    end: int
    text: str
    source: str | None = None
    rule: str | None = None


class Because(BaseModel):
    """A profile field that decided a block, its value, and the evidence for it."""

    field: str
    value: Any = None
    evidence: list[EvidenceRef] = Field(default_factory=list)


class QuotedFact(BaseModel):
    """A fact from a drug label or guideline, quoted as such (never a patient value)."""

    text: str
    source: str
    revised: str | None = Field(None, description="label or guideline revision date, when recorded")


class Block(BaseModel):
    id: str
    kind: Literal["general", "tailored"]
    heading: str | None = None
    #: For general blocks: paragraph or bullet of the answer.
    role: Literal["paragraph", "bullet"] | None = None
    text: str
    applies: Applies
    because: list[Because] = Field(default_factory=list)
    note: str | None = None
    #: Concepts the block is about, as plain labels ("HER2-positive", "metastatic").
    about: list[str] = Field(default_factory=list)
    rule: str | None = None
    severity: Severity | None = None
    facts: list[QuotedFact] = Field(default_factory=list)


class MissingItem(BaseModel):
    field: str
    why: str


class RecordRef(BaseModel):
    """A document of the profile, as named to the patient (kind and date; never the file name)."""

    document: str
    kind: str | None = None
    date: Date | None = None


class Guidance(BaseModel):
    question: str | None = None
    answer_source: str = Field(description="'library:<id>' or 'text' for an answer given to tailor")
    answer_title: str | None = None
    answer_written: Date | None = None
    answer_review_by: Date | None = None
    review_overdue: bool = False
    answer_sources: list[str] = Field(default_factory=list)
    generated: Date
    profile_summary: str
    blocks: list[Block]
    missing: list[MissingItem] = Field(default_factory=list)
    questions_to_ask: list[str] = Field(default_factory=list)
    records: list[RecordRef] = Field(default_factory=list)
    disclaimer: str

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)

    def to_markdown(self) -> str:
        from personalize.render import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        from personalize.render import render_html

        return render_html(self)
