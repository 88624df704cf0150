"""Originals stored once by sha256 under the data directory, and page images rendered from them.

An original is written to a temporary file and moved into place only if no file of that hash
exists, so stored bytes are never overwritten and processing never deletes them. Every read checks
the bytes against the hash they are stored under: a damaged copy is reported (and replaced by the
next upload of the same file), never handed on.

With ``ONCOGUIDE_ENCRYPTION_KEY`` (a Fernet key, or several separated by commas: the first
encrypts, any decrypts, for rotating keys) originals and cached page images are encrypted at rest;
the hash is always that of the uploaded bytes. Originals stored before a key was set stay readable.
See docs/security.md.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import ConfigurationError, CorruptFile
from api.errors import NotFound, StorageUnavailable


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path, encryption_key: str | None = None) -> None:
        self.root = Path(root)
        self._fernet = None
        if encryption_key:
            from cryptography.fernet import Fernet, MultiFernet

            try:
                keys = [k.strip() for k in encryption_key.split(",") if k.strip()]
                self._fernet = MultiFernet([Fernet(k.encode()) for k in keys])
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
        damaged = False
        if target.exists():
            try:
                self.get(digest)
                return digest
            except (CorruptFile, ConfigurationError):
                damaged = True  # these bytes are the good copy: they replace it
        payload = self.seal(data)
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
                    os.replace(tmp, target) if damaged else os.link(tmp, target)
                except FileExistsError:
                    pass
            finally:
                if os.path.exists(tmp):
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
        if sha256_hex(payload) == sha256:
            return payload  # stored in the clear (before a key was set, or with none)
        if self._fernet is None:
            if _is_fernet_token(payload):
                raise ConfigurationError(
                    "The stored originals are encrypted: set ONCOGUIDE_ENCRYPTION_KEY to the key they "
                    "were stored with."
                )
            raise _damaged()
        from cryptography.fernet import InvalidToken

        try:
            data = self._fernet.decrypt(payload)
        except InvalidToken as exc:
            if _is_fernet_token(payload):
                raise ConfigurationError(
                    "A stored original cannot be decrypted: ONCOGUIDE_ENCRYPTION_KEY differs from "
                    "the key it was stored with (keep old keys after the new one, separated by commas), "
                    "or the stored copy is damaged (upload the file again to replace it)."
                ) from exc
            raise _damaged() from exc
        if sha256_hex(data) != sha256:
            raise _damaged()
        return data

    def reseal_all(self) -> int:
        """Write every stored original again, sealed with the first key (originals stored in the
        clear get encrypted, those under an older key move to the new one); return how many. Each
        is checked against its hash first and replaced atomically."""
        count = 0
        for path in sorted(self.root.glob("??/" + "?" * 64)):
            data = self.get(path.name)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(self.seal(data))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            count += 1
        return count

    def seal(self, data: bytes) -> bytes:
        """`data` as it is written to disk: encrypted when a key is set."""
        return self._fernet.encrypt(data) if self._fernet else data

    def unseal(self, stored: bytes) -> bytes | None:
        """What `seal` wrote, or None when `stored` was not sealed with the current keys."""
        if self._fernet is None:
            return None if _is_fernet_token(stored) else stored
        from cryptography.fernet import InvalidToken

        try:
            return self._fernet.decrypt(stored)
        except InvalidToken:
            return None


def _is_fernet_token(data: bytes) -> bool:
    """A Fernet token: URL-safe base64 of version byte 0x80, timestamp, IV, ciphertext and HMAC."""
    import base64
    import binascii

    try:
        raw = base64.urlsafe_b64decode(data[:64] + b"=" * (-len(data[:64]) % 4))
    except (binascii.Error, ValueError):
        return False
    return raw[:1] == b"\x80" and len(data) >= 100


def _damaged() -> CorruptFile:
    return CorruptFile("The stored copy of this document is damaged. Upload the file again: the new "
                       "copy replaces the damaged one.")


@dataclass(frozen=True)
class PageView:
    """How a page is shown so that its word boxes (kept at ingest) fall on its words: turned and
    straightened as OCR read it, and in gray for scans and photos (a PNG about half the size)."""

    #: ingest's `Page.rotation`: clockwise degrees the page was turned to read it upright (for a
    #: photo, its EXIF orientation included; for a PDF, on top of the page's own /Rotate).
    rotation: int = 0
    #: ingest's `Page.skew`: degrees (counter-clockwise) OCR straightened the page by.
    skew: float = 0.0
    gray: bool = False
    #: ingest's `Page.sheet`: a photo's sheet of paper OCR flattened first (eight fractions), or None.
    sheet: tuple[float, ...] | None = None

    @property
    def tag(self) -> str:
        tag = f"r{self.rotation % 360}s{self.skew:+.2f}{'g' if self.gray else 'c'}"
        if self.sheet:
            tag += "f" + hashlib.sha256(repr(self.sheet).encode()).hexdigest()[:10]
        return tag


#: Encodings of a page image and their media types. WebP (lossy) is for browsers that ask for it.
MEDIA_TYPES = {"png": "image/png", "webp": "image/webp"}
_WEBP_QUALITY = 80


class PageImages:
    """One page of a stored original as an image in its words' frame, rendered on demand and
    cached on disk per view and encoding."""

    def __init__(self, blobs: BlobStore, cache_dir: Path, dpi: int, max_pixels: int) -> None:
        self.blobs, self.cache_dir, self.dpi, self.max_pixels = blobs, Path(cache_dir), dpi, max_pixels

    def png(self, sha256: str, number: int, doc_type: str | None = None, view: PageView = PageView()) -> bytes:
        return self.image(sha256, number, doc_type, view, "png")

    def image(self, sha256: str, number: int, doc_type: str | None = None, view: PageView = PageView(),
              encoding: str = "png") -> bytes:
        if encoding not in MEDIA_TYPES:
            raise ValueError(f"no page image encoding {encoding!r}")
        cached = self.cache_dir / "pages" / sha256[:2] / f"{sha256}-{number}-{self.dpi}-{view.tag}.{encoding}"
        if cached.exists():
            hit = self.blobs.unseal(cached.read_bytes())  # page images are records too: sealed like originals
            if hit is not None:
                return hit
        data = self.blobs.get(sha256)
        encoded = _encode(self._render(data, number, doc_type, view), encoding)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".render-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(self.blobs.seal(encoded))
            os.replace(tmp, cached)
        except OSError:
            pass  # a cache that cannot be written only costs a re-render
        return encoded

    def _render(self, data: bytes, number: int, doc_type: str | None, view: PageView):
        from ingest.ocr.images import straighten, turn
        from ingest.ocr.sheet import Sheet, flatten

        if data[:5] == b"%PDF-" or doc_type == "pdf":
            image, turned = self._render_pdf(data, number, view.gray), 0
        else:
            image, turned = self._render_image(data, number, doc_type)
        if view.gray and image.mode != "L":
            image = image.convert("L")
        if view.sheet:  # flattened as OCR flattened it, before OCR's own turn
            image = flatten(image, Sheet.from_flat(list(view.sheet)))
        image = turn(image, (view.rotation - turned) % 360)
        if view.skew:
            image = straighten(image if image.mode == "L" else image.convert("L"), view.skew)
        return image

    def _render_pdf(self, data: bytes, number: int, gray: bool):
        """The page as PDFium draws it (its /Rotate applied), at the configured resolution. Rendered
        by ingest under its PDFium lock: PDFium is not thread-safe and requests run in threads."""
        from ingest.render import render_page_image

        try:
            return render_page_image(data, number, dpi=self.dpi, max_pixels=self.max_pixels, gray=gray)
        except IndexError as exc:
            raise NotFound("This document has no such page.") from exc

    def _render_image(self, data: bytes, number: int, doc_type: str | None = None):
        """(the frame upright by its EXIF orientation, the clockwise degrees that turned it)."""
        from PIL import Image, ImageOps

        # ingest's own decoding guard (Pillow's errors → ours) and EXIF table, so the frame
        # matches the one OCR read.
        from ingest.images import EXIF_TURN, decoding

        if doc_type == "heic":  # Pillow opens HEIC photos only with pillow-heif's opener registered
            from ingest.images import register_heif

            register_heif()
        with decoding(), Image.open(io.BytesIO(data)) as img:  # Pillow refuses decompression bombs here
            n_frames = getattr(img, "n_frames", 1)
            if not 1 <= number <= n_frames:
                raise NotFound("This document has no such page.")
            img.seek(number - 1)
            turned = EXIF_TURN.get(img.getexif().get(0x0112, 1), 0)
            if img.format == "JPEG":  # decode at a reduced size when it is far above the cap
                ratio = (self.max_pixels / (img.width * img.height)) ** 0.5
                if ratio < 1:
                    img.draft(img.mode, (int(img.width * ratio) + 1, int(img.height * ratio) + 1))
            frame = ImageOps.exif_transpose(img.copy())
            if frame.width * frame.height > self.max_pixels:
                ratio = (self.max_pixels / (frame.width * frame.height)) ** 0.5
                frame.thumbnail((max(1, int(frame.width * ratio)), max(1, int(frame.height * ratio))))
            if frame.mode not in ("RGB", "L", "RGBA", "LA"):
                frame = frame.convert("RGB")
        return frame, turned


def _encode(image, encoding: str) -> bytes:
    out = io.BytesIO()
    if encoding == "webp":
        image.save(out, format="WEBP", quality=_WEBP_QUALITY)
    else:
        image.save(out, format="PNG", optimize=False)
    return out.getvalue()
