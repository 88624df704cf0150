"""`oncoguide profile`: one patient's files to the PROFILE.md JSON or a summary; `--each` per file."""

from __future__ import annotations

import json

import pytest

from api.cli import main

NOTE = """MEDICAL ONCOLOGY FOLLOW-UP NOTE
Date of service: 03/25/2024
Interval history:
Ribociclib 600 mg daily since 12/04/2023. Ribociclib was held for grade 3 neutropenia and resumed at 400 mg on 03/18/2024.
She is a 66-year-old postmenopausal woman. ECOG 1.
Assessment and plan:
Continue ribociclib 400 mg daily, days 1-21 of 28. If ANC falls below 1.0, the dose would be reduced to 200 mg.
"""

CBC = """LABORATORY REPORT - COMPLETE BLOOD COUNT
Collected: 03/04/2024 08:15
Test Result Flag Units Reference range
WBC 2.4 L x10^9/L 4.0 - 11.0
Neutrophils, absolute (ANC) 0.82 L x10^9/L 1.80 - 7.70
"""


@pytest.fixture
def records(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    cbc = tmp_path / "cbc.txt"
    cbc.write_text(CBC)
    return note, cbc


def test_profile_json_merges_the_files_of_one_patient(records, capsys):
    assert main(["profile", *map(str, records), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == "1"
    assert [(d["id"], d["kind"], d["date"]) for d in data["documents"]] == [
        ("d1", "clinic_note", "2024-03-25"), ("d2", "lab", "2024-03-04")]
    (ribociclib,) = data["profile"]["medications"]
    assert (ribociclib["name"], ribociclib["dose"], ribociclib["status"]) == ("ribociclib", 400, "active")
    assert ribociclib["changes"] == [{"date": "2024-03-18", "from_dose": 600, "to_dose": 400, "unit": "mg",
                                      "reason": "neutropenia"}]
    (anc,) = [lab for lab in data["profile"]["labs"] if lab["name"] == "ANC"]
    assert (anc["value"], anc["unit"], anc["grade"], anc["date"]) == (0.82, "10^9/L", 3, "2024-03-04")
    assert data["profile"]["ecog"] == 1 and data["profile"]["menopausal_status"] == "postmenopausal"
    texts = {"d1": NOTE, "d2": CBC}
    for entries in data["evidence"].values():
        for e in entries:
            assert texts[e["document"]][e["start"]:e["end"]] == e["text"]


def test_profile_summary_says_where_each_value_was_read(records, capsys):
    assert main(["profile", *map(str, records)]) == 0
    out = capsys.readouterr().out
    assert "d1  clinic_note" in out
    assert "medications[0].dose = 400" in out
    assert "labs[0].value = 0.82" in out and "[d2 p1" in out


def test_profile_each_prints_one_json_line_per_file(records, capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["profile", "--each", str(records[0]), str(empty), str(records[1])])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == [str(records[0]), str(empty), str(records[1])]
    assert lines[0]["profile"]["medications"][0]["name"] == "ribociclib"
    assert lines[0]["documents"][0]["id"] == "d1"
    assert lines[1]["error"]["code"] == "empty_document"
    assert lines[2]["profile"]["labs"][0]["name"] in ("ANC", "WBC")
    assert code == 14  # the first failing file's exit code


def test_profile_of_an_unreadable_file_explains_what_to_do(tmp_path, capsys):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage")
    code = main(["profile", str(bad)])
    err = capsys.readouterr().err
    assert code == 13 and "error [corrupt_file]" in err and "again" in err


def test_profile_of_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["profile", str(tmp_path / "nope.txt")]) == 2
