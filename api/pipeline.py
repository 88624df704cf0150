"""The processing stages as the service calls them: ingest → extract → merge, and personalize.

`StagePipeline` calls the real stages (imported lazily, so the service starts even while a stage
is being installed). The `ONCOGUIDE_PIPELINE` setting names another implementation by import path
(``module:attribute``), which is how tests and benchmarks inject a controlled pipeline.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ingest.errors import ConfigurationError
from api.errors import StageUnavailable

Progress = Callable[[int, int], None]


class Pipeline(Protocol):
    def read(self, data: bytes, filename: str, *, max_pages: int, progress: Progress | None) -> Any:
        """bytes → ingest.models.Document"""

    def read_document(self, document: Any, document_id: str) -> Any:
        """Document → extract.findings.DocumentFacts"""

    def merge_facts(self, facts: Sequence[Any]) -> Any:
        """[DocumentFacts] → extract.models.ProfileReport"""

    def guide(self, profile: dict, *, question: str | None, answer_text: str | None) -> dict:
        """profile JSON → GUIDANCE.md JSON"""

    def library(self) -> Any:
        """The answer library (ids, titles, questions)."""


def _stage(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise StageUnavailable(
            f"The {module.split('.')[0]} stage of oncoguide is not installed in this build "
            f"({module}.{name} is missing). Update or reinstall oncoguide."
        ) from exc


class StagePipeline:
    """The product's pipeline: `ingest.read`, `extract.read_document`, `extract.merge_facts`,
    `personalize.guide`."""

    def read(self, data: bytes, filename: str, *, max_pages: int, progress: Progress | None = None) -> Any:
        read = _stage("ingest", "read")
        limits = _stage("ingest", "Limits")(max_pages=max_pages, max_bytes=max(len(data), 1))
        return read(data, filename, limits=limits, progress=progress)

    def read_document(self, document: Any, document_id: str) -> Any:
        return _stage("extract", "read_document")(document, document_id)

    def merge_facts(self, facts: Sequence[Any]) -> Any:
        return _stage("extract", "merge_facts")(facts)

    def guide(self, profile: dict, *, question: str | None, answer_text: str | None) -> dict:
        guidance = _stage("personalize", "guide")(profile, question=question, answer_text=answer_text)
        return guidance.to_json_dict()

    def library(self) -> Any:
        return _stage("personalize", "library")()


def load_pipeline(path: str) -> Pipeline:
    module, _, attr = path.partition(":")
    try:
        obj = getattr(importlib.import_module(module), attr or "PIPELINE")
    except (ImportError, AttributeError) as exc:
        raise ConfigurationError(f"ONCOGUIDE_PIPELINE={path!r} cannot be imported; use module:attribute.") from exc
    return obj() if isinstance(obj, type) else obj
