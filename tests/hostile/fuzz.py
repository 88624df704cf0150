"""Fuzzing ingest and extract (no tests here): hypothesis strategies for record-like text and damaged
files, and the property every input must satisfy. `test_fuzz.py` runs it briefly; `bench/fuzz.py`
runs it long and reports the slowest inputs.

The property: `ingest.read` either raises an `OncoguideError` or returns pages; `extract` then
either raises an `OncoguideError` or returns findings whose every evidence span points at its own
text on its page, and merging those findings into a profile raises nothing else either.
"""

from __future__ import annotations

from hypothesis import strategies as st

from ingest import Document, FakeEngine, Limits, read
from ingest.errors import OncoguideError
from ingest.models import Page
from ingest.plaintext import text_page

#: OCR is faked (fixed words, so no Tesseract is needed) and PDF pages render at 72 DPI.
ENGINE = FakeEngine(lambda image: "HER2 (IHC): 2+ equivocal\nKi-67: 25%\nletrozole 2.5 mg daily")
LIMITS = Limits(ocr_dpi=72, max_image_pixels=4_000_000, max_pages=20)

#: Pieces of records, the grammar's favourite words, and the characters that break parsers.
TOKENS = [
    "ER", "PR", "HER2", "HER-2/neu", "Ki-67", "IHC", "FISH", "ratio", "positive", "negative", "equivocal",
    "low", "1+", "2+", "3+", "0", "95%", "<1%", "10-20%", "strong", "weak", "Allred", "score", "pT2", "pN1a",
    "cM0", "ypT0", "N0(i+)", "stage", "IIB", "IV", "grade", "Nottingham", "3/3", "invasive", "ductal",
    "lobular", "carcinoma", "DCIS", "metastatic", "bone", "liver", "brain", "no", "not", "without", "denies",
    "history", "mother", "sister", "family", "if", "would", "consider", "rule", "out", "BRCA1", "BRCA2",
    "PIK3CA", "c.1633G>A", "p.E545K", "pathogenic", "VUS", "Oncotype", "RS", "26", "ribociclib", "Ribocyclib",
    "letrozole", "trastuzumab", "deruxtecan", "fam-trastuzumab", "mg", "mg/m2", "daily", "BID", "q3w",
    "reduced", "from", "to", "held", "discontinued", "ANC", "0.8", "x10^9/L", "WBC", "neutrophils",
    "postmenopausal", "premenopausal", "ECOG", "1", "03/02/2025", "2025-03-02", "March", "left", "right",
    "breast", "axillary", "nodes", "2/14", "cm", "mm", "1.8", "x", "FINAL DIAGNOSIS:", "ADDENDUM:",
    "MICROSCOPIC:", "GROSS:", "MEDICATIONS:", "FAMILY HISTORY:", "ASSESSMENT AND PLAN:", "IMPRESSION:",
    "(", ")", "[", "]", ":", ";", ",", ".", "-", "/", "%", "+", "<", ">", "=", "\u00b5", "\u00b2", "\u2013",
    "\u00a0", "\u200b", "\u202e", "\ufeff", "\t", "\n", "\n\n", "\r\n", "é", "ß", "İ", "ﬁ", "\U0001f600",
]

separators = st.sampled_from([" ", " ", " ", "", "\n", ": ", ", ", "  ", "\t"])
record_text = st.lists(st.tuples(st.sampled_from(TOKENS), separators), min_size=1, max_size=200).map(
    lambda parts: "".join(t + s for t, s in parts))
any_text = st.one_of(record_text, st.text(min_size=1, max_size=600))


def pages_of(texts: list[str]) -> Document:
    return Document(sha256="0" * 64, filename="fuzz.txt", type="text",
                    pages=[text_page(i, t) for i, t in enumerate(texts, 1)])


def check_extract(document: Document, document_id: str = "d1"):
    """Extract one document and merge it: only our own errors, and every evidence span exact."""
    import extract

    try:
        facts = extract.read_document(document, document_id)
    except OncoguideError:
        return None
    texts = {p.number: p.text for p in document.pages}
    for finding in facts.findings:
        for ev in [*finding.evidence, *(e for evs in finding.leaf_evidence.values() for e in evs)]:
            assert ev.document == document_id
            assert texts[ev.page][ev.start:ev.end] == ev.text, (finding.path, ev)
    try:
        extract.merge_facts([facts])
    except OncoguideError:
        pass
    return facts


def check_file(data: bytes) -> None:
    """Ingest arbitrary bytes, then extract what was read."""
    try:
        document = read(data, "upload", limits=LIMITS, engine=ENGINE)
    except OncoguideError:
        return
    assert document.pages and all(isinstance(p, Page) for p in document.pages)
    check_extract(document)


def damaged(seed_files: list[bytes]):
    """A strategy of seed files cut short and with bytes overwritten."""

    @st.composite
    def build(draw):
        data = bytearray(draw(st.sampled_from(seed_files)))
        data = data[: max(1, int(len(data) * draw(st.floats(0.05, 1.0))))]
        for where, value in draw(st.lists(st.tuples(st.floats(0, 0.999), st.integers(0, 255)), max_size=8)):
            data[int(where * len(data))] = value
        return bytes(data)

    return build()


def seed_files() -> list[bytes]:
    """Small valid files of every accepted kind, from the hostile corpus's builders."""
    from tests.hostile import corpus

    return [corpus.text_pdf(), corpus.pdf_with_javascript_and_attachment(), corpus.plain_text(),
            corpus.utf16_text(), corpus.image_bytes(corpus.text_image().reduce(4), "PNG"),
            corpus.image_bytes(corpus.text_image().reduce(4), "JPEG"), corpus.tiff_frames(3),
            corpus.image_bytes(corpus.text_image().reduce(4).convert("RGB"), "WEBP")]
