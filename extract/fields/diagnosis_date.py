"""The diagnosis date: the date of the first diagnostic specimen (`diagnosis.date`).

A pathology report (or its addendum) is dated by its specimen's collection or procedure date
("Collected: 11/14/2023", "Procedure date: Feb 6, 2024", "Sample taken: 14-Feb-2025"); any
record may state it ("Diagnosed 11/14/2023", "diagnosed on core biopsy 03/12/2019"). Every such
date is a candidate; the merge keeps the earliest (`merge.diagnosis-date.earliest`), so a later
resection or a recurrence biopsy never moves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.analysis import AnalyzedPage
from extract.classify import classify_text
from extract.dates import find_dates, labelled_dates
from extract.fields.statements import assertion_at, names_relative, statement_at
from extract.findings import Finding

_DIAGNOSED = re.compile(r"(?:\bdiagnosed\s+(?:on\s+|in\s+|by\s+|with\s+)?(?:(?:a\s+|the\s+)?(?:core\s+(?:needle\s+)?biopsy|biopsy|"
                        r"fine\s+needle\s+aspiration)\s+)?(?:on\s+|dated\s+)?"
                        # "Date of diagnosis: 03/12/2019", "Diagnosis date - 2019-03-12", "Dx 3/12/19", "Dx date:"
                        r"|\b(?:date\s+of\s+(?:initial\s+|first\s+)?diagnosis|(?:initial\s+)?diagnosis\s+date|dx(?:\s+date)?|"
                        r"dx'd)\s*(?:[:=-]\s*|on\s+)?)$", re.I)
_SPECIMEN_KINDS = ("pathology", "addendum")


def extract_diagnosis_date(page: AnalyzedPage) -> Iterator[Finding]:
    text = page.text
    for found in find_dates(text):
        before = text[max(0, found.start - 60):found.start]
        if _DIAGNOSED.search(before) and assertion_at(page, found.start, found.end) in ("present", "historical") \
                and not names_relative(page, statement_at(page, found.start)[0], found.start):  # "her mother's"
            yield Finding(path="diagnosis.date", value=found.value,
                          evidence=[page.evidence(found.start, found.end, "diagnosis.date.stated")])
    collected = [ld.mention for ld in labelled_dates(text) if ld.kind == "collected"]
    if collected and classify_text(text) in _SPECIMEN_KINDS:
        for d in collected:
            yield Finding(path="diagnosis.date", value=d.value,
                          evidence=[page.evidence(d.start, d.end, "diagnosis.date.specimen-collected")])
