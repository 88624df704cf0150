"""Bad inputs, generated here, each mapped to its exact error code (and so its exit code and HTTP status)."""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from ingest import Limits, NullEngine, read
from ingest.errors import IngestError, OncoguideError
from ingest.synth import image_bytes, report_pages, text_pdf

PAGES = report_pages(pages=3, lines_per_page=8, seed=7)
GOOD_PDF = text_pdf(PAGES)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` pixels, with one tiny compressed row of data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def zero_page_pdf() -> bytes:
    pdf = pdfium.PdfDocument.new()
    buf = BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def blank_pdf(width_pt: float = 612, height_pt: float = 792, *, draw: bool = False) -> bytes:
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=(width_pt, height_pt))
    if draw:  # vector art and no text: needs OCR, so it must be rendered
        c.rect(10, 10, 100, 100, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def zip_bytes() -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.txt", "ER positive")
    return buf.getvalue()


def truncated_png() -> bytes:
    data = image_bytes(Image.effect_noise((300, 300), 60), "PNG")
    return data[: len(data) // 3]


CASES = [
    ("zero bytes", b"", None, "empty_document"),
    ("whitespace text", b"  \n\n\t  \n", None, "empty_document"),
    ("too large (bytes checked first)", b"%PDF-1.7 " + b"x" * 2000, Limits(max_bytes=1000), "file_too_large"),
    ("zip archive", zip_bytes(), None, "unsupported_type"),
    ("office document", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), None, "unsupported_type"),
    ("html page", b"<!DOCTYPE html><html><body>ER positive</body></html>", None, "unsupported_type"),
    ("binary junk", bytes(range(256)) * 8, None, "unsupported_type"),
    ("gif image", b"GIF89a" + bytes(100), None, "unsupported_type"),
    ("pdf header only", b"%PDF-1.4\n", None, "corrupt_file"),
    ("pdf garbage body", b"%PDF-1.4\n" + bytes(range(256)) * 20, None, "corrupt_file"),
    ("pdf cut to a tenth", GOOD_PDF[: len(GOOD_PDF) // 10], None, "corrupt_file"),
    ("pdf with zero pages", zero_page_pdf(), None, "empty_document"),
    ("pdf with a blank page", blank_pdf(), None, "empty_document"),
    ("user-password pdf", text_pdf(PAGES, user_password="secret", owner_password="owner"), None,
     "password_protected"),
    ("too many pages", GOOD_PDF, Limits(max_pages=2), "too_many_pages"),
    ("200 x 200 inch page needing OCR", blank_pdf(200 * 72, 200 * 72, draw=True), None, "page_too_large"),
    ("png claiming 40000 x 40000 pixels", png_header_only(40_000, 40_000), None, "decompression_bomb"),
    ("png over our own pixel cap", png_header_only(5000, 5000), Limits(max_image_pixels=10_000_000),
     "decompression_bomb"),
    ("truncated png", truncated_png(), None, "corrupt_file"),
    ("jpeg header only", b"\xff\xd8\xff\xe0" + bytes(20), None, "corrupt_file"),
    ("image OCR finds nothing in", image_bytes(Image.new("L", (850, 1100), 255), "PNG"), None, "empty_document"),
]


@pytest.mark.parametrize(("data", "limits", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_raises_its_exact_error(data: bytes, limits: Limits | None, code: str) -> None:
    with pytest.raises(OncoguideError) as caught:
        read(data, "upload.bin", limits=limits, engine=NullEngine())
    assert caught.value.code == code, caught.value.message
    assert isinstance(caught.value, IngestError)
    assert len(caught.value.message) > 40  # says what to do


def test_owner_password_only_pdf_opens() -> None:
    doc = read(text_pdf(PAGES, owner_password="owner-only"), "x.pdf", engine=NullEngine())
    assert [p.source for p in doc.pages] == ["text-layer"] * 3
    assert "Patient:" in doc.pages[0].text


def test_size_is_checked_before_the_type() -> None:
    with pytest.raises(OncoguideError) as caught:
        read(b"\x00" * 2000, "x", limits=Limits(max_bytes=100), engine=NullEngine())
    assert caught.value.code == "file_too_large"


def test_error_messages_never_carry_the_file_name() -> None:
    secret_name = "Jane-Doe-pathology.pdf"
    for _, data, limits, _ in CASES:
        with pytest.raises(OncoguideError) as caught:
            read(data, secret_name, limits=limits, engine=NullEngine())
        assert secret_name not in caught.value.message
