"""Small numpy helpers shared by the page survey and the line finder: which pixels are ink, and
where runs of True begin and end."""

from __future__ import annotations

import numpy as np


def otsu_threshold(pixels: np.ndarray) -> int:
    """Otsu's threshold of 8-bit gray pixels: values at or below it are ink (127 for a flat image)."""
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    p = hist / max(hist.sum(), 1.0)
    omega, mu = np.cumsum(p), np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mu[-1] * omega - mu) ** 2 / (omega * (1.0 - omega))
    return int(np.nanargmax(between)) if np.isfinite(between).any() else 127


def true_runs(on: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a 1-D array."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    return [(int(s), int(e)) for s, e in zip(edges[::2], edges[1::2])]
