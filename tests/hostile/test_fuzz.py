"""A short fuzz run over ingest and extract (the long one is `bench/fuzz.py`): record-like and
arbitrary text, and damaged files of every accepted kind, raise nothing but the project's own
errors, and every evidence span read from them points at its own text."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.fuzz import any_text, check_extract, check_file, damaged, pages_of, seed_files

SHORT = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                 derandomize=True)


@lru_cache(maxsize=1)
def _seeds() -> list[bytes]:
    return seed_files()


@SHORT
@given(st.lists(any_text, min_size=1, max_size=3))
def test_extract_raises_only_our_errors_and_keeps_evidence_exact(texts):
    check_extract(pages_of(texts))


@SHORT
@given(st.data())
def test_damaged_files_through_ingest_and_extract(data):
    check_file(data.draw(damaged(_seeds())))


def test_the_property_catches_a_wrong_span():
    """The check is not vacuous: a finding whose span misses its text fails it."""
    import pytest

    import extract
    from extract.findings import DocumentFacts, Finding
    from extract.models import DocumentSummary, Evidence

    doc = pages_of(["ER positive 95%"])
    wrong = Evidence(document="d1", page=1, start=0, end=2, text="PR", source="text-layer", rule="x")
    facts = DocumentFacts(summary=DocumentSummary(id="d1", filename="f", sha256="0" * 64, pages=1, kind="other",
                                                  text_source="text-layer"),
                          findings=[Finding(path="receptors.er.status", value="positive", evidence=[wrong])])
    original = extract.read_document
    extract.read_document = lambda *a: facts
    try:
        with pytest.raises(AssertionError):
            check_extract(doc)
    finally:
        extract.read_document = original
