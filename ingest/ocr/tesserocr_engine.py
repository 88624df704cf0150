"""Tesseract in-process through tesserocr: the fast engine.

One `PyTessBaseAPI` per concurrent caller (tesserocr releases the GIL while recognising, so
threads run in parallel); idle API objects are kept in a pool and reused across pages and documents,
since initialising one costs about 80 ms.
"""

from __future__ import annotations

import math
import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PIL import Image

from ingest.errors import OcrFailed, OcrUnavailable
from ingest.layout import Line, RawWord, mark_paragraphs
from ingest.ocr.engine import OcrOutput, Orientation
from ingest.ocr.images import straighten
from ingest.ocr.lines import TextLine
from ingest.ocr.tsv import parse_tsv
from ingest.ocr.words import user_words_file

_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
_INSTALL_HINT = "Install Tesseract and its English data with: sudo apt-get install -y tesseract-ocr"
#: Writing direction reported by the layout pass for vertical text lines.
_TOP_TO_BOTTOM = 2
#: Beyond this the layout's skew estimate is not a scan's small tilt; leave it to orientation.
_MAX_SKEW = 10.0
#: Line pieces are narrowed to this share of their width before recognition. The line recogniser
#: scales each line to a fixed height and spends its time per column, so a narrower line costs
#: less; at 0.8 the text reads like a condensed font (bench: 17-22 % less CPU a page at the same
#: character error rate; 0.7 began to cost accuracy).
LINE_SQUEEZE = 0.8


def find_tessdata(lang: str = "eng") -> str | None:
    """The tessdata directory holding `lang`: TESSDATA_PREFIX if set, else Debian's locations."""
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    candidates += list(_TESSDATA_DIRS)
    for directory in candidates:
        for path in (Path(directory), Path(directory) / "tessdata"):
            if (path / f"{lang}.traineddata").is_file():
                return str(path) + os.sep
    return None


class TesserocrEngine:
    name = "tesserocr"

    def __init__(self, tessdata: str | None = None, lang: str = "eng") -> None:
        try:
            import tesserocr
        except ImportError as exc:  # the wheel is a dependency, but a broken install is possible
            raise OcrUnavailable(f"The tesserocr package is not installed. {_INSTALL_HINT}") from exc
        self._tesserocr = tesserocr
        self._path = tessdata or find_tessdata(lang)
        if self._path is None:
            raise OcrUnavailable(f"Tesseract's English language data was not found. {_INSTALL_HINT}")
        self._lang = lang
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._idle_osd: queue.SimpleQueue = queue.SimpleQueue()
        self._idle_lines: queue.SimpleQueue = queue.SimpleQueue()
        self._all: list = []
        self._lock = threading.Lock()
        self._closed = False
        self._idle.put(self._new_api(osd=False))  # fail now, not on the first page

    def _new_api(self, *, osd: bool, lines: bool = False):
        tesserocr = self._tesserocr
        lang = "osd" if osd else self._lang
        # One text line for line-by-line reading: mode 7 finds the line's own ink inside the
        # margin; mode 13 (raw line) was as fast but reads marks into blank margins ('_', '~').
        psm = tesserocr.PSM.OSD_ONLY if osd else tesserocr.PSM.SINGLE_LINE if lines else tesserocr.PSM.AUTO
        variables = {} if osd else {"user_words_file": user_words_file()}  # read at init only
        try:
            api = tesserocr.PyTessBaseAPI(path=self._path, lang=lang, psm=psm, variables=variables)
        except RuntimeError as exc:
            raise OcrUnavailable(f"Tesseract could not load its '{lang}' language data. {_INSTALL_HINT}") from exc
        with self._lock:
            self._all.append(api)
        return api

    @contextmanager
    def _api(self, *, osd: bool = False, lines: bool = False) -> Iterator[object]:
        if self._closed:
            raise OcrUnavailable("The OCR engine was closed; start a new one.")
        pool = self._idle_osd if osd else self._idle_lines if lines else self._idle
        try:
            api = pool.get_nowait()
        except queue.Empty:
            api = self._new_api(osd=osd, lines=lines)
        try:
            yield api
        finally:
            api.Clear()
            pool.put(api)

    @staticmethod
    def _set_image(api, image: Image.Image, dpi: int) -> None:
        gray = image if image.mode == "L" else image.convert("L")
        # Raw bytes: handing tesserocr a PIL image makes it re-encode the page (about 0.15 s).
        api.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)
        api.SetSourceResolution(int(dpi))

    def recognize(self, image: Image.Image, dpi: int, *, deskew_above: float | None = None) -> OcrOutput:
        # Recognize releases the GIL; AnalyseLayout does not, so the layout (orientation, skew) is
        # read from the recognised page and a skewed page is recognised a second time, straightened.
        with self._api() as api:
            try:
                self._set_image(api, image, dpi)
                api.Recognize()
                vertical, angle = self._layout(api)
                skew = 0.0
                if deskew_above is not None and not vertical and deskew_above < abs(angle) < _MAX_SKEW:
                    skew = angle
                    self._set_image(api, straighten(image, angle), dpi)
                    api.Recognize()
                tsv = api.GetTSVText(0) or ""
            except RuntimeError as exc:
                raise OcrFailed() from exc
        return OcrOutput(parse_tsv(tsv), vertical_text=vertical, skew=round(skew, 2))

    def read_lines(self, image: Image.Image, dpi: int, lines: list[TextLine]) -> OcrOutput:
        """Recognise each segment of `lines` (found by `ingest.ocr.lines.find_lines` on this
        image) as one text line, cut out with a margin and narrowed (`LINE_SQUEEZE`), skipping
        Tesseract's page layout analysis."""
        level = self._tesserocr.RIL.WORD
        page = np.asarray(image if image.mode == "L" else image.convert("L"), dtype=np.uint8)
        # Each piece's paper (the page's median) and its grain made white, darker levels stretched: on
        # a grey, grainy page the recogniser took some short pieces for light text on dark and read
        # them inverted ("118" as "ENS", "112 L" as "a2 Es"). Margins are white too, so no edge
        # shows where a margin meets the paper.
        white = _PAPER_TO_WHITE[int(np.median(page[::4, ::4]))]
        out: list[Line] = []
        with self._api(lines=True) as api:
            try:
                for text_line in lines:
                    line = Line()
                    across, down = text_line.margin
                    for left, top, right, bottom in text_line.segments:
                        piece = white[page[top:bottom, left:right]]
                        crop = np.full((piece.shape[0] + 2 * down, piece.shape[1] + 2 * across), 255, np.uint8)
                        crop[down:down + piece.shape[0], across:across + piece.shape[1]] = piece
                        crop = _squeezed(crop)
                        api.SetImageBytes(crop.tobytes(), crop.shape[1], crop.shape[0], 1, crop.shape[1])
                        api.SetSourceResolution(int(dpi))
                        api.Recognize()
                        line.words.extend(_words(api.GetIterator(), level, left - across, top - down,
                                                 x_scale=(piece.shape[1] + 2 * across) / crop.shape[1],
                                                 ink=_ink_columns(crop, 255)))
                    if line.words:
                        out.append(line)
            except RuntimeError as exc:
                raise OcrFailed() from exc
        mark_paragraphs(out)
        return OcrOutput(out)

    @staticmethod
    def _layout(api) -> tuple[bool, float]:
        """(vertical text lines found, skew in degrees counter-clockwise to straighten)."""
        iterator = api.GetIterator()
        if iterator is None:
            return False, 0.0
        _, writing_direction, _, deskew_radians = iterator.Orientation()
        return writing_direction == _TOP_TO_BOTTOM, math.degrees(deskew_radians)

    def detect_orientation(self, image: Image.Image, dpi: int) -> Orientation | None:
        with self._api(osd=True) as api:
            try:
                self._set_image(api, image, dpi)
                result = api.DetectOrientationScript()
            except RuntimeError:
                return None  # too little text to tell: not an error
        if not result:
            return None
        # orient_deg is how far the image is turned clockwise; turning it back is the complement.
        return Orientation((360 - int(result["orient_deg"])) % 360, float(result["orient_conf"]))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            apis, self._all = self._all, []
        for api in apis:
            api.End()


#: Gray levels within this much of the paper's (the page's median) are paper: its grain and noise.
_PAPER_GRAIN = 20
#: For each paper level, the lookup table that makes paper and its grain white (255) and stretches
#: the darker levels in proportion.
_PAPER_TO_WHITE = [np.clip(np.arange(256) * (255.0 / max(level - _PAPER_GRAIN, 1)), 0, 255).astype(np.uint8)
                   for level in range(256)]


def _squeezed(crop: np.ndarray) -> np.ndarray:
    """`crop` narrowed to `LINE_SQUEEZE` of its width (height kept)."""
    width = max(1, round(crop.shape[1] * LINE_SQUEEZE))
    if width == crop.shape[1]:
        return crop
    return np.asarray(Image.fromarray(crop).resize((width, crop.shape[0]), Image.BILINEAR))


def _ink_columns(crop: np.ndarray, paper: int) -> np.ndarray:
    """Which columns of `crop` hold ink: darker than halfway from the paper to its darkest pixel."""
    darkest = crop.min(axis=0)
    return darkest < (paper + int(darkest.min())) / 2


def _words(iterator, level, dx: int, dy: int, x_scale: float = 1.0,
           ink: np.ndarray | None = None) -> list[RawWord]:
    """The recognised words of one segment with their boxes and confidences, boxes in page pixels
    (widened by x_scale, moved by dx, dy). On a narrowed piece the recogniser's word ends can reach
    into the space after a word or over the next word, so with `ink` each box is first cut at the
    next word's start and tightened to the ink columns it spans."""
    found: list[tuple[str, list[int], float]] = []
    if iterator is not None:
        while True:
            try:
                text = iterator.GetUTF8Text(level)
            except RuntimeError:  # "No text returned": a speck or a stroke recognised as nothing
                text = None
            box = iterator.BoundingBox(level)
            if text and text.strip() and box is not None:
                confidence = min(max(iterator.Confidence(level) / 100.0, 0.0), 1.0)
                found.append((text, list(box), confidence))
            if not iterator.Next(level):
                break
    if ink is not None:
        for (_, box, _), (_, after, _) in zip(found, found[1:]):
            if box[0] < after[0] < box[2]:
                box[2] = after[0]
        for _, box, _ in found:
            start = max(box[0], 0)
            inked = np.flatnonzero(ink[start:max(box[2], start)])
            if inked.size:
                box[0], box[2] = start + int(inked[0]), start + int(inked[-1]) + 1
    return [RawWord(text, left * x_scale + dx, float(top + dy), right * x_scale + dx, float(bottom + dy), confidence)
            for text, (left, top, right, bottom), confidence in found]
