"""Web pages benchmark: server time and size of each page for the sample patient p01, and the
size of every scanned or photographed sample page image (before: colour PNG; now: gray PNG, WebP).

The app runs in-process (TestClient over HTTPS, real ingest, extract and personalize stages, jobs
run at upload). After the p01 records are read (scanned pathology report, clinic note), each page
is requested N times, signed in as the patient or the navigator; the first request of each is a
warm-up and not counted.

    .venv/bin/python -m bench.web            # table on stdout, JSON in bench/out/web.json
    .venv/bin/python -m bench.web --write    # also rewrite the "Web pages" section of docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "samples" / "records" / "p01"
FILES = ["01-pathology-core-biopsy-2023-11-17.scan.pdf", "04-oncology-note-2024-03-25.pdf"]
PASSWORD = "benchmark password 1"
SECTION = "## Web pages"


def _csrf(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def _login(client, email: str) -> None:
    token = _csrf(client.get("/login").text)
    r = client.post("/login", data={"email": email, "password": PASSWORD, "csrf": token}, follow_redirects=False)
    assert r.status_code == 303, r.text


def _setup(data_dir: Path):
    from api.auth import assign_navigator, create_user
    from api.db import Patient, session_scope
    from api.services import Services
    from api.settings import Settings

    settings = Settings(environment="test", data_dir=data_dir, rate_limit_per_minute=100_000, rate_limit_burst=100_000)
    svc = Services.from_settings(settings, immediate=True)
    with session_scope(svc.engine) as s:
        patient = Patient(name="Benchmark patient")
        s.add(patient)
        s.flush()
        nav, _ = create_user(s, "nav@bench.test", "navigator", password=PASSWORD)
        create_user(s, "patient@bench.test", "patient", patient_id=patient.id, password=PASSWORD)
        assign_navigator(s, nav, patient.id)
        pid = patient.id
    return svc, pid


def _measure(client, method: str, url: str, n: int, **kwargs) -> dict:
    times, size = [], 0
    for i in range(n + 1):
        start = time.perf_counter()
        r = client.request(method, url, **kwargs)
        elapsed = time.perf_counter() - start
        assert r.status_code in (200, 303), (url, r.status_code)
        size = len(r.content)
        if i:
            times.append(elapsed * 1000)
    times.sort()
    return {"n": n, "p50_ms": statistics.median(times), "p95_ms": times[max(0, int(len(times) * 0.95) - 1)],
            "max_ms": times[-1], "bytes": size}


def run(n: int) -> dict:
    from fastapi.testclient import TestClient

    from api.app import create_app

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory() as tmp:
        svc, pid = _setup(Path(tmp) / "data")
        results: dict[str, dict] = {}
        with TestClient(create_app(services=svc), base_url="https://bench.local") as client:
            _login(client, "patient@bench.test")
            token = _csrf(client.get(f"/patients/{pid}").text)
            started = time.perf_counter()
            r = client.post(f"/patients/{pid}/documents", headers={"X-CSRF-Token": token, "Accept": "application/json"},
                            files=[("file", (f, (RECORDS / f).read_bytes(), "application/pdf")) for f in FILES])
            assert r.status_code == 202, r.text
            results["upload and read both records (once, in-process)"] = {
                "n": 1, "p50_ms": (time.perf_counter() - started) * 1000, "p95_ms": None, "max_ms": None, "bytes": None}
            profile = client.get(f"/patients/{pid}/profile").text
            evidence = re.search(r'data-fact="her2".*?href="([^"]+)"', profile, re.S).group(1).replace("&amp;", "&")
            doc = evidence.split("/")[2]
            pages = {
                "records (patient)": ("GET", f"/patients/{pid}", {}),
                "status poll (JSON)": ("GET", f"/patients/{pid}/documents.json", {}),
                "my profile": ("GET", f"/patients/{pid}/profile", {}),
                "evidence on the page": ("GET", evidence, {}),
                "page image (PNG, cached after the first)": ("GET", f"/documents/{doc}/pages/1.png", {}),
                "page image (WebP, as browsers ask)": ("GET", f"/documents/{doc}/pages/1.png", {"headers": {
                    "Accept": "image/avif,image/webp,image/apng,image/*,*/*;q=0.8"}}),
                "ask CAR-T → guidance": ("POST", f"/patients/{pid}/ask", {"data": {
                    "csrf": token, "question": "How does CAR-T therapy work for breast cancer?"}}),
            }
            for name, (method, url, kwargs) in pages.items():
                results[name] = _measure(client, method, url, n, **kwargs)
            results["sign in (scrypt)"] = _measure(client, "POST", "/login", min(n, 8), data={  # 10 a minute allowed
                "email": "nav@bench.test", "password": PASSWORD, "csrf": _csrf(client.get("/login").text)},
                follow_redirects=False)
            for name, url in {"queue (navigator)": "/queue", "review with a field's page": f"/review/{pid}?field=receptors.her2.ihc_score",
                              "audit trail": f"/review/{pid}/audit"}.items():
                results[name] = _measure(client, "GET", url, n)
            for name, url in {"app.css": "/static/app.css", "app.js": "/static/app.js"}.items():
                results[name] = {"n": 1, "p50_ms": None, "p95_ms": None, "max_ms": None, "bytes": len(client.get(url).content)}
        svc.close()
    return results


def image_sizes() -> list[dict]:
    """Size of every scanned or photographed sample page as served: before (the page as rendered,
    in colour, PNG), now (gray PNG; WebP when a browser asks), and the time to render and encode
    each (done once per page, then cached)."""
    from api.storage import BlobStore, PageImages, PageView
    from api.settings import Settings

    settings = Settings()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        blobs = BlobStore(Path(tmp) / "originals")
        images = PageImages(blobs, Path(tmp) / "cache", settings.render_dpi, settings.render_max_pixels)
        records = sorted((REPO / "samples" / "records").glob("*/*.scan.pdf")) + sorted(
            (REPO / "samples" / "records").glob("*/*.photo.*"))
        for path in records:
            sha = blobs.put(path.read_bytes())
            doc_type = "pdf" if path.suffix == ".pdf" else "jpeg"
            pages = _page_count(path) if doc_type == "pdf" else 1
            for number in range(1, pages + 1):
                row = {"page": f"{path.parent.name}/{path.name} p{number}"}
                for name, view, encoding in (("before", PageView(), "png"), ("gray_png", PageView(gray=True), "png"),
                                             ("webp", PageView(gray=True), "webp")):
                    started = time.perf_counter()
                    row[name] = len(images.image(sha, number, doc_type, view, encoding))
                    row[name + "_ms"] = (time.perf_counter() - started) * 1000
                rows.append(row)
    return rows


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        return len(pdf)
    finally:
        pdf.close()


def image_table(rows: list[dict]) -> str:
    lines = ["| scanned or photographed page | before: colour PNG | now: gray PNG | now: WebP (browsers) | "
             "render + encode ms (PNG / WebP) |", "|---|---|---|---|---|"]
    for r in rows + [{"page": "**total**", **{k: sum(x[k] for x in rows) for k in ("before", "gray_png", "webp")}}]:
        ms = f"{r['gray_png_ms']:.0f} / {r['webp_ms']:.0f}" if "webp_ms" in r else ""
        lines.append(f"| {r['page']} | {r['before'] / 1024:.0f} KB | {r['gray_png'] / 1024:.0f} KB "
                     f"({100 * (1 - r['gray_png'] / r['before']):.0f} % less) | {r['webp'] / 1024:.0f} KB "
                     f"({100 * (1 - r['webp'] / r['before']):.0f} % less) | {ms} |")
    return "\n".join(lines)


def _cell(value, fmt: str) -> str:
    return "" if value is None else format(value, fmt)


def table(results: dict) -> str:
    lines = ["| page | requests | p50 ms | p95 ms | max ms | size |", "|---|---|---|---|---|---|"]
    for name, r in results.items():
        size = "" if r["bytes"] is None else f"{r['bytes'] / 1024:.1f} KB"
        lines.append(f"| {name} | {r['n']} | {_cell(r['p50_ms'], '.1f')} | {_cell(r['p95_ms'], '.1f')} | "
                     f"{_cell(r['max_ms'], '.1f')} | {size} |")
    return "\n".join(lines)


def write_section(text: str, path: Path = REPO / "docs" / "benchmarks.md") -> None:
    doc = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = doc.find(SECTION)
    if start < 0:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    else:
        end = doc.find("\n## ", start + len(SECTION))
        doc = doc[:start] + text + ("\n" + doc[end:] if end >= 0 else "\n")
    path.write_text(doc, encoding="utf-8")


def _render_dpi() -> int:
    from api.settings import Settings

    return Settings().render_dpi


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=30, help="requests per page (after one warm-up)")
    parser.add_argument("--write", action="store_true", help="rewrite the Web pages section of docs/benchmarks.md")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    results = run(args.n)
    sizes = image_sizes()
    load_after = os.getloadavg()
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "web.json").write_text(json.dumps({"pages": results, "page_images": sizes}, indent=2), encoding="utf-8")
    body = table(results)
    print(body)
    print()
    print(image_table(sizes))
    if args.write:
        write_section(
            f"{SECTION}\n\nServer time and size of each page for sample patient p01 (scanned pathology report and "
            "clinic note read by the real stages), in-process over TestClient, so network and browser rendering are "
            f"not included; {args.n} requests per page after one warm-up. Reproduce with "
            "`.venv/bin/python -m bench.web --write`; raw figures in `bench/out/web.json`.\n\n"
            f"{body}\n\n- What a phone waits for is the page image: p01's scanned page is "
            f"{results['page image (PNG, cached after the first)']['bytes'] / 1024:.0f} KB as a gray PNG at the "
            f"service's render DPI and {results['page image (WebP, as browsers ask)']['bytes'] / 1024:.0f} KB as "
            "the WebP a browser gets, against at most "
            f"{max(r['bytes'] for k, r in results.items() if r['bytes'] and 'image' not in k) / 1024:.0f} KB for any page's HTML.\n"
            "\nPage images of every scanned or photographed sample page at the render DPI "
            f"({_render_dpi()}): scans and photos are served in gray, and as WebP (quality 80) to clients whose "
            "`Accept` header names it (browsers do); `GET .../pages/{n}.png` without it stays a PNG. Render and "
            "encode happen once per page and view, then the image is served from the disk cache.\n\n"
            f"{image_table(sizes)}\n\n"
            f"- Load average before/after: {' '.join(f'{x:.1f}' for x in load_before)} / "
            f"{' '.join(f'{x:.1f}' for x in load_after)} (2 cores, shared); measured {time.strftime('%Y-%m-%d')}.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
