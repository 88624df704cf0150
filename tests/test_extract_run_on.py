"""Run-on OCR text whose printed lines were joined with ". " (the TCGA conversion): the periods that
only mark a line end are blanked in the reading view (`extract.run_on`), so a phrase cut by one is
read whole; every other period, and every page with line breaks, is left as it is."""

from __future__ import annotations

import pytest

from extract.furniture import reading_view
from extract.run_on import is_run_on, without_join_periods
from tests.test_extract_pathology import findings, first_fact

#: A run-on page is long: the rows below are read after this neutral preamble (no header, no value).
PREAMBLE = "Report printed by the laboratory information system at the request of the treating clinic. " * 4


def run_on(text: str) -> str:
    return PREAMBLE + text


# (run-on text, the character before the period that must be blanked, or None: every period kept)
PERIOD_ROWS = [
    ("INVASIVE DUCTAL CARCINOMA WITH. THE FOLLOWING FEATURES.", "WITH"),
    ("SLIGHT OR. NO TUBULE FORMATION.", "OR"),
    ("Measuring 0.7 x 0.5. x 0.2 cm.", "0.5"),
    ("A firm,. tan tumor.", "firm,"),
    ("B3, grossly benign lymph node;. B4, fat.", "node;"),
    ("The tumor measures 2.5 cm in greatest. dimension.", "greatest"),
    ("Fibrofatty tissue of the. breast.", "the"),
    # text in capitals: a two-word term cut by a join
    ("SHOWED INVASIVE DUCTAL. CARCINOMA 14 MM.", "DUCTAL"),
    ("FOUR LYMPH. NODES WITH METASTASES.", "LYMPH"),
    ("HISTOLOGIC. GRADE 2.", "HISTOLOGIC"),
    ("CARCINOMA IN FIVE OF FOURTEEN. LYMPH NODES (5/14).", "FOURTEEN"),
    ("CARCINOMA DUCTAL INFILTRANTE, GRADO HISTOLOGICO. 3 DE NOTTINGHAM.", "HISTOLOGICO"),
    # round 16a: lower case in any script ("patrón. clásico" of a Spanish report)
    ("Mama izquierda: carcinoma lobulillar infiltrante, patrón. clásico, de 3,4 cm.", "patrón"),
    ("INVASIVE CARCINOMA. NST, GRADE 3.", "CARCINOMA"),
    # round 17a: a French grade's system cut from its qualifier
    ("CARCINOME LOBULAIRE INFILTRANT, GRADE SBR. MODIFIE (ELSTON-ELLIS) 2.", "SBR"),
    # lead round 18: a quadrant's words and a side before its axillary nodes, in capitals
    ("TUMOUR IN THE UPPER OUTER. QUADRANT 3.1 X 2.7 X 2.2 CM.", "OUTER"),
    ("MASS IN THE LOWER. INNER QUADRANT.", "LOWER"),
    ("MULTIPLE (3 OF 6) RIGHT. AXILLARY SENTINEL LYMPH NODES ARE POSITIVE.", "RIGHT"),
    ("SEE SLIDES OF THE LEFT. SENTINEL NODE BIOPSY.", "LEFT"),
    # kept: a sentence end, a part label, a numeral, a TNM code after a period, an abbreviation, and
    # words that may end one sentence and open the next
    ("CARCINOMA, INFILTRATING DUCTAL. TUMOR SIZE 2.1 CM.", None),
    ("INVASIVE DUCTAL CARCINOMA. IN SITU CARCINOMA IS ALSO PRESENT.", None),
    ("LYMPH NODES NEGATIVE FOR TUMOR. SIZE OF CARCINOMA 2.1 CM.", None),
    ("GRADE 2. TUMOR SIZE 2.5 CM.", None),
    ("7. Skin: uninvolved. 8. Axillary lymph nodes: Negative.", None),
    ("DCIS, HIGH NUCLEAR GRADE. 3. LYMPH NODES: NEGATIVE.", None),
    ("DCIS, HIGH NUCLEAR GRADE. 3) LYMPH NODES: NEGATIVE.", None),
    ("FINAL DIAGNOSIS: A. LEFT BREAST, LUMPECTOMY.", None),
    ("NUCLEAR GRADE I. TUBULES 3.", None),
    ("Tumour 2.5 cm. pT2 pN0.", None),
    ("Signed by Dr. Smith.", None),
    ("HISTOLOGIC GRADE: SBR. MODIFIED RADICAL MASTECTOMY SPECIMEN.", None),
    ("THE MARGIN IS ON THE RIGHT. AXILLA: NO NODES.", None),
]


@pytest.mark.parametrize("text,before", PERIOD_ROWS)
def test_only_line_join_periods_are_blanked(text, before):
    page = run_on(text)
    view = without_join_periods(page)
    assert len(view) == len(page)
    changed = [i for i, (a, b) in enumerate(zip(page, view)) if a != b]
    if before is None:
        assert changed == []
    else:
        at = page.index(before + ".", len(PREAMBLE)) + len(before)
        assert changed == [at, at + 1] and view[at:at + 2] == " \t"


def test_pages_with_line_breaks_and_short_pages_keep_their_periods():
    text = "INVASIVE DUCTAL. CARCINOMA WITH. THE FOLLOWING FEATURES.\n" * 10
    assert not is_run_on(text) and without_join_periods(text) == text
    assert without_join_periods("INVASIVE DUCTAL. carcinoma") == "INVASIVE DUCTAL. carcinoma"


def test_the_reading_view_blanks_them_and_keeps_offsets():
    page = run_on("Moderately differentiated invasive ductal. carcinoma of the. right breast.")
    view = reading_view(page)
    assert len(view) == len(page) and "the \tright breast" in view


_POST_NAC = ("Post-neoadjuvant resection report. Clinical: Left breast cancer, core: IDC grade 3, ER 0, PR 0, HER2 3+. "
             "Completed TCHP x6. Now left mastectomy. RESIDUAL DISEASE ASSESSMENT. Tumour bed: 35 x 30 mm fibrotic "
             "area. Residual invasive carcinoma: yes, scattered foci. Post-treatment biomarkers (block A7): ER 0 % | "
             "PR 0 % | HER2 IHC 2+ , FISH ratio 2.6 (amplified) | Ki-67 15 %. Histological type of residual "
             "tumour: invasive carcinoma NST; post-treatment grade 2.")

# (run-on text read as an OCR page, path, value, evidence text: always cut from the page text)
ROWS = [
    ("Diagnosis: multifocal poorly differentiated invasive ductal. carcinoma (tumor diameter 7 cm).",
     "diagnosis.histology", "invasive_ductal", "invasive ductal. carcinoma"),
    ("FINAL DIAGNOSIS: INVASIVE CARCINOMA OF NO. special type, grade 2.", "diagnosis.histology", "invasive_ductal",
     "INVASIVE CARCINOMA OF NO. special type"),
    # A phrase joined again is read whole: the carcinoma's size, read from a sentence the joins had cut.
    ("FINAL DIAGNOSIS: INVASIVE LOBULAR CARCINOMA, CLASSIC TYPE, MODERATELY DIFFERENTIATED,. WITH A DENSE. STROMAL "
     "REACTION, HISTOLOGIC GRADE II/III, MEASURING 3.2 CM IN. GREATEST DIMENSION. GROSS DESCRIPTION: MULTIPLE "
     "POTENTIAL LYMPH NODES RANGING FROM 0.4 TO 1.9 CM IN GREATEST DIMENSION.", "diagnosis.tumor_size_mm", 32.0,
     "MEASURING 3.2 CM IN. GREATEST DIMENSION"),
    ("FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA. The deep margin. is negative for tumor (free by 0.8 cm).",
     "diagnosis.margins", "negative", "margin. is negative"),
    # "See. comment." names a comment; it opens no section that would hide the node count after it.
    ("FINAL DIAGNOSIS: Invasive lobular carcinoma, 20% cellularity. See. comment. Axillary lymph nodes: Positive "
     "(13/15).", "lymph_nodes.positive", 13, "Axillary lymph nodes: Positive (13/15)"),
    # round 17a: "grade SBR" at a line end, its qualifier and the grade on the next line
    ("Conclusion: carcinome lobulaire infiltrant, de type classique, grade SBR. modifie (Elston-Ellis) 2 (tubules 3, "
     "pleomorphisme 2, mitoses 1 = 6/9), taille 26 mm.", "diagnosis.grade", 2, "grade SBR. modifie (Elston-Ellis) 2"),
    # round 17a: a post-neoadjuvant report's results heading ends the clinical history before it (the prior
    # core's "grade 3, HER2 3+" there is history; the residual tumour's results are the report's)
    (_POST_NAC, "receptors.her2.ihc_score", "2+", "HER2 IHC 2+"),
    (_POST_NAC, "diagnosis.grade", 2, "grade 2"),
    (_POST_NAC.upper(), "receptors.her2.ihc_score", "2+", "HER2 IHC 2+"),
    # lead round 18: a quadrant cut from its words in capitals; a sub-line's largest focus after its foci
    ("MACROSCOPIC FINDINGS: MASTECTOMY SPECIMEN 19 X 15 X 4.5 CM, TUMOUR IN THE UPPER OUTER. QUADRANT 3.1 X 2.7 X "
     "2.2 CM, DISTANCE TO THE DORSAL RESECTION MARGIN 0.8 CM.", "diagnosis.tumor_size_mm", 31.0,
     "TUMOUR IN THE UPPER OUTER. QUADRANT 3.1 X 2.7 X 2.2 CM"),
    ("RESIDUAL DISEASE ASSESSMENT. TUMOUR BED: 35 X 30 MM FIBROTIC AREA, CLIP PRESENT. RESIDUAL INVASIVE CARCINOMA: "
     "YES, SCATTERED FOCI. LARGEST RESIDUAL FOCUS: 6 MM. CELLULARITY: 5 %.", "diagnosis.tumor_size_mm", 6.0,
     "FOCI. LARGEST RESIDUAL FOCUS: 6 MM"),
]


@pytest.mark.parametrize("text,path,value,evidence", ROWS, ids=[r[1] for r in ROWS])
def test_phrases_cut_by_a_line_join_are_read_whole(text, path, value, evidence):
    f = first_fact(run_on(text), path, source="ocr")
    assert f is not None and f.value == value
    assert f.evidence[0].text == evidence


def test_a_negation_after_a_rejoined_phrase_stays_in_its_place():
    # "tumor-free" negates the words just before it, not the carcinoma at the start of the sentence.
    text = run_on("Diagnosis: Well-differentiated invasive lobular carcinoma of the right breast measuring up to "
                  "3.3 cm with. circumscribed infiltration into the margin and with. tumor-free follow-up resection "
                  "material.")
    assert first_fact(text, "diagnosis.histology", source="ocr").value == "invasive_lobular"
    assert first_fact(text, "diagnosis.tumor_size_mm", source="ocr").value == 33.0


# Results quoted from an earlier report and followed by another marker's "is negative" (plain text too).
QUOTED_ROWS = [
    ("The earlier report of a core biopsy indicates hormone receptors are POSITIVE (100% strong staining for both "
     "estrogen and progesterone receptors) and Her2 by immunohistochemistry is NEGATIVE (1+).",
     "receptors.pr.status", "positive", "hormone receptors are POSITIVE"),
    ("Biopsy indicates ER POSITIVE (100% strong).", "receptors.er.status", "positive", "ER POSITIVE"),
    ("Results indicate ER positive, 100%.", "receptors.er.percent", 100.0, "ER positive, 100%"),
    ("Hormone receptors are positive (100%) and HER2 by immunohistochemistry is negative (1+).",
     "receptors.er.status", "positive", "Hormone receptors are positive"),
]


@pytest.mark.parametrize("text,path,value,evidence", QUOTED_ROWS)
def test_quoted_results_are_read(text, path, value, evidence):
    f = first_fact(text, path)
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text,path", [
    ("Nuclear staining in 1% or more of cells indicates ER positive.", "receptors.er.status"),
    ("A ratio of 2.0 or more indicates HER2 amplification.", "receptors.her2.ish_result"),
    ("Sentinel lymph nodes free of tumor. Invasive carcinoma is absent.", "diagnosis.histology"),
])
def test_guideline_text_and_negations_still_give_no_fact(text, path):
    assert all(not f.is_fact for f in findings(text) if f.path == path)


def test_a_line_start_header_opens_its_section_at_a_run_on_sentence_start():
    # "Conclusion:" opens a section only at a line start; a run-on page has none, so its sentence
    # starts stand in: the diagnosis after it is no longer read as part of the gross description.
    text = run_on("Macroscopy: segment of breast measuring 8,5 x 6,0 x 3,5 cm; nodular lesion 1,8 cm. Conclusion: "
                  "1) Invasive carcinoma of no special type (ductal), histological grade 2, measuring 1,8 cm.")
    f = first_fact(text, "diagnosis.histology", source="ocr")
    assert f is not None and f.value == "invasive_ductal"
    assert f.evidence[0].text == "Invasive carcinoma of no special type"


def test_a_note_inside_a_numbered_run_on_diagnosis_keeps_the_parts_after_it():
    text = run_on("DIAGNOSIS: 1). LYMPH NODE, SENTINEL #1, LEFT AXILLA; EXCISION: - ONE LYMPH NODE POSITIVE FOR "
                  "METASTATIC CARCINOMA (1/1) (SEE NOTE). NOTE: THE METASTASIS IS SEEN ONLY ON THE DEEPER SECTION. "
                  "2). LYMPH NODE, SENTINEL #2, LEFT AXILLA; EXCISION: - ONE BENIGN LYMPH NODE (0/1). 3). LYMPH NODE, "
                  "NON-SENTINEL, LEFT AXILLA; EXCISION: - ONE BENIGN LYMPH NODE (0/1).")
    assert first_fact(text, "lymph_nodes.examined", source="ocr").value == 3
    assert first_fact(text, "lymph_nodes.positive", source="ocr").value == 1


@pytest.mark.parametrize("text,path,value,evidence", [
    ("PATHOLOGIC STAGE (AJCC 8TH, RECURRENCE): RPT1C RPN0(SN).", "stage.pathologic.t", "T1c", "RPT1C"),
    ("PATHOLOGIC STAGE (AJCC 8TH, RECURRENCE): RPT1C RPN0(SN).", "stage.pathologic.n", "N0", "RPN0(SN)"),
    ("CLINICAL STAGE AFTER THERAPY: YCT2 YCN1.", "stage.clinical.t", "T2", "YCT2"),
])
def test_recurrence_and_post_therapy_prefixes_in_capitals(text, path, value, evidence):
    f = first_fact(text, path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text", ["RCT SHOWED NO BENEFIT.", "CT CHEST: NO METASTASES."])
def test_capital_look_alikes_of_prefixes_give_no_stage(text):
    assert not [f for f in findings(text, "ocr") if f.path.startswith("stage.")]


@pytest.mark.parametrize("text,path,value", [
    # a dash before the join is a value ("HER2-"), not a word broken over the line
    ("Recent lumpectomy for IDC, grade 2, ER+ PR+ HER2-. Positive anterior margin.", "receptors.her2.status",
     "negative"),
    ("Estrogen receptor-. positive (95%).", "receptors.er.status", "positive"),
    # a control's results end at the printed line's end, which a run-on page marks with ". "
    ("External control: ER Positive PR Positive HER2 3+. Tumour (block A2): ER Negative PR Negative HER2 0.",
     "receptors.her2.ihc_score", "0"),
    ("| Control | ER | Positive | 90 % |. | Tumour A3 | ER | Negative | 0 % |.", "receptors.er.status", "negative"),
])
def test_values_beside_a_join_keep_their_reading(text, path, value):
    f = first_fact(run_on(text), path, source="ocr")
    assert f is not None and f.value == value


@pytest.mark.parametrize("text,path,value,evidence", [
    # a word hyphenated over a printed line, its join period between the halves
    ("FINAL DIAGNOSIS: INFILTRATING LOBU-. LAR CARCINOMA, PLEOMORPHIC TYPE.", "diagnosis.histology",
     "invasive_lobular", "INFILTRATING LOBU-. LAR CARCINOMA"),
    ("FINAL DIAGNOSIS: INVASIVE DUCTAL CARCI-. NOMA, GRADE 3.", "diagnosis.histology", "invasive_ductal",
     "INVASIVE DUCTAL CARCI-. NOMA"),
    # a bullet joined into the line
    ("DIAGNOSIS: - Invasive carcinoma NST, grade 2. - Size: 1.8 cm. - Margins clear.", "diagnosis.tumor_size_mm",
     18.0, "Size: 1.8 cm"),
    # a sign before the join period
    ("Receptors: ER-. PR-. HER2 3+.", "receptors.pr.status", "negative", "PR-"),
])
def test_hyphens_bullets_and_signs_at_a_join(text, path, value, evidence):
    f = first_fact(run_on(text), path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text,path,value,evidence", [
    ("CLINICAL STAGE AT DIAGNOSIS (PER REFERRAL): CT2 CN1 CM0, IIB.", "stage.clinical.t", "T2", "CT2"),
    ("CLINICAL STAGE AT DIAGNOSIS (PER REFERRAL): CT2 CN1 CM0, IIB.", "stage.clinical.n", "N1", "CN1"),
])
def test_clinical_prefixes_in_capitals_on_ocr_pages(text, path, value, evidence):
    # A capital C before T is a CT scan unless an N follows it, and before N only with an M after.
    f = first_fact(text, path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence
    assert first_fact(text, path, source="text-layer") is None  # OCR's reading only


def test_a_capital_cn_without_a_following_m_is_no_stage():
    assert not [f for f in findings("CT CHEST AND CT3 VIEWS: NO METASTASES. CN1 CABLE.", "ocr")
                if f.path.startswith("stage.")]


@pytest.mark.parametrize("text,path,value,evidence", [
    ("LOCAL RECURRENCE, CHEST WALL: RCT2 N0 M0 AFTER RE-EXCISION.", "stage.clinical.t", "T2", "RCT2"),
    ("POST MRM (R) ON 12/08/2026: YPT2 (2.6 CM) YPN1A (2/18), MARGINS FREE, RCB-II.", "diagnosis.tumor_size_mm",
     26.0, "YPT2 (2.6 CM)"),
])
def test_recurrence_staging_and_the_size_beside_pt_in_capitals(text, path, value, evidence):
    f = first_fact(text, path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence


def test_a_trial_named_rct_is_no_stage():
    assert not [f for f in findings("A LARGE RCT2 YEARS AGO SHOWED NO BENEFIT.", "ocr") if f.path.startswith("stage.")]


@pytest.mark.parametrize("count", ["FIVE OF FOURTEEN. LYMPH NODES (5/14)", "FIVE OF FOURTEEN. LYMPH NODES"])
def test_a_node_count_cut_from_its_nouns_is_one_count(count):
    text = run_on(f"A) LEFT BREAST: INVASIVE DUCTAL CARCINOMA, 3.2 CM. B) LEFT AXILLARY CONTENTS: METASTATIC "
                  f"CARCINOMA IN {count}, LARGEST DEPOSIT 1.1 CM.")
    assert first_fact(text, "lymph_nodes.positive", source="ocr").value == 5
    assert first_fact(text, "lymph_nodes.examined", source="ocr").value == 14


def test_a_type_cut_from_its_carcinoma_is_read():
    text = run_on("Background: core biopsy 2026-03: invasive carcinoma. NST, grade 3, ER 0%, PR 0%, HER2 0.")
    f = first_fact(text, "diagnosis.histology", source="ocr")
    assert f is not None and f.value == "invasive_ductal" and f.evidence[0].text == "invasive carcinoma. NST"


# Round 14: rows the run-on (TCGA) conversion cuts at a printed line's end; (text, path, value, evidence).
CUT_ROWS = [
    # a count in parentheses ending one line, the nouns opening the next
    ("B. LEFT AXILLA: METASTATIC CARCINOMA IN TWO OF EIGHTEEN (18). LYMPH NODES. C. MARGIN: BENIGN.",
     "lymph_nodes.examined", 18, "TWO OF EIGHTEEN (18). LYMPH NODES"),
    ("B. AXILLARY CONTENTS: NO TUMOR IN EIGHTEEN (18). LYMPH NODES. C. SKIN: BENIGN.", "lymph_nodes.examined", 18,
     "NO TUMOR IN EIGHTEEN (18). LYMPH NODES"),
    # a synoptic count written in parentheses after its label
    ("SYNOPSIS: TOTAL NUMBER OF NODES EXAMINED (18). LYMPH NODES WITH METASTASIS (2). GRADE 2.",
     "lymph_nodes.examined", 18, "TOTAL NUMBER OF NODES EXAMINED (18)"),
    ("SYNOPSIS: TOTAL NUMBER OF NODES EXAMINED (18). LYMPH NODES WITH METASTASIS (2). GRADE 2.",
     "lymph_nodes.positive", 2, "LYMPH NODES WITH METASTASIS (2)"),
    # a size label whose value sits on the next printed line, in parentheses
    ("DIAGNOSIS: INVASIVE DUCTAL CARCINOMA. TUMOUR SIZE. (2.1 X 1.8 CM). GRADE 2.", "diagnosis.tumor_size_mm", 21.0,
     "TUMOUR SIZE. (2.1 X 1.8 CM"),
    ("DIAGNOSIS: INVASIVE DUCTAL CARCINOMA. TUMOR SIZE: (1.4 CM). GRADE 1.", "diagnosis.tumor_size_mm", 14.0,
     "TUMOR SIZE: (1.4 CM"),
    # OCR letters for digits in a size after a type name with its own slip, and the grade before it
    ("A. RIGHT BREAST, LUMPECTOMY: INVASlVE DUCTAL CARClNOMA, GRADE 3, 2.l CM. DUCTAL CARCINOMA IN SITU.",
     "diagnosis.tumor_size_mm", 21.0, "CARClNOMA, GRADE 3, 2.l CM"),
    ("A. RIGHT BREAST, LUMPECTOMY: INVASlVE DUCTAL CARClNOMA, GRADE 3, 2.l CM. DUCTAL CARCINOMA IN SITU.",
     "diagnosis.grade", 3, "GRADE 3"),
    ("B. RIGHT AXILLA: METASTATIC CARCINOMA IN 1O/12 LYMPH NODES. C. SENTINEL NODE: O/3.", "lymph_nodes.positive",
     10, "1O/12 LYMPH NODES"),
    # a foreign type name with an OCR slip keeps its invasive histology
    ("DIAGNOSTICO: MAMA ESQUERDA: CARClNOMA DUCTAL lNVASIVO, GRAU HISTOLOGICO 2. CARCINOMA DUCTAL IN SITU.",
     "diagnosis.histology", "invasive_ductal", "CARClNOMA DUCTAL lNVASIVO"),
    ("DIAGNOSI: CARCINOMA MARNMARIO INFlLTRANTE DI TIPO DUTTALE (NST), G2. CARCINOMA DUTTALE IN SITU.",
     "diagnosis.histology", "invasive_ductal", "CARCINOMA MARNMARIO INFlLTRANTE DI TIPO DUTTALE"),
    ("DIAGNOSIS: CARCINOMA LOBULAR lNFILTRANTE, CLASICO. CARCINOMA LOBULILLAR IN SITU.", "diagnosis.histology",
     "invasive_lobular", "CARCINOMA LOBULAR lNFILTRANTE"),
    # a form's lines, each ended by the join's period
    ("INVASIVE CARCINOMA. Invasive tumour size (mm): 16. Whole tumour size (mm) (invasive + DCIS): 22.",
     "diagnosis.tumor_size_mm", 16.0, "Invasive tumour size (mm): 16"),
    ("AXILLARY NODES. Nodes examined (n): 14. Nodes positive (n): 2. Largest metastasis (mm): 6.",
     "lymph_nodes.examined", 14, "Nodes examined (n): 14"),
    ("AXILLARY NODES. Total nodes examined (n): 6. Total nodes positive (n): 3.", "lymph_nodes.examined", 6,
     "Total nodes examined (n): 6"),
    # a status word hyphenated over a printed line, the join's period after the hyphen
    ("Estrogen receptor: Positive. (>95%, strong). Progesterone receptor: Posi-. tive (30%,. moderate). HER2. (IHC): "
     "Equivocal. (2+).", "receptors.pr.percent", 30.0, "Progesterone receptor: Posi-. tive (30%"),
    ("ER: POSITIVE (90%). PR: NEGA-. TIVE (0%). HER2: 1+.", "receptors.pr.status", "negative", "PR: NEGA-. TIVE"),
    # a label column's long name wrapped below its value, the join between
    ("Lymphovascular Not identified. invasion: Estrogen Positive (90%, strong). receptor: Progesterone Positive "
     "(25%, moderate). receptor: HER2 status: Negative (IHC 1+).", "receptors.pr.percent", 25.0,
     "Progesterone Positive (25%"),
    ("LYMPHOVASCULAR PRESENT (EXTENSIVE). INVASION: ESTROGEN NEGATIVE (0%). RECEPTOR: PROGESTERONE NEGATIVE (0%). "
     "RECEPTOR: HER2: POSITIVE (3+).", "receptors.er.status", "negative", "ESTROGEN NEGATIVE"),
    ("Grade: Nottingham grade 3. (tubules 3, nuclei 3, mitoses 3). Invasive 21 mm. tumour size: Lymphovascular "
     "Present (extensive). invasion:", "diagnosis.tumor_size_mm", 21.0, "Invasive 21 mm"),
    # a comma-separated export's rows
    ("Accession,Block,Test,Clone,Result,Percent,Intensity,Comment. H26-22019,B3,ER,SP1,Positive,98,Strong,. "
     "H26-22019,B3,PR,1E2,Positive,2,Weak,Low positive.", "receptors.er.percent", 98.0, "ER,SP1,Positive,98"),
    # an Allred grid's rows under its header line, each row its own printed line
    ("Hormone receptor scoring (Allred / Quick score). Proportion Intensity Total. ER 5 3 8. PR 3 2 5. HER2 (IHC) "
     "score 2+.", "receptors.pr.status", "positive", "PR 3 2 5"),
    # a synoptic label wrapped after its nodes
    ("Margins: Negative (closest: deep, 6 mm). Regional Lymph Nodes. Examined: 4. Regional Lymph Nodes with. "
     "Macrometastases: 1.", "lymph_nodes.examined", 4, "Regional Lymph Nodes. Examined: 4"),
    # a grade's value ends its sentence: the next line's negation does not reach back to it
    ("Invasive type: ductal / NST. Invasive grade: 1. Lymphovascular invasion: NOT SEEN.", "diagnosis.grade", 1,
     "grade: 1"),
    ("Invasive type: Lobular, classical. Invasive grade: 2 Tubules: 3 Nuclear pleomorphism: 2 Mitoses: 1. "
     "Lymphovascular invasion: [ ] Not seen [X] Present.", "diagnosis.grade", 2, "grade: 2"),
    # "HER2-. POSITIVE": the neighbours decide
    ("DIAGNOSIS: INVASIVE DUCTAL CARCINOMA, GRADE 2. ER+. PR+. HER2-. POSITIVE ANTERIOR MARGIN.",
     "receptors.her2.status", "negative", "HER2-"),
    ("IMMUNOSTAINS: ESTROGEN RECEPTOR. POSITIVE. PROGESTERONE RECEPTOR. NEGATIVE. HER2-. POSITIVE. IMMUNO RECUT.",
     "receptors.her2.status", "positive", "HER2-. POSITIVE"),
    ("RECEPTORS: ESTROGEN RECEPTOR POSITIVE. HER2-. POSITIVE (3+).", "receptors.her2.ihc_score", "3+",
     "HER2-. POSITIVE (3+"),
    # a flattened comparison table: the cells agree, or share the status
    ("MARKER. BLOCK A3. BLOCK B2. ER. POSITIVE (90%). POSITIVE (95%). PR. NEGATIVE. NEGATIVE. HER2. 3+. 3+.",
     "receptors.er.status", "positive", "ER. POSITIVE"),
    ("MARKER. BLOCK A3. BLOCK B2. ER. POSITIVE (90%). POSITIVE (95%). PR. NEGATIVE. NEGATIVE. HER2. 3+. 3+.",
     "receptors.her2.ihc_score", "3+", "HER2. 3+"),
    # ... or the header names the current specimen's column (as in line tables: "this specimen", the latest year)
    ("MARKER. CORE BIOPSY (S-20-1111). EXCISION (THIS SPECIMEN). ER. POSITIVE (90%). POSITIVE (95%). PR. "
     "NEGATIVE (<1%). POSITIVE (5%). HER2 (IHC). 2+ EQUIVOCAL. 1+ NEGATIVE. KI-67. 10%. 15%.",
     "receptors.pr.percent", 5.0, "PR. NEGATIVE (<1%). POSITIVE (5%"),
    ("MARKER. CORE BIOPSY (S-20-1111). EXCISION (THIS SPECIMEN). ER. POSITIVE (90%). POSITIVE (95%). PR. "
     "NEGATIVE (<1%). POSITIVE (5%). HER2 (IHC). 2+ EQUIVOCAL. 1+ NEGATIVE. KI-67. 10%. 15%.",
     "receptors.her2.ihc_score", "1+", "HER2 (IHC). 2+ EQUIVOCAL. 1+"),
    ("MARKER. CORE BIOPSY (S-20-1111). EXCISION (THIS SPECIMEN). ER. POSITIVE (90%). POSITIVE (95%). PR. "
     "NEGATIVE (<1%). POSITIVE (5%). HER2 (IHC). 2+ EQUIVOCAL. 1+ NEGATIVE. KI-67. 10%. 15%.",
     "receptors.ki67_percent", 15.0, "KI-67. 10%. 15%"),
    ("TEST. CORE 03/2024. EXCISION 09/2026. ER. 95%. 80%. PR. 40%. 0%.", "receptors.er.percent", 80.0,
     "ER. 95%. 80%"),
    # the columns of one result are no comparison
    ("MARKER. RESULT. PERCENT. INTENSITY. ER. POSITIVE. 95%. STRONG. PR. POSITIVE. 60%. MODERATE.",
     "receptors.er.percent", 95.0, "ER. POSITIVE. 95%"),
]


@pytest.mark.parametrize("text,path,value,evidence", CUT_ROWS)
def test_values_cut_at_a_printed_line_end_are_read(text, path, value, evidence):
    f = first_fact(run_on(text), path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence


# ... and what must yield nothing: (text, path)
CUT_NOTHING_ROWS = [
    # a comparison table's cells that differ: which column is the current specimen is gone
    ("MARKER. CORE (S-20-1111). EXCISION. ER. POSITIVE (90%). POSITIVE (95%). PR. NEGATIVE. POSITIVE (5%). "
     "HER2. 2+ EQUIVOCAL. 1+ NEGATIVE.", "receptors.pr.status"),
    ("MARKER. CORE (S-20-1111). EXCISION. ER. POSITIVE (90%). POSITIVE (95%). PR. NEGATIVE. POSITIVE (5%). "
     "HER2. 2+ EQUIVOCAL. 1+ NEGATIVE.", "receptors.her2.ihc_score"),
    ("MARKER. CORE (S-20-1111). EXCISION. ER. POSITIVE (90%). POSITIVE (95%). PR. NEGATIVE. POSITIVE (5%).",
     "receptors.er.percent"),
    ("ER. POSITIVE. NEGATIVE. PR. POSITIVE. NEGATIVE. HER2. 1+. 0.", "receptors.er.status"),
    ("ER. POSITIVE. NEGATIVE. PR. POSITIVE. NEGATIVE. HER2. 1+. 0.", "receptors.her2.ihc_score"),
    # a column whose test was not done gives the row no value: which column held it is gone
    ("HER2. 1+. NOT PERFORMED. KI-67. 20%. N/A.", "receptors.her2.ihc_score"),
    ("ANTIBODY. BLOCK A3. BLOCK B2. ER. 95%. 90%. PR. 40%. 0%.", "receptors.pr.percent"),
    # "HER2-positive" broken at its hyphen before a noun, or a sign: never guessed
    ("CLINICAL HISTORY: HISTORY OF HER2-. POSITIVE BREAST CANCER, TREATED IN 2019.", "receptors.her2.status"),
    # Nottingham components written T/N/M, their sum's "=" ending a printed line
    ("HISTOLOGIC GRADE TUMOUR SIZE. INVASIVE LOBULAR NOTTINGHAM 2 17 MM. CARCINOMA, PLEO- (T3, N2, M1 =. MORPHIC TYPE "
     "SCORE 6).", "stage.pathologic.t"),
    # a core's extent wrapped below its value is no tumour size label
    ("Histological Invasive ductal carcinoma (no special type). type: Invasive 13 mm (in cores). extent: Lymphovascular "
     "Not identified. invasion:", "diagnosis.tumor_size_mm"),
    # a numbered item before the node words is no count
    ("B. SPECIMEN (2). LYMPH NODES, LEFT AXILLA: SEE PART C.", "lymph_nodes.examined"),
]


@pytest.mark.parametrize("text,path", CUT_NOTHING_ROWS)
def test_cut_rows_that_cannot_be_read_give_nothing(text, path):
    assert first_fact(run_on(text), path, source="ocr") is None



@pytest.mark.parametrize("text", [
    "STAIN. LEFT. RIGHT. ER. POSITIVE (80%). NEGATIVE (0%). PR. POSITIVE. NEGATIVE. HER2. 1+. 0. KI-67. 20%. 60%.",
    "MARKER. LEFT BREAST (PART A). RIGHT BREAST (PART B). ER. POSITIVE (80%). NEGATIVE (0%). PR. POSITIVE. NEGATIVE. "
    "HER2. 1+. 0. KI-67. 20%. 60%.",
    # an empty cell: the other column's value is still its side's
    "MARKER. LEFT. RIGHT. ER. POSITIVE (80%). NEGATIVE (0%). PR. POSITIVE. NEGATIVE. HER2. 1+. NOT PERFORMED. "
    "KI-67. 20%. 60%.",
])
def test_side_by_side_columns_give_each_side_its_own_result(text):
    got = {(f.path, f.laterality): f.value for f in findings(run_on(text), "ocr") if f.is_fact}
    assert got[("receptors.er.status", "left")] == "positive" and got[("receptors.er.status", "right")] == "negative"
    assert got[("receptors.er.percent", "left")] == 80.0 and got[("receptors.er.percent", "right")] == 0.0
    assert got[("receptors.pr.status", "left")] == "positive" and got[("receptors.pr.status", "right")] == "negative"
    assert got[("receptors.her2.ihc_score", "left")] == "1+"
    assert got[("receptors.ki67_percent", "left")] == 20.0 and got[("receptors.ki67_percent", "right")] == 60.0
    assert ("receptors.her2.ihc_score", None) not in got and ("receptors.er.status", None) not in got


# A comparison table whose rows each kept one printed line ("ER Positive 8/8 Positive 7/8."): the header line
# above the rows names the columns, read as a line table's header is (the current specimen's column, or each
# side's). (text, path, value, evidence)
LINE_ROWS = [
    ("RECEPTORS 2017 WLE (K17.04410) 2026 MASTECTOMY (THIS SPECIMEN). ER POSITIVE 8/8 POSITIVE 7/8. PR POSITIVE 6/8 "
     "NEGATIVE 0/8. HER2 1+ 0. KI67 5% 22%.", "receptors.pr.status", "negative", "PR POSITIVE 6/8 NEGATIVE"),
    ("RECEPTORS 2017 WLE (K17.04410) 2026 MASTECTOMY (THIS SPECIMEN). ER POSITIVE 8/8 POSITIVE 7/8. PR POSITIVE 6/8 "
     "NEGATIVE 0/8. HER2 1+ 0. KI67 5% 22%.", "receptors.ki67_percent", 22.0, "KI67 5% 22%"),
    # the latest date is the current column
    ("BIOMARKER RESULTS. 04/2021 LUMPECTOMY 10/2026 CORE (A1). ER 90% STRONG <1%. PR 30% MODERATE 0%. HER2 IHC 0 3+.",
     "receptors.her2.ihc_score", "3+", "HER2 IHC 0 3+"),
    # a bar table: its rule line between the header and the rows
    ("COMPARISON. | Marker | 2019 primary (core) | 2026 recurrence (liver, this case) |. |-----|-----|-----|. "
     "| ER (SP1) | Positive, 95%, strong | Positive, 15%, weak |. | PR (1E2) | Positive, 60% | Negative, 0% |.",
     "receptors.er.percent", 15.0, "ER (SP1) | Positive, 95%, strong | Positive, 15%"),
    ("RECEPTOR RESULTS. TEST ORIGINAL REPORT CORRECTED REPORT. ER POSITIVE (95%) POSITIVE (95%). PR POSITIVE (70%) "
     "POSITIVE (8%). HER2 IHC 2+ 0.", "receptors.pr.percent", 8.0, "PR POSITIVE (70%) POSITIVE (8%"),
]


@pytest.mark.parametrize("text,path,value,evidence", LINE_ROWS)
def test_a_comparison_row_on_one_printed_line_gives_the_current_column(text, path, value, evidence):
    f = first_fact(run_on(text), path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text,path", [
    # a header of specimen columns none of which it names as current: neither column is read
    ("BIOMARKERS. CORE 03/2024 EXCISION 03/2024. ER 95% 10%. PR 40% 0%.", "receptors.er.percent"),
    ("MARKER ORIGINAL (CORE A) PRIMARY (CORE B). ER POSITIVE 90% NEGATIVE 0%.", "receptors.er.status"),
])
def test_a_comparison_row_without_a_current_column_gives_nothing(text, path):
    assert first_fact(run_on(text), path, source="ocr") is None


def test_a_one_line_row_under_side_columns_gives_each_side_its_own_result():
    text = run_on("IMMUNOHISTOCHEMISTRY. MARKER LEFT BREAST RIGHT BREAST. ER POSITIVE 90% NEGATIVE 0%. "
                  "PR POSITIVE 30% NEGATIVE 0%.")
    got = {(f.path, f.laterality): f.value for f in findings(text, "ocr") if f.is_fact}
    assert got[("receptors.er.percent", "left")] == 90.0 and got[("receptors.er.percent", "right")] == 0.0
    assert ("receptors.er.percent", None) not in got


# round 16a: a header row of marker names over a row of values, both flattened into one run-on line,
# read only when the values line up one to one with the names (read by the one-line row test below).
FLATTENED_HEADER_ROWS = [
    ("IMMUNOHISTOCHEMISTRY. ER PR HER2 Ki67. 95% 0% 1+ 15%. Pathologist.", "receptors.er.percent", 95.0, "95%"),
    ("IMMUNOHISTOCHEMISTRY. ER PR HER2 Ki67. 95% 0% 1+ 15%. Pathologist.", "receptors.pr.percent", 0.0, "0%"),
    ("IMMUNOHISTOCHEMISTRY. ER PR HER2 Ki67. 95% 0% 1+ 15%. Pathologist.", "receptors.her2.ihc_score", "1+", "1+"),
    ("ER | PR | HER2 IHC | HER2 ISH | Ki-67. ------------+------------+------------+------------+---------. "
     "Pos 75% | Neg <1% | 2+ | Not amplified | 30%. moderate | | | (ratio 1.3) |.", "receptors.er.percent", 75.0,
     "Pos 75%"),
]


@pytest.mark.parametrize("text,path,value,evidence", [
    # a result table's row on one printed line, its percent a bare number between the status and the intensity
    ("MARKERS ON BLOCK A1. RESULTS: ER SP1 POSITIVE 95 STRONG. PR 1E2 POSITIVE 60 STRONG. HER2 4B5 1+ NEGATIVE.",
     "receptors.er.percent", 95.0, "ER SP1 POSITIVE 95"),
    ("IMMUNOHISTOCHEMISTRY: RECEPTOR RESULT % CELLS INTENSITY. ESTROGEN RECEPTOR POSITIVE 90 STRONG. "
     "PROGESTERONE REC. POSITIVE 15 WEAK.", "receptors.pr.percent", 15.0, "PROGESTERONE REC. POSITIVE 15"),
    # round 17a: under a run-on header whose result column precedes its percent column, the number after
    # a row's status (its intensity in plus signs, its Allred score after it)
    ("IMMUNOHISTOCHEMISTRY (BLOCK 1): RECEPTOR RESULT % CELLS INTENSITY ALLRED. ESTROGEN RECEPTOR POSITIVE 90 3+ "
     "8/8. HER2 NEGATIVE -- 1+ --.", "receptors.er.percent", 90.0, "ESTROGEN RECEPTOR POSITIVE 90"),
    ("Immunohistochemistry (block 1): Receptor Result % cells Intensity Allred. Estrogen Receptor Positive 90 3+ "
     "8/8. Progesterone Receptor Positive 15 2+ 5/8. HER2 Negative -- 1+ --.", "receptors.pr.percent", 15.0,
     "Progesterone Receptor Positive 15"),
] + FLATTENED_HEADER_ROWS)
def test_a_bare_percent_cell_in_a_one_line_row(text, path, value, evidence):
    f = first_fact(run_on(text), path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text", [
    "ER POSITIVE 2 BLOCKS TESTED, STRONG CONTROLS.",
    "ER POSITIVE 95.",
    # a first word with no receptor line wrapped below it
    "ESTROGEN POSITIVE COMMENT. RECEPTORS ARE PENDING.",
    # an Allred column's score, or a score before an intensity in plus signs
    "RECEPTOR RESULT ALLRED INTENSITY. ER POSITIVE 8 STRONG. PR POSITIVE 6 MODERATE.",
    "ESTROGEN RECEPTOR POSITIVE 90 3+ 8/8.",
    # round 17a: a header whose percent column comes before the result column
    "RECEPTOR % CELLS RESULT INTENSITY. ESTROGEN RECEPTOR POSITIVE 90 3+ 8/8.",
])
def test_a_number_after_a_status_without_an_intensity_is_no_percent(text):
    assert first_fact(run_on(text), "receptors.er.percent", source="ocr") is None




@pytest.mark.parametrize("text", [
    # fewer (or more) values than names: which value is whose is lost
    "IMMUNOHISTOCHEMISTRY. ER PR HER2 Ki67. 95% 0% 1+. Pathologist.",
    "IMMUNOHISTOCHEMISTRY. ER PR HER2 Ki67. 95% 0% 1+ 15% 20%. Pathologist.",
])
def test_a_flattened_header_row_whose_values_do_not_line_up_gives_nothing(text):
    assert first_fact(run_on(text), "receptors.er.percent", source="ocr") is None


def test_a_focus_text_ends_at_the_next_part_header_on_a_run_on_page():
    # round 16a: the last tumour line's text ran on over part B and the synoptic summary, whose "size of
    # largest invasive focus" then made tumour 2 (1.1 cm) the index focus and its receptors the profile's
    text = run_on("A. RIGHT BREAST, MASTECTOMY: 1. INVASIVE DUCTAL CARCINOMA, MULTICENTRIC (TWO FOCI): - Tumour 1 "
                  "(9 o'clock): 2.4 cm, Nottingham grade 3 (3+3+3=9). - Tumour 2 (1 o'clock): 1.1 cm, Nottingham "
                  "grade 2 (3+2+1=6). B. SENTINEL LYMPH NODES: ONE OF THREE WITH METASTATIC CARCINOMA (1/3). SYNOPTIC "
                  "SUMMARY. Size of largest invasive focus: 24 mm. BIOMARKERS. Block A3 (tumour 1): ER 0 % PR 0 %. "
                  "Block A7 (tumour 2): ER 85 %, moderate to strong PR 20 %.")
    f = first_fact(text, "receptors.er.percent", source="ocr")
    assert f is not None and f.value == 0.0 and f.evidence[0].text == "ER 0 %"


# round 17a: an OCR'd column of bare labels over a column of values, its printed lines joined (a label
# line keeps its colon and gets no period): the i-th label's value is the i-th printed line after them
_LABEL_COLUMN = ("SYNOPSIS. Histological type: Histological grade: Tumour size: Lymphovascular invasion: Sentinel "
                 "nodes: Infiltrating lobular carcinoma. 2. 1.9 cm. Present. 1/2 (macrometastasis 3 mm). pT1c "
                 "pN1a(sn). IMMUNOHISTOCHEMISTRY. ER: positive, 95 %.")


@pytest.mark.parametrize("text,path,value,evidence", [
    (_LABEL_COLUMN, "diagnosis.grade", 2, "2"),
    (_LABEL_COLUMN, "diagnosis.tumor_size_mm", 19.0, "1.9 cm"),
    (_LABEL_COLUMN, "lymph_nodes.positive", 1, "1/2"),
    (_LABEL_COLUMN.upper(), "lymph_nodes.examined", 2, "1/2"),
    (_LABEL_COLUMN.upper(), "diagnosis.lvi", "present", "PRESENT"),
])
def test_a_column_of_labels_over_a_column_of_values_joined(text, path, value, evidence):
    f = first_fact(run_on(text), path, source="ocr")
    assert f is not None and f.value == value and f.evidence[0].text == evidence


@pytest.mark.parametrize("text,path", [
    # fewer value lines than labels (blank form fields): no pairing
    ("SUMMARY. Histological grade: Tumour size: Sentinel nodes: 1/2. Margins: clear. Invasive ductal carcinoma.",
     "diagnosis.grade"),
    ("SUMMARY. Histological grade: Tumour size: Sentinel nodes: 1/2. Margins: clear. Invasive ductal carcinoma.",
     "diagnosis.tumor_size_mm"),
    # labels beside their own values on one printed line
    ("Tissue Specification: Tumor Specimen Matrix: Tissue Specimen Format: OCT. 2. 3. Invasive ductal carcinoma.",
     "diagnosis.grade"),
])
def test_labels_without_as_many_value_lines_pair_nothing(text, path):
    assert first_fact(run_on(text), path, source="ocr") is None
