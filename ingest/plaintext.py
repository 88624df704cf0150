"""Plain-text records: decode, split into pages on form feeds, one word per whitespace-free run.

A text file has no geometry, so its word boxes are character cells: x is the column and y the
line number on the page (`Page.dpi` 0 marks that the units are not pixels).
"""

from __future__ import annotations

import re

from ingest.errors import UnsupportedType
from ingest.models import Page, Word

_WORD = re.compile(r"\S+")


def decode(data: bytes) -> str:
    """Decode a text record: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252, else
    Latin-1 (which decodes any byte). Line ends become "\n" (Windows "\r\n" and old Mac "\r"),
    so the page text, and every offset into it, is the same whichever system wrote the file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnsupportedType(
                "This text file is damaged or uses an unknown character encoding. Save it as UTF-8 or as a PDF."
            ) from exc
    else:
        text = _decode_8bit(data)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _decode_8bit(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        # UTF-8 text cut inside its last character (an interrupted download): keep what is whole.
        # A plain-ASCII head ending in one high byte is more likely Latin-1, e.g. a final "é".
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3 and not head.isascii():
            return head.decode("utf-8-sig")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d, ...): Latin-1 has them all
        return data.decode("latin-1")


def split_pages(text: str, max_chars: int | None = None) -> list[str]:
    """Pages are separated by form feeds; a trailing form feed does not start a page. A page longer
    than `max_chars` (a text file has no real pages) is cut after its last line break (else its
    last space, else anywhere) that keeps the piece within `max_chars`."""
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    if max_chars is None:
        return pages
    out: list[str] = []
    for page in pages:
        while len(page) > max_chars:
            cut = page.rfind("\n", 0, max_chars) + 1 or page.rfind(" ", 0, max_chars) + 1 or max_chars
            out.append(page[:cut])
            page = page[cut:]
        out.append(page)
    return out


def text_page(number: int, text: str) -> Page:
    words: list[Word] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    line = 0
    for match in _WORD.finditer(text):
        while line + 1 < len(line_starts) and line_starts[line + 1] <= match.start():
            line += 1
        col = match.start() - line_starts[line]
        words.append(
            Word(
                text=match.group(),
                start=match.start(),
                end=match.end(),
                x0=col,
                y0=line,
                x1=col + len(match.group()),
                y1=line + 1,
            )
        )
    width = max((len(s) for s in text.split("\n")), default=0)
    return Page(
        number=number,
        text=text,
        source="text-layer",
        width=width,
        height=len(line_starts),
        dpi=0,
        words=words,
    )
