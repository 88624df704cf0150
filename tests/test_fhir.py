"""FHIR export: an R4 (R4B models) Bundle with mCODE profiles, validated with fhir.resources."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.bundle import Bundle

from api.fhir import build_bundle

MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"

# The guide's example patient, as PROFILE.md JSON (evidence omitted: the export carries values).
REPORT = {"schema_version": "1", "profile": {
    "diagnosis": {"primary_site": "breast", "histology": "invasive_ductal", "histology_code": "8500/3",
                  "laterality": "left", "grade": 2, "tumor_size_mm": 22, "date": "2023-04-11"},
    "receptors": {"er": {"status": "positive", "percent": 95, "intensity": "strong", "allred": 8},
                  "pr": {"status": "low_positive", "percent": 5},
                  "her2": {"status": "negative", "ihc_score": "1+", "category": "low"}, "ki67_percent": 20},
    "stage": {"pathologic": {"t": "T2", "n": "N1a", "m": "M1", "prefix": "p"}, "group": "IV", "metastatic": True,
              "metastatic_sites": ["bone", "liver"], "oligometastatic": True},
    "genomics": [{"gene": "BRCA2", "result": "pathogenic", "variant": "c.5946delT", "origin": "germline"},
                 {"gene": "PIK3CA", "result": "not_detected", "origin": "somatic"}],
    "recurrence_score": {"test": "oncotype_dx", "value": 18},
    "menopausal_status": "postmenopausal", "ecog": 1,
    "medications": [
        {"name": "ribociclib", "dose": 400, "unit": "mg", "frequency": "daily", "schedule": "21 days on, 7 off",
         "route": "oral", "status": "active", "start": "2024-01-05",
         "changes": [{"date": "2024-03-01", "from_dose": 600, "to_dose": 400, "unit": "mg", "reason": "neutropenia"}]},
        {"name": "letrozole", "dose": 2.5, "unit": "mg", "status": "active"},
    ],
    "labs": [{"name": "ANC", "value": 0.9, "unit": "10^9/L", "date": "2024-02-27", "grade": 3},
             {"name": "QTcF", "value": 430, "unit": "ms"}],
}, "evidence": {}, "conflicts": [], "documents": [], "review": {"status": "confirmed", "corrections": []}}


def _resources(bundle: dict) -> list[dict]:
    return [e["resource"] for e in bundle["entry"]]


def _by_profile(bundle: dict, name: str) -> list[dict]:
    return [r for r in _resources(bundle) if MCODE + name in r.get("meta", {}).get("profile", [])]


def test_bundle_validates_and_references_resolve():
    bundle = build_bundle("pat_1", "Ann Q Example", REPORT)
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    urls = {e["fullUrl"] for e in bundle["entry"]}
    refs = []

    def walk(x):
        if isinstance(x, dict):
            if isinstance(x.get("reference"), str):
                refs.append(x["reference"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(bundle["entry"])
    assert refs and set(refs) <= urls


def test_mcode_profiles_and_codes():
    bundle = build_bundle("pat_1", "Ann Q Example", REPORT)
    patient = _by_profile(bundle, "mcode-cancer-patient")[0]
    assert patient["name"][0]["family"] == "Example" and patient["name"][0]["given"] == ["Ann", "Q"]
    primary = _by_profile(bundle, "mcode-primary-cancer-condition")[0]
    assert primary["code"]["coding"][0]["code"] == "254837009"
    assert primary["bodySite"][0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "7771000"  # left
    assert primary["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "8500/3"
    secondary = _by_profile(bundle, "mcode-secondary-cancer-condition")
    assert [s["bodySite"][0]["coding"][0]["code"] for s in secondary] == ["272673000", "10200004"]
    primary_url = next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is primary)
    assert all(s["extension"][0]["valueReference"]["reference"] == primary_url for s in secondary)

    group = _by_profile(bundle, "mcode-tnm-stage-group")[0]
    assert group["code"]["coding"][0]["code"] == "399588009"  # pathologic
    assert group["valueCodeableConcept"]["coding"][0]["code"] == "IV"
    assert group["method"]["coding"][0]["code"] == "897275008"
    assert len(group["hasMember"]) == 3
    t = _by_profile(bundle, "mcode-tnm-primary-tumor-category")[0]
    assert t["valueCodeableConcept"]["coding"][0]["code"] == "pT2"
    assert {"system": "http://snomed.info/sct", "code": "384625004"} in t["code"]["coding"]

    markers = {m["code"]["coding"][0]["code"] if m["code"].get("coding") else m["code"]["text"]: m
               for m in _by_profile(bundle, "mcode-tumor-marker-test")}
    assert markers["85337-4"]["valueCodeableConcept"]["coding"][0]["code"] == "LA6576-8"  # ER positive
    assert markers["85337-4"]["component"][0]["valueQuantity"]["value"] == 95
    assert markers["85339-0"]["valueCodeableConcept"]["text"].startswith("low positive")
    assert markers["48676-1"]["valueCodeableConcept"]["coding"][0]["code"] == "LA6577-6"  # HER2 negative
    assert any(c.get("valueString") == "1+" for c in markers["48676-1"]["component"])

    variants = _by_profile(bundle, "mcode-genomic-variant")
    brca2 = variants[0]["component"]
    assert brca2[0]["valueCodeableConcept"]["coding"][0]["code"] == "HGNC:1101"
    assert brca2[1]["valueCodeableConcept"]["coding"][0]["code"] == "LA6683-2"  # germline
    assert variants[1]["valueCodeableConcept"]["coding"][0]["code"] == "LA9634-2"  # not detected → absent


def test_dose_change_is_a_new_request_linked_to_the_prior_one():
    bundle = build_bundle("pat_1", "Ann Example", REPORT)
    requests = [r for r in _resources(bundle) if r["resourceType"] == "MedicationRequest"
                and r["medicationCodeableConcept"]["text"] == "ribociclib"]
    assert len(requests) == 2
    old, new = requests
    assert old["status"] == "stopped" and old["statusReason"]["text"] == "neutropenia"
    assert old["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 600
    assert new["status"] == "active" and new["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 400
    old_url = next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is old)
    assert new["priorPrescription"]["reference"] == old_url
    assert new["authoredOn"] == "2024-03-01"


def test_labs_use_loinc_where_known():
    bundle = build_bundle("pat_1", "Ann Example", REPORT)
    labs = [r for r in _resources(bundle) if r["resourceType"] == "Observation"
            and r.get("category", [{}])[0].get("coding", [{}])[0].get("code") == "laboratory" and "meta" not in r]
    anc = next(r for r in labs if r["code"].get("coding", [{}])[0].get("code") == "751-8")
    assert anc["valueQuantity"] == {"value": 0.9, "unit": "10^9/L"}
    qtc = next(r for r in labs if r["code"]["text"] == "QTcF")
    assert qtc["code"]["coding"][0]["system"] == "urn:oncoguide:code"  # no invented standard code


@pytest.mark.parametrize("report", [{}, {"profile": {}}, {"profile": {"ecog": 0}}])
def test_sparse_profiles_give_valid_bundles_without_a_guessed_diagnosis(report):
    bundle = build_bundle("pat_2", "Solo", report)
    Bundle.model_validate(bundle)
    assert not [r for r in _resources(bundle) if r["resourceType"] == "Condition"]


def test_export_endpoint(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.services import Services
    from tests.test_api_fakes import People, make_settings, upload

    svc = Services.from_settings(make_settings(tmp_path), immediate=True)
    people = People(svc)
    with TestClient(create_app(services=svc)) as c:
        upload(c, people.pat1, people.p1.id, ("r.txt", b"receptors.er.status=positive\nreceptors.er.percent=80\n"))
        r = c.get(f"/api/patients/{people.p1.id}/fhir", headers=People.h(people.nav))
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
        Bundle.model_validate(r.json())
        assert any(m["code"]["coding"][0]["code"] == "85337-4" for m in _by_profile(r.json(), "mcode-tumor-marker-test"))
    svc.close()
