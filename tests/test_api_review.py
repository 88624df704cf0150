"""Navigator review over re-extraction: conflicts that stay settled, list items kept by identity.

Through HTTP with the FakePipeline (a line ``path=value`` is a finding; a JSON list value such as
``medications=[{...}]`` sets the whole list, in the order written). Later uploads win the merge.
"""

from __future__ import annotations

import json

from tests.test_api_fakes import People, client, db_url, people, services, upload  # noqa: F401


def _profile(client, token: str, pid: str) -> dict:
    r = client.get(f"/api/patients/{pid}/profile", headers=People.h(token))
    assert r.status_code == 200, r.text
    return r.json()


def _review(client, token: str, pid: str, **body):
    return client.patch(f"/api/patients/{pid}/profile", headers=People.h(token), json=body)


def _conflicts(report: dict, field: str) -> list[dict]:
    return [c for c in report["conflicts"] if c["field"] == field]


def _line(path: str, value) -> bytes:
    return f"{path}={json.dumps(value)}\n".encode()


# --- a settled conflict stays settled -------------------------------------------------------------


def test_settling_a_conflict_on_an_accepted_field_closes_it(client, people):
    pid, nav = people.p1.id, people.nav
    upload(client, nav, pid, ("a.txt", b"diagnosis.grade=2\n"))
    assert _review(client, nav, pid, field="diagnosis.grade", action="accept").status_code == 200
    upload(client, nav, pid, ("b.txt", b"ADDENDUM\ndiagnosis.grade=3\n"))
    conflict = _conflicts(_profile(client, nav, pid), "diagnosis.grade")
    assert [c["values"] for c in conflict] == [[2, 3]] and conflict[0]["resolution"] == "navigator_kept"

    r = _review(client, nav, pid, field="diagnosis.grade", action="settle_conflict", value=3, note="addendum")
    assert r.status_code == 200, r.text
    report = _profile(client, nav, pid)
    assert report["profile"]["diagnosis"]["grade"] == 3
    assert _conflicts(report, "diagnosis.grade") == []  # the accept's old conflict does not come back


def test_settling_by_keeping_the_navigators_value_closes_the_conflict(client, people):
    pid, nav = people.p1.id, people.nav
    upload(client, nav, pid, ("a.txt", b"diagnosis.grade=2\n"))
    _review(client, nav, pid, field="diagnosis.grade", action="accept")
    upload(client, nav, pid, ("b.txt", b"ADDENDUM\ndiagnosis.grade=3\n"))
    r = _review(client, nav, pid, field="diagnosis.grade", action="settle_conflict", value=2, note="typo in addendum")
    assert r.status_code == 200, r.text
    report = _profile(client, nav, pid)
    assert report["profile"]["diagnosis"]["grade"] == 2 and _conflicts(report, "diagnosis.grade") == []

    # A value the navigator has not seen yet opens a new conflict.
    upload(client, nav, pid, ("c.txt", b"AMENDED\ndiagnosis.grade=1\n"))
    report = _profile(client, nav, pid)
    assert report["profile"]["diagnosis"]["grade"] == 2
    assert [c["values"] for c in _conflicts(report, "diagnosis.grade")] == [[2, 1]]


def test_settling_a_confirmed_field_by_keeping_it_closes_the_conflict(client, people):
    pid, nav = people.p1.id, people.nav
    upload(client, nav, pid, ("a.txt", b"receptors.er.percent=95\n"))
    assert client.post(f"/api/patients/{pid}/profile/confirm", headers=People.h(nav)).status_code == 200
    upload(client, nav, pid, ("b.txt", b"LATER\nreceptors.er.percent=80\n"))
    assert [c["resolution"] for c in _conflicts(_profile(client, nav, pid), "receptors.er.percent")] == ["confirmed_kept"]
    r = _review(client, nav, pid, field="receptors.er.percent", action="settle_conflict", value=95, note="80 is the other breast")
    assert r.status_code == 200, r.text
    report = _profile(client, nav, pid)
    assert report["profile"]["receptors"]["er"]["percent"] == 95
    assert _conflicts(report, "receptors.er.percent") == []


# --- list items matched by identity, not position ---------------------------------------------------

LETROZOLE = {"name": "letrozole", "dose": 2.5, "unit": "mg", "status": "active"}
RIBOCICLIB = {"name": "ribociclib", "dose": 600, "unit": "mg", "status": "active"}
ANC_1 = {"name": "ANC", "value": 1.2, "unit": "10^9/L", "date": "2024-03-04"}
ANC_2 = {"name": "ANC", "value": 0.9, "unit": "10^9/L", "date": "2024-03-18"}
WBC = {"name": "WBC", "value": 3.1, "unit": "10^9/L", "date": "2024-03-04"}


def _by_name(items: list[dict], *keys: str) -> dict:
    return {tuple(item.get(k) for k in keys): item for item in items}


def test_a_reordered_medication_and_lab_list_raises_no_conflict(client, people):
    pid, nav = people.p1.id, people.nav
    upload(client, nav, pid, ("a.txt", _line("medications", [LETROZOLE, RIBOCICLIB]) + _line("labs", [ANC_1, ANC_2])))
    assert client.post(f"/api/patients/{pid}/profile/confirm", headers=People.h(nav)).status_code == 200
    # The same facts in another order, with one new lab first.
    upload(client, nav, pid, ("b.txt", b"NOTE\n" + _line("medications", [RIBOCICLIB, LETROZOLE])
                              + _line("labs", [WBC, ANC_2, ANC_1])))
    report = _profile(client, nav, pid)
    assert report["conflicts"] == []
    meds = _by_name(report["profile"]["medications"], "name")
    assert meds[("letrozole",)]["dose"] == 2.5 and meds[("ribociclib",)]["dose"] == 600
    labs = _by_name(report["profile"]["labs"], "name", "date")
    assert labs[("ANC", "2024-03-04")]["value"] == 1.2 and labs[("ANC", "2024-03-18")]["value"] == 0.9
    assert labs[("WBC", "2024-03-04")]["value"] == 3.1
    # The new lab is the only thing a navigator has not confirmed.
    assert report["review"]["status"] == "in_review"


def test_a_correction_follows_its_medication_when_the_list_is_reordered(client, people):
    pid, nav = people.p1.id, people.nav
    upload(client, nav, pid, ("a.txt", _line("medications", [LETROZOLE, RIBOCICLIB])))
    r = _review(client, nav, pid, field="medications[1].dose", value=400, note="reduced for neutropenia")
    assert r.status_code == 200, r.text
    assert client.post(f"/api/patients/{pid}/profile/confirm", headers=People.h(nav)).status_code == 200
    upload(client, nav, pid, ("b.txt", b"NOTE\n" + _line("medications", [RIBOCICLIB, LETROZOLE])))
    report = _profile(client, nav, pid)
    meds = _by_name(report["profile"]["medications"], "name")
    assert meds[("ribociclib",)]["dose"] == 400 and meds[("letrozole",)]["dose"] == 2.5
    assert report["conflicts"] == []
    ribociclib = report["profile"]["medications"].index(meds[("ribociclib",)])
    navigator = [e for e in report["evidence"][f"medications[{ribociclib}].dose"] if e["source"] == "navigator"]
    assert navigator and navigator[-1]["rule"] == "navigator.correct"
    assert report["review"]["status"] == "confirmed"


def test_a_confirmed_medication_missing_from_a_new_extraction_is_kept(client, people):
    """The navigator confirmed two drugs; a re-extraction lists one. The confirmed one stays
    (with its confirmed evidence) instead of being written over another drug or failing."""
    pid, nav = people.p1.id, people.nav
    upload(client, nav, pid, ("a.txt", _line("medications", [LETROZOLE, RIBOCICLIB])))
    assert client.post(f"/api/patients/{pid}/profile/confirm", headers=People.h(nav)).status_code == 200
    r = upload(client, nav, pid, ("b.txt", b"NOTE\n" + _line("medications", [RIBOCICLIB])))
    doc = client.get(f"/api/documents/{r.json()['document_id']}", headers=People.h(nav)).json()
    assert doc["status"] == "done", doc["error"]
    meds = _by_name(_profile(client, nav, pid)["profile"]["medications"], "name")
    assert set(meds) == {("letrozole",), ("ribociclib",)}
    assert meds[("letrozole",)]["dose"] == 2.5 and meds[("ribociclib",)]["dose"] == 600


def test_correction_values_must_be_finite_numbers(client, people):
    pid, nav = people.p1.id, people.nav
    upload(client, nav, pid, ("a.txt", b"diagnosis.tumor_size_mm=12\n"))
    for raw in (b"NaN", b"Infinity", b"[1, -Infinity]"):
        r = client.patch(f"/api/patients/{pid}/profile", content=b'{"field": "diagnosis.tumor_size_mm", "value": ' + raw + b"}",
                         headers={**People.h(nav), "Content-Type": "application/json"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request", r.text
    assert _profile(client, nav, pid)["profile"]["diagnosis"]["tumor_size_mm"] == 12


def test_list_items_are_found_by_identity_then_by_order_among_equals():
    from api.list_items import keys_along, resolve

    before = {"labs": [ANC_1, WBC, {**ANC_1, "value": 1.5}], "stage": {"group": "IV"},
              "medications": [{**LETROZOLE, "changes": [{"to_dose": 2.5}]}]}
    after = {"labs": [WBC, {**ANC_1, "value": 1.5}, ANC_1], "stage": {"group": "IV"},
             "medications": [{**LETROZOLE, "name": " Letrozole", "changes": [{"to_dose": 2.5}]}]}
    keys = keys_along(before, ["labs", 2, "value"])
    assert keys == [["anc", "2024-03-04", 1]]  # the second ANC of that date
    assert resolve(after, ["labs", 2, "value"], keys) == (["labs", 2, "value"], None)
    assert resolve(after, ["labs", 0, "value"], keys_along(before, ["labs", 0, "value"])) == (["labs", 1, "value"], None)
    assert resolve(after, ["labs", 1], keys_along(before, ["labs", 1])) == (["labs", 0], None)
    path = ["medications", 0, "changes", 0, "to_dose"]  # dose changes have no identity: by position
    assert keys_along(before, path) == [["letrozole", 0], None]
    assert resolve(after, path, keys_along(before, path)) == (path, None)
    assert resolve(after, ["medications", 0, "changes", 3], [None, None]) == (["medications", 0, "changes"], 3)
    assert resolve({"labs": [WBC]}, ["labs", 0, "value"], [["anc", "2024-03-04", 0]]) == (["labs"], 1)
    assert resolve(after, ["stage", "group"], None) == (["stage", "group"], None)
