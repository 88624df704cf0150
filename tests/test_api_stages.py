"""The service with the product's real stages (ingest → extract → merge) on a generated text PDF."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tests.test_api_fakes import People, make_settings, upload

LINES = ["SURGICAL PATHOLOGY REPORT", "FINAL DIAGNOSIS:",
         "Left breast, core biopsy: Invasive ductal carcinoma, Nottingham grade 2.",
         "ESTROGEN RECEPTOR: POSITIVE (95%, strong)", "HER2 (IHC): 1+ (negative)"]


def _report_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    for page in (LINES, ["COMMENT: reviewed by a second pathologist."]):
        y = 760
        for line in page:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return out.getvalue()


@pytest.fixture
def real(tmp_path):
    from api.app import create_app
    from api.errors import StageUnavailable
    from api.pipeline import _stage
    from api.services import Services

    try:
        _stage("ingest", "read"), _stage("extract", "read_document"), _stage("extract", "merge_facts")
    except StageUnavailable as exc:  # pragma: no cover - only while a stage is missing from the tree
        pytest.skip(exc.message)
    svc = Services.from_settings(make_settings(tmp_path, pipeline="api.pipeline:StagePipeline"), immediate=True)
    people = People(svc)
    with TestClient(create_app(services=svc)) as c:
        yield c, people
    svc.close()


def test_text_pdf_upload_gives_a_profile_with_evidence_on_the_page(real, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    client, people = real
    h = People.h(people.pat1)
    r = upload(client, people.pat1, people.p1.id, ("report.pdf", _report_pdf()))
    did = r.json()["document_id"]
    doc = client.get(f"/api/documents/{did}", headers=h).json()
    assert doc["status"] == "done" and len(doc["pages"]) == 2 and doc["pages"][0]["source"] == "text-layer"
    prof = client.get(f"/api/patients/{people.p1.id}/profile", headers=h).json()
    assert prof["profile"]["receptors"]["er"]["status"] == "positive"
    for path, entries in prof["evidence"].items():
        for ev in entries:
            page = client.get(f"/api/documents/{ev['document']}/pages/{ev['page']}", headers=h).json()
            assert page["text"][ev["start"]:ev["end"]] == ev["text"], path
    png = client.get(f"/api/documents/{did}/pages/1.png", headers=h)
    assert png.status_code == 200 and Image.open(io.BytesIO(png.content)).format == "PNG"
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    for needle in ("ESTROGEN", "Invasive ductal", "report.pdf", "Ann Example", "positive"):
        assert needle not in logged, needle


def test_unreadable_upload_fails_with_the_ingest_error(real):
    client, people = real
    r = upload(client, people.pat1, people.p1.id, ("fake.pdf", b"%PDF-1.7\n this is not really a pdf"))
    doc = client.get(f"/api/documents/{r.json()['document_id']}", headers=People.h(people.pat1)).json()
    assert doc["status"] == "failed"
    assert doc["error"]["code"] in ("corrupt_file", "unsupported_type", "empty_document")
