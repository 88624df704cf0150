"""Domain words for Tesseract's dictionary, from `ingest/rules/ocr_words.yaml`.

Tesseract reads a file of extra dictionary words (`user_words_file`) when an API object is made;
the file is written once per process set, under the temp directory, named by its content's hash
so concurrent workers share it and a changed word list never reads a stale file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ingest.datafiles import load_data

WORDS_FILE = Path(__file__).resolve().parents[1] / "rules" / "ocr_words.yaml"


class TnmWords(BaseModel):
    model_config = ConfigDict(extra="forbid")
    prefixes: list[str] = Field(min_length=1)
    categories: list[str] = Field(min_length=1)


class OcrWords(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    tnm: TnmWords
    words: list[str] = Field(default_factory=list)

    @field_validator("words")
    @classmethod
    def _single_words(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not w or any(c.isspace() for c in w) or len(w) > 40]
        if bad:
            raise ValueError(f"user words must be single words of at most 40 characters: {bad[:5]}")
        return words

    def expanded(self) -> list[str]:
        """Every word Tesseract should know, sorted and without repeats."""
        tnm = {p + c for p in self.tnm.prefixes for c in self.tnm.categories}
        return sorted(tnm | set(self.words))


@lru_cache(maxsize=1)
def load_ocr_words(path: Path = WORDS_FILE) -> OcrWords:
    return load_data(path, OcrWords)  # type: ignore[return-value]


@lru_cache(maxsize=1)
def user_words_file() -> str:
    """The path of a file holding the domain words, one a line (written on first use)."""
    text = "\n".join(load_ocr_words().expanded()) + "\n"
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"oncoguide-ocr-words-{digest}.txt"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        fd, tmp = tempfile.mkstemp(prefix="oncoguide-ocr-words-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)  # atomic: another worker never reads half a file
    return str(path)
