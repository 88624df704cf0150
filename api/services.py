"""What a process of the service holds: settings, database engine, blob store, pipeline, queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from api.db import open_database
from api.pipeline import Pipeline, load_pipeline
from api.settings import Settings
from api.storage import BlobStore, PageImages

if TYPE_CHECKING:
    from api.jobs import JobQueue


@dataclass
class Services:
    settings: Settings
    engine: Engine
    blobs: BlobStore
    page_images: PageImages
    pipeline: Pipeline
    queue: "JobQueue" = field(default=None)  # type: ignore[assignment]

    @classmethod
    def from_settings(cls, settings: Settings, *, pipeline: Pipeline | None = None,
                      immediate: bool = False) -> "Services":
        from api.jobs import JobQueue

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        blobs = BlobStore(settings.originals_dir, settings.encryption_key)
        svc = cls(
            settings=settings,
            engine=open_database(settings.resolved_database_url),
            blobs=blobs,
            page_images=PageImages(blobs, settings.cache_dir, settings.render_dpi, settings.render_max_pixels),
            pipeline=pipeline or load_pipeline(settings.pipeline),
        )
        svc.queue = JobQueue(svc, immediate=immediate)
        return svc

    def close(self) -> None:
        self.engine.dispose()
