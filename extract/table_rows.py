"""The cells of one line of a table written as text (a PDF table flattened by OCR or text
extraction, a table typed in a letter): the medication-list and receptor-table readers share it."""

from __future__ import annotations

import re

#: What separates the cells of a row: a pipe, a tab, or a run of spaces.
_CELL_GAP = re.compile(r"[ \t]*\|[ \t]*|\t+| {2,}")
#: In a table ruled with pipes only the pipes do: a cell may hold a double space.
_BAR_GAP = re.compile(r"[ \t]*\|[ \t]*")


def row_cells(text: str, start: int, end: int, *, bars_only: bool = False) -> list[tuple[int, int]]:
    """The non-blank cells of the line text[start:end] as absolute (start, end) spans, trimmed."""
    out, pos = [], start
    for m in (_BAR_GAP if bars_only else _CELL_GAP).finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:end].strip():
        out.append((pos, end))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip())) for s, e in out
            if text[s:e].strip()]
