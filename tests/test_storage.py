"""Storage: originals by sha256, encryption at rest, page images, migrations, settings."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from api.storage import BlobStore, PageImages, sha256_hex
from ingest.errors import ConfigurationError
from tests.test_api_fakes import db_url  # noqa: F401


def _pdf(pages: int = 2, size=(612, 792)) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size)
    for n in range(pages):
        c.drawString(72, 720, f"Page {n + 1}")
        c.showPage()
    c.save()
    return out.getvalue()


def test_originals_are_stored_once_and_never_overwritten(tmp_path):
    store = BlobStore(tmp_path)
    sha = store.put(b"record one")
    assert sha == sha256_hex(b"record one") and store.get(sha) == b"record one"
    path = store.path_of(sha)
    mtime = path.stat().st_mtime_ns
    assert store.put(b"record one") == sha and path.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [sha]  # no temporary files left


def test_encryption_at_rest(tmp_path):
    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    store = BlobStore(tmp_path, key)
    sha = store.put(b"PATHOLOGY REPORT")
    assert b"PATHOLOGY" not in store.path_of(sha).read_bytes()
    assert store.get(sha) == b"PATHOLOGY REPORT" and sha == sha256_hex(b"PATHOLOGY REPORT")
    with pytest.raises(ConfigurationError, match="differs"):
        BlobStore(tmp_path, Fernet.generate_key().decode()).get(sha)
    with pytest.raises(ConfigurationError, match="Fernet"):
        BlobStore(tmp_path, "not-a-key")


def test_page_images_from_pdf_are_rendered_capped_and_cached(tmp_path):
    from api.errors import NotFound

    store = BlobStore(tmp_path / "o")
    sha = store.put(_pdf())
    images = PageImages(store, tmp_path / "cache", dpi=100, max_pixels=200_000)
    png = images.png(sha, 2, "pdf")
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.width * img.height <= 200_000
    assert list((tmp_path / "cache").rglob("*.png"))
    assert images.png(sha, 2, "pdf") == png
    with pytest.raises(NotFound):
        images.png(sha, 3, "pdf")


def test_huge_pdf_pages_stay_under_the_pixel_cap_or_are_refused(tmp_path):
    from ingest.errors import PageTooLarge

    store = BlobStore(tmp_path / "o")
    images = PageImages(store, tmp_path / "c", dpi=150, max_pixels=1_000_000)
    big = Image.open(io.BytesIO(images.png(store.put(_pdf(1, size=(14400, 14400))), 1, "pdf")))  # 200 x 200 in
    assert big.width * big.height <= 1_000_000
    with pytest.raises(PageTooLarge):  # 1 x 5000 inches: a sliver nobody could read
        images.png(store.put(_pdf(1, size=(72, 72 * 5000))), 1, "pdf")


def test_page_images_from_multi_frame_tiff_and_broken_images(tmp_path):
    from api.errors import NotFound
    from ingest.errors import CorruptFile

    frames = [Image.new("L", (300, 200), v) for v in (0, 255)]
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:])
    store = BlobStore(tmp_path / "o")
    images = PageImages(store, tmp_path / "c", dpi=150, max_pixels=10_000)
    sha = store.put(out.getvalue())
    second = Image.open(io.BytesIO(images.png(sha, 2, "tiff")))
    assert second.getpixel((0, 0)) == 255 and second.width * second.height <= 10_000
    with pytest.raises(NotFound):
        images.png(sha, 3, "tiff")
    with pytest.raises(CorruptFile):
        images.png(store.put(b"\x89PNG\r\n\x1a\nbroken"), 1, "png")


def test_migrations_apply_and_are_idempotent(tmp_path, db_url):
    from sqlalchemy import inspect, text

    from api.db import migrate, open_database

    url = db_url or f"sqlite:///{tmp_path / 'm.db'}"
    engine = open_database(url)
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "api_tokens", "patients", "navigator_assignments", "documents", "pages", "jobs",
            "profile_versions", "corrections", "confirmations", "audit_events", "alembic_version"} <= tables
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head_revision()
        if url.startswith("sqlite"):
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from api.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg).get_current_head()  # one head: raises if migrations branch


def test_a_database_with_records_upgrades_to_the_latest_schema(tmp_path):
    """Pages and corrections written before 0002 keep working: no skew (0), no flattened sheet (0003)
    and no review context."""
    from alembic import command
    from alembic.config import Config
    from sqlmodel import Session, select

    from api.db import MIGRATIONS_DIR, CorrectionRow, Document, PageRow, Patient, User, make_engine, migrate, utcnow

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    rows = {
        "patients": {"id": "pat_1", "name": "A", "created_at": utcnow(), "profile_seq": 0},
        "users": {"id": 1, "email": "n@x.test", "role": "navigator", "created_at": utcnow(), "disabled": False},
        "documents": {"id": "doc_1", "patient_id": "pat_1", "sha256": "0" * 64, "filename": "a.pdf", "size": 1,
                      "status": "done", "created_at": utcnow(), "updated_at": utcnow()},
        "pages": {"document_id": "doc_1", "number": 1, "text": "t", "source": "ocr", "width": 1.0, "height": 1.0,
                  "dpi": 300.0, "rotation": 90, "words": "[]"},
        "corrections": {"patient_id": "pat_1", "field": "ecog", "action": "accept", "by_user_id": 1,
                        "by_email": "n@x.test", "at": utcnow()},
    }
    from sqlalchemy import MetaData

    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        for table, values in rows.items():
            conn.execute(meta.tables[table].insert().values(**values))
    migrate(engine)
    with Session(engine) as s:
        page = s.exec(select(PageRow)).one()
        assert (page.rotation, page.skew, page.sheet) == (90, 0.0, None)
        row = s.exec(select(CorrectionRow)).one()
        assert row.extracted_value is None and row.item_keys is None
        assert s.get(Document, "doc_1") and s.get(Patient, "pat_1") and s.get(User, 1)
    engine.dispose()


def test_models_match_the_migrations(tmp_path):
    """A table change without a migration fails here (alembic autogenerate finds no difference)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from api.db import open_database

    engine = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_settings_from_environment(monkeypatch, tmp_path):
    from api.settings import load_settings

    monkeypatch.setenv("ONCOGUIDE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ONCOGUIDE_REDIS_URL", "")
    s = load_settings()
    assert s.resolved_database_url == f"sqlite:///{tmp_path.resolve() / 'oncoguide.db'}" and s.redis_url is None
    monkeypatch.setenv("ONCOGUIDE_MAX_UPLOAD_BYTES", "-5")
    with pytest.raises(ConfigurationError, match="MAX_UPLOAD_BYTES|max_upload_bytes"):
        load_settings()
    monkeypatch.delenv("ONCOGUIDE_MAX_UPLOAD_BYTES")
    monkeypatch.setenv("ONCOGUIDE_ENVIRONMENT", "production")
    with pytest.raises(ConfigurationError, match="SESSION_SECRET"):
        load_settings()
    monkeypatch.setenv("ONCOGUIDE_SESSION_SECRET", "x" * 40)
    assert load_settings().environment == "production"


def test_clean_filename():
    from api.uploads import clean_filename

    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("C:\\Users\\a\\scan.pdf") == "scan.pdf"
    assert clean_filename("a\x00b\u202egpj.pdf") == "abgpj.pdf"
    assert clean_filename("") == clean_filename("...") == "upload"
    long = clean_filename("x" * 500 + ".pdf")
    assert len(long) <= 200 and long.endswith(".pdf")


def test_several_processes_migrating_at_once(tmp_path, db_url):
    """Workers and the API all migrate at start; starting them together must not fail."""
    import subprocess
    import sys

    url = db_url or f"sqlite:///{tmp_path / 'race.db'}"
    code = f"from api.db import open_database; open_database({url!r}).dispose()"
    procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()[-1500:]
