"""Laterality and staging through the whole pipeline (`extract.build_profile`): the side of the
cancer in phrasings of other institutions, pN derived from axillary node counts, and stated
categories kept with a conflict when the measurements disagree.

Every text is our own phrasing, written the way different hospitals word their reports; none is
copied from the development set.
"""

from __future__ import annotations

import hashlib

import pytest

from extract import build_profile
from extract.models import ProfileReport
from ingest.models import Document, Page


def profile(text: str, source: str = "text-layer") -> ProfileReport:
    doc = Document(sha256=hashlib.sha256(text.encode()).hexdigest(), filename="report.txt", type="text",
                   pages=[Page(number=1, text=text, source=source)])
    report = build_profile([doc])
    for entries in report.evidence.values():
        for ev in entries:
            assert text[ev.start:ev.end] == ev.text
    return report


def value(report: ProfileReport, path: str):
    node = report.to_json_dict()["profile"]
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def conflict(report: ProfileReport, field: str):
    return next((c for c in report.conflicts if c.field == field), None)


# -- laterality --------------------------------------------------------------------------------

LATERALITY_ROWS = [
    ("Diagnosis: 1. Ablated (left) breast sample with further invasive tumor components in the lower quadrant.",
     "left", "(left) breast"),
    ("Invasive ductal carcinoma (8 cm). Concluding tumor classification for the right breast: NOS, G II, pT3 N0.",
     "right", "right breast"),
    ("Tumor classification for left breast: NOS, G III, pT2 N0 L0 V0 R0.", "left", "left breast"),
    ("Rt. breast, lumpectomy: invasive ductal carcinoma, 1.4 cm.", "right", "Rt. breast"),
    ("Clinical history: (R) breast mass. Core biopsy: invasive ductal carcinoma.", "right", "(R) breast"),
    # the other breast named beside a benign finding does not compete with the specimen's side
    ("Specimen type: Right mastectomy and axillary node clearance\nDiagnosis: Pleomorphic invasive lobular carcinoma, "
     "grade 3.\nOther: contralateral (left) breast - previously excised fibroadenoma, benign (2019).", "right",
     "Right mastectomy"),
    ("A. R BREAST, LUMPECTOMY: INVASIVE LOBULAR CARCINOMA, 2.2 CM.", "right", "R BREAST"),
    ("B. BREAST, L, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, GRADE 2.", "left", "BREAST, L"),
    ("Lt modified radical mastectomy: residual invasive carcinoma, 1.2 cm.", "left", "Lt modified radical mastectomy"),
    ("Left axillary lymph nodes: metastatic carcinoma in 3 of 12 nodes.", "left", "Left axillary"),
    ("Tumor laterality - right", "right", "Tumor laterality - right"),
    ("Tumor site: Breast, left, upper outer quadrant", "left", "Tumor site: Breast, left"),
    ("Clinical history: 54 year old with a palpable L breast mass; core biopsy shows carcinoma.", "left",
     "L breast"),
    ("Right breast: ductal carcinoma in situ, low nuclear grade, 5 mm.", "right", "Right breast"),
    # Other institutions: the side only on the specimen line, the carcinoma in the next sentence.
    ("Left breast segmental mastectomy after neoadjuvant chemotherapy.\nResidual invasive ductal carcinoma, 0.6 cm.",
     "left", "Left breast"),
    ("HISTOPATHOLOGY REPORT\nSpecimen: Left MRM\nImpression: Infiltrating duct carcinoma, NOS, grade III.",
     "left", "Left MRM"),
    ("FINAL DIAGNOSIS\nRight breast, prophylactic mastectomy: benign breast tissue.\n"
     "Left breast: Invasive ductal carcinoma, grade 2.", "left", "Left breast"),
    # Both breasts in one run-on line: each "Side breast:" governs its own sentence.
    ("SURGICAL PATHOLOGY REPORT\nFINAL DIAGNOSIS:\nRight breast: no evidence of malignancy. Left breast: invasive "
     "lobular carcinoma, 2.0 cm.", "left", "Left breast"),
    ("Right breast: benign fibrocystic change; no atypia. Left breast: invasive carcinoma of no special type, "
     "grade 3.", "left", "Left breast"),
    ("Site: Rt breast, 10 o'clock, core biopsy. Invasive ductal carcinoma.", "right", "Site: Rt breast"),
    ("Breast (L) core biopsy: invasive carcinoma of no special type", "left", "Breast (L"),
    # round 5 (receptors and tumour type)
    ("RIGHT BREAST, MODIFIED RADICAL MASTECTOMY:\n- INVASIVE LOBUIAR CARCINOMA, CLASSIC TYPE, GRADE 2.", "right",
     "RIGHT BREAST"),
    ("Diagnosis: Invasive carcinoma of the breast, no special type (NST), grade 2. Left breast.", "left",
     "Left breast"),
    ("DIAGNOSIS: LEFT BREAST, CORE NEEDLE BIOPSY AT 2 O'CLOCK:\nINVASIVE CARCI-\nNOMA WITH MICROPAPILLARY FEATURES.",
     "left", "LEFT BREAST"),
    # round 5, second pass (receptors and tumour type)
    # A side named only in the gross description or on the container's label.
    ("GROSS DESCRIPTION: Received in formalin, labeled with the patient's name and \"L breast\", is a lumpectomy.\n"
     "FINAL DIAGNOSIS:\nBREAST, LUMPECTOMY: INFILTRATING DUCTAL CARCINOMA, GRADE 2.", "left", "L breast"),
    # A side named only in the history, with an invasive carcinoma whose type is not stated.
    ("CLINICAL HISTORY: Palpable mass, upper outer quadrant of the right breast.\nFINAL DIAGNOSIS:\n"
     "BREAST, WIDE LOCAL EXCISION: INVASIVE CARCINOMA, GRADE 2, 1.8 CM.", "right", "right breast"),
    ("Material: left breast with axillary fatty tissue after radical mastectomy by Madden.\n"
     "Microscopic: Carcinoma ductale infiltrans (NST), G2.", "left", "left breast"),
    # round 6 (CAP 2005-2009 checklists after OCR, tissue-bank summary sheets)
    ("LATERALITY: _X_ Left  ___ Right\nHISTOLOGIC TYPE: [X] Invasive ductal carcinoma", "left",
     "LATERALITY: _X_ Left"),
    ("LATERALITY: ___ Left  _X_ Right\nHISTOLOGIC TYPE: [X] Invasive ductal carcinoma", "right",
     "LATERALITY: ___ Left  _X_ Right"),
    ("Organ/Side: Breast / Right\nDiagnosis: Invasive ductal carcinoma (NST), histological grade II.", "right",
     "Side: Breast / Right"),
    # round 7 (extent): telegraphic one-letter sides, an OCR run-on without spaces
    ("L BRST CORE BX 10:00: IDC, grade 2.", "left", "L BRST"),
    ("FINALDIAGNOSIS:RIGHTBREAST,MASTECTOMY:INVASIVEDUCTALCARCINOMA,GRADE3.", "right", "RIGHTBREAST"),
    ("L breast 2:00 6 cm FN, US core bx x4:\n - Invasive mammary carcinoma\n - MBR score 7\n", "left", "L breast"),
    # round 8 (extent): a post-neoadjuvant part with no residual invasive carcinoma keeps its side
    ("FINAL DIAGNOSIS\nLeft breast, mastectomy: No residual invasive carcinoma. Residual ductal carcinoma in situ, "
     "0.5 cm.\nypTis ypN0(sn).", "left", "Left breast"),
    ("FINAL DIAGNOSIS\nA. Left breast, mastectomy: No residual invasive carcinoma. RCB-0.\nB. Left axillary lymph "
     "nodes: Two of eleven lymph nodes positive for metastatic carcinoma (2/11).\nypT0 ypN1a", "left", "Left breast"),
]


@pytest.mark.parametrize("text,side,evidence", LATERALITY_ROWS)
def test_stated_laterality(text, side, evidence):
    report = profile(text)
    assert value(report, "diagnosis.laterality") == side
    assert report.evidence["diagnosis.laterality"][0].text == evidence


NO_LATERALITY_ROWS = [
    # Two sides named and no cancer sentence with either: no side is chosen.
    "Specimens: right breast reduction; left breast reduction.\nInvasive ductal carcinoma, grade 2, 1.1 cm.",
    "Right breast, prophylactic mastectomy: benign breast tissue; no tumor identified.",
    "Right breast, re-excision: tumor-free margins.",
    "Left breast: lobular carcinoma in situ, classic type.",
    "Ablated breast sample with a poorly differentiated invasive ductal carcinoma (tumor diameter 7 cm).",
    "Lymph nodes: L0 V0 R0; the tumor is 2 cm.",
    # round 5, second pass (receptors and tumour type): the gross names both sides; a benign gross only.
    "GROSS: Two containers, labeled \"right breast\" and \"left breast\".\nDIAGNOSIS: INVASIVE DUCTAL CARCINOMA.",
    "GROSS: Received labeled \"left breast reduction\".\nDIAGNOSIS: BENIGN BREAST TISSUE, NO CARCINOMA.",
    # round 6: an unticked side of a checklist is no side
    "LATERALITY: ___ Left  ___ Right\nHISTOLOGIC TYPE: [X] Invasive ductal carcinoma",
    # round 8 (extent): a benign part's "No carcinoma" still negates its side
    "Right breast, prophylactic mastectomy: No carcinoma identified. No residual tumour.",
    # lead, fifteenth round: a trademark's "(R)" glued to a word is no side
    "Prosigna(R) Breast Cancer Prognostic Gene Signature Assay\nInvasive ductal carcinoma, node-negative.",
]


@pytest.mark.parametrize("text", NO_LATERALITY_ROWS)
def test_no_laterality_without_a_stated_cancer_on_that_side(text):
    assert value(profile(text), "diagnosis.laterality") is None


def test_dcis_of_the_other_breast_does_not_move_the_cancer_side():
    text = ("A. Left breast, lumpectomy: invasive ductal carcinoma, 2.1 cm. "
            "B. Right breast, excision: ductal carcinoma in situ, 4 mm.")
    report = profile(text)
    assert value(report, "diagnosis.laterality") == "left"
    assert value(report, "diagnosis.histology") == "invasive_ductal"


# -- pN from node counts -----------------------------------------------------------------------


def test_pn_from_an_axillary_count_with_the_count_as_evidence():
    text = ("Breast, left, mastectomy: invasive ductal carcinoma, 3.2 cm. "
            "Four (out of fourteen) axillary lymph nodes are positive for metastatic carcinoma.")
    report = profile(text)
    assert value(report, "stage.pathologic.n") == "N2"
    ev = report.evidence["stage.pathologic.n"]
    assert ev[0].rule == "derived.stage.pn-from-nodes"
    assert ev[0].text == "Four (out of fourteen) axillary lymph nodes"


@pytest.mark.parametrize("counts,n", [
    ("Sentinel lymph nodes, right axilla: two lymph nodes, negative for carcinoma (0/2).", "N0"),
    ("Axillary dissection: metastatic carcinoma in 2 of 15 lymph nodes (2/15).", "N1"),
    ("Axillary lymph nodes: metastatic carcinoma in nine of nineteen lymph nodes.", "N2"),
    ("Level I and II axillary contents: 12 of 21 lymph nodes positive for metastatic carcinoma.", "N3"),
    ("Sentinel lymph node, excision: one lymph node with isolated tumor cells (0/1).", "N0(i+)"),
    ("Sentinel lymph node #1: micrometastasis (1.2 mm) in one of three lymph nodes (1/3).", "N1mi"),
    ("Number of lymph nodes examined: 5. Number of lymph nodes with macrometastases: 0. "
     "Number of lymph nodes with micrometastases: 2.", "N1mi"),
    ("Sentinel lymph nodes: 1/2. Total lymph nodes: 1/2. Type of metastasis: ITC.", "N0(i+)"),
])
def test_n_category_from_counts(counts, n):
    report = profile("Breast, right, lumpectomy: invasive lobular carcinoma, 1.8 cm. " + counts)
    assert value(report, "stage.pathologic.n") == n
    assert report.evidence["stage.pathologic.n"][0].rule == "derived.stage.pn-from-nodes"


def test_a_positive_supraclavicular_node_makes_n3_and_is_not_an_axillary_node():
    text = ("A. LEFT BREAST, LUMPECTOMY: RESIDUAL INFILTRATING DUCTAL CARCINOMA, 2.5 CM. "
            "B. LEFT AXILLARY CONTENTS, DISSECTION: METASTATIC CARCINOMA INVOLVING 3 OF 20 EXAMINED LYMPH NODES. "
            "C. LEFT SUPRACLAVICULAR LYMPH NODE, EXCISION: METASTATIC CARCINOMA INVOLVING 1 EXAMINED LYMPH NODE.")
    report = profile(text)
    assert value(report, "lymph_nodes.positive") == 4
    assert value(report, "lymph_nodes.axillary_positive") == 3
    assert value(report, "lymph_nodes.supraclavicular_positive") is True
    assert value(report, "stage.pathologic.n") == "N3"
    texts = [e.text for e in report.evidence["stage.pathologic.n"]]
    assert any(t.endswith("INVOLVING 1 EXAMINED LYMPH NODE") for t in texts)


def test_a_stated_pn_is_never_replaced_by_the_counts_and_a_discordance_is_flagged():
    report = profile("Invasive ductal carcinoma, 2.4 cm. Metastatic carcinoma in 5 of 12 lymph nodes (5/12). "
                     "AJCC: pT2 pN1a.")
    assert value(report, "stage.pathologic.n") == "N1a"
    found = conflict(report, "stage.pathologic.n")
    assert found is not None and found.values == ["N1a", "N2"] and "kept" in found.resolution
    assert {e.text for e in found.evidence} >= {"pN1a", "(5/12)"}


def test_after_neoadjuvant_therapy_the_derived_category_is_yp():
    report = profile("Status post neoadjuvant chemotherapy. Breast, right, mastectomy: residual invasive ductal "
                     "carcinoma, 1.1 cm. Lymph nodes, right axilla: metastatic carcinoma in 2 of 15 lymph nodes (2/15).")
    assert value(report, "stage.pathologic.n") == "N1"
    assert value(report, "stage.pathologic.prefix") == "yp"
    assert report.evidence["stage.pathologic.prefix"][0].text == "Status post neoadjuvant chemotherapy"


def test_no_neoadjuvant_therapy_gives_no_yp():
    report = profile("No neoadjuvant therapy was given. Breast, left, lumpectomy: invasive ductal carcinoma, 1.5 cm. "
                     "Sentinel lymph nodes: no malignancy seen in three lymph nodes (0/3).")
    assert value(report, "stage.pathologic.n") == "N0"
    assert value(report, "stage.pathologic.prefix") is None


def test_pending_work_up_of_negative_nodes_gives_no_n0():
    report = profile("1. SENTINEL LYMPH NODE #1, RIGHT AXILLA; BIOPSY: - ONE BENIGN LYMPH NODE (0/1). - DEEPER "
                     "LEVEL RECUTS AND SPECIAL STAINS HAVE BEEN ORDERED. 2. BREAST, RIGHT; WIDE EXCISION: - INVASIVE "
                     "DUCTAL CARCINOMA, 2.0 CM.")
    assert value(report, "lymph_nodes.examined") == 1
    assert value(report, "stage.pathologic.n") is None


def test_bilateral_counts_stay_with_their_side():
    text = ("A. Left breast, mastectomy: invasive ductal carcinoma, 3.0 cm. "
            "B. Left axillary lymph nodes: metastatic carcinoma in four of ten lymph nodes (4/10). "
            "C. Right breast, mastectomy: invasive lobular carcinoma, 0.9 cm. "
            "D. Right sentinel lymph nodes: three lymph nodes, negative for carcinoma (0/3).")
    report = profile(text)
    assert value(report, "diagnosis.laterality") == "left"
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (4, 10)
    assert value(report, "stage.pathologic.n") == "N2"
    other = report.to_json_dict()["profile"]["other_tumors"][0]
    assert other["laterality"] == "right" and other["lymph_nodes"] == {"positive": 0, "examined": 3}


# -- stated pT against the measured size ----------------------------------------------------------


def test_a_stated_pt_the_size_contradicts_is_kept_with_both_evidences():
    text = ("Breast, right, simple mastectomy: Infiltrating ductal carcinoma, Nottingham grade 3, forming a "
            "single mass (7.2 x 4.5 x 3.4 cm) [AJCC pT2].")
    report = profile(text)
    assert value(report, "stage.pathologic.t") == "T2"
    found = conflict(report, "stage.pathologic.t")
    assert found is not None and found.values == ["T2", "T3"]
    assert {e.rule for e in found.evidence} >= {"tnm.t"} and len(found.evidence) >= 2
    assert any("7.2" in e.text for e in found.evidence)


def test_a_t4_extension_is_not_discordant_with_the_size():
    report = profile("Invasive ductal carcinoma, 2.3 cm, with ulceration of the overlying skin. [AJCC pT4b]")
    assert value(report, "stage.pathologic.t") == "T4b"
    assert conflict(report, "stage.pathologic.t") is None


# -- a synoptic summary restating the parts' node counts -----------------------------------------

RESTATED_ROWS = [
    # The summary adds an earlier sentinel node to the diagnosis line's count: its total stands.
    ("FINAL DIAGNOSIS:\nA. Left breast, modified radical mastectomy: invasive ductal carcinoma, 2.1 cm. Eleven lymph "
     "nodes, negative for carcinoma (0/11).\nTUMOR SUMMARY:\nRegional lymph nodes: metastatic carcinoma in 1 of 12 "
     "lymph nodes (1/12), including the prior sentinel lymph node.\n", (1, 12), ["(1/12)"]),
    # Per-part synoptic parameters restating the part's diagnosis line in other words.
    ("DIAGNOSIS:\nA. Right breast, mastectomy: invasive lobular carcinoma, 1.7 cm. Nine lymph nodes, no metastatic "
     "carcinoma (0/9).\nBREAST PATHOLOGIC PARAMETERS (PART A RIGHT BREAST):\nNodal status: metastatic carcinoma in "
     "two of ten nodes (2/10), with the sentinel node biopsy of last month.\n", (2, 10), ["(2/10)"]),
    # A summary restating one part of several: read once, the other parts still added.
    ("DIAGNOSIS:\nA. Right breast, lumpectomy: invasive lobular carcinoma, 1.6 cm.\nB. Right axillary dissection: "
     "metastatic carcinoma in three of fourteen lymph nodes (3/14).\nC. Right sentinel lymph node: two lymph "
     "nodes, no tumor seen (0/2).\nSYNOPTIC REPORT - BREAST:\nSentinel node biopsy: two nodes, no tumor (0/2).\n",
     (3, 16), ["(3/14)", "(0/2)"]),
    # "The remaining 11" nodes are the other nodes of the count before them: 1 of 12, not 1 of 23 (lead round
    # 18; in capitals too, where "RIGHT. AXILLARY" is a joined line, not a sentence's end).
    ("Lymph nodes, right axillary sentinel, excision: A single (of 12) right axillary sentinel lymph. node is "
     "positive for metastatic carcinoma. The remaining 11 right axillary. sentinel lymph nodes are negative for "
     "metastatic cancer.", (1, 12), ["A single (of 12) right axillary sentinel lymph. node"]),
    ("LYMPH NODES, RIGHT AXILLARY, EXCISION: MULTIPLE (3 OF 6) RIGHT. AXILLARY SENTINEL LYMPH NODES ARE POSITIVE "
     "FOR METASTATIC CARCINOMA. LYMPH NODES, RIGHT AXILLARY, DISSECTION: MULTIPLE (2 OF 13) RIGHT AXILLARY LYMPH "
     "NODES ARE POSITIVE FOR METASTATIC CARCINOMA.", (5, 19),
     ["3 OF 6) RIGHT. AXILLARY SENTINEL LYMPH NODES", "2 OF 13) RIGHT AXILLARY LYMPH NODES"]),
]


def test_a_checklist_total_is_read_not_its_sentinel_count_before_it():
    # CAP checklist (2013 on): the sentinel nodes' count, then the total of sentinel and other nodes
    report = profile("Lymph Nodes: Number of sentinel lymph nodes examined: 0. Total number of lymph nodes examined "
                     "(sentinel and nonsentinel): 13. Number of lymph nodes with macrometastases: 4.")
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (4, 13)
    assert [e.text for e in report.evidence["lymph_nodes.examined"]] == [
        "Total number of lymph nodes examined (sentinel and nonsentinel): 13"]


@pytest.mark.parametrize("text,counts", [
    # a summary line labelled "Nodes:" or "Axillary nodes:" (not only "Lymph nodes:") gives the total of
    # the parts above it
    ("A. SENTINEL NODE #1, LEFT AXILLA: ONE LYMPH NODE NEGATIVE. B. SENTINEL NODE #2, LEFT AXILLA: ONE NODE "
     "NEGATIVE. SYNOPTIC SUMMARY. NODES: TWO NODES NEGATIVE FOR TUMOR.", (0, 2)),
    ("1. Sentinel node #1: one node with metastatic carcinoma (1/1). 2. Sentinel nodes #2-4: three nodes, no "
     "tumor (0/3). 5. Axillary nodes: One of four sentinel nodes involved by carcinoma.", (1, 4)),
    # ... but not a count whose fraction follows in its sentence: it counts the positive nodes
    ("A. Sentinel node: 1 lymph node with metastatic carcinoma (1/1). B. Lymph nodes: 2 lymph nodes with metastatic "
     "carcinoma (2/12).", (3, 13)),
])
def test_a_summary_line_labelled_nodes_gives_the_total(text, counts):
    report = profile(text)
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == counts


def test_remaining_nodes_that_make_up_no_total_are_more_nodes():
    report = profile("Sentinel lymph nodes: one of three positive (1/3).\nAxillary dissection: the remaining 11 "
                     "axillary lymph nodes are negative.")
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (1, 14)


@pytest.mark.parametrize("text,counts,evidence", RESTATED_ROWS)
def test_a_synoptic_summary_restating_part_counts_is_not_added_to_them(text, counts, evidence):
    report = profile(text)
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == counts
    assert [e.text for e in report.evidence["lymph_nodes.examined"]] == evidence


def test_a_summary_of_another_part_is_still_added():
    text = ("DIAGNOSIS:\nA. Left breast, mastectomy: invasive ductal carcinoma, 2.5 cm. Six lymph nodes negative for "
            "carcinoma (0/6).\nB. Left axillary tail, excision: fibroadipose tissue.\n"
            "BREAST PATHOLOGIC PARAMETERS (PART B LEFT AXILLARY TAIL):\nNodes: metastatic carcinoma in one of two "
            "lymph nodes (1/2).\n")
    report = profile(text)
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (1, 8)


def test_a_decimal_size_is_not_a_node_count():
    report = profile("A. Left breast, mastectomy: invasive ductal carcinoma, 2.5 cm. Six lymph nodes negative for "
                     "carcinoma (0/6).")
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (0, 6)


# -- a stated T1 subcategory against the measured size --------------------------------------------

T1_SUBCATEGORY_ROWS = [
    ("Invasive ductal carcinoma, tumor size: 1.6 cm. pT1a pN0.", "T1a", ["T1a", "T1c"]),
    ("Invasive ductal carcinoma, tumor size 0.3 cm. Pathologic stage: pT1mi pN0", "T1mi", ["T1mi", "T1a"]),
    ("Invasive carcinoma, size of invasive component 8 mm. pT1c(m) N0", "T1c", ["T1c", "T1b"]),
    ("INFILTRATING LOBULAR CARCINOMA, TUMOR SIZE: 0.9 CM. PT1A NO MX", "T1a", ["T1a", "T1b"]),
    # Agreeing, or within AJCC's rounding (5.4 mm rounds to 5 mm: T1a), or no subcategory stated.
    ("Invasive ductal carcinoma, tumor size: 1.6 cm. pT1c pN0.", "T1c", None),
    ("Invasive ductal carcinoma measuring 5.4 mm. pT1a N0.", "T1a", None),
    ("Invasive ductal carcinoma, tumor size 1.4 cm. pT1 N0.", "T1", None),
    # After neoadjuvant therapy the residual size does not set the category alone.
    ("Residual invasive carcinoma, tumor size 0.8 cm. ypT1a ypN0.", "T1a", None),
]


@pytest.mark.parametrize("text,stated,values", T1_SUBCATEGORY_ROWS)
def test_a_t1_subcategory_the_size_contradicts_is_kept_with_a_conflict(text, stated, values):
    report = profile(text)
    assert value(report, "stage.pathologic.t") == stated
    found = conflict(report, "stage.pathologic.t")
    if values is None:
        assert found is None
    else:
        assert found is not None and found.values == values and "subcategory" in found.resolution
        assert {e.rule for e in found.evidence} >= {"tnm.t"} and len(found.evidence) >= 2


def test_dcis_beside_an_invasive_carcinoma_is_its_component_not_a_conflict():
    rep = profile("DIAGNOSIS:\nLeft breast, core biopsy:\n- Invasive ductal carcinoma, Nottingham grade 3.\n"
                  "- Ductal carcinoma in situ, high nuclear grade, with comedonecrosis.")
    assert value(rep, "diagnosis.histology") == "invasive_ductal"
    assert not [c for c in rep.conflicts if c.field.startswith("diagnosis.histology")]


def test_two_invasive_histologies_still_conflict():
    rep = profile("A. Left breast, core biopsy: invasive ductal carcinoma, grade 2.\n\n"
                  "ADDENDUM: on review the tumor is an invasive lobular carcinoma, classic type.")
    assert [c for c in rep.conflicts if c.field == "diagnosis.histology"]


# -- document kinds of short pathology snippets and MDT summaries -------------------------------

KIND_ROWS = [
    # round 10: an MDT record with a word inside its title, and a clinical summary with an oncological history
    ("MULTIDISCIPLINARY BREAST TEAM MEETING - OUTCOME RECORD\nBackground: Left breast IDC 2022, pT2 pN0(sn).\n"
     "Core biopsy of the right axillary node: metastatic carcinoma, ER 0, PR 0, HER2 0.\n", "clinic_note"),
    ("Servicio de Oncologia Medica - Clinical summary (English translation)\nOncological history:\n- 2021: right "
     "breast carcinoma, pT1c pN0(sn), ER 90%, PR 60%, HER2 negative (1+).\n- 10/2026: supraclavicular node, core "
     "biopsy: metastatic carcinoma, ER 80%.\n", "clinic_note"),
    ("Histology: Left breast 2 o'clock core biopsy - invasive carcinoma of no special type, grade 2. B5b.\n"
     "ER 8/8, HER2 negative (1+).", "pathology"),
    ("Core biopsy: grade 2 IDC, ER 8/8, PR 6/8, HER2 IHC 2+, ISH not amplified (ratio 1.4).\nRight breast 10 o'clock.",
     "pathology"),
    ("HISTOPATHOLOGY REPORT\nSpecimen received: right breast wide local excision.\nInvasive carcinoma NST.",
     "pathology"),
    ("BREAST MDT OUTCOME 03/02/2025\nDiagnosis: Right breast cancer, cT2 N1 M0.\nReceptors: ER 90% PR 5% HER2 1+.\n"
     "Outcome: for neoadjuvant chemotherapy.", "clinic_note"),
    ("Tumour board summary\nLeft breast IDC grade 3, triple negative. Recommendation: neoadjuvant chemotherapy.",
     "clinic_note"),
    # A clinic letter that quotes the core biopsy result is still a clinic letter.
    ("Dear Dr Patel,\nI saw Mrs Smith in the breast clinic today.\nCore biopsy: grade 2 IDC, ER 8/8, B5b.\n"
     "We discussed surgery.", "clinic_note"),
    # Vitamin B12 in a lab printout is not a B-category.
    ("Vitamin B12 level: 350 pg/mL", "other"),
    # Marker, ISH, cytology and consultation reports are pathology; a letter quoting markers is not.
    ("BREAST BIOMARKER REPORT\nER: positive, low (1-10%)\nPR: negative\nHER2: negative (score 0)", "pathology"),
    ("HER2 FISH REPORT\nHER2/CEP17 ratio: 1.3\nResult: not amplified", "pathology"),
    ("Prognostic and predictive markers (breast)\nER: 8/8\nPR: 6/8\nHER2: 0", "pathology"),
    ("CYTOLOGY REPORT\nFNA left axillary node: metastatic carcinoma, consistent with breast primary.", "pathology"),
    ("FROZEN SECTION DIAGNOSIS: sentinel node, negative for carcinoma.", "pathology"),
    ("PATHOLOGY CONSULTATION REPORT\nOutside slides reviewed: invasive ductal carcinoma, grade 3.", "pathology"),
    ("ANATOMIC PATHOLOGY\nCase: S25-1001\nDiagnosis: Right breast, core: invasive carcinoma.", "pathology"),
    ("Dear Dr Jones,\nThank you for referring Mrs X. Breast biomarker results: ER 8/8, HER2 negative. Plan: "
     "letrozole.", "clinic_note"),
    ("BREAST BIOMARKER REPORTING TEMPLATE\nEstrogen Receptor (ER) Status: Positive\nHER2 (by immunohistochemistry): "
     "Negative (Score 1+)", "pathology"),
    ("Tissue Diagnosis\nBreast, left, 2 o'clock, US-guided core biopsy:\n- Invasive carcinoma of no special type, grade 2",
     "pathology"),
    ("RECEPTOR STATUS\nER: positive 95%\nPR: positive 40%\nHER2: negative (1+)\nKi-67: 10%", "pathology"),
    ("Patient: Jane Doe\nResult: ESTROGEN RECEPTOR (ER) POSITIVE 90%; PROGESTERONE RECEPTOR (PR) POSITIVE 60%; "
     "HER-2/NEU (IHC) 1+ NEGATIVE", "pathology"),
    ("Progress note\nHPI: estrogen receptor positive breast cancer on letrozole. HER2 not amplified.\nPlan: continue.",
     "clinic_note"),
    # round 5 (receptors and tumour type)
    ("DIAGNOSIS: RIGHT BREAST, MASTECTOMY: INFILTRATING CARCINOMA, SEE COMMENT.\nER: POSITIVE 80%; PR: POSITIVE 20%; "
     "HER2 (SP3): 0.", "pathology"),
    ("Follow-up visit\n61 year old woman with ER positive, PR negative breast cancer on letrozole.\nPlan: continue.",
     "clinic_note"),
    ("Histological examination No. 5521\nConclusion: invasive breast carcinoma of non-special type, G2.\n"
     "IHC: ER - 6 points (Allred), HER2/neu - 0.", "pathology"),
]


@pytest.mark.parametrize("text,kind", KIND_ROWS)
def test_short_pathology_snippets_and_mdt_summaries_are_classified(text, kind):
    from extract.classify import classify_text
    assert classify_text(text) == kind


def test_a_bare_tnm_in_a_clinic_letter_is_the_clinical_staging():
    report = profile("Dear Dr Patel,\nI saw Mrs Smith in the breast clinic today. She has a T2N1M0 left breast "
                     "cancer, triple negative.\nYours sincerely")
    assert value(report, "stage.clinical.t") == "T2" and value(report, "stage.clinical.n") == "N1"
    assert value(report, "stage.pathologic.t") is None


def test_ocr_nottingham_components_give_the_grade_with_their_reading_on_the_evidence():
    report = profile("SURGICAL PATHOLOGY REPORT\nFINAL DIAGNOSIS: LEFT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA.\n"
                     "Nottingham histologic grade: Tubule formation: 3 Nuclear pleomorphism: Z Mitotic count: l\n",
                     source="ocr")
    assert value(report, "diagnosis.grade") == 2
    assert report.evidence["diagnosis.grade"][0].correction == "Z->2; l->1"


def test_a_report_whose_results_stand_under_microscopy_keeps_them():
    # Indian style: "Gross:" then "Microscopy:" with the result lines, and no diagnosis section.
    report = profile("HISTOPATHOLOGY REPORT\nSpecimen: Left MRM with axillary clearance\n"
                     "Gross: MRM specimen 20x18x4 cm; grey white tumour 3.5x3x2.5 cm in the upper outer quadrant.\n"
                     "Microscopy: Infiltrating duct carcinoma, NOS, MBR grade II (T3+N2+M1=6).\n"
                     "Lymph nodes: 4/18 lymph nodes show metastatic deposits.\npTNM: pT2 N2a\n"
                     "IHC: ER: positive (Allred 7), PR: positive (Allred 5), HER2neu: 3+ positive, Ki67: 40%.")
    assert value(report, "diagnosis.histology") == "invasive_ductal"
    assert value(report, "diagnosis.grade") == 2
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (4, 18)
    assert value(report, "receptors.her2.ihc_score") == "3+"
    assert value(report, "stage.pathologic.n") == "N2a"


def test_a_microscopic_description_does_not_add_to_the_diagnosis_counts():
    report = profile("FINAL DIAGNOSIS:\nA. Left axillary sentinel lymph nodes: metastatic carcinoma in 1 of 3 lymph nodes "
                     "(1/3).\nMICROSCOPIC:\nA. Sentinel nodes: 1 of 3 nodes with a 4 mm deposit.\n"
                     "B. Additional axillary tissue: 0/2 nodes.")
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (1, 3)


# -- TNM split over lines, AJCC strings, M categories that are not M1 ------------------------------

TNM_ROWS = [
    ("Pathologic stage (AJCC 8th)\npT2\npN1a\n", {"stage.pathologic.t": "T2", "stage.pathologic.n": "N1a"}),
    ("Primary tumour (pT): pT2\nRegional lymph nodes (pN): pN1a (2/14)\nDistant metastasis (pM): not applicable\n",
     {"stage.pathologic.t": "T2", "stage.pathologic.n": "N1a", "stage.pathologic.m": None, "stage.metastatic": None,
      "lymph_nodes.positive": 2, "lymph_nodes.examined": 14}),
    ("FINAL DIAGNOSIS: RIGHT BREAST, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, 3.1 CM. AJCC 8th: pT2 pN1a pMX.\n"
     "LYMPH NODES: 3 OF 12 POSITIVE.", {"stage.pathologic.t": "T2", "stage.pathologic.n": "N1a",
                                        "stage.pathologic.m": None, "stage.metastatic": None,
                                        "lymph_nodes.positive": 3, "lymph_nodes.examined": 12}),
    ("Invasive ductal carcinoma.\npM: not applicable", {"stage.pathologic.m": None, "stage.metastatic": None}),
    ("Invasive ductal carcinoma.\nPathologic staging: pT1c, pN0(sn), cMX",
     {"stage.pathologic.t": "T1c", "stage.pathologic.n": "N0", "stage.clinical.m": None, "stage.metastatic": None}),
    ("Invasive ductal carcinoma.\nT category: pT2\nN category: pN3a\nM category: cM0(i+)",
     {"stage.pathologic.n": "N3a", "stage.clinical.m": "M0(i+)", "stage.metastatic": False}),
    ("Staging: ypT1b ypN0 M0\nResidual cancer burden: RCB-I", {"stage.pathologic.prefix": "yp",
                                                               "stage.pathologic.t": "T1b"}),
    # round 5 (staging and tumour extent)
    ("Histopathological examination\nMicroscopy: Carcinoma ductale infiltrans (NST), G2. Axillary fatty tissue with "
     "12 lymph nodes, metastases in 2.\nDiagnosis: invasive ductal carcinoma of the left mammary gland, pT2 N1a (2/12) "
     "M0. Stage IIB.", {"stage.pathologic.t": "T2", "stage.pathologic.n": "N1a", "stage.group": "IIB",
                        "lymph_nodes.positive": 2, "lymph_nodes.examined": 12, "diagnosis.grade": 2}),
    ("PATHOLOGY REPORT\nDIAGNOSIS: LEFT BREAST, MASTECTOMY: INVASIVE LOBULAR CARCINOMA, 4.2 CM. LYMPH NODES: 0 OF 11 "
     "AXILLARY LYMPH NODES POSITIVE. pT2pN0(sn)MX", {"stage.pathologic.t": "T2", "stage.pathologic.n": "N0",
                                                    "stage.pathologic.m_raw": "MX", "lymph_nodes.examined": 11}),
    ("Pathology report (translated)\nClinical diagnosis: cancer of the right breast, T2N1M0, stage IIB.\n"
     "Histological conclusion: Invasive carcinoma of no special type, G3, maximum diameter 28 mm. Lymph nodes: 4/10 "
     "with metastases. pT2pN2aM0.", {"stage.clinical.t": "T2", "stage.clinical.n": "N1", "stage.clinical.group": "IIB",
                                    "stage.pathologic.t": "T2", "stage.pathologic.n": "N2a", "diagnosis.grade": 3,
                                    "diagnosis.tumor_size_mm": 28.0, "lymph_nodes.positive": 4}),
    ("FINAL DIAGNOSIS:\nBREAST, LEFT, SEGMENTAL MASTECTOMY:\n- INFILTRATING DUCTAL CARCINOMA, GRADE II/III.\n"
     "- SENTINEL LYMPH NODES: 1 OF 3 WITH MICROMETASTASIS (0.15 CM); NON-SENTINEL LYMPH NODES: 0 OF 6.\n",
     {"lymph_nodes.positive": 1, "lymph_nodes.examined": 9, "stage.pathologic.n": "N1mi", "diagnosis.grade": 2}),
    ("Family history: sister with breast cancer, stage IIIA.\nDiagnosis: invasive ductal carcinoma, 1.1 cm, grade 1.",
     {"stage.group": None, "stage.clinical.group": None, "diagnosis.grade": 1}),
    # gen21-b: a kidney disease's stage is no cancer's stage group
    ("Problem list:\n 1. Metastatic breast cancer (ER pos, HER2 neg) - bone only.\n 2. CKD stage 3a (eGFR 52).\n",
     {"stage.group": None, "stage.clinical.group": None}),
    # round 8 (extent): ypTis before ypN0; a re-excision restating the earlier pT ("no new pT is assigned")
    ("Residual ductal carcinoma in situ only.\nypTis ypN0(sn), RCB-0.", {"stage.pathologic.t": "Tis",
                                                                       "stage.pathologic.prefix": "yp"}),
    ("Breast, left, re-excision of lumpectomy margins:\n- Residual invasive ductal carcinoma, 0.3 cm, at the superior "
     "margin.\nComment: the stage is unchanged (pT1c N0, see S25-1234); no new pT is assigned.",
     {"stage.pathologic.t": "T1c", "diagnosis.tumor_size_mm": None}),
    # round 9 (extent): ypT0 and ypTis of one report (residual DCIS only: Tis, no conflict with itself); pNX
    # alone stages nothing; a node total with its breakdown by group; a whole-lesion size before its invasive
    # part; a decimal-comma gross size that is no focus; an encapsulated papillary carcinoma without invasion
    ("FINAL DIAGNOSIS:\nLEFT BREAST, MASTECTOMY:\n - NO RESIDUAL INVASIVE CARCINOMA.\n - RESIDUAL DUCTAL CARCINOMA IN "
     "SITU, 0.6 CM.\nPathologic stage: ypT0 ypN0\nCOMMENT: Only in situ disease remains; the stage is ypTis ypN0.",
     {"stage.pathologic.t": "Tis", "stage.pathologic.prefix": "yp", "stage.pathologic.n": "N0"}),
    ("FINAL DIAGNOSIS: LEFT BREAST, EXCISION: FIBROADENOMA, 2.1 CM. NO CARCINOMA. No lymph nodes are present "
     "(pNX not applicable).", {"stage.pathologic.prefix": None, "stage.pathologic.n": None,
                               "diagnosis.tumor_size_mm": None}),
    ("Pathological diagnosis:\n(Right) breast invasive ductal carcinoma, grade III, tumour size 3.5cm x 3cm x 2.5cm.\n"
     "Axillary lymph nodes: metastatic carcinoma (4/17).\nGroup 1 lymph nodes (0/3), Group 2 lymph nodes (4/14).",
     {"lymph_nodes.positive": 4, "lymph_nodes.examined": 17, "stage.pathologic.n": "N2",
      "diagnosis.tumor_size_mm": 35.0}),
    ("Right breast, partial mastectomy:\nInvasive ductal carcinoma, scirrhous type.\nTumor size: 2,4 x 1,9 x 1,5 cm "
     "(invasive: 2,1 cm).\nHistological grade: 2.", {"diagnosis.tumor_size_mm": 21.0, "diagnosis.grade": 2}),
    ("Macroscopy: segment 7,5 x 5 x 3 cm, tumor 0,8 x 0,7 x 0,6 cm.\nDiagnosis: invasive carcinoma of no special "
     "type of the left breast, tumour diameter 8 mm, G3. pT1b (8 mm) pN0 (0/3 sn) L0 V0 R0.",
     {"diagnosis.tumor_size_mm": 8.0, "stage.pathologic.t": "T1b", "lymph_nodes.examined": 3}),
    ("A. LEFT BREAST, LUMPECTOMY:\n - ENCAPSULATED PAPILLARY CARCINOMA, 2.2 CM, WITHOUT INVASION.\n - NO INVASIVE "
     "CARCINOMA IDENTIFIED.\nPathologic stage: pTis pN0(sn)", {"diagnosis.tumor_size_mm": None,
                                                              "stage.pathologic.t": "Tis"}),
    # round 10 (staging in unseen formats): a stated pNX (no N from nothing, no stage group); a core's tumour
    # length gives no pT (a resection's does); a bare group after a clinical TNM string; Japanese pStage and
    # a clinical "Dx" label; an intramammary node added to the sentinel total; a "---" part header of a
    # bilateral report; a bracketed part number after a clinical-diagnosis line.
    ("LEFT BREAST, LUMPECTOMY:\n- Invasive lobular carcinoma, grade 1, 16 mm.\n- No lymph nodes submitted.\n"
     "Primary Tumor (pT): pT1c\nRegional Lymph Nodes (pN): pNX\nDistant Metastasis (pM): not applicable",
     {"stage.pathologic.t": "T1c", "stage.pathologic.n": "NX", "stage.group": None, "lymph_nodes.examined": None}),
    ("LEFT BREAST, 3:00, ULTRASOUND-GUIDED CORE NEEDLE BIOPSY:\n - INVASIVE DUCTAL CARCINOMA, GRADE 3.\n"
     " - TUMOR MEASURES 1.6 CM IN GREATEST LINEAR DIMENSION IN THE CORE.",
     {"diagnosis.tumor_size_mm": 16.0, "stage.pathologic.t": None}),
    ("LEFT BREAST, LUMPECTOMY:\n - INVASIVE DUCTAL CARCINOMA, GRADE 3.\n - TUMOR MEASURES 1.6 CM IN GREATEST "
     "DIMENSION.", {"diagnosis.tumor_size_mm": 16.0, "stage.pathologic.t": "T1c"}),
    ("Clinical stage at diagnosis (per referral): cT2 cN1 cM0, IIB.\nTNM classification (AJCC 8th ed.): pT2 pN2a "
     "pMX.", {"stage.clinical.group": "IIB", "stage.group": "IIIA", "stage.pathologic.n": "N2a"}),
    ("Clinical Dx: Lt. breast cancer, C area, cT2N0M0 Stage IIA\nDiagnosis: invasive ductal carcinoma.\n"
     "Pathological stage: pT2 pN1a M0, pStage IIB (UICC 8th)",
     {"stage.clinical.group": "IIA", "stage.group": "IIB", "stage.pathologic.n": "N1a"}),
    ("A. Left breast, lumpectomy:\n - Invasive lobular carcinoma, 2.7 cm.\n - One intramammary lymph node with "
     "metastatic carcinoma (1/1).\nB. Sentinel lymph node #1, left axilla: one lymph node with metastatic carcinoma "
     "(1/1).\nC. Sentinel lymph node #2, left axilla: one lymph node, negative (0/1).\nSYNOPTIC REPORT\n"
     "Sentinel lymph nodes: 1/2 positive\nIntramammary lymph node: 1/1 positive\n",
     {"lymph_nodes.positive": 2, "lymph_nodes.examined": 3}),
    ("A. Breast, right, total mastectomy --- Invasive lobular carcinoma\n"
     "   Tumor size: 1.7 x 1.2 x 1.0 cm; Nottingham grade 2\n"
     "B. Lymph node, right sentinel, excision --- Negative for malignancy (0/2)\n"
     "C. Breast, left, total mastectomy --- Invasive carcinoma of no special type\n"
     "   Tumor size: 2.6 x 2.1 x 1.8 cm; Nottingham grade 3\n"
     "D. Lymph node, left sentinel, excision --- Metastatic carcinoma, 2 of 3 (2/3)\n",
     {"diagnosis.laterality": "left", "diagnosis.tumor_size_mm": 26.0, "diagnosis.grade": 3,
      "lymph_nodes.positive": 2, "lymph_nodes.examined": 3}),
    ("DEPARTMENT OF MEDICAL ONCOLOGY - OPD FOLLOW-UP\nK/C/O Ca breast (R) - T3N2aM0, stage IIIA (AJCC 8), IDC "
     "grade III. Post NACT and MRM: ypT2 (2.6 cm) ypN1a (2/18).",
     {"stage.clinical.t": "T3", "stage.clinical.group": "IIIA", "stage.pathologic.t": "T2",
      "stage.pathologic.prefix": "yp"}),
    ("Clinical diagnosis: Rt. breast cancer on CNB\nOperation: Breast-conserving surgery with SLNB\n"
     "[1] Breast, right, upper outer, breast-conserving surgery:\n  Invasive ductal carcinoma, 2.3 cm, with "
     "metastatic carcinoma in 1 out of 3 sentinel lymph nodes.\n",
     {"lymph_nodes.positive": 1, "lymph_nodes.examined": 3, "diagnosis.laterality": "right"}),
    # slash-separated categories; no other marker's slash
    ("INVASIVE DUCTAL CARCINOMA. STAGE T2/N0/M1.", {"stage.pathologic.t": "T2", "stage.pathologic.n": "N0",
                                                    "stage.pathologic.m": "M1"}),
    ("Invasive ductal carcinoma. ER/N0 and HER2/M1 are no categories.", {"stage.pathologic.n": None,
                                                                          "stage.pathologic.m": None}),
]


@pytest.mark.parametrize("text,expected", TNM_ROWS)
def test_tnm_on_separate_lines_and_m_categories(text, expected):
    report = profile(text)
    for path, want in expected.items():
        assert value(report, path) == want, path


def test_er_low_stated_with_its_percent_has_no_conflicting_status():
    report = profile("SURGICAL PATHOLOGY REPORT\nInvasive ductal carcinoma, grade 2.\n"
                     "Estrogen receptor: weakly positive (5%)\nProgesterone receptor: negative (0%)\n")
    assert value(report, "receptors.er.status") == "low_positive"
    assert report.evidence["receptors.er.status"][0].text == "Estrogen receptor: weakly positive (5%"
    assert conflict(report, "receptors.er.status") is None


def test_a_hormone_receptor_summary_gives_her2_but_no_er_or_pr():
    report = profile("ONCOLOGY CLINIC LETTER\nDear Dr Smith,\nI saw Mrs Jones today. She has a 2.3 cm HR+/HER2- "
                     "invasive ductal carcinoma of the right breast.\n")
    assert value(report, "receptors.her2.status") == "negative"
    assert value(report, "receptors.er.status") is None and value(report, "receptors.pr.status") is None
    assert value(report, "subtype") is None


def test_a_staging_line_after_a_benign_part_is_the_reports_own():
    report = profile("SURGICAL PATHOLOGY REPORT\nFINAL DIAGNOSIS:\nA. LEFT BREAST, SEGMENTAL MASTECTOMY:\n"
                     " - RESIDUAL INVASIVE DUCTAL CARCINOMA, 0.8 CM, WITH TREATMENT EFFECT.\n"
                     "B. LEFT AXILLARY SENTINEL LYMPH NODES (3):\n - ONE OF THREE LYMPH NODES WITH METASTATIC "
                     "CARCINOMA (4 MM) (1/3).\nC. RIGHT BREAST, REDUCTION MAMMOPLASTY:\n - BENIGN BREAST TISSUE WITH "
                     "FIBROCYSTIC CHANGES. NO ATYPIA OR MALIGNANCY.\nPathologic stage: ypT1b ypN1a\n")
    assert value(report, "stage.pathologic.n") == "N1a"
    assert report.evidence["stage.pathologic.n"][0].text == "ypN1a"
    assert value(report, "stage.pathologic.prefix") == "yp"
    assert not report.to_json_dict()["profile"].get("other_tumors")


def test_identical_counts_of_nodes_numbered_apart_are_added():
    report = profile("Final Pathologic Diagnosis\nLeft breast, lumpectomy: Invasive ductal carcinoma, 0.9 cm.\n"
                     "Left axillary sentinel lymph node #1, excision: One lymph node, negative for metastatic "
                     "carcinoma (0/1).\nLeft axillary sentinel lymph node #2, excision: One lymph node, negative "
                     "for metastatic carcinoma (0/1).\n")
    assert value(report, "lymph_nodes.examined") == 2
    assert value(report, "lymph_nodes.positive") == 0


def test_an_identical_count_restated_for_the_same_node_is_read_once():
    report = profile("Final Pathologic Diagnosis\nLeft breast, lumpectomy: Invasive ductal carcinoma, 0.9 cm.\n"
                     "Sentinel lymph node #1: one lymph node, negative for metastatic carcinoma (0/1).\n"
                     "Sentinel lymph node #1 (see above): negative (0/1).\n")
    assert value(report, "lymph_nodes.examined") == 1


# -- round 5 (staging and tumour extent) ---------------------------------------------------------


def test_each_side_of_a_bilateral_staging_line_keeps_its_own_categories():
    report = profile("SURGICAL PATHOLOGY REPORT\nDIAGNOSIS:\nA. RIGHT BREAST, LUMPECTOMY:\n   INVASIVE LOBULAR "
                     "CARCINOMA, NOTTINGHAM GRADE 1, 1.4 CM.\nB. LEFT BREAST, LUMPECTOMY:\n   INVASIVE DUCTAL "
                     "CARCINOMA, NOTTINGHAM GRADE 3, 2.7 CM.\nC. LEFT SENTINEL LYMPH NODES: METASTATIC CARCINOMA IN "
                     "ONE OF THREE LYMPH NODES (1/3).\nSTAGING: RIGHT: pT1c pN0(sn). LEFT: pT2 pN1a(sn).\n")
    assert value(report, "diagnosis.laterality") == "left"
    assert value(report, "stage.pathologic.t") == "T2" and value(report, "stage.pathologic.n") == "N1a"
    other = report.to_json_dict()["profile"]["other_tumors"][0]
    assert other["laterality"] == "right"
    assert other["stage"]["pathologic"] == {"t": "T1c", "n": "N0", "prefix": "p"}


def test_a_merged_ocr_staging_string_gives_t_n_and_the_obsolete_mx():
    report = profile("FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA, 2.8 CM. -AJCC STAGE PT2NOMX.", source="ocr")
    assert value(report, "stage.pathologic.t") == "T2"
    assert value(report, "stage.pathologic.n") == "N0"
    assert report.evidence["stage.pathologic.n"][0].correction == "O->0"
    assert value(report, "stage.pathologic.m_raw") == "MX" and value(report, "stage.metastatic") is None
    # On a text layer the letter O is not read as a zero.
    assert value(profile("FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA, 2.8 CM. -AJCC STAGE PT2NOMX."),
                 "stage.pathologic.n") is None


def test_a_staging_string_after_a_page_header_on_the_next_page_is_read():
    pages = ["SURGICAL PATHOLOGY REPORT\nFINAL DIAGNOSIS:\nA. LEFT BREAST, MASTECTOMY:\n - INVASIVE LOBULAR "
             "CARCINOMA, 3.6 CM, GRADE 2.\nB. LEFT AXILLA: METASTATIC CARCINOMA IN 4 OF 13 LYMPH NODES.\n",
             "Page 2 of 3 Patient: [redacted] Accession #: S26-2231\nFINAL DIAGNOSIS (continued):\n"
             "TUMOR STAGE: T2 N2a MX\nCOMMENT: Receptors to follow.\n"]
    doc = Document(sha256=hashlib.sha256("".join(pages).encode()).hexdigest(), filename="report.txt", type="text",
                   pages=[Page(number=i + 1, text=t, source="ocr") for i, t in enumerate(pages)])
    report = build_profile([doc])
    assert value(report, "stage.pathologic.t") == "T2" and value(report, "stage.pathologic.n") == "N2a"
    assert report.evidence["stage.pathologic.t"][0].page == 2
    assert value(report, "lymph_nodes.positive") == 4 and value(report, "diagnosis.grade") == 2


def test_a_size_read_from_words_before_it_has_no_spaced_decimal_correction():
    report = profile("FINAL DIAGNOSIS\nLeft breast, mastectomy:\n"
                     "- Invasive micropapillary carcinoma, grade 3, 6.2 cm.\n")
    assert value(report, "diagnosis.tumor_size_mm") == 62.0
    assert report.evidence["diagnosis.tumor_size_mm"][0].correction is None


@pytest.mark.parametrize("text,path,want,correction", [
    ("Pathologic stage: pTZ pNZa", "stage.pathologic.t", "T2", "Z->2"),
    ("Pathologic stage: pTZ pNZa", "stage.pathologic.n", "N2a", "Za->2a"),
    ("AJCC: p T l c N l mi M X", "stage.pathologic.n", "N1mi", "lmi->1mi"),
])
def test_ocr_letters_in_a_spaced_or_merged_staging_string(text, path, want, correction):
    report = profile(text, source="ocr")
    assert value(report, path) == want
    assert report.evidence[path][0].correction == correction
    # A text layer has no OCR letters: neither "pTZ" nor "N l mi" is read there.
    assert value(profile(text), path) is None


@pytest.mark.parametrize("text,expected", [
    ("FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA. TNM: T2 Page 2 of 4 Patient: Accession #: S26-0001 N1 M0. GRADE 2.",
     {"stage.pathologic.t": "T2", "stage.pathologic.n": "N1", "stage.clinical.m": "M0"}),
    ("FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA.\nTNM: T2\nPage 2 of 3 Patient: [redacted] Accession #: S26-4410 "
     "DOB: [redacted]\nFINAL DIAGNOSIS (continued):\nN1 MX\n",
     {"stage.pathologic.t": "T2", "stage.pathologic.n": "N1", "stage.pathologic.m_raw": "MX"}),
    ("AJCC STAGE: pT2 Page 2 of 2 Patient: Accession #: pN1a MX",
     {"stage.pathologic.n": "N1a", "stage.pathologic.m_raw": "MX", "stage.metastatic": None}),
    # Without a header between them, an N and a later sentence's words stay apart.
    ("INVASIVE DUCTAL CARCINOMA. pN1a. Mitoses: 2", {"stage.pathologic.n": "N1a", "stage.pathologic.m_raw": None}),
])
def test_a_page_header_cutting_a_staging_string_in_two(text, expected):
    report = profile(text, source="ocr")
    for path, want in expected.items():
        assert value(report, path) == want, path


def test_the_staging_of_an_earlier_cancer_of_the_other_breast_stays_with_that_side():
    report = profile("SURGICAL PATHOLOGY REPORT\nCLINICAL HISTORY: 58 year old woman with history of right breast "
                     "cancer (T1N0, 2014), now with a new left breast mass.\nFINAL DIAGNOSIS:\n"
                     "LEFT BREAST, LUMPECTOMY:\n INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 2 OF 3.\n"
                     " INVASIVE TUMOR SIZE: 1.9 CM.\npT1c pN0(sn)\n")
    assert value(report, "stage.pathologic.t") == "T1c"
    assert value(report, "stage.clinical.t") is None
    other = report.to_json_dict()["profile"]["other_tumors"]
    assert other == [{"laterality": "right", "stage": {"clinical": {"n": "N0", "t": "T1"}}}]


# -- round 6 (multifocal tumours, bilateral synoptic blocks, checklists, history of the other breast) ---


def _conflict(report: ProfileReport, field: str):
    return next((c for c in report.conflicts if c.field == field), None)


def test_of_two_graded_foci_the_larger_is_the_index_cancer_and_the_other_a_conflict():
    report = profile("FINAL DIAGNOSIS: BREAST, RIGHT, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, MULTIFOCAL.\n"
                     "Focus 1: Nottingham grade 3, 0.6 cm.\nFocus 2: Nottingham grade 2, 2.1 cm.\n"
                     "Lymph nodes: 0/12.\n")
    assert (value(report, "diagnosis.grade"), value(report, "diagnosis.tumor_size_mm")) == (2, 21)
    assert sorted(_conflict(report, "diagnosis.grade").values) == [2, 3]


def test_a_dcis_only_synoptic_block_of_the_other_breast_stays_with_that_breast():
    report = profile("FINAL DIAGNOSIS\nA. RIGHT BREAST, MASTECTOMY: INVASIVE DUCTAL CARCINOMA.\n"
                     "B. LEFT BREAST, MASTECTOMY: DUCTAL CARCINOMA IN SITU.\n\n"
                     "SYNOPTIC REPORT - RIGHT BREAST\nLaterality: Right\nHistologic Type: Invasive ductal carcinoma\n"
                     "Tumor Size: 2.4 cm\nPathologic Staging: pT2 pN1a\n\n"
                     "SYNOPTIC REPORT - LEFT BREAST\nLaterality: Left\nHistologic Type: Ductal carcinoma in situ\n"
                     "Pathologic Staging: pTis pNx\n")
    assert value(report, "diagnosis.laterality") == "right"
    assert value(report, "stage.pathologic.t") == "T2"
    assert _conflict(report, "diagnosis.laterality") is None
    other = report.to_json_dict()["profile"]["other_tumors"]
    assert other[0]["laterality"] == "left" and other[0]["stage"]["pathologic"]["t"] == "Tis"


def test_unticked_checklist_options_are_no_values():
    report = profile("LATERALITY: _X_ Left  ___ Right\n"
                     "HISTOLOGIC TYPE: [X] Invasive ductal carcinoma  [ ] Invasive lobular carcinoma\n"
                     "HISTOLOGIC GRADE: [ ] Grade 1  [X] Grade 2  [ ] Grade 3\n"
                     "PATHOLOGIC STAGING: Primary tumor: (x) pT1c  ( ) pT2  Regional lymph nodes: (x) pN1a  ( ) pN2a\n"
                     "Distant metastasis: (x) pMX\n")
    assert (value(report, "diagnosis.histology"), value(report, "diagnosis.grade")) == ("invasive_ductal", 2)
    assert (value(report, "stage.pathologic.t"), value(report, "stage.pathologic.n")) == ("T1c", "N1a")
    assert value(report, "stage.metastatic") is None
    assert report.conflicts == []


def test_a_prior_cancer_of_the_other_breast_in_a_comment_stays_with_that_breast():
    report = profile("PART 1: BREAST, RIGHT, LUMPECTOMY\n- INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 2.\n"
                     "- TUMOR SIZE: 2.6 CM.\nCOMMENT: The patient had a left breast lumpectomy in 2002 for a 1.2 cm "
                     "invasive lobular carcinoma, grade 1, ER positive.\n")
    assert (value(report, "diagnosis.grade"), value(report, "diagnosis.tumor_size_mm")) == (2, 26)
    assert value(report, "receptors.er.status") is None
    other = report.to_json_dict()["profile"]["other_tumors"][0]
    assert other["laterality"] == "left" and other["receptors"]["er"]["status"] == "positive"



def test_a_sentence_about_the_other_breasts_earlier_cancer_outside_any_part_stays_with_that_breast():
    report = profile("ADDENDUM: HER2 by immunohistochemistry is 1+, negative. Of note, the patient's 2006 contralateral "
                     "(right) breast carcinoma was reported as ER negative and HER2 positive at an outside institution."
                     "\nFINAL DIAGNOSIS (previously reported): LEFT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, "
                     "NOTTINGHAM GRADE 2, 1.6 CM.\n")
    assert (value(report, "diagnosis.laterality"), value(report, "receptors.her2.status")) == ("left", "negative")
    assert value(report, "receptors.er.status") is None
    other = report.to_json_dict()["profile"]["other_tumors"][0]
    assert other["laterality"] == "right" and other["receptors"]["her2"]["status"] == "positive"


# -- round 7 (extent): a prior cancer of the other breast, a staging line after a benign part ---------

def test_a_history_of_the_other_breasts_cancer_is_that_tumours_side_not_a_conflict():
    report = profile("CLINICAL HISTORY: 58 year old female with history of right breast cancer in 2004, treated "
                     "with lumpectomy and radiation. Now with new left breast mass.\nFINAL DIAGNOSIS:\n"
                     "1. Left breast, lumpectomy: Invasive ductal carcinoma, 2.2 cm.\n2. Margins negative.\n")
    assert value(report, "diagnosis.laterality") == "left"
    assert conflict(report, "diagnosis.laterality") is None
    assert report.to_json_dict()["profile"]["other_tumors"] == [{"laterality": "right"}]
    assert report.evidence["other_tumors[0].laterality"][0].text == "right breast"


def test_a_current_mention_of_the_other_side_is_still_a_laterality_conflict():
    report = profile("Left breast, lumpectomy: invasive ductal carcinoma, 2.2 cm.\n"
                     "Right breast, lumpectomy: invasive ductal carcinoma, 1.1 cm.\n")
    assert value(report, "diagnosis.laterality") == "left"
    assert conflict(report, "diagnosis.laterality") is not None


def test_a_staging_line_after_a_benign_part_keeps_its_n_with_the_report():
    report = profile("FINAL DIAGNOSIS:\nA. Sentinel lymph node #1, right axilla, excision: micrometastatic carcinoma, "
                     "1.5 mm (1/1).\nB. Right breast, partial mastectomy: Invasive ductal carcinoma, 1.3 cm.\n"
                     "C. Left breast, reduction mammoplasty: Benign breast tissue. No atypia or malignancy.\n"
                     "Pathologic stage (AJCC 8th edition): pT1c pN1mi\n")
    assert value(report, "stage.pathologic.n") == "N1mi"
    assert not report.to_json_dict()["profile"].get("other_tumors")


@pytest.mark.parametrize("text,metastatic", [
    ("Specimen: Liver, segment 6, core biopsy.\nDiagnosis: Metastatic adenocarcinoma, consistent with breast primary.",
     True),
    # round 10: a chest wall (skin) recurrence is local disease, a supraclavicular node regional: not M1
    ("Punch biopsy, left chest wall skin: metastatic carcinoma consistent with breast primary.", None),
    ("Skin, anterior chest wall, excision: dermal metastatic carcinoma, consistent with mammary origin.", None),
    ("Impression: skin metastases on the chest wall, right mastectomy site.", None),
    ("Cutaneous metastases of the chest wall from the known left breast carcinoma.", None),
    ("Impression: metastatic disease to the chest wall; no other sites.", None),
    ("- 10/2026: palpable right supraclavicular node, 2 cm. Ultrasound-guided core biopsy: metastatic carcinoma "
     "consistent with breast primary.", None),
    ("Right breast cancer 2015. Now skin metastases from breast cancer on the scalp.", True),
    ("Findings: metastatic disease to the chest wall and skin, liver metastases (two lesions).", True),
    ("A. LYMPH NODE, RIGHT AXILLARY, EXCISION: METASTATIC CARCINOMA CONSISTENT WITH BREAST PRIMARY (1/3).\n"
     "B. RIGHT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, 1.2 CM.", None),
    ("Metastatic carcinoma consistent with breast primary in two of three axillary lymph nodes.", None),
])
def test_a_metastatic_carcinoma_of_breast_origin_outside_the_nodes_is_metastatic_disease(text, metastatic):
    assert value(profile(text), "stage.metastatic") is metastatic


# -- round 8 (extent): an earlier cancer of the other breast in the history; bilateral graded cores -----

def test_a_prior_cancer_of_the_other_breast_does_not_become_the_index_cancer():
    report = profile("CLINICAL HISTORY: Prior left breast IDC 2015 (pT1c pN0, grade 2), treated with lumpectomy and "
                     "radiation. Now right breast mass.\nFINAL DIAGNOSIS:\nRight breast, 9 o'clock, core biopsy: "
                     "Invasive lobular carcinoma, grade 2.")
    assert value(report, "diagnosis.laterality") == "right"
    assert value(report, "diagnosis.histology") == "invasive_lobular"
    other = report.to_json_dict()["profile"]["other_tumors"][0]
    assert other["laterality"] == "left" and other["stage"]["pathologic"]["t"] == "T1c"


def test_the_grade_components_of_the_other_breast_stay_with_that_breast():
    report = profile("FINAL DIAGNOSIS: A. RIGHT BREAST, CORE BIOPSY: INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 1 "
                     "(TUBULES 2, NUCLEI 1, MITOSES 1). B. LEFT BREAST, CORE BIOPSY: INVASIVE LOBULAR CARCINOMA, "
                     "NOTTINGHAM GRADE 2 (SBR 3+2+1=6).")
    assert value(report, "diagnosis.laterality") == "right"
    assert (value(report, "diagnosis.grade"), value(report, "diagnosis.grade_nuclei")) == (1, 1)
    assert value(report, "diagnosis.nottingham_score") is None
    other = report.to_json_dict()["profile"]["other_tumors"][0]
    assert other["diagnosis"]["nottingham_score"] == 6 and other["diagnosis"]["grade_tubules"] == 3


# -- round 9 (extent): bilateral synoptic blocks under a part list, a benign other breast, metastases -----

def test_a_synoptic_block_right_after_the_part_list_keeps_its_side():
    report = profile("A. Right breast, total mastectomy\nB. Left breast, total mastectomy\n"
                     "SYNOPTIC REPORT - RIGHT BREAST\nHistologic type: Invasive lobular carcinoma\n"
                     "Histologic grade (Nottingham): Grade 1\nTumor size: 1.2 cm\npTNM: pT1c pNX\n\n"
                     "SYNOPTIC REPORT - LEFT BREAST\nHistologic type: Invasive ductal carcinoma\n"
                     "Histologic grade (Nottingham): Grade 3\nTumor size: 3.4 cm\nLymph nodes: 2 of 5 positive\n"
                     "pTNM: pT2 pN1a\n")
    assert value(report, "diagnosis.laterality") == "left"
    assert (value(report, "diagnosis.grade"), value(report, "diagnosis.tumor_size_mm")) == (3, 34.0)
    assert (value(report, "stage.pathologic.t"), value(report, "diagnosis.histology")) == ("T2", "invasive_ductal")
    other = report.to_json_dict()["profile"]["other_tumors"]
    assert other[0]["laterality"] == "right" and other[0]["diagnosis"]["tumor_size_mm"] == 12.0
    assert "other_tumors[0]" in conflict(report, "diagnosis.grade").resolution


def test_a_negative_node_of_a_benign_other_breast_is_no_other_tumour():
    report = profile("DIAGNOSIS:\n1. Breast, left, excision:\n - Invasive lobular carcinoma, 3,8 cm, grade 3.\n"
                     "2. Breast, right, prophylactic mastectomy:\n - Fibrocystic changes. Negative for carcinoma.\n"
                     "3. Lymph nodes, left axilla, dissection:\n - Metastatic lobular carcinoma in five of twelve "
                     "lymph nodes (5/12).\n4. Lymph node, right sentinel, biopsy:\n - One lymph node, negative (0/1).\n")
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (5, 12)
    assert not report.to_json_dict()["profile"].get("other_tumors")
    assert conflict(report, "lymph_nodes.examined") is None


@pytest.mark.parametrize("text,sites", [
    ("Liver, segment VI, core biopsy:\n - Metastatic adenocarcinoma, consistent with breast primary.\n", ["liver"]),
    ("Bone, left iliac crest, biopsy:\n - Metastatic carcinoma, compatible with breast origin (GATA3+).\n", ["bone"]),
    ("Pleural fluid, right:\n - Metastatic carcinoma, consistent with the known breast primary.\n", ["pleura"]),
    # distractors: a regional node part, a header without a metastasis below it, a negated statement
    ("Lymph node, left axillary, biopsy:\n - Metastatic carcinoma, consistent with breast primary.\n", None),
    ("Liver, segment VI, core biopsy:\n - Benign hepatic parenchyma; no metastatic carcinoma.\n", None),
])
def test_a_metastasis_stated_under_a_distant_specimen_header_names_its_site(text, sites):
    assert value(profile(text), "stage.metastatic_sites") == sites


@pytest.mark.parametrize("text,sites", [
    ("Impression: cutaneous metastases of the abdominal wall and back; known right breast cancer.",
     ["skin_soft_tissue"]),
    ("MDT outcome:\n1. Contralateral axillary nodal metastasis = distant (M1) disease per AJCC.\n"
     "2. PD-L1 CPS to be requested.", ["distant_lymph_nodes"]),
    ("Impression: skin metastases on the chest wall, right mastectomy site.", None),
])
def test_round10_metastatic_sites(text, sites):
    assert value(profile(text), "stage.metastatic_sites") == sites


def test_dermal_lymphovascular_invasion_alone_is_no_t4_feature():
    report = profile("LEFT BREAST, MASTECTOMY:\n-INVASIVE DUCTAL CARCINOMA, 4.1 CM.\n-SKIN: DERMAL LYMPHOVASCULAR "
                     "INVASION; NO ULCERATION.\n")
    assert value(report, "stage.t4_feature") is None
    assert value(report, "stage.pathologic.t") == "T2"


# lead, session 11: an addendum in the report that revises its staging. The revised value is the
# report's value; the first reading stays as a conflict with both evidences. A revision word names
# a revision only where it stands before the value in its sentence.
_REVISED_IN_ADDENDUM = (
    "SURGICAL PATHOLOGY REPORT\nFINAL DIAGNOSIS:\nA. Left breast, lumpectomy: Invasive ductal carcinoma, 1.4 cm.\n"
    "B. Sentinel lymph node #1, left axilla: One lymph node, negative for carcinoma (0/1).\n"
    "PATHOLOGIC STAGE (AJCC 8th): pT1c pN0(sn)\n\nADDENDUM (03/06/2026):\nCytokeratin immunostains on part B show "
    "isolated tumor cells (0.1 mm).\nRevised pathologic stage: pT1c pN0(i+)(sn).\n")


def test_a_revised_stage_in_the_addendum_is_the_reports_value():
    report = profile(_REVISED_IN_ADDENDUM)
    assert value(report, "stage.pathologic.n") == "N0(i+)"
    assert report.evidence["stage.pathologic.n"][0].text == "pN0(i+)(sn)"
    assert sorted(conflict(report, "stage.pathologic.n").values) == ["N0", "N0(i+)"]


def test_a_later_stage_without_a_revision_word_does_not_outrank_the_first():
    text = _REVISED_IN_ADDENDUM.replace("Revised pathologic stage: pT1c pN0(i+)(sn).",
                                        "Pathologic stage: pT1c pN0(i+)(sn), see the updated comment below.")
    assert value(profile(text), "stage.pathologic.n") == "N0"


def test_an_addendum_header_with_its_date_opens_the_addendum_section():
    from extract.analysis import analyze_page

    page = analyze_page("d1", Page(number=1, text=_REVISED_IN_ADDENDUM, source="text-layer"), None)
    assert page.section_at(_REVISED_IN_ADDENDUM.index("Cytokeratin")) == "addendum"
    assert page.section_at(_REVISED_IN_ADDENDUM.index("pN0(sn)")) == "final_diagnosis"


def test_a_bare_tnm_on_a_clinic_letters_second_page_is_the_clinical_staging():
    # lead, session 11: the second page has no title; the whole letter says what kind of record it is.
    p1 = ("BREAST ONCOLOGY CLINIC\nClinic letter 12/05/2026\nDear Dr Patel,\nI reviewed Mrs Jones today in clinic. "
          "She is a 56-year-old postmenopausal woman with a left breast cancer found on screening.\n")
    p2 = ("Page 2\nDiagnosis: left breast invasive ductal carcinoma, grade 2, ER positive, HER2 negative.\n"
          "Staging: T2N1M0.\nPlan: neoadjuvant chemotherapy, then surgery.\nYours sincerely,\nDr A. Smith\n")
    doc = Document(sha256=hashlib.sha256((p1 + p2).encode()).hexdigest(), filename="letter.txt", type="text",
                   pages=[Page(number=1, text=p1, source="text-layer"), Page(number=2, text=p2, source="text-layer")])
    report = build_profile([doc])
    assert value(report, "stage.clinical.t") == "T2" and value(report, "stage.clinical.n") == "N1"
    assert value(report, "stage.pathologic") is None
    assert report.evidence["stage.clinical.t"][0].text == "T2"


# lead, session 11: a clinic note's dated history lines. Of two dated readings the later is the
# note's value (a metastasis biopsy after the primary's results), the earlier kept as a conflict;
# the note's own undated statements rank before the dated history.
_DATED_HISTORY = (
    "MEDICAL ONCOLOGY FOLLOW-UP NOTE\nOncologic history:\n"
    "- 2019: Right breast invasive ductal carcinoma, pT2 pN1a (2/14), ER 95%, PR 60%, HER2 1+.\n"
    "- 07/15/2026: CT-guided biopsy of the L2 lesion: metastatic carcinoma, ER 90%, PR 10%, HER2 IHC 0.\n"
    "Assessment and plan:\nRecurrent ER-positive breast cancer to bone{extra}.\n")


def test_the_later_dated_history_line_gives_the_notes_value():
    report = profile(_DATED_HISTORY.format(extra=""))
    assert value(report, "receptors.her2.ihc_score") == "0"
    assert report.evidence["receptors.her2.ihc_score"][0].text == "HER2 IHC 0"
    assert value(report, "receptors.er.percent") == 90.0
    assert sorted(conflict(report, "receptors.her2.ihc_score").values) == ["0", "1+"]


def test_the_dated_lines_order_does_not_matter():
    lines = _DATED_HISTORY.format(extra="").split("\n")
    swapped = "\n".join([*lines[:2], lines[3], lines[2], *lines[4:]])
    assert value(profile(swapped), "receptors.her2.ihc_score") == "0"


def test_the_notes_own_undated_statement_ranks_before_the_dated_history():
    report = profile(_DATED_HISTORY.format(extra=", HER2 IHC 1+ on review of the L2 biopsy"))
    assert value(report, "receptors.her2.ihc_score") == "1+"
    assert report.evidence["receptors.her2.ihc_score"][0].text.startswith("HER2 IHC 1+")


@pytest.mark.parametrize("line,expected", [
    ("- 2019: Right breast IDC, ER 95%.", "2019"),
    ("07/15/2026: biopsy, ER 90%.", "2026-07-15"),
    ("  * 06/2026 - ER 90%.", "2026-06"),
    ("2) 2021 – ER 90%.", "2021"),
    ("2015-2020: tamoxifen; ER 90%.", None),      # a range of years is not one date
    ("In 2019 ER was 95%.", None),                  # a year inside the sentence does not date the line
    ("Date of procedure: 03/02/2026. ER 90%.", None),
])
def test_a_history_lines_opening_date(line, expected):
    from extract.analysis import analyze_page
    from extract.specimens import line_date

    page = analyze_page("d1", Page(number=1, text=line, source="text-layer"), None)
    assert line_date(page, line.index("ER")) == expected



def test_a_sentinel_parts_labelled_count_is_added_to_the_dissection_not_taken_for_the_total():
    # lead, session 11: "B. Sentinel lymph nodes: 0/3" had been read as the report's total (0/3, and a
    # conflict with the stated pN1a); it is part B's count, added to part C's 2 of 12.
    report = profile("FINAL DIAGNOSIS:\nA. Right breast, mastectomy: Invasive ductal carcinoma, 1.5 cm.\n"
                     "B. Sentinel lymph nodes: 0/3.\nC. Axillary dissection: metastatic carcinoma in 2 of 12 lymph "
                     "nodes, largest deposit 4 mm.\nPathologic stage: pT1c pN1a M0\n")
    assert value(report, "lymph_nodes.positive") == 2 and value(report, "lymph_nodes.examined") == 15
    assert conflict(report, "stage.pathologic.n") is None
    assert [e.text for e in report.evidence["lymph_nodes.examined"]] == ["Sentinel lymph nodes: 0/3", "2 of 12 lymph nodes"]



def test_a_level_breakdown_with_ocr_roman_numerals_is_read_once():
    # lead, session 11: "Level Ill" (OCR for III) had stopped the breakdown being recognised: 12/40.
    report = profile("Axillary lymph nodes: metastatic carcinoma in 6 of 21 lymph nodes (6/21).\n"
                     "  Level I: 5/14; Level II: 1/5; Level Ill: 0/2.\n", "ocr")
    assert value(report, "lymph_nodes.positive") == 6 and value(report, "lymph_nodes.examined") == 21
# gen11: two tumours with a results block each ("Block A3 (tumour 1): ..."): the profile holds the larger
# tumour's results, and the other tumour's details that the larger one lacks (an intensity) are not
# mixed in beside them; its differing values are conflicts.
_TWO_TUMOUR_BLOCKS = (
    "A. RIGHT BREAST, MASTECTOMY:\n   1. INVASIVE DUCTAL CARCINOMA, MULTICENTRIC (TWO FOCI):\n"
    "      - Tumour 1 (9 o'clock): 2.4 cm, Nottingham grade 3 (3+3+3=9).\n"
    "      - Tumour 2 (1 o'clock): 1.1 cm, Nottingham grade 2 (3+2+1=6).\n\n"
    "BIOMARKERS\nBlock A3 (tumour 1):  ER 0 %     PR 0 %     HER2 IHC 3+    Ki-67 60 %\n"
    "Block A7 (tumour 2):  ER 85 %, moderate to strong    PR 20 %    HER2 IHC 1+    Ki-67 15 %\n"
    "Controls: external and internal controls appropriate for all markers.\n")


@pytest.mark.parametrize("path,want", [("receptors.er.percent", 0.0), ("receptors.er.intensity", None),
                                       ("receptors.her2.ihc_score", "3+"), ("receptors.ki67_percent", 60.0),
                                       ("diagnosis.grade", 3)])
def test_each_tumours_results_block_stays_with_its_tumour(path, want):
    report = profile(_TWO_TUMOUR_BLOCKS)
    assert value(report, path) == want
    if path == "receptors.er.percent":
        assert any(c.field == path and 85.0 in c.values for c in report.conflicts)


# gen11: synchronous bilateral cores whose results come as two blocks under "Specimen 1 (right):" and
# "Specimen 2 (left):": each block's rows belong to its specimen (a heading line governs the lines under it).
_BILATERAL_BLOCKS = (
    "Diagnosis:\n1) Right breast (10 h), core biopsy: Invasive ductal carcinoma, grade 3.\n"
    "2) Left breast (2 h), core biopsy: Invasive lobular carcinoma, grade 2.\n\n"
    "Immunohistochemistry\nSpecimen 1 (right):\n  ER        neg       0 %\n  HER2      3+        positive\n"
    "Specimen 2 (left):\n  ER        pos       90 %    strong\n  HER2      1+        negative\n")


@pytest.mark.parametrize("path,want", [("receptors.er.status", "negative"), ("receptors.her2.ihc_score", "3+"),
                                       ("other_tumors.0.receptors.er.percent", 90.0)])
def test_a_specimen_heading_line_governs_the_result_rows_under_it(path, want):
    node = profile(_BILATERAL_BLOCKS).to_json_dict()["profile"]
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node.get(part)
    assert node == want
