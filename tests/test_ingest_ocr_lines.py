"""Pages read line by line: the line finder (`ingest.ocr.lines`) on drawn pages, and the OCR path
that uses it (`ingest.ocr.page`) against Tesseract's own page layout."""

from __future__ import annotations

import io
import re

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from ingest.ocr.fake import CountingEngine
from ingest.ocr.images import half
from ingest.ocr.lines import _erase_horizontal_rules, _full_windows, find_lines
from ingest.ocr.page import OcrJob, ocr_page
from ingest.synth import cer, degrade, rasterize, report_pages, ruled_table_pdf, text_pdf
from tests.ocr_helpers import real_engine

LINES = report_pages(pages=1, lines_per_page=14, seed=11)[0]


def _page(lines=LINES, **draw) -> Image.Image:
    return half(rasterize(text_pdf([lines], **draw), dpi=300)[0].convert("L"))


def test_each_text_line_is_found_once_top_to_bottom() -> None:
    found = find_lines(_page())
    assert found is not None and len(found) == len(LINES)
    tops = [line.segments[0][1] for line in found]
    assert tops == sorted(tops)
    for line in found:
        for left, top, right, bottom in line.segments:
            assert 0 <= left < right and 0 <= top < bottom


def test_a_wide_gap_splits_a_line_into_segments_and_word_gaps_do_not() -> None:
    lines = ["Patient: Ada Example", "Result:                                                  positive",
             "Ordinary words with single spaces between them", "Another plain line of text here"]
    found = find_lines(_page(lines))
    assert found is not None
    assert [len(line.segments) for line in found] == [1, 2, 1, 1]


def test_a_horizontal_rule_is_not_a_text_line() -> None:
    page = _page()
    ruled = page.copy()
    draw = ImageDraw.Draw(ruled)
    plain = find_lines(page)
    gap_top = plain[2].segments[0][3] + 2  # the gap under the third line
    draw.rectangle((40, gap_top, ruled.width - 40, gap_top + 1), fill=0)
    found = find_lines(ruled)
    assert found is not None and len(found) == len(plain)


def test_pages_that_are_not_lines_of_text_are_left_to_the_page_layout() -> None:
    blank = Image.new("L", (1275, 1650), 255)
    black = Image.new("L", (1275, 1650), 0)
    table = half(rasterize(ruled_table_pdf(), dpi=300)[0].convert("L"))
    picture = _page()
    ImageDraw.Draw(picture).ellipse((200, 700, 1000, 1500), fill=60)
    assert find_lines(blank) is None
    assert find_lines(black) is None
    assert find_lines(table) is None  # vertical rules: a table
    assert find_lines(picture) is None


def _drawn(blocks: list[tuple[list[str], float]]) -> Image.Image:
    """A half-size page of text blocks, each (lines, leading as a share of the font size)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    y = 740.0
    for lines, leading in blocks:
        text = c.beginText(60, y)
        text.setFont("Helvetica", 11)
        text.setLeading(11 * leading)
        for line in lines:
            text.textLine(line)
        c.drawText(text)
        y -= 11 * leading * len(lines) + 11 * 1.45
    c.showPage()
    c.save()
    return half(rasterize(buf.getvalue(), dpi=300)[0].convert("L"))


def _blank_rows(page: Image.Image) -> np.ndarray:
    rows = (np.asarray(page) < 200).sum(axis=1)
    first, last = np.flatnonzero(rows)[[0, -1]]
    return rows[first:last] == 0


def test_lines_that_touch_are_cut_apart() -> None:
    """A descender touching the next line's capitals leaves no blank row between two lines."""
    touching = ["Quigley pygmy gypsy jogging", "Bold Hills fly high Kdlbt"]
    page = _drawn([(LINES[:8], 1.45), (touching, 0.9), (LINES[8:12], 1.45)])
    found = find_lines(page)
    assert found is not None and len(found) == 14


def test_a_page_of_lines_that_all_touch_is_left_to_the_page_layout() -> None:
    """With no line standing alone there is no line height to cut by."""
    lines = ["Quigley pygmy gypsy jogging" if i % 2 else "Bold Hills fly high Kdlbt" for i in range(10)]
    page = _drawn([(lines, 0.9)])
    assert not _blank_rows(page).any()
    assert find_lines(page) is None


@settings(max_examples=60, deadline=None)
@given(arrays(np.bool_, st.tuples(st.integers(1, 12), st.integers(1, 40))), st.integers(1, 15),
       st.sampled_from([0, 1]))
def test_full_windows_matches_a_plain_count(ink: np.ndarray, length: int, axis: int) -> None:
    size = ink.shape[axis]
    got = _full_windows(ink, length, axis)
    expected_shape = list(ink.shape)
    expected_shape[axis] = max(size - length + 1, 0)
    assert list(got.shape) == expected_shape
    for index in np.ndindex(*got.shape):
        window = [list(index) for _ in range(length)]
        for k in range(length):
            window[k][axis] += k
        assert got[index] == all(ink[tuple(w)] for w in window)


@settings(max_examples=60, deadline=None)
@given(arrays(np.bool_, st.tuples(st.integers(1, 8), st.integers(1, 40))), st.integers(2, 12))
def test_rule_erasing_clears_exactly_the_long_runs(ink: np.ndarray, length: int) -> None:
    erased = ink.copy()
    _erase_horizontal_rules(erased, length)
    for y in range(ink.shape[0]):
        x = 0
        while x < ink.shape[1]:
            if not ink[y, x]:
                assert not erased[y, x]
                x += 1
                continue
            end = x
            while end < ink.shape[1] and ink[y, end]:
                end += 1
            assert erased[y, x:end].all() == (end - x < length) and erased[y, x:end].any() == (end - x < length)
            x = end


# --- with Tesseract ---------------------------------------------------------------------------------

REFERENCE = "\n".join(LINES)


@pytest.mark.ocr
def test_a_clean_page_is_read_line_by_line_as_well_as_with_the_page_layout() -> None:
    engine = CountingEngine(real_engine())
    image = rasterize(text_pdf([LINES]), dpi=300)[0]
    by_lines = ocr_page(engine, OcrJob(1, image, 300))
    assert engine.line_readings == 1
    whole = engine.engine.recognize(image.convert("L"), 300)
    from ingest.layout import compose

    whole_text, _ = compose(whole.lines)
    assert cer(by_lines.text, REFERENCE) <= cer(whole_text, REFERENCE) + 0.002
    assert cer(by_lines.text, REFERENCE) < 0.01, by_lines.text
    # Boxes come back in the pixels of the page as rendered, each word inside its page.
    assert (by_lines.width, by_lines.height) == image.size
    for word in by_lines.words:
        assert by_lines.text[word.start:word.end] == word.text
        assert 0 <= word.x0 < word.x1 <= by_lines.width and 0 <= word.y0 < word.y1 <= by_lines.height
    # Boxes are scaled back from the half-size copy: the first line sits near the top of the page.
    first = next(w for w in by_lines.words if w.text.startswith("SURGICAL") or w.text.startswith("Patient"))
    assert first.y1 < 0.15 * by_lines.height
    # ...and widened back from the narrowed line pieces: each word the page layout also read once
    # sits where the page layout put it, to within 4 pixels at 300 DPI.
    seen = Counter(w.text for line in whole.lines for w in line.words)
    layout = {w.text: w for line in whole.lines for w in line.words if seen[w.text] == 1}
    matched = [(w, layout[w.text]) for w in by_lines.words if w.text in layout]
    assert len(matched) > 0.5 * len(layout)
    for word, reference in matched:
        assert abs(word.x0 - reference.x0) <= 4 and abs(word.x1 - reference.x1) <= 4, (word, reference)


@pytest.mark.ocr
def test_a_ruled_table_still_reads_through_the_page_layout() -> None:
    image = rasterize(ruled_table_pdf(), dpi=300)[0]
    engine = CountingEngine(real_engine())
    page = ocr_page(engine, OcrJob(1, image, 300))
    assert engine.line_readings == 0 and engine.recognitions == 1
    assert "COMPLETE BLOOD COUNT" in page.text and "Platelets" in page.text and "0.82" in page.text


class _NoOrientation(CountingEngine):
    """Counts how often the orientation detector is asked."""

    def __init__(self, engine) -> None:
        super().__init__(engine)
        self.asked = 0

    def detect_orientation(self, image, dpi):
        self.asked += 1
        return self.engine.detect_orientation(image, dpi)


@pytest.mark.ocr
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_turned_page_of_ordinary_text_is_turned_without_the_orientation_detector(turn: int) -> None:
    engine = _NoOrientation(real_engine())
    image = degrade(rasterize(text_pdf([LINES]), dpi=300)[0], turn=turn)
    page = ocr_page(engine, OcrJob(1, image, 300))
    assert page.rotation == (360 - turn) % 360
    assert cer(page.text, REFERENCE) < 0.01, page.text
    assert engine.asked == 0 and engine.recognitions == engine.line_readings == 1


@pytest.mark.ocr
def test_an_upright_all_capitals_page_is_never_turned() -> None:
    """Capitals have no ascenders or descenders to tell up from down by."""
    lines = [line.upper() for line in LINES]
    page = ocr_page(real_engine(), OcrJob(1, rasterize(text_pdf([lines]), dpi=300)[0], 300))
    assert page.rotation == 0
    assert cer(page.text, "\n".join(lines)) < 0.01, page.text


@pytest.mark.ocr
@pytest.mark.parametrize("font_size, dpi", [(8, 300), (11, 200), (14, 300)])
def test_small_large_and_low_resolution_text_reads_line_by_line(font_size: int, dpi: int) -> None:
    """8-point text is read from the full-size page (too small on the half-size copy), 200 DPI
    likewise; 14-point text from the half-size copy."""
    engine = CountingEngine(real_engine())
    page = ocr_page(engine, OcrJob(1, rasterize(text_pdf([LINES], font_size=font_size), dpi=dpi)[0], dpi))
    assert cer(page.text, REFERENCE) < 0.01, page.text
    assert engine.recognitions == engine.line_readings == 1


class _Iterator:
    """Tesseract's result iterator over (text, box) words; a text of None raises as Tesseract's
    does for a piece it recognised as nothing ("No text returned")."""

    def __init__(self, words) -> None:
        self.words, self.at = words, 0

    def GetUTF8Text(self, level):  # noqa: N802 (Tesseract's names)
        text = self.words[self.at][0]
        if text is None:
            raise RuntimeError("No text returned")
        return text

    def BoundingBox(self, level):  # noqa: N802
        return self.words[self.at][1]

    def Confidence(self, level):  # noqa: N802
        return 90.0

    def Next(self, level):  # noqa: N802
        self.at += 1
        return self.at < len(self.words)


def test_a_piece_read_as_nothing_is_skipped_not_a_failed_page() -> None:
    from ingest.ocr.tesserocr_engine import _words

    words = list(_words(_Iterator([(None, (0, 0, 5, 5)), ("ANC", (10, 2, 40, 20)), (None, (50, 2, 52, 4))]),
                        level=3, dx=100, dy=7))
    assert [(w.text, w.x0, w.y0, w.x1, w.y1) for w in words] == [("ANC", 110.0, 9.0, 140.0, 27.0)]


def test_word_boxes_from_a_narrowed_piece_are_cut_at_the_next_word_tightened_and_widened_back() -> None:
    from ingest.ocr.tesserocr_engine import _words

    ink = np.zeros(80, dtype=bool)
    ink[10:30] = ink[40:44] = ink[60:70] = True  # "Page", "1", "of": three runs of ink
    # The recogniser's "Page" runs over the space and into "1"; "of" has blank paper either side.
    iterator = _Iterator([("Page", (9, 2, 42, 20)), ("1", (40, 2, 44, 20)), ("of", (56, 2, 75, 20))])
    words = _words(iterator, level=3, dx=100, dy=7, x_scale=1.25, ink=ink)
    assert [(w.text, w.x0, w.x1) for w in words] == [("Page", 112.5, 137.5), ("1", 150.0, 155.0),
                                                     ("of", 175.0, 187.5)]


@pytest.mark.ocr
@pytest.mark.parametrize("tilt", [-2.0, 3.5])
def test_tilted_lines_are_not_cut_by_hand_when_straightening_is_off(tilt: float) -> None:
    """Unstraightened, a tilted page's lines overlap: the page layout reads it instead."""
    engine = CountingEngine(real_engine())
    image = degrade(rasterize(text_pdf([LINES]), dpi=300)[0], seed=1, tilt=tilt, blur=0.6, noise=15)
    page = ocr_page(engine, OcrJob(1, image, 300), deskew_above=None)
    assert engine.line_readings == 0 and page.words


def test_lines_that_the_survey_missed_the_tilt_of_are_not_cut() -> None:
    """Cut straight across, tilted lines would be read in pieces of two lines: none are found."""
    straight = rasterize(text_pdf([report_pages(pages=1, lines_per_page=34, seed=6)[0]]), dpi=300)[0]
    for tilt in (1.0, 2.0, 3.5):
        assert find_lines(half(degrade(straight, seed=1, tilt=tilt).convert("L"))) is None, tilt
    assert len(find_lines(half(straight.convert("L")))) == 34


def test_a_line_of_one_short_word_is_found_between_full_lines() -> None:
    # Session 11: a lone "0" or "of" holds too little ink per row beside full lines for the row
    # share; it had been dropped (a lost "HER2 score:\n0", a blank line cutting "no evidence of").
    full = LINES[:6]
    lines = [full[0], full[1], "HER2 IHC score:", "0", full[2], "no evidence", "of", full[3], "3+", full[4], full[5]]
    found = find_lines(_page(lines))
    assert found is not None and len(found) == len(lines)


@pytest.mark.ocr
def test_lone_short_lines_are_read() -> None:
    full = LINES[:6]
    lines = [full[0], full[1], "HER2 IHC score:", "0", full[2], "Histologic grade:", "3", full[3], "no evidence", "of",
             full[4], full[5]]
    page = ocr_page(real_engine(), OcrJob(1, rasterize(text_pdf([lines]), dpi=300)[0], 300))
    assert "HER2 IHC score:\n0\n" in page.text and "grade:\n3\n" in page.text and "no evidence\nof\n" in page.text


def test_leader_dots_are_cut_out_of_a_line() -> None:
    # Session 11: Tesseract read nothing at all of "KI-67 ........................... 8%"; the dots
    # are cut out and the words around them read as pieces of one line.
    full = LINES[:6]
    lines = [*full[:3], "KI-67 ........................... 8%", *full[3:]]
    found = find_lines(_page(lines))
    assert found is not None and len(found) == len(lines)
    leader = found[3]
    assert len(leader.segments) == 2
    words = sum(len(line.segments) for line in found if line is not leader)
    assert words == len(found) - 1  # the other lines stay whole


@pytest.mark.ocr
def test_a_line_of_leader_dots_is_read() -> None:
    full = LINES[:6]
    lines = [*full[:3], "KI-67 ........................... 8%", *full[3:]]
    page = ocr_page(real_engine(), OcrJob(1, rasterize(text_pdf([lines]), dpi=300)[0], 300))
    ki67 = next(line for line in page.text.split("\n") if line.startswith("KI-67"))
    assert ki67.endswith("8%")


_GRADE_LINES = ["HISTOLOGIC GRADE III/III (SLIGHT OR NO TUBULE FORMATION), NUCLEAR GRADE III/III (MARKED)",
                "Nottingham grade III (of III) forming a 3 x 3 x 2.5 cm mass.",
                "MODERATELY DIFFERENTIATED (GRADE II/III) INFILTRATING LOBULAR CARCINOMA.",
                "Histologic grade: III. Nuclear grade: II. Stage IIIA."]


@pytest.mark.ocr
@pytest.mark.parametrize("font_size", [10, 11])
@pytest.mark.parametrize("blur,noise,seed", [(0, 0, 0), (0.6, 6, 1), (0.6, 6, 2), (0.8, 10, 3)])
def test_roman_grades_keep_their_strokes(font_size: int, blur: float, noise: float, seed: int) -> None:
    # Read from the half-size copy, the strokes of "III/III" in Helvetica had merged into "IIV/III" in 6 of
    # these 8 scans; a line holding a word of strokes that is no numeral is read again at full size.
    image = rasterize(text_pdf([_GRADE_LINES], font_size=font_size), dpi=300)[0]
    page = ocr_page(real_engine(), OcrJob(1, degrade(image, blur=blur, noise=noise, seed=seed), 300))
    numerals = re.findall(r"(?i)grade:? \(?(\S+)", page.text)
    strokes = [sum(c in "Il|i1" for c in n.split("/")[0]) for n in numerals]
    assert strokes == [3, 3, 3, 2, 3, 2] and not any("V" in n for n in numerals), numerals


@pytest.mark.parametrize("word,reread", [
    # gen22: a worn scan's half-size copy read "GRADE II/III" as "GRADE I/II" (two strokes merged away): one
    # stroke over two is read again at full size, as is a V after two strokes; numerals a report writes
    # ("III/III", "I/III" for grade 1 of 3, "Il") are left as read (lead: re-reading them lost strokes too)
    ("I/II", True), ("(I/II)", True), ("IIV/III", True), ("llV", True), ("(IIV/IIl),", True),
    ("III/III", False), ("l/III", False), ("Il", False), ("IV", False),
    ("I", False), ("A/B", False), ("IHC", False), ("2/3", False),
])
def test_words_of_strokes_are_read_again_at_full_size(word: str, reread: bool) -> None:
    from ingest.ocr.page import _STROKES
    assert bool(_STROKES.fullmatch(word)) is reread
