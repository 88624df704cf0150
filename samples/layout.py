"""Lays out a synthetic record as pages of drawn text lines, and draws them as a text PDF.

A record is a list of blocks (headings, paragraphs, `Label: value` lines, ruled tables). Layout
turns them into pages of `Line`s; every line is one or more runs of text on one baseline. The same
lines give both the PDF (reportlab, `invariant=1`, so the bytes are reproducible) and its
plain-text twin: runs joined by one space, lines by newlines, pages by form feeds. Lines are drawn
top to bottom and runs left to right, so PDFium reads the text layer back in the twin's order
(whitespace aside: it collapses runs of spaces).

Only the standard PDF fonts are used (no font files to ship), so text must be WinAnsi (Latin-1
plus a few symbols); `render_pdf` refuses anything else.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

PAGE_SEPARATOR = "\f"

FONTS = {
    "helvetica": ("Helvetica", "Helvetica-Bold"),
    "times": ("Times-Roman", "Times-Bold"),
    "courier": ("Courier", "Courier-Bold"),
}


@dataclass(frozen=True)
class Style:
    """How one institution prints its documents."""

    family: str = "helvetica"
    size: float = 10.0
    leading: float = 13.0
    margin_left: float = 60.0
    margin_right: float = 60.0
    margin_top: float = 60.0
    margin_bottom: float = 60.0
    page_size: tuple[float, float] = letter

    @property
    def regular(self) -> str:
        return FONTS[self.family][0]

    @property
    def bold(self) -> str:
        return FONTS[self.family][1]

    @property
    def width(self) -> float:
        return self.page_size[0] - self.margin_left - self.margin_right


# ---- blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    size: float | None = None
    center: bool = False
    space_before: float = 0.5  # in lines


@dataclass(frozen=True)
class Para:
    text: str
    indent: float = 0.0
    bold: bool = False


@dataclass(frozen=True)
class KV:
    """A `Label: value` line; the label is bold, the value wraps under itself."""

    label: str
    value: str
    indent: float = 0.0
    #: Fixed x offset for the value (a synoptic checklist column); None puts it after the label.
    tab: float | None = None


@dataclass(frozen=True)
class Row:
    """One baseline: left text and optional right-aligned text (headers, signature lines)."""

    left: str
    right: str = ""
    bold: bool = False
    size: float | None = None
    center: bool = False


@dataclass(frozen=True)
class Table:
    """Single-line cells in fixed columns; `ruled` draws the grid."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Column widths in points; None fits the columns to their text and spreads the spare width.
    widths: tuple[float, ...] | None = None
    ruled: bool = True
    indent: float = 0.0


@dataclass(frozen=True)
class Gap:
    lines: float = 1.0


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | KV | Row | Table | Gap | Rule | PageBreak


# ---- laid-out lines -------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    x: float
    text: str
    font: str
    size: float
    align: str = "left"  # "left" or "right" (x is then the right edge)


@dataclass
class Line:
    runs: list[Run]
    #: Distance from the top margin to the baseline.
    y: float
    #: Grid lines to draw with this line: (x1, y1, x2, y2) relative to the top margin, in points.
    strokes: list[tuple[float, float, float, float]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(r.text for r in self.runs if r.text)


@dataclass(frozen=True)
class Frame:
    """Page furniture repeated on every page; `{page}` and `{pages}` are filled in."""

    header: tuple[Block, ...] = ()
    footer: tuple[Block, ...] = ()


class LayoutError(ValueError):
    """A sample document does not fit its page (a bug in the sample, not in the product)."""


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    for line in lines:
        if stringWidth(line, font, size) > width:
            raise LayoutError(f"word too wide to wrap: {line!r}")
    return lines


def _fits(text: str, font: str, size: float, width: float) -> None:
    if stringWidth(text, font, size) > width + 0.01:
        raise LayoutError(f"line too wide ({stringWidth(text, font, size):.0f} > {width:.0f} pt): {text!r}")


def _lines_of(block: Block, style: Style, y: float) -> tuple[list[Line], float]:
    """Lines of one block starting at baseline `y`; returns them and the next free baseline."""
    s, lead, reg, bold, width = style.size, style.leading, style.regular, style.bold, style.width
    x0 = style.margin_left
    out: list[Line] = []
    if isinstance(block, Gap):
        return out, y + block.lines * lead
    if isinstance(block, Rule):
        return [Line([], y - lead * 0.6, [(x0, y - lead * 0.6, x0 + width, y - lead * 0.6)])], y + lead * 0.4
    if isinstance(block, Heading):
        size = block.size or s + 1
        y += block.space_before * lead
        _fits(block.text, bold, size, width)
        if block.center:
            run = Run(x0 + (width - stringWidth(block.text, bold, size)) / 2, block.text, bold, size)
        else:
            run = Run(x0, block.text, bold, size)
        return [Line([run], y)], y + lead * max(1.0, size / s)
    if isinstance(block, Para):
        font = bold if block.bold else reg
        for text in _wrap(block.text, font, s, width - block.indent):
            out.append(Line([Run(x0 + block.indent, text, font, s)], y))
            y += lead
        return out, y
    if isinstance(block, KV):
        label = block.label
        label_x = x0 + block.indent
        value_x = (x0 + block.tab) if block.tab is not None else label_x + stringWidth(label + " ", bold, s)
        _fits(label, bold, s, width - block.indent)
        value_lines = _wrap(block.value, reg, s, x0 + width - value_x) or [""]
        for i, text in enumerate(value_lines):
            runs = [Run(label_x, label, bold, s)] if i == 0 else []
            runs.append(Run(value_x, text, reg, s))
            out.append(Line(runs, y))
            y += lead
        return out, y
    if isinstance(block, Row):
        size = block.size or s
        font = bold if block.bold else reg
        runs = []
        if block.center:
            _fits(block.left, font, size, width)
            runs.append(Run(x0 + (width - stringWidth(block.left, font, size)) / 2, block.left, font, size))
        else:
            runs.append(Run(x0, block.left, font, size))
        if block.right:
            runs.append(Run(x0 + width, block.right, font, size, align="right"))
        used = sum(stringWidth(r.text, font, size) for r in runs) + 12
        if used > width:
            raise LayoutError(f"row too wide: {block.left!r} / {block.right!r}")
        return [Line(runs, y)], y + lead * max(1.0, size / s)
    if isinstance(block, Table):
        pad = 3.0
        widths = block.widths or _fit_columns(block, style, pad)
        if sum(widths) > width - block.indent + 0.01:
            raise LayoutError(f"table wider than the page: {block.header}")
        xs = [x0 + block.indent]
        for w in widths:
            xs.append(xs[-1] + w)
        rows = [(block.header, True), *[(r, False) for r in block.rows]]
        for cells, is_header in rows:
            if len(cells) != len(widths):
                raise LayoutError(f"row has {len(cells)} cells, table has {len(widths)} columns")
            font = bold if is_header else reg
            runs = []
            for i, cell in enumerate(cells):
                _fits(cell, font, s, widths[i] - 2 * pad)
                if cell:
                    runs.append(Run(xs[i] + pad, cell, font, s))
            strokes = []
            if block.ruled:
                row_top = y - s - 1
                row_bottom = row_top + lead + 2
                strokes.append((xs[0], row_bottom, xs[-1], row_bottom))
                if is_header:
                    strokes.append((xs[0], row_top, xs[-1], row_top))
                strokes.extend((x, row_top, x, row_bottom) for x in xs)
            out.append(Line(runs, y, strokes))
            y += lead + (2 if block.ruled else 0)
        return out, y + lead * 0.3
    raise TypeError(f"unknown block {block!r}")


def _fit_columns(table: Table, style: Style, pad: float) -> tuple[float, ...]:
    natural = [
        max([stringWidth(table.header[i], style.bold, style.size)]
            + [stringWidth(row[i], style.regular, style.size) for row in table.rows]) + 2 * pad + 1
        for i in range(len(table.header))
    ]
    spare = style.width - table.indent - sum(natural)
    if spare < 0:
        raise LayoutError(f"table needs {sum(natural):.0f} pt, page has {style.width - table.indent:.0f}: "
                          f"{table.header}")
    # Columns sit close together (as most reports print them); the last one takes the spare width.
    gaps = [min(18.0, spare / len(natural))] * (len(natural) - 1)
    last = spare - sum(gaps)
    return tuple(w + g for w, g in zip(natural, [*gaps, last]))


@dataclass
class Page:
    lines: list[Line]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines if line.text)


def _frame_lines(blocks: tuple[Block, ...], style: Style, page: int, pages: int, y: float) -> tuple[list[Line], float]:
    out: list[Line] = []
    for block in blocks:
        block = _fill(block, page, pages)
        lines, y = _lines_of(block, style, y)
        out.extend(lines)
    return out, y


def _fill(block: Block, page: int, pages: int) -> Block:
    if isinstance(block, Row):
        return Row(block.left.format(page=page, pages=pages), block.right.format(page=page, pages=pages),
                   block.bold, block.size, block.center)
    return block


def layout(blocks: list[Block], style: Style, frame: Frame = Frame()) -> list[Page]:
    """Flow blocks onto pages under the header and above the footer."""
    page_height = style.page_size[1] - style.margin_top - style.margin_bottom
    header_lines, body_top = _frame_lines(frame.header, style, 1, 1, style.leading)
    footer_height = len(frame.footer) * style.leading
    body_bottom = page_height - footer_height

    bodies: list[list[Line]] = [[]]
    y = body_top + style.leading * 0.5
    for block in blocks:
        if isinstance(block, PageBreak):
            bodies.append([])
            y = body_top + style.leading * 0.5
            continue
        lines, next_y = _lines_of(block, style, y)
        if lines and max(line.y for line in lines) > body_bottom:
            if not bodies[-1]:
                raise LayoutError("block taller than a page")
            bodies.append([])
            y = body_top + style.leading * 0.5
            lines, next_y = _lines_of(block, style, y)
        bodies[-1].extend(lines)
        y = next_y

    total = len(bodies)
    pages = []
    for number, body in enumerate(bodies, start=1):
        header_lines, _ = _frame_lines(frame.header, style, number, total, style.leading)
        footer_lines, _ = _frame_lines(frame.footer, style, number, total, body_bottom + style.leading)
        pages.append(Page(header_lines + body + footer_lines))
    return pages


def twin_text(pages: list[Page]) -> str:
    """The plain text drawn on the pages: lines joined by newlines, pages by form feeds."""
    return PAGE_SEPARATOR.join(page.text for page in pages) + "\n"


def _check_encodable(text: str) -> None:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise LayoutError(f"character outside the standard PDF fonts' encoding: {text!r}") from exc


def render_pdf(pages: list[Page], style: Style, title: str) -> bytes:
    """Draw laid-out pages as a text PDF; identical input gives identical bytes."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=style.page_size, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setCreator("oncoguide samples")
    top = style.page_size[1] - style.margin_top
    for page in pages:
        for line in page.lines:
            for x1, y1, x2, y2 in line.strokes:
                c.setLineWidth(0.6)
                c.line(x1, top - y1, x2, top - y2)
            for run in line.runs:
                _check_encodable(run.text)
                c.setFont(run.font, run.size)
                if run.align == "right":
                    c.drawRightString(run.x, top - line.y, run.text)
                else:
                    c.drawString(run.x, top - line.y, run.text)
        c.showPage()
    c.save()
    return buf.getvalue()


@contextmanager
def raw_jpeg_streams():
    """Embed JPEG bytes as they are (reportlab wraps streams in ASCII85 by default: +25 % size)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved
