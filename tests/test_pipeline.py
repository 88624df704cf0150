"""The page pipeline and the extraction interface: sentences, sections, AnalyzedPage, read_document,
and the property that every evidence span is exactly its page text."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.analysis import AnalyzedPage, analyze_page
from extract.document import read_document
from extract.findings import DocumentFacts
from extract.pipeline import build_nlp
from ingest.models import Document, Page


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in build_nlp()(text).sents if s.text.strip()]


SENTENCE_TABLE = [
    # synoptic "Label: value" lines, one a line
    ("ER: Positive (95%)\nPR: Negative\nHER2 (IHC): 2+",
     ["ER: Positive (95%)", "PR: Negative", "HER2 (IHC): 2+"]),
    # bullets
    ("- Invasive ductal carcinoma\n- Margins negative\n• LVI absent",
     ["- Invasive ductal carcinoma", "- Margins negative", "• LVI absent"]),
    # run-on OCR text: a period ends a sentence, a decimal or an OCR-split decimal does not
    ("TUMOR SIZE: 2.5 CM. MARGINS NEGATIVE. SIZE 3. 0CM BY GROSS.",
     ["TUMOR SIZE: 2.5 CM.", "MARGINS NEGATIVE.", "SIZE 3. 0CM BY GROSS."]),
    # a part label "A." does not end a sentence
    ("A. BREAST, LEFT, LUMPECTOMY: CARCINOMA. B. LYMPH NODE: BENIGN.",
     ["A. BREAST, LEFT, LUMPECTOMY: CARCINOMA.", "B. LYMPH NODE: BENIGN."]),
    # a section header is its own sentence
    ("FINAL DIAGNOSIS: Invasive carcinoma.", ["FINAL DIAGNOSIS:", "Invasive carcinoma."]),
    ("No lymphovascular invasion; margins free.", ["No lymphovascular invasion;", "margins free."]),
    # prose wrapped at the margin is one sentence; a synoptic line or bullet after it is not
    ("Ribociclib was held for grade 3 neutropenia and resumed at 400 mg on\n03/18/2024. ANC 1.6 today.",
     ["Ribociclib was held for grade 3 neutropenia and resumed at 400 mg on\n03/18/2024.", "ANC 1.6 today."]),
    ("She tolerated the first cycle of paclitaxel\nwell, with grade 1 neuropathy.\nER: positive\nPR: negative",
     ["She tolerated the first cycle of paclitaxel\nwell, with grade 1 neuropathy.", "ER: positive", "PR: negative"]),
    ("Plan is to continue letrozole and\n- repeat labs in 2 weeks", ["Plan is to continue letrozole and",
                                                                     "- repeat labs in 2 weeks"]),
    # a number after a word ends a sentence; a numbered part label at a line start does not (session 11)
    ("Hgb 9.8, Plt 88. Blood cultures: no growth.", ["Hgb 9.8, Plt 88.", "Blood cultures: no growth."]),
    ("DIAGNOSIS:\n2. LYMPH NODES: negative.", ["DIAGNOSIS:", "2. LYMPH NODES: negative."]),
    # abbreviations do not end a sentence
    ("Rt. breast, lumpectomy: carcinoma. Seen by Dr. Hale.", ["Rt. breast, lumpectomy: carcinoma.", "Seen by Dr. Hale."]),
    # gen13-b: nor does a dosage form ("on Tab. Metformin"); rows of a medication list at one indentation are
    # separate sentences even in lower case, while a wrapped line of prose still is not
    ("DM on Tab. Metformin 500 mg BD. Inj. Zoledronic acid 4 mg IV.",
     ["DM on Tab. Metformin 500 mg BD.", "Inj. Zoledronic acid 4 mg IV."]),
    ("  ondansetron 8 mg tablet - every 8 hours as needed for nausea\n  prochlorperazine 10 mg tablet - as needed",
     ["ondansetron 8 mg tablet - every 8 hours as needed for nausea", "prochlorperazine 10 mg tablet - as needed"]),
    ("She continues\nribociclib 600 mg daily with letrozole.", ["She continues\nribociclib 600 mg daily with letrozole."]),
    ("Patient asked about St. John's wort for mood.", ["Patient asked about St. John's wort for mood."]),
]


@pytest.mark.parametrize("text,expected", SENTENCE_TABLE)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_analyzed_page_interface():
    text = "FINAL DIAGNOSIS: Invasive ductal carcinoma (IDC), left breast.\nER: negative."
    page = Page(number=2, text=text, source="ocr")
    analyzed = analyze_page("d7", page)
    assert isinstance(analyzed, AnalyzedPage)
    assert analyzed.document_id == "d7" and analyzed.page is page and analyzed.text == text
    assert analyzed.is_ocr and len(analyzed.doc) > 5
    start = text.index("Invasive")
    s0, s1 = analyzed.sentence_at(start)
    assert text[s0:s1].startswith("Invasive ductal carcinoma")
    assert analyzed.section_at(start) == "final_diagnosis"
    assert analyzed.section_at(0) == "final_diagnosis"
    assert analyzed.assertion(start, start + 25) == "present"
    ev = analyzed.evidence(start, start + 25, "histology.ductal", correction=None, confidence=0.9)
    assert (ev.document, ev.page, ev.text, ev.source, ev.rule) == ("d7", 2, "Invasive ductal carcinoma", "ocr",
                                                                   "histology.ductal")
    assert analyzed.abbreviations() == {"IDC": "Invasive ductal carcinoma"}


def test_an_empty_page_is_analysed_without_error():
    analyzed = analyze_page("d1", Page(number=1, text="", source="text-layer"))
    assert analyzed.sentence_at(0) == (0, 0) and analyzed.section_at(0) is None
    assert analyzed.assertion(0, 0) == "present"


def _document(*texts: str, source: str = "text-layer") -> Document:
    body = "\f".join(texts).encode()
    return Document(sha256=hashlib.sha256(body).hexdigest(), filename="report.txt", type="text",
                    pages=[Page(number=i, text=t, source=source) for i, t in enumerate(texts, 1)])


def test_read_document_runs_every_extractor_on_every_page():
    doc = _document("FINAL DIAGNOSIS: Breast, right, lumpectomy: invasive lobular carcinoma, 1.6 cm.",
                    "ADDENDUM: ER: positive (90%). HER2 (IHC): 1+.")
    facts = read_document(doc, "d3")
    assert isinstance(facts, DocumentFacts)
    assert facts.summary.id == "d3" and facts.summary.pages == 2
    by_path = {f.path: f for f in facts.facts()}
    assert by_path["diagnosis.histology"].value == "invasive_lobular"
    assert by_path["receptors.er.percent"].evidence[0].page == 2
    assert by_path["receptors.her2.ihc_score"].value == "1+"


def _receptors_raising(monkeypatch, error: Exception) -> None:
    """Registered extractors with the receptors extractor replaced by one that raises `error`."""
    import extract.fields as fields

    def failing_receptors(page):
        yield from ()
        raise error

    failing_receptors.__name__ = "extract_receptors"
    monkeypatch.setattr(fields, "FIELD_EXTRACTORS",
                        [failing_receptors if f.__name__ == "extract_receptors" else f for f in fields.FIELD_EXTRACTORS])


def test_an_extractor_out_of_time_loses_its_own_findings_only(monkeypatch, caplog):
    """A pattern search past its time budget raises TimeoutError inside one extractor: that
    extractor's findings on that page are dropped, every other field is still read, and the log
    names the extractor and page without the record's text."""
    _receptors_raising(monkeypatch, TimeoutError("regex timed out"))
    doc = _document("FINAL DIAGNOSIS: Breast, right, lumpectomy: invasive lobular carcinoma, 1.6 cm. ER: positive (90%).")
    with caplog.at_level("WARNING"):
        facts = read_document(doc, "d1")
    paths = {f.path for f in facts.facts()}
    assert "diagnosis.histology" in paths and not any(p.startswith("receptors.") for p in paths)
    assert "extract_receptors ran out of time on page 1" in caplog.text and "lobular" not in caplog.text


def test_an_extractor_that_fails_loses_its_own_findings_only_unless_strict(monkeypatch, caplog):
    """A bug in one extractor (here a ValueError quoting the record) drops that extractor's findings
    on that page; the document's other fields are read, and the log names the extractor, page and
    error type, never the text or the error's message. The test suite runs strict: the error rises."""
    import extract.document as document

    _receptors_raising(monkeypatch, ValueError("could not convert string to float: 'lobular 1.4L'"))
    doc = _document("FINAL DIAGNOSIS: Breast, right, lumpectomy: invasive lobular carcinoma, 1.6 cm. ER: positive (90%).")
    with pytest.raises(ValueError):
        read_document(doc, "d1")
    monkeypatch.setenv(document.STRICT_ENV, "0")
    with caplog.at_level("WARNING"):
        facts = read_document(doc, "d1")
    paths = {f.path for f in facts.facts()}
    assert "diagnosis.histology" in paths and not any(p.startswith("receptors.") for p in paths)
    assert "extract_receptors failed on page 1 (ValueError at test_pipeline.py:" in caplog.text
    assert "lobular" not in caplog.text and "1.4L" not in caplog.text


def test_read_document_skips_pages_that_failed_to_read():
    doc = _document("Invasive ductal carcinoma.", "")
    doc.pages[1].error = {"code": "ocr_failed", "message": "x"}  # type: ignore[assignment]
    facts = read_document(doc, "d1")
    assert {e.page for f in facts.findings for e in f.evidence} == {1}


def test_findings_are_ordered_best_first_within_a_path():
    doc = _document("CLINICAL HISTORY: invasive ductal carcinoma on core biopsy. "
                    "FINAL DIAGNOSIS: Invasive lobular carcinoma, classic type.")
    histology = [f for f in read_document(doc, "d1").facts() if f.path == "diagnosis.histology"]
    assert [f.value for f in histology][0] == "invasive_lobular"


# -- property: evidence is exactly its page text -------------------------------------------------

PHRASES = [
    "FINAL DIAGNOSIS:", "A. Breast, left, mastectomy:", "B. Lymph node, sentinel #1:", "Invasive ductal carcinoma",
    "invasive lobular carcinoma", "Nottingham grade 2 (3+2+2=7)", "TUMOR SIZE: 2.5 X 2.0 CM", "ER: Positive (95%)",
    "PR: negative (<1%)", "HER2 (IHC): 2+", "HER2 FISH: not amplified, ratio 1.3", "Ki-67: 20%",
    "pT2 N0 (i+) MX", "ypT1a ypN1mi", "pTlc pNia", "STAGE |IB", "metastatic carcinoma in 2 of 14 lymph nodes (2/14)",
    "no evidence of malignancy", "r/o DCIS", "mother had breast cancer", "Laterality: Right", "\n", "; ", ". ",
    "ribociclib 400 mg daily", "ANC 0.9 K/uL", "GROSS DESCRIPTION:", "ADDENDUM:", "(", ")", "  ",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=12)), max_size=25),
       source=st.sampled_from(["text-layer", "ocr"]))
def test_every_evidence_span_is_its_page_text(parts, source):
    text = " ".join(parts)
    doc = _document(text, source=source)
    facts = read_document(doc, "d1")
    for f in facts.findings:
        for ev in [*f.evidence, *(e for evs in f.leaf_evidence.values() for e in evs)]:
            assert ev.document == "d1" and ev.page == 1 and ev.source == source
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text


def test_the_tokenizers_keep_no_whitespace_special_cases_and_split_as_spacy_does():
    # spaCy stops caching a text's words after the first special case in it; a whitespace run is
    # one token either way, so the page and ConText tokenizers drop those cases (same tokens).
    import spacy

    from extract.pipeline import build_context_nlp, build_nlp

    text = "FINAL DIAGNOSIS:\n\tA. LEFT BREAST,  LUMPECTOMY:\u00a0INVASIVE DUCTAL \tCARCINOMA (2.1 CM).\n\nER: 95%"
    plain = [(t.text, t.whitespace_) for t in spacy.blank("en").tokenizer(text)]
    for nlp in (build_nlp(), build_context_nlp()):
        tokenizer = getattr(nlp.tokenizer, "inner", nlp.tokenizer)
        assert not [case for case in tokenizer.rules if case.isspace()]
        assert [(t.text, t.whitespace_) for t in nlp.tokenizer(text)] == plain
