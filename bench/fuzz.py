"""Hardening benchmark: a long fuzz run over ingest and extract, the worst pages extraction can be
given, and the hostile corpus through a running server (time per case, memory).

    .venv/bin/python -m bench.fuzz                    # about 10 minutes on the 2-core machine
    .venv/bin/python -m bench.fuzz --quick            # fewer examples, about 3 minutes
    .venv/bin/python -m bench.fuzz --write            # also replace "## Hardening" in docs/benchmarks.md

1. Fuzz (hypothesis, the property of `tests/hostile/fuzz.py`): record-like and arbitrary text
   through extract; damaged files of every accepted kind through ingest and extract. Any exception
   other than an `OncoguideError`, or an evidence span that misses its text, stops the run with
   the shrunk input. The slowest inputs are reported.
2. Worst pages: one page at ingest's character limit (`Limits().max_page_chars`) of each pattern
   that made extraction slow while hardening (parentheses, misspelled drug names, dates, ...).
3. The hostile corpus (`tests/hostile/corpus.py`) uploaded to `oncoguide serve --no-worker` plus
   one `oncoguide worker`, one case at a time: seconds from upload to the final status, and the
   memory of API + worker (baseline after a warm-up document, peak, settled after the corpus).

Results: Markdown on stdout, JSON in bench/out/fuzz.json. The machine is shared: the load average
is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
SECTION = "## Hardening"
MB = 1024 * 1024


def fuzz(examples_text: int, examples_files: int) -> dict:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.hostile.fuzz import any_text, check_extract, check_file, damaged, pages_of, seed_files

    check_extract(pages_of(["Estrogen receptor positive (95%)."]))  # loads the models: not timed
    timings: dict[str, list[tuple[float, int, str]]] = {"text": [], "files": []}
    common = dict(deadline=None, suppress_health_check=list(HealthCheck), database=None)

    @settings(max_examples=examples_text, **common)
    @given(st.lists(any_text, min_size=1, max_size=4))
    def text_property(texts):
        start = time.perf_counter()
        check_extract(pages_of(texts))
        timings["text"].append((time.perf_counter() - start, sum(map(len, texts)), repr("".join(texts)[:80])))

    seeds = seed_files()

    @settings(max_examples=examples_files, **common)
    @given(st.data())
    def file_property(data):
        blob = data.draw(damaged(seeds))
        start = time.perf_counter()
        check_file(blob)
        timings["files"].append((time.perf_counter() - start, len(blob), repr(blob[:40])))

    out = {}
    for name, prop in (("text", text_property), ("files", file_property)):
        start = time.perf_counter()
        prop()  # raises, with the shrunk input, on the first failure
        runs = sorted(timings[name], reverse=True)
        out[name] = {"examples": len(runs), "seconds": round(time.perf_counter() - start, 1), "failures": 0,
                     "slowest": [{"seconds": round(s, 3), "size": n, "start": head} for s, n, head in runs[:5]]}
    return out


#: Pages that were slow to extract while hardening, as a unit repeated up to the page limit.
WORST_PAGES = {
    "report lines": None,  # a real-looking report, repeated
    "parentheses": "(" * 50 + "ER" + ")" * 50 + " ",
    "misspelled drug names, no full stop": "Ribocyclib Letrazole Tamoxifin Anastrazole Palbocyclib ",
    "dates": "03/02/2025 2025-03-02 March 2, 2025 ",
    "drug names and doses": "ribociclib 400 mg daily; letrozole 2.5 mg; trastuzumab deruxtecan. ",
    "numbers and percent signs": "95% 1+ 2+ 3+ pT2 pN1a cM0 ",
    "section headers": "FINAL DIAGNOSIS:\nMICROSCOPIC DESCRIPTION:\nMEDICATIONS:\n",
    "one long word": "HER2",
}


def worst_pages() -> dict:
    import extract
    from ingest import Limits
    from ingest.synth import report_pages
    from tests.hostile.fuzz import pages_of

    size = Limits().max_page_chars
    extract.read_document(pages_of(["Estrogen receptor positive (95%)."]), "warm")
    report = "\n".join(line for page in report_pages(pages=10, lines_per_page=40, seed=3) for line in page) + "\n"
    out = {}
    for name, unit in WORST_PAGES.items():
        unit = unit or report
        text = (unit * (size // len(unit) + 1))[:size]
        start = time.perf_counter()
        facts = extract.read_document(pages_of([text]), "d1")
        out[name] = {"chars": len(text), "seconds": round(time.perf_counter() - start, 2),
                     "findings": len(facts.findings)}
        print(f"  {name}: {out[name]['seconds']} s", file=sys.stderr, flush=True)
    return out


def corpus_through_server() -> dict:
    from tests.hostile.corpus import CASES, text_pdf
    from tests.hostile.live import Clinic, MemorySampler, wait_final
    from tests.hostile.test_hostile_api import post_files

    with tempfile.TemporaryDirectory() as tmp:
        clinic = Clinic(Path(tmp) / "data")
        try:
            clinic.start_api()
            clinic.start_worker()
            pid = clinic.patient("Bench Example")
            client = clinic.client(clinic.user("bench@example.test", "patient", pid))
            r = client.post(f"/api/patients/{pid}/documents", files={"file": ("warm.pdf", text_pdf(), "application/pdf")})
            wait_final(client, r.json()["document_id"])
            time.sleep(1)
            baseline = clinic.rss()
            cases = []
            with MemorySampler(clinic) as memory:
                for case in CASES:
                    data = case.make()
                    start = time.perf_counter()
                    r = post_files(client, pid, [(case.filename, data, case.content_type)])
                    if r.status_code == 202:
                        doc = wait_final(client, r.json()["document_id"], timeout=600)
                        status, code = doc["status"], (doc["error"] or {}).get("code")
                    else:
                        status, code = f"refused {r.status_code}", r.json()["error"]["code"]
                    cases.append({"kind": case.kind, "bytes": len(data), "status": status, "code": code,
                                  "seconds": round(time.perf_counter() - start, 2),
                                  "rss_after_mb": round(clinic.rss() / MB)})
                    print(f"  {case.kind}: {status} {code or ''} {cases[-1]['seconds']} s", file=sys.stderr, flush=True)
                time.sleep(2)
            settled = clinic.rss()
            client.close()
        finally:
            clinic.stop()
    return {"cases": cases, "baseline_mb": round(baseline / MB), "peak_mb": round(memory.peak / MB),
            "settled_mb": round(settled / MB)}


def markdown(result: dict) -> str:
    f, w, c = result["fuzz"], result["worst_pages"], result["corpus"]
    lines = [
        SECTION, "",
        "Hostile input, fuzzing and the worst pages extraction can be given, measured by `bench/fuzz.py`. "
        "Reproduce with `.venv/bin/python -m bench.fuzz` (add `--write` to update this section); raw figures in "
        f"`bench/out/fuzz.json`. Measured {result['date']}, load average {result['load'][0]:.1f} before and "
        f"{result['load'][1]:.1f} after (other engineers' work shares the 2 cores).", "",
        "Fuzz (hypothesis; the property of `tests/hostile/fuzz.py`: only `OncoguideError`s, every evidence span "
        "exact; the test suite runs 40 examples of each):", "",
        "| input | examples | failures | wall time | slowest example |", "|---|---|---|---|---|",
    ]
    for name, label in (("text", "record-like and arbitrary text → extract → merge"),
                        ("files", "damaged PDF/PNG/JPEG/TIFF/WebP/text → ingest → extract")):
        slow = f[name]["slowest"][0]
        lines.append(f"| {label} | {f[name]['examples']} | {f[name]['failures']} | {f[name]['seconds']} s | "
                     f"{slow['seconds']} s ({slow['size']} chars/bytes) |")
    lines += ["", f"Worst pages: one page of {next(iter(w.values()))['chars']:,} characters (ingest's per-page "
              "limit, `Limits.max_page_chars`) through extract:", "", "| page made of | seconds |", "|---|---|"]
    lines += [f"| {name} | {v['seconds']} |" for name, v in w.items()]
    lines += ["", "The hostile corpus through a running server (`oncoguide serve --no-worker` + one worker, real "
              "stages), one case at a time, seconds from the upload to the final status (polled every 0.2 s):", "",
              "| case | bytes | answer | seconds |", "|---|---|---|---|"]
    for case in c["cases"]:
        answer = case["status"] + (f" `{case['code']}`" if case["code"] else "")
        lines.append(f"| {case['kind']} | {case['bytes']:,} | {answer} | {case['seconds']} |")
    lines += ["", f"Memory of API + worker: {c['baseline_mb']} MB after a warm-up document, peak {c['peak_mb']} MB "
              f"during the corpus, {c['settled_mb']} MB after it."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 + 200 fuzz examples instead of 2000 + 1000")
    parser.add_argument("--write", action="store_true", help="replace the Hardening section of docs/benchmarks.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    load = [os.getloadavg()[0]]
    result = {"date": time.strftime("%Y-%m-%d")}
    print("fuzz ...", file=sys.stderr, flush=True)
    result["fuzz"] = fuzz(300, 200) if args.quick else fuzz(2000, 1000)
    print("worst pages ...", file=sys.stderr, flush=True)
    result["worst_pages"] = worst_pages()
    print("corpus through a server ...", file=sys.stderr, flush=True)
    result["corpus"] = corpus_through_server()
    load.append(os.getloadavg()[0])
    result["load"] = load
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "fuzz.json").write_text(json.dumps(result, indent=2))
    text = markdown(result)
    print(text)
    if args.write:
        from bench import write_section

        write_section(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
