"""OCR's glyph sequences for a sign, read as the sign on OCR pages: "80°/o" is 80 %.

Tesseract reads a small "%" as a degree sign, a slash and an o ("°/o", "º/0"). On an OCR page the
reading view (what the extractors read) holds the sign in its place, padded with spaces to the
same length so every offset stays the page's; evidence is cut from the page text, so it shows what
was printed, whole (`glyph_span`, used by `AnalyzedPage.evidence`), with the reading on its
correction ("°/o->%").
"""

from __future__ import annotations

import re


#: Glyph sequence -> the sign it stands for.
GLYPHS = {"°/o": "%", "°/0": "%", "º/o": "%", "º/0": "%"}
_GLYPH = re.compile("|".join(re.escape(g) for g in GLYPHS))


def read_glyphs(reading: str) -> str:
    """The reading with each glyph sequence replaced by its sign and spaces (same length)."""
    if "/" not in reading:
        return reading
    return _GLYPH.sub(lambda m: GLYPHS[m.group()].ljust(len(m.group())), reading)


def glyph_span(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    """The span [start, end) of `text` grown over every glyph sequence it touches ("80°" of "80°/o"
    was the sign's one character in the reading), and the readings made ("°/o->%"), if any."""
    if "/" not in text[start:end + 2]:
        return start, end, None
    found = []
    for m in _GLYPH.finditer(text, max(0, start - 2), end + 2):
        if m.start() < end and m.end() > start:
            start, end = min(start, m.start()), max(end, m.end())
            found.append(f"{m.group()}->{GLYPHS[m.group()]}")
    return start, end, "; ".join(dict.fromkeys(found)) or None
