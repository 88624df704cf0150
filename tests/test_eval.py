"""`oncoguide eval`: scoring on small labelled datasets written here (tests never read ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli import main
from extract.eval import DatasetError, evaluate, load_dataset

RECORDS = [
    {"id": "R1", "text": "FINAL DIAGNOSIS: A. BREAST, LEFT, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, NOTTINGHAM "
                         "GRADE 2. TUMOR SIZE: 2.4 CM. ESTROGEN RECEPTOR: POSITIVE (90%). PROGESTERONE RECEPTOR: "
                         "NEGATIVE. HER2 (IHC): 1+, NEGATIVE. LYMPH NODES: 1 OF 12 LYMPH NODES POSITIVE (1/12). "
                         "PATHOLOGIC STAGE: pT2 pN1a MX.",
     "labels": {"er": "positive", "pr": "negative", "her2_final": "negative", "pn": "N1a",
                "histology": "Infiltrating Ductal Carcinoma", "laterality": "left"},
     "kefeli_t_label": "T2",
     "report_labels": {"grade": 2, "tumor_size_mm": 24, "ln_positive": 1, "ln_examined": 12,
                       "her2_ihc_score": 1, "er_percent": 90}},
    {"id": "R2", "text": "DIAGNOSIS: Breast, right, excision: invasive lobular carcinoma, 1.5 cm. pT1c pN0.",
     "labels": {"er": "positive", "pn": "N0", "histology": "Infiltrating Lobular Carcinoma",
                "laterality": "left"},  # a wrong label, on purpose
     "kefeli_t_label": "T1"},
    {"id": "R3", "text": "Specimen received; report to follow.",
     "labels": {"histology": "Infiltrating Ductal Carcinoma"}},
]


@pytest.fixture()
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    return path


def test_evaluate_scores_coverage_and_accuracy(dataset):
    result = evaluate(load_dataset(dataset), dataset.name)
    fields = {f.name: f for f in result.fields}
    assert result.records == 3 and result.evidence_mismatches == 0
    assert (fields["pt_group"].labelled, fields["pt_group"].covered, fields["pt_group"].correct) == (2, 2, 2)
    # Receptor status is scored only where the report states it: R2 states no ER.
    assert (fields["er_status"].labelled, fields["er_status"].covered, fields["er_status"].correct) == (2, 1, 1)
    assert fields["histology"].coverage == pytest.approx(2 / 3)
    lat = fields["laterality"]
    assert (lat.covered, lat.correct) == (2, 1)
    assert lat.disagreements[0].record == "R2" and lat.disagreements[0].predicted == "right"
    assert lat.disagreements[0].evidence  # the evidence is listed for reading
    for name in ("grade (report)", "tumor_size_mm (report, ±1 mm)", "ln_positive (report)", "ln_examined (report)",
                 "her2_ihc_score (report)", "er_percent (report)"):
        assert fields[name].accuracy == 1.0, name


def test_cli_prints_json(dataset, capsys):
    assert main(["eval", str(dataset), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["records"] == 3 and {f["field"] for f in out["fields"]} >= {"er_status", "pt_group", "laterality"}


def test_cli_table_lists_disagreements_and_check_fails_below_a_floor(dataset, capsys):
    assert main(["eval", str(dataset), "--show-disagreements", "5", "--check"]) == 1
    out = capsys.readouterr().out
    assert "laterality" in out and "R2: expected 'left', got 'right'" in out


def test_bad_datasets_raise_a_clear_error(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        load_dataset(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="Line 1"):
        load_dataset(bad)
    assert main(["eval", str(bad)]) == DatasetError.exit_code


def test_sample_expected_profiles_are_scored(tmp_path):
    (tmp_path / "expected").mkdir()
    records = tmp_path / "records" / "p9"
    records.mkdir(parents=True)
    (records / "01-path.txt").write_text("FINAL DIAGNOSIS: Breast, left: invasive lobular carcinoma, grade 2. "
                                         "Ki-67: 10%.", encoding="utf-8")
    (tmp_path / "expected" / "p9.json").write_text(json.dumps({
        "patient": "p9", "documents": ["01-path.pdf"],
        "profile": {"diagnosis": {"histology": "invasive_lobular", "grade": 2, "laterality": "left"},
                    "receptors": {"ki67_percent": 10}},
        "absent": ["ecog", "diagnosis.tumor_size_mm"]}), encoding="utf-8")
    result = evaluate(load_dataset(tmp_path / "expected"))
    fields = {f.name: f for f in result.fields}
    assert fields["diagnosis.histology"].accuracy == 1.0
    assert fields["receptors.ki67_percent"].accuracy == 1.0
    assert fields["absent"].correct == 2
