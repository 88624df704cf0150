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

import regex

#: More alternatives than this and the pattern is scanned whole (each alternative is one search).
MAX_ALTERNATIVES = 40
#: At most this many alternatives that do not open with a literal (see `AlternativesScanner.parts`).
MAX_SCANNED_PARTS = 1
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


def _assertions_end(branch: str) -> int:
    """Where the zero-width assertions that open `branch` (`\\b`, lookbehinds) end."""
    at = 0
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
        at = opened.end()
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

    __slots__ = ("whole", "_sources", "_flags", "_parts")

    def __init__(self, whole: regex.Pattern[str]) -> None:
        self.whole = whole
        self._sources: tuple[str, ...] | None = None  # worked out on first use
        self._flags = whole.flags & ~regex.VERBOSE
        self._parts: tuple[regex.Pattern[str], ...] | None = None  # compiled when first worth it

    def _alternatives(self) -> tuple[str, ...]:
        """The alternatives' sources, or () when the pattern is scanned whole: unnamed groups
        (their numbers would differ), or more than `MAX_SCANNED_PARTS` alternatives that do not
        open with a literal (each is tried at every character: one such is cheaper than the whole
        alternation, 23 rules of 25 measured; more are not)."""
        if self._sources is None:
            whole = self.whole
            source = _without_layout(whole.pattern) if whole.flags & regex.VERBOSE else whole.pattern
            split = split_alternatives(source) if source is not None and "(?x" not in source else []
            if len(split) < 2 or whole.groups != len(set(whole.groupindex.values())) or \
                    sum(not literal_led(p) for p in split) > MAX_SCANNED_PARTS:
                split = []
            self._sources = tuple(_with_names(p, whole.groupindex) for p in split)
        return self._sources

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
            return self.whole.finditer(text, pos, end, timeout=timeout)
        found = self._merged(text, pos, end, timeout)
        if found is None:
            # An empty match (an alternative that does not open with a literal may match nothing):
            # the whole pattern's finditer rules on where the next search starts.
            return self.whole.finditer(text, pos, end, timeout=timeout)
        return iter(found)

    def _merged(self, text: str, pos: int, end: int, timeout: float | None) -> list[regex.Match[str]] | None:
        parts = self.parts
        pending = [p.search(text, pos, end, timeout=timeout) for p in parts]
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
                    pending[i] = parts[i].search(text, pos, end, timeout=timeout)
