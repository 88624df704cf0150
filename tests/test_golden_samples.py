"""Golden profiles: every sample patient, in every format, against `samples/expected/<patient>.json`.

Formats: `text` (the text PDFs), `scanned` (each document that has a scan read from its image-only
PDF through OCR) and `photo` (the phone photo in place of its document). For each patient and
format: every expected field right; every medication with its dose, status and dose changes;
nothing the golden file marks absent; every expected conflict listed; no medication beyond the
expected and optional ones; every evidence entry's text equal to its page's text at its offsets;
every value with evidence.

The records are read once per test session (OCR is the slow part). When `samples/records/` holds
no rendered records, they are generated into a temporary directory first (`samples.generate`).
These tests skip only while `samples/expected/` does not exist.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = SAMPLES / "expected"

pytestmark = pytest.mark.skipif(not EXPECTED.is_dir(), reason="samples/expected/ does not exist yet")

FORMATS = ("text", "scanned", "photo")


def _patients() -> list[str]:
    return sorted(p.stem for p in EXPECTED.glob("*.json")) if EXPECTED.is_dir() else []


def _manifest_entries(records: Path, patient: str) -> list[dict]:
    manifest = json.loads((records / "manifest.json").read_text(encoding="utf-8"))
    return manifest["patients"][patient]["documents"]


def _formats(patient: str) -> list[str]:
    """The formats this patient has records in (from the checked-in manifest; all when it is missing)."""
    manifest = SAMPLES / "records" / "manifest.json"
    if not manifest.is_file():
        return list(FORMATS)
    entries = _manifest_entries(manifest.parent, patient)
    return ["text"] + [fmt for fmt, key in (("scanned", "scan"), ("photo", "photo")) if any(key in e for e in entries)]


def _cases() -> list[Any]:
    cases = []
    for patient in _patients():
        for fmt in _formats(patient):
            marks = [pytest.mark.ocr, pytest.mark.slow] if fmt != "text" else []
            cases.append(pytest.param(patient, fmt, id=f"{patient}-{fmt}", marks=marks))
    return cases


@cache
def _records_dir() -> Path:
    """samples/records when it holds the rendered records, else a generated copy."""
    records = SAMPLES / "records"
    first = next(iter(_patients()), None)
    if first and (records / "manifest.json").is_file():
        if all((records / e["text_pdf"]).is_file() for e in _manifest_entries(records, first)):
            return records
    import tempfile

    from samples.generate import write_all

    out = Path(tempfile.mkdtemp(prefix="oncoguide-samples-"))
    write_all(out)
    import atexit

    atexit.register(shutil.rmtree, out, True)
    return out / "records"


@cache
def _read(path: Path):
    from ingest import read

    return read(path.read_bytes(), path.name)


def _files(patient: str, fmt: str) -> list[Path] | None:
    """The files of this patient in this format, or None when the format has nothing of its own."""
    from bench.clinical import files_in_format

    records = _records_dir()
    return files_in_format(_manifest_entries(records, patient), records, fmt)


@cache
def _report(patient: str, fmt: str):
    from extract import build_profile

    files = _files(patient, fmt)
    if files is None:
        return None
    documents = [_read(path) for path in files]
    return documents, build_profile(documents)


def _case(patient: str, fmt: str):
    if fmt != "text" and shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    result = _report(patient, fmt)
    if result is None:
        pytest.skip(f"{patient} has no {fmt} record")
    documents, report = result
    from samples.expected import load

    return load(patient), documents, report.to_json_dict()


# --------------------------------------------------------------------------- comparing profiles


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual == expected
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(actual - expected) <= 1e-6 * max(1.0, abs(expected))
    return actual == expected


def _item_key(section: str, item: dict) -> tuple:
    if section == "medications":
        return (item.get("name"),)
    if section == "labs":
        return (item.get("name"), item.get("date"), round(float(item.get("value", 0)), 4))
    if section == "genomics":
        return (item.get("gene"), item.get("origin"))
    return (json.dumps(item, sort_keys=True),)


def _differences(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Where `actual` misses or contradicts `expected` (extra keys in `actual` are allowed)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected {expected!r}, got {actual!r}"]
        out = []
        for key, value in expected.items():
            out += _differences(actual.get(key), value, f"{path}.{key}" if path else key)
        return out
    if isinstance(expected, list) and expected and isinstance(expected[0], dict):
        section = path.split(".")[-1]
        actual_items = {_item_key(section, a): a for a in (actual or []) if isinstance(a, dict)}
        out = []
        for value in expected:
            key = _item_key(section, value)
            if key not in actual_items:
                out.append(f"{path}: missing item {key} (have {sorted(actual_items, key=str)})")
            else:
                out += _differences(actual_items[key], value, f"{path}[{'/'.join(map(str, key))}]")
        return out
    if isinstance(expected, list):  # a list of words (metastatic sites) or of changes
        return [] if actual is not None and all(any(_same(a, e) for a in actual) for e in expected) else \
            [f"{path}: expected {expected!r}, got {actual!r}"]
    return [] if _same(actual, expected) else [f"{path}: expected {expected!r}, got {actual!r}"]


def _changes_differences(actual: list[dict], expected: list[dict], path: str) -> list[str]:
    out = []
    if len(actual) != len(expected):
        out.append(f"{path}: expected {len(expected)} change(s), got {actual!r}")
    for change in expected:
        if not any(all(_same(a.get(k), v) for k, v in change.items()) for a in actual):
            out.append(f"{path}: missing change {change!r} (have {actual!r})")
    return out


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("patient, fmt", _cases())
def test_every_expected_field_is_right(patient, fmt):
    expected, _, data = _case(patient, fmt)
    want = json.loads(json.dumps(expected.profile))
    expected_meds = want.pop("medications", [])
    problems = _differences(data["profile"], want)
    actual_meds = {m["name"]: m for m in data["profile"].get("medications", [])}
    for med in expected_meds:
        actual = actual_meds.get(med["name"])
        if actual is None:
            problems.append(f"medications: missing {med['name']}")
            continue
        changes = med.pop("changes", [])
        problems += _differences(actual, med, f"medications[{med['name']}]")
        problems += _changes_differences(actual.get("changes", []), changes, f"medications[{med['name']}].changes")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("patient, fmt", _cases())
def test_nothing_marked_absent_is_present(patient, fmt):
    from samples.expected import absent_violations

    expected, _, data = _case(patient, fmt)
    assert absent_violations(data["profile"], expected.absent) == []


@pytest.mark.parametrize("patient, fmt", _cases())
def test_expected_conflicts_are_listed(patient, fmt):
    expected, _, data = _case(patient, fmt)
    listed = {c["field"] for c in data["conflicts"]}
    assert [f for f in expected.expected_conflicts if f not in listed] == []
    for conflict in data["conflicts"]:
        assert len(conflict["values"]) >= 2 and conflict["evidence"] and conflict["resolution"]


@pytest.mark.parametrize("patient, fmt", _cases())
def test_no_medication_beyond_the_expected_and_optional_ones(patient, fmt):
    from extract.vocab import drugs

    expected, _, data = _case(patient, fmt)
    allowed = {m["name"] for m in expected.profile.get("medications", [])}
    for written in expected.optional_medications:
        hit = drugs().lookup(written)
        allowed.add(hit[0].name if hit else written)
    extra = [m["name"] for m in data["profile"].get("medications", []) if m["name"] not in allowed]
    assert extra == []


@pytest.mark.parametrize("patient, fmt", _cases())
def test_every_evidence_span_is_page_text_and_every_value_has_evidence(patient, fmt):
    _, documents, data = _case(patient, fmt)
    pages = {(f"d{i}", page.number): page.text for i, doc in enumerate(documents, start=1) for page in doc.pages}
    entries = [e for evs in data["evidence"].values() for e in evs] + \
              [e for c in data["conflicts"] for e in c["evidence"]]
    assert entries
    for entry in entries:
        text = pages[(entry["document"], entry["page"])]
        assert text[entry["start"]:entry["end"]] == entry["text"], entry
    from extract.merge import profile_leaves

    missing = [path for path, _ in profile_leaves(data["profile"]) if not data["evidence"].get(path)]
    assert missing == []
