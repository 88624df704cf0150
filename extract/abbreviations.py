"""Short forms a document defines, and where they are used: "ribociclib (RIB) ... RIB was held".

scispaCy's abbreviation detector (Schwartz & Hearst, 2003) runs in the page pipeline over the
parentheses that may hold a definition (`extract.pipeline.definition_candidates`). Its definitions
are noisy ("CM" -> "COMMENT"), so a definition is used only where a vocabulary knows its long form:
the medication, lab and marker extractors each take a short form whose long form is one of their
drugs, labs or markers and which is not already one of their own terms (`defined_terms`).

A use (`uses`) is the short form written as a whole word, in the case it was defined, anywhere on a
page of the document except in its own definition. Its evidence is on the short form as written,
with the expansion in the evidence's `correction` ("RIB->ribociclib").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from extract.analysis import AnalyzedPage

T = TypeVar("T")


@dataclass(frozen=True)
class Abbreviation:
    """One definition: the short form, its long form, and where both are written."""

    short: str
    #: The long form with its whitespace collapsed ("absolute neutrophil count").
    long: str
    page: int
    long_start: int
    long_end: int
    #: The short form written in the definition itself (not a use).
    short_start: int
    short_end: int

    @property
    def correction(self) -> str:
        """How the evidence of a use records the expansion: "RIB->ribociclib"."""
        return f"{self.short}->{self.long}"


def page_definitions(page: "AnalyzedPage") -> dict[str, Abbreviation]:
    """The short forms the page defines (the first definition of each), from `doc._.abbreviations`
    (the short form of each definition, with its `long_form`; see `extract.pipeline.PageAbbreviations`)."""
    out: dict[str, Abbreviation] = {}
    for short in sorted(getattr(page.doc._, "abbreviations", None) or [], key=lambda s: s._.long_form.start_char):
        long_form = short._.long_form
        if not short.text.strip() or short.text in out:
            continue
        l_start, l_end = long_form.start_char, long_form.end_char
        out[short.text] = Abbreviation(short.text, " ".join(page.text[l_start:l_end].split()), page.page.number,
                                       l_start, l_end, short.start_char, short.end_char)
    return out


def defined_terms(page: "AnalyzedPage", accept: Callable[[Abbreviation], T | None]) -> list[tuple[Abbreviation, T]]:
    """The document's definitions that `accept` turns into a vocabulary entry (None: not one)."""
    out = []
    for abbreviation in page.defined_abbreviations().values():
        value = accept(abbreviation)
        if value is not None:
            out.append((abbreviation, value))
    return out


def uses(page: "AnalyzedPage", abbreviation: Abbreviation, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Character spans of the short form written as a whole word in page.text[start:end], other
    than the definition's own."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(abbreviation.short) + r"(?![\w-])")
    for m in pattern.finditer(page.text, start, len(page.text) if end is None else end):
        if page.page.number == abbreviation.page and m.start() == abbreviation.short_start:
            continue
        yield m.span()
