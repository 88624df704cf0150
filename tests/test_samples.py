"""The synthetic sample records and their golden expected profiles (samples/).

With ONCOGUIDE_REGENERATE_SAMPLES=1 this module first rewrites samples/records and samples/expected,
then fails on purpose so the flag is never left on.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter, ImageOps

from extract.models import Profile
from samples import degrade
from samples.expected import EXPECTED_DIR, RECORDS_DIR, absent_violations, load_all, lookup, same_value
from samples.generate import (
    FLAG, SAMPLES_DIR, binary_outputs, document_seed, manifest_of, regeneration_requested, render, stale_files,
    text_pdf, write_all,
)
from samples.patients import PATIENTS
from samples.spec import Patient, resolve


@pytest.fixture(scope="module", autouse=True)
def _regenerate_when_asked():
    if regeneration_requested():
        write_all(SAMPLES_DIR)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _patient(pid: str) -> Patient:
    return next(p for p in PATIENTS if p.id == pid)


MANIFEST = json.loads((RECORDS_DIR / "manifest.json").read_text(encoding="utf-8"))
DOCS = [(p, d) for p in PATIENTS for d in p.documents]
EXPECTED = {e.patient: e for e in load_all()}


def test_regeneration_flag_is_off():
    assert not regeneration_requested(), (
        f"{FLAG} is set: the samples were regenerated. Unset it, review `git diff samples/` and rerun.")


def test_checked_in_files_are_current():
    assert stale_files() == [], f"run {FLAG}=1 python -m samples.generate"


@pytest.mark.parametrize("doc", [d for _, d in DOCS][:3], ids=lambda d: d.name)
def test_generator_is_deterministic(doc):
    first, second = render(doc), render(doc)
    assert first.text == second.text
    assert text_pdf(first) == text_pdf(second)
    patient = next(p for p, d in DOCS if d is doc)
    assert (RECORDS_DIR / patient.id / f"{doc.name}.txt").read_text(encoding="utf-8") == first.text


def test_scan_is_deterministic():
    patient = _patient("p02")
    doc = patient.doc("fish")
    pdf = text_pdf(render(doc))
    seed = document_seed(patient, doc, "scan")
    assert degrade.scan_pdf(pdf, doc.scan, seed) == degrade.scan_pdf(pdf, doc.scan, seed)


@pytest.mark.parametrize("patient,doc", DOCS, ids=[d.name for _, d in DOCS])
def test_text_layer_reads_back_as_the_twin(patient, doc):
    twin_pages = (RECORDS_DIR / patient.id / f"{doc.name}.txt").read_text(encoding="utf-8").split("\f")
    pdf = pdfium.PdfDocument((RECORDS_DIR / patient.id / f"{doc.name}.pdf").read_bytes())
    try:
        layer = [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()
    assert [_norm(t) for t in layer] == [_norm(t) for t in twin_pages]


def _thumb(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L").resize((60, 78) if image.height > image.width else (78, 60)),
                      dtype=np.float32)


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


SCANNED = [(p, d) for p, d in DOCS if d.scan]


@pytest.mark.parametrize("patient,doc", SCANNED, ids=[d.name for _, d in SCANNED])
def test_scans_are_images_of_the_pages_turned_as_the_manifest_says(patient, doc):
    entry = next(e for e in MANIFEST["patients"][patient.id]["documents"] if e["name"] == doc.name)
    text = (RECORDS_DIR / patient.id / f"{doc.name}.pdf").read_bytes()
    scan = (RECORDS_DIR / patient.id / f"{doc.name}.scan.pdf").read_bytes()
    assert degrade.page_count(scan) == degrade.page_count(text) == entry["pages"]
    pdf = pdfium.PdfDocument(scan)
    try:
        assert all(page.get_textpage().get_text_range().strip() == "" for page in pdf), "scan has a text layer"
    finally:
        pdf.close()
    for plan in entry["scan"]["pages"]:
        upright = degrade.render_page(text, plan["page"] - 1, 20, gray=True)
        scanned = _thumb(degrade.render_page(scan, plan["page"] - 1, 20, gray=True))
        scores = {}
        for rotation in (0, 90, 180, 270):
            turned = _thumb(upright.rotate(-rotation, expand=True))
            if turned.shape == scanned.shape:
                scores[rotation] = _correlation(turned, scanned)
        assert max(scores, key=scores.get) == plan["rotation"], scores


def test_photo_is_stored_sideways_with_an_exif_orientation():
    photos = [(p, d) for p, d in DOCS if d.photo]
    assert len(photos) == 1
    patient, doc = photos[0]
    image = Image.open(RECORDS_DIR / patient.id / f"{doc.name}.photo.jpg")
    assert image.getexif().get(degrade.EXIF_ORIENTATION) == doc.photo.exif_orientation == 6
    assert image.width > image.height
    upright = ImageOps.exif_transpose(image)
    assert upright.height > upright.width
    page = _ink_rows(degrade.render_page((RECORDS_DIR / patient.id / f"{doc.name}.pdf").read_bytes(), 0, 40, True))
    inner = (0.15, 0.12, 0.85, 0.88)  # inside the paper, away from the desk around it
    assert _correlation(_ink_rows(upright, inner), page) > 0.5
    assert _correlation(_ink_rows(upright.rotate(180), inner), page) < 0.5


def _ink_rows(image: Image.Image, box=(0.0, 0.0, 1.0, 1.0)) -> np.ndarray:
    """How much text each horizontal band holds (local contrast, so uneven light does not count)."""
    w, h = image.size
    crop = image.convert("L").crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    crop = crop.resize((200, 400))
    gray = np.asarray(crop, dtype=np.float32)
    smooth = np.asarray(crop.filter(ImageFilter.BoxBlur(6)), dtype=np.float32)
    rows = np.abs(gray - smooth).mean(axis=1)
    return rows.reshape(50, 8).mean(axis=1)


def test_write_all_writes_every_format_and_removes_stale_files(tmp_path):
    patient = _patient("p04")
    stale = tmp_path / "records" / "p04" / "old.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-old")
    write_all(tmp_path, (patient,))
    assert not stale.exists()
    names = sorted(p.name for p in (tmp_path / "records" / "p04").iterdir())
    assert "03-genetics-report-2025-06-10.scan.pdf" in names
    assert len([n for n in names if n.endswith(".txt")]) == len(patient.documents)
    assert (tmp_path / "expected" / "p04.json").read_text() == (EXPECTED_DIR / "p04.json").read_text()


def test_binary_outputs_cover_the_manifest():
    files = {rel for p in PATIENTS for d in p.documents if d.photo for rel in binary_outputs(p, d)}
    assert any(rel.endswith(".photo.jpg") for rel in files)
    assert manifest_of(PATIENTS) == MANIFEST


# ---- expected profiles -----------------------------------------------------------------------


def test_every_patient_has_a_valid_expected_file_naming_its_records():
    assert len(EXPECTED) >= 6 and set(EXPECTED) == {p.id for p in PATIENTS}
    for expected in EXPECTED.values():
        Profile.model_validate(expected.profile)
        assert 2 <= len(expected.documents) <= 5
        for path in expected.record_paths():
            assert path.exists(), path
            assert path.with_suffix(".txt").exists()


@pytest.mark.parametrize("pid", sorted(EXPECTED))
def test_every_source_quote_is_in_its_document(pid):
    expected = EXPECTED[pid]
    texts = {name: _norm((RECORDS_DIR / pid / name).with_suffix(".txt").read_text(encoding="utf-8"))
             for name in expected.documents}
    missing = {path: src.quote for path, src in expected.sources.items()
               if _norm(src.quote) not in texts[src.document]}
    assert not missing


def _leaves(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, f"{path}[{i}]")
    else:
        yield path


@pytest.mark.parametrize("pid", sorted(EXPECTED))
def test_every_expected_value_is_stated_by_a_quote_or_derived(pid):
    expected = EXPECTED[pid]
    covered = set(expected.sources) | set(expected.derived)
    unexplained = []
    for leaf in _leaves(expected.profile):
        prefixes = {leaf[:i] for i in range(len(leaf) + 1) if i == len(leaf) or leaf[i] in ".["}
        if not prefixes & covered:
            unexplained.append(leaf)
    assert not unexplained


@pytest.mark.parametrize("pid", sorted(EXPECTED))
def test_expected_profile_keeps_its_own_absent_list_and_conflicts_point_at_values(pid):
    expected = EXPECTED[pid]
    assert absent_violations(expected.profile, expected.absent) == []
    for path in expected.expected_conflicts:
        assert lookup(expected.profile, path), path


ABSENT_CASES = [
    ({"ecog": 1}, "ecog", True),
    ({}, "ecog", False),
    ({"stage": {"metastatic_sites": ["bone"]}}, "stage.metastatic_sites=liver", False),
    ({"stage": {"metastatic_sites": ["bone", "liver"]}}, "stage.metastatic_sites=liver", True),
    ({"stage": {"metastatic": False}}, "stage.metastatic=true", False),
    ({"stage": {"metastatic": True}}, "stage.metastatic=true", True),
    ({"medications": [{"name": "ribociclib", "dose": 400}]}, "medications[name=ribociclib].dose=200", False),
    ({"medications": [{"name": "ribociclib", "dose": 200.0}]}, "medications[name=ribociclib].dose=200", True),
    ({"medications": [{"name": "letrozole"}]}, "medications[name=tamoxifen]", False),
    ({"medications": [{"name": "Tamoxifen"}]}, "medications[name=tamoxifen]", True),
    ({"genomics": [{"gene": "BRCA1", "result": "not_detected"}]}, "genomics[gene=BRCA1].result=pathogenic", False),
    ({"genomics": []}, "genomics", False),
    ({"labs": [{"name": "ANC", "value": 0.5}]}, "labs[name=ANC].value=0.5", True),
    ({"medications": [{"name": "a"}, {"name": "b", "dose": 3}]}, "medications[1].dose=3", True),
]


@pytest.mark.parametrize("profile,entry,broken", ABSENT_CASES, ids=[c[1] for c in ABSENT_CASES])
def test_absent_entries(profile, entry, broken):
    assert (absent_violations(profile, [entry]) == [entry]) is broken


def test_same_value_compares_by_type():
    assert same_value(400, "400.0") and same_value(True, "true") and same_value("Left", "left")
    assert not same_value(None, "") and not same_value(False, "true") and not same_value(2, "two")


def test_resolve_rejects_an_unexplained_value():
    patient = _patient("p01")
    broken = Patient(**{**patient.__dict__, "profile": {"ecog": 1}})
    with pytest.raises(ValueError, match="neither stated nor derived"):
        resolve(broken)


# ---- what the samples must cover -------------------------------------------------------------


def test_guide_example_patient():
    """p01 is the CAR-T worked example: ER+, HER2-low 1+, bone-only oligometastatic disease,
    ribociclib 600 -> 400 mg for neutropenia, a low ANC, and no performance status anywhere."""
    e = EXPECTED["p01"].profile
    assert e["receptors"]["er"]["status"] == "positive"
    assert e["receptors"]["her2"]["ihc_score"] == "1+" and e["receptors"]["her2"]["category"] == "low"
    assert e["stage"]["metastatic_sites"] == ["bone"] and e["stage"]["oligometastatic"] is True
    ribociclib = lookup(e, "medications[name=ribociclib]")[0]
    assert ribociclib["dose"] == 400
    assert ribociclib["changes"] == [{"date": "2024-03-18", "from_dose": 600, "to_dose": 400, "unit": "mg",
                                      "reason": "neutropenia"}]
    anc = lookup(e, "labs[name=ANC]")[0]
    assert anc["value"] < 1.0 and anc["unit"] == "10^9/L" and anc["grade"] == 3
    assert "ecog" in EXPECTED["p01"].absent
    text = " ".join((RECORDS_DIR / "p01" / n).with_suffix(".txt").read_text().lower()
                    for n in EXPECTED["p01"].documents)
    for word in ("ecog", "performance status", "karnofsky", "kps"):
        assert word not in text
    assert "ribociclib was held for grade 3 neutropenia and resumed at 400 mg" in text
    assert "if anc falls below 1.0 again, the dose would be reduced to 200 mg" in text


def test_samples_cover_the_brief():
    profiles = {pid: e.profile for pid, e in EXPECTED.items()}
    kinds = {d.kind for p in PATIENTS for d in p.documents}
    assert {"pathology", "addendum", "clinic_note", "lab", "imaging", "genetics"} <= kinds
    assert all(any(d.scan for d in p.documents) for p in PATIENTS), "every patient needs a scan"
    rotations = {pg["rotation"] for pt in MANIFEST["patients"].values() for d in pt["documents"]
                 if "scan" in d for pg in d["scan"]["pages"]}
    assert {90, 180} <= rotations
    qualities = {d.scan.quality for _, d in SCANNED}
    assert qualities == {"clean", "degraded"}

    def any_profile(path, value):
        return [pid for pid, prof in profiles.items() if any(same_value(v, value) for v in
                                                              _flat(lookup(prof, path)))]

    assert any_profile("receptors.er.status", "low_positive")
    assert any_profile("subtype", "triple_negative")
    assert any_profile("diagnosis.histology", "invasive_lobular")
    assert any_profile("stage.pathologic.prefix", "yp")
    assert any_profile("receptors.her2.ish_result", "amplified")
    assert any_profile("receptors.her2.ish_result", "not_amplified")
    assert set(any_profile("receptors.her2.ihc_score", "2+")) >= set(any_profile("receptors.her2.ish_result",
                                                                                 "amplified"))
    for category in ("positive", "low", "ultralow", "zero"):
        assert any_profile("receptors.her2.category", category), category
    assert any_profile("genomics[gene=BRCA2].result", "pathogenic")
    assert any_profile("genomics[gene=BRCA1].result", "not_detected")
    assert any_profile("stage.metastatic_sites", "bone") and any_profile("stage.metastatic_sites", "liver")
    for status in ("active", "planned", "historical", "stopped"):
        assert any_profile("medications[].status".replace("[]", ""), status) or any(
            same_value(m.get("status"), status) for prof in profiles.values() for m in prof.get("medications", [])
        ), status
    assert sum(len(m.get("changes", [])) for prof in profiles.values() for m in prof.get("medications", [])) >= 2
    assert {lab["unit"] for prof in profiles.values() for lab in prof.get("labs", [])} >= {"10^9/L", "g/dL"}
    assert any(e.expected_conflicts for e in EXPECTED.values())
    absent = " ".join(a for e in EXPECTED.values() for a in e.absent)
    for trap in ("ecog", "medications[name=ribociclib].dose=200", "genomics[gene=BRCA1].result=pathogenic",
                 "diagnosis.laterality=right", "stage.metastatic_sites=brain"):
        assert trap in absent, trap


def _flat(values):
    return [item for v in values for item in (v if isinstance(v, list) else [v])]


def test_checked_in_records_are_modest():
    total = sum(p.stat().st_size for p in RECORDS_DIR.rglob("*") if p.is_file())
    assert total < 20 * 1024 * 1024
    for photo_or_scan in list(RECORDS_DIR.rglob("*.scan.pdf")) + list(RECORDS_DIR.rglob("*.jpg")):
        assert photo_or_scan.stat().st_size < 2 * 1024 * 1024, photo_or_scan
    assert Image.open(io.BytesIO(next(RECORDS_DIR.rglob("*.jpg")).read_bytes())).format == "JPEG"
