"""Histology words tolerant of OCR slips, invasive carcinoma without a type, and receptor lines of
one part in a bilateral report, through the vocabulary loader and the whole pipeline.

Every text is our own phrasing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.fields.histology import HistologyVocabulary
from extract.vocab import load_json
from ingest.errors import ConfigurationError
from tests.test_extract_pathology_staging import profile as _profile

_VOCAB = Path(__file__).parents[1] / "extract" / "vocab" / "histology.json"


def _broken(tmp_path: Path, change) -> Path:
    raw = json.loads(_VOCAB.read_text())
    change(raw)
    (tmp_path / "histology.json").write_text(json.dumps(raw))
    return tmp_path


def test_a_pattern_naming_an_unknown_word_is_a_configuration_error(tmp_path):
    def change(raw):
        raw["types"][0]["patterns"].append("{CARCINOMAS}")
    with pytest.raises(ConfigurationError, match="unknown word"):
        load_json("histology.json", HistologyVocabulary, _broken(tmp_path, change))


def test_a_word_whose_pattern_misses_the_word_itself_is_a_configuration_error(tmp_path):
    def change(raw):
        raw["words"]["DUCTAL"]["pattern"] = "ductai"
    with pytest.raises(ConfigurationError, match="does not match the word itself"):
        load_json("histology.json", HistologyVocabulary, _broken(tmp_path, change))


def test_an_ocr_slip_in_the_histology_is_read_and_recorded():
    report = _profile("FINAL DIAGNOSIS:\nLEFT BREAST, LUMPECTOMY: INVASIVE DUCTAI CARCINOMA, GRADE 2.", "ocr")
    assert report.profile.diagnosis.histology == "invasive_ductal"
    ev = report.evidence["diagnosis.histology"][0]
    assert (ev.text, ev.correction) == ("INVASIVE DUCTAI CARCINOMA", "DUCTAI->DUCTAL")


@pytest.mark.parametrize("text,histology,read,correction", [
    # OCR's "rn" for "m", and l, 1 or | for a leading I (lead, seventh session).
    ("FINAL DIAGNOSIS: lnvasive ductal carcinorna, grade 2.", "invasive_ductal", "lnvasive ductal carcinorna",
     "lnvasive->invasive; carcinorna->carcinoma"),
    ("1NFILTRATING DUCTAL CARCINOMA, GRADE 3.", "invasive_ductal", "1NFILTRATING DUCTAL CARCINOMA",
     "1NFILTRATING->INFILTRATING"),
    ("INFILTRATING L0BULAR CARCINOMA, CLASSIC TYPE.", "invasive_lobular", "INFILTRATING L0BULAR CARCINOMA",
     "L0BULAR->LOBULAR"),
    # OCR's e for c and c for e (lead, twentieth round: the noise probe of the dev reports)
    ("Diagnosis: a. ductal breast careinoma (tumour diameter 3.0 cm).", "invasive_ductal", "ductal breast careinoma",
     "careinoma->carcinoma"),
    ("INFILTRATING DUETAL CARCINOMA, NOTTINGHAM GRADE III.", "invasive_ductal", "INFILTRATING DUETAL CARCINOMA",
     "DUETAL->DUCTAL"),
    ("Invasivc lobular carcinoma, classic type.", "invasive_lobular", "Invasivc lobular carcinoma",
     "Invasivc->Invasive"),
])
def test_more_ocr_letter_slips_in_histology_words(text, histology, read, correction):
    report = _profile(text, source="ocr")
    assert report.profile.diagnosis.histology == histology
    ev = report.evidence["diagnosis.histology"][0]
    assert (ev.text, ev.correction) == (read, correction)


def test_dcis_beside_an_untyped_invasive_carcinoma_is_not_the_histology():
    report = _profile("FINAL DIAGNOSIS:\nRIGHT BREAST, EXCISION: INVASIVE CARCINOMA, GRADE 2, 1.4 CM.\n"
                      "DUCTAL CARCINOMA IN SITU, LOW NUCLEAR GRADE.")
    data = report.to_json_dict()
    assert data["profile"]["diagnosis"].get("histology") is None
    assert data["profile"]["diagnosis"]["in_situ_histology"] == "dcis"
    assert data["profile"]["diagnosis"]["laterality"] == "right"


def _two_pages(first: str, second: str):
    import hashlib
    from extract import build_profile
    from ingest.models import Document, Page
    doc = Document(sha256=hashlib.sha256((first + second).encode()).hexdigest(), filename="report.txt",
                   type="text", pages=[Page(number=1, text=first, source="text-layer"),
                                       Page(number=2, text=second, source="text-layer")])
    return build_profile([doc])


def test_dcis_on_another_page_of_an_untyped_invasive_carcinoma_is_not_the_histology():
    report = _two_pages("FINAL DIAGNOSIS:\nLEFT BREAST, MASTECTOMY: INVASIVE CARCINOMA, GRADE 3, 2.6 CM.\n",
                        "MICROSCOPIC:\nDUCTAL CARCINOMA IN SITU, SOLID TYPE, HIGH NUCLEAR GRADE, IS ALSO PRESENT.\n")
    diagnosis = report.to_json_dict()["profile"]["diagnosis"]
    assert diagnosis.get("histology") is None
    assert diagnosis["in_situ_histology"] == "dcis"


def test_a_typed_invasive_carcinoma_on_another_page_keeps_dcis_an_ordinary_mention():
    report = _two_pages("FINAL DIAGNOSIS:\nLEFT BREAST: INVASIVE CARCINOMA, GRADE 3.\nDUCTAL CARCINOMA IN SITU.\n",
                        "SYNOPTIC:\nHISTOLOGIC TYPE: INVASIVE LOBULAR CARCINOMA.\n")
    assert report.profile.diagnosis.histology == "invasive_lobular"


def test_dcis_alone_is_still_the_histology():
    report = _profile("FINAL DIAGNOSIS:\nLEFT BREAST, EXCISION: DUCTAL CARCINOMA IN SITU, HIGH NUCLEAR GRADE.\n"
                      "NO INVASIVE CARCINOMA IDENTIFIED.")
    assert report.profile.diagnosis.histology == "dcis"


def test_a_synoptic_block_after_a_benign_part_is_not_that_parts_cancer():
    report = _profile("FINAL DIAGNOSIS:\nA. LEFT BREAST, SIMPLE MASTECTOMY:\n- INFILTRATING DUCTAL CARCINOMA.\n"
                      "B. RIGHT BREAST, PROPHYLACTIC SIMPLE MASTECTOMY:\n- FIBROCYSTIC CHANGES. NO EVIDENCE OF "
                      "MALIGNANCY.\nSYNOPTIC REPORT - BREAST\nHISTOLOGIC TYPE: INFILTRATING DUCTAL CARCINOMA\n")
    assert report.profile.diagnosis.laterality == "left"
    assert not [c for c in report.conflicts if c.field == "diagnosis.laterality"]


def test_results_quoted_from_a_prior_biopsy_do_not_take_the_side_of_the_part_above_them():
    report = _profile("DIAGNOSIS\nA. Right breast, lumpectomy:\n  Invasive carcinoma of no special type (ductal), "
                      "grade 1, 0.9 cm.\nB. Left breast, reduction mammoplasty:\n  Benign breast tissue; no carcinoma.\n"
                      "Biomarkers (from core biopsy S26-5523, previously reported): ER positive (>90%), PR positive "
                      "(80%), HER2 negative (1+).\n")
    data = report.to_json_dict()["profile"]
    assert data["diagnosis"]["laterality"] == "right"
    assert data["receptors"]["er"]["status"] == "positive"
    assert data["receptors"]["her2"]["status"] == "negative"
    assert not data.get("other_tumors")


def test_a_comment_about_the_other_breasts_cancer_keeps_its_own_side():
    report = _profile("FINAL DIAGNOSIS:\nA. LEFT BREAST, LUMPECTOMY: NO RESIDUAL INVASIVE CARCINOMA. RESIDUAL DUCTAL "
                      "CARCINOMA IN SITU, 4 MM.\nB. RIGHT BREAST, EXCISIONAL BIOPSY: FIBROADENOMA.\nCOMMENT: The "
                      "patient received neoadjuvant chemotherapy for a left breast invasive ductal carcinoma (ER "
                      "negative, PR negative, HER2 positive 3+ on prior core biopsy).\n", "ocr")
    data = report.to_json_dict()["profile"]
    assert (data["diagnosis"]["laterality"], data["diagnosis"]["histology"]) == ("left", "invasive_ductal")
    assert data["receptors"]["er"]["status"] == "negative" and data["receptors"]["her2"]["ihc_score"] == "3+"
    assert not data.get("other_tumors")


_BILATERAL = "FINAL DIAGNOSIS:\nA. RIGHT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, GRADE 3, 2.4 CM.\n" \
             "B. LEFT BREAST, EXCISION: INVASIVE LOBULAR CARCINOMA, GRADE 1, 0.6 CM.\n"


@pytest.mark.parametrize("lines,marker,index_status,other_status", [
    # a part line of biomarkers belongs to its part
    ("BREAST BIOMARKERS:\nPART A: ER NEGATIVE (0%), PR NEGATIVE (0%), HER2 NEGATIVE (IHC 1+).\n"
     "PART B: ER POSITIVE (100%, STRONG), PR POSITIVE (70%), HER2 NEGATIVE (IHC 0).\n", "er", "negative", "positive"),
    # a comment after the last part that names the other breast belongs to that breast
    ("COMMENT:\nThe right breast carcinoma was ER negative (0%) and PR negative (0%) on the core biopsy. "
     "The left breast carcinoma is ER positive (90%).\n", "er", "negative", "positive"),
    # receptor lines after the last part follow the breast they name
    ("RECEPTOR STUDIES:\nRight breast tumor (A3): ER negative (<1%), HER2 positive (3+).\n"
     "Left breast tumor (B2): ER positive (90%), HER2 negative (1+).\n", "her2", "positive", "negative"),
    # round 6: one synoptic block per breast, each headed by its side
    ("\nSYNOPTIC REPORT - RIGHT BREAST\nHistologic type: invasive ductal carcinoma\nEstrogen receptor: negative (0%)\n"
     "\nSYNOPTIC REPORT - LEFT BREAST\nHistologic type: invasive lobular carcinoma\n"
     "Estrogen receptor: positive (90%)\n", "er", "negative", "positive"),
    # round 6: part names opening sentences of one run-on line
    ("RECEPTOR STUDIES: PART A: ER NEGATIVE (0%), HER2 POSITIVE (3+). PART B: ER POSITIVE (90%), HER2 NEGATIVE "
     "(1+).\n", "her2", "positive", "negative"),
])
def test_receptor_lines_of_a_bilateral_report_belong_to_the_breast_they_name(lines, marker, index_status,
                                                                              other_status):
    data = _profile(_BILATERAL + lines).to_json_dict()["profile"]
    assert data["diagnosis"]["laterality"] == "right"
    assert data["receptors"][marker]["status"] == index_status
    other = data["other_tumors"][0]
    assert other["laterality"] == "left" and other["receptors"][marker]["status"] == other_status


def test_a_label_named_status_is_not_history():
    from tests.test_extract_pathology import findings
    found = [(f.evidence[0].text, f.assertion) for f in findings(
        "FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA.\nReceptor status: ER - negative (0%).\n"
        "Status post lumpectomy in 2019 for ER positive disease.\n", "text-layer") if f.path == "receptors.er.status"]
    assert found == [("ER - negative", "present"), ("ER positive", "historical")]


# round 7 (markers): words run together on an OCR page, and a checklist's ticked type without "carcinoma"
@pytest.mark.parametrize("text,histology,in_situ,evidence", [
    ("FINALDIAGNOSIS:LEFTBREAST,NEEDLECORE BIOPSY:INVASIVEDUCTALCARCINOMA,GRADE3.DUCTALCARCINOMAINSITU,HIGHGRADE.",
     "invasive_ductal", None, "INVASIVEDUCTALCARCINOMA"),
    ("FINALDIAGNOSIS:RIGHTBREAST,EXCISION:DUCTALCARCINOMAINSITU,HIGHGRADE,COMEDO TYPE.", "dcis", None,
     "DUCTALCARCINOMAINSITU"),
    ("FINAL DIAGNOSIS: RIGHT BREAST, MASTECTOMY: INFILTRATINGLOBULARCARCINOMA, CLASSIC TYPE, 3.1 CM.",
     "invasive_lobular", None, "INFILTRATINGLOBULARCARCINOMA"),
    ("BREAST CHECKLIST. Histologic Type: [X] INFILTRATING DUCTAL [ ] INFILTRATING LOBULAR [ ] MUCINOUS. Margins: "
     "uninvolved.", "invasive_ductal", None, "INFILTRATING DUCTAL"),
])
def test_run_together_and_ticked_histology_words_are_read(text, histology, in_situ, evidence):
    report = _profile(text, "ocr")
    data = report.to_json_dict()["profile"]["diagnosis"]
    assert (data.get("histology"), data.get("in_situ_histology")) == (histology, in_situ)
    assert report.evidence["diagnosis.histology"][0].text == evidence


def test_noninvasive_ductal_carcinoma_run_together_is_not_invasive():
    report = _profile("FINALDIAGNOSIS:LEFTBREAST,EXCISION:NONINVASIVEDUCTALCARCINOMA,CRIBRIFORM.", "ocr")
    assert report.profile.diagnosis.histology != "invasive_ductal"


# round 8 (markers): results of an earlier specimen restated beside this specimen's own give way to them
# without a conflict; alone, they stand. Every text is our own phrasing.
_CORE_RESTATED = ("CLINICAL HISTORY:\n58F, left breast mass. Core biopsy (S26-123) showed invasive ductal carcinoma, "
                  "ER 90 %, PR 5 %, HER2 1+.\n\nFINAL DIAGNOSIS:\n1. Left breast, lumpectomy: invasive ductal "
                  "carcinoma, 2.2 cm.\nEstrogen receptor: Positive, 80%, strong.\nProgesterone receptor: Negative (<1%).\n"
                  "HER2 by IHC: 2+; FISH ratio 2.4, AMPLIFIED.\nKi-67: 30%.\n")
_RECURRENCE = ("DIAGNOSIS:\nLeft chest wall, excision: recurrent invasive ductal carcinoma, 1.4 cm.\n"
               "COMMENT: The original tumour 2015 was ER+ PR+ HER2-. The recurrence is now ER+ PR- HER2 2+; FISH "
               "will be reported in an addendum.\n")
_PRE_TREATMENT = ("DIAGNOSIS: RIGHT BREAST, MASTECTOMY: RESIDUAL INVASIVE DUCTAL CARCINOMA, 1.1 CM. ypT1c.\n"
                  "| Block | ER | PR | HER2 (IHC) | Ki-67 |\n| A5 | 90%, strong | 10%, weak | 1+ | 25% |\n"
                  "Compare with pre-treatment biopsy (S25-7702): ER 95%, PR 60%, HER2 1+, Ki-67 40%.\n")


@pytest.mark.parametrize("text,expected", [
    (_CORE_RESTATED, {"er": ("positive", 80.0), "pr": ("negative", 0.0), "her2": "positive", "ki67": 30.0}),
    (_RECURRENCE, {"er": ("positive", None), "pr": ("negative", None), "her2": "equivocal", "ki67": None}),
    (_PRE_TREATMENT, {"er": ("positive", 90.0), "pr": ("low_positive", 10.0), "her2": "negative", "ki67": 25.0}),
    ("DX: R BREAST MRM S/P NEOADJ: RESIDUAL IDC 0.4 CM, ypT1a ypN0 (0/18). ER/PR/HER2 on residual tumor: ER 5% weak "
     "(low), PR 0%, HER2 0. Pre-tx core: ER 30%, PR 10%, HER2 1+, Ki67 40%.",
     {"er": ("low_positive", 5.0), "pr": ("negative", 0.0), "her2": "negative", "ki67": 40.0}),
    ("B. RIGHT BREAST, LUMPECTOMY: ER POSITIVE (100%, STRONG), PR POSITIVE (80%), HER2 NEGATIVE (SCORE 0).\n"
     "COMMENT: Results of the core biopsy (outside, S25-88812) were reviewed: ER 95%, PR 90%, HER2 1+.",
     {"er": ("positive", 100.0), "pr": ("positive", 80.0), "her2": "negative", "ki67": None}),
])
def test_results_restated_from_an_earlier_specimen_give_way_without_a_conflict(text, expected):
    report = _profile(text)
    receptors = report.to_json_dict()["profile"]["receptors"]
    assert (receptors["er"]["status"], receptors["er"].get("percent")) == expected["er"]
    assert (receptors["pr"]["status"], receptors["pr"].get("percent")) == expected["pr"]
    assert receptors["her2"]["status"] == expected["her2"]
    assert receptors.get("ki67_percent") == expected["ki67"]
    assert not [c for c in report.conflicts if c.field.startswith("receptors.")]


def test_results_restated_in_the_clinical_history_stand_when_the_specimen_has_none():
    report = _profile("CLINICAL HISTORY: Recent lumpectomy (S25-9981) for IDC, grade 2, ER+ PR+ HER2-. Positive "
                      "anterior margin.\nDIAGNOSIS: Right breast, re-excision: residual ductal carcinoma in situ, "
                      "4 mm. No residual invasive carcinoma.\n")
    receptors = report.to_json_dict()["profile"]["receptors"]
    assert (receptors["er"]["status"], receptors["pr"]["status"], receptors["her2"]["status"]) == (
        "positive", "positive", "negative")
    assert not report.conflicts


def test_a_prior_biopsy_of_the_other_breast_keeps_its_side():
    report = _profile("DIAGNOSIS: L breast, 11 o'c, core bx: IDC, NG3. ER neg (0%). PR neg (0%). HER2 3+ by IHC.\n"
                      "Prior bx of R breast (2019): ILC, ER+/PR+/HER2-.\n")
    data = report.to_json_dict()["profile"]
    assert data["diagnosis"]["histology"] == "invasive_ductal"
    assert data["receptors"]["her2"]["status"] == "positive"
    assert [t["diagnosis"]["histology"] for t in data["other_tumors"]] == ["invasive_lobular"]


# round 9 (markers): an earlier cancer's results restated on page 1 give way to page 2's own.
def test_results_of_an_earlier_cancer_on_page_one_give_way_to_page_twos_own():
    report = _two_pages("CLINICAL HISTORY: Prior right breast IDC 2015 treated with lumpectomy; ER+ PR+ HER2 3+. "
                        "Now left breast mass.\nFINAL DIAGNOSIS: LEFT BREAST, NEEDLE CORE BIOPSY: INVASIVE MUCINOUS "
                        "CARCINOMA, GRADE 1.\n",
                        "IMMUNOHISTOCHEMISTRY (block 1A): Estrogen receptor 0%; Progesterone receptor 80% moderate; "
                        "HER2 IHC 0 (no membrane staining); Ki-67 5%.\n")
    receptors = report.to_json_dict()["profile"]["receptors"]
    assert (receptors["er"]["status"], receptors["er"]["percent"]) == ("negative", 0.0)
    assert receptors["pr"]["status"] == "positive"
    assert (receptors["her2"]["ihc_score"], receptors["her2"]["category"]) == ("0", "zero")
    assert not [c for c in report.conflicts if c.field.startswith("receptors.")]


def test_a_status_after_the_score_on_page_two_beats_an_earlier_cancers_status_on_page_one():
    report = _two_pages("CLINICAL HISTORY: Left breast cancer 2019 (lumpectomy, invasive ductal carcinoma, ER positive "
                        "95%, PR positive 60%, HER2 negative 1+), now new right breast mass.\n",
                        "FINAL DIAGNOSIS: RIGHT BREAST, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, GRADE 3, 3.1 CM.\n"
                        "BREAST BIOMARKERS (A2): ER: NEGATIVE (<1%). PR: NEGATIVE (0%). HER2 (IHC): 3+, POSITIVE.\n")
    receptors = report.to_json_dict()["profile"]["receptors"]
    assert (receptors["er"]["status"], receptors["pr"]["status"]) == ("negative", "negative")
    assert (receptors["her2"]["status"], receptors["her2"]["ihc_score"]) == ("positive", "3+")
    assert not [c for c in report.conflicts if c.field.startswith("receptors.")]


def test_a_consult_keeps_this_specimens_repeated_result_over_the_outside_report():
    report = _profile("PATHOLOGY CONSULTATION. Outside slides reviewed.\nOUTSIDE REPORT: invasive ductal carcinoma, "
                      "ER positive (95%), PR positive (60%), HER2 negative (1+).\nOUR DIAGNOSIS (lumpectomy): residual "
                      "invasive ductal carcinoma, 0.6 cm. ER repeated on the lumpectomy: positive, 70%, moderate. HER2 "
                      "by IHC on the current specimen: 0 (no staining).\n")
    receptors = report.to_json_dict()["profile"]["receptors"]
    assert (receptors["er"]["percent"], receptors["er"]["intensity"]) == (70.0, "moderate")
    assert (receptors["her2"]["ihc_score"], receptors["her2"]["category"]) == ("0", "zero")
    assert not [c for c in report.conflicts if c.field.startswith("receptors.")]
