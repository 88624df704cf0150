"""Dotted profile paths (``receptors.er.percent``, ``medications[0].dose``): parse, get, set, flatten."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from extract.models import Profile
from api.errors import InvalidRequest

_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[\d{1,4}\]|\.[A-Za-z_][A-Za-z0-9_]*)*")
_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d{1,4})\]")
_MISSING = object()


def parse(path: str) -> list[str | int]:
    if not isinstance(path, str) or len(path) > 200 or not _PATH.fullmatch(path):
        raise InvalidRequest(
            "Name a profile field as a path of dots and [n], such as 'receptors.her2.ihc_score' "
            "or 'medications[0].dose'."
        )
    return [name if name else int(index) for name, index in _TOKEN.findall(path)]


def join(parts: list[str | int]) -> str:
    """The dotted path of `parts` (the inverse of `parse`)."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def get(data: Any, parts: list[str | int], default: Any = None) -> Any:
    cur = data
    for part in parts:
        if isinstance(part, int):
            if not isinstance(cur, list) or part >= len(cur):
                return default
        elif not isinstance(cur, dict) or part not in cur:
            return default
        cur = cur[part]
    return cur


def set_(data: dict, parts: list[str | int], value: Any) -> None:
    cur: Any = data
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(part, int):
            cur = cur[part]
            continue
        if part not in cur or cur[part] is None:
            cur[part] = [] if isinstance(nxt, int) else {}
        cur = cur[part]
    last = parts[-1]
    if isinstance(last, int):
        cur[last] = value
    else:
        cur[last] = value


def delete(data: dict, parts: list[str | int]) -> None:
    parent = get(data, parts[:-1], None) if len(parts) > 1 else data
    last = parts[-1]
    if isinstance(parent, dict) and not isinstance(last, int):
        parent.pop(last, None)


def flatten(profile: dict) -> dict[str, Any]:
    """Leaf path → value. Lists of objects are walked by index; lists of plain values are one leaf."""
    out: dict[str, Any] = {}

    def walk(value: Any, prefix: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{prefix}.{key}" if prefix else key)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for i, item in enumerate(value):
                walk(item, f"{prefix}[{i}]")
        elif value is not None and value != [] and value != {}:
            out[prefix] = value

    walk(profile, "")
    return out


def unflatten(leaves: dict[str, Any]) -> dict:
    """A profile rebuilt from `flatten`'s leaves (list items at their indexes)."""
    root: dict = {}
    for path, value in leaves.items():
        parts = parse(path)
        cur: Any = root
        for part, nxt in zip(parts, [*parts[1:], None]):
            child = value if nxt is None else ([] if isinstance(nxt, int) else {})
            if isinstance(part, int):
                cur.extend([None] * (part + 1 - len(cur)))
                if cur[part] is None or nxt is None:
                    cur[part] = child
            elif cur.get(part) is None or nxt is None:
                cur[part] = child
            cur = cur[part]
    return root


def check_known(path: str, current_profile: dict) -> list[str | int]:
    """Parse `path`; require it to exist in the current profile or to be a PROFILE.md field
    (list items must exist already)."""
    parts = parse(path)
    if get(current_profile, parts, _MISSING) is not _MISSING:
        return parts
    annotation: Any = Profile
    for i, part in enumerate(parts):
        if isinstance(part, int):
            item = _list_item(annotation)
            if item is None or get(current_profile, parts[: i + 1], _MISSING) is _MISSING:
                raise InvalidRequest(f"'{path}' names a list item that the profile does not have.")
            annotation = item
            continue
        model = _model(annotation)
        field = model.model_fields.get(part) if model else None
        if field is None:
            raise InvalidRequest(f"'{path}' is not a field of the profile (see PROFILE.md for the paths).")
        annotation = field.annotation
    return parts


@cache
def leaf_fields() -> dict[str, Any]:
    """Every PROFILE.md field a navigator can fill in by hand: dotted path -> an empty value of its
    type (`[]` for a list of plain values such as "stage.metastatic_sites", `False`, `0`, `0.0`, or
    None for text), so a typed-in value can be read as that type. Lists of objects (medications,
    labs, genomics) are left out: their items come from records, not from a form."""
    out: dict[str, Any] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            path = f"{prefix}.{name}" if prefix else name
            item = _list_item(field.annotation)
            if item is not None:
                if _model(item) is None:
                    out[path] = []
                continue
            inner = _model(field.annotation)
            if inner is not None:
                walk(inner, path)
                continue
            kinds = {field.annotation, *_args(field.annotation)}
            out[path] = False if bool in kinds else 0 if int in kinds else 0.0 if float in kinds else None

    walk(Profile, "")
    return out


def _args(annotation: Any) -> tuple:
    return getattr(annotation, "__args__", ()) or ()


def _model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in _args(annotation):  # Optional[Model]
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _list_item(annotation: Any) -> Any:
    candidates = [annotation, *_args(annotation)]
    for cand in candidates:
        if getattr(cand, "__origin__", None) is list and _args(cand):
            return _args(cand)[0]
    return None
