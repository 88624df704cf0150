"""The guide's own example: ER+ HER2-low (IHC 1+), bone-only oligometastatic disease, ribociclib
reduced 600 -> 400 mg for neutropenia, a low ANC, asking how CAR-T works."""

import json
from datetime import date
from pathlib import Path

import pytest

from personalize import guide

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = json.loads((FIXTURES / "profiles" / "er_pos_her2_low_oligomet_ribociclib.json").read_text(encoding="utf-8"))
CAR_T = (FIXTURES / "answers" / "car-t-general-answer.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=["foreign", "library"])
def result(request):
    if request.param == "foreign":
        return guide(PROFILE, answer_text=CAR_T, today=date(2026, 11, 26))
    return guide(PROFILE, question="How does CAR-T cell therapy work for breast cancer?", today=date(2026, 11, 26))


def test_her2_positive_trial_part_is_marked_not_matching_her_her2_low_result(result):
    blocks = [b for b in result.blocks if b.kind == "general" and "HER2-positive" in (b.heading or "") + b.text
              and "HER2-low" not in (b.heading or "") + b.text]
    assert blocks and all(b.applies == "no" for b in blocks)
    block = blocks[0]
    assert "HER2-positive" in block.note and "HER2-low (IHC 1+)" in block.note
    record_lines = [e.text for b in block.because for e in b.evidence]
    assert "HER2 (IHC): 1+" in record_lines
    assert {b.field for b in block.because} >= {"receptors.her2.category", "receptors.her2.ihc_score"}


def test_a_tailored_note_says_what_her_low_neutrophil_count_means_for_trials(result):
    note = next(b for b in result.blocks if b.rule == "overlay.trials.neutrophils")
    assert note.kind == "tailored" and note.severity == "warning" and note.applies == "yes"
    assert "0.8" in note.text and "2026-11-20" in note.text and "ribociclib" in note.text
    assert any("recover" in f.text for f in note.facts)
    assert {b.field for b in note.because} >= {"labs[1].value", "labs[1].date"}
    value = next(b for b in note.because if b.field == "labs[1].value")
    assert value.value == 0.8 and [(e.document, e.page, e.text) for e in value.evidence] == [("d3", 1, "0.8")]


def test_missing_lists_performance_status(result):
    ecog = [m for m in result.missing if m.field == "ecog"]
    assert ecog and "0 or 1" in ecog[0].why


def test_fever_with_low_counts_is_flagged_critical(result):
    critical = [b for b in result.blocks if b.severity == "critical"]
    assert [b.rule for b in critical] == ["overlay.neutropenia.fever_risk"]


def test_questions_use_her_own_values(result):
    asked = " ".join(result.questions_to_ask)
    assert "HER2-low (IHC 1+)" in asked and "trastuzumab deruxtecan" in asked
    assert "0.8 × 10⁹/L on 2026-11-20" in asked


def test_summary_and_records(result):
    assert result.profile_summary == (
        "Your records: ER-positive (95%), PR-positive (40%), HER2-low (IHC 1+); stage IV, metastatic to the bones "
        "only (oligometastatic); current medicines: ribociclib 400 mg and letrozole 2.5 mg.")
    assert {r.document for r in result.records} == {"d1", "d2", "d3"}
    data = result.to_json_dict()
    assert set(data) >= {"question", "answer_source", "profile_summary", "blocks", "missing", "questions_to_ask", "disclaimer"}


def test_the_summary_writes_a_carboplatin_target_before_its_number():
    # lead, session 11: carboplatin's dose is an area under the curve ("AUC 6"), not "6 AUC".
    data = json.loads(json.dumps(PROFILE))
    data["profile"]["medications"] = [
        {"name": "carboplatin", "drug_class": "chemotherapy", "dose": 6, "unit": "AUC", "status": "active"},
        {"name": "trastuzumab", "drug_class": "her2_antibody", "dose": 6, "unit": "mg/kg", "status": "active"}]
    data["evidence"] = {k: v for k, v in data["evidence"].items() if not k.startswith("medications")}
    summary = guide(data, answer_text=CAR_T, today=date(2026, 11, 26)).profile_summary
    assert "current medicines: carboplatin AUC 6 and trastuzumab 6 mg/kg." in summary


def test_every_decision_names_record_lines(result):
    # lead, session 11: a medicine-scoped decision ("If you take tamoxifen") cites the medicine's own lines.
    for block in result.blocks:
        if block.applies in ("yes", "no"):
            for because in block.because:
                assert because.evidence, (block.heading, because.field)


def test_a_medicine_scoped_decision_cites_the_medicines_own_lines():
    # lead, session 11: "If you take tamoxifen" does not apply; the decision shows the ribociclib line.
    side_effects = guide(PROFILE, question="What should I know about ribociclib side effects?", today=date(2026, 11, 26))
    tamoxifen = next(b for b in side_effects.blocks if (b.heading or "") == "If you take tamoxifen")
    assert tamoxifen.applies == "no"
    assert any("ribociclib" in e.text.lower() for b in tamoxifen.because for e in b.evidence)
    chemo = next(b for b in side_effects.blocks if (b.heading or "") == "If you are having chemotherapy")
    assert chemo.applies == "no"  # "having" speaks of taking, like "take"


def test_an_extracted_profiles_medicine_decision_cites_the_medicine_lines():
    # An extracted profile has evidence per leaf of a list item ("medications[0].name"), none for the item.
    import hashlib

    from extract import build_profile
    from ingest.models import Document, Page

    text = "ONCOLOGY FOLLOW-UP NOTE\nDate: 08/18/2026\nPlan: continue ribociclib 400 mg daily days 1-21 with letrozole 2.5 mg daily.\n"
    doc = Document(sha256=hashlib.sha256(text.encode()).hexdigest(), filename="note.txt", type="text",
                   pages=[Page(number=1, text=text, source="text-layer")])
    report = build_profile([doc])
    assert "medications[0]" not in report.evidence and "medications[0].name" in report.evidence
    side_effects = guide(report, question="What should I know about ribociclib side effects?", today=date(2026, 11, 26))
    tamoxifen = next(b for b in side_effects.blocks if (b.heading or "") == "If you take tamoxifen")
    assert tamoxifen.applies == "no"
    lines = [e.text for b in tamoxifen.because for e in b.evidence]
    assert "ribociclib" in lines and "letrozole" in lines and "400" in lines
