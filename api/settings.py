"""Service settings, read from the environment with the prefix ``ONCOGUIDE_``.

Defaults give an embedded setup that works on a fresh clone: everything under ``./data``
(SQLite database in WAL mode, Huey's SQLite queue, stored originals, page-image cache).
``ONCOGUIDE_DATABASE_URL`` switches to PostgreSQL and ``ONCOGUIDE_REDIS_URL`` to a Redis queue
shared by several worker machines.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.errors import ConfigurationError

#: Values that must never be used as a secret outside development.
_PLACEHOLDERS = {"", "changeme", "change-me", "secret", "development"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ONCOGUIDE_", extra="ignore")

    environment: Literal["development", "production", "test"] = "development"
    data_dir: Path = Path("./data")
    database_url: str | None = Field(None, description="SQLAlchemy URL; default SQLite in data_dir")
    redis_url: str | None = Field(None, description="Redis URL for the job queue; default Huey SQLite")

    # Uploads
    max_upload_bytes: int = Field(50 * 1024 * 1024, gt=0, description="per file (the ingest default)")
    max_request_bytes: int = Field(100 * 1024 * 1024, gt=0, description="per upload request, all files")
    max_files_per_request: int = Field(20, gt=0)
    max_pages: int = Field(300, gt=0, description="pages per document handed to ingest (the ingest default)")

    # Access
    rate_limit_per_minute: int = Field(600, gt=0, description="requests per token per minute")
    rate_limit_burst: int = Field(120, gt=0)
    auth_failures_per_minute: int = Field(10, gt=0, description="failed sign-ins / unknown or revoked tokens "
                                          "per client address per minute, after the burst")
    auth_failures_burst: int = Field(10, gt=0)
    session_secret: str = Field("development", description="signs web session cookies (issue 6)")
    session_hours: float = Field(12.0, gt=0, le=24 * 30, description="a web sign-in lasts this long")
    demo_password: str | None = Field(None, min_length=8, description="web password of `oncoguide demo`'s users; "
                                      "unset: a random one per run")

    # Jobs
    job_max_attempts: int = Field(4, ge=1, description="tries of a transient failure before giving up")
    job_retry_base_seconds: float = Field(2.0, ge=0, description="backoff: base * 2**(attempt-1)")
    job_lease_seconds: float = Field(120.0, gt=0, description="a running job not heard from for this long is re-queued")
    job_sweep_seconds: float = Field(30.0, gt=0, description="how often a worker looks for abandoned jobs")
    worker_threads: int = Field(1, ge=1, le=16)
    pipeline: str = Field("api.pipeline:StagePipeline", description="import path of the processing pipeline")

    # Page images
    render_dpi: int = Field(150, ge=36, le=600)
    render_max_pixels: int = Field(40_000_000, gt=0)

    # Originals at rest (issue 7): Fernet key; unset stores originals as uploaded.
    encryption_key: str | None = None

    @field_validator("database_url", "redis_url", "encryption_key", "demo_password", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _secrets_set_outside_development(self) -> "Settings":
        if self.environment == "production" and self.session_secret.lower() in _PLACEHOLDERS:
            raise ValueError("ONCOGUIDE_SESSION_SECRET must be set to a long random value in production")
        return self

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'oncoguide.db').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def originals_dir(self) -> Path:
        return self.data_dir / "originals"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def queue_path(self) -> Path:
        return self.data_dir / "queue.db"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (and overrides), or a `ConfigurationError` saying what to fix."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'ONCOGUIDE_' + '_'.join(map(str, e['loc'])).upper() if e['loc'] else 'settings'}: {e['msg']}"
            for e in exc.errors())
        raise ConfigurationError(f"Invalid setting: {problems}. Fix the environment variable and start again.") from exc
