"""Words and lines from a PDF page's text layer, through PDFium's text page.

One `FPDFText_GetText` call gives the page text (PDFium inserts spaces and line breaks); each word's
box comes from `FPDFText_CountRects`/`GetRect` over its characters. That keeps a page to about a
millisecond, where per-character calls from Python would cost ten.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.layout import Line, RawWord, mark_paragraphs

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TOKEN = re.compile(r"[^\s\x00]+")


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Maps PDF user space (origin bottom-left, unrotated) to the displayed page (origin top-left)."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int  # clockwise degrees the viewer turns the page (/Rotate)

    @property
    def size(self) -> tuple[float, float]:
        w, h = self.right - self.left, self.top - self.bottom
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def box(self, l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
        w, h = self.right - self.left, self.top - self.bottom
        # unrotated, top-left origin
        x0, x1 = l - self.left, r - self.left
        y0, y1 = self.top - t, self.top - b
        if self.rotation == 90:
            return h - y1, x0, h - y0, x1
        if self.rotation == 180:
            return w - x1, h - y1, w - x0, h - y0
        if self.rotation == 270:
            return y0, w - x1, y1, w - x0
        return x0, y0, x1, y1


def page_frame(page: pdfium.PdfPage) -> PageFrame:
    left, bottom, right, top = page.get_cropbox()
    rotation = page.get_rotation() % 360
    return PageFrame(left, bottom, right, top, rotation if rotation in (0, 90, 180, 270) else 0)


def read_lines(textpage: pdfium.PdfTextPage, frame: PageFrame) -> list[Line]:
    """The page's text-layer words grouped in lines, with boxes in points on the displayed page."""
    n_chars = pdfium_c.FPDFText_CountChars(textpage)
    if n_chars <= 0:
        return []
    buffer = (ctypes.c_ushort * (n_chars * 2 + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, n_chars, buffer)
    text = bytes(memoryview(buffer)[: max(written - 1, 0)]).decode("utf-16-le", errors="replace")
    # Text index == char index unless PDFium dropped or inserted characters; then translate.
    translate = len(text) != n_chars

    def char_index(text_index: int) -> int:
        return pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)

    handle = textpage.raw
    count_rects, get_rect = pdfium_c.FPDFText_CountRects, pdfium_c.FPDFText_GetRect
    l, t, r, b = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    refs = (ctypes.byref(l), ctypes.byref(t), ctypes.byref(r), ctypes.byref(b))
    to_page = frame.box
    lines: list[Line] = []
    for line_text, line_start in _iter_lines(text):
        line = Line()
        for tok in _TOKEN.finditer(line_text):
            first, last = line_start + tok.start(), line_start + tok.end() - 1
            if translate:
                first, last = char_index(first), char_index(last)
                if first < 0 or last < first:
                    continue
            box: tuple[float, float, float, float] | None = None
            for i in range(max(count_rects(handle, first, last - first + 1), 0)):
                if not get_rect(handle, i, *refs):
                    continue
                x0, y0, x1, y1 = to_page(l.value, b.value, r.value, t.value)
                box = (x0, y0, x1, y1) if box is None else (
                    min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1))
            if box is not None:
                line.words.append(RawWord(tok.group(), *box))
        if line.words:
            lines.append(line)
    mark_paragraphs(lines)
    return lines


def _iter_lines(text: str):
    start = 0
    for m in _LINE_BREAK.finditer(text):
        yield text[start : m.start()], start
        start = m.end()
    yield text[start:], start
