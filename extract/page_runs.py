"""A document's pages read as runs of continuous text, and evidence taken back to its own page.

A report's sentences, sections and specimen parts run on across page breaks: "(3 of 6) sentinel
nodes ... positive." at the foot of page 1 and "Lymph nodes, axillary, dissection: (2 of 13) ..."
at the head of page 2 are one diagnosis of 5 of 19 nodes, and a page that opens mid-sentence or
mid-section belongs to the section the page before it left open. So consecutive pages of one
source (text layer or OCR), with no unreadable page between them, are joined with a line break into
one run that the pipeline analyses as a single page (`join_pages`). Pages of run-on OCR text (one
line each, `extract.run_on`) are joined with a space and only to each other, so the run stays
run-on text. The whitespace around each break (blank lines, a blanked running header and footer)
reads as that one separator. A page that opens as the run's first page opens starts a new run (a
report faxed twice, a final report after its preliminary version: its counts are not added to
the first's). Runs stop at `RUN_CHARS` characters so the analysis of a very long document stays
page-sized. Every evidence entry read from a run is then cut back into the page it
came from (`PageRun.to_page_evidence`): `text == page.text[start:end]` with the real page number, a
span across a page break becoming one entry per page.

What a run does not mend: a value whose label and number a page's header and footer put more
characters apart than its grammar's window allows stays unread, as within a page.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from extract.findings import Finding
from extract.models import Evidence
from extract.run_on import without_join_periods
from ingest.models import Page

#: What stands between two joined pages: a page break ends a line, never a word (in run-on text,
#: which has no line breaks, a space).
SEPARATOR, RUN_ON_SEPARATOR = "\n", " "
#: A run takes no further page once it holds this many characters (a 300-page text PDF is read in
#: runs of a few pages, not as one text).
RUN_CHARS = 40_000


@dataclass(frozen=True)
class PageRun:
    """One run: the joined page the pipeline reads, its reading view, and where each page begins."""

    page: Page
    reading: str
    pages: tuple[Page, ...]
    starts: tuple[int, ...]

    def to_page_evidence(self, evidence: Evidence) -> list[Evidence]:
        """The run's evidence as entries on its pages (one per page the span touches; a span
        that touches no page's text, such as an empty one, stays on the page where it starts)."""
        pieces: list[tuple[Page, int, int]] = []
        for page, offset in zip(self.pages, self.starts):
            lo, hi = max(evidence.start, offset), min(evidence.end, offset + len(page.text))
            if lo < hi:
                pieces.append((page, lo - offset, hi - offset))
        if not pieces:
            i = max(0, bisect_right(self.starts, evidence.start) - 1)
            page, offset = self.pages[i], self.starts[i]
            start = min(evidence.start - offset, len(page.text))
            pieces.append((page, start, min(max(evidence.end - offset, start), len(page.text))))
        return [evidence.model_copy(update={"page": page.number, "start": start, "end": end,
                                            "text": page.text[start:end]}) for page, start, end in pieces]


def join_pages(pages: list[Page], readings: list[str], limit: int = RUN_CHARS) -> list[PageRun]:
    """Consecutive pages of one source joined into runs of at most `limit` characters (a page
    longer than that is a run of its own). A run of one page is that page unchanged."""
    runs: list[PageRun] = []
    group: list[int] = []

    def close() -> None:
        if not group:
            return
        members = tuple(pages[i] for i in group)
        separator = RUN_ON_SEPARATOR if _one_line(members[0]) else SEPARATOR
        starts, at = [], 0
        for page in members:
            starts.append(at)
            at += len(page.text) + len(separator)
        text = separator.join(p.text for p in members)
        page = members[0] if len(members) == 1 else members[0].model_copy(update={"text": text, "words": []})
        # The pages' reading views, joined; a run of short one-line pages can be run-on text that
        # none of its pages is alone (`extract.run_on`: long enough), so its join periods go here.
        reading = separator.join(readings[i] for i in group)
        if len(members) > 1:
            reading = without_join_periods(_closed_breaks(reading, starts[1:], separator))
        runs.append(PageRun(page, reading, members, tuple(starts)))
        group.clear()

    size = 0
    head = ""  # how the run's first page opens, in single spaces
    for i, page in enumerate(pages):
        last = pages[group[-1]] if group else None
        opening = _opening(readings[i])
        if last is not None and (page.source != last.source or _one_line(page) != _one_line(last)
                                 or page.number != last.number + 1  # a page that could not be read between
                                 or size + len(page.text) > limit
                                 or (opening and opening in head)):  # a report again: faxed twice, final after preliminary
            close()
            size = 0
        if not group:
            head = _spaced(readings[i], _OPENING_CHARS * 5)
        group.append(i)
        size += len(page.text) + len(SEPARATOR)
    close()
    return runs


#: A page opening with this many characters (in single spaces) that the run's first page holds
#: near its start (in its first five times as many) starts the report again (the same report sent
#: twice, a final report after its preliminary version); text a report restates further on (a
#: synoptic summary repeating the diagnosis) does not.
_OPENING_CHARS = 120


def _opening(reading: str) -> str:
    """The page's first `_OPENING_CHARS` characters of text, furniture blanked, in single spaces;
    empty for a page with less (too little to tell a repeat)."""
    words = _spaced(reading, _OPENING_CHARS)
    return words if len(words) == _OPENING_CHARS else ""


def _spaced(reading: str, chars: int) -> str:
    """The first `chars` characters of the reading's text in single spaces (blanked furniture and
    line breaks read as one space)."""
    return " ".join(reading[:chars * 4].split())[:chars]


def _closed_breaks(reading: str, starts: list[int], separator: str) -> str:
    """The reading with each page break's whitespace (the blank lines and blanked footer and header
    around it) made one separator, so a sentence cut by the break reads on as across a line break.
    Same length: the rest of the stretch becomes spaces, at the end of the line before."""
    chars = list(reading)
    for at in starts:
        lo, hi = at - len(separator), at
        while lo > 0 and reading[lo - 1].isspace():
            lo -= 1
        while hi < len(reading) and reading[hi].isspace():
            hi += 1
        chars[lo:hi] = [" "] * (hi - lo)
        if hi > lo:
            chars[hi - 1] = separator  # the next page's first line starts at its margin, not after a gap
    return "".join(chars)


def _one_line(page: Page) -> bool:
    """A page of run-on text (or a short page of one line): joined with a space, to its kind only."""
    return "\n" not in page.text.strip()


def findings_on_pages(findings: list[Finding], runs: list[PageRun]) -> list[Finding]:
    """Findings whose evidence (whole-value and per-leaf) points at the real pages of the runs."""
    by_number = {run.page.number: run for run in runs if len(run.pages) > 1}
    if not by_number:
        return findings

    def remap(entries: list[Evidence]) -> list[Evidence]:
        out: list[Evidence] = []
        for ev in entries:
            run = by_number.get(ev.page)
            out.extend(run.to_page_evidence(ev) if run is not None else [ev])
        return out

    for finding in findings:
        finding.evidence = remap(finding.evidence)
        if finding.leaf_evidence:
            finding.leaf_evidence = {leaf: remap(entries) for leaf, entries in finding.leaf_evidence.items()}
    return findings
