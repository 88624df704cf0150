"""Merging a patient's documents: which value wins, and every disagreement kept in conflicts."""

from __future__ import annotations

import json
from datetime import date

import pytest

from extract.findings import DocumentFacts, Finding
from extract.merge import MergeRules, merge_facts, profile_leaves
from extract.models import DocumentSummary, Evidence
from extract.vocab import load_json
from ingest.errors import ConfigurationError


def ev(doc: str, text: str, start: int = 0, rule: str = "test.rule") -> Evidence:
    return Evidence(document=doc, page=1, start=start, end=start + len(text), text=text,
                    source="text-layer", rule=rule)


def facts(doc: str, kind: str, when: str | None, *findings: Finding) -> DocumentFacts:
    return DocumentFacts(
        summary=DocumentSummary(id=doc, filename=f"{doc}.pdf", sha256="0" * 64, pages=1, kind=kind,
                                date=date.fromisoformat(when) if when else None, text_source="text-layer"),
        findings=list(findings),
    )


def fact(doc: str, path: str, value, text: str, start: int = 0, **kw) -> Finding:
    return Finding(path=path, value=value, evidence=[ev(doc, text, start)], **kw)


def conflict_of(report, field):
    return next((c for c in report.conflicts if c.field == field), None)


def test_later_document_wins_and_the_conflict_keeps_both_evidences():
    early = facts("d1", "pathology", "2025-01-10", fact("d1", "receptors.her2.ihc_score", "1+", "HER2: 1+"))
    late = facts("d2", "pathology", "2025-03-02", fact("d2", "receptors.her2.ihc_score", "2+", "HER2 (IHC): 2+"))
    # input order must not matter: the later date wins
    report = merge_facts([late, early])
    assert report.profile.receptors.her2.ihc_score == "2+"
    assert [e.document for e in report.evidence["receptors.her2.ihc_score"]] == ["d2"]
    conflict = conflict_of(report, "receptors.her2.ihc_score")
    assert conflict.values == ["2+", "1+"]
    assert {e.text for e in conflict.evidence} == {"HER2: 1+", "HER2 (IHC): 2+"}
    assert conflict.resolution.startswith("latest")


def test_agreeing_documents_give_no_conflict_and_pool_their_evidence():
    a = facts("d1", "pathology", "2025-01-10", fact("d1", "receptors.er.status", "positive", "ER: positive"))
    b = facts("d2", "clinic_note", "2025-02-10", fact("d2", "receptors.er.status", "positive", "ER+", 40))
    report = merge_facts([a, b])
    assert report.conflicts == []
    # the pathology report's own statement first, then the note that agrees with it
    assert [e.document for e in report.evidence["receptors.er.status"]] == ["d1", "d2"]


@pytest.mark.parametrize("quoted,conflict", [(3.2, False), (3.3, True), (3.25, True), (4.24, True)])
def test_a_note_quoting_a_number_with_fewer_decimals_is_no_conflict(quoted, conflict):
    # lead, session 11: "FISH amplified (ratio 3.2)" in a consultation quotes the addendum's 3.24.
    report_ = facts("d1", "addendum", "2026-01-19", fact("d1", "receptors.her2.ish_ratio", 3.24, "HER2/CEP17 ratio: 3.24"))
    note = facts("d2", "clinic_note", "2026-01-26", fact("d2", "receptors.her2.ish_ratio", quoted, f"ratio {quoted}"))
    report = merge_facts([report_, note])
    assert report.profile.receptors.her2.ish_ratio == 3.24
    assert (conflict_of(report, "receptors.her2.ish_ratio") is not None) == conflict


def test_a_pathology_report_beats_a_later_notes_quote_of_an_older_result():
    path_2019 = facts("d1", "pathology", "2019-04-05", fact("d1", "receptors.er.percent", 70.0, "ER 70%"))
    liver_2025 = facts("d2", "pathology", "2025-01-31", fact("d2", "receptors.er.percent", 0.0, "NEGATIVE (0%)"))
    note_2025 = facts("d3", "clinic_note", "2025-03-13", fact("d3", "receptors.er.percent", 70.0, "from ER 70%"))
    report = merge_facts([path_2019, liver_2025, note_2025])
    assert report.profile.receptors.er.percent == 0.0
    conflict = conflict_of(report, "receptors.er.percent")
    assert conflict.values == [0.0, 70.0]
    assert {e.document for e in conflict.evidence} == {"d1", "d2", "d3"}


def test_resection_beats_a_later_core_biopsy_for_size_and_pt():
    resection = facts("d1", "pathology", "2025-02-01",
                      fact("d1", "diagnosis.tumor_size_mm", 23.0, "2.3 cm", procedure="resection"),
                      fact("d1", "stage.pathologic.t", "T2", "pT2", 50, procedure="resection"))
    biopsy = facts("d2", "pathology", "2025-03-01",
                   fact("d2", "diagnosis.tumor_size_mm", 12.0, "1.2 cm", procedure="core_biopsy"),
                   fact("d2", "stage.pathologic.t", "T1c", "pT1c", 50, procedure="core_biopsy"),
                   fact("d2", "receptors.ki67_percent", 30.0, "Ki-67: 30%", 90, procedure="core_biopsy"))
    report = merge_facts([resection, biopsy])
    assert report.profile.diagnosis.tumor_size_mm == 23.0
    assert report.profile.stage.pathologic.t == "T2"
    assert report.profile.receptors.ki67_percent == 30.0  # not a size: plain latest
    assert conflict_of(report, "diagnosis.tumor_size_mm").values == [23.0, 12.0]
    assert "resection" in conflict_of(report, "stage.pathologic.t").resolution


def test_fish_settles_ihc_2_plus_even_when_the_equivocal_statement_is_later():
    fish = facts("d1", "addendum", "2025-03-05",
                 fact("d1", "receptors.her2.status", "positive", "HER2 FISH: AMPLIFIED"),
                 fact("d1", "receptors.her2.ish_result", "amplified", "AMPLIFIED", 11))
    note = facts("d2", "clinic_note", "2025-03-20",
                 fact("d2", "receptors.her2.status", "equivocal", "HER2 2+ equivocal"))
    report = merge_facts([fish, note])
    assert report.profile.receptors.her2.status == "positive"
    assert report.profile.receptors.her2.ish_result == "amplified"
    assert conflict_of(report, "receptors.her2.status").values == ["positive", "equivocal"]


def test_an_addendum_on_the_same_day_overrides_its_report():
    report_doc = facts("d1", "pathology", "2025-03-02", fact("d1", "receptors.her2.status", "equivocal", "2+"))
    addendum = facts("d2", "addendum", "2025-03-02", fact("d2", "receptors.her2.status", "negative", "NOT AMPLIFIED"))
    report = merge_facts([addendum, report_doc])
    assert report.profile.receptors.her2.status == "negative"


def test_diagnosis_date_is_the_earliest_specimen():
    a = facts("d1", "pathology", "2025-03-02", fact("d1", "diagnosis.date", date(2025, 3, 1), "03/01/2025"))
    b = facts("d2", "pathology", "2025-01-20", fact("d2", "diagnosis.date", date(2025, 1, 18), "01/18/2025"))
    # the resection report states the earlier core biopsy date too: the earliest date wins
    c = facts("d3", "pathology", "2025-03-05", fact("d3", "diagnosis.date", date(2025, 1, 17), "01/17/2025"),
              fact("d3", "diagnosis.date", date(2025, 3, 3), "03/03/2025", 40))
    report = merge_facts([a, b, c])
    assert report.profile.diagnosis.date == date(2025, 1, 17)


def test_the_invasive_histology_beats_an_in_situ_one():
    doc = facts("d1", "pathology", "2025-03-02",
                fact("d1", "diagnosis.histology", "lcis", "Classic LCIS"),
                fact("d1", "diagnosis.histology", "invasive_lobular", "Invasive lobular carcinoma", 30))
    later = facts("d2", "pathology", "2025-04-02", fact("d2", "diagnosis.histology", "dcis", "DCIS, re-excision"))
    report = merge_facts([doc, later])
    assert report.profile.diagnosis.histology == "invasive_lobular"
    # In-situ disease beside or after an invasive carcinoma is its component or residue, not a
    # disagreement about the cancer's type: no conflict for a navigator to settle.
    assert conflict_of(report, "diagnosis.histology") is None


def test_two_invasive_histologies_are_a_conflict_even_with_in_situ_disease_beside_them():
    doc = facts("d1", "pathology", "2025-03-02",
                fact("d1", "diagnosis.histology", "dcis", "DCIS"),
                fact("d1", "diagnosis.histology", "invasive_ductal", "Invasive ductal carcinoma", 30))
    later = facts("d2", "pathology", "2025-04-02",
                  fact("d2", "diagnosis.histology", "invasive_lobular", "Invasive lobular carcinoma"))
    report = merge_facts([doc, later])
    assert report.profile.diagnosis.histology == "invasive_lobular"
    assert conflict_of(report, "diagnosis.histology").values == ["invasive_lobular", "invasive_ductal"]


def test_negated_and_family_mentions_never_reach_the_profile():
    doc = facts("d1", "clinic_note", "2025-03-02",
                fact("d1", "stage.metastatic", True, "metastatic disease", assertion="negated"),
                Finding(path="genomics", value={"gene": "BRCA1", "result": "pathogenic"},
                        evidence=[ev("d1", "BRCA1", 30)], assertion="family"))
    report = merge_facts([doc])
    assert report.profile.stage.metastatic is None
    assert report.profile.genomics == []
    assert report.to_json_dict()["evidence"] == {}


def test_bilateral_case_keeps_the_index_cancer_and_the_other_side_apart():
    left = facts("d1", "pathology", "2025-02-01",
                 fact("d1", "diagnosis.laterality", "left", "LEFT BREAST", laterality="left"),
                 fact("d1", "receptors.er.status", "positive", "ER: positive", 20, laterality="left"),
                 fact("d1", "receptors.her2.ihc_score", "1+", "HER2: 1+", 40, laterality="left"))
    right = facts("d2", "pathology", "2025-02-10",
                  fact("d2", "diagnosis.laterality", "right", "RIGHT BREAST", laterality="right"),
                  fact("d2", "receptors.er.status", "negative", "ER: negative", 20, laterality="right"),
                  fact("d2", "receptors.her2.ihc_score", "3+", "HER2: 3+", 40, laterality="right"))
    report = merge_facts([right, left])
    data = report.to_json_dict()
    assert data["profile"]["receptors"]["er"]["status"] == "positive"
    assert data["profile"]["receptors"]["her2"]["ihc_score"] == "1+"
    other = data["profile"]["other_tumors"][0]
    assert other["laterality"] == "right"
    assert other["receptors"]["er"]["status"] == "negative"
    assert data["evidence"]["other_tumors[0].receptors.her2.ihc_score"][0]["text"] == "HER2: 3+"
    er_conflict = conflict_of(report, "receptors.er.status")
    assert er_conflict.values == ["positive", "negative"]
    assert {e.document for e in er_conflict.evidence} == {"d1", "d2"}
    assert "index cancer" in er_conflict.resolution


def med(doc: str, start: int, value: dict, leaves: dict[str, str]) -> Finding:
    leaf_evidence = {k: [ev(doc, t, start)] for k, t in leaves.items()}
    return Finding(path="medications", value=value, evidence=leaf_evidence["name"], leaf_evidence=leaf_evidence)


def test_medications_merge_per_drug_latest_leaf_wins_and_changes_are_kept():
    first = facts("d1", "clinic_note", "2026-01-05", med("d1", 0, {
        "name": "ribociclib", "dose": 600.0, "unit": "mg", "schedule": "days 1-21 of 28", "status": "active",
    }, {"name": "ribociclib", "dose": "600", "unit": "mg", "schedule": "days 1-21 of 28", "status": "taking"}))
    second = facts("d2", "clinic_note", "2026-03-20", med("d2", 10, {
        "name": "ribociclib", "dose": 400.0, "unit": "mg", "status": "active",
        "changes": [{"date": "2026-03-14", "from_dose": 600.0, "to_dose": 400.0, "unit": "mg", "reason": "neutropenia"}],
    }, {"name": "Kisqali", "dose": "400", "unit": "mg", "status": "resumed", "changes[0].date": "3/14/2026",
        "changes[0].from_dose": "600", "changes[0].to_dose": "400", "changes[0].unit": "mg",
        "changes[0].reason": "neutropenia"}))
    report = merge_facts([second, first])
    data = report.to_json_dict()
    (item,) = data["profile"]["medications"]
    assert item["dose"] == 400.0 and item["schedule"] == "days 1-21 of 28"
    assert item["changes"] == [{"date": "2026-03-14", "from_dose": 600.0, "to_dose": 400.0, "unit": "mg",
                                "reason": "neutropenia"}]
    assert data["evidence"]["medications[0].dose"][0]["text"] == "400"
    assert data["evidence"]["medications[0].schedule"][0]["document"] == "d1"
    assert data["evidence"]["medications[0].changes[0].reason"][0]["text"] == "neutropenia"
    assert report.conflicts == []  # 600 → 400 is explained by the recorded change


def test_a_documents_own_repeated_step_stays_two_changes_and_another_documents_telling_is_one():
    """gen20-b: "reduced to 100 mg (07/2026) ... re-escalated to 150 mg ... restarted at 100 mg" steps down
    twice; a later letter telling the first step again adds nothing."""
    steps = [{"from_dose": 150.0, "to_dose": 100.0, "unit": "mg", "date": "2026-07-10"},
             {"from_dose": 100.0, "to_dose": 150.0, "unit": "mg"}, {"from_dose": 150.0, "to_dose": 100.0, "unit": "mg"}]
    leaves = {"name": "abemaciclib"}
    for j in range(3):
        leaves.update({f"changes[{j}].from_dose": "150", f"changes[{j}].to_dose": "100"})
    first = facts("d1", "clinic_note", "2026-11-21", med("d1", 0, {"name": "abemaciclib", "dose": 100.0,
                                                                   "changes": steps}, leaves))
    again = facts("d2", "clinic_note", "2026-11-28", med("d2", 0, {"name": "abemaciclib", "changes": [
        {"from_dose": 150.0, "to_dose": 100.0, "unit": "mg", "date": "2026-07-10", "reason": "diarrhea"}]},
        {"name": "abemaciclib", "changes[0].from_dose": "150", "changes[0].to_dose": "100",
         "changes[0].reason": "diarrhoea"}))
    (item,) = merge_facts([first, again]).to_json_dict()["profile"]["medications"]
    assert [(c["from_dose"], c["to_dose"]) for c in item["changes"]] == [(150.0, 100.0), (100.0, 150.0), (150.0, 100.0)]
    assert item["changes"][0]["reason"] == "diarrhea"


def test_an_unexplained_dose_difference_is_a_conflict():
    first = facts("d1", "clinic_note", "2026-01-05", med("d1", 0, {"name": "palbociclib", "dose": 125.0},
                                                         {"name": "palbociclib", "dose": "125"}))
    second = facts("d2", "medication_list", "2026-02-05", med("d2", 0, {"name": "palbociclib", "dose": 100.0},
                                                              {"name": "palbociclib", "dose": "100"}))
    report = merge_facts([first, second])
    assert report.profile.medications[0].dose == 100.0
    conflict = conflict_of(report, "medications[0].dose")
    assert conflict.values == [100.0, 125.0]
    assert {e.document for e in conflict.evidence} == {"d1", "d2"}


def lab(doc: str, start: int, value: dict) -> Finding:
    leaves = {k: [ev(doc, str(v), start)] for k, v in value.items()}
    return Finding(path="labs", value=value, evidence=leaves["value"], leaf_evidence=leaves)


def test_labs_keep_each_measurement_newest_first_and_drop_duplicates():
    d1 = facts("d1", "lab", "2026-03-01", lab("d1", 0, {"name": "ANC", "value": 0.8, "unit": "10^9/L",
                                                         "date": "2026-03-01", "grade": 3}))
    d2 = facts("d2", "lab", "2026-03-15", lab("d2", 0, {"name": "ANC", "value": 1.6, "unit": "10^9/L",
                                                         "date": "2026-03-15", "grade": 1}))
    d3 = facts("d3", "clinic_note", "2026-03-16", lab("d3", 5, {"name": "ANC", "value": 1.6, "unit": "10^9/L",
                                                                 "date": "2026-03-15", "grade": 1}))
    report = merge_facts([d1, d2, d3])
    assert [(lab.value, str(lab.date)) for lab in report.profile.labs] == [(1.6, "2026-03-15"), (0.8, "2026-03-01")]
    assert {e.document for e in report.evidence["labs[0].value"]} == {"d2", "d3"}


def gene(doc: str, value: dict) -> Finding:
    leaves = {k: [ev(doc, str(v))] for k, v in value.items()}
    return Finding(path="genomics", value=value, evidence=leaves["gene"], leaf_evidence=leaves)


def test_genomics_one_item_per_gene_and_origin_with_result_conflicts():
    d1 = facts("d1", "genetics", "2025-05-01", gene("d1", {"gene": "BRCA2", "result": "vus", "origin": "germline"}))
    d2 = facts("d2", "genetics", "2025-09-01", gene("d2", {"gene": "BRCA2", "result": "not_detected",
                                                           "origin": "germline"}))
    d3 = facts("d3", "genetics", "2025-09-01", gene("d3", {"gene": "PIK3CA", "result": "detected",
                                                           "variant": "p.H1047R", "origin": "somatic"}))
    report = merge_facts([d1, d2, d3])
    assert [(g.gene, g.result) for g in report.profile.genomics] == [("BRCA2", "not_detected"), ("PIK3CA", "detected")]
    assert conflict_of(report, "genomics[0].result").values == ["not_detected", "vus"]


def test_two_variants_found_in_one_gene_are_two_items():
    """gen23-b: a ctDNA report's "ESR1 Y537S detected" and "ESR1 D538G detected" are two findings; a mention naming
    no variant joins the last variant found before it; one variant stays one item."""
    d1 = facts("d1", "genetics", "2026-11-16", gene("d1", {"gene": "ESR1", "result": "detected", "variant": "Y537S",
                                                           "origin": "somatic"}),
               gene("d1", {"gene": "ESR1", "result": "detected", "variant": "D538G", "origin": "somatic"}))
    d2 = facts("d2", "clinic_note", "2026-11-25", gene("d2", {"gene": "ESR1", "result": "detected", "origin": "somatic"}))
    report = merge_facts([d1, d2])
    assert sorted((g.gene, g.variant) for g in report.profile.genomics) == [("ESR1", "D538G"), ("ESR1", "Y537S")]
    report = merge_facts([facts("d3", "genetics", "2026-11-16", gene("d3", {"gene": "PIK3CA", "result": "detected",
                                                                             "variant": "H1047R"})),
                          facts("d4", "clinic_note", "2026-11-20", gene("d4", {"gene": "PIK3CA", "result": "detected"}))])
    assert [(g.gene, g.variant) for g in report.profile.genomics] == [("PIK3CA", "H1047R")]


def test_metastatic_sites_are_the_union_with_evidence_per_site():
    d1 = facts("d1", "imaging", "2025-05-01", fact("d1", "stage.metastatic_sites", "bone", "osseous metastases"))
    d2 = facts("d2", "imaging", "2025-07-01",
               fact("d2", "stage.metastatic_sites", "liver", "hepatic metastasis"),
               fact("d2", "stage.metastatic_sites", "bone", "bone lesions", 30))
    report = merge_facts([d2, d1])
    assert report.profile.stage.metastatic_sites == ["bone", "liver"]
    assert {e.text for e in report.evidence["stage.metastatic_sites[0]"]} == {"osseous metastases", "bone lesions"}


def test_every_leaf_of_a_merged_profile_has_evidence():
    report = merge_facts([
        facts("d1", "pathology", "2025-02-01", fact("d1", "receptors.er.percent", 95.0, "95%"),
              fact("d1", "diagnosis.grade", 2, "grade 2", 10)),
        facts("d2", "clinic_note", "2026-01-05", med("d2", 0, {"name": "letrozole", "dose": 2.5, "unit": "mg"},
                                                     {"name": "letrozole", "dose": "2.5", "unit": "mg"})),
    ])
    data = report.to_json_dict()
    paths = [path for path, _ in profile_leaves(data["profile"])]
    assert "medications[0].dose" in paths and "receptors.er.percent" in paths
    for path in paths:
        assert data["evidence"].get(path), path


def test_broken_merge_rules_fail_loudly(tmp_path):
    from extract.merge import RULES_DIR

    raw = json.loads((RULES_DIR / "merge.json").read_text())
    raw["rules"][0]["policy"] = "whatever"
    (tmp_path / "merge.json").write_text(json.dumps(raw))
    with pytest.raises(ConfigurationError, match="merge.json is invalid"):
        load_json("merge.json", MergeRules, tmp_path)


# round 9 (extent): node counts of the other side that hold no cancer describe no tumour.
@pytest.mark.parametrize("right_positive,kept", [(0, False), (1, True)])
def test_cancer_free_node_counts_of_the_other_side_are_no_other_tumour(right_positive, kept):
    d1 = facts("d1", "pathology", "2025-02-01",
               fact("d1", "diagnosis.tumor_size_mm", 38.0, "3,8 cm", laterality="left"),
               fact("d1", "lymph_nodes.examined", 12, "(5/12)", 10, laterality="left"),
               fact("d1", "lymph_nodes.positive", 5, "(5/12)", 10, laterality="left"),
               fact("d1", "lymph_nodes.examined", 1, f"({right_positive}/1)", 30, laterality="right"),
               fact("d1", "lymph_nodes.positive", right_positive, f"({right_positive}/1)", 30, laterality="right"))
    report = merge_facts([d1])
    assert report.profile.lymph_nodes.examined == 12
    assert bool(report.profile.other_tumors) is kept
    assert (conflict_of(report, "lymph_nodes.positive") is not None) is kept


def test_a_past_bilateral_statement_names_no_other_tumour():
    # "status post core biopsies, bilateral breast, consistent with, on the right, IDC; on the left DCIS"
    doc = facts("d1", "pathology", "2025-02-01",
                fact("d1", "diagnosis.laterality", "right", "BREAST, RIGHT", laterality="right"),
                fact("d1", "diagnosis.histology", "invasive_ductal", "INFILTRATING DUCTAL CARCINOMA", 20,
                     laterality="right"),
                fact("d1", "diagnosis.histology", "dcis", "DCIS", 60, laterality="left"),
                fact("d1", "diagnosis.laterality", "bilateral", "bilateral breast", 90, assertion="historical"))
    data = merge_facts([doc]).to_json_dict()
    assert data["profile"]["diagnosis"]["laterality"] == "right"
    assert [t["laterality"] for t in data["profile"]["other_tumors"]] == ["left"]


def _meno(doc: str, value: str, text: str, rule: str, start: int = 0) -> Finding:
    return Finding(path="menopausal_status", value=value, evidence=[ev(doc, text, start, rule)])


def test_ovarian_suppression_wins_over_a_stated_status_in_the_same_document_but_not_over_a_later_one():
    # gen14-b: "on goserelin (ovarian suppression)" is premenopausal with suppression, not postmenopausal
    note = facts("d1", "clinic_note", "2026-11-01",
                 _meno("d1", "postmenopausal", "postmenopausal", "meno.stated"),
                 _meno("d1", "premenopausal", "on goserelin (ovarian suppression", "meno.ovarian-suppression", 40))
    report = merge_facts([note])
    assert report.profile.menopausal_status == "premenopausal"
    assert conflict_of(report, "menopausal_status").values == ["premenopausal", "postmenopausal"]
    later = facts("d2", "clinic_note", "2027-06-01", _meno("d2", "postmenopausal", "postmenopausal", "meno.stated"))
    assert merge_facts([note, later]).profile.menopausal_status == "postmenopausal"


def test_the_same_measurement_told_twice_keeps_what_either_telling_gives():
    # gen14-b: "absolute neutrophils 780 cells/uL" in a summary's text, then its table row "780 cells/uL (L)"
    text = Finding(path="labs", value={"name": "ANC", "value": 0.78, "unit": "10^9/L", "date": date(2026, 11, 20)},
                   evidence=[ev("d1", "780")], leaf_evidence={"value": [ev("d1", "780")]})
    row = Finding(path="labs", value={"name": "ANC", "value": 0.78, "unit": "10^9/L", "date": date(2026, 11, 20),
                                      "flag": "L"},
                  evidence=[ev("d1", "780", 300)], leaf_evidence={"value": [ev("d1", "780", 300)],
                                                                  "flag": [ev("d1", "(L)", 313)]})
    report = merge_facts([facts("d1", "clinic_note", "2026-11-20", text, row)])
    (anc,) = report.profile.labs
    assert anc.flag == "L"
    assert [e.text for e in report.evidence["labs[0].flag"]] == ["(L)"]


def test_a_conflict_between_the_foci_of_one_tumour_says_the_largest_focus_was_kept():
    # round 16a: "Tumour 1 (10 o'clock): 2.1 cm, grade 2 ... Tumour 2 (2 o'clock): 0.6 cm, grade 1"
    # (`extract.specimens.order_findings` puts the largest focus's findings first)
    doc = facts("d1", "pathology", "2025-01-10",
                fact("d1", "diagnosis.grade", 2, "grade 2", 30, specimen="focus 1"),
                fact("d1", "diagnosis.grade", 1, "grade 1", 80, specimen="focus 2"))
    report = merge_facts([doc])
    assert report.profile.diagnosis.grade == 2
    assert conflict_of(report, "diagnosis.grade").resolution == (
        "index (largest) focus kept (focus 1); the other values are of focus 2")


def test_a_conflict_with_a_value_outside_the_foci_keeps_its_policy_resolution():
    doc = facts("d1", "pathology", "2025-01-10",
                fact("d1", "diagnosis.grade", 2, "grade 2", 30, specimen="A/focus 1"),
                fact("d1", "diagnosis.grade", 1, "grade 1", 80, specimen="B"))
    assert conflict_of(merge_facts([doc]), "diagnosis.grade").resolution.startswith("latest")


def test_values_of_one_focus_label_in_two_parts_keep_the_policy_resolution():
    doc = facts("d1", "pathology", "2025-01-10",
                fact("d1", "diagnosis.grade", 3, "grade: 3", 30, specimen="B/focus 2"),
                fact("d1", "diagnosis.grade", 2, "grade 2", 80, specimen="A/focus 2"))
    assert conflict_of(merge_facts([doc]), "diagnosis.grade").resolution.startswith("latest")
