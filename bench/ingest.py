"""Ingest benchmark: text-layer, ruled-table and OCR page times, threads vs processes, peak RSS for
300-page PDFs (text, ruled tables, scans), and a side-by-side with `ocrmypdf --jobs 2 --sidecar`
with the character error rate (CER) of both against the known text.

    .venv/bin/python -m bench.ingest            # full run (about 20 minutes on 2 shared cores)
    .venv/bin/python -m bench.ingest --quick    # fewer pages, no 300-page OCR run
    .venv/bin/python -m bench.ingest --write    # also replace the "Ingest" section of docs/benchmarks.md
    taskset -c 0,1 .venv/bin/python -m bench.ingest --only text_layer,ruled,ocr --before OLD.json --write

`--before` names an earlier run's bench/out/ingest.json: its text-layer and OCR rows are shown
beside this run's (how before/after figures of a change are reported).

Inputs are generated (reportlab text with known content, rasterised by PDFium at 300 DPI, some
turned, tilted, noised and JPEG'd). Results: Markdown on stdout, JSON in bench/out/ingest.json.
The machine is shared: the load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from pathlib import Path

from bench import write_section

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
SECTION = "## Ingest"

OCR_STEPS = {"ocr", "pools", "ocrmypdf_plain", "ocrmypdf_parity", "ocrmypdf_parity_words"}  # steps that need the scanned set
# One scanned page in eight of each kind; the rest are clean 300-DPI scans.
VARIANTS = [
    {},
    {"tilt": 2.0, "blur": 0.6, "noise": 18, "jpeg_quality": 50},
    {"turn": 180},
    {},
    {"noise": 25, "jpeg_quality": 40},
    {"turn": 90},
    {"tilt": -1.5, "blur": 0.8},
    {},
]


# --- inputs ---------------------------------------------------------------------------------------

def scanned_set(pages: int, seed: int = 2) -> tuple[bytes, list[str]]:
    from ingest.synth import degrade, image_pdf, rasterize, report_pages, text_pdf

    texts = report_pages(pages=pages, lines_per_page=34, seed=seed)
    images = [degrade(img, seed=i, **VARIANTS[i % len(VARIANTS)])
              for i, img in enumerate(rasterize(text_pdf(texts), dpi=300))]
    return image_pdf(images, dpi=300), ["\n".join(lines) for lines in texts]


def corpus_cer(pages: list[str], references: list[str]) -> float:
    from rapidfuzz.distance import Levenshtein

    errors = total = 0
    for text, ref in zip(pages, references):
        hyp, ref = " ".join(text.split()), " ".join(ref.split())
        errors += Levenshtein.distance(hyp, ref)
        total += len(ref)
    return errors / total


# --- measurements ---------------------------------------------------------------------------------

def text_layer(pages: int = 30, repeats: int = 5) -> dict:
    from ingest import Limits, NullEngine, read
    from ingest.synth import report_pages, text_pdf

    data = text_pdf(report_pages(pages=pages, lines_per_page=34, seed=1))
    read(data, "warm-up")
    times, cpus = [], []
    for _ in range(repeats):
        cpu, start = cpu_seconds(), time.perf_counter()
        doc = read(data, "bench.pdf", engine=NullEngine(), limits=Limits())
        times.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu)
    assert all(p.source == "text-layer" for p in doc.pages)
    per_page = statistics.median(times) / pages
    return {"pages": pages, "ms_per_page": round(per_page * 1000, 2), "pages_per_second": round(1 / per_page),
            "cpu_ms_per_page": round(statistics.median(cpus) / pages * 1000, 2)}


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def warm_engine(workers: int = 2) -> None:
    """Read a `workers`-page scan on `workers` threads, untimed, so the shared engine holds a
    Tesseract instance for each worker as a running service's does (creating one costs about
    80 ms, once per process and worker)."""
    from ingest import Limits, read
    from ingest.ocr import default_engine

    read(scanned_set(workers, seed=5)[0], "warm-up.pdf", limits=Limits(workers=workers), engine=default_engine())


def fastest(run, rounds: int) -> dict:
    """The fastest of `rounds` runs (the one the host's other load disturbed least, as for the
    extraction benchmark), with every run's seconds a page listed."""
    results = [run() for _ in range(max(rounds, 1))]
    best = min(results, key=lambda o: o["s_per_page"])
    return {**best, "runs_s_per_page": [o["s_per_page"] for o in results]}


def ocr_ours(data: bytes, refs: list[str], workers: int) -> dict:
    from ingest import Limits, read
    from ingest.ocr import default_engine
    from ingest.ocr.fake import CountingEngine

    engine = CountingEngine(default_engine())
    cpu, start = cpu_seconds(), time.perf_counter()
    doc = read(data, "bench.pdf", limits=Limits(workers=workers), engine=engine)
    wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    assert not doc.partial
    return {
        "workers": workers,
        "pages": len(doc.pages),
        "wall_s": round(wall, 2),
        "s_per_page": round(wall / len(doc.pages), 3),
        "cpu_s_per_page": round(cpu / len(doc.pages), 3),
        "pages_per_second": round(len(doc.pages) / wall, 2),
        "cer": round(corpus_cer([p.text for p in doc.pages], refs), 4),
        "turned_pages": sum(1 for p in doc.pages if p.rotation),
        "straightened_pages": sum(1 for p in doc.pages if p.skew),
        "recognitions_per_page": round(engine.recognitions / len(doc.pages), 2),
    }


def ruled(pages: int = 30, repeats: int = 3) -> dict:
    """Text-layer pages holding a ruled lab table written column by column: PDFium's words, table
    cells from pdfplumber, rows laid out as lines."""
    from ingest import NullEngine, read
    from ingest.synth import ruled_table_pdf

    data = ruled_table_pdf(pages=pages, by_column=True)
    read(data, "warm-up", engine=NullEngine())
    times, cpus = [], []
    for _ in range(repeats):
        cpu, start = cpu_seconds(), time.perf_counter()
        doc = read(data, "bench.pdf", engine=NullEngine())
        times.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu)
    row = "Neutrophils, absolute (ANC) 0.82 L x10^9/L 1.80 - 7.70"
    per_page = statistics.median(times) / pages
    return {"pages": pages, "ms_per_page": round(per_page * 1000, 2),
            "cpu_ms_per_page": round(statistics.median(cpus) / pages * 1000, 2),
            "rows_as_lines": sum(1 for p in doc.pages if row in p.text.split("\n"))}


def straightening() -> dict:
    """Tilted scans read with and without straightening: character errors and CPU seconds a page."""
    from ingest.ocr import OcrJob, default_engine, ocr_page
    from ingest.ocr.page import DESKEW_ABOVE
    from ingest.synth import degrade, rasterize, report_pages, text_pdf

    tilts = [1.5, -2.0, 2.5, -3.5]
    texts = report_pages(pages=len(tilts), lines_per_page=34, seed=6)
    images = [degrade(img, tilt=tilt, blur=0.6, noise=15, jpeg_quality=60, seed=i)
              for i, (img, tilt) in enumerate(zip(rasterize(text_pdf(texts), dpi=300), tilts))]
    refs = ["\n".join(lines) for lines in texts]
    engine = default_engine()
    result: dict = {"tilts": tilts}
    for label, deskew in (("off", None), ("on", DESKEW_ABOVE)):
        cpu = time.thread_time()
        pages = [ocr_page(engine, OcrJob(i + 1, img, 300), deskew_above=deskew) for i, img in enumerate(images)]
        result[label] = {"cer": round(corpus_cer([p.text for p in pages], refs), 4),
                         "cpu_s_per_page": round((time.thread_time() - cpu) / len(images), 2)}
    return result


#: Where the sheet lies in each photo (fractions of the frame: top-left, top-right, bottom-right, bottom-left).
PHOTO_VIEWS = [
    [(0.08, 0.07), (0.92, 0.08), (0.93, 0.93), (0.07, 0.92)],
    [(0.14, 0.08), (0.86, 0.09), (0.94, 0.93), (0.05, 0.92)],
    [(0.13, 0.06), (0.93, 0.13), (0.87, 0.95), (0.06, 0.88)],
    [(0.10, 0.12), (0.85, 0.05), (0.92, 0.90), (0.12, 0.95)],
]
def photos() -> dict:
    """Phone photos (a page seen at an angle, lit from one side; JPEG 80) read as now (the sheet found
    on the desk and flattened, or the light evened out on a photo cropped to the paper) and as before
    (read whole): CER and seconds a photo, on report pages (Helvetica 11) and on a lab table printed
    in columns (Courier 9), each photographed on a desk and cropped to the paper."""
    import ingest.ocr.page as ocr_page_module
    from ingest import Limits, read
    from ingest.ocr import default_engine
    from ingest.synth import PHOTO_LAB_TABLE, image_bytes, photograph, rasterize, report_pages, text_pdf

    texts = report_pages(pages=len(PHOTO_VIEWS), lines_per_page=34, seed=8)
    kinds = {"report pages": (rasterize(text_pdf(texts), dpi=200), ["\n".join(lines) for lines in texts]),
             "lab tables": (rasterize(text_pdf([PHOTO_LAB_TABLE] * len(PHOTO_VIEWS), font="Courier", font_size=9), dpi=200),
                            ["\n".join(PHOTO_LAB_TABLE)] * len(PHOTO_VIEWS))}
    engine = default_engine()
    now = (ocr_page_module.find_sheet, ocr_page_module.light_is_uneven)
    before = (lambda image: None, lambda image: False)
    result: dict = {"views": len(PHOTO_VIEWS)}
    for kind, (pages, refs) in kinds.items():
        on_desk = [photograph(page, PHOTO_VIEWS[0], seed=i, falloff=0.45) if framing else
                   photograph(page, view, seed=i)
                   for framing in (False, True) for i, (page, view) in enumerate(zip(pages, PHOTO_VIEWS))]
        # The second set: the square-on view, lit more unevenly, cropped just inside the sheet.
        shots = {"on a desk": on_desk[:len(pages)],
                 "cropped to the paper": [shot.crop((int(shot.width * 0.11), int(shot.height * 0.10),
                                                     int(shot.width * 0.895), int(shot.height * 0.905)))
                                          for shot in on_desk[len(pages):]]}
        for framing, images in shots.items():
            encoded = [image_bytes(image, "JPEG", quality=80) for image in images]
            row = result[f"{kind}, {framing}"] = {}
            for label, (finder, uneven) in (("whole", before), ("now", now)):
                ocr_page_module.find_sheet, ocr_page_module.light_is_uneven = finder, uneven
                try:
                    start = time.perf_counter()
                    read_pages = [read(shot, f"photo{i}.jpg", engine=engine, limits=Limits(workers=1)).pages[0]
                                  for i, shot in enumerate(encoded)]
                    seconds = (time.perf_counter() - start) / len(encoded)
                finally:
                    ocr_page_module.find_sheet, ocr_page_module.light_is_uneven = now
                row[label] = {"cer": round(corpus_cer([p.text for p in read_pages], refs), 4),
                              "s_per_photo": round(seconds, 2), "sheets": sum(p.sheet is not None for p in read_pages)}
    return result


SQUEEZE_FONTS = {"Helvetica": None, "Times-Roman": None, "Courier": None,
                 "DejaVu Sans Condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
                 "DejaVu Serif Condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf",
                 "Liberation Sans Narrow": "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf"}


def squeeze_fonts(sizes: tuple[int, ...] = (9, 11)) -> dict:
    """Line pieces read at their own width against narrowed (`LINE_SQUEEZE`), on two noised pages
    per font and size, fonts from wide (Courier) to narrow (Liberation Sans Narrow): CER and CPU."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from ingest.ocr import OcrJob, default_engine, ocr_page
    from ingest.ocr import tesserocr_engine
    from ingest.synth import degrade, rasterize, report_pages

    texts = report_pages(pages=2, lines_per_page=34, seed=11)
    refs = ["\n".join(lines) for lines in texts]
    engine, squeeze = default_engine(), tesserocr_engine.LINE_SQUEEZE
    rows = []
    try:
        for font, path in SQUEEZE_FONTS.items():
            if path:
                if not Path(path).exists():
                    continue
                pdfmetrics.registerFont(TTFont(font, path))
            for size in sizes:
                buffer = io.BytesIO()
                c = canvas.Canvas(buffer, pagesize=letter)
                for lines in texts:
                    text = c.beginText(54, 740)
                    text.setFont(font, size)
                    text.setLeading(size * 1.45)
                    for line in lines:
                        text.textLine(line)
                    c.drawText(text)
                    c.showPage()
                c.save()
                images = [degrade(img, seed=3, noise=6, blur=0.4).convert("L")
                          for img in rasterize(buffer.getvalue(), 300)]
                row = {"font": font, "size": size}
                for label, factor in (("full", 1.0), ("narrowed", squeeze)):
                    tesserocr_engine.LINE_SQUEEZE = factor
                    cpu = time.thread_time()
                    read = [ocr_page(engine, OcrJob(i + 1, img, 300)).text for i, img in enumerate(images)]
                    row[label] = {"cer": round(corpus_cer(read, refs), 5),
                                  "cpu_s_per_page": round((time.thread_time() - cpu) / len(images), 3)}
                rows.append(row)
    finally:
        tesserocr_engine.LINE_SQUEEZE = squeeze
    return {"squeeze": squeeze, "rows": rows}


def invert_check(pages: int = 4, repeats: int = 2) -> dict:
    """Tesseract's `tessedit_do_invert=0` (skip re-reading lines as white on black) against its
    default, interleaved on the same pages: recognition CPU seconds and CER."""
    import tesserocr

    from ingest.layout import compose
    from ingest.ocr.tesserocr_engine import find_tessdata
    from ingest.ocr.tsv import parse_tsv
    from ingest.synth import degrade, rasterize, report_pages, text_pdf

    texts = report_pages(pages=pages, lines_per_page=34, seed=9)
    images = [degrade(img, seed=i, **VARIANTS[(4 * i) % len(VARIANTS)])  # clean and noised pages
              for i, img in enumerate(rasterize(text_pdf(texts), dpi=300))]
    refs = ["\n".join(t) for t in texts]
    apis = {}
    for name, value in (("default", None), ("tessedit_do_invert=0", "0")):
        api = tesserocr.PyTessBaseAPI(path=find_tessdata(), lang="eng", psm=tesserocr.PSM.AUTO)
        if value is not None:
            api.SetVariable("tessedit_do_invert", value)
        apis[name] = api
    cpu: dict[str, list[float]] = {name: [] for name in apis}
    read: dict[str, list[str]] = {name: [] for name in apis}
    for repeat in range(repeats):
        for image in images:
            for name, api in apis.items():
                api.SetImageBytes(image.tobytes(), image.width, image.height, 1, image.width)
                api.SetSourceResolution(300)
                start = time.thread_time()
                api.Recognize()
                cpu[name].append(time.thread_time() - start)
                if repeat == 0:
                    read[name].append(compose(parse_tsv(api.GetTSVText(0)))[0])
                api.Clear()
    for api in apis.values():
        api.End()
    return {name: {"cpu_s_per_page": round(statistics.median(cpu[name]), 3),
                   "cer": round(corpus_cer(read[name], refs), 4)} for name in apis}


_PROCESS_ENGINE = None


def _process_init() -> None:
    global _PROCESS_ENGINE
    from ingest.ocr.tesserocr_engine import TesserocrEngine

    _PROCESS_ENGINE = TesserocrEngine()


def _process_ocr(job):
    from ingest.ocr import ocr_page

    return ocr_page(_PROCESS_ENGINE, job)


def process_pool_startup(workers: int = 2, repeats: int = 3) -> dict:
    """Seconds from creating a process pool of OCR workers (spawned, each with its own Tesseract)
    until every worker has answered: what a process pool would add to each document unless it were
    kept alive between documents."""
    import multiprocessing

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_process_init) as pool:
            for f in [pool.submit(time.sleep, 0.0) for _ in range(workers)]:
                f.result()
            times.append(time.perf_counter() - start)
    return {"workers": workers, "seconds": round(statistics.median(times), 2)}


def ocr_pool(data: bytes, refs: list[str], kind: str, workers: int = 2) -> dict:
    """The pipeline's loop (render on the calling thread, OCR in a pool) with threads or processes."""
    import multiprocessing

    from ingest import Limits
    from ingest.ocr import OcrJob, default_engine, ocr_page
    from ingest.pdf import open_pdf, pdf_units

    if kind == "threads":
        engine = default_engine()
        pool: Executor = ThreadPoolExecutor(workers)
        submit = lambda job: pool.submit(ocr_page, engine, job)  # noqa: E731
    else:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_process_init)
        warm = [pool.submit(time.sleep, 0.5) for _ in range(workers)]  # start every worker first
        for f in warm:
            f.result()
        submit = lambda job: pool.submit(_process_ocr, job)  # noqa: E731
    with pool:
        start = time.perf_counter()
        pdf, count = open_pdf(data, Limits())
        futures = [submit(unit) for unit in pdf_units(pdf, count, Limits()) if isinstance(unit, OcrJob)]
        pages = [f.result() for f in futures]
        wall = time.perf_counter() - start
    return {"kind": kind, "workers": workers, "wall_s": round(wall, 2), "s_per_page": round(wall / len(pages), 3),
            "cer": round(corpus_cer([p.text for p in pages], refs), 4)}


def _user_words() -> str:
    """The domain word list our engine hands Tesseract (ingest/rules/ocr_words.yaml), as a file."""
    from ingest.ocr.words import user_words_file

    return user_words_file()


def ocrmypdf(data: bytes, refs: list[str], extra: list[str]) -> dict | None:
    exe = shutil.which("ocrmypdf")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, out, side = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf", Path(tmp) / "side.txt"
        src.write_bytes(data)
        cmd = [exe, "--jobs", "2", "--sidecar", str(side), "--output-type", "pdf", "-q", *extra, str(src), str(out)]
        cpu, start = cpu_seconds(resource.RUSAGE_CHILDREN), time.perf_counter()
        run = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        wall, cpu = time.perf_counter() - start, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
        if run.returncode != 0:
            return {"command": " ".join(cmd[1:]), "error": run.stderr[-300:]}
        pages = side.read_text().split("\f")[: len(refs)]
    return {"options": " ".join(["--jobs 2 --sidecar --output-type pdf", *extra]), "wall_s": round(wall, 2),
            "s_per_page": round(wall / len(refs), 3), "cpu_s_per_page": round(cpu / len(refs), 3),
            "cer": round(corpus_cer(pages, refs), 4)}


_RSS_CHILD = """
import json, sys, time
import ingest
if sys.argv[2:] == ["keep-pdfplumber-pages-open"]:  # what closing pdfplumber's pages saves
    import pdfplumber
    pdfplumber.page.Page.close = lambda self: None

def peak_mb():
    # VmHWM belongs to this process image; ru_maxrss would include the parent's size at fork.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
doc = ingest.read(data, "bench.pdf", limits=ingest.Limits(max_bytes=len(data) + 1))
wall = time.perf_counter() - start
print(json.dumps({"pages": len(doc.pages), "wall_s": round(wall, 1), "sources": sorted({p.source for p in doc.pages}),
                  "failed": len(doc.errors), "peak_rss_mb": peak_mb()}))
"""


_COMPARE_CHILD = """
import json, os, resource, sys, time
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
import ingest
from ingest import Limits, NullEngine, read
from ingest.synth import report_pages, text_pdf

def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime

text = text_pdf(report_pages(pages=30, lines_per_page=34, seed=1))
read(text, "warm-up", engine=NullEngine())
best = float("inf")
for _ in range(5):
    start = cpu()
    read(text, "bench.pdf", engine=NullEngine())
    best = min(best, (cpu() - start) / 30)
scans = open(sys.argv[1], "rb").read()
start = cpu()
doc = read(scans, "bench.pdf", limits=Limits(workers=1))
print(json.dumps({"ingest": ingest.__file__, "text_ms": round(best * 1000, 2),
                  "ocr_cpu_s": round((cpu() - start) / len(doc.pages), 3), "texts": [p.text for p in doc.pages]}))
"""


def compare(rev: str, pages: int = 8, rounds: int = 3) -> dict:
    """This tree's ingest against `rev`'s, in alternating fresh processes on the same inputs: the
    text-layer CPU per page (best of 5) and the OCR CPU per scanned page (1 worker), with CER."""
    import io
    import tarfile

    scans, refs = scanned_set(pages)
    results: dict[str, list[dict]] = {rev: [], "this tree": []}
    with tempfile.TemporaryDirectory() as old, tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        archive = subprocess.run(["git", "archive", "--format=tar", rev, "ingest"], cwd=REPO, capture_output=True,
                                 check=True).stdout
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(old)
        f.write(scans)
        f.flush()
        for _ in range(rounds):
            for name, root in ((rev, old), ("this tree", str(REPO))):
                run = subprocess.run([sys.executable, "-c", _COMPARE_CHILD, f.name], capture_output=True, text=True,
                                     cwd=root, env={**os.environ, "PYTHONPATH": root}, check=True)
                results[name].append(json.loads(run.stdout))
    assert results[rev][0]["ingest"].startswith(old)
    return {name: {"text_ms": statistics.median(r["text_ms"] for r in runs),
                   "ocr_cpu_s": statistics.median(r["ocr_cpu_s"] for r in runs),
                   "cer": round(corpus_cer(runs[0]["texts"], refs), 4), "pages": pages, "rounds": rounds}
            for name, runs in results.items()}


def peak_rss(data: bytes, *flags: str) -> dict:
    """Read `data` in a fresh interpreter and report its own peak resident memory."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        run = subprocess.run([sys.executable, "-c", _RSS_CHILD, f.name, *flags], capture_output=True, text=True,
                             cwd=REPO)
    if run.returncode != 0:
        return {"error": run.stderr[-300:]}
    result = json.loads(run.stdout)
    result["mb_file"] = round(len(data) / 1048576, 1)
    return result


def many_pages(pages: int, scanned: bool = False, ruled: bool = False) -> bytes:
    """A `pages`-page PDF; scanned ones cycle through ten distinct scanned pages."""
    from ingest.synth import image_pdf, rasterize, report_pages, ruled_table_pdf, text_pdf

    if ruled:
        return ruled_table_pdf(pages=pages, by_column=True)
    if not scanned:
        return text_pdf(report_pages(pages=pages, lines_per_page=34, seed=3))
    distinct = rasterize(text_pdf(report_pages(pages=10, lines_per_page=34, seed=4)), dpi=300)
    return image_pdf([distinct[i % 10] for i in range(pages)], dpi=300)


def quality_calibration() -> dict | None:
    """When ../shared is present: real OCR'd pathology texts the text-layer judge keeps, and garbage it rejects."""
    path = REPO.parent / "shared" / "data" / "tcga-brca-dev.jsonl"
    if not path.is_file():
        return None
    import random
    import string

    from ingest.quality import judge

    texts = [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    rnd = random.Random(0)

    def shift(t: str) -> str:
        return "".join(chr((ord(c) - 97 + 3) % 26 + 97) if "a" <= c <= "z" else
                       chr((ord(c) - 65 + 3) % 26 + 65) if "A" <= c <= "Z" else c for c in t)

    garbage = {
        "shifted letters (font without a character map)": shift,
        "punctuation soup (failed OCR layer)": lambda t: "".join(rnd.choice("lI1|i!.,;:'`~-_ ") for _ in t),
        "unmapped glyph codes (cid:N)": lambda t: " ".join("".join(f"(cid:{ord(c)})" for c in w) for w in t.split()),
        "random printable characters": lambda t: "".join(rnd.choice(string.printable[:94] + "   ") for _ in t),
        "mojibake": lambda t: t.encode("utf-8").decode("latin-1").translate(
            {ord(c): ord(c) + 0xA0 for c in string.ascii_letters}),
    }
    return {
        "real_reports": len(texts),
        "real_kept": sum(judge(t).usable for t in texts),
        "garbage_rejected": {name: f"{sum(not judge(f(t)).usable for t in texts)}/{len(texts)}"
                             for name, f in garbage.items()},
    }


# --- report ---------------------------------------------------------------------------------------

def markdown(r: dict) -> str:
    reruns = r.get("reruns") or ([{"steps": r["reran"], "date": r["rerun_date"], "load": r["rerun_load"]}]
                                 if r.get("reran") else [])
    grouped: list[list] = []  # consecutive reruns of the same steps on the same day, counted once
    for x in reruns:
        if grouped and grouped[-1][0] == (x["steps"], x["date"]):
            grouped[-1][1:] = [grouped[-1][1] + 1, x["load"]]
        else:
            grouped.append([(x["steps"], x["date"]), 1, x["load"]])
    reran = "".join(f" (then `--only {','.join(steps)}` on {day}{f', {n} times' if n > 1 else ''}, load average "
                    f"{load} after{' the last' if n > 1 else ''})" for (steps, day), n, load in grouped)
    lines = [SECTION, "",
             f"Measured {r['date']} with `.venv/bin/python -m bench.ingest{' --quick' if r['quick'] else ''}`{reran} on "
             f"{r['cpus']} cores ({r['cpu']}); load average {r['load_before']} before, {r['load_after']} after "
             "(the machine is shared with other engineers: rerun at a quiet moment for floor checks).", ""]
    t = r["text_layer"]
    lines += ["| measure | result | floor |", "|---|---|---|",
              f"| text-layer page ({t['pages']}-page PDF, 34 lines a page) | {t['ms_per_page']} ms "
              f"({t['pages_per_second']} pages/s; {t.get('cpu_ms_per_page', '?')} ms CPU) | ≤ 5 ms |"]
    g = r.get("ruled")
    if g:
        lines.append(f"| text-layer page with a ruled lab table written column by column ({g['pages']} pages; "
                     f"pdfplumber finds the cells) | {g['ms_per_page']} ms ({g['cpu_ms_per_page']} ms CPU); rows read "
                     f"as lines on {g['rows_as_lines']}/{g['pages']} pages | |")
    for o in r["ocr"]:
        floor = "≤ 0.5 s wall" if o["workers"] == 2 else ""
        lines.append(_ocr_row(o, floor))
    day = r.get("ocr_day_runs")
    if day:
        lines.append(f"| every 2-worker run of {day['date']} (`{day['command']}`, {day['count']} runs between "
                     f"{day['runs'][0]['time']} and {day['runs'][-1]['time']}) | fastest {day['fastest']} s, median "
                     f"{day['median']:.3f} s; {day['under_floor']} of {day['count']} at or under 0.5 s | |")
    for key, label in (("ocrmypdf_plain", "ocrmypdf"), ("ocrmypdf_parity", "ocrmypdf (rotation and deskew on)"),
                       ("ocrmypdf_parity_words", "ocrmypdf (rotation, deskew and our OCR word list, for fairness)")):
        m = r.get(key)
        if m and "error" not in m:
            ours = r["ocr"][-1]
            ratio = m["s_per_page"] / ours["s_per_page"]
            cpu_ratio = (f", {m['cpu_s_per_page'] / ours['cpu_s_per_page']:.1f}x less CPU"
                         if m.get("cpu_s_per_page") and ours.get("cpu_s_per_page") else "")
            lines.append(f"| {label}: `{m['options']}` | {m['s_per_page']} s a page "
                         f"({m.get('cpu_s_per_page', '?')} CPU s), CER {m['cer']:.2%}; ours is {ratio:.1f}x faster"
                         f"{cpu_ratio} | ≥ 2.5x at equal or lower CER |")
        elif m:
            lines.append(f"| {label} | failed: {m['error'][:120]} | |")
    for key, label in (("rss_text", "peak RSS, 300-page text PDF"),
                       ("rss_ruled_small", "peak RSS, ruled-table PDF"),
                       ("rss_ruled", "peak RSS, 300-page ruled-table PDF"),
                       ("rss_ruled_open", "peak RSS, 300-page ruled-table PDF, pdfplumber pages left open (for contrast)"),
                       ("rss_scanned_small", "peak RSS, scanned PDF"),
                       ("rss_scanned", "peak RSS, 300-page scanned PDF")):
        m = r.get(key)
        if m and "error" not in m:
            lines.append(f"| {label} ({m['pages']} pages, {m['mb_file']} MB, read in {m['wall_s']} s, default limits) | "
                         f"{m['peak_rss_mb']} MB | {'' if key == 'rss_ruled_open' else '< 400 MB'} |")
        elif m:
            lines.append(f"| {label} | failed: {m['error'][:120]} | |")
    c = r.get("compare")
    if c:
        (rev, old), (_, new) = c.items()
        lines += ["", f"This tree against commit {rev} (`--compare {rev}`): {old['rounds']} rounds of fresh processes, "
                  "alternating, on the same inputs (medians; CPU time, which the shared machine's load moves less than "
                  "wall time):", "",
                  f"| measure | {rev} | this tree |", "|---|---|---|",
                  f"| text-layer page, CPU (best of 5 reads of 30 pages) | {old['text_ms']} ms | {new['text_ms']} ms |",
                  f"| scanned page, CPU, 1 worker ({old['pages']} pages of the scanned set) | {old['ocr_cpu_s']} s, CER "
                  f"{old['cer']:.2%} | {new['ocr_cpu_s']} s, CER {new['cer']:.2%} |"]
    b = r.get("before")
    if b:
        lines += ["", f"Before and after this run's change ({b['label']}; both on the same scanned set and "
                  "pinned with `taskset -c 0,1`):", "",
                  "| measure | before | after |", "|---|---|---|",
                  f"| text-layer page | {b['text_layer']['ms_per_page']} ms | {t['ms_per_page']} ms |"]
        for old, new in zip(b["ocr"], r["ocr"]):
            lines.append(f"| scanned page, {new['workers']} worker(s) | {_ocr_cell(old)} | {_ocr_cell(new)} |")
        lines.append(f"| load average after the OCR step | {b['load']} | {r.get('loads', {}).get('ocr', '?')} |")
    lines += ["", "Threads against processes (the same render-then-OCR loop, 2 workers; runs alternate):", "",
              "| parallelism | s a page | CER |", "|---|---|---|"]
    for p in r["pools"]:
        lines.append(f"| {p['kind']} | {p['s_per_page']} | {p['cer']:.2%} |")
    startup = r.get("pool_startup")
    if startup:
        pools = r["pools"]
        gain = (statistics.mean(p["s_per_page"] for p in pools if p["kind"] == "threads")
                - statistics.mean(p["s_per_page"] for p in pools if p["kind"] == "processes"))
        start = (f"Starting a pool of {startup['workers']} OCR processes (spawned, Tesseract loaded in each) takes "
                 f"{startup['seconds']} s (step `pool_startup`, median of 3). ")
        if gain > 0:
            verdict = (f"Processes saved {gain:.3f} s a page above, so a document would need "
                       f"{startup['seconds'] / gain:.0f} scanned pages before a fresh pool paid for itself; most "
                       "records are 1 to 5 pages, so the pipeline keeps threads.")
        else:
            verdict = (f"Threads were {-gain:.3f} s a page faster above, without that start-up: the pipeline keeps "
                       "threads.")
        lines += ["", start + verdict]
    d = r.get("straightening")
    if d:
        lines += ["", f"Straightening tilted scans (tilts {', '.join(f'{t:+}°' for t in d['tilts'])}, blurred, noised, "
                  f"JPEG 60): CER {d['off']['cer']:.2%} without, {d['on']['cer']:.2%} with; CPU "
                  f"{d['off']['cpu_s_per_page']} s against {d['on']['cpu_s_per_page']} s a page (the tilt is measured "
                  "before OCR, so a straightened page is still recognised once)."]
    ph = r.get("photos")
    if ph:
        lines += ["", f"Phone photos (step `photos`; {ph['views']} photos of each: a page on a dark desk seen at an angle "
                  "and lit from one side, or square-on, lit more unevenly and cropped just inside the sheet; JPEG 80, one "
                  "worker): read now (the sheet found on the desk and flattened, its light evened out; a photo with no "
                  "desk evened out when its light falls off) against read whole as before:", "",
                  "| photographed | CER before | CER now | s a photo, before | s a photo, now | sheets found |",
                  "|---|---|---|---|---|---|"]
        for kind, row in ph.items():
            if kind == "views" or "now" not in row:
                continue
            w, f = row["whole"], row["now"]
            lines.append(f"| {kind} | {w['cer']:.2%} | {f['cer']:.2%} | {w['s_per_photo']} | {f['s_per_photo']} | "
                         f"{f['sheets']}/{ph['views']} |")
    q = r.get("quality")
    if q:
        lines += ["", f"Text-layer judge (`ingest/rules/text_quality.json`) on the {q['real_reports']} real OCR'd TCGA "
                  f"reports in ../shared/data: {q['real_kept']} kept as real text. Garbage made from them, rejected: "
                  + "; ".join(f"{k} {v}" for k, v in q["garbage_rejected"].items()) + "."]
    z = r.get("squeeze")
    if z:
        lines += ["", f"Line pieces read at their own width against narrowed to {z['squeeze']} (step `squeeze`; two noised "
                  "300-DPI pages per font and size, CPU of the whole page reading):", "",
                  "| font | size | CER full width | CER narrowed | CPU s a page, full | CPU s a page, narrowed |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {row['font']} | {row['size']} pt | {row['full']['cer']:.2%} | {row['narrowed']['cer']:.2%} | "
                  f"{row['full']['cpu_s_per_page']} | {row['narrowed']['cpu_s_per_page']} |" for row in z["rows"]]
    v = r.get("invert")
    if v:
        default, off = v["default"], v["tessedit_do_invert=0"]
        lines += ["", f"Tesseract's `tessedit_do_invert=0`, interleaved with the default on the same pages (step "
                  f"`invert`): {off['cpu_s_per_page']} s against {default['cpu_s_per_page']} s CPU a page, CER "
                  f"{off['cer']:.2%} against {default['cer']:.2%}. Tesseract 5 re-reads a line inverted only when it "
                  "reads badly, so on records it saves nothing measurable; it is not set."]
    lines += ["", "How a page is read (see `ingest/pdf.py`, `ingest/tables.py`, `ingest/ocr/page.py`):",
              "- Text-layer pages: PDFium's text (about 1 ms a page). A page whose drawing holds a grid (two "
              "horizontal and two vertical rulings, five in all, counted from PDFium's path objects in under 0.1 ms) "
              "also goes to pdfplumber's `find_tables`; PDFium's words are then regrouped so that each table row is "
              "one line (label beside value), their boxes and offsets unchanged. Each pdfplumber page is closed as "
              "soon as its cells are known (compare the two 300-page ruled-table rows above).",
              "- PDFs PDFium cannot open, or in which it finds no page it can read, go to pdfplumber: text-layer pages "
              "from its words, scanned pages OCR'd from their embedded image. Corrupt means both failed.",
              "- Scanned pages: a 20 ms look at a quarter-size copy measures the tilt and notices sideways or "
              "upside-down text. A page of ordinary text lines is then read line by line from a half-size, "
              "straightened copy: `ingest/ocr/lines.py` finds the lines (rows of ink, touching lines cut at their "
              "thinnest row, horizontal rules erased, each line cut at wide blank gaps) and Tesseract reads each "
              "piece as one line (`PSM 7`), skipping its page layout analysis and the blank stretches; the line "
              "recogniser scales every line to its own height, so the half-size copy reads as well. Each piece is "
              "first narrowed to 0.8 of its width (`LINE_SQUEEZE`): the recogniser's cost follows the columns of the "
              "height-scaled line, and at 0.8 the text reads like a condensed font (step `squeeze` below). Narrower "
              "did not pay: at 0.75 (or narrowing each page towards a set glyph pitch, 0.71-0.75 for Helvetica) "
              "the 16 scanned pages cost 3-6 % less CPU but read 'Nottingham grade 1' as 'grade 4' and 'grade 14' "
              "and '03/11/2025' as '03/41/2025', slips 0.8 does not make (2026-11-27). Word "
              "boxes are cut at the next word's start and tightened to their ink before being widened back. A turned page "
              "is turned as the look suggests and kept when it reads with confidence 0.85 or more. Pages with "
              "vertical rules (tables, forms), pictures, lines that all touch, or a low confidence go to "
              "Tesseract's orientation detector and page layout as before. Each page is still recognised once; "
              "the words' confidence is checked afterwards (a second reading when it is low). Before a piece is "
              "recognised, the paper and its grain (levels within 20 of the page's median) are made white and darker "
              "levels stretched: on a grey, grainy page the recogniser took some short pieces of a table printed in "
              "Courier for light text on dark and read them inverted ('118' as 'ENS', '112 L' as 'a2 Es'; "
              "2026-11-28). Small print is read at full size from lines found again on the full page; where they "
              "cannot be (a worn scan's specks, which the half-size copy's averaging hides, make rows of ink "
              "everywhere), the copy's lines are scaled up and read at full size: a faxed 9-point Courier table "
              "had gone to the page layout, a column at a time (CER 66 %, now under 4 %).",
              "- Phone photos: a 3-5 ms look at a 600-pixel copy finds a sheet of paper lying on a darker desk (the "
              "largest bright region, inside a ring of desk, not cut by the frame); its four edges are fitted as lines "
              "and the quadrilateral they make is mapped to a rectangle, the light evened out (each pixel divided by "
              "the paper's brightness around it), and the resolution taken from the sheet rather than the frame "
              "(`ingest/ocr/sheet.py`). The flattened sheet then reads like a scan, line by line; read whole, the "
              "desk made the line finder refuse the page and Tesseract's layout read each table column as a block of "
              "its own, labels apart from their values (step `photos`). The page keeps the sheet's corners, so its "
              "image is shown flattened under its word boxes. Scans, screenshots and photos cropped to the paper "
              "have no desk around them and are read as before.",
              "- Tesseract is handed a list of domain words its English dictionary lacks (`ingest/rules/ocr_words.yaml`: "
              "staging codes with every prefix, marker and gene names), so it reads more 'cM0' and fewer 'cMO'; the "
              "list costs nothing measurable a page. The third ocrmypdf row gives ocrmypdf the same list.",
              "- Limits: a page over `max_page_chars` (30,000) fails alone, its characters still counted; the document "
              "is refused once past `max_text_chars`, which defaults to `max_pages` x 5,000 (1.5 million characters: "
              "2.4 times a dense 300-page report, under 400 MB while read).",
              "", "The scanned set cycles eight kinds of page: clean, tilted 2° + blurred + noised + JPEG 50, "
              "upside down, clean, noised + JPEG 40, turned 90°, tilted -1.5° + blurred, clean. CER counts "
              "whitespace runs as one space. The OCR rows time a warm engine, as in a running service: a 2-page "
              "scan is read on 2 threads first (untimed), so each worker's Tesseract instance exists (80 ms each "
              "to create, once per process).", ""]
    return "\n".join(lines)


def _ocr_row(o: dict, floor: str) -> str:
    recognitions = f", {o['recognitions_per_page']} recognitions a page" if "recognitions_per_page" in o else ""
    runs = o.get("runs_s_per_page")
    fastest_of = (f" (fastest of {len(runs)} runs: {', '.join(f'{x} s' for x in runs)})" if runs and len(runs) > 1
                  else "")
    return (f"| scanned page at 300 DPI, {o['workers']} worker(s), {o['pages']} pages{fastest_of} | {o['s_per_page']} s "
            f"({o['pages_per_second']} pages/s; {o.get('cpu_s_per_page', '?')} CPU s), CER {o['cer']:.2%}, "
            f"{o['turned_pages']} turned, {o['straightened_pages']} straightened{recognitions} | {floor} |")


def _ocr_cell(o: dict) -> str:
    return f"{o['s_per_page']} s wall, {o.get('cpu_s_per_page', '?')} CPU s a page, CER {o['cer']:.2%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="8 OCR pages, no 300-page OCR run")
    parser.add_argument("--ocr-pages", type=int, default=16)
    parser.add_argument("--ocr-rounds", type=int, default=3,
                        help="runs of the 2-worker OCR timing; the fastest is reported, every run listed")
    parser.add_argument("--write", action="store_true", help="update the Ingest section of docs/benchmarks.md")
    parser.add_argument("--only", help="comma-separated steps to rerun, merged into bench/out/ingest.json "
                                       "(quality, text_layer, ruled, ocr, pools, straightening, photos, invert, squeeze, ocrmypdf_plain, "
                                       "ocrmypdf_parity, ocrmypdf_parity_words, rss_text, rss_ruled_small, rss_ruled, rss_ruled_open, "
                                       "rss_scanned_small, rss_scanned)")
    parser.add_argument("--before", type=Path, help="an earlier run's ingest.json to compare with")
    parser.add_argument("--before-label", default="before", help="what the earlier run measured")
    parser.add_argument("--compare", metavar="REV", help="also compare this tree's ingest with commit REV's")
    parser.add_argument("--render", action="store_true",
                        help="measure nothing: print (and with --write, write) the section from bench/out/ingest.json")
    args = parser.parse_args(argv)
    ocr_pages = 8 if args.quick else args.ocr_pages
    if args.render:
        text = markdown(json.loads((OUT / "ingest.json").read_text()))
        print(text)
        if args.write:
            write_section(SECTION, text)
        return 0

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    r: dict = {"date": date.today().isoformat(), "quick": args.quick, "cpus": os.cpu_count(),
               "cpu": platform.processor() or platform.machine(),
               "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}
    steps = [
        ("quality", quality_calibration),
        ("text_layer", text_layer),
        ("ruled", ruled),
    ]
    scans, refs = scanned_set(ocr_pages) if not args.only or set(args.only.split(",")) & OCR_STEPS else (b"", [])
    steps += [
        ("ocr", lambda: [warm_engine(2), ocr_ours(scans, refs, 1), fastest(lambda: ocr_ours(scans, refs, 2),
                                                                           args.ocr_rounds)][1:]),
        ("pools", lambda: [ocr_pool(scans, refs, kind) for kind in ("threads", "processes") * 2]),
        ("pool_startup", process_pool_startup),
        ("straightening", straightening),
        ("photos", photos),
        ("invert", invert_check),
        ("squeeze", squeeze_fonts),
        ("ocrmypdf_plain", lambda: ocrmypdf(scans, refs, [])),
        ("ocrmypdf_parity", lambda: ocrmypdf(scans, refs, ["--rotate-pages", "--rotate-pages-threshold", "2", "--deskew"])),
        ("ocrmypdf_parity_words", lambda: ocrmypdf(scans, refs, ["--rotate-pages", "--rotate-pages-threshold", "2", "--deskew",
                                                                "--user-words", _user_words()])),
        ("rss_text", lambda: peak_rss(many_pages(300, scanned=False))),
        ("rss_ruled_small", lambda: peak_rss(many_pages(30, ruled=True))),
        ("rss_ruled", lambda: peak_rss(many_pages(300, ruled=True))),
        ("rss_ruled_open", lambda: peak_rss(many_pages(300, ruled=True), "keep-pdfplumber-pages-open")),
        ("rss_scanned_small", lambda: peak_rss(many_pages(30, scanned=True))),
    ]
    if not args.quick:
        steps.append(("rss_scanned", lambda: peak_rss(many_pages(300, scanned=True))))
    if args.compare:
        steps.append(("compare", lambda: compare(args.compare)))
    OUT.mkdir(parents=True, exist_ok=True)
    if args.only:
        wanted = set(args.only.split(","))
        steps = [(name, step) for name, step in steps if name in wanted]
        previous = json.loads((OUT / "ingest.json").read_text()) if (OUT / "ingest.json").exists() else {}
        earlier = previous.get("reruns") or ([{"steps": previous["reran"], "date": previous["rerun_date"],
                                               "load": previous["rerun_load"]}] if previous.get("reran") else [])
        r = {**previous, "reran": sorted(wanted), "rerun_load": r["load_before"], "rerun_date": r["date"],
             "reruns": earlier}
    for name, step in steps:
        start = time.perf_counter()
        r[name] = step()
        r.setdefault("loads", {})[name] = " ".join(f"{x:.2f}" for x in os.getloadavg())  # right after the step
        print(f"{name}: {time.perf_counter() - start:.0f} s, load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
        (OUT / "ingest.json").write_text(json.dumps(r, indent=1))  # partial results survive a crash
    r["rerun_load" if args.only else "load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    if args.only:
        r["reruns"] = r["reruns"] + [{"steps": r["reran"], "date": r["rerun_date"], "load": r["rerun_load"]}]
    if args.before:
        b = json.loads(args.before.read_text())
        r["before"] = {"label": args.before_label, "text_layer": b["text_layer"], "ocr": b["ocr"],
                       "load": b.get("rerun_load") or b.get("load_after")}
    (OUT / "ingest.json").write_text(json.dumps(r, indent=1))
    text = markdown(r)
    print(text)
    if args.write:
        write_section(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
