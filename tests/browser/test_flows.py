"""The five flows of issue 6, as a person does them, in Chromium against a running server.

The sample patient's records are the scanned pathology report (OCR) and the clinic note of
`samples/records/p01`. Each step saves a screenshot under artifacts/screenshots/.
"""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import httpx
import pytest

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "records"
SCAN = SAMPLES / "p01" / "01-pathology-core-biopsy-2023-11-17.scan.pdf"
NOTE = SAMPLES / "p01" / "04-oncology-note-2024-03-25.pdf"
OTHER_NOTE = SAMPLES / "p02" / "04-oncology-note-2024-05-28.txt"
PROCESSING_TIMEOUT_MS = 120_000


def _api_upload(clinic, pid: str, token: str, *paths: Path) -> list[str]:
    """Upload through the API (duplicates of what a flow uploaded are answered with the same ids)
    and wait until every document is read."""
    headers = {"Authorization": f"Bearer {token}"}
    base = clinic.url.replace("localhost", "127.0.0.1")
    r = httpx.post(f"{base}/api/patients/{pid}/documents", headers=headers, timeout=60,
                   files=[("file", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths])
    assert r.status_code == 202, r.text
    ids = [d["document_id"] for d in r.json()["documents"]]
    deadline = time.monotonic() + PROCESSING_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        states = [httpx.get(f"{base}/api/documents/{d}", headers=headers).json()["status"] for d in ids]
        if all(s in ("done", "partial", "failed") for s in states):
            assert set(states) == {"done"}, states
            return ids
        time.sleep(0.5)
    raise AssertionError("the documents were not read in time")


@pytest.fixture(scope="module")
def harriet_records(server) -> list[str]:
    return _api_upload(server, server.patient_id, server.patient_token, SCAN, NOTE)


@pytest.fixture(scope="module")
def bea_record(server) -> str:
    return _api_upload(server, server.other_id, server.other_token, OTHER_NOTE)[0]


def _locked_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt=StandardEncryption("open sesame", ownerPassword="owner", canPrint=1))
    pdf.drawString(72, 720, "SURGICAL PATHOLOGY REPORT")
    pdf.save()
    return out.getvalue()


def test_1_patient_uploads_and_opens_her2_evidence(server, login, shot):
    from playwright.sync_api import expect

    page = login(server.patient_email, phone=True)
    assert page.url.endswith(f"/patients/{server.patient_id}")
    shot(page, "records")

    page.locator("#file-input").set_input_files([str(SCAN), str(NOTE)])
    uploads = page.locator("#upload-list li")
    expect(uploads).to_have_count(2)
    expect(page.locator("#documents li.document")).to_have_count(2, timeout=30_000)
    shot(page, "uploading")
    # a scanned page takes seconds to read: the live status shows the work under way
    expect(page.locator("#documents")).to_contain_text(re.compile(r"Reading page \d+ of \d+|Finding the details"),
                                                       timeout=PROCESSING_TIMEOUT_MS)
    shot(page, "reading")

    done = page.locator('#documents li.document[data-status="done"]')
    expect(done).to_have_count(2, timeout=PROCESSING_TIMEOUT_MS)
    expect(page.locator("#upload-list .upload-status").first).to_contain_text("Done")
    expect(page.locator("#all-read")).to_be_visible()
    shot(page, "processed")

    page.get_by_role("link", name="See your profile").click()
    her2 = page.locator('[data-fact="her2"]')
    expect(her2).to_contain_text("HER2-low (IHC score 1+)")
    expect(page.locator("#summary")).to_contain_text("HER2-low (IHC 1+)")
    shot(page, "profile")

    her2.get_by_role("link", name="pathology report").first.click()
    expect(page.get_by_role("heading", name="Where this is in your records")).to_be_visible()
    image = page.locator(".page-frame img")
    expect(image).to_be_visible()
    page.wait_for_function("() => document.querySelector('.page-frame img').naturalWidth > 0")
    boxes = page.locator(".evidence-box")
    assert boxes.count() >= 1
    expect(page.locator(".page-text mark")).to_contain_text("HER2")
    frame, box = image.bounding_box(), boxes.first.bounding_box()
    assert box["width"] > 2 and box["height"] > 2
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"] + 1
    shot(page, "her2-evidence")


def test_2_patient_asks_about_car_t_and_sees_what_does_not_match(server, login, shot, harriet_records):
    from playwright.sync_api import expect

    page = login(server.patient_email)
    page.get_by_role("link", name="Ask a question").click()
    expect(page.get_by_label("Your question")).to_be_visible()  # the new page, not the one being left
    shot(page, "ask")
    page.get_by_label("Your question").fill("How does CAR-T therapy work for breast cancer?")
    page.get_by_role("button", name="Get my answer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CAR-T")
    shot(page, "guidance")

    her2_part = page.locator("details.not-for-you").filter(has_text="HER2-positive")
    expect(her2_part).to_have_count(1)
    summary = her2_part.locator("summary")
    expect(summary).to_contain_text("Not about your situation")
    expect(summary).to_contain_text("your records say HER2-low")
    hidden_text = her2_part.locator("p").first
    expect(hidden_text).to_be_hidden()  # collapsed until asked for
    summary.click()
    expect(hidden_text).to_be_visible()
    expect(her2_part.locator(".based-on a").first).to_have_attribute("href", re.compile(r"^/documents/doc_"))
    expect(page.locator(".disclaimer")).to_contain_text("not medical advice")
    expect(page.get_by_role("heading", name="Questions to ask your oncologist")).to_be_visible()
    shot(page, "her2-part-opened")


def test_3_navigator_corrects_confirms_and_the_patient_sees_it(server, login, shot, harriet_records):
    from playwright.sync_api import expect

    nav = login(server.navigator_email)
    assert nav.url.endswith("/queue")
    row = nav.locator(f'tr[data-patient="{server.patient_id}"]')
    expect(row).to_contain_text("new uploads to review")
    shot(nav, "queue")

    row.get_by_role("link", name="Review Harriet Quellwood").click()
    expect(nav.get_by_role("heading", level=1)).to_have_text("Review: Harriet Quellwood")
    shot(nav, "review")

    nav.locator(".field-list a", has_text="Ki-67 %").click()
    detail = nav.locator("#selected")
    expect(detail.locator("h2")).to_contain_text("Ki-67 %")
    expect(detail.locator(".selected-value")).to_have_text("15")
    expect(detail.locator(".evidence-box").first).to_be_attached()
    shot(nav, "ki67-selected")

    detail.get_by_label("Correct value").fill("20")
    detail.get_by_label("Note (required: why, and where the right value is)").fill(
        "The addendum of 2023-11-20 revised Ki-67 to 20 %.")
    detail.get_by_role("button", name="Save correction").click()
    expect(nav.get_by_role("status")).to_contain_text("Corrected")
    expect(detail.locator(".selected-value")).to_have_text("20")
    expect(detail.locator(".flag-corrected")).to_be_visible()
    shot(nav, "corrected")

    nav.get_by_role("button", name="Confirm this profile").click()
    expect(nav.locator("#review-state")).to_have_text("Confirmed")
    shot(nav, "confirmed")

    nav.get_by_role("link", name="Audit trail").click()
    change = nav.locator('tr[data-action="profile.correct"]')
    expect(change).to_have_count(1)
    expect(change).to_contain_text("receptors.ki67_percent")
    expect(change).to_contain_text(server.navigator_email)
    expect(nav.locator('tr[data-action="profile.confirm"]')).to_have_count(1)
    shot(nav, "audit")

    with nav.expect_download() as download:
        nav.get_by_role("link", name="Download FHIR export").click()
    bundle = json.loads(Path(download.value.path()).read_text())
    assert bundle["resourceType"] == "Bundle" and bundle["entry"]

    patient = login(server.patient_email)
    patient.get_by_role("link", name="My profile").click()
    expect(patient.locator("#review-status")).to_contain_text("Checked by your care team")
    ki67 = patient.locator('[data-fact="ki67"]')
    expect(ki67).to_contain_text("20 %")
    expect(ki67).to_contain_text("Corrected by your care team")
    shot(patient, "patient-sees-correction")


def test_4_a_patient_cannot_open_another_patients_pages(server, browser, shot, bea_record):
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    page.goto("/login")  # signing in with the keyboard alone
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the main content"
    page.get_by_label("Email address").focus()
    page.keyboard.type(server.patient_email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/patients/{server.patient_id}")
    for address in (f"/patients/{server.other_id}", f"/patients/{server.other_id}/profile",
                    f"/patients/{server.other_id}/ask", f"/documents/{bea_record}/pages/1/view",
                    f"/documents/{bea_record}/pages/1.png", f"/patients/{server.other_id}/documents.json"):
        response = page.goto(address)
        assert response.status == 404, address
    page.goto(f"/patients/{server.other_id}/profile")
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert "Bea" not in page.content()
    shot(page, "404")
    assert page.goto(f"/review/{server.other_id}").status == 403
    context.close()


def test_5_a_password_protected_pdf_gets_a_plain_error(server, login, shot):
    from playwright.sync_api import expect

    page = login(server.other_email, phone=True)
    page.locator("#file-input").set_input_files(
        [{"name": "locked-report.pdf", "mimeType": "application/pdf", "buffer": _locked_pdf()}])
    failed = page.locator('#documents li.document[data-status="failed"]')
    expect(failed).to_have_count(1, timeout=PROCESSING_TIMEOUT_MS)
    expect(failed).to_contain_text("Could not be read")
    expect(failed).to_contain_text("protected by a password")
    expect(failed).to_contain_text("without a password")
    expect(page.locator("#upload-list .upload-status")).to_contain_text("protected by a password")
    shot(page, "password-error")


def test_6_the_server_log_holds_no_record_content(server):
    """After the flows above: the server's and worker's log names no patient, file or record text."""
    log = (server.data_dir / "server.log").read_text(errors="replace")
    assert "GET /patients/" in log  # the access log is there to search
    for needle in ("Quellwood", "QUELLWOOD", "Harriet", "Bea Example", SCAN.name, NOTE.name, OTHER_NOTE.name,
                   "locked-report", "NEGATIVE", "Ki-67", "invasive", "ribociclib", "How does CAR-T",
                   "addendum of 2023-11-20", PASSWORD):
        assert needle not in log, needle


def test_7_a_file_dropped_on_the_upload_area_is_uploaded_and_read(server, login, shot):
    """Drag and drop, as a desktop browser delivers it: a `drop` event carrying the files."""
    from playwright.sync_api import expect

    page = login(server.other_email)
    note = "ONCOLOGY FOLLOW-UP NOTE\nDate of service: 2025-06-02\nECOG performance status: 1.\n"
    dropped = page.evaluate_handle(
        """(text) => { const dt = new DataTransfer();
                       dt.items.add(new File([text], 'dropped-note.txt', {type: 'text/plain'}));
                       return dt; }""", note)
    page.dispatch_event("#dropzone", "dragenter", {"dataTransfer": dropped})
    expect(page.locator("#dropzone")).to_have_class(re.compile(r"\bdragging\b"))
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": dropped})
    expect(page.locator("#dropzone")).not_to_have_class(re.compile(r"\bdragging\b"))
    expect(page.locator("#upload-list")).to_contain_text("dropped-note.txt")
    done = page.locator('#documents li.document[data-status="done"]', has_text="dropped-note.txt")
    expect(done).to_have_count(1, timeout=PROCESSING_TIMEOUT_MS)
    shot(page, "dropped-file-read")
