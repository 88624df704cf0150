"""Parse Tesseract's TSV output (the same from tesserocr and the tesseract binary) into lines."""

from __future__ import annotations

from ingest.layout import Line, RawWord, mark_paragraphs

_WORD_LEVEL = "5"


def parse_tsv(tsv: str) -> list[Line]:
    """Words grouped by (block, paragraph, line). A new block, or a vertical gap taller than a line,
    starts a paragraph (Tesseract's own paragraphs split every short line, unlike the text layer)."""
    lines: list[Line] = []
    current_key: tuple[str, str, str] | None = None
    current_block: str | None = None
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != _WORD_LEVEL:
            continue  # header, page/block/paragraph/line rows
        _, _, block, par, line_no, _, left, top, width, height, conf, text = cols[:12]
        if not text.strip():
            continue
        try:
            x, y, w, h, c = int(left), int(top), int(width), int(height), float(conf)
        except ValueError:
            continue
        key = (block, par, line_no)
        if key != current_key:
            lines.append(Line(paragraph_start=current_block is not None and block != current_block))
            current_key, current_block = key, block
        confidence = min(max(c / 100.0, 0.0), 1.0) if c >= 0 else None
        lines[-1].words.append(RawWord(text, float(x), float(y), float(x + w), float(y + h), confidence))
    mark_paragraphs(lines)
    return lines
