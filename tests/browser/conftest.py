"""A real oncoguide server and Debian's Chromium for the browser tests.

`server` starts `python -m api serve` (API + its worker process, the real ingest, extract and
personalize stages) on a free loopback port with a fresh data directory and database, after
creating the clinic's users with web passwords. The browser is Debian's /usr/bin/chromium driven
by Playwright (its own browser download is not available); without it every browser test is
skipped, saying why. Screenshots of each step go to artifacts/screenshots/ (gitignored).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "a long web password 42"


@dataclass
class Clinic:
    url: str
    data_dir: Path
    patient_id: str  # the sample patient whose records the flows upload
    patient_email: str
    patient_token: str
    other_id: str  # another patient, with a document of her own
    other_email: str
    other_token: str
    navigator_email: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _create_clinic(data_dir: Path) -> dict:
    from api.auth import assign_navigator, create_user
    from api.db import Patient, open_database, session_scope
    from api.settings import Settings

    engine = open_database(Settings(data_dir=data_dir).resolved_database_url)
    try:
        with session_scope(engine) as s:
            harriet, bea = Patient(name="Harriet Quellwood"), Patient(name="Bea Example")
            s.add_all([harriet, bea])
            s.flush()
            nav, _ = create_user(s, "navigator@clinic.test", "navigator", password=PASSWORD)
            _, harriet_token = create_user(s, "harriet@example.test", "patient", patient_id=harriet.id, password=PASSWORD)
            _, bea_token = create_user(s, "bea@example.test", "patient", patient_id=bea.id, password=PASSWORD)
            assign_navigator(s, nav, harriet.id)
            assign_navigator(s, nav, bea.id)
            return {"patient_id": harriet.id, "patient_token": harriet_token, "other_id": bea.id, "other_token": bea_token}
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Clinic]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    data_dir = tmp_path_factory.mktemp("web-server") / "data"
    made = _create_clinic(data_dir)
    port = _free_port()
    env = {**os.environ, "ONCOGUIDE_DATA_DIR": str(data_dir), "ONCOGUIDE_ENVIRONMENT": "test",
           "ONCOGUIDE_SESSION_SECRET": secrets.token_urlsafe(32), "ONCOGUIDE_JOB_SWEEP_SECONDS": "2",
           "OMP_THREAD_LIMIT": "1"}
    log = open(data_dir / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "api", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    # localhost, not 127.0.0.1: browsers keep `Secure` cookies over plain HTTP only for localhost.
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError("the server exited at start; see " + str(data_dir / "server.log"))
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield Clinic(url=url, data_dir=data_dir, patient_email="harriet@example.test", other_email="bea@example.test",
                     navigator_email="navigator@clinic.test", **made)
    finally:
        # SIGINT: uvicorn shuts down, then `serve` stops its worker process.
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


@pytest.fixture(scope="session")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_BASICS = """() => {
  const unlabelled = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(e => !e.labels.length && !e.getAttribute('aria-label')).map(e => e.id || e.name);
  const noAlt = [...document.querySelectorAll('img:not([alt])')].map(e => e.src);
  const sideways = document.documentElement.scrollWidth > window.innerWidth + 1;
  return {unlabelled, noAlt, sideways, lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length};
}"""


@pytest.fixture
def shot(request):
    """shot(page, "step") checks the page's basics (every control labelled, every image described,
    one h1, no sideways scrolling of the page itself) and saves
    artifacts/screenshots/<test>-<n>-<step>.png (full page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))
    test = request.node.name.removeprefix("test_")
    for old in SCREENSHOTS.glob(f"{test}-*.png"):  # a previous run's, whose steps may differ
        old.unlink()

    def take(page, step: str) -> Path:
        # A click just before may still be loading its page: a document caught mid-navigation has no
        # root element yet (seen on a loaded machine after "Ask a question").
        page.wait_for_load_state("load")
        basics = page.evaluate(_BASICS)
        assert basics == {"unlabelled": [], "noAlt": [], "sideways": False, "lang": "en", "h1": 1}, (step, basics)
        path = SCREENSHOTS / f"{test}-{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(browser, server):
    """login(email, phone=False) -> page of a fresh browser context signed in as `email`."""
    contexts = []

    def sign_in(email: str, *, phone: bool = False):
        options = ({"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True} if phone
                   else {"viewport": {"width": 1280, "height": 900}})
        context = browser.new_context(base_url=server.url, accept_downloads=True, **options)
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda u: "/login" not in u)
        return page

    yield sign_in
    for context in contexts:
        context.close()
