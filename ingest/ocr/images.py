"""Image helpers shared by the OCR engines."""

from __future__ import annotations

from PIL import Image


def straighten(image: Image.Image, degrees_ccw: float, *,
               resample: Image.Resampling = Image.Resampling.BICUBIC) -> Image.Image:
    """Turn a grayscale page by a small angle, filling the corners with white paper."""
    return image.rotate(degrees_ccw, resample=resample, fillcolor=255)


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """Turn a page by a multiple of 90 degrees clockwise."""
    transpose = {
        90: Image.Transpose.ROTATE_270,  # PIL names counter-clockwise turns
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }.get(clockwise % 360)
    return image.transpose(transpose) if transpose is not None else image


def half(image: Image.Image) -> Image.Image:
    """A half-size copy (a quarter of the pixels; 2x2 averages, about 3 ms a page), for the
    orientation detector and for reading lines of ordinary-sized text (`ingest.ocr.page`)."""
    return image.reduce(2)

