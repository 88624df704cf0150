"""Evidence as the pages show it: where it is in words, a link to the page, boxes on the image."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

#: Document kinds (extract's classification) as a patient names them.
KIND_WORDS = {
    "pathology": "pathology report", "addendum": "pathology addendum", "clinic_note": "clinic note",
    "lab": "lab report", "imaging": "imaging report", "genetics": "genetics report",
    "medication_list": "medication list",
}


@dataclass(frozen=True)
class EvidenceLink:
    url: str
    where: str  # "your pathology report of 2023-11-17, page 1"
    quote: str
    ocr: bool


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


def documents_by_id(report: dict) -> dict[str, dict]:
    return {d.get("id"): d for d in report.get("documents", []) if isinstance(d, dict)}


def viewer_url(document: str, page: int, start: int, end: int, field: str | None = None) -> str:
    query = {"start": start, "end": end} | ({"field": field} if field else {})
    return f"/documents/{document}/pages/{page}/view?{urlencode(query)}"


def document_words(doc: dict | None) -> str:
    kind = KIND_WORDS.get((doc or {}).get("kind") or "", "document")
    date = (doc or {}).get("date")
    return f"your {kind}" + (f" of {date}" if date else "")


def link(ev: dict, documents: dict[str, dict], field: str | None = None) -> EvidenceLink | None:
    """A link to the page the evidence is on; None for a navigator's entry (it has no page)."""
    if ev.get("source") == "navigator" or not ev.get("document") or int(ev.get("page") or 0) < 1:
        return None
    where = f"{document_words(documents.get(ev['document']))}, page {ev['page']}"
    return EvidenceLink(viewer_url(ev["document"], int(ev["page"]), int(ev.get("start", 0)), int(ev.get("end", 0)), field),
                        where, str(ev.get("text", "")), ev.get("source") == "ocr")


def links(entries: list[dict], documents: dict[str, dict], field: str | None = None, limit: int = 3,
          per_page: bool = True) -> list[EvidenceLink]:
    """Links for evidence entries, at most `limit`: the first on each page (`per_page`), or one
    per distinct span."""
    out: list[EvidenceLink] = []
    seen: set[tuple] = set()
    for ev in entries:
        key = (ev.get("document"), ev.get("page")) + (() if per_page else (ev.get("start"), ev.get("end")))
        made = None if key in seen else link(ev, documents, field)
        seen.add(key)
        if made is not None:
            out.append(made)
            if len(out) >= limit:
                break
    return out


def boxes(words: list[dict], start: int, end: int, pad: float = 2.0) -> list[Box]:
    """Boxes (page units) of the words that overlap the character span [start, end)."""
    out = []
    for w in words:
        if w.get("start", 0) < end and w.get("end", 0) > start:
            x0, y0, x1, y1 = (float(w[k]) for k in ("x0", "y0", "x1", "y1"))
            out.append(Box(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad))
    return out


def snippet(text: str, start: int, end: int, around: int = 160) -> tuple[str, str, str]:
    """(before, the evidence, after) around a span, cut at word boundaries: the page text as an
    alternative to the image for screen readers and text documents."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = max(0, start - around), min(len(text), end + around)
    before, after = text[lo:start], text[end:hi]
    if lo > 0:
        if not text[lo - 1].isspace() and " " in before:  # drop the cut word
            before = before.split(" ", 1)[1]
        before = "…" + before
    if hi < len(text):
        if not text[hi].isspace() and " " in after:
            after = after.rsplit(" ", 1)[0]
        after += "…"
    return before.lstrip(), text[start:end], after.rstrip()
