"""Storage: SQLModel tables, the engine (SQLite WAL by default, PostgreSQL by URL) and migrations.

The schema is owned by Alembic (`api/migrations/`); `open_database` applies pending migrations at
start. Table models never leave the service: routes answer with the schemas in `api/schemas.py`.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Field, Session, SQLModel, create_engine

from api.errors import StorageUnavailable

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


_RECORD_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


def is_record_id(value: str) -> bool:
    """Whether `value` can be a patient or document id (an address with anything else, such as a
    NUL character PostgreSQL refuses in a query, names nothing)."""
    return bool(_RECORD_ID.fullmatch(value))


class User(SQLModel, table=True):
    __tablename__ = "users"
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True, max_length=320)
    role: str = Field(max_length=16)  # patient | navigator | admin
    patient_id: str | None = Field(default=None, foreign_key="patients.id", index=True)
    password_hash: str | None = Field(default=None, max_length=256)
    created_at: datetime = Field(default_factory=utcnow)
    disabled: bool = False


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_tokens"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    token_hash: str = Field(index=True, unique=True, max_length=64)  # sha256 hex of the token
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None


class Patient(SQLModel, table=True):
    __tablename__ = "patients"
    id: str = Field(default_factory=lambda: new_id("pat"), primary_key=True, max_length=32)
    name: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    #: Last profile version number written; bumped first in the transaction that writes a version,
    #: which also serialises profile writers of one patient.
    profile_seq: int = 0


class NavigatorAssignment(SQLModel, table=True):
    __tablename__ = "navigator_assignments"
    navigator_id: int = Field(foreign_key="users.id", primary_key=True)
    patient_id: str = Field(foreign_key="patients.id", primary_key=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Document(SQLModel, table=True):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("patient_id", "sha256", name="uq_documents_patient_sha256"),)
    id: str = Field(default_factory=lambda: new_id("doc"), primary_key=True, max_length=32)
    patient_id: str = Field(foreign_key="patients.id", index=True)
    sha256: str = Field(max_length=64, index=True)
    filename: str = Field(max_length=255)
    content_type: str | None = Field(default=None, max_length=127)
    doc_type: str | None = Field(default=None, max_length=16)  # ingest's Document.type
    size: int
    status: str = Field(default="queued", max_length=16)  # queued|processing|done|partial|failed
    error_code: str | None = Field(default=None, max_length=64)
    error_message: str | None = Field(default=None, sa_column=Column(Text))
    page_count: int | None = None
    progress_done: int | None = None
    progress_total: int | None = None
    kind: str | None = Field(default=None, max_length=32)
    text_source: str | None = Field(default=None, max_length=16)
    #: extract.findings.DocumentFacts as JSON, once extracted.
    facts: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    uploaded_by: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PageRow(SQLModel, table=True):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_pages_document_number"),)
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="documents.id", index=True)
    number: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    source: str = Field(max_length=16)
    confidence: float | None = None
    width: float = 0.0
    height: float = 0.0
    dpi: float = 72.0
    rotation: int = 0
    #: Degrees (counter-clockwise) OCR straightened the page by; word boxes are in that frame.
    skew: float = 0.0
    #: A photo's sheet of paper that OCR flattened (ingest's `Page.sheet`: eight fractions), or None.
    sheet: list[float] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    words: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    error_code: str | None = Field(default=None, max_length=64)
    error_message: str | None = Field(default=None, sa_column=Column(Text))


class Job(SQLModel, table=True):
    """One processing job per document (idempotent): the state that survives a killed worker."""

    __tablename__ = "jobs"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="documents.id", unique=True, index=True)
    state: str = Field(default="queued", max_length=16)  # queued|running|done|failed
    attempts: int = 0
    worker: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = None
    not_before: datetime | None = None
    last_error: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ProfileVersion(SQLModel, table=True):
    __tablename__ = "profile_versions"
    __table_args__ = (UniqueConstraint("patient_id", "version", name="uq_profile_versions_patient_version"),)
    id: int | None = Field(default=None, primary_key=True)
    patient_id: str = Field(foreign_key="patients.id", index=True)
    version: int
    reason: str = Field(max_length=16)  # extraction | correction | confirmation
    document_id: str | None = Field(default=None, foreign_key="documents.id")
    created_by: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = Field(default_factory=utcnow)
    #: The merged extraction before navigator review, kept so corrections re-apply to it.
    extracted: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    #: The PROFILE.md JSON served: `extracted` with corrections and confirmation applied.
    report: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class CorrectionRow(SQLModel, table=True):
    """A navigator's change to one field; re-applied on top of every re-extraction."""

    __tablename__ = "corrections"
    id: int | None = Field(default=None, primary_key=True)
    patient_id: str = Field(foreign_key="patients.id", index=True)
    field: str = Field(max_length=200)
    action: str = Field(max_length=16)  # correct | accept | not_stated | settle_conflict
    old_value: Any = Field(default=None, sa_column=Column(JSON))
    new_value: Any = Field(default=None, sa_column=Column(JSON))
    note: str | None = Field(default=None, sa_column=Column(Text))
    by_user_id: int = Field(foreign_key="users.id")
    by_email: str = Field(max_length=320)
    at: datetime = Field(default_factory=utcnow)
    #: What the navigator saw: the extracted value of the field at the time (a later extraction
    #: that still says this raises no conflict) ...
    extracted_value: Any = Field(default=None, sa_column=Column(JSON))
    #: ... and, per list index in `field`, the identity of that item (`api.list_items`), so the
    #: correction follows its drug or lab when a re-extraction lists them in another order.
    item_keys: list[Any] | None = Field(default=None, sa_column=Column(JSON))


class Confirmation(SQLModel, table=True):
    """A navigator confirmed the profile as it was at `version`.

    `values` maps each confirmed leaf path to ``{"value": ..., "evidence": [...]}``."""

    __tablename__ = "confirmations"
    id: int | None = Field(default=None, primary_key=True)
    patient_id: str = Field(foreign_key="patients.id", index=True)
    version: int
    values: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    by_user_id: int = Field(foreign_key="users.id")
    by_email: str = Field(max_length=320)
    at: datetime = Field(default_factory=utcnow)


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_patient_at", "patient_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    actor_user_id: int | None = Field(default=None, foreign_key="users.id")
    actor_email: str | None = Field(default=None, max_length=320)
    actor_role: str | None = Field(default=None, max_length=16)
    action: str = Field(max_length=64)
    patient_id: str | None = Field(default=None, max_length=32)
    document_id: str | None = Field(default=None, max_length=32)
    ip: str | None = Field(default=None, max_length=64)
    #: Field names, counts, statuses: never record text, values or file names.
    detail: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


# --- engine -------------------------------------------------------------------------------------


def make_engine(url: str, *, in_memory_shared: bool = False) -> Engine:
    """An engine for `url`. SQLite gets WAL, a busy timeout and foreign keys on every connection."""
    if url.startswith("sqlite"):
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if in_memory_shared or url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        else:
            Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - exercised by every test
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


_MIGRATION_LOCK_ID = 0x6F6E636F  # PostgreSQL advisory lock taken while migrating


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """One migrating process at a time: a file lock beside a SQLite file; PostgreSQL takes an
    advisory lock inside the migration's transaction (see `migrate`)."""
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    import fcntl

    with open(f"{database}.migrate-lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Apply pending Alembic migrations (idempotent; safe to call from several processes at once)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with _migration_lock(engine), engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise StorageUnavailable(
            "The database could not be opened or upgraded. Check ONCOGUIDE_DATABASE_URL and that "
            "the database server is running and reachable."
        ) from exc


def open_database(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
