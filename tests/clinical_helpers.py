"""Helpers for the clinical field tests: analyse a text as one page and run one extractor, or build the
profile of one OCR'd report."""

from __future__ import annotations

from extract.analysis import analyze_page
from extract.findings import Finding
from ingest.models import Document, Page


def page_of(text: str, ocr: bool = False):
    return analyze_page("d1", Page(number=1, text=text, source="ocr" if ocr else "text-layer"))


def ocr_report_profile(text: str) -> dict:
    """The PROFILE.md profile of one report given as OCR text (one page)."""
    from extract import build_profile
    doc = Document(sha256="0" * 64, filename="r.txt", type="text", pages=[Page(number=1, text=text, source="ocr")])
    return build_profile([doc]).to_json_dict()["profile"]


def run(extractor, text: str, ocr: bool = False) -> list[Finding]:
    """The findings of `extractor` on `text`, after checking every evidence span against the text."""
    page = page_of(text, ocr)
    findings = list(extractor(page))
    for finding in findings:
        for evidence in [*finding.evidence, *(e for evs in finding.leaf_evidence.values() for e in evs)]:
            assert text[evidence.start:evidence.end] == evidence.text, evidence
            assert evidence.source == ("ocr" if ocr else "text-layer")
    return findings


def item(findings: list[Finding], key: str, value) -> Finding | None:
    """The list-item finding whose value[key] == value (medications by name, labs by name...)."""
    found = [f for f in findings if isinstance(f.value, dict) and f.value.get(key) == value]
    assert len(found) <= 1, f"{len(found)} items with {key}={value}"
    return found[0] if found else None


def evidence_text(finding: Finding, leaf: str) -> str:
    return finding.leaf_evidence[leaf][0].text


def matches(actual, expected) -> bool:
    """Numbers within 1e-3, lists of dicts item by item on the expected keys, the rest equal."""
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(
            all(matches(a.get(k), v) for k, v in e.items()) for a, e in zip(actual, expected, strict=True))
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        return isinstance(actual, float | int) and abs(actual - expected) < 1e-3
    return actual == expected


def check_item(found: Finding | None, what: str, leaves: dict, spans: dict) -> None:
    """An item has the expected leaves, evidence covering the expected texts, and evidence for
    every leaf it has (change leaves as `changes[i].key`)."""
    assert found is not None, f"{what} not found"
    for leaf, value in leaves.items():
        assert matches(found.value.get(leaf), value), (leaf, found.value.get(leaf), value)
    for leaf, span in spans.items():
        assert evidence_text(found, leaf) == span, leaf
    for leaf, value in found.value.items():
        if leaf == "changes":
            for i, change in enumerate(value):
                for key in change:
                    assert found.leaf_evidence.get(f"changes[{i}].{key}"), (i, key)
        elif value is not None:
            assert found.leaf_evidence.get(leaf), leaf
