"""Re-merge cost: what processing one more document costs for a patient who already has many.

Every processed document re-merges the facts of all the patient's documents (the profile is a
function of all of them), reading the facts stored when each was processed. This measures the
worker's commit for document 1, 2, ... N of one patient on the service's own code (`run_job`),
with the real extract merge and derivations; reading and extracting the new document are taken
out (its pages and facts are prepared beforehand), so the figures are the cost that grows with N.

The facts are those of the sample records (`samples/records/p0*/*.txt`, read by the real ingest
and extract stages once at the start), all given to one patient over and over: a worst case,
since six patients' records disagree (many conflicts).

    .venv/bin/python -m bench.service_merge                     # SQLite, 50 documents
    .venv/bin/python -m bench.service_merge --postgres URL      # and PostgreSQL (a throwaway database: emptied)

Results: Markdown tables on stdout and JSON in bench/out/service_merge.json. The machine may be
shared: each figure is a median, given as wall time and as CPU time of this process (less
disturbed by other work; on PostgreSQL the server's own CPU is not in it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "service_merge.json"


def sample_documents() -> list[tuple[Any, dict]]:
    """(ingest Document, DocumentFacts as JSON keyed to document id 'd') of every sample text record."""
    import ingest
    from extract import read_document

    out = []
    for path in sorted((REPO / "samples" / "records").glob("p0*/*.txt")):
        document = ingest.read(path.read_bytes(), path.name)
        out.append((document, read_document(document, "d").model_dump(mode="json")))
    return out


def _rekey(value: Any, document_id: str) -> Any:
    """The facts with every evidence and summary pointing at `document_id`."""
    if isinstance(value, dict):
        return {k: (document_id if k in ("document", "id") and v == "d" else _rekey(v, document_id))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_rekey(v, document_id) for v in value]
    return value


class PreparedPipeline:
    """The product's merge; the new document's pages and facts are the prepared ones (upload n
    carries `n` as its bytes)."""

    def __init__(self, prepared: list[tuple[Any, dict]]) -> None:
        from api.pipeline import StagePipeline

        self.prepared = prepared
        self.stages = StagePipeline()
        self.current = 0
        self.merge_times: list[tuple[float, float]] = []  # extract's merge_facts alone

    def _item(self) -> tuple[Any, dict]:
        return self.prepared[(self.current - 1) % len(self.prepared)]

    def read(self, data: bytes, filename: str, *, max_pages: int, progress=None):
        self.current = int(data)
        return self._item()[0]

    def read_document(self, document, document_id: str):
        from extract.findings import DocumentFacts

        return DocumentFacts.model_validate(_rekey(self._item()[1], document_id))

    def merge_facts(self, facts):
        with clock(self.merge_times):
            return self.stages.merge_facts(facts)

    def guide(self, profile, *, question=None, answer_text=None):  # pragma: no cover - not used here
        return self.stages.guide(profile, question=question, answer_text=answer_text)

    def library(self):  # pragma: no cover - not used here
        return self.stages.library()


@contextmanager
def clock(into: list[tuple[float, float]]):
    """Append (wall seconds, CPU seconds of this process) of the block to `into`."""
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        into.append((time.perf_counter() - wall, time.process_time() - cpu))


@contextmanager
def timed(module: Any, name: str, into: list[tuple[float, float]]):
    """Time every call of `module.name` (a function the worker calls by its global name)."""
    original: Callable = getattr(module, name)

    def wrapper(*args, **kwargs):
        with clock(into):
            return original(*args, **kwargs)

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


def facts_as_rows(s, patient_id: str) -> list:
    """How the facts were loaded before `api.processing.stored_facts` (the baseline): whole
    document rows, then each row's decoded JSON validated into the models."""
    from sqlmodel import select

    from api.db import Document
    from extract.findings import DocumentFacts

    rows = s.exec(select(Document).where(Document.patient_id == patient_id, Document.status.in_(("done", "partial")),
                                         Document.facts.is_not(None)).order_by(Document.created_at, Document.id))
    return [DocumentFacts.model_validate(row.facts) for row in rows]


def compare_loaders(engine, patient_id: str, repeats: int = 31) -> dict:
    """Median wall and CPU ms of loading the patient's facts both ways (same result checked)."""
    from sqlmodel import Session

    from api.processing import stored_facts

    loaders = {"rows_then_validate": facts_as_rows, "stored_facts": stored_facts}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in loaders}
    for _ in range(repeats):  # interleaved, so drift in the machine's load hits both alike
        for name, load in loaders.items():
            with Session(engine) as s, clock(times[name]):
                load(s, patient_id)
    with Session(engine) as s:
        assert facts_as_rows(s, patient_id) == stored_facts(s, patient_id)
    return {name: {"wall_ms": ms(statistics.median(t[0] for t in series)),
                   "cpu_ms": ms(statistics.median(t[1] for t in series))} for name, series in times.items()}


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def run(database_url: str | None, prepared: list[tuple[Any, dict]], documents: int) -> dict:
    import api.processing as processing
    from sqlmodel import select

    from api.db import Patient, ProfileVersion, User, session_scope
    from api.services import Services
    from api.settings import Settings
    from api.uploads import store_document

    with tempfile.TemporaryDirectory(prefix="og-merge-") as tmp:
        settings = Settings(environment="test", data_dir=Path(tmp), database_url=database_url)
        pipeline = PreparedPipeline(prepared)
        svc = Services.from_settings(settings, pipeline=pipeline, immediate=True)
        with session_scope(svc.engine) as s:
            patient = Patient(name="Merge Example")
            user = User(email="merge@example.test", role="admin")
            s.add_all([patient, user])
            s.flush()
            pid = patient.id
        job_times, merge_times, version_times = [], [], []
        with timed(processing, "merged_profile", merge_times), timed(processing, "write_version", version_times):
            for n in range(1, documents + 1):
                sha = svc.blobs.put(str(n).encode())
                with session_scope(svc.engine) as s:
                    doc, _, _ = store_document(s, s.get(User, user.id), pid, sha, f"d{n}.txt", None, 1)
                with clock(job_times):
                    outcome = processing.run_job(svc, doc.id, "bench")
                assert outcome.state == "done", outcome
        with session_scope(svc.engine) as s:
            latest = s.exec(select(ProfileVersion).where(ProfileVersion.patient_id == pid)
                            .order_by(ProfileVersion.version.desc())).first()
            report_bytes = len(json.dumps(latest.report))
            conflicts = len(latest.report.get("conflicts", []))
            versions = list(s.exec(select(ProfileVersion).where(ProfileVersion.patient_id == pid)))
            versions_bytes = sum(len(json.dumps(v.extracted)) + len(json.dumps(v.report)) for v in versions)
        loaders = compare_loaders(svc.engine, pid)
        svc.close()

    groups = [(lo, min(lo + 4, documents)) for lo in (1, 21, 46) if lo <= documents]

    def median_ms(series: list[tuple[float, float]], lo: int, hi: int, which: int) -> float:
        return ms(statistics.median(t[which] for t in series[lo - 1:hi]))

    parts = {"job": job_times, "merge": merge_times, "merge_facts": pipeline.merge_times, "version": version_times}
    return {
        "database": "PostgreSQL" if database_url else "SQLite",
        "documents": documents,
        "median_ms_by_documents": {f"{lo}-{hi}": {f"{name}_{kind}": median_ms(series, lo, hi, i)
                                                 for name, series in parts.items()
                                                 for i, kind in enumerate(("wall", "cpu"))}
                                   for lo, hi in groups},
        "loaders_at_end": loaders,
        "final_report_kb": round(report_bytes / 1024),
        "profile_versions": len(versions),
        "profile_versions_mb": round(versions_bytes / 1024 / 1024, 1),
        "final_conflicts": conflicts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--postgres", help="SQLAlchemy URL of a throwaway PostgreSQL database (emptied first)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    prepared = sample_documents()
    print(f"read {len(prepared)} sample records in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    results = [run(None, prepared, args.documents)]
    if args.postgres:
        from tests.test_api_fakes import fresh_postgres

        results.append(run(fresh_postgres(args.postgres), prepared, args.documents))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1))
    print("Per document, median of the documents in the range (wall ms / CPU ms of the worker process):\n")
    print("| database | documents n of the patient | processing without reading | re-merge of all stored facts "
          "| of which loading the facts | of which extract's merge | writing the version |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        for group, t in r["median_ms_by_documents"].items():
            load = tuple(round(t[f"merge_{k}"] - t[f"merge_facts_{k}"], 1) for k in ("wall", "cpu"))
            print(f"| {r['database']} | {group} | {t['job_wall']} / {t['job_cpu']} | {t['merge_wall']} / {t['merge_cpu']} "
                  f"| {load[0]} / {load[1]} | {t['merge_facts_wall']} / {t['merge_facts_cpu']} "
                  f"| {t['version_wall']} / {t['version_cpu']} |")
    print(f"\nLoading the facts of {args.documents} stored documents, median of 31 runs of each, interleaved (wall ms / CPU ms):\n")
    print("| database | whole rows, then validate the decoded JSON (before) | `stored_facts` (now) |")
    print("|---|---|---|")
    for r in results:
        before, now = r["loaders_at_end"]["rows_then_validate"], r["loaders_at_end"]["stored_facts"]
        print(f"| {r['database']} | {before['wall_ms']} / {before['cpu_ms']} | {now['wall_ms']} / {now['cpu_ms']} |")
    for r in results:
        print(f"{r['database']}: final profile {r['final_report_kb']} KB, {r['final_conflicts']} conflicts; "
              f"{r['profile_versions']} versions holding {r['profile_versions_mb']} MB of JSON", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
