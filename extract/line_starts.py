"""Running a line-anchored regex at line starts only.

A pattern whose every match starts a line (`^` under MULTILINE, or `(?:^|(?<=\\n))`) is tried by
`finditer` at every character and fails at all but the line starts: trying it with `match` at each
line start finds the same matches in a third to a fifteenth of the time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex


def line_starts(text: str) -> list[int]:
    """The offset of every line's first character (0, and each position after a newline)."""
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def line_end(text: str, pos: int) -> int:
    """The offset of the newline that ends the line holding `pos` (the text's length on the last line)."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def matches_at_line_starts(pattern: regex.Pattern[str], text: str, starts: Sequence[int]) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text)` for a pattern that can only match at a line start: matches do not
    overlap, so a line start inside the previous match is skipped."""
    end = 0
    for start in starts:
        if start < end:
            continue  # inside the previous match, which crossed a line break
        m = pattern.match(text, start)
        if m is not None:
            yield m
            end = max(m.end(), start + 1)
