"""Detect a record's type from its bytes, never from its file name."""

from __future__ import annotations

from ingest.errors import UnsupportedType
from ingest.models import DocumentType

# Leading bytes of the image formats we read, and of formats we refuse with a specific hint.
_IMAGE_MAGIC: list[tuple[bytes, DocumentType]] = [
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"MM\x00+", "tiff"),
]
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif"}

_REFUSED: list[tuple[bytes, str]] = [
    (b"PK\x03\x04", "This is a ZIP archive or an Office document (Word, Excel). Open it and save or "
                    "print each record as a PDF, then upload the PDFs."),
    (b"\xd0\xcf\x11\xe0", "This is an old Office document (Word, Excel). Open it and save or print it "
                          "as a PDF, then upload the PDF."),
    (b"{\\rtf", "This is a rich-text (RTF) document. Open it and save or print it as a PDF, then "
                "upload the PDF."),
    (b"GIF8", "GIF images are not read. Save the image as PNG or JPEG, or take a photo of the "
              "record, and upload that."),
    (b"BM", "BMP images are not read. Save the image as PNG or JPEG and upload that."),
]
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<?xml", "<svg")

#: Bytes that never occur in a text record (NUL and most C0 controls).
_BINARY_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13}


def sniff(data: bytes) -> DocumentType:
    """Return the document type of `data`, or raise `UnsupportedType` saying what to upload."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    for magic, hint in _REFUSED[:2]:  # a ZIP or Office file holding a PDF is not that PDF
        if head.startswith(magic):
            raise UnsupportedType(hint)
    # PDFs may carry junk before the header; readers accept it within the first kilobyte.
    if b"%PDF-" in head:
        return "pdf"
    for magic, kind in _IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    for magic, hint in _REFUSED:
        if head.startswith(magic):
            raise UnsupportedType(hint)
    if _looks_like_text(data):
        lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if any(lowered.startswith(m.encode()) for m in _HTML_MARKERS) or b"<html" in lowered:
            raise UnsupportedType(
                "This is a web page (HTML) or markup file. Open it in a browser and print or save "
                "it as a PDF, then upload the PDF."
            )
        return "text"
    raise UnsupportedType()


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    binary = sum(1 for b in sample if b in _BINARY_BYTES)
    return binary / len(sample) < 0.01 and b"\x00" not in sample
