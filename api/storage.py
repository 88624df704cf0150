"""Originals stored once by sha256 under the data directory, and page images rendered from them.

An original is written to a temporary file and moved into place only if no file of that hash
exists, so stored bytes are never overwritten and processing never deletes them. With
``ONCOGUIDE_ENCRYPTION_KEY`` (a Fernet key) originals are encrypted at rest; the hash is always
that of the uploaded bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

from ingest.errors import ConfigurationError, CorruptFile, DecompressionBomb, PageTooLarge
from api.errors import NotFound, StorageUnavailable


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path, encryption_key: str | None = None) -> None:
        self.root = Path(root)
        self._fernet = None
        if encryption_key:
            from cryptography.fernet import Fernet

            try:
                self._fernet = Fernet(encryption_key.encode())
            except (ValueError, TypeError) as exc:
                raise ConfigurationError(
                    "ONCOGUIDE_ENCRYPTION_KEY is not a valid Fernet key. Create one with: "
                    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
                ) from exc

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise NotFound()
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store `data` unless already stored; return its sha256."""
        digest = sha256_hex(data)
        target = self.path_of(digest)
        if target.exists():
            return digest
        payload = self._fernet.encrypt(data) if self._fernet else data
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload)
                    fh.flush()
                    os.fsync(fh.fileno())
                # os.link fails if the target exists: a concurrent writer of the same bytes wins.
                try:
                    os.link(tmp, target)
                except FileExistsError:
                    pass
            finally:
                os.unlink(tmp)
        except OSError as exc:
            raise StorageUnavailable(
                "The upload could not be stored: the data directory is full or not writable. "
                "Free space or fix the permissions of ONCOGUIDE_DATA_DIR, then upload again."
            ) from exc
        return digest

    def get(self, sha256: str) -> bytes:
        try:
            payload = self.path_of(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise NotFound("The original file of this document is missing from storage.") from exc
        except OSError as exc:
            raise StorageUnavailable() from exc
        if self._fernet:
            from cryptography.fernet import InvalidToken

            try:
                return self._fernet.decrypt(payload)
            except InvalidToken as exc:
                raise ConfigurationError(
                    "A stored original cannot be decrypted: ONCOGUIDE_ENCRYPTION_KEY differs from "
                    "the key it was stored with."
                ) from exc
        return payload


class PageImages:
    """PNG of one page of a stored original, rendered on demand and cached on disk."""

    def __init__(self, blobs: BlobStore, cache_dir: Path, dpi: int, max_pixels: int) -> None:
        self.blobs, self.cache_dir, self.dpi, self.max_pixels = blobs, Path(cache_dir), dpi, max_pixels

    def png(self, sha256: str, number: int, doc_type: str | None = None) -> bytes:
        cached = self.cache_dir / "pages" / sha256[:2] / f"{sha256}-{number}-{self.dpi}.png"
        if cached.exists():
            return cached.read_bytes()
        data = self.blobs.get(sha256)
        png = self._render(data, number, doc_type)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".render-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(png)
            os.replace(tmp, cached)
        except OSError:
            pass  # a cache that cannot be written only costs a re-render
        return png

    def _render(self, data: bytes, number: int, doc_type: str | None) -> bytes:
        if data[:5] == b"%PDF-" or doc_type == "pdf":
            return self._render_pdf(data, number)
        return self._render_image(data, number)

    def _render_pdf(self, data: bytes, number: int) -> bytes:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise CorruptFile() from exc
        try:
            if not 1 <= number <= len(pdf):
                raise NotFound("This document has no such page.")
            page = pdf[number - 1]
            width, height = page.get_size()  # points
            scale = self.dpi / 72.0
            pixels = width * scale * height * scale
            if pixels > self.max_pixels:
                scale *= (self.max_pixels / pixels) ** 0.5 * 0.99  # the renderer rounds sizes up
                if width * scale < 50 or height * scale < 50:
                    raise PageTooLarge()
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil()
            return _png_bytes(image)
        finally:
            pdf.close()

    def _render_image(self, data: bytes, number: int) -> bytes:
        from PIL import Image, ImageOps, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as img:  # Pillow refuses decompression bombs here
                n_frames = getattr(img, "n_frames", 1)
                if not 1 <= number <= n_frames:
                    raise NotFound("This document has no such page.")
                img.seek(number - 1)
                if img.format == "JPEG":  # decode at a reduced size when it is far above the cap
                    ratio = (self.max_pixels / (img.width * img.height)) ** 0.5
                    if ratio < 1:
                        img.draft(img.mode, (int(img.width * ratio) + 1, int(img.height * ratio) + 1))
                frame = ImageOps.exif_transpose(img.copy())
        except Image.DecompressionBombError as exc:
            raise DecompressionBomb() from exc
        except UnidentifiedImageError as exc:
            raise CorruptFile() from exc
        except OSError as exc:
            raise CorruptFile() from exc
        if frame.width * frame.height > self.max_pixels:
            ratio = (self.max_pixels / (frame.width * frame.height)) ** 0.5
            frame.thumbnail((max(1, int(frame.width * ratio)), max(1, int(frame.height * ratio))))
        if frame.mode not in ("RGB", "L", "RGBA", "LA"):
            frame = frame.convert("RGB")
        return _png_bytes(frame)


def _png_bytes(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
