"""Items of the profile's lists named by what they are (a drug, a lab on a date), not where they are.

A re-extraction may list a patient's drugs or labs in another order, or put a new one first; a
correction of ``medications[1].dose`` or a confirmed ``labs[0].value`` must stay with the same drug
or lab. So a path's list indexes are recorded with the identity of each item (`keys_along`) and
found again by that identity in another version of the profile (`resolve`). Lists without an
identity here (dose changes, ...) and corrections recorded before identities were kept stay
positional.
"""

from __future__ import annotations

from typing import Any

from api import profile_paths as paths

#: The fields that name an item of each list (PROFILE.md): a medication by its generic name, a lab
#: by its name and date, a genomic result by gene and variant.
IDENTITY: dict[str, tuple[str, ...]] = {
    "medications": ("name",),
    "labs": ("name", "date"),
    "genomics": ("gene", "variant"),
}

#: An item's identity values (normalised), then its ordinal among items of the same identity.
Key = list[Any]


def _identity(item: Any, fields: tuple[str, ...]) -> list[Any] | None:
    if not isinstance(item, dict) or item.get(fields[0]) is None:
        return None
    return [v.strip().lower() if isinstance(v, str) else v for v in (item.get(f) for f in fields)]


def item_key(items: list, index: int, list_name: Any) -> Key | None:
    """The key of ``items[index]`` in the list called `list_name`; None when it has no identity."""
    fields = IDENTITY.get(list_name) if isinstance(list_name, str) else None
    if not fields or not 0 <= index < len(items):
        return None
    identity = _identity(items[index], fields)
    if identity is None:
        return None
    ordinal = sum(1 for other in items[:index] if _identity(other, fields) == identity)
    return [*identity, ordinal]


def keys_along(profile: dict, parts: list[str | int]) -> list[Key | None]:
    """For each list index in `parts`, the key of that item in `profile` (None: positional)."""
    keys: list[Key | None] = []
    for i, part in enumerate(parts):
        if isinstance(part, int):
            items = paths.get(profile, parts[:i])
            keys.append(item_key(items, part, parts[i - 1] if i else None) if isinstance(items, list) else None)
    return keys


def resolve(profile: dict, parts: list[str | int], keys: list[Key | None] | None) -> tuple[list[str | int], int | None]:
    """`parts` with each keyed list index replaced by the index of the item with that key in
    `profile`. Returns ``(parts, None)``, or ``(the parts resolved so far, i)`` when the item that
    ``parts[i]`` names is not in `profile`."""
    keys = list(keys or [])
    out: list[str | int] = []
    seen_indexes = 0
    for i, part in enumerate(parts):
        if isinstance(part, int):
            key = keys[seen_indexes] if seen_indexes < len(keys) else None
            seen_indexes += 1
            items = paths.get(profile, out)
            if not isinstance(items, list):
                return out, i
            if key is not None:
                found = next((j for j in range(len(items)) if item_key(items, j, out[-1] if out else None) == key), None)
                if found is None:
                    return out, i
                part = found
            elif part >= len(items):
                return out, i
        out.append(part)
    return out, None
