"""How a synthetic patient is specified: documents (blocks to draw) and the truth they state.

The truth is written by hand next to the documents. Every leaf of the expected profile is either
`Stated` (with the document and a quote of the words that state it, checked against the drawn
text by the tests) or `Derived` (computed from stated values by a named rule, e.g. the HER2
category or a CTCAE grade). `Stated` may wrap a whole dict or list when one quote states all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from samples.degrade import PhotoSpec, ScanSpec
from samples.layout import Block, Frame, Style

DocumentKind = Literal["pathology", "addendum", "clinic_note", "lab", "imaging", "genetics", "medication_list"]


@dataclass(frozen=True)
class Stated:
    value: Any
    doc: str
    quote: str


@dataclass(frozen=True)
class Derived:
    value: Any
    rule: str


def S(value: Any, doc: str, quote: str) -> Stated:
    return Stated(value, doc, quote)


def D(value: Any, rule: str) -> Derived:
    return Derived(value, rule)


@dataclass(frozen=True)
class DocSpec:
    key: str
    name: str
    kind: DocumentKind
    #: The document's own date (report sign-out, visit, letter or collection date), ISO.
    date: str
    title: str
    style: Style
    frame: Frame
    blocks: tuple[Block, ...]
    scan: ScanSpec | None = None
    photo: PhotoSpec | None = None


@dataclass(frozen=True)
class Patient:
    id: str
    name: str
    summary: str
    documents: tuple[DocSpec, ...]
    profile: dict
    absent: tuple[str, ...] = ()
    expected_conflicts: tuple[str, ...] = ()
    optional_medications: tuple[str, ...] = ()
    notes: str = ""

    def doc(self, key: str) -> DocSpec:
        for d in self.documents:
            if d.key == key:
                return d
        raise KeyError(f"{self.id}: no document with key {key!r}")


@dataclass
class Truth:
    profile: dict
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    derived: dict[str, str] = field(default_factory=dict)


class SpecError(ValueError):
    """A patient specification is inconsistent (a bug in the samples)."""


def _plain(value: Any) -> Any:
    if isinstance(value, (Stated, Derived)):
        raise SpecError("a Stated/Derived value nested inside another")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def resolve(patient: Patient) -> Truth:
    """Split the annotated profile into the plain expected profile, its sources and derivations."""
    truth = Truth(profile={})

    def walk(node: Any, path: str) -> Any:
        if isinstance(node, Stated):
            doc = patient.doc(node.doc)
            truth.sources[path] = {"document": f"{doc.name}.pdf", "quote": node.quote}
            return _plain(node.value)
        if isinstance(node, Derived):
            truth.derived[path] = node.rule
            return _plain(node.value)
        if isinstance(node, dict):
            return {k: walk(v, f"{path}.{k}" if path else k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, f"{path}[{i}]") for i, v in enumerate(node)]
        raise SpecError(f"{patient.id}: {path} = {node!r} is neither stated nor derived")

    truth.profile = walk(patient.profile, "")
    return truth


def fields(doc: str, quote: str, **values: Any) -> dict[str, Stated]:
    """Several leaves stated by one quote (a medication-list row, a lab-table row)."""
    return {key: Stated(value, doc, quote) for key, value in values.items()}


#: CTCAE v5 grades for the lab names the samples grade (decreased counts, raised liver tests).
CTCAE_RULES = {
    "ANC": "CTCAE v5 neutrophil count decreased (<LLN-1.5 G1, <1.5-1.0 G2, <1.0-0.5 G3, <0.5 G4 x10^9/L)",
    "WBC": "CTCAE v5 white blood cell decreased (<LLN-3.0 G1, <3.0-2.0 G2, <2.0-1.0 G3, <1.0 G4 x10^9/L)",
    "platelets": "CTCAE v5 platelet count decreased (<LLN-75 G1, <75-50 G2, <50-25 G3, <25 G4 x10^9/L)",
    "hemoglobin": "CTCAE v5 anemia (<LLN-10.0 G1, <10.0-8.0 G2, <8.0 G3 g/dL)",
    "ALT": "CTCAE v5 ALT increased, normal baseline (>ULN-3.0 x ULN G1)",
    "AST": "CTCAE v5 AST increased, normal baseline (>ULN-3.0 x ULN G1)",
}


def lab(doc: str, quote: str, date_quote: str, *, name: str, value: float, unit: str, date: str,
        grade: int | None = None) -> dict:
    """One lab result from a table row; `grade` only when the value is outside the reference range."""
    item: dict[str, Any] = fields(doc, quote, name=name, value=value, unit=unit)
    item["date"] = Stated(date, doc, date_quote)
    if grade is not None:
        item["grade"] = Derived(grade, CTCAE_RULES[name])
    return item
