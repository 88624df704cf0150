"""Round 25c: the floor fields said the way another hospital words them (meaning-keeping rewordings:
"reactive" / "non-reactive" for a receptor's status, "estrogen receptor alpha", a status followed by "for"
and the next marker, "score of 2+" in brackets, a node total written "3 out of 26", "cms" between
sizes, "=" / "--" / leader dots after a synoptic label).

Every row is our own phrasing, written the way such reports print it."""

from __future__ import annotations


from extract import build_profile
from extract.eval import _text_document

GEN25C_ROWS = [
    # "reactive" / "non-reactive" as a receptor's status (some laboratories print it instead of positive/negative)
    ("ADDENDUM: ESTROGEN RECEPTOR: REACTIVE (70% OF CELLS, STRONG STAINING).", "receptors.er.status", "positive",
     "ESTROGEN RECEPTOR: REACTIVE", "ocr"),
    ("ADDENDUM: ESTROGEN RECEPTOR: REACTIVE (70% OF CELLS, STRONG STAINING).", "receptors.er.percent", 70.0,
     "ESTROGEN RECEPTOR: REACTIVE (70%", "ocr"),
    ("Progesterone receptor: non-reactive (<1% of tumor nuclei).\n", "receptors.pr.status", "negative",
     "Progesterone receptor: non-reactive", "text-layer"),
    ("IMMUNOPEROXIDASE STAINS (BLOCK A5): ER WEAKLY REACTIVE (ABOUT 20% OF NUCLEI, WEAK).", "receptors.er.status",
     "positive", "ER WEAKLY REACTIVE", "ocr"),
    ("ER/PR IMMUNOSTAINS ARE NON-REACTIVE. HER2: 3+.", "receptors.pr.status", "negative",
     "ER/PR IMMUNOSTAINS ARE NON-REACTIVE", "ocr"),
    ("HER2 per report: non-reactive (IHC 1+).", "receptors.her2.status", "negative",
     "HER2 per report: non-reactive", "text-layer"),
    ("PR: immunoreactive, 30% of cells, moderate.", "receptors.pr.status", "positive", "PR: immunoreactive",
     "text-layer"),
    # the long name with "alpha" after it
    ("ADDENDUM (HORMONE RECEPTORS): Estrogen receptor alpha: POSITIVE, 80% of tumor nuclei, strong.",
     "receptors.er.status", "positive", "Estrogen receptor alpha: POSITIVE", "text-layer"),
    ("ESTROGEN RECEPTOR ALPHA (SP1): NEGATIVE (<1% OF INVASIVE TUMOR CELLS).", "receptors.er.percent", 0.0,
     "ESTROGEN RECEPTOR ALPHA (SP1): NEGATIVE (<1%", "ocr"),
    # a status before "for" and a marker is that marker's, not the one the heading names before it
    ("ER/PR/HER2 Results. Positive for estrogen receptor. Positive for progesterone receptor. HER2: Negative by "
     "FISH.", "receptors.her2.status", "negative", "HER2: Negative", "ocr"),
    ("ER/PR/HER2 Results. Positive for estrogen receptor. Positive for progesterone receptor. HER2: Negative by "
     "FISH.", "receptors.er.status", "positive", "Positive for estrogen receptor", "ocr"),
    # value first, then the percent after a comma, a semicolon or "in"
    ("Studies previously performed on core biopsy case and reported as: positive for estrogen receptor, 88%, 3+. "
     "positive for Progesterone receptor, 82%, 3+.", "receptors.er.percent", 88.0,
     "positive for estrogen receptor, 88%", "ocr"),
    ("ADDENDUM (HORMONE RECEPTORS AND HER2, BLOCK A1): POSITIVE FOR ESTROGEN RECEPTOR; 95% OF NUCLEI; INTENSITY "
     "STRONG; ALLRED 8/8.", "receptors.er.percent", 95.0, "POSITIVE FOR ESTROGEN RECEPTOR; 95%", "ocr"),
    ("Tumour cells are positive for PR in 40% of nuclei.\n", "receptors.pr.percent", 40.0, "positive for PR in 40%",
     "text-layer"),
    # value first, each label with its own bracketed result: the list of labels ends at that bracket
    ("PROGNOSTIC MARKERS (CORE BIOPSY, SEE S08-2210): POSITIVE FOR ER (ALLRED 8), POSITIVE FOR PR (ALLRED 6), HER2 1+ "
     "NEGATIVE.", "receptors.her2.status", "negative", "HER2 1+ NEGATIVE", "ocr"),
    ("PROGNOSTIC MARKERS (CORE BIOPSY, SEE S08-2210): POSITIVE FOR ER (ALLRED 8), POSITIVE FOR PR (ALLRED 6), HER2 1+ "
     "NEGATIVE.", "receptors.pr.status", "positive", "POSITIVE FOR PR", "ocr"),
    ("The tumour cells are negative for ER (SP1), PR (1E2) and HER2.", "receptors.her2.status", "negative",
     "negative for ER (SP1), PR (1E2) and HER2", "text-layer"),
    # "score of 2+" in brackets after the HER2 label
    ("IMMUNOHISTOCHEMISTRY: ER (+, 80%, STRONG), PR (+, 30%, MODERATE), HER-2 (score of 2+), KI-67 (+, 30%).",
     "receptors.her2.ihc_score", "2+", "HER-2 (score of 2+", "ocr"),
    # a node total written with "out of" / "of" instead of "/"
    ("SUMMARY OF LYMPH NODES: 3 out of 26. TUMOR STAGE: T2, pN1a, MX", "lymph_nodes.examined", 26,
     "SUMMARY OF LYMPH NODES: 3 out of 26", "ocr"),
    ("SUMMARY OF LYMPH NODES: 3 out of 26. TUMOR STAGE: T2, pN1a, MX", "lymph_nodes.positive", 3,
     "SUMMARY OF LYMPH NODES: 3 out of 26", "ocr"),
    ("Sentinel lymph nodes: 1 of 2. Non-sentinel lymph nodes: 0. Total lymph nodes: one of two.\n",
     "lymph_nodes.examined", 2, "Total lymph nodes: one of two", "text-layer"),
    # "cms" between the sizes of a list
    ("INVASIVE DUCTAL CARCINOMA, PRESENT AS THREE SEPARATE NODULES, RANGING IN SIZE FROM 1.0 CMS UP TO. 3.7 "
     "CENTIMETERS.", "diagnosis.tumor_size_mm", 37.0, "RANGING IN SIZE FROM 1.0 CMS UP TO. 3.7 CENTIMETERS", "ocr"),
    # "=", "--" and leader dots after a synoptic label
    ("PROCEDURE: EXCISION. SPECIMEN LATERALITY = LEFT. HISTOLOGIC TYPE = INVASIVE CARCINOMA OF NO SPECIAL TYPE.",
     "diagnosis.laterality", "left", "SPECIMEN LATERALITY = LEFT", "ocr"),
    ("Organ: Breast\nBreast Laterality .... Right\nProcedure: Lumpectomy\n", "diagnosis.laterality", "right",
     "Breast Laterality .... Right", "text-layer"),
    ("Size of Invasive Component: 2.3 cm. Histologic Type -- Ductal. Histologic Grade: 3.", "diagnosis.histology",
     "invasive_ductal", "Histologic Type -- Ductal", "ocr"),
    ("Histologic type ........ Lobular\nGrade ........ 2\n", "diagnosis.histology", "invasive_lobular",
     "Histologic type ........ Lobular", "text-layer"),
]

GEN25C_DISTRACTOR_ROWS = [
    # "reactive" that is no receptor's result: a control, lymph nodes, a pending test
    ("ER control: reactive. Tumour: pending.", "receptors.er.status", "text-layer"),
    ("ER: positive control reactive; tumour result to follow.", "receptors.er.status", "ocr"),
    ("Estrogen receptor: pending. Lymph nodes: reactive follicular hyperplasia.", "receptors.er.status", "ocr"),
    ("PR: to follow in an addendum. Two reactive lymph nodes (0/2).", "receptors.pr.status", "text-layer"),
    # a family member's result, a hypothetical
    ("Family history: mother's tumour was ER reactive.", "receptors.er.status", "text-layer"),
    ("If the tumour is ER non-reactive, chemotherapy will be discussed.", "receptors.er.status", "text-layer"),
    # the heading "ER/PR/HER2 Results." with only the hormone receptors stated gives HER2 nothing
    ("ER/PR/HER2 Results. Positive for estrogen receptor. Positive for PR. HER2: Pending.", "receptors.her2.status",
     "ocr"),
    # a status before "for" and a label whose bracket holds its own result is not HER2's after it
    ("Positive for ER (95%), PR (40%), HER2 pending.", "receptors.her2.status", "text-layer"),
    # a number after a value-first label that is no percent of it
    ("Positive for ER, 10 slides reviewed; Ki-67 30%.", "receptors.er.percent", "text-layer"),
    ("Negative for ER, PR and HER2; Ki-67 30%.", "receptors.er.percent", "ocr"),
    # a legend's "score of 2+" in a note, not after the label
    ("HER2: see note. Note: a score of 2+ is equivocal and is reflexed to FISH.", "receptors.her2.ihc_score",
     "text-layer"),
    # a score "of" in a total-labelled sentence is no node count; nor a Nottingham total
    ("Total score: 6 of 9 (tubules 3, nuclei 2, mitoses 1).", "lymph_nodes.examined", "text-layer"),
    ("Lymph nodes: 0 of 1.5 cm fragments show metastasis.", "lymph_nodes.examined", "ocr"),
    # "=" after a laterality label in a reference line of a form's legend with no side stated
    ("SPECIMEN LATERALITY = NOT SPECIFIED.", "diagnosis.laterality", "ocr"),
    # "--" after a type label with a benign finding
    ("Histologic Type -- Fibroadenoma. No carcinoma identified.", "diagnosis.histology", "ocr"),
]


def _profile(text: str, source: str = "ocr"):
    return build_profile([_text_document(text, "r.txt", source)]).profile


def test_gen25c_a_results_heading_then_value_first_statements_keep_her2_negative():
    # "ER/PR/HER2 Results." then each status before its marker: HER2's own line says negative
    p = _profile("SYNOPTIC REPORT - BREAST. Histologic type: Invasive ductal carcinoma. ER/PR/HER2 Results. Positive "
                 "for estrogen receptor. Positive for progesterone receptor. HER2: Negative by FISH. Pathological "
                 "staging (pTN): pT2 N0.")
    assert (p.receptors.er.status, p.receptors.pr.status, p.receptors.her2.status) == \
        ("positive", "positive", "negative")


def test_gen25c_a_node_summary_written_out_of_is_the_total_not_another_part():
    # the parts (1 and 2 nodes) and the summary "3 out of 26" are not added together
    p = _profile("1. SENTINEL LYMPH NODE #1, LEFT AXILLA: METASTATIC CARCINOMA IN ONE LYMPH NODE (1/1). 2. AXILLARY "
                 "CONTENTS: METASTATIC CARCINOMA IN TWO OF TWENTY-FIVE LYMPH NODES (2/25). SUMMARY OF LYMPH NODES: "
                 "3 out of 26. TUMOR STAGE: T2, pN1a, MX.")
    assert (p.lymph_nodes.positive, p.lymph_nodes.examined) == (3, 26)
