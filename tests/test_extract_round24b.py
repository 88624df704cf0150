"""Round 24b: pathology reports whose structure is hard (many parts, quoted core results, revisions,
external reviews, translated section headers, Japanese grade shorthand, needle-core extents).

Every row is our own phrasing, written the way such reports print it."""

from __future__ import annotations

import pytest

from tests.report_forms import report_profile

GEN24B_ROWS = [
    # a result quoted from the core after "are not repeated": the "not" negates the repeat, not the quote
    ("COMMENT:\nPrognostic markers were performed on the prior core biopsy and are not repeated (see prior S12-3456: "
     "ER positive 95%, PR positive 40%, HER2 negative, IHC 1+).", "receptors.er.status", "positive", "ER positive",
     "text-layer"),
    ("PROGNOSTIC MARKERS WERE PERFORMED ON THE CORE AND ARE NOT REPEATED (SEE S12-3456: ER POSITIVE 95%, PR POSITIVE "
     "40%).", "receptors.er.percent", 95.0, "ER POSITIVE 95%", "ocr"),
    # a receptor revised in an amended report, its superseded value in the sentence before
    ("BIOMARKERS:\nEstrogen receptor: previously reported as negative. Revised result: LOW POSITIVE (5% of tumor cells, "
     "weak staining).", "receptors.er.percent", 5.0,
     "Estrogen receptor: previously reported as negative. Revised result: LOW POSITIVE (5%", "text-layer"),
    ("BIOMARKERS:\nEstrogen receptor: previously reported as negative. Revised result: LOW POSITIVE (5% of tumor cells, "
     "weak staining).", "receptors.er.status", "low_positive",
     "Estrogen receptor: previously reported as negative. Revised result: LOW POSITIVE", "text-layer"),
    # the count closing a lymph-node part's long statement, more than 120 characters after its node words
    ("FINAL DIAGNOSIS:\nA. LEFT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, 1.5 CM.\nB. SENTINEL LYMPH NODE #1, LEFT "
     "AXILLA: TWO LYMPH NODES; ONE WITH ISOLATED TUMOR CELLS (CLUSTER 0.1 MM) DETECTED BY CYTOKERATIN "
     "IMMUNOHISTOCHEMISTRY ONLY; NO METASTATIC CARCINOMA BY H&E (0/2).", "lymph_nodes.examined", 2, "(0/2)",
     "text-layer"),
    ("FINAL DIAGNOSIS: A. LEFT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, 1.5 CM. B. SENTINEL LYMPH NODE #1, LEFT "
     "AXILLA: TWO LYMPH NODES; ONE WITH ISOLATED TUMOR CELLS (CLUSTER 0.1 MM) DETECTED BY CYTOKERATIN "
     "IMMUNOHISTOCHEMISTRY ONLY; NO METASTATIC CARCINOMA BY H&E (0/2).", "lymph_nodes.positive", 0, "(0/2)", "ocr"),
    # an external review's own conclusion after the referring diagnosis it quotes
    ("CONSULTATION REPORT (EXTERNAL REVIEW)\nReferring diagnosis: tubular carcinoma, 9 mm.\nOur opinion: We agree with "
     "the referring diagnosis.\nLeft axillary sentinel nodes: 0/2, negative.", "lymph_nodes.examined", 2,
     "sentinel nodes: 0/2", "text-layer"),
    # a translated German report's "Microscopy and assessment" holds the diagnosis
    ("Macroscopy: 1. Quadrantectomy 8.5 x 6 x 3 cm; tumour 1.4 x 1.2 x 1.0 cm.\nMicroscopy and assessment:\n1. Invasive "
     "carcinoma of no special type (NST), G2, tumour diameter 1.4 cm.\n2. Two sentinel lymph nodes without tumour "
     "(0/2 sn).", "diagnosis.histology", "invasive_ductal", "Invasive carcinoma of no special type", "text-layer"),
    ("MACROSCOPY: 1. QUADRANTECTOMY 8.5 X 6 X 3 CM. MICROSCOPY AND ASSESSMENT: 1. INVASIVE CARCINOMA OF NO SPECIAL "
     "TYPE (NST), G2, TUMOUR DIAMETER 1.4 CM.", "diagnosis.grade", 2, "G2", "ocr"),
    # the Japanese General Rules' histological grade beside its nuclear grade
    ("Invasive ductal carcinoma, scirrhous type, pT2 (2.6 x 2.1 x 1.8 cm), f, ly0, v0, NG2, HG2.", "diagnosis.grade", 2,
     "HG2", "text-layer"),
    ("INVASIVE DUCTAL CARCINOMA, SOLID-TUBULAR TYPE, PT1C, G, LY1, V0, NG3, HG 3.", "diagnosis.grade", 3, "HG 3", "ocr"),
    # a size beside a core's extent is still read where it is the tumour's
    ("Invasive lobular carcinoma, classic type, spanning 4.5 cm.", "diagnosis.tumor_size_mm", 45.0,
     "carcinoma, classic type, spanning 4.5 cm", "text-layer"),
    # one score with its category is a result, not a scale
    ("HER2 by IHC: 3+ positive; ER 90% positive.", "receptors.her2.ihc_score", "3+", "HER2 by IHC: 3+", "text-layer"),
    ("HER2 (IHC): 2+, equivocal. FISH pending.", "receptors.her2.ihc_score", "2+", "HER2 (IHC): 2+", "ocr"),
]


GEN24B_DISTRACTOR_ROWS = [
    # a guideline comment on a category, not this tumour's percent or status
    ("ER: see addendum.\nComment: ER low positive (1-10%) cancers have limited data on the benefit of endocrine therapy.",
     "receptors.er.percent", "text-layer"),
    ("COMMENT: ER LOW POSITIVE (1-10%) TUMORS MAY BEHAVE LIKE ER NEGATIVE TUMORS.", "receptors.er.percent", "ocr"),
    # how much of a needle core the carcinoma spans is not the tumour size
    ("Left breast, core biopsy:\n- Invasive lobular carcinoma, classic type, Nottingham grade 2, present in 3 of 4 cores, "
     "spanning up to 9 mm of a core.", "diagnosis.tumor_size_mm", "text-layer"),
    ("CORE BIOPSY: INVASIVE DUCTAL CARCINOMA MEASURING 8 MM IN THE LONGEST CORE.", "diagnosis.tumor_size_mm", "ocr"),
    # the nuclear grade alone; a haemoglobin
    ("Invasive ductal carcinoma, papillotubular type, NG3.", "diagnosis.grade", "text-layer"),
    ("Invasive ductal carcinoma. Labs: Hg 2.1 mmol/L.", "diagnosis.grade", "text-layer"),
    # a fraction in a breast part, far from any node word, is no node count
    ("A. LEFT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, 1.5 CM; MARGINS NEGATIVE; MICROCALCIFICATIONS IN BENIGN "
     "DUCTS AND IN THE CARCINOMA, WITH FIBROCYSTIC CHANGES ELSEWHERE IN THE SPECIMEN (2/5).", "lymph_nodes.examined",
     "ocr"),
    # an interpretation scale printed beside the results
    ("Interpretation ranges: ER/PR positive if 1% or more nuclei stain; HER2 0-1+ negative, 2+ equivocal, 3+ positive.",
     "receptors.er.percent", "text-layer"),
    ("Interpretation ranges: ER/PR positive if 1% or more nuclei stain; HER2 0-1+ negative, 2+ equivocal, 3+ positive.",
     "receptors.her2.ihc_score", "text-layer"),
    ("SCORING: HER2 0-1+ NEGATIVE, 2+ EQUIVOCAL, 3+ POSITIVE.", "receptors.her2.status", "ocr"),
    # a hypothetical HER2 result in a comment states no status
    ("Comment: If HER2 is equivocal by IHC, FISH will be performed. A HER2 result would be considered positive if more "
     "than 10% of cells showed complete membrane staining (3+).", "receptors.her2.status", "text-layer"),
]


# -- whole reports -------------------------------------------------------------------------------

_GERMAN_STYLE = """INSTITUTE OF PATHOLOGY - FINDINGS REPORT
Material: 1. Breast tissue right, quadrantectomy (thread markings). 2. Sentinel lymph nodes right axilla.
Macroscopy: 1. Quadrantectomy 8.5 x 6 x 3 cm; tumour 1.4 x 1.2 x 1.0 cm. 2. Two lymph nodes, up to 1.5 cm.
Microscopy and assessment:
1. Invasive carcinoma of no special type (NST; formerly invasive ductal carcinoma), G2 (tubules 3, pleomorphism 2, mitoses 1; score 6), tumour diameter 1.4 cm. Accompanying DCIS, low grade. Resection margins free (minimum distance 0.5 cm dorsal).
2. Two sentinel lymph nodes without tumour (0/2 sn).
Hormone receptor status: ER 90% (IRS 12), PR 30% (IRS 6).
HER2 score 1+ (negative). Ki-67 approx. 20%.
TNM classification (UICC 8th edition): pT1c, pN0 (0/2 sn), L0, V0, Pn0, R0; G2.
"""

_ITC_PARTS = """SURGICAL PATHOLOGY REPORT
SPECIMEN: A: LEFT BREAST LUMPECTOMY B: SENTINEL LYMPH NODE #1 C: SENTINEL LYMPH NODE #2
FINAL DIAGNOSIS:
A. LEFT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, MODERATELY DIFFERENTIATED (GRADE 2), 1.5 CM. MARGINS NEGATIVE.
B. SENTINEL LYMPH NODE #1, LEFT AXILLA: TWO LYMPH NODES; ONE WITH ISOLATED TUMOR CELLS (CLUSTER 0.1 MM) DETECTED BY CYTOKERATIN IMMUNOHISTOCHEMISTRY ONLY; NO METASTATIC CARCINOMA BY H&E (0/2).
C. SENTINEL LYMPH NODE #2, LEFT AXILLA: ONE LYMPH NODE, NEGATIVE FOR METASTATIC CARCINOMA (0/1).
AJCC STAGE: pT1c pN0(i+)(sn)
"""

_AMENDED_ER = """AMENDED REPORT
Reason for amendment: Estrogen receptor result revised after review of the control slides.
SPECIMEN: (A) Right breast lumpectomy  (B) Right axillary sentinel lymph node
DIAGNOSIS:
(A) Right breast, lumpectomy: Invasive ductal carcinoma, grade 3, 1.9 cm. Margins negative.
(B) Right axillary sentinel lymph node: one lymph node, negative for carcinoma (0/1).
pT1c pN0(sn)
BIOMARKERS:
Estrogen receptor: previously reported as negative. Revised result: LOW POSITIVE (5% of tumor cells, weak staining). Internal control present and positive.
Progesterone receptor: Negative (0%).
HER2 (IHC): Negative (score 1+).
COMMENT: ER low positive (1-10%) cancers have limited data on the benefit of endocrine therapy.
"""

_CORE_ONLY = """SURGICAL PATHOLOGY REPORT
Specimen: Left breast, 2 o'clock, 6 cm from nipple, ultrasound-guided core biopsy (4 cores)
Diagnosis:
Left breast, 2 o'clock, core biopsy:
- Invasive lobular carcinoma, classic type, Nottingham grade 2 (tubules 3, nuclei 2, mitoses 1), present in 3 of 4 cores, spanning up to 9 mm of a core.
- Lobular carcinoma in situ.
Comment: E-cadherin negative. Prognostic markers (ER, PR, HER2) have been ordered on block A1; results will be reported in an addendum.
"""


@pytest.mark.parametrize("run_on", [False, True])
def test_gen24b_a_translated_report_reads_its_microscopy_and_assessment(run_on):
    p = report_profile(_GERMAN_STYLE, run_on)
    assert (p.diagnosis.histology, p.diagnosis.grade, p.diagnosis.laterality) == ("invasive_ductal", 2, "right")
    assert (p.receptors.er.status, p.receptors.er.percent, p.receptors.her2.ihc_score) == ("positive", 90.0, "1+")
    assert (p.lymph_nodes.positive, p.lymph_nodes.examined) == (0, 2)


@pytest.mark.parametrize("run_on", [False, True])
def test_gen24b_nodes_with_isolated_tumour_cells_are_counted_examined_not_positive(run_on):
    p = report_profile(_ITC_PARTS, run_on)
    assert (p.lymph_nodes.positive, p.lymph_nodes.examined) == (0, 3)
    assert p.stage.pathologic.n == "N0(i+)"


@pytest.mark.parametrize("run_on", [False, True])
def test_gen24b_an_amended_receptor_is_read_and_a_guideline_comment_is_not(run_on):
    p = report_profile(_AMENDED_ER, run_on)
    assert (p.receptors.er.status, p.receptors.er.percent) == ("low_positive", 5.0)


@pytest.mark.parametrize("run_on", [False, True])
def test_gen24b_a_core_biopsy_states_no_tumour_size_and_no_receptors(run_on):
    p = report_profile(_CORE_ONLY, run_on)
    assert (p.diagnosis.histology, p.diagnosis.grade) == ("invasive_lobular", 2)
    assert p.diagnosis.tumor_size_mm is None
    assert p.receptors.er.status is None and p.receptors.her2.status is None
