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

Offsets are character offsets into `page.text`. Nothing here logs record text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from extract.context import combine
from extract.findings import Assertion
from extract.models import Evidence
from extract.pipeline import build_nlp
from ingest.models import Page


@dataclass
class AnalyzedPage:
    document_id: str
    page: Page
    doc: Doc
    #: Per-page memo for extractors (specimen parts, ...), so shared work is done once per page.
    cache: dict = field(default_factory=dict, repr=False)
    _sent_bounds: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _sections: list[tuple[int, str | None]] = field(default_factory=list, repr=False)
    _section_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sent_bounds = [(s.start_char, s.end_char) for s in self.doc.sents] if len(self.doc) else []
        self._sent_starts = [b[0] for b in self._sent_bounds]
        sections: list[tuple[int, str | None]] = []
        for section in getattr(self.doc._, "sections", None) or []:
            start = self.doc[section.title_start].idx if section.title_start < len(self.doc) else len(self.text)
            sections.append((start, section.category))
        self._sections = sections
        self._section_starts = [s[0] for s in sections]

    @property
    def text(self) -> str:
        return self.page.text

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

    def abbreviations(self) -> dict[str, str]:
        """Short forms the page defines ("IDC" -> "invasive ductal carcinoma"), from scispaCy."""
        out: dict[str, str] = {}
        for short in getattr(self.doc._, "abbreviations", None) or []:
            out.setdefault(short.text, short._.long_form.text)
        return out

    def modifiers_of(self, start: int, end: int) -> list[str]:
        """ConText categories of the modifiers whose scope covers the characters [start, end)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        graph = getattr(self.doc._, "context_graph", None)
        if span is None or not len(span) or graph is None:
            return []
        out = []
        for m in graph.modifiers:
            m_start, m_end = m.modifier_span
            # A modifier inside the mention is part of it ("ER: negative" is a value, not a
            # negation); medspaCy's own overlap test misses a modifier strictly inside the span.
            if m_start < span.end and span.start < m_end:
                continue
            if m.modifies(span):
                out.append(m.category)
        return out

    def assertion(self, start: int, end: int) -> Assertion:
        """Whether the mention at [start, end) is a fact about this patient (see module docstring)."""
        return combine(self.modifiers_of(start, end), self.section_at(start))

    def evidence(self, start: int, end: int, rule: str, correction: str | None = None,
                 confidence: float | None = None) -> Evidence:
        """Evidence for page.text[start:end] (start/end clamped to the text)."""
        n = len(self.text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        return Evidence(
            document=self.document_id,
            page=self.page.number,
            start=start,
            end=end,
            text=self.text[start:end],
            source=self.page.source,
            confidence=confidence,
            rule=rule,
            correction=correction,
        )


def analyze_page(document_id: str, page: Page) -> AnalyzedPage:
    """Run the pipeline (built once per process) over one page."""
    return AnalyzedPage(document_id=document_id, page=page, doc=build_nlp()(page.text))
