"""Writes the synthetic records and their expected profiles.

    python -m samples.generate                    check the checked-in files are current (exit 1 if not)
    ONCOGUIDE_REGENERATE_SAMPLES=1 python -m samples.generate
                                                  rewrite samples/records and samples/expected
    python -m samples.generate --out DIR          write a full copy under DIR (records/, expected/)

For every document: `<name>.pdf` (text layer), `<name>.txt` (the exact text drawn; pages separated
by form feeds), and where the patient's specification asks, `<name>.scan.pdf` (image only) and
`<name>.photo.jpg` (phone photo with an EXIF orientation tag). `records/manifest.json` lists every
file with its document kind, date, page count and what the scan or photo did to each page.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from samples import degrade
from samples.layout import Page, layout, render_pdf, twin_text
from samples.patients import PATIENTS
from samples.spec import DocSpec, Patient, resolve

FLAG = "ONCOGUIDE_REGENERATE_SAMPLES"
SAMPLES_DIR = Path(__file__).parent
RECORDS_DIR = SAMPLES_DIR / "records"
EXPECTED_DIR = SAMPLES_DIR / "expected"


@dataclass
class Rendered:
    spec: DocSpec
    pages: list[Page]
    text: str


def render(doc: DocSpec) -> Rendered:
    pages = layout(list(doc.blocks), doc.style, doc.frame)
    return Rendered(doc, pages, twin_text(pages))


def text_pdf(rendered: Rendered) -> bytes:
    return render_pdf(rendered.pages, rendered.spec.style, rendered.spec.title)


def document_seed(patient: Patient, doc: DocSpec, variant: str) -> int:
    return degrade.seed_of(patient.id, doc.name, variant)


def expected_of(patient: Patient) -> dict:
    truth = resolve(patient)
    return {
        "patient": patient.id,
        "documents": [f"{d.name}.pdf" for d in patient.documents],
        "profile": truth.profile,
        "absent": list(patient.absent),
        "expected_conflicts": list(patient.expected_conflicts),
        "optional_medications": list(patient.optional_medications),
        "derived": truth.derived,
        "sources": truth.sources,
        "notes": patient.notes,
    }


def manifest_of(patients: tuple[Patient, ...]) -> dict:
    out: dict = {"generator": "python -m samples.generate", "page_separator": "\f", "patients": {}}
    for patient in patients:
        docs = []
        for doc in patient.documents:
            rendered = render(doc)
            entry: dict = {
                "name": doc.name, "kind": doc.kind, "date": doc.date, "pages": len(rendered.pages),
                "text_pdf": f"{patient.id}/{doc.name}.pdf", "twin": f"{patient.id}/{doc.name}.txt",
            }
            if doc.scan:
                plans = degrade.plan_scan(doc.scan, document_seed(patient, doc, "scan"), len(rendered.pages))
                settings = {k: v for k, v in asdict(doc.scan).items() if k not in ("quality", "rotations")}
                entry["scan"] = {"file": f"{patient.id}/{doc.name}.scan.pdf", "quality": doc.scan.quality,
                                 "dpi": degrade.SCAN_DPI, "settings": settings,
                                 "pages": [p.manifest() for p in plans]}
            if doc.photo:
                entry["photo"] = {"file": f"{patient.id}/{doc.name}.photo.jpg", "page": doc.photo.page,
                                  "exif_orientation": doc.photo.exif_orientation}
            docs.append(entry)
        out["patients"][patient.id] = {"name": patient.name, "documents": docs}
    return out


def _json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def text_outputs(patients: tuple[Patient, ...] = PATIENTS) -> dict[str, str]:
    """Every text file the generator writes, keyed by path relative to the samples directory."""
    files: dict[str, str] = {}
    for patient in patients:
        for doc in patient.documents:
            files[f"records/{patient.id}/{doc.name}.txt"] = render(doc).text
        files[f"expected/{patient.id}.json"] = _json(expected_of(patient))
    files["records/manifest.json"] = _json(manifest_of(patients))
    return files


def binary_outputs(patient: Patient, doc: DocSpec) -> dict[str, bytes]:
    pdf = text_pdf(render(doc))
    files = {f"records/{patient.id}/{doc.name}.pdf": pdf}
    if doc.scan:
        files[f"records/{patient.id}/{doc.name}.scan.pdf"] = degrade.scan_pdf(
            pdf, doc.scan, document_seed(patient, doc, "scan"))
    if doc.photo:
        files[f"records/{patient.id}/{doc.name}.photo.jpg"] = degrade.photo_jpeg(
            pdf, doc.photo, document_seed(patient, doc, "photo"))
    return files


def write_all(root: Path, patients: tuple[Patient, ...] = PATIENTS) -> list[Path]:
    """Write every record, expected file and the manifest under `root`; remove stale files there."""
    written: list[Path] = []
    for rel, text in text_outputs(patients).items():
        written.append(_write(root / rel, text.encode("utf-8")))
    for patient in patients:
        for doc in patient.documents:
            for rel, data in binary_outputs(patient, doc).items():
                written.append(_write(root / rel, data))
    keep = {p.resolve() for p in written}
    for directory in [root / "records" / p.id for p in patients] + [root / "expected"]:
        for path in directory.iterdir():
            if path.is_file() and path.resolve() not in keep:
                path.unlink()
    return written


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


def stale_files(root: Path = SAMPLES_DIR, patients: tuple[Patient, ...] = PATIENTS) -> list[str]:
    """Checked-in files that differ from what the specification now generates (text files compared
    byte for byte; PDFs and images only checked to exist, since their bytes depend on library builds)."""
    stale = []
    for rel, text in text_outputs(patients).items():
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(rel)
    manifest = manifest_of(patients)
    for patient_id, entry in manifest["patients"].items():
        for doc in entry["documents"]:
            for rel in [doc["text_pdf"], doc.get("scan", {}).get("file"), doc.get("photo", {}).get("file")]:
                if rel and not (root / "records" / rel).exists():
                    stale.append(f"records/{rel}")
    return stale


def regeneration_requested() -> bool:
    return os.environ.get(FLAG, "").strip().lower() not in ("", "0", "false", "no")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write a full copy under this directory instead")
    args = parser.parse_args(argv)
    if args.out:
        written = write_all(args.out)
        print(f"wrote {len(written)} files under {args.out}")
        return 0
    if regeneration_requested():
        written = write_all(SAMPLES_DIR)
        print(f"regenerated {len(written)} files under {SAMPLES_DIR}; unset {FLAG} before running the tests")
        return 0
    stale = stale_files()
    if stale:
        print(f"{len(stale)} sample files are out of date with samples/patients:", file=sys.stderr)
        for rel in stale:
            print(f"  {rel}", file=sys.stderr)
        print(f"Regenerate with: {FLAG}=1 python -m samples.generate", file=sys.stderr)
        return 1
    print("sample records and expected profiles are current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
