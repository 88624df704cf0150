"""A general answer split into blocks (paragraphs and bullets), each with its heading context.

Markdown (the library, or any text with '#' headings) is parsed with markdown-it. Plain text,
such as an answer copied from a web page, has headings as ordinary lines: a short line that
does not end like a sentence and is followed by text is taken as a heading. The first heading
(a Markdown '# ' title, or the first such line of plain text) is the answer's title, not a
context for its blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

_ATX = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE)
_SETEXT = re.compile(r"^\S.*\n(?:=+|-+)\s*$", re.MULTILINE)
_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u00b7\u25aa\u25cf]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.,;:!\u2026]$")
_MAX_HEADING_CHARS = 80
_MAX_HEADING_WORDS = 12


@dataclass(frozen=True, slots=True)
class AnswerBlock:
    role: str  # "paragraph" or "bullet"
    text: str
    #: Headings above the block, outermost first (the title excluded).
    headings: tuple[str, ...] = ()

    @property
    def heading(self) -> str | None:
        return self.headings[-1] if self.headings else None


@dataclass(frozen=True, slots=True)
class ParsedAnswer:
    title: str | None
    blocks: tuple[AnswerBlock, ...]


def is_markdown(text: str) -> bool:
    return bool(_ATX.search(text) or _SETEXT.search(text))


def parse_answer(text: str) -> ParsedAnswer:
    """Split Markdown or plain text into blocks with their headings."""
    return _parse_markdown(text) if is_markdown(text) else _parse_plain(text)


# -- Markdown ------------------------------------------------------------------------------------

_MD = MarkdownIt("commonmark")


def _inline_text(token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _parse_markdown(text: str) -> ParsedAnswer:
    tokens = _MD.parse(text)
    title: str | None = None
    stack: list[tuple[int, str]] = []
    blocks: list[AnswerBlock] = []
    list_depth = 0
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            list_depth += 1
        elif tok.type == "list_item_close":
            list_depth -= 1
        elif tok.type == "heading_open":
            level = int(tok.tag[1:])
            content = _inline_text(tokens[i + 1])
            if title is None and not blocks and not stack and level == 1:
                title = content
                continue
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, content))
        elif tok.type == "inline" and i > 0 and tokens[i - 1].type == "paragraph_open":
            content = _inline_text(tok)
            if content:
                role = "bullet" if list_depth else "paragraph"
                blocks.append(AnswerBlock(role, content, tuple(h for _, h in stack)))
    return ParsedAnswer(title, tuple(blocks))


# -- plain text ----------------------------------------------------------------------------------

def _looks_like_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > _MAX_HEADING_CHARS or _BULLET.match(line):
        return False
    if _SENTENCE_END.search(s) or len(s.split()) > _MAX_HEADING_WORDS:
        return False
    return s[0].isupper() or s[0].isdigit()


def _parse_plain(text: str) -> ParsedAnswer:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # With blank lines, a paragraph may wrap over several lines; without, each line stands alone.
    groups: list[list[str]] = []
    if any(not ln.strip() for ln in lines[1:-1]):
        current: list[str] = []
        for ln in lines:
            if not ln.strip():
                if current:
                    groups.append(current)
                current = []
            elif _BULLET.match(ln) and current:
                groups.append(current)
                current = [ln]
            elif current and _BULLET.match(current[0]) and not ln.startswith((" ", "\t")):
                groups.append(current)
                current = [ln]
            else:
                current.append(ln)
        if current:
            groups.append(current)
    else:
        groups = [[ln] for ln in lines if ln.strip()]

    title: str | None = None
    heading: str | None = None
    blocks: list[AnswerBlock] = []
    for n, group in enumerate(groups):
        first = group[0]
        joined = " ".join(s.strip() for s in group)
        followed = n + 1 < len(groups)
        if len(group) == 1 and followed and _looks_like_heading(first):
            if title is None and not blocks and heading is None:
                title = joined
            else:
                heading = joined
            continue
        if _BULLET.match(first):
            blocks.append(AnswerBlock("bullet", _BULLET.sub("", joined, count=1).strip(), (heading,) if heading else ()))
        else:
            blocks.append(AnswerBlock("paragraph", joined, (heading,) if heading else ()))
    return ParsedAnswer(title, tuple(blocks))
