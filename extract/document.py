"""One document in, its findings out: `read_document(document, document_id) -> DocumentFacts`.

Every readable page is analysed once (`extract.analysis.analyze_page`; consecutive pages of one
source as one run of text, `extract.page_runs`), the short forms any page
defines are shared with every page of the document (`AnalyzedPage.defined_abbreviations()`), and every
registered field extractor (`extract.fields.FIELD_EXTRACTORS`) runs over each page. The document's kind and date come from
`extract.classify.classify_document(document, analyzed_pages) -> (kind, date)` when that module is
installed; otherwise the kind is "other" and the date unknown.

Findings are returned best first for each path (a fact before a negated mention, the final
diagnosis or synoptic summary before a gross description or clinical history, the index cancer
before a second specimen), so the merge can take the first fact of a path as the document's value
and list the others that disagree as conflicts.
"""

from __future__ import annotations

import importlib
import logging
import os
import traceback
from datetime import date as Date

from extract.analysis import analyze_page
from extract.findings import DocumentFacts, Finding
from extract.furniture import reading_views
from extract.specimens import order_findings, without_other_foci_details
from extract.models import DocumentSummary
from extract.page_runs import findings_on_pages, join_pages
from ingest.models import Document, Page

log = logging.getLogger(__name__)


def read_document(document: Document, document_id: str) -> DocumentFacts:
    """Analyse every readable page, run every field extractor, classify the document."""
    from extract.fields import FIELD_EXTRACTORS

    readable = [page for page in document.pages if page.error is None]
    # Running headers and footers are blanked for the extractors (`extract.furniture`).
    views = reading_views([page.text for page in readable])
    # Consecutive pages are read as one text, so a sentence, section or specimen part runs on
    # across a page break (`extract.page_runs`); evidence goes back to its own page below.
    runs = join_pages(readable, views)
    pages = [analyze_page(document_id, run.page, run.reading) for run in runs]
    # A short form defined on one page is used on the others ("RIB" on page 2 of a clinic note).
    defined: dict = {}
    for analyzed in pages:
        for short, abbreviation in analyzed.definitions().items():
            defined.setdefault(short, abbreviation)
    for analyzed in pages:
        analyzed.document_definitions = defined
        analyzed.document_pages = pages
    findings: list[Finding] = []
    for analyzed in pages:
        for extractor in FIELD_EXTRACTORS:
            findings.extend(_run(extractor, analyzed))
    kind, when = _classify(document, readable)  # the real text: a dated sign-out stamp dates the report
    summary = DocumentSummary(
        id=document_id,
        filename=document.filename,
        sha256=document.sha256,
        pages=len(document.pages),
        kind=kind,
        date=when,
        text_source=document.text_source,
    )
    findings = findings_on_pages(findings, runs)
    return DocumentFacts(summary=summary, findings=order_findings(without_other_foci_details(findings)))


#: Set (to anything but "" or "0") to let an extractor's error propagate instead of skipping its
#: fields on the page: the test suite sets it, so a bug fails a test rather than hiding in a log.
STRICT_ENV = "ONCOGUIDE_EXTRACT_STRICT"


def _run(extractor, page) -> list[Finding]:
    """One extractor's findings on one page; none when one of its pattern searches ran past the
    time budget (`extract.rules.TIMEOUT_S`, a pattern backtracking on text it was not written for)
    or when it failed on text it was not written for (a bug): the other fields of the page and
    document are still read, and the log names the extractor, the page and the error's type
    (never the text, nor the error's message, which may quote it)."""
    name = getattr(extractor, "__name__", "an extractor")
    try:
        return list(extractor(page))
    except TimeoutError:
        log.warning("%s ran out of time on page %d and was skipped", name, page.page.number)
        return []
    except Exception as exc:  # noqa: BLE001 - one field's bug must not lose the whole document
        if os.environ.get(STRICT_ENV, "") not in ("", "0"):
            raise
        log.error("%s failed on page %d (%s at %s) and was skipped", name, page.page.number,
                  type(exc).__name__, _where(exc))
        return []


def _where(exc: BaseException) -> str:
    """The file and line the error was raised at, for the log (no values)."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    return f"{os.path.basename(frame.filename)}:{frame.lineno}" if frame else "?"


def _classify(document: Document, pages: list[Page]) -> tuple[str, Date | None]:
    try:
        classify = importlib.import_module("extract.classify")
    except ModuleNotFoundError as exc:
        if exc.name != "extract.classify":
            raise
        return "other", None
    return classify.classify_document(document, pages)
