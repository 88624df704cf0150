"""The cells of one line of a table written as text (a PDF table flattened by OCR or text
extraction, a table typed in a letter): the medication-list and receptor-table readers share it."""

from __future__ import annotations

import re

from extract.run_on import is_run_on

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


#: Where a line that ends in a colon ends ("Tumour type:\n"): a candidate bare label.
_LABEL_END = re.compile(r":[ \t]*(?:\n|$)")
#: The smallest run of bare labels read as an OCR'd column of labels.
_MIN_LABELS = 3


def label_column_pairs(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """A two-column grid that OCR read column by column: a run of three or more lines that are bare
    labels ("Tumour type:", "Grade (Elston-Ellis):", "Tumour size (mm):") right over a run of exactly
    as many value lines ("Invasive carcinoma NST", "G2", "24"), then a blank line, a line with a colon
    or the page's end. The i-th label's value is the i-th value line: (label span, value span) pairs,
    the label without its colon. Anything else (fewer or more value lines, a blank line inside) is no
    such grid, and gives nothing. On a run-on page (`run_on_label_column_pairs`) the same grid as its
    printed lines joined."""
    if is_run_on(text):
        return run_on_label_column_pairs(text)
    runs: list[list[tuple[int, int, int]]] = []  # each label line: (start, end, next line's start)
    for m in _LABEL_END.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        label = text[start:m.start()].strip()
        if not 2 <= len(label) <= 60 or ":" in label or "|" in label:
            continue
        raw = text[start:m.start()]
        line = (start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip()), m.end())
        if runs and runs[-1][-1][2] == start:
            runs[-1].append(line)
        else:
            runs.append([line])
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for run in runs:
        if len(run) < _MIN_LABELS:
            continue
        values, pos = [], run[-1][2]
        while len(values) <= len(run) and pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            value = text[pos:end]
            if not value.strip() or ":" in value:
                break
            values.append((pos + len(value) - len(value.lstrip()), pos + len(value.rstrip())))
            pos = end + 1
        if len(values) == len(run):
            out.extend(((s, e), v) for (s, e, _), v in zip(run, values))
    return out


#: A printed line's end on a run-on page.
_RUN_ON_LINE_END = ". "


def run_on_label_column_pairs(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """`label_column_pairs` on a run-on page, whose printed lines are joined: a label line keeps its
    colon and gets no period, a value line gets ". " ("Tumour type: Grade (Elston-Ellis): Tumour size
    (mm): Invasive carcinoma NST. G2. 24. Resection margins: free."). A printed line that is three or
    more bare labels each closed by ": " and then one value, followed by as many more printed lines
    without a colon as the labels need: the i-th label's value is the i-th value. Fewer such lines
    (a blank form field, a label beside its own value) give nothing."""
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    done = 0
    for run in _RUN_ON_LABEL_RUN.finditer(text):  # only the printed lines that hold three colons
        if run.start() < done:
            continue
        pos = text.rfind(_RUN_ON_LINE_END, 0, run.start())
        pos = 0 if pos < 0 else pos + len(_RUN_ON_LINE_END)
        end = text.find(_RUN_ON_LINE_END, pos)
        end = len(text) if end < 0 else end
        labels, start = [], pos
        for m in _RUN_ON_LABEL_END.finditer(text, pos, end):
            label = (start + len(text[start:m.start()]) - len(text[start:m.start()].lstrip()), m.start())
            word = text[label[0]:label[1]]
            # a label: a letter first, no digit (a count, a part number), its parentheses closed
            if (not 2 <= len(word) <= 60 or "|" in word or not word[0].isalpha() or any(c.isdigit() for c in word)
                    or word.count("(") != word.count(")")):
                labels = []
                break
            labels.append(label)
            start = m.end()
        first = (start, end)
        if len(labels) >= _MIN_LABELS and text[start:end].strip():
            values, vpos = [first], end + len(_RUN_ON_LINE_END)
            while len(values) < len(labels) and vpos < len(text):
                vend = text.find(_RUN_ON_LINE_END, vpos)
                vend = len(text) if vend < 0 else vend
                if ":" in text[vpos:vend] or not text[vpos:vend].strip():
                    break
                values.append((vpos, vend))
                vpos = vend + len(_RUN_ON_LINE_END)
            if len(values) == len(labels):
                out.extend(zip(labels, values))
                end = values[-1][1]
        done = end
    return out


#: A label's colon on a run-on printed line.
_RUN_ON_LABEL_END = re.compile(r":[ \t]")
#: Where a printed line may hold three labels: three colons, no line end between them.
_RUN_ON_LABEL_RUN = re.compile(r":[ \t](?:[^:.]|\.(?! )){2,62}?:[ \t](?:[^:.]|\.(?! )){2,62}?:[ \t]")


#: How far a value cell's start may stand from its header cell's start (characters).
_ALIGN = 3


def header_row_pairs(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """A synoptic grid laid out as rows of headings over rows of values ("Histologic type    Grade
    Invasive size" over "Invasive ductal    Nottingham 3    26 mm"): a line of two or more cells
    (gaps of two spaces or more) with no colon, and under it a line of as many cells each starting where
    its heading starts (give or take three characters). (heading span, value span) pairs; the value's
    continuation lines are not joined."""
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    previous: list[tuple[int, int]] = []
    previous_start = line_end = -1
    for line in text.split("\n"):
        line_start, line_end = line_end + 1, line_end + 1 + len(line)
        cells = row_cells(text, line_start, line_end) if "  " in line else []
        if (len(cells) >= 2 and len(previous) == len(cells) and ":" not in text[previous_start:line_start]
                and all(abs((s - line_start) - (h - previous_start)) <= _ALIGN
                        for (s, _), (h, _) in zip(cells, previous))):
            out.extend(zip(previous, cells))
            cells = []  # a value row is no heading row for the next line
        previous, previous_start = cells, line_start
    return out
