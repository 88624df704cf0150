"""Page images of a PDF for display, and the one lock every PDFium call in the process takes.

PDFium (pypdfium2) is not thread-safe: no two of its calls may run at once, even on different
documents. Ingestion and the service's page images both go through `PDFIUM_LOCK`.
"""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
from PIL import Image

from ingest.errors import CorruptFile, PageTooLarge

#: Held around every PDFium call (re-entrant, so helpers may nest).
PDFIUM_LOCK = threading.RLock()
#: A page scaled down below this many pixels on a side is no longer legible: refused instead.
_MIN_SIDE_PX = 50


def render_page_image(data: bytes, number: int, *, dpi: float, max_pixels: int, gray: bool = False) -> Image.Image:
    """Page `number` (1-based) of the PDF `data` as PDFium draws it (its /Rotate applied) at `dpi`,
    scaled down to at most `max_pixels`. Raises `IndexError` when there is no such page,
    `CorruptFile` when PDFium cannot read the file or page, `PageTooLarge` when fitting the page into
    `max_pixels` would leave it under 50 pixels a side."""
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise CorruptFile() from exc
        try:
            if not 1 <= number <= len(pdf):
                raise IndexError(f"no page {number}")
            page = pdf[number - 1]
            try:
                width, height = page.get_size()  # points
                scale = dpi / 72.0
                pixels = width * scale * height * scale
                if pixels > max_pixels:
                    scale *= (max_pixels / pixels) ** 0.5 * 0.99  # the renderer rounds sizes up
                    if width * scale < _MIN_SIDE_PX or height * scale < _MIN_SIDE_PX:
                        raise PageTooLarge()
                bitmap = page.render(scale=scale, grayscale=gray)
                image = bitmap.to_pil()  # its pixels live in a Python-owned buffer the image keeps
                bitmap.close()  # releases PDFium's handle now, under the lock, not in a finalizer
                return image
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise CorruptFile() from exc
        finally:
            pdf.close()
