"""Do two versions of the extractor give the same profiles? `python -m bench.extract_equivalence`.

    --save FILE      write the profiles of the current code to FILE (JSON) as a baseline
    --compare FILE   compare the current code's profiles with that baseline; exit 1 on a difference

Profiles compared (each the full PROFILE.md JSON, evidence included):
- every TCGA dev report (`../shared/data/tcga-brca-dev.jsonl`, when present), read as one OCR page,
  as `oncoguide eval` reads it;
- every sample patient's plain-text twins (`samples/records/<patient>/*.txt`, the documents named by
  `samples/expected/<patient>.json`) as one patient, and each of those documents on its own.

Speed work must not change a single byte of these; a behaviour change shows here as the list of
records and the first JSON paths that differ, for reading. The baseline holds record text-derived
values (evidence text), so keep it outside the repository (default `bench/out/`, not committed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from ingest.models import Document, Page

ROOT = Path(__file__).resolve().parents[1]
TCGA = ROOT.parent / "shared" / "data" / "tcga-brca-dev.jsonl"
SAMPLES = ROOT / "samples"


def _document(text: str, name: str, source: str) -> Document:
    return Document(sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), filename=name, type="text",
                    pages=[Page(number=1, text=text, source=source)])  # type: ignore[arg-type]


def _cases() -> dict[str, list[Document]]:
    """Record name -> the documents profiled together."""
    cases: dict[str, list[Document]] = {}
    if TCGA.exists():
        for line in TCGA.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                cases[f"tcga/{raw['id']}"] = [_document(raw["text"], f"{raw['id']}.txt", "ocr")]
    for spec_file in sorted((SAMPLES / "expected").glob("*.json")):
        spec = json.loads(spec_file.read_text(encoding="utf-8"))
        folder = SAMPLES / "records" / spec["patient"]
        docs = []
        for name in spec["documents"]:
            twin = (folder / name).with_suffix(".txt")
            docs.append(_document(twin.read_text(encoding="utf-8"), twin.name, "text-layer"))
            cases[f"sample/{spec['patient']}/{twin.stem}"] = [docs[-1]]
        cases[f"sample/{spec['patient']}"] = docs
    return cases


def profiles() -> dict[str, Any]:
    from extract import build_profile

    return {name: build_profile(docs).to_json_dict() for name, docs in _cases().items()}


def differences(a: Any, b: Any, path: str = "$") -> list[str]:
    """JSON paths where a and b differ (the first few of each record are enough to read)."""
    if type(a) is not type(b):
        return [path]
    if isinstance(a, dict):
        out = []
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                out.append(f"{path}.{key}")
            else:
                out += differences(a[key], b[key], f"{path}.{key}")
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path} (length {len(a)} -> {len(b)})"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument("--show", type=int, default=5, help="differing paths shown per record")
    args = parser.parse_args(argv)

    current = profiles()
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(current, sort_keys=True, indent=1), encoding="utf-8")
        print(f"saved {len(current)} profiles to {args.save}")
        return 0
    baseline = json.loads(args.compare.read_text(encoding="utf-8"))
    changed = 0
    for name in sorted(set(baseline) | set(current)):
        if name not in baseline or name not in current:
            print(f"{name}: only in {'the baseline' if name in baseline else 'the current run'}")
            changed += 1
            continue
        diff = differences(baseline[name], current[name])
        if diff:
            changed += 1
            print(f"{name}: {len(diff)} differing paths: {', '.join(diff[:args.show])}")
    same = len(set(baseline) & set(current)) - sum(1 for n in set(baseline) & set(current)
                                                     if differences(baseline[n], current[n]))
    print(f"{same} of {len(current)} profiles identical to the baseline; {changed} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
