"""Round 25a: breast pathology reports as labs print them today (2014-2025): CAP protocol v4 synoptics
(Modified Classification: y, prognostic stage groups with their edition), ASCO/CAP 2018/2023 HER2 wordings (IHC 0
null or ultralow, ISH groups, "ultralow not assessed"), ER-low with its comment, CAP category bounds before the
measured percent, RCPath datasets ("Axillary nodes: 0/2 sentinel", a bare "Dataset:" line), Australian RCPA
structured reports whose Nottingham components are written T N M after the score, Japanese General Rules lines
("Allred score PS 5 + IS 3 = TS 8", "Size of invasion", "Lymph node metastasis: 5/15"), a microinvasion beside its
DCIS, and an ISH result that is no negation of the Ki-67 after it."""

import pytest

from tests.report_forms import report_profile

GEN25A_ROWS = [
    # a TNM after a grade's colon is still staging (the grade-components rule needs the score's number before it)
    ('Histological type: Invasive lobular carcinoma, classical type\nGrade: 2; TNM: T2 N1 M0\n',
     'stage.pathologic.t', 'T2', 'T2', 'text-layer'),
    # a CAP category bound in brackets, then the measured percent: the percent, not the bound
    ('ER: Positive (>10%), 60%, moderate\nPR: Positive (>10%), 15%, weak\n',
     'receptors.er.percent', 60.0, 'ER: Positive (>10%), 60%', 'text-layer'),
    ('ER: POSITIVE (>10%), 60%, MODERATE. PR: POSITIVE (>10%), 15%, WEAK.',
     'receptors.pr.percent', 15.0, 'PR: POSITIVE (>10%), 15%', 'ocr'),
    # ... while a bound alone stays its lower bound
    ('ER: Positive (>10%), strong, Allred 8\nPR: Negative (<1%)\n',
     'receptors.er.percent', 10.0, 'ER: Positive (>10%', 'text-layer'),
    # CAP v4: "Modified Classification: y" above "pT Category: pT2" makes the staging post-neoadjuvant
    ('PATHOLOGIC STAGE CLASSIFICATION (pTNM, AJCC 8th Edition)\nModified Classification: y (post-neoadjuvant)\npT Category: pT2\npN Category: pN2a\n',
     'stage.pathologic.prefix', 'yp', 'Modified Classification: y', 'text-layer'),
    ('PATHOLOGIC STAGE CLASSIFICATION (PTNM, AJCC 8TH EDITION). MODIFIED CLASSIFICATION: Y (POST-NEOADJUVANT). PT CATEGORY: PT2. PN CATEGORY: PN2A.',
     'stage.pathologic.prefix', 'yp', 'MODIFIED CLASSIFICATION: Y', 'ocr'),
    ('Pathologic Stage Classification (pTNM, AJCC 8th Edition)\nModified Classification: Not applicable\npT Category: pT1c\npN Category: pN1a\n',
     'stage.pathologic.prefix', 'p', 'pT1c', 'text-layer'),
    # a prognostic stage group with its edition in brackets before the colon (the anatomic group stays apart)
    ('pT Category: pT2\npN Category: pN1a(sn)\nAJCC Prognostic Stage Group (8th edition): IB\n',
     'stage.prognostic_group', 'IB', 'Prognostic Stage Group (8th edition): IB', 'text-layer'),
    ('pTNM (AJCC, 8th edition): pT3 pN3a. Prognostic stage group (AJCC 8th): IIIA. Anatomic stage: IIIC.',
     'stage.prognostic_group', 'IIIA', 'Prognostic stage group (AJCC 8th): IIIA', 'ocr'),
    ('pTNM (AJCC, 8th edition): pT3 pN3a. Prognostic stage group (AJCC 8th): IIIA. Anatomic stage: IIIC.',
     'stage.group', 'IIIC', 'Anatomic stage: IIIC', 'ocr'),
    # "not amplified" is the ISH result, no negation of the Ki-67 after it
    ('Immunohistochemistry: RE 90% (+++), RP 30% (++), HER2 score 2+, SISH not amplified (ratio 1.6, mean HER2 copies 3.2, Group 5), Ki67 35%.',
     'receptors.ki67_percent', 35.0, 'Ki67 35%', 'text-layer'),
    ('IMMUNOHISTOCHEMISTRY: RE 90% (+++), RP 30% (++), HER2 SCORE 2+, SISH NOT AMPLIFIED (RATIO 1.6, MEAN HER2 COPIES 3.2, GROUP 5), KI67 35%.',
     'receptors.ki67_percent', 35.0, 'KI67 35%', 'ocr'),
    # RCPath: a sentinel fraction with no other count after it is the total
    ('Invasive grade: 2 (T3 P2 M1)\nInvasive tumour size: 18 mm\nAxillary nodes: 0/2 sentinel\nDistance to nearest margin: 4 mm (posterior)\n',
     'lymph_nodes.examined', 2, 'Axillary nodes: 0/2', 'text-layer'),
    ('INVASIVE GRADE: 2 (T3 P2 M1). INVASIVE TUMOUR SIZE: 18 MM. AXILLARY NODES: 0/2 SENTINEL. DISTANCE TO NEAREST MARGIN: 4 MM (POSTERIOR).',
     'lymph_nodes.positive', 0, 'AXILLARY NODES: 0/2', 'ocr'),
    # an RCPA "STRUCTURED PATHOLOGY REPORT" heading ends the clinical notes above it
    ('Clinical: Multifocal left breast carcinoma.\n\nSTRUCTURED PATHOLOGY REPORT (RCPA protocol)\nHistological type: Invasive lobular carcinoma, classical type\nSentinel lymph nodes: 0 positive / 2 examined; isolated tumour cells in 1 node (0.1 mm)\n',
     'lymph_nodes.examined', 2, '0 positive / 2 examined', 'text-layer'),
    # Japanese General Rules: the node total before its levels
    ('Invasive carcinoma of no special type, solid type.\nLymph node metastasis: 5/15 (Level I 4/11, Level II 1/4).\n',
     'lymph_nodes.positive', 5, 'Lymph node metastasis: 5/15', 'text-layer'),
    ('INVASIVE CARCINOMA OF NO SPECIAL TYPE, SOLID TYPE. LYMPH NODE METASTASIS: 5/15 (LEVEL I 4/11, LEVEL II 1/4).',
     'lymph_nodes.examined', 15, 'LYMPH NODE METASTASIS: 5/15', 'ocr'),
    # a micrometastasis with its size in brackets, then its fraction
    ('Invasive lobular carcinoma, classic, G2.\nSentinel lymph nodes: micrometastasis (1.5 mm) in 1/2.\n',
     'lymph_nodes.positive', 1, 'micrometastasis (1.5 mm) in 1/2', 'text-layer'),
    ('INVASIVE LOBULAR CARCINOMA, CLASSIC, G2. SENTINEL LYMPH NODES: MICROMETASTASIS (1.5 MM) IN 1/2.',
     'lymph_nodes.examined', 2, 'MICROMETASTASIS (1.5 MM) IN 1/2', 'ocr'),
    # a fraction of nodes with isolated tumour cells only: examined, none positive
    ('Left breast WLE: Invasive carcinoma of no special type, grade 2, 13 mm.\nLeft sentinel node: isolated tumour cells only (0.15 mm), pN0(i+) - 0/1 with ITC.\n',
     'lymph_nodes.examined', 1, '0/1 with ITC', 'text-layer'),
    ('LEFT BREAST WLE: INVASIVE CARCINOMA OF NO SPECIAL TYPE, GRADE 2, 13 MM. LEFT SENTINEL NODE: ISOLATED TUMOUR CELLS ONLY (0.15 MM), PN0(I+) - 0/1 WITH ITC.',
     'lymph_nodes.positive', 0, '0/1 WITH ITC', 'ocr'),
    # Japanese Allred breakdown after its label
    ('ER: Allred score PS 5 + IS 3 = TS 8 (positive, 90%)\nPgR: Allred score PS 4 + IS 2 = TS 6 (positive, 40%)\n',
     'receptors.er.allred', 8, 'ER: Allred score PS 5 + IS 3 = TS 8', 'text-layer'),
    ('ER: ALLRED SCORE PS 5 + IS 3 = TS 8 (POSITIVE, 90%). PGR: ALLRED SCORE PS 4 + IS 2 = TS 6 (POSITIVE, 40%).',
     'receptors.pr.percent', 40.0, 'PGR: ALLRED SCORE PS 4 + IS 2 = TS 6 (POSITIVE, 40%', 'ocr'),
    ('ER: Allred score PS 5 + IS 3 = TS 8 (positive, 90%)\n',
     'receptors.er.status', 'positive', 'ER: Allred score PS 5 + IS 3 = TS 8 (positive', 'text-layer'),
    # a UK "Dataset:" line after a benign part C belongs to the index cancer, not to part C
    ('Conclusion:\nA. Left breast: Invasive lobular carcinoma, classical type, grade 2 (T3 P2 M1), invasive size 29 mm.\nB. Left sentinel node: Macrometastasis in 1 of 2 nodes (1/2).\nC. Right breast core: Fibroadenoma. No evidence of malignancy.\n\nDataset: ER Allred 8/8, PR Allred 5/8, HER2 IHC 0 (ultralow not assessed).\n',
     'receptors.er.status', 'positive', 'ER Allred 8/8', 'text-layer'),
    ('Conclusion:\nA. Left breast: Invasive lobular carcinoma, classical type, grade 2 (T3 P2 M1), invasive size 29 mm.\nB. Left sentinel node: Macrometastasis in 1 of 2 nodes (1/2).\nC. Right breast core: Fibroadenoma. No evidence of malignancy.\n\nDataset: ER Allred 8/8, PR Allred 5/8, HER2 IHC 0 (ultralow not assessed).\n',
     'receptors.her2.ihc_score', '0', 'HER2 IHC 0', 'text-layer'),
    # Japanese "Size of invasion"; a microinvasion's size beside the DCIS it invades
    ('Invasive carcinoma of no special type (invasive ductal carcinoma, solid type), right breast, CD area.\nSize of invasion: 35 x 30 x 22 mm.\n',
     'diagnosis.tumor_size_mm', 35.0, 'Size of invasion: 35 x 30 x 22 mm', 'text-layer'),
    ('INVASIVE CARCINOMA OF NO SPECIAL TYPE (INVASIVE DUCTAL CARCINOMA, SOLID TYPE), RIGHT BREAST, CD AREA. SIZE OF INVASION: 35 X 30 X 22 MM.',
     'diagnosis.tumor_size_mm', 35.0, 'SIZE OF INVASION: 35 X 30 X 22 MM', 'ocr'),
    ('Right breast WLE: High grade ductal carcinoma in situ, solid and comedo type, 34 mm, with a single focus of microinvasion (0.6 mm).\n',
     'diagnosis.tumor_size_mm', 0.6, 'microinvasion (0.6 mm', 'text-layer'),
    ('RIGHT BREAST WLE: HIGH GRADE DUCTAL CARCINOMA IN SITU, SOLID AND COMEDO TYPE, 34 MM, WITH A SINGLE FOCUS OF MICROINVASION (0.6 MM).',
     'diagnosis.tumor_size_mm', 0.6, 'MICROINVASION (0.6 MM', 'ocr'),
    # modern wordings already read, kept as guards: ER low positive, HER2 ultralow and null, ISH group result
    ('Oestrogen receptor: Low Positive (5%, weak)\nComment: The cancer in this sample has a low level (1-10%) of ER expression by IHC.\n',
     'receptors.er.status', 'low_positive', 'Oestrogen receptor: Low Positive', 'text-layer'),
    ('HER2 IHC: Score 0 with membrane staining (ultralow) - faint, incomplete membrane staining in approximately 5% of tumour cells.\n',
     'receptors.her2.ihc_detail', 'ultralow', 'HER2 IHC: Score 0 with membrane staining (ultralow', 'text-layer'),
    ('HER2 (CLONE 4B5): HER2 IHC 0 (NULL). NO MEMBRANE STAINING IN TUMOUR CELLS.',
     'receptors.her2.ihc_detail', 'null', 'HER2 (CLONE 4B5): HER2 IHC 0 (NULL)', 'ocr'),
    ('HER2 dual-probe ISH: Not amplified, Group 4 (ASCO/CAP 2018).\n',
     'receptors.her2.ish_result', 'not_amplified', 'HER2 dual-probe ISH: Not amplified', 'text-layer'),
]

GEN25A_DISTRACTOR_ROWS = [
    # Nottingham components written T N M after the score and its colon (RCPA): no staging, no M1
    ('Histological type: Invasive lobular carcinoma, classical type\nHistological grade: Grade 2 (Nottingham score 6: T3 N2 M1)\n', 'stage.pathologic.m', 'text-layer'),
    ('Histological type: Invasive lobular carcinoma, classical type\nHistological grade: Grade 2 (Nottingham score 6: T3 N2 M1)\n', 'stage.pathologic.t', 'text-layer'),
    ('HISTOLOGICAL TYPE: INVASIVE LOBULAR CARCINOMA, CLASSICAL TYPE. HISTOLOGICAL GRADE: GRADE 2 (NOTTINGHAM SCORE 6: T3 N2 M1).', 'stage.pathologic.m', 'ocr'),
    # an ultralow category the lab did not assess
    ('Dataset: ER Allred 8/8, PR Allred 5/8, HER2 IHC 0 (ultralow not assessed).\n', 'receptors.her2.ihc_detail', 'text-layer'),
    ('HER2: IHC 0. HER2-ultralow was not evaluated.', 'receptors.her2.ihc_detail', 'ocr'),
    # a CAP bound for ER says nothing of PR
    ('ER: Positive (>10%), strong, Allred 8\n', 'receptors.pr.percent', 'text-layer'),
    # a date after a micrometastasis is no node fraction; a sentinel count with a non-sentinel one after it is no total
    ('Sentinel lymph node with micrometastasis (1.5 mm) in 11/23/2025 follow-up imaging.', 'lymph_nodes.examined', 'text-layer'),
    ('Axillary nodes: 1/2 sentinel, 3/12 non-sentinel\n', 'lymph_nodes.examined', 'text-layer'),
]


# An Australian structured report: its Nottingham components are written "T3 N2 M1" after the score (no M1,
# no T3), and its node line under the "STRUCTURED PATHOLOGY REPORT" heading is read, not taken for clinical notes.
_GEN25A_RCPA = ("Peter MacCallum Cancer Centre - Pathology\n"
                "Specimen: Left breast, mastectomy; left sentinel nodes x2\n"
                "Clinical: Multifocal left breast carcinoma.\n\n"
                "STRUCTURED PATHOLOGY REPORT (RCPA protocol)\n"
                "Specimen type: Total mastectomy\n"
                "Laterality: Left\n"
                "Maximum invasive tumour size (largest focus): 23 mm\n"
                "Histological type: Invasive lobular carcinoma, classical type\n"
                "Histological grade: Grade 2 (Nottingham score 6: T3 N2 M1)\n"
                "Sentinel lymph nodes: 0 positive / 2 examined; isolated tumour cells in 1 node (0.1 mm)\n"
                "TNM (AJCC 8th): pT2(m) pN0(i+)(sn)\n"
                "ER: Positive, 95%, strong\n")

# A CAP v4.8 resection after neoadjuvant therapy: the y modifier, the bound before the measured percent, a
# group 5 ISH after IHC 2+.
_GEN25A_CAP_YP = ("INVASIVE CARCINOMA OF THE BREAST: RESECTION (CAP Protocol v4.8.0.0)\n"
                  "Procedure: Total mastectomy (including nipple and skin)\n"
                  "Specimen Laterality: Right\n"
                  "Histologic Type: Invasive carcinoma of no special type (ductal)\n"
                  "Histologic Grade (Nottingham Histologic Score): Grade 3 (scores of 8 or 9)\n"
                  "Tumor Size: Greatest dimension of largest invasive focus (mm): 31 mm\n"
                  "Number of Lymph Nodes with Macrometastases: 3\n"
                  "Number of Lymph Nodes with Micrometastases: 1\n"
                  "Number of Lymph Nodes Examined: 9\n"
                  "PATHOLOGIC STAGE CLASSIFICATION (pTNM, AJCC 8th Edition)\n"
                  "Modified Classification: y (post-neoadjuvant)\n"
                  "pT Category: pT2\n"
                  "pN Category: pN2a\n"
                  "ER: Positive (>10%), 60%, moderate\n"
                  "PR: Positive (>10%), 15%, weak\n"
                  "HER2 (by IHC): Equivocal (Score 2+)\n"
                  "HER2 dual-probe ISH: Not amplified, Group 5 (HER2/CEP17 ratio 1.1; average HER2 copy number 2.4 "
                  "signals per cell)\n"
                  "Final HER2 status: Negative\n"
                  "Ki-67: 25% (intermediate)\n")

# A UK report whose last part is a benign core of the other breast, then a "Dataset:" line for the cancer.
_GEN25A_UK_DATASET = ("Specimens: A. Left breast WLE. B. Left sentinel node. C. Right breast core biopsy.\n"
                      "Clinical details: Left breast cancer. Right breast BIRADS 3 lesion.\n\n"
                      "Conclusion:\n"
                      "A. Left breast: Invasive lobular carcinoma, classical type, grade 2 (T3 P2 M1), invasive size "
                      "29 mm.\n"
                      "B. Left sentinel node: Macrometastasis in 1 of 2 nodes (1/2).\n"
                      "C. Right breast core: Fibroadenoma. No evidence of malignancy.\n\n"
                      "Dataset: ER Allred 8/8, PR Allred 5/8, HER2 IHC 0 (ultralow not assessed).\n"
                      "pT2 pN1a(sn)\n")


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25a_rcpa_grade_components_are_no_staging_and_its_nodes_are_read(run_on):
    p = report_profile(_GEN25A_RCPA, run_on)
    assert (p.stage.pathologic.t, p.stage.pathologic.n, p.stage.pathologic.m) == ("T2", "N0(i+)", None)
    assert (p.stage.metastatic, p.lymph_nodes.positive, p.lymph_nodes.examined) == (None, 0, 2)
    assert (p.diagnosis.grade, p.diagnosis.laterality) == (2, "left")


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25a_cap_v4_post_neoadjuvant_resection(run_on):
    p = report_profile(_GEN25A_CAP_YP, run_on)
    assert (p.stage.pathologic.prefix, p.stage.pathologic.t, p.stage.pathologic.n) == ("yp", "T2", "N2a")
    assert (p.receptors.er.percent, p.receptors.pr.percent) == (60.0, 15.0)
    assert (p.receptors.her2.status, p.receptors.her2.ihc_score, p.receptors.her2.category) == ("negative", "2+", "low")
    assert (p.receptors.ki67_percent, p.lymph_nodes.positive, p.lymph_nodes.examined) == (25.0, 4, 9)


@pytest.mark.parametrize("run_on", [False, True])
def test_gen25a_a_dataset_line_after_a_benign_part_is_the_index_cancers(run_on):
    p = report_profile(_GEN25A_UK_DATASET, run_on)
    assert (p.receptors.er.status, p.receptors.pr.status) == ("positive", "positive")
    assert (p.receptors.her2.status, p.receptors.her2.ihc_score, p.receptors.her2.category) == ("negative", "0", None)
    assert (p.diagnosis.laterality, p.diagnosis.tumor_size_mm) == ("left", 29.0)
