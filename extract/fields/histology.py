"""Histology and its ICD-O-3 code, from the vocabulary `extract/vocab/histology.json`.

Types are tried in file order and the first type whose pattern matches a span claims it (mixed
ductal/lobular before ductal and lobular; in situ before invasive, so "ductal carcinoma in situ"
is never read as ductal carcinoma). Invasive types carry more confidence than in situ ones, so
that the index cancer's invasive histology comes first when both are stated.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from extract.analysis import AnalyzedPage
from extract.fields.base import make_finding, segments
from extract.findings import Finding
from extract.models import Histology
from extract.specimens import part_at
from extract.rules import TIMEOUT_S
from extract.vocab import load_json

_CODE = r"^\d{4}/[0-3]$"


class HistologyPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str
    confidence: float | None = Field(None, ge=0, le=1)


class HistologyType(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^histology\.[a-z0-9-]+$")
    value: Histology
    code: str | None = Field(None, pattern=_CODE)
    invasive: bool
    confidence: float = Field(0.9, ge=0, le=1)
    patterns: list[HistologyPattern | str] = Field(min_length=1)
    #: Lower-case words of which the page must hold one for the type's patterns to be tried (a
    #: fast filter; it must name a word every pattern of the type needs).
    requires: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _compile(self) -> "HistologyType":
        self._compiled: list[tuple[regex.Pattern, float]] = []
        for p in self.patterns:
            spec = p if isinstance(p, HistologyPattern) else HistologyPattern(pattern=p)
            try:
                self._compiled.append((regex.compile(spec.pattern, regex.IGNORECASE),
                                       spec.confidence if spec.confidence is not None else self.confidence))
            except regex.error as exc:
                raise ValueError(f"{self.id}: pattern does not compile: {exc}") from exc
        return self

    def compiled(self) -> list[tuple[regex.Pattern, float]]:
        return self._compiled


class HistologyVocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    sources: list[str] = Field(default_factory=list)
    notes: str | None = None
    types: list[HistologyType]

    @model_validator(mode="after")
    def _unique(self) -> "HistologyVocabulary":
        ids = [t.id for t in self.types]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate histology ids")
        return self


@lru_cache(maxsize=1)
def histology_vocabulary() -> HistologyVocabulary:
    return load_json("histology.json", HistologyVocabulary)  # type: ignore[return-value]


def mentions(page: AnalyzedPage) -> list[tuple[int, int, HistologyType, float]]:
    """Every histology mention on the page: (start, end, type, confidence), in page order."""
    cached = page.cache.get("histology")
    if cached is not None:
        return cached
    taken = bytearray(len(page.text))  # 1 where an earlier type claimed the character
    found: list[tuple[int, int, HistologyType, float]] = []
    lowered = page.text.lower()
    for htype in histology_vocabulary().types:
        if htype.requires and not any(w in lowered for w in htype.requires):
            continue
        for pattern, conf in htype.compiled():
            try:
                for m in (m for a, b in segments(page) for m in pattern.finditer(page.text, a, b, timeout=TIMEOUT_S)):
                    s, e = m.span()
                    if s == e or taken.find(1, s, e) >= 0:
                        continue
                    taken[s:e] = b"\x01" * (e - s)
                    found.append((s, e, htype, conf))
            except TimeoutError:
                continue
    found.sort(key=lambda x: x[0])
    page.cache["histology"] = found
    return found


_BREAST = regex.compile(r"\b(?:breast|mammary)\b", regex.IGNORECASE)


def extract_histology(page: AnalyzedPage) -> Iterator[Finding]:
    site_done = False
    for start, end, htype, conf in mentions(page):
        finding = make_finding(page, "diagnosis.histology", htype.value, (start, end), htype.id, confidence=conf)
        yield finding
        if htype.code:
            code = finding.model_copy(deep=True)
            code.path, code.value = "diagnosis.histology_code", htype.code
            yield code
        if not site_done and finding.is_fact:
            # Primary site: the word "breast" in the mention's sentence or its specimen header.
            s0, s1 = page.sentence_at(start)
            part = part_at(page, start)
            for lo, hi in ((s0, s1), (part.start, part.end) if part else (0, 0)):
                m = _BREAST.search(page.text, lo, hi)
                if m:
                    yield make_finding(page, "diagnosis.primary_site", "breast", m.span(), "histology.primary-site",
                                       confidence=0.9)
                    site_done = True
                    break
