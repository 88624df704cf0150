"""Synthetic inputs with known text, for the ingest tests and benchmark (never real records).

Text PDFs come from reportlab; scans are those PDFs rasterised by PDFium, optionally turned,
tilted, blurred, noised and JPEG-compressed, and wrapped back into image-only PDFs.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter
from reportlab.lib.pagesizes import letter
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ingest.ocr.sheet import perspective_coefficients

_HEADERS = ["SURGICAL PATHOLOGY REPORT", "ONCOLOGY CLINIC NOTE", "LABORATORY REPORT", "PATHOLOGY ADDENDUM"]
_NAMES = ["Alma Testpatient", "Berit Samplewood", "Corinne Fictiva", "Dalia Mockridge"]
_LINES = [
    "FINAL DIAGNOSIS:",
    "A. Left breast, 2:00, ultrasound-guided core needle biopsy:",
    "- Invasive ductal carcinoma, Nottingham grade {g} (tubules 3, nuclei 2, mitoses 1).",
    "- Ductal carcinoma in situ, cribriform type, intermediate nuclear grade.",
    "- Lymphovascular invasion: Not identified.",
    "Estrogen receptor (ER): Positive, {er}% of tumor cells, strong intensity.",
    "Progesterone receptor (PR): Positive, {pr}%, moderate intensity.",
    "HER2 (IHC): 2+ (equivocal). Reflex FISH: not amplified, ratio 1.{r}.",
    "Ki-67 proliferation index: {ki}%.",
    "PATHOLOGIC STAGE: pT2 pN1a cM0 (AJCC 8th edition).",
    "The tumor measures {a}.{b} x 1.8 x 1.5 cm. Margins are negative; closest 0.4 cm.",
    "Lymph nodes: 2 of 14 positive for metastatic carcinoma (largest deposit 6 mm).",
    "No extranodal extension is identified. Microcalcifications are present.",
    "MEDICATIONS: ribociclib 400 mg daily, days 1-21 of 28; letrozole 2.5 mg daily.",
    "Dose reduced from 600 mg to 400 mg on 05/{d}/2025 for grade 3 neutropenia.",
    "Absolute neutrophil count 0.{n} x10^9/L (reference 1.5-8.0).",
    "Family history: mother with breast cancer at age 52; no known BRCA testing.",
    "Plan: continue endocrine therapy; repeat CBC in two weeks before cycle 4.",
    "COMMENT: Results were discussed with Dr. Riverside on 03/{d}/2025.",
    "Electronically signed by: Pat Examplar, MD, Pathologist.",
]


def report_pages(pages: int = 1, lines_per_page: int = 34, seed: int = 0) -> list[list[str]]:
    """Lines of invented report text, different on every page."""
    rnd = random.Random(seed)
    out: list[list[str]] = []
    for number in range(1, pages + 1):
        lines = [rnd.choice(_HEADERS), f"Patient: {rnd.choice(_NAMES)}   MRN: {rnd.randint(10**6, 10**7)}   Page {number}"]
        while len(lines) < lines_per_page:
            template = rnd.choice(_LINES)
            lines.append(template.format(g=rnd.randint(1, 3), er=rnd.randint(1, 99), pr=rnd.randint(0, 90),
                                         r=rnd.randint(0, 9), ki=rnd.randint(5, 60), a=rnd.randint(1, 4),
                                         b=rnd.randint(0, 9), d=rnd.randint(10, 28), n=rnd.randint(3, 9)))
        out.append(lines)
    return out


def text_pdf(pages: Sequence[Sequence[str]], *, user_password: str | None = None,
             owner_password: str | None = None, font_size: float = 11, font: str = "Helvetica") -> bytes:
    """A text PDF, one page per list of lines (US Letter, Helvetica unless `font` says: "Courier"
    keeps the columns of a table printed with spaces)."""
    buf = io.BytesIO()
    encrypt = None
    if user_password is not None or owner_password is not None:
        encrypt = StandardEncryption(user_password or "", ownerPassword=owner_password or user_password or "",
                                     canPrint=1, canModify=0, canCopy=0, canAnnotate=0)
    c = canvas.Canvas(buf, pagesize=letter, encrypt=encrypt, invariant=1)
    for lines in pages:
        _draw_lines(c, lines, font_size, font=font)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_lines(c: canvas.Canvas, lines: Sequence[str], font_size: float, *, invisible: bool = False,
                font: str = "Helvetica") -> None:
    text = c.beginText(60, 740)
    text.setFont(font, font_size)
    text.setLeading(font_size * 1.45)
    if invisible:
        text.setTextRenderMode(3)
    for line in lines:
        text.textLine(line)
    c.drawText(text)


#: A CBC drawn as a ruled table; "\n" wraps a cell onto a second line.
LAB_TABLE = [
    ("Test", "Result", "Flag", "Units", "Reference range"),
    ("WBC", "2.4", "L", "x10^9/L", "4.0 - 11.0"),
    ("Hemoglobin", "12.6", "", "g/dL", "12.0 - 15.5"),
    ("Neutrophils,\nabsolute (ANC)", "0.82", "L", "x10^9/L", "1.80 - 7.70"),
    ("Platelets", "171", "", "x10^9/L", "150 - 400"),
]


#: A lab table printed with spaces for columns, as photographed lab reports are (print it in Courier).
PHOTO_LAB_TABLE = [
    "RIVERBANK COMMUNITY LABORATORY                 Report date: 24/11/2026",
    "Patient: Example, Alma                         Lab no.: 26-11-0417",
    "",
    "Test                          Result   Flag   Units        Reference",
    "Haemoglobin                   10.4     L      g/dL         12.0 - 15.0",
    "Total leucocyte count         2.9      L      10^3/uL      4.0 - 10.0",
    "Absolute neutrophil count     1.22     L      10^3/uL      2.0 - 7.0",
    "Lymphocytes                   46       H      %            20 - 40",
    "Platelet count                165             10^3/uL      150 - 410",
    "Serum creatinine              0.78            mg/dL        0.5 - 1.1",
    "Total bilirubin               0.6             mg/dL        0.3 - 1.2",
    "",
    "Interpretation: mild neutropenia. Please correlate clinically.",
]


def ruled_table_pdf(pages: int = 1, *, rows: Sequence[Sequence[str]] = LAB_TABLE, by_column: bool = False,
                    rotate: int = 0, upright: bool = False, cropbox_shift: float = 0.0) -> bytes:
    """Pages holding a heading, a ruled table and a closing line. `by_column` writes the cells
    column by column (as some lab systems do: PDFium then reads a column at a time); wrapped cells
    have their neighbours centred beside them. `rotate` sets the page's /Rotate (reportlab then
    writes a landscape MediaBox, shown turned to portrait, so the drawing shows sideways); with
    `upright` (and /Rotate 90) the drawing is turned against it and shows upright.
    `cropbox_shift` moves the CropBox origin (points)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    xs = [60, 200, 260, 300, 380, 500]
    leading, pad = 12.0, 4.0
    for number in range(1, pages + 1):
        if rotate:
            c.setPageRotation(rotate)
        c.saveState()
        if upright:  # undo the viewer's quarter turn: draw turned a quarter counter-clockwise
            c.translate(792, 0)
            c.rotate(90)
        if cropbox_shift:
            c.setCropBox((cropbox_shift, cropbox_shift, 612, 792))
        c.setFont("Helvetica", 10)
        c.drawString(60, 740, f"COMPLETE BLOOD COUNT   Page {number}")
        heights = [max(len(cell.split("\n")) for cell in row) * leading + 2 * pad for row in rows]
        tops = [720.0]
        for h in heights:
            tops.append(tops[-1] - h)
        cells = [(r, k) for k in range(len(rows[0])) for r in range(len(rows))] if by_column else \
            [(r, k) for r in range(len(rows)) for k in range(len(rows[0]))]
        for r, k in cells:
            parts = rows[r][k].split("\n")
            first = (tops[r] + tops[r + 1]) / 2 + (len(parts) - 1) * leading / 2 - 3.5
            for i, part in enumerate(parts):
                c.drawString(xs[k] + 4, first - i * leading, part)
        for y in tops:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        c.drawString(60, tops[-1] - 30, "Verified by: laboratory staff. Reference ranges are for adults.")
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


def rasterize(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    """Each page of `pdf` as a grayscale image at `dpi`, as a scanner would see it."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().copy() for i in range(len(doc))]
    finally:
        doc.close()


def degrade(image: Image.Image, *, turn: int = 0, tilt: float = 0.0, blur: float = 0.0, noise: float = 0.0,
            jpeg_quality: int | None = None, seed: int = 0) -> Image.Image:
    """A worse scan: turned by `turn` degrees clockwise, tilted `tilt` degrees, blurred, noised, JPEG'd."""
    img = image.convert("L")
    if tilt:
        img = img.rotate(tilt, resample=Image.Resampling.BILINEAR, fillcolor=255)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        random.seed(seed)  # effect_noise draws from C rand(); the seed keeps the test inputs stable
        img = ImageChops.add(img, Image.effect_noise(img.size, noise), offset=-128)
    if jpeg_quality:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg_quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    if turn % 360:
        img = img.rotate(-turn, expand=True)
    return img


def photograph(page: Image.Image, corners: Sequence[tuple[float, float]], *, frame: tuple[int, int] | None = None,
               desk: int = 85, falloff: float = 0.3, seed: int = 0) -> Image.Image:
    """A phone photo of `page` lying on a dark desk: the page's corners (top-left, top-right,
    bottom-right, bottom-left) land at `corners`, given as fractions of the frame (default: the page's
    size plus a sixth), the light falls off by `falloff` from the top-left corner, and the desk is
    noisy. Grayscale."""
    width, height = frame or (int(page.width * 7 / 6), int(page.height * 7 / 6))
    target = [(x * width, y * height) for x, y in corners]
    source = [(0.0, 0.0), (float(page.width), 0.0), (float(page.width), float(page.height)), (0.0, float(page.height))]
    coefficients = perspective_coefficients(target, source)
    gray = page.convert("L")
    warped = gray.transform((width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC)
    mask = Image.new("L", gray.size, 255).transform((width, height), Image.Transform.PERSPECTIVE, coefficients,
                                                    Image.Resampling.BILINEAR)
    rng = np.random.default_rng(seed)
    photo = Image.fromarray(np.clip(rng.normal(desk, 8, (height, width)), 0, 255).astype(np.uint8), "L")
    photo.paste(warped, (0, 0), mask)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    light = 1.04 - falloff * np.hypot(xx / width, yy / height) / np.sqrt(2)
    lit = np.asarray(photo, dtype=np.float32) * light
    return Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.5))


def image_pdf(images: Sequence[Image.Image], *, dpi: int = 300,
              invisible_text: Sequence[Sequence[str]] | None = None) -> bytes:
    """An image-only PDF (a scan), optionally with an invisible text layer per page (as OCR'd scans have)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    for i, image in enumerate(images):
        _draw_scan(c, image, dpi)
        if invisible_text is not None:
            _draw_lines(c, invisible_text[i], 11, invisible=True)
        c.showPage()
    c.save()
    return buf.getvalue()


def mixed_pdf(text_lines: Sequence[str], scan: Image.Image, *, dpi: int = 300) -> bytes:
    """Page 1 with a text layer, page 2 a scanned image only."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    _draw_lines(c, text_lines, 11)
    c.showPage()
    _draw_scan(c, scan, dpi)
    c.showPage()
    c.save()
    return buf.getvalue()


def _draw_scan(c: canvas.Canvas, image: Image.Image, dpi: int) -> None:
    width, height = image.width * 72 / dpi, image.height * 72 / dpi
    c.setPageSize((width, height))
    jpeg = io.BytesIO()
    image.convert("L").save(jpeg, "JPEG", quality=85)
    c.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width=width, height=height)


def image_bytes(image: Image.Image, fmt: str, **save_args: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **save_args)
    return buf.getvalue()


def known_text(lines: Sequence[str]) -> str:
    return "\n".join(lines)


def cer(text: str, reference: str) -> float:
    """Character error rate of `text` against `reference`, whitespace runs counted as one space."""
    from rapidfuzz.distance import Levenshtein

    hyp, ref = " ".join(text.split()), " ".join(reference.split())
    return Levenshtein.distance(hyp, ref) / max(len(ref), 1)
