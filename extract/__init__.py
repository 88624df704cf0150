"""extract: ingested documents → a typed profile where every value carries its evidence.

    read_document(document, document_id) -> DocumentFacts      one document's findings
    merge_facts([DocumentFacts, ...])     -> ProfileReport      one patient's profile
    build_profile([Document, ...])        -> ProfileReport      both steps, ids d1, d2, ...
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.findings import DocumentFacts
from extract.merge import merge_facts
from extract.models import ProfileReport
from ingest.models import Document

__all__ = ["build_profile", "merge_facts", "read_document"]


def read_document(document: Document, document_id: str) -> DocumentFacts:
    """Every page analysed, every registered field extractor run (see `extract.document`)."""
    # Imported on first use: it loads spaCy and every rule file, which `import extract.models`
    # (the API, personalize) should not pay for.
    from extract.document import read_document as _read_document

    return _read_document(document, document_id)


def build_profile(documents: Sequence[Document], document_ids: Sequence[str] | None = None) -> ProfileReport:
    """One patient's documents → their profile. Ids default to d1, d2, ... in the given order."""
    ids = list(document_ids) if document_ids is not None else [f"d{i}" for i in range(1, len(documents) + 1)]
    if len(ids) != len(documents):
        raise ValueError(f"{len(documents)} documents but {len(ids)} document ids")
    return merge_facts([read_document(doc, doc_id) for doc, doc_id in zip(documents, ids, strict=True)])
