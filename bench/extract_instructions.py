"""Instructions a report costs the extractor: `python -m bench.extract_instructions [--reports 20]`.

CPU time on this shared machine moves by up to a factor of two within minutes, so two versions of
the extractor timed minutes apart cannot be compared; instruction counts can. The command runs
Python under valgrind's cachegrind (instruction counting only, `--cache-sim=no`, about 40 times
slower) twice at once. Both runs read 3 warm-up reports and `--reports` more, each once, so that
what a report is first to need is compiled outside the count (see `read_reports`); one run then
reads the `--reports` again, each as new (`extract.text_caches`), and the difference per report is
printed. Hash seeds are fixed so the counts repeat (two runs' totals 0.03 % apart on a quiet machine;
with other work beside it, runs of the same code have differed by up to 6 %, so compare runs made
side by side and repeat them before reading a difference of a few percent). Instructions are
not time (a scan that misses the cache costs more than its count says), so a speed-up should show in
both this and `bench.extract` run side by side.

Needs valgrind (`apt-get install valgrind`); takes about 4 minutes for 20 reports.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 3
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instruction_refs(valgrind_output: str) -> int:
    """The "I refs" total from cachegrind's summary on stderr."""
    m = _REFS.search(valgrind_output)
    if m is None:
        raise ValueError("no 'I refs' line in valgrind's output")
    return int(m.group(1).replace(",", ""))


def read_reports(count: int, total: int) -> None:
    """What runs under valgrind: the warm-up reports and the `total` measured ones read once, then
    (when `count` is not 0) the measured ones read again, each as new. The first reading compiles
    what a report is first to need (a rule's split alternatives compile on first use, about 2 ms
    each: counted as matching, the 130 that 20 reports first need had cost 10 M a report); the
    second reading is what is counted."""
    from bench.extract import _doc, _texts
    from extract.document import read_document
    from extract.text_caches import clear_text_caches

    docs = [_doc(t) for t in _texts(WARM_UP + total, 3500)]
    for doc in docs + docs[WARM_UP:WARM_UP + count]:
        clear_text_caches()
        read_document(doc, "d1")


def _counting(count: int, total: int) -> subprocess.Popen:
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
               sys.executable, "-m", "bench.extract_instructions", "--inner", str(count), str(total)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--inner", type=int, nargs=2, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner is not None:
        read_reports(*args.inner)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind", file=sys.stderr)
        return 2
    base, full = _counting(0, args.reports), _counting(args.reports, args.reports)
    counts = []
    for run in (base, full):
        _, err = run.communicate()
        if run.returncode != 0:
            print(f"the counted run failed (exit {run.returncode}):\n{err[-2000:]}", file=sys.stderr)
            return 1
        counts.append(instruction_refs(err))
    per_report = (counts[1] - counts[0]) / args.reports
    print(f"{args.reports} reports read a second time: {per_report / 1e6:.1f} M instructions a report "
          f"(runs: {counts[0]:,} and {counts[1]:,})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
