"""Read-only access to a PROFILE.md object by selector, with the evidence of every value.

A selector is a dotted profile path whose list steps may pick items:

    receptors.her2.ihc_score
    labs[name=ANC].value                 the latest ANC (by date)
    meds[drug_class=cdk4_6_inhibitor]    a current medicine of that class (status not stopped/historical)
    meds[name=ribociclib].changes[-1]    its last dose change
    meds[flag=cyp2d6_inhibitor]          flags come from the drug vocabulary
    genomics[gene=BRCA1|BRCA2]           alternatives separated by |

`meds` is the list of current medicines (active, held, planned or without a status); the
resolved path names the real item (`medications[2]`), so evidence is looked up where the
profile keeps it. A value the records do not state resolves to None: nothing is filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from extract.models import ProfileReport
from extract.vocab import drugs
from personalize.errors import InvalidProfile

#: Medicine statuses that mean the patient no longer takes it.
PAST_STATUSES = frozenset({"stopped", "historical"})
#: Lists whose items can be picked with [key=value].
LISTS = ("medications", "meds", "labs", "genomics")
#: Blood counts the profile keeps in 10^9/L; an item in another unit is not compared (unknown).
COUNT_LABS = frozenset({"anc", "wbc", "platelets"})
COUNT_UNITS = frozenset({"10^9/l", "x10^9/l", "×10^9/l", "10*9/l", "10⁹/l", "×10⁹/l", "k/ul", "k/µl", "10^3/ul", "10³/µl", "10^3/µl", "thou/ul"})

_SPLIT = re.compile(r"\.(?![^\[]*\])")
_SEGMENT = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)(?:\[(?P<sel>[^\]]*)\])?$")
_INDEX = re.compile(r"^-?\d+$")
_FILTER = re.compile(r"^(?P<key>[a-z_]+)=(?P<values>[^,=]+)$")


class SelectorError(ValueError):
    """A selector that cannot be parsed (caught at rule load time)."""


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    index: int | None = None
    filters: tuple[tuple[str, frozenset[str]], ...] = ()

    @property
    def picks(self) -> bool:
        return self.index is not None or bool(self.filters)


@lru_cache(maxsize=2048)
def parse_selector(selector: str) -> tuple[Step, ...]:
    steps: list[Step] = []
    for part in _SPLIT.split(selector.strip()):
        m = _SEGMENT.match(part)
        if m is None:
            raise SelectorError(f"selector {selector!r}: cannot read {part!r}")
        sel = m.group("sel")
        if sel is None:
            steps.append(Step(m.group("name")))
        elif _INDEX.match(sel):
            steps.append(Step(m.group("name"), index=int(sel)))
        else:
            filters = []
            for item in sel.split(","):
                f = _FILTER.match(item.strip())
                if f is None:
                    raise SelectorError(f"selector {selector!r}: filter {item!r} is not key=value")
                filters.append((f.group("key"), frozenset(v.strip().lower() for v in f.group("values").split("|"))))
            steps.append(Step(m.group("name"), filters=tuple(filters)))
    if not steps:
        raise SelectorError("empty selector")
    return tuple(steps)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A profile value found by a selector: its real path, the value, and its evidence."""

    path: str
    value: Any
    evidence: tuple[dict, ...]


def load_report(profile: dict | ProfileReport) -> ProfileReport:
    """Validate a PROFILE.md object; a malformed one raises `InvalidProfile` naming the fields."""
    if isinstance(profile, ProfileReport):
        return profile
    if not isinstance(profile, dict):
        raise InvalidProfile("The profile must be a PROFILE.md JSON object (a mapping), not a list or a value.")
    try:
        return ProfileReport.model_validate(profile)
    except ValidationError as exc:
        # Name the fields and the problem, never the values (they are health information).
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise InvalidProfile(
            f"The profile does not follow the PROFILE.md contract ({problems}). Produce it again "
            "with `oncoguide profile FILE... --json`, or fix the fields named."
        ) from exc


def generic_path(path: str) -> str:
    """'medications[0].changes[1].reason' -> 'medications.changes.reason'."""
    return re.sub(r"\[[^\]]*\]", "", path)


#: The leaves whose evidence stands for a list item as a whole, in this order.
_ITEM_LEAVES = ("name", "gene", "dose", "unit", "value", "result", "date", "status")


class ProfileView:
    def __init__(self, profile: dict | ProfileReport) -> None:
        self.report = load_report(profile)
        self.data: dict = self.report.to_json_dict().get("profile", {})
        self._evidence = self.report.evidence
        self.documents = {d.id: d for d in self.report.documents}
        self._vocab = drugs()
        self._resolved: dict[str, Resolved | None] = {}

    # -- lists --------------------------------------------------------------------------------

    def list_present(self, name: str) -> bool:
        """True when the records give this list at all (absent means not stated, not empty)."""
        real = "medications" if name == "meds" else name
        return bool(self.data.get(real))

    def _items(self, name: str) -> list[tuple[str, dict]]:
        if name in ("meds", "medications"):
            out = []
            for i, item in enumerate(self.data.get("medications", [])):
                if name == "meds" and item.get("status") in PAST_STATUSES:
                    continue
                out.append((f"medications[{i}]", item))
            return out
        if name == "labs":
            out = []
            for i, item in enumerate(self.data.get("labs", [])):
                unit = (item.get("unit") or "").replace(" ", "").lower()
                if item.get("name", "").lower() in COUNT_LABS and unit and unit not in COUNT_UNITS:
                    continue  # another unit than the contract's 10^9/L: not compared
                out.append((f"labs[{i}]", item))
            return out
        return [(f"{name}[{i}]", item) for i, item in enumerate(self.data.get(name, []))]

    def _matches(self, item: dict, key: str, wanted: frozenset[str]) -> bool:
        if key == "flag":
            drug = self.drug(item)
            return bool(drug and wanted & set(drug.flags))
        if key == "drug_class":
            drug = self.drug(item)
            cls = item.get("drug_class") or (drug.drug_class if drug else None)
            return cls is not None and cls.lower() in wanted
        value = item.get(key)
        return value is not None and str(value).lower() in wanted

    def drug(self, item: dict):
        """The vocabulary entry of a medication item (by its generic name), or None."""
        name = (item.get("name") or "").strip().lower()
        return self._vocab.get(name) or (hit[0] if (hit := self._vocab.lookup(name, min_score=95)) else None)

    # -- resolution ---------------------------------------------------------------------------

    def resolve(self, selector: str) -> Resolved | None:
        if selector not in self._resolved:
            self._resolved[selector] = self._resolve(selector)
        return self._resolved[selector]

    def _resolve(self, selector: str) -> Resolved | None:
        steps = parse_selector(selector)
        node: Any = self.data
        path = ""
        for n, step in enumerate(steps):
            if n == 0 and step.name in LISTS and (step.picks or step.name == "meds"):
                candidates = self._items(step.name)
                if not step.picks:
                    if not candidates:
                        return None
                    node, path = [item for _, item in candidates], step.name
                    continue
            else:
                if not isinstance(node, dict) or node.get(step.name) is None:
                    return None
                node = node[step.name]
                path = f"{path}.{step.name}" if path else step.name
                if not step.picks:
                    continue
                if not isinstance(node, list):
                    return None
                candidates = [(f"{path}[{i}]", item) for i, item in enumerate(node)]
            picked = self._pick(candidates, step)
            if picked is None:
                return None
            path, node = picked
        if node is None or node == [] or node == {}:
            return None
        return Resolved(path, node, self.evidence_for(path))

    def _pick(self, candidates: list[tuple[str, Any]], step: Step) -> tuple[str, Any] | None:
        if step.index is not None:
            try:
                return candidates[step.index]
            except IndexError:
                return None
        hits = [(p, item) for p, item in candidates
                if isinstance(item, dict) and all(self._matches(item, k, v) for k, v in step.filters)]
        if not hits:
            return None
        if any("date" in item for _, item in hits):  # several results: the latest one counts
            return max(hits, key=lambda h: str(h[1].get("date") or ""))
        return hits[0]

    def get(self, selector: str) -> Any:
        resolved = self.resolve(selector)
        return None if resolved is None else resolved.value

    # -- evidence -----------------------------------------------------------------------------

    def evidence_for(self, path: str) -> tuple[dict, ...]:
        """Evidence of a path; for a list item without evidence of its own ("medications[0]"), the
        evidence of the leaves that say what it is (name, dose, value, date, status); else that of
        its nearest ancestor that has some."""
        entries = self._evidence.get(path) or (self._item_evidence(path) if path.endswith("]") else [])
        probe = path
        while probe and not entries:
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
            entries = self._evidence.get(probe, [])
        return tuple(e.model_dump(mode="json", exclude_none=True, exclude={"confidence", "correction", "note"})
                     for e in entries)

    def _item_evidence(self, path: str) -> list:
        seen: set[tuple] = set()
        out = []
        for leaf in _ITEM_LEAVES:
            for e in self._evidence.get(f"{path}.{leaf}", []):
                key = (e.document, e.page, e.start, e.end)
                if key not in seen:
                    seen.add(key)
                    out.append(e)
        return out
