"""Statements: sentences as the clinical field extractors read them.

The pipeline's sentences (`extract.pipeline`) already join prose wrapped over several lines
("resumed at 400 mg on\\n03/18/2024") and keep synoptic "Label: value" lines, bullets and
numbered items apart. A statement is such a sentence, split again where the tokenizer glued a
sentence end to an initial ("vitamin D. Dental"), and cut into pieces of at most
MAX_STATEMENT_CHARS. Offsets are into the page text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from extract.analysis import AnalyzedPage

#: A sentence end the tokenizer glued to an initial ("vitamin D. Dental"): split there.
#: (The point first, then what stands before it: the look-behinds run at points only, not at every character.)
_INNER_END = re.compile(r"\.(?<=[\w)%]\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bvs\.)(?<!\bSt\.)(?<!\bNo\.)"
                        r"(?<!\bapprox\.)(?<!\b[Tt]ab\.)(?<!\b[Cc]ap\.)(?<!\b[Ii]nj\.)(?<!\bTAB\.)(?<!\bCAP\.)(?<!\bINJ\.)"
                        r"(?<!\bT\.)"  # "Tab. Letrozole", "T. Letrozole"
                        r"[ \t]+(?=[A-Z][a-z])")
#: Real sentences are far shorter; a longer run of text (a hostile page without full stops) is cut
#: into pieces, which keeps the field extractors' look-backs within a statement linear.
MAX_STATEMENT_CHARS = 2000


def statements(page: AnalyzedPage) -> list[tuple[int, int]]:
    """Every statement of the page, in order (cached on the page)."""
    cached = page.cache.get("clinical.statements")
    if cached is not None:
        return cached[0]
    text = page.text
    bounds = [page.sentence_at(0)] if text else []
    while bounds and bounds[-1][1] < len(text):
        nxt = bounds[-1][1]
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            break
        span = page.sentence_at(nxt)
        if span[1] <= bounds[-1][1]:
            break
        bounds.append((max(span[0], bounds[-1][1]), span[1]))
    bounds = _rejoin_dotted_abbreviations(text, bounds)
    split: list[tuple[int, int]] = []
    for start, end in bounds:
        for m in _INNER_END.finditer(text, start, end):
            split.append((start, m.start() + 1))
            start = m.end()
        split.append((start, end))
    joined = [piece for start, end in split for piece in _capped(text, start, end)]
    page.cache["clinical.statements"] = (joined, [s for s, _ in joined])
    return joined


#: A sentence "ending" in a dotted abbreviation ("b.d.", "p.o.", "t.d.s.") whose next word is in
#: lower case: the tokenizer's sentence end is no sentence end ("300 mg b.d. days 1-14 of 21").
_DOTTED_END = re.compile(r"(?<![\w.])(?:[a-z]\.){2,3}$", re.I)
_LOWER_START = re.compile(r"[a-z0-9(]")
#: A month abbreviated with a dot, then a day or year ("finished Sept. 2023", "Jan. 5, 2024").
_MONTH_END = re.compile(r"\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$", re.I)
_DIGIT_START = re.compile(r"\d")


def _rejoin_dotted_abbreviations(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in bounds:
        if out and "\n" not in text[out[-1][1]:start] and (
                (_LOWER_START.match(text, start) and _DOTTED_END.search(text, out[-1][0], out[-1][1]))
                or (_DIGIT_START.match(text, start) and _MONTH_END.search(text, out[-1][0], out[-1][1]))):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_STATEMENT_CHARS, cut after a space where there is one."""
    pieces = []
    while end - start > MAX_STATEMENT_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_STATEMENT_CHARS) + 1 or start + MAX_STATEMENT_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def statement_at(page: AnalyzedPage, offset: int) -> tuple[int, int]:
    """(start, end) of the statement that holds `offset`."""
    spans = statements(page)
    if not spans:
        return (0, len(page.text))
    starts = page.cache["clinical.statements"][1]
    return spans[max(0, bisect_right(starts, offset) - 1)]


#: Sections that never hold a clinical fact (a specimen's gross description): not scanned.
_NOT_CLINICAL = frozenset({"gross"})


def clinical_segments(page: AnalyzedPage) -> list[tuple[int, int]]:
    """(start, end) of the page's text that the clinical field extractors scan: all of it but the
    gross description of specimens (half of a resection report's text, and never a medication, a
    lab value, a gene result or a metastasis of this patient)."""
    from extract.fields.base import segments

    return segments(page, _NOT_CLINICAL)


def section_at(page: AnalyzedPage, offset: int) -> str | None:
    """The page's section at `offset` (a family-history or allergy section ends at the next line
    that looks like a header: see `extract.pipeline.PageSectionizer`)."""
    return page.section_at(offset)


def assertion_at(page: AnalyzedPage, start: int, end: int):
    """`AnalyzedPage.assertion`, with the section read by `section_at` above."""
    from extract.context import combine

    return combine(page.modifiers_of(start, end), section_at(page, start))


def names_relative(page: AnalyzedPage, start: int, end: int) -> bool:
    """Whether text[start:end] names a relative ("mother", "sister's", "maternal aunt", "family")."""
    from extract.rules import grammar

    rule = grammar("clinical")["clinical.exclude.family"]
    return next(iter(rule.finditer(page.text, page.is_ocr, start, end)), None) is not None
