"""Extraction speed: `python -m bench.extract [--reports N] [--chars 3500] [--repeat 3]`.

Runs on one core (the process is pinned to CPU 0 where the OS allows) and reports CPU time per
report, each report's fastest of `--repeat` runs, so other load on the shared machine (which
preempts the process and evicts its caches) inflates the figures less than wall time or a single
run would; the load average before and after is printed with the figures:

- the page pipeline alone (tokenizer, sentences, abbreviations, sections);
- the pathology field extractors (with ConText, run lazily per sentence);
- `read_document` with every registered extractor (pathology and clinical fields);
- the whole profile (`extract.build_profile`: read, merge, derive);
- each registered field extractor on its own (what a page's read costs, field by field);
- `read_document` on reports the process has not read before, each once, after warm-up on other
  texts (the repeated runs above find the spaCy tokenizer cache and ConText rule subsets already
  filled by the same report; a service reads each document once);
- ConText with every rule in the matcher against the rules whose trigger word occurs;
- sentence splitting: our rules against medspaCy's PyRuSH, speed and agreement with a table of
  expected boundaries.

Reports: the TCGA dev texts when `../shared/data/tcga-brca-dev.jsonl` is present, cut to `--chars`
characters at a sentence end; otherwise the plain-text twins of the sample records.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import time
from pathlib import Path

from ingest.models import Document, Page

ROOT = Path(__file__).resolve().parents[1]
TCGA = ROOT.parent / "shared" / "data" / "tcga-brca-dev.jsonl"

SENTENCE_TABLE = [
    ("ER: Positive (95%)\nPR: Negative\nHER2 (IHC): 2+", 3),
    ("- Invasive ductal carcinoma\n- Margins negative\n- LVI absent", 3),
    ("TUMOR SIZE: 2.5 CM. MARGINS NEGATIVE. SIZE 3. 0CM BY GROSS.", 3),
    ("A. BREAST, LEFT, LUMPECTOMY: CARCINOMA. B. LYMPH NODE: BENIGN.", 2),
    ("Tumor size 1.8 cm. Grade 2.\nLymph nodes: 0/3", 3),
    ("No lymphovascular invasion; margins free.", 2),
]


def _texts(n: int, chars: int) -> list[str]:
    if TCGA.exists():
        raw = [json.loads(line)["text"] for line in TCGA.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        raw = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "records").glob("*/*.txt"))]
    # Reports of about `chars` characters: the longer texts, cut at a sentence end.
    long_enough = [t for t in raw if len(t) >= chars] or raw
    out = []
    for text in long_enough:
        if len(text) > chars:
            cut = text.rfind(". ", 0, chars)
            text = text[: cut + 1 if cut > chars // 2 else chars]
        out.append(text)
    return (out * (n // max(1, len(out)) + 1))[:n]


def _unseen_split(chars: int) -> tuple[list[str], list[str]]:
    """(warm-up texts, timed texts): every distinct report of about `chars` characters is timed
    once, after the process has read the other texts (shorter reports, the sample records), so the
    spaCy vocabulary, tokenizer cache and ConText rule subsets hold what earlier documents put
    there, as in a worker that has been running, but nothing of the timed report itself."""
    timed = list(dict.fromkeys(_texts(10_000, chars)))
    raw = [json.loads(line)["text"] for line in TCGA.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if TCGA.exists() else []
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "records").glob("*/*.txt"))]
    warm = [t for t in raw if len(t) < chars] + samples
    if not TCGA.exists():  # the sample texts are the timed set: warm up on one half, time the other
        warm, timed = timed[::2], timed[1::2]
    return warm, timed


def _doc(text: str) -> Document:
    return Document(sha256=hashlib.sha256(text.encode()).hexdigest(), filename="bench.txt", type="text",
                    pages=[Page(number=1, text=text, source="ocr")])


def _time(fn, items, before=None) -> list[float]:
    out = []
    for item in items:
        if before is not None:
            before()
        t0 = time.process_time()
        fn(item)
        out.append((time.process_time() - t0) * 1000)
    return out


def _steps(steps: list, items, repeat: int) -> list[list[float]]:
    """CPU ms of every step for every item: the steps run back to back on one item (so they see
    the same machine load), `repeat` times, and each step's fastest run counts (the run that other
    processes on the shared core slowed down least). What the extractor remembers about a text is
    forgotten before every run (`extract.text_caches`): each run reads the report as new."""
    from extract.text_caches import clear_text_caches

    out: list[list[float]] = [[] for _ in steps]
    for item in items:
        best = [float("inf")] * len(steps)
        for _ in range(repeat):
            for i, step in enumerate(steps):
                clear_text_caches()
                t0 = time.process_time()
                step(item)
                best[i] = min(best[i], (time.process_time() - t0) * 1000)
        for i, ms in enumerate(best):
            out[i].append(ms)
    return out


def _row(name: str, ms: list[float]) -> str:
    mean = statistics.fmean(ms)
    return f"| {name} | {statistics.median(ms):.1f} | {mean:.1f} | {1000 / mean:.0f} |"


def sentence_comparison() -> list[str]:
    from extract.pipeline import build_nlp

    rows = []
    for kind in ("rules", "pyrush"):
        nlp = build_nlp(kind)
        right = sum(1 for text, n in SENTENCE_TABLE if len([s for s in nlp(text).sents if s.text.strip()]) == n)
        texts = _texts(40, 3500)
        nlp(texts[0])
        component = nlp.get_pipe("oncoguide_sentences" if kind == "rules" else "medspacy_pyrush")
        docs = [nlp.make_doc(t) for t in texts]
        ms = _time(component, docs)
        rows.append(f"| {kind} | {statistics.fmean(ms):.2f} | {right}/{len(SENTENCE_TABLE)} |")
    return rows


def context_comparison(texts: list[str]) -> list[str]:
    """ConText over sentence-sized windows of the reports: every loaded rule in spaCy's matcher
    (medspaCy's component as built) against the rules whose trigger word is in the window
    (`extract.pipeline.run_context`, what the pipeline uses)."""
    from extract.pipeline import build_context_nlp, may_have_context, run_context

    windows = [t[i:i + 260] for t in texts[:60] for i in range(0, len(t) - 260, 500)]
    windows = [w for w in windows if may_have_context(w)]
    full = build_context_nlp()
    for w in windows:  # warm both (the per-subset components are built once)
        full(w)
        run_context(w)
    rows = []
    for name, fn in (("all rules", full), ("rules whose trigger word occurs", run_context)):
        ms = _time(fn, windows)
        rows.append(f"| {name} | {len(windows)} | {statistics.fmean(ms):.2f} |")
    return rows


def window_comparison(texts: list[str], rounds: int = 7) -> list[str]:
    """The rules that have a `window`, run on the windows around their anchors against a scan of
    the whole page (as OCR pages, like the dev set), alternating in one process; fastest round."""
    from extract.rules import windowed_rules
    from extract.text_caches import clear_text_caches

    rules = windowed_rules()

    def whole(text: str) -> None:
        clear_text_caches()
        lowered = text.lower()
        for r in rules:
            pattern = r.pattern_for(True)
            if pattern is not None and (not r.requires or any(w in lowered for w in r.requires)):
                for _ in pattern.finditer(text):
                    pass

    def windowed(text: str) -> None:
        clear_text_caches()  # the anchors of a page are found once for all its rules, not kept across runs
        for r in rules:
            for _ in r.finditer(text, True):
                pass

    best = {"whole page": float("inf"), "windows around the anchors": float("inf")}
    for _ in range(rounds):
        for name, fn in (("whole page", whole), ("windows around the anchors", windowed)):
            start = time.process_time()
            for text in texts:
                fn(text)
            best[name] = min(best[name], (time.process_time() - start) * 1000 / len(texts))
    return [f"| {name} ({len(rules)} rules) | {ms:.2f} |" for name, ms in best.items()]


def _unseen(chars: int) -> tuple[list[float], list[float]]:
    """CPU ms of `read_document` on each report the process has not read before (`_unseen_split`),
    and of reading each once more right after (single runs both, so equally exposed to the load
    of the shared machine: their ratio is what a first reading costs, the load aside). Both forget
    what was remembered about the report's own text first (`extract.text_caches`)."""
    from extract.document import read_document
    from extract.text_caches import clear_text_caches

    warm, timed = _unseen_split(chars)
    for text in warm:
        read_document(_doc(text), "d1")
    docs = [_doc(t) for t in timed]
    first = _time(lambda d: read_document(d, "d1"), docs, before=clear_text_caches)
    again = _time(lambda d: read_document(d, "d1"), docs, before=clear_text_caches)
    return first, again


def extractor_breakdown(docs: list[Document], repeat: int) -> list[str]:
    """Table rows: CPU ms a report for each registered field extractor, in registration order on a
    freshly analysed page, each report's fastest of `repeat` runs. Work an extractor caches on the
    page (specimen parts, histology mentions) is paid by the first one that asks for it."""
    from extract.analysis import analyze_page
    from extract.fields import FIELD_EXTRACTORS
    from extract.text_caches import clear_text_caches

    best = {f.__name__: [float("inf")] * len(docs) for f in FIELD_EXTRACTORS}
    for _ in range(repeat):
        for i, d in enumerate(docs):
            clear_text_caches()
            page = analyze_page("d1", d.pages[0])
            for field in FIELD_EXTRACTORS:
                t0 = time.thread_time()
                list(field(page))
                best[field.__name__][i] = min(best[field.__name__][i], time.thread_time() - t0)
    rows = [(statistics.fmean(times) * 1000, name) for name, times in best.items()]
    return [f"| {name} | {ms:.2f} |" for ms, name in sorted(rows, reverse=True)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--chars", type=int, default=3500)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per report; the fastest counts (default 3)")
    parser.add_argument("--unseen", action=argparse.BooleanOptionalAction, default=True,
                        help="also time each distinct report once, unseen by the process (default on)")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {int(os.environ.get("ONCOGUIDE_BENCH_CPU", "0"))})

    t0 = time.perf_counter()
    from extract import build_profile
    from extract.analysis import analyze_page
    from extract.document import read_document
    from extract.fields import FIELD_EXTRACTORS
    from extract.pipeline import build_context_nlp, build_nlp

    build_nlp()
    build_context_nlp()
    startup = time.perf_counter() - t0

    texts = _texts(args.reports, args.chars)
    pathology = [f for f in FIELD_EXTRACTORS if f.__module__.split(".")[-1] in
                 ("receptors", "histology", "grade", "tumor_size", "tnm", "lymph_nodes", "laterality")]
    docs = [_doc(t) for t in texts]
    # First, before any timed report has been read: each distinct report once.
    unseen_ms, again_ms = _unseen(args.chars) if args.unseen else ([], [])
    load_end = os.getloadavg() if hasattr(os, "getloadavg") else None
    read_document(docs[0], "d1")  # warm caches (rule files, vocabularies)

    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    r = args.repeat
    # Extractors cache their work on the page, so each timed run gets a freshly analysed page.
    def pathology_fields(d: Document) -> None:
        page = analyze_page("d1", d.pages[0])
        for field in pathology:
            list(field(page))

    pipeline_ms, pathology_ms, read_ms, profile_ms = _steps(
        [lambda d: build_nlp()(d.pages[0].text), pathology_fields, lambda d: read_document(d, "d1"),
         lambda d: build_profile([d])], docs, r)
    pathology_ms = [max(0.0, a - b) for a, b in zip(pathology_ms, pipeline_ms)]
    load_after = os.getloadavg() if hasattr(os, "getloadavg") else None

    source = "TCGA dev texts" if TCGA.exists() else "sample record texts"
    print(f"{len(texts)} reports ({source}), mean {statistics.fmean(len(t) for t in texts):.0f} characters; "
          f"startup (imports + pipelines) {startup:.1f} s; one core, CPU time, fastest of {r} runs per report")
    if load_before and load_after:
        print(f"load average before {' '.join(f'{x:.2f}' for x in load_before)}, "
              f"after {' '.join(f'{x:.2f}' for x in load_after)} (2 shared cores)")
    print()
    print("| step | median ms/report | mean ms/report | reports/s |")
    print("|---|---|---|---|")
    print(_row("page pipeline (spaCy, sentences, sections)", pipeline_ms))
    print(_row("pathology extractors (with ConText; page pipeline subtracted)", pathology_ms))
    print(_row("read_document, all registered extractors", read_ms))
    print(_row("build_profile (read + merge + derive)", profile_ms))
    if unseen_ms:
        print(f"\nUnseen reports (timed first): {len(unseen_ms)} distinct reports, each read once by "
              f"`read_document` after warm-up on other texts (load average then "
              f"{' '.join(f'{x:.2f}' for x in load_end)}):\n")
        print("| step | median ms/report | mean ms/report | reports/s |")
        print("|---|---|---|---|")
        print(_row("read_document, each report read once (first reading)", unseen_ms))
        print(_row("read_document, the same reports once more (second reading)", again_ms))
    print(f"\n| field extractor (registration order; page caches paid by the first to ask), fastest of {r} "
          "| mean ms/report |")
    print("|---|---|")
    for row in extractor_breakdown(docs, r):
        print(row)
    print("\n| ConText on 260-character windows | windows | ms/window |")
    print("|---|---|---|")
    for row in context_comparison(texts):
        print(row)
    print("\n| windowed grammar rules, fastest of 7 alternating rounds | ms/report |")
    print("|---|---|")
    for row in window_comparison(texts):
        print(row)
    print("\n| sentence splitter | ms/report | sentence table right |")
    print("|---|---|---|")
    for row in sentence_comparison():
        print(row)


if __name__ == "__main__":
    main()
