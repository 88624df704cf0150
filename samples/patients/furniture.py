"""Page furniture shared by the sample documents: letterheads, patient banners, footers."""

from __future__ import annotations

from samples.layout import Block, Heading, Row, Rule


def letterhead(name: str, *lines: str, size: float | None = None) -> tuple[Block, ...]:
    """An institution's name centred in bold, its department/address lines under it, a rule."""
    blocks: list[Block] = [Heading(name, size=size or 13, center=True, space_before=0)]
    blocks.extend(Row(line, center=True) for line in lines)
    blocks.append(Rule())
    return tuple(blocks)


def banner(*rows: tuple[str, str]) -> tuple[Block, ...]:
    """Patient and specimen identifiers as left/right pairs on one line each, then a rule."""
    return (*(Row(left, right) for left, right in rows), Rule())


def footer(left: str) -> tuple[Block, ...]:
    return (Row(left, "Page {page} of {pages}"),)
