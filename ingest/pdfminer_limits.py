"""Bounded stream decoders for pdfminer (pdfplumber's parser).

pdfminer inflates every stream it reads (page contents, fonts, images, object and cross-reference
streams) in one go, with no size limit: a 50 MB upload can hold a stream that inflates to many
gigabytes. PDFium, the first parser, has its own limits; pdfminer reads the files PDFium cannot and
the ruled pages, so its decoders are replaced here, once, by ones that stop at `MAX_STREAM_BYTES`
and raise `StreamTooLarge`, which fails the page (or, in the document's own structure, the file).
pdfminer's recovery for Flate data with a bad checksum (one byte at a time, quadratic) is replaced
by a linear one with the same limit.
"""

from __future__ import annotations

import zlib
from io import BytesIO

import pdfminer.pdftypes as pdftypes
from pdfminer.ccitt import CCITTFaxDecoder
from pdfminer.lzw import LZWDecoder

#: Largest decoded stream: a 40-megapixel gray scan (the page-pixel limit) or a 21-megapixel colour
#: one; a page's text content is a few hundred kilobytes at most.
MAX_STREAM_BYTES = 64 * 1024 * 1024


class StreamTooLarge(ValueError):
    """A PDF stream inflates past `MAX_STREAM_BYTES`."""


#: Output is produced this much at a time, so a stream past the limit costs about the limit.
_STEP = 1 << 20


class _BoundedInflate:
    """A zlib decompress object that refuses to produce more than the limit."""

    def __init__(self, wbits: int = zlib.MAX_WBITS) -> None:
        self._inflate = zlib.decompressobj(wbits)
        self._produced = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        parts: list[bytes] = []
        while True:
            part = self._inflate.decompress(data, _STEP)
            self._produced += len(part)
            if self._produced > MAX_STREAM_BYTES:
                raise StreamTooLarge("Flate stream inflates past the limit")
            parts.append(part)
            data = self._inflate.unconsumed_tail
            if not data or not part:
                return b"".join(parts)

    def flush(self, *args: int) -> bytes:
        return self._inflate.flush(*args)

    @property
    def eof(self) -> bool:
        return self._inflate.eof


class _BoundedZlib:
    """What pdfminer.pdftypes sees as `zlib`: the module's `decompress` and `decompressobj`, bounded."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        inflate = _BoundedInflate(wbits)
        out = inflate.decompress(data)
        if not inflate.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says
        return out

    @staticmethod
    def decompressobj(wbits: int = zlib.MAX_WBITS) -> _BoundedInflate:
        return _BoundedInflate(wbits)


def _decompress_corrupted(data: bytes) -> bytes:
    """What inflates of Flate data before it goes wrong (a bad checksum, say), as pdfminer keeps:
    fed a block at a time (pdfminer feeds a byte at a time, quadratic), the failing block a byte at a time."""
    parts, inflate = [], _BoundedInflate()
    for start in range(0, len(data), 4096):
        block = data[start:start + 4096]
        try:
            parts.append(inflate.decompress(block))
        except zlib.error:
            parts.append(_salvage(data[:start], block))
            break
    return b"".join(parts)


def _salvage(before: bytes, block: bytes) -> bytes:
    """The output of `block` up to its first bad byte (a fresh inflater is brought past `before`,
    whose output was already kept)."""
    inflate, parts = _BoundedInflate(), []
    inflate.decompress(before)
    for i in range(len(block)):
        try:
            parts.append(inflate.decompress(block[i:i + 1]))
        except zlib.error:
            break
    return b"".join(parts)


def _lzwdecode(data: bytes) -> bytes:
    out = bytearray()
    for chunk in LZWDecoder(BytesIO(data)).run():
        out += chunk
        if len(out) > MAX_STREAM_BYTES:
            raise StreamTooLarge("LZW stream inflates past the limit")
    return bytes(out)


def _rldecode(data: bytes) -> bytes:
    """RunLengthDecode (PDF reference 3.3.4), bounded."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        i += 1
        if length == 128:
            break
        if length < 128:
            out += data[i:i + length + 1]
            i += length + 1
        elif i < n:
            out += data[i:i + 1] * (257 - length)
            i += 1
        if len(out) > MAX_STREAM_BYTES:
            raise StreamTooLarge("run-length stream inflates past the limit")
    return bytes(out)


class _BoundedFaxDecoder(CCITTFaxDecoder):
    def output_line(self, y: int, bits) -> None:
        super().output_line(y, bits)
        if len(self._buf) > MAX_STREAM_BYTES:
            raise StreamTooLarge("fax stream inflates past the limit")


def _ccittfaxdecode(data: bytes, params: dict) -> bytes:
    if params.get("K") != -1:
        return _original_ccitt(data, params)  # raises: pdfminer reads only group 4
    decoder = _BoundedFaxDecoder(params.get("Columns"), bytealign=params.get("EncodedByteAlign"),
                                 reversed=params.get("BlackIs1"))
    decoder.feedbytes(data)
    return decoder.close()


_original_ccitt = pdftypes.ccittfaxdecode


def install() -> None:
    """Put the bounded decoders in place (idempotent)."""
    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _decompress_corrupted
    pdftypes.lzwdecode = _lzwdecode
    pdftypes.rldecode = _rldecode
    pdftypes.ccittfaxdecode = _ccittfaxdecode
