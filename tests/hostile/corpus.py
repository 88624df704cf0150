"""The hostile-input corpus: files a patient could upload by mistake or an attacker on purpose,
generated here (never read from disk), each with the answer oncoguide must give.

A `Case` is one upload: its bytes, the file name and part Content-Type sent with it, and what must
happen: refused at upload with an HTTP status and error code, or accepted and then processed to a
final status (`failed` with an error code, or `done` with text that must be on the pages).
Used by `tests/hostile/test_hostile_api.py` (through a running server) and `bench/fuzz.py`
(seeds for mutation).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

#: Words every readable sample carries, so a correct result can be checked on the pages.
MARKER = "Estrogen receptor positive"
LINES = [MARKER + " (95%, strong).", "HER2 (IHC): 1+ (negative).", "Ki-67 proliferation index: 20%."]


@dataclass(frozen=True)
class Expect:
    """`http` set: the upload itself is refused with that status and `code`. Otherwise the upload
    is accepted (202) and the document ends `status` (`failed` with `code`, or `done` with `text`
    on its pages)."""

    status: str = "done"
    code: str | None = None
    http: int | None = None
    text: str | None = MARKER

    @classmethod
    def refused(cls, http: int, code: str) -> "Expect":
        return cls(status="refused", code=code, http=http, text=None)

    @classmethod
    def failed(cls, code: str) -> "Expect":
        return cls(status="failed", code=code, text=None)


@dataclass(frozen=True)
class Case:
    kind: str
    make: Callable[[], bytes]
    expect: Expect
    filename: str = "record.pdf"
    content_type: str = "application/octet-stream"
    #: The stored file name the API must show for it (None: not checked).
    shown_name: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)


# --- PDFs written by hand, so that every object and offset is under control ---------------------


def pdf_from_objects(objects: list[bytes], *, root: int = 1, broken_xref: bool = False, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose object n is `objects[n-1]`, with a correct cross-reference table (or one whose
    offsets all point at the wrong place)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % ((off * 7 + 13) if broken_xref else off))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _text_content(lines: list[str] = LINES) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def one_page_pdf(*, catalog_extra: bytes = b"", page_extra: bytes = b"", content: bytes | None = None,
                 more: list[bytes] = (), broken_xref: bool = False, media_box: bytes = b"[0 0 612 792]") -> bytes:
    """Catalog (1), Pages (2), Page (3), content (4), font (5), then `more` objects (6, 7, ...)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        _stream(content if content is not None else _text_content()),
        _FONT,
        *more,
    ]
    return pdf_from_objects(objects, broken_xref=broken_xref)


def pdf_with_javascript_and_attachment() -> bytes:
    js = _stream(b"app.alert('hello'); this.exportDataObject({cName: 'evil.exe', nLaunch: 2});")
    embedded = _stream(b"MZ\x90\x00 not really an executable", b"/Type /EmbeddedFile ")
    return one_page_pdf(
        catalog_extra=b"/OpenAction << /S /JavaScript /JS 6 0 R >> "
                      b"/Names << /JavaScript << /Names [(run) << /S /JavaScript /JS 6 0 R >>] >> "
                      b"/EmbeddedFiles << /Names [(evil.exe) << /Type /Filespec /F (evil.exe) /EF << /F 7 0 R >> >>] >> >> ",
        page_extra=b"/AA << /O << /S /JavaScript /JS 6 0 R >> >> ",
        more=[js, embedded],
    )


def pdf_with_broken_xref() -> bytes:
    return one_page_pdf(broken_xref=True)


def pdf_deeply_nested() -> bytes:
    """A page resource holding an array nested 50,000 deep (parsers that recurse overflow their stack)."""
    depth = 50_000
    return one_page_pdf(page_extra=b"/Deep " + b"[" * depth + b"1" + b"]" * depth + b" ")


def pdf_self_referencing() -> bytes:
    """A page tree whose Pages node lists itself as its own kid, and a page that is its own parent."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >>",
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 3 0 R >>",
        _stream(b"q 4 0 R Do Q"),
    ]
    return pdf_from_objects(objects)


def pdf_self_referencing_resources() -> bytes:
    """A readable page whose resources dictionary and XObject refer to themselves in a loop."""
    form = _stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources 6 0 R ")
    return one_page_pdf(content=_text_content() + b"\nq /X1 Do Q",
                        page_extra=b"/Group 6 0 R ",
                        more=[b"<< /XObject << /X1 7 0 R >> /Self 6 0 R >>", form]).replace(
        b"/Resources << /Font << /F1 5 0 R >> >>", b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 7 0 R >> >>")


# --- PDFs from the libraries ----------------------------------------------------------------------


def text_pdf(lines: list[str] = LINES, **kwargs) -> bytes:
    from ingest.synth import text_pdf as synth_text_pdf

    return synth_text_pdf([lines], **kwargs)


def pdf_user_password() -> bytes:
    return text_pdf(user_password="open sesame", owner_password="owner")


def pdf_owner_password_only() -> bytes:
    return text_pdf(owner_password="owner-only")


def pdf_truncated() -> bytes:
    data = text_pdf(LINES * 30)
    return data[: len(data) // 2]


def pdf_pages(count: int, size: tuple[float, float] = (612, 792)) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(count):
        pdf.new_page(*size)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def pdf_zero_pages() -> bytes:
    return pdf_pages(0)


def pdf_2000_pages() -> bytes:
    return pdf_pages(2000)


def pdf_huge_page_drawn() -> bytes:
    """A 200 x 200 inch page with vector art and no text: it would need rendering for OCR."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(200 * 72, 200 * 72))
    c.rect(72, 72, 5000, 5000, fill=1)
    c.showPage()
    c.save()
    return out.getvalue()


def pdf_huge_page_with_text() -> bytes:
    """A 200 x 200 inch page with a text layer: the text is read, nothing is rendered."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(200 * 72, 200 * 72))
    text = c.beginText(72, 200 * 72 - 72)
    text.setFont("Helvetica", 11)
    for line in LINES:
        text.textLine(line)
    c.drawText(text)
    c.showPage()
    c.save()
    return out.getvalue()


def pdf_text_layer_mb(megabytes: float = 10) -> bytes:
    """About `megabytes` MB of text in a small file: pages of 2-point text, compressed."""
    from reportlab.pdfgen import canvas

    target = int(megabytes * 1_000_000)
    line = " ".join(LINES) + " "
    line = line * 3
    out = io.BytesIO()
    c = canvas.Canvas(out, pageCompression=1)
    written = 0
    while written < target:
        text = c.beginText(10, 830)
        text.setFont("Helvetica", 2)
        for _ in range(380):
            text.textLine(line)
            written += len(line)
        c.drawText(text)
        c.showPage()
    c.save()
    return out.getvalue()


# --- images -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def text_image():
    """A grayscale picture of the sample lines at 200 DPI (a half-page scan)."""
    from ingest.synth import rasterize

    page = rasterize(text_pdf(), dpi=200)[0]
    return page.crop((0, 0, page.width, page.height // 3))


def image_bytes(image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` pixels, with one tiny row of data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + \
        _png_chunk(b"IEND", b"")


def png_bomb(side: int = 12_000) -> bytes:
    """A real decompression bomb: a `side` x `side` gray PNG of zeros, compressed about 1000:1."""
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    comp = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    body = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", body) + _png_chunk(b"IEND", b"")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_1x1() -> bytes:
    from PIL import Image

    return image_bytes(Image.new("L", (1, 1), 255), "PNG")


def tiff_frames(count: int = 500) -> bytes:
    from PIL import Image

    frames = [Image.new("L", (8, 8), 255) for _ in range(count)]
    return image_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:])


def jpeg_cmyk() -> bytes:
    return image_bytes(text_image().convert("CMYK"), "JPEG", quality=90)


def png_16_bit() -> bytes:
    return image_bytes(text_image().convert("I;16"), "PNG")


def webp_photo() -> bytes:
    return image_bytes(text_image().convert("RGB"), "WEBP", quality=90)


def heic_photo() -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return image_bytes(text_image().convert("RGB"), "HEIF", quality=90)


def jpeg_truncated() -> bytes:
    data = image_bytes(text_image(), "JPEG", quality=90)
    return data[: len(data) // 2]


def gif_image() -> bytes:
    from PIL import Image

    return image_bytes(Image.new("L", (40, 40), 255), "GIF")


def bmp_image() -> bytes:
    from PIL import Image

    return image_bytes(Image.new("L", (40, 40), 255), "BMP")


# --- other --------------------------------------------------------------------------------------


def plain_text(tag: str = "") -> bytes:
    return ("\n".join(LINES) + "\n" + tag).encode()


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><head><script>alert(1)</script></head><body>" + MARKER.encode() + b"</body></html>"


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("report.pdf", text_pdf())
    return out.getvalue()


def text_mb(megabytes: float = 10) -> bytes:
    line = (" ".join(LINES) + "\n").encode()
    return (line * (int(megabytes * 1_000_000) // len(line) + 1))[: int(megabytes * 1_000_000)]


def binary_junk() -> bytes:
    import random

    return random.Random(7).randbytes(50_000)


def utf16_text() -> bytes:
    return ("\n".join(LINES) + "\n").encode("utf-16")


def script_text() -> bytes:
    return ("<script>alert('x')</script>\n" + "\n".join(LINES) + "\n").encode()


def long_word_text() -> bytes:
    """One 60,000-character run without a space or a line break (regular-expression stress)."""
    return (MARKER + "\n" + "HER2" * 15_000 + "\n").encode()


# --- the corpus -------------------------------------------------------------------------------------

CASES: list[Case] = [
    Case("zero bytes", lambda: b"", Expect.refused(422, "empty_document")),
    Case("plain text named .pdf", lambda: plain_text("Plain.\n"), Expect()),
    Case("HTML named .pdf", html_page, Expect.failed("unsupported_type")),
    Case("ZIP named .pdf", zip_archive, Expect.failed("unsupported_type")),
    Case("PDF with JavaScript and an embedded file", pdf_with_javascript_and_attachment, Expect()),
    Case("user-password PDF", pdf_user_password, Expect.failed("password_protected")),
    Case("owner-password PDF", pdf_owner_password_only, Expect()),
    Case("truncated PDF", pdf_truncated, Expect.failed("corrupt_file")),
    Case("broken cross-reference table", pdf_with_broken_xref, Expect()),
    Case("zero pages", pdf_zero_pages, Expect.failed("empty_document")),
    Case("2,000 pages", pdf_2000_pages, Expect.failed("too_many_pages")),
    Case("200 x 200 inch page, drawn", pdf_huge_page_drawn, Expect.failed("page_too_large")),
    Case("200 x 200 inch page, text layer", pdf_huge_page_with_text, Expect()),
    Case("deeply nested objects", pdf_deeply_nested, Expect()),
    Case("self-referencing page tree", pdf_self_referencing, Expect.failed("corrupt_file")),
    Case("self-referencing resources", pdf_self_referencing_resources, Expect()),
    Case("10 MB text layer", pdf_text_layer_mb, Expect.failed("file_too_large")),
    Case("10 MB plain text", text_mb, Expect.failed("file_too_large"), filename="notes.txt"),
    Case("PNG decompression bomb (144 MP of zeros)", png_bomb, Expect.failed("decompression_bomb"), filename="photo.png"),
    Case("PNG header claiming 40,000 x 40,000", lambda: png_header_claiming(40_000, 40_000),
         Expect.failed("decompression_bomb"), filename="photo.png"),
    Case("1 x 1 pixel image", png_1x1, Expect.failed("empty_document"), filename="photo.png"),
    Case("500-frame TIFF", tiff_frames, Expect.failed("too_many_pages"), filename="scan.tif"),
    Case("CMYK JPEG", jpeg_cmyk, Expect(), filename="photo.jpg", tags=("ocr",)),
    Case("16-bit grayscale PNG", png_16_bit, Expect(), filename="scan.png", tags=("ocr",)),
    Case("WebP photo", webp_photo, Expect(), filename="photo.webp", tags=("ocr",)),
    Case("HEIC photo", heic_photo, Expect(), filename="IMG_0001.HEIC", tags=("ocr",)),
    Case("truncated JPEG", jpeg_truncated, Expect.failed("corrupt_file"), filename="photo.jpg"),
    Case("GIF image", gif_image, Expect.failed("unsupported_type"), filename="photo.gif"),
    Case("BMP image", bmp_image, Expect.failed("unsupported_type"), filename="photo.bmp"),
    Case("binary junk", binary_junk, Expect.failed("unsupported_type"), filename="record.bin"),
    Case("UTF-16 text", utf16_text, Expect(), filename="notes.txt"),
    Case("a 60,000-character word", long_word_text, Expect(), filename="notes.txt"),
    Case("record text holding a script element", script_text, Expect(text="<script>alert('x')</script>"), filename="notes.txt"),
    Case("file name with path traversal", lambda: plain_text("Traversal.\n"), Expect(), filename="../../../../etc/cron.d/x.txt",
         shown_name="x.txt"),
    Case("file name with a NUL byte", lambda: plain_text("NUL.\n"), Expect(), filename="report\x00.exe.txt", shown_name="report.exe.txt"),
    Case("file name of 500 characters", lambda: plain_text("Long.\n"), Expect(), filename="r" * 496 + ".txt", shown_name="r" * 190 + ".txt"),
    Case("file name with right-to-left marks", lambda: plain_text("RTL.\n"), Expect(), filename="report\u202etxt.exe\u200f.txt",
         shown_name="reporttxt.exe.txt"),
    Case("wrong part Content-Type", text_pdf, Expect(), filename="scan.png", content_type="image/png"),
]

