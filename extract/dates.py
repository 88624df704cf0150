"""Dates as records write them, and the labelled dates that date a document.

Grammar data: `rules/dates.json` (month names, the labels "Collected:", "Date of service:", ...,
and which label dates which kind of document). Numeric dates read month-first (US records) unless
the first number cannot be a month ("14/03/2026"), the date is written with dots ("12.01.2026"), or
the text's other dates show it writes the day first (UK, Australian and Indian letters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel

from extract.initials import initials_lookahead
from extract.vocab import load_json
from extract.word_trie import word_tree

RULES_DIR = Path(__file__).parent / "rules"


class DateLabel(BaseModel):
    id: str
    kind: str
    patterns: list[str]


class DateRules(BaseModel):
    version: str
    comment: str = ""
    two_digit_year_pivot: int
    months: dict[int, list[str]]
    not_record_dates: list[str]
    labels: list[DateLabel]
    kind_priority: dict[str, list[str]]
    #: Separators of numeric dates written day-first ("12.01.2026" is 12 January in Europe and India).
    day_first_separators: list[str] = []
    #: Words only records from day-first countries write ("NHS", "haemoglobin", "tumour"): with
    #: them, and no date that must be month-first, "12/03/2026" is 12 March.
    day_first_cues: list[str] = []

    @cached_property
    def day_first_cue_re(self) -> re.Pattern[str] | None:
        if not self.day_first_cues:
            return None
        return re.compile(r"\b(?:" + "|".join(self.day_first_cues) + r")", re.IGNORECASE)

    @cached_property
    def month_of(self) -> dict[str, int]:
        return {name: number for number, names in self.months.items() for name in names}

    @cached_property
    def _date_first_char(self) -> str:
        """A lookahead for the characters a date can start with (a digit or a month's initial)."""
        return initials_lookahead(fold_case=self.month_of, extra="0-9")

    @cached_property
    def date_re(self) -> re.Pattern[str]:
        # Month-name dates may wrap onto the next line ("on May\n21, 2024"). A day is one space from
        # its month: a table's "off 7  Feb 2024" is a number in one column and a month in the next.
        # (an Indian lab report's "25/Nov/2026" too)
        month = word_tree(self.month_of, fold_case=True)
        return re.compile(
            rf"""{self._date_first_char}(?<![\w/.-])(?:
                (?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})
              | (?P<na>\d{{1,2}})(?P<nsep>[-/.])(?P<nb>\d{{1,2}})(?P=nsep)(?P<ny>\d{{4}}|\d{{2}})
              | (?P<mm>{month})\.?[ \t]*\n?[ \t]*(?<=\s)(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]*\n?[ \t]*(?<=\s)(?P<my>\d{{4}})
              | (?P<dd>\d{{1,2}})(?:st|nd|rd|th)?(?P<dsep>[ \t]|[ \t]?\n[ \t]*|-|/)(?P<dm>{month})\.?(?:,?[ \t]*\n?[ \t]*(?<=\s)|-|/)(?P<dy>\d{{4}}|\d{{2}})
            )(?![\w/]|[-.]\d)""",
            re.IGNORECASE | re.VERBOSE,
        )

    @cached_property
    def month_year_re(self) -> re.Pattern[str]:
        # A month without a day: "April 2024", "Jan '24", "03/2023", "2024-04". A two-digit year
        # only after an apostrophe ("Jan 24" is more often 24 January). Two numeric months joined by a
        # hyphen are a range of months ("01/2020-06/2022"): both are read.
        month = word_tree(self.month_of, fold_case=True)
        return re.compile(
            rf"""{self._date_first_char}(?<![\w/.'])(?:(?<!-)|(?<=/(?:19|20)\d\d-))(?:
                (?P<mm>{month})\.?(?:,?[ \t]+(?:of[ \t]+)?|-)(?P<my>(?:19|20)\d{{2}})
              | (?P<am>{month})\.?[ \t]*['’](?P<ay>\d{{2}})
              | (?P<nm>0?[1-9]|1[0-2])[/-](?P<ny>(?:19|20)\d{{2}})
              | (?P<iy>(?:19|20)\d{{2}})-(?P<im>0[1-9]|1[0-2])
            )(?![\w/]|\.\d|-(?!(?:0?[1-9]|1[0-2])/(?:19|20)\d\d(?![\w/]))\d)""",
            re.IGNORECASE | re.VERBOSE,
        )

    @cached_property
    def label_re(self) -> re.Pattern[str]:
        alternatives = []
        for label in self.labels:
            for pattern in label.patterns:
                alternatives.append((pattern, label))
        alternatives.sort(key=lambda a: len(a[0]), reverse=True)
        body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in alternatives)
        # A label, then ":" or "on" or spaces (or a few words on the same line), then the date.
        initials = initials_lookahead(fold_case=[p for p, _ in alternatives])
        return re.compile(rf"{initials}(?<![\w])(?P<label>{body})\b[ \t]*(?:[:#=-][ \t]*|on[ \t]+)?(?P<gap>[^\n]{{0,20}}?)",
                          re.IGNORECASE)

    @cached_property
    def excluded_re(self) -> re.Pattern[str]:
        body = "|".join(re.escape(p) for p in sorted(self.not_record_dates, key=len, reverse=True))
        return re.compile(rf"(?<![\w])(?:{body})\b[^\n]{{0,12}}$", re.IGNORECASE)

    @cached_property
    def _label_by_text(self) -> dict[str, DateLabel]:
        return {p.lower(): label for label in self.labels for p in label.patterns}

    def label_of(self, text: str) -> DateLabel:
        return self._label_by_text[re.sub(r"\s+", " ", text.lower())]


@lru_cache(maxsize=1)
def date_rules() -> DateRules:
    return load_json("dates.json", DateRules, RULES_DIR)  # type: ignore[return-value]


@dataclass(frozen=True)
class DateMention:
    value: date
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class LabelledDate:
    kind: str
    rule: str
    mention: DateMention
    label_start: int


def _year(text: str, pivot: int) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y <= pivot else 1900
    return y


def _to_date(m: re.Match[str], rules: DateRules, day_first: bool = False) -> date | None:
    g = m.groupdict()
    try:
        if g["iy"]:
            return date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["na"]:
            a, b, y = int(g["na"]), int(g["nb"]), _year(g["ny"], rules.two_digit_year_pivot)
            if g["nsep"] == "." and len(g["ny"]) == 2:
                return None  # "1.5.25" is more often a number than a date
            day_first = (day_first or g["nsep"] in rules.day_first_separators) and b <= 12
            month, day = (b, a) if day_first or a > 12 else (a, b)
            return date(y, month, day)
        if g["mm"]:
            return date(int(g["my"]), rules.month_of[g["mm"].lower()], int(g["md"]))
        if g["dd"]:
            return date(_year(g["dy"], rules.two_digit_year_pivot), rules.month_of[g["dm"].lower()], int(g["dd"]))
    except ValueError:  # 2/30/2026 and the like: not a date
        return None
    return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every full date (day, month, year) in text[start:end], with offsets into `text`."""
    return _within(_all_dates(text), start, len(text) if end is None else end)


def _within(mentions, start: int, end: int) -> list:
    """The mentions lying wholly inside text[start:end]."""
    return [m for m in mentions if m.start >= start and m.end <= end]


@lru_cache(maxsize=32)
def _all_dates(text: str) -> tuple[DateMention, ...]:
    """The dates of a whole text, read once (the field extractors ask about parts of a page)."""
    rules = date_rules()
    out = []
    matches = list(rules.date_re.finditer(text))
    day_first = _writes_day_first(matches, text, rules)
    for m in matches:
        value = _to_date(m, rules, day_first)
        if value is not None and 1900 <= value.year <= 2100:
            out.append(DateMention(value, m.start(), m.end(), m.group(0)))
    return tuple(out)


def _writes_day_first(matches: list[re.Match[str]], text: str = "", rules: DateRules | None = None) -> bool:
    """True when a text's numeric dates show it writes the day first ("Review date: 21/02/2026")
    and none shows the month first ("03/28/2026"): its "02/12/2025" is 2 December. Without such a
    date, a word only day-first countries write ("NHS", "haemoglobin") says so too."""
    day_first = month_first = ambiguous = False
    for m in matches:
        if m.group("na"):
            a, b = int(m.group("na")), int(m.group("nb"))
            day_first |= 12 < a <= 31 and b <= 12
            month_first |= 12 < b <= 31 and a <= 12
            ambiguous |= a <= 12 and b <= 12
    if month_first:
        return False
    if not day_first and ambiguous and rules is not None and rules.day_first_cue_re is not None:
        day_first = rules.day_first_cue_re.search(text) is not None
    return day_first


@dataclass(frozen=True)
class MonthMention:
    """A month and year written without a day ("completed April 2024", "since 03/2023")."""

    year: int
    month: int
    start: int
    end: int
    text: str

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def find_month_years(text: str, start: int = 0, end: int | None = None) -> list[MonthMention]:
    """Every month-and-year without a day in text[start:end] (never part of a full date)."""
    return _within(_all_month_years(text), start, len(text) if end is None else end)


@lru_cache(maxsize=32)
def _all_month_years(text: str) -> tuple[MonthMention, ...]:
    rules = date_rules()
    full = _all_dates(text)
    out = []
    for m in rules.month_year_re.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in full):
            continue  # "14 March 2026" is a full date
        g = m.groupdict()
        if g["mm"] or g["am"]:
            month = rules.month_of[(g["mm"] or g["am"]).lower()]
            year = int(g["my"]) if g["mm"] else _year(g["ay"], rules.two_digit_year_pivot)
        elif g["nm"]:
            month, year = int(g["nm"]), int(g["ny"])
        else:
            month, year = int(g["im"]), int(g["iy"])
        if 1900 <= year <= 2100:
            out.append(MonthMention(year, month, m.start(), m.end(), m.group(0)))
    return tuple(out)


def parse_date(text: str) -> date | None:
    """The date a whole string states, or None."""
    found = find_dates(text.strip())
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.strip()):
        return found[0].value
    return None


def is_excluded(text: str, date_start: int) -> bool:
    """True for a birth date or a print date: dates that never date a record."""
    rules = date_rules()
    # A match is a label and at most 12 characters ending at the date: look back only that far
    # (plus one for the lookbehind), or a long line makes this quadratic.
    reach = max(map(len, rules.not_record_dates), default=0) + 14
    line_start = text.rfind("\n", max(0, date_start - reach), date_start) + 1
    return bool(rules.excluded_re.search(text[max(line_start, date_start - reach):date_start]))


def labelled_dates(text: str) -> list[LabelledDate]:
    """Dates introduced by a label, and dates alone on their line (see below)."""
    return list(_labelled_dates(text))


@lru_cache(maxsize=32)
def _labelled_dates(text: str) -> tuple[LabelledDate, ...]:
    """Dates introduced by a label ("Collected: 03/14/2026", "Date of service 2026-03-14"; not another
    visit: "next visit", "next in-person visit", "consent visit 2026-11-11"), and
    dates standing alone on their line (a letter's date, kind "letter")."""
    rules = date_rules()
    dates = [d for d in find_dates(text) if not is_excluded(text, d.start)]
    if not dates:
        return ()  # a label counts only with a date after it
    by_start = {d.start: d for d in dates}
    out = []
    for d in dates:
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:d.start].strip() and not text[d.end:line_end].strip():
            out.append(LabelledDate("letter", "date.label.letter-line", d, d.start))
        elif not text[d.end:line_end].strip() and _LETTERHEAD_GUTTER.search(text, line_start, d.start) \
                and ":" not in text[line_start:d.start] and text.count("\n", 0, line_start) < _LETTERHEAD_LINES:
            # a letterhead line with the date set right after a gutter ("The Mall, Sligo          25 November 2026")
            out.append(LabelledDate("letter", "date.label.letterhead-right", d, d.start))
    for m in rules.label_re.finditer(text):
        after = m.end("label")
        nxt = next((d for d in dates if after <= d.start <= after + 24
                    and "\n" not in text[after:d.start]), None)
        if nxt is None or nxt.start not in by_start:
            continue
        label = rules.label_of(m.group("label"))
        if label.kind == "visit" and (_OTHER_VISIT.search(text, max(0, m.start() - 30), m.start())
                                      or _BOOKED.search(text, after, nxt.start)):
            continue  # "since last visit: ribociclib held from 20/10/2026", "next visit 11/03": another visit
        out.append(LabelledDate(label.kind, label.id, nxt, m.start()))
    return tuple(out)


#: A letterhead's gutter before a date set right at its line's end, and how many lines down a letterhead reaches.
_LETTERHEAD_GUTTER = re.compile(r"\S[ \t]{3,}$")
_LETTERHEAD_LINES = 6


#: The words before a visit label that make it another visit than the one the record is of.
_OTHER_VISIT = re.compile(r"\b(?:last|next|previous|prior|since|follow-up|return|upcoming|future|scheduled|consent)"
                          r"(?:[ \t]+[\w-]+)?[ \t]+$", re.IGNORECASE)  # (also "next in-person visit")


#: Words between a visit label and its date that make it a visit to come ("Clinic visit booked 2026-11-30").
_BOOKED = re.compile(r"\b(?:booked|scheduled|arranged|planned|requested|due)\b", re.IGNORECASE)


def document_date(texts: list[str], kind: str) -> tuple[int, DateMention, str] | None:
    """The date of a document of this kind: (page index, mention, rule id), or None.

    The labels that date this kind come first in `kind_priority`; among equals, the first on the
    earliest page. Without any label, the first date of the first page that is not a birth date.
    """
    rules = date_rules()
    priority = rules.kind_priority.get(kind, rules.kind_priority["other"])
    best: tuple[tuple, tuple[int, DateMention, str]] | None = None
    for page_index, text in enumerate(texts):
        for found in labelled_dates(text):
            rank = priority.index(found.kind) if found.kind in priority else len(priority)
            key = (rank, page_index, found.label_start)
            if best is None or key < best[0]:
                best = (key, (page_index, found.mention, found.rule))
    if best is not None:
        return best[1]
    for page_index, text in enumerate(texts):
        for found in find_dates(text):
            if not is_excluded(text, found.start):
                return page_index, found, "date.first-on-page"
    return None


@dataclass(frozen=True)
class YearMention:
    """A year written without month or day ("AC-T (2019)", "since 2021"), or a range of years
    ("tamoxifen 2015-2020": `first` 2015, `last` 2020)."""

    first: int
    last: int | None
    start: int
    end: int
    text: str


_YEAR_RE = re.compile(
    r"(?<![\w/.'’:-])(?P<first>(?:19|20)\d{2})"
    r"(?:[ \t]*(?:-|–|—|to|until|through|thru)[ \t]*(?P<last>(?:19|20)\d{2}))?"
    r"(?![\w/'’]|[-.:]\d|[ \t]*(?:-|–|—)[ \t]*\d)",
    re.IGNORECASE,
)


def find_years(text: str, start: int = 0, end: int | None = None) -> list[YearMention]:
    """Every year (or range of years) without a month in text[start:end], never part of a full
    date or a month and year."""
    return _within(_all_years(text), start, len(text) if end is None else end)


@lru_cache(maxsize=32)
def _all_years(text: str) -> tuple[YearMention, ...]:
    if not re.search(r"(?:19|20)\d\d", text):
        return ()
    taken = [(d.start, d.end) for d in _all_dates(text)] + [(m.start, m.end) for m in _all_month_years(text)]
    out = []
    for m in _YEAR_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        first = int(m.group("first"))
        last = int(m.group("last")) if m.group("last") else None
        if not 1900 <= first <= 2100 or (last is not None and not first <= last <= 2100):
            continue
        out.append(YearMention(first, last, m.start(), m.end(), m.group(0)))
    return tuple(out)
