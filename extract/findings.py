"""Findings: what one place of one document says, before documents are merged into a profile.

The seam inside extract:  Document --(pipeline + field extractors)--> DocumentFacts
                          [DocumentFacts, ...] --(merge + derive)--> ProfileReport

A `Finding` is one value for one profile path, read at one place, with its evidence and the
context that decides whether it counts (negated, hypothetical and family mentions never reach the
profile; they are kept so tests and reviewers can see why). List items (medications, labs,
genomics) are findings whose value is a dict and whose evidence is keyed by the item's own leaf
paths ("dose", "changes[0].to_dose").
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from extract.models import DocumentSummary, Evidence

Assertion = Literal["present", "historical", "negated", "hypothetical", "family", "possible"]
#: Assertions that make a mention a fact about this patient.
FACTUAL: frozenset[str] = frozenset({"present", "historical"})

Procedure = Literal["resection", "excision", "core_biopsy", "fine_needle_aspiration", "other"]


class Finding(BaseModel):
    path: str = Field(description="profile path, e.g. 'receptors.er.percent', or 'medications' for an item")
    value: Any
    evidence: list[Evidence] = Field(description="evidence of the value as a whole")
    #: For list items only: evidence per leaf of the item, keyed by its path inside the item.
    leaf_evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    assertion: Assertion = "present"
    #: The specimen / part label the finding belongs to ("A", "B"), when the report has several.
    specimen: str | None = None
    #: The side the finding is about, when the text says so.
    laterality: Literal["left", "right"] | None = None
    #: The procedure of the specimen (resection beats core biopsy for size and pT).
    procedure: Procedure | None = None
    #: Stated as a revision ("Revised pathologic stage: pT1c pN0(i+)", "amended to"): it ranks first
    #: among the document's readings of its path (`extract.specimens.order_findings`).
    revises: bool = False
    #: The date a history line opens with ("- 07/15/2026: biopsy of L2: ER 90%", "2019: right breast
    #: IDC"), as ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY": of two dated readings in one document the
    #: later ranks first (`extract.specimens.order_findings`).
    line_date: str | None = None

    @property
    def is_fact(self) -> bool:
        return self.assertion in FACTUAL


class DocumentFacts(BaseModel):
    """Everything read from one document."""

    summary: DocumentSummary
    findings: list[Finding] = Field(default_factory=list)

    def facts(self) -> list[Finding]:
        return [f for f in self.findings if f.is_fact]
