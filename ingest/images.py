"""Image uploads (PNG, JPEG, TIFF, WebP, HEIC): decode safely, one frame at a time, upright.

Pixel counts are checked from the header before anything is decoded; phone photos are decoded at
reduced size when they are larger than OCR needs, and EXIF orientation is applied.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps, UnidentifiedImageError

from ingest.errors import CorruptFile, DecompressionBomb, OncoguideError, TooManyPages, UnsupportedType
from ingest.messages import too_many_pages_message
from ingest.limits import Limits
from ingest.models import DocumentType
from ingest.ocr.page import OcrJob
from ingest.units import Failed, PageUnit

#: Exceptions Pillow raises on damaged or hostile files.
_PIL_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error, IndexError, KeyError,
               TypeError, UnidentifiedImageError)
#: EXIF orientation tag values → clockwise degrees `exif_transpose` turns the image.
EXIF_TURN = {3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270}
_FORMATS = {"png": ["PNG"], "jpeg": ["JPEG", "MPO"], "tiff": ["TIFF"], "webp": ["WEBP"], "heic": ["HEIF", "AVIF"]}
#: A US Letter page's long side in inches, to estimate the resolution of photos without one.
_PAGE_LONG_SIDE_IN = 11.0


@contextmanager
def decoding() -> Iterator[None]:
    """Translate Pillow's exceptions into ours, keeping the cause."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")  # damaged metadata
            yield
    except Image.DecompressionBombError as exc:
        raise DecompressionBomb() from exc
    except OncoguideError:
        raise
    except MemoryError as exc:
        raise DecompressionBomb() from exc
    except _PIL_ERRORS as exc:
        raise CorruptFile() from exc


def register_heif() -> None:
    try:
        import pillow_heif
    except ImportError as exc:
        raise UnsupportedType(
            "HEIC photos cannot be read on this installation. On the phone, export or share the photo as "
            "JPEG (or set the camera to 'Most Compatible'), then upload the JPEG."
        ) from exc
    pillow_heif.register_heif_opener()


def count_frames(image: Image.Image) -> int:
    return int(getattr(image, "n_frames", 1) or 1)


def image_units(data: bytes, kind: DocumentType, limits: Limits) -> tuple[int, Iterator[PageUnit]]:
    """Open an image upload; return its page count and a lazy iterator over its pages."""
    if kind == "heic":
        register_heif()
    with decoding():
        image = Image.open(io.BytesIO(data), formats=_FORMATS.get(kind))
        frames = count_frames(image)
    if frames > limits.max_pages:
        raise TooManyPages(too_many_pages_message(frames, limits.max_pages))
    return frames, _frames(image, frames, limits)


def _frames(image: Image.Image, frames: int, limits: Limits) -> Iterator[PageUnit]:
    try:
        for index in range(frames):
            try:
                yield _frame_job(image, index, limits)
            except OncoguideError as exc:
                yield Failed(index + 1, exc)
    finally:
        image.close()


def _frame_job(image: Image.Image, index: int, limits: Limits) -> OcrJob:
    with decoding():
        if index:
            image.seek(index)
        width, height = image.size
        if width * height > limits.max_image_pixels or width <= 0 or height <= 0:
            raise DecompressionBomb()
        if width * height > limits.max_ocr_pixels and image.format in ("JPEG", "MPO"):
            # JPEG decodes at 1/2, 1/4 or 1/8 scale for free: no full-size copy in memory.
            scale = math.sqrt(limits.max_ocr_pixels / (width * height))
            image.draft("L", (max(1, int(width * scale)), max(1, int(height * scale))))
        dpi = _source_dpi(image, width, height)
        exif_turn = EXIF_TURN.get(image.getexif().get(0x0112, 1), 0)
        frame = ImageOps.exif_transpose(image) if exif_turn else image
        frame = frame.convert("L")
        dpi = dpi * frame.width / (height if exif_turn in (90, 270) else width)
        pixels = frame.width * frame.height
        if pixels > limits.max_ocr_pixels:
            scale = math.sqrt(limits.max_ocr_pixels / pixels)
            frame = frame.resize((max(1, int(frame.width * scale)), max(1, int(frame.height * scale))),
                                 Image.Resampling.LANCZOS)
            dpi *= scale
    return OcrJob(number=index + 1, image=frame, dpi=max(int(round(dpi)), 70), rotation=exif_turn)


def _source_dpi(image: Image.Image, width: int, height: int) -> float:
    """The image's stated resolution when it describes a page-sized image, else an estimate that
    assumes the picture spans a Letter page (phone cameras write a meaningless 72)."""
    stated = image.info.get("dpi")
    try:
        dpi = float(stated[0]) if stated else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if 100 <= dpi <= 1200 and max(width, height) / dpi <= 20:
        return dpi
    return max(width, height) / _PAGE_LONG_SIDE_IN
