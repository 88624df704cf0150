"""Personalization benchmark: time to tailor one answer to one profile after warm-up, time to match
a question to a library answer, and the cold start of a fresh process.

    .venv/bin/python -m bench.personalize            # about 30 s
    .venv/bin/python -m bench.personalize --write    # also replace the "Personalization" section of docs/benchmarks.md

Inputs: every library answer and the foreign answers in tests/fixtures/answers, against every
profile archetype in tests/fixtures/profiles. Results: Markdown on stdout, JSON in
bench/out/personalize.json. The machine is shared: the load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
DOC = REPO / "docs" / "benchmarks.md"
SECTION = "## Personalization"
FIXTURES = REPO / "tests" / "fixtures"
TODAY = date(2026, 11, 26)


def _stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"n": len(ms), "p50": statistics.median(ms), "p95": ms[int(0.95 * (len(ms) - 1))], "max": ms[-1]}


def tailoring(repeats: int) -> dict:
    from personalize import library, tailor
    from personalize.tailor import analyze_text

    profiles = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "profiles").glob("*.json"))]
    foreign = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "answers").glob("*.*"))]
    results = {}
    for label, answers in (("library answer", list(library().answers)), ("foreign answer text", foreign)):
        for answer in answers:  # warm-up: load rules, library, matcher, analyse library answers once
            for profile in profiles:
                tailor(profile, answer, today=TODAY)
        samples = []
        for _ in range(repeats):
            for answer in answers:
                for profile in profiles:
                    start = time.perf_counter()
                    tailor(profile, answer, today=TODAY)
                    samples.append((time.perf_counter() - start) * 1000)
        results[label] = _stats(samples)
    car_t = (FIXTURES / "answers" / "car-t-general-answer.txt").read_text(encoding="utf-8")
    samples = []
    for _ in range(repeats * 20):
        start = time.perf_counter()
        analyze_text(car_t)
        samples.append((time.perf_counter() - start) * 1000)
    results["analysing the CAR-T text alone (blocks, concepts, scopes)"] = _stats(samples)
    return results


def matching(repeats: int) -> dict:
    from personalize import library

    data = json.loads((FIXTURES / "questions" / "paraphrases.json").read_text(encoding="utf-8"))
    questions = [q for q, _ in data["matching"]] + data["unrelated"]
    for q in questions:
        library().match(q)
    samples = []
    for _ in range(repeats):
        for q in questions:
            start = time.perf_counter()
            library().match(q)
            samples.append((time.perf_counter() - start) * 1000)
    return {"matching a question": _stats(samples)}


def accuracy() -> dict:
    from personalize import library

    out = {}
    for name in ("paraphrases", "heldout", "heldout2"):
        data = json.loads((FIXTURES / "questions" / f"{name}.json").read_text(encoding="utf-8"))
        hits = 0
        for q, wanted in data["matching"]:
            found = library().match(q)
            hits += found is not None and found.answer.id in ([wanted] if isinstance(wanted, str) else wanted)
        rejected = sum(library().match(q) is None for q in data["unrelated"])
        out[name] = {"right": hits, "questions": len(data["matching"]), "rejected": rejected, "unrelated": len(data["unrelated"])}
    return out


def cold_start() -> dict:
    code = (
        "import json,time;t=time.perf_counter();from personalize import guide;a=time.perf_counter();"
        f"p=json.load(open({str(FIXTURES / 'profiles' / 'er_pos_her2_low_oligomet_ribociclib.json')!r}));"
        "guide(p,question='How does CAR-T cell therapy work for breast cancer?');b=time.perf_counter();"
        "print(json.dumps({'import_s':a-t,'first_guide_s':b-a}))"
    )
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                      cwd=REPO).stdout) for _ in range(3)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def markdown(result: dict) -> str:
    lines = [
        SECTION, "",
        "Time to tailor one answer to one profile after warm-up (`personalize.tailor`: split into blocks, "
        "concepts, decisions with evidence, overlays, questions, summary), every answer against every "
        f"profile archetype in `tests/fixtures/profiles` ({result['profiles']} profiles). Budget: 20 ms. "
        "Reproduce with `.venv/bin/python -m bench.personalize` (add `--write` to update this section); "
        "raw figures in `bench/out/personalize.json`.", "",
        "| what | calls | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|",
    ]
    for label, s in {**result["tailoring"], **result["matching"]}.items():
        lines.append(f"| {label} | {s['n']} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} |")
    acc = result["accuracy"]
    cold = result["cold_start"]
    lines += [
        "",
        f"- Cold start in a fresh process: `import personalize` {cold['import_s']:.2f} s, then the first "
        f"`guide()` (loads rules, library, concept matcher, BM25 index) {cold['first_guide_s']:.2f} s (median of 3).",
        f"- Question matching, development set (`tests/fixtures/questions/paraphrases.json`, used while tuning): "
        f"{acc['paraphrases']['right']}/{acc['paraphrases']['questions']} right, "
        f"{acc['paraphrases']['rejected']}/{acc['paraphrases']['unrelated']} unrelated questions refused.",
        f"- First held-out set (`heldout.json`, written after the first tuning; its misses were then used to "
        f"tune the concept bonus, so it is no longer held out): {acc['heldout']['right']}/"
        f"{acc['heldout']['questions']} right, {acc['heldout']['rejected']}/{acc['heldout']['unrelated']} "
        "unrelated questions refused.",
        f"- Second held-out set (`heldout2.json`, written before the concept bonus, never tuned on; 25/32 "
        f"without the bonus): {acc['heldout2']['right']}/{acc['heldout2']['questions']} right, "
        f"{acc['heldout2']['rejected']}/{acc['heldout2']['unrelated']} unrelated questions refused.",
        f"- Load average before/after: {result['load'][0]} / {result['load'][1]} (2 cores, shared); "
        f"measured {result['date']}.",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    start = doc.find(SECTION + "\n")
    if start < 0:
        doc = doc.rstrip("\n") + "\n\n" + text
    else:
        end = doc.find("\n## ", start + len(SECTION))
        doc = doc[:start] + text + (doc[end + 1:] if end >= 0 else "")
    DOC.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="replace the Personalization section of docs/benchmarks.md")
    args = parser.parse_args(argv)
    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
    result = {
        "date": date.today().isoformat(),
        "profiles": len(list((FIXTURES / "profiles").glob("*.json"))),
        "tailoring": tailoring(args.repeats),
        "matching": matching(args.repeats),
        "accuracy": accuracy(),
        "cold_start": cold_start(),
    }
    result["load"] = [load_before, " ".join(f"{x:.1f}" for x in os.getloadavg())]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "personalize.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = markdown(result)
    print(text)
    if args.write:
        write_section(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
