"""Derived values (`extract.derive.derive_all`): ER/PR low and discordance, HER2 status from IHC
and ISH groups, HER2 category, subtype, pT from size, anatomic stage group, metastatic flag."""

from __future__ import annotations

from typing import Any

import pytest

from extract.derive import anatomic_stage, derive_all, get_path, ish_group, ish_groups, set_path, t_from_size
from extract.models import DocumentSummary, Evidence, ProfileReport


def report(values: dict[str, Any], kind: str = "pathology") -> ProfileReport:
    rep = ProfileReport(documents=[DocumentSummary(id="d1", filename="r.pdf", sha256="0" * 64, pages=1,
                                                   kind=kind, text_source="text-layer")])
    offset = 0
    for path, value in values.items():
        set_path(rep, path, value)
        text = f"{path}={value}"
        rep.evidence[path] = [Evidence(document="d1", page=1, start=offset, end=offset + len(text), text=text,
                                       source="text-layer", rule=f"test.{path}")]
        offset += len(text) + 1
    return derive_all(rep)


def test_er_low_positive_from_percent_with_evidence_of_the_input():
    rep = report({"receptors.er.percent": 5.0})
    assert rep.profile.receptors.er.status == "low_positive"
    ev = rep.evidence["receptors.er.status"]
    assert ev[0].rule == "derived.er.status-from-percent" and ev[0].text == "receptors.er.percent=5.0"
    assert "receptors.er.percent" in ev[0].note


@pytest.mark.parametrize("percent,status", [(0, "negative"), (0.5, "negative"), (1, "low_positive"),
                                            (10, "low_positive"), (11, "positive"), (95, "positive")])
def test_status_from_percent_cut_offs(percent, status):
    assert report({"receptors.pr.percent": float(percent)}).profile.receptors.pr.status == status


def test_stated_positive_at_five_percent_is_refined_to_low_positive_with_a_conflict():
    rep = report({"receptors.er.status": "positive", "receptors.er.percent": 5.0})
    assert rep.profile.receptors.er.status == "low_positive"
    conflict = next(c for c in rep.conflicts if c.field == "receptors.er.status")
    assert conflict.values == ["positive", "low_positive"] and len(conflict.evidence) == 2


def test_stated_negative_with_a_positive_percent_keeps_the_statement_and_flags_it():
    rep = report({"receptors.er.status": "negative", "receptors.er.percent": 40.0})
    assert rep.profile.receptors.er.status == "negative"
    assert any(c.field == "receptors.er.status" and "kept" in c.resolution for c in rep.conflicts)


def test_greater_than_ten_percent_is_positive_not_low():
    rep = report({"receptors.er.percent": 10.0, "receptors.er.percent_qualifier": ">"})
    assert rep.profile.receptors.er.status == "positive"
    rep = report({"receptors.er.percent": 5.0, "receptors.er.percent_qualifier": ">"})
    assert rep.profile.receptors.er.status is None  # 6 % or 60 %: not known


@pytest.mark.parametrize("ratio,copies,group", [(2.5, 5.0, 1), (2.1, 3.2, 2), (1.5, 6.5, 3), (1.2, 4.6, 4),
                                                (1.1, 2.2, 5), (None, 3.0, None), (2.3, None, None),
                                                (2.0, 4.0, 1), (1.99, 6.0, 3), (1.99, 3.99, 5)])
def test_ish_groups(ratio, copies, group):
    assert ish_group(ratio, copies) == group


@pytest.mark.parametrize("ratio,low,high,groups", [(2.3, None, None, {1, 2}), (2.3, 3.0, 5.0, {1, 2}),
                                                   (2.3, 4.0, 6.0, {1}), (1.5, None, None, {3, 4, 5}),
                                                   (1.5, 4.5, 5.5, {4}), (1.5, 3.0, 7.0, {3, 4, 5})])
def test_ish_groups_a_result_may_be_in(ratio, low, high, groups):
    assert ish_groups(ratio, low, high) == groups


@pytest.mark.parametrize("values,status,category", [
    ({"receptors.her2.ihc_score": "3+"}, "positive", "positive"),
    ({"receptors.her2.ihc_score": "1+"}, "negative", "low"),
    ({"receptors.her2.ihc_score": "2+"}, "equivocal", None),  # ISH pending: no category
    ({"receptors.her2.ihc_score": "2+", "receptors.her2.ish_result": "not_amplified"}, "negative", "low"),
    ({"receptors.her2.ihc_score": "2+", "receptors.her2.ish_result": "amplified"}, "positive", "positive"),
    ({"receptors.her2.ihc_score": "2+", "receptors.her2.ish_ratio": 1.4, "receptors.her2.ish_copy_number": 6.8},
     "positive", "positive"),  # group 3 with IHC 2+
    ({"receptors.her2.ihc_score": "1+", "receptors.her2.ish_ratio": 1.4, "receptors.her2.ish_copy_number": 6.8},
     "negative", "low"),  # group 3 with IHC 1+
    ({"receptors.her2.ihc_score": "0"}, "negative", None),  # staining detail unknown: zero or ultralow
    ({"receptors.her2.ihc_score": "0", "receptors.her2.ihc_detail": "ultralow"}, "negative", "ultralow"),
    ({"receptors.her2.ihc_score": "0", "receptors.her2.ihc_detail": "null"}, "negative", "zero"),
    ({"receptors.her2.ish_ratio": 1.9}, None, None),  # 1.8-2.2: depends on the guideline year
    # 2018 groups, strictly: a ratio without the mean copy number leaves the group open.
    ({"receptors.her2.ish_ratio": 1.3}, None, None),  # group 3, 4 or 5: needs copies or the IHC
    ({"receptors.her2.ish_ratio": 1.3, "receptors.her2.ihc_score": "1+"}, "negative", "low"),  # 3-5 with 1+
    ({"receptors.her2.ish_ratio": 2.28}, "equivocal", None),  # group 1 or 2
    ({"receptors.her2.ish_ratio": 2.28, "receptors.her2.ihc_score": "2+"}, "equivocal", None),
    ({"receptors.her2.ish_ratio": 2.28, "receptors.her2.ihc_score": "1+"}, "equivocal", None),
    ({"receptors.her2.ish_ratio": 2.28, "receptors.her2.ihc_score": "3+"}, "positive", "positive"),  # 1 or 2+3+
    ({"receptors.her2.ish_ratio": 2.28, "receptors.her2.ish_copy_number": 4.2}, "positive", "positive"),  # 1
    ({"receptors.her2.ish_ratio": 2.28, "receptors.her2.ish_copy_number": 3.6, "receptors.her2.ihc_score": "2+"},
     "negative", "low"),  # group 2 with IHC 2+
    ({"receptors.her2.ish_ratio": 2.28, "receptors.her2.ish_copy_number_range": [3.0, 5.0],
      "receptors.her2.ihc_score": "2+"}, "equivocal", None),  # "Her2x3-5": group 1 or 2
    ({"receptors.her2.ish_ratio": 2.6, "receptors.her2.ish_copy_number_range": [4.0, 7.0]}, "positive", "positive"),
    # The report's interpretation decides, unless it hedges it.
    ({"receptors.her2.ish_ratio": 2.28, "receptors.her2.ish_result": "amplified"}, "positive", "positive"),
    ({"receptors.her2.ish_ratio": 2.28, "receptors.her2.ish_result": "amplified", "receptors.her2.ish_caveat": True,
      "receptors.her2.ihc_score": "2+"}, "equivocal", None),
    ({"receptors.her2.ish_result": "equivocal", "receptors.her2.ihc_score": "1+"}, "equivocal", None),
])
def test_her2_status_and_category(values, status, category):
    rep = report(values)
    assert rep.profile.receptors.her2.status == status
    assert rep.profile.receptors.her2.category == category
    if category:
        assert rep.evidence["receptors.her2.category"][0].rule == "derived.her2.category"


def test_an_equivocal_statement_is_settled_by_ish_without_a_conflict():
    rep = report({"receptors.her2.status": "equivocal", "receptors.her2.ihc_score": "2+",
                  "receptors.her2.ish_result": "not_amplified"})
    assert rep.profile.receptors.her2.status == "negative"
    assert not [c for c in rep.conflicts if c.field == "receptors.her2.status"]


def test_a_stated_her2_status_that_disagrees_with_the_results_is_kept_and_flagged():
    rep = report({"receptors.her2.status": "negative", "receptors.her2.ihc_score": "3+"})
    assert rep.profile.receptors.her2.status == "negative"
    assert any(c.field == "receptors.her2.status" for c in rep.conflicts)


@pytest.mark.parametrize("er,pr,her2,subtype", [
    ("positive", "negative", "negative", "hr_positive_her2_negative"),
    ("low_positive", None, "positive", "hr_positive_her2_positive"),
    ("negative", "negative", "positive", "hr_negative_her2_positive"),
    ("negative", "negative", "negative", "triple_negative"),
    ("negative", None, "negative", None),  # PR unknown: cannot call it triple negative
    ("positive", "positive", "equivocal", None),
])
def test_subtype(er, pr, her2, subtype):
    values = {"receptors.er.status": er, "receptors.her2.status": her2}
    if pr:
        values["receptors.pr.status"] = pr
    assert report(values).profile.subtype == subtype


@pytest.mark.parametrize("t,n,m,group", [
    ("Tis", "N0", "M0", "0"), ("T1c", "N0", "M0", "IA"), ("T1mi", "N1mi", "M0", "IB"), ("T1b", "N1a", "M0", "IIA"),
    ("T2", "N0(i+)", "M0", "IIA"), ("T2", "N1mi", "M0", "IIB"), ("T3", "N0", "M0", "IIB"), ("T2", "N2a", "M0", "IIIA"),
    ("T3", "N1", "M0", "IIIA"), ("T4b", "N1", "M0", "IIIB"), ("T1", "N3a", "M0", "IIIC"), ("T2", "N1", "M1", "IV"),
])
def test_anatomic_stage_table(t, n, m, group):
    assert anatomic_stage(t, n, m) == group


def test_stage_group_is_derived_only_when_m_is_known():
    assert report({"stage.pathologic.t": "T2", "stage.pathologic.n": "N1a"}).profile.stage.group is None
    rep = report({"stage.pathologic.t": "T2", "stage.pathologic.n": "N1a", "stage.clinical.m": "M0"})
    assert rep.profile.stage.group == "IIB"
    assert {e.rule for e in rep.evidence["stage.group"]} == {"derived.stage.group-from-tnm"}
    assert rep.profile.stage.metastatic is False


def test_a_stated_stage_group_is_never_replaced():
    rep = report({"stage.group": "IIA", "stage.pathologic.t": "T2", "stage.pathologic.n": "N1a",
                  "stage.clinical.m": "M0"})
    assert rep.profile.stage.group == "IIA"


def test_m1_makes_the_patient_metastatic_and_stage_iv():
    rep = report({"stage.clinical.m": "M1"})
    assert rep.profile.stage.metastatic is True and rep.profile.stage.group == "IV"


@pytest.mark.parametrize("mm,t", [(0.8, "T1mi"), (4, "T1a"), (9, "T1b"), (20, "T1c"), (20.5, "T2"), (51, "T3")])
def test_t_from_size(mm, t):
    assert t_from_size(mm) == t


def test_pt_from_size_when_none_is_stated():
    rep = report({"diagnosis.tumor_size_mm": 23.0})
    assert rep.profile.stage.pathologic.t == "T2"
    assert rep.evidence["stage.pathologic.t"][0].rule == "derived.stage.pt-from-size"


def test_no_pt_from_size_when_t4_extension_is_stated_or_the_size_is_from_imaging():
    assert report({"diagnosis.tumor_size_mm": 23.0, "stage.t4_feature": "skin"}).profile.stage.pathologic.t is None
    assert report({"diagnosis.tumor_size_mm": 23.0}, kind="imaging").profile.stage.pathologic.t is None


def test_a_stated_pt_that_the_size_contradicts_is_kept_with_a_conflict():
    rep = report({"stage.pathologic.t": "T2", "diagnosis.tumor_size_mm": 72.0})
    assert rep.profile.stage.pathologic.t == "T2"
    assert any(c.field == "stage.pathologic.t" and c.values == ["T2", "T3"] for c in rep.conflicts)


def test_derived_values_always_carry_evidence():
    rep = report({"receptors.er.percent": 80.0, "receptors.pr.status": "negative",
                  "receptors.her2.ihc_score": "2+", "receptors.her2.ish_result": "not_amplified",
                  "diagnosis.tumor_size_mm": 15.0, "stage.pathologic.n": "N0", "stage.clinical.m": "M0"})
    for path in ("receptors.er.status", "receptors.her2.status", "receptors.her2.category", "subtype",
                 "stage.pathologic.t", "stage.group", "stage.metastatic"):
        assert get_path(rep, path) is not None, path
        assert rep.evidence[path] and all(e.rule.startswith("derived.") for e in rep.evidence[path]), path


@pytest.mark.parametrize("category", ["low", "ultralow", "zero"])
def test_a_stated_her2_low_ultralow_or_zero_is_her2_negative(category):
    rep = report({"receptors.her2.category": category})
    assert rep.profile.receptors.her2.status == "negative"
    ev = rep.evidence["receptors.her2.status"]
    assert ev[0].rule == "derived.her2.status" and ev[0].text == f"receptors.her2.category={category}"


def test_a_stated_her2_category_against_a_positive_ihc_is_a_conflict():
    rep = report({"receptors.her2.category": "low", "receptors.her2.ihc_score": "3+"})
    assert rep.profile.receptors.her2.status == "positive"
    conflict = next(c for c in rep.conflicts if c.field == "receptors.her2.category")
    assert conflict.values == ["low", "positive"]


@pytest.mark.parametrize("t", ["T2", "T1mi", "T1c", "T4b"])
def test_in_situ_histology_beside_an_invasive_pt_is_the_component_and_a_conflict(t):
    # The invasive carcinoma's type went unread ("carcinoma marnmario inflltrante", an OCR slip):
    # its DCIS must not stand as the cancer's histology.
    rep = report({"diagnosis.histology": "dcis", "diagnosis.histology_code": "8500/2", "stage.pathologic.t": t})
    data = rep.to_json_dict()
    assert rep.profile.diagnosis.histology is None and rep.profile.diagnosis.histology_code is None
    assert data["profile"]["diagnosis"]["in_situ_histology"] == "dcis"
    assert data["profile"]["diagnosis"]["in_situ_histology_code"] == "8500/2"
    assert [e["text"] for e in data["evidence"]["diagnosis.in_situ_histology"]] == ["diagnosis.histology=dcis"]
    assert "diagnosis.histology" not in data["evidence"]
    conflict = next(c for c in rep.conflicts if c.field == "diagnosis.histology")
    assert conflict.values == ["dcis", t] and "not read" in conflict.resolution


@pytest.mark.parametrize("values", [
    {"diagnosis.histology": "dcis", "stage.pathologic.t": "Tis"},
    {"diagnosis.histology": "dcis"},
    {"diagnosis.histology": "invasive_ductal", "stage.pathologic.t": "T2"},
])
def test_in_situ_histology_stays_without_an_invasive_pt(values):
    rep = report(values)
    assert rep.profile.diagnosis.histology == values["diagnosis.histology"]
    assert not rep.conflicts
