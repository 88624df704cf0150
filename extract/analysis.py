"""One page, analysed once: text, spaCy doc, sentences, sections and context, for every field extractor.

Interface (agreed in notes/interfaces.md; field extractors of every engineer build on it):

    analyze_page(document_id: str, page: ingest.models.Page) -> AnalyzedPage

    AnalyzedPage.document_id, .page (the ingest Page), .text (== page.text), .is_ocr, .doc (spaCy Doc)
    AnalyzedPage.sentence_at(offset) -> (start, end)      character span of the sentence holding offset
    AnalyzedPage.section_at(offset) -> str | None         normalised section name ("final_diagnosis",
        "addendum", "microscopic", "gross", "clinical_history", "medications", "assessment_plan",
        "family_history", "impression", "findings", "labs", "synoptic", "comment", ...; None before
        the first header)
    AnalyzedPage.assertion(start, end) -> Assertion      ConText + section: "present", "historical",
        "negated", "hypothetical", "family" or "possible"
    AnalyzedPage.evidence(start, end, rule, correction=None, confidence=None) -> extract.models.Evidence
        with text == page.text[start:end] and the page's source ("text-layer" or "ocr")
    AnalyzedPage.abbreviations() -> {short form: long form}   short forms defined in the page's
        document (scispaCy's detector); `.defined_abbreviations()` gives where each is written
        (extract.abbreviations.Abbreviation)

Offsets are character offsets into `page.text`. Nothing here logs record text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from extract.abbreviations import Abbreviation
from extract.context import combine, gross_end_regex
from extract.findings import Assertion
from extract.furniture import reading_view
from extract.models import Evidence
from extract.ocr_respell import mended, mended_span, mends
from extract.pipeline import build_nlp, run_context
from ingest.models import Page


#: Sentences longer than this (characters) are judged in a window of _WINDOW characters each side.
_LONG_SENTENCE = 300
_WINDOW = 120


@dataclass
class AnalyzedPage:
    document_id: str
    page: Page
    doc: Doc
    #: Per-page memo for extractors (specimen parts, ...), so shared work is done once per page.
    cache: dict = field(default_factory=dict, repr=False)
    #: Abbreviations the other pages of the document define (see `defined_abbreviations()`).
    document_definitions: dict = field(default_factory=dict, repr=False)
    #: Every analysed page of the same document, this one included (set by `read_document`), for
    #: the few judgements made over the whole document; empty when the page is read alone.
    document_pages: list = field(default_factory=list, repr=False)
    _sent_bounds: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _sections: list[tuple[int, str | None]] = field(default_factory=list, repr=False)
    _section_starts: list[int] = field(default_factory=list, repr=False)
    _context_cache: dict = field(default_factory=dict, repr=False)
    #: The page text with its furniture (running headers, page numbers) blanked to spaces, same
    #: length (`extract.furniture`): what `.text` gives the extractors. Evidence cuts `page.text`.
    reading: str | None = field(default=None, repr=False)
    #: On an OCR page, the misread words and glyphs the reading holds as spelled: (start, end,
    #: printed, read) (`extract.ocr_respell`); evidence that touches one takes it whole.
    ocr_mends: list = field(default_factory=list, repr=False)
    _mend_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sent_bounds = _sentence_bounds(self.doc)
        self._sent_starts = [b[0] for b in self._sent_bounds]
        sections: list[tuple[int, str | None]] = []
        for section in getattr(self.doc._, "sections", None) or []:
            start = self.doc[section.title_start].idx if section.title_start < len(self.doc) else len(self.text)
            sections.append((start, section.category))
        self._sections = _end_gross_at_results(self.text, sections)
        self._section_starts = [s[0] for s in self._sections]
        self._mend_starts = [m[0] for m in self.ocr_mends]

    @property
    def text(self) -> str:
        return self.page.text if self.reading is None else self.reading

    @property
    def is_ocr(self) -> bool:
        return self.page.source == "ocr"

    @property
    def source(self) -> str:
        return self.page.source

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """Character span (start, end) of the sentence that holds `offset` (clamped to the text)."""
        if not self._sent_bounds:
            return (0, len(self.text))
        i = max(0, bisect_right(self._sent_starts, offset) - 1)
        return self._sent_bounds[i]

    def section_at(self, offset: int) -> str | None:
        """Normalised name of the section that holds `offset`; None before the first header."""
        i = bisect_right(self._section_starts, offset) - 1
        if i < 0:
            return None
        return self._sections[i][1]

    def sections(self) -> list[tuple[int, str | None]]:
        """(start offset, section name) of every section, in page order."""
        return list(self._sections)

    def definitions(self) -> dict[str, "Abbreviation"]:
        """Short forms this page defines ("ANC" -> "absolute neutrophil count"), from scispaCy's
        detector in the page pipeline: the first definition of each, with where it is written."""
        cached = self.cache.get("abbreviations.page")
        if cached is None:
            from extract.abbreviations import page_definitions

            cached = self.cache["abbreviations.page"] = page_definitions(self)
        return cached

    def defined_abbreviations(self) -> dict[str, "Abbreviation"]:
        """Short forms defined in this page's document: the page's own, then those the other pages
        define (`document_definitions`, set by `extract.document.read_document`)."""
        return {**self.document_definitions, **self.definitions()}

    def abbreviations(self) -> dict[str, str]:
        """Short form -> long form of every abbreviation defined in the page's document."""
        return {short: a.long for short, a in self.defined_abbreviations().items()}

    def modifiers_of(self, start: int, end: int) -> list[str]:
        """ConText categories of the modifiers whose scope covers the characters [start, end).

        ConText's scope is the sentence, so it runs on each sentence the span touches (cached per
        sentence), which gives what a whole-page run would. Run-on OCR text can make a "sentence"
        of a thousand characters; there it runs on the 120 characters either side of the span."""
        out: list[str] = []
        # OCR drops the space after a "No" ("NOLYMPHOVASCULAR INVASION"): a "no" glued to the start of
        # the mention negates it (OCR pages only; ConText sees one token).
        if self.is_ocr and start >= 2 and self.text[start:start + 1].isalpha() \
                and _GLUED_NO.search(self.text, max(0, start - 3), start):
            out.append("NEGATED_EXISTENCE")
        for i in self._sentence_indices(start, end):
            s0, s1 = self._sent_bounds[i]
            w0, w1 = max(start, s0), min(end, s1)
            if s1 - s0 > _LONG_SENTENCE:
                s0, s1 = self._window(s0, s1, w0, w1)
            graph, doc = self._context(s0, s1)
            if graph is None:
                continue
            span = doc.char_span(w0 - s0, w1 - s0, alignment_mode="expand")
            if span is None or not len(span):
                continue
            for m in graph.modifiers:
                m_start, m_end = m.modifier_span
                # A modifier inside the mention is part of it ("ER: negative" is a value, not a
                # negation); medspaCy's own overlap test misses a modifier strictly inside the span.
                if m_start < span.end and span.start < m_end:
                    continue
                # A trigger inside a parenthetical ("HER2 score 0 (no staining), Ki-67 8 %") speaks
                # of what the parenthesis qualifies, not of what follows it.
                if _closes_before(doc.text, doc[m_start:m_end].start_char, span.start_char):
                    continue
                if _other_cell(doc.text, doc[m_start].idx, span.start_char, span.end_char):
                    continue
                if m.modifies(span):
                    out.append(m.category)
        return out

    def _window(self, s0: int, s1: int, w0: int, w1: int) -> tuple[int, int]:
        # Window edges on a 40-character grid, so nearby mentions share one ConText run.
        lo = max(s0, s0 + (w0 - _WINDOW - s0) // 40 * 40)
        hi = min(s1, s0 + -(-(w1 + _WINDOW - s0) // 40) * 40)
        # Snap to whitespace so no word is cut.
        while lo > s0 and not self.text[lo - 1].isspace():
            lo -= 1
        while hi < s1 and not self.text[hi].isspace():
            hi += 1
        return lo, hi

    def _sentence_indices(self, start: int, end: int) -> range:
        if not self._sent_bounds:
            return range(0)
        first = max(0, bisect_right(self._sent_starts, start) - 1)
        last = max(first, bisect_right(self._sent_starts, max(start, end - 1)) - 1)
        return range(first, last + 1)

    def _context(self, s0: int, s1: int):
        cached = self._context_cache.get((s0, s1))
        if cached is None:
            doc = run_context(self.text[s0:s1])
            cached = (None, None) if doc is None else (doc._.context_graph, doc)
            self._context_cache[(s0, s1)] = cached
        return cached

    def assertion(self, start: int, end: int) -> Assertion:
        """Whether the mention at [start, end) is a fact about this patient (see module docstring)."""
        return combine(self.modifiers_of(start, end), self.section_at(start))

    def evidence(self, start: int, end: int, rule: str, correction: str | None = None,
                 confidence: float | None = None) -> Evidence:
        """Evidence for page.text[start:end] (start/end clamped to the text), furniture included."""
        n = len(self.page.text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if self.ocr_mends:  # OCR's "diarneter", "80°/o": the whole misreading, and its reading (`extract.ocr_respell`)
            start, end, read = mended_span(self.ocr_mends, self._mend_starts, start, end)
            if read:  # after the extractor's own readings, each once
                readings = dict.fromkeys([*(correction or "").split("; "), *read.split("; ")])
                correction = "; ".join(r for r in readings if r)
        return Evidence(
            document=self.document_id,
            page=self.page.number,
            start=start,
            end=end,
            text=self.page.text[start:end],
            source=self.page.source,
            confidence=confidence,
            rule=rule,
            correction=correction,
        )


#: A word "no" that ends where a mention starts, with no letter, digit or slash before it.
_GLUED_NO = re.compile(r"(?<![\w/])no\Z", re.IGNORECASE)


def _end_gross_at_results(text: str, sections: list[tuple[int, str | None]]) -> list[tuple[int, str | None]]:
    """A gross section ends where a result label opens a sentence in it ("Macroscopic description:
    ... Tumour 28 mm. Invasive tumour type: ...", a report whose result lines have no header of
    their own): the rest is a synoptic section."""
    pattern = gross_end_regex()
    if pattern is None:
        return sections
    out: list[tuple[int, str | None]] = []
    for i, (start, name) in enumerate(sections):
        out.append((start, name))
        if name == "gross":
            end = sections[i + 1][0] if i + 1 < len(sections) else len(text)
            m = pattern.search(text, start, end)
            if m is not None:
                out.append((m.start("label"), "synoptic"))
    return out


def _other_cell(text: str, trigger: int, start: int, end: int) -> bool:
    """Is the trigger at `trigger` in another cell of a table row than the mention [start, end)? A
    cell before the mention ("Not amplified | 30%"), or two bars or more after its start ("| PR |
    Negative | 0 % | internal control not present |"; "| DCIS | Not present |" is the label's own value)."""
    if trigger < start:
        return "|" in text[trigger:start]
    return text.count("|", start, trigger) >= 2


def _closes_before(text: str, trigger: int, target: int) -> bool:
    """Is the character at `trigger` inside a parenthesis that closes before `target`?"""
    if target <= trigger:
        return False
    depth = 0
    for i in range(trigger, target):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                return True
            depth -= 1
    return False


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of every sentence, as `doc.sents` gives them, read from the token
    arrays (iterating `doc.sents` walks every token twice and cost ~1 ms a page)."""
    if not len(doc):
        return []
    arr = doc.to_array([IDX, LENGTH, SENT_START])
    starts = numpy.flatnonzero(arr[:, 2] == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(doc)]
    idx, length = arr[:, 0], arr[:, 1]
    return [(int(idx[a]), int(idx[b - 1] + length[b - 1])) for a, b in zip(starts, ends)]


def analyze_page(document_id: str, page: Page, reading: str | None = None) -> AnalyzedPage:
    """Run the pipeline (built once per process) over one page's reading view (`reading`, else
    the page's own, `extract.furniture.reading_view`)."""
    if reading is None:
        reading = reading_view(page.text)
    found = mends(reading) if page.source == "ocr" else []  # "diarneter" read as diameter (`extract.ocr_respell`)
    reading = mended(reading, found)
    return AnalyzedPage(document_id=document_id, page=page, doc=build_nlp()(reading), reading=reading, ocr_mends=found)
