"""Pathology field grammars: tables of real-world phrasings with exact expected values and spans.

Every row is our own phrasing, written the way different institutions word narrative diagnoses,
CAP-style synoptic lines, addenda and clinical notes, on text-layer and on OCR pages (OCR slips
are read only on OCR pages, and the reading is recorded on the evidence).
"""

from __future__ import annotations

import pytest

from extract.analysis import analyze_page
from extract.fields.extras import extract_extras
from extract.fields.grade import extract_grade
from extract.fields.histology import extract_histology
from extract.fields.laterality import extract_laterality
from extract.fields.lymph_nodes import extract_lymph_nodes
from extract.fields.receptors import extract_receptors
from extract.fields.tnm import extract_tnm
from extract.fields.tumor_size import extract_tumor_size
from extract.specimens import order_findings
from ingest.models import Page

EXTRACTORS = [extract_receptors, extract_histology, extract_grade, extract_tumor_size, extract_tnm,
              extract_lymph_nodes, extract_laterality, extract_extras]


def findings(text: str, source: str = "text-layer"):
    page = analyze_page("d1", Page(number=1, text=text, source=source))
    out = [f for ex in EXTRACTORS for f in ex(page)]
    for f in out:
        for ev in f.evidence:
            assert text[ev.start:ev.end] == ev.text
            assert ev.source == source
    return order_findings(out)


def first_fact(text: str, path: str, source: str = "text-layer"):
    return next((f for f in findings(text, source) if f.path == path and f.is_fact), None)


# round 6: two invasive foci graded and measured one by one; the larger (focus 2) is the index cancer.
_FOCI_RUN_ON = ("INVASIVE DUCTAL CARCINOMA, MULTIFOCAL. Focus 1: grade 3, 0.6 cm. Focus 2: grade 2, 2.1 cm. "
                "Margins negative.")
_FOCI_LINES = ("BREAST, LEFT, NEEDLE LOCALIZATION EXCISION:\n- INVASIVE DUCTAL CARCINOMA, TWO SEPARATE FOCI:\n"
               "  Focus 1 (lower inner quadrant): Nottingham combined histologic grade 3, measuring 0.6 cm in "
               "greatest dimension.\n  Focus 2 (upper outer quadrant): Nottingham combined histologic grade 1,\n"
               "  measuring 2.1 cm in greatest dimension.\n- DUCTAL CARCINOMA IN SITU, INTERMEDIATE NUCLEAR GRADE.\n")
_TUMOURS_NUMBERED = ("INVASIVE DUCTAL CARCINOMA, MULTICENTRIC.\n"
                     "Tumor #1 (upper outer quadrant): 1.3 cm, Nottingham grade 2, ER positive (90%).\n"
                     "Tumor #2 (lower inner quadrant): 2.7 cm, Nottingham grade 3, ER positive (40%).\n")

# round 7 (extent): a CAP checklist that ticks each component's score after the unticked ones.
_CHECKLIST_COMPONENTS = ("Invasive ductal carcinoma.\nNottingham histologic grade:\n"
                         "Tubule formation: [ ] Score 1 [ ] Score 2 [X] Score 3\n"
                         "Nuclear pleomorphism: [ ] Score 1 [X] Score 2 [ ] Score 3\n"
                         "Mitotic count: [X] Score 1 [ ] Score 2 [ ] Score 3\n")

# round 8 (extent): lettered foci after a multifocal heading; foci named "Focus A, 1.9 cm"; residual
# disease of a re-excision; a telegraphic numbered diagnosis; an SBR grade with its components.
_LETTERED_FOCI = ("INVASIVE DUCTAL CARCINOMA, MULTIFOCAL:\n(A) UPPER OUTER QUADRANT, 0.9 CM, GRADE 3;\n"
                  "(B) LOWER OUTER QUADRANT, 2.1 CM, GRADE 2.")
_FOCI_COMMA = "Invasive ductal carcinoma, two foci:\nFocus A, 1.9 cm, grade 3\nFocus B, 0.6 cm, grade 2"
_RE_EXCISION = "Left breast, re-excision of superior margin:\n- Residual invasive ductal carcinoma, 0.4 cm, grade 2."
_NUMBERED_FINDINGS = ("1. Invasive ductal carcinoma, 2.2 cm. 2. Margins negative. "
                      "3. Four of twelve lymph nodes positive (4/12).")
_SBR_SUM = "FINAL DIAGNOSIS: RIGHT BREAST, WLE: INVASIVE CARCINOMA NST, SBR 2 (3+2+1=6), 1.8 CM."

# gen11 (layout: scanned, exported and two-column pages): a right-hand column's heading beside the left
# column's labels, a percent column of a table flattened to spaces or commas, a table with its results
# before the marker names, a ruled table with "+" joints, an ISH result line set apart below its measures.
_TWO_COLUMN = ("Specimen type:                        Macroscopic description\n"
               "Left wide local excision              Received fresh, 62 g, tumour 28 mm.\n"
               "Invasive tumour type:                 Invasive lobular carcinoma, classical type\n"
               "Histological grade:                   2 (T3 P2 M1)\n")
_SPACED_PERCENT_TABLE = ("Marker      Clone     Result      % cells     Intensity\n"
                         "__________________________________________________________\n"
                         "ER          SP1       Positive    95          Strong\n"
                         "PR          1E2       Positive    40          Moderate\n"
                         "HER2        4B5       1+          Negative\n")
_CSV_TABLE = ("Accession,Block,Test,Clone,Result,Percent,Intensity,Comment\n"
              "H26-22019,B3,ER,SP1,Positive,98,Strong,\n"
              "H26-22019,B3,PR,1E2,Positive,2,Weak,Low positive\n")
_RESULT_FIRST = ("Result          Marker                       Comment\n"
                 "Negative        Progesterone receptor (PR)   0% of tumour nuclei\n"
                 "2+              HER2 (4B5)                   equivocal, reflexed to ISH\n")
_PLUS_RULED = ("   ER       |   PR       |   HER2 IHC   |   HER2 ISH        |   Ki-67\n"
               "------------+------------+--------------+-------------------+-----------\n"
               "   Pos 75%  |   Neg <1%  |   2+         |   Not amplified   |   30%\n")
_ALLRED_GRID = ("Hormone receptor scoring (Allred / Quick score)\n"
                "                     Proportion   Intensity   Total\n"
                "ER                   5            3           8\n"
                "PR                   3            2           5\n")
_TAB_EXPORT = ("Case\tPart\tBlock\tTest\tResult\tPercent\tIntensity\nS26-44120\tA\tA3\tER\tPOSITIVE\t85\tMODERATE\n"
               "S26-44120\tA\tA3\tHER2 IHC\t3+\t\t\nS26-44120\tA\tA3\tKI67\t\t40\t\n")
_INTENSITY_GRID = ("Receptor              Result      % cells   Intensity   Allred\n"
                   "Estrogen Receptor     Positive    90        3+          8/8\n"
                   "Progesterone Rec.     Positive    15        2+          5/8\n")
_SPECIMEN_ROWS = ("Specimen                      Date        ER          PR          HER2        Ki-67\n"
                  "Primary (left breast, 2018)   2018-05     95% pos     40% pos     1+          10%\n"
                  "Pleural biopsy (current)      2026-11     80% pos     0% neg      0           25%\n")
_ISH_RESULT_APART = ("PROBE: HER2 / CEP17 dual-colour FISH\nAverage HER2 copy number / nucleus:      4.5\n"
                     "HER2/CEP17 ratio:                        2.28\n\n"
                     "RESULT: POSITIVE (AMPLIFIED) -- ASCO/CAP 2018 Group 1\n")

# (text, path, expected value, expected evidence text of the first fact)
# round 8 (markers): a receptor table with one row per block (bars, and columns apart by spaces).
_BLOCK_TABLE = ("Receptor studies on the residual carcinoma:\n| Block | ER | PR | HER2 (IHC) | Ki-67 |\n"
                "|-------|----|----|------------|-------|\n| A5 | 90%, strong | 10%, weak | 1+ | 25% |\n")
_SPACED_TABLE = "BLOCK   ER         PR         HER2    KI-67\nB2      Positive   Negative   2+      15%\n"


# gen10 (markers and histology in unseen formats): an in-situ component's receptor results (a heading
# over its lines, "(DCIS)" after the label, a test named as done on the DCIS), an H-score, a LIS
# table's rows, an ISH block's result line.
_DCIS_BLOCK = ("Invasive lobular carcinoma, grade 2.\nInvasive carcinoma:\n  ER: Positive, 95%\nDCIS component:\n"
               "  ER (DCIS): positive, 60%\n  PR (DCIS): negative (<1%)\n")
_NHS_DCIS = ("Invasive carcinoma NST, grade 3.\nReceptors:\nInvasive carcinoma:\n  ER   Quick score 0/8 (negative)\n"
             "DCIS:\n  ER   Quick score 6/8 (positive)\n")
_RESIDUAL_DCIS = ("No residual invasive carcinoma. Residual DCIS, 4 mm. On request, ER and HER2 repeated on the residual "
                  "DCIS (block 1F): ER negative, HER2 2+.")
_YPTIS_ER = "No residual invasive carcinoma (ypTis).\nEstrogen receptor on residual DCIS (block A6): Positive, 70%, moderate."
_HSCORE_BLOCK = ("Estrogen receptor (clone SP1):\n   H-score: 240 (strong 70%, moderate 20%, weak 10%)\n"
                 "   Interpretation: POSITIVE\n")
_ISH_BLOCK = ("HER2 FISH (PathVysion dual probe), same block:\n   Average HER2 copy number per nucleus: 4.6\n"
              "   HER2/CEP17 ratio: 2.19\n   Result: AMPLIFIED (Group 1)\n")
_FRENCH_HEADERS = ("DESCRIPTION MACROSCOPIQUE / GROSS:\nTumeur stellaire de 1,9 cm.\nDIAGNOSTIC:\n"
                   "Carcinome canalaire infiltrant, grade histologique de Nottingham 2.\nKi-67 : 15 %.\n")
_BOTH_COMPONENTS = ("Invasive ductal carcinoma, grade 2. Receptors were performed on both components: invasive carcinoma "
                    "ER 95%, PR 40%; DCIS ER 80%, PR 10%.")
_COMPONENT_WORDS = "Invasive ductal carcinoma. ER in situ component: positive (70%). ER invasive component: positive (95%)."
_COMPONENT_LINES = "Invasive ductal carcinoma.\nDCIS: ER positive, PR negative.\nInvasive: ER positive (90%), PR positive (30%)."
_CORE_QUOTED = ("CLINICAL: Right breast cancer, core H26/28810 showed invasive carcinoma NST grade 2,\n"
                "ER 8/8, PR 7/8, HER2 1+. Wide local excision.\n\nMICROSCOPY:\nInvasive carcinoma of no special type.\n"
                "Receptors repeated on the excision (block A3):\n  PR   Positive   Quick score 3/8\n")
_ROW_TABLE = ("| Marker | Clone | Result   | % cells | Intensity |\n|--------|-------|----------|---------|-----------|\n"
              "| ER     | SP1   | Positive | 90      | Strong    |\n| PR     | 1E2   | Positive | 15      | Moderate  |\n"
              "| Ki-67  | 30-9  | 22%      | -       | -         |\n")
_ROW_TABLE_OTHER = ("| Stain | Result | % cells |\n| CK5/6 | Negative | 0 |\n| AR | Positive | 80 |\n")
_LIS_ROWS = ("ESTROGEN RECEPTOR            POSITIVE      >=1% NUCLEAR STAINING = POSITIVE\n"
             "  % CELLS STAINING           80\n  INTENSITY                  MODERATE-STRONG\n")


ROWS = [
    # --- ER / PR ----------------------------------------------------------------------------------
    ("ER: Positive (95%, strong)", "receptors.er.status", "positive", "ER: Positive"),
    ("ER: Positive (95%, strong)", "receptors.er.percent", 95.0, "ER: Positive (95%"),
    ("ER: Positive (95%, strong)", "receptors.er.intensity", "strong", "ER: Positive (95%, strong"),
    ("Estrogen receptor: negative (<1%)", "receptors.er.status", "negative", "Estrogen receptor: negative"),
    ("ESTROGEN RECEPTOR: POSITIVE (3+, 90%)", "receptors.er.intensity", "strong", "ESTROGEN RECEPTOR: POSITIVE (3+"),
    ("ESTROGEN RECEPTOR: POSITIVE (3+, 90%)", "receptors.er.percent", 90.0, "ESTROGEN RECEPTOR: POSITIVE (3+, 90%"),
    ("PROGESTERONE RECEPTORS: POSITIVE (60-70% NUCLEAR STAINING", "receptors.pr.percent", 60.0,
     "PROGESTERONE RECEPTORS: POSITIVE (60-70%"),
    ("Estrogen Receptor (ER), clone SP1: Low Positive, 5% of tumor cells, weak", "receptors.er.status",
     "low_positive", "Estrogen Receptor (ER), clone SP1: Low Positive"),
    ("Progesterone Receptor (PgR): 0%, no staining in tumor cells", "receptors.pr.percent", 0.0,
     "Progesterone Receptor (PgR): 0%"),
    ("PR: negative (0%); ER: positive (80%)", "receptors.pr.status", "negative", "PR: negative"),
    ("PR: negative (0%); ER: positive (80%)", "receptors.er.percent", 80.0, "ER: positive (80%"),
    ("Hormone receptors: ER positive (Allred score 7/8), PR negative (Allred 0/8).", "receptors.er.allred", 7,
     "ER positive (Allred score 7/8"),
    ("ER: Negative. Allred Score: 0 = Proportion Score 0 + Intensity Score 0.", "receptors.er.allred", 0,
     "ER: Negative. Allred Score: 0"),
    ("ER: Positive. Allred Score: 8 = Proportion Score 5 + Intensity Score 3.", "receptors.er.intensity", "strong",
     "ER: Positive. Allred Score: 8 = Proportion Score 5 + Intensity Score 3"),
    ("The tumor cells are negative for estrogen and progesterone receptors.", "receptors.pr.status", "negative",
     "negative for estrogen and progesterone receptors"),
    ("Invasive carcinoma is positive for ER and PR.", "receptors.er.status", "positive", "positive for ER and PR"),
    ("Invasive carcinoma is positive for ER and PR.", "receptors.pr.status", "positive", "positive for ER and PR"),
    ("ER/PR IMMUNOSTAINS ARE NEGATIVE.", "receptors.pr.status", "negative", "ER/PR IMMUNOSTAINS ARE NEGATIVE"),
    ("Steroid receptors are positive (100% strong staining).", "receptors.er.percent", 100.0,
     "Steroid receptors are positive (100%"),
    ("About 70% of tumor cells show moderate nuclear staining for estrogen receptor.", "receptors.er.percent",
     70.0, "About 70% of tumor cells show moderate nuclear staining for estrogen receptor"),
    ("ER+/PR-/HER2- invasive ductal carcinoma", "receptors.er.status", "positive", "ER+"),
    ("ER+/PR-/HER2- invasive ductal carcinoma", "receptors.pr.status", "negative", "PR-"),
    ("Estrogen receptor: >95% nuclear staining, strong intensity", "receptors.er.percent", 95.0,
     "Estrogen receptor: >95%"),
    ("ER (clone 6F11): positive, 91-100% of invasive cells", "receptors.er.percent", 91.0,
     "ER (clone 6F11): positive, 91-100%"),
    ("PR: Positive expression in 80% of invasive tumor nuclei.", "receptors.pr.percent", 80.0,
     "PR: Positive expression in 80%"),
    ("ER: Moderate to strong expression in 60% of invasive tumor nuclei.", "receptors.er.percent", 60.0,
     "ER: Moderate to strong expression in 60%"),
    ("Estrogen receptor. POSITIVE ( > 90%). Progesterone receptor. PgR 636. POSITIVE (1-10%).",
     "receptors.pr.percent", 1.0, "PgR 636. POSITIVE (1-10%"),
    ("Patient is triple negative per outside report.", "receptors.her2.status", "negative", "triple negative"),
    # --- HER2 ------------------------------------------------------------------------------------
    ("58 yo woman with ER+/PR+/HER2- metastatic breast cancer to bone", "receptors.her2.status", "negative", "HER2-"),
    ("ER+ PR- HER2+ (IHC 3+) invasive ductal carcinoma", "receptors.her2.status", "positive", "HER2+"),
    ("Receptors: ER (+), PR (-), HER2 (+).", "receptors.her2.status", "positive", "HER2 (+)"),
    ("Her sister had HER2-low breast cancer.", "receptors.her2.status", None, None),
    # OCR of "HER2-neu" with its hyphen left dangling: the status that follows decides, not the hyphen.
    ("PROGESTERONE RECEPTOR. NEGATIVE. HER2-. POSITIVE. IMMUNO RECUT.", "receptors.her2.status", "positive",
     "HER2-. POSITIVE"),
    ("ER+/PR+/HER2- (IHC 1+) invasive ductal carcinoma", "receptors.her2.status", "negative", "HER2-"),
    ("Her2 (score 0)", "receptors.her2.ihc_score", "0", "Her2 (score 0"),
    ("HER2 (score 3+), positive.", "receptors.her2.ihc_score", "3+", "HER2 (score 3+"),
    ("HER2 (score pending)", "receptors.her2.ihc_score", None, None),
    ("HER2/neu by IHC: NEGATIVE (1+)", "receptors.her2.ihc_score", "1+", "HER2/neu by IHC: NEGATIVE (1+"),
    ("HER2/neu by IHC: NEGATIVE (1+)", "receptors.her2.status", "negative", "HER2/neu by IHC: NEGATIVE"),
    ("HER2 (IHC): 2+", "receptors.her2.ihc_score", "2+", "HER2 (IHC): 2+"),
    ("HER 2 NEU BY IHC: 2+ (SEE ADDENDUM). HER 2 NEU BY FISH: PENDING", "receptors.her2.ihc_score", "2+",
     "HER 2 NEU BY IHC: 2+"),
    ("HER2 FISH: not amplified, ratio 1.3", "receptors.her2.ish_result", "not_amplified",
     "HER2 FISH: not amplified"),
    ("HER2 FISH: not amplified, ratio 1.3", "receptors.her2.ish_ratio", 1.3, "HER2 FISH: not amplified, ratio 1.3"),
    ("HER2/NEU BY FISH = 1.1 NOT AMPLIFIED", "receptors.her2.ish_ratio", 1.1, "HER2/NEU BY FISH = 1.1"),
    ("HER2/neu antigen (FISH): Non-amplified (ratio: 1.91)", "receptors.her2.ish_result", "not_amplified",
     "HER2/neu antigen (FISH): Non-amplified"),
    ("HER-2/neu (SISH): AMPLIFIED. HER2/CEP17 ratio 4.6; average HER2 copy number 9.8 signals per cell.",
     "receptors.her2.ish_copy_number", 9.8,
     "HER-2/neu (SISH): AMPLIFIED. HER2/CEP17 ratio 4.6; average HER2 copy number 9.8"),
    ("HER-2/neu (SISH): AMPLIFIED. HER2/CEP17 ratio 4.6", "receptors.her2.ish_result", "amplified",
     "HER-2/neu (SISH): AMPLIFIED"),
    ("HER2 (4B5): Score 3+ (positive), complete intense membrane staining in 80% of cells",
     "receptors.her2.ihc_score", "3+", "HER2 (4B5): Score 3+"),
    ("HER2/NEU: WEAKLY POSITIVE BY IMMUNOHISTOCHEMISTRY (2+). NEGATIVE BY FISH (HER2/CEP17 RATIO: 0.9).",
     "receptors.her2.ish_ratio", 0.9, None),
    ("HER2: Negative by FISH", "receptors.her2.ish_result", "not_amplified", "HER2: Negative by FISH"),
    # gen11-b: clinic shorthand "FISH neg" / "FISH pos" (no colon); a mean copy number written "3.2/cell".
    ("ER+ PR- HER2 2+ FISH neg (HER2/CEP17 ratio 1.4, mean HER2 copy number 3.2/cell).", "receptors.her2.ish_result",
     "not_amplified", "HER2 2+ FISH neg"),
    ("ER+ PR- HER2 2+ FISH neg (HER2/CEP17 ratio 1.4, mean HER2 copy number 3.2/cell).",
     "receptors.her2.ish_copy_number", 3.2, "HER2 2+ FISH neg (HER2/CEP17 ratio 1.4, mean HER2 copy number 3.2"),
    ("Left breast cancer, ER 8/8 Allred, PR 6/8, HER2 negative (IHC 2+, FISH neg)", "receptors.her2.ish_result",
     "not_amplified", "HER2 negative (IHC 2+, FISH neg"),
    ("HER2 2+ FISH pos", "receptors.her2.ish_result", "amplified", "HER2 2+ FISH pos"),
    ("HER2 2+; FISH positive control signals adequate, result pending.", "receptors.her2.ish_result", None, None),
    ("HER2 IHC: 0 (no staining observed)", "receptors.her2.ihc_detail", "null",
     "HER2 IHC: 0 (no staining observed"),
    ("HER2 by IHC: 0, ultralow (faint incomplete staining in 5% of cells)", "receptors.her2.ihc_detail",
     "ultralow", "HER2 by IHC: 0, ultralow"),
    ("HER2 Results. Interpretation: EQUIVOCAL. Intensity: 2+.", "receptors.her2.ihc_score", "2+",
     "HER2 Results. Interpretation: EQUIVOCAL. Intensity: 2+"),
    # HER2 copy number forms (mean or average signals per cell; ISCN ranges are kept apart)
    ("HER2 FISH: HER2/CEP17 ratio 2.3; mean HER2 copy number 4.2 per cell.", "receptors.her2.ish_copy_number", 4.2,
     "mean HER2 copy number 4.2"),
    ("HER2 (dual-probe ISH): ratio 1.6. Average HER2 signals per cell: 6.4", "receptors.her2.ish_copy_number", 6.4,
     "Average HER2 signals per cell: 6.4"),
    ("HER2 SISH: an average of 3.8 HER2 signals per nucleus; ratio 2.1.", "receptors.her2.ish_copy_number", 3.8,
     "average of 3.8 HER2 signals per nucleus"),
    ("FISH result: nuc ish(D17Z1x2,HER2x3-5)[60]. HER2/CEP17 ratio 2.3.", "receptors.her2.ish_copy_number_range",
     [3.0, 5.0], "HER2x3-5"),
    ("HER2 FISH: Total HER2 signals: 84. Total CEP17 signals: 40.", "receptors.her2.ish_copy_number", None, None),
    ("HER-2 NOT AMPLIFIED. Number of Her2 signals/nucleus. 2.3. Number of CEP 17 signals/nucleus. 1.8.",
     "receptors.her2.ish_copy_number", 2.3, "HER-2 NOT AMPLIFIED. Number of Her2 signals/nucleus. 2.3"),
    ("HER2 not amplified. ISCN: nuc ish(CEP17,HER2)x2[200].", "receptors.her2.ish_copy_number_range", [2.0, 2.0],
     "(CEP17,HER2)x2"),
    ("HER2 FISH: amplified (ratio 2.28). Comment: In our opinion this result may not reflect true HER2 "
     "amplification.", "receptors.her2.ish_caveat", True, "may not reflect"),
    ("ER. 0%. PR. 0%. HER2. 0.0%. A separate image analysis report has been generated.",
     "receptors.her2.ihc_score", None, None),  # a percent of stained cells, not a score
    # results quoted from a previous biopsy in prose
    ("Predictive markers performed on previous biopsy (S24-1234) were positive for ER and PR and negative for "
     "Her-2 by immunohistochemistry.", "receptors.her2.status", "negative", "negative for Her-2"),
    ("The tumor cells are negative for HER2 (score 1+).", "receptors.her2.ihc_score", "1+",
     "negative for HER2 (score 1+"),
    ("Ki-67: 15%", "receptors.ki67_percent", 15.0, "Ki-67: 15%"),
    ("Ki67 proliferation index 20-30%", "receptors.ki67_percent", 20.0, "Ki67 proliferation index 20-30%"),
    ("MIB-1 labeling index: approximately 40%", "receptors.ki67_percent", 40.0,
     "MIB-1 labeling index: approximately 40%"),
    # --- histology -------------------------------------------------------------------------------
    ("Invasive ductal carcinoma, Nottingham grade 2", "diagnosis.histology", "invasive_ductal",
     "Invasive ductal carcinoma"),
    ("Invasive ductal carcinoma, Nottingham grade 2", "diagnosis.histology_code", "8500/3",
     "Invasive ductal carcinoma"),
    ("INVASIVE CARCINOMA OF NO SPECIAL TYPE (DUCTAL), GRADE 3", "diagnosis.histology", "invasive_ductal",
     "INVASIVE CARCINOMA OF NO SPECIAL TYPE"),
    ("Infiltrating lobular carcinoma, classic type.", "diagnosis.histology", "invasive_lobular",
     "Infiltrating lobular carcinoma"),
    ("Invasive pleomorphic lobular carcinoma", "diagnosis.histology_code", "8520/3",
     "Invasive pleomorphic lobular carcinoma"),
    ("Invasive carcinoma with mixed ductal and lobular features", "diagnosis.histology", "mixed_ductal_lobular",
     "Invasive carcinoma with mixed ductal and lobular features"),
    ("Mucinous (colloid) carcinoma is not favored; invasive mucinous carcinoma, pure type.",
     "diagnosis.histology", "mucinous", "invasive mucinous carcinoma"),
    ("Ductal carcinoma in situ, high nuclear grade, solid type.", "diagnosis.histology", "dcis",
     "Ductal carcinoma in situ"),
    ("Metaplastic carcinoma with squamous differentiation.", "diagnosis.histology_code", "8575/3",
     "Metaplastic carcinoma"),
    ("Histologic Type of Invasive Carcinoma: Invasive lobular carcinoma", "diagnosis.histology",
     "invasive_lobular", "Invasive lobular carcinoma"),
    ("Tubular carcinoma, 0.8 cm.", "diagnosis.histology", "tubular", "Tubular carcinoma"),
    ("No residual invasive carcinoma identified. Ductal carcinoma in situ, 3 mm.", "diagnosis.histology",
     "dcis", "Ductal carcinoma in situ"),
    # --- grade -----------------------------------------------------------------------------------
    ("Nottingham grade: 2 (tubules 3, nuclei 2, mitoses 1; score 6/9)", "diagnosis.grade", 2,
     "Nottingham grade: 2"),
    ("NOTTINGHAM GRADE: III/III, POORLY DIFFERENTIATED", "diagnosis.grade", 3, "NOTTINGHAM GRADE: III/III"),
    ("Invasive ductal carcinoma, SBR grade 1.", "diagnosis.grade", 1, "SBR grade 1"),
    ("Modified Scarff Bloom Richardson Grade: 2", "diagnosis.grade", 2, "Modified Scarff Bloom Richardson Grade: 2"),
    ("Invasive ductal carcinoma, 1.8 cm. Overall grade: intermediate.", "diagnosis.grade", 2,
     "Overall grade: intermediate"),
    ("Invasive lobular carcinoma. Histologic grade: low", "diagnosis.grade", 1, "Histologic grade: low"),
    ("Invasive carcinoma (NST). Nottingham grade - high.", "diagnosis.grade", 3, "Nottingham grade - high"),
    ("Invasive ductal carcinoma. Nuclear grade: high.", "diagnosis.grade", None, None),
    ("Invasive ductal carcinoma, 9 mm. DCIS histologic grade: high.", "diagnosis.grade", None, None),
    ("Invasive carcinoma. Tumour grade: high grade DCIS component", "diagnosis.grade", None, None),
    ("Overall Grade: Grade 3", "diagnosis.grade", 3, "Overall Grade: Grade 3"),
    ("INFILTRATING DUCTAL CARCINOMA, POORLY DIFFERENTIATED.", "diagnosis.grade", 3, "POORLY DIFFERENTIATED"),
    ("Moderately differentiated invasive ductal carcinoma (tumor diameter 2.1 cm).", "diagnosis.grade", 2,
     "Moderately differentiated"),
    ("Tumor classification: NOS, G II, pT2N0.", "diagnosis.grade", 2, "G II"),
    ("NOTTINGHAM SCORE: 7 OUT OF 9 (TUBULES=3, NUCLEI=2, MITOSES=2)", "diagnosis.nottingham_score", 7,
     "NOTTINGHAM SCORE: 7 OUT OF 9"),
    ("Invasive lobular carcinoma, Nottingham grade 2 (3+2+2=7)", "diagnosis.grade_mitoses", 2, "3+2+2=7"),
    ("HISTOLOGIC GRADE lll/lll", "diagnosis.grade", 3, "HISTOLOGIC GRADE lll/lll"),
    # --- tumour size -----------------------------------------------------------------------------
    ("TUMOR SIZE: 2.5 X 2.0 X 1.5 CM", "diagnosis.tumor_size_mm", 25.0, "TUMOR SIZE: 2.5 X 2.0 X 1.5 CM"),
    ("Tumor size (greatest dimension): 35 mm", "diagnosis.tumor_size_mm", 35.0,
     "Tumor size (greatest dimension): 35 mm"),
    ("Size of Largest Invasive Carcinoma: Greatest dimension of largest focus of invasion: 1.8 cm",
     "diagnosis.tumor_size_mm", 18.0,
     "Size of Largest Invasive Carcinoma: Greatest dimension of largest focus of invasion: 1.8 cm"),
    ("Invasive ductal carcinoma, measuring 2.2 cm in greatest dimension.", "diagnosis.tumor_size_mm", 22.0,
     "carcinoma, measuring 2.2 cm"),
    ("Infiltrating ductal carcinoma forming a mass (2.3 x 2.1 x 1.7 cm).", "diagnosis.tumor_size_mm", 23.0,
     "forming a mass (2.3 x 2.1 x 1.7 cm"),
    ("THREE TUMORS MEASURING 2.2, 1.0 AND 1.0 CM ARE PRESENT", "diagnosis.tumor_size_mm", 22.0,
     "TUMORS MEASURING 2.2, 1.0 AND 1.0 CM"),
    ("Tumor size: 0.9 cm. Largest metastatic deposit: 1.4 cm.", "diagnosis.tumor_size_mm", 9.0,
     "Tumor size: 0.9 cm"),
    ("SIZE (INVASIVE): Approximately 70 mm; see comment", "diagnosis.tumor_size_mm", 70.0,
     "SIZE (INVASIVE): Approximately 70 mm"),
    ("TUMOR SIZE: 3. 5 CM (MEASURED GROSSLY)", "diagnosis.tumor_size_mm", 35.0, "TUMOR SIZE: 3. 5 CM"),
    ("The tumor is 0.4 cm from the deep margin.", "diagnosis.tumor_size_mm", None, None),
    ("Largest metastatic focus: 1.4 cm with extranodal extension.", "diagnosis.tumor_size_mm", None, None),
    # --- TNM and stage ---------------------------------------------------------------------------
    ("PATHOLOGIC STAGE: pT2 N0 (i+) MX", "stage.pathologic.t", "T2", "pT2"),
    ("PATHOLOGIC STAGE: pT2 N0 (i+) MX", "stage.pathologic.n", "N0(i+)", "N0 (i+)"),
    ("PATHOLOGIC STAGE: pT2 N0 (i+) MX", "stage.pathologic.m_raw", "MX", "MX"),
    ("AJCC 8th edition: pT1c pN1a(2/14) cM0", "stage.pathologic.n", "N1a", "pN1a"),
    ("AJCC 8th edition: pT1c pN1a(2/14) cM0", "lymph_nodes.examined", 14, "pN1a(2/14)"),
    ("AJCC 8th edition: pT1c pN1a(2/14) cM0", "stage.clinical.m", "M0", "cM0"),
    ("Tumor classification: NOS, G III, pT4b(mult)N3aL1V0R0.", "stage.pathologic.t", "T4b", "pT4b(mult)"),
    ("Tumor classification: NOS, G III, pT4b(mult)N3aL1V0R0.", "stage.pathologic.n", "N3a", "N3a"),
    ("Post-treatment staging: ypT1a ypN0(sn)", "stage.pathologic.prefix", "yp", "ypT1a"),
    ("Post-treatment staging: ypT1a ypN0(sn)", "stage.pathologic.t", "T1a", "ypT1a"),
    ("Regional Lymph Nodes (pN): pN1mi: micrometastases", "stage.pathologic.n", "N1mi", "pN1mi"),
    ("Sentinel node: [AJCC pN1 mi (sn)]", "stage.pathologic.n", "N1mi", "pN1 mi (sn)"),
    ("Clinical staging at presentation: cT2 cN1 cM0, clinical stage IIB.", "stage.clinical.t", "T2", "cT2"),
    ("Clinical staging at presentation: cT2 cN1 cM0, clinical stage IIB.", "stage.clinical.group", "IIB",
     "clinical stage IIB"),
    ("PTNM CLASSIFICATION: T3 N1 MX; STAGE IIIA.", "stage.pathologic.t", "T3", "T3"),
    ("PTNM CLASSIFICATION: T3 N1 MX; STAGE IIIA.", "stage.group", "IIIA", "STAGE IIIA"),
    ("AJCC Pathologic Prognostic Stage Group: IB", "stage.prognostic_group", "IB",
     "Pathologic Prognostic Stage Group: IB"),
    ("T Stage: 2 N Stage: 1a M Stage: 0", "stage.pathologic.n", "N1a", "N Stage: 1a"),
    # A printout wrapped at a fixed width breaks a line inside or after a label.
    ("Grade: 2. T Stage: 2 N Stage:\n2a M Stage: 0 Treatment: none.", "stage.pathologic.n", "N2a", "N Stage:\n2a"),
    ("Grade: 3. T Stage: 3 N Stage: 0 M\nStage: 0 Treatment: no", "stage.pathologic.m", "M0", "M\nStage: 0"),
    ("Grade: 3. T Stage: 3 N Stage: 0 M\nStage: 0 Treatment: no", "stage.pathologic.t", "T3", "T Stage: 3"),
    ("surgery Grade: 2. T Stage: 1 N\nStage: 0 M Stage: 0 Treatment: none.", "stage.pathologic.n", "N0", "N\nStage: 0"),
    ("Radical mastectomy Grade: 3. T.\nStage: 2 N Stage: 0 M Stage: 0", "stage.pathologic.t", "T2", "T.\nStage: 2"),
    ("Temperature T:\n36.8. N:\n1 dose given.", "stage.pathologic.n", None, None),
    ("MRI of the brain: T1 weighted images show no lesion.", "stage.pathologic.t", None, None),
    ("The mass at 3:00 measures 2 cm.", "stage.pathologic.t", None, None),
    # --- lymph nodes -----------------------------------------------------------------------------
    ("Lymph nodes, left axilla, dissection: metastatic carcinoma in 3 of 17 lymph nodes (3/17).",
     "lymph_nodes.positive", 3, "(3/17)"),
    ("Four (out of fourteen) axillary lymph nodes are positive for metastatic carcinoma.",
     "lymph_nodes.examined", 14, "Four (out of fourteen) axillary lymph nodes"),
    ("Total number examined: 23. Total number with metastasis: 14.", "lymph_nodes.positive", 14,
     "Total number with metastasis: 14"),
    ("Number of lymph nodes examined: 12. Number of lymph nodes with macrometastases: 2. "
     "Number of lymph nodes with micrometastases: 1.", "lymph_nodes.positive", 3,
     "Number of lymph nodes with macrometastases: 2"),
    ("A. Sentinel lymph node #1, excision: One lymph node, negative for carcinoma (0/1). "
     "B. Sentinel lymph node #2, excision: Two lymph nodes, negative for carcinoma (0/2).",
     "lymph_nodes.examined", 3, "(0/1)"),
    ("Lymph node status: Positive 8 / 13", "lymph_nodes.examined", 13, "Lymph node status: Positive 8 / 13"),
    ("Sentinel lymph node, biopsy: one lymph node with isolated tumor cells (0/1).", "lymph_nodes.positive", 0,
     None),
    # --- laterality ------------------------------------------------------------------------------
    ("Specimen Laterality: Left", "diagnosis.laterality", "left", "Specimen Laterality: Left"),
    ("A. Breast, right, lumpectomy: Invasive ductal carcinoma, grade 2.", "diagnosis.laterality", "right",
     "Breast, right"),
    ("B. Right breast, simple mastectomy: benign breast tissue. C. Left breast, mastectomy: "
     "invasive lobular carcinoma, 2.4 cm.", "diagnosis.laterality", "left", "Left breast"),
    ("RIGHT BREAST, SEGMENTAL MASTECTOMY WITH NEEDLE LOCALIZATION:\n   INVASIVE LOBULAR CARCINOMA, CLASSIC TYPE.",
     "diagnosis.laterality", "right", "RIGHT BREAST"),
    ("Left breast, 2:00, core biopsy:\n- Invasive carcinoma of no special type (ductal), grade 3.",
     "diagnosis.laterality", "left", "Left breast"),
    ("Right breast, 10:00, core biopsy:\n- Benign breast tissue with fibroadenomatoid change.",
     "diagnosis.laterality", None, None),
    ("Lymph Nodes Examined: 14\nLymph Nodes with Macrometastases: 0\nLymph Nodes with Micrometastases: 1",
     "lymph_nodes.examined", 14, "Lymph Nodes Examined: 14"),
    ("Regional lymph nodes examined: 3", "lymph_nodes.examined", 3, "Regional lymph nodes examined: 3"),
    # --- extras: lymphovascular invasion and margins --------------------------------------------
    ("Lymphovascular invasion: not identified.", "diagnosis.lvi", "absent", "Lymphovascular invasion: not identified"),
    ("No lymphovascular invasion is identified.", "diagnosis.lvi", "absent", "lymphovascular invasion is identified"),
    ("VENOUS / LYMPHATIC INVASION: PRESENT (F5).", "diagnosis.lvi", "present",
     "VENOUS / LYMPHATIC INVASION: PRESENT"),
    ("MARGINS : NEGATIVE FOR TUMOR.", "diagnosis.margins", "negative", "MARGINS : NEGATIVE"),
    ("The surgical margins are free of tumor.", "diagnosis.margins", "negative", "surgical margins are free"),
    ("SURGICAL MARGINS POSITIVE FOR TUMOR.", "diagnosis.margins", "positive", "SURGICAL MARGINS POSITIVE"),
    # --- other institutions' formats (issue 3: generalise) -----------------------------------------
    # UK / NHS: Quick (Allred) scores without a status word; by the scale's convention (shared reference)
    # a total of 0 or 2 is negative, 3-8 positive.
    ("ER Quick score 7/8. PgR Quick score 3/8.", "receptors.er.allred", 7, "ER Quick score 7/8"),
    ("ER Quick score 7/8. PgR Quick score 3/8.", "receptors.er.status", "positive", "ER Quick score 7/8"),
    ("ER Quick score 7/8. PgR Quick score 3/8.", "receptors.pr.allred", 3, "PgR Quick score 3/8"),
    ("ER Quick score 7/8. PgR Quick score 3/8.", "receptors.pr.status", "positive", "PgR Quick score 3/8"),
    ("Immunohistochemistry: ER - 6 points, PR - 4 points (Allred), HER2/neu - 1+ (negative).",
     "receptors.pr.status", "positive", "PR - 4 points (Allred"),
    ("Oestrogen receptor: Allred 2/8", "receptors.er.status", "negative", "Oestrogen receptor: Allred 2/8"),
    ("Oestrogen receptor: Positive, Allred score 8/8 (PS 5, IS 3)", "receptors.er.intensity", "strong",
     "Oestrogen receptor: Positive, Allred score 8/8 (PS 5, IS 3"),
    # CAP 4.x: the category text in parentheses is not the percent; the percent line below it is.
    ("Estrogen Receptor (ER) Status: Positive (greater than 10% of cells demonstrate nuclear positivity)\n"
     "  Percentage of cells with nuclear positivity: 91-100%", "receptors.er.percent", 91.0, None),
    ("Estrogen Receptor (ER) Status: Low Positive (1-10% of cells demonstrate nuclear positivity)\n"
     "  Percentage of cells with nuclear positivity: 5%", "receptors.er.percent", 5.0, None),
    ("HER2 SISH: HER2/Chr17 ratio 1.4; average HER2 copies/cell 3.1", "receptors.her2.ish_ratio", 1.4, None),
    # Histology: ICD-O codes of special types; a type "not favored" is not a fact.
    ("Invasive mucinous (colloid) carcinoma, Nottingham grade 1.", "diagnosis.histology", "mucinous",
     "Invasive mucinous (colloid) carcinoma"),
    ("Left breast lumpectomy: Invasive micropapillary carcinoma, 1.9 cm.", "diagnosis.histology_code", "8507/3",
     "Invasive micropapillary carcinoma"),
    ("Invasive cribriform carcinoma, grade 1.", "diagnosis.histology_code", "8201/3", "Invasive cribriform carcinoma"),
    ("Adenoid cystic carcinoma of the breast, solid-basaloid variant.", "diagnosis.histology_code", "8200/3",
     "Adenoid cystic carcinoma"),
    ("Ductal carcinoma in situ, cribriform type, intermediate nuclear grade.", "diagnosis.histology", "dcis",
     "Ductal carcinoma in situ"),
    ("Apocrine carcinoma is not favored; invasive ductal carcinoma with apocrine features.", "diagnosis.histology",
     "invasive_ductal", None),
    # Lead's round 3: leftovers the pathology round saw but did not fix.
    ("Wide local excision: Mixed NST and mucinous carcinoma, grade 2, 18 mm.", "diagnosis.histology", "other",
     "Mixed NST and mucinous carcinoma"),
    ("Wide local excision: Mixed NST and mucinous carcinoma, grade 2, 18 mm.", "diagnosis.histology_code", "8523/3",
     "Mixed NST and mucinous carcinoma"),
    ("Invasive ductal and mucinous carcinoma was considered; pure mucinous carcinoma.", "diagnosis.histology",
     "mucinous", "pure mucinous carcinoma"),
    ("Core biopsy: Invasive carcinoma with apocrine differentiation, grade 2.", "diagnosis.histology_code", "8401/3",
     "Invasive carcinoma with apocrine differentiation"),
    ("Core biopsy: Invasive ductal carcinoma with apocrine differentiation, grade 2.", "diagnosis.histology",
     "invasive_ductal", "Invasive ductal carcinoma"),
    ("Local recurrence, chest wall: rcT2 N0 M0 after re-excision.", "stage.clinical.t", "T2", "rcT2"),
    ("Local recurrence, chest wall: rcT2 N0 M0 after re-excision.", "stage.pathologic.t", None, None),
    ("Left axillary contents. Nodes: 2+/12, largest deposit 6 mm.", "lymph_nodes.positive", 2, "Nodes: 2+/12"),
    ("Left axillary contents. Nodes: 2+/12, largest deposit 6 mm.", "lymph_nodes.examined", 12, "Nodes: 2+/12"),
    ("Nodes: not received with this specimen.", "lymph_nodes.positive", None, None),
    # A negation inside a parenthesis stays there; "HER2 score N" is IHC unless the score is a decimal.
    ("Immunohistochemistry: ER 90% strong (IRS 12), PR 5% weak (IRS 2), HER2 score 0 (no staining), Ki-67 8%.", "receptors.ki67_percent", 8.0, "Ki-67 8%"),
    ("Immunohistochemistry: ER 90% strong (IRS 12), PR 5% weak (IRS 2), HER2 score 0 (no staining), Ki-67 8%.", "receptors.her2.ihc_score", "0", "HER2 score 0"),
    ("Her2 score: 2+ equivocal", "receptors.her2.ihc_score", "2+", "Her2 score: 2+"),
    ("Oncotype DX: ER Score 10.1 Positive; HER2 Score: 9.3 Negative", "receptors.her2.ihc_score", None, None),
    ("Bone scan (no uptake), ER negative.", "receptors.er.status", "negative", None),
    # South African / UK layout: "MICROSCOPY / CONCLUSION" ends the gross section; a bare "Size" line.
    ("MACROSCOPY\nRight breast wide local excision, 68 x 55 x 30 mm.\n\nMICROSCOPY / CONCLUSION\nRight breast, WLE:\n- Invasive breast carcinoma, no special type (ductal), grade 2.\n- Size 24 mm (largest dimension, microscopic).\n", "diagnosis.histology", "invasive_ductal", "Invasive breast carcinoma, no special type"),
    ("MACROSCOPY\nRight breast wide local excision, 68 x 55 x 30 mm.\n\nMICROSCOPY / CONCLUSION\nRight breast, WLE:\n- Invasive breast carcinoma, no special type (ductal), grade 2.\n- Size 24 mm (largest dimension, microscopic).\n", "diagnosis.tumor_size_mm", 24.0, "Size 24 mm"),
    ("DIAGNOSIS:\n- Invasive carcinoma NST, grade 2.\n- Size: 1.8 cm.\n- Margins clear.", "diagnosis.tumor_size_mm", 18.0,
     "Size: 1.8 cm"),
    ("GROSS:\nSpecimen: right breast.\nSize: 68 x 55 x 30 mm.", "diagnosis.tumor_size_mm", None, None),
    ("Cavity wall re-excision.\nSize 3.2 cm.", "diagnosis.tumor_size_mm", None, None),
    ("Tumor Size: Greatest dimension of largest invasive focus (Millimeters): 31 mm", "diagnosis.tumor_size_mm", 31.0,
     "Greatest dimension of largest invasive focus (Millimeters): 31 mm"),
    ("Scirrhous carcinoma of the right breast.", "diagnosis.histology", "invasive_ductal", "Scirrhous carcinoma"),
    ("Papillotubular carcinoma, left breast.", "diagnosis.histology", "invasive_ductal", "Papillotubular carcinoma"),
    ("HER2 DISH: not amplified (ratio 1.3).", "receptors.her2.ish_result", "not_amplified", "HER2 DISH: not amplified"),
    ("The dish was cleaned; HER2 negative.", "receptors.her2.ish_result", None, None),
    ("Pt is a 61 y/o woman with a left breast mass.", "stage.pathologic.t", None, None),
    ("ptis (DCIS), pN0", "stage.pathologic.t", "Tis", "ptis (DCIS)"),
    ("Metastatic HR+/HER2-low (IHC 1+) IDC of the right breast.", "receptors.her2.category", "low", "HER2-low"),
    ("Metastatic HR+/HER2-low (IHC 1+) IDC of the right breast.", "receptors.her2.ihc_score", "1+", "HER2-low (IHC 1+"),
    ("HER2-ultralow breast cancer, ER positive.", "receptors.her2.category", "ultralow", "HER2-ultralow"),
    ("HER2 low-level amplification is not seen.", "receptors.her2.category", None, None),
    ("The tumor cells are strongly and diffusely positive for estrogen receptor (approximately 95%) and weakly positive for progesterone receptor (approximately 15%).", "receptors.er.percent", 95.0, "diffusely positive for estrogen receptor (approximately 95%"),
    ("The tumor cells are strongly and diffusely positive for estrogen receptor (approximately 95%) and weakly positive for progesterone receptor (approximately 15%).", "receptors.pr.percent", 15.0, "weakly positive for progesterone receptor (approximately 15%"),
    ("Negative for ER (0%) and PR (<1%).", "receptors.pr.status", "negative", "Negative for ER (0%) and PR"),
    ("Positive for ER (see comment).", "receptors.er.percent", None, None),
    ("ER: positive control stains appropriately.", "receptors.er.status", None, None),
    ("ER: Negative (external positive control stains appropriately)", "receptors.er.status", "negative", "ER: Negative"),
    # Grade: UK component shorthand, CAP components listed above the overall grade, G in a LIS line.
    ("Invasive lobular carcinoma, Nottingham histological grade 2 (T3 P2 M1 = 6/9).", "diagnosis.nottingham_score", 6,
     "T3 P2 M1 = 6/9"),
    ("Invasive lobular carcinoma, Nottingham histological grade 2 (T3 P2 M1 = 6/9).", "diagnosis.grade_mitoses", 1,
     "T3 P2 M1 = 6/9"),
    ("Invasive carcinoma NST, grade 3 (T3, P3, M2; score 8/9).", "diagnosis.grade_nuclei", 3, "T3, P3, M2; score 8/9"),
    ("Invasive carcinoma NST, grade 3 (T3 P3 M2 = 9/9).", "diagnosis.nottingham_score", None, None),  # 3+3+2 is not 9
    ("Histologic Grade (Nottingham Histologic Score)\n  Glandular (Acinar)/Tubular Differentiation: Score 3\n"
     "  Nuclear Pleomorphism: Score 3\n  Mitotic Rate: Score 2\n  Overall Grade: Grade 3 (scores of 8 or 9)",
     "diagnosis.grade_tubules", 3, "Glandular (Acinar)/Tubular Differentiation: Score 3"),
    ("DX: INVASIVE DUCTAL CARCINOMA, G3, 3.2CM; 1/3 SLN POS", "diagnosis.grade", 3, "G3"),
    ("Sections submitted in blocks G1, G2 and G3.", "diagnosis.grade", None, None),
    ("TNM (UICC 8th ed.): pT2 (m) pN0 (0/3 sn) L0 V0 Pn0 G2 R0", "diagnosis.grade", 2, "G2"),
    # Tumour size: CAP 4.x wording, "maximum size", "cms", "tumour extent"; a whole-tumour size with DCIS is not it.
    ("Tumor Size: Greatest dimension of largest invasive focus: 27 mm", "diagnosis.tumor_size_mm", 27.0,
     "Greatest dimension of largest invasive focus: 27 mm"),
    ("Right breast, mastectomy: invasive breast carcinoma of no special type, Grade 3, maximum size 32mm.",
     "diagnosis.tumor_size_mm", 32.0, "carcinoma of no special type, Grade 3, maximum size 32mm"),
    ("Tumour size: 4.5 x 3.5 x 3 cms.", "diagnosis.tumor_size_mm", 45.0, "Tumour size: 4.5 x 3.5 x 3 cms"),
    ("Tumour extent: 23 mm (largest diameter).", "diagnosis.tumor_size_mm", 23.0, "Tumour extent: 23 mm"),
    ("Whole tumour size 18 mm.", "diagnosis.tumor_size_mm", None, None),
    ("Whole tumour size 18 mm. Invasive tumour size 16 mm.", "diagnosis.tumor_size_mm", 16.0,
     "Invasive tumour size 16 mm"),
    # Node counts written as fractions before the node word, label-count lines, and totals in words.
    ("Sentinel nodes: 0/2 nodes positive.", "lymph_nodes.examined", 2, "0/2 nodes"),
    ("Axillary dissection: 3/12 lymph nodes involved.", "lymph_nodes.positive", 3, "3/12 lymph nodes"),
    ("DX: INVASIVE DUCTAL CARCINOMA, G3, 3.2CM; 1/3 SLN POS", "lymph_nodes.positive", 1, "1/3 SLN"),
    ("Axillary lymph nodes: 14 examined, 2 positive.", "lymph_nodes.positive", 2,
     "Axillary lymph nodes: 14 examined, 2 positive"),
    ("Lymph nodes: positive 4, total 18.", "lymph_nodes.examined", 18, "Lymph nodes: positive 4, total 18"),
    # round 17a: the two counts apart by a slash, each after its word (a form's "positive ___0___ / examined ___2___")
    ("Lymph nodes: positive 0 / examined 2.", "lymph_nodes.examined", 2, "Lymph nodes: positive 0 / examined 2"),
    ("Lymph nodes: positive ___1___ / examined ___12___.", "lymph_nodes.positive", 1,
     "Lymph nodes: positive ___1___ / examined ___12"),
    ("Lymph nodes: positive 2 / examined none.", "lymph_nodes.examined", None, None),
    ("Lymph nodes: positive 1 / examined by frozen section.", "lymph_nodes.positive", None, None),
    ("LN status: 3/14 (largest deposit 8 mm).", "lymph_nodes.examined", 14, "LN status: 3/14"),
    # lead, fifteenth round: the bare "LN:" label of Indian reports; a size after an abbreviated quadrant
    ("Infiltrating duct carcinoma NOS.\nLN: 5/14 positive for metastatic deposits.", "lymph_nodes.positive", 5,
     "LN: 5/14"),
    ("IDC, SBR grade II. Axillary LN: 0/12.", "lymph_nodes.examined", 12, "Axillary LN: 0/12"),
    ("Ki-67 (MIB-1) 20%. CLN: 2/3", "lymph_nodes.examined", None, None),
    ("Gross: MRM specimen 21x18x5 cm. Tumour UOQ 4.5x3x2 cm, greyish white.\nMicroscopy: IDC, SBR grade III.",
     "diagnosis.tumor_size_mm", 45.0, "Tumour UOQ 4.5x3x2 cm"),
    ("Gross: Tumour in LIQ measuring 2.5 cm.\nMicroscopy: IDC.", "diagnosis.tumor_size_mm", 25.0,
     "Tumour in LIQ measuring 2.5 cm"),
    ("Lymph nodes: 2 sentinel nodes, both negative.", "lymph_nodes.positive", 0, None),
    ("Sentinel lymph nodes: 2 (both with macrometastases).", "lymph_nodes.positive", 2, None),
    ("NOTTINGHAM GRADE 3 (TUBULES 3, NUCLEI 3, MITOSES 3; TOTAL 9/9).", "lymph_nodes.examined", None, None),
    ("TNM (UICC 8th ed.): pT2 (m) pN0 (0/3 sn) L0 V0 Pn0 G2 R0", "lymph_nodes.examined", 3, "pN0 (0/3 sn)"),
    # Laterality with the side first in a part header of its own, and a sole side on the page.
    ("FINAL DIAGNOSIS\nRight breast, prophylactic mastectomy: benign breast tissue.\n"
     "Left breast: Invasive ductal carcinoma, grade 2.", "diagnosis.laterality", "left", "Left breast"),
    ("Specimen: RIGHT BREAST MASTECTOMY AND AXILLARY CLEARANCE\nInvasive lobular carcinoma, classical type.",
     "diagnosis.laterality", "right", "RIGHT BREAST"),
    ("Specimen: Left MRM (modified radical mastectomy)\nImpression: Infiltrating duct carcinoma, NOS.",
     "diagnosis.laterality", "left", "Left MRM"),
    ("Family history: mother with left breast cancer.\nInvasive ductal carcinoma, grade 2.",
     "diagnosis.laterality", None, None),
    ("Specimen: right breast and left breast reduction.\nInvasive ductal carcinoma, grade 2.",
     "diagnosis.laterality", None, None),
    # LVI and margins in other words.
    ("Vascular invasion: present.", "diagnosis.lvi", "present", "Vascular invasion: present"),
    ("Lymphangiosis carcinomatosa: not detected (L0).", "diagnosis.lvi", "absent",
     "Lymphangiosis carcinomatosa: not detected"),
    ("TNM (UICC 8th ed.): pT1c pN1a L1 V0 R0", "diagnosis.lvi", "present", "L1"),
    ("Clinical: L1 vertebra; V0 not applicable.", "diagnosis.lvi", None, None),
    ("DX: INVASIVE DUCTAL CARCINOMA; MARGINS NEG; LVI ABSENT", "diagnosis.margins", "negative", "MARGINS NEG"),
    # Bare Allred scores after the label (European), Ki-67 with a word before its percent.
    ("Receptors: ER 8/8, PR 0/8, HER2 negative (1+).", "receptors.er.allred", 8, "ER 8/8"),
    ("Receptors: ER 8/8, PR 0/8, HER2 negative (1+).", "receptors.pr.status", "negative", "PR 0/8"),
    ("ER: 3/8 cores positive", "receptors.er.allred", None, None),
    ("Ki-67 (MIB-1) labelling index: high (approximately 45%).", "receptors.ki67_percent", 45.0,
     "Ki-67 (MIB-1) labelling index: high (approximately 45%"),
    ("Ki67 proliferation fraction: 18 percent.", "receptors.ki67_percent", 18.0,
     "Ki67 proliferation fraction: 18 percent"),
    ("Ki-67: pending; 40% of cases in this series are high.", "receptors.ki67_percent", None, None),
    # Staging: a stage group after "edition", node counts with "sn" inside the brackets, post-neoadjuvant.
    ("TNM: pT1c pN0 (sn) MX. AJCC 7th edition stage IA.", "stage.group", "IA", "stage IA"),
    ("RIGHT BREAST, MASTECTOMY (POST-NEOADJUVANT):\n- Residual invasive ductal carcinoma, 4 mm.",
     "treatment.neoadjuvant", True, "POST-NEOADJUVANT"),
    # Indian "MBR" grade with its T+N+M sum, a size before the histology, a close margin named so.
    ("Diagnosis: Invasive breast carcinoma - NST. MBR grade: 2 (T3+N2+M1=6)", "diagnosis.grade", 2, "MBR grade: 2"),
    ("Diagnosis: Invasive breast carcinoma - NST. MBR grade: 2 (T3+N2+M1=6)", "diagnosis.nottingham_score", 6,
     "T3+N2+M1=6"),
    ("The right breast tumor showed a 1.6 cm grade 2 invasive ductal carcinoma with negative margins.",
     "diagnosis.tumor_size_mm", 16.0, "1.6 cm grade 2 invasive ductal carcinoma"),
    ("A 2 cm simple cyst lies beside the biopsy site.", "diagnosis.tumor_size_mm", None, None),
    ("The carcinoma is 0.1 cm from the new inferior margin (close margin). All other margins negative.",
     "diagnosis.margins", "close", "close margin"),
    ("All other margins negative.", "diagnosis.margins", None, None),
    ("No close margins are present.", "diagnosis.margins", None, None),
    ("- Foci of vascular invasion are noted. - The in-situ component is of ductal type.", "diagnosis.lvi", "present",
     "vascular invasion are noted"),  # "noted" is not "not"
    ("NO VASCULAR INVASION IS NOTED.", "diagnosis.lvi", "absent", "VASCULAR INVASION IS NOTED"),
    ("Core length 1.5 cm\ninvasive ductal carcinoma, grade 2.", "diagnosis.tumor_size_mm", None, None),
    ("Lymph node: 1 cm, negative.", "lymph_nodes.examined", None, None),
    ("Left breast ultrasound: BI-RADS 5.\nCore biopsy: invasive ductal carcinoma.", "diagnosis.laterality", "left",
     "Left breast"),
    ("4. Blood vessel and lymphatic invasion: Suspicious.", "diagnosis.lvi", None, None),
    ("Dermal Lymph-Vascular Invasion: Not identified.", "diagnosis.lvi", None, None),
    ("Lymph-Vascular Invasion: Present. Dermal Lymph-Vascular Invasion: Not identified.", "diagnosis.lvi", "present",
     "Lymph-Vascular Invasion: Present"),
    ("Invasive Carcinoma Size: 1.4 cm", "diagnosis.tumor_size_mm", 14.0, "Invasive Carcinoma Size: 1.4 cm"),
    ("INVASIVE DUCTAL CARCINOMA, POORLY DIFFERENTIATED (NOTTINGHAM SCORE 3+3+3=9, GRADE 3), MEASURING 6.5 CM.",
     "diagnosis.tumor_size_mm", 65.0, None),
    ("INVASIVE DUCTAL CARCINOMA, POORLY DIFFERENTIATED (NOTTINGHAM SCORE 3+3+3=9, GRADE 3), MEASURING 6.5 CM.",
     "diagnosis.nottingham_score", 9, "3+3+3=9"),
    ("Lymph Nodes: Sentinel: 0/2; Non-sentinel: 0/0; Total 0/2", "lymph_nodes.examined", 2, None),
    ("Carcinoma ductale invasivum mammae sinistrae (NST), G2.", "diagnosis.histology", "invasive_ductal",
     "Carcinoma ductale invasivum"),
    ("Carcinoma ductale invasivum mammae sinistrae (NST), G2.", "diagnosis.laterality", "left", "mammae sinistrae"),
    ("Angioinvasio: absent.", "diagnosis.lvi", "absent", "Angioinvasio: absent"),
    ("Immunohistochemical results: ER(+, 80%), PR(+, 20%), HER-2(2+), Ki-67(+, 30%), CK5/6(-).",
     "receptors.er.status", "positive", "ER(+"),
    ("Immunohistochemical results: ER(+, 80%), PR(+, 20%), HER-2(2+), Ki-67(+, 30%), CK5/6(-).",
     "receptors.her2.ihc_score", "2+", "HER-2(2+"),
    ("Immunohistochemical results: ER(+, 80%), PR(+, 20%), HER-2(2+), Ki-67(+, 30%), CK5/6(-).",
     "receptors.ki67_percent", 30.0, "Ki-67(+, 30%"),
    ("HER2 (3+, complete membrane staining)", "receptors.her2.ihc_score", "3+", "HER2 (3+"),
    ("RIGHT BREAST, MASTECTOMY (POST-NEOADJUVANT):\n- No residual invasive carcinoma. Residual DCIS, 4 mm.\n"
     "- ypT0 ypN0.", "diagnosis.laterality", "right", "RIGHT BREAST"),
    ("Right breast reduction mammoplasty.\nBenign breast tissue with a fibroadenoma (benign tumor). No DCIS or "
     "invasive carcinoma.", "diagnosis.laterality", None, None),
    ("Specimen: left breast excision.\nLobular carcinoma in situ, classic type.", "diagnosis.laterality", None, None),
    # A long dictated sentence: "the margins are negative" does not negate the carcinoma before it.
    ("Microscopic examination reveals an invasive mammary carcinoma with mixed ductal and lobular features which "
     "measures 2.2 cm in greatest dimension, Nottingham grade 1 of 3, and the margins are negative.",
     "diagnosis.histology", "mixed_ductal_lobular", "invasive mammary carcinoma with mixed ductal and lobular features"),
    ("Microscopic examination reveals an invasive mammary carcinoma with mixed ductal and lobular features which "
     "measures 2.2 cm in greatest dimension, Nottingham grade 1 of 3, and the margins are negative.",
     "diagnosis.tumor_size_mm", 22.0, "measures 2.2 cm in greatest dimension"),
    # Round 3: TNM strings with node counts and suffixes in one token, staging in clinic letters and
    # MDT summaries (a bare "T2N1M0" there is the clinical staging; in a pathology report, pathologic).
    ("pT2 pN0(i-)(0/2)", "lymph_nodes.examined", 2, "pN0(i-)(0/2)"),
    ("pT2 pN0(i-)(0/2)", "stage.pathologic.n", "N0", "pN0(i-)"),
    ("ypT1c(m) ypN0(sn)", "stage.pathologic.prefix", "yp", "ypT1c(m)"),
    ("ypT1c(m) ypN0(sn)", "stage.pathologic.n", "N0", "ypN0(sn)"),
    ("Pathological staging: pTis (DCIS) pN0", "stage.pathologic.t", "Tis", "pTis (DCIS)"),
    ("UICC: pT1c, pN1(sn)(1/2), cM0, L0, V0, R0", "lymph_nodes.positive", 1, "pN1(sn)(1/2)"),
    ("UICC: pT1c, pN1(sn)(1/2), cM0, L0, V0, R0", "stage.clinical.m", "M0", "cM0"),
    ("Dear Dr Rao,\nI saw Mrs Jones in the breast clinic today with a T2N1M0 left breast cancer.",
     "stage.clinical.t", "T2", "T2"),
    ("Dear Dr Rao,\nI saw Mrs Jones in the breast clinic today with a T2N1M0 left breast cancer.",
     "stage.pathologic.t", None, None),
    ("Oncology follow-up\nDiagnosis: left breast ILC, stage IIA (T2N0M0), Ki-67 10%.", "stage.clinical.n", "N0", "N0"),
    ("BREAST MDT OUTCOME\nRight breast cancer, stage IIB (T2N1M0). For neoadjuvant chemotherapy.",
     "stage.clinical.n", "N1", "N1"),
    ("BREAST MDT OUTCOME\nRight breast cancer, stage IIB (T2N1M0). For neoadjuvant chemotherapy.",
     "stage.pathologic.n", None, None),
    ("Oncology follow-up\nLeft breast cancer, cT2 N1 M0 at diagnosis; after surgery ypT1c ypN0.",
     "stage.clinical.t", "T2", "cT2"),
    ("Oncology follow-up\nLeft breast cancer, cT2 N1 M0 at diagnosis; after surgery ypT1c ypN0.",
     "stage.pathologic.t", "T1c", "ypT1c"),
    ("SURGICAL PATHOLOGY REPORT\nFinal diagnosis: invasive ductal carcinoma, 2.4 cm.\nStaging: T2 N1 M0",
     "stage.pathologic.t", "T2", "T2"),
    ("SURGICAL PATHOLOGY REPORT\nFinal diagnosis: invasive ductal carcinoma, 2.4 cm.\nStaging: T2 N1 M0",
     "stage.clinical.t", None, None),
    # Receptors in clinic letters and MDT lists, Allred written as its sum, HER2 0 before prose.
    ("MDT outcome: cT2 N1 M0; ER 90% PR 5% HER2 1+ (low)", "receptors.pr.percent", 5.0, "PR 5%"),
    ("MDT outcome: cT2 N1 M0; ER 90% PR 5% HER2 1+ (low)", "receptors.her2.ihc_score", "1+", "HER2 1+"),
    ("HER2 0 (ultralow, faint staining in <10%)", "receptors.her2.ihc_detail", "ultralow", "HER2 0 (ultralow"),
    ("Ki67 25-30%", "receptors.ki67_percent", 25.0, "Ki67 25-30%"),
    ("HER2 IHC 0 with no staining.", "receptors.her2.ihc_score", "0", "HER2 IHC 0"),
    ("HER2 0 and PR 20%", "receptors.her2.ihc_score", "0", "HER2 0"),
    ("HER2 0.5 cm from the margin", "receptors.her2.ihc_score", None, None),
    ("ER: Allred 0+0 = 0 (negative)", "receptors.er.allred", 0, "ER: Allred 0+0 = 0"),
    ("PR: Allred score 4+2=6, positive.", "receptors.pr.allred", 6, "PR: Allred score 4+2=6"),
    ("ER Quick score 5 + 3 = 8", "receptors.er.status", "positive", "ER Quick score 5 + 3 = 8"),
    ("ER: Allred 5+3 in the prior core", "receptors.er.allred", None, None),  # no stated total
    ("Receptors: ER+ (Allred 8), PR- (Allred 2), HER2 neg (IHC 0).", "receptors.pr.allred", 2, "PR- (Allred 2"),
    ("Triple-negative phenotype (ER 0%, PR 0%, HER2 0).", "receptors.her2.status", "negative", "Triple-negative"),
    ("Her sister's tumour was triple negative.", "receptors.er.status", None, None),
    ("Her mother's cancer was ER positive.", "receptors.er.status", None, None),
    ("HER2-enriched by PAM50.", "receptors.her2.status", None, None),
    # lead, fifteenth round: MammaPrint's "ultra-low risk" is no HER2 detail
    ("Clinical information: IDC, ER 90%, HER2 1+ (IHC)\n\nMammaPrint Result: LOW RISK\n(Ultra-low risk threshold not met)",
     "receptors.her2.ihc_detail", None, None),
    # Grade with OCR-free components under a heading that has no value of its own.
    ("Invasive ductal carcinoma.\nNottingham histologic grade:\nTubule formation: 3\nNuclear pleomorphism: 3\n"
     "Mitotic count: 2", "diagnosis.grade", 3, "Tubule formation: 3\nNuclear pleomorphism: 3\nMitotic count: 2"),
    ("Nuclear pleomorphism: 3, mitotic count: 2 (DCIS only)", "diagnosis.grade", None, None),
    # Node counts after the procedure's name (UK SLNB / axillary clearance), a date is not a count.
    ("SLNB 1/2 positive.", "lymph_nodes.positive", 1, "SLNB 1/2"),
    ("Sentinel node biopsy: 0/3 (negative).", "lymph_nodes.examined", 3, "Sentinel node biopsy: 0/3"),
    ("Right SLNB: 2/2 (macrometastases).", "lymph_nodes.positive", 2, "SLNB: 2/2"),
    ("Axillary clearance 0/12, reactive changes only.", "lymph_nodes.examined", 12, "Axillary clearance 0/12"),
    ("SLNB 12/03/2025 at the Royal Infirmary.", "lymph_nodes.examined", None, None),
    ("SLNB planned; ANC 4/16 on today's bloods.", "lymph_nodes.examined", None, None),
    # Invasive size named by its qualifier first; mixed NST and lobular histology.
    ("Maximum invasive diameter 21mm.", "diagnosis.tumor_size_mm", 21.0, "Maximum invasive diameter 21mm"),
    ("Max. invasive tumour extent: 14 mm", "diagnosis.tumor_size_mm", 14.0, "Max. invasive tumour extent: 14 mm"),
    # lead, fifteenth round: a parenthesis naming the focus after the label; leader dots before the value
    ("Invasive tumour size (largest focus) ............ 14 mm", "diagnosis.tumor_size_mm", 14.0,
     "Invasive tumour size (largest focus) ............ 14 mm"),
    ("Tumor size (index lesion): 2.2 cm", "diagnosis.tumor_size_mm", 22.0, "Tumor size (index lesion): 2.2 cm"),
    ("Size of invasive carcinoma (largest focus): 1.9 cm", "diagnosis.tumor_size_mm", 19.0,
     "Size of invasive carcinoma (largest focus): 1.9 cm"),
    ("Tumour size .... see comment.\nSpecimen weight .... 14 g", "diagnosis.tumor_size_mm", None, None),
    ("Tumour type: Mixed NST and lobular carcinoma.", "diagnosis.histology", "mixed_ductal_lobular",
     "Mixed NST and lobular carcinoma"),
    ("Invasive carcinoma, mixed no special type and classical lobular types.", "diagnosis.histology_code", "8522/3",
     "mixed no special type and classical lobular types"),
    ("Mixed ductal (NST) and lobular carcinoma, grade 2.", "diagnosis.histology", "mixed_ductal_lobular",
     "Mixed ductal (NST) and lobular carcinoma"),
    # ER/PR-low stated with its percent or "low": one low_positive status on the evidence of the percent.
    ("Estrogen receptor: weakly positive (5%)", "receptors.er.status", "low_positive",
     "Estrogen receptor: weakly positive (5%"),
    ("Estrogen receptor: weakly positive (5%)", "receptors.er.percent", 5.0, "Estrogen receptor: weakly positive (5%"),
    ("ER: positive, low (1-10%)", "receptors.er.status", "low_positive", "ER: positive, low (1-10%"),
    ("ER low positive. PR negative. HER2 negative (IHC 1+).", "receptors.er.status", "low_positive", "ER low positive"),
    ("PR: positive (weak, 3%)", "receptors.pr.status", "low_positive", "PR: positive (weak, 3%"),
    ("PR: positive, low", "receptors.pr.status", "low_positive", "PR: positive, low"),
    ("Progesterone receptor: weakly positive in 8% of tumour cells", "receptors.pr.status", "low_positive",
     "Progesterone receptor: weakly positive in 8%"),
    ("ER: weakly positive (15%)", "receptors.er.status", "positive", "ER: weakly positive"),
    ("ER: Positive (>10%)", "receptors.er.status", "positive", "ER: Positive"),
    ("ER: Positive, low grade carcinoma", "receptors.er.status", "positive", "ER: Positive"),
    # A hormone-receptor summary: HER2 is read; a positive HR names neither ER nor PR, a negative one both.
    ("HR+/HER2- invasive ductal carcinoma of the right breast.", "receptors.her2.status", "negative", "HER2-"),
    ("HR+/HER2- invasive ductal carcinoma of the right breast.", "receptors.er.status", None, None),
    ("HR+/HER2- invasive ductal carcinoma of the right breast.", "receptors.pr.status", None, None),
    ("Assessment: HR-positive, HER2-negative metastatic breast cancer.", "receptors.her2.status", "negative",
     "HER2-negative"),
    ("Assessment: HR-positive, HER2-negative metastatic breast cancer.", "receptors.er.status", None, None),
    ("Hormone receptor positive, HER2 negative disease.", "receptors.pr.status", None, None),
    ("Hormone receptor-positive breast cancer on letrozole.", "receptors.er.status", None, None),
    ("HR-negative, HER2-positive breast cancer.", "receptors.er.status", "negative", "HR-negative"),
    ("HR-/HER2+ disease of the left breast.", "receptors.pr.status", "negative", "HR-"),
    ("HR-/HER2+ disease of the left breast.", "receptors.her2.status", "positive", "HER2+"),
    ("Vitals: HR 72, BP 120/80.", "receptors.er.status", None, None),
    ("She has triple negative breast cancer of the left breast.", "receptors.pr.status", "negative",
     "triple negative"),
    ("Hormone receptors are positive (100% strong staining for both estrogen and progesterone receptors).",
     "receptors.pr.status", "positive", "Hormone receptors are positive"),
    ("strongly ER positive, PR weakly positive, HER2 not overexpressed", "receptors.her2.status", "negative",
     "HER2 not overexpressed"),
    ("HER2: no overexpression (1+)", "receptors.her2.ihc_score", "1+", "HER2: no overexpression (1+"),
    # More histologic types, with their ICD-O-3 codes.
    ("Invasive micropapillary carcinoma, grade 3.", "diagnosis.histology_code", "8507/3",
     "Invasive micropapillary carcinoma"),
    ("Metaplastic carcinoma, spindle cell type.", "diagnosis.histology", "metaplastic",
     "Metaplastic carcinoma, spindle cell type"),
    ("Metaplastic carcinoma, spindle cell type.", "diagnosis.histology_code", "8032/3",
     "Metaplastic carcinoma, spindle cell type"),
    ("Metaplastic carcinoma, squamous cell type.", "diagnosis.histology_code", "8070/3",
     "Metaplastic carcinoma, squamous cell type"),
    ("Metaplastic carcinoma with chondroid (matrix-producing) differentiation.", "diagnosis.histology_code", "8575/3",
     "Metaplastic carcinoma"),
    ("Low-grade adenosquamous carcinoma, 9 mm.", "diagnosis.histology", "metaplastic",
     "Low-grade adenosquamous carcinoma"),
    ("Low-grade adenosquamous carcinoma, 9 mm.", "diagnosis.histology_code", "8570/3",
     "Low-grade adenosquamous carcinoma"),
    ("Fibromatosis-like metaplastic carcinoma.", "diagnosis.histology_code", "8572/3",
     "Fibromatosis-like metaplastic carcinoma"),
    ("Primary squamous cell carcinoma of the left breast.", "diagnosis.histology_code", "8070/3",
     "Primary squamous cell carcinoma of the left breast"),
    ("Squamous cell carcinoma of the skin, excised.", "diagnosis.histology", None, None),
    ("Invasive apocrine carcinoma.", "diagnosis.histology_code", "8401/3", "Invasive apocrine carcinoma"),
    ("Invasive pleomorphic lobular carcinoma.", "diagnosis.histology_code", "8520/3",
     "Invasive pleomorphic lobular carcinoma"),
    ("Invasive carcinoma with lobular features.", "diagnosis.histology", None, None),
    ("Invasive ductal carcinoma with lobular features, grade 2.", "diagnosis.histology_code", "8500/3",
     "Invasive ductal carcinoma"),
    ("Invasive ductal carcinoma with mucinous differentiation.", "diagnosis.histology", "invasive_ductal",
     "Invasive ductal carcinoma"),
    ("Encapsulated papillary carcinoma.", "diagnosis.histology_code", "8504/2", "Encapsulated papillary carcinoma"),
    ("Encapsulated papillary carcinoma with focal invasion.", "diagnosis.histology", "papillary",
     "Encapsulated papillary carcinoma with focal invasion"),
    ("Solid papillary carcinoma with invasion.", "diagnosis.histology_code", "8509/3",
     "Solid papillary carcinoma with invasion"),
    ("Solid papillary carcinoma in situ.", "diagnosis.histology_code", "8509/2", "Solid papillary carcinoma in situ"),
    ("Invasive solid papillary carcinoma.", "diagnosis.histology_code", "8509/3", "Invasive solid papillary carcinoma"),
    ("Adenoid cystic carcinoma, classic type.", "diagnosis.histology_code", "8200/3", "Adenoid cystic carcinoma"),
    ("Secretory carcinoma.", "diagnosis.histology_code", "8502/3", "Secretory carcinoma"),
    # Node totals written as label and fraction, "of ... positive", or examined/positive labels.
    ("Lymph nodes positive: 2 of 12", "lymph_nodes.positive", 2, "Lymph nodes positive: 2 of 12"),
    ("Lymph nodes positive: 2 of 12", "lymph_nodes.examined", 12, "Lymph nodes positive: 2 of 12"),
    ("LYMPH NODES: 3 OF 12 POSITIVE.", "lymph_nodes.positive", 3, "LYMPH NODES: 3 OF 12 POSITIVE"),
    ("Number of nodes examined: 3", "lymph_nodes.examined", 3, "Number of nodes examined: 3"),
    ("Total nodes: 14; positive: 2", "lymph_nodes.positive", 2, "nodes: 14; positive: 2"),
    ("Total nodes: 14; positive: 2", "lymph_nodes.examined", 14, "nodes: 14; positive: 2"),
    # Grade from a named score; invasive size under CAP and UK labels.
    ("MBR score 7 (grade 2)", "diagnosis.grade", 2, "MBR score 7"),
    ("SBR score: 8/9", "diagnosis.nottingham_score", 8, "SBR score: 8/9"),
    ("Elston-Ellis score 5, invasive ductal carcinoma", "diagnosis.grade", 1, "Elston-Ellis score 5"),
    ("Fibre score 5 on the dietary questionnaire.", "diagnosis.grade", None, None),
    ("Size of largest invasive focus: 1.4 cm (additional foci 0.3 and 0.5 cm)", "diagnosis.tumor_size_mm", 14.0,
     "Size of largest invasive focus: 1.4 cm"),
    ("Greatest dimension of invasive carcinoma: 0.9 cm", "diagnosis.tumor_size_mm", 9.0,
     "Greatest dimension of invasive carcinoma: 0.9 cm"),
    ("Whole tumour size (including DCIS): 45 mm; invasive size: 28 mm", "diagnosis.tumor_size_mm", 28.0,
     "invasive size: 28 mm"),
    ("Gross: Mastectomy specimen 22x18x5 cm. Tumour in UOQ measuring 3.2x2.8x2 cm.", "diagnosis.tumor_size_mm", 32.0,
     "Tumour in UOQ measuring 3.2x2.8x2 cm"),
    ("Tumour bed measuring 4 cm.", "diagnosis.tumor_size_mm", None, None),
    # Dictated prose: one receptor's "was negative" does not negate the receptor before it.
    ("ER was strongly positive at 95 percent, PR was 20 percent and HER2 was negative by FISH with a ratio of 1.1.",
     "receptors.er.status", "positive", "ER was strongly positive"),
    ("ER was strongly positive at 95 percent, PR was 20 percent and HER2 was negative by FISH with a ratio of 1.1.",
     "receptors.pr.percent", 20.0, "PR was 20 percent"),
    ("Estrogen receptor was positive and progesterone receptor was negative.", "receptors.er.status", "positive",
     "Estrogen receptor was positive"),
    ("ER and PR were positive, HER2 (IHC) was negative", "receptors.pr.status", "positive", "ER and PR were positive"),
    ("ER and PR were positive, HER2 (IHC) was negative", "receptors.her2.status", "negative",
     "HER2 (IHC) was negative"),
    # Spelled-out node counts with none / zero.
    ("The pathology showed zero of two sentinel nodes involved.", "lymph_nodes.positive", 0,
     "zero of two sentinel nodes"),
    ("none of the three sentinel nodes involved", "lymph_nodes.examined", 3, "none of the three sentinel nodes"),
    ("None of 14 axillary lymph nodes contain carcinoma.", "lymph_nodes.positive", 0,
     "None of 14 axillary lymph nodes"),
    # CAP biomarker template Ki-67 line.
    ("Ki-67: Percentage of Positive Nuclei: 12%", "receptors.ki67_percent", 12.0,
     "Ki-67: Percentage of Positive Nuclei: 12%"),
    ("Ki67: positive in 40% of tumor cells", "receptors.ki67_percent", 40.0, "Ki67: positive in 40%"),
    ("Ki-67: not performed; ER 90%", "receptors.ki67_percent", None, None),
    # "ER/PR: positive/negative" is read respectively.
    ("ER/PR: positive/negative", "receptors.er.status", "positive", "ER/PR: positive"),
    ("ER/PR: positive/negative", "receptors.pr.status", "negative", "ER/PR: positive/negative"),
    ("ER/PR: negative", "receptors.pr.status", "negative", "ER/PR: negative"),
    ("HR: 88 bpm, BP 130/85, HR-QoL questionnaire done.", "receptors.pr.status", None, None),
    # "Lymph-vascular space invasion" is one label; an open answer is no value.
    ("Lymph-vascular space invasion: present", "diagnosis.lvi", "present", "Lymph-vascular space invasion: present"),
    ("Lymph-vascular space invasion: suspicious", "diagnosis.lvi", None, None),
    ("Lymphovascular invasion: No\nTreatment effect: No\nMicrocalcifications: none", "diagnosis.lvi", "absent",
     "Lymphovascular invasion"),
    ("Margins: negative; closest 2 mm", "diagnosis.margins", "negative", "Margins: negative"),
    # Nottingham components written as a sum without plus signs.
    ("Modified Bloom Richardson: tubules 3 nuclei 2 mitoses 1 = 6, grade 2", "diagnosis.nottingham_score", 6,
     "tubules 3 nuclei 2 mitoses 1 = 6"),
    ("Tubules 3, nuclei 3, mitoses 3 = 8", "diagnosis.nottingham_score", None, None),  # the sum disagrees
    # Grade components written T/N/M are never a staging string (no M1).
    ("Histological grade: 2 (T3 N2 M1)", "stage.pathologic.m", None, None),
    ("Histological grade: 2 (T3 N2 M1)", "stage.pathologic.t", None, None),
    ("Nottingham grade 2 (T2, P3, M1)", "stage.clinical.m", None, None),
    ("Grade 3 (T3 N3 M2 = 8)", "stage.pathologic.n", None, None),
    ("Invasive ductal carcinoma, grade 3 (pT2 pN1 M0)", "stage.pathologic.n", "N1", "pN1"),
    ("IDC grade 3, T2 N1 M0", "stage.pathologic.t", "T2", "T2"),
    # round 5 (staging and tumour extent)
    # A grade next to an invasive carcinoma named without a type.
    ("Residual invasive carcinoma, 1.2 cm, grade 3.", "diagnosis.grade", 3, "grade 3"),
    ("Invasive carcinoma, grade 2.", "diagnosis.grade", 2, "grade 2"),
    ("CARCINOMA, INVASIVE DUCTAL TYPE, GRADE II/III, RIGHT BREAST.", "diagnosis.grade", 2, "GRADE II/III"),
    ("Diagnosis: Infiltrating duct carcinoma. Tumor size: 3.5x2.5x2 cm. Lymph nodes: 3 of 15 positive. TNM: T2N1M0. "
     "Grade 3/3.", "diagnosis.grade", 3, "Grade 3/3"),
    ("INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE Ill (SEE NOTE).", "diagnosis.grade", 3, "NOTTINGHAM GRADE Ill"),
    ("No invasive carcinoma is identified. Ductal carcinoma in situ, solid type, grade 2.", "diagnosis.grade", None,
     None),
    ("Negative for invasive carcinoma. Atypical ductal hyperplasia, grade 2.", "diagnosis.grade", None, None),
    ("The lesion was ill defined, grade ill", "diagnosis.grade", None, None),
    # Spaced and merged staging strings.
    ("AJCC (8TH EDITION) STAGING: p T 1 c N 0 (sn) M X", "stage.pathologic.t", "T1c", "p T 1 c"),
    ("AJCC (8TH EDITION) STAGING: p T 1 c N 0 (sn) M X", "stage.pathologic.prefix", "p", "p T 1 c"),
    ("Stage: p T3 p N 3 a", "stage.pathologic.n", "N3a", "p N 3 a"),
    ("Lymph nodes: 4/10 with metastases. pT2pN2aM0.", "stage.pathologic.t", "T2", "pT2"),
    ("Lymph nodes: 4/10 with metastases. pT2pN2aM0.", "stage.pathologic.n", "N2a", "pN2a"),
    ("pT1cpN0(sn)", "stage.pathologic.n", "N0", "pN0(sn)"),
    ("up T2 weighted images", "stage.pathologic.t", None, None),
    # A stage group in the sentence of a clinical label is the clinical one.
    ("Clinical diagnosis: cancer of the right breast, T2N1M0, stage IIB.", "stage.clinical.group", "IIB", "stage IIB"),
    ("Clinical diagnosis: cancer of the right breast, T2N1M0, stage IIB.", "stage.group", None, None),
    ("Clinical diagnosis: breast cancer. Final diagnosis: invasive ductal carcinoma, pT2 pN1a, stage IIB.",
     "stage.group", "IIB", "stage IIB"),
    # Tumour size.
    ("TUMOR SIZE: GREATEST DIMENSION: 2.3 CM", "diagnosis.tumor_size_mm", 23.0,
     "TUMOR SIZE: GREATEST DIMENSION: 2.3 CM"),
    ("Tumor size: greatest dimension 2.3 cm", "diagnosis.tumor_size_mm", 23.0, "Tumor size: greatest dimension 2.3 cm"),
    ("Macroscopy: the mammary gland 22x18x5 cm with a tumour 3.5x2.5x2 cm in the upper outer quadrant.",
     "diagnosis.tumor_size_mm", 35.0, "tumour 3.5x2.5x2 cm"),
    ("Macroscopic description: the gland contains a tumour node 2.8 cm in diameter.", "diagnosis.tumor_size_mm", 28.0,
     "tumour node 2.8 cm"),
    ("Macroscopically: breast 19 x 15 x 4 cm, in the upper-outer quadrant a tumour of 2.2 x 1.9 x 1.6 cm, 3 cm from "
     "the deep margin.", "diagnosis.tumor_size_mm", 22.0, "tumour of 2.2 x 1.9 x 1.6 cm"),
    ("Cut section shows a firm greyish white tumour measuring 6x5x4cm.", "diagnosis.tumor_size_mm", 60.0,
     "tumour measuring 6x5x4cm"),
    ("Gross: tumor 2.5x2x2 cm, hard.", "diagnosis.tumor_size_mm", 25.0, "tumor 2.5x2x2 cm"),
    ("Invasive carcinoma of no special type, grade 2, size 17 mm.", "diagnosis.tumor_size_mm", 17.0,
     "carcinoma of no special type, grade 2, size 17 mm"),
    ("Invasive lobular carcinoma, multifocal (3 foci; largest 2.4 cm; others 0.9 and 0.5 cm).",
     "diagnosis.tumor_size_mm", 24.0, "multifocal (3 foci; largest 2.4 cm"),
    ("Breast with a tumor 2 cm from the deep margin.", "diagnosis.tumor_size_mm", None, None),
    ("Margin: tumor 2 mm away", "diagnosis.tumor_size_mm", None, None),
    ("Axillary lymph nodes: metastatic carcinoma in 2 of 12; the largest metastasis 3 mm", "diagnosis.tumor_size_mm",
     None, None),
    # Node counts.
    ("- SENTINEL LYMPH NODES: 1 OF 3 WITH MICROMETASTASIS (0.15 CM); NON-SENTINEL LYMPH NODES: 0 OF 6.",
     "lymph_nodes.examined", 9, "SENTINEL LYMPH NODES: 1 OF 3 WITH MICRO"),
    ("- SENTINEL LYMPH NODES: 1 OF 3 WITH MICROMETASTASIS (0.15 CM); NON-SENTINEL LYMPH NODES: 0 OF 6.",
     "lymph_nodes.micrometastases", 1, "SENTINEL LYMPH NODES: 1 OF 3 WITH MICRO"),
    ("Axillary fatty tissue with 12 lymph nodes, metastases in 2.", "lymph_nodes.positive", 2,
     "12 lymph nodes, metastases in 2"),
    ("Diagnosis: Invasive ductal carcinoma. LYMPH NODES 1/12.", "lymph_nodes.examined", 12, "LYMPH NODES 1/12"),
    ("Axillary lymph nodes: two of nine involved.", "lymph_nodes.positive", 2,
     "Axillary lymph nodes: two of nine involved"),
    ("Sentinel node: 1 of 2 negative", "lymph_nodes.positive", 1, "Sentinel node: 1 of 2 negative"),
    ("Lymph nodes: 0 of 1.5 cm", "lymph_nodes.examined", None, None),
    ("LYMPH NODES, LEFT AXILLA (LEVEL I AND II): 0/9.", "lymph_nodes.examined", 9,
     "LYMPH NODES, LEFT AXILLA (LEVEL I AND II): 0/9"),
    ("Lymph Nodes Examined: 3\nLymph Nodes Positive: 0\n", "lymph_nodes.positive", 0, "Lymph Nodes Positive: 0"),
    ("RIGHT BREAST, MASTECTOMY:\nINVASIVE DUCTAL CARCINOMA, 2 FOCI:\n FOCUS 1 (LOWER INNER QUADRANT): 0.7 CM.\n "
     "FOCUS 2 (UPPER OUTER QUADRANT): 2.6 CM.\n", "diagnosis.tumor_size_mm", 26.0,
     "FOCUS 2 (UPPER OUTER QUADRANT): 2.6 CM"),
    # The words before a size are not its spaced decimal point ("grade 3, 6.2 cm").
    ("Invasive micropapillary carcinoma, grade 3, 6.2 cm, with skin ulceration.", "diagnosis.tumor_size_mm", 62.0,
     "carcinoma, grade 3, 6.2 cm"),
    ("Invasive carcinoma. Axillary lymph nodes: out of 10 nodes, 2 contain metastases.", "lymph_nodes.positive", 2,
     "out of 10 nodes, 2 contain metastases"),
    ("out of twelve lymph nodes examined, three are involved", "lymph_nodes.examined", 12,
     "out of twelve lymph nodes examined, three are involved"),
    ("Out of 5 lymph nodes, none contain metastases", "lymph_nodes.positive", 0,
     "Out of 5 lymph nodes, none contain metastases"),
    ("SENTINEL NODES: 2, BOTH NEGATIVE. NON-SENTINEL NODES: 4, ALL NEGATIVE.", "lymph_nodes.examined", 6,
     "SENTINEL NODES: 2, BOTH NEGATIVE"),
    ("Final staging: STAGE II-A", "stage.group", "IIA", "STAGE II-A"),
    ("pT2, pN1 (sn), cM0, L0, V0, Pn0, R0, G2", "stage.pathologic.n", "N1", "pN1 (sn)"),
    ("pT1a(m) pN0(mol+)", "stage.pathologic.n", "N0(mol+)", "pN0(mol+)"),
    ("Clinical information: If the axillary nodes are positive, the patient would be stage IIB; otherwise IIA.",
     "stage.group", None, None),
    ("FINAL DIAGNOSIS:\n - DUCTAL CARCINOMA IN SITU, HIGH NUCLEAR GRADE (GRADE 3), COMEDO TYPE, SPANNING 1.5 CM.\n"
     " - NO INVASIVE CARCINOMA IDENTIFIED.", "diagnosis.grade", None, None),
    ("FINAL DIAGNOSIS:\n - DUCTAL CARCINOMA IN SITU, HIGH NUCLEAR GRADE (GRADE 3), COMEDO TYPE, SPANNING 1.5 CM.\n"
     " - NO INVASIVE CARCINOMA IDENTIFIED.", "diagnosis.tumor_size_mm", None, None),
    ("Histological examination: infiltrating ductal carcinoma of the breast, grade III (Bloom-Richardson 8 points), "
     "tumour diameter 2,3 cm.", "diagnosis.tumor_size_mm", 23.0, "tumour diameter 2,3 cm"),
    ("Final diagnosis: LEFT BREAST, MASTECTOMY: INVASIVE DUCTAL CARCINOMA. LYMPH NODES (14): 3 WITH METASTASES, 11 "
     "WITHOUT METASTASES.", "lymph_nodes.positive", 3, "LYMPH NODES (14): 3 WITH METASTASES"),
    ("Axillary lymph nodes (9): none involved", "lymph_nodes.examined", 9, "Axillary lymph nodes (9): none involved"),
    ("Breast carcinoma, ductal, invasive. Grade: II. Size: 28 mm. Nodes: 0/5.", "diagnosis.tumor_size_mm", 28.0,
     "Size: 28 mm"),
    ("Invasive carcinoma. Specimen: mastectomy. Size: 25 x 20 x 5 cm.", "diagnosis.tumor_size_mm", None, None),
    ("Invasive carcinoma, grade 2. DCIS, intermediate grade. Size: 12 mm.", "diagnosis.tumor_size_mm", None, None),
    ("SBR GRADE: 2 (T:3, N:2, M:1). pT2 pN1a.", "stage.pathologic.t", "T2", "pT2"),
    ("Diagnosis: BREAST (RIGHT) - INVASIVE DUCTAL CARCINOMA NOS, GRADE 3. MAXIMUM DIMENSION 55 MM.",
     "diagnosis.tumor_size_mm", 55.0, "MAXIMUM DIMENSION 55 MM"),
    ("Invasive carcinoma. Specimen 20 x 15 cm, maximum dimension 20 cm.", "diagnosis.tumor_size_mm", None, None),
    # A new sentence about DCIS does not make the invasive carcinoma's grade a DCIS grade.
    ("Left breast, mastectomy: Invasive ductal carcinoma measuring 2.2 cm, grade 2. Ductal carcinoma in situ "
     "measuring 4.5 cm.", "diagnosis.grade", 2, "grade 2"),
    ("Invasive ductal carcinoma, grade 2 DCIS present", "diagnosis.grade", None, None),
    ("Previous core biopsy (outside) reported grade 3.", "diagnosis.grade", None, None),
    ("Final Diagnosis: Right breast, modified radical mastectomy: Mixed invasive ductal and lobular carcinoma. "
     "Tumor size (gross): 3.8 cm. Lymph nodes: 0 positive / 21 total.", "diagnosis.tumor_size_mm", 38.0,
     "Tumor size (gross): 3.8 cm"),
    ("Invasive carcinoma. Lymph nodes: 0 positive / 21 total.", "lymph_nodes.examined", 21, "0 positive / 21 total"),
    ("Lymph nodes: 0 positive", "lymph_nodes.examined", None, None),
    ("Carcinoma ductale infiltrans G-2", "diagnosis.grade", 2, "G-2"),
    ("Invasive ductal carcinoma. Sections G-1 and G-2 show tumour", "diagnosis.grade", None, None),
    ("Invasive ductal carcinoma. Blocks G-1 to G-3 submitted", "diagnosis.grade", None, None),
    ("Invasive ductal carcinoma. Degree of differentiation: G2.", "diagnosis.grade", 2, "G2"),
    # round 5 (receptors and tumour type)
    # OCR letter slips and line-break hyphens inside histology words (the reading is on the evidence).
    ("HISTOLOGIC TYPE: INVASIVE DUCTAI CARCINOMA (NO SPECIAL TYPE)", "diagnosis.histology", "invasive_ductal",
     "INVASIVE DUCTAI CARCINOMA"),
    ("- INVASIVE LOBUIAR CARCINOMA, CLASSIC TYPE.", "diagnosis.histology", "invasive_lobular",
     "INVASIVE LOBUIAR CARCINOMA"),
    ("INFILTRATING LOBU-\nLAR CARCINOMA, PLEOMORPHIC TYPE", "diagnosis.histology_code", "8520/3",
     "INFILTRATING LOBU-\nLAR CARCINOMA"),
    ("INVASIVE DUCTAL CARClNOMA, GRADE 2", "diagnosis.histology", "invasive_ductal", "INVASIVE DUCTAL CARClNOMA"),
    # "with micropapillary features" names the pattern; a stated ductal type stays ductal.
    ("INVASIVE CARCI-\nNOMA WITH MICROPAPILLARY FEATURES, GRADE 3.", "diagnosis.histology", "other",
     "INVASIVE CARCI-\nNOMA WITH MICROPAPILLARY FEATURES"),
    ("Invasive carcinoma with micropapillary features.", "diagnosis.histology_code", "8507/3",
     "Invasive carcinoma with micropapillary features"),
    ("Invasive ductal carcinoma with micropapillary features.", "diagnosis.histology", "invasive_ductal",
     "Invasive ductal carcinoma"),
    # An invasive carcinoma without a type gives no histology (ductal is not assumed), and DCIS beside it
    # is its in-situ component, not the histology; DCIS alone (invasion negated) stays the histology.
    ("Right breast, excision: Invasive carcinoma, grade 2, 1.4 cm.", "diagnosis.histology", None, None),
    ("Invasive carcinoma, grade 2. Ductal carcinoma in situ, low grade.", "diagnosis.histology", None, None),
    ("Invasive carcinoma, grade 2. Ductal carcinoma in situ, low grade.", "diagnosis.in_situ_histology", "dcis",
     "Ductal carcinoma in situ"),
    ("Ductal carcinoma in situ, high grade. No invasive carcinoma identified.", "diagnosis.histology", "dcis",
     "Ductal carcinoma in situ"),
    ("DCIS, high grade. Negative for invasive carcinoma.", "diagnosis.histology", "dcis", "DCIS"),
    # NST written with the organ or as "non-specific type" (translated reports).
    ("Invasive carcinoma of the breast, no special type (NST), grade 2.", "diagnosis.histology", "invasive_ductal",
     "Invasive carcinoma of the breast, no special type"),
    ("Invasive carcinoma of non-specific type (invasive ductal), G3", "diagnosis.histology_code", "8500/3",
     "Invasive carcinoma of non-specific type"),
    # Allred written as points (translated reports); an H-score in points is not an Allred score.
    ("Estrogen receptor (clone SP1): 7 points by Allred (PS 5, IS 2), positive.", "receptors.er.allred", 7,
     "Estrogen receptor (clone SP1): 7 points by Allred"),
    ("Estrogen receptors (ER) - 0 points. Progesterone receptors (PR) - 0 points.", "receptors.pr.allred", 0,
     "Progesterone receptors (PR) - 0 points"),
    ("Estrogen receptors (ER) - 0 points. Progesterone receptors (PR) - 0 points.", "receptors.er.status",
     "negative", "Estrogen receptors (ER) - 0 points"),
    ("ER: 150 points (H-score)", "receptors.er.allred", None, None),
    ("ER: 5 points on H-score", "receptors.er.allred", None, None),
    # Plus signs: "+++" is a positive receptor and its intensity; HER2 "++"/"+++" is the IHC score.
    ("Estrogen receptor: +++ (strong, 90%)", "receptors.er.status", "positive", "Estrogen receptor: +++"),
    ("Estrogen receptor: +++ (strong, 90%)", "receptors.er.intensity", "strong", "Estrogen receptor: +++"),
    ("Estrogen receptors: positive (+++) in 80 % of tumour cells.", "receptors.er.intensity", "strong",
     "Estrogen receptors: positive (+++)"),
    ("Progesterone receptors: positive (++) in 40 % of tumour cells.", "receptors.pr.intensity", "moderate",
     "Progesterone receptors: positive (++)"),
    ("HER2/neu: +++", "receptors.her2.ihc_score", "3+", "HER2/neu: +++"),
    ("HER2: ++ (moderate, incomplete membrane staining in 15% of cells)", "receptors.her2.ihc_score", "2+",
     "HER2: ++"),
    ("HER2: +", "receptors.her2.ihc_score", None, None),
    ("ER+/PR+/HER2+", "receptors.her2.ihc_score", None, None),
    # A provisional status, and class statements about tumours in general, are no results.
    ("Conclusion: Luminal B (HER2-negative pending ISH).", "receptors.her2.status", None, None),
    ("HER2 negative, awaiting FISH", "receptors.her2.status", None, None),
    ("Note: ER-low positive tumors may behave like ER-negative tumors.", "receptors.er.status", None, None),
    ("ER: positive (95%). ER-positive cancers may benefit from endocrine therapy.", "receptors.er.status",
     "positive", "ER: positive"),
    # The type named after the carcinoma, "NOS", and a "Tumor type:" label.
    ("Invasive carcinoma, ductal type, grade 2", "diagnosis.histology", "invasive_ductal",
     "Invasive carcinoma, ductal type"),
    ("INVASIVE CARCINOMA (DUCTAL TYPE)", "diagnosis.histology_code", "8500/3", "INVASIVE CARCINOMA (DUCTAL TYPE)"),
    ("Invasive ca, ductal type, grade 2", "diagnosis.histology", "invasive_ductal", "Invasive ca, ductal type"),
    ("Invasive carcinoma, lobular type", "diagnosis.histology", "invasive_lobular", "Invasive carcinoma, lobular type"),
    ("Invasive carcinoma, NOS", "diagnosis.histology", "invasive_ductal", "Invasive carcinoma, NOS"),
    ("Tumor type: invasive ductal", "diagnosis.histology", "invasive_ductal", "Tumor type: invasive ductal"),
    ("Invasive carcinoma, nos grade 2", "diagnosis.histology", None, None),  # "nos" in lower case is no code
    # Allred as a total score (TS) or a bare sum with its proportion and intensity scores.
    ("ER status - positive (TS 8: PS 5 + IS 3)", "receptors.er.allred", 8, "ER status - positive (TS 8"),
    ("ER: 8 (PS 5, IS 3)", "receptors.er.allred", 8, "ER: 8 (PS 5, IS 3)"),
    ("PR: 0 (PS 0, IS 0)", "receptors.pr.status", "negative", "PR: 0 (PS 0, IS 0)"),
    ("ER: 8 (cores 3)", "receptors.er.allred", None, None),
    # Ki-67 inside a parenthesis after its description; HercepTest as the HER2 label.
    ("Proliferative activity (Ki-67): 30% of tumour cells", "receptors.ki67_percent", 30.0, "Ki-67): 30%"),
    ("Herceptest: 2+ (weakly positive)", "receptors.her2.ihc_score", "2+", "Herceptest: 2+"),
    ("HER2/neu (HercepTest): NEGATIVE (1+)", "receptors.her2.status", "negative", "HER2/neu (HercepTest): NEGATIVE"),
    # An ISH result given as "equivocal" is the ISH result (and leaves the status equivocal).
    ("HER2 by FISH: equivocal (ratio 1.9, average HER2 copy number 4.5)", "receptors.her2.ish_result", "equivocal",
     "HER2 by FISH: equivocal"),
    # Leader dots between a label and its value in a markers table.
    ("HER-2/neu (IHC) .............. NEGATIVE (score 1+)", "receptors.her2.status", "negative",
     "HER-2/neu (IHC) .............. NEGATIVE"),
    ("Estrogen receptor studies on the current tumor: positive, 60%, moderate.", "receptors.er.status", "positive",
     "Estrogen receptor studies on the current tumor: positive"),
    ("Receptors: ER 100% (+++), PgR 30% (++), HER2 1+ negative", "receptors.pr.intensity", "moderate",
     "PgR 30% (++)"),
    # lead: the type after the word carcinoma, as LIS printouts order it
    ("LEFT BREAST: CARCINOMA, INVASIVE DUCTAL TYPE, GRADE II/III.", "diagnosis.histology", "invasive_ductal",
     "CARCINOMA, INVASIVE DUCTAL TYPE"),
    ("BREAST, RIGHT: CARCINOMA, INFILTRATING LOBULAR, CLASSIC TYPE.", "diagnosis.histology", "invasive_lobular",
     "CARCINOMA, INFILTRATING LOBULAR"),
    ("BREAST: CARCINOMA, DUCTAL, IN SITU, SOLID TYPE.", "diagnosis.histology", "dcis", "CARCINOMA, DUCTAL, IN SITU"),
    # lead: a size closing one numbered part is not a node count of the next ("12 MM.\n2. ONE LYMPH NODE")
    ("1. LEFT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, GRADE 2, 12 MM.\n2. ONE LYMPH NODE WITH "
     "MICROMETASTASIS (1/1).", "lymph_nodes.positive", 1, "(1/1)"),
    # lead: "SEE. COMMENT." in run-on OCR text refers to a comment; it does not open one
    ("DIAGNOSIS: A. BREAST, RIGHT, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, GRADE 3, SEE. COMMENT. B. LYMPH NODES, "
     "RIGHT AXILLA: METASTATIC CARCINOMA IN SIX OF FIFTEEN LYMPH NODES (6/15).", "lymph_nodes.positive", 6, "(6/15)"),
    # lead: an ISH group stated with its own definition is a result, not quoted guideline text
    ("HER2 ISH: Group 5 (HER2/CEP17 ratio < 2.0 and average HER2 copy number < 4.0), negative.",
     "receptors.her2.ish_result", "not_amplified",
     "HER2 ISH: Group 5 (HER2/CEP17 ratio < 2.0 and average HER2 copy number < 4.0), negative"),
    # round 5, second pass (receptors and tumour type)
    # "with lobular features" describes one carcinoma: its stated type, or no histology when untyped.
    ("Infiltrating carcinoma (NST) with focal lobular features, G2.", "diagnosis.histology", "invasive_ductal",
     "Infiltrating carcinoma (NST)"),
    ("INVASIVE CARCINOMA WITH LOBULAR DIFFERENTIATION, GRADE 2.", "diagnosis.histology", None, None),
    ("Invasive carcinoma with mixed ductal and lobular features, 2.2 cm.", "diagnosis.histology_code", "8522/3",
     "Invasive carcinoma with mixed ductal and lobular features"),
    # Receptor tables flattened by OCR or a PDF: the column bar is filler.
    ("Marker | Result | Percent | Intensity\nER | Positive | 80-90% | Strong", "receptors.er.percent", 80.0,
     "ER | Positive | 80-90%"),
    ("ER | Positive | 80-90% | Strong", "receptors.er.intensity", "strong", "ER | Positive | 80-90% | Strong"),
    ("PR | Negative | less than 1% | -", "receptors.pr.status", "negative", "PR | Negative"),
    ("HER2 (IHC) | Negative | 1+ |", "receptors.her2.ihc_score", "1+", "HER2 (IHC) | Negative | 1+"),
    ("Ki-67 (MIB1) | hot spot 25% |", "receptors.ki67_percent", 25.0, "Ki-67 (MIB1) | hot spot 25%"),
    ("KI-67 (MIB1) HOT SPOT 18%.", "receptors.ki67_percent", 18.0, "KI-67 (MIB1) HOT SPOT 18%"),
    ("MIB1 hot-spot index 40%", "receptors.ki67_percent", 40.0, "MIB1 hot-spot index 40%"),
    ("Estrogen receptor: weakly positive in 5% of tumor cells.", "receptors.er.status", "low_positive",
     "Estrogen receptor: weakly positive in 5%"),
    ("Progesterone receptor: less than 1% (negative).", "receptors.pr.percent", 0.0,
     "Progesterone receptor: less than 1%"),
    # mRNA results (TargetPrint, RT-PCR) are not the IHC result.
    ("TargetPrint (mRNA): ER positive, PR positive, HER2 negative.", "receptors.er.status", None, None),
    ("TargetPrint (mRNA): ER positive, PR positive, HER2 negative.", "receptors.her2.status", None, None),
    ("Single-gene results by RT-PCR: ER positive, PR negative.", "receptors.pr.status", None, None),
    ("ER: Positive by RT-PCR (Oncotype DX).", "receptors.er.status", None, None),
    ("ER Score: 9.8 Positive", "receptors.er.status", None, None),
    ("Oncotype DX recurrence score 14. Tumor ER positive (95%) by IHC.", "receptors.er.status", "positive",
     "ER positive"),
    ("IHC per submitting lab ER positive 90%, PR positive 30%.", "receptors.pr.percent", 30.0, "PR positive 30%"),
    # Consult letters quoting outside results: the result, as quoted.
    ("Per outside report from Lakeshore Pathology: ER 95%, PR 5%, HER2 1+ by IHC.", "receptors.pr.percent", 5.0,
     "PR 5%"),
    ("Her sister had ER-negative breast cancer at 44.", "receptors.er.status", None, None),
    # An ISH line whose label is followed by its measures, not a value.
    ("HER2 FISH (dual probe): RATIO 2.6, MEAN HER2 COPY NUMBER 6.3. AMPLIFIED.", "receptors.her2.ish_ratio", 2.6,
     "HER2 FISH (dual probe): RATIO 2.6"),
    ("HER2 FISH (dual probe): RATIO 2.6, MEAN HER2 COPY NUMBER 6.3. AMPLIFIED.", "receptors.her2.ish_result",
     "amplified", "HER2 FISH (dual probe): RATIO 2.6, MEAN HER2 COPY NUMBER 6.3. AMPLIFIED"),
    ("HER2 SISH: ratio 1.3, not amplified.", "receptors.her2.ish_result", "not_amplified",
     "HER2 SISH: ratio 1.3, not amplified"),
    ("HER2 FISH: to follow in an addendum. Ratio 2.4 on the control.", "receptors.her2.ish_ratio", None, None),
    ("FISH REPORT - HER2/neu\nHER2/CEP17 ratio: 1.11\nINTERPRETATION: NEGATIVE (NOT AMPLIFIED), GROUP 5.",
     "receptors.her2.ish_ratio", 1.11, "HER2/CEP17 ratio: 1.11"),
    ("FISH REPORT - HER2/neu probe\nINTERPRETATION: NEGATIVE (NOT AMPLIFIED).", "receptors.her2.ish_result",
     "not_amplified", "HER2/neu probe\nINTERPRETATION: NEGATIVE (NOT AMPLIFIED"),
    ("HER2 IHC (4B5): EQUIVOCAL (2+). INTERPRETATION: EQUIVOCAL (AMPLIFIED CONTROL).", "receptors.her2.ish_result",
     None, None),
    # "status" alone is no history ("status post" is).
    ("Receptor status: ER - negative (0%), PR - negative (0%).", "receptors.er.status", "negative", "ER - negative"),
    # Spaced letters are not read: the words are not there to read as written.
    ("E R : P O S I T I V E    P R : N E G A T I V E", "receptors.er.status", None, None),
    # Three results written respectively after three labels.
    ("RESULTS OF IMMUNOSTAINS: ER/PR/HER2: +/+/- .", "receptors.pr.status", "positive", "ER/PR/HER2: +/+/-"),
    ("RESULTS OF IMMUNOSTAINS: ER/PR/HER2: +/+/- .", "receptors.her2.status", "negative", "ER/PR/HER2: +/+/-"),
    ("ER/PgR/HER2neu = pos/neg/neg", "receptors.pr.status", "negative", "ER/PgR/HER2neu = pos/neg/neg"),
    ("ER/PR/HER2 testing: see addendum 1/2/3.", "receptors.er.status", None, None),
    ("ER(+) PR(-) HER2(3+). Ki-67: 20-25%.", "receptors.ki67_percent", 20.0, "Ki-67: 20-25%"),
    ("HER2:CEP17 = 2.35, average copies 5.1 (ISH).", "receptors.her2.ish_ratio", 2.35, "HER2:CEP17 = 2.35"),
    # Equivocal by both IHC and ISH; the final status is the one stated.
    ("HER2 testing summary: IHC 2+ (equivocal); reflex FISH: ratio 1.8 - ISH equivocal (group 4).",
     "receptors.her2.ihc_score", "2+", "HER2 testing summary: IHC 2+"),
    ("HER2 testing summary: IHC 2+ (equivocal); reflex FISH: ratio 1.8 - ISH equivocal (group 4).",
     "receptors.her2.ish_result", "equivocal",
     "HER2 testing summary: IHC 2+ (equivocal); reflex FISH: ratio 1.8 - ISH equivocal"),
    ("HER2 DDISH: Ratio 1.1. HER2 average copy number 2.3.\nFinal HER2: NEGATIVE (IHC 1+).",
     "receptors.her2.ish_ratio", 1.1, "HER2 DDISH: Ratio 1.1"),
    # round 6 (US community, tissue-bank, CAP 2005-2009 checklist styles): the largest of numbered foci
    # is the index cancer, wherever it stands; an unticked checklist option is no value, a ticked one is.
    (_FOCI_RUN_ON, "diagnosis.grade", 2, "grade 2"),
    (_FOCI_RUN_ON, "diagnosis.tumor_size_mm", 21.0, "Focus 2: grade 2, 2.1 cm"),
    (_FOCI_LINES, "diagnosis.grade", 1, "Nottingham combined histologic grade 1"),
    (_FOCI_LINES, "diagnosis.tumor_size_mm", 21.0, "measuring 2.1 cm in greatest dimension"),
    ("Tumour 1 (12 o'clock): invasive lobular carcinoma, 1.1 cm. Tumour 2 (3 o'clock): invasive lobular carcinoma, "
     "3.2 cm.", "diagnosis.tumor_size_mm", 32.0, "Tumour 2 (3 o'clock): invasive lobular carcinoma, 3.2 cm"),
    ("Focality: single focus of invasive ductal carcinoma. Nottingham grade 2. Tumor size: 1.4 cm.",
     "diagnosis.grade", 2, "Nottingham grade 2"),
    ("HISTOLOGIC GRADE: Nottingham: [ ] Grade 1  [X] Grade 2  [ ] Grade 3", "diagnosis.grade", 2, "Grade 2"),
    ("HISTOLOGIC TYPE: [ ] Invasive ductal carcinoma  [X] Invasive lobular carcinoma  [ ] Mixed",
     "diagnosis.histology", "invasive_lobular", "Invasive lobular carcinoma"),
    ("Primary tumor (pT): ( ) pT1c  (x) pT2  ( ) pT3", "stage.pathologic.t", "T2", "pT2"),
    ("Regional lymph nodes: [ ] pN0  [ ] pN1a  [X] pN2a", "stage.pathologic.n", "N2a", "pN2a"),
    ("ER: [X] Positive  [ ] Negative  Percent 70%", "receptors.er.status", "positive", "ER: [X] Positive"),
    ("PR: [ ] Positive  [X] Negative", "receptors.pr.status", "negative", "PR: [ ] Positive  [X] Negative"),
    ("HER2 (IHC): [ ] 0  [ ] 1+  [X] 2+  [ ] 3+", "receptors.her2.ihc_score", "2+",
     "HER2 (IHC): [ ] 0  [ ] 1+  [X] 2+"),
    # the microscopic size beside a gross one is the pathologic size; a DCIS's microscopic extent is none
    ("Invasive ductal carcinoma. Tumor size (gross): 2.1 cm; (microscopic): 1.9 cm.", "diagnosis.tumor_size_mm",
     19.0, "(microscopic): 1.9 cm"),
    ("Invasive ductal carcinoma, microscopic size: 8 mm.", "diagnosis.tumor_size_mm", 8.0, "microscopic size: 8 mm"),
    ("2. Intraductal carcinoma: A. Microscopic measurement: 6.1 cm, spanning five slices.",
     "diagnosis.tumor_size_mm", None, None),
    ("SIZE OF INVASIVE COMPONENT: Greatest dimension: 1.6 cm", "diagnosis.tumor_size_mm", 16.0,
     "SIZE OF INVASIVE COMPONENT: Greatest dimension: 1.6 cm"),
    # a letter before the point on a text layer: no "7 cm" read from "l.7 CM"
    ("INFILTRATING DUCTAL CARCINOMA, MEASURING l.7 CM IN GREATEST DIMENSION.", "diagnosis.tumor_size_mm", None, None),
    # a relative's cancer
    ("Clinical history of a mother with breast cancer (ER positive, grade 2).", "receptors.er.status", None, None),
    ("Clinical history of a mother with breast cancer (ER positive, grade 2).", "diagnosis.grade", None, None),
    ("Her sister had invasive ductal carcinoma, grade 3, at 45.", "diagnosis.grade", None, None),
    # an ITC node named besides the count does not make the counted positives ITC
    ("SUMMARY: TOTAL LYMPH NODES 1/14 POSITIVE (PLUS ONE WITH ISOLATED TUMOR CELLS).", "lymph_nodes.positive", 1,
     "TOTAL LYMPH NODES 1/14"),
    ("Axillary lymph nodes: 1/3 (isolated tumor cells only, by keratin stain).", "lymph_nodes.positive", 0,
     "Axillary lymph nodes: 1/3"),
    ("Lymph nodes: 0/3 (sentinel 0/2, non-sentinel 0/1)", "lymph_nodes.examined", 3, "Lymph nodes: 0/3"),
    ("AJCC 7th edition: pT1c pN0(i-) pMx", "stage.pathologic.n", "N0", "pN0(i-)"),
    ("Immunohistochemistry: ER (+) 70%, PR (+) 30%, HER2 (2+), Ki67 20%.", "receptors.her2.ihc_score", "2+",
     "HER2 (2+"),
    ("FISH HER2: no amplification (ratio 1.4).", "receptors.her2.ish_result", "not_amplified",
     "HER2: no amplification"),
    ("Estrogen receptor: positive in 95% of neoplastic cells (strong intensity).", "receptors.er.percent", 95.0,
     "Estrogen receptor: positive in 95%"),
    ("Diagnosis: Invasive ductal carcinoma (NOS), Modified Bloom Richardson grade III (score 8/9), left breast.",
     "diagnosis.grade", 3, "Modified Bloom Richardson grade III"),
    ("HISTOLOGIC GRADE: ( ) I (X) II ( ) III", "diagnosis.grade", 2, "HISTOLOGIC GRADE: ( ) I (X) II"),
    (_TUMOURS_NUMBERED, "diagnosis.grade", 3, "Nottingham grade 3"),
    (_TUMOURS_NUMBERED, "receptors.er.percent", 40.0, "ER positive (40%"),
    (_TUMOURS_NUMBERED, "diagnosis.tumor_size_mm", 27.0, "Tumor #2 (lower inner quadrant): 2.7 cm"),
    # a sentinel-only count is the examined count only when nothing else counts the nodes
    ("Lymph Nodes: Number of sentinel nodes examined: 2; Number of nodes with macrometastases: 1",
     "lymph_nodes.examined", 2, "Number of sentinel nodes examined: 2"),
    ("Number of Sentinel Nodes Examined: 2\nTotal Number of Nodes Examined (sentinel and nonsentinel): 14\n",
     "lymph_nodes.examined", 14, "Total Number of Nodes Examined (sentinel and nonsentinel): 14"),
    # round 7 (markers): values in words, OCR "S" for 5, ticked checklist scores and types, control
    # tissue, a later sentence's own HER2 statement, a block column in a receptor table
    ("Estrogen receptor: seventy percent of tumor cells show moderate nuclear staining, positive.",
     "receptors.er.percent", 70.0, "Estrogen receptor: seventy percent"),
    ("PROGESTERONE RECEPTOR POSITIVE IN FIVE PERCENT OF NUCLEI; HER2/NEU 3+ (POSITIVE)", "receptors.pr.percent", 5.0,
     "PROGESTERONE RECEPTOR POSITIVE IN FIVE PERCENT"),
    ("PROGESTERONE RECEPTOR POSITIVE IN FIVE PERCENT OF NUCLEI; HER2/NEU 3+ (POSITIVE)", "receptors.pr.status",
     "low_positive", "PROGESTERONE RECEPTOR POSITIVE IN FIVE PERCENT"),
    ("Ki-67 proliferation index approximately twenty-five percent.", "receptors.ki67_percent", 25.0,
     "Ki-67 proliferation index approximately twenty-five percent"),
    ("ER positive in one hundred percent of tumor cells.", "receptors.er.percent", 100.0,
     "ER positive in one hundred percent"),
    ("Estrogen receptor: positive. Specimen received in one container.", "receptors.er.percent", None, None),
    ("Ki-67 was performed on block A2, one of three blocks.", "receptors.ki67_percent", None, None),
    ("HER2 by IHC: [X] Score 3 [ ] Score 2 [ ] Score 1", "receptors.her2.ihc_score", "3+", "HER2 by IHC: [X] Score 3"),
    ("HER2 by IHC: [ ] Score 3 [X] Score 1 [ ] Score 0", "receptors.her2.ihc_score", "1+",
     "HER2 by IHC: [ ] Score 3 [X] Score 1"),
    ("HER2 by IHC: [ ] Score 3 [ ] Score 2 [ ] Score 1", "receptors.her2.ihc_score", None, None),
    ("Histologic Type: [X] INFILTRATING DUCTAL [ ] INFILTRATING LOBULAR [ ] MEDULLARY", "diagnosis.histology",
     "invasive_ductal", "INFILTRATING DUCTAL"),
    ("Histologic Type: [ ] INFILTRATING DUCTAL [X] INFILTRATING LOBULAR [ ] OTHER", "diagnosis.histology",
     "invasive_lobular", "INFILTRATING LOBULAR"),
    ("Histologic Type: [ ] INFILTRATING DUCTAL [ ] INFILTRATING LOBULAR [X] OTHER", "diagnosis.histology", None, None),
    ("HER2 FISH: HER2/CEP17 RATIO 2.6, HER2 SIGNALS 5.8/CELL: AMPLIFIED.", "receptors.her2.ish_copy_number", 5.8,
     "HER2 SIGNALS 5.8/CELL"),
    ("HER2 FISH: total HER2 signals 84 in 20 cells.", "receptors.her2.ish_copy_number", None, None),
    ("Estrogen receptor: POSITIVE Allred 3+5=8", "receptors.er.allred", 8, "Estrogen receptor: POSITIVE Allred 3+5=8"),
    ("Progesterone receptor: POSITIVE Allred 2+3=5", "receptors.pr.intensity", None, None),
    ("External positive control ER positive; internal control negative.", "receptors.er.status", None, None),
    ("Positive control for HER2: 3+ staining, appropriate.", "receptors.her2.ihc_score", None, None),
    ("HER2 negative (0). If HER2 is amplified on repeat testing, trastuzumab may be considered.",
     "receptors.her2.ish_result", None, None),
    ("HER2 negative (0). The patient's sister had HER2 positive breast cancer.", "receptors.her2.status", "negative",
     "HER2 negative"),
    ("Ki-67 | A2 | 30%", "receptors.ki67_percent", 30.0, "Ki-67 | A2 | 30%"),
    ("Markers: ER+ (95%, 3+), PR+ (60%, 2+), Her2 neg (1+). Ki67 ~15%.", "receptors.pr.intensity", "moderate",
     "PR+ (60%, 2+"),
    ("Markers: ER+ (95%, 3+), PR+ (60%, 2+), Her2 neg (1+). Ki67 ~15%.", "receptors.her2.ihc_score", "1+",
     "Her2 neg (1+"),
    ("COMMENT: ER and PR on this specimen are pending and will be reported in an addendum.", "receptors.er.status",
     None, None),
    # a status stated after an Allred score's parts; a de-identification gap between label and value
    ("PR: Allred score 3 (PS 2 + IS 1) - POSITIVE, low.", "receptors.pr.status", "low_positive",
     "PR: Allred score 3 (PS 2 + IS 1) - POSITIVE, low"),
    ("ER: Allred score 0 (PS 0 + IS 0) - NEGATIVE.", "receptors.er.status", "negative",
     "ER: Allred score 0 (PS 0 + IS 0) - NEGATIVE"),
    ("ER: Allred score 7 (PS 4 + IS 3), see comment.", "receptors.er.status", "positive", "ER: Allred score 7"),
    ("Ki-67 is elevated at approximately 70%.", "receptors.ki67_percent", 70.0,
     "Ki-67 is elevated at approximately 70%"),
    ("HER2 is [REDACTED] 3+ by immunohistochemistry.", "receptors.her2.ihc_score", "3+", "HER2 is [REDACTED] 3+"),
    ("Estrogen receptor XXXXX: positive (80%).", "receptors.er.percent", 80.0, "Estrogen receptor XXXXX: positive (80%"),
    ("Kl-67: 70%.", "receptors.ki67_percent", None, None),  # "Kl" is read for "Ki" on OCR pages only
    ("HER2  NEGATIVE   1+     (ASCO/CAP 2023)", "receptors.her2.ihc_score", "1+", "HER2  NEGATIVE   1+"),
    ("HER2 FISH: 60 nuclei counted. HER2 signals: 312. CEP17 signals: 118.", "receptors.her2.ish_copy_number", None,
     None),  # signal totals, not a mean
    ("Ki-67 <5%.", "receptors.ki67_percent", None, None),  # a bound, not a value
    # round 7 (extent): ticked component scores, telegraphic abbreviations, double-spaced and run-on
    # fields, a microscopic size beside a gross one, a residual focus, a letter-spaced heading
    (_CHECKLIST_COMPONENTS, "diagnosis.grade_tubules", 3, "Tubule formation: [ ] Score 1 [ ] Score 2 [X] Score 3"),
    (_CHECKLIST_COMPONENTS, "diagnosis.grade_nuclei", 2, "Nuclear pleomorphism: [ ] Score 1 [X] Score 2"),
    (_CHECKLIST_COMPONENTS, "diagnosis.grade_mitoses", 1, "Mitotic count: [X] Score 1"),
    ("Invasive ductal carcinoma.\nNottingham histologic grade:\nTubule formation: [ ] Score 1 [ ] Score 2 [ ] Score 3",
     "diagnosis.grade_tubules", None, None),
    ("L BRST CORE BX 10:00: IDC, MBR 6/9. LVI neg.", "diagnosis.nottingham_score", 6, "MBR 6/9"),
    ("Specimen received 6/9; SBR requested.", "diagnosis.nottingham_score", None, None),
    ("SLN x3 (L): 1/3 pos, macromet 4 mm, no ENE.", "lymph_nodes.positive", 1, "SLN x3 (L): 1/3"),
    ("SLN x3 (L): 1/3 pos, macromet 4 mm, no ENE.", "lymph_nodes.examined", 3, "SLN x3 (L): 1/3"),
    ("SLN biopsy 12/03/2025 at the outside hospital.", "lymph_nodes.examined", None, None),
    ("LYMPHNODES: 2/17 POSITIVE (MACROMETASTASES).", "lymph_nodes.positive", 2, "LYMPHNODES: 2/17"),
    ("Invasive ductal carcinoma  Grade II  Size 2,4 cm  Margins free", "diagnosis.tumor_size_mm", 24.0,
     "carcinoma  Grade II  Size 2,4 cm"),
    ("Invasive ductal carcinoma  Grade II  Size 2,4 cm  Margins free", "diagnosis.grade", 2, "Grade II"),
    ("Right breast, mastectomy: invasive lobular carcinoma, grade 2, 3.6 cm, margins negative.",
     "diagnosis.tumor_size_mm", 36.0, "carcinoma, grade 2, 3.6 cm"),
    ("Residual invasive carcinoma: largest focus 4 mm; multiple foci.\nTumour bed dimensions: 35 x 25 mm",
     "diagnosis.tumor_size_mm", 4.0, "largest focus 4 mm"),
    ("Invasive ductal carcinoma, grade 2. Size: 1.9 cm (gross), 1.7 cm (microscopic).", "diagnosis.tumor_size_mm",
     17.0, "1.7 cm (microscopic)"),
    ("FINALDIAGNOSIS:RIGHTBREAST,MASTECTOMY:INVASIVEDUCTALCARCINOMA.TUMORSIZE:3.5CM.", "diagnosis.tumor_size_mm", 35.0,
     "TUMORSIZE:3.5CM"),
    ("S U R G I C A L  P A T H O L O G Y  R E P O R T", "diagnosis.grade", None, None),
    ("Tumour bed with treatment effect, 3.1 cm. Imaging size 2.7 cm.", "diagnosis.tumor_size_mm", None, None),
    ("DX: Rt breast, SM: IDC, gr 3/3, 3.3cm. +LVI.", "diagnosis.tumor_size_mm", 33.0, "IDC, gr 3/3, 3.3cm"),
    ("DX: Rt breast, SM: IDC, gr 3/3, 3.3cm. +LVI.", "diagnosis.grade", 3, "gr 3/3"),
    # gen11-b: clinic shorthand "IDC, gr 2," next to a named carcinoma; not a toxicity grade.
    ("Path (outside, reviewed here): IDC, gr 2, ER+/PR+/HER2- (IHC 1+), Ki67 20%.", "diagnosis.grade", 2, "gr 2"),
    ("Trucut biopsy (28-07-2026): IDC, Gr II. ER+ PR- HER2 2+ FISH neg.", "diagnosis.grade", 2, "Gr II"),
    ("03/2025: L breast core bx: ILC, gr 2, ER 95% / PR 10% / HER2 0.", "diagnosis.grade", 2, "gr 2"),
    ("Left IDC on letrozole; gr 2 arthralgia, gr 1 fatigue.", "diagnosis.grade", None, None),
    ("IDC of the right breast. Palbociclib held for gr 3 neutropenia.", "diagnosis.grade", None, None),
    ("SLNs 2/2 pos (macro, largest 8mm). Non-SLN 3/11 pos.", "lymph_nodes.positive", 5, "SLNs 2/2"),
    ("SLNs 2/2 pos (macro, largest 8mm). Non-SLN 3/11 pos.", "lymph_nodes.examined", 13, "SLNs 2/2"),
    # gen11-b: a clinic note's history section states the counts (a pathology report's restates them).
    ("Reason for referral: adjuvant systemic therapy.\nPathology (R lumpectomy + SLNB): IDC, 17 mm. Sentinel nodes: "
     "1/3 SLN+ with ECE (macrometastasis 6 mm).", "lymph_nodes.positive", 1, "1/3 SLN"),
    ("Reason for referral: adjuvant systemic therapy.\nPathology (R lumpectomy + SLNB): IDC, 17 mm. Sentinel nodes: "
     "1/3 SLN+ with ECE (macrometastasis 6 mm).", "lymph_nodes.examined", 3, "1/3 SLN"),
    ("CLINICAL HISTORY: outside core showed 2/3 nodes positive.\nFINAL DIAGNOSIS: invasive ductal carcinoma.",
     "lymph_nodes.positive", None, None),
    ("CLINICAL HISTORY: left clinical T2N1 IDC, 3.5 cm retroareolar.", "diagnosis.tumor_size_mm", None, None),
    ("Invasive ductal carcinoma; ultrasound measurement 2.9 cm.", "diagnosis.tumor_size_mm", None, None),
    # round 8 (extent): lettered foci after a multifocal heading, "Focus A, 1.9 cm", prose "pT is", residual
    # disease of a re-excision, imaging sizes, numbered sentinel nodes, counts across a full stop, run-on OCR,
    # telegraphic numbered findings, "NG2" (nuclear grade), SBR with its components, a core length
    (_LETTERED_FOCI, "diagnosis.tumor_size_mm", 21.0, "(B) LOWER OUTER QUADRANT, 2.1 CM"),
    (_LETTERED_FOCI, "diagnosis.grade", 2, "GRADE 2"),
    ("IDC, MULTIFOCAL: (A) UOQ 1.7 CM, GRADE 2; (B) LIQ 0.5 CM, GRADE 1.", "diagnosis.tumor_size_mm", 17.0,
     "(A) UOQ 1.7 CM"),
    ("Specimens: (A) left breast tissue, 4.5 x 3 x 2 cm; (B) skin ellipse, 2.1 cm. Invasive ductal carcinoma.",
     "diagnosis.tumor_size_mm", None, None),
    (_FOCI_COMMA, "diagnosis.tumor_size_mm", 19.0, "Focus A, 1.9 cm"),
    (_FOCI_COMMA, "diagnosis.grade", 3, "grade 3"),
    ("Comment: This re-excision does not change the stage; no new pT is assigned.", "stage.pathologic.t", None, None),
    ("NO NEW PT IS ASSIGNED ON THIS RE-EXCISION.", "stage.pathologic.t", None, None),
    (_RE_EXCISION, "diagnosis.tumor_size_mm", None, None),
    (_RE_EXCISION, "diagnosis.grade", 2, "grade 2"),
    ("Right breast, mastectomy after neoadjuvant chemotherapy:\n- Residual invasive ductal carcinoma, 1.5 cm, grade 3.",
     "diagnosis.tumor_size_mm", 15.0, "carcinoma, 1.5 cm"),
    ("Invasive ductal carcinoma (5.5 cm on MRI), now resected.", "diagnosis.tumor_size_mm", None, None),
    ("Invasive lobular carcinoma, 2.6 cm by imaging.", "diagnosis.tumor_size_mm", None, None),
    ("SLN #1-#2: 0/2, ITC in one node (pN0(i+)).", "lymph_nodes.examined", 2, "SLN #1-#2: 0/2"),
    ("Left ALND: 4/12 +ve (4 of 12) with ENE. Left SLN: 1/2 +ve.", "lymph_nodes.positive", 5, "ALND: 4/12"),
    ("Left ALND: 4/12 +ve (4 of 12) with ENE. Left SLN: 1/2 +ve.", "lymph_nodes.examined", 14, "ALND: 4/12"),
    ("METASTATIC CARCINOMA IN 2 OF 14 AX. LYMPH NODES.", "lymph_nodes.positive", 2, "2 OF 14 AX. LYMPH NODES"),
    ("FINALDIAGNOSIS:RIGHTBREAST,MODIFIEDRADICALMASTECTOMY:INVASIVELOBULARCARCINOMA,GRADE2,MEASURING5.5CM.",
     "diagnosis.tumor_size_mm", 55.0, "CARCINOMA,GRADE2,MEASURING5.5CM"),
    (_NUMBERED_FINDINGS, "lymph_nodes.positive", 4, "(4/12)"),
    (_NUMBERED_FINDINGS, "lymph_nodes.examined", 12, "(4/12)"),
    (_NUMBERED_FINDINGS, "diagnosis.tumor_size_mm", 22.0, "carcinoma, 2.2 cm"),
    ("L BREAST CORE BX: IDC, NG2. DCIS, NG 3.", "diagnosis.grade", None, None),
    ("Right breast, lumpectomy: IDC, 1.1 cm, G2. DCIS, NG2, solid.", "diagnosis.grade", 2, "G2"),
    (_SBR_SUM, "diagnosis.grade", 2, "SBR 2"),
    (_SBR_SUM, "diagnosis.nottingham_score", 6, "3+2+1=6"),
    ("ypT1c ypN1a, RCB class II (RCB index 2.45).", "stage.pathologic.n", "N1a", "ypN1a"),
    ("Core biopsy: 1.2 cm of tumour in the cores. Invasive ductal carcinoma, grade 2.", "diagnosis.tumor_size_mm",
     None, None),
    # round 8 (markers): a status after a list of labels, "not identified", long and run-on label forms, a sign
    # before a new sentence, a bare zero, a later sentence's own receptor, receptor tables by block,
    # letter-spaced results and histology, telegraphic markers
    ("ER, PR and HER2 (ultralow): not identified.", "receptors.er.status", "negative",
     "ER, PR and HER2 (ultralow): not identified"),
    ("ER, PR and HER2 (ultralow): not identified.", "receptors.pr.status", "negative",
     "ER, PR and HER2 (ultralow): not identified"),
    ("ER, PR and HER2 (ultralow): not identified.", "receptors.her2.status", "negative",
     "ER, PR and HER2 (ultralow): not identified"),
    ("ER, PR, HER2 are all negative.", "receptors.her2.status", "negative", "ER, PR, HER2 are all negative"),
    ("HER2, ER and PR: negative.", "receptors.her2.status", "negative", "HER2, ER and PR: negative"),
    ("Tumor cells are negative for ER, PR and HER2.", "receptors.her2.status", "negative",
     "negative for ER, PR and HER2"),
    ("Negative for estrogen receptor, progesterone receptor and HER2/neu.", "receptors.pr.status", "negative",
     "Negative for estrogen receptor, progesterone receptor"),
    ("ER/PgR/HER2neu = pos/neg/neg", "receptors.pr.status", "negative", "ER/PgR/HER2neu = pos/neg/neg"),
    ("ER, PR, HER2: pending.", "receptors.her2.status", None, None),
    ("ER, PR, HER2 and Ki-67 will be reported in an addendum.", "receptors.er.status", None, None),
    ("HER2 staining not identified (0, ultralow).", "receptors.her2.status", "negative",
     "HER2 staining not identified"),
    ("HER2 staining not identified (0, ultralow).", "receptors.her2.ihc_score", "0",
     "HER2 staining not identified (0,"),
    ("HER2 amplification not identified by FISH (ratio 1.2).", "receptors.her2.ish_result", "not_amplified",
     "HER2 amplification not identified"),
    ("Estrogen receptor and progesterone receptor: negative (0%).", "receptors.er.status", "negative",
     "Estrogen receptor and progesterone receptor: negative"),
    ("ESTROGENRECEPTOR POSITIVE(85%).PROGESTERONERECEPTOR NEGATIVE(<1%).", "receptors.er.percent", 85.0,
     "ESTROGENRECEPTOR POSITIVE(85%"),
    ("ESTROGENRECEPTOR POSITIVE(85%).PROGESTERONERECEPTOR NEGATIVE(<1%).", "receptors.pr.status", "negative",
     "PROGESTERONERECEPTOR NEGATIVE"),
    ("Recent lumpectomy for IDC, grade 2, ER+ PR+ HER2-. Positive anterior margin.", "receptors.her2.status",
     "negative", "HER2-"),
    ("Special Studies: HER2-. POSITIVE. IMMUNO RECUT.", "receptors.her2.status", "positive", "HER2-. POSITIVE"),
    ("Receptors (block A6): ER 0 (H-score 0), PR 0, HER2 IHC 1+.", "receptors.er.status", "negative", "ER 0"),
    ("Receptors (block A6): ER 0 (H-score 0), PR 0, HER2 IHC 1+.", "receptors.pr.status", "negative", "PR 0"),
    ("ER 0.5 cm from the margin.", "receptors.er.status", None, None),
    ("PR 0 of 3 cores.", "receptors.pr.status", None, None),
    ("ER positive breast cancer in her sister. Earlier biopsy reported ER weakly positive 5%.", "receptors.er.percent",
     5.0, "ER weakly positive 5%"),
    (_BLOCK_TABLE, "receptors.er.percent", 90.0, "90%"),
    (_BLOCK_TABLE, "receptors.pr.intensity", "weak", "10%, weak"),
    (_BLOCK_TABLE, "receptors.her2.ihc_score", "1+", "1+"),
    (_BLOCK_TABLE, "receptors.ki67_percent", 25.0, "25%"),
    (_SPACED_TABLE, "receptors.er.status", "positive", "Positive"),
    (_SPACED_TABLE, "receptors.ki67_percent", 15.0, "15%"),
    ("ER  positive  PR  negative\nHER2  1+  Ki-67  20%", "receptors.pr.status", "negative", "PR  negative"),
    ("E R  P O S I T I V E  ( 9 0 % )", "receptors.er.percent", 90.0, "E R  P O S I T I V E  ( 9 0 % )"),
    ("P R O G E S T E R O N E  R E C E P T O R  N E G A T I V E\nEnd.", "receptors.pr.status", "negative",
     "P R O G E S T E R O N E  R E C E P T O R  N E G A T I V E"),
    ("H E R 2 / N E U  P O S I T I V E  ( 3 + )\nEnd.", "receptors.her2.ihc_score", "3+",
     "H E R 2 / N E U  P O S I T I V E  ( 3 + )"),
    ("K I - 6 7  3 0 %\nEnd.", "receptors.ki67_percent", 30.0, "K I - 6 7  3 0 %"),
    # round 17a: the word gaps closed to one space (OCR, a run-on export)
    ("E R P O S I T I V E ( 9 5 % ). P R P O S I T I V E ( 6 0 % ).", "receptors.er.percent", 95.0,
     "E R P O S I T I V E ( 9 5 % )"),
    ("E R P O S I T I V E ( 9 5 % ). P R P O S I T I V E ( 6 0 % ).", "receptors.pr.status", "positive",
     "P R P O S I T I V E ( 6 0 % )"),
    ("H E R 2 N E G A T I V E ( 1 + ). K I - 6 7 1 5 %.", "receptors.her2.ihc_score", "1+",
     "H E R 2 N E G A T I V E ( 1 + )"),
    ("H E R 2 N E G A T I V E ( 1 + ). K I - 6 7 1 5 %.", "receptors.ki67_percent", 15.0, "K I - 6 7 1 5 %"),
    ("P O W E R P O S I T I V E", "receptors.er.status", None, None),
    ("P E R  P R O T O C O L  N E G A T I V E", "receptors.pr.status", None, None),
    ("I N V A S I V E  L O B U L A R  C A R C I N O M A", "diagnosis.histology", "invasive_lobular",
     "I N V A S I V E  L O B U L A R  C A R C I N O M A"),
    ("D U C T A L  C A R C I N O M A  I N  S I T U", "diagnosis.histology", "dcis",
     "D U C T A L  C A R C I N O M A  I N  S I T U"),
    ("Markers: ER+ (95%, 3+), PR+ (40%, 2+), Her2 neg (1+), Ki67 12%.", "receptors.ki67_percent", 12.0, "Ki67 12%"),
    ("Ki-67 [REDACTED] 20%.", "receptors.ki67_percent", 20.0, "Ki-67 [REDACTED] 20%"),
    ("Ki-67 XXXXX 20%.", "receptors.ki67_percent", 20.0, "Ki-67 XXXXX 20%"),
    ("HER2 by [REDACTED] FISH: ratio 1.1, not amplified", "receptors.her2.ish_ratio", 1.1,
     "HER2 by [REDACTED] FISH: ratio 1.1"),
    ("HER2 amplification not identified by FISH (ratio 1.2).", "receptors.her2.ish_ratio", 1.2,
     "HER2 amplification not identified by FISH (ratio 1.2"),
    # lead, seventh session: telegraphic LVI ("neg", "pos", "-ve", "+ve", "nil" after a bare space or a colon).
    ("IDC, G2, 1.5 cm. LVI neg. DCIS present.", "diagnosis.lvi", "absent", "LVI neg"),
    ("Invasive ductal carcinoma. LVI: neg", "diagnosis.lvi", "absent", "LVI: neg"),
    ("IDC grade 3. LVI -ve. Margins clear.", "diagnosis.lvi", "absent", "LVI -ve"),
    ("IDC grade 3. LVI pos. Margins clear.", "diagnosis.lvi", "present", "LVI pos"),
    ("IDC. LVI: +ve.", "diagnosis.lvi", "present", "LVI: +ve"),
    ("IDC. LVI nil.", "diagnosis.lvi", "absent", "LVI nil"),
    ("IDC. LVI: pending.", "diagnosis.lvi", None, None),
    ("IDC. LVI: not assessed.", "diagnosis.lvi", None, None),
    ("IDC. LVI n/a.", "diagnosis.lvi", None, None),
    # an explicit "score 1" after a "0/1+" range is the score; the range alone is not one.
    ("HER2 (IHC): NEGATIVE (0/1+, SCORE 1).", "receptors.her2.ihc_score", "1+", "HER2 (IHC): NEGATIVE (0/1+, SCORE 1"),
    ("HER2/neu by IHC: negative, score 0/1+.", "receptors.her2.ihc_score", None, None),
    # the status after a score range is the value ("0-1+" is skipped, never read as a score).
    ("HER2 IHC: score 0-1+ (negative).", "receptors.her2.status", "negative", "HER2 IHC: score 0-1+ (negative"),
    ("HER2/neu: 0-1+, negative.", "receptors.her2.status", "negative", "HER2/neu: 0-1+, negative"),
    ("HER2: 1-2+, equivocal; FISH to follow.", "receptors.her2.status", "equivocal", "HER2: 1-2+, equivocal"),
    ("HER2/neu: 0-1+, negative.", "receptors.her2.ihc_score", None, None),
    ("HER2 0-1+", "receptors.her2.status", None, None),
    # round 9 (extent): "at least" sizes of a fragmented tumour, fragments and encapsulated papillary carcinoma
    # (no invasive size), a size after "grade: intermediate", a whole-lesion size with its invasive part, a
    # decimal-comma gross size that is no focus, a grade on the bullet after its carcinoma, Elston-Ellis and
    # Japanese nuclear grades, a node total broken down by group, ypT0 restated as ypTis, pNX, pN0(mol+),
    # dermal lymphovascular invasion (not T4d)
    ("Invasive carcinoma, at least 2.5 cm (fragmented; prior biopsy site), grade 3.", "diagnosis.tumor_size_mm",
     25.0, "carcinoma, at least 2.5 cm"),
    ("Invasive ductal carcinoma, core biopsy. Multiple fragments up to 1.2 cm.", "diagnosis.tumor_size_mm", None,
     None),
    ("INVASIVE DUCTAL CARCINOMA, HISTOLOGIC GRADE: INTERMEDIATE (NOTTINGHAM SCORE 6/9), 14 MM.",
     "diagnosis.tumor_size_mm", 14.0, "CARCINOMA, HISTOLOGIC GRADE: INTERMEDIATE (NOTTINGHAM SCORE 6/9), 14 MM"),
    ("Tumor size: 2,4 x 1,9 x 1,5 cm (invasive: 2,1 cm).\nInvasive ductal carcinoma.", "diagnosis.tumor_size_mm",
     21.0, "invasive: 2,1 cm"),
    ("ENCAPSULATED PAPILLARY CARCINOMA, 2.2 CM, WITHOUT INVASION. NO INVASIVE CARCINOMA IDENTIFIED.",
     "diagnosis.tumor_size_mm", None, None),
    ("Invasive carcinoma NST, tumour diameter 8 mm. Gross: segment 7,5 x 5 x 3 cm, tumor 0,8 x 0,7 x 0,6 cm.",
     "diagnosis.tumor_size_mm", 8.0, "tumour diameter 8 mm"),
    (" - Metaplastic carcinoma with squamous and spindle cell differentiation.\n - Grade 3 (poorly differentiated).",
     "diagnosis.grade", 3, "Grade 3"),
    ("Elston-Ellis grade II (tubules 3, pleomorphism 2, mitoses 2 = 7 points).", "diagnosis.grade", 2,
     "Elston-Ellis grade II"),
    ("INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 2 OF 3. NG2.", "diagnosis.grade", 2, "NOTTINGHAM GRADE 2 OF 3"),
    ("Invasive ductal carcinoma, NG2.", "diagnosis.grade", None, None),
    ("Invasive ductal carcinoma. Nuclear grade 2 (Japanese nuclear grade: nuclear atypia 2, mitotic counts 1).",
     "diagnosis.grade", None, None),
    ("Axillary lymph nodes: metastatic carcinoma (4/17).\nGroup 1 lymph nodes (0/3), Group 2 lymph nodes (4/14).",
     "lymph_nodes.examined", 17, "(4/17)"),
    ("Axillary lymph nodes: metastatic carcinoma (4/17).\nGroup 1 lymph nodes (0/3), Group 2 lymph nodes (4/14).",
     "lymph_nodes.positive", 4, "(4/17)"),
    ("Sentinel node A (1/3). Sentinel node B (0/1). Axillary dissection (1/2).", "lymph_nodes.examined", 6,
     "(1/3)"),
    ("Pathologic stage: ypT0 ypN0\nComment: residual in situ disease only; the stage is ypTis ypN0.",
     "stage.pathologic.t", "Tis", "ypTis"),
    ("No lymph nodes are present (pNX not applicable).", "stage.pathologic.prefix", None, None),
    ("Invasive ductal carcinoma, 1,2 cm. pT1c pN0(mol+)(sn)", "stage.pathologic.n", "N0(mol+)", "pN0(mol+)(sn)"),
    ("SKIN: DERMAL LYMPHOVASCULAR INVASION; NO ULCERATION.", "stage.t4_feature", None, None),
    ("Invasive ductal carcinoma with dermal lymphatic emboli.", "stage.t4_feature", None, None),
    ("Invasive ductal carcinoma. Tumour size (invasive component only): 21 mm", "diagnosis.tumor_size_mm", 21.0,
     "Tumour size (invasive component only): 21 mm"),
    ("Invasive tumour size (maximum dimension): 21 mm\nWhole tumour size (invasive + DCIS): 26 mm",
     "diagnosis.tumor_size_mm", 21.0, "Invasive tumour size (maximum dimension): 21 mm"),
    ("Invasive ductal carcinoma. Whole tumour size (invasive + DCIS): 26 mm", "diagnosis.tumor_size_mm", None, None),
    ("Invasive ductal carcinoma. Extent of invasive carcinoma: 14 mm", "diagnosis.tumor_size_mm", 14.0,
     "invasive carcinoma: 14 mm"),
    ("Invasive ductal carcinoma. Maximum diameter of invasive tumour: 17 mm", "diagnosis.tumor_size_mm", 17.0,
     "invasive tumour: 17 mm"),
    ("Invasive ductal carcinoma. Total nodes retrieved: 12, involved: 0", "lymph_nodes.examined", 12,
     "nodes retrieved: 12, involved: 0"),
    ("Invasive ductal carcinoma. Number of lymph nodes involved/examined: 2/15", "lymph_nodes.positive", 2,
     "lymph nodes involved/examined: 2/15"),
    ("Invasive ductal carcinoma. Grade (Nottingham modification of Bloom-Richardson): II", "diagnosis.grade", 2,
     "Grade (Nottingham modification of Bloom-Richardson): II"),
    ("Invasive ductal carcinoma. SBR: II", "diagnosis.grade", 2, "SBR: II"),
    ("Invasive ductal carcinoma. Grade: 2 (tubules 3 + pleomorphism 2 + mitoses 1 = 6)", "diagnosis.nottingham_score",
     6, "tubules 3 + pleomorphism 2 + mitoses 1 = 6"),
    ("Right breast, excision:\n- Microinvasive carcinoma (largest focus of invasion 0.08 cm), pT1mi.",
     "diagnosis.tumor_size_mm", 0.8, "largest focus of invasion 0.08 cm"),
    ("FROZEN SECTION DIAGNOSIS:\nFS1: Right breast, lumpectomy: invasive carcinoma, approximately 1.5 cm; deferred to "
     "permanents.\nFINAL DIAGNOSIS:\nA. Right breast, lumpectomy: invasive ductal carcinoma, grade 3, 1.8 cm.",
     "diagnosis.tumor_size_mm", 18.0, "carcinoma, grade 3, 1.8 cm"),
    ("FROZEN SECTION DIAGNOSIS:\nFS1: Right breast, lumpectomy: invasive carcinoma, approximately 1.5 cm; deferred to "
     "permanents.", "diagnosis.tumor_size_mm", None, None),
    ("FINAL DIAGNOSIS:\nBREAST, LEFT, CORE BIOPSY AT 3:00 (PREVIOUSLY DIAGNOSED AS ATYPICAL):\n  - INVASIVE CARCINOMA "
     "WITH MUCINOUS FEATURES, NOTTINGHAM GRADE 1.\nBREAST, RIGHT, CORE BIOPSY AT 10:00:\n  - FIBROADENOMA. NO "
     "MALIGNANCY.", "diagnosis.laterality", "left", "BREAST, LEFT"),
    ("Invasive ductal carcinoma. Histological type: invasive carcinoma NST; histological grade 2 (3+2+2); size 25 mm",
     "diagnosis.tumor_size_mm", 25.0, "size 25 mm"),
    ("Invasive ductal carcinoma. Tumour size: 25mm (macroscopic), 23 mm (microscopic)", "diagnosis.tumor_size_mm",
     23.0, "23 mm (microscopic)"),
    ("Invasive ductal carcinoma. Invasive tumour: 15 mm maximum dimension", "diagnosis.tumor_size_mm", 15.0,
     "15 mm maximum dimension"),
    ("Right breast: the invasive carcinoma measures 1,5 cm.", "diagnosis.tumor_size_mm", 15.0,
     "carcinoma measures 1,5 cm"),
    ("Specimen: lumpectomy, 6 x 5 x 3 cm, 6 cm maximum dimension. Invasive ductal carcinoma.",
     "diagnosis.tumor_size_mm", None, None),
    ("Invasive ductal carcinoma; DCIS measures 2 cm.", "diagnosis.tumor_size_mm", None, None),
    ("Invasive ductal carcinoma. Specimen size 8 cm.", "diagnosis.tumor_size_mm", None, None),
    # round 9 (markers): Quick score before its label word, "ca." before a percent, decimal commas in ISH
    # figures, a score 0 that "not identified" restates, a status after the score, "oncoprotein", a result
    # repeated on this specimen, dotted run-on labels, HER2 zero vs ultralow, translated and untranslated
    # type names, types named after "carcinoma", microinvasion, benign reports and clinical questions
    ("Oestrogen receptor: 8 (Quick score), approx. 80 % positive tumour cells, strong.", "receptors.er.allred", 8,
     "Oestrogen receptor: 8 (Quick score)"),
    ("Oestrogen receptor: 8 (Quick score), approx. 80 % positive tumour cells, strong.", "receptors.er.status",
     "positive", "Oestrogen receptor: 8 (Quick score)"),
    ("Oestrogen receptor: 8 (Quick score), approx. 80 % positive tumour cells, strong.", "receptors.er.percent",
     80.0, "Oestrogen receptor: 8 (Quick score), approx. 80 %"),
    ("PR: 6 (Allred), 40 %.", "receptors.pr.allred", 6, "PR: 6 (Allred)"),
    ("Ki67: ca. 25 %.", "receptors.ki67_percent", 25.0, "Ki67: ca. 25 %"),
    ("SISH: HER2/CEP17 ratio 2,3; mean HER2 copy number 4,8 per cell - amplified.", "receptors.her2.ish_ratio", 2.3,
     "HER2/CEP17 ratio 2,3"),
    ("SISH: HER2/CEP17 ratio 2,3; mean HER2 copy number 4,8 per cell - amplified.",
     "receptors.her2.ish_copy_number", 4.8, "mean HER2 copy number 4,8"),
    ("HER-2/NEU BY. FISH. RATIO. 1,3. NOT AMPLIFIED.", "receptors.her2.ish_ratio", 1.3,
     "HER-2/NEU BY. FISH. RATIO. 1,3"),
    ("FISH ratios of 2, 3 and 4 were seen in the controls.", "receptors.her2.ish_ratio", None, None),
    ("IHC: ER, PR and\nHER2 (0): not identified.", "receptors.her2.ihc_score", "0", "HER2 (0"),
    ("HER2 (IHC): 3+, POSITIVE.", "receptors.her2.status", "positive", "HER2 (IHC): 3+, POSITIVE"),
    ("HER2: 1+ (negative).", "receptors.her2.status", "negative", "HER2: 1+ (negative"),
    ("HER2 2+, equivocal pending FISH.", "receptors.her2.status", None, None),
    ("HER2 1+. Negative for lymphovascular invasion.", "receptors.her2.status", None, None),
    ("c-erbB-2 oncoprotein: negative (score 1+).", "receptors.her2.status", "negative",
     "c-erbB-2 oncoprotein: negative"),
    ("ER repeated on the lumpectomy: positive, 70%, moderate.", "receptors.er.status", "positive",
     "ER repeated on the lumpectomy: positive"),
    ("OUTSIDE REPORT: invasive ductal carcinoma, ER positive (95%).\nOUR DIAGNOSIS: residual carcinoma. ER repeated "
     "on the lumpectomy: positive, 70%.", "receptors.er.percent", 70.0, "ER repeated on the lumpectomy: positive, 70%"),
    ("ESTROGEN RECEPTOR. POSITIVE. (ALLRED. 7/8).", "receptors.er.allred", 7, "ESTROGEN RECEPTOR. POSITIVE. (ALLRED. 7/8"),
    ("HER2 (IHC): 0 (no staining).", "receptors.her2.ihc_detail", "null", "HER2 (IHC): 0 (no staining"),
    ("HER2 score: 0 (null).", "receptors.her2.ihc_detail", "null", "HER2 score: 0 (null)"),
    ("HER2: score 0 (absent staining).", "receptors.her2.ihc_detail", "null", "HER2: score 0 (absent staining"),
    ("HER2 IHC: 0 (no staining or faint incomplete staining in <=10% of cells).", "receptors.her2.ihc_detail", None,
     None),
    ("Diagnosis: Mammary carcinoma of no special type (NST), G2.", "diagnosis.histology", "invasive_ductal",
     "Mammary carcinoma of no special type"),
    ("Histological type: Carcinoma of no special type (ductal NST).", "diagnosis.histology", "invasive_ductal",
     "Carcinoma of no special type"),
    ("Invasive breast cancer (non-special type), grade II.", "diagnosis.histology", "invasive_ductal",
     "breast cancer (non-special type"),
    ("Carcinoma mammario infiltrante di tipo lobulare classico, G2.", "diagnosis.histology", "invasive_lobular",
     "Carcinoma mammario infiltrante di tipo lobulare"),
    ("Carcinome canalaire infiltrant, grade 3.", "diagnosis.histology", "invasive_ductal",
     "Carcinome canalaire infiltrant"),
    ("Carcinome infiltrant de type non specifique, grade SBR II.", "diagnosis.histology", "invasive_ductal",
     "Carcinome infiltrant de type non specifique"),
    ("Invasives lobulaeres Mammakarzinom, G2.", "diagnosis.histology", "invasive_lobular",
     "Invasives lobulaeres Mammakarzinom"),
    ("Invasives duktales Mammakarzinom, G2.", "diagnosis.histology_code", "8500/3", "Invasives duktales Mammakarzinom"),
    # Not the invasive lobular carcinoma of "carcinoma lobulare infiltrans": the in-situ lesion it names (gen10).
    ("Carcinoma lobulare in situ.", "diagnosis.histology", "lcis", "Carcinoma lobulare in situ"),
    ("Invasive carcinoma, mucinous type.", "diagnosis.histology", "mucinous", "Invasive carcinoma, mucinous type"),
    ("Low grade invasive carcinoma, tubular type.", "diagnosis.histology_code", "8211/3",
     "invasive carcinoma, tubular type"),
    ("DCIS with microinvasion (0.8 mm).", "diagnosis.histology", None, None),
    ("Microinvasive carcinoma (pT1mi) arising in DCIS.", "diagnosis.histology", None, None),
    ("DCIS, high grade. No microinvasion identified.", "diagnosis.histology", "dcis", "DCIS"),
    ("LEFT BREAST CORE BIOPSY: METAPLASTIC CARCINOMA WITH SQUAMOUS AND SPINDLE CELL DIFFERENTIATION, GRADE 3. "
     "IMMUNOHISTOCHEMISTRY: TUMOR CELLS ARE NEGATIVE FOR ER, PR AND HER2 (SCORE 0).", "diagnosis.histology",
     "metaplastic", "METAPLASTIC CARCINOMA"),
    ("FIBROADENOMA. NEGATIVE FOR ATYPIA AND MALIGNANCY. CLINICAL CONCERN FOR MUCINOUS CARCINOMA IS NOT SUPPORTED.",
     "diagnosis.histology", None, None),
    ("LEFT BREAST, EXCISION: BORDERLINE PHYLLODES TUMOR, 4.2 CM. NEGATIVE FOR CARCINOMA.", "diagnosis.histology",
     None, None),
    ("INVASIVE MICROPAPILLARY CARCINOMA (ICD-O 8507/3), 2.0 CM.", "diagnosis.histology_code", "8507/3",
     "INVASIVE MICROPAPILLARY CARCINOMA"),
    ("ADENOID CYSTIC CARCINOMA, 1.4 CM, CLASSIC TYPE.", "diagnosis.histology_code", "8200/3",
     "ADENOID CYSTIC CARCINOMA"),
    ("INVASIVE CARCINOMA WITH APOCRINE DIFFERENTIATION (APOCRINE CARCINOMA), GRADE 2.", "diagnosis.histology_code",
     "8401/3", "INVASIVE CARCINOMA WITH APOCRINE DIFFERENTIATION"),
    ("Ki-67 (MIB-1): approx. 20 per cent of tumour nuclei.", "receptors.ki67_percent", 20.0,
     "Ki-67 (MIB-1): approx. 20 per cent"),
    ("Ki-67 LI = 12,5 %.", "receptors.ki67_percent", 12.5, "Ki-67 LI = 12,5 %"),
    ("Ki67 index: <5 %.", "receptors.ki67_percent", None, None),
    ("ERBB2 (HER2) amplification by FISH: not detected (ratio 1,1).", "receptors.her2.ish_result", "not_amplified",
     "ERBB2 (HER2) amplification by FISH: not detected"),
    ("HER2 amplification by FISH: detected (ratio 3.4).", "receptors.her2.ish_result", "amplified",
     "HER2 amplification by FISH: detected"),
    ("HER2 amplification: not detected.", "receptors.her2.ish_result", "not_amplified",
     "HER2 amplification: not detected"),
    ("HER2 amplification detected in control tissue.", "receptors.her2.ish_result", None, None),
    ("HER2/NEU: [REDACTED] (SCORE 1+) NEGATIVE.", "receptors.her2.status", "negative",
     "HER2/NEU: [REDACTED] (SCORE 1+) NEGATIVE"),
    # gen10: French, Spanish, Italian, Dutch and Swedish receptor names, status and intensity words and
    # ISH results; H-scores (never a percent; 0 is negative, above 30 positive, 1-30 no status); results
    # of the in-situ component (receptors.in_situ.* when the document has an invasive or treated
    # carcinoma, the index results in a DCIS-only document); leader dots; foreign histology word order;
    # a complete response after neoadjuvant therapy leaves its DCIS as the in-situ component only.
    ('Recepteurs aux oestrogenes (RE) : positifs, 90 %, intensite forte.',
     'receptors.er.status', 'positive', 'Recepteurs aux oestrogenes (RE) : positifs'),
    ('Recepteurs aux oestrogenes (RE) : positifs, 90 %, intensite forte.',
     'receptors.er.percent', 90.0, 'Recepteurs aux oestrogenes (RE) : positifs, 90 %'),
    ('Recepteurs aux oestrogenes (RE) : positifs, 90 %, intensite forte.',
     'receptors.er.intensity', 'strong', 'Recepteurs aux oestrogenes (RE) : positifs, 90 %, intensite forte'),
    ('Récepteurs aux œstrogènes : négatifs (0 %).',
     'receptors.er.status', 'negative', 'Récepteurs aux œstrogènes : négatifs'),
    ('Recepteurs a la progesterone (RP) : positifs, 30 %, intensite moderee.',
     'receptors.pr.intensity', 'moderate', 'Recepteurs a la progesterone (RP) : positifs, 30 %, intensite moderee'),
    ('Récepteurs à la progestérone : négatifs (< 1 %).',
     'receptors.pr.status', 'negative', 'Récepteurs à la progestérone : négatifs'),
    ('HER2 (IHC, clone 4B5) : score 1+, negatif.',
     'receptors.her2.status', 'negative', 'HER2 (IHC, clone 4B5) : score 1+, negatif'),
    ('HER2 : score 2+, equivoque ; SISH : non amplifie (ratio HER2/CEP17 1,3).',
     'receptors.her2.ish_result', 'not_amplified', 'HER2 : score 2+, equivoque ; SISH : non amplifie'),
    ('Receptor de estrogeno: Negativo (0%)', 'receptors.er.status', 'negative', 'Receptor de estrogeno: Negativo'),
    ('Receptores de progesterona: positivos, 30%, intensidad moderada (Allred 6/8)',
     'receptors.pr.intensity', 'moderate', 'Receptores de progesterona: positivos, 30%, intensidad moderada'),
    ('HER2/neu: Negativo (puntaje 0)', 'receptors.her2.ihc_score', '0', 'HER2/neu: Negativo (puntaje 0'),
    ('HER2 (clon 4B5) ........................ Puntaje 2+ (equivoco). Se sugiere FISH.',
     'receptors.her2.ihc_score', '2+', 'HER2 (clon 4B5) ........................ Puntaje 2+'),
    ('HER2 (clon 4B5) ........................ Puntaje 2+ (equivoco). Se sugiere FISH.',
     'receptors.her2.status', 'equivocal', 'HER2 (clon 4B5) ........................ Puntaje 2+ (equivoco'),
    ("Recettori estrogenici (ER): positivi nel 85% delle cellule neoplastiche (intensita' forte)",
     'receptors.er.status', 'positive', 'Recettori estrogenici (ER): positivi'),
    ("Recettori estrogenici (ER): positivi nel 85% delle cellule neoplastiche (intensita' forte)",
     'receptors.er.intensity', 'strong', "Recettori estrogenici (ER): positivi nel 85% delle cellule neoplastiche (intensita' forte"),
    ("Recettori progestinici (PgR): positivi nel 40% (intensita' moderata)",
     'receptors.pr.percent', 40.0, 'Recettori progestinici (PgR): positivi nel 40%'),
    ('HER2 (HercepTest): score 2+; FISH: non amplificato (rapporto HER2/CEP17 1,4; numero medio copie HER2 2,8)',
     'receptors.her2.ish_result', 'not_amplified', 'HER2 (HercepTest): score 2+; FISH: non amplificato'),
    ('HER2 (HercepTest): score 2+; FISH: non amplificato (rapporto HER2/CEP17 1,4; numero medio copie HER2 2,8)',
     'receptors.her2.ish_copy_number', 2.8, 'HER2 (HercepTest): score 2+; FISH: non amplificato (rapporto HER2/CEP17 1,4; numero medio copie HER2 2,8'),
    ('HER2 IHC: 2+ ; HER2 SISH: ej amplifierad (ratio 1,6)',
     'receptors.her2.ish_result', 'not_amplified', 'HER2 SISH: ej amplifierad'),
    ('HER2-ISH: geamplificeerd (ratio 3,1).', 'receptors.her2.ish_result', 'amplified', 'HER2-ISH: geamplificeerd'),
    ("ER: 95%, intensita' forte. PgR: 2%, intensita' debole.",
     'receptors.pr.intensity', 'weak', "PgR: 2%, intensita' debole"),
    (_HSCORE_BLOCK,
     'receptors.er.status', 'positive', 'Estrogen receptor (clone SP1):\n   H-score: 240 (strong 70%, moderate 20%, weak 10%)\n   Interpretation: POSITIVE'),
    (_HSCORE_BLOCK, 'receptors.er.percent', None, None),
    (_HSCORE_BLOCK, 'receptors.er.h_score', 240, 'Estrogen receptor (clone SP1):\n   H-score: 240'),
    ('ER      H-score 95     (approx. 45% of nuclei, mostly weak to moderate)\n',
     'receptors.er.percent', 45.0, 'ER      H-score 95     (approx. 45%'),
    ('ER      H-score 95     (approx. 45% of nuclei, mostly weak to moderate)\n',
     'receptors.er.h_score', 95, 'ER      H-score 95'),
    ('PR      H score 0\n', 'receptors.pr.status', 'negative', 'PR      H score 0'),
    ('PR      H score 0\n', 'receptors.pr.h_score', 0, 'PR      H score 0'),
    ('ER: H-score 240.', 'receptors.er.status', 'positive', 'ER: H-score 240'),
    ('ER: H-score 240.', 'receptors.er.percent', None, None),
    ('ER: H-score 20.', 'receptors.er.status', None, None),
    ('ER: H-score 20.', 'receptors.er.h_score', 20, 'ER: H-score 20'),
    ('ESTROGEN RECEPTOR (ER) .......... POSITIVE (STRONG, 95%)   H-SCORE 280\n',
     'receptors.er.h_score', 280, 'ESTROGEN RECEPTOR (ER) .......... POSITIVE (STRONG, 95%)   H-SCORE 280'),
    ('ESTROGEN RECEPTOR (ER) .......... POSITIVE (STRONG, 95%)   H-SCORE 280\n',
     'receptors.er.percent', 95.0, 'ESTROGEN RECEPTOR (ER) .......... POSITIVE (STRONG, 95%'),
    (_DCIS_BLOCK, 'receptors.er.percent', 95.0, 'ER: Positive, 95%'),
    (_DCIS_BLOCK, 'receptors.pr.status', None, None),
    (_DCIS_BLOCK, 'receptors.in_situ.pr.status', 'negative', 'PR (DCIS): negative'),
    (_DCIS_BLOCK, 'receptors.in_situ.er.percent', 60.0, 'ER (DCIS): positive, 60%'),
    (_NHS_DCIS, 'receptors.er.status', 'negative', 'ER   Quick score 0/8 (negative'),
    (_NHS_DCIS, 'receptors.in_situ.er.allred', 6, 'ER   Quick score 6/8'),
    (_RESIDUAL_DCIS, 'receptors.er.status', None, None),
    (_RESIDUAL_DCIS, 'receptors.in_situ.her2.ihc_score', '2+', 'HER2 2+'),
    (_YPTIS_ER, 'receptors.er.status', None, None),
    (_YPTIS_ER, 'receptors.in_situ.er.status', 'positive', 'Estrogen receptor on residual DCIS (block A6): Positive'),
    ('Ductal carcinoma in situ, high grade, 38 mm. No invasive carcinoma identified.\nImmunohistochemistry on the DCIS (block A5): ER negative (0%).',
     'receptors.er.status', 'negative', 'ER negative'),
    ('Ductal carcinoma in situ, high grade. ER (DCIS): positive, 90%.',
     'receptors.er.status', 'positive', 'ER (DCIS): positive'),
    ('Invasive ductal carcinoma arising in DCIS, ER positive (95%).', 'receptors.er.status', 'positive', 'ER positive'),
    ('Invasive ductal carcinoma with associated DCIS.\nER: positive (90%)\nPR: positive (20%)\n',
     'receptors.pr.status', 'positive', 'PR: positive'),
    (_ISH_BLOCK, 'receptors.her2.ish_result', 'amplified', 'Result: AMPLIFIED'),
    ('HER2/CEP17 ratio: 2.19\nResult: AMPLIFIED\n', 'receptors.her2.ish_result', 'amplified', 'Result: AMPLIFIED'),
    ('Chromosome 17 polysomy was not seen.\nResult: AMPLIFIED\n', 'receptors.her2.ish_result', None, None),
    ('DISH: HER2/CEP17 ratio 2.6, HER2 average 5.4 copies/cell -> amplified', 'receptors.her2.ish_copy_number', 5.4,
     'HER2 average 5.4 copies/cell'),
    # A table with one marker a row: the number under its percent column ("% cells").
    (_ROW_TABLE, "receptors.er.percent", 90.0, "90"),
    (_ROW_TABLE, "receptors.pr.percent", 15.0, "15"),
    (_ROW_TABLE, "receptors.ki67_percent", 22.0, "Ki-67  | 30-9  | 22%"),
    (_ROW_TABLE_OTHER, "receptors.er.percent", None, None),
    # "not indicated" is no quoted guideline text ("indicates amplification" is).
    ("HER2 IHC score: 1+ / ISH not indicated", "receptors.her2.ihc_score", "1+", "HER2 IHC score: 1+"),
    ("Carcinoma ductal infiltrante. Grado de Scarff-Bloom-Richardson: 2 (puntuacion 6).", "diagnosis.grade", 2,
     "Grado de Scarff-Bloom-Richardson: 2"),
    ("Carcinoma ductal in situ. Grado nuclear 2.", "diagnosis.grade", None, None),
    ("Carcinome canalaire infiltrant. Grade histopronostique SBR modifie : 2.", "diagnosis.grade", 2,
     "Grade histopronostique SBR modifie : 2"),
    ("Carcinome canalaire infiltrant, grade histopronostique de Elston et Ellis II.", "diagnosis.grade", 2,
     "grade histopronostique de Elston et Ellis II"),
    # "CLINICAL:" opens the clinical history; "core H26/28810 showed" quotes an earlier specimen.
    (_CORE_QUOTED, "receptors.pr.allred", 3, "PR   Positive   Quick score 3/8"),
    ("Estrogen receptor: Positive (+++, 95%) (Allred score 8)", "receptors.er.intensity", "strong",
     "Estrogen receptor: Positive (+++"),
    ("Invasiv bröstcancer av ospecifik typ (NST), preliminar NHG 2.", "diagnosis.grade", 2, "NHG 2"),
    ("HER2: 2+ -> DISH: negative (ratio 1.3).", "receptors.her2.ish_result", "not_amplified",
     "HER2: 2+ -> DISH: negative"),
    ("HER2: 2+ -> FISH: positive (ratio 2.8).", "receptors.her2.ish_result", "amplified", "HER2: 2+ -> FISH: positive"),
    # A conditional after the score is no ISH result ("if" in English, "si" in French and Spanish).
    ("Invasive ductal carcinoma. HER2 2+; if FISH is amplified, anti-HER2 therapy will be discussed.",
     "receptors.her2.ish_result", None, None),
    ("Invasive ductal carcinoma. HER2 2+; si la FISH est amplifiee, un traitement sera discute.",
     "receptors.her2.ish_result", None, None),
    ("Invasive ductal carcinoma. HER2 2+; si la FISH est amplifiee, un traitement sera discute.",
     "receptors.her2.ihc_score", "2+", "HER2 2+"),
    ("Carcinoma ductal infiltrante; invasion linfovascular: SI, receptor de estrogeno positivo (90%).",
     "receptors.er.percent", 90.0, "receptor de estrogeno positivo (90%"),
    ("HER2/neu oncoprotein: 1/3+ (negative)", "receptors.her2.ihc_score", "1+", "HER2/neu oncoprotein: 1/3+"),
    ("HER2: 3/3+ (positive)", "receptors.her2.ihc_score", "3+", "HER2: 3/3+"),
    ("Carcinoma mammario infiltrante NST, triplo negativo.", "receptors.er.status", "negative", "triplo negativo"),
    ("Carcinome triple negatif.", "receptors.her2.status", "negative", "triple negatif"),
    ("ER: 100%, sterk; PR: 5%, zwak", "receptors.pr.intensity", "weak", "PR: 5%, zwak"),
    ("ER: 90 % (kraftig), PR: 20 % (måttlig)", "receptors.er.intensity", "strong", "ER: 90 % (kraftig"),
    ("ER: 90 % (kraftig), PR: 20 % (måttlig)", "receptors.pr.intensity", "moderate", "PR: 20 % (måttlig"),
    ("Receptores hormonales: negativos.", "receptors.pr.status", "negative", "Receptores hormonales: negativos"),
    ("Estrogen Receptor (ER) Status: Low Positive (1-10% of cells with nuclear positivity)\n"
     "  Percentage of Cells with Nuclear Positivity: 5%\n", "receptors.er.percent", 5.0,
     "Estrogen Receptor (ER) Status: Low Positive (1-10% of cells with nuclear positivity)\n"
     "  Percentage of Cells with Nuclear Positivity: 5%"),
    ("Lateralite / Laterality: Droite / Right\nCarcinome lobulaire infiltrant.", "diagnosis.laterality", "right",
     "Laterality: Droite / Right"),
    ("Recepteurs hormonaux : negatifs.", "receptors.er.status", "negative", "Recepteurs hormonaux : negatifs"),
    ("Recepteurs aux oestrogenes exprimes par 95 % des cellules tumorales (intensite forte)", "receptors.er.percent",
     95.0, "Recepteurs aux oestrogenes exprimes par 95 %"),
    ("ISH: niet geamplificeerd (ratio 1,2; gemiddeld 2,4 kopieën HER2 per celkern).", "receptors.her2.ish_copy_number",
     2.4, "gemiddeld 2,4 kopieën HER2 per celkern"),
    ("receptores de estrogenos positivos (100%, intensidad fuerte)", "receptors.er.intensity", "strong",
     "receptores de estrogenos positivos (100%, intensidad fuerte"),
    ("Receptor de progesterona: positivo (5%, intensidade fraca)", "receptors.pr.intensity", "weak",
     "Receptor de progesterona: positivo (5%, intensidade fraca"),
    # Special types in Italian, French and Spanish word order; "tipo no especial" negates nothing.
    ('Carcinoma tubulare puro, G1, 8 mm.', 'diagnosis.histology', 'tubular', 'Carcinoma tubulare'),
    ('Carcinome tubuleux, grade SBR 1.', 'diagnosis.histology', 'tubular', 'Carcinome tubuleux'),
    ('Carcinoma metaplasico de tipo escamoso, grado 3.', 'diagnosis.histology', 'metaplastic', 'Carcinoma metaplasico'),
    ('Carcinome metaplasique a cellules fusiformes.', 'diagnosis.histology', 'metaplastic', 'Carcinome metaplasique'),
    ('Carcinoma micropapilar invasivo, grado 2.', 'diagnosis.histology_code', '8507/3', 'Carcinoma micropapilar'),
    ('Carcinoma apocrino invasivo.', 'diagnosis.histology', 'other', 'Carcinoma apocrino'),
    # not the invasive micropapillary type; since session 11 read as DCIS, as "micropapillary carcinoma in situ" is
    ('Carcinoma micropapilar in situ.', 'diagnosis.histology', 'dcis', 'Carcinoma micropapilar in situ'),
    ("Carcinoma lobular invasivo, grau 2.", "diagnosis.histology", "invasive_lobular", "Carcinoma lobular invasivo"),
    ("Carcinoma lobular in situ.", "diagnosis.histology", "lcis", "Carcinoma lobular in situ"),
    ("Invasive carcinoma, ductal/no special type (NST), 12 mm.", "diagnosis.histology", "invasive_ductal",
     "Invasive carcinoma, ductal/no special type"),
    ("Invasive carcinoma: lobular type, classical.", "diagnosis.histology", "invasive_lobular",
     "Invasive carcinoma: lobular type"),
    ("Mama esquerda - mastectomia.\nCarcinoma lobular invasivo, grau histologico 2.", "diagnosis.grade", 2,
     "grau histologico 2"),
    ("Mama esquerda - mastectomia.\nCarcinoma lobular invasivo, grau histologico 2.", "diagnosis.laterality", "left",
     "Mama esquerda"),
    ('Carcinome infiltrant de type lobulaire, grade 2.',
     'diagnosis.histology', 'invasive_lobular', 'Carcinome infiltrant de type lobulaire'),
    ('Carcinoma invasivo de mama tipo no especial (NST), grado 2.',
     'diagnosis.histology', 'invasive_ductal', 'Carcinoma invasivo de mama tipo no especial'),
    ('Carcinoma invasivo de mama tipo no especial (NST), grado 2.', 'diagnosis.grade', 2, 'grado 2'),
    ('Carcinoma infiltrante NOS (duttale), grado 3.',
     'diagnosis.histology', 'invasive_ductal', 'Carcinoma infiltrante NOS'),
    # The in-situ component named at the start of a clause or line ("; DCIS ER 80%, PR 10%", "DCIS: ER
    # positive"), or after the label ("ER in situ component: positive").
    (_BOTH_COMPONENTS, 'receptors.pr.percent', 40.0, 'PR 40%'),
    (_BOTH_COMPONENTS, 'receptors.in_situ.pr.percent', 10.0, 'PR 10%'),
    (_COMPONENT_WORDS, 'receptors.er.percent', 95.0, 'ER invasive component: positive (95%'),
    (_COMPONENT_WORDS, 'receptors.in_situ.er.percent', 70.0, 'ER in situ component: positive (70%'),
    (_COMPONENT_LINES, 'receptors.pr.status', 'positive', 'PR positive'),
    (_COMPONENT_LINES, 'receptors.in_situ.pr.status', 'negative', 'PR negative'),
    ("Invasive ductal carcinoma.\nDCIS: present, cribriform. ER positive (95%).", "receptors.er.percent", 95.0,
     "ER positive (95%"),
    ('Invasive ductal carcinoma with associated DCIS. ER positive (95%), PR positive (20%).',
     'receptors.pr.percent', 20.0, 'PR positive (20%'),
    # The typeset minus (U+2212) of PDFs as a sign; an em or en dash between label and value.
    ('Receptor status: ER+ (95%), PR− (0%), HER2− (IHC 1+)', 'receptors.pr.status', 'negative', 'PR−'),
    ('Receptor status: ER+ (95%), PR− (0%), HER2− (IHC 1+)', 'receptors.pr.percent', 0.0, 'PR− (0%'),
    ('Receptor status: ER+ (95%), PR− (0%), HER2− (IHC 1+)', 'receptors.her2.status', 'negative', 'HER2−'),
    ('ER+/PR−/HER2−', 'receptors.pr.status', 'negative', 'PR−'),
    ('Estrogen receptor (ER) — positive, 80%', 'receptors.er.status', 'positive', 'Estrogen receptor (ER) — positive'),
    ('ER – positive, 80%', 'receptors.er.percent', 80.0, 'ER – positive, 80%'),
    (_LIS_ROWS,
     'receptors.er.percent', 80.0, 'ESTROGEN RECEPTOR            POSITIVE      >=1% NUCLEAR STAINING = POSITIVE\n  % CELLS STAINING           80'),
    ('ER: positive (>=1% nuclear staining = positive)\n', 'receptors.er.percent', None, None),
    ('  AVG HER2 COPY #/CELL       3.1\n', 'receptors.her2.ish_copy_number', 3.1, 'AVG HER2 COPY #/CELL       3.1'),
    ('Ki-67 (MIB-1), hot-spot, 500 cells counted: 32%',
     'receptors.ki67_percent', 32.0, 'Ki-67 (MIB-1), hot-spot, 500 cells counted: 32%'),
    ('KI-67 ........................... 8%', 'receptors.ki67_percent', 8.0, 'KI-67 ........................... 8%'),
    ('HER2/NEU (IHC) .................. NEGATIVE (SCORE 0)\nHER2 ULTRALOW COMMENT: NO MEMBRANE STAINING IDENTIFIED (HER2-NULL).',
     'receptors.her2.ihc_detail', 'null', 'HER2 ULTRALOW COMMENT: NO MEMBRANE STAINING IDENTIFIED'),
    ('Carcinoma ductal infiltrante (carcinoma invasivo de tipo no especial), grado histologico 3 de Nottingham.',
     'diagnosis.histology', 'invasive_ductal', 'Carcinoma ductal infiltrante'),
    ('Carcinoma ductal infiltrante (carcinoma invasivo de tipo no especial), grado histologico 3 de Nottingham.',
     'diagnosis.grade', 3, 'grado histologico 3'),
    ('Carcinoma lobulillar infiltrante, variedad clasica.',
     'diagnosis.histology', 'invasive_lobular', 'Carcinoma lobulillar infiltrante'),
    ('Carcinoma ductal in situ de alto grado.', 'diagnosis.histology', 'dcis', 'Carcinoma ductal in situ'),
    ('Neoplasie lobulaire in situ, type classique.', 'diagnosis.histology', 'lcis', 'Neoplasie lobulaire in situ'),
    ('Lumpectomie mamma links: invasief carcinoom NST (ductaal), graad 2.',
     'diagnosis.histology', 'invasive_ductal', 'invasief carcinoom NST'),
    ('Lumpectomie mamma links: invasief carcinoom NST (ductaal), graad 2.', 'diagnosis.grade', 2, 'graad 2'),
    ('Lumpectomie mamma links: invasief carcinoom NST (ductaal), graad 2.',
     'diagnosis.laterality', 'left', 'mamma links'),
    ('Hoger brost: Invasiv cancer av ospecifik typ (NST), histologisk grad II.',
     'diagnosis.histology', 'invasive_ductal', 'Invasiv cancer av ospecifik typ'),
    ('Hoger brost: Invasiv cancer av ospecifik typ (NST), histologisk grad II.',
     'diagnosis.grade', 2, 'histologisk grad II'),
    ('Invasief lobulair carcinoom, klassiek type.',
     'diagnosis.histology', 'invasive_lobular', 'Invasief lobulair carcinoom'),
    ('carcinome lobulaire infiltrant, de type classique, grade SBR modifie (Elston-Ellis) 2 (tubules 3, pleomorphisme 2, mitoses 1 = 6/9)',
     'diagnosis.grade', 2, 'grade SBR modifie (Elston-Ellis) 2'),
    ('Mastectomia radical modificada derecha: carcinoma ductal infiltrante.',
     'diagnosis.laterality', 'right', 'Mastectomia radical modificada derecha'),
    ('Sein gauche, tumorectomie: carcinome canalaire infiltrant.', 'diagnosis.laterality', 'left', 'Sein gauche'),
    ('Residual ductal carcinoma in situ only (ypTis); pathologic complete response of the breast.',
     'diagnosis.histology', None, None),
    ('Residual ductal carcinoma in situ only (ypTis); pathologic complete response of the breast.',
     'diagnosis.in_situ_histology', 'dcis', 'ductal carcinoma in situ'),
    ('Tumour bed with treatment effect; no invasive carcinoma identified. Ductal carcinoma in situ, 5 mm. ypT0/is N0',
     'diagnosis.histology', None, None),
    ('Paget disease of the nipple. Ductal carcinoma in situ, high grade, 38 mm. No invasive carcinoma identified.',
     'diagnosis.histology', 'dcis', 'Ductal carcinoma in situ'),
    ('Ductal carcinoma in situ, 12 mm. pTis', 'diagnosis.histology', 'dcis', 'Ductal carcinoma in situ'),
    # "DIAGNOSTIC:" opens the diagnosis (it had stayed in the gross description above it).
    (_FRENCH_HEADERS, "diagnosis.grade", 2, "grade histologique de Nottingham 2"),
    (_FRENCH_HEADERS, "receptors.ki67_percent", 15.0, "Ki-67 : 15 %"),
    # gen10: size labels and word order of French, Italian, Spanish and Dutch reports ("cm 2,2": the
    # unit first; a specimen's "taille de la pièce" is no tumour size); "Carcinoma, invasive, ductal
    # type"; mucinous type names; "no" in Dutch, French and Spanish negates; French "RE"/"RP" with a
    # value right after (not "RE:" as "regarding").
    ('Taille de la tumeur infiltrante: 1,9 cm.',
     'diagnosis.tumor_size_mm', 19.0, 'Taille de la tumeur infiltrante: 1,9 cm'),
    ('Carcinome lobulaire infiltrant, grade SBR 2, taille 26 mm, associe a une neoplasie lobulaire in situ.',
     'diagnosis.tumor_size_mm', 26.0, 'taille 26 mm'),
    ('Carcinoma mammario infiltrante di tipo duttale (NST), G2, diametro massimo cm 2,2.',
     'diagnosis.tumor_size_mm', 22.0, 'diametro massimo cm 2,2'),
    ('Tamano tumoral: 4,5 x 3,8 x 3,0 cm.', 'diagnosis.tumor_size_mm', 45.0, 'Tamano tumoral: 4,5 x 3,8 x 3,0 cm'),
    ('Lumpectomie mamma links: invasief carcinoom NST (ductaal), graad 2 (tubuli 3, kernpolymorfie 2, mitose 1 = 6), 14 mm, radicaal verwijderd.',
     'diagnosis.tumor_size_mm', 14.0, 'carcinoom NST (ductaal), graad 2 (tubuli 3, kernpolymorfie 2, mitose 1 = 6), 14 mm'),
    ('Carcinome canalaire infiltrant residuel de 7 mm (cellularite residuelle 20 %).',
     'diagnosis.tumor_size_mm', 7.0, 'Carcinome canalaire infiltrant residuel de 7 mm'),
    ('Invasive ductal carcinoma, scirrhous type\n  Size: invasive 17 x 14 mm (whole tumor 22 x 15 mm including intraductal component)\n',
     'diagnosis.tumor_size_mm', 17.0, 'Size: invasive 17 x 14 mm'),
    ('Taille de la piece: 6,5 x 5,0 x 3,2 cm.', 'diagnosis.tumor_size_mm', None, None),
    ('Tumour type: Carcinoma, invasive, ductal type (NST).',
     'diagnosis.histology', 'invasive_ductal', 'Carcinoma, invasive, ductal type'),
    ('Invasief mucineus carcinoom (colloid carcinoom), zuiver type, graad 1.',
     'diagnosis.histology', 'mucinous', 'Invasief mucineus carcinoom'),
    ('Carcinome mucineux pur, 12 mm.', 'diagnosis.histology', 'mucinous', 'Carcinome mucineux'),
    ('Geen DCIS. Invasief ductaal carcinoom, graad 2.',
     'diagnosis.histology', 'invasive_ductal', 'Invasief ductaal carcinoom'),
    ('Pas de carcinome canalaire in situ.', 'diagnosis.histology', None, None),
    ('Sin carcinoma ductal in situ asociado.', 'diagnosis.histology', None, None),
    ('RE : 95 %, forte ; RP : negatifs ; HER2 : score 1+.', 'receptors.er.percent', 95.0, 'RE : 95 %'),
    ('RE : 95 %, forte ; RP : negatifs ; HER2 : score 1+.', 'receptors.pr.status', 'negative', 'RP : negatifs'),
    ('RE: Patient follow-up. Tumour size 2 cm.', 'receptors.er.status', None, None),
    ('Carcinoma mammario infiltrante NST (duttale), grado istologico 1 (tubuli 1, pleomorfismo nucleare 2, mitosi 1).',
     'diagnosis.grade', 1, 'grado istologico 1'),
    # gen10: Portuguese and Danish receptor names, Scandinavian "positiv"/"negativ", "medium" intensity,
    # French/Spanish "RE"/"RP" without a colon before the value.
    ('Receptor de estrogenio: positivo (90%, intensidade forte)',
     'receptors.er.status', 'positive', 'Receptor de estrogenio: positivo'),
    ('ER (about 90%+, strong), PR (about 60%+, medium), HER-2 (1+)',
     'receptors.pr.intensity', 'moderate', 'PR (about 60%+, medium'),
    ('Ostrogenreceptor (ER): 95 %', 'receptors.er.percent', 95.0, 'Ostrogenreceptor (ER): 95 %'),
    ('HER2: negativ (IHC 1+)', 'receptors.her2.status', 'negative', 'HER2: negativ'),
    ('Inmunohistoquimica: RE positivo (100%), RP positivo (80%), HER2 negativo (puntuacion 0).',
     'receptors.pr.percent', 80.0, 'RP positivo (80%'),
    ('Inmunohistoquimica: RE positivo (100%), RP positivo (80%), HER2 negativo (puntuacion 0).',
     'receptors.her2.ihc_score', '0', 'HER2 negativo (puntuacion 0'),
    ('RE POSITIONING OF THE CLIP: DONE.', 'receptors.er.status', None, None),
    # gen10: the RCPath dataset's "Invasive tumour type: No special type", "Quick (Allred) score: 8", a
    # label that names its unit ("Ki67 (%): 40"); an Italian side after "mastectomia totale".
    ('Invasive tumour type: No special type (ductal NST)\nInvasive grade: 3\n',
     'diagnosis.histology', 'invasive_ductal', 'tumour type: No special type'),
    ('Histologic type: NST and lobular (mixed)\n', 'diagnosis.histology', None, None),
    ('  ER status: Positive   Quick (Allred) score: 8   H-score: not performed\n',
     'receptors.er.allred', 8, 'ER status: Positive   Quick (Allred) score: 8'),
    ('  ER status: Positive   Quick (Allred) score: 8   H-score: not performed\n', 'receptors.er.h_score', None, None),
    ('  Ki67 (%): 40\n', 'receptors.ki67_percent', 40.0, 'Ki67 (%): 40'),
    ('  Ki67 (%): pending\n', 'receptors.ki67_percent', None, None),
    ('Materiale: mastectomia totale sinistra con capezzolo.\nDiagnosi: carcinoma mammario infiltrante NST, G3.',
     'diagnosis.laterality', 'left', 'mastectomia totale sinistra'),
    # round 10 (staging, nodes, size in unseen formats): a stated pNX; an intramammary node beside the
    # axillary total (AJCC counts it with them); the RCPath "Total number ... Number positive" line; a
    # backward "not identified" that stops at a list item with its own value; a grade's point ending a
    # sentence; a one-line family history followed by the patient's own results; Japanese, Italian,
    # Chinese, Brazilian and Mexican size phrasings; node counts with bracketed numbers and "n (+)".
    # lead, round 10: node counts under a foreign label, a parenthesised part label, "no metastasis in
    # N nodes" and "N positive of M".
    ("- Ganglios linfaticos axilares: 4/17 con metastasis (mayor 1,6 cm).", "lymph_nodes.positive", 4,
     "Ganglios linfaticos axilares: 4/17"),
    ("- Ganglios linfaticos axilares: 4/17 con metastasis (mayor 1,6 cm).", "lymph_nodes.examined", 17,
     "Ganglios linfaticos axilares: 4/17"),
    ("Ganglions sentinelles: 0/2 (pN0(sn)).", "lymph_nodes.examined", 2, "Ganglions sentinelles: 0/2"),
    ("Linfonodi sentinella: 1/3 con metastasi.", "lymph_nodes.positive", 1, "Linfonodi sentinella: 1/3"),
    ("Schildwachtklieren: 0/2.", "lymph_nodes.examined", 2, "Schildwachtklieren: 0/2"),
    ("Ganglions: 3/2 coupes", "lymph_nodes.examined", None, None),  # more positive than examined: no count
    ("(Right sentinel lymph node) 0/3.", "lymph_nodes.examined", 3, "(Right sentinel lymph node) 0/3"),
    ("(Right sentinel lymph node) 0/3.", "lymph_nodes.positive", 0, "(Right sentinel lymph node) 0/3"),
    ("7. Lymph node metastasis: no metastasis in 3 sentinel lymph nodes (pN0(sn))", "lymph_nodes.examined", 3,
     "no metastasis in 3 sentinel lymph nodes"),
    ("7. Lymph node metastasis: no metastasis in 3 sentinel lymph nodes (pN0(sn))", "lymph_nodes.positive", 0,
     "no metastasis in 3 sentinel lymph nodes"),
    ("No metastatic carcinoma identified in four lymph nodes.", "lymph_nodes.examined", 4,
     "No metastatic carcinoma identified in four lymph nodes"),
    ("If there is no tumour in the 2 nodes, no further surgery.", "lymph_nodes.examined", None, None),
    # (read as a total with its label since round 26's "12 POSITIVE OF 18" after a total's label)
    ("Axillary nodes: 3 positive of 15 (largest deposit 11 mm, ENE present)", "lymph_nodes.examined", 15,
     "Axillary nodes: 3 positive of 15"),
    ("Axillary nodes: 3 positive of 15 (largest deposit 11 mm, ENE present)", "lymph_nodes.positive", 3,
     "Axillary nodes: 3 positive of 15"),
    # A mean HER2 copy number written before its unit, inside the HER2 label's details; not CEP17's.
    ("HER2: 2+ equivocal, ISH\n  not amplified (ratio 1.5, 3.6 copies/nucleus) - negative",
     "receptors.her2.ish_copy_number", 3.6, "HER2: 2+ equivocal, ISH\n  not amplified (ratio 1.5, 3.6 copies/nucleus"),
    ("HER2: score 2+, SISH: not amplified\n(ratio 1,3; 2,8 copies/cell). Ki-67: 30%.",
     "receptors.her2.ish_copy_number", 2.8, "HER2: score 2+, SISH: not amplified\n(ratio 1,3; 2,8 copies/cell"),
    ("HER2 FISH: not amplified; CEP17 2.1 copies/cell; ratio 1.2", "receptors.her2.ish_copy_number", None, None),
    ("ypT1b ypN0. Ki-67 on residual 20%.", "receptors.ki67_percent", 20.0, "Ki-67 on residual 20%"),
    ("Ki-67 on the residual tumour: 15%", "receptors.ki67_percent", 15.0, "Ki-67 on the residual tumour: 15%"),
    ("Ki-67 on residual disease not assessed; tumour cellularity 20%", "receptors.ki67_percent", None, None),
    ("Chemotherapy not indicated (ER positive, RS 11).", "receptors.er.status", "positive", "ER positive"),
    # A conclusion restating the count its microscopy gave is read once (not 0/4).
    ("Microscopy:\n1. Tumour bed with fibrosis.\n2. Two lymph nodes without metastasis.\n\nConclusion:\n"
     "Lumpectomy left breast:\n- Sentinel nodes: 0/2, one with signs of regression.\n", "lymph_nodes.examined", 2,
     "Sentinel nodes: 0/2"),
    # A total broken down by level, each level's count naming its own level ("Level I: 5/14").
    ("Axillary lymph nodes: metastatic carcinoma (6/21).\n  Level I: 5/14; Level II: 1/5; Level III: 0/2.\n",
     "lymph_nodes.examined", 21, "(6/21)"),
    ("Axillary lymph nodes: metastatic carcinoma (6/21).\n  Level I: 5/14; Level II: 1/5; Level III: 0/2.\n",
     "lymph_nodes.positive", 6, "(6/21)"),
    ("Regional Lymph Nodes (pN): pNX", "stage.pathologic.n", "NX", "pNX"),
    ("PATHOLOGIC STAGE: pT1b pNX", "stage.pathologic.n", "NX", "pNX"),
    ("PATHOLOGIC STAGE: pT1b pNX", "stage.pathologic.prefix", "p", "pT1b"),
    ("No lymph nodes are present (pNX not applicable).", "stage.pathologic.n", None, None),
    ("Axillary lymph nodes (sentinel): Total number 2; Number positive 0\nIntramammary lymph node: (1/1) "
     "macrometastasis", "lymph_nodes.examined", 3, "Total number 2; Number positive 0"),
    ("Axillary lymph nodes (sentinel): Total number 2; Number positive 0\nIntramammary lymph node: (1/1) "
     "macrometastasis", "lymph_nodes.positive", 1, "Number positive 0"),
    ("SENTINEL LYMPH NODES: 1/2 POSITIVE\nINTRAMAMMARY LYMPH NODE: 1/1 POSITIVE", "lymph_nodes.examined", 3,
     "LYMPH NODES: 1/2"),
    ("- ONE INTRAMAMMARY LYMPH NODE, NO TUMOR SEEN (0/1).\nLymph node status: Negative 0/5 (sentinel and "
     "intramammary)", "lymph_nodes.examined", 5, "Lymph node status: Negative 0/5"),
    ("Intramammary lymph node: (1/1).\nTotal lymph nodes: 1/3", "lymph_nodes.examined", 3, "Total lymph nodes: 1/3"),
    ("Total number of nodes: 19    Number of positive nodes: 5", "lymph_nodes.examined", 19,
     "Total number of nodes: 19    Number of positive nodes: 5"),
    ("Invasive ductal carcinoma. ER positive, PR positive, HER2 not identified.", "receptors.pr.status", "positive",
     "PR positive"),
    ("Invasive ductal carcinoma. ER: positive (90%), PR: positive (30%), HER2 overexpression: not identified.",
     "receptors.pr.status", "positive", "PR: positive"),
    ("ER 95%, PR 40%, HER2 amplification not detected.", "receptors.pr.percent", 40.0, "PR 40%"),
    ("Invasive ductal carcinoma, grade 2. Lymphovascular invasion, perineural invasion and DCIS: not identified.",
     "diagnosis.grade", 2, "grade 2"),
    ("Invasive ductal carcinoma, grade 2. Lymphovascular invasion, perineural invasion and DCIS: not identified.",
     "diagnosis.histology", "invasive_ductal", "Invasive ductal carcinoma"),
    ("Family history: mother breast ca at 60. Path: ER 95%, PR 40%, HER2 1+, grade 2 IDC on core.",
     "receptors.er.percent", 95.0, "ER 95%"),
    ("Family history: mother breast ca at 60. Path: ER 95%, PR 40%, HER2 1+, grade 2 IDC on core.",
     "receptors.her2.ihc_score", "1+", "HER2 1+"),
    ("Tumor size: 32 x 25 x 20 mm (macroscopic), invasion size 29 x 22 mm", "diagnosis.tumor_size_mm", 29.0,
     "invasion size 29 x 22 mm"),
    ("Residual invasive carcinoma NST in scattered foci; largest contiguous residual focus 0,8 cm.",
     "diagnosis.tumor_size_mm", 8.0, "foci; largest contiguous residual focus 0,8 cm"),
    ("(Left) breast invasive ductal carcinoma, WHO grade II, maximum diameter of tumour 3.5cm.",
     "diagnosis.tumor_size_mm", 35.0, "maximum diameter of tumour 3.5cm"),
    ("Invasive carcinoma of no special type (ductal), grade 2 (Nottingham: tubules 3, pleomorphism 2, mitoses 1), "
     "measuring 1,8 cm in its largest axis.", "diagnosis.tumor_size_mm", 18.0,
     "carcinoma of no special type (ductal), grade 2 (Nottingham: tubules 3, pleomorphism 2, mitoses 1), measuring 1,8 cm"),
    ("Multifocal invasive carcinoma of no special type (NST), three foci of 16 mm, 7 mm and 3 mm.",
     "diagnosis.tumor_size_mm", 16.0, "foci of 16 mm, 7 mm and 3 mm"),
    ("Infiltrating ductal carcinoma, histologic grade 3 (Scarff-Bloom-Richardson modified, 3+3+2 = 8 points), of "
     "4.2 x 3.6 x 3.0 cm.", "diagnosis.tumor_size_mm", 42.0, None),
    ("Staging CT: two liver lesions (segments 6 and 7, largest 14 mm), biopsy-proven metastatic lobular carcinoma.",
     "diagnosis.tumor_size_mm", None, None),
    ("Axillary lymph nodes: metastasis of infiltrating ductal carcinoma in four (4) of eighteen (18) lymph nodes "
     "dissected.", "lymph_nodes.examined", 18, "four (4) of eighteen (18) lymph nodes"),
    ("Lymph node: n (+) 2/4 (sentinel #1: 1/1, sentinel #2: 1/2, non-sentinel: 0/1)", "lymph_nodes.positive", 2,
     "Lymph node: n (+) 2/4"),
    ("pTNM (8th edition UICC): pT2 pN1a (2N+/14) ; pM not assessable.", "lymph_nodes.examined", 14, "pN1a (2N+/14)"),
    ("C) Axillary dissection: 1 metastatic node of 13 (1N+/13), the remaining nodes reactive.",
     "lymph_nodes.positive", 1, "(1N+/13)"),
    ("Invasive breast carcinoma NST, NHG 1 (tubules 1, nuclei 2, mitoses 1), 11 mm.", "diagnosis.grade", 1, "NHG 1"),
    ("(Right) breast invasive carcinoma of no special type, histological grade II, tumour size\n(2.1×1.8×1.5) cm; "
     "intravascular tumour emboli (-).", "diagnosis.tumor_size_mm", 21.0, "tumour size\n(2.1×1.8×1.5) cm"),
    ("Post MRM (R) on 12/08/2026: ypT2 (2.6 cm) ypN1a (2/18), margins free, RCB-II.", "diagnosis.tumor_size_mm",
     26.0, "ypT2 (2.6 cm)"),
    ("Lymph node (1.2 cm) with metastatic carcinoma; pN1a.", "diagnosis.tumor_size_mm", None, None),
    ("Microscopic examination and conclusion:\nA) Infiltrating carcinoma of non-specific type (NST), 26 mm.\n"
     "B) Sentinel node: macrometastasis of 8 mm (1N+/1).", "lymph_nodes.examined", 1, "(1N+/1)"),
    # lead, session 11: "EE" (Elston-Ellis) before a hyphenated "grade"; in situ carcinoma in Romance word order
    ("Invasive ductal carcinoma, EE-grade 2, measuring 1.8 cm.", "diagnosis.grade", 2, "EE-grade 2"),
    ("Invasive carcinoma NST, EE grade III.", "diagnosis.grade", 3, "EE grade III"),
    ("DCIS, nuclear grade 2; see grade below.", "diagnosis.grade", None, None),
    ("Carcinome cribriforme in situ de grade nucléaire intermédiaire.", "diagnosis.histology", "dcis",
     "Carcinome cribriforme in situ"),
    ("Carcinoma micropapilar infiltrante.", "diagnosis.histology", "other", "Carcinoma micropapilar"),
    # a hyphen at a line end inside "receptor-positive" is no minus sign (it had given ER negative)
    ("Estrogen receptor-\npositive (95%).", "receptors.er.status", "positive", "Estrogen receptor-\npositive"),
    ("ER-\nPR-\nHER2 3+", "receptors.pr.status", "negative", "PR-"),
    ("Molecular subtype: HER2-\nenriched (PAM50).", "receptors.her2.status", None, None),
    ("ER+ PR+ HER2-\nKi-67 20%", "receptors.her2.status", "negative", "HER2-"),
    # clinician shorthand: the size straight after "IDC"/"ILC"; not an imaging size, a margin distance, nor after
    # the word "carcinoma" (run-on OCR puts margin distances there: "DUCTAL CARCINOMA 3 MM (DEEP, ...")
    ("Left breast lumpectomy + SLNB (10/24/2026): IDC 1.4 cm, grade 1, margins negative.", "diagnosis.tumor_size_mm",
     14.0, "IDC 1.4 cm"),
    ("Surgery: residual IDC 0.8 cm, cellularity 10%, ypT1b ypN1a.", "diagnosis.tumor_size_mm", 8.0, "IDC 0.8 cm"),
    ("Tumor: IDC 1.9 cm on US; axilla clinically negative.", "diagnosis.tumor_size_mm", None, None),
    ("IDC 3 mm (deep margin).", "diagnosis.tumor_size_mm", None, None),
    ("INTRADUCTAL COMPONENT: 3 DUCTAL CARCINOMA 3 MM (DEEP, IN SITU, SLIDE C6).", "diagnosis.tumor_size_mm", None, None),
    # a copy number before "/cell" keeps its decimals (it had read 6 of "6.4/cell")
    ("FISH: HER2/CEP17 ratio 1.5; average HER2 copy number 6.4/cell (group 3).", "receptors.her2.ish_copy_number", 6.4,
     "average HER2 copy number 6.4"),
    ("Average HER2 copy number 12/20 cells scored.", "receptors.her2.ish_copy_number", None, None),
    # a parenthesis (grade components with their own ";") counts as one step between carcinoma and its size
    ("Invasive carcinoma of no special type (ductal), Nottingham histologic grade 3 (tubule formation 3, nuclear "
     "pleomorphism 3, mitotic count 3; score 9/9), measuring 3.1 cm grossly.", "diagnosis.tumor_size_mm", 31.0,
     "carcinoma of no special type (ductal), Nottingham histologic grade 3 (tubule formation 3, nuclear pleomorphism 3, "
     "mitotic count 3; score 9/9), measuring 3.1 cm"),
    ("Invasive ductal carcinoma, Nottingham grade 2 (tubules 3, nuclei 2, mitoses 1), with associated ductal carcinoma "
     "in situ, measuring 2.3 cm.", "diagnosis.tumor_size_mm", None, None),  # the in situ component's size
    # gen11: a two-column page whose right column's "Macroscopic description" heading ends a line beside the
    # left column's label opens no gross section over the labels below it.
    (_TWO_COLUMN, "diagnosis.histology", "invasive_lobular", "Invasive lobular carcinoma"),
    (_TWO_COLUMN, "diagnosis.grade", 2, "Histological grade:                   2"),
    (_TWO_COLUMN, "stage.pathologic.t", None, None),  # "(T3 P2 M1)" are the grade's components
    # gen11: Nottingham components written T/N/M whose sum says "score 6", or wraps to the next line.
    ("Invasive lobular carcinoma. Histological grade 2: T3, N2, M1 = score 6.", "stage.pathologic.n", None, None),
    ("Histologic grade            Nottingham 2          17 mm\ncarcinoma, pleo-           (T3, N2, M1 =\n"
     "morphic type               score 6)", "stage.pathologic.t", None, None),
    # gen11: a grade's "TOTAL 6/9" wrapped onto the line after its components is no node count.
    ("INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 2 (TUBULES 3, NUCLEI 2, MITOSES 1;\n  TOTAL 6/9).",
     "lymph_nodes.examined", None, None),
    # gen11: the percent column of a marker table whose columns are runs of spaces or commas.
    (_SPACED_PERCENT_TABLE, "receptors.er.percent", 95.0, "ER          SP1       Positive    95"),
    (_SPACED_PERCENT_TABLE, "receptors.pr.percent", 40.0, "PR          1E2       Positive    40"),
    (_CSV_TABLE, "receptors.er.percent", 98.0, "98"),
    (_CSV_TABLE, "receptors.pr.percent", 2.0, "2"),
    # gen11: a table row whose header is gone: the bare number between the status and the intensity cells.
    ("ER  SP1  Positive  95  Strong\nPR  1E2  Positive  60  Strong\nHER2 4B5 1+ Negative", "receptors.pr.percent",
     60.0, "PR  1E2  Positive  60"),
    ("ER: positive, 3 cores  2 strong", "receptors.er.percent", None, None),
    # gen11: a result-first table ("Result  Marker  Comment"): each row's first cell is its marker's
    # result, and the "2+" opening the HER2 row is not the PR row's intensity.
    (_RESULT_FIRST, "receptors.pr.intensity", None, None),
    (_RESULT_FIRST, "receptors.her2.ihc_score", "2+", "2+"),
    (_RESULT_FIRST, "receptors.pr.status", "negative", "Negative"),
    ("Results     Tests ordered\nER and PR will follow.", "receptors.er.status", None, None),
    ("HER2 signals/cell (mean)   6.8\nCEP17 signals/cell (mean)  2.1", "receptors.her2.ish_copy_number", 6.8,
     "HER2 signals/cell (mean)   6.8"),
    ("HER2 IHC (4B5)            1+         2+\nHER2 SISH ratio           --         1.9\nHER2 signals/cell         --         --",
     "receptors.her2.ish_copy_number", None, None),  # the ratio ending a line is no copy number
    # gen11: a bar table ruled "----+----" under its header row; a column bar ends a negation.
    (_PLUS_RULED, "receptors.er.percent", 75.0, "Pos 75%"),
    (_PLUS_RULED, "receptors.her2.ihc_score", "2+", "2+"),
    (_PLUS_RULED, "receptors.ki67_percent", 30.0, "30%"),
    # gen11: a summary line's "Nodes:" after a column gap.
    ("Tumour size: 2.2 cm (pathological)          Nodes: 0/3 (sentinel)           pT2 pN0(sn)",
     "lymph_nodes.examined", 3, "Nodes: 0/3"),
    # gen11: a node group's count without a colon (then its involvement must follow), residual metastases
    # after therapy, and a zero of a negative group.
    ("Axillary nodes:\n                  Sentinel nodes 1 of 3 with\n                  macrometastasis (4.5 mm)",
     "lymph_nodes.positive", 1, "Sentinel nodes 1 of 3 with\n                  macro"),
    ("Lymph nodes:    1 of 12 with residual metastatic carcinoma (2.5 mm)", "lymph_nodes.positive", 1,
     "Lymph nodes:    1 of 12 with residual metastatic"),
    ("Sentinel lymph nodes: 0 of 2 negative", "lymph_nodes.positive", 0, "Sentinel lymph nodes: 0 of 2 negative"),
    ("Lymph nodes 2 of 3.", "lymph_nodes.examined", None, None),
    # gen11: a "Clinical:" paragraph ends at a heading in capitals after a blank line: the residual disease
    # assessment under it is this specimen's, its node count read; a heading-like line inside the clinical
    # paragraph ends nothing.
    ("Clinical: Left breast cancer, core: IDC grade 3. Completed TCHP x6. Now mastectomy and clearance.\n\n"
     "RESIDUAL DISEASE ASSESSMENT\nLymph nodes:      1 of 12 with residual metastatic carcinoma (2.5 mm)\n",
     "lymph_nodes.examined", 12, "Lymph nodes:      1 of 12 with residual metastatic"),
    # (in a pathology report: a clinic note's history counts are read, see the clinical node rows)
    ("Clinical: Left breast cancer.\nAxillary nodes\nLymph nodes: 2 of 9 positive on outside review.\n\n"
     "FINAL DIAGNOSIS:\nLeft breast, mastectomy: no residual carcinoma.\n", "lymph_nodes.examined", None, None),
    # gen11: a scanned form's fill-in rules glued to the words ("______Invasive", "___3___") or between a label
    # and its value ("ER __________ Positive"); a checklist's underscore boxes still tick ("__ Positive  _X_ Negative").
    ("Histologic type: ______Invasive lobular carcinoma______", "diagnosis.histology", "invasive_lobular",
     "Invasive lobular carcinoma"),
    ("Grade (Nottingham): ___3___", "diagnosis.grade", 3, "Grade (Nottingham): ___3"),
    ("ER __________ Positive (95%)", "receptors.er.percent", 95.0, "ER __________ Positive (95%"),
    ("Ki-67 _______ 10%", "receptors.ki67_percent", 10.0, "Ki-67 _______ 10%"),
    ("ER: __ Positive  _X_ Negative", "receptors.er.status", "negative", "ER: __ Positive  _X_ Negative"),
    # gen11: a control's results on a line or table row that opens with the control's name, or after a control
    # named with its tissue in a parenthesis, are not the tumour's.
    ("| Control      | ER       | Positive | 90 %  |\n| Tumour A3    | ER       | Negative | 0 %   |",
     "receptors.er.status", "negative", "ER       | Negative"),
    ("External control:   ER  Positive   PR  Positive   HER2 3+\nTumour (block A2):   ER  Negative   PR  Negative   HER2 0",
     "receptors.her2.ihc_score", "0", "HER2 0"),
    ("External control:   ER  Positive   PR  Positive   HER2 3+", "receptors.pr.status", None, None),
    ("External control (tonsil): ER positive 80%", "receptors.er.percent", None, None),
    ("Control tissue reactive. ER: Positive (95%)", "receptors.er.percent", 95.0, "ER: Positive (95%"),
    # gen11: a comparison table whose rows are specimens: the row labelled as the current specimen is read
    # first, the other rows are earlier specimens' results.
    (_SPECIMEN_ROWS, "receptors.er.percent", 80.0, "80%"),
    (_SPECIMEN_ROWS, "receptors.her2.ihc_score", "0", "0"),
    ("Sentinel lymph node: metastatic carcinoma, 1 of 1 (macrometastasis 4 mm).", "lymph_nodes.positive", 1,
     "Sentinel lymph node: metastatic carcinoma, 1 of 1 "),
    # gen11: an ISH block's result line after a blank line; a HER2 zero before a table's column gap.
    (_ISH_RESULT_APART, "receptors.her2.ish_result", "amplified", "RESULT: POSITIVE (AMPLIFIED"),
    ("  HER2 (IHC) ....... 0                   external control: 3+ (appropriate)", "receptors.her2.ihc_score", "0",
     "HER2 (IHC) ....... 0"),
    # gen11: a Ki-67 value under its label after blank lines (a two-column scan); an Allred table's row
    # "proportion  intensity  total" (read when the total is their sum).
    ("Ki-67 proliferative index:\n\n     Low (5-10%)\n", "receptors.ki67_percent", 5.0,
     "Ki-67 proliferative index:\n\n     Low (5-10%"),
    (_ALLRED_GRID, "receptors.er.allred", 8, "ER                   5            3           8"),
    (_ALLRED_GRID, "receptors.pr.intensity", "moderate", "PR                   3            2           5"),
    (_ALLRED_GRID, "receptors.pr.status", "positive", "PR                   3            2           5"),
    ("ER                   5            3           7\n", "receptors.er.allred", None, None),  # 5 + 3 is not 7
    # gen11: a negation in another cell of a bar table's row does not reach the row's result; a label's
    # own "Not present" cell still negates it.
    ("| PR | Negative | 0 % | internal control not present |", "receptors.pr.percent", 0.0, "PR | Negative | 0 %"),
    ("| DCIS | Not present |", "diagnosis.histology", None, None),
    # gen11: a tab-delimited export's percent column, Ki-67's too.
    (_TAB_EXPORT, "receptors.er.percent", 85.0, "85"),
    (_TAB_EXPORT, "receptors.ki67_percent", 40.0, "40"),
    # gen11: ISH measures after leader dots; a HER2 zero before a column bar.
    ("HER2/CEP17 ratio ......................... 1.18", "receptors.her2.ish_ratio", 1.18,
     "HER2/CEP17 ratio ......................... 1.18"),
    ("Mean HER2 signals per cell ............... 4.6", "receptors.her2.ish_copy_number", 4.6,
     "Mean HER2 signals per cell ............... 4.6"),
    ("Markers: ER+ (95%) | PR+ (70%) | HER2 0 | Ki-67 8%", "receptors.her2.ihc_score", "0", "HER2 0"),
    # gen11: a table row's intensity "3+" before an Allred column, its bare "8/8", and "Progesterone Rec.".
    (_INTENSITY_GRID, "receptors.er.intensity", "strong", "Estrogen Receptor     Positive    90        3+"),
    (_INTENSITY_GRID, "receptors.er.allred", 8, "Estrogen Receptor     Positive    90        3+          8/8"),
    (_INTENSITY_GRID, "receptors.pr.percent", 15.0, "15"),
    ("ER: positive, 3 of 8 cores", "receptors.er.allred", None, None),
    # gen11: "IHC" between the Ki-67 label and its value in a lab-style result table.
    ("KI-67 (30-9), IHC                   27         %        No validated cut-off", "receptors.ki67_percent", 27.0,
     "KI-67 (30-9), IHC                   27         %"),
    # gen12: an LVI value wrapped over a line end ("not\nidentified") is still a negation (it had given present).
    ("No residual in situ component. Lymphovascular invasion: not\nidentified.\nMargins free.", "diagnosis.lvi",
     "absent", "Lymphovascular invasion: not\nidentified"),
    ("LVI: not\n   seen.", "diagnosis.lvi", "absent", "LVI: not\n   seen"),
    # gen13-b: a prior contralateral cancer on a "PMH:" / "Past:" / "Problems (past):" line is not the index
    # cancer, even when the current side is never written beside a cancer word
    ("PMH: Right breast cancer 2009 (stage I IDC, lumpectomy + XRT).\nHPI: Left breast mass found on screening. "
     "Core biopsy: invasive lobular carcinoma, grade 2.", "diagnosis.laterality", "left", "Left breast"),
    ("PMH: Ca left breast 2012 - BCS + RT.\nNow: lump in other breast x 2 months.\n"
     "Trucut biopsy: invasive carcinoma NST, grade 3.", "diagnosis.laterality", None, None),
    ("Diagnosis: Ca left breast, ER+/PR+/HER2-, now bone mets.\nPast: Rt breast DCIS 2011 - lumpectomy + RT.",
     "diagnosis.laterality", "left", "left breast"),
    ("Problems (active): Breast cancer left (2019) - on hormone therapy\n"
     "Problems (past): Right breast DCIS 2004 - wide local excision", "diagnosis.laterality", "left",
     "Breast cancer left"),
    ("Diagnosis: Ca right breast cT3N1M0, ER-/PR-/HER2-.", "diagnosis.laterality", "right", "right breast"),
    # round 17a: the year between the cancer and its side
    ("HISTORY: Breast cancer 2019 (right, IDC grade 2, ER 95% PR 80% HER2 1+), on anastrozole.\n"
     "DIAGNOSIS: Bone, L3, core biopsy: metastatic carcinoma, consistent with breast origin.", "diagnosis.laterality",
     "right", "Breast cancer 2019 (right"),
    ("History: breast carcinoma in 2015, left. Now metastatic carcinoma in bone.", "diagnosis.laterality", "left",
     "breast carcinoma in 2015, left"),
    ("HISTORY: Breast cancer 2019. Right hip pain. Metastatic carcinoma in bone.", "diagnosis.laterality", None, None),
    # distractors: an earlier cancer alone is still the patient's side; "Ca" of calcium is no cancer word
    ("PMH: left breast cancer 2019, on letrozole. No evidence of recurrence.", "diagnosis.laterality", "left",
     "left breast"),
    ("Left breast pain. Ca 2.41 mmol/L, vitamin D low.", "diagnosis.laterality", None, None),
    # an oncology note's history of its own cancer names this cancer's side; a past medical history's does not
    ("Oncologic history:\n- 03/2024: Left breast cancer, lumpectomy. Path: 2.3 cm IDC, grade 2, ER 95%.\n"
     "Interval history: well.", "diagnosis.laterality", "left", "Left breast"),
    ("Past medical history: left breast cancer 2009, lumpectomy.\nPath: 2.3 cm IDC, grade 2, ER 95%.",
     "diagnosis.laterality", None, None),
    # lead, session 13: a total stated after the groups' counts; a positive count named after its number;
    # a note inside a count's parenthesis
    ("Sentinel lymph nodes: 1 of 3 positive for metastatic carcinoma (1/3)\nNon-sentinel nodes: 0 of 6 (0/6)\n"
     "Total: 1 of 9 lymph nodes positive", "lymph_nodes.examined", 9, "Total: 1 of 9 lymph nodes"),
    ("Number of lymph nodes examined: 21\nNumber of positive lymph nodes: 11", "lymph_nodes.positive", 11,
     "Number of positive lymph nodes: 11"),
    ("Number of metastatic nodes: 2\nNumber of nodes examined: 12", "lymph_nodes.positive", 2,
     "Number of metastatic nodes: 2"),
    ("B. Left axillary sentinel lymph nodes, excision:\nTwo lymph nodes, isolated tumor cells in one (0/2; ITCs "
     "present, see comment).", "lymph_nodes.examined", 2, "(0/2;"),
    # distractors: no count of cores; two counts in one parenthesis are no one part's
    ("Number of positive cores: 2 of 4", "lymph_nodes.positive", None, None),
    ("Invasive carcinoma present in cores (2/4; see note).", "lymph_nodes.examined", None, None),
    ("Two lymph nodes (0/2, 1/3)", "lymph_nodes.examined", None, None),
    # a hyphen between a size and its unit ("a 1.9-cm mass"); a CAP form's "Performed on this specimen:"
    ("Invasive ductal carcinoma, grade 3 of 3 (SBR score 8/9), forming a 2.7 x 2.2 x 1.9-cm mass.",
     "diagnosis.tumor_size_mm", 27.0, "forming a 2.7 x 2.2 x 1.9-cm mass"),
    ("a 1.9-cm invasive ductal carcinoma", "diagnosis.tumor_size_mm", 19.0, "1.9-cm invasive ductal carcinoma"),
    ("Invasive ductal carcinoma, 2-3 cm", "diagnosis.tumor_size_mm", None, None),
    ("Estrogen Receptor: Performed on this specimen: Positive. Percentage of cells with nuclear positivity: 91-100%",
     "receptors.er.status", "positive", "Estrogen Receptor: Performed on this specimen: Positive"),
    ("ER: Performed, results to follow.", "receptors.er.status", None, None),
    # German/Polish immunoreactive score (IRS 0-12) passed over to the percent or status beside it
    ("Estrogen receptor: IRS 8 (70% of tumour cells, moderate staining intensity) - positive.",
     "receptors.er.percent", 70.0, "Estrogen receptor: IRS 8 (70%"),
    ("ER: IRS 12 - positive, PR: IRS 0 - negative", "receptors.pr.status", "negative", "PR: IRS 0 - negative"),
    ("ER: IRS 12/12, PR: IRS 2/12", "receptors.er.status", None, None),
    # the UICC perineural code after the lymphatic and venous ones is no pN, in capitals too
    ("PT2, PN1A (SN) (1/2), L1, V0, PN0, G3, R0.", "stage.pathologic.n", "N1a", "PN1A (SN)"),
    ("L1 V1 PN1 R0", "stage.pathologic.n", None, None),
    ("PT1C PN0 (0/3) L0 V0", "stage.pathologic.n", "N0", "PN0"),
    # "nodal metastases (6/9)"; a gross tumour named inside a specimen's sentence
    ("Diagnosis: Invasive ductal carcinoma (NST), grade III, with nodal metastases (6/9).", "lymph_nodes.positive", 6,
     "(6/9)"),
    ("Macroscopy: Received mastectomy specimen with a firm tumour measuring 6.5 x 5.0 x 4.0cm.\nDiagnosis: Invasive "
     "ductal carcinoma (NST), grade III.", "diagnosis.tumor_size_mm", 65.0, "tumour measuring 6.5 x 5.0 x 4.0cm"),
    ("Macroscopy: Received mastectomy specimen measuring 20 x 15 x 4 cm, with a firm tumour.\nDiagnosis: Invasive "
     "ductal carcinoma (NST), grade III.", "diagnosis.tumor_size_mm", None, None),
    # "amplification was (not) detected"
    ("ERBB2 gene amplification was not detected by FISH (ratio 1.3).", "receptors.her2.ish_result", "not_amplified",
     "ERBB2 gene amplification was not detected"),
    ("HER2 gene amplification was detected by FISH (ratio 3.3).", "receptors.her2.ish_result", "amplified",
     "HER2 gene amplification was detected"),
    ("FISH: HER2 amplification was not seen in the control.", "receptors.her2.ish_result", None, None),
    # a side after the procedure ("MASTECTOMY, LEFT:"); "maximal diameter"
    ("MODIFIED RADICAL MASTECTOMY, LEFT: RESIDUAL INVASIVE DUCTAL CARCINOMA, 0.9 CM.", "diagnosis.laterality", "left",
     "MASTECTOMY, LEFT"),
    ("Lumpectomy, right (re-excision): invasive carcinoma", "diagnosis.laterality", "right", "Lumpectomy, right"),
    ("INVASIVE DUCTAL CARCINOMA (MAXIMAL DIAMETER 2.1 CM).", "diagnosis.tumor_size_mm", 21.0, "MAXIMAL DIAMETER 2.1 CM"),
    # "previously reported as X is amended to Y": Y
    ("AMENDED REPORT: HER2 PREVIOUSLY REPORTED AS NEGATIVE (1+) IS AMENDED TO EQUIVOCAL (2+). REFLEX FISH ORDERED.",
     "receptors.her2.ihc_score", "2+", "HER2 PREVIOUSLY REPORTED AS NEGATIVE (1+) IS AMENDED TO EQUIVOCAL (2+"),
    ("ER previously reported as positive, has been corrected to negative (0%).", "receptors.er.status", "negative",
     "ER previously reported as positive, has been corrected to negative"),
    # clinician shorthand with the size before the abbreviated type
    ("ONCOLOGY HISTORY: 03/2024 left breast lumpectomy + SLNB. Path: 2.3 cm IDC, grade 2, ER 95% PR 60%.",
     "diagnosis.tumor_size_mm", 23.0, "2.3 cm IDC"),
    ("a 18 mm G2 IDC", "diagnosis.tumor_size_mm", 18.0, "18 mm G2 IDC"),
    ("1.9 cm IDC on US.", "diagnosis.tumor_size_mm", None, None),
    ("R breast 1.2 cm ILC, cT1cN0", "diagnosis.tumor_size_mm", None, None),
    ("margins: 2 mm IDC-free", "diagnosis.tumor_size_mm", None, None),
    # "ER/PR: 90%/70%": one percent each
    ("ER/PR: 90%/70%. HER2/neu: 2+, FISH ratio 1.4 (not amplified).", "receptors.pr.percent", 70.0, "ER/PR: 90%/70%"),
    ("ER/PR 95% / 5%", "receptors.er.percent", 95.0, "ER/PR 95%"),
    ("ER/PR: <1%/80%", "receptors.pr.status", None, None),
    ("ER/PR: <1%", "receptors.pr.status", "negative", "ER/PR: <1%"),
    # coded inverted type names
    ("LEFT BREAST: CARCINOMA, DUCTAL, INFILTRATING.", "diagnosis.histology", "invasive_ductal",
     "CARCINOMA, DUCTAL, INFILTRATING"),
    ("Adenocarcinoma, infiltrating lobular type.", "diagnosis.histology", "invasive_lobular",
     "Adenocarcinoma, infiltrating lobular type"),
    ("Carcinoma, ductal, in situ.", "diagnosis.histology", "dcis", "Carcinoma, ductal, in situ"),
    # a list of foci after a colon or comma; not a node's
    ("INVASIVE DUCTAL CARCINOMA, TWO FOCI: 2.1 CM AND 0.8 CM, GRADE 2.", "diagnosis.tumor_size_mm", 21.0,
     "FOCI: 2.1 CM AND 0.8 CM"),
    ("Invasive carcinoma in two lesions, 1.1 cm and 0.6 cm.", "diagnosis.tumor_size_mm", 11.0,
     "lesions, 1.1 cm and 0.6 cm"),
    ("Invasive ductal carcinoma. Lymph nodes: two foci: 2 mm and 1 mm.", "diagnosis.tumor_size_mm", None, None),
    # the intensity written before the percent ("ER 3+ 90%"); HER2's 3+ stays a score
    ("RECEPTORS (BLOCK A3): ER 3+ 90%, PR 2+ 50%, HER2 0.", "receptors.pr.percent", 50.0, "PR 2+ 50%"),
    ("RECEPTORS (BLOCK A3): ER 3+ 90%, PR 2+ 50%, HER2 0.", "receptors.er.intensity", "strong", "ER 3+ 90%"),
    ("HER2 3+ 90%", "receptors.her2.ihc_score", "3+", "HER2 3+"),
    # a side after a clock position or a hyphen
    ("SPECIMEN: BREAST, 10 O'CLOCK, LEFT, CORE BIOPSY. DIAGNOSIS: INVASIVE LOBULAR CARCINOMA.", "diagnosis.laterality",
     "left", "BREAST, 10 O'CLOCK, LEFT"),
    ("SPECIMEN: BREAST-LEFT, MASTECTOMY. DIAGNOSIS: INVASIVE DUCTAL CARCINOMA.", "diagnosis.laterality", "left",
     "BREAST-LEFT"),
    # a DCIS's extent is no invasive size, however far its size follows
    ("LEFT BREAST, LUMPECTOMY: DUCTAL CARCINOMA IN SITU, SOLID AND CRIBRIFORM TYPES, HIGH NUCLEAR GRADE, WITH "
     "COMEDONECROSIS, 2.5 CM. NO INVASIVE CARCINOMA.", "diagnosis.tumor_size_mm", None, None),
    # a bound in a category's definition; a form's specimen size
    ("Invasive carcinoma. Primary Tumor: pT2: Tumor >20 mm but <50 mm in greatest dimension.",
     "diagnosis.tumor_size_mm", None, None),
    ("Invasive carcinoma. Specimen Size (for excisions less than total mastectomy): 6 cm in greatest dimensions.",
     "diagnosis.tumor_size_mm", None, None),
    ("Invasive ductal carcinoma, NOS 8500/3. Specimen size: Size of Invasive focus 3cm.", "diagnosis.tumor_size_mm",
     30.0, "Size of Invasive focus 3cm"),
    # an Oncotype DX single-gene score written as a whole number is no IHC result
    ("ER Score: 11.3 Positive. PR Score: 8.3 Positive. Her2 Score: 10 Negative.", "receptors.her2.status", None, None),
    ("Invasive ductal carcinoma, 1.2 cm. The DCIS in the upper inner quadrant is mass forming and spans at least 4 cm "
     "in greatest dimension.", "diagnosis.tumor_size_mm", 12.0, "carcinoma, 1.2 cm"),
    ("Malattia di Paget del capezzolo, associata a carcinoma duttale in situ di alto grado\n(estensione 45 mm) e a "
     "carcinoma mammario infiltrante NST, G3, diametro massimo 6 mm (pT1b).", "diagnosis.tumor_size_mm", 6.0,
     "diametro massimo 6 mm"),
    # prose naming the positive nodes, then the fraction among all examined: one count
    ("INVASIVE DUCTAL CARCINOMA. 3 AXILLARY LYMPH NODES WITH METASTATIC CARCINOMA (3/21).", "lymph_nodes.examined",
     21, "(3/21)"),
    ("A. Sentinel node: 1 lymph node with metastatic carcinoma (1/1). B. Axillary nodes: 2 lymph nodes with "
     "metastatic carcinoma (2/12).", "lymph_nodes.examined", 13, "(1/1)"),
    # "moderately well differentiated" is grade 2 (as "well to moderately"), never the "well" alone
    ("Infiltrating ductal carcinoma, moderately well-differentiated.", "diagnosis.grade", 2,
     "moderately well-differentiated"),
    # a typed note's lower-case "er"/"pr" before a status word
    ("er positive, pr negative, her2 negative", "receptors.er.status", "positive", "er positive"),
    ("er positive, pr negative, her2 negative", "receptors.pr.status", "negative", "pr negative"),
    ("Well, er, positive thinking helps, she said.", "receptors.er.status", None, None),
    # the same in capitals ("LNS") and as a total's label
    ("NOTE: RESULTS WILL BE REPORTED AS AN ADDENDUM. SUMMARY OF LNS: 3/26. TUMOR STAGE: T2, PN1A, MX",
     "lymph_nodes.examined", 26, "SUMMARY OF LNS: 3/26"),
    ("SENTINEL LNS: 1/2. NON-SENTINEL LNS: 0. TOTAL LNS: 1/2. TYPE OF METASTASIS: ITC.", "lymph_nodes.examined", 2,
     "TOTAL LNS: 1/2"),
    ("MICROMETASTATIC CARCINOMA IN ONE OUT OF EIGHTEEN LNS (1 OF 18). - THERE IS NO EXTRANODAL EXTENSION.",
     "lymph_nodes.examined", 18, None),
    # a synoptic "Invasive carcinoma:" line with the size alone; with a gross and a microscopic size, the microscopic
    ("Invasive carcinoma: 0.5 cm.", "diagnosis.tumor_size_mm", 5.0, "Invasive carcinoma: 0.5 cm"),
    ("Invasive carcinoma: 1.7 cm (gross), 1.6 cm (microscopic).", "diagnosis.tumor_size_mm", 16.0,
     "1.6 cm (microscopic)"),
    ("Invasive carcinoma: 0.5 cm from the deep margin.", "diagnosis.tumor_size_mm", None, None),
    # a node summary's positive count after its examined one
    ("Summary of lymph nodes examined: 17; positive: 2.", "lymph_nodes.positive", 2,
     "lymph nodes examined: 17; positive: 2"),
    # a bare "Grade 2" that is a form's whole field grades the invasive carcinoma named anywhere on the page
    ("Histological description: Infiltrative ductal carcinoma. Anatomic Site: Left Breast. Tumor location: Primary. "
     "Type of Procurement: surgery. Grade 2. T Stage 2 N Stage 0", "diagnosis.grade", 2, "Grade 2"),
    ("Invasive lobular carcinoma, classic type, is present in the specimen described above.\nHistologic type: "
     "lobular\nMargins: clear of the tumour by more than 10 mm\nGrade 2\nSize 2.1 cm", "diagnosis.grade", 2, "Grade 2"),
    ("Invasive ductal carcinoma, see synoptic report. Additional findings of no relevance are listed below. "
     "Ductal carcinoma in situ, solid type. Grade 2.", "diagnosis.grade", None, None),
    ("Grade 2. Tumor size 2 cm.", "diagnosis.grade", None, None),
    # a node fraction in words, "(13 of 15)" (round 19a's nodes.part.paren-of), and after pN
    ("Metastatic carcinoma in thirteen of fifteen lymph nodes (13 of 15); biopsy site present.",
     "lymph_nodes.examined", 15, "thirteen of fifteen lymph nodes"),
    ("5. Axillary lymph nodes: Positive (13 of 15). - Size of largest metastatic deposit: 4 mm.",
     "lymph_nodes.positive", 13, "(13 of 15)"),
    ("A. LEFT SENTINEL LYMPH NODE #1: POSITIVE FOR METASTATIC CARCINOMA (1 of 1). B. LEFT BREAST, MASTECTOMY: "
     "INVASIVE DUCTAL CARCINOMA.", "lymph_nodes.examined", 1, "(1 of 1)"),
    ("Tumor classification: NOS, G III, pT2 pN0(0 of 13)L0V0R0.", "lymph_nodes.examined", 13, "pN0(0 of 13)"),
    ("A. LEFT SENTINEL LYMPH NODE #1 -. POSITIVE FOR METASTATIC CARCINOMA (1 of 1); THE TUMOR INVOLVES THE NODE.",
     "lymph_nodes.examined", 1, "(1 of 1)"),
    ("A. LEFT SENTINEL LYMPH NODE #1: Slides reviewed (2 of 3). No carcinoma.", "lymph_nodes.examined", None, None),
    ("Lymph node sections examined (2 of 4) negative.", "lymph_nodes.examined", None, None),
    # a count and a node word in two sentences are no node count
    ("Invasive ductal carcinoma. Core biopsies (2 of 3) show carcinoma. Lymph nodes not sampled.",
     "lymph_nodes.examined", None, None),
    ("Core biopsies 2 of 3 show carcinoma. Lymph nodes are negative.", "lymph_nodes.examined", None, None),
    ("METASTATIC CARCINOMA IN THREE OF FOUR AXILLARY. LYMPH NODES.", "lymph_nodes.examined", 4,
     "THREE OF FOUR AXILLARY. LYMPH NODES"),
    # "infiltrating" for invasive in the size labels of older reports
    ("Infiltrating ductal carcinoma. Size of infiltrating carcinoma: 2.1 cm. Margins free.", "diagnosis.tumor_size_mm",
     21.0, "Size of infiltrating carcinoma: 2.1 cm"),
    ("SIZE (INFILTRATING): Approximately 70 mm; see comment.", "diagnosis.tumor_size_mm", 70.0,
     "SIZE (INFILTRATING): Approximately 70 mm"),
    ("Greatest dimension of infiltrating tumor: 23 mm.", "diagnosis.tumor_size_mm", 23.0,
     "Greatest dimension of infiltrating tumor: 23 mm"),
    ("Infiltrating lymphocytes are present, 2 cm from the margin.", "diagnosis.tumor_size_mm", None, None),
    # a decimal comma in a CAP form's label ("over 0,1 cm")
    ("Tumor size: Size of Largest Invasive Carcinoma. - Greatest dimension of largest focus of invasion over 0,1 cm: "
     "1,5 cm. Additional dimensions: 1,5 x 1,5 cm.", "diagnosis.tumor_size_mm", 15.0,
     "Greatest dimension of largest focus of invasion over 0,1 cm: 1,5 cm"),
    # a mixed type after "no special type" as after "ductal"
    ("INVASIVE CARCINOMA OF NO SPECIAL TYPE, MIXED MUCINOUS & NOS TYPE.", "diagnosis.histology", "other",
     "INVASIVE CARCINOMA OF NO SPECIAL TYPE, MIXED MUCINOUS"),
    ("Right breast: IDC, mixed mucinous type, 2.1 cm.", "diagnosis.histology", "other", "IDC, mixed mucinous"),
    ("Invasive carcinoma NST, mixed micropapillary type, grade 2.", "diagnosis.histology", "other",
     "Invasive carcinoma NST, mixed micropapillary"),
    ("Invasive carcinoma of no special type, grade 2. Mixed tubular features absent.", "diagnosis.histology",
     "invasive_ductal", "Invasive carcinoma of no special type"),
    # "HER 2 is negative" (the name in two words) is HER2's own value, no negation of the ER before it
    ("ER and PR are POSITIVE and HER 2 is NEGATIVE.", "receptors.er.status", "positive", "ER and PR are POSITIVE"),
    ("ER is POSITIVE and HER 2 was NEGATIVE.", "receptors.er.status", "positive", "ER is POSITIVE"),
    ("ER and PR are POSITIVE and HER 2 is NEGATIVE.", "receptors.her2.status", "negative", "HER 2 is NEGATIVE"),
    ("ER: pending. HER 2 is NEGATIVE.", "receptors.er.status", None, None),
    # "LN"/"LNs" for lymph node(s) (a synonym probe of the dev reports): the totals' and summaries' labels,
    # a count after the word, a gross size range of nodes, and "LN status" naming no axillary nodes alone
    ("Total: Three of seventeen LNs involved by metastatic carcinoma.", "lymph_nodes.examined", 17,
     "Total: Three of seventeen LNs"),
    ("Total: Three of seventeen LNs involved by metastatic carcinoma.", "lymph_nodes.positive", 3,
     "Total: Three of seventeen LNs"),
    ("5. Axillary LNs: One of four sentinel LNs involved by carcinoma. 6. Margins: free.", "lymph_nodes.examined", 4,
     "Axillary LNs: One of four sentinel LNs involved"),
    ("INTRADUCTAL COMPONENT: ABSENT. LNs: FIVE NODES NEGATIVE FOR TUMOR (PARTS B-E ABOVE).", "lymph_nodes.examined", 5,
     "LNs: FIVE NODES NEGATIVE"),
    ("PART D LEFT BREAST, THIRD SENTINEL NODE, BIOPSY: SMALL LNs (5), NEGATIVE FOR TUMOR BY ROUTINE STAIN.",
     "lymph_nodes.examined", 5, "LNs (5), NEGATIVE"),
    ("Lymph Nodes. Number of sentinel LNs examined: 13. Total number of LNs examined (sentinel and nonsentinel): 21. "
     "Number of LNs with macrometastases: 2.", "lymph_nodes.examined", 21,
     "Total number of LNs examined (sentinel and nonsentinel): 21"),
    ("Lymph Nodes. Number of sentinel LNs examined: 13. Total number of LNs examined (sentinel and nonsentinel): 21. "
     "Number of LNs with macrometastases: 2.", "lymph_nodes.positive", 2, "Number of LNs with macrometastases: 2"),
    ("The attached axillary tail measures 9 x 3.5 x 1.5 cm. Sectioning reveals sixteen LNs ranging from 0.5 x 0.7 cm "
     "in greatest dimension.", "diagnosis.tumor_size_mm", None, None),
    ("- ONE INTRAMAMMARY LN, NO TUMOR SEEN (0/1).\nLymph nodes: Sentinel LN. LN status: Negative 0/5",
     "lymph_nodes.examined", 5, "LN status: Negative 0/5"),
]


@pytest.mark.parametrize("text,path,value,evidence", ROWS, ids=[f"{r[1]}:{i}" for i, r in enumerate(ROWS)])
def test_phrasing(text, path, value, evidence):
    f = first_fact(text, path)
    if value is None:
        assert f is None, f"expected no fact for {path}, got {f and f.value!r}"
        return
    assert f is not None, f"no fact for {path}"
    assert f.value == value
    if evidence is not None:
        assert f.evidence[0].text == evidence


# OCR slips: read on OCR pages (with the correction on the evidence), never on text-layer pages.
OCR_ROWS = [
    ("ESTROGEN RECEPTORS: POSTTIVE (95% NUCLEAR STAINING)", "receptors.er.status", "positive", None),
    ("ESTROGEN RECEPTORS: POSTTIVE (95%). PROGESTERONE RECEPTORS: NEGATTVE.", "receptors.pr.status", "negative", None),
    ("PATHOLOGIC STAGE: pT2 NO MX", "stage.pathologic.n", "N0", "O->0"),
    ("AJCC STAGE: pTIC pN0", "stage.pathologic.t", "T1c", "IC->1c"),
    ("[AJCC pTlc]", "stage.pathologic.t", "T1c", "lc->1c"),
    ("pT2 pNia (2/9)", "stage.pathologic.n", "N1a", "ia->1a"),
    ("cT2 cN1 cMO", "stage.clinical.m", "M0", "O->0"),
    ("STAGE GROUPING: |IB", "stage.group", "IIB", "|I->II"),
    ("HISTOLOGIC GRADE lll/lll", "diagnosis.grade", 3, "lll->III"),
    ("Pathological staging: pTis (DCIS) pN0", "stage.pathologic.t", "Tis", None),  # read as written
    # round 5, second pass (receptors and tumour type): a status split across a line with a hyphen
    ("ER POSITIVE (ALLRED 7/8), PR POSI-\nTIVE (ALLRED 5/8)", "receptors.pr.status", "positive", None),
    ("HER2 NEGA-\nTIVE (SCORE 0)", "receptors.her2.status", "negative", None),
    # lead, seventh session: the histology word OCR'd with "rn" for m still introduces the size after it
    # (the value is read as written; since the twenty-first round the respelled word on the evidence is recorded).
    ("Left breast: lnvasive ductal carcinorna, grade 2, measuring 2.1 cm.", "diagnosis.tumor_size_mm", 21.0,
     "carcinorna->carcinoma"),
    # round 9 (markers): "lNDEX" for INDEX between the Ki-67 label and its OCR'd percent
    ("Kl-67 lNDEX: 7O%.", "receptors.ki67_percent", 70.0, "7O->70"),
    # lead, session 11: "PNI" (perineural invasion) on an OCR page is no pN1 (it had beaten the report's ypN2a)
    ("LVI: present. PNI: absent. Metastatic carcinoma in 4 of 22 lymph nodes (ypN2a).", "stage.pathologic.n", "N2a",
     None),
    ("PT2 PNI (2/14) MX", "stage.pathologic.n", "N1", "I->1"),
    # lead, session 11: clinic shorthand "Gr III" with OCR's "Ill"
    ("Baseline: cT3N1M0, Stage IIIA, IDC Gr Ill, TNBC (ER neg, PR neg, HER2 1+).", "diagnosis.grade", 3, "Ill->III"),
    # lead, session 11: the UICC L descriptor beside an OCR'd "VO"
    ("pT2 pN3a (11/21) L1 VO Pn0 RO (UICC 8th edition).", "diagnosis.lvi", "present", None),
    # lead, session 11: a stray apostrophe OCR puts inside the CEP17 label
    ("Average CEP17 copy number per nucleus: 2.1\nHER2/CEP'17 ratio: 2.19", "receptors.her2.ish_ratio", 2.19, None),
    # lead, session 11: OCR reads the 1 of a subcategorised N or T as "t" ("pNta(sn)" in a Helvetica scan)
    ("pT2 pNta(sn)", "stage.pathologic.n", "N1a", "ta->1a"),
    ("pTtc pN0", "stage.pathologic.t", "T1c", "tc->1c"),
    # lead, session 11: "not" before an English word cut at a line end ("amplifie" + "d"), which also spells
    # the French "amplifié", is still a negation (it had given amplified, HER2-positive)
    ("HER2: 2+ by IHC, ISH not amplifie\nd (ratio 1.35).", "receptors.her2.ish_result", "not_amplified", None),
    ("HER2 FISH: non amplifie (rapport 1,2)", "receptors.her2.ish_result", "not_amplified", None),
    # lead, session 11: a lone l read for 1 after "<" ("<l%")
    ("PR: Negative (<l%)", "receptors.pr.percent", 0.0, "l->1"),
    # lead, session 11: a lone "O" read for 0 before its percent sign
    ("Estrogen receptor: Negative (O%)", "receptors.er.percent", 0.0, "O->0"),
    ("PR NEGATIVE, O % OF CELLS", "receptors.pr.percent", 0.0, "O->0"),
    # gen11: "rn" for m in the size label's "tumour" and in its unit ("rnrn" for mm; the unit's reading recorded)
    ("Turnour size: 23 rnrn (rnacroscopic and rnicroscopic).", "diagnosis.tumor_size_mm", 23.0, "rnrn->mm; Turnour->Tumour"),
    # "crn" for cm, between the dimensions too, and in a size list
    ("INVASIVE DUCTAL CARCINOMA, MEASURING 2.5 CRN X 2.0 CRN X 1.5 CRN.", "diagnosis.tumor_size_mm", 25.0, "CRN->cm"),
    ("PRESENT AS THREE SEPARATE NODULES, RANGING IN SIZE FROM 1.0 CRN UP TO 3.7 CRN.", "diagnosis.tumor_size_mm", 37.0,
     "CRN->cm"),
]


# gen12 (scans of our own reports read back through Tesseract): OCR slips with the evidence text.
# (text, path, value, evidence text, correction)
OCR_SCAN_ROWS = [
    # the UICC L descriptor with OCR's O for 0 beside "VO" (it had been lost)
    ("Classification: pT1c(m) pNO(sn) (0/2) LO VO Pn0 G2 RO (UICC, 8th ed.)", "diagnosis.lvi", "absent", "LO",
     "LO->L0"),
    # a stray bracket inside the CEP17 label (as the lead's "CEP'17")
    ("HER2/CEP(17 ratio 1.3; mean HER2 copy number 3.1 signals/cell (60 nuclei counted).",
     "receptors.her2.ish_ratio", 1.3, "HER2/CEP(17 ratio 1.3", None),
    ("HER2/CEP|17 ratio: 2.4", "receptors.her2.ish_ratio", 2.4, "HER2/CEP|17 ratio: 2.4", None),
    # the i of Ki-67 read as two strokes
    ("ER POSITIVE (95%)\nK1|-67 15%", "receptors.ki67_percent", 15.0, "K1|-67 15%", None),
    # a lower-case c prefix read as C in a run-together cTNM (it had lost the clinical stage)
    ("Clinical Dx: Lt. breast cancer, C area (upper outer), CT2NOMO Stage IIA", "stage.clinical.t", "T2", "CT2",
     None),
    ("Clinical Dx: Lt. breast cancer, C area (upper outer), CT2NOMO Stage IIA", "stage.clinical.n", "N0", "NO",
     "O->0"),
    ("Clinical history: Left breast carcinoma (CNB: IDC, grade 3, ER-, PR-, HER2 3+), CT2N1MO.", "stage.clinical.m",
     "M0", "MO", "O->0"),
    ("Clinical: CTlc N0 M0.", "stage.clinical.t", "T1c", "CTlc", "lc->1c"),
    # the r of a recurrence's rN read as t (it had been lost)
    ("Assessment: isolated regional nodal recurrence (ipsilateral supraclavicular),\ntN3c. This is regional disease.",
     "stage.clinical.n", "N3c", "tN3c", None),
    # a "No" glued to the LVI label by a dropped space still negates it (it had given present)
    ("- DUCTAL CARCINOMA IN SITU, INTERMEDIATE NUCLEAR GRADE.\n- NOLYMPHOVASCULAR INVASION IDENTIFIED.\n",
     "diagnosis.lvi", "absent", "LYMPHOVASCULAR INVASION", None),
    ("- NOLYMPHOVASCULAR INVASION.\n- MARGINS NEGATIVE (CLOSEST POSTERIOR, 0.8 CM).", "diagnosis.lvi", "absent",
     "LYMPHOVASCULAR INVASION", None),
    # the second stroke of a roman II read as "!" (it had given grade 1)
    ("(Left) breast invasive ductal carcinoma, WHO grade I! (3+2+2=7 points), maximum diameter of 2.1 cm",
     "diagnosis.grade", 2, "grade I!", "I!->II"),
    ("Invasive ductal carcinoma, Nottingham grade I!", "diagnosis.grade", 2, "Nottingham grade I!", "I!->II"),
    # a degraded scan's doubled zero "M0O" (it had broken the clinical string: M and the group lost)
    ("Baseline: cT3N1M0O, Stage IIIA, IDC Gr Ill, TNBC (ER neg, PR neg, HER2 1+), Ki67 80%.", "stage.clinical.m",
     "M0", "M0O", "0O->0"),
    ("Baseline: cT3N1M0O, Stage IIIA, IDC Gr Ill, TNBC (ER neg, PR neg, HER2 1+), Ki67 80%.", "stage.clinical.group",
     "IIIA", "Stage IIIA", None),
    ("Working clinical stage: cT1cNOM0O (stage IB per prognostic staging, anatomic 1A).", "stage.clinical.m", "M0",
     "M0O", "0O->0"),
    # distractors: a glued "NO" that is an N category negates nothing after it
    ("PATHOLOGIC STAGE: pT2NOMO; LYMPHOVASCULAR INVASION PRESENT.", "stage.clinical.m", "M0", "MO", "O->0"),
    ("PATHOLOGIC STAGE: pT2NOMO; LYMPHOVASCULAR INVASION PRESENT.", "diagnosis.lvi", "present",
     "LYMPHOVASCULAR INVASION PRESENT", None),
    # lead, twentieth round: OCR's Z for the 2 of "HER2" in capitals (the result had been lost, and a
    # second specimen's negative HER2 taken instead)
    ("PART #4. ER-ICA: NEGATIVE. PR-ICA: NEGATIVE. HERZ/NEU (HERCEPTEST) : POSITIVE (STAINING INTENSITY OF 3+) .",
     "receptors.her2.status", "positive", "HERZ/NEU (HERCEPTEST) : POSITIVE", None),
    ("HERZ: 3+ (POSITIVE)", "receptors.her2.ihc_score", "3+", "HERZ: 3+", None),
    # OCR's "°/o" for % (a degree sign, a slash and an o): read as the sign, the evidence the whole sequence
    ("ESTROGEN RECEPTOR: POSITIVE (80°/o OF CELLS, STRONG).", "receptors.er.percent", 80.0,
     "ESTROGEN RECEPTOR: POSITIVE (80°/o", "°/o->%"),
    ("Ki-67 (MIB-1): 25 °/o of tumour nuclei", "receptors.ki67_percent", 25.0, "Ki-67 (MIB-1): 25 °/o", "°/o->%"),
    ("PR: 5º/0, weak", "receptors.pr.percent", 5.0, "PR: 5º/0", "º/0->%"),
    # a stroke of a roman grade read as the digit 1 beside an I
    ("- Invasive ductal carcinoma, grade I1I/I1I, 2.0 cm in greatest dimension.", "diagnosis.grade", 3, "grade I1I",
     "I1I->III"),
    ("Invasive ductal carcinoma, Nottingham grade 1I (of III).", "diagnosis.grade", 2,
     "Nottingham grade 1I (of III)", "1I->II"),
    # lead, twenty-first round: a biobank form's labelled categories with OCR's letters for their digits,
    # and a stage group's stroke read as a 1 (random confusions in the dev reports read as OCR)
    ("Procurement: surgery Grade: 2. T Stage: 1 N Stage: O M Stage: 0 Treatment: none.", "stage.pathologic.n",
     "N0", "N Stage: O", "O->0"),
    ("Procurement: surgery Grade: 2. T Stage: 1 N Stage: O M Stage: 0 Treatment: none.", "stage.pathologic.t",
     "T1", "T Stage: 1", None),
    ("Grade: 3. T. Stage: 2 N Stage: 0 M Stage: O Treatment: none.", "stage.pathologic.m", "M0", "M Stage: O", "O->0"),
    ("PATHOLOGIC STAGING: T: l, N: O, M: X", "stage.pathologic.t", "T1", "T: l", "l->1"),
    ("PATHOLOGIC TNM STAGE: pT2 pN1a. BREAST STAGE GROUPING: 1IB. Note: see below.", "stage.group", "IIB",
     "BREAST STAGE GROUPING: 1IB", "1I->II"),
    ("TNM CLASSIFICATION: T3 N1 MX; STAGE I1IA. COMMENT: multiple sections.", "stage.group", "IIIA", "STAGE I1IA",
     "I1I->III"),
    # a worn scan's doubled zero of an N0, before its node counts (the dev reports rendered and scanned)
    ("gives rise to the following tumor classification: NOS, G Ill,. pT2\npNO0(0/13)LOVORO.", "stage.pathologic.n",
     "N0", "pNO0", "O0->0"),
    ("gives rise to the following tumor classification: NOS, G Ill,. pT2\npNO0(0/13)LOVORO.", "lymph_nodes.examined",
     13, "pNO0(0/13)", None),
    ("pT1c pN00 (0/3) M0", "stage.pathologic.n", "N0", "pN00", "00->0"),
    # Tesseract's cent sign for a c (the dev reports rendered, scanned worn and read back)
    ("Pathological staging (pTN): pT 1¢ N 1mi. SYNOPTIC REPORT - BREAST", "stage.pathologic.t", "T1c", "pT 1¢",
     "¢->c"),
    # OCR's Z for the 2 of a HER2 score and of a mixed-case "HerZ-neu"
    ("HER2/NEU: WEAKLY POSITIVE BY IMMUNOHISTOCHEMISTRY (Z+). NEGATIVE BY FISH.", "receptors.her2.ihc_score", "2+",
     "HER2/NEU: WEAKLY POSITIVE BY IMMUNOHISTOCHEMISTRY (Z+", "Z->2"),
    ("Tumor cells are negative for estrogen and progesterone receptors, and HerZ-neu gene is not amplified by FISH.",
     "receptors.her2.ish_result", "not_amplified", "HerZ-neu gene is not amplified", None),
]


def assert_read_on_ocr_page(text, path, value, evidence, correction):
    """The first fact at `path` read from `text` on an OCR page: its value, evidence text and correction."""
    f = first_fact(text, path, source="ocr")
    assert f is not None and f.value == value
    assert (f.evidence[0].text, f.evidence[0].correction) == (evidence, correction)


@pytest.mark.parametrize("text,path,value,evidence,correction", OCR_SCAN_ROWS)
def test_ocr_scan_slip_is_read_with_its_evidence(text, path, value, evidence, correction):
    assert_read_on_ocr_page(text, path, value, evidence, correction)


@pytest.mark.parametrize("text,path,source", [
    # OCR forms are read on OCR pages only
    ("Classification: pT1c(m) pN0(sn) (0/2) LO VO Pn0 G2 R0", "diagnosis.lvi", "text-layer"),
    ("HER2/CEP(17 ratio 1.3", "receptors.her2.ish_ratio", "text-layer"),
    ("Clinical history: CT2N1MO.", "stage.clinical.t", "text-layer"),
    ("Assessment: regional nodal recurrence,\ntN3c.", "stage.clinical.n", "text-layer"),
    ("Baseline: cT3N1M0O, Stage IIIA.", "stage.clinical.m", "text-layer"),
    ("pT2 N0 MOOD stable.", "stage.clinical.m", "ocr"),
    # a CT scan is no clinical T, even with a digit after it, unless an N follows
    ("CT3 views of the chest were obtained.", "stage.clinical.t", "ocr"),
    ("CT 2 weeks ago: no distant disease. CTA chest negative.", "stage.clinical.t", "ocr"),
    ("Staging CT1 and CT2 (before and after contrast) show no nodes.", "stage.clinical.t", "ocr"),
    # an L with O not beside a V descriptor is no LVI
    ("Vertebral body LO on the sagittal view.", "diagnosis.lvi", "ocr"),
    # a t before a word starting with N is no prefix
    ("The patient went to tNo clinic; tNa level normal.", "stage.clinical.n", "ocr"),
    # "HERZ" is OCR's only on OCR pages, in capitals, and never before a letter
    ("HERZ/NEU (HERCEPTEST) : POSITIVE (3+)", "receptors.her2.status", "text-layer"),
    ("HERZINSUFFIZIENZ: POSITIVE FAMILY HISTORY", "receptors.her2.status", "ocr"),
    ("Herz: positive findings on auscultation", "receptors.her2.status", "ocr"),
    # "°/o" is a percent sign on OCR pages only
    ("ESTROGEN RECEPTOR: POSITIVE (80°/o OF CELLS, STRONG).", "receptors.er.percent", "text-layer"),
    # "I1I" is OCR's roman III on OCR pages only; digits alone ("11") are no grade
    ("- Invasive ductal carcinoma, grade I1I/I1I, 2.0 cm in greatest dimension.", "diagnosis.grade", "text-layer"),
    ("- Invasive ductal carcinoma, Nottingham grade 11, 2.0 cm.", "diagnosis.grade", "ocr"),
    # a labelled category's letter for a digit on OCR pages only; digits alone are no roman stage group;
    # no M2, and no temperature
    ("T Stage: 1 N Stage: O M Stage: 0", "stage.pathologic.n", "text-layer"),
    ("BREAST STAGE GROUPING: 1IB.", "stage.group", "text-layer"),
    ("AJCC STAGE: 11A", "stage.group", "ocr"),
    ("T Stage: 2 N Stage: 1 M Stage: Z", "stage.pathologic.m", "ocr"),
    ("T: 36.8 N: O", "stage.pathologic.n", "ocr"),
    # a doubled zero on a text layer; three zeros are no N0
    ("pT2 pNO0(0/13)", "stage.pathologic.n", "text-layer"),
    ("pT2 pNO0O", "stage.pathologic.n", "ocr"),
    # a Z before a plus with no HER2 label; a Z score on a text layer
    ("Zone (Z+) marked on the diagram.", "receptors.her2.ihc_score", "ocr"),
    ("HER2/NEU: WEAKLY POSITIVE BY IMMUNOHISTOCHEMISTRY (Z+).", "receptors.her2.ihc_score", "text-layer"),
])
def test_ocr_scan_slips_and_distractors_yield_nothing(text, path, source):
    assert first_fact(text, path, source=source) is None


def test_ocr_scan_forms_are_read_as_written_on_text_layer_pages():
    # gen12: the glued "No" and the "I!" are OCR's; a text layer is read as written
    assert first_fact("- NOLYMPHOVASCULAR INVASION IDENTIFIED.", "diagnosis.lvi").value == "present"
    f = first_fact("Invasive ductal carcinoma, Nottingham grade I!", "diagnosis.grade")
    assert (f.value, f.evidence[0].correction) == (1, None)
    # OCR's "crn" for cm is no unit on a text layer
    assert first_fact("INVASIVE DUCTAL CARCINOMA, MEASURING 2.5 CRN X 2.0 CRN X 1.5 CRN.", "diagnosis.tumor_size_mm") is None


@pytest.mark.parametrize("text,path,value,correction", OCR_ROWS)
def test_ocr_slip_is_read_on_ocr_pages_with_its_correction(text, path, value, correction):
    f = first_fact(text, path, source="ocr")
    assert f is not None and f.value == value
    assert f.evidence[0].correction == correction


@pytest.mark.parametrize("text", ["LVI: present. PNI: absent.", "Perineural invasion (PNI): not identified.",
                                  "PNI present; margins clear."])
def test_perineural_invasion_is_no_n_category_on_ocr_pages(text):
    assert first_fact(text, "stage.pathologic.n", source="ocr") is None


def test_ocr_joined_pt_is_a_is_no_tis():
    # lead, session 11: OCR joins "Pt is a 61 y/o" into "Ptis a 61 y/o": an article after "is" makes it prose.
    assert first_fact("Ptis a 61 y/o female with HR+/HER2- metastatic breast cancer.", "stage.pathologic.t",
                      source="ocr") is None
    assert first_fact("Pathologic stage: pTis (DCIS) pN0", "stage.pathologic.t", source="ocr").value == "Tis"


@pytest.mark.parametrize("text,path", [(t, p) for t, p, _, _ in OCR_ROWS[:7]])
def test_ocr_slip_is_not_read_on_text_layer_pages(text, path):
    f = first_fact(text, path, source="text-layer")
    assert f is None or f.evidence[0].correction is None


_ACROSS_OCR = ("Receptor panel (block A2):\nER | PR | HER2IHC | HER2ISH | Ki-67\n\n"
               "Pos 75% | Neg<1% | 2+ | Not amplified | 30%\nmoderate | | | (ratio 1.3) |\n")
_RESULT_FIRST_OCR = ("BIOMARKERS\nResult Marker Comment\n\nNegative Estrogen receptor (ER) see comment\n"
                     "2+ HER2 (4B5) equivocal, reflexed to ISH\n30% Ki-67 (MIB-1)\n")


# OCR letters inside numbers (O/o for 0, I/l/| for 1): read on OCR pages with the reading on the
# evidence, never on text-layer pages. (text, path, value, evidence text, correction)
OCR_DIGIT_ROWS = [
    # lead, twenty-first round: OCR's Z for a 2 beside a real digit (random confusions in the dev reports)
    ("Tumor classification: pT2 (maximum diameter Z.5 cm) pN0 sn (n=3), MX, R0; G2.", "diagnosis.tumor_size_mm",
     25.0, "maximum diameter Z.5 cm", "Z.5->2.5"),
    ("Ki-67: Z0% of tumour nuclei.", "receptors.ki67_percent", 20.0, "Ki-67: Z0%", "Z0->20"),
    ("ER: positive, 9Z%.", "receptors.er.percent", 92.0, "ER: positive, 9Z%", "9Z->92"),
    ("Sentinel lymph node, left axilla: O/3 lymph nodes positive.", "lymph_nodes.examined", 3,
     "O/3 lymph nodes", "O->0"),
    ("Sentinel lymph node, left axilla: O/3 lymph nodes positive.", "lymph_nodes.positive", 0,
     "O/3 lymph nodes", "O->0"),
    # lead, fifteenth round: the count before "of" read as a letter; the "2 nodes with macrometastasis"
    # after it had been read as two positive nodes
    ("Invasive carcinoma. SLN: l of 2 nodes with macrometastasis (4.1 mm).", "lymph_nodes.positive", 1,
     "l of 2 nodes", "l->1"),
    ("Metastatic carcinoma in I of the 12 lymph nodes.", "lymph_nodes.examined", 12, "I of the 12 lymph nodes", "I->1"),
    ("Axillary lymph nodes: l/12 positive for metastatic carcinoma.", "lymph_nodes.positive", 1,
     "Axillary lymph nodes: l/12", "l->1"),
    ("Left sentinel lymph node: benign (O/2).", "lymph_nodes.examined", 2, "(O/2)", "O->0"),
    ("Axillary level I: metastatic carcinoma in lymph nodes (l/1O).", "lymph_nodes.examined", 10, "(l/1O)",
     "l->1; 1O->10"),
    ("ER: Positive (9O%, strong)", "receptors.er.percent", 90.0, "ER: Positive (9O%", "9O->90"),
    ("PR: positive, 8O % of tumor cells", "receptors.pr.percent", 80.0, "PR: positive, 8O %", "8O->80"),
    ("Estrogen receptor: positive (l00%)", "receptors.er.percent", 100.0, "Estrogen receptor: positive (l00%",
     "l00->100"),
    ("Ki-67: 2O%", "receptors.ki67_percent", 20.0, "Ki-67: 2O%", "2O->20"),
    ("PR negative (Allred O/8).", "receptors.pr.allred", 0, "PR negative (Allred O/8", "O->0"),
    ("ER: Negative. Allred Score: O = Proportion Score 0 + Intensity Score 0.", "receptors.er.allred", 0,
     "ER: Negative. Allred Score: O", "O->0"),
    ("Tumor size: l.8 CM", "diagnosis.tumor_size_mm", 18.0, "Tumor size: l.8 CM", "l.8->1.8"),
    ("TUMOR SIZE: 2.O cm", "diagnosis.tumor_size_mm", 20.0, "TUMOR SIZE: 2.O cm", "2.O->2.0"),
    ("Tumor size: 2.O x l.5 x 1.0 cm", "diagnosis.tumor_size_mm", 20.0, "Tumor size: 2.O x l.5 x 1.0 cm",
     "2.O->2.0; l.5->1.5"),
    # Nottingham components and sums with OCR letters (l, I, | for 1; Z for 2), node counts in a pN.
    ("Tubule formation: 3\nNuclear pleomorphism: Z\nMitotic count: l\nOverall grade: 2", "diagnosis.grade_nuclei",
     2, "Nuclear pleomorphism: Z", "Z->2"),
    ("Tubule formation: 3\nNuclear pleomorphism: Z\nMitotic count: l\nOverall grade: 2", "diagnosis.grade_mitoses",
     1, "Mitotic count: l", "l->1"),
    ("Invasive ductal carcinoma.\nNottingham histologic grade:\nTubule formation: 3\nNuclear pleomorphism: Z\n"
     "Mitotic count: |", "diagnosis.grade", 2, "Tubule formation: 3\nNuclear pleomorphism: Z\nMitotic count: |",
     "Z->2; |->1"),
    ("Invasive carcinoma NST, Nottingham score 3+3+l = 7", "diagnosis.nottingham_score", 7, "3+3+l = 7", "l->1"),
    ("Invasive carcinoma NST, Nottingham score 3+3+l = 7", "diagnosis.grade", 2, "3+3+l = 7", "l->1"),
    ("Modified Bloom Richardson score 3 + Z + 3 = 8", "diagnosis.grade_nuclei", 2, "3 + Z + 3 = 8", "Z->2"),
    ("pT1c pN0(O/2) pMX", "lymph_nodes.examined", 2, "pN0(O/2)", "O->0"),
    ("ypT2 ypN1a(l/14)", "lymph_nodes.positive", 1, "ypN1a(l/14)", "l->1"),
    ("pT2 pN1a(2/l4)", "lymph_nodes.examined", 14, "pN1a(2/l4)", "l4->14"),
    # round 5 (receptors and tumour type)
    ("ESTROGEN RECEPT0R: POSITIVE (90%, STRONG).", "receptors.er.percent", 90.0, "ESTROGEN RECEPT0R: POSITIVE (90%",
     "RECEPT0R->RECEPTOR"),
    ("PROGESTER0NE RECEPT0R: NEGATIVE (0%).", "receptors.pr.status", "negative", "PROGESTER0NE RECEPT0R: NEGATIVE",
     "PROGESTER0NE->PROGESTERONE; RECEPT0R->RECEPTOR"),
    ("HER-2/NEU (HERCEPTEST): NEGATIVE (SCORE l+).", "receptors.her2.ihc_score", "1+",
     "HER-2/NEU (HERCEPTEST): NEGATIVE (SCORE l+", "l->1"),
    ("HER2 IHC: I+ (negative)", "receptors.her2.ihc_score", "1+", "HER2 IHC: I+", "I->1"),
    # round 7 (markers): "S" read for 5 beside a digit, "score O", labels run together without spaces
    ("ESTROGEN RECEPTOR: POSITIVE, 9S% OF TUMOR CELLS, STRONG.", "receptors.er.percent", 95.0,
     "ESTROGEN RECEPTOR: POSITIVE, 9S%", "9S->95"),
    ("Ki67 (MIB1) labeling index 1S%.", "receptors.ki67_percent", 15.0, "Ki67 (MIB1) labeling index 1S%", "1S->15"),
    ("HER2 (SP3): NEGATIVE, score O.", "receptors.her2.ihc_score", "0", "HER2 (SP3): NEGATIVE, score O", "O->0"),
    ("BIOPSY:INVASIVEDUCTALCARCINOMA.ESTROGENRECEPTOR:NEGATIVE(0%).PROGESTERONERECEPTOR:POSITIVE(2O%).",
     "receptors.pr.percent", 20.0, "PROGESTERONERECEPTOR:POSITIVE(2O%", "2O->20"),
    ("Kl-67: 7O%.", "receptors.ki67_percent", 70.0, "Kl-67: 7O%", "7O->70"),
    # round 7 (extent): "S" for the 5 after a decimal point, "O" for a synoptic zero, "l" in a node count
    ("INVASIVE LOBULAR CARCINOMA. TUMOR SIZE 4.S CM IN GREATEST DIMENSION.", "diagnosis.tumor_size_mm", 45.0,
     "TUMOR SIZE 4.S CM", "4.S->4.5"),
    ("Number of lymph nodes examined: 14\nNumber with macrometastases: O\nNumber with micrometastases: 1",
     "lymph_nodes.positive", 1, "Number with macrometastases: O", "O->0"),
    ("LYMPH NODES: Number examined: 12  Number positive: O", "lymph_nodes.positive", 0, "Number positive: O",
     "O->0"),
    ("Lymph nodes  Sentinel  O/3  Axillary  not submitted", "lymph_nodes.examined", 3, "Sentinel  O/3", "O->0"),
    ("TUMOUR SIZE: 2l MM. LYMPHNODES: 2/l7 POSITIVE.", "lymph_nodes.examined", 17, "LYMPHNODES: 2/l7", "l7->17"),
    # round 8 (extent): an "O" in the examined count of a run-on "x of y" sentence
    ("metastatic carcinoma in 3 of 1O axillary lymph nodes largest metastasis 1.1 cm", "lymph_nodes.examined", 10,
     "3 of 1O axillary lymph nodes", "1O->10"),
    # round 9 (extent): an "l" for the i of "MITOSES" and for its score
    ("INVASIVE DUCTAL CARCINOMA, N0TTINGHAM GRADE ll (TUBULES 3, NUCLEI 2, MlTOSES l).", "diagnosis.grade_mitoses", 1,
     "MlTOSES l", "l->1; MlTOSES->MITOSES"),
    # gen11: an "O" for the zero after "IHC" in a scanned table row
    ("| HER2 ... | NEGATIVE | IHC O | (no staining observed)   |", "receptors.her2.ihc_score", "0",
     "HER2 ... | NEGATIVE | IHC O", "O->0"),
    # gen11: an "l" for the 1 of a synoptic count of examined nodes
    ("Regional lymph nodes:\n  Number of lymph nodes examined: l2\n", "lymph_nodes.examined", 12,
     "Number of lymph nodes examined: l2", "l2->12"),
    # gen12: OCR drops the spaces of "PR 0 %" and reads the 0 as O, glued to the label ("PRO%"); it had
    # lost the index tumour's PR 0 % and taken the other tumour's PR 20 % (PR positive)
    ("Block A3 (tumour 1): ER 0 % PRO% HER2 IHC 3+ (complete)", "receptors.pr.percent", 0.0, "PRO%", "O->0"),
    ("ERO% PR 5%", "receptors.er.percent", 0.0, "ERO%", "O->0"),
    # gen12: OCR reads a roman grade I as "|" ("grado histologico I de Nottingham")
    ("Carcinoma ductal infiltrante bien diferenciado (grado histologico | de\nNottingham), de 1,2 cm.",
     "diagnosis.grade", 1, "grado histologico |", "|->I"),
    ("Invasive ductal carcinoma, Nottingham grade |/III.", "diagnosis.grade", 1, "Nottingham grade |/III", "|->I"),
    ("Invasive ductal carcinoma (histologic grade |).", "diagnosis.grade", 1, "histologic grade |", "|->I"),
    # gen12: an Allred table whose column gaps OCR collapsed to one space, under its header line
    ("Hormone receptor scoring (Allred / Quick score)\nProportion Intensity Total\nER 5 3 8\nPR 3 2 5\n",
     "receptors.er.allred", 8, "ER 5 3 8", None),
    ("Hormone receptor scoring (Allred / Quick score)\nProportion Intensity Total\nER 5 3 8\nPR 3 2 5\n",
     "receptors.pr.intensity", "moderate", "PR 3 2 5", None),
    # gen12: "mammella" with OCR's i for an l, before its side word (read as written)
    ("Materiale: quadrantectomia mammelia sinistra dopo chemioterapia neoadiuvante.\nDiagnosi: carcinoma "
     "mammario infiltrante NST.", "diagnosis.laterality", "left", "mammelia sinistra", None),
    # gen12: a result-first table ("Result  Marker  Comment") whose column gaps OCR collapsed to one
    # space and whose rule under the header it left blank: each row's first word is the result
    (_RESULT_FIRST_OCR, "receptors.her2.ihc_score", "2+", "2+", None),
    (_RESULT_FIRST_OCR, "receptors.ki67_percent", 30.0, "30%", None),
    (_RESULT_FIRST_OCR, "receptors.er.status", "negative", "Negative", None),
    # gen12: a row table (result column, then the percent column) whose gaps OCR collapsed to one space:
    # the number after a row's status word is its percent (it had lost ER 90 % and PR 15 %)
    ("Receptor Result % cells Intensity Allred\nEstrogen Receptor Positive 90 3+ 8/8\n"
     "Progesterone Rec. Positive 15 2+ 5/8\nHER2 Negative -- 1+ -\n", "receptors.pr.percent", 15.0,
     "Progesterone Rec. Positive 15", None),
    # gen12: a ruled table across (markers in the header row) whose rule OCR left as a blank line and whose
    # "HER2 IHC" it glued into "HER2IHC" (it had lost every receptor value of the report)
    (_ACROSS_OCR, "receptors.er.percent", 75.0, "Pos 75%", None),
    (_ACROSS_OCR, "receptors.her2.ihc_score", "2+", "2+", None),
    (_ACROSS_OCR, "receptors.her2.ish_result", "not_amplified", "Not amplified", None),
    ("Case Part Block Test Result Percent Intensity\nS26-44120 A A3 HER2 IHC 3+\n"
     "S26-44120 A A3 ER POSITIVE 85 MODERATE\nS26-44120 A A3 PR NEGATIVE 0\n", "receptors.er.percent", 85.0,
     "ER POSITIVE 85", None),
]


# gen12: the OCR readings above are not made on text-layer pages, and look-alikes yield nothing on OCR
# pages: a table bar after "Grade" before a cell, an Allred-like row without the table's header or
# whose total is not the sum, "PRO" not before a percent.
@pytest.mark.parametrize("text,path", [(r[0], r[1]) for r in OCR_DIGIT_ROWS[-16:]])
def test_gen12_ocr_readings_are_not_made_on_text_layer_pages(text, path):
    assert first_fact(text, path, source="text-layer") is None


@pytest.mark.parametrize("text,path", [
    ("| Invasive carcinoma | Histologic grade | 2 |", "diagnosis.grade"),
    ("| Invasive ductal carcinoma | Grade | | Size | 12 mm |", "diagnosis.grade"),
    ("Invasive ductal carcinoma. Grade | 2", "diagnosis.grade"),
    ("Results:\nER 5 3 8\nPR 3 2 5\n", "receptors.er.allred"),
    ("Allred score table\nProportion Intensity Total\nER 5 3 7\n", "receptors.er.allred"),
    ("PRO 5% of cells", "receptors.pr.percent"),
    ("PROTEIN O% loss", "receptors.pr.percent"),
    ("Result Marker Comment\n\nThe HER2 (4B5) stain is pending.\n", "receptors.her2.ihc_score"),
    ("ER | PR | Ki-67\n\nThe ER and PR stains are pending; positive controls 90%.\n", "receptors.er.percent"),
    ("HER2ISHA | 2+", "receptors.her2.ihc_score"),
    ("Estrogen Receptor Positive 90 3+ 8/8\n", "receptors.er.percent"),
    ("Receptor Result Allred Intensity\nEstrogen Receptor Positive 8 3+\n", "receptors.er.percent"),
    ("Receptor Result % cells Intensity\nEstrogen Receptor Positive 1+ weak\n", "receptors.er.percent"),
    ("Receptor Result % cells Allred\nEstrogen Receptor Positive 7/8\n", "receptors.er.percent"),
])
def test_gen12_ocr_look_alikes_yield_nothing(text, path):
    assert first_fact(text, path, source="ocr") is None


@pytest.mark.parametrize("text,path,value,evidence,correction", OCR_DIGIT_ROWS)
def test_ocr_letters_in_numbers_are_read_on_ocr_pages_with_their_correction(text, path, value, evidence,
                                                                            correction):
    f = first_fact(text, path, source="ocr")
    assert f is not None and f.value == value
    assert f.evidence[0].text == evidence
    assert f.evidence[0].correction == correction


@pytest.mark.parametrize("text,path", [(t, p) for t, p, *_ in OCR_DIGIT_ROWS])
def test_ocr_letters_in_numbers_are_not_read_on_text_layer_pages(text, path):
    f = first_fact(text, path, source="text-layer")
    assert f is None or f.evidence[0].correction is None


@pytest.mark.parametrize("text,path,value", [
    ("Left sentinel lymph node: benign (0/2).", "lymph_nodes.examined", 2),
    ("ER: Positive (90%, strong)", "receptors.er.percent", 90.0),
    ("TUMOR SIZE: 2.0 cm", "diagnosis.tumor_size_mm", 20.0),
    ("PR negative (Allred 0/8).", "receptors.pr.allred", 0),
])
@pytest.mark.parametrize("source", ["ocr", "text-layer"])
def test_numbers_written_in_digits_carry_no_correction(text, path, value, source):
    f = first_fact(text, path, source=source)
    assert f is not None and f.value == value and f.evidence[0].correction is None


@pytest.mark.parametrize("text,path", [
    ("Lab ID l0/2, sentinel lymph node biopsy.", "lymph_nodes.examined"),  # 10/2 is no node count
    ("Sentinel lymph node staging (I/II).", "lymph_nodes.examined"),  # no real digit in the fraction
    ("Sentinel lymph node, reagent LOT 12.", "lymph_nodes.examined"),
    ("ER: positive (LOT 12)", "receptors.er.percent"),
    ("ER: positive, clone lO%", "receptors.er.percent"),  # no real digit
    ("Tumor size: l.l cm", "diagnosis.tumor_size_mm"),  # no real digit
    ("Invasive carcinoma (3+3+l)", "diagnosis.nottingham_score"),  # an OCR letter without a sum to confirm it
    ("Nottingham score 3+3+l = 8", "diagnosis.nottingham_score"),  # the parts do not give the stated sum
    ("HER2 (I+) score l + l + l", "diagnosis.grade"),
    # round 7 (markers)
    ("ER: positive, SS% of cells", "receptors.er.percent"),  # no real digit
    ("PR: positive (S-100 stain negative)", "receptors.pr.percent"),
    ("TUMOR SIZE: ZZ cm", "diagnosis.tumor_size_mm"),  # no real digit
    ("Ki-67: ZZ% (zone Z)", "receptors.ki67_percent"),
])
def test_ocr_letters_without_a_number_are_not_read(text, path):
    assert first_fact(text, path, source="ocr") is None


# Mentions that are not facts about this patient.
NOT_FACT_ROWS = [
    # gen10: a family history and relatives named in French and Spanish.
    ("Antecedents familiaux: mere, cancer du sein a 50 ans (recepteurs aux oestrogenes positifs).",
     "receptors.er.status", "positive"),
    ("Antecedentes familiares: hermana con cancer de mama HER2 positivo.", "receptors.her2.status", "positive"),
    ("Madre con carcinoma ductal infiltrante a los 60 anos.", "diagnosis.histology", "invasive_ductal"),
    ("Conclusion: carcinome triple negatif exclu (HER2 positif).", "receptors.er.status", "negative"),
    ("No residual invasive ductal carcinoma is identified.", "diagnosis.histology", "invasive_ductal"),
    ("PRE-OPERATIVE DIAGNOSIS: r/o invasive lobular carcinoma", "diagnosis.histology", "invasive_lobular"),
    ("Her mother had invasive lobular carcinoma at age 45.", "diagnosis.histology", "invasive_lobular"),
    ("FAMILY HISTORY: sister with invasive ductal carcinoma, ER positive.", "diagnosis.histology",
     "invasive_ductal"),
    ("Invasive lobular carcinoma cannot be excluded on this limited sample.", "diagnosis.histology",
     "invasive_lobular"),
    ("If the tumor is HER2 positive (3+), trastuzumab would be added.", "receptors.her2.ihc_score", "3+"),
    ("Negative for invasive carcinoma; atypical ductal hyperplasia.", "diagnosis.histology", "invasive_ductal"),
    # A synoptic "present: No" negates its own label, not the next line.
    ("DCIS present: No", "diagnosis.histology", "dcis"),
    ("Ductal carcinoma in situ present: no\nLymphovascular invasion: No", "diagnosis.histology", "dcis"),
    # A receptor's own "was negative" keeps the context rules for what precedes it.
    ("The tumor is not HER2 positive.", "receptors.her2.status", "positive"),
    ("If HER2 positive, trastuzumab would be added.", "receptors.her2.status", "positive"),
    ("Her mother had ER positive breast cancer; her HER2 was negative.", "receptors.er.status", "positive"),
    # round 7 (markers)
    ("The patient's sister had HER2 positive breast cancer.", "receptors.her2.status", "positive"),
    ("If HER2 is amplified on repeat testing, trastuzumab may be considered.", "receptors.her2.ish_result",
     "amplified"),
    # round 9 (markers): a one-line family history keeps the results written after the relative's cancer;
    # a clinical question is no diagnosis; "are negative for" negates what follows, not the diagnosis before.
    ("FAMILY HISTORY: mother breast ca. ER positive 90 %.", "receptors.er.status", "positive"),
    ("FAMILY HISTORY: mother breast ca. ER positive 90 %.", "receptors.er.percent", 90.0),
    ("Clinical concern for invasive lobular carcinoma.", "diagnosis.histology", "invasive_lobular"),
    ("Tumor cells are negative for invasive lobular carcinoma markers.", "diagnosis.histology", "invasive_lobular"),
    # round 10: a list whose items have no value of their own is negated as a whole; a family history
    # without a label for the patient's results stays the relative's.
    ("Invasive carcinoma. Lymphovascular invasion, perineural invasion and DCIS: not identified.",
     "diagnosis.histology", "dcis"),
    ("Family history: mother breast ca at 60, ER 95%.", "receptors.er.percent", 95.0),
]


@pytest.mark.parametrize("text,path,value", NOT_FACT_ROWS)
def test_negated_hypothetical_family_and_rule_out_mentions_are_not_facts(text, path, value):
    mentions = [f for f in findings(text) if f.path == path and f.value == value]
    assert all(not f.is_fact for f in mentions)


@pytest.mark.parametrize("text", ["DCIS present: No\nHistologic type: Invasive ductal carcinoma",
                                  "Lymphovascular invasion: No\nTreatment effect: No\nHistologic type: Invasive "
                                  "ductal carcinoma"])
def test_a_present_no_line_leaves_the_next_line_a_fact(text):
    assert first_fact(text, "diagnosis.histology").value == "invasive_ductal"


@pytest.mark.parametrize("text,path", [("Estrogen receptor: weakly positive (5%)", "receptors.er.status"),
                                       ("ER: positive, low (1-10%)", "receptors.er.status"),
                                       ("PR: Positive (2%, weak)", "receptors.pr.status")])
def test_er_low_with_its_percent_is_one_status(text, path):
    assert [f.value for f in findings(text) if f.path == path] == ["low_positive"]


def test_status_words_after_the_value_do_not_negate_it():
    # "ER: negative" is a value, and "are negative" inside the mention is part of it.
    f = first_fact("ER/PR immunostains are negative in the invasive carcinoma.", "receptors.er.status")
    assert f is not None and f.value == "negative" and f.assertion == "present"


def test_guideline_text_quoted_in_a_report_gives_no_value():
    text = ("ER/PR positive is defined as an Allred score of >2. Interpretation: ER Negative < 6.5, "
            "Positive >= 6.5. Ratio less than 2.0: HER2 gene amplification not observed. "
            "Group 5 (ratio < 2.0 with copy number < 4.0) is considered negative.")
    assert [f for f in findings(text) if f.path.startswith("receptors.")] == []


def test_oncotype_rt_pcr_scores_are_not_ihc_results():
    text = "ONCOTYPE DX: Recurrence Score 16. ER Score: 10.1 Positive. PR Score: 7.7 Positive. Her2 Score: 9.8 Negative."
    assert [f for f in findings(text) if f.path.startswith("receptors.")] == []


def test_dcis_nuclear_grade_is_not_the_tumour_grade():
    text = "Ductal carcinoma in situ, nuclear grade 3, comedo type. High-grade DCIS spans 4 mm."
    assert first_fact(text, "diagnosis.grade") is None


def test_block_names_are_not_grades():
    text = "Sections submitted in blocks G1 and G2. Cassettes G1-G10 hold the tumor."
    assert first_fact(text, "diagnosis.grade") is None


def test_results_quoted_from_a_prior_core_biopsy_are_tied_to_that_specimen():
    f = first_fact("ESTROGEN RECEPTORS: POSITIVE (95%, per prior core biopsy S24-1234).", "receptors.er.status")
    assert f.specimen == "prior" and f.procedure == "core_biopsy"


def test_receptors_quoted_in_prose_from_a_previous_biopsy_are_tied_to_it():
    text = ("E. Right breast, mastectomy: invasive lobular carcinoma, 1.1 cm. Predictive markers performed on "
            "previous biopsy were positive for ER and PR and negative for Her-2 and E-cadherin.")
    found = [f for f in findings(text) if f.path.startswith("receptors.") and f.is_fact]
    assert {(f.path, f.value) for f in found} == {("receptors.er.status", "positive"),
                                                  ("receptors.pr.status", "positive"),
                                                  ("receptors.her2.status", "negative")}
    assert all(f.specimen == "prior" and f.procedure == "core_biopsy" for f in found)


def test_this_reports_own_result_comes_before_one_quoted_from_a_prior_biopsy():
    text = "HER2 (IHC): Equivocal (2+). The previous core biopsy was negative for HER2."
    first = first_fact(text, "receptors.her2.status")
    assert first.value == "equivocal" and first.specimen is None


# lead, session 11: a consultation quotes the core's percent and assesses the status; both state one result.
_CONSULT = ("HPI: right breast mass. Core biopsy on 03/30/2026 showed invasive ductal carcinoma, grade 3, ER {er}, "
            "PR 0%, HER2 1+ by IHC.\nAssessment: breast cancer, cT2 cN0. ER {status}, PR negative, HER2 negative.")


@pytest.mark.parametrize("er,status,percent", [
    ("0%", "negative", 0.0),
    ("95%", "positive", 95.0),
    ("0%", "positive", None),    # the readings disagree: the quoted percent gives way to the page's status
    ("95%", "negative", None),
])
def test_a_quoted_percent_stays_beside_a_status_of_the_same_reading(er, status, percent):
    text = _CONSULT.format(er=er, status=status)
    assert first_fact(text, "receptors.er.status").value == status
    f = first_fact(text, "receptors.er.percent")
    assert (f and f.value) == percent
    if f is not None:
        assert f.evidence[0].text == f"ER {er}" and f.specimen == "prior"


def test_a_quoted_percent_gives_way_where_the_page_states_more_of_that_marker():
    text = _CONSULT.format(er="0%", status="negative (Allred score 0/8)")
    assert first_fact(text, "receptors.er.allred").value == 0
    assert first_fact(text, "receptors.er.percent") is None


def test_findings_are_tagged_with_their_part_side_and_procedure():
    text = ("FINAL DIAGNOSIS: A. Breast, left, lumpectomy: invasive ductal carcinoma, 1.4 cm. "
            "B. Breast, right, core needle biopsy: invasive lobular carcinoma.")
    sizes = [f for f in findings(text) if f.path == "diagnosis.tumor_size_mm"]
    assert [(f.specimen, f.laterality, f.procedure) for f in sizes] == [("A", "left", "resection")]
    lobular = next(f for f in findings(text) if f.value == "invasive_lobular")
    assert (lobular.specimen, lobular.laterality, lobular.procedure) == ("B", "right", "core_biopsy")


def test_the_index_cancer_comes_first_in_a_bilateral_report():
    text = ("A. Right breast, excision: invasive lobular carcinoma, tumor size 1.2 cm. "
            "B. Left breast, mastectomy: invasive ductal carcinoma, tumor size 3.1 cm.")
    lat = [f for f in findings(text) if f.path == "diagnosis.laterality" and f.is_fact]
    assert lat[0].value == "left"
    assert {f.value for f in lat} == {"left", "right"}


def test_a_summary_line_about_an_earlier_part_takes_that_parts_side():
    # Regression: a synoptic line "(part B)" after a right-breast part was tagged right.
    text = ("SPECIMENS\nA. Left breast, mastectomy. B. Left axillary sentinel lymph nodes (3). C. Right breast, "
            "mastectomy.\nSUMMARY DIAGNOSIS\nA. Left breast, mastectomy: invasive lobular carcinoma, 32 mm.\n"
            "B. Left axillary sentinel lymph nodes: metastatic carcinoma in 2 of 3 nodes (2/3).\n"
            "C. Right breast, mastectomy: lobular carcinoma in situ. No invasive carcinoma identified.\n"
            "SYNOPTIC REPORT - PART A (LEFT BREAST)\nSentinel nodes (part B): 2 positive / 3 examined\n")
    nodes = [f for f in findings(text) if f.path == "lymph_nodes.examined"]
    assert nodes[0].value == 3 and nodes[0].laterality == "left" and nodes[0].specimen == "B"
    sides = {f.value for f in findings(text) if f.path == "diagnosis.laterality" and f.is_fact}
    assert sides == {"left"}  # "No invasive carcinoma identified" on the right is not a cancer there


def test_a_part_reference_governs_its_own_line_only():
    text = ("SUMMARY DIAGNOSIS\nA. Left breast, mastectomy: invasive lobular carcinoma, 32 mm.\n"
            "B. Left axillary sentinel lymph nodes: metastatic carcinoma in 2 of 3 nodes.\n"
            "SYNOPTIC REPORT - PART A (LEFT BREAST)\nInvasive tumour size: 32 mm\n"
            "Sentinel nodes (part B): 2 positive / 3 examined\nPathological staging: pT2 pN1a(sn)\n")
    t = first_fact(text, "stage.pathologic.t")
    nodes = first_fact(text, "lymph_nodes.examined")
    assert (t.specimen, t.laterality) == ("A", "left")
    assert (nodes.specimen, nodes.laterality) == ("B", "left")


def test_a_findings_line_in_a_synoptic_block_belongs_to_the_blocks_part():
    text = ("SPECIMENS\nA. Left breast, mastectomy. C. Right breast, risk-reducing mastectomy.\n"
            "SYNOPTIC REPORT - PART C (RIGHT BREAST)\nFindings: Classic lobular carcinoma in situ, 3 mm.\n")
    lcis = next(f for f in findings(text) if f.path == "diagnosis.histology" and f.value == "lcis")
    assert (lcis.specimen, lcis.laterality) == ("C", "right")


# round 9 (extent): OCR reads the i of a size label as l ("TUMOR SlZE"): the label is read on OCR pages only.
@pytest.mark.parametrize("source,want", [("ocr", 21.0), ("text-layer", None)])
def test_an_ocr_size_label_with_l_for_i_is_read_on_ocr_pages(source, want):
    f = first_fact("INVASIVE DUCTAL CARCINOMA, GRADE 3. TUMOR SlZE: 2,1 CM. MARGINS FREE.", "diagnosis.tumor_size_mm",
                   source)
    assert (f and f.value) == want



# lead, session 11: a marker result named as repeated on the residual tumour after neoadjuvant therapy.
@pytest.mark.parametrize("text,path,value,evidence", [
    ("HER2 IHC on residual tumor: 3+ (positive).", "receptors.her2.ihc_score", "3+", "HER2 IHC on residual tumor: 3+"),
    ("Estrogen receptor on residual invasive carcinoma: positive (80%).", "receptors.er.percent", 80.0,
     "Estrogen receptor on residual invasive carcinoma: positive (80%"),
    ("ER on residual DCIS: positive.", "receptors.er.status", None, None),  # the in situ component's
])
def test_results_on_the_residual_tumour(text, path, value, evidence):
    f = first_fact(text, path)
    assert (f and f.value) == value
    if evidence is not None:
        assert f.evidence[0].text == evidence


# gen12: OCR closes the column gap between a bare HER2 score "0" and the control column after it
# ("HER2 (IHC) ....... 0          external control: 3+" read as "HER2 (IHC) 0 external control: 3+"):
# a named control after the 0 still ends the value (it had lost HER2 0 and the triple-negative subtype).
@pytest.mark.parametrize("source", ["ocr", "text-layer"])
@pytest.mark.parametrize("text,value,evidence", [
    ("ER NEGATIVE (0%) external control: positive\nHER2 (IHC) 0 external control: 3+ (appropriate)\n", "0",
     "HER2 (IHC) 0"),
    ("HER2 (IHC) 0 internal control positive", "0", "HER2 (IHC) 0"),
])
def test_her2_bare_zero_before_a_named_control(text, value, evidence, source):
    f = first_fact(text, "receptors.her2.ihc_score", source=source)
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text", ["HER2 external control 3+", "HER2 (IHC) 0 control", "HER2 (IHC) 0 controls pending"])
def test_her2_control_score_is_no_result(text):
    assert first_fact(text, "receptors.her2.ihc_score", source="ocr") is None


# gen13 (layouts still misread): a table whose columns are specimens or dates, or an original and an
# amended report; "Original:"/"Amended:" lines; labels wrapped over a line; a line-end hyphen inside a
# value; OCR's 0 for o in an intensity and rn for m in "lymph"; form labels that name the unit; "pr2"/"pic"
# for pT2/pT1c beside an N; a bare LVI label in an OCR'd column of labels whose values come later.
_SPECIMEN_COLUMNS = ("| Marker        | 2019 primary (core, NR19-22310) | 2026 recurrence (liver, this case) |\n"
                     "|---------------|---------------------------------|------------------------------------|\n"
                     "| ER (SP1)      | Positive, 95%, strong           | Positive, 15%, weak                |\n"
                     "| PR (1E2)      | Positive, 60%                   | Negative, 0%                       |\n"
                     "| HER2 (4B5)    | 1+                              | 2+                                 |\n"
                     "| Ki-67 (MIB-1) | 12%                             | 35%                                |\n")
_DATED_COLUMNS = ("                 04/2021 lumpectomy      10/2026 core (A1)\n"
                  "ER               90% strong              <1%\n"
                  "PR               30% moderate            0%\n"
                  "HER2 IHC         0                       3+\n"
                  "Ki-67            15%                     60%\n")
_AMENDED_COLUMNS = ("Test            Original report        Corrected report\n"
                    "ER              Positive (95%)         Positive (95%)\n"
                    "PR              Positive (70%)         Positive (8%)\n"
                    "HER2 IHC        2+                     0\n")
_UNDATED_COLUMNS = "Marker   Primary (core)   Recurrence (liver)\nER       Positive         Negative\n"
_TAB_COLUMNS = ("Receptors\t2017 WLE (K17.04410)\t2026 mastectomy (this specimen)\nER\tPositive 8/8\tPositive 7/8\n"
                "PR\tPositive 6/8\tNegative 0/8\nHER2\t1+\t0\nKi67\t5%\t22%\n")
_AMENDED_LINES = ("HER2 by IHC (4B5):\n   Original: HER2 1+ (negative)\n   Amended:  HER2 2+ (equivocal), FISH pending\n")
_HEADING_ROWS = ("Procedure                  Laterality            Tumour site\n"
                 "Wide local excision        Right                 Lower outer quadrant\n\n"
                 "Histologic type            Grade                 Invasive size\n"
                 "Invasive ductal            Nottingham 3          26 mm\n"
                 "carcinoma (NST)            (3+3+2 = 8)\n\n"
                 "Margins                    LVI                   Nodes\n"
                 "Clear (3 mm)               Present, focal        2/9 positive\n")
_GRID = ("SUMMARY\nTumour type:\nGrade (Elston-Ellis):\nTumour size (mm):\nLymphovascular invasion:\n"
         "Invasive carcinoma NST\nG2\n24\nNot identified\n")

GEN13_ROWS = [
    # each column's results belong to its own specimen: the current column's are read, the older one's never
    (_SPECIMEN_COLUMNS, "receptors.er.percent", 15.0, "Positive, 15%", "text-layer", None),
    (_SPECIMEN_COLUMNS, "receptors.er.intensity", "weak", "Positive, 15%, weak", "text-layer", None),
    (_SPECIMEN_COLUMNS, "receptors.pr.status", "negative", "Negative", "text-layer", None),
    (_SPECIMEN_COLUMNS, "receptors.her2.ihc_score", "2+", "2+", "text-layer", None),
    (_SPECIMEN_COLUMNS, "receptors.ki67_percent", 35.0, "35%", "text-layer", None),
    (_DATED_COLUMNS, "receptors.er.percent", 0.0, "<1%", "text-layer", None),
    (_DATED_COLUMNS, "receptors.her2.ihc_score", "3+", "3+", "text-layer", None),
    (_DATED_COLUMNS, "receptors.ki67_percent", 60.0, "60%", "text-layer", None),
    (_AMENDED_COLUMNS, "receptors.pr.percent", 8.0, "Positive (8%", "text-layer", None),
    (_AMENDED_COLUMNS, "receptors.her2.ihc_score", "0", "0", "text-layer", None),
    (_UNDATED_COLUMNS, "receptors.er.status", "negative", "Negative", "text-layer", None),
    (_TAB_COLUMNS, "receptors.pr.allred", 0, "Negative 0/8", "text-layer", None),
    (_TAB_COLUMNS, "receptors.ki67_percent", 22.0, "22%", "text-layer", None),
    # the same tables as OCR reads them: column gaps closed to one space (the header's columns start at its
    # specimen words or dates, a row's cells at its values: "ER 95% 10%"), a rule under the header read as letters
    ("04/2021 lumpectomy 10/2026 core (A1)\nER 90% strong <1%\nPR 30% moderate 0%\nHER2 IHC 0 3+\nKi-67. 15% 60%\n",
     "receptors.er.percent", 0.0, "<1%", "ocr", None),
    ("04/2021 lumpectomy 10/2026 core (A1)\nER 90% strong <1%\nPR 30% moderate 0%\nHER2 IHC 0 3+\nKi-67. 15% 60%\n",
     "receptors.her2.ihc_score", "3+", "3+", "ocr", None),
    ("Marker Pre-treatment core (02/2026) Residual tumour (08/2026)\nER Positive, 70% Positive, 40%\n",
     "receptors.er.percent", 40.0, "Positive, 40%", "ocr", None),
    ("Receptors 2017 WLE (K17.04410) 2026 mastectomy (this specimen)\nER Positive 8/8 Positive 7/8\n",
     "receptors.er.allred", 7, "Positive 7/8", "ocr", None),
    ("Test Original report Corrected report\nER Positive (95%) Positive (95%)\nPR Positive (70%) Positive (8%)\n",
     "receptors.pr.percent", 8.0, "Positive (8%", "ocr", None),
    ("| Marker | 2019 primary (core) | 2026 recurrence (liver, this case) |\nseesecsseeseese|pscteeeestesseee|econstnetnnes\n"
     "| ER (SP1) | Positive, 95%, strong | Positive, 15%, weak\n| Ki-67 (MIB-1) | 12% | 35% |\n",
     "receptors.ki67_percent", 35.0, "35%", "ocr", None),
    ("Marker   2019 primary   2024 recurrence   2026 repeat\nER   95%   10%   12%\n", "receptors.er.percent", 12.0,
     "12%", "text-layer", None),
    ("Margins LVI Nodes\nClear (3 mm) Present, focal 2/9 positive\n\nER PR HER2\nPositive, 40 % Positive, 5 % 1+ (negative)\n",
     "receptors.er.percent", 40.0, "Positive, 40 %", "ocr", None),
    ("Margins LVI Nodes\nClear (3 mm) Present, focal 2/9 positive\n\nER PR HER2\nPositive, 40 % Positive, 5 % 1+ (negative)\n",
     "receptors.her2.status", "negative", "1+ (negative", "ocr", None),
    # a HER2 row whose label names its measure; a two-line column header; an Allred cell's status
    ("| Test               | Original report (03/11/2026) | Corrected report (03/16/2026) |\n"
     "| HER2 ISH ratio     | 2.3                          | 1.7                           |\n"
     "| HER2 copies / cell | 4.8                          | 3.9                           |\n", "receptors.her2.ish_ratio", 1.7, "1.7",
     "text-layer", None),
    ("| Test               | Original report (03/11/2026) | Corrected report (03/16/2026) |\n"
     "| HER2 ISH ratio     | 2.3                          | 1.7                           |\n"
     "| HER2 copies / cell | 4.8                          | 3.9                           |\n", "receptors.her2.ish_copy_number", 3.9,
     "3.9", "text-layer", None),
    ("Marker          Core biopsy              Mastectomy\n                (03/2026, H26-11802)     (09/2026, this case)\n"
     "ER              8/8                      8/8\nPR              6/8                      3/8\n", "receptors.pr.allred", 3, "3/8",
     "text-layer", None),
    ("Marker          Core biopsy              Mastectomy\n                (03/2026, H26-11802)     (09/2026, this case)\n"
     "ER              8/8                      8/8\nPR              6/8                      3/8\n", "receptors.er.status", "positive",
     "8/8", "text-layer", None),
    # an ISH cell that opens with its measures, beside a "not done" cell of the older specimen
    ("Marker        2019 primary (S-19-4402)      2026 recurrence (S-26-8810)\n"
     "HER2 ISH      not done                      ratio 2.4, HER2 5.1 signals/cell, AMPLIFIED\n",
     "receptors.her2.ish_result", "amplified", "ratio 2.4, HER2 5.1 signals/cell, AMPLIFIED", "text-layer", None),
    ("Marker        2019 primary (S-19-4402)      2026 recurrence (S-26-8810)\n"
     "HER2 ISH      not done                      ratio 2.4, HER2 5.1 signals/cell, AMPLIFIED\n",
     "receptors.her2.ish_ratio", 2.4, "ratio 2.4", "text-layer", None),
    # "Original:" above "Amended:": the amended reading ranks first
    (_AMENDED_LINES, "receptors.her2.ihc_score", "2+", "HER2 2+", "text-layer", None),
    (_AMENDED_LINES, "receptors.her2.status", "equivocal", "HER2 2+ (equivocal", "text-layer", None),
    # a label's parenthesis wrapped onto the next line; a bare "HER2: 0" over the next line's words
    ("HER2 (by\nimmunohistochemistry):        Negative (1+)\n", "receptors.her2.ihc_score", "1+",
     "HER2 (by\nimmunohistochemistry):        Negative (1+", "text-layer", None),
    ("ER: Negative (0%)   PR: Negative (0%)   HER2: 0\nTriple negative phenotype persists.", "receptors.her2.ihc_score",
     "0", "HER2: 0", "ocr", None),
    # a line-end hyphen inside a value word (a justified text layer, or a scan)
    ("the oestrogen receptor is POSI-\nTIVE in 85% of tumour cells with MODE-\nRATE intensity (Allred 7/8).",
     "receptors.er.status", "positive", "oestrogen receptor is POSI-\nTIVE", "text-layer", None),
    ("the oestrogen receptor is POSI-\nTIVE in 85% of tumour cells with MODE-\nRATE intensity (Allred 7/8).",
     "receptors.er.intensity", "moderate", "oestrogen receptor is POSI-\nTIVE in 85% of tumour cells with MODE-\nRATE intensity",
     "text-layer", None),
    ("Progesterone receptor: nega-\ntive (0%).", "receptors.pr.status", "negative", "Progesterone receptor: nega-\ntive",
     "text-layer", None),
    # OCR's 0 for o in an intensity word, recorded on the evidence; rn for m in "lymph"
    ("ER: POSITIVE, 95%, STR0NG", "receptors.er.intensity", "strong", "ER: POSITIVE, 95%, STR0NG", "ocr", "str0ng->strong"),
    ("PR: 40 %, M0DERATE", "receptors.pr.intensity", "moderate", "PR: 40 %, M0DERATE", "ocr", "M0DERATE->MODERATE"),
    ("- LYRNPHOVASCULAR INVASION PRESENT.", "diagnosis.lvi", "present", "LYRNPHOVASCULAR INVASION PRESENT", "ocr",
     "LYRNPHOVASCULAR->LYMPHOVASCULAR"),
    # form labels that name the unit
    ("Invasive tumour size (mm): 16\nWhole tumour size (mm) (invasive + DCIS): 22", "diagnosis.tumor_size_mm", 16.0,
     "Invasive tumour size (mm): 16", "text-layer", None),
    ("Tumour size (mm): 16", "diagnosis.tumor_size_mm", 16.0, "Tumour size (mm): 16", "text-layer", None),
    ("Size of invasive carcinoma (cm): 1.4", "diagnosis.tumor_size_mm", 14.0, "Size of invasive carcinoma (cm): 1.4",
     "text-layer", None),
    ("AXILLARY NODES\nNodes examined (n): 14\nNodes positive (n): 2", "lymph_nodes.examined", 14,
     "Nodes examined (n): 14", "text-layer", None),
    ("AXILLARY NODES\nNodes examined (n): 14\nNodes positive (n): 2", "lymph_nodes.positive", 2,
     "Nodes positive (n): 2", "text-layer", None),
    ("Nodes\t5/18 involved (largest 12 mm)", "lymph_nodes.examined", 18, "Nodes\t5/18", "text-layer", None),
    ("ER (% cells): 90\nER Quick score: 8", "receptors.er.percent", 90.0, "ER (% cells): 90", "text-layer", None),
    ("PR (% positive nuclei): 5", "receptors.pr.percent", 5.0, "PR (% positive nuclei): 5", "text-layer", None),
    ("Ki-67 (% cells): 25", "receptors.ki67_percent", 25.0, "Ki-67 (% cells): 25", "text-layer", None),
    ("INVASIVE CARCINOMA\nType: No special type (ductal NST)", "diagnosis.histology", "invasive_ductal",
     "Type: No special type", "text-layer", None),
    # an OCR'd grid of bare labels over as many value lines: the i-th label's value is the i-th line
    (_GRID, "diagnosis.grade", 2, "G2", "ocr", None),
    (_GRID, "diagnosis.tumor_size_mm", 24.0, "24", "ocr", None),
    (_GRID, "diagnosis.lvi", "absent", "Not identified", "ocr", None),
    (_GRID.replace("(mm):", ":").replace("\n24\n", "\n2.4 cm\n"), "diagnosis.tumor_size_mm", 24.0, "2.4 cm", "text-layer",
     None),
    # a long receptor name whose second word a narrow label column wraps below the value beside the first
    ("Estrogen                    Positive (90%, strong)\nreceptor:\nProgesterone                Positive (25%)\n"
     "receptor:\n", "receptors.er.percent", 90.0, "Estrogen                    Positive (90%", "text-layer", None),
    ("Estrogen                    Positive (90%, strong)\nreceptor:\nProgesterone                Positive (25%)\n"
     "receptor:\n", "receptors.pr.status", "positive", "Progesterone                Positive", "text-layer", None),
    ("Invasive                    21 mm\ntumour size:\nLymphovascular              Present\ninvasion:\n",
     "diagnosis.tumor_size_mm", 21.0, "Invasive                    21 mm", "ocr", None),
    # "not" and "amplified" on a bar table's row and its continuation row
    ("| HER2 (4B5)        | 2+ (equivocal)                |\n|                   | FISH: ratio 1.2, 2.6 copies - NOT |\n"
     "|                   | AMPLIFIED                     |\n", "receptors.her2.ish_result", "not_amplified",
     "HER2 (4B5)        | 2+ (equivocal)                |\n|                   | FISH: ratio 1.2, 2.6 copies - NOT |\n"
     "|                   | AMPLIFIED", "ocr", None),
    ("| HER2 (4B5) | 2+ (equivocal) |\n| | 2.6 copies/cell - NOT\n| | AMPLIFIED |\n", "receptors.her2.ish_result",
     "not_amplified", "HER2 (4B5) | 2+ (equivocal) |\n| | 2.6 copies/cell - NOT\n| | AMPLIFIED", "ocr", None),
    ("Estrogen Positive (90%, strong)\nreceptor:\n", "receptors.er.intensity", "strong", "Estrogen Positive (90%, strong",
     "ocr", None),
    ("Nodes 5/18 involved (largest 12 mm)", "lymph_nodes.positive", 5, "Nodes 5/18", "ocr", None),
    # a superseded reading and its revision on one line: the amended value
    ("Oestrogen receptor - original: positive 40%; amended: positive 90%, strong.", "receptors.er.percent", 90.0,
     "Oestrogen receptor - original: positive 40%; amended: positive 90%", "text-layer", None),
    ("Ki-67 - original: 35%; amended: 15%.", "receptors.ki67_percent", 15.0, "Ki-67 - original: 35%; amended: 15%",
     "text-layer", None),
    # a proforma's "Invasive type:" label; a checklist's ticked LVI option after an unticked "Not seen"
    ("Invasive type: Lobular, classical\nIn situ component: LCIS, classical", "diagnosis.histology", "invasive_lobular",
     "Invasive type: Lobular", "text-layer", None),
    ("Lymphovascular invasion: [ ] Not seen  [X] Present  [ ] Possible", "diagnosis.lvi", "present",
     "Lymphovascular invasion: [ ] Not seen  [X] Present", "text-layer", None),
    ("Lymphovascular invasion: [X] Not seen  [ ] Present  [ ] Possible", "diagnosis.lvi", "absent",
     "Lymphovascular invasion: [X] Not seen", "text-layer", None),
    ("SYNOPSIS\nHistological type:\nHistological grade:\nTumour size:\nSentinel nodes:\nInfiltrating lobular carcinoma\n2\n"
     "1.9 cm\n1/2 (macrometastasis 3 mm)\n\npT1c pN1a(sn)\n", "lymph_nodes.examined", 2, "1/2", "ocr", None),
    ("SYNOPSIS\nHistological type:\nHistological grade:\nTumour size:\nSentinel nodes:\nInfiltrating lobular carcinoma\n2\n"
     "1.9 cm\n1/2 (macrometastasis 3 mm)\n\npT1c pN1a(sn)\n", "diagnosis.tumor_size_mm", 19.0, "1.9 cm", "ocr", None),
    # rows of headings over rows of values, each value under its heading
    (_HEADING_ROWS, "diagnosis.laterality", "right", "Right", "text-layer", None),
    (_HEADING_ROWS, "diagnosis.tumor_size_mm", 26.0, "26 mm", "text-layer", None),
    (_HEADING_ROWS, "diagnosis.lvi", "present", "Present, focal", "text-layer", None),
    (_HEADING_ROWS, "lymph_nodes.examined", 9, "2/9", "text-layer", None),
    (_GRID.replace("G2", "Nottingham 2"), "diagnosis.grade", 2, "Nottingham 2", "ocr", None),
    # the copy number's unit as the label of the ISH result after it
    ("Reflex FISH: HER2/CEP17 ratio 1.6, average HER2 copy number 4.3 signals/cell: NOT AMPLIFIED (group 5).",
     "receptors.her2.ish_result", "not_amplified", "signals/cell: NOT AMPLIFIED", "text-layer", None),
    # OCR's "pr2"/"pic" for pT2/pT1c, with their N beside them
    ("PATHOLOGIC STAGE: pr2 pN1a (sn)", "stage.pathologic.t", "T2", "pr2", "ocr", "pr2->pT2"),
    ("pTNM (AJCC 8): pic N0(sn)", "stage.pathologic.t", "T1c", "pic", "ocr", "pic->pT1c"),
]


@pytest.mark.parametrize("text,path,value,evidence,source,correction", GEN13_ROWS,
                         ids=[f"{r[1]}:{i}" for i, r in enumerate(GEN13_ROWS)])
def test_gen13_layouts_are_read_with_their_evidence(text, path, value, evidence, source, correction):
    f = first_fact(text, path, source=source)
    assert f is not None, f"no fact for {path}"
    assert (f.value, f.evidence[0].text, f.evidence[0].correction) == (value, evidence, correction)


@pytest.mark.parametrize("text,path,source", [
    # an older specimen's or superseded report's column is never read as the current result
    (_UNDATED_COLUMNS.replace("Recurrence (liver)", "Core (2nd opinion)"), "receptors.er.status", "prior"),
    # "TN3c": triple negative or a misread N3c? Never guessed.
    ("Pre-treatment core: TN3c invasive ductal carcinoma.", "stage.pathologic.n", "ocr"),
    ("Pre-treatment core: TN3c invasive ductal carcinoma.", "stage.clinical.n", "ocr"),
    # "pr2"/"pic" without an N beside them, or on a text layer, are no T category
    ("Image: pic of the lesion attached.", "stage.pathologic.t", "ocr"),
    ("pr2 tumour", "stage.pathologic.t", "ocr"),
    ("PATHOLOGIC STAGE: pr2 pN1a (sn)", "stage.pathologic.t", "text-layer"),
    # a bare LVI label over another bare label (no grid of three) gives no value; a grid whose value lines
    # outnumber its labels pairs nothing
    ("Lymphovascular invasion:\nMargins:\nPresent\nNegative\n", "diagnosis.lvi", "text-layer"),
    (_GRID.replace("Not identified\n", "Not identified\nsee comment\n"), "diagnosis.tumor_size_mm", "ocr"),
    (_GRID.replace("Not identified\n", "Not identified\nsee comment\n"), "diagnosis.grade", "ocr"),
    (_GRID.replace("Tumour size (mm):", "DCIS size (mm):"), "diagnosis.tumor_size_mm", "ocr"),
    # unit labels that are no tumour size or count
    ("Specimen size (cm): 12\nDistance to margin (mm): 3\nDCIS size (mm): 30", "diagnosis.tumor_size_mm", "text-layer"),
    ("Sentinel nodes examined: 3", "lymph_nodes.examined", "hidden"),
    # an intensity with 0 for o is OCR's: a text layer's "STR0NG" is not read
    ("ER: POSITIVE, 95%, STR0NG", "receptors.er.intensity", "text-layer"),
    ("Specimen type: ductal lavage", "diagnosis.histology", "text-layer"),
    # a first word that no receptor line wraps below ("Estrogen  exposure" with no "receptor:" under it)
    ("Estrogen                    exposure: none\nHRT: 5 years\n", "receptors.er.status", "text-layer"),
    ("Estrogen                    Positive (90%)\nreplacement therapy: none\n", "receptors.er.status", "text-layer"),
    ("Invasive                    13 mm (in cores)\nextent:\n", "diagnosis.tumor_size_mm", "text-layer"),
    # values not under their headings (a shifted row) pair nothing
    (_HEADING_ROWS.replace("Clear (3 mm)               Present, focal        2/9 positive",
                           "Clear (3 mm)   Present, focal   2/9 positive"), "lymph_nodes.examined", "text-layer"),
    ("Marker      Result\nSide        left axilla only\n", "diagnosis.laterality", "text-layer"),
    ("FISH probe: 20 signals/cell: not amplified is defined as a ratio under 2.0 (reference).",
     "receptors.her2.ish_result", "text-layer"),
])
def test_gen13_distractors_yield_nothing(text, path, source):
    if source == "prior":  # read, but tied to an earlier specimen: neither column is the current one
        assert all(f.specimen == "prior" for f in findings(text) if f.path == path and f.is_fact)
        return
    if source == "hidden":  # a sentinel count is read by its own rule, never as the total's "nodes examined"
        f = first_fact(text, path)
        assert f is None or f.evidence[0].rule != "nodes.total.synoptic-examined"
        return
    assert first_fact(text, path, source=source) is None


def test_gen13_an_original_reading_never_settles_the_amended_status():
    from extract import build_profile
    from ingest.models import Document
    text = ("BREAST BIOMARKERS (block A2)\nEstrogen receptor:      Positive, 80%\n" + _AMENDED_LINES)
    doc = Document(sha256="0" * 64, filename="amended.txt", type="text", pages=[Page(number=1, text=text, source="text-layer")])
    her2 = build_profile([doc]).profile.receptors.her2
    assert (her2.status, her2.ihc_score) == ("equivocal", "2+")


# round 14 (generalisation, TCGA-form layouts of other sites): (text, path, value, evidence, source)
_BLOCK_REFERENCE = ("FINAL DIAGNOSIS:\nA. LEFT BREAST, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, GRADE 3, 3.4 CM.\n"
                    "C. RIGHT BREAST, PROPHYLACTIC MASTECTOMY: FIBROCYSTIC CHANGES. NO MALIGNANCY.\n"
                    "D. RIGHT AXILLARY SENTINEL LYMPH NODE: ONE LYMPH NODE, NEGATIVE (0/1).\n"
                    "RECEPTOR STUDIES (PERFORMED ON A2, LEFT BREAST TUMOR):\n"
                    "PROGESTERONE RECEPTOR ......... NEGATIVE (0%)\nHER2 (IHC) .................... EQUIVOCAL (2+)\n")
GEN14_ROWS = [
    # a translated report's size of "the invasive neoplasm", of "the infiltration"
    ("Largest dimension of the invasive neoplasm: 1,8 cm.", "diagnosis.tumor_size_mm", 18.0,
     "Largest dimension of the invasive neoplasm: 1,8 cm", "text-layer"),
    ("CARCINOMA LOBULARE INVASIVUM, G2, diameter of the infiltration 34 mm.", "diagnosis.tumor_size_mm", 34.0,
     "diameter of the infiltration 34 mm", "text-layer"),
    ("Macroscopy: mastectomy 19 x 15 x 4.5 cm; tumour in the upper outer quadrant 3.1 x 2.7 x 2.2 cm, firm.",
     "diagnosis.tumor_size_mm", 31.0, "tumour in the upper outer quadrant 3.1 x 2.7 x 2.2 cm", "text-layer"),
    # the Latin node words of Polish reports
    ("Metastases carcinomatis in lymphonodis axillae: 1/13 (macrometastasis 4 mm).", "lymph_nodes.examined", 13,
     "lymphonodis axillae: 1/13", "text-layer"),
    # a slash-delimited table row: name / clone / result
    ("Estrogen receptor / SP1 / positive in 95% of cells (strong)", "receptors.er.percent", 95.0,
     "Estrogen receptor / SP1 / positive in 95%", "text-layer"),
    ("Ki-67 / 30-9 / 10%", "receptors.ki67_percent", 10.0, "Ki-67 / 30-9 / 10%", "text-layer"),
    # results under a heading naming a block of part A belong to part A, not to the last part (D)
    (_BLOCK_REFERENCE, "receptors.her2.ihc_score", "2+", "HER2 (IHC) .................... EQUIVOCAL (2+", "text-layer"),
    # the state named first, a macrometastasis (or OCR's "rn" for m): the counted nodes are positive
    ("Sentinel lymph node: macrometastasis, 1 of 1.", "lymph_nodes.positive", 1,
     "Sentinel lymph node: macrometastasis, 1 of 1", "text-layer"),
    ("Sentinel lyrnph node: rnetastatic carcinorna, 1 of 1 (rnacrornetastasis 4 rnrn).", "lymph_nodes.positive", 1,
     "Sentinel lyrnph node: rnetastatic carcinorna, 1 of 1 ", "ocr"),
    # a revision's label between the marker and its value
    ("ESTROGEN RECEPTOR: AMENDED: LOW POSITIVE (5%, WEAK). PREVIOUSLY REPORTED AS NEGATIVE.", "receptors.er.percent",
     5.0, "ESTROGEN RECEPTOR: AMENDED: LOW POSITIVE (5%", "text-layer"),
    # the kinds of metastasis listed after one "number with" label
    ("LYMPH NODES: NUMBER EXAMINED 3; NUMBER WITH MACROMETASTASES 0; MICROMETASTASES 1 (0.6 MM)",
     "lymph_nodes.positive", 1, "NUMBER WITH MACROMETASTASES 0", "text-layer"),
    # OCR slips in a Latin type name
    ("CARClNOMA LOBULARE lNVASIVUM MAMMAE SINISTRAE, G2.", "diagnosis.histology", "invasive_lobular",
     "CARClNOMA LOBULARE lNVASIVUM", "ocr"),
    # the "+ve" / "-ve" shorthand
    ("ER: +ve (Allred score 6/8)\nPR: -ve (Allred score 0/8)\nHER2: -ve (score 1+)", "receptors.er.status", "positive",
     "ER: +ve", "text-layer"),
    ("ER: +ve (Allred score 6/8)\nPR: -ve (Allred score 0/8)\nHER2: -ve (score 1+)", "receptors.pr.status", "negative",
     "PR: -ve", "text-layer"),
    ("ER: +ve (Allred score 6/8)\nPR: -ve (Allred score 0/8)\nHER2: -ve (score 1+)", "receptors.her2.ihc_score", "1+",
     "HER2: -ve (score 1+", "text-layer"),
]


@pytest.mark.parametrize("text,path,value,evidence,source", GEN14_ROWS, ids=[f"{r[1]}:{i}" for i, r in enumerate(GEN14_ROWS)])
def test_gen14_layouts_are_read_with_their_evidence(text, path, value, evidence, source):
    f = next((f for f in findings(text, source) if f.path == path and f.is_fact and f.specimen != "prior"
              and f.laterality != "right"), None)
    assert f is not None, f"no fact for {path}"
    assert (f.value, f.evidence[0].text) == (value, evidence)


@pytest.mark.parametrize("text,path", [
    # a grade of response to neoadjuvant therapy is not the histologic grade
    ("Residual invasive carcinoma NST, regression grade 3 according to Sinn.", "diagnosis.grade"),
    ("Residual invasive ductal carcinoma; Miller-Payne grade 4.", "diagnosis.grade"),
    ("Residual invasive ductal carcinoma, grade 2 (Miller-Payne).", "diagnosis.grade"),
    # a quadrant named without the tumour's size after it
    ("Tumour in the upper outer quadrant 2 cm from the nipple; see the gross photographs.", "diagnosis.tumor_size_mm"),
    # "ve" after a sign inside a word is no status
    ("ER: +vely stained cells are few (see comment).", "receptors.er.status"),
    # a slash inside a word pair is no table column
    ("ER/PR: see comment.", "receptors.er.status"),
])
def test_gen14_distractors_yield_nothing(text, path):
    assert first_fact(text, path, source="ocr") is None


def test_gen14_results_under_a_block_heading_are_the_index_tumours():
    her2 = [f for f in findings(_BLOCK_REFERENCE) if f.path == "receptors.her2.ihc_score" and f.is_fact]
    assert her2 and all((f.specimen, f.laterality) == ("A", "left") for f in her2)


def test_gen14_a_test_repeated_on_another_block_revises_the_first_reading():
    text = ("HER2 IHC (4B5): 1+, NEGATIVE. ADDENDUM 2: HER2 REPEATED ON BLOCK A2 (INVASIVE CARCINOMA): HER2 IHC: 2+ "
            "(EQUIVOCAL).")
    scores = {f.value: f.revises for f in findings(text) if f.path == "receptors.her2.ihc_score" and f.is_fact}
    assert scores == {"1+": False, "2+": True}


@pytest.mark.parametrize("source", ["ocr", "text-layer"])
def test_gen14_a_checklist_pt_line_is_no_patient_name(source):
    # "PT: [ ]" opens a checklist's line of pT options, not a patient-name banner with a redaction in brackets
    text = "SYNOPTIC WORKSHEET\nPT: [ ] PT1B  [X] PT1C  [ ] PT2\nPN: [ ] PN0  [X] PN1MI  [ ] PN1A\n"
    facts = {f.value for f in findings(text, source) if f.path == "stage.pathologic.t" and f.is_fact}
    assert facts == {"T1c"}


# round 15 (generalisation, TCGA-form layouts): (text, path, value, evidence, source)
_GROSS_THEN_RESULTS = ("Specimen type: Macroscopic description. Left wide local Received fresh, WLE 62 g, 8 x 6 x 4 cm,. "
                       "Tumour 28 x 22 x 20 mm. Invasive tumour type: Invasive lobular carcinoma, classical type. "
                       "Histological grade: 2 (T3 P2 M1). Oestrogen receptor: Positive, Allred 8/8. "
                       "HER2: Negative (IHC 1+).")
GEN15_ROWS = [
    # staging written as labels with their numbers, read as a chain of T and N
    ("PATHOLOGIC STAGING: T: 2, N: 1A, M: X", "stage.pathologic.t", "T2", "T: 2", "text-layer"),
    ("PATHOLOGIC STAGING: T: 2, N: 1A, M: X", "stage.pathologic.n", "N1a", "N: 1A", "text-layer"),
    ("PATHOLOGIC STAGING:. T: 2,. N: 1A,. M: X.", "stage.pathologic.n", "N1a", "N: 1A", "ocr"),
    ("Staging (AJCC 8): pT = 2; pN = 0", "stage.pathologic.t", "T2", "pT = 2", "text-layer"),
    ("Staging (AJCC 8): pT = 2; pN = 0", "stage.pathologic.n", "N0", "pN = 0", "text-layer"),
    ("T-category: 2 / N-category: 1a", "stage.pathologic.n", "N1a", "N-category: 1a", "text-layer"),
    ("CLINICAL STAGING: T: 3, N: 1, M: 0", "stage.clinical.t", "T3", "T: 3", "text-layer"),
    # "HER2 (protein) overexpression: absent / present"
    ("HER2 (protein) overexpression: absent", "receptors.her2.status", "negative",
     "HER2 (protein) overexpression: absent", "text-layer"),
    ("HER2/NEU PROTEIN OVEREXPRESSION: PRESENT (SCORE 3+).", "receptors.her2.status", "positive",
     "HER2/NEU PROTEIN OVEREXPRESSION: PRESENT", "ocr"),
    ("HER2 overexpression is absent.", "receptors.her2.status", "negative", "HER2 overexpression is absent",
     "text-layer"),
    # the specimen's own measure, a comma, then the tumour's
    ("Macroscopic findings: mastectomy specimen 19 x 15 x 4.5 cm, tumour in the upper outer quadrant 3.1 x 2.7 x "
     "2.2 cm.", "diagnosis.tumor_size_mm", 31.0, "tumour in the upper outer quadrant 3.1 x 2.7 x 2.2 cm", "text-layer"),
    # "tumour node" (Russian "опухолевый узел") is the tumour
    ("Macroscopy: a sector of the breast 10 x 8 x 4 cm with a dense tumour node measuring 2.5 x 2 cm.",
     "diagnosis.tumor_size_mm", 25.0, "tumour node measuring 2.5 x 2 cm", "text-layer"),
    ("MACROSCOPY: SECTOR RESECTION WITH A DENSE GREY TUMOUR. NODE 2.8 CM.", "diagnosis.tumor_size_mm", 28.0,
     "TUMOUR. NODE 2.8 CM", "ocr"),
    # a grid of the grade options, the chosen one marked
    ("Invasive ductal carcinoma. Histologic grade: 1 (2) 3", "diagnosis.grade", 2,
     "Histologic grade: 1 (2) 3", "text-layer"),
    ("Invasive ductal carcinoma. Grade (circle one): 1 (2) 3", "diagnosis.grade", 2,
     "Grade (circle one): 1 (2) 3", "text-layer"),
    ("INVASIVE DUCTAL CARCINOMA. GRADE: 1 X2 3.", "diagnosis.grade", 2, "GRADE: 1 X2 3", "ocr"),
    ("Invasive ductal carcinoma. Nottingham grade: 1 2 *3*", "diagnosis.grade", 3, "Nottingham grade: 1 2 *3*",
     "text-layer"),
    ("Invasive ductal carcinoma. GRADE:  I  [II]  III", "diagnosis.grade", 2, "GRADE:  I  [II]  III", "text-layer"),
    ("Invasive carcinoma NST.\nGrade: 1 2 3  -> ringed: 2", "diagnosis.grade", 2, "Grade: 1 2 3  -> ringed: 2",
     "text-layer"),
    # result lines after a gross description with no header of their own (a run-on two-column report)
    (_GROSS_THEN_RESULTS, "receptors.her2.ihc_score", "1+", "HER2: Negative (IHC 1+", "ocr"),
    (_GROSS_THEN_RESULTS, "diagnosis.grade", 2, "Histological grade: 2", "ocr"),
    ("HER2/NEU PROTEIN OVEREXPRESSION: NOT PRESENT (SCORE 1+).", "receptors.her2.status", "negative",
     "HER2/NEU PROTEIN OVEREXPRESSION: NOT PRESENT", "ocr"),
    # a distance to the resection edge, then a comma and the tumour node (a Russian macroscopy)
    ("Under the skin, at a distance of 2 cm from the edge of resection, a tumour node 1,9 x 1,7 x 1,5 cm, dense.",
     "diagnosis.tumor_size_mm", 19.0, "tumour node 1,9 x 1,7 x 1,5 cm", "text-layer"),
    ("Residual invasive carcinoma, grade 3. Largest residual tumour focus: 1.2 cm. Cellularity 20 %.",
     "diagnosis.tumor_size_mm", 12.0, "Largest residual tumour focus: 1.2 cm", "text-layer"),
    # a count examined, then a count "with" metastases; a size label with its dimension in parentheses
    ("Sentinel lymph nodes: 3 examined, 1 with micrometastasis (1.2 mm), 2 free.", "lymph_nodes.positive", 1,
     "Sentinel lymph nodes: 3 examined, 1 with micrometastasis", "text-layer"),
    ("Lymph nodes: 12 examined, 2 with metastatic carcinoma.", "lymph_nodes.examined", 12,
     "Lymph nodes: 12 examined, 2 with metastatic carcinoma", "text-layer"),
    ("Tumour size (largest dimension of invasive component): 1.1 cm.", "diagnosis.tumor_size_mm", 11.0,
     "Tumour size (largest dimension of invasive component): 1.1 cm", "text-layer"),
    # the Latin "infiltrativum" of Polish reports
    ("Carcinoma lobulare infiltrativum mammae sinistrae, G2 (Nottingham: 2+2+2 = 6 pts).", "diagnosis.histology",
     "invasive_lobular", "Carcinoma lobulare infiltrativum", "text-layer"),
    # a form's blanks between the label and its category
    ("Ki-67 _______ 10%. pT __1c__ pN __0(sn)__.", "stage.pathologic.n", "N0", "pN __0(sn)", "ocr"),
    # a labelled N with its (i+); a parenthesis between the staging label and the categories
    ("Pathological staging: T = 1b / N = 0(i+)", "stage.pathologic.n", "N0(i+)", "N = 0(i+)", "text-layer"),
    ("Pathological staging (AJCC 8a ed.): T: 3, N: 3A, M: X", "stage.pathologic.n", "N3a", "N: 3A", "text-layer"),
    # the counted node has isolated tumour cells only: examined, not positive
    ("B - Sentinel lymph nodes: two lymph nodes, one with isolated tumour cells (largest cluster 0.15 mm) on keratin "
     "immunostain (1/2 ITC).", "lymph_nodes.positive", 0, "(1/2 ITC)", "text-layer"),
]


@pytest.mark.parametrize("text,path,value,evidence,source", GEN15_ROWS, ids=[f"{r[1]}:{i}" for i, r in enumerate(GEN15_ROWS)])
def test_gen15_layouts_are_read_with_their_evidence(text, path, value, evidence, source):
    f = next((f for f in findings(text, source) if f.path == path and f.is_fact), None)
    assert f is not None, f"no fact for {path}"
    assert (f.value, f.evidence[0].text) == (value, evidence)


@pytest.mark.parametrize("text,path", [
    # a temperature, a lone N label, a bare "T: 1, N: 0" with no staging label, a size labelled T
    ("Vital signs: T: 36.8, P: 80, BP 120/80. N: 1 pack.", "stage.pathologic.t"),
    ("Smoking: N: 1 pack a day.", "stage.pathologic.n"),
    ("Label: T: 1c, N: 0 (see comment).", "stage.pathologic.t"),
    ("Tumor size (T): 2.3 cm; Nodes (N): 1 of 12.", "stage.pathologic.t"),
    # a count with isolated tumour cells only is no positive count
    ("Sentinel lymph nodes: 3 examined, 1 with isolated tumour cells.", "lymph_nodes.positive"),
    # spaced letters without a prefix or a staging label
    ("T   2   N   1", "stage.pathologic.t"),
    # HER2 present in a control, ER "present" (not this grammar's)
    ("HER2: present in control tissue.", "receptors.her2.status"),
    # a lymph node with tumour is no tumour node
    ("LYMPH NODES: METASTATIC TUMOUR. NODE 1.2 CM.", "diagnosis.tumor_size_mm"),
    ("Tumour node negative, 2 cm.", "diagnosis.tumor_size_mm"),
    # the specimen's own size stays excluded
    ("Gross: the specimen measures 12 x 8 x 3 cm, and is inked.", "diagnosis.tumor_size_mm"),
    # a distance, a margin or a skin ellipse before a size
    ("Distance from the tumour to the deep margin, the closest 0.3 cm.", "diagnosis.tumor_size_mm"),
    ("Skin ellipse 10 x 2 cm, a tumour measuring 3 cm beneath it.", "diagnosis.tumor_size_mm"),
    ("Tumour focus: 2 foci, 1.5 cm apart.", "diagnosis.tumor_size_mm"),
    # the three options with none marked
    ("Invasive ductal carcinoma. Grade: 1 2 3", "diagnosis.grade"),
])
def test_gen15_distractors_yield_nothing(text, path):
    assert first_fact(text, path, source="ocr") is None


def test_gen15_a_gross_section_ends_only_at_a_result_label():
    page = analyze_page("d1", Page(number=1, text=_GROSS_THEN_RESULTS, source="ocr"))
    assert page.section_at(_GROSS_THEN_RESULTS.index("Tumour 28")) == "gross"
    assert page.section_at(_GROSS_THEN_RESULTS.index("HER2")) == "synoptic"
    # a gross description that names the tumour's type in prose stays gross to its end
    text = "GROSS DESCRIPTION: Tumour type cannot be assessed grossly. A firm mass 2 cm; ER block A3."
    page = analyze_page("d1", Page(number=1, text=text, source="ocr"))
    assert page.section_at(text.index("ER block")) == "gross"


def test_gen15_results_reported_previously_are_the_prior_specimens():
    text = ("Biomarkers (on core biopsy C26-1123, reported previously): ER positive 100%, PR positive 90%, "
            "HER2 negative (IHC 0).")
    er = [f for f in findings(text) if f.path == "receptors.er.percent"]
    assert er and all(f.specimen == "prior" for f in er)


# round 16a: a run-on form's component after its scale, and a grid's chosen grade, end their sentence (the
# next label's "Not seen" negates neither); a "Type:" label after a run-on line end; OCR'd side words on
# OCR pages; a size after a grade's bracketed score; two tumours inline, their site bracket straight before
# the size.
@pytest.mark.parametrize("text,path,value,evidence,correction", [
    ("Grade: 1 2 3 -> ringed: 2. Mitoses (1-3): 1. Vascular invasion: Not seen.", "diagnosis.grade", 2,
     "Grade: 1 2 3 -> ringed: 2", None),
    ("Histologic grade: 2. Tubules (1-3): 3 Pleomorphism (1-3): 2 Mitoses (1-3): 1. Vascular invasion: Not seen.",
     "diagnosis.grade_mitoses", 1, "Mitoses (1-3): 1", None),
    ("Histologic grade: 2. Tubules (1-3): 3 Pleomorphism (1-3): 2 Mitoses (1-3): 1. Vascular invasion: Not seen.",
     "diagnosis.grade_tubules", 3, "Tubules (1-3): 3", None),
    ("Mitoses (1-3): 1. Vascular invasion: Not seen.", "diagnosis.lvi", "absent", "Vascular invasion: Not seen", None),
    ("INVASIVE CARCINOMA. Type: No special type (ductal NST). Grade: 2.", "diagnosis.histology", "invasive_ductal",
     "Type: No special type", None),
    ("Specimen weight (g): 36. Type: lobular, classic.", "diagnosis.histology", "invasive_lobular", "Type: lobular",
     None),
    ("RlGHT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, 1.2 CM.", "diagnosis.laterality", "right", "RlGHT BREAST",
     "RlGHT->RIGHT"),
    ("Laterality: LEFl\nInvasive ductal carcinoma.", "diagnosis.laterality", "left", "Laterality: LEFl", "LEFl->LEFT"),
    ("Invasive lobular carcinoma of the LEPT breast.", "diagnosis.laterality", "left", "LEPT breast", "LEPT->LEFT"),
    ("Invasive carcinoma in the R1GHT breast, 2 cm.", "diagnosis.laterality", "right", "R1GHT breast",
     "R1GHT->RIGHT"),
    # (the Dutch "grootste diameter" is a size label of its own since round 25: it alone is the evidence)
    ("Invasief carcinoom NST, Graad 2 (3+2+1)\n grootste diameter 18 mm.", "diagnosis.tumor_size_mm", 18.0,
     "grootste diameter 18 mm", None),
    ("Mamma rechts: invasief mucineus carcinoom, zuiver type. (>90% mucineus), graad 1 (2+1+1), 16 mm.",
     "diagnosis.tumor_size_mm", 16.0, "graad 1 (2+1+1), 16 mm", None),
    ("mixed invasive carcinoma of no special type and lobular type, grade 2. (3+2+1=6), 31 mm. Also LCIS.",
     "diagnosis.tumor_size_mm", 31.0, "grade 2. (3+2+1=6), 31 mm", None),
    ("Invasives Karzinom NST, Grad II (3+3+2=8), 2,2 cm.", "diagnosis.tumor_size_mm", 22.0,
     "Grad II (3+3+2=8), 2,2 cm", None),
    ("Invasive ductal carcinoma, two foci. Tumour 1 (2 o'clock) 0.6 cm grade 1 Tumour 2 (10 o'clock) 2.1 cm grade 2.",
     "diagnosis.tumor_size_mm", 21.0, "Tumour 2 (10 o'clock) 2.1 cm", None),
    ("Invasive ductal carcinoma, two foci. Tumour 1 (2 o'clock) 0.6 cm grade 1 Tumour 2 (10 o'clock) 2.1 cm grade 2.",
     "diagnosis.grade", 2, "grade 2", None),
])
def test_gen16_layouts_are_read_with_their_evidence(text, path, value, evidence, correction):
    assert_read_on_ocr_page(text, path, value, evidence, correction)


GEN16_DISTRACTOR_ROWS = [
    # OCR's side words are read on OCR pages only, and never inside a longer word
    ("RlGHT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, 1.2 CM.", "diagnosis.laterality", "text-layer"),
    ("Invasive lobular carcinoma of the LEPT breast.", "diagnosis.laterality", "text-layer"),
    ("LEPTIN BREAST STUDY: invasive carcinoma.", "diagnosis.laterality", "ocr"),
    # a mitotic count per area is no component score; a part label's letter is no run-on line end
    ("Nottingham grade: 2. Mitoses (1-3): 5 per 10 HPF.", "diagnosis.grade_mitoses", "ocr"),
    ("Part A. Type: ductal lavage.", "diagnosis.histology", "ocr"),
    # a distance after a grade's score is no tumour size
    ("Invasive carcinoma, grade 2 (3+2+1), 2 mm from the margin.", "diagnosis.tumor_size_mm", "ocr"),
]




# round 16a, reports from new sites: node counts beside the Dutch, Spanish and Turkish node words and
# after an "LN:" label; a whole size's invasive part in brackets; German and Turkish size labels, type
# names, receptor names and results ("%90 pozitif", "skor 0"); Turkish sides; a decimal comma never
# splits a size ("0,6 cm" is no 6 cm).
@pytest.mark.parametrize("text,path,value,evidence,source", [
    ("B. Schildwachtklier links: geen metastasen (0/2).", "lymph_nodes.examined", 2, "(0/2)", "text-layer"),
    ("GANGLIOS LINFÁTICOS AXILARES: METÁSTASIS EN 5 DE 14 (5/14); EL MAYOR DE 2.2 CM.", "lymph_nodes.positive", 5,
     "(5/14)", "ocr"),
    ("- Üç lenf nodunda metastaz izlenmedi (0/3).", "lymph_nodes.examined", 3, "(0/3)", "text-layer"),
    ("LN: 3/18 positive for metastatic deposits, largest deposit 1.2 cms, no ENE.", "lymph_nodes.positive", 3,
     "LN: 3/18", "ocr"),
    ("Sentinel LNs: 0/2, free.", "lymph_nodes.examined", 2, "Sentinel LNs: 0/2", "text-layer"),
    ("Tumour size: 2.2 cm (pathological) Nodes: 0/3 (sentinel) pT2 pN0(sn).", "lymph_nodes.examined", 3, "Nodes: 0/3",
     "ocr"),
    ("B. Schildwachtklier links: geïsoleerde tumorcellen in 1 van 3 klieren (0/3, pN0(i+)).", "lymph_nodes.examined",
     3, "(0/3,", "text-layer"),
    ("Invasive ductal carcinoma\n  Tumor size: 24 x 19 x 15 mm (invasive diameter 22 mm)\n", "diagnosis.tumor_size_mm",
     22.0, "invasive diameter 22 mm", "text-layer"),
    ("Invasive carcinoma of no special type\n  Size: 19 x 15 x 12 mm (invasive 17 mm)\n", "diagnosis.tumor_size_mm",
     17.0, "invasive 17 mm", "ocr"),
    ("Invasives Karzinom NST, G2, Tumordurchmesser histologisch 14 mm.", "diagnosis.tumor_size_mm", 14.0,
     "Tumordurchmesser histologisch 14 mm", "text-layer"),
    ("Invasives Karzinom NST. Tumorgröße: 2,1 cm.", "diagnosis.tumor_size_mm", 21.0, "Tumorgröße: 2,1 cm", "text-layer"),
    ("İnvaziv duktal karsinom. Tümör çapı: 2,3 cm (mikroskopik).", "diagnosis.tumor_size_mm", 23.0,
     "Tümör çapı: 2,3 cm", "text-layer"),
    ("Invasive lobular carcinoma, classic type, grade 2, max. diameter. 2.2 cm. Margins free.",
     "diagnosis.tumor_size_mm", 22.0, "carcinoma, classic type, grade 2, max. diameter. 2.2 cm", "ocr"),
    ("Invasive carcinoma, two foci: Tumor 2 (3 Uhr): 0,6 cm, G1.", "diagnosis.tumor_size_mm", 6.0,
     "Tumor 2 (3 Uhr): 0,6 cm", "ocr"),
    ("Mamma links: Invasives Karzinom vom nicht speziellen Typ (NST), G2.", "diagnosis.histology", "invasive_ductal",
     "Invasives Karzinom vom nicht speziellen Typ", "text-layer"),
    ("Invasiv-duktales Mammakarzinom, G3.", "diagnosis.histology", "invasive_ductal", "Invasiv-duktales Mammakarzinom",
     "text-layer"),
    ("Invasives lobuläres Karzinom, G2.", "diagnosis.histology", "invasive_lobular", "Invasives lobuläres Karzinom",
     "text-layer"),
    ("SAĞ MEME, LUMPEKTOMİ: İnvaziv duktal karsinom, Grade 2.", "diagnosis.histology", "invasive_ductal",
     "İnvaziv duktal karsinom", "text-layer"),
    ("Sol meme, lumpektomi: invaziv lobüler karsinom.", "diagnosis.histology", "invasive_lobular",
     "invaziv lobüler karsinom", "text-layer"),
    ("SAĞ MEME, LUMPEKTOMİ: İnvaziv duktal karsinom, Grade 2.", "diagnosis.laterality", "right", "SAĞ MEME",
     "text-layer"),
    ("Östrogenrezeptor: positiv, 95 % der Tumorzellkerne, starke Intensität (IRS 12)", "receptors.er.percent", 95.0,
     "Östrogenrezeptor: positiv, 95 %", "text-layer"),
    ("Progesteronrezeptor: positiv, 60 %, mittlere Intensität (IRS 8)", "receptors.pr.status", "positive",
     "Progesteronrezeptor: positiv", "text-layer"),
    ("ER: %90 pozitif (güçlü)", "receptors.er.percent", 90.0, "ER: %90", "text-layer"),
    ("ER: %9O pozitif (güçlü)", "receptors.er.percent", 90.0, "ER: %9O", "ocr"),
    ("PR: %70 pozitif (orta)", "receptors.pr.percent", 70.0, "PR: %70", "text-layer"),
    ("HER2: negatif (skor 0)", "receptors.her2.ihc_score", "0", "HER2: negatif (skor 0", "text-layer"),
    ("SOL MEME: İnvaziv lobüler karsinom.\n- Histolojik derece: 2 (Nottingham skoru 6).", "diagnosis.grade", 2,
     "Histolojik derece: 2", "text-layer"),
])
def test_gen16_new_sites_are_read_with_their_evidence(text, path, value, evidence, source):
    f = first_fact(text, path, source=source)
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text,path", [
    # a metastasis's size in Spanish, a date after "LN:", a fixative's percent, a grade's score in brackets
    ("Ganglio centinela: metástasis de carcinoma (macrometástasis de 4 mm) en 1 de 2 ganglios.",
     "diagnosis.tumor_size_mm"),
    ("LN: 12/03/2026 excision booked.", "lymph_nodes.examined"),
    ("Tissue fixed in %10 formalin; ER pending.", "receptors.er.percent"),
    ("Invasive carcinoma, Nottingham score (6/9), axillary clearance pending.", "lymph_nodes.examined"),
])
def test_gen16_new_site_distractors_yield_nothing(text, path):
    assert first_fact(text, path, source="ocr") is None


@pytest.mark.parametrize("text", [
    # the German "Z.n." (status post) and "Vorbefunde" (earlier findings) open a history; a run-on page's
    # reading view blanks the point after "Z.n"
    "Klinische Angaben: Mammakarzinom links. Z.n. brusterhaltender Therapie rechts 2015 (Mamma-Ca rechts, pT1b pN0, G1).",
    "Kommentar: Die Vorbefunde der rechten Mamma (2015: pT1b, G1) liegen vor.",
    "Zustand nach Mamma-Ca rechts 2015 (pT1b pN0, G1).",
])
def test_gen16_german_history_is_historical(text):
    page = analyze_page("d1", Page(number=1, text=text, source="text-layer"))
    at = text.index("pT1b")
    assert page.assertion(at, at + 4) == "historical"


def test_gen16_a_results_heading_naming_a_hyphenated_block_is_that_parts():
    text = ("A. Breast, right, partial mastectomy:\n   1. Invasive carcinoma of no special type\n"
            "C. Breast, left, partial mastectomy:\n   1. Ductal carcinoma in situ\n\n"
            "IMMUNOHISTOCHEMISTRY (right, A-3):\n   1) ER: positive (95%, strong)\n"
            "IMMUNOHISTOCHEMISTRY (left DCIS, C-2):\n   1) ER: negative (0%)\n")
    got = {(f.specimen, f.value) for f in findings(text) if f.path == "receptors.er.percent"}
    assert got == {("A", 95.0), ("C", 0.0)}


@pytest.mark.parametrize("text,path,value,evidence", [
    # a Korean report's nested items whose line breaks were lost: each "N) Label:" opens its own
    # sentence, so the next item's "not identified" negates neither the grade nor the size before it
    ("1. Invasive carcinoma of no special type 1) Histologic grade: 2 (tubule 3, nuclear 2, mitosis 1) 2) Tumor "
     "size: 2.4 x 2.0 x 1.6 cm 3) Lymphovascular invasion: not identified", "diagnosis.tumor_size_mm", 24.0,
     "Tumor size: 2.4 x 2.0 x 1.6 cm"),
    ("1. Invasive carcinoma of no special type 1) Histologic grade: 2 (tubule 3, nuclear 2, mitosis 1) 2) Tumor "
     "size: 2.4 x 2.0 x 1.6 cm 3) Lympho\nvascular invasion: not identified", "diagnosis.grade", 2,
     "Histologic grade: 2"),
    # the Japanese J-Score before the status it heads
    ("ER: J-Score 3b (positive), Allred score 8", "receptors.er.status", "positive", "ER: J-Score 3b (positive"),
    ("PgR: J-Score 3a (positive), Allred score 6", "receptors.pr.status", "positive", "PgR: J-Score 3a (positive"),
])
def test_gen16_nested_items_and_j_scores(text, path, value, evidence):
    f = first_fact(text, path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text,path,value", [
    # the item's own negation still holds; a J-Score gives no percent
    ("1) Histologic grade: 2 2) Lymphovascular invasion: not identified 3) Margins: free", "diagnosis.lvi", "absent"),
    ("ER: J-Score 3b (positive), Allred score 8", "receptors.er.percent", None),
])
def test_gen16_nested_item_guards(text, path, value):
    f = first_fact(text, path, source="ocr")
    assert (f.value if f else None) == value


# round 16a: a Korean bilateral report on a run-on page - "[2] Breast, left ..." after a line end opens the
# second part (its "1." and "2." items are the part's own list), and "IMMUNOHISTOCHEMISTRY (right,
# invasive):" heads the right part's results.
_KOREAN_BILATERAL = (
    "Report printed by the laboratory information system at the request of the treating clinic. " * 3
    + "[1] Breast, right, upper outer, breast-conserving surgery: 1. Invasive ductal carcinoma, NOS. 1) Histologic "
      "grade: 2/3. 2) Size of invasive carcinoma: 2.3 x 1.9 x 1.4 cm. 2. Metastatic carcinoma in 1 out of 3 "
      "sentinel lymph nodes. 3. pTNM (AJCC 8th): pT2 N1a(sn). [2] Breast, left, lower inner, breast-conserving "
      "surgery: 1. Ductal carcinoma in situ. 2. No metastatic carcinoma in 2 sentinel lymph nodes (0/2). 3. pTNM: "
      "pTis (DCIS) N0(sn). IMMUNOHISTOCHEMISTRY (right, invasive): ER positive (Allred 8), PR positive (Allred 7). "
      "IMMUNOHISTOCHEMISTRY (left, DCIS): ER positive (Allred 8), PR positive (Allred 6).")


def test_gen16_bracketed_parts_and_side_headed_results_on_a_run_on_page():
    got = {(f.path, f.value, f.laterality) for f in findings(_KOREAN_BILATERAL, "ocr")
           if f.path in ("stage.pathologic.t", "receptors.pr.allred")}
    assert {("stage.pathologic.t", "T2", "right"), ("stage.pathologic.t", "Tis", "left"),
            ("receptors.pr.allred", 7, "right"), ("receptors.pr.allred", 6, "left")} <= got


@pytest.mark.parametrize("heading", ["DIAGNÓSTICO HISTOPATOLÓGICO:", "Diagnóstico anatomopatológico:", "TANI:"])
def test_gen16_spanish_and_turkish_diagnosis_headings_end_the_gross_section(heading):
    text = f"Descripción macroscópica: pieza de 23 x 17 x 6 cm.\n{heading}\nMama derecha: carcinoma ductal infiltrante.\n"
    page = analyze_page("d1", Page(number=1, text=text, source="ocr"))
    assert page.section_at(text.index("carcinoma")) == "final_diagnosis"


# lead round 18 (reports in capitals, as many TCGA-style reports are): "THAN 1.0 CM" holds no N category
# (a letter before N only as a T category's suffix); the isolated tumour cells of "NO (I+)" are no HER2
# score, though OCR reads the I of a score as 1.
@pytest.mark.parametrize("text,path", [
    ("PRIMARY TUMOR (PT): PT1C: TUMOR MORE THAN 1.0 CM BUT NOT MORE THAN 2.0 CM IN GREATEST DIMENSION.",
     "stage.pathologic.n"),
    ("THE LESION CAN 2 BE SEEN. NO MORE THAN 1 FOCUS.", "stage.pathologic.n"),
    ("HER 2 NEU BY IHC: NEGATIVE (PREVIOUSLY PERFORMED ON. PATHOLOGIC STAGE: PT2 NO (I+).",
     "receptors.her2.ihc_score"),
    ("HER2/NEU: NEGATIVE. PATHOLOGIC STAGE: PT1C N0(I+)(SN).", "receptors.her2.ihc_score"),
    # a range of scores as OCR reads it is still a range, no score
    ("HER2. NEGATIVE (0 / I+). 5% OF INVASIVE TUMOR CELLS EXHIBIT COMPLETE MEMBRANOUS STAINING.",
     "receptors.her2.ihc_score"),
    ("HER2 (IHC): NEGATIVE (O - l+).", "receptors.her2.ihc_score"),
])
def test_lead18_capitals_give_no_category_or_score_from_other_words(text, path):
    assert first_fact(text, path, source="ocr") is None


@pytest.mark.parametrize("text,path,value,evidence", [
    ("REGIONAL LYMPH NODES (PN): PN2A: METASTASIS IN 4 TO 9 AXILLARY LYMPH NODES.", "stage.pathologic.n", "N2a",
     "PN2A"),
    ("PATHOLOGIC STAGE: YPT1MIN0.", "stage.pathologic.n", "N0", "N0"),  # after a T category's "mi"
    ("PATHOLOGIC STAGE: PTLCN1A.", "stage.pathologic.n", "N1a", "N1A"),
    ("HER2/NEU: NEGATIVE (SCORE I+).", "receptors.her2.ihc_score", "1+", "HER2/NEU: NEGATIVE (SCORE I+"),
    # OCR's letters for digits in capitals: a clone "SPI" (SP1) between label and result; the UICC
    # perineural "PNO" after "LI, VO" is no N category; a header row's value "I+" is 1+
    ("RESULTS: ER SPI POSITIVE 95 STRONG. PR 1E2 POSITIVE 60 STRONG.", "receptors.er.status", "positive",
     "ER SPI POSITIVE"),
    ("PATHOLOGICAL STAGE (UICC 8TH EDITION): PT2, PNIA (SN) (1/2), LI, VO, PNO, G3, RO.", "stage.pathologic.n", "N1a",
     "PNIA (SN)"),
    ("REPORT PRINTED BY THE LABORATORY INFORMATION SYSTEM AT THE REQUEST OF THE TREATING CLINIC. " * 4
     + "IMMUNOHISTOCHEMISTRY. ER PR HER2 KI-67. 90% 5% I+ 10%. ER IS POSITIVE.", "receptors.her2.ihc_score", "1+",
     "I+"),
    # a label's colon printed as a dash or an equals sign
    ("SYNOPTIC REPORT - BREAST HER-2 RESULTS. Block Number - D2. Interpretation - EQUIVOCAL. Intensity - 2+. % Tumor "
     "Staining - 30%.", "receptors.her2.ihc_score", "2+", "HER-2 RESULTS. Block Number - D2. Interpretation - "
     "EQUIVOCAL. Intensity - 2+"),
    ("REGIONAL LYMPH NODES (pN): pN2a. Number examined - 18. Number involved - 5.", "lymph_nodes.examined", 18,
     "Number examined - 18"),
    ("REGIONAL LYMPH NODES (pN): pN2a. Number examined - 18. Number involved - 5.", "lymph_nodes.positive", 5,
     "Number involved - 5"),
    ("Tissue Specimen Format: OCT. Type of Procurement: surgery Grade = 2. T Stage = 3 N Stage = 0.",
     "diagnosis.grade", 2, "Grade = 2"),
    ("Tissue Specimen Format: OCT. Type of Procurement: surgery Grade - 3. T Stage: 2 N Stage: 0.", "diagnosis.grade", 3,
     "Grade - 3"),
])
def test_lead18_capitals_still_give_their_categories_and_scores(text, path, value, evidence):
    f = first_fact(text, path, source="ocr")
    assert f is not None and (f.value, f.evidence[0].text) == (value, evidence)


def test_lead18_the_uicc_perineural_code_as_ocr_reads_it_is_no_n_category():
    got = [f.evidence[0].text for f in findings("PT2 N0 (0/3), LI, VO, PNO, RO.", "ocr")
           if f.path == "stage.pathologic.n" and f.is_fact]
    assert got == ["N0"]


@pytest.mark.parametrize("text", [
    "ER was positive and Her2-neu was negative.",
    "ER was positive and c-erbB-2 was negative.",
    "Hormone receptors are positive (100% staining for estrogen and progesterone receptors) and c-erbB2 by "
    "immunohistochemistry is negative (1+).",
])
def test_lead18_her2s_other_names_was_negative_is_its_own_value_not_a_negation_of_er(text):
    """HER2's "was negative" under another name (c-erbB-2, Her2-neu) states HER2's value; it does
    not negate the ER result before it (found by spelling the dev reports' HER2 as c-erbB2)."""
    f = first_fact(text, "receptors.er.status")
    assert f is not None and f.value == "positive"
    assert first_fact(text, "receptors.her2.status").value == "negative"


@pytest.mark.parametrize("text,path,value,evidence", [
    ("B. SENTINEL LYMPH NODE #2, LEFT AXILLA, EXCISION: TWO LYMPH NODES, NEG FOR METASTATIC CARCINOMA.",
     "lymph_nodes.examined", 2, "TWO LYMPH NODES, NEG"),
    ("A. LYMPH NODES, LEFT AXILLA: TWENTY THREE LYMPH NODES POS FOR METASTATIC CARCINOMA.", "lymph_nodes.positive",
     23, "TWENTY THREE LYMPH NODES POS"),
    ("HER2/NEU: WEAKLY POSITIVE BY IMMUNOHISTOCHEMISTRY (2+). NEG BY. FISH (HER2/CEP17 RATIO: 0.9).",
     "receptors.her2.ish_result", "not_amplified", "HER2/NEU: WEAKLY POSITIVE BY IMMUNOHISTOCHEMISTRY (2+). NEG BY. FISH"),
])
def test_lead18_pos_and_neg_shortened(text, path, value, evidence):
    """"POS" and "NEG" for positive and negative (found by shortening the dev reports' status words)."""
    f = first_fact(text, path, source="ocr")
    assert f is not None and (f.value, f.evidence[0].text) == (value, evidence)


# round 18a: a run-on page's result row on its own printed line after its label's ("% CELLS STAINING 80."); a
# bar-ruled row table whose lines were joined (its bars still mark the columns); a result-first table on a
# run-on page ("2+ HER2 (4B5) equivocal."), whose next row's "2+" is no intensity of the row before; a grade
# code's point ending its sentence ("G2. 24. Not identified."); "B" read for 8 in an OCR'd percent; reports
# from new sites: Portuguese size and score words, Norwegian type, side and receptor names, Quebec French
# progesterone and size labels, Vietnamese status words, a French grade's components ("noyaux"), a residual
# tumour's size after neoadjuvant therapy, and a scoring system's "criteria" named in a label's bracket.
_RUN_ON_PAD = "Report printed by the laboratory information system at the request of the treating clinic. " * 3


@pytest.mark.parametrize("text,path,value,evidence,source,correction", [
    ("ESTROGEN RECEPTOR POSITIVE >=1% NUCLEAR STAINING = POSITIVE. % CELLS STAINING 80. INTENSITY MODERATE-STRONG.",
     "receptors.er.percent", 80.0, "ESTROGEN RECEPTOR POSITIVE >=1% NUCLEAR STAINING = POSITIVE. % CELLS STAINING 80",
     "ocr", None),
    ("Progesterone receptor: positive.\n  Percent of cells staining: 25.\n", "receptors.pr.percent", 25.0,
     "Progesterone receptor: positive.\n  Percent of cells staining: 25", "text-layer", None),
    (_RUN_ON_PAD + "| Marker | Clone | Result | % cells | Intensity |. |---|---|---|---|---|. | ER | SP1 | Positive | 90 "
     "| Strong |. | PR | 1E2 | Positive | 15 | Moderate |.", "receptors.pr.percent", 15.0, "15", "ocr", None),
    (_RUN_ON_PAD + "IMMUNOHISTOCHEMISTRY (block A4). Result Marker Comment. ---------- ----------. Negative Estrogen "
     "receptor (ER) 0% of tumour nuclei. Negative Progesterone receptor (PR) 0% of tumour nuclei. 2+ HER2 (4B5) "
     "equivocal, reflexed to ISH. 30% Ki-67 (MIB-1). Internal positive control present.", "receptors.her2.ihc_score",
     "2+", "2+", "ocr", None),
    ("Tumour type: Grade (Elston-Ellis): Tumour size (mm): Lymphovascular invasion: Invasive carcinoma NST. G2. 24. "
     "Not identified. Resection margins: free.", "diagnosis.grade", 2, "G2", "ocr", None),
    ("RE : positifs, 9B % , intensite forte", "receptors.er.percent", 98.0, "RE : positifs, 9B %", "ocr", "9B->98"),
    ("Recepteurs d'oestrogenes (RE) ......... Positif   (B0 %, intensite forte)", "receptors.er.percent", 80.0,
     "Recepteurs d'oestrogenes (RE) ......... Positif   (B0 %", "ocr", "B0->80"),
    ("- Tamanho do tumor: 3,2 cm no maior eixo (microscopico).", "diagnosis.tumor_size_mm", 32.0,
     "Tamanho do tumor: 3,2 cm", "text-layer", None),
    ("HER2: escore 0 (negativo).", "receptors.her2.ihc_score", "0", "HER2: escore 0", "text-layer", None),
    ("HER2 (4B5, HercepTest criteria): 2+ (equivocal) - reflex ISH ordered.", "receptors.her2.ihc_score", "2+",
     "HER2 (4B5, HercepTest criteria): 2+", "text-layer", None),
    ("Venstre bryst, grovnalsbiopsi: Invasivt karsinom av ingen spesiell type (NST), histologisk grad 2.",
     "diagnosis.histology", "invasive_ductal", "Invasivt karsinom av ingen spesiell type", "text-layer", None),
    ("Venstre bryst, grovnalsbiopsi: Invasivt karsinom av ingen spesiell type (NST), histologisk grad 2.",
     "diagnosis.laterality", "left", "Venstre bryst", "text-layer", None),
    (" 0strogenreseptor (ER):       positiv, 1OO %, sterk farging", "receptors.er.percent", 100.0,
     "0strogenreseptor (ER):       positiv, 1OO %", "ocr", "1OO->100"),
    ("Progesteronreseptor (PgR): positiv, 70 %, moderat", "receptors.pr.status", "positive",
     "Progesteronreseptor (PgR): positiv", "text-layer", None),
    ("INVASIVE DUCTAL CARCINOMA (NST), NOTTINGHAM GRADE 3, RESIDUAL TUMOUR 4.5CM.", "diagnosis.tumor_size_mm", 45.0,
     "RESIDUAL TUMOUR 4.5CM", "ocr", None),
    ("Recepteurs de progesterone (RP) ....... Positif   (25 %, intensite moderee)", "receptors.pr.status", "positive",
     "Recepteurs de progesterone (RP) ....... Positif", "text-layer", None),
    ("Carcinome lobulaire infiltrant.\n   - Dimension de la tumeur infiltrante : 27 mm (correlation macroscopique).",
     "diagnosis.tumor_size_mm", 27.0, "Dimension de la tumeur infiltrante : 27 mm", "text-layer", None),
    ("ER: Dương tính 90%, PR: Âm tính (0%).", "receptors.pr.status", "negative", "PR: Âm tính", "text-layer", None),
    ("ER: Duong tinh (Positive) 7O%, cuong do trung binh", "receptors.er.status", "positive", "ER: Duong tinh", "ocr",
     None),
    ("Invasive breast carcinoma of no\nspecial type, grade 2 (Nottingham, 3+2+2=7).", "diagnosis.grade", 2,
     "grade 2", "text-layer", None),
    ("Carcinome infiltrant de type non spécifique (canalaire), grade histopronostique SBR modifié. (Elston-Ellis) 2 "
     "(tubules 3, noyaux 2, mitoses 2). Longueur maximale de carcinome : 11 mm.", "diagnosis.grade", 2,
     "tubules 3, noyaux 2, mitoses 2", "ocr", None),
    # a grid's two-digit value before "Not identified" is no list item ("24." with no "23." before it)
    (_RUN_ON_PAD + "SUMMARY. Tumour type: Grade (Elston-Ellis): Tumour size (mm): Lymphovascular invasion: Invasive "
     "carcinoma NST. G2. 24. Not identified. Resection margins: free.", "diagnosis.tumor_size_mm", 24.0, "24", "ocr",
     None),
    # a row label's abbreviation point is no printed line's end ("Progesterone Rec. Positive 15")
    (_RUN_ON_PAD + "Receptor Result % cells Intensity Allred. Estrogen Receptor Positive 90 3+ 8/8. Progesterone Rec. "
     "Positive 15 2+ 5/8. HER2 Negative -- 1+ --.", "receptors.pr.percent", 15.0, "Progesterone Rec. Positive 15", "ocr",
     None),
    # a run-on table of one specimen a row under "Specimen Date ER PR HER2 Ki-67": the current row's cells (a
    # percent-first cell keeps its status word), never the primary's
    (_RUN_ON_PAD + "Comparison of receptor results. Specimen Date ER PR HER2 Ki-67. Primary (left breast, 2018) 2018-05 "
     "95% pos 40% pos 1+ 10%. Pleural biopsy (current) 2026-11 80% pos 0% neg 0 25%. Comment: loss of PR.",
     "receptors.er.percent", 80.0, "80%", "ocr", None),
    (_RUN_ON_PAD + "Comparison of receptor results. Specimen Date ER PR HER2 Ki-67. Primary (left breast, 2018) 2018-05 "
     "95% pos 40% pos 1+ 10%. Pleural biopsy (current) 2026-11 80% pos 0% neg 0 25%. Comment: loss of PR.",
     "receptors.pr.percent", 0.0, "0%", "ocr", None),
    # full-width punctuation of a Chinese report; a Swedish size label with its bracket; a largest focus whose
    # line break the TCGA join closed with a point
    ("Immunohistochemistry: ER（+，约90%，强） PR（+，约30%，中等） HER-2（2+）", "receptors.er.percent", 90.0,
     "ER（+，约90%", "text-layer", None),
    ("Immunohistochemistry: ER（+，约90%，强） PR（+，约30%，中等） HER-2（2+）", "receptors.pr.status", "positive",
     "PR（+", "ocr", None),
    ("Invasiv cancer av ospecifik typ (NST), NHG 2. Tumörstorlek (invasiv): 16 mm. Ingen kärlinväxt.",
     "diagnosis.tumor_size_mm", 16.0, "Tumörstorlek (invasiv): 16 mm", "text-layer", None),
    ("- RESIDUAL INVASIVE DUCTAL CARCINOMA IN MULTIPLE SMALL FOCI, LARGEST. FOCUS 0.7 CM. RESIDUAL CELLULARITY 5%.",
     "diagnosis.tumor_size_mm", 7.0, "FOCI, LARGEST. FOCUS 0.7 CM", "ocr", None),
    # a Portuguese type name without its accent; a scan's "spec ial" (no negation of what follows)
    ("Mama direita: Carcinoma invasivo de tipo nao especial (ductal), grau histologico 2.", "diagnosis.histology",
     "invasive_ductal", "Carcinoma invasivo de tipo nao especial", "text-layer", None),
    ("A. Right breast, core biopsy: lnvasive carcinoma of no spec ial type, Nottingham grade 3 (tubules 3, nuclei 3, "
     "mitoses 3).", "diagnosis.histology", "invasive_ductal", "lnvasive carcinoma of no spec ial type", "ocr",
     "spec ial->special; lnvasive->invasive"),
    ("A. Right breast, core biopsy: lnvasive carcinoma of no spec ial type, Nottingham grade 3 (tubules 3, nuclei 3, "
     "mitoses 3).", "diagnosis.grade", 3, "Nottingham grade 3", "ocr", None),
    # an empty cell's "not done" negates the test before it, not the next column's result
    ("HER2 ISH not done ratio 2.4, HER2 5.1 signals/cell, AMPLIFIED.", "receptors.her2.ish_result", "amplified",
     "HER2 5.1 signals/cell, AMPLIFIED", "ocr", None),
])
def test_gen18_layouts_and_sites_are_read_with_their_evidence(text, path, value, evidence, source, correction):
    f = first_fact(text, path, source=source)
    assert f is not None and f.value == value
    assert (f.evidence[0].text, f.evidence[0].correction) == (evidence, correction)


GEN18_DISTRACTOR_ROWS = [
    # the next result-first row's "2+" is HER2's score, not the PR row's intensity
    (_RUN_ON_PAD + "Result Marker Comment. Negative Progesterone receptor (PR) 0% of tumour nuclei. 2+ HER2 (4B5) "
     "equivocal, reflexed to ISH.", "receptors.pr.intensity", "ocr"),
    # "B" for 8 only on OCR pages, and only beside a digit; a residual tumour's distance is no size
    ("RE : positifs, 9B %, intensite forte", "receptors.er.percent", "text-layer"),
    ("ER: positive, B %, strong", "receptors.er.percent", "ocr"),
    ("Invasive carcinoma. Residual tumour 2 mm from the deep margin.", "diagnosis.tumor_size_mm", "ocr"),
    # an English "dimension" is no French size label; Vietnamese words inside others are no status
    ("Invasive carcinoma. Dimension: see gross description 27 mm.", "diagnosis.tumor_size_mm", "text-layer"),
    ("ER: Amtinh 90% pending.", "receptors.er.status", "text-layer"),
    # a test not done is still no result
    ("HER2 FISH not done. Block exhausted.", "receptors.her2.ish_result", "ocr"),
]


@pytest.mark.parametrize("text,at", [
    # OCR'd headers with l or 1 read for i, and a run-on page's "CONCLUSION." end the gross section
    ("MACROSCOPIE\nTumorectomie de 62 x 48 mm.\nCONCLUSlON\nSein gauche : carcinome infiltrant.\n", "Sein gauche"),
    ("MACROSCOPIE\nTumorectomie de 62 x 48 mm.\nDlAGNOSTlCO:\nMama esquerda: carcinoma lobular invasivo.\n", "Mama"),
    (_RUN_ON_PAD + "MACROSCOPIE. Tumorectomie de 62 x 48 mm. CONCLUSION. Sein gauche : carcinome infiltrant.",
     "Sein gauche"),
])
def test_gen18_ocr_and_run_on_conclusion_headers_end_the_gross_section(text, at):
    page = analyze_page("d1", Page(number=1, text=text, source="ocr"))
    assert page.section_at(text.index(at)) not in ("gross", None)


@pytest.mark.parametrize("text,at,sentence", [
    # a two-digit number with no item before it ends its sentence at its point; a list's tenth item keeps its
    # number after a ninth
    ("Invasive carcinoma NST. G2. 24. Not identified. Margins free.", "24", "24."),
    ("9. Skin: uninvolved. 10. Lymph node: no tumour.", "10.", "10. Lymph node: no tumour."),
])
def test_gen18_a_grid_value_before_its_point_is_no_list_item(text, at, sentence):
    page = analyze_page("d1", Page(number=1, text=text, source="ocr"))
    s0, s1 = page.sentence_at(text.index(at))
    assert text[s0:s1] == sentence


_BILATERAL_CORES = (
    "DIAGNOSIS:\nA. Right breast, 11 o'clock, core biopsy: Invasive carcinoma of no special type, grade 3.\n"
    "B. Left breast, 4 o'clock, core biopsy: Ductal carcinoma in situ, high nuclear grade.\n"
    "Biomarkers (part A, invasive carcinoma):  ER: negative (0%) | PR: negative (0%) |\n"
    "HER2: 0 (no staining) | Ki-67: 85%\n"
    "Biomarkers (part B, DCIS):  ER: positive (60%, weak-moderate) | PR: not performed\n")


@pytest.mark.parametrize("path,value,specimen", [
    # "(part A, invasive carcinoma)" names the part its results are of; its row wraps at a bar onto the next line
    ("receptors.er.percent", 0.0, "A"),
    ("receptors.her2.ihc_score", "0", "A"),
    ("receptors.ki67_percent", 85.0, "A"),
])
def test_gen18_results_headed_by_a_part_and_what_they_are_of(path, value, specimen):
    got = [(f.value, f.specimen) for f in findings(_BILATERAL_CORES) if f.path == path and f.is_fact]
    assert (value, specimen) in got and all(s == specimen for v, s in got if v == value)


def test_lead18_a_percent_written_out_is_no_quoted_reference_text():
    """The reference-text check's window had cut "95 percen|t", so ">95" looked like a quoted
    threshold and the whole result was dropped (found by writing the dev reports' % as "percent")."""
    text = "ER: Positive expression in >95 percent of invasive tumor nuclei."
    assert first_fact(text, "receptors.er.status").value == "positive"
    assert first_fact(text, "receptors.er.percent").value == 95.0
    assert first_fact("ER/PR positive is defined as >1 percent of cells staining.", "receptors.er.status") is None


@pytest.mark.parametrize("text,value,evidence", [
    ("INVASIVE DUCTAL CARCINOMA, PRESENT AS THREE SEPARATE NODULES, RANGING IN SIZE FROM 1.0 CENTIMETERS UP TO. 3.7 "
     "CENTIMETERS.", 37.0, "RANGING IN SIZE FROM 1.0 CENTIMETERS UP TO. 3.7 CENTIMETERS"),
    ("Invasive ductal carcinoma measuring 2.3 centimeters x 1.9 centimeters x 1.2 centimeters.", 23.0,
     "carcinoma measuring 2.3 centimeters x 1.9 centimeters x 1.2 centimeters"),
])
def test_lead18_a_unit_spelt_out_between_dimensions(text, value, evidence):
    """"centimeters" between a list's or a measurement's numbers, as "cm" is read there."""
    f = first_fact(text, "diagnosis.tumor_size_mm", source="ocr")
    assert f is not None and (f.value, f.evidence[0].text) == (value, evidence)


def test_lead18_a_part_header_with_an_abbreviated_side():
    """"(Part A Lt. Breast)": the abbreviation's point does not end the part's site (found by writing the
    dev reports' Left and Right as Lt. and Rt.; a bilateral report's parts had merged)."""
    text = ("Breast Pathologic Parameters (Part A Lt. Breast). 1. Invasive carcinoma: A. Gross measurement: 1.9 X 1.5 X "
            "1.5 cm. 5. Axillary lymph nodes: Negative (0/15). Breast Pathologic Parameters (Part B Rt. Breast). 1. "
            "Invasive carcinoma: A. Microscopic measurement: 1.5 cm. 5. Axillary lymph nodes: Negative (0/16).")
    got = {(f.value, f.specimen, f.laterality) for f in findings(text, "ocr") if f.path == "lymph_nodes.examined"}
    assert got == {(15, "A", "left"), (16, "B", "right")}


def test_lead18_metastasis_involving_a_counted_node():
    """"METASTASIS INVOLVING 1 EXAMINED LYMPH NODE" as "METASTATIC CARCINOMA INVOLVING ..." (found by
    writing the dev reports' metastatic carcinoma as metastasis); "no metastasis in 3" stays negative."""
    f = first_fact("A. LYMPH NODES, LEFT AXILLA: METASTASIS INVOLVING 1 EXAMINED LYMPH NODE.", "lymph_nodes.positive")
    assert f is not None and (f.value, f.evidence[0].text) == (1, "METASTASIS INVOLVING 1 EXAMINED LYMPH NODE")
    assert first_fact("Sentinel node: no metastasis in 3 lymph nodes.", "lymph_nodes.positive").value == 0


# gen19: a node summary without "lymph"; a bracketed "x of y" after a node statement (never a slide, page or
# node-number counter); a receptor or ISH report's tested block named in its source line; a gross
# description's one lesion when nothing else gives a size.
GEN19_ROWS = [
    ("A. Left breast, mastectomy: Invasive ductal carcinoma.\nSUMMARY OF NODES: 3/26", "lymph_nodes.positive", 3,
     "SUMMARY OF NODES: 3/26", "text-layer"),
    ("A. Left breast, mastectomy: Invasive ductal carcinoma.\nSUMMARY OF NODES: 3/26", "lymph_nodes.examined", 26,
     "SUMMARY OF NODES: 3/26", "text-layer"),
    ("B. Left axillary contents: Metastatic carcinoma in axillary lymph nodes (13 of 15).", "lymph_nodes.positive",
     13, "(13 of 15)", "text-layer"),
    ("B. Axillary dissection: lymph nodes, negative for carcinoma (0 of 12).", "lymph_nodes.examined", 12,
     "(0 of 12)", "ocr"),
    ("HER2 FISH REPORT. Source case: PATH-26-1, block A2 (right breast, core biopsy). HER2/CEP17 ratio: 3.1. "
     "Result: AMPLIFIED.", "diagnosis.laterality", "right", "(right breast", "ocr"),
    ("GROSS DESCRIPTION:\nReceived fresh is a lumpectomy 8.0 x 6.0 x 4.0 cm. Sectioning reveals a firm, stellate, "
     "tan-white mass measuring 2.3 x 2.0 x 1.8 cm, 0.5 cm from the deep margin.\n\nFINAL DIAGNOSIS:\nLeft breast, "
     "lumpectomy: Invasive ductal carcinoma, grade 2.\n", "diagnosis.tumor_size_mm", 23.0,
     "mass measuring 2.3 x 2.0 x 1.8 cm", "text-layer"),
    ("Macroscopically: mammary gland 19x16x5 cm. In the upper inner quadrant a dense node of grey colour without "
     "clear borders 4.2x3.5x3.0 cm. In the axillary tissue 21 lymph nodes from 0.3 to 2.0 cm.\n\nMicroscopically: "
     "infiltrative lobular carcinoma, grade 2.", "diagnosis.tumor_size_mm", 42.0,
     "node of grey colour without clear borders 4.2x3.5x3.0 cm", "ocr"),
]


GEN19_DISTRACTOR_ROWS = [
    # a node's number among the sentinel nodes, a slide counter, a page counter
    ("B. Sentinel lymph node (1 of 3): see comment.", "lymph_nodes.examined", "text-layer"),
    ("Lymph nodes negative; reviewed on slides (3 of 5).", "lymph_nodes.examined", "text-layer"),
    ("Invasive carcinoma. Lymph nodes: see part B (page 1 of 2).", "lymph_nodes.examined", "ocr"),
    # an ISH report whose source line names both breasts; a benign report with a marker and a side
    ("HER2 FISH. Source: blocks A2 (right breast) and B1 (left breast). Ratio 1.2, not amplified.",
     "diagnosis.laterality", "text-layer"),
    ("Left breast, core biopsy: fibroadenoma. No carcinoma. Ki-67 not performed.", "diagnosis.laterality",
     "text-layer"),
    # a gross description of two lesions, a core biopsy's label, a mass's distance: no size
    ("GROSS DESCRIPTION:\nA firm mass 2.3 x 2.0 cm and a second nodule 0.8 x 0.6 cm.\nDIAGNOSIS: Invasive ductal "
     "carcinoma.\n", "diagnosis.tumor_size_mm", "text-layer"),
    ("GROSS DESCRIPTION:\nReceived in formalin labeled \"left breast mass\" are three tan cores, 1.5 x 0.1 cm.\n"
     "DIAGNOSIS: Invasive ductal carcinoma.\n", "diagnosis.tumor_size_mm", "text-layer"),
    ("GROSS DESCRIPTION:\nThe mass is located 2 cm from the nipple.\nDIAGNOSIS: Invasive ductal carcinoma.\n",
     "diagnosis.tumor_size_mm", "text-layer"),
    # a size outside the gross description wins; a lesion named outside it is not read by the gross rule
    ("DIAGNOSIS: Invasive ductal carcinoma. Clinical history: palpable mass 3 cm.", "diagnosis.tumor_size_mm",
     "text-layer"),
]


def test_gen19_a_restated_synoptic_block_does_not_add_its_nodes_again():
    """TCGA EW-A1P6: the amended synoptic block (2 macrometastases) and the "PREVIOUSLY ISSUED DIAGNOSIS"
    below it (1) count the same axilla; the first block's count stands, not 3."""
    block = ("Lymph Nodes: - Number of sentinel lymph nodes examined: 3. - Total number of lymph nodes examined "
             "(sentinel and Nonsentinel): 25. - Number of lymph nodes with macrometastases (>0.2 cm): {}. "
             "Extranodal Extension: - Present. ")
    text = "Tumor Summary: " + block.format(2) + "PREVIOUSLY ISSUED DIAGNOSIS: Tumor Summary: " + block.format(1)
    f = first_fact(text, "lymph_nodes.positive", source="ocr")
    assert f is not None and f.value == 2 and len(f.evidence) == 1
    # one block's macro and micro lines are still added
    one = ("Tumor Summary: Number of lymph nodes with macrometastases: 1. Number of lymph nodes with "
           "micrometastases: 2. ")
    assert first_fact(one, "lymph_nodes.positive", source="ocr").value == 3


def test_gen19_the_gross_size_gives_way_to_a_diagnosis_size():
    text = ("GROSS DESCRIPTION:\nSectioning reveals a firm mass measuring 3.0 x 2.0 x 1.8 cm.\n\nFINAL DIAGNOSIS:\n"
            "Invasive ductal carcinoma, grade 2, 2.6 cm in greatest dimension.\n")
    f = first_fact(text, "diagnosis.tumor_size_mm")
    assert f is not None and f.value == 26.0


# gen19 (new reports): "Progesterone Rec" without its point in a lab-system grid; a HER2 repeat labelled so in
# its own statement outranks the first reading, and what a revision "replaces" is not read; a bare copy count
# right after an ISH ratio; a largest focus after a decimal; a focus of invasion under a "DCIS with
# microinvasion" heading; a pTis beside an invasive pT.
GEN19_REPORT_ROWS = [
    ("Progesterone Rec (1E2)    POSITlVE      3O%, moderate      Positive", "receptors.pr.status", "positive",
     "Progesterone Rec (1E2)    POSITlVE", "ocr"),
    ("Progesterone Rec (1E2)    POSITIVE      30%, moderate", "receptors.pr.status", "positive",
     "Progesterone Rec (1E2)    POSITIVE", "text-layer"),
    ("HER2 IHC (4B5): 2+ equivocal; HER2 dual ISH: ratio 1.3, HER2 copies 3.6 -> negative.",
     "receptors.her2.ish_copy_number", 3.6,
     "HER2 IHC (4B5): 2+ equivocal; HER2 dual ISH: ratio 1.3, HER2 copies 3.6", "text-layer"),
    ("Residual invasive carcinoma of no special type, grade 3, multifocal in a 7.0 cm area of fibrosis; largest "
     "residual focus 2.8 cm.", "diagnosis.tumor_size_mm", 28.0,
     "multifocal in a 7.0 cm area of fibrosis; largest residual focus 2.8 cm", "ocr"),
    ("SYNOPTIC (DCIS with microinvasion)\n Size of largest focus of invasion: 0.8 mm\n Number of foci: 2\n",
     "diagnosis.tumor_size_mm", 0.8, "largest focus of invasion: 0.8 mm", "ocr"),
]


GEN19_REPORT_DISTRACTOR_ROWS = [
    # a DCIS's extent wrapped onto the next line is still no tumour size; a copy count without a ratio before it
    ("Ductal carcinoma in situ, high grade, spanning\n  4.0 cm.", "diagnosis.tumor_size_mm", "text-layer"),
    ("HER2 copies 3.6 were seen in a control.", "receptors.her2.ish_copy_number", "text-layer"),
    # "Rec" is the receptor only before a value: "Progesterone recommended" is no label
    ("Progesterone recommended for 5 years; positive response.", "receptors.pr.status", "text-layer"),
]



# gen20: a results line whose accession and date read like a specimen-column header; "carcinoma of the breast,
# <type> type"; a fixation or ischaemia time ("< 1 h") is no guideline cut-off; "pTNM: 2 1a X"; a control's
# score after the tumour's; "on block 1C" between a label and its value; a carcinoma "in scar tissue" and its
# size label after a comma.
_UK_HISTOLOGY = ("MACROSCOPIC DESCRIPTION: Mastectomy 890 g. Axillary clearance containing 21 lymph nodes. HISTOLOGY: "
                 "Invasive lobular carcinoma, grade 2. Axilla: metastatic carcinoma in 4 of 21 lymph nodes. SUMMARY: pT3 pN2a.")
GEN20_ROWS = [
    ("Receptors (pre-treatment core MH26-S-1988, 05/2026): ER negative (0%),\nPR negative (0%), HER2 1+ (negative).\n",
     "receptors.her2.status", "negative", "HER2 1+ (negative", "ocr"),
    ("Receptors (pre-treatment core MH26-S-1988, 05/2026): ER negative (0%),\nPR negative (0%), HER2 1+ (negative).\n",
     "receptors.pr.status", "negative", "PR negative", "ocr"),
    ("DIAGNOSIS: Invasive carcinoma of the breast, tubulolobular type, grade 1.", "diagnosis.histology",
     "invasive_lobular", "Invasive carcinoma of the breast, tubulolobular type", "text-layer"),
    ("INFILTRATING CARCINOMA OF THE BREAST, TUBULOLOBULAR TYPE, 1.4 CM.", "diagnosis.histology", "invasive_lobular",
     "INFILTRATING CARCINOMA OF THE BREAST, TUBULOLOBULAR TYPE", "ocr"),
    ("Invasive carcinoma of left breast, lobular type.", "diagnosis.histology", "invasive_lobular",
     "Invasive carcinoma of left breast, lobular type", "text-layer"),
    ("Invasive carcinoma of the breast, ductal type.", "diagnosis.histology", "invasive_ductal",
     "Invasive carcinoma of the breast, ductal type", "text-layer"),
    ("Invasive carcinoma of the breast, tubular type.", "diagnosis.histology", "tubular",
     "Invasive carcinoma of the breast, tubular type", "text-layer"),
    ("Invasive carcinoma of the right breast, mucinous type.", "diagnosis.histology", "mucinous",
     "Invasive carcinoma of the right breast, mucinous type", "text-layer"),
    ("BIOMARKERS (block A3, fixation 6-72 h, cold ischemia < 1 h): Estrogen receptor (SP1): POSITIVE, 95%, strong.",
     "receptors.er.status", "positive", "Estrogen receptor (SP1): POSITIVE", "ocr"),
    ("Studies (cold ischaemia time < 1 hour): PR: negative (0%).", "receptors.pr.status", "negative", "PR: negative",
     "text-layer"),
    ("Pathological staging (pTNM, AJCC 8th ed.): pTNM: 2 1a X", "stage.pathologic.t", "T2", "pTNM: 2", "text-layer"),
    ("Pathological staging (pTNM, AJCC 8th ed.): pTNM: 2 1a X", "stage.pathologic.n", "N1a", "1a", "text-layer"),
    ("PTNM: 1C 0 X.", "stage.pathologic.t", "T1c", "PTNM: 1C", "ocr"),
    ("TNM: 2/0/0", "stage.pathologic.m", "M0", "0", "text-layer"),
    ("HER2/NEU IMMUNOHISTOCHEMISTRY: NEGATIVE, SCORE 1+. EXTERNAL CONTROL (HER2 3+ CELL LINE): APPROPRIATE STAINING.",
     "receptors.her2.ihc_score", "1+", "HER2/NEU IMMUNOHISTOCHEMISTRY: NEGATIVE, SCORE 1+", "ocr"),
    ("HER2 immunohistochemistry on block 1C (clone 4B5): Score 0 (no staining).", "receptors.her2.ihc_score", "0",
     "HER2 immunohistochemistry on block 1C (clone 4B5): Score 0", "text-layer"),
    ("ER on block A3: positive, 90%", "receptors.er.status", "positive", "ER on block A3: positive", "text-layer"),
    ("1. Recurrent invasive carcinoma of no special type (NST) of the left breast in scar tissue,\n"
     "   tumour diameter 12 mm, grade 2.", "diagnosis.tumor_size_mm", 12.0, "tumour diameter 12 mm", "text-layer"),
    # HER2 ISH results: "gene amplification:" and a probe kit before the value; the probe ratio label after
    # HER2 names the method; an IHC statement after the ISH result on its line; "AMPLlFIED" on an OCR page
    ("HER-2/neu gene amplification: NOT AMPLIFIED (HER2/CEP17 ratio 1.1; mean HER2 copies 2.3)",
     "receptors.her2.ish_result", "not_amplified", "HER-2/neu gene amplification: NOT AMPLIFIED", "text-layer"),
    ("PathVysion HER-2 DNA probe kit: AMPLIFIED, ratio 3.4", "receptors.her2.ish_result", "amplified",
     "HER-2 DNA probe kit: AMPLIFIED", "text-layer"),
    ("Dual-ISH (HER2/CEP17): ratio 2.9, amplified", "receptors.her2.ish_result", "amplified",
     "HER2/CEP17): ratio 2.9, amplified", "text-layer"),
    ("HER2 by SISH: Ratio 1.6 (not amplified); HER2 IHC was 2+.", "receptors.her2.ish_result", "not_amplified",
     "HER2 by SISH: Ratio 1.6 (not amplified", "text-layer"),
    ("HER2/NEU BY FISH: NOT AMPLlFIED. RATIO: 1.3.", "receptors.her2.ish_result", "not_amplified",
     "HER2/NEU BY FISH: NOT AMPLlFIED", "ocr"),
    ("HER2/NEU BY FISH: AMPLlFIED. RATIO: 3.3.", "receptors.her2.ish_result", "amplified",
     "HER2/NEU BY FISH: AMPLlFIED", "ocr"),
    # "amplification: not detected" stays an ISH result (no status word read after a filler "amplification")
    ("HER2 amplification: not detected", "receptors.her2.ish_result", "not_amplified",
     "HER2 amplification: not detected", "text-layer"),
    # the c that ends "Pathologic" is no clinical prefix; a dash between blanks for a label's colon
    ("Invasive carcinoma. Pathologic TNM: T2 N1 Mx (AJCC 7)", "stage.pathologic.t", "T2", "T2", "text-layer"),
    ("Invasive carcinoma. Pathological staging: T - 2, N - 1a, M - X", "stage.pathologic.n", "N1a", "N - 1a",
     "text-layer"),
    # a UK report's "HISTOLOGY:" ends its macroscopic description: its results are read
    (_UK_HISTOLOGY, "stage.pathologic.n", "N2a", "pN2a", "ocr"),
    (_UK_HISTOLOGY, "lymph_nodes.positive", 4, "4 of 21 lymph nodes", "ocr"),
]


GEN20_DISTRACTOR_ROWS = [
    # a control tissue's score is not the tumour's, in the label's details or with the label inside its bracket
    ("HER2 negative. Appropriate on-slide control (3+) seen.", "receptors.her2.ihc_score", "text-layer"),
    ("EXTERNAL CONTROL (HER2 3+ CELL LINE): APPROPRIATE MEMBRANOUS STAINING.", "receptors.her2.ihc_score", "ocr"),
    # numbers that only look like a "TNM:" string; a scar's own size; a decimal's tail after a letter
    ("TNM: 12 3", "stage.pathologic.t", "text-layer"),
    ("TNM: 2.5 cm", "stage.pathologic.t", "text-layer"),
    ("Biopsy site scar measuring 12 mm.", "diagnosis.tumor_size_mm", "text-layer"),
    ("INVASIVE DUCTAL CARCINOMA MEASURING L.8 CM IN GREATEST DIMENSION.", "diagnosis.tumor_size_mm", "ocr"),
    # an untyped carcinoma of the breast stays untyped
    ("Invasive carcinoma of the breast, type to follow.", "diagnosis.histology", "text-layer"),
    # the OCR reading of "amplified" only on OCR pages
    ("HER2/NEU BY FISH: NOT AMPLlFIED.", "receptors.her2.ish_result", "text-layer"),
]


# gen21: an ISH result written before the HER2 label; a grade labelled with the tumour it is of; an OCR'd
# receptor table with its intensity column before the percent; a UK dataset heading and its "Invasive grade:"
# end a macroscopic description.
GEN21_ROWS = [
    # lead: a synoptic total's label wrapped before its colon on a printed (scanned) page is one label, not
    # an OCR'd grid's column beside the label before it
    ("Extracapsular extension: absent. Axillary lymph nodes (from parts B-G) : Total number\nwith metastasis : 2. "
     "Total number examined: 7. Size of largest metastatic focus: 0.7 cm.", "lymph_nodes.positive", 2,
     "Total number\nwith metastasis : 2", "ocr"),
    ("Lymph Nodes. Number of sentinel lymph nodes examined: 13. Total number of\nlymph nodes examined (sentinel and "
     "nonsentinel): 21. Number of lymph nodes with macrometastases (>0.2 cm) 0.", "lymph_nodes.examined", 21,
     "Total number of\nlymph nodes examined (sentinel and nonsentinel): 21", "ocr"),
    ("CISH: no amplification of HER2.", "receptors.her2.ish_result", "not_amplified", "no amplification of HER2", "ocr"),
    ("SISH shows no amplification of the HER2 gene (ratio 1.3).", "receptors.her2.ish_result", "not_amplified",
     "no amplification of the HER2", "text-layer"),
    ("FISH: no evidence of HER2 gene amplification.", "receptors.her2.ish_result", "not_amplified",
     "no evidence of HER2 gene amplification", "text-layer"),
    ("DUAL ISH: AMPLIFICATION OF HER2 GENE IS PRESENT, RATIO 5.2.", "receptors.her2.ish_result", "amplified",
     "AMPLIFICATION OF HER2 GENE IS PRESENT", "ocr"),
    ("INVASIVE DUCTAL CARCINOMA. MBR GRADE: 7/9 (INTERMEDIATE).", "diagnosis.grade", 2, "MBR GRADE: 7/9", "ocr"),
    ("Invasive ductal carcinoma. Modified Bloom-Richardson grade: 5/9.", "diagnosis.grade", 1,
     "Modified Bloom-Richardson grade: 5/9", "text-layer"),
    ("SISH showed no HER2 gene amplification (ratio 1.4).", "receptors.her2.ish_result", "not_amplified",
     "no HER2 gene amplification", "text-layer"),
    ("No HER2 amplification was seen by FISH.", "receptors.her2.ish_result", "not_amplified", "No HER2 amplification",
     "text-layer"),
    ("FISH demonstrates HER2 amplification (ratio 4.1).", "receptors.her2.ish_result", "amplified",
     "demonstrates HER2 amplification", "text-layer"),
    ("HER2 gene amplification status: not amplified.", "receptors.her2.ish_result", "not_amplified",
     "HER2 gene amplification status: not amplified", "text-layer"),
    ("Invasive ductal carcinoma.\nGrade (residual): 2", "diagnosis.grade", 2, "Grade (residual): 2", "text-layer"),
    ("INVASIVE DUCTAL CARCINOMA. GRADE (INVASIVE): 3.", "diagnosis.grade", 3, "GRADE (INVASIVE): 3", "ocr"),
    ("Marker Result Intensity Percent Allred\nER Positive Strong 95 8\nPR Positive Moderate 40 6\n",
     "receptors.er.percent", 95.0, "ER Positive Strong 95", "ocr"),
    ("SPECIMEN: RIGHT BREAST, MASTECTOMY. DIAGNOSIS: INVASIVE CARCINOMA OF NO SPECIAL TYPE, GRADE 2, 34 MM. "
     "SENTINEL NODES 2/2. RECEPTOR STUDIES (BLOCK A5):. Marker Result Intensity Percent Allred. ER Positive Strong 95 "
     "8. PR Positive Moderate 40 6. HER2 (IHC) Negative 1+ - -. Ki67 - - 18 -. Summary: R breast carcinoma.",
     "receptors.pr.percent", 40.0, "PR Positive Moderate 40", "ocr"),
    ("HORMONE RECEPTORS (block A4):\nMarker Intensity Percent Allred\nER Strong 90 8\nPR Weak 5 3\n",
     "receptors.pr.percent", 5.0, "PR Weak 5", "ocr"),
    ("SPECIMEN: RIGHT BREAST HOOKWIRE EXCISION. DIAGNOSIS: INVASIVE PLEOMORPHIC LOBULAR CARCINOMA, GRADE 3, 30MM. "
     "SENTINEL NODES: MICROMETASTASIS IN 1 OF 6 NODES. HORMONE RECEPTORS (block A4): Marker Intensity Percent Allred. "
     "ER Strong 90 8. PR Weak 5 3. HER2 (SISH): not amplified, HER2/CEP17 ratio 1.2. pT2 pN1mi(sn).",
     "receptors.er.percent", 90.0, "ER Strong 90", "ocr"),
    ("MACROSCOPY: Left WLE 52g, tumour 17mm. BREAST SCREENING DATASET (two columns). Side: Left Oestrogen receptor: "
     "Positive. Invasive type: Ductal NST.", "receptors.er.status", "positive", "Oestrogen receptor: Positive", "ocr"),
    ("MACROSCOPY: Left WLE 52g, tumour 17mm. Invasive grade: 3 Progesterone receptor: Positive.",
     "receptors.pr.status", "positive", "Progesterone receptor: Positive", "ocr"),
    # "positivity" after the label; a percent row's words "% positive cells"
    ("ER positivity: 95%, strong intensity", "receptors.er.percent", 95.0, "ER positivity: 95%", "text-layer"),
    ("Estrogen receptor (ER): Positive; % positive cells: 95; intensity: strong", "receptors.er.percent", 95.0,
     "Estrogen receptor (ER): Positive; % positive cells: 95", "text-layer"),
    # a heading before a receptor label is no grid's first column (one value after the label)
    ("HORMONE RECEPTORS (BLOCK A4): ESTROGEN RECEPTOR: POSITIVE, 85% OF TUMOR NUCLEI, STRONG. PROGESTERONE RECEPTOR: "
     "POSITIVE, 30%, MODERATE.", "receptors.er.status", "positive", "ESTROGEN RECEPTOR: POSITIVE", "ocr"),
    ("Hormone receptors / Recepteurs hormonaux (block A1): ER: Negative (0%). PR: Negative (0%).", "receptors.er.percent",
     0.0, "ER: Negative (0%", "ocr"),
    # mixed ductal and lobular carcinoma named as one word, by its patterns or components, or in brackets
    ("Invasive ductolobular carcinoma, 2.2 cm.", "diagnosis.histology", "mixed_ductal_lobular",
     "Invasive ductolobular carcinoma", "ocr"),
    ("Infiltrating carcinoma with mixed ductal and lobular patterns, 1.8 cm.", "diagnosis.histology",
     "mixed_ductal_lobular", "Infiltrating carcinoma with mixed ductal and lobular patterns", "text-layer"),
    ("Invasive carcinoma with ductal and lobular components.", "diagnosis.histology", "mixed_ductal_lobular",
     "Invasive carcinoma with ductal and lobular components", "text-layer"),
    ("INVASIVE CARCINOMA (DUCTAL AND LOBULAR TYPES), 3.0 CM.", "diagnosis.histology", "mixed_ductal_lobular",
     "INVASIVE CARCINOMA (DUCTAL AND LOBULAR TYPES)", "ocr"),
    # "spanning" before a carcinoma's size; the invasive component's size before the whole size with DCIS
    ("Invasive lobular carcinoma spanning 4.5 cm (multiple slides).", "diagnosis.tumor_size_mm", 45.0,
     "carcinoma spanning 4.5 cm", "text-layer"),
    ("Invasive ductal carcinoma. Invasive component: 15 mm; with DCIS: 22 mm.", "diagnosis.tumor_size_mm", 15.0,
     "Invasive component: 15 mm", "text-layer"),
    # the microscopic size after a gross size written in three dimensions
    ("INVASIVE DUCTAL CARCINOMA. TUMOR SIZE: 2.3 X 2.0 X 1.8 CM (GROSS); 2.1 CM (MICROSCOPIC).", "diagnosis.tumor_size_mm",
     21.0, "2.1 CM (MICROSCOPIC)", "ocr"),
    # an H-score with its breakdown by intensity gives the status; no percent of the breakdown is the ER percent
    ("ESTROGEN RECEPTOR (SP1): H-SCORE 240 (STRONG 70%, MODERATE 20%). PROGESTERONE RECEPTOR (1E2): H-SCORE 0.",
     "receptors.er.status", "positive", "ESTROGEN RECEPTOR (SP1): H-SCORE 240", "ocr"),
]


GEN21_DISTRACTOR_ROWS = [
    # a control's ISH result; a hypothetical one; a grade of the in-situ disease in brackets
    ("Control tissue: no amplification of HER2.", "receptors.her2.ish_result", "text-layer"),
    ("If FISH shows no amplification of HER2, trastuzumab is not indicated.", "receptors.her2.ish_result", "text-layer"),
    ("FISH to assess amplification of HER2 is pending.", "receptors.her2.ish_result", "text-layer"),
    ("Grade (DCIS): 2", "diagnosis.grade", "text-layer"),
    ("FISH was performed to assess HER2 amplification.", "receptors.her2.ish_result", "text-layer"),
    ("Invasive ductal carcinoma. Invasive component: 80% of tumour.", "diagnosis.tumor_size_mm", "text-layer"),
    ("The control shows HER2 amplification as expected.", "receptors.her2.ish_result", "text-layer"),
    ("If FISH shows HER2 amplification, trastuzumab is indicated.", "receptors.her2.ish_result", "text-layer"),
    ("ESTROGEN RECEPTOR (SP1): H-SCORE 240 (STRONG 70%, MODERATE 20%). PROGESTERONE RECEPTOR (1E2): H-SCORE 0.",
     "receptors.er.percent", "ocr"),
    # a one-word hyperplasia is no carcinoma
    ("DUCTOLOBULAR HYPERPLASIA.", "diagnosis.histology", "ocr"),
    # a heading's fraction that is not all of its printed line
    ("Invasive ductal carcinoma. LYMPH NODES. 1/2 POSITIVE FOR ISOLATED TUMOR CELLS BY IHC ONLY AT LEVEL 3 OF BLOCK B1 "
     "AND THUS COUNTED AS NEGATIVE IN THIS PART OF THE REPORT WHICH IS LONG ENOUGH TO BE A RUN-ON PAGE OF OCR TEXT FROM A "
     "SCANNED FAX THAT CARRIES MORE WORDS AFTER THE FRACTION ON ITS LINE.", "lymph_nodes.examined", "ocr"),
    # a bare total of blocks, or without a node word before it; a grid's other column's size
    ("Margins: clear.\nTotal examined: 6 blocks", "lymph_nodes.examined", "text-layer"),
    ("Blocks:\nTotal examined: 6", "lymph_nodes.examined", "text-layer"),
    ("Tumor size:                Lymph nodes examined:\n27 mm                      4\n", "lymph_nodes.examined",
     "text-layer"),
    ("Tumor size:                Lymph nodes examined:\n27 mm                      4\n", "lymph_nodes.examined", "ocr"),
    ("Tumor size: Lymph nodes examined: 27 mm 4.", "lymph_nodes.examined", "ocr"),
    # a run-on page's grid: the second label of "label: label: value value" never takes the first column's value
    ("TUMOR SUMMARY. ER: PR: Negative (0%) Positive (40%). HER2: Laterality: 3+ Right.", "receptors.pr.status", "ocr"),
    ("TUMOR SUMMARY. ER: PR: Negative (0%) Positive (40%). HER2: Laterality: 3+ Right.", "receptors.er.status", "ocr"),
    ("ESTROGEN RECEPTOR: HER2: POSITIVE (95%) NEGATIVE (1+).", "receptors.her2.status", "ocr"),
    ("Invasive ductal carcinoma. Histologic grade: Lymph nodes positive: 3 2. Lymph nodes examined: Tumor size: 14 "
     "27 mm.", "lymph_nodes.positive", "ocr"),
]


@pytest.mark.parametrize("text,positive,examined,evidence", [
    # a total after a node label's colon; sentinel and non-sentinel counts with the part after the fraction
    ("Axillary nodes: total 11, positive 1.", 1, 11, "Axillary nodes: total 11, positive 1"),
    ("Lymph nodes: total 14; involved 2.", 2, 14, "Lymph nodes: total 14; involved 2"),
    ("The sentinel nodes are free of tumour (0/3 SLN) and one clearance node holds a metastasis (1/8 non-SLN).",
     1, 11, "0/3 SLN"),
    ("Nodes: 0/3 SLN, 1/8 non-SLN.", 1, 11, "0/3 SLN"),
    ("Axillary nodes:                    0/3 (isolated tumour cells in 1)", 0, 3, "Axillary nodes:                    0/3"),

    # a sentinel line is no total where a non-sentinel or dissection count follows it; node #1 and node #2 are two
    ("Sentinel lymph nodes: 1/2. Non-sentinel axillary nodes: 2/13.", 3, 15, "Sentinel lymph nodes: 1/2"),
    ("Sentinel lymph nodes: 1/2\nNon-sentinel lymph nodes: 2/13", 3, 15, "Sentinel lymph nodes: 1/2"),
    ("Sentinel lymph nodes: 1/2. Axillary dissection: 2/13.", 3, 15, "Sentinel lymph nodes: 1/2"),
    ("Non-sentinel lymph nodes: 2/13. Sentinel lymph nodes: 1/2.", 3, 15, "Non-sentinel lymph nodes: 2/13"),
    ("Sentinel lymph node #1: metastatic carcinoma (1/1). Sentinel lymph node #2: negative (0/1).", 1, 2, "(1/1)"),
    ("Sentinel lymph node #1: metastatic carcinoma (1/1).\nSentinel lymph node #2: negative (0/1).", 1, 2, "(1/1)"),
    # a sentinel line alone is still its page's count
    ("Sentinel lymph nodes: 0/3", 0, 3, "lymph nodes: 0/3"),
    ("Lymph nodes: negative (0/2) sentinel lymph nodes.", 0, 2, "Lymph nodes: negative (0/2)"),

    # a total's breakdown that names a micrometastasis before its ITC node keeps the micrometastasis positive
    ("SENTINEL NODE 1 - MICROMETASTASIS 1.5MM (1/1). SENTINEL NODE 2 - NO TUMOUR (0/1). TOTAL 1/2 (MICROMETASTASIS 1, "
     "ITC 1).", 1, 2, "TOTAL 1/2"),
])
def test_gen20_node_totals_and_parts(text, positive, examined, evidence):
    text = "Invasive ductal carcinoma.\n" + text + "\n"
    pos, ex = first_fact(text, "lymph_nodes.positive"), first_fact(text, "lymph_nodes.examined")
    assert (pos.value, ex.value, pos.evidence[0].text) == (positive, examined, evidence)


def test_gen20_a_results_heading_naming_its_part_heads_the_lines_under_it():
    # "(PART A, RIGHT BREAST):" after part C's diagnosis: the results under it are part A's, not the left breast's
    text = ("A. RIGHT BREAST, SEGMENTAL MASTECTOMY:\n   INFILTRATING DUCTAL CARCINOMA, 2.3 CM.\n"
            "C. LEFT BREAST, EXCISIONAL BIOPSY:\n   FIBROADENOMA.\n\n"
            "PROGNOSTIC MARKERS (PART A, RIGHT BREAST):\nESTROGEN RECEPTOR: NEGATIVE (<1%)\n")
    f = first_fact(text, "receptors.er.status")
    assert (f.value, f.specimen, f.laterality) == ("negative", "A", "right")


def test_gen19_a_repeat_outranks_the_superseded_reading_and_a_replaced_value_is_not_read():
    text = ("ORIGINAL BIOMARKER RESULTS (10/28/2026) - SUPERSEDED:\n ER: Positive, 40%, moderate\n HER2 IHC: 1+ "
            "(negative)\n\nADDENDUM / AMENDMENT (11/19/2026):\n HER2 IHC (4B5), repeat: 2+ (EQUIVOCAL), complete "
            "weak-to-moderate membrane staining.\n HER2 FISH: Ratio: 2.6. Interpretation: AMPLIFIED.\nREVISED HER2 "
            "STATUS: POSITIVE. This result replaces the HER2 result reported on 10/28/2026 (IHC 1+).\n")
    scores = [f for f in findings(text, "ocr") if f.path == "receptors.her2.ihc_score"]
    assert (scores[0].value, scores[0].evidence[0].text) == ("2+", "HER2 IHC (4B5), repeat: 2+")
    assert all("replaces" not in f.evidence[0].text for f in scores)


def test_gen19_an_in_situ_lesions_ptis_comes_after_the_invasive_tumours_pt():
    text = ("B. Left breast, retroareolar excision:\n   Encapsulated papillary carcinoma, 1.6 cm. Staged as carcinoma in "
            "situ (pTis) by current guidance.\nSUMMARY\n Stage (AJCC 8): pT1b pN0(sn)\n")
    f = first_fact(text, "stage.pathologic.t")
    assert f is not None and (f.value, f.evidence[0].text) == ("T1b", "pT1b")


def test_gen19_microscopically_heads_a_section_only_before_its_colon():
    """"Macroscopically:" / "Microscopically:" of a translated report head the gross and microscopic sections;
    "CONFIRMED MICROSCOPICALLY." ends a sentence and opens nothing (the synoptic node lines after it still count)."""
    text = ("FINAL PATHOLOGIC DIAGNOSIS:\nA. LEFT BREAST: INVASIVE DUCTAL CARCINOMA. TUMOR SIZE: 1.4 CM (GROSS), CONFIRMED "
            "MICROSCOPICALLY.\nSYNOPTIC SUMMARY:\n  LYMPH NODES: TOTAL SENTINEL NODES EXAMINED 4; NODES WITH "
            "MACROMETASTASES 0; NODES WITH MICROMETASTASES 1\n")
    f = first_fact(text, "lymph_nodes.positive", source="ocr")
    assert f is not None and f.value == 1
    page = analyze_page("d1", Page(number=1, text="Macroscopically: a node 2 cm.\nMicroscopically: carcinoma.\n",
                                   source="ocr"))
    assert [name for _, name in page.sections() if name] == ["gross", "microscopic"]


def test_gen19_a_largest_focus_after_a_run_on_line_end_before_a_number():
    text = ("RESIDUAL INVASIVE CARCINOMA OF NO SPECIAL TYPE, GRADE 3, MULTIFOCAL IN A. 7.0 CM AREA OF FIBROSIS; LARGEST "
            "RESIDUAL FOCUS 2.8 CM.")
    f = first_fact(text, "diagnosis.tumor_size_mm", source="ocr")
    assert f is not None and f.value == 28.0


# gen19 (second batch of reports): a one-breast synoptic block headed by its side alone, also on a run-on page;
# a consultation's quote of the outside diagnosis gives way to the consultant's; a HER2 stain "repeated on
# block A2" in its own statement is a revision.
_BILATERAL_BLOCKS = ("A. RIGHT BREAST, LUMPECTOMY:\n   Invasive ductal carcinoma, grade 3, 2.9 cm.\nD. LEFT AXILLARY SENTINEL "
                     "LYMPH NODE:\n   One lymph node, negative for carcinoma (0/1).\n\nSYNOPTIC - RIGHT\n  Size: 29 mm\n"
                     "  pT2 pN1a(sn)\nSYNOPTIC - LEFT\n  Size: 11 mm\n  pT1c pN0(sn)\n")


@pytest.mark.parametrize("text,source", [
    (_BILATERAL_BLOCKS, "text-layer"),
    (" ".join(ln if ln.endswith((".", ":")) else ln + "." for ln in (x.strip() for x in _BILATERAL_BLOCKS.splitlines())
              if ln), "ocr"),
])
def test_gen19_a_synoptic_block_headed_by_its_side_alone(text, source):
    got = {(f.value, f.laterality) for f in findings(text, source) if f.path == "stage.pathologic.t"}
    assert got == {("T2", "right"), ("T1c", "left")}


def test_gen19_the_outside_diagnosis_quoted_in_a_consultation_gives_way():
    text = ("OUTSIDE DIAGNOSIS:\n\"Right breast, lumpectomy: Invasive ductal carcinoma, grade 3, 2.2 cm.\"\n\nOUR "
            "DIAGNOSIS:\nRIGHT BREAST, LUMPECTOMY:\n - INVASIVE LOBULAR CARCINOMA, PLEOMORPHIC TYPE, NOTTINGHAM GRADE 2.\n")
    f = first_fact(text, "diagnosis.histology")
    assert f is not None and (f.value, f.evidence[0].text) == ("invasive_lobular", "INVASIVE LOBULAR CARCINOMA")
    page = analyze_page("d1", Page(number=1, text=text, source="text-layer"))
    assert page.section_at(text.index("Invasive ductal")) == "preoperative_diagnosis"


def test_gen19_a_stain_repeated_on_a_block_outranks_the_first_reading():
    text = ("HER2 (IHC): 3+ - POSITIVE. [see addendum]\n\nADDENDUM #1 - CORRECTED HER2 RESULT\nThe stain was repeated:\n"
            "  HER2 IHC (4B5), repeated on block A2: 2+ (equivocal), in ~20% of invasive cells.\n")
    f = first_fact(text, "receptors.her2.ihc_score")
    assert f is not None and (f.value, f.evidence[0].text) == ("2+", "HER2 IHC (4B5), repeated on block A2: 2+")


def test_gen19_the_size_the_stated_pt_matches_is_the_staged_size():
    """"0.6 cm in the excision" (a residual after the core biopsy) and "Tumor size: 14 mm (taken from the core
    biopsy)": the report's pT1c matches 14 mm, which comes first; the synoptic block's values are of the
    procedure its "Procedure:" line names."""
    text = ("B. Left breast, seed-localized lumpectomy:\n   - Residual invasive ductal carcinoma, grade 2, 0.6 cm in the "
            "excision.\n\nSYNOPTIC REPORT - BREAST\n  Procedure: Excision (lumpectomy)\n  Tumor size: 14 mm (taken from "
            "the core biopsy)\n  Pathologic stage (AJCC 8th): pT1c pN0(sn)\n")
    sizes = [f for f in findings(text) if f.path == "diagnosis.tumor_size_mm"]
    assert [(f.value, f.procedure) for f in sizes] == [(14.0, "resection"), (6.0, "resection")]
    # a pT1b would make the 6 mm the staged size
    t1b = text.replace("pT1c pN0(sn)", "pT1b pN0(sn)")
    assert [f.value for f in findings(t1b) if f.path == "diagnosis.tumor_size_mm"] == [6.0, 14.0]


@pytest.mark.parametrize("text,path,value,evidence", [
    # a lab system's component rows: the percent on a row of its own, labelled "Percent"
    ("Estrogen Receptor Result               Positive          (Abnormal)\nEstrogen Receptor Percent              95 %\n"
     "Estrogen Receptor Intensity            Strong\n", "receptors.er.percent", 95.0,
     "Estrogen Receptor Percent              95 %"),
    ("Progesterone Receptor Percentage: 12 %", "receptors.pr.percent", 12.0, "Progesterone Receptor Percentage: 12 %"),
])
def test_gen19_a_percent_row_of_a_lab_system_printout(text, path, value, evidence):
    f = first_fact(text, path)
    assert f is not None and (f.value, f.evidence[0].text) == (value, evidence)


def test_gen19_a_percent_label_before_a_score_is_no_filler():
    assert first_fact("HER2 percent of cells 3+: 5%", "receptors.her2.ihc_score") is None


@pytest.mark.parametrize("text,positive,examined,evidence", [
    # node summaries under other labels; a bracket that says what its nodes hold; a sentinel count "x of y positive"
    ("NODAL SUMMARY: 2/17", 2, 17, "NODAL SUMMARY: 2/17"),
    ("Lymph node summary: 2 of 17 positive", 2, 17, "Lymph node summary: 2 of 17 positive"),
    ("Nodes (positive/total): 2/17", 2, 17, "Nodes (positive/total): 2/17"),
    ("Positive nodes / nodes examined: 2/17", 2, 17, "Positive nodes / nodes examined: 2/17"),
    ("Axillary node status: 2 of 17 involved", 2, 17, "Axillary node status: 2 of 17 involved"),
    ("Sentinel nodes (2 of 3 positive)", 2, 3, "(2 of 3 positive)"),
    ("Sentinel nodes, negative (3 of 3 negative)", 0, 3, "(3 of 3 negative)"),
    ("SLN 1 of 2 positive; non-SLN 1 of 15 positive", 2, 17, "SLN 1 of 2 positive"),
])
def test_gen19_node_summaries_and_counts_with_their_polarity(text, positive, examined, evidence):
    text = "Invasive ductal carcinoma.\n" + text + "\n"
    pos, ex = first_fact(text, "lymph_nodes.positive"), first_fact(text, "lymph_nodes.examined")
    assert (pos.value, ex.value, pos.evidence[0].text) == (positive, examined, evidence)


@pytest.mark.parametrize("text", ["Cores (2 of 3 positive)", "Slides reviewed (2 of 3 positive for tumor)",
                                  "SLN 2 of 3 removed, negative", "SLNB 12/03/2025"])
def test_gen19_counts_of_other_things_are_no_node_counts(text):
    assert first_fact("Invasive ductal carcinoma.\n" + text + "\n", "lymph_nodes.positive") is None


@pytest.mark.parametrize("text,evidence", [
    # a synoptic size label that names the invasive focus in brackets or after a comma
    ("Invasive ductal carcinoma.\nTumor Extent (invasive): 17 mm", "Tumor Extent (invasive): 17 mm"),
    ("Invasive ductal carcinoma.\nInvasive tumor, greatest dimension: 1.7 cm", "Invasive tumor, greatest dimension: 1.7 cm"),
    ("Invasive ductal carcinoma.\nSize (largest invasive focus): 17 mm", "Size (largest invasive focus): 17 mm"),
])
def test_gen19_invasive_size_labels(text, evidence):
    f = first_fact(text, "diagnosis.tumor_size_mm")
    assert f is not None and (f.value, f.evidence[0].text) == (17.0, evidence)


@pytest.mark.parametrize("text,value,evidence", [
    # the size of a microinvasion right after it; a DCIS's own extent stays no tumour size
    ("DCIS with microinvasion (0.5 mm)", 0.5, "DCIS with microinvasion (0.5 mm"),
    ("Microinvasive carcinoma: 0.8 mm", 0.8, "Microinvasive carcinoma: 0.8 mm"),
    ("DCIS with microinvasion; DCIS extent 35 mm", None, None),
    ("DCIS, 25 mm, no microinvasion seen.", None, None),
])
def test_gen19_a_microinvasions_size(text, value, evidence):
    f = first_fact(text, "diagnosis.tumor_size_mm", source="ocr")
    assert (f and (f.value, f.evidence[0].text)) == ((value, evidence) if value else None)



@pytest.mark.parametrize("text,positive,examined,pos_evidence,ex_evidence,source", [
    # a heading without its colon over its value line, the fraction alone (also joined as a run-on page's lines;
    # "0/3" alone on its line is no page counter)
    ("FINAL DIAGNOSIS\nLEFT BREAST, LUMPECTOMY\nLYMPH NODES\n0/3\nESTROGEN RECEPTOR\nPOSITIVE", 0, 3,
     "LYMPH NODES\n0/3", "LYMPH NODES\n0/3", "ocr"),
    ("FINAL DIAGNOSIS. LEFT BREAST, LUMPECTOMY. INVASIVE DUCTAL CARCINOMA. TUMOR SIZE. 1.9 CM. AXILLARY LYMPH NODES. "
     "2/14. ESTROGEN RECEPTOR. POSITIVE. 95%. PROGESTERONE RECEPTOR. NEGATIVE. HER2/NEU. 2+. FISH. NOT AMPLIFIED. "
     "PATHOLOGIC STAGE. PT1C PN1A.", 2, 14, "AXILLARY LYMPH NODES. 2/14", "AXILLARY LYMPH NODES. 2/14", "ocr"),
    # a node block's bare total lines under its heading, also in a run-on page's capitals
    # a run-on CAP block's heading before its label is no grid: "Regional Lymph Nodes: Number ... Examined: 14."
    ("Regional Lymph Nodes: Number of Lymph Nodes Examined: 14. Number of Lymph Nodes with Macrometastases: 2. "
     "pT2 pN1a.", 2, 14, "Number of Lymph Nodes with Macrometastases: 2", "Number of Lymph Nodes Examined: 14", "ocr"),
    ("LYMPH NODES:\nSentinel nodes: 2\nNon-sentinel nodes: 12\nTotal examined: 14\nTotal positive: 2", 2, 14,
     "Total positive: 2", "Total examined: 14", "text-layer"),
    ("AXILLARY LYMPH NODES. SENTINEL NODES: 2 (1 POSITIVE). NON-SENTINEL NODES: 12 (1 POSITIVE). TOTAL EXAMINED: 14. "
     "TOTAL POSITIVE: 2.", 2, 14, "TOTAL POSITIVE: 2", "TOTAL EXAMINED: 14", "ocr"),
    ("Lymph node status\nNumber of positive nodes: 2\nTotal number of nodes: 14", 2, 14,
     "Number of positive nodes: 2", "Total number of nodes: 14", "text-layer"),
    # a completion dissection's grand total with the earlier sentinel nodes (the count its pN stages)
    ("Conclusion:\n1. Right axillary clearance: metastatic carcinoma in one of fourteen lymph nodes (1/14).\n"
     "Combined with the previous sentinel nodes (2/3), 3 of 17 nodes are involved: pN1a (AJCC 8).", 3, 17,
     "Combined with the previous sentinel nodes (2/3), 3 of 17 nodes are involved",
     "Combined with the previous sentinel nodes (2/3), 3 of 17 nodes are involved", "text-layer"),
    # a bracketed count before a colon and its polarity; a total with its breakdown in brackets; "none involved"
    ("Sentinel lymph nodes (2): negative for metastatic carcinoma.", 0, 2,
     "lymph nodes (2): negative", "lymph nodes (2): negative", "text-layer"),
    ("LYMPH NODES: TOTAL 14 (2 SENTINEL, 12 AXILLARY); POSITIVE 3.", 3, 14,
     "LYMPH NODES: TOTAL 14 (2 SENTINEL, 12 AXILLARY); POSITIVE 3", "LYMPH NODES: TOTAL 14 (2 SENTINEL, 12 AXILLARY); POSITIVE 3",
     "ocr"),
    ("Lymph nodes: 14 examined, none involved.", 0, 14, "Lymph nodes: 14 examined, none involved",
     "Lymph nodes: 14 examined, none involved", "text-layer"),
    # an RCPath dataset's node line that says the nodes are present before its counts
    ("BREAST CANCER DATASET (RCPath)\nSide: Left\nAxillary nodes: present, total 2, positive 1", 1, 2,
     "Axillary nodes: present, total 2, positive 1", "Axillary nodes: present, total 2, positive 1", "text-layer"),
    # "x positive of y" before a full stop (not read as "2 positive" nodes)
    ("Side: Left. Axillary nodes: 2 positive of 14. Margins: clear.", 2, 14, "2 positive of 14", "2 positive of 14",
     "ocr"),
    # a second column's capitalised label after the first column's value on an OCR'd line
    ("Grade: 2 Nodes examined: 14\nMargins: clear Nodes positive: 2", 2, 14, "Nodes positive: 2",
     "Nodes examined: 14", "ocr"),
    # a grid's second-column label is no count of the first column's value
    ("Sentinel nodes examined: 3 Nodes with metastasis: 0\n\nDIAGNOSIS:\nB. SENTINEL LYMPH NODES, LEFT AXILLA: THREE "
     "LYMPH NODES NEGATIVE FOR CARCINOMA (0/3).", 0, 3, "Nodes with metastasis: 0", "(0/3)", "ocr"),
    # a synoptic summary, or a closing "Summary:", restates the parts' counts
    ("B. Sentinel lymph nodes: metastatic carcinoma in one of two lymph nodes (1/2).\nC. Non-sentinel nodes: six lymph "
     "nodes, negative for carcinoma (0/6).\n\nSYNOPTIC SUMMARY\nLymph nodes: sentinel 1/2 (micrometastasis), "
     "non-sentinel 0/6\n", 1, 8, "(1/2)", "(1/2)", "text-layer"),
])
def test_gen21_node_totals_and_restated_counts(text, positive, examined, pos_evidence, ex_evidence, source):
    text = "Invasive ductal carcinoma.\n" + text + "\n"
    pos, ex = first_fact(text, "lymph_nodes.positive", source), first_fact(text, "lymph_nodes.examined", source)
    assert (pos.value, ex.value, pos.evidence[0].text, ex.evidence[0].text) == (positive, examined, pos_evidence,
                                                                                ex_evidence)


def test_gen21_a_closing_summary_line_restates_the_parts_counts():
    # a run-on page's "Summary:" (its printed line's start) restates part B's count: two nodes, not four
    text = ("Specimens: A) Right mastectomy. B) Right sentinel node x 2. Microscopic and diagnosis: A) Invasive mammary "
            "carcinoma with mixed ductal and lobular features, grade 2, 34 mm. B) Sentinel nodes: metastatic carcinoma "
            "in both nodes (2/2), largest deposit 7 mm, with extranodal extension 1 mm. Receptor studies (block A5):. "
            "ER Positive. PR Positive. Summary: R breast mixed invasive ductal (NST) and lobular carcinoma, 34 mm, "
            "grade 2, sentinel. nodes 2/2 positive. pT2 pN1a(sn).")
    pos, ex = first_fact(text, "lymph_nodes.positive", "ocr"), first_fact(text, "lymph_nodes.examined", "ocr")
    assert (pos.value, ex.value) == (2, 2)


@pytest.mark.parametrize("text,path,value,evidence,correction", [
    # a side word with two letters swapped, as a typist's slip a fax scan keeps, on OCR pages
    ("SPECIMEN: A. RIGTH BREAST, LUMPECTOMY: INVASIVE MUCINOUS CARCINOMA, 2.1 CM.", "diagnosis.laterality", "right",
     "RIGTH BREAST", "RIGTH->RIGHT"),
    ("Specimen: rigth breast lumpectomy. Invasive ductal carcinoma.", "diagnosis.laterality", "right", "rigth breast",
     "rigth->right"),
])
def test_gen21_ocr_side_words_are_read_with_their_correction(text, path, value, evidence, correction):
    assert_read_on_ocr_page(text, path, value, evidence, correction)


@pytest.mark.parametrize("text,source", [("Specimen: rigth breast lumpectomy. Invasive ductal carcinoma.", "text-layer"),
                                         ("Invasive ductal carcinoma. Rigthousen clinic referral.", "ocr")])
def test_gen21_a_swapped_side_word_is_read_on_ocr_pages_only(text, source):
    assert first_fact(text, "diagnosis.laterality", source=source) is None


# gen22: the misses round 21 left: a side heading its diagnosis without the organ word; carcinomas "with
# medullary features" / "with neuroendocrine differentiation"; the registry order "adenocarcinoma of breast,
# ductal"; a "nil" node count; an ISH statement that amplification is absent.
GEN22_ROWS = [
    ("FINAL DIAGNOSIS:\nRight: invasive ductal carcinoma. Left: benign.", "diagnosis.laterality", "right", "Right",
     "text-layer"),
    ("FINAL DIAGNOSIS:\nRight: benign fibrocystic change. Left: invasive lobular carcinoma, grade 2.",
     "diagnosis.laterality", "left", "Left", "text-layer"),
    ("DIAGNOSIS. RIGHT: BENIGN BREAST TISSUE. LEFT: INVASIVE DUCTAL CARCINOMA, GRADE 3.", "diagnosis.laterality", "left",
     "LEFT", "ocr"),
    ("Bilateral cores:\n- Left side: invasive ductal carcinoma (NST), grade 2\n- Right side: no malignancy",
     "diagnosis.laterality", "left", "Left", "text-layer"),
    ("No atypia. DIAGNOSIS: Right: invasive ductal carcinoma, grade 2 (Nottingham 3+2+2 = 7). Left: benign (columnar "
     "cell change).", "diagnosis.laterality", "right", "Right", "ocr"),
    ("Invasive carcinoma with medullary features, grade 3.", "diagnosis.histology", "medullary",
     "carcinoma with medullary features", "text-layer"),
    ("CARCINOMA WITH MEDULLARY FEATURES, 2.4 CM.", "diagnosis.histology", "medullary", "CARCINOMA WITH MEDULLARY FEATURES",
     "ocr"),
    ("Invasive carcinoma with neuroendocrine differentiation, grade 2.", "diagnosis.histology", "other",
     "carcinoma with neuroendocrine differentiation", "text-layer"),
    ("Adenocarcinoma of breast, ductal, grade 2.", "diagnosis.histology", "invasive_ductal",
     "Adenocarcinoma of breast, ductal", "text-layer"),
    ("ADENOCARCINOMA OF THE LEFT BREAST, LOBULAR TYPE.", "diagnosis.histology", "invasive_lobular",
     "ADENOCARCINOMA OF THE LEFT BREAST, LOBULAR TYPE", "ocr"),
    ("Invasive ductal carcinoma.\nLymph nodes: nil/14", "lymph_nodes.positive", 0, "Lymph nodes: nil/14", "text-layer"),
    ("Invasive ductal carcinoma.\nLymph nodes: nil/14", "lymph_nodes.examined", 14, "Lymph nodes: nil/14", "text-layer"),
    ("Invasive ductal carcinoma. Axillary lymph nodes: none/9.", "lymph_nodes.positive", 0,
     "Axillary lymph nodes: none/9", "ocr"),
    ("FISH shows HER2 amplification is absent.", "receptors.her2.ish_result", "not_amplified",
     "HER2 amplification is absent", "text-layer"),
    ("HER2 (FISH): amplification absent, ratio 1.2.", "receptors.her2.ish_result", "not_amplified",
     "HER2 (FISH): amplification absent", "text-layer"),
]


GEN22_DISTRACTOR_ROWS = [
    # a side heading whose clause states no cancer; a side inside a sentence; an in-situ carcinoma
    ("Invasive ductal carcinoma of the breast.\nMargins: Right: no carcinoma seen.", "diagnosis.laterality",
     "text-layer"),
    ("FINAL DIAGNOSIS:\nRight: no evidence of malignancy. Left: benign.", "diagnosis.laterality", "text-layer"),
    ("FINAL DIAGNOSIS:\nRight: ductal carcinoma in situ, low grade.\nLeft: invasive carcinoma, see comment.",
     "diagnosis.histology", "text-layer"),
    # medullary features said to be absent name no type
    ("Medullary features are absent. Invasive carcinoma, type pending.", "diagnosis.histology", "text-layer"),
    ("Carcinoma of breast, ductal, in situ, high grade.", "diagnosis.histology", "text-layer"),
    # a "nil" that is no count of nodes; an amplification absent from a control
    ("Invasive ductal carcinoma. Lymphovascular invasion: nil.", "lymph_nodes.positive", "text-layer"),
    ("Control tissue: HER2 amplification is absent.", "receptors.her2.ish_result", "text-layer"),
    ("If FISH shows HER2 amplification is absent, trastuzumab is not indicated.", "receptors.her2.ish_result",
     "text-layer"),
]


def test_gen22_a_ductal_carcinoma_with_medullary_or_neuroendocrine_features_stays_ductal():
    for text in ("Invasive ductal carcinoma with medullary features, grade 3.",
                 "Invasive ductal carcinoma with neuroendocrine differentiation."):
        f = first_fact(text, "diagnosis.histology")
        assert (f.value, f.evidence[0].text) == ("invasive_ductal", "Invasive ductal carcinoma")


# gen22: what our OCR makes of worn scans of printed reports: a stray underscore after a receptor label, a
# table's leading bar read as J, a bar glued to its cell's percent; and what the scans showed of layouts: a
# "MICROSCOPIC EXAM/DIAGNOSIS" heading after the gross description, a "BREAST CANCER SYNOPTIC" block that
# restates the parts' node counts, a roman grade's score in brackets near a node statement.
GEN22_SCAN_ROWS = [
    ("IMMUNOHISTOCHEMISTRY (block A1):\nER positive 80% moderate-strong\nPR_ positive 25% moderate\n",
     "receptors.pr.status", "positive", "PR_ positive", "ocr"),
    ("IMMUNOHISTOCHEMISTRY (block A1):\nER positive 80% moderate-strong\nPR_ positive 25% moderate\n",
     "receptors.pr.percent", 25.0, "PR_ positive 25%", "ocr"),
    ("|Marker | Result | Proportion | Intensity |\nJER | Negative |0% | Nil | 0/8\n| PR | Negative | 0% | Nil |\n",
     "receptors.er.percent", 0.0, "JER | Negative |0%", "ocr"),
    ("Immunohistochemistry (specimen 1):\nEstrogen receptors \u2018Negative (0%)\nProgesterone receptors : negative (0%)\n",
     "receptors.er.percent", 0.0, "Estrogen receptors \u2018Negative (0%", "ocr"),
    ("GROSS DESCRIPTION:\n1. A 7.5 X 6.0 X 3.2 CM SEGMENT.\n\nMICROSCOPIC EXAM/DIAGNOSIS:\n1. LEFT BREAST, SEGMENTAL "
     "MASTECTOMY:\nINFILTRATING DUCTAL CARCINOMA, HISTOLOGIC GRADE II/III.\n", "diagnosis.histology", "invasive_ductal",
     "INFILTRATING DUCTAL CARCINOMA", "text-layer"),
    ("GROSS DESCRIPTION:\n1. A 7.5 X 6.0 X 3.2 CM SEGMENT.\n\nMICROSCOPIC EXAM/DIAGNOSIS:\n2. LEFT AXILLA, SENTINEL "
     "LYMPH NODE: ONE LYMPH NODE, NO TUMOR SEEN (0/1).\n", "lymph_nodes.examined", 1, "(0/1)", "text-layer"),
    ("B. LYMPH NODE, SENTINEL #1, EXCISION:\n- METASTATIC CARCINOMA IN ONE LYMPH NODE (1/1).\nC. LYMPH NODE, SENTINEL "
     "#2, EXCISION:\n- ONE LYMPH NODE, NEGATIVE FOR CARCINOMA (0/1).\n\nBREAST CANCER SYNOPTIC (CAP INVASIVE BREAST, "
     "RESECTION)\nHistologic type Invasive carcinoma of no special type (ductal)\nRegional lymph nodes 1 of 2 positive "
     "(macrometastasis)\n", "lymph_nodes.examined", 2, "Regional lymph nodes 1 of 2 positive", "ocr"),
    ("METASTATIC CARCINOMA IS PRESENT IN 6 OF 21 LYMPH NODES.\n\nDIAGNOSIS:\nRIGHT BREAST: INVASIVE CARCINOMA NST, "
     "GRADE III (9/9), 52 MM.\nAXILLA: METASTATIC CARCINOMA IN 6/21 LYMPH NODES.\n", "lymph_nodes.examined", 21,
     "6 OF 21 LYMPH NODES", "text-layer"),
    ("METASTATIC CARCINOMA IS PRESENT IN 6 OF 21 LYMPH NODES.\n\nDIAGNOSIS:\nRIGHT BREAST: INVASIVE CARCINOMA NST, "
     "GRADE Ill (9/9), 52 MM.\nAXILLA: METASTATIC CARCINOMA IN 6/21 LYMPH NODES.\n", "lymph_nodes.positive", 6,
     "6 OF 21 LYMPH NODES", "ocr"),
]


GEN22_SCAN_DISTRACTOR_ROWS = [
    # the OCR forms are not read on a text layer
    ("IMMUNOHISTOCHEMISTRY (block A1):\nPR_ positive 25% moderate\n", "receptors.pr.status", "text-layer"),
    ("|Marker | Result |\nJER | Negative | Nil |\n", "receptors.er.status", "text-layer"),
    # a "J" glued to a word that is no label
    ("JERSEY CITY MEDICAL CENTER\nInvasive ductal carcinoma.", "receptors.er.status", "ocr"),
]


# gen23: reports of hospitals our data had not seen (Germany/Austria, the Low Countries, Scandinavia, Spain and
# Latin America, Asia, the Gulf, Africa, New Zealand, US reference labs): the Spanish "RE"/"RP" glossed by their
# long names and "RE/RP"; an ISH block's "Resultado:" and a result word alone after the ratio; an Allred cell
# "PS 5 + IS 3 = 8"; Ki-67's average after its hot spot; a reference column's ">=1% positive" cut-off; a label inside
# a control tissue's bracket; a Spanish "Antecedente:" history; "0/3 WITH METASTASIS" closing a part; "metastatic
# carcinoma in 11/23"; a gross "Tumour 25 x 18 x 12 mm" opening its sentence; a bare ratio after the CEP17 signals;
# a copy number whose unit wraps below it; Ki-67's result line under its clone; a "largest diameter"; the part headers
# "RIGHT BREAST AND AXILLA, ...:" and "Mama esquerda, ...:"; the Latin "Mamma sin." (not the Spanish "sin", without);
# a Danish conclusion ("KONKLUSION / DIAGNOSIS") restating a part's node count; the Finnish "negatiivinen (1+)"; the
# Latin "Mamma dx."; Spanish part headers ("A. MAMA IZQUIERDA, ...:") with a "(bloque A3)" results heading; "free
# margins" after a size; the largest residual focus in a tumour bed (not the bed); the Portuguese "medindo 2,1 cm"; a
# numbered "2) Size:" item of a Korean report; the largest contiguous residual focus; a HER2 score written sign first
# ("+2"); the Portuguese mean copy number; "2 focos: 18 mm e 9 mm"; an ISH result after "if" (hypothetical).
GEN23_ROWS = [
    ('INMUNOHISTOQUÍMICA:\nRE (receptores de estrógeno): positivo, 90% de células, intensidad intensa.',
     'receptors.er.status', 'positive', 'RE (receptores de estrógeno): positivo', 'text-layer'),
    ('INMUNOHISTOQUÍMICA:\nRE (receptores de estrógeno): positivo, 90% de células, intensidad intensa.',
     'receptors.er.percent', 90.0, 'RE (receptores de estrógeno): positivo, 90%', 'text-layer'),
    ('RP (receptores de progesterona): positivo, 10%, intensidad débil (weak).', 'receptors.pr.percent', 10.0,
     'RP (receptores de progesterona): positivo, 10%', 'ocr'),
    ('Ki-67: 30%. RE/RP: negativos.', 'receptors.er.status', 'negative', 'RE/RP: negativos', 'text-layer'),
    ('Ki-67: 30%. RE/RP: negativos.', 'receptors.pr.status', 'negative', 'RE/RP: negativos', 'text-layer'),
    ('ADENDA - HER2 FISH (PathVysion):\n  HER2/CEP17 ratio 1.6; average HER2 copy number 3.2 signals per cell.\n  '
     'Resultado: NO AMPLIFICADO (not amplified).\n', 'receptors.her2.ish_result', 'not_amplified',
     'Resultado: NO AMPLIFICADO', 'text-layer'),
    ('| Marker | Clone | Percentage | Intensity | Allred (PS + IS) |\n| ER     | EP1   | 95 %       | strong    | PS '
     '5 + IS 3 = 8  |\n', 'receptors.er.allred', 8, 'ER     | EP1   | 95 %       | strong    | PS 5 + IS 3 = 8',
     'text-layer'),
    ('PR: 70 %, moderate, PS 4 + IS 2 = 6.', 'receptors.pr.allred', 6, 'PR: 70 %, moderate, PS 4 + IS 2 = 6', 'ocr'),
    ('Ki67  hot spot 32 %, global 21 %', 'receptors.ki67_percent', 21.0, 'Ki67  hot spot 32 %, global 21 %',
     'text-layer'),
    ('Ki67: average 30% (hot spot 45%).', 'receptors.ki67_percent', 30.0, 'Ki67: average 30%', 'ocr'),
    ('Test Name                         In Range   Out of Range   Reference/Cut-off\nESTROGEN RECEPTOR (SP1)         '
     '             POSITIVE       >=1% positive\n  % POSITIVE NUCLEI                          75 %\n',
     'receptors.er.percent', 75.0,
     'ESTROGEN RECEPTOR (SP1)                      POSITIVE       >=1% positive\n  % POSITIVE NUCLEI                 '
     '         75', 'text-layer'),
    ('METHODOLOGY: External control\ntissue (tonsil, breast carcinoma with known HER2 3+) stained appropriately.\n'
     'HER2 (4B5): 1+, negative.', 'receptors.her2.ihc_score', '1+', 'HER2 (4B5): 1+', 'text-layer'),
    ('DATOS CLÍNICOS: Nódulo en mama derecha, 2.0 cm.\nAntecedente: left breast carcinoma in 2015 treated with '
     'lumpectomy.\nDIAGNÓSTICO: carcinoma ductal infiltrante, grado 3.', 'diagnosis.laterality', 'right',
     'mama derecha', 'text-layer'),
    ('B. RIGHT AXILLA, SENTINEL LYMPH NODES (3):\n   - ISOLATED TUMOR CELLS IN ONE NODE (< 0.2 MM), TWO NODES '
     'NEGATIVE.\n   - pN0(i+)(sn) ; 0/3 WITH METASTASIS.\n', 'lymph_nodes.examined', 3, '0/3 WITH METASTASIS',
     'text-layer'),
    ('Axillary lymph nodes: metastatic carcinoma in 11/23 (level I 8/12, level II 3/8, level III 0/3).',
     'lymph_nodes.positive', 11, 'metastatic carcinoma in 11/23', 'text-layer'),
    ('Axillary lymph nodes: metastatic carcinoma in 11/23 (level I 8/12, level II 3/8, level III 0/3).',
     'lymph_nodes.examined', 23, 'metastatic carcinoma in 11/23', 'ocr'),
    ('Macroscopy: Resectate 80 x 55 x 30 mm. Tumour 25 x 18 x 12 mm, firm, greyish.\nMicroscopy: Invasive ductal '
     'carcinoma (NST), NHG 2.', 'diagnosis.tumor_size_mm', 25.0, 'Tumour 25 x 18 x 12 mm', 'text-layer'),
    ('FISH (HER2/CEP17, dual probe):\n  Average HER2 signals per nucleus 3.4, average CEP17 signals per nucleus 1.9, '
     'ratio 1.79.\n', 'receptors.her2.ish_ratio', 1.79, 'ratio 1.79', 'text-layer'),
    ('HER2 SISH on block A5:\n  Average HER2 copies 7.4 per cell; average CEP17 2.1; HER2/CEP17 ratio 3.5. '
     'AMPLIFIED.\n', 'receptors.her2.ish_result', 'amplified', 'AMPLIFIED', 'text-layer'),
    ('  HER2      CISH (ZytoLight)  HER2/CEP17 ratio 2.6; mean HER2 6.3\n                                copies/cell '
     '-> AMPLIFIED\n', 'receptors.her2.ish_copy_number', 6.3,
     'mean HER2 6.3\n                                copies/cell', 'text-layer'),
    ('HER2 CISH: HER2/CEP17 ratio 2.6; mean HER2 6.3. copies/cell. AMPLIFIED.', 'receptors.her2.ish_copy_number', 6.3,
     'mean HER2 6.3. copies/cell', 'ocr'),
    (' Ki-67 IHC, clone 30-9\n   Result: 40% (high)\n', 'receptors.ki67_percent', 40.0,
     'Ki-67 IHC, clone 30-9\n   Result: 40%', 'text-layer'),
    ('A  Right breast, mastectomy: invasive carcinoma of no special type (NST), grade 3 according to Elston-Ellis '
     '(3+3+3 = 9), largest diameter 34 mm, with central necrosis.', 'diagnosis.tumor_size_mm', 34.0,
     'carcinoma of no special type (NST), grade 3 according to Elston-Ellis (3+3+3 = 9), largest diameter 34 mm',
     'text-layer'),
    ('FINAL DIAGNOSIS:\nRIGHT BREAST AND AXILLA, MODIFIED RADICAL MASTECTOMY:\n - INVASIVE LOBULAR CARCINOMA, '
     'CLASSIC TYPE.\n\nCOMMENT: The left breast is clinically and radiologically clear.', 'diagnosis.laterality',
     'right', 'RIGHT BREAST', 'text-layer'),
    ('MATERIALE\n 1: Mamma sin., lumpectomi (breast, left, lumpectomy), orienteret med sutur\n\nMIKROSKOPI\n 1: '
     'Duktalt karcinom, invasive ductal carcinoma, malignancy grade 2.', 'diagnosis.laterality', 'left',
     'Mamma sin.', 'text-layer'),
    ('DADOS CLÍNICOS: Mama direita: cisto simples, BI-RADS 2.\nCONCLUSÃO\n  Mama esquerda, biópsia por agulha '
     'grossa:\n  CARCINOMA INVASIVO DE TIPO NÃO ESPECIAL, GRAU 3.', 'diagnosis.laterality', 'left', 'Mama esquerda',
     'text-layer'),
    ('MIKROSKOPI\n 1: Invasive ductal carcinoma, malignancy grade 2.\n 2: Lymph node without metastasis, also at '
     'three levels with cytokeratin (0/1).\n\nKONKLUSION / DIAGNOSIS\n Invasive ductal carcinoma, 18 mm. Sentinel '
     'node without metastasis (0/1).\n', 'lymph_nodes.examined', 1, '(0/1)', 'text-layer'),
    ('IMMUNOHISTOKEMIA (palat 1C)\n ER     90 %\n PR     10 %\n HER2   negatiivinen (1+), 4B5\n',
     'receptors.her2.ihc_score', '1+', 'HER2   negatiivinen (1+', 'text-layer'),
    ('IMMUNOHISTOKEMIA (palat 1C)\n ER     90 %\n PR     10 %\n HER2   negatiivinen (1+), 4B5\n',
     'receptors.her2.status', 'negative', 'HER2   negatiivinen', 'ocr'),
    ('NÄYTE / SPECIMEN\n 1. Mamma dx., resectio (sector resection), orientoitu\n\nMIKROSKOPIA JA LAUSUNTO\n 1. '
     'Invasive carcinoma of no special type, gradus 2, 16 mm.\n', 'diagnosis.laterality', 'right', 'Mamma dx.',
     'text-layer'),
    ('DIAGNÓSTICO\n A. MAMA IZQUIERDA, CUADRANTECTOMÍA:\n    - CARCINOMA DUCTAL INFILTRANTE, GRADO HISTOLÓGICO 1, '
     'TAMAÑO 1.2 CM.\n C. MAMA DERECHA, BIOPSIA ESCISIONAL: FIBROADENOMA, 2.1 cm.\n', 'diagnosis.laterality', 'left',
     'MAMA IZQUIERDA', 'text-layer'),
    ('DIAGNÓSTICO\n A. MAMA IZQUIERDA, CUADRANTECTOMÍA:\n    - CARCINOMA DUCTAL INFILTRANTE, GRADO HISTOLÓGICO 1, '
     'TAMAÑO 1.2 CM.\n C. MAMA DERECHA, BIOPSIA ESCISIONAL: FIBROADENOMA, 2.1 cm.\n\nINMUNOHISTOQUÍMICA (bloque A3)\n'
     ' RE: positivo, 95%, intensidad fuerte (Allred 8)\n', 'receptors.er.status', 'positive', 'RE: positivo',
     'text-layer'),
    ('Diagnosis: Right MRM: invasive duct carcinoma NOS grade II, 3.5 cm, free margins, 0/12 nodes.',
     'diagnosis.tumor_size_mm', 35.0, 'carcinoma NOS grade II, 3.5 cm', 'text-layer'),
    ('- Carcinoma ductal infiltrante residual (residual invasive ductal carcinoma), grado histológico 2 (3+2+1 = 6), '
     'en un lecho tumoral de 35 x 25 mm; the largest residual focus measures 4 mm.', 'diagnosis.tumor_size_mm', 4.0,
     'largest residual focus measures 4 mm', 'text-layer'),
    (' 1. Mama direita, segmentectomia:\n    - Carcinoma invasivo de tipo não especial (invasive carcinoma NST), '
     'grau histológico 2\n      (Nottingham 3+2+1 = 6), medindo 2,1 cm no maior eixo.\n', 'diagnosis.tumor_size_mm',
     21.0,
     'Carcinoma invasivo de tipo não especial (invasive carcinoma NST), grau histológico 2\n      (Nottingham 3+2+1 '
     '= 6), medindo 2,1 cm', 'text-layer'),
    ('Breast, left, total mastectomy:\n Invasive lobular carcinoma, classic type\n 1) Histologic grade: 2/3 (tubule '
     'formation 3, nuclear pleomorphism 2, mitotic count 1)\n 2) Size: 3.8 x 2.9 x 2.O cm\n',
     'diagnosis.tumor_size_mm', 38.0, 'Size: 3.8 x 2.9 x 2.O cm', 'ocr'),
    ('Breast, left, total mastectomy: Invasive lobular carcinoma, classic type. 1) Histologic grade: 2/3. 2) Size: '
     '3.8 x 2.9 x 2.0 cm. 3) Lymphovascular invasion: not identified.', 'diagnosis.tumor_size_mm', 38.0,
     'Size: 3.8 x 2.9 x 2.0 cm', 'ocr'),
    ('RIGHT BREAST, MODIFIED RADICAL MASTECTOMY (POST-NEOADJUVANT):\n - RESIDUAL INVASIVE DUCTAL CARCINOMA, '
     'NOTTINGHAM GRADE 2, LARGEST CONTIGUOUS FOCUS 24 MM,\n   WITHIN A TUMOR BED OF 50 X 40 MM.\n',
     'diagnosis.tumor_size_mm', 24.0, 'LARGEST CONTIGUOUS FOCUS 24 MM', 'text-layer'),
    ('Immunohistochemistry:\n ER  : Allred score 8 (PS 5, IS 3) - positive\n HER2: +2 (equivocal); ISH recommended\n',
     'receptors.her2.ihc_score', '2+', 'HER2: +2', 'text-layer'),
    ('Immunohistochemistry: ER: Allred score 8. HER2: +2 (equivocal); ISH recommended.', 'receptors.her2.status',
     'equivocal', 'HER2: +2 (equivocal', 'ocr'),
    ('SISH (Ventana): razão HER2/CEP17 2,6; número médio de cópias HER2 5,8 por célula: AMPLIFICADO',
     'receptors.her2.ish_copy_number', 5.8, 'número médio de cópias HER2 5,8', 'text-layer'),
    ('Mama esquerda, tumorectomia: carcinoma invasivo de tipo não especial (NST), multifocal (2 focos:\n   18 mm e 9 '
     'mm), grau histológico 2 (3+2+2 = 7).', 'diagnosis.tumor_size_mm', 18.0, 'focos:\n   18 mm e 9 mm', 'text-layer'),
]


GEN23_DISTRACTOR_ROWS = [
    # a control tissue's values inside its bracket
    ('METHODOLOGY: External control\ntissue (tonsil, breast carcinoma with known HER2 3+) stained appropriately.',
     'receptors.her2.ihc_score', 'text-layer'),
    ('Controls (ER positive breast tissue, HER2 3+ cell line) stained as expected.', 'receptors.her2.ihc_score',
     'text-layer'),
    # a reference column's cut-off; an H-score's breakdown by intensity
    ('ESTROGEN RECEPTOR (SP1)                      POSITIVE       >=1% positive\n', 'receptors.er.percent',
     'text-layer'),
    ('ER: Positive. H-score 240 (strong 70%, moderate 20%, weak 10%).', 'receptors.er.percent', 'text-layer'),
    # a ratio of no HER2 block; a distance from a margin; a date after a node word
    ('Invasive ductal carcinoma. Ratio 1.79 of the two diameters.', 'receptors.her2.ish_ratio', 'text-layer'),
    ('Invasive ductal carcinoma. Tumour 4 mm from the deep margin.', 'diagnosis.tumor_size_mm', 'text-layer'),
    ('Invasive ductal carcinoma. Lymph nodes: no metastases in 0/3 seen on imaging 11/23/2025.',
     'lymph_nodes.positive', 'text-layer'),
    # a Spanish RE with no value after it
    ('RE (ver comentario).', 'receptors.er.status', 'text-layer'),
    (' Ki-67 IHC, clone 30-9\n   Result: to follow in a separate report\n', 'receptors.ki67_percent', 'text-layer'),
    ('Mama derecha: sin evidencia de carcinoma.', 'diagnosis.laterality', 'text-layer'),
    # a tumour bed's measure; a Spanish breast "sin" (without) findings, no Latin side
    ('Invasive ductal carcinoma after neoadjuvant therapy: tumour bed of 35 x 25 mm with fibrosis.',
     'diagnosis.tumor_size_mm', 'text-layer'),
    ('Mama sin alteraciones. Carcinoma ductal infiltrante, grado 2.', 'diagnosis.laterality', 'text-layer'),
    # a numbered size item of a specimen, no carcinoma before it
    ('Gross: 1) Specimen: total mastectomy.\n 2) Size: 19 x 16 x 4 cm\n', 'diagnosis.tumor_size_mm', 'text-layer'),
    # a numbered size item under a carcinoma in situ
    ('C. Breast, left, partial mastectomy:\n   1. Ductal carcinoma in situ\n      1) Nuclear grade: high\n      2) '
     'Size: 2.4 cm\n', 'diagnosis.tumor_size_mm', 'text-layer'),
    # a sign before a score that is no HER2 label's; a score's sign after a digit that is a count
    ('ER +2 (Allred proportion score)', 'receptors.her2.ihc_score', 'text-layer'),
    ('HER2: +20 copies in 3 cells', 'receptors.her2.ihc_score', 'text-layer'),
    # an ISH result a conditional supposes
    ('HER2 ISH is recommended for the equivocal (+2) result; if amplified, the tumour would be considered '
     'HER2-positive.', 'receptors.her2.ish_result', 'text-layer'),
    ('HER2 ISH: if not amplified, the tumour is HER2-low.', 'receptors.her2.ish_result', 'text-layer'),
    # a control's bracket after a run-on join's point
    ('METHODOLOGY: SEMI-QUANTITATIVE IHC. EXTERNAL CONTROL. TISSUE (TONSIL, BREAST CARCINOMA WITH KNOWN HER2 3+) '
     'STAINED APPROPRIATELY.', 'receptors.her2.ihc_score', 'ocr'),
]


# gen23: German report sections ("Klinische Angaben:", "Mikroskopie:", "MAKROSKOPIE", "HISTOLOGIE",
# "Immunhistochemie:"): a side named in the clinical details, or the results after the last (lymph node) part, stay
# out of the diagnosis's part.
_GEN23_GERMAN_CLINICAL = ("Klinische Angaben: BI-RADS 5 lesion 18 mm left breast. Right breast: cyst, BI-RADS 2."
                          "\n\nMikroskopie: In all three cores infiltrates of an invasive carcinoma of no special "
                          "type.\n\nImmunhistochemie:\n  ER (SP1): 0 % (IRS 0) - negative\n\n"
                          "Diagnose:\nMamma links, Stanzbiopsien: invasive carcinoma NST, G3.\n")
_GEN23_GERMAN_PARTS = ("MATERIAL\n 1) Mamma rechts, Segmentresektion\n 2) Sentinel-Lymphknoten rechts axillär, "
                       "3 Stück\n\nMAKROSKOPIE\n 1) Segment 75 x 50 x 32 mm, a firm whitish nodule 12 x 10 x 9 mm."
                       "\n\nHISTOLOGIE\n 1) Invasive carcinoma NST, G1 (1+1+1), 12 mm.\n 2) Three lymph nodes free "
                       "of metastases (0/3).\n\nIMMUNHISTOCHEMIE (Herd 1)\n Östrogenrezeptor 100 % strong (IRS 12); "
                       "HER2/neu score 0 (4B5).\n")


_GEN23_GERMAN_BEURTEILUNG = ("Klinische Angaben: Mammakarzinom links, 2 Uhr.\n\nMakroskopie:\n1. Segmentresektat "
                             "7,5 x 5 x 3 cm. Tumor weißlich-derb, 1,5 x 1,2 x 1,0 cm.\n\nMikroskopie und "
                             "Beurteilung:\n1. Mamma links, Segmentresektion: Invasives Karzinom vom nicht speziellen "
                             "Typ (NST), G2.\n\nImmunhistochemie (Block 1C):\nÖstrogenrezeptor: positiv, 95 %\n"
                             "HER2: Score 1+, negativ\n")


@pytest.mark.parametrize("text,expected", [(_GEN23_GERMAN_CLINICAL, ("left", 0.0, None)),
                                           (_GEN23_GERMAN_PARTS, ("right", 100.0, "0")),
                                           (_GEN23_GERMAN_BEURTEILUNG, ("left", 95.0, "1+"))])
@pytest.mark.parametrize("run_on", [False, True])
def test_gen23_a_german_sections_keep_results_with_the_index_part(text, expected, run_on):
    from tests.report_forms import report_profile

    p = report_profile(text, run_on)
    assert (p.diagnosis.laterality, p.receptors.er.percent, p.receptors.her2.ihc_score) == expected
    assert p.diagnosis.histology == "invasive_ductal"


def test_gen23_a_an_h_score_with_one_intensity_keeps_its_percent_of_cells():
    for text, path, value in (("PR: Positive. H-score 110 (40% of cells, mostly moderate).", "receptors.pr.percent",
                               40.0),
                              ("Estrogen receptor: Positive, H-score 240 (strong intensity in 80% of nuclei)",
                               "receptors.er.percent", 80.0)):
        f = first_fact(text, path)
        assert f is not None and f.value == value


# Rounds 24a, 24b and 24c keep their tables beside their whole-report tests.
from tests.ocr_damage_rows import GEN24C_DISTRACTOR_ROWS, GEN24C_ROWS  # noqa: E402
from tests.test_extract_round24a import GEN24A_DISTRACTOR_ROWS, GEN24A_ROWS  # noqa: E402
from tests.test_extract_round24b import GEN24B_DISTRACTOR_ROWS, GEN24B_ROWS  # noqa: E402
from tests.test_extract_round25a import GEN25A_DISTRACTOR_ROWS, GEN25A_ROWS  # noqa: E402
from tests.test_extract_round25b import GEN25B_DISTRACTOR_ROWS, GEN25B_ROWS  # noqa: E402
from tests.test_extract_round25c import GEN25C_DISTRACTOR_ROWS, GEN25C_ROWS  # noqa: E402
from tests.test_extract_round25lead import LEAD25_DISTRACTOR_ROWS, LEAD25_ROWS  # noqa: E402
from tests.test_extract_round26lead import LEAD26_DISTRACTOR_ROWS, LEAD26_ROWS  # noqa: E402
from tests.test_extract_round27lead import LEAD27_DISTRACTOR_ROWS, LEAD27_ROWS  # noqa: E402


# Every round's phrasing rows (the tables above and imported) are read with their evidence.
@pytest.mark.parametrize("text,path,value,evidence,source", GEN19_ROWS + GEN19_REPORT_ROWS + GEN20_ROWS + GEN21_ROWS
                         + GEN22_ROWS + GEN22_SCAN_ROWS + GEN23_ROWS + GEN24A_ROWS + GEN24B_ROWS + GEN24C_ROWS
                         + GEN25A_ROWS + GEN25B_ROWS + GEN25C_ROWS + LEAD25_ROWS + LEAD26_ROWS + LEAD27_ROWS)
def test_round_phrasings_are_read_with_their_evidence(text, path, value, evidence, source):
    f = first_fact(text, path, source=source)
    assert f is not None and (f.value, f.evidence[0].text) == (value, evidence)


# Every round's distractor rows (the tables above) yield nothing.
@pytest.mark.parametrize("text,path,source", GEN16_DISTRACTOR_ROWS + GEN18_DISTRACTOR_ROWS + GEN19_DISTRACTOR_ROWS
                         + GEN19_REPORT_DISTRACTOR_ROWS + GEN20_DISTRACTOR_ROWS + GEN21_DISTRACTOR_ROWS
                         + GEN22_DISTRACTOR_ROWS + GEN22_SCAN_DISTRACTOR_ROWS + GEN23_DISTRACTOR_ROWS
                         + GEN24A_DISTRACTOR_ROWS + GEN24B_DISTRACTOR_ROWS + GEN24C_DISTRACTOR_ROWS
                         + GEN25A_DISTRACTOR_ROWS + GEN25B_DISTRACTOR_ROWS + GEN25C_DISTRACTOR_ROWS
                         + LEAD25_DISTRACTOR_ROWS + LEAD26_DISTRACTOR_ROWS + LEAD27_DISTRACTOR_ROWS)
def test_round_distractors_yield_nothing(text, path, source):
    assert first_fact(text, path, source=source) is None


def test_gen22_a_bar_glued_to_a_percent_outside_a_bar_ruled_table_is_still_a_1():
    f = first_fact("Estrogen receptor: positive, |0% of cells.", "receptors.er.percent", source="ocr")
    assert f is not None and f.value == 10.0
