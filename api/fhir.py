"""FHIR R4 export of a profile with mCODE (STU4) profiles, validated with fhir.resources.

fhir.resources 7.x/8.x ship FHIR R5 as default and R4B (4.3.0) as a subpackage; no 4.0.1 models
exist in the pinned line. The resources used here (Bundle, Patient, Condition, Observation,
MedicationRequest) have the same shape in R4 and R4B for every element we write, so the bundle
is built and validated against the R4B models.

Coding notes: codes taken from ../shared/reference/breast-oncology.md section 6 where it gives
them; where no standard code is known to us (HER2 IHC score, ISH ratio, intensity, Ki-67, etc.)
the element carries a code in our own `urn:oncoguide:` system plus readable text, never an
invented standard code.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from api.errors import InternalError

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
AJCC = "http://cancerstaging.org"
HGNC = "http://www.genenames.org/geneId"
UCUM = "http://unitsofmeasure.org"
LOCAL = "urn:oncoguide:code"
MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

_NS = uuid.UUID("3b1f3a1e-6c2a-4f43-9a8e-2f8b6c1d7e55")

LATERALITY = {"left": ("7771000", "Left"), "right": ("24028007", "Right"), "bilateral": ("51440002", "Right and left")}
SITES = {
    "bone": ("272673000", "Bone structure"), "liver": ("10200004", "Liver structure"),
    "lung": ("39607008", "Lung structure"), "brain": ("12738006", "Brain structure"),
    "distant_lymph_nodes": ("59441001", "Structure of lymph node"), "skin_soft_tissue": ("39937001", "Skin structure"),
    "pleura": ("3120008", "Pleural membrane structure"),
}
GENES = {"BRCA1": "HGNC:1100", "BRCA2": "HGNC:1101", "PALB2": "HGNC:26144", "PIK3CA": "HGNC:8975",
         "ESR1": "HGNC:3467", "AKT1": "HGNC:391", "PTEN": "HGNC:9588", "TP53": "HGNC:11998",
         "ERBB2": "HGNC:3430", "CHEK2": "HGNC:16627", "ATM": "HGNC:795"}
LABS = {"ANC": ("751-8", "Neutrophils [#/volume] in Blood by Automated count"),
        "WBC": ("6690-2", "Leukocytes [#/volume] in Blood by Automated count"),
        "platelets": ("777-3", "Platelets [#/volume] in Blood by Automated count"),
        "hemoglobin": ("718-7", "Hemoglobin [Mass/volume] in Blood"),
        "ALT": ("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
        "AST": ("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
        "bilirubin": ("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma")}
MED_STATUS = {"active": "active", "held": "on-hold", "stopped": "stopped", "planned": "draft", "historical": "completed"}
# T/N/M category observation codes (LOINC), by prefix: clinical c, pathologic p/yp.
TNM_CODES = {("t", "c"): ("21905-5", "Primary tumor.clinical"), ("t", "p"): ("21899-0", "Primary tumor.pathology"),
             ("n", "c"): ("21906-3", "Regional lymph nodes.clinical"), ("n", "p"): ("21900-6", "Regional lymph nodes.pathology"),
             ("m", "c"): ("21907-1", "Distant metastases.clinical"), ("m", "p"): ("21901-4", "Distant metastases.pathology")}
TNM_PROFILES = {"t": "mcode-tnm-primary-tumor-category", "n": "mcode-tnm-regional-nodes-category",
                "m": "mcode-tnm-distant-metastases-category"}


def _cc(system: str | None, code: str | None, display: str | None = None, text: str | None = None) -> dict:
    out: dict[str, Any] = {}
    if system and code:
        out["coding"] = [{k: v for k, v in (("system", system), ("code", code), ("display", display)) if v}]
    if text or not out:
        out["text"] = text or display or code or ""
    return out


def _local(code: str, text: str) -> dict:
    return _cc(LOCAL, code, text, text)


class _Builder:
    def __init__(self, patient_id: str) -> None:
        self.patient_id = patient_id
        self.entries: list[dict] = []

    def url(self, key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(_NS, f'{self.patient_id}/{key}')}"

    def add(self, key: str, resource: dict, profile: str | None = None) -> str:
        full = self.url(key)
        resource = {"resourceType": resource.pop("resourceType"), "id": full.rsplit(":", 1)[1], **resource}
        if profile:
            resource["meta"] = {"profile": [MCODE + profile]}
        self.entries.append({"fullUrl": full, "resource": resource})
        return full


def _filled(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    return value is not None


def _focus(primary_url: str | None) -> list[dict] | None:
    return [{"reference": primary_url}] if primary_url else None


def _observation(subject: str, code: dict, *, value: dict | None = None, category: str | None = None,
                 effective: str | None = None, **extra: Any) -> dict:
    obs: dict[str, Any] = {"resourceType": "Observation", "status": "final", "code": code, "subject": {"reference": subject}}
    if category:
        obs["category"] = [_cc(OBS_CATEGORY, category, category.replace("-", " ").title())]
    if effective:
        obs["effectiveDateTime"] = effective
    if value:
        obs.update(value)
    obs.update({k: v for k, v in extra.items() if v})
    return obs


def build_bundle(patient_id: str, patient_name: str, report: dict) -> dict:
    """The FHIR Bundle (type collection) for one patient's profile JSON, validated."""
    p = report.get("profile", {}) or {}
    b = _Builder(patient_id)
    given, _, family = patient_name.strip().rpartition(" ")
    name: dict[str, Any] = {"text": patient_name}
    if given:
        name.update(family=family, given=given.split())
    subject = b.add("patient", {"resourceType": "Patient", "identifier": [{"system": "urn:oncoguide:patient", "value": patient_id}],
                                "name": [name]}, "mcode-cancer-patient")
    diag = p.get("diagnosis", {}) or {}
    stage = p.get("stage", {}) or {}
    receptors = p.get("receptors", {}) or {}
    effective = diag.get("date")

    # A breast cancer condition only when the records describe one.
    has_primary = any(_filled(x) for x in (diag, receptors, stage))
    primary_key = "primary"
    primary_url = b.url(primary_key) if has_primary else None
    stage_url = _stage(b, subject, primary_url, stage, effective) if has_primary else None
    condition: dict[str, Any] = {
        "resourceType": "Condition",
        "clinicalStatus": _cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
        "verificationStatus": _cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"),
        "category": [_cc("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")],
        "code": _cc(SNOMED, "254837009", "Malignant neoplasm of breast"),
        "subject": {"reference": subject},
    }
    if diag.get("histology") or diag.get("histology_code"):
        text = (diag.get("histology") or "").replace("_", " ") or None
        condition["extension"] = [{"url": MCODE + "mcode-histology-morphology-behavior",
                                   "valueCodeableConcept": _cc("http://terminology.hl7.org/CodeSystem/icd-o-3" if diag.get("histology_code") else None,
                                                               diag.get("histology_code"), text, text)}]
    site: dict[str, Any] = _cc(SNOMED, "76752008", "Breast structure")
    if diag.get("laterality") in LATERALITY:
        code, display = LATERALITY[diag["laterality"]]
        site["extension"] = [{"url": MCODE + "mcode-laterality", "valueCodeableConcept": _cc(SNOMED, code, display)}]
    condition["bodySite"] = [site]
    if effective:
        condition["recordedDate"] = effective
    if stage_url:
        condition["stage"] = [{"summary": _cc(AJCC, stage.get("group"), f"Stage {stage.get('group')}") if stage.get("group") else {"text": "see assessment"},
                               "assessment": [{"reference": stage_url}]}]
    if has_primary:
        b.add(primary_key, condition, "mcode-primary-cancer-condition")

    for i, site_name in enumerate(stage.get("metastatic_sites") or [] if has_primary else []):
        code, display = SITES.get(site_name, (None, site_name.replace("_", " ")))
        b.add(f"secondary/{i}", {
            "resourceType": "Condition",
            "extension": [{"url": MCODE + "mcode-related-primary-cancer-condition", "valueReference": {"reference": primary_url}}],
            "clinicalStatus": _cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
            "category": [_cc("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")],
            "code": _cc(SNOMED, "128462008", "Secondary malignant neoplastic disease"),
            "bodySite": [_cc(SNOMED, code, display)], "subject": {"reference": subject},
        }, "mcode-secondary-cancer-condition")

    _tumor_markers(b, subject, primary_url, receptors, p.get("recurrence_score"), effective)
    for i, g in enumerate(p.get("genomics") or []):
        _genomic(b, subject, i, g)
    _medications(b, subject, primary_url, p.get("medications") or [])
    for i, lab in enumerate(p.get("labs") or []):
        code, display = LABS.get(lab.get("name"), (None, lab.get("name")))
        quantity = {"value": lab["value"]}
        if lab.get("unit"):
            quantity["unit"] = lab["unit"]
        b.add(f"lab/{i}", _observation(subject, _cc(LOINC, code, display, lab.get("name")) if code else _local(f"lab-{lab.get('name')}", lab.get("name")),
                                       value={"valueQuantity": quantity}, category="laboratory", effective=lab.get("date")))
    if p.get("ecog") is not None:
        b.add("ecog", _observation(subject, _cc(LOINC, "89247-1", "ECOG Performance Status score"),
                                   value={"valueInteger": p["ecog"]}, category="survey"), "mcode-ecog-performance-status")
    if p.get("menopausal_status"):
        b.add("menopause", _observation(subject, _local("menopausal-status", "Menopausal status"),
                                        value={"valueCodeableConcept": _local(p["menopausal_status"], p["menopausal_status"])},
                                        category="social-history"))

    bundle = {
        "resourceType": "Bundle", "type": "collection",
        "identifier": {"system": "urn:oncoguide:export", "value": f"{patient_id}"},
        "timestamp": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "entry": b.entries,
    }
    try:
        Bundle.model_validate(bundle)
    except ValidationError as exc:  # a bug in this module, never the patient's input
        raise InternalError("The FHIR export could not be built; tell the oncoguide team.") from exc
    return bundle


def _stage(b: _Builder, subject: str, primary_url: str, stage: dict, effective: str | None) -> str | None:
    path = stage.get("pathologic") or {}
    clin = stage.get("clinical") or {}
    use_path = any(path.get(k) for k in ("t", "n", "m"))
    tnm, kind = (path, "p") if use_path else (clin, "c")
    prefix = (path.get("prefix") or "p") if use_path else "c"
    members = []
    for axis in ("t", "n", "m"):
        value = tnm.get(axis)
        if not value:
            continue
        code, display = TNM_CODES[(axis, kind)]
        codings = [{"system": LOINC, "code": code, "display": display}]
        if axis == "t":
            codings.append({"system": SNOMED, "code": "384625004" if kind == "p" else "399504009"})
        members.append({"reference": b.add(f"tnm/{axis}", _observation(
            subject, {"coding": codings}, value={"valueCodeableConcept": _cc(AJCC, f"{prefix}{value}", None, f"{prefix}{value}")},
            category="exam" if kind == "c" else "laboratory", effective=effective,
            method=_cc(SNOMED, "897275008", "American Joint Committee on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system"),
            focus=_focus(primary_url)), TNM_PROFILES[axis])})
    if not stage.get("group") and not members:
        return None
    group_code = ("399588009", "Pathologic stage") if use_path else ("399537006", "Clinical stage")
    obs = _observation(
        subject, _cc(SNOMED, *group_code),
        value={"valueCodeableConcept": _cc(AJCC, stage["group"], None, f"Stage {stage['group']}")} if stage.get("group")
        else {"dataAbsentReason": _cc("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-asked", "Not Asked", "stage group not stated")},
        category="survey", effective=effective,
        method=_cc(SNOMED, "897275008", "American Joint Committee on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system"),
        focus=_focus(primary_url), hasMember=members,
    )
    return b.add("tnm/group", obs, "mcode-tnm-stage-group")


def _posneg(status: str | None) -> dict | None:
    if status in ("positive", "low_positive"):
        return _cc(LOINC, "LA6576-8", "Positive", "low positive (1-10%)" if status == "low_positive" else "Positive")
    if status == "negative":
        return _cc(LOINC, "LA6577-6", "Negative")
    return None


def _quantity_component(code: str, text: str, value: Any, unit: str | None = None) -> dict:
    q: dict[str, Any] = {"value": value}
    if unit:
        q.update(unit=unit, system=UCUM, code=unit)
    return {"code": _local(code, text), "valueQuantity": q}


def _tumor_markers(b: _Builder, subject: str, primary_url: str, receptors: dict, recurrence: dict | None, effective) -> None:
    for key, loinc, display in (("er", "85337-4", "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain"),
                                ("pr", "85339-0", "Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain")):
        r = receptors.get(key) or {}
        if not r:
            continue
        comps = []
        if r.get("percent") is not None:
            comps.append(_quantity_component(f"{key}-percent", "Percent of tumor cells staining", r["percent"], "%"))
        if r.get("intensity"):
            comps.append({"code": _local(f"{key}-intensity", "Staining intensity"), "valueCodeableConcept": _local(r["intensity"], r["intensity"])})
        if r.get("allred") is not None:
            comps.append({"code": _local(f"{key}-allred", "Allred score"), "valueInteger": r["allred"]})
        value = _posneg(r.get("status"))
        b.add(f"marker/{key}", _observation(subject, _cc(LOINC, loinc, display), category="laboratory", effective=effective,
                                            value={"valueCodeableConcept": value} if value else None,
                                            component=comps, focus=_focus(primary_url)), "mcode-tumor-marker-test")
    her2 = receptors.get("her2") or {}
    if her2:
        comps = []
        if her2.get("ihc_score"):
            comps.append({"code": _local("her2-ihc-score", "HER2 IHC score"), "valueString": her2["ihc_score"]})
        if her2.get("ish_ratio") is not None:
            comps.append(_quantity_component("her2-ish-ratio", "HER2/CEP17 ratio", her2["ish_ratio"]))
        if her2.get("ish_copy_number") is not None:
            comps.append(_quantity_component("her2-ish-copy-number", "Average HER2 signals per cell", her2["ish_copy_number"]))
        if her2.get("ish_result"):
            comps.append({"code": _local("her2-ish-result", "HER2 ISH result"), "valueCodeableConcept": _local(her2["ish_result"], her2["ish_result"].replace("_", " "))})
        if her2.get("category"):
            comps.append({"code": _local("her2-category", "HER2 category"), "valueCodeableConcept": _local(her2["category"], f"HER2-{her2['category']}")})
        status = her2.get("status")
        value = _posneg(status) if status != "equivocal" else _local("equivocal", "Equivocal")
        b.add("marker/her2", _observation(subject, _cc(LOINC, "48676-1", "HER2 [Interpretation] in Tissue"), category="laboratory",
                                          effective=effective, value={"valueCodeableConcept": value} if value else None,
                                          component=comps, focus=_focus(primary_url)), "mcode-tumor-marker-test")
    if receptors.get("ki67_percent") is not None:
        b.add("marker/ki67", _observation(subject, _local("ki67", "Ki-67 proliferation index"), category="laboratory",
                                          effective=effective, value={"valueQuantity": {"value": receptors["ki67_percent"], "unit": "%", "system": UCUM, "code": "%"}},
                                          focus=_focus(primary_url)), "mcode-tumor-marker-test")
    if recurrence:
        b.add("marker/recurrence", _observation(subject, _local(recurrence["test"], recurrence["test"].replace("_", " ")),
                                                category="laboratory", value={"valueQuantity": {"value": recurrence["value"]}},
                                                focus=_focus(primary_url)), "mcode-tumor-marker-test")


_RESULT = {"pathogenic": ("LA6668-3", "Pathogenic"), "vus": ("LA26333-7", "Uncertain significance")}


def _genomic(b: _Builder, subject: str, i: int, g: dict) -> None:
    gene = g.get("gene", "")
    present = g.get("result") in ("pathogenic", "detected", "vus")
    comps = [{"code": _cc(LOINC, "48018-6", "Gene studied [ID]"),
              "valueCodeableConcept": _cc(HGNC if gene in GENES else None, GENES.get(gene), gene, gene)}]
    if g.get("origin"):
        code, display = ("LA6683-2", "Germline") if g["origin"] == "germline" else ("LA6684-0", "Somatic")
        comps.append({"code": _cc(LOINC, "48002-0", "Genomic source class [Type]"), "valueCodeableConcept": _cc(LOINC, code, display)})
    variant = g.get("variant")
    if variant:
        code, display = ("48005-3", "Amino acid change (pHGVS)") if variant.startswith("p.") else ("48004-6", "DNA change (c.HGVS)")
        comps.append({"code": _cc(LOINC, code, display), "valueCodeableConcept": {"text": variant}})
    if g.get("result") in _RESULT:
        code, display = _RESULT[g["result"]]
        comps.append({"code": _cc(LOINC, "53037-8", "Genetic variation clinical significance [Imp]"), "valueCodeableConcept": _cc(LOINC, code, display)})
    b.add(f"genomic/{i}", _observation(subject, _cc(LOINC, "69548-6", "Genetic variant assessment"), category="laboratory",
                                       value={"valueCodeableConcept": _cc(LOINC, "LA9633-4", "Present") if present else _cc(LOINC, "LA9634-2", "Absent")},
                                       component=comps), "mcode-genomic-variant")


def _dosage(dose: Any, unit: str | None, frequency: str | None, route: str | None) -> list[dict]:
    d: dict[str, Any] = {}
    text = " ".join(str(x) for x in (dose, unit, frequency) if x not in (None, ""))
    if text:
        d["text"] = text
    if dose is not None:
        q: dict[str, Any] = {"value": dose}
        if unit:
            q["unit"] = unit
        d["doseAndRate"] = [{"doseQuantity": q}]
    if route:
        d["route"] = {"text": route}
    return [d] if d else []


def _medications(b: _Builder, subject: str, primary_url: str, meds: list[dict]) -> None:
    """One MedicationRequest per dose; a dose change starts a new request whose `priorPrescription`
    is the previous one, which is marked stopped with the reason."""
    for i, med in enumerate(meds):
        drug = {"text": med.get("name")}
        base = {"resourceType": "MedicationRequest", "intent": "plan" if med.get("status") == "planned" else "order",
                "medicationCodeableConcept": drug, "subject": {"reference": subject},
                **({"reasonReference": [{"reference": primary_url}]} if primary_url else {})}
        changes = [c for c in med.get("changes") or [] if c.get("to_dose") is not None or c.get("from_dose") is not None]
        prior: str | None = None
        for j, change in enumerate(changes):
            old = dict(base, status="stopped",
                       dosageInstruction=_dosage(change.get("from_dose"), change.get("unit") or med.get("unit"),
                                                 med.get("frequency"), med.get("route")))
            if j == 0 and med.get("start"):
                old["authoredOn"] = med["start"]
            if change.get("reason"):
                old["statusReason"] = {"text": change["reason"]}
            if prior:
                old["priorPrescription"] = {"reference": prior}
            prior = b.add(f"med/{i}/{j}", old, "mcode-cancer-related-medication-request")
        current = dict(base, status=MED_STATUS.get(med.get("status") or "active", "unknown"),
                       dosageInstruction=_dosage(med.get("dose"), med.get("unit"), med.get("frequency"), med.get("route")))
        if prior:
            current["priorPrescription"] = {"reference": prior}
            last = changes[-1]
            if last.get("date"):
                current["authoredOn"] = last["date"]
            if last.get("reason"):
                current["reasonCode"] = [{"text": last["reason"]}]
        elif med.get("start"):
            current["authoredOn"] = med["start"]
        b.add(f"med/{i}", current, "mcode-cancer-related-medication-request")
