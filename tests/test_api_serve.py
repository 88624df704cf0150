"""`oncoguide serve` and its worker process: the worker ends with `serve` however `serve` ends
(SIGKILL, SIGTERM from a supervisor, Ctrl-C in a terminal), and Ctrl-C lets the job in hand
finish. Real processes; the service tests' `FakePipeline` reads the uploads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from tests.hostile.live import ROOT, Clinic, wait_for

pytestmark = pytest.mark.slow

FAKE_STAGES = {"ONCOGUIDE_PIPELINE": "tests.test_api_fakes:FakePipeline"}


def gone(proc: psutil.Process, within: float) -> bool:
    try:
        proc.wait(within)
        return True
    except psutil.TimeoutExpired:
        return False


@pytest.fixture
def clinic(tmp_path):
    return Clinic(tmp_path / "data", settings=FAKE_STAGES)


@pytest.fixture
def serve(clinic):
    """Start `oncoguide serve` (API and its worker) in a process group of its own, as a shell
    starts a command; yield (serve's Popen, the worker's psutil.Process)."""
    started: list[subprocess.Popen | psutil.Process] = []

    def start():
        with open(clinic.logs_dir / "serve.log", "ab") as log:
            proc = subprocess.Popen([sys.executable, "-m", "api", "serve", "--port", str(clinic.port)], cwd=ROOT,
                                    env=clinic.env, stdout=log, stderr=subprocess.STDOUT, process_group=0)
        started.append(proc)
        wait_for(lambda: clinic.healthy() or proc.poll() is not None, 90, "serve to answer /healthz")
        assert proc.poll() is None, clinic.log_text()[-3000:]
        worker = wait_for(lambda: next(iter(psutil.Process(proc.pid).children()), None), 30, "the worker process")
        started.append(worker)
        wait_for(lambda: "Huey consumer started" in clinic.log_text(), 60, "the worker to start")
        return proc, worker

    yield start
    for proc in started:  # only what this test started, by process id
        try:
            proc.kill()
        except (OSError, psutil.Error):
            pass
    clinic.stop()


def test_the_worker_ends_when_serve_is_killed(serve):
    proc, worker = serve()
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert gone(worker, 15), "the worker outlived a killed serve"


def test_a_supervisors_sigterm_stops_serve_and_then_its_worker(serve, clinic):
    proc, worker = serve()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 0
    assert gone(worker, 1)
    assert "Traceback" not in clinic.log_text()


def test_ctrl_c_stops_both_after_the_job_in_hand(serve, clinic):
    from api.db import Document

    proc, worker = serve()
    clinic.user("nav@clinic.test", "navigator")
    pid = clinic.patient("Serve Example", "nav@clinic.test")
    client = clinic.client(clinic.user("serve@example.test", "patient", pid), timeout=30)
    gate = clinic.data_dir / "gate"
    gate.write_text("1")
    did = client.post(f"/api/patients/{pid}/documents",
                      files={"file": ("n.txt", b"GATE\ndiagnosis.grade=2\n", "text/plain")}).json()["document_id"]
    wait_for(lambda: (clinic.data_dir / "entered").exists(), 60, "the worker to take the job")
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    time.sleep(1.5)
    assert worker.is_running(), "the worker dropped the job in hand"
    gate.unlink()  # the job can finish now
    assert proc.wait(60) == 0
    assert gone(worker, 1)
    from sqlmodel import Session

    with Session(clinic.engine) as s:
        assert s.get(Document, did).status == "done"
    assert "Traceback" not in clinic.log_text()


# --- the lifeline alone ---------------------------------------------------------------------------

CHILD = textwrap.dedent("""
    import os, sys, time
    import api.lifeline as lifeline
    if sys.argv[1] == "poll":
        lifeline._set_parent_death_signal = lambda signum: False  # as on a system without prctl
    lifeline.exit_with_parent(int(sys.argv[2]), every=0.1)
    print("armed", flush=True)
    time.sleep(60)
""")
PARENT = textwrap.dedent("""
    import os, subprocess, sys, time
    child = subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2], str(os.getpid())],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "armed"
    print(child.pid, flush=True)
    time.sleep(60)
""")


@pytest.mark.parametrize("how", ["prctl", "poll"])
def test_a_child_with_a_lifeline_ends_when_its_parent_is_killed(how):
    parent = subprocess.Popen([sys.executable, "-c", PARENT, CHILD, how], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        child = psutil.Process(int(parent.stdout.readline()))
        parent.kill()
        parent.wait(10)
        assert gone(child, 5), f"the child outlived its parent ({how})"
    finally:
        parent.kill()
        parent.wait(10)
