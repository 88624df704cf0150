"""Find the sheet of paper in a phone photo and flatten it, before the page is read.

A phone photo of a record shows the sheet on a darker desk, seen at an angle: its lines converge and
tilt differently at the top and the bottom, the desk around it is dark enough to count as ink, and the
light falls off across the page. Read as it is, the line finder refuses such a page and Tesseract's own
layout reads every table column as a block of its own ("Haemoglobin ... Platelet Count" and then the
values), which breaks each label from its value. Here the sheet is found as the largest bright region
that the desk surrounds, its four edges are fitted as straight lines, and the quadrilateral they make is
mapped back to a rectangle; the light is then evened out (each pixel divided by the paper's brightness
around it). The result reads like a scan: the line finder takes it and labels stay with their values.
A photo with no desk around the sheet (cropped to the paper, or filling the frame) has its light evened
out all the same when it falls off across the page (`light_is_uneven`).

A page that is not a sheet on a darker background (a scan, a screenshot, a photo cropped to the paper,
a sheet cut off by the frame, a curled or folded page whose outline is no quadrilateral) is left as it
is: `find_sheet` returns None, after about 5 ms for a scan (its border is paper, not desk).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter
from scipy import ndimage

from ingest.ocr.ink import otsu_threshold

#: The sheet is searched for on a copy about this many pixels on its long side.
_SEARCH_SIDE = 600
#: The ring of the image this share wide must be mostly desk: below the paper's brightness.
_RING_SHARE = 0.02
_MIN_DESK_IN_RING = 0.8
#: The sheet covers at least this share of the photo (a smaller bright thing is no page to read:
#: a label, a sticky note) and, at the most, this share (a sheet filling the frame needs no flattening).
_MIN_SHEET_SHARE, _MAX_SHEET_SHARE = 0.12, 0.97
#: The paper's median brightness above the desk's by at least this much (0-255).
_MIN_CONTRAST = 40
#: Boundary pixels within this many search pixels of an edge's first guess belong to that edge; an
#: edge is fitted on its middle (corners may be dog-eared or rounded).
_EDGE_BAND_PX = 4
_EDGE_MIDDLE = (0.15, 0.85)
#: The fitted quadrilateral's area must match the region's within this share: else the outline is
#: no quadrilateral (a curled, folded or partly covered sheet) and flattening it would bend text.
_MAX_AREA_MISFIT = 0.04
#: Corner angles outside this range (degrees): a view too oblique to trust.
_MIN_ANGLE, _MAX_ANGLE = 60.0, 120.0
#: Evening the light: the paper's brightness is estimated on a copy this many times smaller, with
#: text taken out by a maximum filter of this many of its pixels, then smoothed.
_LIGHT_REDUCE = 16
_LIGHT_MAX_FILTER = 5
_LIGHT_BLUR = 2.0
#: Paper whose darkest part is under this share of its brightest is lit unevenly (scans: above 0.98;
#: photos cropped to the sheet: 0.8-0.92 as the light falls off).
_UNEVEN_LIGHT = 0.9


@dataclass(frozen=True, slots=True)
class Sheet:
    """The sheet's corners, top-left, top-right, bottom-right, bottom-left, as (x, y) fractions of
    the width and height of the image it was found in (so they hold at any scale of that image)."""

    corners: tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]

    def flat(self) -> list[float]:
        """The corners as eight numbers, x then y of each, for storing on a page."""
        return [round(v, 5) for corner in self.corners for v in corner]

    @classmethod
    def from_flat(cls, values: list[float]) -> Sheet:
        if len(values) != 8:
            raise ValueError("a sheet has four corners, eight numbers")
        xs, ys = values[0::2], values[1::2]
        return cls(tuple(zip(xs, ys)))  # type: ignore[arg-type]

    def in_pixels(self, width: int, height: int) -> np.ndarray:
        return np.array([(x * width, y * height) for x, y in self.corners], dtype=np.float64)

    def sides(self, width: int, height: int) -> tuple[float, float]:
        """The sheet's width and height in pixels of a `width` x `height` image: each the mean of its
        two opposite edges."""
        tl, tr, br, bl = self.in_pixels(width, height)
        across = (np.hypot(*(tr - tl)) + np.hypot(*(br - bl))) / 2
        down = (np.hypot(*(bl - tl)) + np.hypot(*(br - tr))) / 2
        return float(across), float(down)

    def long_side_share(self, width: int, height: int) -> float:
        """How long the sheet's longer side is against the image's longer side."""
        return max(self.sides(width, height)) / max(width, height)


def find_sheet(image: Image.Image) -> Sheet | None:
    """The sheet of paper a photo shows on a darker background, or None (see the module's notes)."""
    scale = max(1, round(max(image.size) / _SEARCH_SIDE))
    small = np.asarray(image.reduce(scale) if scale > 1 else image, dtype=np.uint8)
    height, width = small.shape
    threshold = otsu_threshold(small[::2, ::2])
    bright = small > threshold
    ring = max(2, int(_RING_SHARE * min(width, height)))
    border = np.concatenate([bright[:ring].ravel(), bright[-ring:].ravel(),
                             bright[:, :ring].ravel(), bright[:, -ring:].ravel()])
    if 1.0 - border.mean() < _MIN_DESK_IN_RING:
        return None  # the border is paper (a scan), or the sheet runs out of the frame
    labels, count = ndimage.label(bright)
    if count == 0:
        return None
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    region = ndimage.binary_fill_holes(labels == int(sizes.argmax()))
    share = float(region.mean())
    if not _MIN_SHEET_SHARE <= share <= _MAX_SHEET_SHARE:
        return None
    if region[0].any() or region[-1].any() or region[:, 0].any() or region[:, -1].any():
        return None  # cut off by the frame: its outline is not the sheet's
    if float(np.median(small[region])) - float(np.median(small[~region])) < _MIN_CONTRAST:
        return None
    corners = _fitted_corners(region)
    if corners is None or not _is_plausible(corners, float(region.sum())):
        return None
    # Search pixels to fractions; a search pixel stands for `scale` pixels, centred.
    full_w, full_h = width * scale, height * scale
    fractions = tuple((float((x + 0.5) * scale / full_w), float((y + 0.5) * scale / full_h)) for x, y in corners)
    return Sheet(fractions)  # type: ignore[arg-type]


def flatten(image: Image.Image, sheet: Sheet) -> Image.Image:
    """The sheet mapped to an upright rectangle as large as its outline, the light evened out."""
    corners = sheet.in_pixels(image.width, image.height)
    width, height = (max(1, int(round(side))) for side in sheet.sides(image.width, image.height))
    target = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    coefficients = perspective_coefficients(target, corners)
    fill = 255 if image.mode == "L" else (255,) * len(image.getbands())
    flat = image.transform((width, height), Image.Transform.PERSPECTIVE, coefficients,
                           Image.Resampling.BICUBIC, fillcolor=fill)
    return even_light(flat) if flat.mode == "L" else flat


def light_is_uneven(image: Image.Image) -> bool:
    """Whether the paper of a grayscale page is lit unevenly enough to even out (a photo, cropped to the
    sheet or filling the frame, darker towards one side): its darkest paper under `_UNEVEN_LIGHT` of its
    brightest. A scan's paper varies by a level or two (about 2 ms to tell)."""
    paper = np.asarray(_paper_brightness(image), dtype=np.float32)
    darkest, brightest = np.percentile(paper, (2, 98))
    return bool(brightest > 0 and darkest < _UNEVEN_LIGHT * brightest)


def even_light(image: Image.Image) -> Image.Image:
    """A grayscale page with each pixel divided by the paper's brightness around it: shadows and the
    fall-off of a phone's light no longer darken the paper into ink."""
    paper = _paper_brightness(image)
    background = np.asarray(paper.resize(image.size, Image.Resampling.BILINEAR), dtype=np.float32)
    pixels = np.asarray(image, dtype=np.float32)
    evened = pixels * 255.0 / np.maximum(background, 1.0)
    return Image.fromarray(np.clip(evened, 0, 255).astype(np.uint8), "L")


def _paper_brightness(image: Image.Image) -> Image.Image:
    """The paper's brightness around each point, on a copy `_LIGHT_REDUCE` times smaller: the text taken
    out by a maximum filter (paper is the brightest thing near any letter), then smoothed."""
    small = image.reduce(_LIGHT_REDUCE) if min(image.size) >= 4 * _LIGHT_REDUCE else image
    return small.filter(ImageFilter.MaxFilter(_LIGHT_MAX_FILTER)).filter(ImageFilter.GaussianBlur(_LIGHT_BLUR))


def _fitted_corners(region: np.ndarray) -> np.ndarray | None:
    """The corners where the region's four fitted edges meet, or None when an edge has too few
    boundary pixels to fit. First guesses are the boundary's extremes along the diagonals (a sheet
    seen within about 30 degrees of upright); each edge is then fitted by least squares to the
    boundary pixels along the middle of the guess, so a dog-eared corner does not pull it."""
    edge = region & ~ndimage.binary_erosion(region)
    ys, xs = np.nonzero(edge)
    points = np.stack([xs, ys], axis=1).astype(np.float64)
    plus, minus = xs + ys, xs - ys
    guess = [points[plus.argmin()], points[minus.argmax()], points[plus.argmax()], points[minus.argmin()]]
    lines = []
    for index in range(4):
        start, end = guess[index], guess[(index + 1) % 4]
        direction = end - start
        length = float(np.hypot(*direction))
        if length < 10:
            return None
        unit = direction / length
        normal = np.array([-unit[1], unit[0]])
        relative = points - start
        along, off = relative @ unit, relative @ normal
        keep = ((np.abs(off) < _EDGE_BAND_PX) & (along > _EDGE_MIDDLE[0] * length)
                & (along < _EDGE_MIDDLE[1] * length))
        if keep.sum() < 10:
            return None
        chosen = points[keep]
        centre = chosen.mean(axis=0)
        _, _, axes = np.linalg.svd(chosen - centre)
        lines.append((centre, axes[0]))
    corners = []
    for index in range(4):
        (c1, d1), (c2, d2) = lines[index - 1], lines[index]
        matrix = np.array([d1, -d2]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            return None  # parallel neighbours: no corner
        t = np.linalg.solve(matrix, c2 - c1)
        corners.append(c1 + t[0] * d1)
    return np.array(corners)


def _is_plausible(corners: np.ndarray, region_area: float) -> bool:
    x, y = corners[:, 0], corners[:, 1]
    area = 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))
    if abs(area / max(region_area, 1.0) - 1.0) > _MAX_AREA_MISFIT:
        return False
    for index in range(4):
        a = corners[index - 1] - corners[index]
        b = corners[(index + 1) % 4] - corners[index]
        cosine = float(a @ b / max(np.hypot(*a) * np.hypot(*b), 1e-9))
        if not _MIN_ANGLE <= np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))) <= _MAX_ANGLE:
            return False
    return True


def perspective_coefficients(target: Sequence[tuple[float, float]],
                             source: Sequence[tuple[float, float]] | np.ndarray) -> tuple[float, ...]:
    """PIL's eight perspective coefficients: for each output pixel (a target point), where to take it
    from in the photo (the matching source point)."""
    rows, values = [], []
    for (x, y), (sx, sy) in zip(target, source):
        rows.append([x, y, 1.0, 0.0, 0.0, 0.0, -sx * x, -sx * y])
        values.append(sx)
        rows.append([0.0, 0.0, 0.0, x, y, 1.0, -sy * x, -sy * y])
        values.append(sy)
    return tuple(float(v) for v in np.linalg.solve(np.array(rows), np.array(values)))
