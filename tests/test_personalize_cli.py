"""`oncoguide guide`: formats, inputs and the exit codes of its errors."""

import json
from pathlib import Path

import pytest

from api.cli import main
from extract.models import ProfileReport

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = FIXTURES / "profiles" / "er_pos_her2_low_oligomet_ribociclib.json"
CAR_T = FIXTURES / "answers" / "car-t-general-answer.txt"


def run(capsys, *args):
    code = main(["guide", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_is_the_guidance_contract(capsys):
    code, out, _ = run(capsys, "--profile", PROFILE, "--question", "What does HER2-low mean?", "--today", "2026-11-26")
    assert code == 0
    data = json.loads(out)
    assert data["answer_source"] == "library:her2-low-adc"
    assert {"question", "profile_summary", "blocks", "missing", "questions_to_ask", "disclaimer"} <= set(data)
    assert all(b["applies"] in ("yes", "no", "unknown") for b in data["blocks"])


@pytest.mark.parametrize("fmt, marker", [("markdown", "# How does CAR-T"), ("html", "<!doctype html>")])
def test_markdown_and_html(capsys, fmt, marker):
    code, out, _ = run(capsys, "--profile", PROFILE, "--answer-file", CAR_T, "--format", fmt)
    assert code == 0 and out.startswith(marker)


def test_list_shows_the_library(capsys):
    code, out, _ = run(capsys, "--list")
    assert code == 0 and "car-t\t" in out and "\tHow does CAR-T cell therapy work for breast cancer?" in out


def test_no_fitting_answer_exits_with_its_own_code(capsys):
    code, out, err = run(capsys, "--profile", PROFILE, "--question", "What's the weather tomorrow?")
    assert code == 27 and out == "" and "no_matching_answer" in err


def test_broken_profile_json_exits_with_a_clear_message(capsys, tmp_path):
    bad = tmp_path / "profile.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--profile", bad, "--question", "What does HER2-low mean?")
    assert code == 28 and "not valid JSON" in err


def test_profile_against_the_contract_names_the_field_not_the_value(capsys, tmp_path):
    bad = tmp_path / "profile.json"
    data = json.loads(PROFILE.read_text(encoding="utf-8"))
    data["profile"]["receptors"]["her2"]["ihc_score"] = "4+ SECRET"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "--profile", bad, "--question", "What does HER2-low mean?")
    assert code == 28 and "receptors.her2.ihc_score" in err and "SECRET" not in err


@pytest.mark.parametrize("args", [[], ["--question", "What does HER2-low mean?", "--answer-file", str(CAR_T)]])
def test_exactly_one_of_question_and_answer_file(capsys, args):
    code, _, err = run(capsys, "--profile", PROFILE, *args)
    assert code == 29 and "exactly one" in err


def test_empty_answer_file_is_refused(capsys, tmp_path):
    empty = tmp_path / "answer.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, _, err = run(capsys, "--profile", PROFILE, "--answer-file", empty)
    assert code == 29 and "empty" in err


def test_missing_profile_file_is_a_usage_error(capsys, tmp_path):
    code, _, _ = run(capsys, "--profile", tmp_path / "nope.json", "--question", "What does HER2-low mean?")
    assert code == 2


def test_record_files_are_read_and_extracted_first(capsys, tmp_path, monkeypatch):
    import extract
    import ingest

    record = tmp_path / "note.txt"
    record.write_text("a clinic note", encoding="utf-8")
    seen = {}

    def fake_read(data, filename, **_):
        seen["read"] = (data, filename)
        return "document"

    def fake_build(documents, document_ids=None):
        seen["build"] = documents
        return ProfileReport.model_validate(json.loads(PROFILE.read_text(encoding="utf-8")))

    monkeypatch.setattr(ingest, "read", fake_read, raising=False)
    monkeypatch.setattr(extract, "build_profile", fake_build)
    code, out, _ = run(capsys, "--profile", record, "--question", "What does HER2-low mean?")
    assert code == 0 and seen == {"read": (b"a clinic note", "note.txt"), "build": ["document"]}
    assert json.loads(out)["profile_summary"].startswith("Your records: ER-positive (95%)")
