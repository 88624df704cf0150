"""Profile values as plain words for patients: labels for codes, numbers without trailing zeros.

Only formatting happens here: every word produced stands for a value the profile holds.
"""

from __future__ import annotations

from typing import Any

from extract.vocab import drugs
from personalize.profile_view import generic_path


def number(value: float | int) -> str:
    """400.0 -> '400', 0.8 -> '0.8', 37.5 -> '37.5'."""
    if isinstance(value, bool):
        return str(value).lower()
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def join(words: list[str]) -> str:
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


class Display:
    def __init__(self, values: dict[str, dict[str, str]], units: dict[str, str]) -> None:
        self.values = values
        self.units = {k.replace(" ", "").lower(): v for k, v in units.items()}

    def label(self, path: str, value: Any) -> str:
        table = self.values.get(generic_path(path), {})
        return table.get(str(value), str(value).replace("_", " "))

    def unit(self, unit: str | None) -> str:
        if not unit:
            return ""
        return self.units.get(unit.replace(" ", "").lower(), unit)

    def drug(self, name: str) -> str:
        """'ribociclib' -> 'ribociclib (Kisqali)': the brand comes from the drug vocabulary."""
        entry = drugs().get(name.lower())
        if entry and entry.brands:
            return f"{name} ({entry.brands[0]})"
        return name

    def format(self, path: str, value: Any, filt: str | None = None) -> str:
        if filt == "drug":
            return self.drug(value["name"] if isinstance(value, dict) else str(value))
        if filt == "unit":
            return self.unit(str(value))
        if filt == "percent":
            return f"{number(value)}%"
        if filt == "raw":
            return str(value)
        if isinstance(value, dict):
            return str(value.get("name", ""))
        if isinstance(value, list):
            return join([self.label(path, v) for v in value])
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return number(value)
        return self.label(path, value)


FILTERS = frozenset({"drug", "unit", "percent", "raw", "label"})
