"""Follow-ups found reading `api/` again: bad input answered in plain words, reads audited."""

from __future__ import annotations

from sqlmodel import Session, select

from api.db import AuditEvent
from tests.test_api_fakes import People, client, db_url, people, services, upload  # noqa: F401
from tests.test_web_fixtures import (  # noqa: F401
    REPORT, csrf_of, sign_in, upload_web, web, web_people, web_services,
)


def _events(svc, action: str, **where) -> list[AuditEvent]:
    with Session(svc.engine) as s:
        stmt = select(AuditEvent).where(AuditEvent.action == action)
        for column, value in where.items():
            stmt = stmt.where(getattr(AuditEvent, column) == value)
        return list(s.exec(stmt))


def test_a_patient_needs_a_name(client, people):
    r = client.post("/api/patients", headers=People.h(people.nav), json={"name": "   "})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    r = client.post("/api/patients", headers=People.h(people.nav), json={"name": "  Dee Example "})
    assert r.status_code == 201
    listed = client.get("/api/patients", headers=People.h(people.nav)).json()
    assert "Dee Example" in [p["name"] for p in listed]


def test_the_image_of_a_page_not_read_says_so(client, people):
    h = People.h(people.pat1)
    did = upload(client, people.pat1, people.p1.id, ("locked.pdf", b"LOCKED\n")).json()["document_id"]
    r = client.get(f"/api/documents/{did}/pages/1.png", headers=h)
    assert r.status_code == 404 and "not been read" in r.json()["error"]["message"]
    did = upload(client, people.pat1, people.p1.id, ("a.txt", b"ecog=1\n")).json()["document_id"]
    r = client.get(f"/api/documents/{did}/pages/1.png", headers=h)
    assert r.status_code == 404 and "plain-text" in r.json()["error"]["message"]


def test_a_page_image_of_an_image_upload_is_a_gray_png(client, people):
    import io

    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo, format="PNG")
    did = upload(client, people.pat1, people.p1.id, ("photo.png", photo.getvalue())).json()["document_id"]
    r = client.get(f"/api/documents/{did}/pages/1.png", headers=People.h(people.pat1))
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(r.content)).mode == "L"


def test_the_queue_and_the_evidence_viewer_are_audited(web, web_people, web_services):
    pid = web_people.p1.id
    sign_in(web, "ann@example.test")
    upload_web(web, pid, ("path.txt", REPORT))
    sign_in(web, "nav@clinic.test")
    before = len(_events(web_services, "patient.list", actor_email="nav@clinic.test"))
    assert web.get("/queue").status_code == 200
    listed = _events(web_services, "patient.list", actor_email="nav@clinic.test")
    assert len(listed) == before + 1 and listed[-1].detail == {"count": 2, "view": "queue"}

    with Session(web_services.engine) as s:
        from api.profiles import current_report

        ev = current_report(s, pid)["evidence"]["receptors.er.percent"][0]
    reads = len(_events(web_services, "profile.read", patient_id=pid))
    url = f"/documents/{ev['document']}/pages/{ev['page']}/view?start={ev['start']}&end={ev['end']}&field=receptors.er.percent"
    assert web.get(url).status_code == 200
    assert len(_events(web_services, "profile.read", patient_id=pid)) == reads + 1


def test_a_correction_typed_as_not_a_number_is_refused_in_plain_words(web, web_people):
    pid = web_people.p1.id
    sign_in(web, "ann@example.test")
    upload_web(web, pid, ("path.txt", REPORT))
    sign_in(web, "nav@clinic.test")
    for typed in ("nan", "inf"):
        token = csrf_of(web.get(f"/review/{pid}").text)
        r = web.post(f"/review/{pid}/field", data={"csrf": token, "field": "receptors.er.percent", "action": "correct",
                                                   "value": typed, "note": "typo"}, follow_redirects=False)
        assert r.status_code == 422 and "finite number" in r.text
