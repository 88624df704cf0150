"""Page images are served in the frame of their word boxes, so an evidence box lands on its word.

Real ingest (Tesseract) reads sample scans that OCR had to turn: p05's upside-down second page,
p06's sideways liver biopsy and p01's phone photo that is upright only by its EXIF orientation.
For a few confidently read words, the box kept at ingest is scaled onto the served page image,
cropped, and read again by Tesseract: it must be that word. Extraction is the FakePipeline's (it
finds nothing in these records), which keeps the test to a few seconds a document.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from rapidfuzz import fuzz

from api.pipeline import StagePipeline
from tests.test_api_fakes import FakePipeline, People, make_settings, upload

RECORDS = Path(__file__).resolve().parents[1] / "samples" / "records"

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


class IngestOnly(FakePipeline):
    """The product's ingest; the fake's extraction."""

    def read(self, data: bytes, filename: str, *, max_pages: int, progress=None):
        return StagePipeline().read(data, filename, max_pages=max_pages, progress=progress)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    from api.app import create_app
    from api.services import Services

    svc = Services.from_settings(make_settings(tmp_path_factory.mktemp("frames")), pipeline=IngestOnly(),
                                 immediate=True)
    people = People(svc)
    with TestClient(create_app(services=svc)) as client:
        yield client, people
    svc.close()


def _read_word(crop: Image.Image) -> str:
    import pytesseract

    big = crop.resize((crop.width * 2, crop.height * 2), Image.Resampling.LANCZOS)
    return pytesseract.image_to_string(big, config="--psm 7 --dpi 300").strip()


def _distinct_words(words: list[dict], count: int) -> list[dict]:
    """Confidently read long words, spread over the page."""
    good = [w for w in words if re.fullmatch(r"[A-Za-z]{7,}", w["text"]) and (w.get("confidence") or 0) >= 0.9]
    good.sort(key=lambda w: (w["y0"], w["x0"]))
    step = max(1, len(good) // count)
    return good[::step][:count]


@pytest.mark.parametrize("record, page_number, turned", [
    ("p05/02-pathology-mastectomies-synoptic-2025-03-26.scan.pdf", 2, 180),
    ("p06/03-pathology-liver-biopsy-2025-01-31.scan.pdf", 1, 270),
    ("p01/03-lab-cbc-2024-03-04.photo.jpg", 1, 90),  # EXIF orientation 6
])
def test_evidence_boxes_land_on_their_words_on_turned_pages(service, record, page_number, turned):
    client, people = service
    h = People.h(people.pat1)
    path = RECORDS / record
    r = upload(client, people.pat1, people.p1.id, (path.name, path.read_bytes()))
    did = r.json()["document_id"]
    assert client.get(f"/api/documents/{did}", headers=h).json()["status"] == "done"
    page = client.get(f"/api/documents/{did}/pages/{page_number}", headers=h).json()
    summary = client.get(f"/api/documents/{did}", headers=h).json()["pages"][page_number - 1]
    assert summary["rotation"] == turned  # the test is about pages OCR read turned

    r = client.get(f"/api/documents/{did}/pages/{page_number}.png", headers=h)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(r.content))
    assert image.format == "PNG" and image.mode == "L"  # a scan or photo is served in gray
    sx, sy = image.width / page["width"], image.height / page["height"]
    assert abs(sx - sy) / sx < 0.02  # same aspect ratio: the image is in the words' frame

    words = _distinct_words(page["words"], 4)
    assert len(words) == 4
    read = []
    for w in words:
        pad = 4
        box = (int(w["x0"] * sx) - pad, int(w["y0"] * sy) - pad, int(w["x1"] * sx) + pad, int(w["y1"] * sy) + pad)
        read.append((w["text"], _read_word(image.crop(box))))
    matches = [expected for expected, got in read if fuzz.ratio(expected.lower(), got.lower()) >= 80]
    assert len(matches) >= 3, read


def test_browsers_asking_for_webp_get_a_smaller_image(service):
    client, people = service
    h = People.h(people.pat1)
    path = RECORDS / "p05/02-pathology-mastectomies-synoptic-2025-03-26.scan.pdf"
    did = upload(client, people.pat1, people.p1.id, (path.name, path.read_bytes())).json()["document_id"]
    url = f"/api/documents/{did}/pages/1.png"
    png = client.get(url, headers=h)
    webp = client.get(url, headers={**h, "Accept": "image/avif,image/webp,image/apng,image/*,*/*;q=0.8"})
    assert png.headers["content-type"] == "image/png" and png.headers["vary"] == "Accept"
    assert webp.headers["content-type"] == "image/webp" and webp.headers["vary"] == "Accept"
    assert Image.open(io.BytesIO(webp.content)).size == Image.open(io.BytesIO(png.content)).size
    assert len(webp.content) < len(png.content) / 4
    refused = client.get(url, headers={**h, "Accept": "image/webp;q=0, image/png"})
    assert refused.headers["content-type"] == "image/png"


def test_accept_header_parsing():
    from api.routes.documents import accepts_webp

    assert accepts_webp("image/webp") and accepts_webp("image/png, image/webp;q=0.5")
    assert not accepts_webp(None) and not accepts_webp("*/*") and not accepts_webp("image/*")
    assert not accepts_webp("image/webp;q=0") and not accepts_webp("image/webp;q=zero")
