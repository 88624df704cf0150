"""The service's CLI: user, patient, demo loading."""

from __future__ import annotations

import io

import pytest

from api.cli import main


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("ONCOGUIDE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ONCOGUIDE_DATABASE_URL", raising=False)
    monkeypatch.delenv("ONCOGUIDE_REDIS_URL", raising=False)
    return tmp_path


def _run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_user_and_patient_commands(env, capsys, monkeypatch):
    from sqlmodel import Session, select

    from api.auth import user_for_token, verify_password
    from api.db import NavigatorAssignment, User, open_database
    from api.settings import load_settings

    code, nav_token, _ = _run(capsys, "user", "add", "Nav@Clinic.test", "--role", "navigator")
    assert code == 0 and nav_token.startswith("og_")
    code, pid, _ = _run(capsys, "patient", "add", "Jane Example", "--navigator", "nav@clinic.test")
    assert code == 0 and pid.startswith("pat_")
    code, tok, _ = _run(capsys, "user", "add", "jane@example.test", "--role", "patient", "--patient", pid,
                        "--password-stdin", stdin="long enough password\n", monkeypatch=monkeypatch)
    assert code == 0
    engine = open_database(load_settings().resolved_database_url)
    with Session(engine) as s:
        jane = user_for_token(s, tok)
        assert jane.patient_id == pid and verify_password("long enough password", jane.password_hash)
        nav = s.exec(select(User).where(User.email == "nav@clinic.test")).one()
        assert s.get(NavigatorAssignment, (nav.id, pid)) is not None
    assert _run(capsys, "patient", "list")[1] == pid

    code, _, err = _run(capsys, "user", "add", "jane@example.test", "--role", "patient", "--patient", pid)
    assert code == 49 and "already exists" in err
    code, _, err = _run(capsys, "user", "add", "x@example.test", "--role", "patient")
    assert code == 45 and "--patient" in err
    code, _, err = _run(capsys, "user", "add", "x@example.test", "--role", "wizard")
    assert code == 45
    code, _, err = _run(capsys, "user", "add", "y@example.test", "--role", "patient", "--patient", "pat_nope")
    assert code == 41
    code, _, err = _run(capsys, "user", "add", "z@example.test", "--role", "admin", "--password-stdin",
                        stdin="short\n", monkeypatch=monkeypatch)
    assert code == 45 and "8 characters" in err

    assert _run(capsys, "user", "revoke", "jane@example.test")[0] == 0
    with Session(engine) as s:
        from api.errors import Unauthorized

        with pytest.raises(Unauthorized):
            user_for_token(s, tok)
    code, new_tok, _ = _run(capsys, "user", "token", "jane@example.test")
    with Session(engine) as s:
        assert code == 0 and user_for_token(s, new_tok).email == "jane@example.test"
    engine.dispose()


def test_demo_loads_sample_patients_and_queues_their_records(env):
    from sqlmodel import Session, select

    from api.cli.demo_cmd import load_samples, record_files
    from api.db import Document, Patient
    from api.services import Services
    from api.settings import load_settings
    from tests.test_api_fakes import PIPELINE_PATH

    samples = env / "records"
    for patient in ("p01", "p02"):
        (samples / patient).mkdir(parents=True)
        (samples / patient / "path.pdf").write_bytes(f"diagnosis.grade=2\n{patient}".encode())
        (samples / patient / "path.txt").write_text("twin of the PDF")  # not a record of its own
        (samples / patient / "note.txt").write_text(f"ecog=1\n{patient}")
    assert [p.name for p in record_files(samples / "p01")] == ["note.txt", "path.pdf"]

    svc = Services.from_settings(load_settings(pipeline=PIPELINE_PATH), immediate=True)
    first = load_samples(svc, samples)
    again = load_samples(svc, samples)  # safe to run twice
    with Session(svc.engine) as s:
        assert len(s.exec(select(Patient)).all()) == 2
        docs = s.exec(select(Document)).all()
        assert len(docs) == 4 and {d.status for d in docs} == {"done"}
    assert first["navigator"] != again["navigator"] and again["queued"] == []
    svc.close()


def test_demo_follows_the_samples_manifest(tmp_path):
    import json

    from api.cli.demo_cmd import sample_patients

    (tmp_path / "p01").mkdir()
    for name in ("a.pdf", "a.scan.pdf", "a.txt", "b.pdf", "b.photo.jpg", "b.txt"):
        (tmp_path / "p01" / name).write_bytes(b"x")
    manifest = {"patients": {"p01": {"name": "Harriet Example", "documents": [
        {"name": "a", "text_pdf": "p01/a.pdf", "twin": "p01/a.txt", "scan": {"file": "p01/a.scan.pdf"}},
        {"name": "b", "text_pdf": "p01/b.pdf", "twin": "p01/b.txt", "photo": "p01/b.photo.jpg"}]}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    [(name, files)] = sample_patients(tmp_path)
    assert name == "Harriet Example" and [f.name for f in files] == ["a.pdf", "b.pdf"]
    [(_, scans)] = sample_patients(tmp_path, scans=True)
    assert [f.name for f in scans] == ["a.scan.pdf", "b.photo.jpg"]
