"""The patient's and the navigator's pages through HTTP (TestClient, jobs run in-process).

Records are read by the API tests' `FakePipeline` (lines ``path=value`` with exact spans);
guidance comes from the real answer library.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from api.schemas import DocumentPublic, ErrorDetail, Progress
from api.web.status import DocState, status_words
from tests.test_web_fixtures import (  # noqa: F401
    NOTE, REPORT, csrf_of, sign_in, upload_web, web, web_people, web_services,
)


def _texts(html: str, css_class: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(rf'class="{css_class}"[^>]*>(.*?)</', html, re.S)]


@pytest.fixture
def ann(web, web_people):
    """Ann signed in, her pathology report and clinic note uploaded and read."""
    sign_in(web, "ann@example.test")
    r = upload_web(web, web_people.p1.id, ("path.txt", REPORT), ("note.txt", NOTE))
    assert r.status_code == 202, r.text
    return web_people


def test_upload_answers_with_the_documents_and_their_live_status(web, ann):
    pid = ann.p1.id
    statuses = web.get(f"/patients/{pid}/documents.json").json()
    assert [s["words"] for s in statuses] == ["Done: 1 page read", "Done: 1 page read"]
    assert all(s["finished"] and s["status"] == "done" for s in statuses)
    page = web.get(f"/patients/{pid}").text
    assert page.count('class="document"') == 2 and "path.txt" in page and "note.txt" in page
    assert 'capture="environment"' in page and 'accept="image/*"' in page and "multiple" in page
    again = upload_web(web, pid, ("renamed.txt", REPORT)).json()
    assert again["documents"][0]["duplicate"] is True


def test_an_upload_without_script_redirects_back_to_the_records(web, web_people):
    sign_in(web, "ann@example.test")
    pid = web_people.p1.id
    token = csrf_of(web.get(f"/patients/{pid}").text)
    r = web.post(f"/patients/{pid}/documents", data={"csrf": token},
                 files=[("file", ("a.txt", b"diagnosis.grade=3\n", "text/plain"))], follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/patients/{pid}?done=uploaded"
    assert "Your files were received" in web.get(r.headers["location"]).text


def test_upload_errors_come_back_in_plain_words(web, web_people):
    sign_in(web, "ann@example.test")
    pid = web_people.p1.id
    r = upload_web(web, pid, ("empty.pdf", b""))
    assert r.status_code == 422 and "empty" in r.json()["error"]["message"]
    upload_web(web, pid, ("locked.pdf", b"LOCKED\n"))  # the fake's password-protected PDF
    status = web.get(f"/patients/{pid}/documents.json").json()[0]
    assert status["status"] == "failed"
    assert status["words"].startswith("Could not be read. This PDF is protected by a password")
    assert "without a password" in web.get(f"/patients/{pid}").text


@pytest.mark.parametrize("state,words", [
    (DocState("d", "queued", None, None, None, 0), "Waiting to be read"),
    (DocState("d", "queued", "The reader is busy. Try later.", None, None, 0), "Waiting to be tried again: The reader is busy. Try later."),
    (DocState("d", "processing", None, 2, 5, 0), "Reading page 3 of 5"),
    (DocState("d", "processing", None, 5, 5, 0), "Finding the details in the pages"),
    (DocState("d", "processing", None, None, None, 0), "Reading"),
    (DocState("d", "done", None, 5, 5, 5), "Done: 5 pages read"),
    (DocState("d", "partial", "Page 2 could not be read.", 2, 2, 2), "Partly read. Page 2 could not be read."),
])
def test_status_in_plain_words(state, words):
    assert status_words(state) == words


def test_status_of_an_api_document():
    doc = DocumentPublic(document_id="d", patient_id="p", filename="f", sha256="0" * 64, size=1, status="processing",
                         error=None, progress=Progress(done=0, total=3), kind=None, text_source=None,
                         created_at=datetime.now(timezone.utc), pages=[])
    assert status_words(DocState.of_public(doc)) == "Reading page 1 of 3"
    failed = doc.model_copy(update={"status": "failed", "error": ErrorDetail(code="x", message="Scan it again.")})
    assert status_words(DocState.of_public(failed)) == "Could not be read. Scan it again."


def test_my_profile_in_plain_words_with_links_to_the_evidence(web, ann):
    pid = ann.p1.id
    page = web.get(f"/patients/{pid}/profile").text
    assert "Your cancer is ER-positive (95 %), PR-negative, HER2-low (IHC 1+) and stage IV." in page
    assert "Not checked yet." in page
    her2 = page[page.index('data-fact="her2"'):]
    her2 = her2[:her2.index("</li>")]
    assert "HER2: HER2-low (IHC score 1+)." in her2
    link = re.search(r'href="(/documents/(doc_\w+)/pages/1/view\?start=(\d+)&amp;end=(\d+)&amp;field=[^"]+)"', her2)
    assert link, her2
    assert "Your records do not state your performance status (ECOG)." in page  # what the records do not say
    view = web.get(link.group(1).replace("&amp;", "&"))
    assert view.status_code == 200
    quote = re.search(r"<mark>(.*?)</mark>", view.text).group(1)
    page_text = REPORT.decode()
    assert quote == page_text[int(link.group(3)):int(link.group(4))]
    assert "About: <strong>HER2: HER2-low (IHC score 1+).</strong>" in view.text  # the fact, for a patient
    assert "page-frame" not in view.text  # a text document has no image: the text is shown instead


def test_a_patient_cannot_reach_another_patients_pages(web, ann, web_services):
    other = ann.p2.id
    sign_in(web, "bea@example.test")
    upload_web(web, other, ("b.txt", b"diagnosis.grade=1\n"))
    bea_doc = web.get(f"/patients/{other}/documents.json").json()[0]["document_id"]
    sign_in(web, "ann@example.test")
    for url in (f"/patients/{other}", f"/patients/{other}/profile", f"/patients/{other}/ask",
                f"/patients/{other}/documents.json", f"/documents/{bea_doc}/pages/1/view", f"/documents/{bea_doc}/pages/1.png",
                "/patients/pat_doesnotexist/profile", "/documents/" + "x" * 40 + "/pages/1/view"):
        r = web.get(url)
        assert r.status_code == 404, url
        assert "Bea" not in r.text
    assert "Page not found" in web.get(f"/patients/{other}/profile").text
    token = csrf_of(web.get(f"/patients/{ann.p1.id}").text)
    r = web.post(f"/patients/{other}/documents", headers={"X-CSRF-Token": token, "Accept": "application/json"},
                 files=[("file", ("x.txt", b"diagnosis.grade=3\n", "text/plain"))])
    assert r.status_code == 404
    for url in ("/queue", f"/review/{ann.p1.id}", f"/review/{ann.p1.id}/audit", f"/review/{ann.p1.id}/fhir"):
        assert web.get(url).status_code == 403, url


def test_asking_a_question_gives_tailored_guidance(web, ann):
    pid = ann.p1.id
    ask = web.get(f"/patients/{pid}/ask").text
    assert "How does CAR-T cell therapy work for breast cancer?" in ask  # the library's questions to pick
    r = web.post(f"/patients/{pid}/ask", data={"csrf": csrf_of(ask), "question": "",
                                               "picked": "How does CAR-T cell therapy work for breast cancer?"})
    assert r.status_code == 200
    page = r.text
    not_for_you = re.search(r'<details class="not-for-you"[^>]*>\s*<summary>(.*?)</summary>(.*?)</details>', page, re.S)
    assert not_for_you
    summary = re.sub(r"<[^>]+>", "", not_for_you.group(1))
    assert "Not about your situation" in summary and "HER2-positive" in summary and "HER2-low (IHC 1+)" in summary
    assert 'class="based-on"' in not_for_you.group(2) and "/documents/doc_" in not_for_you.group(2)
    assert "Questions to ask your oncologist" in page and "not medical advice" in page
    assert "Made on" in page and "due for review" in page


def test_question_errors_stay_on_the_page(web, ann):
    pid = ann.p1.id
    token = csrf_of(web.get(f"/patients/{pid}/ask").text)
    r = web.post(f"/patients/{pid}/ask", data={"csrf": token, "question": "  "})
    assert r.status_code == 422 and "Type a question, or pick one" in r.text
    r = web.post(f"/patients/{pid}/ask", data={"csrf": token, "question": "Which football team won the 1966 cup?"})
    assert r.status_code == 404 and "No answer in the library fits this question" in r.text
    assert 'value="Which football team' not in r.text and "Which football team won the 1966 cup?</textarea>" in r.text


# --- navigator ----------------------------------------------------------------------------------


def _review(web, pid: str, field: str | None = None) -> str:
    url = f"/review/{pid}" + (f"?field={field}" if field else "")
    r = web.get(url)
    assert r.status_code == 200, r.text
    return r.text


def _act(web, pid: str, **form) -> object:
    token = csrf_of(web.get(f"/review/{pid}").text)
    return web.post(f"/review/{pid}/field", data={"csrf": token, **form}, follow_redirects=False)


def test_the_queue_puts_patients_needing_attention_first(web, ann):
    sign_in(web, "nav@clinic.test")
    page = web.get("/queue").text
    order = re.findall(r'data-patient="(pat_\w+)"', page)
    assert order == [ann.p1.id, ann.p2.id]  # nav2's patient p3 is not listed
    assert "2 new uploads to review" in page and "No documents yet" in page
    records = web.get(f"/patients/{ann.p1.id}").text  # the patient's pages, with the navigator's tabs
    assert "<h1>Records of Ann Example</h1>" in records and 'class="patient-nav"' in records


def test_navigator_corrects_a_field_and_the_patient_sees_it_at_once(web, ann):
    pid = ann.p1.id
    sign_in(web, "nav@clinic.test")
    page = _review(web, pid, "receptors.her2.category")
    assert 'aria-current="true"' in page and "receptors.her2.category" in page
    r = _act(web, pid, field="receptors.her2.category", action="correct", value="zero", note="")
    assert r.status_code == 422 and "Add a note" in r.text  # a correction needs a note
    r = _act(web, pid, field="receptors.her2.category", action="correct", value="zero",
             note="IHC 0 on the repeat stain of block A2.")
    assert r.status_code == 303 and r.headers["location"].endswith("field=receptors.her2.category&done=correct")
    page = web.get(r.headers["location"]).text
    assert "Corrected." in page and "IHC 0 on the repeat stain of block A2." in page

    sign_in(web, "ann@example.test")
    profile = web.get(f"/patients/{pid}/profile").text
    assert "HER2: HER2-zero (IHC score 1+)." in profile and "Corrected by your care team" in profile
    assert "Being checked." in profile
    token = csrf_of(web.get(f"/patients/{pid}/ask").text)
    guidance = web.post(f"/patients/{pid}/ask", data={"csrf": token, "question": "How does CAR-T cell therapy work for breast cancer?"}).text
    assert "HER2-zero" in guidance  # the guidance follows the corrected profile


def test_navigator_adds_a_value_the_extraction_missed(web, ann):
    pid = ann.p1.id
    sign_in(web, "nav@clinic.test")
    page = _review(web, pid)
    addable = re.findall(r'<option value="([\w.]+)">', page.split('id="add-value"', 1)[1])
    assert "diagnosis.laterality" in addable and "stage.metastatic_sites" in addable
    assert "receptors.her2.category" not in addable  # already in the profile: corrected, not added
    r = _act(web, pid, field="diagnosis.laterality", action="correct", value="left", note="")
    assert r.status_code == 422 and "Add a note" in r.text
    r = _act(web, pid, field="diagnosis.laterality", action="correct", value="left",
             note="Page 1 of the pathology report: 'LEFT BREAST, MASTECTOMY'.")
    assert r.status_code == 303
    r = _act(web, pid, field="stage.metastatic_sites", action="correct", value="bone, liver",
             note="CT report of 2024-01-10, impression.")
    assert r.status_code == 303
    r = _act(web, pid, field="lymph_nodes.examined", action="correct", value="fourteen", note="typo")
    assert r.status_code == 422 and "type it as one" in r.text  # read as the field's type: a number
    page = _review(web, pid, "diagnosis.laterality")
    assert '<strong class="selected-value">left</strong>' in page and "flag-corrected" in page
    assert 'id="add-value"' in page and '<option value="diagnosis.laterality">' not in page
    audit = web.get(f"/review/{pid}/audit").text
    assert "diagnosis.laterality" in audit and "stage.metastatic_sites" in audit
    sign_in(web, "ann@example.test")
    profile = web.get(f"/patients/{pid}/profile").text
    assert "your left breast" in profile and "Corrected by your care team" in profile


def test_navigator_marks_not_stated_settles_a_conflict_and_confirms(web, ann):
    pid = ann.p1.id
    sign_in(web, "nav@clinic.test")
    r = _act(web, pid, field="menopausal_status", action="not_stated", note="The note is about her sister.")
    assert r.status_code == 303
    token = csrf_of(web.get(f"/patients/{ann.p1.id}").text)  # a later record disagrees on the grade
    web.post(f"/patients/{pid}/documents", headers={"X-CSRF-Token": token, "Accept": "application/json"},
             files=[("file", ("addendum.txt", b"ADDENDUM\ndiagnosis.grade=3\n", "text/plain"))])
    r = _act(web, pid, field="diagnosis.grade", action="correct", value="2", note="Grade 2 per the original report.")
    assert r.status_code == 303
    r = _act(web, pid, field="diagnosis.grade", action="correct", value="two", note="typo")
    assert r.status_code == 422 and "type it as one" in r.text

    token = csrf_of(web.get(f"/review/{pid}").text)
    r = web.post(f"/review/{pid}/confirm", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    page = web.get(r.headers["location"]).text
    assert "Profile confirmed." in page and '<strong id="review-state">Confirmed</strong>' in page

    sign_in(web, "ann@example.test")
    profile = web.get(f"/patients/{pid}/profile").text
    assert "Checked by your care team." in profile and "nav@clinic.test confirmed this profile" in profile
    assert "You are postmenopausal" not in profile
    assert "Your records do not say whether you have been through menopause." in profile


def test_settling_a_conflict_by_choosing_a_value(web, ann, web_services):
    from api.profiles import current_report
    from sqlmodel import Session

    pid = ann.p1.id
    sign_in(web, "nav@clinic.test")
    token = csrf_of(web.get(f"/review/{pid}").text)
    assert web.post(f"/review/{pid}/confirm", data={"csrf": token}, follow_redirects=False).status_code == 303
    sign_in(web, "ann@example.test")
    upload_web(web, pid, ("later.txt", b"receptors.er.percent=80\n"))  # disagrees with what was confirmed
    sign_in(web, "nav@clinic.test")
    page = _review(web, pid, "receptors.er.percent")
    assert "The records disagree. Keep which value?" in page
    choices = re.findall(r'name="choice" value="(\d)"[^>]*>\s*<label[^>]*>([^<]+)</label>', page)
    assert [c[1] for c in choices] == ["95", "80"]
    r = _act(web, pid, field="receptors.er.percent", action="settle_conflict", choice="1", note="")
    assert r.status_code == 303
    with Session(web_services.engine) as s:
        report = current_report(s, pid)
    assert report["profile"]["receptors"]["er"]["percent"] == 80
    assert not [c for c in report["conflicts"] if c["field"] == "receptors.er.percent"]


def test_audit_trail_and_fhir_export(web, ann):
    pid = ann.p1.id
    sign_in(web, "nav@clinic.test")
    _act(web, pid, field="diagnosis.grade", action="correct", value="3", note="Per the excision report.")
    audit = web.get(f"/review/{pid}/audit").text
    row = re.search(r'<tr data-action="profile.correct">(.*?)</tr>', audit, re.S).group(1)
    assert "nav@clinic.test" in row and "changed a field" in row and "field: diagnosis.grade" in row
    assert 'data-action="document.upload"' in audit and "uploaded a document" in audit
    r = web.get(f"/review/{pid}/fhir")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    assert r.headers["content-disposition"] == f'attachment; filename="oncoguide-{pid}-fhir.json"'
    assert r.json()["resourceType"] == "Bundle"


def test_polling_the_status_is_not_audited_but_opening_the_page_is(web, ann, web_services):
    from sqlmodel import Session, select

    from api.db import AuditEvent

    pid = ann.p1.id

    def listed() -> int:
        with Session(web_services.engine) as s:
            return len(s.exec(select(AuditEvent).where(AuditEvent.action == "document.list",
                                                       AuditEvent.patient_id == pid)).all())

    before = listed()
    for _ in range(3):
        web.get(f"/patients/{pid}/documents.json")
    assert listed() == before
    web.get(f"/patients/{pid}")
    assert listed() == before + 1
