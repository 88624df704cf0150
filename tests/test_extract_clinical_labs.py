"""Lab values: names, units (converted to the stored unit), flags, ranges, dates, CTCAE grades."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extract.fields.labs import LabVocabulary, extract_labs
from extract.vocab import VOCAB_DIR, load_json
from ingest.errors import ConfigurationError
from tests.clinical_helpers import check_item, item, run

D = dt.date

ROWS = [
    # (text, lab name, expected leaves, evidence texts)
    ("Neutrophils, absolute (ANC)  0.82  L  x10^9/L  1.80 - 7.70", "ANC",
     {"value": 0.82, "unit": "10^9/L", "flag": "L", "reference_low": 1.8, "grade": 3},
     {"value": "0.82", "unit": "x10^9/L", "flag": "L", "name": "Neutrophils, absolute"}),
    ("Absolute neutrophils 1,350 cells/uL 1,500-7,800 L", "ANC",
     {"value": 1.35, "unit": "10^9/L", "reference_low": 1.5, "reference_high": 7.8, "grade": 2},
     {"value": "1,350", "unit": "cells/uL"}),
    ("ANC today 850 cells/µL.", "ANC", {"value": 0.85, "grade": 3}, {"unit": "cells/µL"}),
    ("ANC: 1.2 K/uL", "ANC", {"value": 1.2, "grade": 2}, {"unit": "K/uL"}),
    ("ANC 1200/mm3", "ANC", {"value": 1.2}, {"unit": "/mm3"}),
    ("ANC 0.4 x 10^9/L (grade 4)", "ANC", {"value": 0.4, "grade": 4}, {}),
    ("ANC 1.6 x10E3/uL", "ANC", {"value": 1.6}, {}),
    ("ANC 2.1 10^3/µL", "ANC", {"value": 2.1}, {}),
    ("Abs neut 0.45", "ANC", {"value": 0.45, "grade": 4}, {}),
    ("Absolute Neutrophil Count ......... 0.9 L", "ANC", {"value": 0.9, "flag": "L", "grade": 3}, {}),
    ("Neut Abs 1.1 K/uL", "ANC", {"value": 1.1}, {}),
    ("Neutrophils, Abs     950  L    cells/uL     1800-7700", "ANC",
     {"value": 0.95, "flag": "L", "reference_low": 1.8, "reference_high": 7.7, "grade": 3},
     {"value": "950", "unit": "cells/uL", "name": "Neutrophils, Abs"}),
    ("Neutrophils (Absolute) 1.7 x10E3/uL 1.4-7.0", "ANC", {"value": 1.7}, {"name": "Neutrophils (Absolute)"}),
    ("ANC was 850.", "ANC", {"value": 0.85}, {"unit": "850"}),  # no unit: inferred from size, marked derived
    ("ANC (absolute neutrophils) 3.8 1.5-7.8 K/uL", "ANC", {"value": 3.8, "reference_low": 1.5}, {}),
    ("WBC 2.4 L x10^9/L 4.0 - 11.0", "WBC", {"value": 2.4, "grade": 2, "flag": "L"}, {}),
    ("White blood cell count 3.4 x10E3/uL 4.0-10.5 L", "WBC", {"value": 3.4, "grade": 1}, {}),
    ("Platelets 171 x10^9/L 150 - 400", "platelets", {"value": 171}, {}),
    ("Platelet count 45,000/uL", "platelets", {"value": 45, "grade": 3}, {}),
    ("plt 180", "platelets", {"value": 180}, {}),
    ("Hemoglobin 11.1 g/dL 12.0-15.5 L", "hemoglobin", {"value": 11.1, "grade": 1}, {}),
    ("Hgb 7.6 g/dL", "hemoglobin", {"value": 7.6, "grade": 3}, {}),
    ("Hb 105 g/L", "hemoglobin", {"value": 10.5}, {"unit": "g/L"}),
    ("ALT 41 H 7-35 U/L", "ALT", {"value": 41, "grade": 1, "flag": "H", "reference_high": 35}, {}),
    ("ALT (SGPT) 160 H U/L 7-35", "ALT", {"value": 160, "grade": 2}, {}),
    ("AST 38 H 10-35 U/L", "AST", {"value": 38, "grade": 1}, {}),
    ("Total bilirubin 0.7 0.2-1.2 mg/dL", "bilirubin", {"value": 0.7}, {}),
    ("Bilirubin, total 34 umol/L (3-21)", "bilirubin", {"value": 1.9883, "grade": 2}, {}),
    ("Creatinine 0.72 mg/dL 0.50-1.10", "creatinine", {"value": 0.72}, {}),
    ("QTcF 462 ms on ECG 3/2/2026.", "QTcF", {"value": 462, "grade": 1, "date": D(2026, 3, 2)}, {"date": "3/2/2026"}),
    ("QTc (Fridericia) 503 msec", "QTcF", {"value": 503, "grade": 3}, {}),
    ("HbA1c 6.1%", "HbA1c", {"value": 6.1, "unit": "%"}, {}),
    ("Fasting glucose 132 mg/dL", "glucose", {"value": 132}, {}),
    ("Glucose 7.0 mmol/L", "glucose", {"value": 126.112}, {}),
    # dates
    ("LABORATORY REPORT\nCollected: 03/14/2026 08:10\nWBC 2.1 L K/uL 4.0-11.0", "WBC",
     {"date": D(2026, 3, 14)}, {"date": "03/14/2026"}),
    ("Labs 3/1/2026: ANC 1.2, plt 180, Hgb 11.2.", "platelets", {"date": D(2026, 3, 1), "value": 180}, {}),
    ("Date of service: 03/25/2024\nECG today: sinus rhythm, QTcF 438 ms.", "QTcF",
     {"date": D(2024, 3, 25), "value": 438}, {"date": "03/25/2024"}),
]

NOT_RESULTS = [
    "If ANC falls below 1.0, hold ribociclib.",
    "ANC >= 1.5 required to start cycle 2.",
    "Hold for ANC < 1000/mm3.",
    "Critical value policy: an ANC below 0.50 x10^9/L is telephoned to the provider.",
    "Neutrophils % 34.2 L % 40.0 - 75.0",
    "Her mother's platelets were 40.",
    "Goal platelets at least 50 before the procedure.",
]


@pytest.mark.parametrize("text, name, leaves, spans", ROWS, ids=[f"{r[1]}-{i}" for i, r in enumerate(ROWS)])
def test_lab_phrasings(text, name, leaves, spans):
    found = item(run(extract_labs, text), "name", name)
    check_item(found, name, leaves, spans)
    if "grade" in found.value:
        assert all(ev.rule.startswith("derived.ctcae.") for ev in found.leaf_evidence["grade"])


@pytest.mark.parametrize("text", NOT_RESULTS)
def test_thresholds_and_differentials_are_not_results(text):
    assert [f.value for f in run(extract_labs, text) if f.value["name"] in ("ANC", "platelets")] == []


def test_a_value_inside_the_normal_range_has_no_grade():
    found = item(run(extract_labs, "Hemoglobin 12.6 g/dL 12.0 - 15.5"), "name", "hemoglobin")
    assert "grade" not in found.value
    found = item(run(extract_labs, "ANC 1.9"), "name", "ANC")
    assert "grade" not in found.value  # >= 1.5 and no reference range: grade 1 cannot be told


def test_inferred_unit_is_marked_as_derived():
    found = item(run(extract_labs, "ANC 850"), "name", "ANC")
    (unit_evidence,) = found.leaf_evidence["unit"]
    assert unit_evidence.rule == "derived.lab.unit-inferred"
    assert found.value["value"] == 0.85


def test_broken_lab_vocabulary_fails_loudly(tmp_path):
    raw = json.loads((VOCAB_DIR / "labs.json").read_text())
    raw["labs"][0]["unit"] = "furlongs"
    (tmp_path / "labs.json").write_text(json.dumps(raw))
    with pytest.raises(ConfigurationError, match="stored unit"):
        load_json("labs.json", LabVocabulary, tmp_path)
