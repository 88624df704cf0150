"""The service end to end through HTTP (TestClient, jobs run in-process), with FakePipeline."""

from __future__ import annotations

import logging

from tests.test_api_fakes import People, client, db_url, people, services, upload  # noqa: F401

REPORT = (b"PATHOLOGY\nreceptors.er.status=positive\nreceptors.er.percent=95\n"
          b"receptors.her2.ihc_score=1+\nreceptors.her2.status=negative\n\fpage two\ndiagnosis.grade=2\n")


def test_healthz_needs_no_token(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok", "database": "ok"}
    assert client.get("/docs").status_code == 200
    assert "/api/patients/{pid}/documents" in client.get("/openapi.json").json()["paths"]


def test_upload_is_processed_into_a_profile_with_evidence(client, people):
    r = upload(client, people.pat1, people.p1.id, ("path report.txt", REPORT))
    assert r.status_code == 202, r.text
    did = r.json()["document_id"]
    assert r.json()["documents"][0]["duplicate"] is False
    doc = client.get(f"/api/documents/{did}", headers=People.h(people.pat1)).json()
    assert doc["status"] == "done" and doc["error"] is None
    assert [p["number"] for p in doc["pages"]] == [1, 2]
    assert doc["progress"] == {"done": 2, "total": 2}
    prof = client.get(f"/api/patients/{people.p1.id}/profile", headers=People.h(people.pat1)).json()
    assert prof["profile"]["receptors"]["er"]["percent"] == 95
    assert prof["profile"]["diagnosis"]["grade"] == 2
    ev = prof["evidence"]["receptors.er.percent"][0]
    page = client.get(f"/api/documents/{did}/pages/{ev['page']}", headers=People.h(people.pat1)).json()
    assert page["text"][ev["start"]:ev["end"]] == ev["text"] == "receptors.er.percent=95"
    assert page["words"][0]["text"] == "PATHOLOGY"
    assert prof["review"]["status"] == "extracted"
    assert prof["documents"][0]["id"] == did


def test_a_document_with_an_unreadable_page_is_partial(client, people):
    r = upload(client, people.pat1, people.p1.id, ("p.txt", b"ecog=1\n\fBADPAGE\n\fdiagnosis.grade=2\n"))
    doc = client.get(f"/api/documents/{r.json()['document_id']}", headers=People.h(people.pat1)).json()
    assert doc["status"] == "partial" and doc["error"]["code"] == "partial" and "Page(s) 2 " in doc["error"]["message"]
    assert [p["error"]["code"] if p["error"] else None for p in doc["pages"]] == [None, "ocr_failed", None]
    prof = client.get(f"/api/patients/{people.p1.id}/profile", headers=People.h(people.pat1)).json()
    assert prof["profile"]["ecog"] == 1 and prof["profile"]["diagnosis"]["grade"] == 2


def test_same_bytes_again_return_the_existing_document(client, people, services):
    from sqlmodel import Session, select
    from api.db import Document, ProfileVersion

    first = upload(client, people.pat1, people.p1.id, ("a.txt", REPORT)).json()
    again = upload(client, people.nav, people.p1.id, ("renamed.txt", REPORT)).json()
    assert again["document_id"] == first["document_id"] and again["documents"][0]["duplicate"] is True
    other = upload(client, people.pat2, people.p2.id, ("a.txt", REPORT)).json()
    assert other["document_id"] != first["document_id"]  # same bytes, another patient: its own document
    with Session(services.engine) as s:
        assert len(s.exec(select(Document).where(Document.patient_id == people.p1.id)).all()) == 1
        assert len(s.exec(select(ProfileVersion).where(ProfileVersion.patient_id == people.p1.id)).all()) == 1
    stored = list((services.settings.originals_dir).rglob("*"))
    assert len([p for p in stored if p.is_file()]) == 1  # stored once by sha256


def test_several_files_in_one_request(client, people):
    r = upload(client, people.pat1, people.p1.id, ("a.txt", b"diagnosis.grade=3\n"), ("b.txt", b"ecog=1\n"))
    assert r.status_code == 202
    assert len({d["document_id"] for d in r.json()["documents"]}) == 2
    prof = client.get(f"/api/patients/{people.p1.id}/profile", headers=People.h(people.pat1)).json()
    assert prof["profile"]["diagnosis"]["grade"] == 3 and prof["profile"]["ecog"] == 1


def test_bad_input_is_a_json_error_never_a_500(client, people):
    h = People.h(people.pat1)
    locked = upload(client, people.pat1, people.p1.id, ("locked.pdf", b"LOCKED\n")).json()
    doc = client.get(f"/api/documents/{locked['document_id']}", headers=h).json()
    assert doc["status"] == "failed" and doc["error"]["code"] == "password_protected"
    assert "password" in doc["error"]["message"]
    r = upload(client, people.pat1, people.p1.id, ("empty.pdf", b""))
    assert r.status_code == 422 and r.json()["error"]["code"] == "empty_document"
    r = client.post(f"/api/patients/{people.p1.id}/documents", headers=h)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    r = client.patch(f"/api/patients/{people.p1.id}/profile", headers=People.h(people.nav), content=b"{not json")
    assert r.status_code == 422 and set(r.json()["error"]) == {"code", "message"}
    r = client.post(f"/api/patients/{people.p1.id}/guidance", headers=h, json={})
    assert r.status_code == 422
    assert client.get("/api/documents/doc_nope/pages/0.png", headers=h).status_code in (404, 422)


def test_upload_over_the_limit_is_refused_before_reading_it(tmp_path):
    from fastapi.testclient import TestClient
    from api.app import create_app
    from api.services import Services
    from tests.test_api_fakes import make_settings

    svc = Services.from_settings(make_settings(tmp_path / "small", max_request_bytes=2000, max_upload_bytes=1000),
                                 immediate=True)
    people = People(svc)
    with TestClient(create_app(services=svc)) as c:
        r = upload(c, people.pat1, people.p1.id, ("big.txt", b"x" * 5000))
        assert r.status_code == 413 and r.json()["error"]["code"] == "file_too_large"
        r = upload(c, people.pat1, people.p1.id, ("mid.txt", b"x" * 1500))
        assert r.status_code == 413

        def chunks():  # no Content-Length: the stream is cut off at the cap
            yield b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="s.txt"\r\n\r\n'
            for _ in range(10):
                yield b"y" * 1000

        headers = {**People.h(people.pat1), "Content-Type": "multipart/form-data; boundary=xyz"}
        r = c.post(f"/api/patients/{people.p1.id}/documents", headers=headers, content=chunks())
        assert r.status_code == 413
    assert not any(p.is_file() for p in svc.settings.originals_dir.rglob("*")) if svc.settings.originals_dir.exists() else True
    svc.close()


def test_failed_upload_can_be_retried(client, people, services):
    from sqlmodel import Session, select
    from api.db import Job

    data = b"FLAKY 99\nreceptors.er.status=positive\n"
    first = upload(client, people.pat1, people.p1.id, ("f.txt", data)).json()
    with Session(services.engine) as s:  # transient error: queued for a retry with backoff
        job = s.exec(select(Job).where(Job.document_id == first["document_id"])).one()
        assert job.state == "queued" and job.attempts == 1 and job.last_error == "ocr_unavailable"


def test_corrections_confirmation_and_conflicts_survive_reextraction(client, people):
    pid, nav = people.p1.id, People.h(people.nav)
    upload(client, people.pat1, pid, ("r1.txt", REPORT))
    r = client.patch(f"/api/patients/{pid}/profile", headers=nav,
                     json={"field": "receptors.er.percent", "value": 90, "note": "addendum says 90%"})
    assert r.status_code == 200, r.text
    prof = r.json()
    assert prof["profile"]["receptors"]["er"]["percent"] == 90
    corr = prof["review"]["corrections"][0]
    assert corr["old_value"] == 95 and corr["new_value"] == 90 and corr["by"] == "nav@clinic.test" and corr["at"]
    assert prof["evidence"]["receptors.er.percent"][-1]["source"] == "navigator"
    assert prof["review"]["status"] == "in_review"
    r = client.post(f"/api/patients/{pid}/profile/confirm", headers=nav)
    assert r.json()["review"]["status"] == "confirmed" and r.json()["review"]["confirmed_by"] == "nav@clinic.test"
    # a new upload agreeing on everything confirmed, adding nothing: stays confirmed, correction kept
    upload(client, people.pat1, pid, ("same.txt", b"receptors.her2.status=negative\n"))
    prof = client.get(f"/api/patients/{pid}/profile", headers=nav).json()
    assert prof["review"]["status"] == "confirmed"
    assert prof["profile"]["receptors"]["er"]["percent"] == 90
    # a new upload disagreeing with a confirmed field: the confirmed value stays, a conflict is raised
    upload(client, people.pat1, pid, ("r2.txt", b"receptors.her2.ihc_score=2+\n"))
    prof = client.get(f"/api/patients/{pid}/profile", headers=nav).json()
    assert prof["profile"]["receptors"]["her2"]["ihc_score"] == "1+"
    conflict = [c for c in prof["conflicts"] if c["field"] == "receptors.her2.ihc_score"]
    assert conflict and conflict[0]["values"] == ["1+", "2+"] and conflict[0]["resolution"] == "confirmed_kept"
    assert conflict[0]["evidence"][0]["text"] == "receptors.her2.ihc_score=2+"
    assert prof["review"]["status"] == "in_review"
    assert prof["profile"]["receptors"]["er"]["percent"] == 90
    # the navigator settles it
    r = client.patch(f"/api/patients/{pid}/profile", headers=nav,
                     json={"field": "receptors.her2.ihc_score", "value": "2+", "action": "settle_conflict", "note": "newer"})
    assert r.status_code == 200 and r.json()["profile"]["receptors"]["her2"]["ihc_score"] == "2+"
    assert not [c for c in r.json()["conflicts"] if c["field"] == "receptors.her2.ihc_score" and c["resolution"] != "navigator_kept"]


def test_invalid_corrections_are_refused(client, people):
    pid, nav = people.p1.id, People.h(people.nav)
    assert client.patch(f"/api/patients/{pid}/profile", headers=nav,
                        json={"field": "diagnosis.grade", "value": 2}).status_code == 409  # nothing extracted yet
    upload(client, people.pat1, pid, ("r1.txt", REPORT))
    for body in ({"field": "diagnosis.grade", "value": 7}, {"field": "receptors.nope", "value": 1},
                 {"field": "receptors.er.status", "value": None}, {"field": "a..b", "value": 1}):
        r = client.patch(f"/api/patients/{pid}/profile", headers=nav, json=body)
        assert r.status_code == 422, body
        assert r.json()["error"]["code"] == "invalid_request"
    r = client.patch(f"/api/patients/{pid}/profile", headers=nav, json={"field": "diagnosis.grade", "action": "not_stated"})
    assert r.status_code == 200 and "grade" not in r.json()["profile"].get("diagnosis", {})


def test_guidance_and_library(client, people):
    pid = people.p1.id
    upload(client, people.pat1, pid, ("r1.txt", REPORT))
    r = client.post(f"/api/patients/{pid}/guidance", headers=People.h(people.pat1), json={"question": "CAR-T?"})
    assert r.status_code == 200 and r.json()["profile_summary"] == "HER2 negative"
    r = client.post(f"/api/patients/{pid}/guidance", headers=People.h(people.pat1),
                    json={"question": "a", "answer_text": "b"})
    assert r.status_code == 422
    assert client.get("/api/library", headers=People.h(people.pat1)).json()[0]["id"] == "car-t"


def test_audit_trail_lists_reads_and_changes(client, people):
    pid = people.p1.id
    upload(client, people.pat1, pid, ("r1.txt", REPORT))
    client.get(f"/api/patients/{pid}/profile", headers=People.h(people.pat1))
    client.patch(f"/api/patients/{pid}/profile", headers=People.h(people.nav), json={"field": "diagnosis.grade", "value": 3})
    events = client.get(f"/api/patients/{pid}/audit", headers=People.h(people.nav)).json()
    actions = [(e["actor"], e["action"]) for e in events]
    for expected in [("ann@example.test", "document.upload"), (None, "document.processed"),
                     ("ann@example.test", "profile.read"), ("nav@clinic.test", "profile.correct")]:
        assert expected in actions
    assert all(e["at"] and e["ip"] for e in events if e["actor"])
    correct = next(e for e in events if e["action"] == "profile.correct")
    assert correct["detail"]["field"] == "diagnosis.grade" and "value" not in correct["detail"]
    assert client.get(f"/api/patients/{pid}/audit", headers=People.h(people.pat1)).status_code == 403


def test_logs_hold_no_record_text_values_or_file_names(client, people, caplog):
    caplog.set_level(logging.DEBUG)
    pid, nav = people.p1.id, People.h(people.nav)
    secret_name = "Zanzibar-Quokka-report.txt"
    upload(client, people.pat1, pid, (secret_name, REPORT + b"diagnosis.histology=invasive_lobular\n"))
    upload(client, people.pat1, pid, ("locked-Quokka.pdf", b"LOCKED\n"))
    client.get(f"/api/patients/{pid}/profile", headers=nav)
    client.patch(f"/api/patients/{pid}/profile", headers=nav, json={"field": "diagnosis.grade", "value": 3, "note": "Wombat note"})
    client.post(f"/api/patients/{pid}/profile/confirm", headers=nav)
    client.get(f"/api/patients/{pid}/fhir", headers=nav)
    client.post(f"/api/patients/{pid}/guidance", headers=nav, json={"question": "Marmoset?"})
    text = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    for needle in ("Quokka", "Zanzibar", "Wombat", "Marmoset", "invasive_lobular", "receptors.er.percent=95",
                   "PATHOLOGY", "Ann Example", people.pat1, people.nav):
        assert needle not in text, needle


def test_database_outage_answers_503_and_recovers(client, people, services):
    from sqlalchemy import create_engine

    working = services.engine
    services.engine = create_engine("postgresql+psycopg2://nobody:x@127.0.0.1:1/none", pool_pre_ping=False)
    try:
        assert client.get("/healthz").status_code == 503
        r = client.get("/api/patients", headers=People.h(people.nav))
        assert r.status_code == 503 and r.json()["error"]["code"] == "storage_unavailable"
    finally:
        services.engine.dispose()
        services.engine = working
    assert client.get("/api/patients", headers=People.h(people.nav)).status_code == 200
