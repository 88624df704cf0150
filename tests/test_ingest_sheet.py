"""A phone photo's sheet of paper: found at its corners, flattened to a rectangle with the light
evened out, and left alone where there is no sheet on a desk to find (scans, cropped photos, a sheet
cut off by the frame, an outline that is no quadrilateral). The OCR tests read a photographed lab
table: each label stays on the line of its value."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from ingest import read
from ingest.models import Page
from ingest.ocr.ink import otsu_threshold
from ingest.ocr.sheet import Sheet, even_light, find_sheet, flatten, light_is_uneven
from ingest.synth import PHOTO_LAB_TABLE, cer, image_bytes, photograph, rasterize, report_pages, text_pdf
from tests.ocr_marks import NEEDS_TESSERACT

#: Corners of the sheet in the frame, as fractions (top-left, top-right, bottom-right, bottom-left).
VIEWS = {
    "square-on": [(0.08, 0.07), (0.92, 0.07), (0.92, 0.93), (0.08, 0.93)],
    "leaning back": [(0.14, 0.08), (0.86, 0.09), (0.94, 0.93), (0.05, 0.92)],
    "turned 6 degrees": [(0.13, 0.06), (0.93, 0.13), (0.87, 0.95), (0.06, 0.88)],
    "turned -12 degrees": [(0.05, 0.19), (0.80, 0.04), (0.95, 0.82), (0.20, 0.96)],
    "small, far away": [(0.30, 0.28), (0.70, 0.30), (0.71, 0.72), (0.29, 0.70)],
}


def _page(width: int = 850, height: int = 1100) -> Image.Image:
    """A plain page with lines of dark 'text' bars and a box at a known place (fractions 0.2-0.4 across,
    0.5-0.6 down), enough to check where flattening puts things."""
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    for row in range(12):
        y = int(height * (0.08 + row * 0.03))
        draw.rectangle([int(width * 0.1), y, int(width * (0.5 + 0.3 * (row % 3) / 2)), y + 9], fill=20)
    draw.rectangle([int(width * 0.2), int(height * 0.5), int(width * 0.4), int(height * 0.6)], fill=0)
    return page


@pytest.mark.parametrize("view", VIEWS, ids=list(VIEWS))
def test_the_sheet_is_found_at_its_corners(view):
    photo = photograph(_page(), VIEWS[view], seed=1)
    sheet = find_sheet(photo)
    assert sheet is not None
    found = np.array(sheet.corners)
    assert np.abs(found - np.array(VIEWS[view])).max() < 0.006, found


@pytest.mark.parametrize("view", ["leaning back", "turned -12 degrees"])
def test_flattening_gives_back_the_upright_page(view):
    page = _page()
    photo = photograph(page, VIEWS[view], seed=2)
    sheet = find_sheet(photo)
    assert sheet is not None
    flat = flatten(photo, sheet)
    ink = np.asarray(flat) < 100
    box_rows = np.flatnonzero(ink[:, int(flat.width * 0.3)])
    box_cols = np.flatnonzero(ink[int(flat.height * 0.55)])
    # The box's edges where the page has them, within 1 % of the sheet's size.
    assert box_rows[box_rows > flat.height * 0.45].min() / flat.height == pytest.approx(0.5, abs=0.01)
    assert box_rows.max() / flat.height == pytest.approx(0.6, abs=0.01)
    assert box_cols.min() / flat.width == pytest.approx(0.2, abs=0.01)
    assert box_cols.max() / flat.width == pytest.approx(0.4, abs=0.01)
    # The aspect of the page comes back (the sheet's edges, averaged, measure it).
    assert flat.width / flat.height == pytest.approx(page.width / page.height, rel=0.06)


def test_flattening_evens_out_the_light():
    """The far corner of a photo lit from one side is half as bright as the near one; after
    flattening the paper is as bright everywhere, and only what was printed is ink."""
    page = _page()
    photo = np.asarray(photograph(page, VIEWS["square-on"], falloff=0.55, seed=3))
    lower_paper = photo[int(photo.shape[0] * 0.7):int(photo.shape[0] * 0.9), int(photo.shape[1] * 0.1):int(photo.shape[1] * 0.9)]
    assert np.percentile(lower_paper, 1) < 150  # the shade
    printed = float((np.asarray(page) < 128).mean())
    sheet = find_sheet(Image.fromarray(photo))
    assert sheet is not None
    flat = np.asarray(flatten(Image.fromarray(photo), sheet))
    paper = flat[int(flat.shape[0] * 0.7):, :]  # the lower part holds no text
    assert np.percentile(paper, 1) > 200
    assert float((flat <= otsu_threshold(flat)).mean()) == pytest.approx(printed, abs=0.01)


def test_a_scan_has_no_sheet_to_find():
    scan = rasterize(text_pdf(report_pages()), dpi=150)[0]
    assert find_sheet(scan) is None


def test_uneven_light_is_told_from_a_scans_even_paper():
    scan = rasterize(text_pdf(report_pages()), dpi=150)[0]
    assert not light_is_uneven(scan)
    photo = photograph(_page(), VIEWS["square-on"], falloff=0.3, seed=8)
    w, h = photo.size
    assert light_is_uneven(photo.crop((int(w * 0.1), int(h * 0.09), int(w * 0.9), int(h * 0.91))))


def test_a_photo_cropped_to_the_paper_has_no_sheet_to_find():
    photo = photograph(_page(), VIEWS["leaning back"], seed=4)
    cropped = photo.crop((int(photo.width * 0.16), int(photo.height * 0.11),
                          int(photo.width * 0.84), int(photo.height * 0.89)))
    assert find_sheet(cropped) is None


def test_a_sheet_cut_off_by_the_frame_is_left_alone():
    corners = [(0.10, -0.05), (0.90, -0.05), (0.92, 0.90), (0.08, 0.91)]
    assert find_sheet(photograph(_page(), corners, seed=5)) is None


def test_an_outline_that_is_no_quadrilateral_is_left_alone():
    """A sheet with a large corner folded under: flattening its outline would bend the text."""
    photo = photograph(_page(), VIEWS["square-on"], seed=6)
    draw = ImageDraw.Draw(photo)
    w, h = photo.size
    draw.polygon([(0.92 * w, 0.93 * h), (0.92 * w, 0.55 * h), (0.55 * w, 0.93 * h)], fill=85)
    assert find_sheet(photo) is None


@pytest.mark.parametrize("fill", [0, 90, 255])
def test_a_flat_image_has_no_sheet(fill):
    assert find_sheet(Image.new("L", (600, 800), fill)) is None


def test_sheet_corners_round_trip_and_are_checked_on_pages():
    sheet = Sheet(((0.1, 0.2), (0.9, 0.2), (0.9, 0.8), (0.1, 0.8)))
    assert Sheet.from_flat(sheet.flat()) == sheet
    with pytest.raises(ValueError):
        Sheet.from_flat([0.1, 0.2])
    with pytest.raises(ValueError):
        Page(number=1, text="", source="ocr", sheet=[0.1, 0.2, 0.3])


CBC = PHOTO_LAB_TABLE


@NEEDS_TESSERACT[0]
@NEEDS_TESSERACT[1]
def test_a_photographed_table_is_read_row_by_row():
    """Read whole, the photo's table came out a column at a time (names, then values); flattened,
    each label is on the line of its value, and the page records the sheet it flattened."""
    page_image = rasterize(text_pdf([CBC], font="Courier", font_size=9), dpi=200)[0]
    photo = photograph(page_image, VIEWS["leaning back"], seed=7)
    page = read(image_bytes(photo, "JPEG", quality=85), "cbc-photo.jpg").pages[0]
    assert page.sheet is not None and len(page.sheet) == 8
    lines = page.text.splitlines()
    for label, value in [("Absolute neutrophil count", "1.22"), ("Haemoglobin", "10.4"), ("Platelet count", "165")]:
        assert any(label in line and value in line for line in lines), (label, page.text)
    assert cer(page.text, "\n".join(CBC)) < 0.03, page.text
    # Word boxes lie on the flattened sheet the page's size describes.
    assert all(0 <= w.x0 < w.x1 <= page.width and 0 <= w.y0 < w.y1 <= page.height for w in page.words)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(width=st.integers(1, 90), height=st.integers(1, 90), seed=st.integers(0, 2**16),
       blocks=st.integers(0, 3))
def test_any_image_gives_a_sheet_or_none_and_never_fails(width, height, seed, blocks):
    """Tiny, flat, noisy or blocky images: no exception; a sheet found can be flattened, uneven light
    evened."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, (height, width), dtype=np.uint8) if blocks == 0 else np.full((height, width), 60, np.uint8)
    for _ in range(blocks):
        x0, y0 = rng.integers(0, width), rng.integers(0, height)
        pixels[y0:y0 + rng.integers(1, height + 1), x0:x0 + rng.integers(1, width + 1)] = 240
    image = Image.fromarray(pixels, "L")
    sheet = find_sheet(image)
    if sheet is not None:
        assert flatten(image, sheet).size[0] >= 1
    if light_is_uneven(image):
        assert even_light(image).size == image.size


@NEEDS_TESSERACT[0]
@NEEDS_TESSERACT[1]
def test_a_photo_cropped_to_the_paper_is_read_with_its_light_evened():
    """No desk to find, but the light falls off across the page: evened out, the table reads row by
    row (read as it was, the darker corner made the line finder refuse the page)."""
    page_image = rasterize(text_pdf([CBC], font="Courier", font_size=9), dpi=200)[0]
    photo = photograph(page_image, VIEWS["square-on"], falloff=0.45, seed=0)
    w, h = photo.size
    cropped = photo.crop((int(w * 0.11), int(h * 0.10), int(w * 0.895), int(h * 0.905)))
    page = read(image_bytes(cropped, "JPEG", quality=85), "cropped.jpg").pages[0]
    assert page.sheet is None
    lines = page.text.splitlines()
    assert any("Absolute neutrophil count" in line and "1.22" in line for line in lines), page.text
    assert cer(page.text, "\n".join(CBC)) < 0.03, page.text
