"""OCR's one-letter slips in label words and its glyphs for % (`extract.ocr_respell`): read as
spelled on OCR pages, with the misreading whole on the evidence and the reading on its correction;
text-layer pages are read as written. Snippets are our own, with the slips of 2000s fax scans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.ocr_respell import RespellRules, _misreadings, mended, mended_span, mends
from extract.rules import load_model
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
     "Nottingham gradc III (of III)", "gradc->grade"),]


@pytest.mark.parametrize("text,path,value,evidence,correction", ROWS)
def test_a_misread_label_word_is_read_on_ocr_pages(text, path, value, evidence, correction):
    assert_read_on_ocr_page(text, path, value, evidence, correction)


@pytest.mark.parametrize("text,path,value,evidence,correction", ROWS)
def test_a_misread_label_word_is_read_as_written_on_text_layer_pages(text, path, value, evidence, correction):
    assert first_fact(text, path) is None


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
