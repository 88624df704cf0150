"""Reading the golden files (`samples/expected/<patient>.json`) and checking a profile against them.

For the extraction tests: `load_all()` gives every patient's expected file, validated;
`lookup(profile, path)` reads a PROFILE.md path out of a profile's JSON; `absent_violations(...)`
lists the `absent` entries a profile breaks.

Path grammar (used by `absent` and `sources`):
    dotted keys          stage.pathologic.t
    list index           medications[0].dose
    list selector        medications[name=ribociclib].dose   (every item whose key equals the value)
An `absent` entry is `PATH` (nothing non-empty may be there) or `PATH=VALUE` (no value there, or in a
list there, may equal VALUE: numbers compare as numbers, text case-insensitively, true/false as
booleans).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from extract.models import Profile

EXPECTED_DIR = Path(__file__).parent / "expected"
RECORDS_DIR = Path(__file__).parent / "records"

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]|\[([^=\]]+)=([^\]]*)\]")


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: str
    quote: str


class ExpectedFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patient: str
    documents: list[str]
    profile: dict[str, Any]
    absent: list[str]
    expected_conflicts: list[str]
    optional_medications: list[str]
    derived: dict[str, str]
    sources: dict[str, Source]
    notes: str

    @field_validator("profile")
    @classmethod
    def _profile_contract(cls, value: dict[str, Any]) -> dict[str, Any]:
        Profile.model_validate(value)
        return value

    def record_paths(self, records_dir: Path = RECORDS_DIR) -> list[Path]:
        """The text PDFs of this patient, in document order."""
        return [records_dir / self.patient / name for name in self.documents]


def load(patient: str, directory: Path = EXPECTED_DIR) -> ExpectedFile:
    path = directory / f"{patient}.json"
    return ExpectedFile.model_validate(json.loads(path.read_text(encoding="utf-8")))


def load_all(directory: Path = EXPECTED_DIR) -> list[ExpectedFile]:
    return [load(p.stem, directory) for p in sorted(directory.glob("*.json"))]


def _steps(path: str) -> list[tuple]:
    steps, pos = [], 0
    for part in path.split("."):
        pos = 0
        while pos < len(part):
            m = _STEP.match(part, pos)
            if not m:
                raise ValueError(f"bad profile path {path!r}")
            key, index, sel_key, sel_value = m.groups()
            if key is not None:
                steps.append(("key", key))
            elif index is not None:
                steps.append(("index", int(index)))
            else:
                steps.append(("select", sel_key, sel_value))
            pos = m.end()
    return steps


def lookup(profile: dict, path: str) -> list[Any]:
    """Every value at `path` in a profile dict (several when a selector matches several items)."""
    nodes: list[Any] = [profile]
    for step in _steps(path):
        found: list[Any] = []
        for node in nodes:
            if step[0] == "key" and isinstance(node, dict) and node.get(step[1]) is not None:
                found.append(node[step[1]])
            elif step[0] == "index" and isinstance(node, list) and step[1] < len(node):
                found.append(node[step[1]])
            elif step[0] == "select" and isinstance(node, list):
                found.extend(item for item in node
                             if isinstance(item, dict) and same_value(item.get(step[1]), step[2]))
        nodes = found
    return nodes


def same_value(value: Any, text: str) -> bool:
    """Whether a profile value equals the text form used in `absent` entries and selectors."""
    if value is None:
        return False
    if isinstance(value, bool):
        return text.strip().lower() == str(value).lower()
    if isinstance(value, (int, float)):
        try:
            return float(text) == float(value)
        except ValueError:
            return False
    return str(value).strip().lower() == text.strip().lower()


def _split_absent(entry: str) -> tuple[str, str | None]:
    depth = 0
    for i, ch in enumerate(entry):
        depth += ch == "["
        depth -= ch == "]"
        if ch == "=" and depth == 0:
            return entry[:i], entry[i + 1:]
    return entry, None


def absent_violations(profile: dict, absent: Iterable[str]) -> list[str]:
    """The `absent` entries that `profile` (the PROFILE.md `profile` object) breaks."""
    broken = []
    for entry in absent:
        path, value = _split_absent(entry)
        found = lookup(profile, path)
        if value is None:
            if any(v not in ({}, [], "") for v in found):
                broken.append(entry)
            continue
        flat = [item for v in found for item in (v if isinstance(v, list) else [v])]
        if any(same_value(v, value) for v in flat):
            broken.append(entry)
    return broken
