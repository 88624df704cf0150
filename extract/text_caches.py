"""The caches that remember what was read from a text, and forgetting them.

Reading one document asks about the same page many times: its kind (for the document and for its
diagnosis date), its dates, its running headers, the filter words and rule anchors it holds, the
side each of its sentences names, the misspelt drug names in it. Those answers are remembered for
the last few texts, which makes a document's second reading cheaper than its first. The benchmark
reads each report several times and keeps the fastest run (the one the shared machine slowed
least); it forgets these before every run, so that each run costs what reading a new report costs.
"""

from __future__ import annotations


def clear_text_caches() -> None:
    """Forget everything remembered about particular texts (not the loaded rules, vocabularies and
    pipelines, which every document shares)."""
    from extract import alternatives, classify, dates, furniture, rules, specimens
    from extract.vocab import drugs
    from extract.word_index import WORDS

    classify.classify_text.cache_clear()
    for cached in (dates._all_dates, dates._all_month_years, dates._labelled_dates, dates._all_years):
        cached.cache_clear()
    furniture._pattern_spans.cache_clear()
    furniture._occurrences.cache_clear()
    specimens.side_of.cache_clear()
    rules.forget_anchor_spans()
    alternatives.forget_folded_texts()
    WORDS.forget()
    drugs().forget_lookups()
