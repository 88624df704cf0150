"""Find a page's text lines before OCR, so Tesseract can read them one by one.

Tesseract's own page layout analysis costs about a fifth of a page's recognition, and its line
recogniser costs in proportion to the width of the line image it is given. A page of ordinary
text lines (reports, letters, lab printouts) is cut here into bands of rows holding ink, and each
band into segments at wide blank gaps (so the blank middle of "Label:        value" is never
recognised). The page is left to Tesseract's own layout (`None`) whenever it does not look like
lines of text: little ink, ink everywhere, vertical rules (a table or a form), bands that cannot be
cut into lines, many tall bands (pictures, logos, handwriting), or lines that run uphill (a tilt
the survey before it missed). Horizontal rules are erased rather than refused: most letterheads
have one. Rows of a two-column layout are read across, as one line each.

Works on an upright, straightened grayscale page (dark text on light paper).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from ingest.ocr.ink import otsu_threshold, true_runs

#: A row holds text when its ink exceeds this share of a typical text row's ink (specks, noise and
#: table borders stay below it).
_ROW_INK_SHARE = 0.03
#: Bands shorter than this share of the typical band are rules or specks, not text.
_MIN_BAND_SHARE = 0.3
#: A line of one short word ("0", "3+", "of") holds too little ink per row to pass the row share
#: above beside full lines: a run of inked rows in a gap between the bands found, this share of a
#: typical band tall, with this many ink pixels in some row, is a narrow line too (a speck is not
#: that tall; on a noisy page the run reaches a band and is not taken).
_NARROW_ROW_INK = 3
_NARROW_BAND_SHARE = 0.6
#: A band taller than this many typical bands holds several lines that touch: cut it.
_SPLIT_FACTOR = 1.6
#: After cutting, bands still taller than this many typical bands are not lines of text.
_TALL_FACTOR = 2.6
#: Tall bands holding more than this share of the ink: the page is not lines of text.
_MAX_TALL_INK_SHARE = 0.12
#: A blank gap wider than this many band heights separates two segments of a band.
_SEGMENT_GAP = 1.5
#: A stretch of a segment this many band heights long whose ink stays below the top share of the
#: band (leader dots, underscores) is cut out of it (see `_without_leaders`).
_LEADER_RUN = 2.0
_LEADER_TOP = 0.55
#: Segments with less ink than this share of height squared are specks.
_MIN_SEGMENT_INK = 0.05
#: Margin of blank paper around a segment, as shares of its band's height (the recogniser needs some).
_PAD_Y, _PAD_X = 0.2, 0.3
#: Vertical ink runs longer than this many band heights are rules: a table or a form, which
#: Tesseract's layout reads better (it takes the rules out).
_RULE_DOWN = 2.5
#: Horizontal ink runs this many pixels long are rules (1.7 inches on the half-size page the lines
#: are usually found on; no run of text ink is that long).
_RULE_ACROSS_PX = 250
#: A median shift of a line's ink from its left quarter to its right one above this share of the
#: line's height: the lines are tilted.
_MAX_TILT_SHIFT = 0.25
#: A typical band taller than this many tall strokes holds more than one line of text.
_MAX_BAND_TO_STROKE = 2.0
#: Fewer than this many text bands: nothing worth cutting by hand.
_MIN_BANDS = 3


@dataclass(frozen=True, slots=True)
class TextLine:
    """One band of text: its segments as (left, top, right, bottom) pixel boxes, left to right,
    and the margin (pixels across, down) of blank paper to put around each before recognising it
    (blank, not the page around it, so no stroke of a neighbouring line is read as a mark)."""

    segments: tuple[tuple[int, int, int, int], ...]
    height: int
    margin: tuple[int, int]


def median_height(lines: list[TextLine]) -> float:
    return float(np.median([line.height for line in lines]))


def find_lines(image: Image.Image) -> list[TextLine] | None:
    """The page's text lines top to bottom, or None to leave the page to Tesseract's layout."""
    page = np.asarray(image, dtype=np.uint8)
    ink = page <= otsu_threshold(page[::2, ::2])
    total = int(ink.sum())
    if total == 0 or total > 0.4 * ink.size:
        return None
    rows = ink.sum(axis=1)
    if _has_run(ink, max(int(_RULE_DOWN * _typical_band(rows)), 8), axis=0):
        return None  # a vertical rule: a table or a form, which Tesseract's layout reads better
    _erase_horizontal_rules(ink, _RULE_ACROSS_PX)
    rows = ink.sum(axis=1)
    busy = rows[rows > 0]
    typical_row = float(np.percentile(busy, 90)) if busy.size else 0.0
    if typical_row <= 0:
        return None
    bands = true_runs(rows > max(_ROW_INK_SHARE * typical_row, 1.0))
    if len(bands) < _MIN_BANDS:
        return None
    typical = float(np.median([end - start for start, end in bands]))
    bands = [piece for band in bands for piece in _split(rows, band, typical)]
    bands = [b for b in bands if b[1] - b[0] >= _MIN_BAND_SHARE * typical]
    bands = _with_narrow_lines(rows, bands, typical)
    if len(bands) < _MIN_BANDS:
        return None
    bands = _grown(rows, bands)
    typical = float(np.median([end - start for start, end in bands]))
    tall_ink = sum(int(rows[s:e].sum()) for s, e in bands if e - s > _TALL_FACTOR * typical)
    if tall_ink > _MAX_TALL_INK_SHARE * total:
        return None
    if _tilted(ink, bands) or typical > _MAX_BAND_TO_STROKE * _tall_stroke(ink):
        return None  # lines run uphill, or bands hold several lines each: not cut right
    lines = []
    for top, bottom in bands:
        band_height = bottom - top
        segments = _segments(ink[top:bottom], band_height)
        if not segments:
            continue
        margin = (max(round(_PAD_X * band_height), 2), max(round(_PAD_Y * band_height), 2))
        lines.append(TextLine(tuple((left, top, right, bottom) for left, right in segments), band_height, margin))
    return lines if len(lines) >= _MIN_BANDS else None


def _tilted(ink: np.ndarray, bands: list[tuple[int, int]]) -> bool:
    """Whether the bands' text runs uphill or downhill: the ink of a band's left quarter sits
    higher or lower than that of its right quarter by a large share of the band (a page the
    survey misjudged, whose lines would be cut across)."""
    shifts = []
    for top, bottom in bands:
        columns = np.flatnonzero(ink[top:bottom].any(axis=0))
        if columns.size < 8 * (bottom - top):
            continue  # too short a line to tell
        left, right = columns[0], columns[-1]
        quarter = (right - left) // 4
        heights = []
        for a, b in ((left, left + quarter), (right - quarter, right)):
            rows = ink[top:bottom, a:b].sum(axis=1)
            if rows.sum() == 0:
                break
            heights.append(float(np.dot(rows, np.arange(bottom - top)) / rows.sum()))
        if len(heights) == 2:
            shifts.append(abs(heights[1] - heights[0]) / (bottom - top))
    return bool(shifts) and float(np.median(shifts)) > _MAX_TILT_SHIFT


def _tall_stroke(ink: np.ndarray) -> float:
    """The height of the page's tall strokes (the upright of an 'l', 'd' or 'H'): the 98th
    percentile of its vertical runs of ink (most runs cross a thin horizontal stroke)."""
    padded = np.zeros((ink.shape[0] + 2, ink.shape[1]), np.int8)
    padded[1:-1] = ink
    edges = np.diff(padded, axis=0)
    starts = np.flatnonzero(edges.T.ravel() == 1)
    ends = np.flatnonzero(edges.T.ravel() == -1)
    lengths = ends - starts
    lengths = lengths[lengths >= 2]
    return float(np.percentile(lengths, 98)) if lengths.size else 0.0


def _typical_band(rows: np.ndarray) -> float:
    """Median height of the runs of rows holding ink (a first estimate of a text line's height)."""
    runs = true_runs(rows > 0)
    return float(np.median([end - start for start, end in runs])) if runs else 0.0


def _full_windows(ink: np.ndarray, length: int, axis: int) -> np.ndarray:
    """True where a window of `length` pixels along `axis`, starting there, is all ink (an erosion
    by doubling: about log2(length) boolean passes, much cheaper than counting)."""
    run, covered = ink, 1
    while covered < length:
        step = min(covered, length - covered)
        run = _and_shifted(run, step, axis)
        covered += step
    return run


def _and_shifted(a: np.ndarray, step: int, axis: int) -> np.ndarray:
    """a[i] & a[i + step] along `axis`, as long as `a` minus `step`."""
    size = a.shape[axis]
    if step >= size:
        return np.zeros_like(a.take([], axis=axis))
    if axis == 0:
        return a[: size - step] & a[step:]
    return a[:, : size - step] & a[:, step:]


def _has_run(ink: np.ndarray, length: int, axis: int) -> bool:
    return ink.shape[axis] >= length and bool(_full_windows(ink, length, axis).any())


def _erase_horizontal_rules(ink: np.ndarray, length: int) -> None:
    """Clear the pixels of horizontal runs of ink at least `length` long (rules under a letterhead,
    between sections, underlines), so they neither join nor pose as text lines."""
    if ink.shape[1] < length:
        return
    rows = np.flatnonzero(ink.sum(axis=1) >= length)  # only rows with that much ink can hold a rule
    if rows.size == 0:
        return
    starts = _full_windows(ink[rows], length, axis=1)
    if not starts.any():
        return
    # A pixel is covered when a full window starts within the `length` pixels up to it.
    width = ink.shape[1]
    counts = np.zeros((rows.size, starts.shape[1] + 1), np.int32)
    np.cumsum(starts, axis=1, out=counts[:, 1:])
    x = np.arange(width)
    covered = (counts[:, np.minimum(x, width - length) + 1] - counts[:, np.maximum(x - length + 1, 0)]) > 0
    block = ink[rows]
    block[covered] = False
    ink[rows] = block


def _with_narrow_lines(rows: np.ndarray, bands: list[tuple[int, int]], typical: float) -> list[tuple[int, int]]:
    """`bands` with the lines of one short word added: a run of inked rows a glyph tall, with
    `_NARROW_ROW_INK` pixels in some row, that holds no band of line height. It replaces the
    fragments of it that passed the row share ("of" had come out as two slivers)."""
    out: list[tuple[int, int]] = []
    taken: set[tuple[int, int]] = set()
    for start, end in true_runs(rows > 0):
        if not _NARROW_BAND_SHARE * typical <= end - start <= _SPLIT_FACTOR * typical \
                or rows[start:end].max() < _NARROW_ROW_INK:
            continue
        inside = [b for b in bands if start <= b[0] and b[1] <= end]
        if all(e - s < _NARROW_BAND_SHARE * typical for s, e in inside):
            out.append((start, end))
            taken.update(inside)
    return sorted([b for b in bands if b not in taken] + out)


def _grown(rows: np.ndarray, bands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each band extended over the faint rows next to it (the tail of a ';', a '^', a descender),
    never past a blank row nor halfway to its neighbour."""
    grown = []
    for i, (start, end) in enumerate(bands):
        low = (bands[i - 1][1] + start + 1) // 2 if i else 0
        high = (end + bands[i + 1][0]) // 2 if i + 1 < len(bands) else len(rows)
        while start > low and rows[start - 1] > 0:
            start -= 1
        while end < high and rows[end] > 0:
            end += 1
        grown.append((start, end))
    return grown


def _split(rows: np.ndarray, band: tuple[int, int], typical: float) -> list[tuple[int, int]]:
    """Cut a band holding touching lines at its thinnest rows between line bodies."""
    start, end = band
    if end - start <= _SPLIT_FACTOR * typical:
        return [band]
    profile = rows[start:end].astype(np.float64)
    # Look for the thinnest row in the middle stretch of where the next line should begin.
    low, high = int(0.6 * typical), min(int(1.4 * typical), len(profile) - int(0.5 * typical))
    if high <= low:
        return [band]
    cut = low + int(np.argmin(profile[low:high]))
    if profile[cut] > 0.5 * profile.max():
        return [band]  # no thin row: one tall thing (a heading, a picture), judged by the caller
    return [(start, start + cut)] + _split(rows, (start + cut + 1, end), typical)


def _segments(band: np.ndarray, height: int) -> list[tuple[int, int]]:
    """Horizontal stretches of a band's ink, split at gaps wider than the segment gap."""
    columns = band.sum(axis=0)
    runs = true_runs(columns > 0)
    merged: list[list[int]] = []
    for left, right in runs:
        if merged and left - merged[-1][1] <= _SEGMENT_GAP * height:
            merged[-1][1] = right
        else:
            merged.append([left, right])
    floor = _MIN_SEGMENT_INK * height * height
    pieces = [piece for left, right in merged for piece in _without_leaders(band, left, right, height)]
    return [(left, right) for left, right in pieces if int(columns[left:right].sum()) >= floor]


def _without_leaders(band: np.ndarray, left: int, right: int, height: int) -> list[tuple[int, int]]:
    """A segment cut at its runs of leader dots or underscores ("KI-67 .......... 8%"): stretches of
    at least `_LEADER_RUN` band heights where no column has ink in the upper part of the band. The
    line recogniser reads nothing at all on some lines that are mostly dots."""
    tall = band[: max(1, int(_LEADER_TOP * band.shape[0])), left:right].any(axis=0)
    pieces, start = [], left
    for low_start, low_end in true_runs(~tall):
        if low_end - low_start >= _LEADER_RUN * height and low_start > 0 and low_end < right - left:
            pieces.append((start, left + low_start))
            start = left + low_end
    pieces.append((start, right))
    return pieces
