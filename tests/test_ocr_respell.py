"""OCR's one-letter slips in label words and its glyphs for % (`extract.ocr_respell`): read as
spelled on OCR pages, with the misreading whole on the evidence and the reading on its correction;
text-layer pages are read as written. Snippets are our own, with the slips of 2000s fax scans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import build_profile
from extract.ocr_respell import RespellRules, _misreadings, mended, mended_span, mends
from extract.rules import load_model
from ingest import read
from ingest.errors import ConfigurationError
from tests.test_extract_pathology import assert_read_on_ocr_page, first_fact

# (text, path, value, evidence, correction): each had been lost on an OCR page (lead, twentieth round)
ROWS = [
    ("Invasive ductal carcinoma (tumor diarneter: 7 cm), the largest focus with ulceration.",
     "diagnosis.tumor_size_mm", 70.0, "tumor diarneter: 7 cm", "diarneter->diameter"),
    ("Invasive ductal carcinoma (tumor cliameter 4.0 cm).", "diagnosis.tumor_size_mm", 40.0,
     "tumor cliameter 4.0 cm", "cliameter->diameter"),
    ("INFILTRATING DUCTAL CARCINOMA, HIGH GRADE. TUMOR 5IZE = 2.2 CM.", "diagnosis.tumor_size_mm", 22.0,
     "TUMOR 5IZE = 2.2 CM", "5IZE->SIZE"),
    ("Invasive lobular carcinoma of the right breast rneasuring up to 3.3 cm.", "diagnosis.tumor_size_mm", 33.0,
     "carcinoma of the right breast rneasuring up to 3.3 cm", "rneasuring->measuring"),
    ("INVASIVE DUCTAL CARCINOMA, RANGING IN SIZE FR0M 1.0 CM UP TO 3.7 CM.", "diagnosis.tumor_size_mm", 37.0,
     "RANGING IN SIZE FR0M 1.0 CM UP TO 3.7 CM", "FR0M->FROM"),
    ("Infiltrating ductal carcinoma, Nottingham gradc III (of III).", "diagnosis.grade", 3,
     "Nottingham gradc III (of III)", "gradc->grade"),
    # lead, twenty-first round: the status and label words the receptor, laterality and histology
    # grammars anchor on, with the slips random confusions made in the dev reports read as OCR
    ("ESTROGEN RECEPTOR: PO5ITIVE (90% OF TUMOR CELLS).", "receptors.er.status", "positive",
     "ESTROGEN RECEPTOR: PO5ITIVE", "PO5ITIVE->POSITIVE"),
    ("Progesterone receptor: Ncgative (0%).", "receptors.pr.status", "negative",
     "Progesterone receptor: Ncgative", "Ncgative->Negative"),
    ("Progcsterone receptor: negative (0%).", "receptors.pr.status", "negative",
     "Progcsterone receptor: negative", "Progcsterone->Progesterone"),
    ("E5TROGEN RECEPTOR: POSITIVE (95%).", "receptors.er.status", "positive", "E5TROGEN RECEPTOR: POSITIVE",
     "E5TROGEN->ESTROGEN"),
    ("HER2 by IHC: EQU1VOCAL (2+).", "receptors.her2.status", "equivocal", "HER2 by IHC: EQU1VOCAL",
     "EQU1VOCAL->EQUIVOCAL"),
    ("Specimen: lumpectomy. Latera1ity: Right.", "diagnosis.laterality", "right", "Latera1ity: Right",
     "Latera1ity->Laterality"),
    ("8REAST, LEFT, MODIFIED RADICAL MASTECTOMY: INVASIVE DUCTAL CARCINOMA.", "diagnosis.laterality", "left",
     "8REAST, LEFT", "8REAST->BREAST"),
    ("SIZE (INVASIVE): Approximatcly 70 mm; see comment.", "diagnosis.tumor_size_mm", 70.0,
     "SIZE (INVASIVE): Approximatcly 70 mm", "Approximatcly->Approximately"),
    # short key words, respelled only from a misreading with a digit in it
    ("LEFT AXILLA, LYMPH NODE DISSECTION: METASTATIC BREAST CARCINOMA IS IDENTIFIED IN 1 0F 6 LYMPH NODES EXAMINED.",
     "lymph_nodes.examined", 6, "1 0F 6 LYMPH NODES", "0F->OF"),
    ("B. SENTINEL LYMPH NODE #2, LEFT AXILLA, EXCISION: 0NE LYMPH NODE, NEGATIVE FOR METASTATIC CARCINOMA.",
     "lymph_nodes.examined", 1, "0NE LYMPH NODE, NEGATIVE", "0NE->ONE"),
    ("Metastatic carcinoma in tw0 of ten axillary lymph nodes.", "lymph_nodes.positive", 2,
     "tw0 of ten axillary lymph nodes", "tw0->two"),
    ("SENTINEL LYMPH NODE #2, LEVEL I, RIGHT AXILLA; BIOPSY: ONE BEN1GN LYMPH NODE.", "lymph_nodes.examined", 1,
     "ONE BEN1GN LYMPH NODE", "BEN1GN->BENIGN"),
    ("AXILLARY DISSECTION: F1VE LYMPH NODES, NEGATIVE FOR CARCINOMA.", "lymph_nodes.examined", 5,
     "F1VE LYMPH NODES, NEGATIVE", "F1VE->FIVE"),
]

# read on OCR pages, where a text-layer page reads the words around the slip instead (or nothing)
OCR_ONLY_ROWS = [
    ("Histologic type: invasive cluctal carcinoma, no special type.", "diagnosis.histology", "invasive_ductal",
     "invasive cluctal carcinoma", "cluctal->ductal"),
    ("DIAGNOSIS: INVASIVE DUCTAL CARCINOMA, MIXED MUCINOU5 AND NOS TYPE.", "diagnosis.histology", "other",
     "INVASIVE DUCTAL CARCINOMA, MIXED MUCINOU5", "MUCINOU5->MUCINOUS"),
    # the slash of HER2/NEU read as a capital I or an l (a grammar's OCR form: no correction recorded)
    ("HER2INEU (IHC): 1+, negative.", "receptors.her2.status", "negative", "HER2INEU (IHC): 1+, negative", None),
    ("Her2Ineu: 3+ positive.", "receptors.her2.status", "positive", "Her2Ineu: 3+ positive", None),
    ("Hcr2: 3+ (positive).", "receptors.her2.status", "positive", "Hcr2: 3+ (positive", None),
    ("Lymph nodes. Nurnber of lymph nodes examined: 12. Number of lymph nodes with macrometastases: 0.",
     "lymph_nodes.examined", 12, "Nurnber of lymph nodes examined: 12", "Nurnber->Number"),
]


def test_a_misread_not_is_still_a_negation():
    # "N0T AMPLIFIED" had been read as amplified: the respelled "NOT" negates it
    f = first_fact("HER2 FISH: N0T AMPLIFIED (RATIO 1.1).", "receptors.her2.ish_result", source="ocr")
    assert f is not None and (f.value, f.evidence[0].correction) == ("not_amplified", "N0T->NOT")


@pytest.mark.parametrize("text,path,value,evidence,correction", ROWS)
def test_a_misread_label_word_is_read_on_ocr_pages(text, path, value, evidence, correction):
    assert_read_on_ocr_page(text, path, value, evidence, correction)


@pytest.mark.parametrize("text,path,value,evidence,correction", ROWS)
def test_a_misread_label_word_is_read_as_written_on_text_layer_pages(text, path, value, evidence, correction):
    assert first_fact(text, path) is None


@pytest.mark.parametrize("text,path,value,evidence,correction", OCR_ONLY_ROWS)
def test_a_misread_word_is_read_on_ocr_pages_only(text, path, value, evidence, correction):
    assert_read_on_ocr_page(text, path, value, evidence, correction)
    text_layer = first_fact(text, path)
    assert text_layer is None or text_layer.evidence[0].text != evidence


def test_a_misread_synoptic_heading_still_ends_the_benign_part_before_it():
    # "SYNOPT1C REPORT" opens the cancer's synoptic block: its "Laterality: Left" is not part B's
    # (the benign right breast); read as written, part B runs on and the sides conflict
    text = ("FINAL DIAGNOSIS: A. BREAST, LEFT, NEEDLE LOCALIZATION EXCISION: - INVASIVE DUCTAL CARCINOMA, "
            "NOTTINGHAM GRADE 2. - DUCTAL CARCINOMA IN SITU. B. BREAST, RIGHT, REDUCTION: - FIBROCYSTIC CHANGE "
            "WITH APOCRINE METAPLASIA (SEE NOTE). - BENIGN SKIN. SYNOPT1C REPORT - BREAST. Specimen Type: "
            "Excision. Laterality: Left. Invasive Tumor: Present. Histologic Type: Invasive ductal carcinoma. "
            "Tumor Size: 1.6 cm.")
    out = _ocr_profile(text)
    assert out["profile"]["diagnosis"]["laterality"] == "left"
    assert not [c for c in out.get("conflicts", []) if c["field"] == "diagnosis.laterality"]


def _ocr_profile(text: str) -> dict:
    doc = read(text.encode(), "report.txt")
    doc = doc.model_copy(update={"pages": [p.model_copy(update={"source": "ocr"}) for p in doc.pages]})
    return build_profile([doc]).to_json_dict()


def test_a_misread_control_is_still_no_result_of_the_patient():
    # "HER2 amplified contro1 tissue" is the run's control, not a second ISH result that contradicts hers
    out = _ocr_profile("FISH: PathVysion HER-2 DNA Probe Kit. Interpretation: HER-2 NOT AMPLIFIED. HER2/CEP17 "
                       "ratio: 1.02. Controls: cell lines with high, low and negative HER2 protein expression and "
                       "in-house known HER2 amplified contro1 tissue were evaluated along with the test tissue.")
    assert out["profile"]["receptors"]["her2"]["status"] == "negative"
    assert not out.get("conflicts")


@pytest.mark.parametrize("source", ["ocr", "text-layer"])
@pytest.mark.parametrize("text,evidence,value", [
    ("FISH result: HER2ICEP17 RATIO: 1.3 (not amplified).", "HER2ICEP17 RATIO: 1.3", 1.3),
    ("Results interpreted: yes. HERZ/CEP17 ratio: 1.02. This ratio is derived by dividing", "HERZ/CEP17 ratio: 1.02",
     1.02),
])
def test_a_ratio_label_with_its_slash_or_2_misread_is_read(source, text, evidence, value):
    # the probe's name after HER2 leaves no other reading of the "I" or the "Z"
    f = first_fact(text, "receptors.her2.ish_ratio", source=source)
    assert f is not None and (f.value, f.evidence[0].text) == (value, evidence)


def test_a_value_read_without_the_label_keeps_the_reading_on_its_evidence():
    # "two of fourteen lymph nodes" is read either way; on an OCR page the evidence says how
    f = first_fact("Lymph nodes: metastatic carcinoma in two of fourteen lyrnph nodes.", "lymph_nodes.positive",
                   source="ocr")
    assert (f.value, f.evidence[0].text, f.evidence[0].correction) == (2, "two of fourteen lyrnph nodes",
                                                                        "lyrnph->lymph")


def test_misreadings_keep_the_case_and_never_respell_a_word_of_its_own():
    found = {printed: read for _, _, printed, read in mends(
        "SENTlNEL NODE, RlGHT AXILLA. Histologie: carcinome canalaire. Turnour size. tumor. grade. diameter.")}
    assert found == {"SENTlNEL": "SENTINEL", "RlGHT": "RIGHT", "Turnour": "Tumour"}
    table = _misreadings()
    assert "histologie" not in table and "diameter" not in table and table["diarneter"] == "diameter"


def test_section_heading_words_are_respelled():
    # a heading misread opens no section: the parameters after it were read as part of the diagnosis line
    found = {printed: read for _, _, printed, read in mends("Breast Pathologie Parameters. SYNOPT1C REPORT. LC1S")}
    assert found == {"Pathologie": "Pathologic", "SYNOPT1C": "SYNOPTIC", "LC1S": "LCIS"}


def test_short_key_words_are_respelled_from_a_digit_only():
    found = {printed: read for _, _, printed, read in mends("IN 1 0F 6 NODES; 0NE NODE; arc, 0n, pN0 T2 10F 2+")}
    assert found == {"0F": "OF", "0NE": "ONE"}


_PIECES = st.sampled_from(["tumor", "diarneter", "5IZE", "FR0M", "gradc", "80°/o", "rneasuring", "cm", "2.2", " ",
                           "\n", ": ", "of", "SENTlNEL", "lyrnph", "nodes", "x", "°/0"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.integers(0, 200), st.integers(0, 60))
def test_mending_keeps_every_offset_and_evidence_takes_a_misreading_whole(text, start, length):
    found = mends(text)
    view = mended(text, found)
    assert len(view) == len(text)
    start = min(start, len(text))
    end = min(start + length, len(text))
    s, e, read = mended_span(found, [m[0] for m in found], start, end)
    assert s <= start and e >= end
    touched = [m for m in found if m[0] < end and m[1] > start]
    for m_start, m_end, printed, _ in touched:
        assert s <= m_start and m_end <= e and text[m_start:m_end] == printed
    assert (read is None) == (not touched)


@pytest.mark.parametrize("broken", [
    "version: x\nwords: [Diameter]\nconfusions: [[rn, m]]\n",
    "version: x\nwords: [size]\nconfusions: [[m, rn]]\n",
    "version: x\nwords: [cm]\nconfusions: [[rn, m]]\n",
    "version: x\nwords: [size]\nconfusions: [[rn, m]]\nshort_words: [three]\n",
])
def test_a_broken_respell_file_is_a_configuration_error(tmp_path: Path, broken: str):
    path = tmp_path / "ocr_respell.yaml"
    path.write_text(broken)
    with pytest.raises(ConfigurationError):
        load_model(path, RespellRules)


def test_a_misread_result_word_reads_a_recurrence_score_on_ocr_pages_only():
    """gen21-b: a faxed tumour board's Oncotype line, "1" for "l" in "Result"."""
    from extract.fields.clinical import extract_clinical
    from tests.clinical_helpers import run

    text = "Oncotype DX Breast Recurrence Score (sent 24-10-2026) :\n       Recurrence Score Resu1t : 14\n"
    (found,) = [f for f in run(extract_clinical, text, ocr=True) if f.path == "recurrence_score"]
    assert found.value == {"test": "oncotype_dx", "value": 14}
    assert (found.evidence[0].text, found.evidence[0].correction) == ("Recurrence Score Resu1t : 14", "Resu1t->Result")
    assert [f for f in run(extract_clinical, text) if f.path == "recurrence_score"] == []
