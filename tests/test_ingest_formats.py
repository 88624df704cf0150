"""Type sniffing, plain text, and image uploads (PNG, JPEG with EXIF, TIFF pages, WebP, HEIC).
OCR is faked: the fake engine reports the size it was given, so orientation and scaling show."""

from __future__ import annotations

import pytest
from PIL import Image

from ingest import FakeEngine, Limits, read
from ingest.errors import TooManyPages, UnsupportedType
from ingest.sniff import sniff
from ingest.synth import image_bytes, text_pdf

SIZE = FakeEngine(lambda image: f"Image {image.width} x {image.height} pixels")
PORTRAIT = Image.new("L", (850, 1100), 255)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (text_pdf([["x"]]), "pdf"),
        (b"\r\n  junk before %PDF-1.4 header", "pdf"),
        (image_bytes(PORTRAIT, "PNG"), "png"),
        (image_bytes(PORTRAIT, "JPEG"), "jpeg"),
        (image_bytes(PORTRAIT, "TIFF"), "tiff"),
        (image_bytes(PORTRAIT, "WEBP"), "webp"),
        ("ER: positive\n".encode(), "text"),
        ("\ufeffER: positive, café\n".encode("utf-8"), "text"),
        ("ER: positive\n".encode("utf-16"), "text"),
    ],
)
def test_type_comes_from_the_bytes(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_file_name_does_not_decide_the_type() -> None:
    doc = read(image_bytes(PORTRAIT, "PNG"), "report.pdf", engine=SIZE)
    assert doc.type == "png"
    with pytest.raises(UnsupportedType):
        read(b"<html><body>ER positive</body></html>", "report.txt")


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        ("Estrogen receptor: positive (95%)\r\nKi-67: 20%".encode("utf-8"), "Estrogen receptor: positive (95%)\nKi-67: 20%"),
        ("Patient: Zoë Fictiva — HER2 1+".encode("cp1252"), "Patient: Zoë Fictiva — HER2 1+"),
        ("Patient: Zoë Fictiva".encode("utf-16"), "Patient: Zoë Fictiva"),
    ],
    ids=["utf-8 crlf", "windows-1252", "utf-16"],
)
def test_plain_text_is_decoded(encoded: bytes, expected: str) -> None:
    doc = read(encoded, "note.txt")
    assert doc.type == "text" and doc.pages[0].text == expected
    assert doc.pages[0].source == "text-layer"
    for word in doc.pages[0].words:
        assert doc.pages[0].text[word.start : word.end] == word.text


def test_form_feeds_split_text_pages_and_words_have_cells() -> None:
    doc = read(b"Page one text\n  second line\fPage two\f", "note.txt")
    assert [p.text for p in doc.pages] == ["Page one text\n  second line", "Page two"]
    second = doc.pages[0].words[3]
    assert (second.text, second.x0, second.y0) == ("second", 2, 1)


def test_png_is_read_with_ocr_at_its_resolution() -> None:
    page = read(image_bytes(PORTRAIT, "PNG", dpi=(100, 100)), "p.png", engine=SIZE).pages[0]
    assert page.source == "ocr" and page.dpi == 100
    assert page.text == "Image 850 x 1100 pixels"


def test_photo_without_a_real_resolution_gets_an_estimate() -> None:
    photo = Image.new("RGB", (3024, 4032), "white")
    page = read(image_bytes(photo, "JPEG", dpi=(72, 72)), "p.jpg", engine=SIZE).pages[0]
    assert page.dpi == pytest.approx(4032 / 11, abs=1)


def test_exif_orientation_is_applied_before_ocr() -> None:
    stored = PORTRAIT.transpose(Image.Transpose.ROTATE_90)  # what the camera wrote: sideways pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90 degrees clockwise to display"
    page = read(image_bytes(stored, "JPEG", exif=exif), "p.jpg", engine=SIZE).pages[0]
    assert page.text == "Image 850 x 1100 pixels"
    assert page.rotation == 90


def test_huge_photo_is_scaled_down_for_ocr() -> None:
    photo = Image.new("L", (6000, 8000), 255)
    page = read(image_bytes(photo, "JPEG"), "p.jpg", engine=SIZE, limits=Limits(max_ocr_pixels=12_000_000)).pages[0]
    width, height = (int(n) for n in page.text.split()[1::2])
    assert width * height <= 12_000_000 and width / height == pytest.approx(0.75, abs=0.01)


def test_multipage_tiff_gives_one_page_per_frame() -> None:
    frames = [Image.new("L", (400 + 10 * i, 500), 255) for i in range(3)]
    data = image_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    doc = read(data, "fax.tif", engine=SIZE)
    assert doc.type == "tiff"
    assert [p.text for p in doc.pages] == [f"Image {400 + 10 * i} x 500 pixels" for i in range(3)]


def test_tiff_with_too_many_frames_is_refused_before_decoding() -> None:
    frames = [Image.new("1", (20, 20), 1) for _ in range(5)]
    with pytest.raises(TooManyPages):
        read(image_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:]), "f.tif",
             engine=SIZE, limits=Limits(max_pages=4))


def test_webp_and_heic_photos() -> None:
    assert read(image_bytes(PORTRAIT, "WEBP"), "p.webp", engine=SIZE).type == "webp"
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    doc = read(image_bytes(PORTRAIT.convert("RGB"), "HEIF"), "p.heic", engine=SIZE)
    assert doc.type == "heic" and doc.pages[0].text == "Image 850 x 1100 pixels"
