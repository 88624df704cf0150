"""pdfplumber as the second parser: PDFs PDFium cannot open (or finds no readable page in) are read
by pdfminer; a file is "corrupt" only when both fail."""

from __future__ import annotations

import re
import tracemalloc
import zlib

import pypdfium2 as pdfium
import pytest
from PIL import Image

from ingest import FakeEngine, Limits, NullEngine, read
from ingest.errors import OncoguideError, TooManyPages
from ingest.pdfminer_limits import MAX_STREAM_BYTES
from ingest.synth import image_pdf, rasterize, report_pages, text_pdf

PAGES = report_pages(pages=2, lines_per_page=10, seed=1)
GOOD = text_pdf(PAGES)
SIZE = FakeEngine(lambda image: f"Image {image.width} x {image.height} pixels {image.mode}")


def catalog_broken(data: bytes) -> bytes:
    """The catalog's /Pages entry misspelt: PDFium refuses the file; pdfminer finds the pages anyway."""
    broken = re.sub(rb"/Pages (\d+) 0 R", rb"/Pagex \1 0 R", data, count=1)
    assert broken != data
    return broken


def pdfium_opens(data: bytes) -> bool:
    try:
        pdfium.PdfDocument(data).close()
    except pdfium.PdfiumError:
        return False
    return True


def test_pdf_pdfium_cannot_open_is_read_by_pdfplumber() -> None:
    data = catalog_broken(GOOD)
    assert not pdfium_opens(data)
    doc = read(data, "r.pdf", engine=NullEngine())
    reference = read(GOOD, "r.pdf", engine=NullEngine())
    assert [p.text for p in doc.pages] == [p.text for p in reference.pages]
    for page in doc.pages:
        assert page.source == "text-layer" and (page.width, page.height) == (612, 792)
        for word in page.words:
            assert page.text[word.start:word.end] == word.text
            assert 0 <= word.x0 < word.x1 <= page.width and 0 <= word.y0 < word.y1 <= page.height


def test_pdf_whose_pages_pdfium_cannot_read_is_read_by_pdfplumber() -> None:
    data = GOOD.replace(b"/Kids", b"/Kidz")  # a broken page tree: PDFium finds one damaged page
    doc = read(data, "r.pdf", engine=NullEngine())
    assert not doc.partial
    assert [p.text for p in doc.pages] == [p.text for p in read(GOOD, "r.pdf", engine=NullEngine()).pages]


def test_scan_pdfium_cannot_open_is_ocrd_from_its_embedded_image() -> None:
    scan = rasterize(text_pdf([PAGES[0]]), dpi=300)[0]
    data = catalog_broken(image_pdf([scan], dpi=300))
    assert not pdfium_opens(data)
    page = read(data, "s.pdf", engine=SIZE).pages[0]
    assert page.source == "ocr" and page.dpi == 300
    assert page.text == f"Image {scan.width} x {scan.height} pixels L"


def test_low_resolution_scan_is_upsampled_for_ocr() -> None:
    scan = Image.new("L", (850, 1100), 255)  # 100 DPI
    page = read(catalog_broken(image_pdf([scan], dpi=100)), "s.pdf", engine=SIZE).pages[0]
    assert page.dpi == 300 and page.text == "Image 2550 x 3300 pixels L"


def test_page_limit_applies_to_the_second_parser_too() -> None:
    with pytest.raises(TooManyPages):
        read(catalog_broken(GOOD), "r.pdf", engine=NullEngine(), limits=Limits(max_pages=1))


@pytest.mark.parametrize("data", [b"%PDF-1.4\n" + bytes(range(256)) * 20, GOOD[: len(GOOD) // 10]],
                         ids=["garbage body", "cut to a tenth"])
def test_corrupt_means_both_parsers_failed(data: bytes) -> None:
    with pytest.raises(OncoguideError) as caught:
        read(data, "r.pdf", engine=NullEngine())
    assert caught.value.code == "corrupt_file"


def test_pdfminer_warnings_never_reach_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    damaged = bytearray(catalog_broken(GOOD))
    xref = damaged.rfind(b"xref")
    damaged[xref + 30:xref + 34] = b"XXXX"  # xref entries pdfminer warns about, quoting the bytes
    try:
        read(bytes(damaged), "r.pdf", engine=NullEngine())
    except OncoguideError:
        pass
    assert not [r for r in caplog.records if r.name.startswith(("pdfminer", "pdfplumber"))]


# --- streams that inflate past every reasonable size ---------------------------------------------


def minimal_pdf(content: bytes, filters: str, catalog_key: bytes = b"/Pagex") -> bytes:
    """One page whose content stream is `content` (already encoded with `filters`); the catalog's
    /Pages key is misspelt, so PDFium refuses the file and pdfminer reads it."""
    objects = [
        b"<< /Type /Catalog " + catalog_key + b" 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" /Filter " + filters.encode() + b" >>\nstream\n"
        + content + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def flate_bomb(megabytes: int) -> bytes:
    deflate, chunk = zlib.compressobj(9), b" " * (1 << 20)
    return b"".join(deflate.compress(chunk) for _ in range(megabytes)) + deflate.flush()


def test_a_flate_stream_that_inflates_past_the_limit_fails_without_inflating() -> None:
    data = minimal_pdf(flate_bomb(160), "/FlateDecode")  # 160 MB of spaces in 160 KB
    assert len(data) < 200_000 and not pdfium_opens(data)
    tracemalloc.start()
    try:
        with pytest.raises(OncoguideError) as caught:
            read(data, "bomb.pdf", engine=NullEngine())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.code == "corrupt_file"
    assert peak < MAX_STREAM_BYTES + 16 * 2**20  # about one stream at the limit, not 160 MB


def test_a_run_length_stream_past_the_limit_fails() -> None:
    data = minimal_pdf(bytes([129, 32]) * 600_000, "/RunLengthDecode")  # 77 MB of spaces in 1.2 MB
    with pytest.raises(OncoguideError) as caught:
        read(data, "bomb.pdf", engine=NullEngine())
    assert caught.value.code == "corrupt_file"


def test_the_same_small_stream_reads() -> None:
    text = b"BT /F1 12 Tf 72 700 Td (Estrogen receptor: positive in 95% of tumor cells.) Tj ET"
    pdf = minimal_pdf(zlib.compress(text), "/FlateDecode")
    pdf = pdf.replace(b"/Contents 4 0 R", b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >>")
    pdf = pdf.replace(b"\nxref\n", b"\n5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\nxref\n", 1)
    # offsets moved: PDFium is not asked (the catalog is broken) and pdfminer rebuilds the table
    assert read(pdf, "small.pdf", engine=NullEngine()).pages[0].text == "Estrogen receptor: positive in 95% of tumor cells."


def test_bounded_decoders_decode_like_pdfminers_own() -> None:
    from pdfminer.lzw import lzwdecode
    from pdfminer.runlength import rldecode

    from ingest import pdfminer_limits as limits

    sample = b"Ki-67 20%, ER 95%, PR 40%. " * 400
    assert limits._BoundedZlib.decompress(zlib.compress(sample)) == sample
    run_length = bytes([5]) + b"abcdef" + bytes([250, 0x41]) + bytes([128])
    assert limits._rldecode(run_length) == rldecode(run_length) == b"abcdef" + b"A" * 7
    lzw = bytes([0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01])  # the PDF reference's example
    assert limits._lzwdecode(lzw) == lzwdecode(lzw)
    bad_checksum = zlib.compress(sample)[:-4] + b"\x00\x00\x00\x00"
    assert limits._decompress_corrupted(bad_checksum) == sample
    with pytest.raises(limits.StreamTooLarge):
        limits._BoundedZlib.decompress(flate_bomb(70))
