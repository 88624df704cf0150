"""Properties of the clinical extractors on texts stitched from real phrasings in random order:
every evidence span is the page's text, every value has evidence, and the merge never fails."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.fields.clinical import extract_clinical
from extract.fields.diagnosis_date import extract_diagnosis_date
from extract.fields.genomics import extract_genomics
from extract.fields.labs import extract_labs
from extract.fields.medications import extract_medications
from extract.fields.metastases import extract_metastases
from extract.findings import DocumentFacts
from extract.merge import merge_facts, profile_leaves
from extract.models import DocumentSummary
from tests.clinical_helpers import page_of
from tests.test_extract_clinical_facts import CLINICAL, METASTASES
from tests.test_extract_clinical_genomics import FAMILY, ROWS as GENOMICS
from tests.test_extract_clinical_labs import NOT_RESULTS, ROWS as LABS
from tests.test_extract_clinical_medications import ABSENT, ROWS as MEDICATIONS

PHRASES = sorted({r[0] for r in (*MEDICATIONS, *ABSENT, *LABS, *GENOMICS, *CLINICAL, *METASTASES)}
                 | set(NOT_RESULTS) | set(FAMILY))
EXTRACTORS = (extract_medications, extract_labs, extract_genomics, extract_clinical, extract_metastases,
              extract_diagnosis_date)
SEPARATORS = st.sampled_from(["\n", " ", "\n\n", ". ", "; ", "\nASSESSMENT AND PLAN:\n", "\nMEDICATIONS:\n",
                              "\nFamily history:\n", "\nCollected: 03/04/2024\n"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PHRASES), SEPARATORS), min_size=1, max_size=5), st.booleans())
def test_evidence_is_page_text_and_every_value_has_evidence(parts, ocr):
    text = "".join(phrase + sep for phrase, sep in parts)
    page = page_of(text, ocr)
    findings = [f for fx in EXTRACTORS for f in fx(page)]
    for finding in findings:
        for evidence in [*finding.evidence, *(e for evs in finding.leaf_evidence.values() for e in evs)]:
            assert text[evidence.start:evidence.end] == evidence.text
    summary = DocumentSummary(id="d1", filename="x.txt", sha256="0" * 64, pages=1, kind="clinic_note",
                              date=date(2026, 1, 1), text_source="ocr" if ocr else "text-layer")
    data = merge_facts([DocumentFacts(summary=summary, findings=findings)]).to_json_dict()
    for path, _ in profile_leaves(data["profile"]):
        assert data["evidence"].get(path), path
    for entries in data["evidence"].values():
        for e in entries:
            assert text[e["start"]:e["end"]] == e["text"]
