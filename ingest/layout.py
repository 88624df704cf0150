"""Build a page's text from its words, so every word's offsets point at itself in the text.

Both the text layer and OCR deliver words grouped in lines; lines are joined with a newline and a
blank line marks a new paragraph, so later stages see the same shape whatever the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Typographic ligatures some PDF fonts emit as one character; later stages match plain letters.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st", "\x02": "-", "\u00ad": "-"})


@dataclass(slots=True)
class RawWord:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float | None = None


@dataclass(slots=True)
class Line:
    words: list[RawWord] = field(default_factory=list)
    #: True when this line starts a new paragraph or block (a blank line goes before it).
    paragraph_start: bool = False

    @property
    def top(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.y1 for w in self.words)


def clean_token(text: str) -> str:
    """Normalise one token's characters; whitespace never survives inside a word."""
    if text.isascii() and text.isprintable() and " " not in text:
        return text  # the common case, nothing to change
    return "".join(text.translate(_LIGATURES).split())


def compose(lines: list[Line]) -> tuple[str, list[dict]]:
    """Join lines into page text and return it with the words and their character offsets.

    The words are the fields of `ingest.models.Word` as dicts: `Page(words=...)` validates them all
    in one pass of pydantic's core, half the cost of building each `Word` here (a text-layer page
    holds some 300)."""
    parts: list[str] = []
    words: list[dict] = []
    offset = 0
    for line in lines:
        tokens = [(w, clean_token(w.text)) for w in line.words]
        tokens = [(w, t) for w, t in tokens if t]
        if not tokens:
            continue
        if parts:
            sep = "\n\n" if line.paragraph_start else "\n"
            parts.append(sep)
            offset += len(sep)
        for i, (raw, token) in enumerate(tokens):
            if i:
                parts.append(" ")
                offset += 1
            parts.append(token)
            words.append({"text": token, "start": offset, "end": offset + len(token), "x0": raw.x0,
                          "y0": raw.y0, "x1": raw.x1, "y1": raw.y1, "confidence": raw.confidence})
            offset += len(token)
    return "".join(parts), words


def mark_paragraphs(lines: list[Line], gap_factor: float = 1.0) -> None:
    """Flag lines that follow a vertical gap taller than `gap_factor` typical line heights."""
    heights = sorted(line.bottom - line.top for line in lines if line.words)
    if not heights:
        return
    typical = heights[len(heights) // 2]
    previous: Line | None = None
    for line in lines:
        if not line.words:
            continue
        if previous is not None and line.top - previous.bottom > gap_factor * typical:
            line.paragraph_start = True
        previous = line
