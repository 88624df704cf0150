"""A quick look at a page image before OCR (about 20 ms): its small skew, and whether its text
lines run sideways or upside down.

Recognising a page costs about a second; reading a tilted or turned page first and fixing it
afterwards costs a second recognition. The look works on a quarter-size, thresholded copy: the
skew is the angle whose row profile of ink is sharpest (text lines line up), a sideways page has
sharper columns than rows, and upside-down Latin text has more ink below its lines' x-height band
(descenders) than above it (ascenders). The OCR engine still checks the straightened page, so a
wrong guess here costs time, never text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from ingest.ocr.ink import otsu_threshold, true_runs

#: Reduction of the page for the look (300 DPI becomes 75 DPI: text lines stay apart).
_REDUCE = 4
#: Angles searched: a scan's tilt, not a turned page.
_MAX_SKEW, _COARSE_STEP, _FINE_STEP = 8.0, 0.5, 0.1
#: Fewer ink pixels than this (a blank or nearly blank page): nothing to judge.
_MIN_INK = 500
#: Ink pixels used at most (sampled): enough for a sharp profile, bounded cost.
_MAX_INK = 60_000
#: Rows sharper than columns by less than this factor: the lines may run sideways.
_SIDEWAYS_RATIO = 0.7
#: Ascender ink under this share of descender ink: the text may be upside down.
_UPSIDE_DOWN_RATIO = 0.6


@dataclass(frozen=True, slots=True)
class Survey:
    #: Degrees (counter-clockwise) that straighten the page's text lines.
    skew: float = 0.0
    #: The text lines probably run top to bottom: the page is turned 90 or 270 degrees.
    sideways: bool = False
    #: The text is probably upside down.
    upside_down: bool = False

    @property
    def turned(self) -> bool:
        return self.sideways or self.upside_down


def survey(image: Image.Image) -> Survey:
    """Look at a grayscale page image (dark text on light paper)."""
    xs, ys = _ink(image)
    if len(xs) < _MIN_INK:
        return Survey()
    skew, rows = _sharpest(xs, ys, -_MAX_SKEW, _MAX_SKEW, _COARSE_STEP)
    skew, rows = _sharpest(xs, ys, skew - _COARSE_STEP, skew + _COARSE_STEP, _FINE_STEP)
    if abs(skew) >= _MAX_SKEW:
        skew = 0.0  # the sharpest angle is at the edge of the search: not a tilt this look can measure
    _, columns = _sharpest(ys, xs, -_MAX_SKEW, _MAX_SKEW, _COARSE_STEP)
    sideways = rows < _SIDEWAYS_RATIO * columns
    upside_down = not sideways and _ascender_ratio(xs, ys, skew) < _UPSIDE_DOWN_RATIO
    return Survey(skew=round(skew, 2), sideways=sideways, upside_down=upside_down)


def _ink(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates of the dark pixels of a reduced copy (Otsu's threshold)."""
    small = np.asarray(image.reduce(_REDUCE), dtype=np.uint8)
    ys, xs = np.nonzero(small <= otsu_threshold(small))
    # Ink covering most of the page is not text on paper (a negative, a dark photo): no judgement.
    if len(xs) > 0.5 * small.size:
        return np.empty(0, np.float32), np.empty(0, np.float32)
    if len(xs) > _MAX_INK:
        keep = np.random.default_rng(0).choice(len(xs), _MAX_INK, replace=False)
        xs, ys = xs[keep], ys[keep]
    return xs.astype(np.float32), ys.astype(np.float32)


def _profile(xs: np.ndarray, ys: np.ndarray, degrees: float) -> np.ndarray:
    rows = ys - xs * np.float32(np.tan(np.radians(degrees)))
    return np.bincount((rows - rows.min()).astype(np.int32)).astype(np.float32)


def _sharpness(profile: np.ndarray) -> float:
    step = np.diff(profile)
    return float(np.dot(step, step))


def _sharpest(xs: np.ndarray, ys: np.ndarray, low: float, high: float, step: float) -> tuple[float, float]:
    """(angle, sharpness) of the sharpest row profile between `low` and `high` degrees."""
    best_angle, best = 0.0, -1.0
    for angle in np.arange(low, high + step / 2, step):
        value = _sharpness(_profile(xs, ys, float(angle)))
        if value > best:
            best_angle, best = float(angle), value
    return best_angle, best


def _ascender_ratio(xs: np.ndarray, ys: np.ndarray, skew: float) -> float:
    """Ink above the text lines' x-height bands over ink below them (high for upright Latin text)."""
    profile = _profile(xs, ys, skew)
    on = profile > 0.05 * profile.max()
    above = below = 0.0
    for start, end in true_runs(on):
        line = profile[start:end]
        if len(line) < 4:
            continue
        band = np.flatnonzero(line >= 0.5 * line.max())
        above += float(line[: band[0]].sum())
        below += float(line[band[-1] + 1:].sum())
    return above / max(below, 1.0)
