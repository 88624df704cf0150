"""`extract.text_caches.clear_text_caches` forgets what was read from particular texts (the
benchmark reads every report as new), and reading gives the same facts with or without them."""

from __future__ import annotations

from extract import classify, dates, furniture, rules, specimens
from extract.document import read_document
from extract.text_caches import clear_text_caches
from extract.vocab import drugs
from extract.word_index import WORDS
from ingest.models import Document, Page

TEXT = ("SURGICAL PATHOLOGY REPORT\nDate of procedure: 03/04/2026\nFINAL DIAGNOSIS:\nA. Left breast, lumpectomy: "
        "invasive ductal carcinoma, Nottingham grade 2, 1.8 cm. Margins negative.\nB. Sentinel lymph node: "
        "metastatic carcinoma in 1 of 2 lymph nodes (1/2).\nER positive (95%), PR positive (40%), HER2 1+.\n"
        "Patient takes Letrozle 2.5 mg daily.\n")


def _document() -> Document:
    return Document(sha256="1" * 64, filename="r.txt", type="text",
                    pages=[Page(number=1, text=TEXT, source="text-layer")])


def _facts(document: Document) -> list:
    return [(f.path, f.value, f.evidence[0].start) for f in read_document(document, "d1").findings]


def test_clearing_forgets_every_text_cache():
    read_document(_document(), "d1")
    assert classify.classify_text.cache_info().currsize > 0
    assert dates._all_dates.cache_info().currsize > 0
    clear_text_caches()
    assert classify.classify_text.cache_info().currsize == 0
    assert all(c.cache_info().currsize == 0 for c in (dates._all_dates, dates._all_month_years,
                                                      dates._labelled_dates, dates._all_years))
    assert furniture._pattern_spans.cache_info().currsize == 0
    assert specimens.side_of.cache_info().currsize == 0
    assert not rules._ANCHOR_CACHE and not WORDS._cache and not drugs()._fuzzy_cache


def test_reading_after_clearing_gives_the_same_facts():
    document = _document()
    first = _facts(document)
    again = _facts(document)  # from the caches
    clear_text_caches()
    assert first == again == _facts(document)
    assert first  # the report states facts
