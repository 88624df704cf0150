"""The pieces behind the pages, without HTTP: plain-language profile and its wording file, review
flags and typed-in values, the queue's order, evidence boxes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from markupsafe import Markup

from api.db import Document, Patient
from api.errors import InvalidRequest
from api.web.evidence import boxes, links, snippet, viewer_url
from api.web.facts import FACTS_FILE, load_facts, plain_profile, summary
from api.web.queue import attention
from api.web.review import coerce, conflict_choice, field_rows, flags
from ingest.errors import ConfigurationError


def _ev(path_text: str, start: int = 0, document: str = "d1", page: int = 1, source: str = "text-layer",
        confidence: float | None = 0.95, rule: str = "r") -> dict:
    return {"document": document, "page": page, "start": start, "end": start + len(path_text), "text": path_text,
            "source": source, "confidence": confidence, "rule": rule}


REPORT = {
    "profile": {
        "receptors": {"er": {"status": "positive", "percent": 95.0}, "pr": {"status": "negative"},
                      "her2": {"status": "negative", "ihc_score": "1+", "category": "low"}},
        "stage": {"group": "IV", "metastatic": True, "metastatic_sites": ["bone", "liver"]},
        "medications": [{"name": "ribociclib", "dose": 400.0, "unit": "mg", "status": "active",
                         "changes": [{"date": "2024-03-18", "from_dose": 600.0, "to_dose": 400.0, "unit": "mg",
                                      "reason": "neutropenia"}]}],
        "diagnosis": {"nottingham_score": 6},
    },
    "evidence": {
        "receptors.er.status": [_ev("ER: POSITIVE", 10)], "receptors.er.percent": [_ev("95%", 24)],
        "receptors.pr.status": [_ev("PR: NEGATIVE", 40, source="ocr", document="d2")],
        "receptors.her2.category": [_ev("HER2 1+", 60, rule="derived.her2.category")],
        "receptors.her2.status": [_ev("HER2 1+", 60)], "receptors.her2.ihc_score": [_ev("HER2 1+", 60)],
        "stage.group": [_ev("stage IV", 90), {"document": "navigator", "page": 0, "start": 0, "end": 0, "text": "IV",
                                              "source": "navigator", "rule": "navigator.accept"}],
        "stage.metastatic": [_ev("metastatic", 100)], "stage.metastatic_sites": [_ev("bone and liver", 120)],
        "medications[0].name": [_ev("ribociclib", 200, page=2)], "medications[0].dose": [_ev("400 mg", 211, page=2)],
        "diagnosis.nottingham_score": [_ev("6/9", 300)],
    },
    "conflicts": [{"field": "stage.metastatic_sites", "values": [["bone", "liver"], ["bone"]], "evidence": [],
                   "resolution": "latest"}],
    "documents": [{"id": "d1", "filename": "a.pdf", "sha256": "0" * 64, "pages": 2, "kind": "pathology",
                   "date": "2024-01-02", "text_source": "text-layer"},
                  {"id": "d2", "filename": "b.pdf", "sha256": "1" * 64, "pages": 1, "kind": "clinic_note",
                   "text_source": "ocr"}],
    "review": {"status": "extracted", "corrections": []},
}


def _facts(plain) -> dict[str, object]:
    return {f.id + (f":{i}" if f.id in ("medicine",) else ""): f for s in plain.sections
            for i, f in enumerate(s.facts)}


def test_the_summary_states_only_what_the_profile_holds():
    assert summary(REPORT) == "Your cancer is ER-positive (95 %), PR-negative, HER2-low (IHC 1+) and stage IV."
    assert summary({"profile": {"receptors": {"her2": {"status": "positive"}}}}) == "Your cancer is HER2-positive."
    assert summary({"profile": {}}) == Markup.escape("Your records do not yet say your cancer's receptors or stage.")


def test_plain_profile_facts_links_and_flags():
    plain = plain_profile(REPORT)
    facts = _facts(plain)
    assert str(facts["her2"].text) == "HER2: HER2-low (IHC score 1+)."
    assert str(facts["metastatic-sites"].text) == "Where it has spread: bones and liver."
    assert facts["metastatic-sites"].disputed and not facts["her2"].disputed
    assert facts["stage-group"].reviewed == "checked"
    pr = facts["pr"]
    assert pr.ocr and [link.where for link in pr.links] == ["your clinic note, page 1"]
    assert pr.links[0].url == viewer_url("d2", 1, 40, 52, "receptors.pr.status")
    er = facts["er"]
    assert [link.where for link in er.links] == ["your pathology report of 2024-01-02, page 1"]  # one link per page
    medicine = next(f for f in plain.sections[-1].facts)
    assert str(medicine.text) == ("ribociclib 400 mg: taking now. The dose was changed from 600 to 400 mg on "
                                  "2024-03-18 because of a low neutrophil count (neutropenia).")
    assert medicine.links[0].where == "your pathology report of 2024-01-02, page 2"
    assert [(o.label, o.value) for o in plain.other] == [("Diagnosis › Nottingham score", "6")]
    assert "Your records do not say what type of breast cancer it is." in plain.missing
    assert "Your records do not state your HER2 result." not in plain.missing
    confirmed = plain_profile({**REPORT, "review": {"status": "confirmed"}})
    assert not any(f.disputed for s in confirmed.sections for f in s.facts)  # the navigator has seen them


def test_an_empty_profile_says_what_is_missing_and_invents_nothing():
    plain = plain_profile({"profile": {}, "evidence": {}})
    assert plain.sections == [] and plain.other == []
    assert "Your records do not state your HER2 result." in plain.missing
    assert "Your records do not list your medicines." in plain.missing


def test_values_are_escaped_in_facts():
    plain = plain_profile({"profile": {"menopausal_status": "<b>pre</b>"}, "evidence": {}})
    assert str(plain.sections[0].facts[0].text) == "You are &lt;b&gt;pre&lt;/b&gt;."


def _broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change,problem", [
    (lambda d: d["sections"][0]["facts"][0].update(text="{% if %}"), "does not compile"),
    (lambda d: d["sections"][0]["facts"].append(dict(d["sections"][0]["facts"][0])), "used twice"),
    (lambda d: d["sections"][0]["facts"][0].update(fields=["not a path!"]), "not a profile path"),
    (lambda d: d["sections"][0]["facts"][0].update(colour="blue"), "Extra inputs"),
    (lambda d: d.pop("summary"), "summary"),
    (lambda d: d["summary"]["parts"].append("{{ f[ }}"), "does not compile"),
])
def test_a_broken_wording_file_is_a_configuration_error(tmp_path, change, problem):
    with pytest.raises(ConfigurationError, match=problem):
        load_facts(_broken(tmp_path, change))


def test_unreadable_wording_files_are_configuration_errors(tmp_path):
    bad = tmp_path / "facts.yaml"
    bad.write_text("sections: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="not valid YAML"):
        load_facts(bad)
    with pytest.raises(ConfigurationError, match="missing"):
        load_facts(tmp_path / "missing.yaml")
    assert load_facts().version  # the shipped file loads


# --- review -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("entries,conflicted,expected", [
    ([_ev("x")], False, []),
    ([_ev("x", source="ocr")], False, ["ocr"]),
    ([_ev("x", confidence=0.5), _ev("y", confidence=0.6)], False, ["low confidence"]),
    ([_ev("x", confidence=0.5), _ev("y", confidence=0.9)], False, []),
    ([_ev("x", rule="derived.subtype")], True, ["conflict", "derived"]),
    ([_ev("x", source="ocr"), {"source": "navigator", "rule": "navigator.correct"}], False, ["corrected"]),
    ([{"source": "navigator", "rule": "navigator.accept"}], False, ["checked"]),
])
def test_review_flags(entries, conflicted, expected):
    assert flags(entries, conflicted) == expected


def test_field_rows_cover_every_leaf_with_labels():
    rows = {r.path: r for r in field_rows(REPORT)}
    assert rows["receptors.her2.ihc_score"].label == "Receptors › HER2 › IHC score"
    assert rows["medications[0].dose"].label == "Medications 1 › Dose" and rows["medications[0].dose"].shown == "400"
    assert rows["stage.metastatic_sites"].shown == "bone, liver" and rows["stage.metastatic_sites"].conflict
    assert rows["stage.metastatic"].shown == "true"


@pytest.mark.parametrize("raw,current,expected", [
    ("20", 15.0, 20.0), ("2", 3, 2), ("yes", False, True), ("false", True, False), ("bone, liver", ["bone"], ["bone", "liver"]),
    ("zero", "low", "zero"), ("7", None, 7), ("7.5", None, 7.5), ("IIA", None, "IIA"),
])
def test_typed_values_take_the_fields_type(raw, current, expected):
    assert coerce(raw, current) == expected


@pytest.mark.parametrize("raw,current", [("", "low"), ("   ", 1), ("two", 2), ("maybe", True), ("x", 1.5)])
def test_typed_values_that_do_not_fit_are_refused_in_words(raw, current):
    with pytest.raises(InvalidRequest):
        coerce(raw, current)


def test_a_conflict_choice_is_one_of_its_values():
    conflict = {"values": ["1+", "2+"]}
    assert conflict_choice("1", conflict) == "2+"
    for bad in ("2", "x", "-9"):
        with pytest.raises(InvalidRequest):
            conflict_choice(bad, conflict if bad != "-9" else None)


# --- queue --------------------------------------------------------------------------------------------


def _doc(status: str, minutes_ago: int) -> Document:
    at = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    return Document(patient_id="p", sha256="0", filename="f", size=1, status=status, created_at=at, updated_at=at)


def test_queue_order_new_uploads_then_conflicts_then_ocr_then_failures():
    confirmed = {"profile": {"diagnosis": {"grade": 2}}, "evidence": {"diagnosis.grade": [_ev("2", source="ocr")]},
                 "review": {"status": "confirmed"}}
    unreviewed_ocr = {**confirmed, "review": {"status": "extracted"}}
    with_conflict = {**confirmed, "conflicts": [{"field": "diagnosis.grade", "values": [2, 3]}],
                     "review": {"status": "in_review"}}
    long_ago = datetime.now(timezone.utc) - timedelta(days=1)
    rows = [
        attention(Patient(id="quiet", name="Q"), confirmed, [_doc("done", 2000)], long_ago),
        attention(Patient(id="failed", name="F"), confirmed, [_doc("done", 2000), _doc("failed", 5)], long_ago),
        attention(Patient(id="ocr", name="O"), unreviewed_ocr, [_doc("done", 2000)], long_ago),
        attention(Patient(id="conflict", name="C"), with_conflict, [_doc("done", 2000)], long_ago),
        attention(Patient(id="new-late", name="N2"), confirmed, [_doc("done", 1)], long_ago),
        attention(Patient(id="new-early", name="N1"), confirmed, [_doc("done", 10)], long_ago),
        attention(Patient(id="empty", name="E"), {"profile": {}}, [], None),
    ]
    order = [r.patient_id for r in sorted(rows, key=lambda r: r.sort_key())]
    assert order[:5] == ["new-early", "new-late", "conflict", "ocr", "failed"]
    assert set(order[5:]) == {"quiet", "empty"}
    by_id = {r.patient_id: r for r in rows}
    assert by_id["failed"].reasons == ["1 document not fully read"]
    assert by_id["ocr"].reasons == ["1 field read by OCR or with low confidence"]
    assert by_id["quiet"].reasons == [] and not by_id["quiet"].needs_attention


# --- evidence -----------------------------------------------------------------------------------------


def test_boxes_are_the_words_overlapping_the_span():
    words = [{"text": "HER2", "start": 0, "end": 4, "x0": 10, "y0": 20, "x1": 50, "y1": 30},
             {"text": "(IHC):", "start": 5, "end": 11, "x0": 55, "y0": 20, "x1": 90, "y1": 30},
             {"text": "1+", "start": 12, "end": 14, "x0": 95, "y0": 20, "x1": 105, "y1": 30}]
    found = boxes(words, 5, 14, pad=1)
    assert [(b.x, b.y, b.width, b.height) for b in found] == [(54, 19, 37, 12), (94, 19, 12, 12)]
    assert boxes(words, 4, 5) == []  # the space between words


def test_snippet_cuts_at_words_around_the_span():
    text = "alpha beta gamma delta HER2 1+ epsilon zeta eta theta"
    start = text.index("HER2")
    before, quote, after = snippet(text, start, start + 7, around=12)
    assert (before, quote, after) == ("…gamma delta ", "HER2 1+", " epsilon…")
    assert snippet(text, start, start + 7, around=14) == ("…gamma delta ", "HER2 1+", " epsilon zeta…")
    assert snippet("HER2 1+", 0, 7) == ("", "HER2 1+", "")


def test_navigator_entries_have_no_page_link():
    nav = {"document": "navigator", "page": 0, "start": 0, "end": 0, "text": "2", "source": "navigator"}
    assert links([nav], {}) == []
