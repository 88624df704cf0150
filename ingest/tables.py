"""Ruled tables on text-layer pages: each table row read as one line, label beside its value.

PDFium gives words in content-stream order, which for a table can be column by column, or can
split a row whose label wraps onto two lines. On pages whose drawing has ruling lines (checked
cheaply from PDFium's path objects), pdfplumber finds the table cells; the page's own PDFium words
are then regrouped so that each row becomes one line (cells left to right, a cell's words in their
reading order). Only the grouping changes: the words, their boxes and the rest of the page stay
as PDFium read them, so every offset still points at its word.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.layout import Line, RawWord

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points on the displayed page

#: A segment this close to axis-parallel (points) and at least this long counts as a ruling.
_STRAIGHT_PT, _MIN_RULE_PT = 1.0, 6.0
#: Path segments examined per page; a page of vector art beyond this is not a table to lay out.
_SEGMENT_BUDGET = 4000
#: A row whose cells hold more lines than this is a layout box (a block of text), not a table row:
#: its cells keep their own lines.
_MAX_ROW_LINES = 3


def is_ruled(page: pdfium.PdfPage) -> bool:
    """True when the page draws at least a small grid (two horizontal and two vertical rulings,
    five in all: more than a frame around a paragraph). Caller holds the PDFium lock."""
    counts = [0, 0]  # horizontal, vertical
    budget = [_SEGMENT_BUDGET]
    count = pdfium_c.FPDFPage_CountObjects(page)
    for i in range(count):
        _count_rulings(pdfium_c.FPDFPage_GetObject(page, i), (1, 0, 0, 1, 0, 0), counts, budget, depth=0)
        if budget[0] <= 0:
            return False
    horizontal, vertical = counts
    return horizontal >= 2 and vertical >= 2 and horizontal + vertical >= 5


def _count_rulings(obj, outer: tuple, counts: list[int], budget: list[int], depth: int) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
        return
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return
    matrix = _multiply((m.a, m.b, m.c, m.d, m.e, m.f), outer)
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        if depth < 2:
            for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                _count_rulings(pdfium_c.FPDFFormObj_GetObject(obj, i), matrix, counts, budget, depth + 1)
        return
    segments = pdfium_c.FPDFPath_CountSegments(obj)
    budget[0] -= max(segments, 0)
    if budget[0] <= 0:
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    start = current = None
    for i in range(segments):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            _count_segment(current, point, counts)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            _count_segment(current, start, counts)
            current = start


def _count_segment(a: tuple[float, float], b: tuple[float, float], counts: list[int]) -> None:
    dx, dy = abs(a[0] - b[0]), abs(a[1] - b[1])
    if dy <= _STRAIGHT_PT and dx >= _MIN_RULE_PT:
        counts[0] += 1
    elif dx <= _STRAIGHT_PT and dy >= _MIN_RULE_PT:
        counts[1] += 1


def _multiply(inner: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def reads_across(lines: list[Line]) -> bool:
    """True when the page's text runs left to right on the displayed page. A drawing shown turned
    by the page's /Rotate reads down or up the page: its "rows" on screen are the table's columns."""
    across = along = 0
    for line in lines:
        for a, b in zip(line.words, line.words[1:]):
            if b.x0 >= a.x1 - 1 and abs((a.y0 + a.y1) - (b.y0 + b.y1)) <= (a.y1 - a.y0):
                across += 1
            else:
                along += 1
    return across >= 4 * along


@dataclass(frozen=True, slots=True)
class Grid:
    """One table's rows, each a list of its cells' boxes left to right (merged cells left out)."""

    rows: list[list[Box]]
    bbox: Box

    @classmethod
    def of(cls, rows: list[list[Box]]) -> "Grid":
        cells = [cell for row in rows for cell in row]
        return cls(rows, (min(c[0] for c in cells), min(c[1] for c in cells),
                          max(c[2] for c in cells), max(c[3] for c in cells)))


def find_grids(plumber_page, shift: tuple[float, float]) -> list[Grid]:
    """Tables pdfplumber finds from the page's ruling lines, with at least two columns, in the
    displayed page's coordinates (`shift` maps pdfplumber's MediaBox origin onto them)."""
    dx, dy = shift
    grids = []
    for table in plumber_page.find_tables():
        rows = [sorted(((c[0] + dx, c[1] + dy, c[2] + dx, c[3] + dy) for c in row.cells if c is not None))
                for row in table.rows]
        rows = [row for row in rows if row]
        if rows and max(len(row) for row in rows) >= 2:
            grids.append(Grid.of(rows))
    return grids


def lay_out(lines: list[Line], grids: list[Grid]) -> list[Line]:
    """`lines` regrouped so that each table row is one line, placed where the table's first word
    was read; words outside the tables keep their lines and order."""
    if not grids:
        return lines
    # Where each word sits: (table, row, cell) or None; words keep their reading index.
    placed: dict[tuple[int, int, int], list[tuple[int, int, RawWord]]] = {}
    first_line_of: dict[int, int] = {}
    free: list[Line] = []
    anchors: dict[int, list[int]] = {}  # index in `free` before which a table goes -> tables
    order = 0
    for line_no, line in enumerate(lines):
        rest = Line(paragraph_start=line.paragraph_start)
        for word in line.words:
            where = _cell_of(word, grids)
            if where is None:
                rest.words.append(word)
            else:
                placed.setdefault(where, []).append((order, line_no, word))
                if where[0] not in first_line_of:
                    first_line_of[where[0]] = line_no
                    anchors.setdefault(len(free) + (1 if rest.words else 0), []).append(where[0])
            order += 1
        if rest.words:
            free.append(rest)
    out: list[Line] = []
    for position in range(len(free) + 1):
        for table in anchors.get(position, []):
            table_lines = _table_lines(table, grids[table], placed)
            if table_lines:
                table_lines[0].paragraph_start = lines[first_line_of[table]].paragraph_start
                out.extend(table_lines)
        if position < len(free):
            out.append(free[position])
    return out


def _cell_of(word: RawWord, grids: list[Grid]) -> tuple[int, int, int] | None:
    cx, cy = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
    for t, grid in enumerate(grids):
        x0, top, x1, bottom = grid.bbox
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        for r, row in enumerate(grid.rows):
            for c, (x0, top, x1, bottom) in enumerate(row):
                if x0 <= cx <= x1 and top <= cy <= bottom:
                    return t, r, c
    return None


def _table_lines(table: int, grid: Grid, placed: dict) -> list[Line]:
    out: list[Line] = []
    for r, row in enumerate(grid.rows):
        cells = [sorted(placed.get((table, r, c), []), key=lambda item: item[0]) for c in range(len(row))]
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        if max(len({line_no for _, line_no, _ in cell}) for cell in cells) <= _MAX_ROW_LINES:
            out.append(Line(words=[word for cell in cells for _, _, word in cell]))
            continue
        for cell in cells:  # a block of text in a layout box: each of its lines stays a line
            current: Line | None = None
            last_line = None
            for _, line_no, word in cell:
                if current is None or line_no != last_line:
                    current = Line()
                    out.append(current)
                current.words.append(word)
                last_line = line_no
    return out
