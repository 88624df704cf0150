"""Turns text-PDF pages into what patients actually upload: scans and phone photos.

Scans: each page rendered with PDFium at 300 DPI in gray, then paper tone, a small skew, optional
blur, noise and JPEG compression; a page can be fed upside down or sideways (rotated 90/180/270
degrees clockwise). Photos: the page rendered in colour, warped in perspective onto a desk, with
uneven light and sensor noise, stored sideways with an EXIF orientation tag that a reader must
honour to see the page upright.

Everything random comes from a NumPy generator seeded from the document's name, so the same
input gives the same pixels on every run.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from samples.layout import raw_jpeg_streams

SCAN_DPI = 300
EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class ScanSpec:
    """`quality` is "clean" (a careful flatbed scan) or "degraded" (a fax or a worn copier)."""

    quality: str = "clean"
    #: Clockwise rotation of each page's content as fed (0, 90, 180, 270); missing pages are 0.
    rotations: tuple[int, ...] = ()
    max_skew: float = 0.5
    noise: float = 5.0
    blur: float = 0.0
    jpeg_quality: int = 70
    #: Resolution the scanner really captured at, then stored at 300 DPI (a fax is ~200 x 100).
    optical_dpi: int = SCAN_DPI
    #: Black-and-white at this gray level (a fax machine's 1-bit page), applied after the noise.
    threshold: int | None = None

    def rotation(self, page_index: int) -> int:
        return self.rotations[page_index] if page_index < len(self.rotations) else 0


@dataclass(frozen=True)
class PhotoSpec:
    page: int = 1
    #: EXIF orientation of the stored pixels: 6 means "rotate 90 degrees clockwise to view".
    exif_orientation: int = 6
    dpi: int = 220
    jpeg_quality: int = 72


def seed_of(*parts: str) -> int:
    return int(hashlib.sha256("/".join(parts).encode()).hexdigest()[:16], 16)


def render_page(pdf_bytes: bytes, index: int, dpi: int, gray: bool) -> Image.Image:
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        bitmap = doc[index].render(scale=dpi / 72, grayscale=gray)
        image = bitmap.to_pil()
        return image.convert("L" if gray else "RGB")
    finally:
        doc.close()


def page_count(pdf_bytes: bytes) -> int:
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        return len(doc)
    finally:
        doc.close()


@dataclass(frozen=True)
class PagePlan:
    """What a scan does to one page, drawn before any pixel work so it can be listed cheaply."""

    page: int
    rotation: int
    skew: float
    paper: float
    toner: float
    noise_seed: int

    def manifest(self) -> dict:
        return {"page": self.page, "rotation": self.rotation, "skew_degrees": round(self.skew, 2)}


def plan_scan(spec: ScanSpec, seed: int, pages: int) -> list[PagePlan]:
    rng = np.random.default_rng(seed)
    return [
        PagePlan(page=i + 1, rotation=spec.rotation(i), skew=float(rng.uniform(-spec.max_skew, spec.max_skew)),
                 paper=float(rng.uniform(236, 248)), toner=float(rng.uniform(0.86, 0.95)),
                 noise_seed=int(rng.integers(0, 2**63 - 1)))
        for i in range(pages)
    ]


def _scan_page(image: Image.Image, spec: ScanSpec, plan: PagePlan) -> Image.Image:
    rng = np.random.default_rng(plan.noise_seed)
    arr = np.asarray(image, dtype=np.float32)
    arr = plan.paper - (255.0 - arr) * plan.toner * (plan.paper / 255.0)
    image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    image = image.rotate(plan.skew, resample=Image.Resampling.BICUBIC, fillcolor=int(plan.paper))
    if spec.optical_dpi < SCAN_DPI:
        size = image.size
        small = (round(size[0] * spec.optical_dpi / SCAN_DPI), round(size[1] * spec.optical_dpi / SCAN_DPI))
        image = image.resize(small, Image.Resampling.BOX).resize(size, Image.Resampling.BILINEAR)
    if spec.blur:
        image = image.filter(ImageFilter.GaussianBlur(spec.blur))
    arr = np.asarray(image, dtype=np.float32)
    arr = arr + rng.normal(0.0, spec.noise, arr.shape).astype(np.float32)
    if spec.quality == "degraded":
        # Copier specks: a few hundred dark dots.
        h, w = arr.shape
        ys = rng.integers(0, h, 400)
        xs = rng.integers(0, w, 400)
        arr[ys, xs] = rng.uniform(40, 120, 400)
    if spec.threshold is not None:
        arr = np.where(arr < spec.threshold, 30.0, plan.paper)
    image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    if plan.rotation:
        image = image.rotate(-plan.rotation, expand=True)  # PIL turns counter-clockwise
    return image


def _jpeg(image: Image.Image, quality: int, **extra) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality, optimize=False, progressive=False, **extra)
    return buf.getvalue()


def scan_pdf(pdf_bytes: bytes, spec: ScanSpec, seed: int) -> bytes:
    """An image-only PDF of every page, each page as `plan_scan` describes it."""
    out = io.BytesIO()
    with raw_jpeg_streams():
        c = canvas.Canvas(out, invariant=1)
        c.setCreator("oncoguide samples (synthetic scan)")
        for plan in plan_scan(spec, seed, page_count(pdf_bytes)):
            image = _scan_page(render_page(pdf_bytes, plan.page - 1, SCAN_DPI, gray=True), spec, plan)
            data = _jpeg(image, spec.jpeg_quality)
            width_pt, height_pt = image.width * 72 / SCAN_DPI, image.height * 72 / SCAN_DPI
            c.setPageSize((width_pt, height_pt))
            c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width_pt, height_pt)
            c.showPage()
        c.save()
    return out.getvalue()


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Coefficients for PIL's PERSPECTIVE transform mapping output points `dst` to input `src`."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    return list(np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float)))


def photo_jpeg(pdf_bytes: bytes, spec: PhotoSpec, seed: int) -> bytes:
    """A phone photo of one page, stored sideways with an EXIF orientation tag."""
    rng = np.random.default_rng(seed)
    page = render_page(pdf_bytes, spec.page - 1, spec.dpi, gray=False)
    pw, ph = page.size
    tint = np.array([rng.uniform(246, 252), rng.uniform(240, 246), rng.uniform(226, 236)], dtype=np.float32)
    arr = np.asarray(page, dtype=np.float32) / 255.0 * tint
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")

    # Upright output frame, 3:4 like a phone camera, a little larger than the page.
    W, H = int(pw * 1.12), int(pw * 1.12 * 4 / 3)
    margin_x, margin_y = (W - pw * 0.96) / 2, (H - ph * 0.96) / 2
    jitter = lambda: float(rng.uniform(-0.025, 0.025)) * W  # noqa: E731
    dst = [
        (margin_x + jitter() + 0.02 * W, margin_y + jitter()),
        (W - margin_x + jitter() - 0.02 * W, margin_y + jitter() + 0.01 * H),
        (W - margin_x + jitter(), H - margin_y + jitter()),
        (margin_x + jitter(), H - margin_y + jitter() - 0.01 * H),
    ]
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = _perspective_coeffs(dst, src)
    warped = page.transform((W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((W, H), Image.Transform.PERSPECTIVE, coeffs,
                                                    Image.Resampling.BILINEAR)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    desk = np.stack([96 + 30 * yy / H, 78 + 22 * yy / H, 60 + 14 * yy / H], axis=-1)
    desk += rng.normal(0, 6, desk.shape).astype(np.float32)
    background = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8), "RGB")
    background.paste(warped, (0, 0), mask)

    # Uneven light: brighter near one corner, a soft shadow band across the lower part.
    cx, cy = float(rng.uniform(0.2, 0.4)) * W, float(rng.uniform(0.1, 0.3)) * H
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(W, H)
    light = 1.06 - 0.32 * dist
    band = float(rng.uniform(0.55, 0.75)) * H
    light -= 0.08 * np.exp(-(((yy - band) / (0.08 * H)) ** 2))
    arr = np.asarray(background, dtype=np.float32) * light[..., None]
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.5))
    arr = np.asarray(photo, dtype=np.float32) + rng.normal(0, 3.5, (H, W, 3)).astype(np.float32)
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")

    stored = _store_for_orientation(photo, spec.exif_orientation)
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = spec.exif_orientation
    exif[0x010F] = "Synthetic"        # Make
    exif[0x0110] = "oncoguide sample"  # Model
    return _jpeg(stored, spec.jpeg_quality, exif=exif.tobytes())


def _store_for_orientation(upright: Image.Image, orientation: int) -> Image.Image:
    """Pixels as a camera held that way stores them, so that honouring the tag shows `upright`."""
    if orientation == 1:
        return upright
    if orientation == 3:
        return upright.rotate(180)
    if orientation == 6:
        return upright.rotate(90, expand=True)   # viewer turns 90 clockwise
    if orientation == 8:
        return upright.rotate(-90, expand=True)  # viewer turns 90 counter-clockwise
    raise ValueError(f"unsupported EXIF orientation {orientation}")
