"""Service benchmark: upload-to-profile time (2-page text PDF, 2-page scanned PDF) and a load run
(N concurrent clients uploading M documents each) against a real `oncoguide serve` (API + worker
processes) on SQLite and, with --postgres URL, on PostgreSQL.

    .venv/bin/python -m bench.service                      # SQLite
    .venv/bin/python -m bench.service --postgres postgresql+psycopg2://u:p@127.0.0.1/db   # + PostgreSQL

The PostgreSQL database is emptied first: give a throwaway one. Results: a Markdown table on
stdout and JSON in bench/out/service.json. Only loopback traffic; every loop is bounded.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]


# --- inputs ---------------------------------------------------------------------------------------

def text_pdf(tag: str) -> bytes:
    """A 2-page pathology-style report; `tag` makes the bytes (and the accession) unique."""
    from reportlab.pdfgen import canvas

    pages = [
        ["SURGICAL PATHOLOGY REPORT", f"Accession: S25-{tag}", "Collected: 03/02/2025", "",
         "FINAL DIAGNOSIS:", "Left breast, 2 o'clock, ultrasound-guided core biopsy:",
         "Invasive ductal carcinoma, Nottingham grade 2 (tubules 3, nuclei 2, mitoses 1).",
         "Tumor size on core: 14 mm.", "", "BREAST BIOMARKERS:",
         "ESTROGEN RECEPTOR: POSITIVE (95%, strong)", "PROGESTERONE RECEPTOR: POSITIVE (40%, moderate)",
         "HER2 (IHC): 1+ (negative)", "Ki-67: 20%"],
        ["COMMENT:", "Controls performed appropriately. No lymphovascular invasion identified.",
         "Clinical stage reported by the submitting physician: cT1c cN0 cM0.",
         "Electronically signed by the attending pathologist."],
    ]
    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    for lines in pages:
        y = 740
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return out.getvalue()


def scanned_pdf(tag: str) -> bytes:
    """The text PDF rasterised at 300 DPI (grayscale), pages saved as images in a PDF: no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(text_pdf(tag))
    images = [pdf[i].render(scale=300 / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    pdf.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=300)
    return out.getvalue()


# --- server ---------------------------------------------------------------------------------------

class Server:
    def __init__(self, data_dir: Path, port: int, database_url: str | None, worker_threads: int) -> None:
        self.port = port
        self.env = {**os.environ, "ONCOGUIDE_DATA_DIR": str(data_dir), "ONCOGUIDE_DATABASE_URL": database_url or "",
                    "ONCOGUIDE_WORKER_THREADS": str(worker_threads), "ONCOGUIDE_RATE_LIMIT_PER_MINUTE": "100000",
                    "ONCOGUIDE_RATE_LIMIT_BURST": "10000", "OMP_THREAD_LIMIT": "1"}
        self.proc: subprocess.Popen | None = None
        self.peak_rss = 0
        self._stop = threading.Event()

    def cli(self, *args: str) -> str:
        return subprocess.run([sys.executable, "-m", "api", *args], env=self.env, cwd=REPO, check=True,
                              capture_output=True, text=True).stdout.strip()

    def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "api", "serve", "--port", str(self.port)], env=self.env,
                                     cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")
        threading.Thread(target=self._sample_memory, daemon=True).start()

    def _sample_memory(self) -> None:
        root = psutil.Process(self.proc.pid)
        while not self._stop.wait(0.25):
            try:
                procs = [root, *root.children(recursive=True)]
                self.peak_rss = max(self.peak_rss, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                pass

    def stop(self) -> None:
        self._stop.set()
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# --- measurements ---------------------------------------------------------------------------------

def wait_done(client: httpx.Client, did: str, headers: dict, timeout: float = 300) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/api/documents/{did}", headers=headers).json()["status"]
        if status in ("done", "partial", "failed"):
            return status
        time.sleep(0.05)
    return "timeout"


def upload_to_profile(base: str, token: str, pid: str, data: bytes, name: str) -> tuple[float, str]:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=120) as c:
        start = time.perf_counter()
        r = c.post(f"/api/patients/{pid}/documents", headers=headers, files={"file": (name, data, "application/pdf")})
        r.raise_for_status()
        status = wait_done(c, r.json()["document_id"], headers)
        c.get(f"/api/patients/{pid}/profile", headers=headers).raise_for_status()
        return time.perf_counter() - start, status


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load_run(base: str, clients: list[tuple[str, str]], docs_each: int) -> dict:
    upload_lat: list[float] = []
    done_lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    t0 = time.perf_counter()
    finished: list[float] = []

    def client_loop(i: int, token: str, pid: str) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, timeout=120) as c:
            pending = {}
            for j in range(docs_each):
                data = text_pdf(f"{i:03d}-{j:03d}-{os.getpid()}")
                start = time.perf_counter()
                try:
                    r = c.post(f"/api/patients/{pid}/documents", headers=headers,
                               files={"file": (f"r{j}.pdf", data, "application/pdf")})
                    ok = r.status_code == 202
                except httpx.HTTPError as exc:
                    ok, r = False, exc
                with lock:
                    upload_lat.append(time.perf_counter() - start)
                    if not ok:
                        errors.append(f"upload {getattr(r, 'status_code', r)}")
                if ok:
                    pending[r.json()["document_id"]] = start
            deadline = time.monotonic() + 900
            while pending and time.monotonic() < deadline:
                for did in list(pending):
                    status = c.get(f"/api/documents/{did}", headers=headers).json()["status"]
                    if status in ("done", "partial", "failed"):
                        now = time.perf_counter()
                        with lock:
                            done_lat.append(now - pending.pop(did))
                            finished.append(now)
                            if status != "done":
                                errors.append(f"document {status}")
                time.sleep(0.25)
            with lock:
                errors.extend(["document timeout"] * len(pending))

    threads = [threading.Thread(target=client_loop, args=(i, tok, pid)) for i, (tok, pid) in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = len(clients) * docs_each
    span = (max(finished) - t0) if finished else float("nan")
    return {
        "documents": total, "errors": len(errors), "error_kinds": sorted(set(errors)),
        "upload_p50_s": pct(upload_lat, 0.5), "upload_p95_s": pct(upload_lat, 0.95),
        "to_profile_p50_s": pct(done_lat, 0.5) if done_lat else None,
        "to_profile_p95_s": pct(done_lat, 0.95) if done_lat else None,
        "documents_per_minute": len(finished) / span * 60 if finished else 0.0, "wall_s": span,
    }


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def run_backend(name: str, database_url: str | None, args) -> dict:
    with tempfile.TemporaryDirectory(prefix="oncoguide-bench-") as tmp:
        if database_url:
            reset_postgres(database_url)
        server = Server(Path(tmp) / "data", args.port, database_url, args.worker_threads)
        pids = [server.cli("patient", "add", f"Bench patient {i}") for i in range(args.clients)]
        tokens = [server.cli("user", "add", f"bench{i}@bench.test", "--role", "patient", "--patient", pid)
                  for i, pid in enumerate(pids)]
        server.start()
        base = f"http://127.0.0.1:{args.port}"
        try:
            upload_to_profile(base, tokens[0], pids[0], text_pdf("warm-up"), "warm.pdf")  # loads the models
            single = {}
            kinds = [("text_pdf_2_pages", text_pdf)] + ([] if args.skip_scan else [("scanned_pdf_2_pages", scanned_pdf)])
            for kind, make in kinds:
                runs = [upload_to_profile(base, tokens[0], pids[0], make(f"{kind}-{k}"), f"{kind}.pdf")
                        for k in range(args.repeat)]
                single[kind] = {"median_s": statistics.median(t for t, _ in runs),
                                "statuses": sorted({s for _, s in runs})}
            load = load_run(base, list(zip(tokens, pids)), args.docs)
        finally:
            server.stop()
        return {"backend": name, "single": single, "load": load, "peak_rss_mb": server.peak_rss / 2**20,
                "clients": args.clients, "docs_each": args.docs, "worker_threads": args.worker_threads}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--docs", type=int, default=10, help="documents per client")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each single-document timing")
    parser.add_argument("--worker-threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--postgres", help="also run on this (throwaway) PostgreSQL database")
    parser.add_argument("--skip-scan", action="store_true", help="skip the scanned-PDF timing (no Tesseract)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "service.json")
    args = parser.parse_args(argv)
    results = [run_backend("SQLite", None, args)]
    if args.postgres:
        results.append(run_backend("PostgreSQL", args.postgres, args))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print("| database | text PDF → profile | scanned PDF → profile | upload p50 / p95 | upload → profile p50 / p95 "
          "| documents/min | errors | peak RSS (API + worker) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        s, ld = r["single"], r["load"]
        scan = f"{s['scanned_pdf_2_pages']['median_s']:.2f} s" if "scanned_pdf_2_pages" in s else "—"
        print(f"| {r['backend']} | {s['text_pdf_2_pages']['median_s']:.2f} s | {scan} | "
              f"{ld['upload_p50_s'] * 1000:.0f} / {ld['upload_p95_s'] * 1000:.0f} ms | "
              f"{ld['to_profile_p50_s']:.1f} / {ld['to_profile_p95_s']:.1f} s | {ld['documents_per_minute']:.0f} | "
              f"{ld['errors']} | {r['peak_rss_mb']:.0f} MB |")
    return 0 if all(r["load"]["errors"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
