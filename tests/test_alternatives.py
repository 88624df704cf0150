"""A pattern scanned as its alternatives (`extract.alternatives`) finds what `finditer` of the
whole pattern finds: same spans, same named groups, in the same order."""

from __future__ import annotations

from unittest.mock import patch

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import alternatives
from extract.alternatives import (MAX_ALTERNATIVES, AlternativesScanner, folded_text, inner_literals, literal_checks,
                                  required_literal, split_alternatives, top_level_branches)
from extract.classify import kind_rules
from extract.rules import grammar


def test_top_level_branches() -> None:
    assert top_level_branches(r"measuring|diameter|ranging") == ["measuring", "diameter", "ranging"]
    assert top_level_branches(r"carcinoma|(?-i:IDC|ILC)|in\s+size") == ["carcinoma", "(?-i:IDC|ILC)", r"in\s+size"]
    assert top_level_branches(r"a[|]b|\|c|(d|e)") == ["a[|]b", r"\|c", "(d|e)"]
    assert top_level_branches("grade") == ["grade"]


def test_a_leading_group_is_distributed_over_what_follows_it() -> None:
    assert split_alternatives(r"\b(?:nottingham|bloom[-\s]richardson|SBR)\b") == [
        r"\bnottingham\b", r"\bbloom[-\s]richardson\b", r"\bSBR\b"]
    assert split_alternatives(r"\b(?:(?:infiltrating|invasive)\s+ductal|lobular)\s+carcinoma|ki-?67") == [
        r"\binfiltrating\s+ductal\s+carcinoma", r"\binvasive\s+ductal\s+carcinoma", r"\blobular\s+carcinoma",
        "ki-?67"]
    # an alternative that cannot match is left out
    assert split_alternatives(r"(?<!\w)(?P<n>one|(?!))x") == [r"(?<!\w)(?P<n>one)x"]
    # scoped flags stay around each alternative; braces in the pattern are kept
    assert split_alternatives(r"(?-i:ER|er)\d{1,2}") == [r"(?-i:ER)\d{1,2}", r"(?-i:er)\d{1,2}"]
    # through lookbehinds and into named groups (each alternative keeps the group's name)
    assert split_alternatives(r"(?<![\w])(?:(?P<a>(?:x|y))|(?P<b>z))(?![\w])") == [
        r"(?<![\w])(?P<a>x)(?![\w])", r"(?<![\w])(?P<a>y)(?![\w])", r"(?<![\w])(?P<b>z)(?![\w])"]


def test_what_is_not_rewritten() -> None:
    assert split_alternatives(r"\b(?:a|b)?c") == [r"\b(?:a|b)?c"]  # a quantified group
    assert split_alternatives(r"(?i)a|b") == [r"(?i)a|b"]  # flags for the whole pattern
    assert split_alternatives(r"(a)x|\1") == [r"(a)x|\1"]  # a backreference
    many = "|".join(f"w{i}" for i in range(MAX_ALTERNATIVES + 1))
    assert split_alternatives(many) == [many]  # more alternatives than are worth a search each
    assert AlternativesScanner(regex.compile(r"(x)y|(z)")).parts == ()  # unnamed groups


PATTERNS = [
    r"\b(?:ab|a|abc)\b",
    r"(?:a|ab)y",  # at one position the first alternative that matches wins, not the longest
    r"(?:ab|a)",
    r"\b(?:a\s+b|b\s+a)",  # overlapping alternatives
    r"(?P<n>1)\s*of\s*(?P<m>\d+)|(?P<n>9)/(?P<m>\d+)",
    r"(?:x|)y",  # an empty alternative
    r"(?:a|b*)x?",  # one alternative that does not open with a literal, and may match nothing
    r"\b(?:of|\d{1,2}\s*of)",  # one that opens with a class
    r"\b(?:of|\d{1,2}\s*of|[xy]+b)|(?<=\s)[ab]y",  # three that open with a class
    r"(?<![a-z])(?:ba|ab)(?=\s|$)|\bb",
    r"(?<![a-z])(?:(?P<x>(?:a|b)y)|(?P<o>o(?:f|x)))(?![a-z])|\b(?P<d>1)",  # named groups distributed
    r"(?<![a-z])(?:(?P<x>(?<=(?:^|\n)[ \t]*)ab)|(?P<o>(?<=\s)of))|\bb",  # lookbehinds inside the groups
]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["ab", "a", "b", "ba", " ", "x", "y", "1", "9", "/", "of", "\n"]),
                     max_size=30).map("".join),
       pattern=st.sampled_from(PATTERNS), pos=st.integers(0, 10))
def test_alternatives_scan_as_the_whole_pattern(text, pattern, pos) -> None:
    whole = regex.compile(pattern, regex.IGNORECASE)
    scanner = AlternativesScanner(whole)
    assert scanner.parts
    expected = [(m.span(), m.groupdict()) for m in whole.finditer(text, pos)]
    with patch.object(alternatives, "MIN_CHARS_PER_PART", 0):  # these short texts too
        assert [(m.span(), m.groupdict()) for m in scanner.finditer(text, pos)] == expected


def test_verbose_patterns_are_split_without_their_layout() -> None:
    verbose = regex.compile(r"(?: left | right ) [ ] breast", regex.IGNORECASE | regex.VERBOSE)
    assert [p.pattern for p in AlternativesScanner(verbose).parts] == ["left[ ]breast", "right[ ]breast"]
    assert not AlternativesScanner(regex.compile("(?: a | b ) # a comment", regex.VERBOSE)).parts
    text = "Left breast, right breast; RIGHT  BREAST " * 3
    with patch.object(alternatives, "MIN_CHARS_PER_PART", 0):
        assert [m.span() for m in AlternativesScanner(verbose).finditer(text)] == \
            [m.span() for m in verbose.finditer(text)]


def test_what_is_scanned_whole() -> None:
    assert len(AlternativesScanner(regex.compile(r"\bo?estrogen|\bki-?67")).parts) == 2  # one optional letter
    assert len(AlternativesScanner(regex.compile(r"\b[oe]strogen|\bki-?67")).parts) == 2  # one class first
    # A lookbehind at the start of a named group leaves the literal after it leading.
    assert len(AlternativesScanner(regex.compile(r"(?P<a>(?<=\n)estrogen)|(?P<b>(?<=\n)pr)|\d")).parts) == 3
    assert len(AlternativesScanner(regex.compile(r"\b[oe]strogen|\bki-?67|\d+")).parts) == 3  # two, one literal
    assert len(AlternativesScanner(regex.compile(r"(?:x|y)+z|\bki-?67|\d")).parts) == 3
    # None opens with a literal: each part would cost as much as the whole.
    assert AlternativesScanner(regex.compile(r"[oe]strogen|(?:x|y)+z|\d")).parts == ()
    assert AlternativesScanner(regex.compile(r"\b(?:(?-i:[RL])|\d)\b")).parts == ()  # two classes first
    scanner = AlternativesScanner(regex.compile(r"\b(?:left|right)\b"))
    assert len(scanner.parts) == 2
    text = "left " * 9  # 45 characters, under 25 a part: one scan of the whole pattern is cheaper
    assert isinstance(scanner.finditer(text), type(scanner.whole.finditer(text)))


REPORT = """SURGICAL PATHOLOGY REPORT
A. Breast, left, lumpectomy: Invasive ductal carcinoma, Nottingham grade 2 (tubules 3, nuclei 2, mitoses 1).
Estrogen receptor: positive (95%, strong). HER2 (IHC): 2+, equivocal; FISH ratio 1.4, not amplified.
Lymph nodes: 0/3 (sentinel). pT2 pN0(sn). Ki-67 20%. Tumor size 2.1 cm. Margins negative.
Medications: letrozole 2.5 mg daily; ribociclib 600 mg days 1-21 of 28. Follow-up visit in 3 months.
"""


def test_required_literal() -> None:
    table = {
        r"\bnottingham\s+grade": "nottingham",
        r"o?estrogen\b": "estrogen",  # an optional first letter: the rest is required
        r"(?<![\w])(?<!nuclear\s)level\s+(?:I{1,3}|[1-3])": "level",
        r"(?P<label>part\s+(?-i:[A-Z]))\s*:": "part",
        r"(?-i:ER)\s*:": "er",
        r"\#\s?\d": "#",
        r"a+b": "a",
        r"ab{2}c": "a",
        r"Ki-?67": "ki",
        r"(?P<x>abc)?def": None,  # an optional group
        r"(?P<x>ab|cd)e": None,  # an alternation
        r"abc|def": None,
        r"(?:abc)d": None,
        r"\d+ of": None,
        r"[oe]strogen": None,
        r"(?i)abc": None,
        r"(?=a)abc": None,
        r"(?P<er>(?<=(?:^|\n)[ \t]*)o?estrogen)": "estrogen",  # a lookbehind inside the group
        r"(?P<x>(?!b)abc)": None,  # a lookahead is not skipped
    }
    assert {p: required_literal(p) for p in table} == table


def test_inner_literals() -> None:
    """Runs every match holds, anywhere in the pattern; (text, exact)."""
    i = regex.IGNORECASE
    table = {
        (r"r[ée]cepteurs?\s+(?:aux\s+)?estrog", i): [("r", False), ("cepteur", False), ("estrog", False)],
        (r"[Gg]rade\s+[1-3]", i): [("grade", False)],  # a class of one letter in both cases
        (r"[Gg]rade", 0): [("rade", True)],  # ... only when case is folded
        (r"ab{2,3}c", i): [("a", False), ("b", False), ("c", False)],  # a repeat's first pass
        (r"a(?:bc)?d|e", i): [],  # an alternation at the top
        (r"(?-i:ER)\s*/\s*PR", i): [("ER", True), ("/", False), ("pr", False)],  # scoped case: exact
        (r"(?i:ki)-67 (?-i:Ki)", 0): [("ki", False), ("-67 Ki", True)],
        (r"x\b(?<=y)z", i): [("xz", False)],  # zero-width assertions do not break a run
        (r"lt(?=\s+breast)\s", i): [("lt", False), ("breast", False), ("lt", False)],  # a lookahead's text
        (r"(?<=breast\s)lt", i): [("lt", False)],  # not a lookbehind's: it may stand before the range
        (r"(?!breast)lt", i): [("lt", False)],
        (r"\Gabc", i): [],  # `regex`-only syntax: nothing known
        (r"caf\u00e9", i): [("caf", False)],  # folded runs are ASCII
        (r"caf\u00e9", 0): [("caf\u00e9", True)],
    }
    assert {key: inner_literals(*key) for key in table} == table


def test_literal_checks() -> None:
    i = regex.IGNORECASE
    assert literal_checks(r"\bnottingham\s+grade", i) == (("nottingham", False),)
    assert literal_checks(r"\d{1,2}\s*of\s*\d{1,2}\s+lymph\s+nodes", i) == (("lymph", False),)
    assert literal_checks(r"(?<![\w])(?P<both>(?-i:ER)\s*(?:/|and|&|,))", i) == (("er", False), ("ER", True))
    assert literal_checks(r"r[ée]cepteurs", i) == (("r", False), ("cepteurs", False))
    assert literal_checks(r"tumou?r\s+size", i) == (("tumo", False),)  # "size" tells no more than "tumo"
    assert literal_checks(r"\d+\s*%", i) == ()


def test_folding_keeps_every_place_where_a_literal_matches() -> None:
    """Wherever a literal character matches case-insensitively, the folded text holds its fold at
    the same place: every character of Unicode, against every character a literal may hold."""
    literal_chars = "".join(sorted(alternatives._LITERAL_CHARS))
    any_literal = regex.compile("(?i)[" + regex.escape(literal_chars) + "]")
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if cp >= alternatives._FOLD_RANGE:
            assert len(ch.casefold()) == 1, hex(cp)
        if any_literal.fullmatch(ch):
            # alone, and beside a character whose fold is two ("ß" is "ss")
            for folded in (folded_text("x" + ch), folded_text("x" + ch + "\u00df")):
                assert folded is not None and folded[0] == "x"
                for lit in literal_chars:
                    if regex.fullmatch("(?i)" + regex.escape(lit), ch):
                        assert folded[1] == lit.casefold(), (hex(cp), lit)


CASE_PATTERNS = [
    r"\bof\b",
    r"(?<![a-z])(?:ab|of)\b",
    r"o?fa",
    r"(?-i:AB)|of",
    r"(?P<n>ki)\s*(?P<m>\d)",
    r"\b(?:abi|ba)s",
    r"KI\s*(?P<m>\d)",  # the engine matches an upper-case I to a dotless one
    r"\b(?:ABI|BA)S",
    r"\d\s*(?:of|ab)\s+(?-i:KI)",  # literals inside, and exact ones
    r"(?P<n>[ab])(?=\s*ki)|fa",  # a lookahead's literal
    r"(?-i:Of)|\s(?-i:AB)(?=\d)",
]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["ab", "AB", "of", "Of", "fa", "ki", "KI", "\u212a", "i", "\u0130", "\u0131",
                                      "\u017f", "s", "\u00df", "\ufb01", " ", "1", "\n"]), max_size=30).map("".join),
       pattern=st.sampled_from(CASE_PATTERNS), pos=st.integers(0, 10), min_chars=st.sampled_from([0, 10_000]))
def test_a_range_without_the_literals_is_skipped_only_when_it_has_no_match(text, pattern, pos, min_chars) -> None:
    """The literal check before each search (`required_literal`, `folded_text`) on texts with the
    characters whose case folding is not one character, or whose case pairs are not the usual
    ones; split (`min_chars` 0) and scanned whole."""
    whole = regex.compile(pattern, regex.IGNORECASE)
    expected = [(m.span(), m.groupdict()) for m in whole.finditer(text, pos)]
    alternatives.forget_folded_texts()
    with patch.object(alternatives, "MIN_CHARS_PER_PART", min_chars):
        assert [(m.span(), m.groupdict()) for m in AlternativesScanner(whole).finditer(text, pos)] == expected


@patch.object(alternatives, "MIN_CHARS_PER_PART", 0)
def test_the_cues_and_rules_scan_as_their_whole_patterns() -> None:
    """Every document-kind cue and grammar rule pattern, on report-like text and its pieces."""
    patterns = [cue.regex for kind in kind_rules().kinds for cue in kind.cues]
    for name in ("receptors", "lymph_nodes", "tumor_size", "grade", "tnm", "medications", "specimens"):
        for rule in grammar(name).rules:
            patterns += [rule.strict, rule.ocr]
    texts = [REPORT, REPORT.upper(), REPORT.replace("\n", " "), REPORT.replace("i", "\u0131").replace("I", "\u0130"),
             REPORT.replace("fi", "\ufb01") + " Stra\u00dfe", *REPORT.split(". ")]
    split = 0
    for pattern in patterns:
        scanner = AlternativesScanner(pattern)
        split += bool(scanner.parts)
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in scanner.finditer(text)] == expected, pattern.pattern
    assert split > 40


def test_the_cues_and_rules_scanned_whole_skip_only_ranges_without_a_match() -> None:
    """As above with every pattern scanned whole, where only the literal check runs before it."""
    patterns = [cue.regex for kind in kind_rules().kinds for cue in kind.cues]
    for name in ("receptors", "lymph_nodes", "tumor_size", "grade", "tnm", "medications", "specimens"):
        for rule in grammar(name).rules:
            patterns += [rule.strict, rule.ocr]
    texts = [REPORT, REPORT.upper(), REPORT.replace("i", "\u0131"), *REPORT.split(". ")]
    checked = 0
    with patch.object(alternatives, "MIN_CHARS_PER_PART", 10_000):
        for pattern in patterns:
            scanner = AlternativesScanner(pattern)
            for text in texts:
                for pos, end in ((0, len(text)), (len(text) // 3, len(text) // 2)):
                    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos, end)]
                    assert [(m.span(), m.groupdict()) for m in scanner.finditer(text, pos, end)] == expected, \
                        pattern.pattern
            checked += scanner._needs is not None
    assert checked > 100  # patterns with literals to check
