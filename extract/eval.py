"""Evaluation of the extractor against labelled records: `oncoguide eval`.

Two dataset forms:
- JSON lines in the form of `../shared/data/tcga-brca-dev.jsonl` (`id`, `text`, `labels`,
  `report_labels`, `kefeli_t_label`): each record's text is read as one OCR page;
- the samples' expected profiles (`samples/expected/<patient>.json`, or that directory, or the
  `samples` directory): each patient's documents are read from the plain-text twins (`.txt`) beside
  the PDFs in `samples/records/<patient>/`, and every scalar leaf of the expected profile is
  compared, plus the paths the expected file marks absent.

For every field: how many records have a truth label, how often the text yielded a value
(coverage) and how often that value was right (accuracy, over the records that yielded one), with
the disagreements kept for reading. Receptor status is scored only where the report states it
(where the extractor found a statement), and how often that is is reported as coverage.

Scoring rules, stated once (see also docs/benchmarks.md):
- ER/PR/HER2 status: the truth is the report-level label where the record has one (14 records;
  it describes this report), else the patient-level label; `low_positive` counts as positive.
  HER2 is right when it equals that label, the patient's final status or the IHC-level label (a
  report read before its FISH addendum says "equivocal" truthfully).
- pT group (T1-T4) against `kefeli_t_label`; N group (N0-N3) against the patient's pN.
- histology: ductal / lobular / other (mixed and special types are "other").
- tumour size: right within 1 mm.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.models import ProfileReport
from ingest.errors import OncoguideError
from ingest.models import Document, Page


class DatasetError(OncoguideError):
    """The evaluation dataset cannot be read."""

    code = "dataset_error"
    exit_code = 21
    http_status = 422
    default_message = (
        "The evaluation dataset cannot be read. Give a JSON-lines file with one labelled record a "
        "line (id, text, labels), or the samples' expected profiles (samples/expected)."
    )


# -- records -----------------------------------------------------------------------------------


@dataclass
class Record:
    id: str
    documents: list[Document]
    truth: dict[str, Any]
    #: For sample records: the expected profile and its absent paths.
    expected: dict[str, Any] | None = None
    absent: list[str] = field(default_factory=list)


def _text_document(text: str, name: str, source: str) -> Document:
    return Document(
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        filename=name,
        type="text",
        pages=[Page(number=1, text=text, source=source)],  # type: ignore[arg-type]
    )


def load_jsonl(path: Path) -> Iterator[Record]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"Cannot read the dataset {path.name}: {exc.__class__.__name__}. "
                           "Check the path and that it is a UTF-8 text file.") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            text = raw["text"]
            rid = str(raw.get("id", n))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise DatasetError(f"Line {n} of {path.name} is not a labelled record (JSON with 'id', "
                               "'text' and 'labels'). Fix or remove that line.") from exc
        truth = {"labels": raw.get("labels") or {}, "report_labels": raw.get("report_labels"),
                 "kefeli_t_label": raw.get("kefeli_t_label")}
        # The TCGA text is the OCR output of the report PDFs.
        yield Record(rid, [_text_document(text, f"{rid}.txt", "ocr")], truth)


def _sample_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    for candidate in (path, path / "expected"):
        files = sorted(candidate.glob("*.json"))
        if files:
            return files
    raise DatasetError(f"No expected profiles (*.json) found in {path.name}. Give samples/expected "
                       "or one of its files.")


def load_samples(path: Path) -> Iterator[Record]:
    for file in _sample_files(path):
        try:
            spec = json.loads(file.read_text(encoding="utf-8"))
            patient, names = spec["patient"], spec["documents"]
        except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise DatasetError(f"{file.name} is not an expected-profile file (patient, documents, "
                               "profile).") from exc
        record_dir = file.parent.parent / "records" / patient
        documents = []
        for name in names:
            twin = (record_dir / name).with_suffix(".txt")
            if not twin.exists():
                raise DatasetError(f"The text twin of {name} for {patient} is missing; regenerate the "
                                   "samples with python -m samples.generate.")
            documents.append(_text_document(twin.read_text(encoding="utf-8"), twin.name, "text-layer"))
        yield Record(patient, documents, {}, expected=spec.get("profile") or {}, absent=spec.get("absent") or [])


def load_dataset(path: Path) -> list[Record]:
    if not path.exists():
        raise DatasetError(f"The dataset {path.name} does not exist. Check the path.")
    if path.is_file() and path.suffix in (".jsonl", ".ndjson"):
        return list(load_jsonl(path))
    return list(load_samples(path))


# -- normalising truth and predictions --------------------------------------------------------


def _get(d: dict | None, path: str) -> Any:
    node: Any = d
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _status(v: Any) -> str | None:
    if v in ("positive", "low_positive"):
        return "positive"
    if v in ("negative", "equivocal"):
        return v
    return None


def _t_group(t: Any) -> str | None:
    if not isinstance(t, str):
        return None
    t = t.upper().lstrip("YPC")
    for g in ("T1", "T2", "T3", "T4"):
        if t.startswith(g):
            return g
    return None


def _n_group(n: Any) -> str | None:
    if not isinstance(n, str):
        return None
    n = n.upper().lstrip("YPC")
    for g in ("N0", "N1", "N2", "N3"):
        if n.startswith(g):
            return g
    return None


def _histology_group(h: Any) -> str | None:
    if not isinstance(h, str):
        return None
    low = h.lower()
    if "ductal" in low and "lobular" not in low or low in ("invasive_ductal", "invasive_carcinoma_no_special_type"):
        return "ductal"
    if "lobular" in low and "ductal" not in low:
        return "lobular"
    return "other"


def _ihc(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return "0" if int(v) == 0 else f"{int(v)}+"
    return str(v)


@dataclass
class FieldSpec:
    name: str
    truth: Callable[[Record], Any]
    predict: Callable[[dict], Any]
    path: str  # profile path whose evidence explains the prediction
    floor: float | None = None
    coverage_floor: float | None = None
    #: "stated": accuracy over predictions only (receptor status where the report states it).
    match: Callable[[Any, Any, Record], bool] = lambda p, t, r: p == t


def _her2_match(pred: Any, truth: Any, rec: Record) -> bool:
    labels = rec.truth.get("labels") or {}
    return pred in {truth, _status(labels.get("her2")), _status(labels.get("her2_final"))}


def _rl(key: str) -> Callable[[Record], Any]:
    return lambda r: (r.truth.get("report_labels") or {}).get(key)


def _report_first(key: str, patient_key: str | None = None) -> Callable[[Record], Any]:
    """The report-level label when the record has one (it describes this report), else the
    patient-level label (which may describe another specimen)."""
    def truth(r: Record) -> Any:
        rl = r.truth.get("report_labels") or {}
        if rl.get(key) is not None:
            return rl[key]
        return r.truth["labels"].get(patient_key or key)
    return truth


TCGA_FIELDS: list[FieldSpec] = [
    FieldSpec("er_status", lambda r: _status(_report_first("er")(r)),
              lambda p: _status(_get(p, "receptors.er.status")), "receptors.er.status", 0.98),
    FieldSpec("pr_status", lambda r: _status(_report_first("pr")(r)),
              lambda p: _status(_get(p, "receptors.pr.status")), "receptors.pr.status", 0.98),
    FieldSpec("her2_status", lambda r: _status(_report_first("her2", "her2_final")(r)),
              lambda p: _status(_get(p, "receptors.her2.status")), "receptors.her2.status", 0.98,
              match=_her2_match),
    FieldSpec("pt_group", lambda r: r.truth.get("kefeli_t_label"),
              lambda p: _t_group(_get(p, "stage.pathologic.t")), "stage.pathologic.t", 0.95, 0.95),
    FieldSpec("pn_group", lambda r: _n_group(r.truth["labels"].get("pn")),
              lambda p: _n_group(_get(p, "stage.pathologic.n")), "stage.pathologic.n", 0.93),
    FieldSpec("histology", lambda r: _histology_group(r.truth["labels"].get("histology")),
              lambda p: _histology_group(_get(p, "diagnosis.histology")), "diagnosis.histology", 0.95),
    FieldSpec("laterality", lambda r: r.truth["labels"].get("laterality"),
              lambda p: _get(p, "diagnosis.laterality"), "diagnosis.laterality", 0.97),
    # The 14 records with a report-level annotation.
    FieldSpec("grade (report)", _rl("grade"), lambda p: _get(p, "diagnosis.grade"), "diagnosis.grade", 0.95),
    FieldSpec("tumor_size_mm (report, ±1 mm)", _rl("tumor_size_mm"), lambda p: _get(p, "diagnosis.tumor_size_mm"),
              "diagnosis.tumor_size_mm", 0.95,
              match=lambda p, t, r: p is not None and abs(float(p) - float(t)) <= 1.0),
    FieldSpec("ln_positive (report)", _rl("ln_positive"), lambda p: _get(p, "lymph_nodes.positive"),
              "lymph_nodes.positive", 0.95),
    FieldSpec("ln_examined (report)", _rl("ln_examined"), lambda p: _get(p, "lymph_nodes.examined"),
              "lymph_nodes.examined", 0.95),
    FieldSpec("her2_ihc_score (report)", lambda r: _ihc(_rl("her2_ihc_score")(r)),
              lambda p: _get(p, "receptors.her2.ihc_score"), "receptors.her2.ihc_score", 0.95),
    FieldSpec("er_percent (report)", _rl("er_percent"), lambda p: _get(p, "receptors.er.percent"),
              "receptors.er.percent", 0.95,
              match=lambda p, t, r: p is not None and abs(float(p) - float(t)) < 0.5),
]


# -- scoring ------------------------------------------------------------------------------------


@dataclass
class Disagreement:
    record: str
    field: str
    truth: Any
    predicted: Any
    evidence: list[dict]


@dataclass
class FieldResult:
    name: str
    labelled: int = 0
    covered: int = 0
    correct: int = 0
    floor: float | None = None
    coverage_floor: float | None = None
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def coverage(self) -> float | None:
        return self.covered / self.labelled if self.labelled else None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.covered if self.covered else None

    @property
    def meets_floor(self) -> bool | None:
        if self.floor is None or self.accuracy is None:
            return None
        ok = self.accuracy >= self.floor
        if self.coverage_floor is not None and self.coverage is not None:
            ok = ok and self.coverage >= self.coverage_floor
        return ok

    def to_dict(self) -> dict:
        return {"field": self.name, "labelled": self.labelled, "covered": self.covered, "correct": self.correct,
                "coverage": self.coverage, "accuracy": self.accuracy, "floor": self.floor,
                "coverage_floor": self.coverage_floor, "meets_floor": self.meets_floor,
                "disagreements": [d.__dict__ for d in self.disagreements]}


@dataclass
class EvalResult:
    dataset: str
    records: int
    fields: list[FieldResult]
    evidence_mismatches: int = 0

    def to_dict(self) -> dict:
        return {"dataset": self.dataset, "records": self.records, "evidence_mismatches": self.evidence_mismatches,
                "fields": [f.to_dict() for f in self.fields]}


def _evidence_summary(report: ProfileReport, path: str) -> list[dict]:
    return [{"text": e.text[:120], "rule": e.rule, "correction": e.correction}
            for e in report.evidence.get(path, [])[:3]]


def _check_evidence(report: ProfileReport, documents: list[Document]) -> int:
    """Evidence entries whose text is not page_text[start:end] (must be 0)."""
    pages = {(f"d{i}", p.number): p.text for i, d in enumerate(documents, 1) for p in d.pages}
    bad = 0
    for entries in report.evidence.values():
        for e in entries:
            text = pages.get((e.document, e.page))
            if text is not None and text[e.start:e.end] != e.text:
                bad += 1
    return bad


def profile_of(record: Record) -> ProfileReport:
    from extract import build_profile

    return build_profile(record.documents)


def evaluate(records: Iterable[Record], dataset: str = "", progress: Callable[[], None] | None = None) -> EvalResult:
    records = list(records)
    samples = any(r.expected is not None for r in records)
    results: dict[str, FieldResult] = {}
    mismatches = 0
    specs = [] if samples else TCGA_FIELDS
    for spec in specs:
        results[spec.name] = FieldResult(spec.name, floor=spec.floor, coverage_floor=spec.coverage_floor)
    for record in records:
        report = profile_of(record)
        mismatches += _check_evidence(report, record.documents)
        profile = report.to_json_dict()["profile"]
        if record.expected is not None:
            _score_sample(record, report, profile, results)
        else:
            for spec in specs:
                _score(spec, record, report, profile, results[spec.name])
        if progress:
            progress()
    return EvalResult(dataset, len(records), list(results.values()), mismatches)


def _score(spec: FieldSpec, record: Record, report: ProfileReport, profile: dict, result: FieldResult) -> None:
    truth = spec.truth(record)
    if truth is None:
        return
    result.labelled += 1
    pred = spec.predict(profile)
    if pred is None:
        return
    result.covered += 1
    if spec.match(pred, truth, record):
        result.correct += 1
    else:
        result.disagreements.append(Disagreement(record.id, spec.name, truth, pred,
                                                 _evidence_summary(report, spec.path)))


def _leaves(node: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, f"{prefix}.{k}" if prefix else k)
    elif not isinstance(node, list):
        yield prefix, node


def _score_sample(record: Record, report: ProfileReport, profile: dict, results: dict[str, FieldResult]) -> None:
    for path, truth in _leaves(record.expected):
        result = results.setdefault(path, FieldResult(path, floor=1.0))
        result.labelled += 1
        pred = _get(profile, path)
        if pred is None:
            continue
        result.covered += 1
        same = (abs(float(pred) - float(truth)) < 1e-6) if isinstance(truth, (int, float)) and isinstance(
            pred, (int, float)) and not isinstance(truth, bool) else pred == truth
        if same:
            result.correct += 1
        else:
            result.disagreements.append(Disagreement(record.id, path, truth, pred, _evidence_summary(report, path)))
    for path in record.absent:
        if "[" in path or "=" in path:
            continue  # item-level absences are checked by the golden tests
        result = results.setdefault("absent", FieldResult("absent", floor=1.0))
        result.labelled += 1
        result.covered += 1
        pred = _get(profile, path)
        if pred is None:
            result.correct += 1
        else:
            result.disagreements.append(Disagreement(record.id, f"absent {path}", None, pred,
                                                     _evidence_summary(report, path)))
