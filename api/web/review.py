"""The navigator's review screen: every profile field with its value, evidence and what to check.

A field is flagged when the records disagree about it (`conflict`), when its evidence was read by
OCR from a scan or photo (`ocr`), when its best evidence is weak (`low confidence`), when it was
computed from other fields (`derived`), and when a navigator has already corrected or checked it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from api import profile_paths as paths
from api.errors import InvalidRequest
from api.web.facts import FactsConfig, facts, field_name

#: Evidence below this confidence (0-1) does not settle a field on its own.
LOW_CONFIDENCE = 0.8


@dataclass
class FieldRow:
    path: str
    label: str
    value: Any
    shown: str
    flags: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    conflict: dict | None = None

    @property
    def section(self) -> str:
        return self.label.split(" › ", 1)[0]


def shown(value: Any) -> str:
    """A value as the navigator types it back: codes as they are, lists comma-separated."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flags(entries: list[dict], conflicted: bool) -> list[str]:
    """What a navigator should know about a field before trusting it."""
    out = []
    if conflicted:
        out.append("conflict")
    navigator = [e for e in entries if e.get("source") == "navigator"]
    read = [e for e in entries if e.get("source") != "navigator"]
    if navigator:
        last = navigator[-1].get("rule", "")
        out.append({"navigator.accept": "checked", "navigator.settle_conflict": "settled"}.get(last, "corrected"))
    if read and not navigator:
        if any(e.get("source") == "ocr" for e in read):
            out.append("ocr")
        confidences = [e["confidence"] for e in read if isinstance(e.get("confidence"), (int, float))]
        if confidences and max(confidences) < LOW_CONFIDENCE:
            out.append("low confidence")
    if read and all(str(e.get("rule", "")).startswith("derived.") for e in read):
        out.append("derived")
    return out


def needs_check(row_flags: list[str]) -> bool:
    return any(f in ("conflict", "ocr", "low confidence") for f in row_flags)


def field_rows(report: dict, config: FactsConfig | None = None) -> list[FieldRow]:
    """One row per profile leaf (in profile order), then conflicts on fields the profile lacks."""
    config = config or facts()
    evidence = report.get("evidence", {}) or {}
    conflicts = {c.get("field"): c for c in report.get("conflicts", []) if c.get("field")}
    rows = []
    for path, value in paths.flatten(report.get("profile", {}) or {}).items():
        entries = evidence.get(path, [])
        rows.append(FieldRow(path, field_name(config, path), value, shown(value), flags(entries, path in conflicts),
                             entries, conflicts.get(path)))
    listed = {r.path for r in rows}
    for path, conflict in conflicts.items():
        if path not in listed:
            rows.append(FieldRow(path, field_name(config, path), None, "", ["conflict"], conflict.get("evidence", []), conflict))
    return rows


def coerce(raw: str, current: Any) -> Any:
    """A typed-in value in the type of the field's current value (text when there is none)."""
    text = (raw or "").strip()
    if not text:
        raise InvalidRequest("Type the corrected value, or choose 'Not stated' when the records do not say.")
    try:
        if isinstance(current, bool):
            lowered = text.lower()
            if lowered not in ("true", "false", "yes", "no"):
                raise ValueError
            return lowered in ("true", "yes")
        if isinstance(current, int):
            return int(text)
        if isinstance(current, float):
            return float(text)
    except ValueError as exc:
        raise InvalidRequest(f"This field holds a {type(current).__name__ if not isinstance(current, bool) else 'yes/no'} "
                             "value; type it as one (for example 95 or true).") from exc
    if isinstance(current, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    if current is None:
        for kind in (int, float):
            try:
                return kind(text)
            except ValueError:
                continue
    return text


def conflict_choice(raw: str, conflict: dict | None) -> Any:
    """The value a navigator picked among a conflict's values (sent as its index)."""
    values = (conflict or {}).get("values", [])
    try:
        return values[int(raw)]
    except (ValueError, IndexError) as exc:
        raise InvalidRequest("Choose one of the values the records give.") from exc


def current_value(report: dict, path: str) -> Any:
    return paths.get(report.get("profile", {}) or {}, paths.parse(path))
