"""How legible the scans and the photo are: plain Tesseract against the known text.

    python -m samples.ocr_check [--psm 3]

Each scanned page is turned upright using the manifest's known rotation (this measures the images,
not the product's orientation detection), OCR'd at 300 DPI with tesserocr, and compared with its
plain-text twin: character error rate = Levenshtein distance / length of the twin page, both with
whitespace collapsed. The photo is turned upright by its EXIF tag and OCR'd whole (desk included).
This is an evaluation command, not a test; it needs Debian's tesseract-ocr language data.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from PIL import Image, ImageOps
from rapidfuzz.distance import Levenshtein

from samples import degrade
from samples.expected import RECORDS_DIR

TESSDATA = os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata/")


def cer(ocr_text: str, truth: str) -> float:
    ocr, ref = " ".join(ocr_text.split()), " ".join(truth.split())
    return Levenshtein.distance(ocr, ref) / max(1, len(ref))


def _ocr(api, image: Image.Image, dpi: int | None) -> str:
    api.SetImage(image)
    if dpi:
        api.SetSourceResolution(dpi)
    return api.GetUTF8Text()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.ocr_check", description=__doc__.splitlines()[0])
    parser.add_argument("--psm", type=int, default=3, help="Tesseract page segmentation mode (default 3)")
    args = parser.parse_args(argv)
    from tesserocr import PyTessBaseAPI  # imported here: only this command needs it

    manifest = json.loads((RECORDS_DIR / "manifest.json").read_text(encoding="utf-8"))
    rows: list[tuple[str, str, float]] = []
    started = time.perf_counter()
    with PyTessBaseAPI(path=TESSDATA, lang="eng", psm=args.psm) as api:
        for patient, entry in manifest["patients"].items():
            for doc in entry["documents"]:
                pages = (RECORDS_DIR / doc["twin"]).read_text(encoding="utf-8").split("\f")
                if "scan" in doc:
                    scan = (RECORDS_DIR / doc["scan"]["file"]).read_bytes()
                    for plan in doc["scan"]["pages"]:
                        image = degrade.render_page(scan, plan["page"] - 1, degrade.SCAN_DPI, gray=True)
                        image = image.rotate(plan["rotation"], expand=True)  # undo the clockwise feed
                        label = f"{doc['scan']['file']} p{plan['page']}"
                        rows.append((label, doc["scan"]["quality"], cer(_ocr(api, image, degrade.SCAN_DPI),
                                                                        pages[plan["page"] - 1])))
                if "photo" in doc:
                    image = ImageOps.exif_transpose(Image.open(RECORDS_DIR / doc["photo"]["file"]))
                    rows.append((doc["photo"]["file"], "photo",
                                 cer(_ocr(api, image, None), pages[doc["photo"]["page"] - 1])))
    elapsed = time.perf_counter() - started
    for label, quality, value in rows:
        print(f"{value * 100:6.2f} %  {quality:9s} {label}")
    for quality in ("clean", "degraded", "photo"):
        values = [v for _, q, v in rows if q == quality]
        if values:
            print(f"{quality}: {len(values)} page(s), mean CER {statistics.mean(values) * 100:.2f} %, "
                  f"max {max(values) * 100:.2f} %")
    print(f"psm {args.psm}, {len(rows)} images in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
