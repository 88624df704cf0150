"""`oncoguide demo` (what `make run` calls): load the sample patients with their records from
`samples/records/<patient-id>/`, print the web password of the demo navigator and patient users
(random per run, or ONCOGUIDE_DEMO_PASSWORD), their emails and tokens, which patient the patient
user belongs to and the address, then serve with a worker. Safe to run again: patients and
documents already loaded are reused, and fresh tokens and a fresh password are printed (stored
tokens and passwords are hashed and cannot be shown again).

With the samples' `manifest.json`, each document is loaded once: its text PDF, or with `--scans`
its scanned or photographed version where there is one. Without a manifest, every record file in
a patient's folder is loaded (a `.txt` twin of a PDF is skipped)."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import typer

from api.cli import app

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples" / "records"
RECORD_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".heic", ".txt"}
NAVIGATOR = "navigator@demo.oncoguide"
ADMIN = "admin@demo.oncoguide"


def record_files(patient_dir: Path) -> list[Path]:
    """A patient's records; a `.txt` twin beside a PDF of the same name is the PDF's text, not a record."""
    files = sorted(p for p in patient_dir.iterdir() if p.is_file() and p.suffix.lower() in RECORD_SUFFIXES)
    stems_with_pdf = {p.stem for p in files if p.suffix.lower() == ".pdf"}
    return [p for p in files if not (p.suffix.lower() == ".txt" and p.stem in stems_with_pdf)]


def sample_patients(samples_dir: Path, scans: bool = False) -> list[tuple[str, list[Path]]]:
    """(display name, record files) per sample patient."""
    manifest = samples_dir / "manifest.json"
    if manifest.is_file():
        out = []
        for pid, patient in sorted(json.loads(manifest.read_text())["patients"].items()):
            files = []
            for doc in patient["documents"]:
                variant = (doc.get("photo") or doc.get("scan")) if scans else None
                if isinstance(variant, dict):
                    variant = variant.get("file")
                files.append(samples_dir / (variant or doc["text_pdf"]))
            out.append((patient.get("name") or f"Sample patient {pid}", files))
        return out
    dirs = sorted(d for d in samples_dir.iterdir() if d.is_dir()) if samples_dir.is_dir() else []
    return [(f"Sample patient {d.name}", record_files(d)) for d in dirs]


def load_samples(svc, samples_dir: Path = SAMPLES_DIR, scans: bool = False, password: str | None = None) -> dict:
    """Create the demo users and sample patients, store their records and queue them. The
    navigator and patient users get `password` for the web pages (an existing user's is replaced).
    Returns {"navigator": token, "patient": token, "patients": n, "documents": n, "queued": [ids],
    "patient_id", "patient_name", "navigator_email", "patient_email"}."""
    from sqlmodel import select

    from api.auth import assign_navigator, create_user, hash_password, issue_token
    from api.db import Patient, User, session_scope
    from api.uploads import store_document

    queued: list[str] = []
    documents = 0
    with session_scope(svc.engine) as s:
        def user(email: str, role: str, patient_id: str | None = None, web_password: str | None = None) -> tuple[User, str]:
            existing = s.exec(select(User).where(User.email == email)).first()
            if existing is None:
                return create_user(s, email, role, patient_id=patient_id, password=web_password)
            if web_password:
                existing.password_hash = hash_password(web_password)
                s.add(existing)
            return existing, issue_token(s, existing)

        navigator, nav_token = user(NAVIGATOR, "navigator", web_password=password)
        user(ADMIN, "admin")
        samples = sample_patients(samples_dir, scans)
        first_patient: Patient | None = None
        for name, files in samples:
            patient = s.exec(select(Patient).where(Patient.name == name)).first()
            if patient is None:
                patient = Patient(name=name)
                s.add(patient)
                s.flush()
            assign_navigator(s, navigator, patient.id)
            first_patient = first_patient or patient
            for path in files:
                data = path.read_bytes()
                if not data or len(data) > svc.settings.max_upload_bytes:
                    continue
                sha = svc.blobs.put(data)
                doc, _, queue_it = store_document(s, navigator, patient.id, sha, path.name, None, len(data))
                documents += 1
                if queue_it:
                    queued.append(doc.id)
        if first_patient is None:  # no samples yet: an empty patient to try uploads with
            first_patient = s.exec(select(Patient).where(Patient.name == "Demo patient")).first()
            if first_patient is None:
                first_patient = Patient(name="Demo patient")
                s.add(first_patient)
                s.flush()
            assign_navigator(s, navigator, first_patient.id)
        patient_user, patient_token = user(f"patient-{first_patient.id}@demo.oncoguide", "patient", first_patient.id,
                                           web_password=password)
    for document_id in queued:
        svc.queue.enqueue(document_id)
    return {"navigator": nav_token, "patient": patient_token, "patients": max(len(samples), 1),
            "documents": documents, "queued": queued, "patient_id": first_patient.id,
            "patient_name": first_patient.name, "navigator_email": navigator.email,
            "patient_email": patient_user.email}


@app.command("demo")
def demo(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="serve after loading"),
    scans: bool = typer.Option(False, "--scans", help="load scanned/photographed versions where the samples have them"),
) -> None:
    """Load the sample patients and records, print how to sign in (web password, tokens) and the
    address, and serve. The password is ONCOGUIDE_DEMO_PASSWORD, or a random one for this run."""
    from api.cli.serve_cmd import serve_app
    from api.services import Services
    from api.settings import load_settings

    settings = load_settings()
    password = settings.demo_password or secrets.token_urlsafe(12)
    svc = Services.from_settings(settings)
    try:
        loaded = load_samples(svc, SAMPLES_DIR, scans=scans, password=password)
    finally:
        svc.close()
    address = f"http://{host}:{port}"
    echo = typer.echo
    echo(f"oncoguide demo: {loaded['patients']} sample patient(s), {loaded['documents']} record(s) "
         f"({len(loaded['queued'])} queued for processing)")
    if not SAMPLES_DIR.is_dir():
        echo("  (no samples/records/ yet: run 'make samples' to generate them)")
    echo(f"  web pages:       {address}/  (sign in with an email below and the password)")
    echo(f"  password:        {password}  (" + ("from ONCOGUIDE_DEMO_PASSWORD" if settings.demo_password
                                                 else "new for this run; set ONCOGUIDE_DEMO_PASSWORD to choose one") + ")")
    echo(f"  navigator:       {loaded['navigator_email']}")
    echo(f"  patient:         {loaded['patient_email']}  belongs to {loaded['patient_name']} ({loaded['patient_id']})")
    echo(f"  navigator token: {loaded['navigator']}")
    echo(f"  patient token:   {loaded['patient']}")
    echo(f"  API:             {address}/docs  (send 'Authorization: Bearer <token>')")
    echo(f"  try:             curl -H 'Authorization: Bearer {loaded['navigator']}' {address}/api/patients")
    if serve:
        serve_app(host, port, worker=True)
