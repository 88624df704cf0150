"""Tesseract through its command-line binary (pytesseract): the fallback engine.

Slower (a process per page, about 1 s) and without layout hints, but needs only the binary.
Pages go to Tesseract as BMP files: handing pytesseract a PIL image makes it re-encode as PNG.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PIL import Image

from ingest.errors import OcrFailed, OcrUnavailable
from ingest.ocr.engine import OcrOutput, Orientation
from ingest.ocr.tsv import parse_tsv
from ingest.ocr.words import user_words_file

_INSTALL_HINT = "Install it with: sudo apt-get install -y tesseract-ocr"


class PytesseractEngine:
    name = "pytesseract"

    def __init__(self, lang: str = "eng") -> None:
        import pytesseract

        self._pt = pytesseract
        self._lang = lang
        try:
            languages = pytesseract.get_languages(config="")
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            raise OcrUnavailable(f"The Tesseract OCR program was not found. {_INSTALL_HINT}") from exc
        except pytesseract.TesseractError as exc:
            raise OcrUnavailable(f"The Tesseract OCR program does not run. {_INSTALL_HINT}") from exc
        if lang not in languages:
            raise OcrUnavailable(f"Tesseract's '{lang}' language data is missing. {_INSTALL_HINT}")
        self._has_osd = "osd" in languages

    def _run(self, image: Image.Image, func, config: str) -> str:
        with tempfile.TemporaryDirectory(prefix="oncoguide-ocr-") as tmp:
            path = Path(tmp) / "page.bmp"
            (image if image.mode == "L" else image.convert("L")).save(path)
            try:
                return func(str(path), lang=self._lang, config=config)
            except self._pt.TesseractNotFoundError as exc:
                raise OcrUnavailable(f"The Tesseract OCR program was not found. {_INSTALL_HINT}") from exc
            except (self._pt.TesseractError, OSError) as exc:
                raise OcrFailed() from exc

    def recognize(self, image: Image.Image, dpi: int, *, deskew_above: float | None = None) -> OcrOutput:
        tsv = self._run(image, self._pt.image_to_data, f"--dpi {int(dpi)} --psm 3 --user-words {user_words_file()}")
        return OcrOutput(parse_tsv(tsv))

    def detect_orientation(self, image: Image.Image, dpi: int) -> Orientation | None:
        if not self._has_osd:
            return None
        try:
            report = self._run(image, self._pt.image_to_osd, f"--dpi {int(dpi)} --psm 0")
        except OcrFailed:
            return None  # too few characters to tell
        rotate = re.search(r"Rotate:\s*(\d+)", report)
        confidence = re.search(r"Orientation confidence:\s*([\d.]+)", report)
        if not rotate:
            return None
        return Orientation(int(rotate.group(1)) % 360, float(confidence.group(1)) if confidence else 0.0)

    def close(self) -> None:
        """Nothing to release: each call runs its own process."""
