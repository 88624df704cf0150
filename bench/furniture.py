"""What the page-furniture step costs: `python -m bench.furniture [--reports N] [--rounds R]`.

Times, in CPU time of this process, `extract.furniture.reading_views` alone and `read_document` with
the step on and off (the identity view), in alternating rounds so that the machine's noise falls on
both alike. Reads the dev set at ../shared/data when present, else the sample records.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "tcga-brca-dev.jsonl"


def _texts(limit: int) -> list[str]:
    if DEV.exists():
        return [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()[:limit]]
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "records").glob("*/*.txt"))[:limit]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    import extract.analysis as analysis
    import extract.document as document
    from extract.furniture import reading_views
    from ingest.models import Document, Page

    texts = _texts(args.reports)
    docs = [Document(sha256=hashlib.sha256(t.encode()).hexdigest(), filename="r.txt", type="text",
                     pages=[Page(number=1, text=t, source="ocr")]) for t in texts]
    real_views, real_view = document.reading_views, analysis.reading_view

    def switch(on: bool) -> None:
        document.reading_views = real_views if on else (lambda pages: list(pages))
        analysis.reading_view = real_view if on else (lambda text, *a, **k: text)

    for d in docs[:5]:  # warm-up: pipelines, rule files, caches
        document.read_document(d, "d1")
    best = {"views": float("inf"), True: float("inf"), False: float("inf")}
    for _ in range(args.rounds):
        t0 = time.process_time()
        for t in texts:
            reading_views([t])
        best["views"] = min(best["views"], time.process_time() - t0)
        for on in (True, False):
            switch(on)
            t0 = time.process_time()
            for d in docs:
                document.read_document(d, "d1")
            best[on] = min(best[on], time.process_time() - t0)
    switch(True)
    n = len(texts)
    print(f"{n} reports, mean {sum(map(len, texts)) / n:.0f} characters; CPU time, fastest of {args.rounds} "
          f"alternating rounds")
    print("| step | ms/report |\n|---|---|")
    print(f"| reading_views alone | {best['views'] / n * 1000:.2f} |")
    print(f"| read_document, furniture step on | {best[True] / n * 1000:.1f} |")
    print(f"| read_document, furniture step off | {best[False] / n * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
