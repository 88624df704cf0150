"""Statements: sentences as the clinical field extractors read them, with wrapped lines joined.

The pipeline's sentences start at every line break (so that synoptic "Label: value" lines stay
apart). Narrative text from a PDF or OCR is wrapped at the page margin, so one sentence runs over
several lines ("resumed at 400 mg on\\n03/18/2024"). `statement_at` joins a pipeline sentence
with the lines it wraps onto: the next line continues it when the sentence does not end in
punctuation and the next line starts in lower case or with a digit, or the sentence ends on a
word that cannot end one ("and", "with", "of", a comma). Bullets, numbered items and headers
always start a new statement. Offsets are into the page text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from extract.analysis import AnalyzedPage

_ENDS = re.compile(r"[.;:!?]\s*$")
_OPEN_END = re.compile(r"(?:,|\(|-|\b(?:and|or|with|of|to|at|on|in|for|the|a|an|by|from|than|was|were|is|are|her|his|after|before|per|x))\s*$", re.I)
_CONTINUES = re.compile(r"\s*(?:[a-z0-9(]|mg\b|x10)")
#: A sentence end the tokenizer glued to an initial ("vitamin D. Dental"): split there.
_INNER_END = re.compile(r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bvs)(?<!\bSt)(?<!\bNo)(?<!\bapprox)"
                        r"(?<=[\w)%])\.[ \t]+(?=[A-Z][a-z])")
_NEW_ITEM = re.compile(r"\s*(?:[-•*]\s|\d{1,2}[.)]\s|[A-Z][A-Z /&]{2,}:|[A-Z][\w /&-]{0,40}:\s*$)")


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
    split: list[tuple[int, int]] = []
    for start, end in bounds:
        for m in _INNER_END.finditer(text, start, end):
            split.append((start, m.start() + 1))
            start = m.end()
        split.append((start, end))
    joined: list[tuple[int, int]] = []
    for start, end in split:
        if joined and _continues(text, joined[-1], start):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    page.cache["clinical.statements"] = (joined, [s for s, _ in joined])
    return joined


def _continues(text: str, previous: tuple[int, int], start: int) -> bool:
    gap = text[previous[1]:start]
    if "\n" not in gap and not text[previous[0]:previous[1]].endswith("\n"):
        return False  # the pipeline split inside a line: a real sentence end
    body = text[previous[0]:previous[1]]
    line_end = text.find("\n", start)
    line = text[start:len(text) if line_end < 0 else line_end]
    if not body.strip() or _ENDS.search(body) or _NEW_ITEM.match(line) or "\n\n" in text[previous[1] - 1:start + 1]:
        return False
    return bool(_CONTINUES.match(line) or _OPEN_END.search(body))


def statement_at(page: AnalyzedPage, offset: int) -> tuple[int, int]:
    """(start, end) of the statement that holds `offset`."""
    spans = statements(page)
    if not spans:
        return (0, len(page.text))
    starts = page.cache["clinical.statements"][1]
    return spans[max(0, bisect_right(starts, offset) - 1)]


#: Sections that turn facts off (a relative's history, an allergy list). An unknown header after
#: them ("Performance status") ends them for the clinical fields, so a line such as "ECOG 0" under
#: it is not read as family history.
_CLOSABLE = frozenset({"family_history", "allergies"})
_HEADING_LINE = re.compile(r"\n[ \t]*[A-Z][A-Za-z /&()-]{2,48}:?[ \t]*(?=\n)")


def section_at(page: AnalyzedPage, offset: int) -> str | None:
    """The page's section at `offset`, except that a family-history or allergy section ends at
    the next line that looks like a header, even one the section rules do not know."""
    section = page.section_at(offset)
    if section not in _CLOSABLE:
        return section
    header = max((start for start, name in page.sections() if start <= offset), default=0)
    header_line_end = page.text.find("\n", header)
    if header_line_end < 0 or header_line_end >= offset:
        return section
    return None if _HEADING_LINE.search(page.text, header_line_end, offset) else section


def assertion_at(page: AnalyzedPage, start: int, end: int):
    """`AnalyzedPage.assertion`, with the section read by `section_at` above."""
    from extract.context import combine

    return combine(page.modifiers_of(start, end), section_at(page, start))


def names_relative(page: AnalyzedPage, start: int, end: int) -> bool:
    """Whether text[start:end] names a relative ("mother", "sister's", "maternal aunt", "family")."""
    from extract.rules import grammar

    rule = grammar("clinical")["clinical.exclude.family"]
    return next(iter(rule.finditer(page.text, page.is_ocr, start, end)), None) is not None
