"""Round 25b: biobank and tissue-source-site documents as TCGA received them (translated summaries from
commercial biobanks, procurement forms with tick boxes, case summary sheets, two reports in one text, a
report followed by a TCGA review or case quality control form).

Every row is our own phrasing, written the way such documents print it."""

from __future__ import annotations

import pytest

from tests.report_forms import report_profile, tcga_form

GEN25B_ROWS = [
    # a form that repeats the category's letter after its label
    ("pT: T2   pN: N2   pM: M0", "stage.pathologic.t", "T2", "pT: T2", "text-layer"),
    ("pT: T2   pN: N2   pM: M0", "stage.pathologic.n", "N2", "pN: N2", "text-layer"),
    ("PT: T3 PN: N1 PM: M0.", "stage.pathologic.t", "T3", "PT: T3", "ocr"),
    ("PT: T3 PN: NO PM: M0.", "stage.pathologic.n", "N0", "PN: NO", "ocr"),
    # a whole T, N and M chain of bare labels on a case summary sheet
    ("Grade: 2 (moderately differentiated)\nT: 2  N: 0  M: 0\nER status: Positive", "stage.pathologic.t", "T2",
     "T: 2", "text-layer"),
    ("GRADE: 2 (MODERATELY DIFFERENTIATED). T: 2  N: 0  M: 0. ER STATUS: POSITIVE.", "stage.pathologic.n", "N0",
     "N: 0", "ocr"),
    # a hyphen for the colon
    ("LEFT AXILLA: ONE OF ELEVEN LYMPH NODES POSITIVE.\nT-2, N-1, M-0", "stage.pathologic.t", "T2", "T-2",
     "text-layer"),
    ("T-2, N-1, M-O. ER NEGATIVE.", "stage.pathologic.n", "N1", "N-1", "ocr"),
    ("T-2, N-1, M-O. ER NEGATIVE.", "stage.pathologic.m", "M0", "M-O", "ocr"),
    # a translated summary's node lines
    ("Tumor size: 5.5 cm\nLymph node metastases: 3/10\nStage: T3N1M0", "lymph_nodes.positive", 3,
     "Lymph node metastases: 3/10", "text-layer"),
    ("TUMOR SIZE: 5.5 CM. LYMPH NODE METASTASES: 3/10. STAGE: T3N1M0.", "lymph_nodes.examined", 10,
     "LYMPH NODE METASTASES: 3/10", "ocr"),
    ("Diagnosis: Mucinous carcinoma of the left breast, 2.8 cm.\nLymph nodes: 6 examined, no metastases.",
     "lymph_nodes.examined", 6, "Lymph nodes: 6 examined, no metasta", "text-layer"),
    ("DIAGNOSIS: MUCINOUS CARCINOMA, 2.8 CM. LYMPH NODES: 6 EXAMINED, NO METASTASES.", "lymph_nodes.positive", 0,
     "LYMPH NODES: 6 EXAMINED, NO METASTA", "ocr"),
    ("Lymph nodes: 6 examined, 2 positive.", "lymph_nodes.positive", 2, "Lymph nodes: 6 examined, 2 positive",
     "text-layer"),
    ("Diagnosis: Invasive micropapillary carcinoma, G2, 3.3 cm.\nLymph nodes: metastases in 5 of 13.",
     "lymph_nodes.positive", 5, "Lymph nodes: metastases in 5 of 13", "text-layer"),
    ("LYMPH NODES: METASTASES IN 5 OF 13. PT2 PN2 M0.", "lymph_nodes.examined", 13,
     "LYMPH NODES: METASTASES IN 5 OF 13", "ocr"),
    # the positive word and its count after the total
    ("Lymph nodes: 14 examined, positive 2.\nIHC: estrogen receptors - positive (Allred score 7).",
     "lymph_nodes.positive", 2, "Lymph nodes: 14 examined, positive 2", "text-layer"),
    ("LYMPH NODES: 14 EXAMINED, POSITIVE 2. PT2N1AM0.", "lymph_nodes.examined", 14,
     "LYMPH NODES: 14 EXAMINED, POSITIVE 2", "ocr"),
    ("Histological grade: II.\nRegional lymph nodes: 17, with metastases: 4.\npTNM: pT2, pN2a, M0.",
     "lymph_nodes.positive", 4, "Regional lymph nodes: 17, with metastases: 4", "text-layer"),
    ("REGIONAL LYMPH NODES: 17, WITH METASTASES: 4. PTNM: PT2, PN2A, M0.", "lymph_nodes.examined", 17,
     "REGIONAL LYMPH NODES: 17, WITH METASTASES: 4", "ocr"),
    # OCR's q for g
    ("ESTROQEN RECEPTOR: POSITIVE (30%, WEAK TO MODERATE). PROGESTERONE RECEPTOR: NEGATIVE (0%).",
     "receptors.er.status", "positive", "ESTROQEN RECEPTOR: POSITIVE", "ocr"),
    ("ESTROQEN RECEPTOR: POSITIVE (30%, WEAK TO MODERATE). PROGESTERONE RECEPTOR: NEGATIVE (0%).",
     "receptors.er.percent", 30.0, "ESTROQEN RECEPTOR: POSITIVE (30%", "ocr"),
]


GEN25B_DISTRACTOR_ROWS = [
    # a family member's staging is not the patient's
    ("Family history: mother with breast cancer, T-2, N-1, M-0, at 52.", "stage.pathologic.t", "text-layer"),
    ("FAMILY HISTORY: SISTER, BREAST CANCER T: 2 N: 1 M: 0.", "stage.pathologic.n", "ocr"),
    # vital signs are no staging; a T and N pair without its M or a staging label stays unread
    ("Vitals: T: 37 N: 1 M: 0", "stage.pathologic.n", "text-layer"),
    ("Specimen T-2, N-1 (cassettes).", "stage.pathologic.t", "text-layer"),
    # a receptor not performed states no status
    ("ESTROQEN RECEPTOR: NOT PERFORMED.", "receptors.er.status", "ocr"),
    # a size after "positive" is no count
    ("Lymph nodes: 14 examined, positive 2.5 cm from the margin.", "lymph_nodes.positive", "text-layer"),
    # a plan that names node metastases counts none
    ("Plan: axillary dissection if lymph node metastases are found at frozen section.", "lymph_nodes.positive",
     "text-layer"),
]


# -- whole documents -------------------------------------------------------------------------------

_PROCUREMENT_FORM = """BIOSPECIMEN PROCUREMENT FORM
Tissue source site: Partner biobank
Organ: Breast   Side: [ ] Right  [X] Left
Histology: [X] Invasive ductal carcinoma  [ ] Invasive lobular carcinoma  [ ] Other
Grade: [ ] G1  [ ] G2  [X] G3
pT: T2   pN: N2   pM: M0
ER: [X] pos [ ] neg   PR: [ ] pos [X] neg   HER2: [ ] pos [X] neg
Neoadjuvant treatment: [ ] yes [X] no
"""

_CASE_SUMMARY = """CASE SUMMARY SHEET
Primary Site: Breast
Laterality: Right
Histological Type: Infiltrating ductal carcinoma
Grade: 2 (moderately differentiated)
T: 2  N: 0  M: 0
ER status: Positive
PR status: Positive
HER2 status: Negative
Specimen: Tumor, frozen (OCT)
"""

_TRANSLATED = """Pathology report (translated from the original)
Right breast, radical mastectomy with axillary dissection.
Diagnosis: Invasive micropapillary carcinoma, G2, 3.3 cm, with lymphovascular invasion.
Lymph nodes: metastases in 5 of 13.
pT2 pN2 M0
Receptor status: ER+ / PR+ / HER2-negative
"""

_COMMUNITY = """COUNTY GENERAL HOSPITAL PATHOLOGY
FINAL DIAGNOSIS
LEFT BREAST, MASTECTOMY: INVASIVE CARCINOMA WITH APOCRINE DIFFERENTIATION (APOCRINE CARCINOMA), MODERATELY DIFFERENTIATED, 2.5 CM.
LEFT AXILLA: ONE OF ELEVEN LYMPH NODES POSITIVE FOR METASTATIC CARCINOMA.
T-2, N-1, M-0
ER negative. PR negative. HER2 FISH ratio 4.6, amplified (positive).
"""

_REPORT_AND_QC_FORM = """SURGICAL PATHOLOGY REPORT
FINAL PATHOLOGIC DIAGNOSIS:
Left breast, modified radical mastectomy: Invasive ductal carcinoma, poorly differentiated, 3.2 cm. Metastatic carcinoma in 2 of 10 axillary lymph nodes (2/10).
pT2 pN1a
ER negative. PR negative. HER2 1+ (negative).
CASE QUALITY CONTROL FORM
Tumor type: [X] Infiltrating ductal [ ] Infiltrating lobular [ ] Mixed [ ] Other
Is this a prior malignancy? [ ] Yes [X] No
History of neoadjuvant treatment: [ ] Yes [X] No
"""

_OUTSIDE_THEN_REVIEW = """OUTSIDE PATHOLOGY REPORT (submitted with slides)
Right breast, lumpectomy: Invasive ductal carcinoma, 1.5 cm, grade 2. Sentinel nodes negative (0/2).
ER positive, PR negative, HER2 negative.
IN-HOUSE REVIEW OF OUTSIDE SLIDES:
FINAL PATHOLOGIC DIAGNOSIS:
Right breast, lumpectomy (outside slides, review): Invasive lobular carcinoma, classic type, Nottingham grade 2, 1.5 cm. E-cadherin negative.
Sentinel lymph nodes, right (outside slides, review): Two lymph nodes, negative for carcinoma (0/2).
pT1c pN0(sn)
"""


def test_gen25b_tcga_form_joins_printed_lines():
    assert tcga_form("T: 2  N: 0  M: 0\nER status: Positive") == "T: 2  N: 0  M: 0. ER status: Positive."


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25b_a_procurement_form_reads_its_ticks_and_repeated_letters(run_on):
    p = report_profile(_PROCUREMENT_FORM, run_on)
    assert (p.stage.pathologic.t, p.stage.pathologic.n, p.stage.pathologic.m) == ("T2", "N2", "M0")
    assert (p.diagnosis.histology, p.diagnosis.grade, p.diagnosis.laterality) == ("invasive_ductal", 3, "left")
    assert (p.receptors.er.status, p.receptors.pr.status, p.receptors.her2.status) == ("positive", "negative",
                                                                                          "negative")


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25b_a_case_summary_sheet_reads_its_bare_t_n_m_chain(run_on):
    p = report_profile(_CASE_SUMMARY, run_on)
    assert (p.stage.pathologic.t, p.stage.pathologic.n, p.stage.pathologic.m) == ("T2", "N0", "M0")
    assert (p.diagnosis.laterality, p.diagnosis.grade) == ("right", 2)


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25b_a_translated_summary_counts_its_nodes(run_on):
    p = report_profile(_TRANSLATED, run_on)
    assert (p.lymph_nodes.positive, p.lymph_nodes.examined) == (5, 13)
    assert (p.diagnosis.histology, p.diagnosis.tumor_size_mm, p.stage.pathologic.n) == ("other", 33.0, "N2")


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25b_a_hyphenated_staging_is_read_as_stated(run_on):
    p = report_profile(_COMMUNITY, run_on)
    # M0 stands only in the staging line: nothing else in the report could give it
    assert (p.stage.pathologic.t, p.stage.pathologic.n, p.stage.pathologic.m) == ("T2", "N1", "M0")
    assert (p.lymph_nodes.positive, p.lymph_nodes.examined) == (1, 11)
    assert (p.diagnosis.histology, p.receptors.her2.status) == ("other", "positive")


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25b_a_quality_control_form_after_the_report_changes_nothing(run_on):
    p = report_profile(_REPORT_AND_QC_FORM, run_on)
    assert (p.diagnosis.histology, p.diagnosis.laterality, p.diagnosis.tumor_size_mm) == ("invasive_ductal", "left",
                                                                                           32.0)
    assert (p.lymph_nodes.positive, p.lymph_nodes.examined, p.stage.pathologic.n) == (2, 10, "N1a")


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25b_the_in_house_review_wins_over_the_outside_report(run_on):
    p = report_profile(_OUTSIDE_THEN_REVIEW, run_on)
    assert (p.diagnosis.histology, p.diagnosis.laterality, p.stage.pathologic.t) == ("invasive_lobular", "right",
                                                                                      "T1c")
    assert (p.lymph_nodes.positive, p.lymph_nodes.examined) == (0, 2)
