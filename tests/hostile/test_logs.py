"""Logs never carry what they must not: the whole sample flow runs against a real oncoguide (API and
worker processes, the real stages, their logs at the production level; the server the hostile
corpus ran on, when it ran first), then every log line is searched for the patients' names, the
records' text, the values extracted from them, the upload file names (the corpus's too), the
questions asked, the navigator's note, the tokens, session cookies and passwords. None may appear.

The flow: every sample patient's records uploaded by the patient (the first patient's scanned and
photographed versions, so OCR runs too), a bad upload, each profile, page and page
image read, a question asked, the FHIR export, a navigator's correction with a note and a
confirmation, the audit trail, and the web pages signed in with a password (and a wrong one).
"""

from __future__ import annotations

import json
import re
import shutil
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from tests.hostile.corpus import CASES
from tests.hostile.live import Clinic, wait_final

pytestmark = [pytest.mark.slow, pytest.mark.ocr]

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "records"
PASSWORD = "a web password nobody may log 7"
QUESTION = "Does my HER2 result change which medicines I could get?"
NOTE = "Checked against the addendum on page 2 by Quillon Varga"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


class Browser:
    """Pages over plain HTTP on loopback: the session cookie is `Secure`, so it is carried by hand."""

    def __init__(self, clinic: Clinic) -> None:
        self.http, self.cookies = clinic.client(), {}

    def request(self, method: str, url: str, **kwargs):
        headers = {**kwargs.pop("headers", {}), "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        r = self.http.request(method, url, headers=headers, follow_redirects=False, **kwargs)
        for header in r.headers.get_list("set-cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return r

    def csrf(self, url: str) -> str:
        return re.search(r'name="csrf-token" content="([^"]+)"', self.request("GET", url).text).group(1)


@pytest.mark.skipif(not (SAMPLES / "manifest.json").is_file(), reason="samples/records is not generated")
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_the_sample_flow_leaves_no_record_content_names_or_secrets_in_the_logs(live_clinic: Clinic):
    from api.cli.demo_cmd import sample_patients

    manifest = json.loads((SAMPLES / "manifest.json").read_text())
    clinic = live_clinic
    secret: set[str] = {PASSWORD, QUESTION, NOTE}
    secret.update(c.filename for c in CASES if len(c.filename) > 12)
    nav_token = clinic.token("nav@clinic.test")
    secret.add(nav_token)
    patients = []
    # Every sample patient and record; the first patient's scanned and photographed versions (OCR),
    # the others' text PDFs (OCR of every scan would add half a minute and no other kind of log).
    scanned = sample_patients(SAMPLES, scans=True)
    for i, (name, files) in enumerate(sample_patients(SAMPLES)):
        files = scanned[i][1] if i == 0 else files
        pid = clinic.patient(name, "nav@clinic.test")
        token = clinic.user(f"patient{i}@example.test", "patient", pid, password=PASSWORD)
        secret.update({name, token, *name.split()})
        client = clinic.client(token)
        uploaded = []
        for path in files:
            r = client.post(f"/api/patients/{pid}/documents", files={"file": (path.name, path.read_bytes(),
                                                                               "application/octet-stream")})
            assert r.status_code == 202, r.text
            uploaded.append(r.json()["document_id"])
            secret.update({path.name, path.stem})
        patients.append((pid, client, uploaded))
    for twin in SAMPLES.rglob("*.txt"):  # the records' text, line by line
        secret.update(line.strip() for line in twin.read_text().splitlines() if len(line.strip()) >= 12)
    bad = patients[0][1].post(f"/api/patients/{patients[0][0]}/documents",
                              files={"file": ("Quellwood-locked.pdf", b"%PDF-1.4\nbroken", "application/pdf")})
    secret.add("Quellwood-locked.pdf")

    navigator = clinic.client(nav_token)
    for pid, client, uploaded in patients:
        for did in uploaded:
            doc = wait_final(client, did, timeout=300)
            assert doc["status"] in ("done", "partial"), doc
            for page in doc["pages"]:
                assert client.get(f"/api/documents/{did}/pages/{page['number']}").status_code == 200
                assert client.get(page["image"]).status_code == 200
        profile = client.get(f"/api/patients/{pid}/profile").json()
        spans = [e["text"] for entries in profile["evidence"].values() for e in entries if isinstance(e, dict)]
        secret.update(spans)
        # Values as read ("Invasive ductal carcinoma", "0.82 x10^9/L"); our own lowercase codes
        # ("started", "positive") are words any log may hold and are left out.
        secret.update(s for s in _strings(profile["profile"]) if len(s) >= 8 and not re.fullmatch(r"[a-z_]+", s))
        assert client.post(f"/api/patients/{pid}/guidance", json={"question": QUESTION}).status_code in (200, 404)
        assert client.get(f"/api/patients/{pid}/fhir").status_code == 200
        field = next(iter(profile["evidence"]), None)
        if field:
            r = navigator.patch(f"/api/patients/{pid}/profile", json={"field": field, "action": "accept", "note": NOTE})
            assert r.status_code == 200, r.text
        assert navigator.post(f"/api/patients/{pid}/profile/confirm").status_code == 200
        assert navigator.get(f"/api/patients/{pid}/audit").status_code == 200
    assert wait_final(patients[0][1], bad.json()["document_id"])["status"] == "failed"

    web = Browser(clinic)
    wrong = web.request("POST", "/login", data={"email": "patient0@example.test", "password": PASSWORD + "x",
                                                "csrf": web.csrf("/login")})
    assert wrong.status_code == 401
    secret.add(PASSWORD + "x")
    signed_in = web.request("POST", "/login", data={"email": "patient0@example.test", "password": PASSWORD,
                                                    "csrf": web.csrf("/login")})
    assert signed_in.status_code == 303, signed_in.text
    secret.update(web.cookies.values())
    pid, _, uploaded = patients[0]
    for url in (f"/patients/{pid}", f"/patients/{pid}/profile", f"/documents/{uploaded[0]}/pages/1/view?start=0&end=40"):
        assert web.request("GET", url).status_code == 200, url
    ask = web.request("POST", f"/patients/{pid}/ask", data={"question": QUESTION, "csrf": web.csrf(f"/patients/{pid}/ask")})
    assert ask.status_code in (200, 404)

    log = clinic.log_text()
    assert len(log.splitlines()) > 50, "the processes logged almost nothing: the search would prove nothing"
    assert "POST /api/patients/" in log and "document processed" in log  # these are the flow's logs
    # A lone lowercase word ("started", "daily") or a bare number ("11.1") is in logs for other
    # reasons (timestamps, library messages); longer text is not.
    secret = {s for s in secret if len(s) >= 4 and re.search(r"[A-Za-z].*[A-Za-z]", s)
              and not (re.fullmatch(r"[a-z]+", s) and len(s) < 12)}
    leaked = sorted(s for s in secret if s in log)
    assert leaked == [], f"{len(leaked)} secret strings in the logs, e.g. {leaked[:5]}"
    assert len(secret) > 300  # names, lines, values, tokens: the search looked for plenty
    assert manifest["patients"]  # the flow ran over every sample patient
