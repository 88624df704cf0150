"""The patient profile contract (../shared/PROFILE.md) as pydantic models.

`ProfileReport.model_dump(mode="json", exclude_none=True)` is the PROFILE.md JSON. Fields the
records do not state stay None and are dropped from the JSON; nothing here has a clinical default.
Sections accept extra keys (margins, LVI, ...) because the contract's paths are a floor.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1"

EvidenceSource = Literal["text-layer", "ocr", "navigator"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="allow")


class Evidence(BaseModel):
    document: str
    page: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    source: EvidenceSource
    confidence: float | None = None
    rule: str
    #: OCR-tolerant reading applied, e.g. "NO->N0"; None when the text was read as written.
    correction: str | None = None
    #: For navigator evidence: who, when and why.
    note: str | None = None


Histology = Literal[
    "invasive_ductal", "invasive_lobular", "mixed_ductal_lobular", "mucinous", "tubular",
    "metaplastic", "papillary", "medullary", "inflammatory", "dcis", "lcis", "other",
]
#: The histologies of disease in situ (not an invasive cancer's type).
IN_SITU_HISTOLOGIES = frozenset({"dcis", "lcis"})


class Diagnosis(_Section):
    primary_site: Literal["breast"] | None = None
    histology: Histology | None = None
    histology_code: str | None = None
    laterality: Literal["left", "right", "bilateral"] | None = None
    grade: Literal[1, 2, 3] | None = None
    tumor_size_mm: float | None = None
    date: Date | None = None


class HormoneReceptor(_Section):
    status: Literal["positive", "low_positive", "negative"] | None = None
    percent: float | None = Field(None, ge=0, le=100)
    intensity: Literal["weak", "moderate", "strong"] | None = None
    allred: int | None = Field(None, ge=0, le=8)
    #: An extra key: the H-score (0-300) when the report gives one.
    h_score: int | None = Field(None, ge=0, le=300)


class Her2(_Section):
    status: Literal["positive", "negative", "equivocal"] | None = None
    ihc_score: Literal["0", "1+", "2+", "3+"] | None = None
    ish_ratio: float | None = None
    ish_copy_number: float | None = None
    ish_result: Literal["amplified", "not_amplified", "equivocal"] | None = None
    category: Literal["positive", "low", "ultralow", "zero"] | None = None


class Receptors(_Section):
    er: HormoneReceptor = Field(default_factory=HormoneReceptor)
    pr: HormoneReceptor = Field(default_factory=HormoneReceptor)
    her2: Her2 = Field(default_factory=Her2)
    ki67_percent: float | None = Field(None, ge=0, le=100)


class TNM(_Section):
    t: str | None = None
    n: str | None = None
    m: str | None = None


class PathologicTNM(TNM):
    prefix: Literal["p", "yp"] | None = None


MetastaticSite = Literal[
    "bone", "liver", "lung", "brain", "distant_lymph_nodes", "skin_soft_tissue", "pleura", "other",
]
StageGroup = Literal["0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC", "IV"]


class Stage(_Section):
    clinical: TNM = Field(default_factory=TNM)
    pathologic: PathologicTNM = Field(default_factory=PathologicTNM)
    group: StageGroup | None = None
    prognostic_group: str | None = None
    metastatic: bool | None = None
    metastatic_sites: list[MetastaticSite] | None = None
    oligometastatic: bool | None = None


class LymphNodes(_Section):
    positive: int | None = Field(None, ge=0)
    examined: int | None = Field(None, ge=0)


class GenomicResult(_Section):
    gene: str
    result: Literal["pathogenic", "detected", "not_detected", "vus"]
    variant: str | None = None
    origin: Literal["germline", "somatic"] | None = None


class RecurrenceScore(_Section):
    test: str
    value: float


class DoseChange(_Section):
    date: Date | None = None
    from_dose: float | None = None
    to_dose: float | None = None
    unit: str | None = None
    reason: str | None = None


MedicationStatus = Literal["active", "held", "stopped", "planned", "historical"]


class Medication(_Section):
    name: str
    brand: str | None = None
    drug_class: str | None = None
    dose: float | None = None
    unit: str | None = None
    frequency: str | None = None
    schedule: str | None = None
    route: str | None = None
    status: MedicationStatus | None = None
    start: Date | None = None
    end: Date | None = None
    changes: list[DoseChange] = Field(default_factory=list)


class Lab(_Section):
    name: str
    value: float
    unit: str | None = None
    date: Date | None = None
    grade: int | None = Field(None, ge=0, le=5)


class Profile(_Section):
    diagnosis: Diagnosis = Field(default_factory=Diagnosis)
    receptors: Receptors = Field(default_factory=Receptors)
    subtype: Literal[
        "hr_positive_her2_negative", "hr_positive_her2_positive", "hr_negative_her2_positive",
        "triple_negative",
    ] | None = None
    stage: Stage = Field(default_factory=Stage)
    lymph_nodes: LymphNodes = Field(default_factory=LymphNodes)
    genomics: list[GenomicResult] = Field(default_factory=list)
    recurrence_score: RecurrenceScore | None = None
    menopausal_status: Literal["premenopausal", "perimenopausal", "postmenopausal"] | None = None
    ecog: int | None = Field(None, ge=0, le=4)
    medications: list[Medication] = Field(default_factory=list)
    labs: list[Lab] = Field(default_factory=list)


class Conflict(BaseModel):
    field: str
    values: list[object]
    evidence: list[Evidence]
    resolution: str


DocumentKind = Literal[
    "pathology", "addendum", "clinic_note", "lab", "imaging", "genetics", "medication_list", "other",
]


class DocumentSummary(BaseModel):
    id: str
    filename: str
    sha256: str
    pages: int
    kind: DocumentKind
    date: Date | None = None
    text_source: Literal["text-layer", "ocr", "mixed"]


class Correction(BaseModel):
    field: str
    old_value: object = None
    new_value: object = None
    note: str | None = None
    by: str
    at: str
    action: Literal["correct", "accept", "not_stated", "settle_conflict"] = "correct"


class Review(BaseModel):
    status: Literal["extracted", "in_review", "confirmed"] = "extracted"
    corrections: list[Correction] = Field(default_factory=list)
    confirmed_by: str | None = None
    confirmed_at: str | None = None


class ProfileReport(BaseModel):
    """The whole PROFILE.md object."""

    schema_version: str = SCHEMA_VERSION
    profile: Profile = Field(default_factory=Profile)
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    conflicts: list[Conflict] = Field(default_factory=list)
    documents: list[DocumentSummary] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
    #: The procedure of the specimen the chosen tumour size was measured on ("core_biopsy"), set by
    #: the merge; not part of the JSON. A biopsy's size never gives a pT (extract/derive.py).
    _tumor_size_procedure: str | None = PrivateAttr(default=None)

    def to_json_dict(self) -> dict:
        """The contract's JSON: unstated fields (None, empty lists, empty sections) are dropped."""
        return _prune(self.model_dump(mode="json", exclude_none=True))


def _prune(value):
    """Drop empty dicts and empty lists inside `profile` so absent means absent."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = _prune(item)
            if item in ({}, []) and key not in ("evidence", "conflicts", "documents", "corrections", "profile"):
                continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value
