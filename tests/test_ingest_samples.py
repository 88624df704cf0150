"""The checked-in synthetic records (samples/records): text PDFs read exactly as their plain-text
twins, and the clean scans OCR under 1 % character errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ingest import read
from ingest.synth import cer

RECORDS = Path(__file__).resolve().parents[1] / "samples" / "records"
MANIFEST = json.loads((RECORDS / "manifest.json").read_text()) if (RECORDS / "manifest.json").exists() else None
pytestmark = pytest.mark.skipif(MANIFEST is None, reason="samples/records not generated")


def _documents() -> list[dict]:
    return [doc for patient in (MANIFEST or {}).get("patients", {}).values() for doc in patient["documents"]]


def _twin_pages(doc: dict) -> list[str]:
    return (RECORDS / doc["twin"]).read_text(encoding="utf-8").split(MANIFEST["page_separator"])


@pytest.mark.parametrize("doc", [d for d in _documents() if d.get("text_pdf")], ids=lambda d: d["name"])
def test_text_pdf_reads_exactly_as_its_twin(doc: dict) -> None:
    document = read((RECORDS / doc["text_pdf"]).read_bytes(), "record.pdf")
    twins = _twin_pages(doc)
    assert len(document.pages) == len(twins)
    for page, twin in zip(document.pages, twins):
        assert page.source == "text-layer"
        assert " ".join(page.text.split()) == " ".join(twin.split())


@pytest.mark.ocr
@pytest.mark.parametrize("doc", [d for d in _documents() if d.get("scan", {}).get("quality") == "clean"],
                         ids=lambda d: d["name"])
def test_clean_scan_reads_under_one_percent_errors(doc: dict) -> None:
    from ingest.errors import OcrUnavailable
    from ingest.ocr import default_engine

    try:
        default_engine()
    except OcrUnavailable:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("Tesseract not installed")
    document = read((RECORDS / doc["scan"]["file"]).read_bytes(), "scan.pdf")
    for page, twin in zip(document.pages, _twin_pages(doc), strict=True):
        assert page.source == "ocr"
        assert cer(page.text, twin) < 0.01, (page.number, page.text)
