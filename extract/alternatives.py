"""Scanning an alternation as its separate alternatives.

The `regex` engine finds a pattern that opens with a literal word by a fast string search, but
tries every branch of `\\b(?:nottingham|bloom[-\\s]richardson|SBR)\\b` at every character of the
text: on a 3,500-character report the literal scan takes 0.007 ms, the alternation 0.1-0.2 ms.
`split_alternatives` rewrites a pattern into the ordered list of patterns whose ordered alternation
it is (the top-level `|`, and a leading non-capturing group distributed over what follows it:
`\\b(?:a|b)\\s+c` is `\\ba\\s+c` then `\\bb\\s+c`), and `AlternativesScanner.finditer` gives what
`finditer` of the whole pattern gives: at each position the first alternative that matches there,
the earliest position first, matches not overlapping.
"""

from __future__ import annotations

from collections.abc import Iterator
from re import _constants as _sre  # the standard library's regex parser: see `inner_literals`
from re._parser import parse as _sre_parse

import regex

#: More alternatives than this and the pattern is scanned whole (each alternative is one search). The
#: receptor marker anchor splits into 84 (93 on OCR pages), each a literal search: 0.3 ms a report less
#: than scanned whole.
MAX_ALTERNATIVES = 96
#: A range shorter than this many characters for each alternative is scanned whole: one search
#: costs about as much as the whole pattern tried at 20-25 characters.
MIN_CHARS_PER_PART = 25


def _walk(source: str, start: int = 0) -> Iterator[tuple[int, str, bool]]:
    """(index, character, whether it shapes the pattern) for each character from `start`: escaped
    characters, their backslashes and character classes do not."""
    in_class, escaped = False, False
    for i in range(start, len(source)):
        ch = source[i]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            yield i, ch, True
            continue
        yield i, ch, False


def _syntax(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth before it) for each character of `source` from `start` that
    is neither escaped nor inside a character class: the characters that shape the pattern."""
    depth = 0
    for i, ch, shapes in _walk(source, start):
        if shapes:
            yield i, ch, depth
            if ch in "()":
                depth += 1 if ch == "(" else -1


def _without_layout(source: str) -> str | None:
    """A VERBOSE pattern as the same pattern without VERBOSE: its unescaped whitespace outside
    character classes removed; None when it holds a comment."""
    out = []
    for _, ch, shapes in _walk(source):
        if shapes and ch == "#":
            return None
        if not (shapes and ch.isspace()):
            out.append(ch)
    return "".join(out)


def _closing(source: str, open_at: int) -> int:
    """The index of the `)` that closes the group opened at `open_at`, or -1."""
    return next((i for i, ch, depth in _syntax(source, open_at) if ch == ")" and depth == 1), -1)


def top_level_branches(source: str) -> list[str]:
    """`source` split at the `|` that are outside any group or character class."""
    cuts = [i for i, ch, depth in _syntax(source) if ch == "|" and depth == 0]
    return [source[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(source)])]


#: A plain group, or one that each alternative keeps around it: a named group, scoped case flags.
_GROUP_OPEN = regex.compile(r"\(\?:|(?P<kept>\(\?P<\w+>|\(\?-?i:)")


def _assertions_end(branch: str, at: int = 0) -> int:
    """Where the zero-width assertions that open `branch` at `at` (`\\b`, lookbehinds) end."""
    while True:
        if branch.startswith("\\b", at):
            at += 2
        elif branch.startswith(("(?<!", "(?<="), at) and (close := _closing(branch, at)) > 0:
            at = close + 1
        else:
            return at


def _distributed(branch: str) -> list[str]:
    """`branch` as the alternatives of its opening group distributed over what follows it
    (recursively): `\\b(?:a|b)c` is [`\\bac`, `\\bbc`]; a named group keeps its name on each
    alternative: `(?P<x>a|b)c` is [`(?P<x>a)c`, `(?P<x>b)c`], and so do scoped flags (`(?-i:A|a)`).
    [branch] when its group (after the opening assertions) is missing, quantified or holds one
    alternative."""
    prefix_end = _assertions_end(branch)
    opened = _GROUP_OPEN.match(branch, prefix_end)
    if opened is None:
        return [branch]
    close = _closing(branch, prefix_end)
    if close < 0 or branch[close + 1:close + 2] in ("?", "*", "+", "{"):
        return [branch]
    prefix, body, rest = branch[:prefix_end], branch[opened.end():close], branch[close + 1:]
    kept = opened.group("kept")
    alternatives = [alt for part in top_level_branches(body) for alt in _distributed(part)]
    if len(alternatives) == 1:
        if kept is None:
            return _distributed(prefix + alternatives[0] + rest)  # (?:x)rest is xrest
        return [branch] if alternatives[0] == body else [f"{prefix}{kept}{alternatives[0]}){rest}"]
    opener, closer = (kept, ")") if kept else ("", "")
    return [out for alt in alternatives for out in _distributed(prefix + opener + alt + closer + rest)]


def split_alternatives(source: str) -> list[str]:
    """The patterns whose ordered alternation `source` is (see the module's docstring); [source]
    when it has more than `MAX_ALTERNATIVES` or holds a construct this rewrite does not read
    (inline flags for the whole pattern, backreferences)."""
    if source.startswith("(?") and not source.startswith(("(?:", "(?=", "(?!", "(?<", "(?-", "(?P<")) or "\\g<" in source \
            or regex.search(r"\\[1-9]", source):
        return [source]
    out: list[str] = []
    for branch in top_level_branches(source):
        out += [alt for alt in _distributed(branch) if not _never_matches(alt)]
        if len(out) > MAX_ALTERNATIVES:
            return [source]
    return out or [source]


#: Group openers a literal may sit inside: a named group, scoped case flags.
_TRANSPARENT_OPEN = regex.compile(r"\(\?P<\w+>|\(\?-?i:|\\b")


def _first_item(source: str) -> int | None:
    """Where the first item that consumes text starts, past the opening assertions and the named
    groups and scoped flags around it; None when such a group holds an alternation."""
    at = _assertions_end(source)
    while (opened := _TRANSPARENT_OPEN.match(source, at)) is not None:
        if opened.group().startswith("(") and len(top_level_branches(source[opened.end():_closing(source, at)])) > 1:
            return None
        at = _assertions_end(source, opened.end())  # "(?P<er>(?<=\n)estrogen": the literal leads
    return at


def _never_matches(alternative: str) -> bool:
    """An alternative whose first item is `(?!)` (an OCR-only fragment on text-layer pages)."""
    at = _first_item(alternative)
    return at is not None and alternative.startswith("(?!)", at)


def literal_led(source: str) -> bool:
    """Whether `source` opens (after its assertions, named groups and scoped flags) with a literal
    character, or an optional one and then a literal ("o?estrogen"): the engine then finds its
    matches by string search (a class or an alternation first is tried at every character)."""
    at = _first_item(source)
    if at is None:
        return False  # "(?-i:ER|er)": an alternation
    for optional_allowed in (True, False):
        head = source[at:at + 1]
        if head == "\\":
            if not regex.fullmatch(r"\\[^\w\s]", source[at:at + 2]):
                return False  # \d, \s, \b...: a class or an assertion
            at += 1
        elif not (head.isalnum() or head in " -/#&"):
            return False
        after = source[at + 1:at + 2]
        if after == "?" and optional_allowed:
            at += 2
            continue
        return after not in ("?", "*", "{", "|")
    return False


#: Characters a required literal is made of (ASCII, so that case folding keeps one character).
_LITERAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -/#&:,")


def required_literal(source: str) -> str | None:
    """The case-folded text every match of `source` opens with (past its opening assertions, named
    groups and scoped flags; an optional first character skipped: "o?estrogen" gives "estrogen"),
    or None when it opens otherwise. A match found in [pos, end) holds it inside that range, so a
    range that does not hold it has no match (checked before the engine is called, see
    `AlternativesScanner`; the engine's call costs far more than `str.find`, mostly in the process
    clock its timeout reads)."""
    if len(top_level_branches(source)) > 1:
        return None
    at = _assertions_end(source)
    while (opened := _TRANSPARENT_OPEN.match(source, at)) is not None:
        if opened.group().startswith("("):
            close = _closing(source, at)
            inner = source[opened.end():close]
            if close < 0 or source[close + 1:close + 2] in ("?", "*", "{") or len(top_level_branches(inner)) > 1:
                return None  # an optional group, or one holding an alternation
        at = _assertions_end(source, opened.end())
    out: list[str] = []
    first = True
    while at < len(source):
        ch, width = source[at], 1
        if ch == "\\":
            ch, width = source[at + 1:at + 2], 2
            if ch.isalnum() or ch.isspace():
                break  # \d, \s, \b ...: a class or an assertion
        if ch not in _LITERAL_CHARS:
            break
        after = source[at + width:at + width + 1]
        if after in ("?", "*", "{"):
            if first and after == "?":
                at += width + 1  # "o?estrogen": the rest is required
                first = False
                continue
            break
        out.append(ch)
        if after == "+":
            break
        at += width
        first = False
    return "".join(out).casefold() or None


#: The flags the standard library's parser shares with `regex` (same bits).
_PARSER_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.VERBOSE
#: Operators that consume no text: a literal run goes on across them.
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def inner_literals(source: str, flags: int = 0) -> list[tuple[str, bool]]:
    """The runs of literal characters that every match of `source` holds, wherever they stand in
    it, as (text, exact): past classes, optional parts and alternations, through groups and the
    first pass of a repeat that must run ("r[ée]cepteurs?\\s+" holds "r" and "cepteur"); zero-width
    assertions do not break a run. A run read case-insensitively is case-folded, of ASCII characters
    only (see `folded_text`; "[Gg]" is "g"), and `exact` is False; a run under `(?-i:...)` or without
    IGNORECASE is the text itself ("ER"), `exact` True. [] when the standard library's parser does
    not read the pattern (`regex`-only syntax such as `\\G`, `\\K`, `(?|`, fuzzy matching, a
    group name used twice): the caller then knows no literal."""
    try:
        tree = _sre_parse(source, flags & _PARSER_FLAGS)
    except Exception:  # noqa: BLE001 - any syntax the parser does not read means "no literals known"
        return []
    runs: list[tuple[str, bool]] = []
    run: list[str] = []
    mode = [not flags & regex.IGNORECASE]  # whether the run being read is exact

    def end_run() -> None:
        if run:
            runs.append(("".join(run), mode[0]))
            run.clear()

    def character(members: list[str], exact: bool) -> str | None:
        if exact:
            return members[0] if len(set(members)) == 1 and members[0] else None
        folds = {ch.casefold() if ch in _LITERAL_CHARS else "" for ch in members}
        return folds.pop() if len(folds) == 1 and "" not in folds else None

    def walk(items, exact: bool) -> None:
        for op, arg in items:
            if op is _sre.LITERAL or op is _sre.IN:
                members = [chr(arg)] if op is _sre.LITERAL else [chr(a) if o is _sre.LITERAL else "" for o, a in arg]
                ch = character(members, exact)
                if ch is None:
                    end_run()
                    continue
                if exact != mode[0]:
                    end_run()
                    mode[0] = exact
                run.append(ch)
            elif op is _sre.SUBPATTERN:
                _, add, remove, body = arg
                walk(body, (exact or bool(remove & regex.IGNORECASE)) and not add & regex.IGNORECASE)
            elif op is _sre.ATOMIC_GROUP:
                walk(arg, exact)
            elif op in _REPEATS:
                end_run()
                if arg[0] >= 1:
                    walk(arg[2], exact)
                    end_run()
            elif op is _sre.ASSERT and arg[0] == 1:
                # A lookahead's text lies before the search's end too (the engine reads the end as
                # the text's end); not a lookbehind's, which may look before the search's start.
                held, held_mode = run[:], mode[0]
                end_run()
                walk(arg[1], exact)
                end_run()
                run.extend(held)  # the consumed text goes on after the lookahead
                mode[0] = held_mode
            elif op not in _ZERO_WIDTH:
                end_run()  # a class, a category, an alternation, a backreference

    walk(tree, mode[0])
    end_run()
    return runs


#: A literal to look for before calling the engine: (text, exact), see `inner_literals`.
Literal = tuple[str, bool]


def literal_checks(source: str, flags: int = 0) -> tuple[Literal, ...]:
    """The literals a range must hold for `source` to match in it: the one it opens with
    (`required_literal`, case-folded) and the inner literal (`inner_literals`) that tells most, when
    it tells more: the most letters and digits (a run of spaces and commas is in every text), an
    exact one before a folded one. Each is looked for with `str.find`; the engine is called only
    when all are there."""
    opening = required_literal(source)
    inner = [(lit, exact) for lit, exact in inner_literals(source, flags) if exact or not (opening and lit in opening)]

    def tells(literal: Literal) -> tuple[int, int]:
        return sum(ch.isalnum() for ch in literal[0]) + literal[1], len(literal[0])

    telling = max(inner, key=tells, default=None)
    checks: list[Literal] = [(opening, False)] if opening else []
    if telling is not None and (not checks or tells(telling) > tells(checks[0])):
        checks.append(telling)
    return tuple(checks)


_GROUP_NAME = regex.compile(r"\(\?P<(\w+)>")


def _with_names(part: str, names: dict[str, int]) -> str:
    """`part` with a group for each of `names` it lacks, which never matches anything."""
    present = set(_GROUP_NAME.findall(part))
    missing = [n for n in names if n not in present]
    return part + "(?:(?!)" + "".join(f"(?P<{n}>)" for n in missing) + ")?" if missing else part


class AlternativesScanner:
    """`pattern.finditer` for a pattern scanned as its alternatives. Used only where every group is
    named; each alternative is given the whole pattern's other group names (groups that never take
    part), so a match answers `group(name)`, `groupdict()` and `span(name)` as the whole pattern's
    match would."""

    __slots__ = ("whole", "_sources", "_flags", "_parts", "_literals", "_needs")

    def __init__(self, whole: regex.Pattern[str]) -> None:
        self.whole = whole
        self._sources: tuple[str, ...] | None = None  # worked out on first use
        self._flags = whole.flags & ~regex.VERBOSE
        self._parts: tuple[regex.Pattern[str], ...] | None = None  # compiled when first worth it
        self._literals: tuple[tuple[Literal, ...], ...] = ()  # each part's `literal_checks`
        self._needs: tuple[tuple[Literal, ...], ...] | None = None  # see `_may_match`; set with the split

    def _alternatives(self) -> tuple[str, ...]:
        """The alternatives' sources, or () when the pattern is scanned whole: unnamed groups
        (their numbers would differ), or no alternative that opens with a literal. An alternative
        that does not is tried at every character, as the whole alternation is, but the whole tries
        every branch there: 31 of the 33 packaged patterns with two to six such alternatives among
        3 to 29 scan a page in a third of the time or less split (20.3 -> 7.1 ms for all of them, 40
        TCGA reports); the two others lose 0.02 ms. Only alternatives none of which opens with a
        literal stay whole (they cost 1.1-4.5 times the whole split)."""
        if self._sources is None:
            whole = self.whole
            source = _without_layout(whole.pattern) if whole.flags & regex.VERBOSE else whole.pattern
            split = split_alternatives(source) if source is not None and "(?x" not in source else []
            literals = tuple(literal_checks(p, self._flags) for p in split)
            # Each alternative's literals: a match holds all of one of them, whether or not the
            # parts are scanned.
            self._needs = literals if literals and all(literals) else None
            if len(split) < 2 or whole.groups != len(set(whole.groupindex.values())) or \
                    sum(not literal_led(p) for p in split) >= len(split):
                split, literals = [], ()
            self._sources = tuple(_with_names(p, whole.groupindex) for p in split)
            self._literals = literals
        return self._sources

    def _may_match(self, text: str, pos: int, end: int) -> bool:
        """False when [pos, end) of `text` lacks one of the literals of each alternative of the
        whole pattern (`literal_checks`): no alternative can match there."""
        self._alternatives()  # works out `_needs` with the split
        needs = self._needs
        if needs is None:
            return True
        folded = folded_text(text)
        if folded is None:
            return True
        for literals in needs:
            if all((text if exact else folded).find(literal, pos, end) >= 0 for literal, exact in literals):
                return True
        return False

    @property
    def parts(self) -> tuple[regex.Pattern[str], ...]:
        """The alternatives compiled (about 2 ms each, so only for a range long enough to use them)."""
        if self._parts is None:
            self._parts = tuple(regex.compile(p, self._flags) for p in self._alternatives())
        return self._parts

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 timeout: float | None = None) -> Iterator[regex.Match[str]]:
        end = len(text) if endpos is None else endpos
        alternatives = self._alternatives()
        if not alternatives or end - pos < MIN_CHARS_PER_PART * len(alternatives):
            if not self._may_match(text, pos, end):
                return iter(())
            return self.whole.finditer(text, pos, end, timeout=timeout)
        found = self._merged(text, pos, end, timeout)
        if found is None:
            # An empty match (an alternative that does not open with a literal may match nothing):
            # the whole pattern's finditer rules on where the next search starts.
            return self.whole.finditer(text, pos, end, timeout=timeout)
        return iter(found)

    def _merged(self, text: str, pos: int, end: int, timeout: float | None) -> list[regex.Match[str]] | None:
        parts = self.parts
        folded = folded_text(text)

        def search(i: int, start: int) -> regex.Match[str] | None:
            # A range without the part's literal has no match: the engine's call, whose timeout
            # reads the process clock (a system call, about 2 microseconds), is not made.
            if folded is not None:
                for literal, exact in self._literals[i]:
                    if (text if exact else folded).find(literal, start, end) < 0:
                        return None
            return parts[i].search(text, start, end, timeout=timeout)

        pending = [search(i, pos) for i in range(len(parts))]
        out = []
        while True:
            best = None
            for i, m in enumerate(pending):
                if m is not None and (best is None or m.start() < pending[best].start()):
                    best = i
            if best is None:
                return out
            m = pending[best]
            if m.end() == m.start():
                return None
            out.append(m)
            pos = m.end()
            for i, other in enumerate(pending):
                if other is not None and other.start() < pos:
                    pending[i] = search(i, pos)


_FOLDED: dict[int, tuple[str, str | None]] = {}
#: Every character whose case fold is not one character lies below this (Unicode 15; a test checks
#: the whole range), so the fold table is built from these 64K characters (20 ms) at import.
_FOLD_RANGE = 0xFB18


def _fold_table() -> dict[int, str]:
    """For the texts whose case folding changes their length or misses a case pair of the engine:
    the dotted and dotless i fold to "i" (the engine matches "I" to "ı" and "i" to "İ"), and every
    other character whose fold is not one character becomes NUL (no literal character matches it
    without full case folding, which no pattern here uses)."""
    table = {cp: "\x00" for cp in range(_FOLD_RANGE) if len(chr(cp).casefold()) != 1}
    table.update({0x130: "i", 0x131: "i"})
    return table


def folded_text(text: str) -> str | None:
    """`text` case-folded with one character for each of its characters, remembered for the last
    texts: wherever a pattern's literal (ASCII, see `required_literal`) matches in `text`, its fold
    is in the folded text at the same place, so a range of the folded text without the literal has
    no match. None if no such fold could be made."""
    hit = _FOLDED.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    if len(_FOLDED) > 64:
        _FOLDED.clear()
    folded: str | None = text.casefold()
    if len(folded) != len(text) or "\u0131" in text:
        folded = text.translate(_FOLD_TABLE).casefold()
        if len(folded) != len(text):
            folded = None
    _FOLDED[id(text)] = (text, folded)
    return folded


_FOLD_TABLE = _fold_table()


def forget_folded_texts() -> None:
    """Forget the folded texts (see `extract.text_caches`)."""
    _FOLDED.clear()
