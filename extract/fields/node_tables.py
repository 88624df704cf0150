"""Node counts from a table ruled with bars: a heading row that names a column of examined nodes and
a column of positive nodes, then one row per level or station ("| Level | Nodes examined | Nodes
positive |", "| Level I | 14 | 6 |", ..., "| Total | 21 | 8 |"). The total row is the count; without
one, the rows are added up, and only when every row holds two numbers (a row of words leaves the
table unread). In run-on text the rows of one printed table share a line, split at "|. |"."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.rules import CompiledRule

#: Two or more cells between bars; in run-on text a whole table.
_BAR_RUN = regex.compile(r"\|(?:[^|\n]*\|){2,}")
_BAR = regex.compile(r"\|")
#: Between two rows of one table: blanks, line ends and run-on full stops only.
_ROW_GAP = regex.compile(r"[\s.]*")
_NUMBER = regex.compile(r"\d{1,3}")


@dataclass(frozen=True)
class TableCount:
    examined: int
    positive: int
    span: tuple[int, int]  # the total row, or the rows added up
    summed: bool


def _rows(text: str) -> list[list[list[tuple[int, int]]]]:
    """The page's bar-ruled tables: each a list of rows, each row its cells' (start, end) spans, trimmed."""
    tables: list[list[list[tuple[int, int]]]] = []
    last_end = -1
    for run in _BAR_RUN.finditer(text):
        rows: list[list[tuple[int, int]]] = [[]]
        bars = [m.start() for m in _BAR.finditer(text, run.start(), run.end())]
        for a, b in zip(bars, bars[1:]):
            s, e = a + 1, b
            cell = text[s:e]
            if cell.strip() == "." and rows[-1]:
                rows.append([])  # "|. |": the next printed row of a run-on table
                continue
            lead = len(cell) - len(cell.lstrip())
            rows[-1].append((s + lead, s + len(cell.rstrip())) if cell.strip() else (s, s))  # a blank cell: empty
        rows = [r for r in rows if r]
        if tables and last_end >= 0 and _ROW_GAP.fullmatch(text, last_end, run.start()):
            tables[-1].extend(rows)
        else:
            tables.append(rows)
        last_end = run.end()
    return tables


def table_counts(text: str, examined: CompiledRule, positive: CompiledRule, total: CompiledRule,
                 is_ocr: bool) -> list[TableCount]:
    ex_re, pos_re, total_re = (r.pattern_for(is_ocr) for r in (examined, positive, total))
    out: list[TableCount] = []
    for rows in _rows(text):
        for h, heading in enumerate(rows):
            cells = [text[s:e] for s, e in heading]
            pos_col = next((i for i, c in enumerate(cells) if i and pos_re.fullmatch(c)), None)
            ex_col = next((i for i, c in enumerate(cells) if i and i != pos_col and ex_re.fullmatch(c)), None)
            if pos_col is None or ex_col is None:
                continue
            body = [r for r in rows[h + 1:] if len(r) == len(heading)]
            values = []
            for row in body:
                ex, pos = (text[row[ex_col][0]:row[ex_col][1]], text[row[pos_col][0]:row[pos_col][1]])
                values.append((int(ex), int(pos)) if _NUMBER.fullmatch(ex) and _NUMBER.fullmatch(pos) else None)
            totals = [(row, v) for row, v in zip(body, values) if total_re.match(text[row[0][0]:row[0][1]])]
            if totals and totals[0][1] is not None:
                row, (ex, pos) = totals[0]
                if pos <= ex:
                    out.append(TableCount(ex, pos, (row[0][0], row[-1][1]), False))
            elif body and not totals and all(v is not None for v in values):
                ex, pos = sum(v[0] for v in values), sum(v[1] for v in values)  # type: ignore[index]
                if pos <= ex and all(v[1] <= v[0] for v in values):  # type: ignore[index]
                    out.append(TableCount(ex, pos, (body[0][0][0], body[-1][-1][1]), True))
            break
    return out
