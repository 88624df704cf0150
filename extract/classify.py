"""What kind of record a document is, and its date.

`classify_document(document, analyzed_pages) -> (kind, date)`; kinds are the contract's
`DocumentKind`: pathology, addendum, clinic_note, lab, imaging, genetics, medication_list, other.
Cues and weights are data (`rules/document_kinds.json`); the date grammar and the labels that
date each kind are in `rules/dates.json` (see `extract.dates`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Protocol

import regex
from pydantic import BaseModel, Field, field_validator

from extract.alternatives import AlternativesScanner
from extract.dates import document_date
from extract.line_starts import line_starts, matches_at_line_starts
from extract.models import DocumentKind
from extract.vocab import load_json
from extract.word_index import WORDS
from ingest.models import Document

RULES_DIR = Path(__file__).parent / "rules"


class KindCue(BaseModel):
    id: str
    pattern: str
    weight: float
    multiline: bool = False
    #: Lower-case words of which one must occur in the text for the cue to be tried (a fast filter).
    requires: list[str] = Field(default_factory=list)
    #: False for body words that a header may hold in any kind of document.
    header_boost: bool = True
    #: At most this many matches count (words that any kind of record may repeat); None: all.
    max_hits: int | None = Field(None, ge=1)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"pattern {pattern!r} is not a valid regex: {exc}") from exc
        return pattern

    @cached_property
    def regex(self) -> regex.Pattern[str]:
        # The `regex` package (compatible with `re` for these patterns) scans these cues in about
        # 60 % of the time `re` takes: classification ran at 2.3 ms a 3,500-character report.
        return regex.compile(self.pattern, regex.IGNORECASE | (regex.MULTILINE if self.multiline else 0))

    @cached_property
    def scanner(self) -> AlternativesScanner:
        """The pattern scanned as its alternatives (see `extract.alternatives`): 2-3 times faster."""
        return AlternativesScanner(self.regex)

    @cached_property
    def line_anchored(self) -> bool:
        """Whether every match starts a line: then only line starts are tried (see `_cue_matches`)."""
        return self.multiline and self.pattern.startswith("^")


class KindRule(BaseModel):
    kind: DocumentKind
    cues: list[KindCue] = Field(min_length=1)


class KindRules(BaseModel):
    version: str
    comment: str = ""
    header_chars: int = Field(gt=0)
    #: The header ends before the first line longer than this (prose is not a letterhead or title).
    header_line_max: int = Field(gt=0)
    header_boost: float = Field(ge=1)
    min_score: float = Field(gt=0)
    kinds: list[KindRule]


@lru_cache(maxsize=1)
def kind_rules() -> KindRules:
    rules: KindRules = load_json("document_kinds.json", KindRules, RULES_DIR)  # type: ignore[assignment]
    WORDS.register(w for rule in rules.kinds for cue in rule.cues for w in cue.requires)
    return rules


class _HasText(Protocol):
    text: str


def kind_scores(text: str) -> dict[str, float]:
    """Each kind's score for a document's text (for reading why a kind was chosen)."""
    rules = kind_rules()
    scores: dict[str, float] = {}
    present = WORDS.present(text)
    header_end = _header_end(text, rules)
    starts = line_starts(text)
    for rule in rules.kinds:
        score = 0.0
        for cue in rule.cues:
            if cue.requires and present.isdisjoint(cue.requires):
                continue
            for hits, m in enumerate(_cue_matches(cue, text, starts), start=1):
                in_header = cue.header_boost and m.start() < header_end
                score += cue.weight * (rules.header_boost if in_header else 1)
                if cue.max_hits is not None and hits >= cue.max_hits:
                    break
        scores[rule.kind] = score
    return scores


def _cue_matches(cue: KindCue, text: str, starts: list[int]) -> Iterator[regex.Match[str]]:
    """The cue's matches, as `finditer` gives them; a line-anchored cue is tried at line starts only."""
    if cue.line_anchored:
        return matches_at_line_starts(cue.regex, text, starts)
    return cue.scanner.finditer(text)


def _header_end(text: str, rules: KindRules) -> int:
    """Where the document's header ends: its leading short lines (letterhead, title, labels),
    within the first `header_chars` characters. A clinic note that mentions "germline testing" in
    its first sentence has not got that for a title. Text without line structure (OCR output run
    into one line) has no header to tell apart: its first `header_chars` characters count."""
    end = 0
    for line in text[: rules.header_chars].splitlines(keepends=True):
        if len(line.strip()) > rules.header_line_max:
            return end or rules.header_chars
        end += len(line)
    return min(end, rules.header_chars)


@lru_cache(maxsize=16)
def classify_text(text: str) -> DocumentKind:
    """The kind of a text (remembered for the last few texts: a page is classified for its
    diagnosis date and again, as the whole of a one-page document, for the document)."""
    scores = kind_scores(text)
    kind, best = max(scores.items(), key=lambda kv: kv[1])
    return kind if best >= kind_rules().min_score else "other"  # type: ignore[return-value]


def classify_document(document: Document, analyzed_pages: Sequence[_HasText] = ()) -> tuple[DocumentKind, date | None]:
    """The document's kind and date (None when no date is written in it)."""
    pages = analyzed_pages or [p for p in document.pages if p.error is None]
    texts = [p.text for p in pages]
    kind = classify_text("\n".join(texts))
    found = document_date(texts, kind)
    return kind, (found[1].value if found else None)
