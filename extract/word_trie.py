"""A word list as a regex prefix tree.

`re` tries an alternation of 200 lab names branch by branch at every character where one may
start; written as a prefix tree (`neutrophil(?:s\\s+absolute\\s+count|s)?`), each character is
compared once per level and only the branch it opens is followed. The tree matches what the
longest-first alternation matches: at each node the longer words are tried before the word that
ends there, so the first word the rest of the pattern accepts is the longest, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # marks a word ending at a node (no character is the empty string)


def word_tree(words: Iterable[str], *, space: str = r"\s+", fold_case: bool = False) -> str:
    """A regex (without groups) matching any of `words`, longest first. A space in a word matches
    `space`, which must not match nothing (an optional separator would let a word's space and
    another word's letter match the same text, and the shorter word could win). With `fold_case`,
    words are merged by their lower case; wrap the result in `(?i:...)`."""
    if re.fullmatch(space, ""):
        raise ValueError(f"the space pattern {space!r} matches the empty string")
    root: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word.lower() if fold_case else word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not root:
        return "(?!)"
    return _branches(root, space)


def _branches(node: dict[str, dict], space: str) -> str:
    parts = [(space if ch == " " else re.escape(ch)) + _branches(child, space)
             for ch, child in node.items() if ch != _END]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if _END in node:
        # The longer words first, then the word that ends here.
        return "(?:" + body + ")?" if len(parts) > 1 or len(body) > 1 else body + "?"
    return body
