"""Histology and its ICD-O-3 code, from the vocabulary `extract/vocab/histology.json`.

Types are tried in file order and the first type whose pattern matches a span claims it (mixed
ductal/lobular before ductal and lobular; in situ before invasive, so "ductal carcinoma in situ"
is never read as ductal carcinoma). Invasive types carry more confidence than in situ ones, so
that the index cancer's invasive histology comes first when both are stated.

Patterns name the words OCR damages as `{CARCINOMA}`, `{DUCTAL}`, ...: on a page that holds a slip
("DUCTAI", "CARCI- NOMA") the tolerant forms are used and the reading is recorded on the evidence;
other pages run the words as spelled. An invasive carcinoma whose type is not stated gives no
histology (ductal is never assumed), and in its document (any page, when no page states a typed
invasive carcinoma) DCIS or LCIS is reported as the in-situ component (`diagnosis.in_situ_histology`), not as the cancer's histology.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from extract.alternatives import AlternativesScanner
from extract.analysis import AnalyzedPage
from extract.fields.base import make_finding, segments
from extract.findings import FACTUAL, Finding
from extract.models import Histology
from extract.specimens import part_at
from extract.rules import scan
from extract.vocab import load_json
from extract.word_index import WORDS

_CODE = r"^\d{4}/[0-3]$"


class HistologyPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str
    confidence: float | None = Field(None, ge=0, le=1)


class HistologyWord(BaseModel):
    """A word patterns name as `{NAME}`: its spelling and a form tolerant of OCR slips."""
    model_config = ConfigDict(extra="forbid")
    word: str = Field(pattern=r"^[a-z]+$")
    pattern: str

    @model_validator(mode="after")
    def _compile(self) -> "HistologyWord":
        try:
            self._compiled = regex.compile(self.pattern, regex.IGNORECASE)
        except regex.error as exc:
            raise ValueError(f"word {self.word}: pattern does not compile: {exc}") from exc
        if not self._compiled.fullmatch(self.word):
            raise ValueError(f"word {self.word}: its pattern does not match the word itself")
        return self

    def compiled(self) -> regex.Pattern:
        return self._compiled


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

    def compile(self, words: dict[str, HistologyWord]) -> None:
        # Two forms of each pattern: words as spelled (fast, literal prefixes) and words tolerant
        # of OCR slips, used only on pages that hold a slip (`HistologyVocabulary.has_slips`).
        # Each scanned as its alternatives, a page without their literals skipped (`extract.alternatives`).
        self._compiled: dict[bool, list[tuple[AlternativesScanner, float]]] = {False: [], True: []}
        for p in self.patterns:
            spec = p if isinstance(p, HistologyPattern) else HistologyPattern(pattern=p)
            conf = spec.confidence if spec.confidence is not None else self.confidence
            for tolerant in (False, True):
                try:
                    self._compiled[tolerant].append((AlternativesScanner(
                        regex.compile(_expand(spec.pattern, words, self.id, tolerant), regex.IGNORECASE)), conf))
                except regex.error as exc:
                    raise ValueError(f"{self.id}: pattern does not compile: {exc}") from exc

    def compiled(self, tolerant: bool = True) -> list[tuple[AlternativesScanner, float]]:
        return self._compiled[tolerant]


_WORD_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")


def _expand(pattern: str, words: dict[str, HistologyWord], owner: str, tolerant: bool = True) -> str:
    def one(m: regex.Match) -> str:
        if m.group(1) not in words:
            raise ValueError(f"{owner}: unknown word {{{m.group(1)}}}")
        word = words[m.group(1)]
        return f"(?:{word.pattern})" if tolerant else word.word
    return _WORD_REF.sub(one, pattern)


class UnspecifiedInvasive(BaseModel):
    """An invasive carcinoma whose type is not stated: no histology, but it demotes in-situ mentions."""
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^histology\.[a-z0-9-]+$")
    description: str | None = None
    patterns: list[str] = Field(min_length=1)


class HistologyVocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    sources: list[str] = Field(default_factory=list)
    notes: str | None = None
    words: dict[str, HistologyWord] = Field(default_factory=dict)
    unspecified_invasive: UnspecifiedInvasive | None = None
    #: Words right before a mention that make it a minor part of another carcinoma ("merging with a
    #: minor component of high grade invasive carcinoma NST" in a metaplastic carcinoma).
    minor_component: str | None = None
    types: list[HistologyType]

    @model_validator(mode="after")
    def _unique(self) -> "HistologyVocabulary":
        ids = [t.id for t in self.types]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate histology ids")
        for t in self.types:
            t.compile(self.words)
        # A slip is a word's tolerant form that does not end as the word is spelled.
        self._slips = [regex.compile(f"(?:{w.pattern})(?<!{w.word})", regex.IGNORECASE) for w in self.words.values()]
        self._minor = regex.compile(self.minor_component, regex.IGNORECASE) if self.minor_component else None
        self._unspecified: list[AlternativesScanner] = []
        if self.unspecified_invasive:
            try:
                self._unspecified = [AlternativesScanner(regex.compile(_expand(p, self.words, self.unspecified_invasive.id),
                                                                       regex.IGNORECASE))
                                     for p in self.unspecified_invasive.patterns]
            except regex.error as exc:
                raise ValueError(f"{self.unspecified_invasive.id}: pattern does not compile: {exc}") from exc
        return self

    def minor_component_before(self, text: str) -> bool:
        """Does `text` (what stands right before a mention) name the mention a minor component?"""
        return self._minor is not None and self._minor.search(text) is not None

    def unspecified_patterns(self) -> list[AlternativesScanner]:
        return self._unspecified

    def has_slips(self, text: str) -> bool:
        """Does `text` hold a word written other than as spelled (an OCR slip, a line-break hyphen)?"""
        return any(p.search(text) is not None for p in self._slips)

    def correction(self, text: str) -> str | None:
        """How OCR slips in `text` were read ("DUCTAI->DUCTAL; CARCI- NOMA->CARCINOMA"), or None."""
        out = []
        for w in self.words.values():
            for m in w.compiled().finditer(text):
                written = m.group(0)
                if written.lower() != w.word:
                    upper = sum(c.isupper() for c in written) > sum(c.islower() for c in written)
                    out.append(f"{' '.join(written.split())}->{w.word.upper() if upper else w.word}")
        return "; ".join(out) or None


@lru_cache(maxsize=1)
def histology_vocabulary() -> HistologyVocabulary:
    vocabulary: HistologyVocabulary = load_json("histology.json", HistologyVocabulary)  # type: ignore[assignment]
    WORDS.register(w for htype in vocabulary.types for w in htype.requires)
    return vocabulary


def mentions(page: AnalyzedPage) -> list[tuple[int, int, HistologyType, float]]:
    """Every histology mention on the page: (start, end, type, confidence), in page order."""
    cached = page.cache.get("histology")
    if cached is not None:
        return cached
    taken = bytearray(len(page.text))  # 1 where an earlier type claimed the character
    found: list[tuple[int, int, HistologyType, float]] = []
    vocabulary = histology_vocabulary()
    present = WORDS.present(page.text)
    tolerant = vocabulary.has_slips(page.text)
    for htype in vocabulary.types:
        if htype.requires and present.isdisjoint(htype.requires):
            continue
        for pattern, conf in htype.compiled(tolerant):
            try:
                for m in [m for a, b in segments(page) for m in scan(pattern, page.text, a, b)]:
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


def untyped_invasive_in_document(page: AnalyzedPage) -> bool:
    """Some page of the page's document states an invasive carcinoma without its type and none
    states a typed one: DCIS on page 2 is then the component of page 1's "Invasive carcinoma"."""
    pages = page.document_pages or [page]
    cached = page.cache.get("histology.untyped-document")
    if cached is None:
        typed = untyped = False
        for other in pages:
            found = mentions(other)
            if any(h.invasive and other.assertion(s, e) in FACTUAL for s, e, h, _ in found):
                typed = True
                break
            untyped = untyped or _untyped_on_page(other, found)
        cached = untyped and not typed
        for other in pages:
            other.cache["histology.untyped-document"] = cached
    return cached


def untyped_invasive(page: AnalyzedPage, found: list[tuple[int, int, HistologyType, float]]) -> bool:
    """The page states an invasive carcinoma without its type ("Invasive carcinoma, grade 2") and
    no typed invasive carcinoma: its in-situ mentions are then a component, not the histology."""
    if any(h.invasive and page.assertion(s, e) in FACTUAL for s, e, h, _ in found):
        return False
    return _untyped_on_page(page, found)


def _untyped_on_page(page: AnalyzedPage, found: list[tuple[int, int, HistologyType, float]]) -> bool:
    for pattern in histology_vocabulary().unspecified_patterns():
        try:
            for a, b in segments(page):
                for m in scan(pattern, page.text, a, b):
                    s, e = m.span()
                    if any(fs < e and s < fe for fs, fe, _, _ in found):
                        continue
                    # Judged on its last word too: "No invasive carcinoma" is one trigger ("no
                    # invasive") that overlaps the mention and so is not seen as negating it.
                    last = s + len(page.text[s:e].rstrip()) - len(page.text[s:e].split()[-1])
                    if page.assertion(s, e) in FACTUAL and page.assertion(last, e) in FACTUAL:
                        return True
        except TimeoutError:
            continue
    return False


_BREAST = regex.compile(r"\b(?:breast|mammary)\b", regex.IGNORECASE)
#: A side named with the organ right before or after a mention: "left breast invasive ductal
#: carcinoma", "invasive ductal carcinoma of the right mammary gland".
#: Also abbreviated ("R breast", "Lt. brst") and with a year or accession between ("R breast (2019): ILC").
_SIDE_BEFORE = regex.compile(r"\b(left|right|lt|rt|l|r)\.?\s+(?:breast|brst|mammary(?:\s+gland)?)\s*"
                             r"(?:\([^()\n]{0,20}\)\s*)?[,:]?\s*$", regex.IGNORECASE)
_SIDES = {"l": "left", "lt": "left", "left": "left", "r": "right", "rt": "right", "right": "right"}
_SIDE_AFTER = regex.compile(r"\s*,?\s*(?:of|in)\s+(?:the\s+)?(left|right)\s+(?:breast|mammary)\b", regex.IGNORECASE)


def _stated_side(page: AnalyzedPage, start: int, end: int) -> str | None:
    """The side the mention's own words give it, which beats the side of the part it sits in (a
    comment after the last part about the other breast's cancer)."""
    m = _SIDE_BEFORE.search(page.text, max(page.sentence_at(start)[0], start - 30), start) or \
        _SIDE_AFTER.match(page.text, end, min(len(page.text), end + 40))
    return _SIDES[m.group(1).lower()] if m else None


def extract_histology(page: AnalyzedPage) -> Iterator[Finding]:
    site_done = False
    found = mentions(page)
    in_situ_only_component = any(not h.invasive for _, _, h, _ in found) and untyped_invasive_in_document(page)
    vocabulary = histology_vocabulary()
    for start, end, htype, conf in found:
        if htype.invasive and vocabulary.minor_component_before(page.text[max(0, start - 60):start]) and any(
                h.invasive and h.value != htype.value for _, _, h, _ in found):
            continue  # a minor component of another invasive carcinoma the page names: not the tumour's type
        path = "diagnosis.histology"
        if in_situ_only_component and not htype.invasive:
            path = "diagnosis.in_situ_histology"
        finding = make_finding(page, path, htype.value, (start, end), htype.id, confidence=conf,
                               correction=histology_vocabulary().correction(page.text[start:end]),
                               laterality=_stated_side(page, start, end))
        yield finding
        if htype.code:
            # A copy with its own evidence list (a deep copy cost three times as much).
            code = finding.model_copy(update={"path": path + "_code", "value": htype.code,
                                              "evidence": [e.model_copy() for e in finding.evidence],
                                              "leaf_evidence": {k: list(v) for k, v in finding.leaf_evidence.items()}})
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
