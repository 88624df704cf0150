"""Merge one patient's documents into a profile.

`merge_facts` turns the facts read from each document into one `ProfileReport`:

- a plain path ("receptors.er.percent") keeps one value, chosen by the path's policy in
  `rules/merge.json` (later document wins by default; resection beats core biopsy for size and pT;
  an ISH-settled HER2 status beats an equivocal one); every competing value goes to `conflicts`
  with its evidence and the policy used;
- findings about another tumor (the other breast in a bilateral case) never overwrite the index
  cancer: they go under the extra key `other_tumors`, and the disagreement to `conflicts`;
- list items (medications, labs, genomics) are merged per drug, per measurement, per gene;
- a path whose value is a list of words (`stage.metastatic_sites`) is the union of its mentions.

Evidence keys are the dotted profile paths (`medications[0].dose`). Derived values come last,
from `extract.derive.derive_all` (pathology engineer's module).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from extract.findings import DocumentFacts, Finding
from extract.models import IN_SITU_HISTOLOGIES, Conflict, DocumentSummary, Evidence, Profile, ProfileReport
from extract.vocab import load_json
from ingest.errors import ConfigurationError

RULES_DIR = Path(__file__).parent / "rules"

Policy = Literal["latest", "earliest", "resection_then_latest", "settled_then_latest", "true_wins",
                 "invasive_then_latest", "preferred_rules_in_document"]


class MergeRule(BaseModel):
    id: str
    path: str
    policy: Policy
    why: str
    #: False when other values are not disagreements (later specimens' dates for the diagnosis date).
    conflicts: bool = True
    #: For "preferred_rules_in_document": inside the latest document, a value read by one of these rules
    #: wins over the document's other values (a later document still wins).
    preferred_rules: list[str] = []


class MergeRules(BaseModel):
    version: str
    comment: str = ""
    default_policy: Policy
    primary_sources: list[str]
    primary_source_paths: list[str]
    tumor_paths: list[str]
    rules: list[MergeRule]

    def policy_of(self, path: str) -> tuple[Policy, str]:
        rule = self.rule_of(path)
        return (rule.policy, rule.id) if rule else (self.default_policy, f"merge.default.{self.default_policy}")

    def rule_of(self, path: str) -> MergeRule | None:
        return next((rule for rule in self.rules if rule.path == path), None)

    def is_tumor_path(self, path: str) -> bool:
        return _listed(path, self.tumor_paths)

    def source_rank(self, path: str, kind: str) -> int:
        """1 when the document is a primary source for the path (a pathology report for receptors)."""
        return int(_listed(path, self.primary_source_paths) and kind in self.primary_sources)


def _listed(path: str, prefixes: list[str]) -> bool:
    return any(path == p or (p.endswith(".") and path.startswith(p)) for p in prefixes)


@lru_cache(maxsize=1)
def merge_rules() -> MergeRules:
    return load_json("merge.json", MergeRules, RULES_DIR)  # type: ignore[return-value]


#: Profile paths whose findings are list items (value is a dict, evidence per leaf).
ITEM_PATHS = ("medications", "labs", "genomics")
#: Profile paths whose value is a list of words, built from one finding per word.
WORD_LIST_PATHS = ("stage.metastatic_sites",)

_PROCEDURE_RANK = {"resection": 3, "excision": 2, None: 1, "other": 1, "core_biopsy": 0,
                   "fine_needle_aspiration": 0}


@dataclass(frozen=True)
class _Mention:
    """A finding together with where it was read, for ordering."""

    finding: Finding
    doc: DocumentSummary
    doc_order: int
    #: Position in the document's findings, which `read_document` lists best first per path.
    rank_in_doc: int

    @property
    def first_evidence(self) -> Evidence | None:
        return self.finding.evidence[0] if self.finding.evidence else None

    def time_key(self) -> tuple:
        """Later document, then an addendum over its report; inside one document, the finding
        `read_document` ranked first (its value is the document's value)."""
        return (self.doc.date or date.min, self.doc.kind == "addendum", self.doc_order, -self.rank_in_doc)

    def text_key(self) -> tuple:
        """For list items read statement by statement: later document, then later on its pages."""
        ev = self.first_evidence
        return (self.doc.date or date.min, self.doc.kind == "addendum", self.doc_order,
                ev.page if ev else 0, ev.start if ev else 0)


def merge_facts(facts: Sequence[DocumentFacts]) -> ProfileReport:
    """All of one patient's documents → one profile with evidence and conflicts."""
    rules = merge_rules()
    report = ProfileReport(documents=[f.summary for f in facts])
    mentions = [
        _Mention(finding, doc_facts.summary, order, rank)
        for order, doc_facts in enumerate(facts)
        for rank, finding in enumerate(doc_facts.facts())
    ]
    by_path: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_path[mention.finding.path].append(mention)

    index_side = _index_laterality(by_path, rules)
    other_tumors: dict[str, list[_Mention]] = defaultdict(list)
    profile: dict[str, Any] = {}

    for path in sorted(by_path):
        group = by_path[path]
        if path in ITEM_PATHS:
            continue
        if path in WORD_LIST_PATHS:
            _merge_word_list(path, group, profile, report)
            continue
        if index_side and rules.is_tumor_path(path):
            mine = [m for m in group if m.finding.laterality in (None, index_side)]
            for m in group:
                if m.finding.laterality not in (None, index_side):
                    other_tumors[m.finding.laterality].append(m)
            group = mine
            if not group:
                continue
        if index_side and path == "diagnosis.laterality":
            group = _index_side_mentions(group, index_side, other_tumors)
        chosen = _merge_scalar(path, group, profile, report, rules)
        if path == "diagnosis.tumor_size_mm":
            report._tumor_size_procedure = chosen.finding.procedure

    _merge_medications(by_path.get("medications", []), profile, report)
    _merge_labs(by_path.get("labs", []), profile, report)
    _merge_genomics(by_path.get("genomics", []), profile, report)
    if other_tumors:
        _keep_other_tumors(other_tumors, profile, report, rules)

    report.profile = _build_profile(profile)
    return _derive(report)


def profile_leaves(node: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) of every non-empty leaf of a profile's JSON, paths as the evidence
    keys name them: `receptors.er.status`, `medications[0].changes[0].to_dose`. A list of words
    (`stage.metastatic_sites`) is one leaf."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from profile_leaves(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, list) and node and all(isinstance(v, dict) for v in node):
        for i, value in enumerate(node):
            yield from profile_leaves(value, f"{prefix}[{i}]")
    elif node is not None and node != [] and node != {}:
        yield prefix, node


def _build_profile(values: dict[str, Any]) -> Profile:
    """Dotted paths → the nested Profile model (validated: a bad value is a bug, said clearly)."""
    nested: dict[str, Any] = {}
    for path, value in values.items():
        node = nested
        *parents, leaf = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    try:
        return Profile.model_validate(nested)
    except ValidationError as exc:
        raise ConfigurationError(
            f"An extraction rule produced a value the profile contract does not allow: {exc}. "
            "Fix the rule that produced it (see the evidence rule id)."
        ) from exc


def _derive(report: ProfileReport) -> ProfileReport:
    try:
        from extract.derive import derive_all
    except ImportError:  # derivations not built yet; the merged facts stand on their own
        return report
    return derive_all(report)


# --------------------------------------------------------------------------- plain values


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def _decimals(x: float) -> int:
    text = repr(float(x))
    return 0 if float(x).is_integer() or "e" in text else len(text.split(".")[1])


def _rounded_alike(a: Any, b: Any) -> bool:
    """Is one number the other written with fewer decimals (a note's "ratio 3.2" quoting a report's
    3.24)? Then they are one reading, not a disagreement."""
    if not (isinstance(a, float | int) and isinstance(b, float | int)) or isinstance(a, bool) or isinstance(b, bool):
        return False
    coarse, fine = (a, b) if _decimals(a) <= _decimals(b) else (b, a)
    return _decimals(coarse) < _decimals(fine) and abs(round(float(fine), _decimals(coarse)) - float(coarse)) < 1e-9


def _distinct_values(group: Iterable[_Mention]) -> list[Any]:
    values: list[Any] = []
    for m in group:
        if not any(_same(m.finding.value, v) for v in values):
            values.append(m.finding.value)
    return values


def _choose(group: list[_Mention], policy: Policy, rules: MergeRules) -> _Mention:
    path = group[0].finding.path
    primary = [m for m in group if rules.source_rank(path, m.doc.kind)]
    group = primary or group  # a pathology report's own value beats a note's quote of it
    if policy == "earliest":
        # The earliest date stated (a diagnosis date), else the earliest document's value.
        if all(isinstance(m.finding.value, date) for m in group):
            return min(group, key=lambda m: (m.finding.value, m.doc_order, m.rank_in_doc))
        return min(group, key=lambda m: (m.doc.date or date.max, m.doc_order, m.rank_in_doc))
    if policy == "resection_then_latest":
        return max(group, key=lambda m: (_PROCEDURE_RANK.get(m.finding.procedure, 1), m.time_key()))
    if policy == "settled_then_latest":
        # A superseded or earlier specimen's settled status ("Original: HER2 1+ (negative)" above
        # "Amended: HER2 2+ (equivocal)") does not settle the current one.
        return max(group, key=lambda m: (m.finding.assertion != "historical" and m.finding.specimen != "prior",
                                         m.finding.value != "equivocal", m.time_key()))
    if policy == "true_wins":
        return max(group, key=lambda m: (m.finding.value is True, m.time_key()))
    if policy == "invasive_then_latest":
        return max(group, key=lambda m: (not _in_situ(m.finding.value), m.time_key()))
    if policy == "preferred_rules_in_document":
        rule = rules.rule_of(path)
        preferred = set(rule.preferred_rules) if rule else set()
        return max(group, key=lambda m: (m.time_key()[:3], any(ev.rule in preferred for ev in m.finding.evidence),
                                         m.time_key()[3:]))
    return max(group, key=lambda m: m.time_key())


def _in_situ(value: object) -> bool:
    """DCIS / LCIS, or an ICD-O-3 code with behaviour /2."""
    return value in IN_SITU_HISTOLOGIES or (isinstance(value, str) and value.endswith("/2"))


def _merge_scalar(path: str, group: list[_Mention], profile: dict, report: ProfileReport,
                  rules: MergeRules) -> _Mention:
    """Set the value the path's policy chooses (with its evidence and any conflict); return the
    chosen mention."""
    policy, rule_id = rules.policy_of(path)
    chosen = _choose(group, policy, rules)
    value = chosen.finding.value
    profile[path] = value
    # The chosen value's own mentions first, then the others that agree with it.
    agreeing = [m for m in group if _same(m.finding.value, value)]
    agreeing.sort(key=lambda m: m is not chosen)
    report.evidence[path] = _dedupe([ev for m in agreeing for ev in m.finding.evidence])
    if isinstance(value, dict):  # a small record ({test, value}): each of its leaves has the evidence
        for key, item in value.items():
            if item is not None:
                report.evidence[f"{path}.{key}"] = report.evidence[path]
    values = _distinct_values(group)
    if policy == "invasive_then_latest" and not _in_situ(value):
        # DCIS beside an invasive carcinoma is its in-situ component, not a disagreement about it.
        values = [v for v in values if not _in_situ(v)]
    values = [v for v in values if _same(v, value) or not _rounded_alike(v, value)]
    rule = rules.rule_of(path)
    if len(values) > 1 and (rule is None or rule.conflicts):
        values.sort(key=lambda v: not _same(v, value))
        report.conflicts.append(Conflict(
            field=path,
            values=values,
            evidence=_dedupe([ev for m in sorted(group, key=lambda m: not _same(m.finding.value, value))
                              for ev in m.finding.evidence]),
            resolution=_focus_resolution(chosen, group, value) or f"{policy} ({rule_id})",
        ))
    return chosen


def _focus_resolution(chosen: _Mention, group: list[_Mention], value: Any) -> str | None:
    """The resolution of a conflict between the foci of one multifocal tumour ("Tumour 1 (10 o'clock):
    2.1 cm, grade 2 ... Tumour 2: 0.6 cm, grade 1"): the index (largest) focus's value was kept and
    every other value is another focus's; None when any other value is not a focus's (see
    `extract.specimens.order_findings`, which ranks the largest focus's findings first)."""
    mine = (chosen.finding.specimen or "").rsplit("/", 1)[-1]
    others = {(m.finding.specimen or "").rsplit("/", 1)[-1] for m in group if not _same(m.finding.value, value)}
    if not mine.startswith("focus ") or not others or any(not o.startswith("focus ") or o == mine for o in others):
        return None
    return f"index (largest) focus kept ({mine}); the other values are of {', '.join(sorted(others))}"


def _merge_word_list(path: str, group: list[_Mention], profile: dict, report: ProfileReport) -> None:
    words: list[str] = []
    for m in sorted(group, key=lambda m: m.text_key()):
        if m.finding.value not in words:
            words.append(m.finding.value)
    profile[path] = words
    report.evidence[path] = _dedupe([ev for m in group for ev in m.finding.evidence])
    for i, word in enumerate(words):
        report.evidence[f"{path}[{i}]"] = _dedupe(
            [ev for m in group if m.finding.value == word for ev in m.finding.evidence])


def _dedupe(evidence: Iterable[Evidence]) -> list[Evidence]:
    seen: set[tuple] = set()
    out: list[Evidence] = []
    for ev in evidence:
        key = (ev.document, ev.page, ev.start, ev.end, ev.rule)
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


# --------------------------------------------------------------------------- bilateral cases


def _index_side_mentions(group: list[_Mention], index_side: str,
                         other_tumors: dict[str, list[_Mention]]) -> list[_Mention]:
    """The laterality mentions of the index cancer. A past cancer of the other breast ("history of
    right breast cancer in 2004") names that tumour's side, not a rival side of this one: it is
    kept as that tumour's laterality evidence under `other_tumors`, not as a conflict. A past
    "bilateral" ("status post core biopsies, bilateral breast") names no other tumour's side."""
    mine = []
    for m in group:
        f = m.finding
        if f.value != index_side and (f.assertion == "historical" or f.specimen == "prior"):
            if f.value in ("left", "right"):
                other_tumors[f.value].append(m)
        else:
            mine.append(m)
    return mine or group


def _index_laterality(by_path: dict[str, list[_Mention]], rules: MergeRules) -> str | None:
    """The side of the index cancer when tumor findings name both sides, else None.

    The side the records' laterality statements settle on (see below); when they say "bilateral"
    or nothing, the side with the largest measured invasive tumor; without sizes, the higher pT;
    then the side with an invasive histology (not DCIS or LCIS alone); then the side named first."""
    sides: dict[str, list[_Mention]] = defaultdict(list)
    for path, group in by_path.items():
        if rules.is_tumor_path(path) or path == "diagnosis.laterality":
            for m in group:
                if m.finding.laterality in ("left", "right"):
                    sides[m.finding.laterality].append(m)
    if len(sides) < 2:
        return None

    # The side the profile names (its diagnosis.laterality, chosen like any other value) is the index
    # cancer's, so the profile's laterality and its tumor values always describe the same tumor.
    stated = by_path.get("diagnosis.laterality", [])
    # The side of an earlier cancer ("Prior left breast IDC 2015") does not name the index cancer
    # when a current mention names a side.
    stated = [m for m in stated if m.finding.assertion != "historical" and m.finding.specimen != "prior"] or stated
    if stated:
        policy, _ = rules.policy_of("diagnosis.laterality")
        named = _choose(stated, policy, rules).finding.value
        if named in sides:
            return named

    def rank(side: str) -> tuple:
        found = sides[side]
        sizes = [float(m.finding.value) for m in found if m.finding.path == "diagnosis.tumor_size_mm"]
        t_ranks = [_t_rank(m.finding.value) for m in found if m.finding.path == "stage.pathologic.t"]
        invasive = any(m.finding.path == "diagnosis.histology" and m.finding.value not in IN_SITU_HISTOLOGIES
                       for m in found)
        first = min((m.doc.date or date.max, m.doc_order, m.rank_in_doc) for m in found)
        return (max(sizes, default=-1.0), max(t_ranks, default=-1), invasive,
                -first[0].toordinal(), -first[1], -first[2])

    return max(sides, key=rank)


_T_ORDER = ("T0", "TIS", "T1MI", "T1A", "T1B", "T1C", "T1", "T2", "T3", "T4")


def _t_rank(t: object) -> int:
    key = str(t).upper()
    ranks = [i for i, prefix in enumerate(_T_ORDER) if key.startswith(prefix)]
    return max(ranks, default=-1)


def _keep_other_tumors(other: dict[str, list[_Mention]], profile: dict, report: ProfileReport,
                       rules: MergeRules) -> None:
    tumors = []
    # Cancer-free node counts of the other side (a negative contralateral sentinel node beside a
    # benign prophylactic mastectomy) describe no tumour: they are not kept as one.
    other = {side: found for side, found in other.items() if not all(
        m.finding.path.startswith("lymph_nodes.") and (
            m.finding.path.endswith(("examined", "_examined")) or m.finding.value in (0, False))
        for m in found)}
    for i, side in enumerate(sorted(other)):
        by_path: dict[str, list[_Mention]] = defaultdict(list)
        for m in other[side]:
            by_path[m.finding.path].append(m)
        tumor: dict[str, Any] = {"laterality": side}
        prefix = f"other_tumors[{i}]"
        stated = by_path.pop("diagnosis.laterality", None) or other[side][:1]
        report.evidence[f"{prefix}.laterality"] = _dedupe([ev for m in stated for ev in m.finding.evidence])
        for path, group in sorted(by_path.items()):
            policy, _ = rules.policy_of(path)
            chosen = _choose(group, policy, rules)
            node = tumor
            *parents, leaf = path.split(".")
            for key in parents:
                node = node.setdefault(key, {})
            node[leaf] = chosen.finding.value
            report.evidence[f"{prefix}.{path}"] = _dedupe(
                [ev for m in group if _same(m.finding.value, chosen.finding.value)
                 for ev in m.finding.evidence])
            index_value = _get(profile, path)
            if index_value is not None and not _same(index_value, chosen.finding.value):
                report.conflicts.append(Conflict(
                    field=path,
                    values=[index_value, chosen.finding.value],
                    evidence=_dedupe([*report.evidence.get(path, []),
                                      *report.evidence[f"{prefix}.{path}"]]),
                    resolution=f"index cancer kept; the {side} breast's value is under {prefix}",
                ))
        tumors.append(tumor)
    profile["other_tumors"] = tumors


def _get(profile: dict, path: str) -> Any:
    return profile.get(path)


# --------------------------------------------------------------------------- list items


class _Item(BaseModel):
    """A list item being merged: its value and its evidence per leaf path inside the item."""

    value: dict[str, Any]
    leaves: dict[str, list[Evidence]] = Field(default_factory=dict)


def _emit_items(key: str, items: list[_Item], profile: dict, report: ProfileReport) -> None:
    if not items:
        return
    profile[key] = [item.value for item in items]
    for i, item in enumerate(items):
        for leaf, evidence in item.leaves.items():
            if evidence and _leaf_value(item.value, leaf) is not None:
                report.evidence[f"{key}[{i}].{leaf}"] = _dedupe(evidence)


def _leaf_value(value: dict, leaf: str) -> Any:
    """`changes[1].to_dose` → value["changes"][1]["to_dose"], or None when absent."""
    node: Any = value
    for part in leaf.split("."):
        name, _, index = part.partition("[")
        if not isinstance(node, dict):
            return None
        node = node.get(name)
        if index:
            i = int(index.rstrip("]"))
            if not isinstance(node, list) or i >= len(node):
                return None
            node = node[i]
    return node


def _item_of(m: _Mention) -> _Item:
    leaves = {k: list(v) for k, v in m.finding.leaf_evidence.items()}
    return _Item(value=dict(m.finding.value), leaves=leaves)


_MEDICATION_SCALARS = ("brand", "drug_class", "dose", "unit", "frequency", "schedule", "route",
                       "status", "start", "end", "start_month", "end_month", "brands",
                       "start_year", "end_year", "year", "planned_dose", "planned_unit")


def _merge_medications(group: list[_Mention], profile: dict, report: ProfileReport) -> None:
    """One item per drug. Each leaf comes from the latest document stating it; changes are the
    union of every document's changes, in date order. Different doses not explained by a recorded
    change go to conflicts."""
    by_name: dict[str, list[_Mention]] = defaultdict(list)
    for m in group:
        by_name[m.finding.value["name"]].append(m)
    items: list[_Item] = []
    pending_conflicts: list[tuple[int, str, list[tuple[Any, list[Evidence]]]]] = []
    for name, mentions in by_name.items():
        mentions.sort(key=lambda m: m.text_key())
        merged = _Item(value={"name": name}, leaves={"name": []})
        stated: dict[str, list[tuple[Any, list[Evidence]]]] = defaultdict(list)
        changes: list[tuple[dict, dict[str, list[Evidence]]]] = []
        for m in mentions:
            item = _item_of(m)
            merged.leaves["name"].extend(item.leaves.get("name", m.finding.evidence))
            for leaf in _MEDICATION_SCALARS:
                v = item.value.get(leaf)
                if v is None:
                    continue
                merged.value[leaf] = v  # later mentions overwrite earlier ones
                merged.leaves[leaf] = item.leaves.get(leaf, m.finding.evidence)
                stated[leaf].append((v, merged.leaves[leaf]))
            # (a document's own changes are distinct already: "reduced to 100 mg ... re-escalated to 150 mg ...
            # restarted at 100 mg" steps down twice; only another document's telling is the same change)
            earlier = len(changes)
            for j, change in enumerate(item.value.get("changes") or []):
                change_leaves = {
                    k.split(".", 1)[1]: v for k, v in item.leaves.items()
                    if k.startswith(f"changes[{j}].")
                }
                add_dose_change(changes, dict(change), change_leaves, among=earlier)
        _brand_history(stated, merged)
        changes.sort(key=lambda c: (c[0].get("date") is None, str(c[0].get("date") or "")))
        if changes:
            merged.value["changes"] = [c[0] for c in changes]
            for j, (_, change_leaves) in enumerate(changes):
                for k, v in change_leaves.items():
                    merged.leaves[f"changes[{j}].{k}"] = v
        explained = {c[0].get("to_dose") for c in changes} | {c[0].get("from_dose") for c in changes}
        doses = stated.get("dose", [])
        distinct = []
        for v, ev in doses:
            if not any(_same(v, d) for d, _ in distinct):
                distinct.append((v, ev))
        if len(distinct) > 1 and not all(d in explained for d, _ in distinct):
            pending_conflicts.append((len(items), "dose", distinct))
        items.append(merged)
    _emit_items("medications", items, profile, report)
    for i, leaf, distinct in pending_conflicts:
        chosen = items[i].value.get(leaf)
        distinct.sort(key=lambda d: not _same(d[0], chosen))
        report.conflicts.append(Conflict(
            field=f"medications[{i}].{leaf}",
            values=[d[0] for d in distinct],
            evidence=_dedupe([ev for _, evs in distinct for ev in evs]),
            resolution="latest (merge.medication.latest): documents state different doses and no "
                       "recorded dose change explains it",
        ))


def _brand_history(stated: dict[str, list[tuple[Any, list[Evidence]]]], merged: _Item) -> None:
    """Brands of one drug across documents, in order (a biosimilar switch keeps its history)."""
    order: list[str] = []
    evidence: list[Evidence] = []
    for value, ev in stated.get("brands", []) + stated.get("brand", []):
        for brand in value if isinstance(value, list) else [value]:
            if brand not in order:
                order.append(brand)
        evidence += ev
    if len(order) > 1:
        order.remove(merged.value["brand"])
        merged.value["brands"] = [*order, merged.value["brand"]]
        merged.leaves["brands"] = _dedupe(evidence)


def add_dose_change(changes: list[tuple[dict, dict[str, list[Evidence]]]], change: dict,
                    leaves: dict[str, list[Evidence]], among: int | None = None) -> None:
    """Add a dose change (value, evidence per leaf) unless the same change (same doses, same or
    unknown date) is known among the first `among` changes (all by default); then fill the known
    one's missing leaves from it."""
    for known, known_leaves in changes[:among]:
        if (_same(known.get("to_dose"), change.get("to_dose"))
                and (known.get("from_dose") is None or change.get("from_dose") is None
                     or _same(known.get("from_dose"), change.get("from_dose")))
                and (known.get("date") is None or change.get("date") is None
                     or known.get("date") == change.get("date"))):
            for k, v in change.items():
                if known.get(k) is None and v is not None:
                    known[k] = v
                    known_leaves[k] = leaves.get(k, [])
                elif k in leaves:
                    known_leaves.setdefault(k, []).extend(leaves[k])
            return
    changes.append((change, leaves))


def _merge_labs(group: list[_Mention], profile: dict, report: ProfileReport) -> None:
    """Every distinct measurement (name, date, value) once, newest first within each lab."""
    items: dict[tuple, _Item] = {}
    for m in sorted(group, key=lambda m: m.text_key()):
        item = _item_of(m)
        key = (item.value["name"], str(item.value.get("date")), float(item.value["value"]))
        if key in items:
            for leaf, evs in item.leaves.items():
                items[key].leaves.setdefault(leaf, []).extend(evs)
            # the same measurement told twice ("absolute neutrophils 780 cells/uL" in the text, then its
            # table row with "(L)" and a range): what the first telling lacks, the other gives
            for leaf, leaf_value in item.value.items():
                if items[key].value.get(leaf) is None and leaf_value is not None:
                    items[key].value[leaf] = leaf_value
            continue
        items[key] = item
    ordered = sorted(items.values(), key=lambda it: (it.value["name"], str(it.value.get("date") or "")))
    # Within one lab name, newest measurement first so labs[...] for a name starts with the latest.
    grouped: dict[str, list[_Item]] = defaultdict(list)
    for it in ordered:
        grouped[it.value["name"]].append(it)
    result = [it for name in grouped for it in reversed(grouped[name])]
    _emit_items("labs", result, profile, report)


def _merge_genomics(group: list[_Mention], profile: dict, report: ProfileReport) -> None:
    """One item per gene and origin (and variant when stated); a later result wins, and a
    different result for the same gene goes to conflicts."""
    by_key: dict[tuple, list[_Mention]] = defaultdict(list)
    for m in group:
        v = m.finding.value
        by_key[(v["gene"], v.get("origin"))].append(m)
    by_key = {k: sub for key, mentions in by_key.items() for k, sub in _by_variant(key, mentions)}
    items: list[_Item] = []
    conflicts: list[tuple[int, list[_Mention]]] = []
    for mentions in by_key.values():
        mentions.sort(key=lambda m: m.text_key())
        chosen = _item_of(mentions[-1])
        for m in mentions[:-1]:
            earlier = _item_of(m)
            for leaf, evs in earlier.leaves.items():
                if _same(earlier.value.get(leaf), chosen.value.get(leaf)):
                    chosen.leaves.setdefault(leaf, []).extend(evs)
                elif chosen.value.get(leaf) is None and earlier.value.get(leaf) is not None \
                        and leaf == "variant" and earlier.value.get("result") == chosen.value.get("result"):
                    chosen.value[leaf] = earlier.value[leaf]
                    chosen.leaves[leaf] = evs
        results = _distinct_values_of(mentions, "result")
        if len(results) > 1:
            conflicts.append((len(items), mentions))
        items.append(chosen)
    _emit_items("genomics", items, profile, report)
    for i, mentions in conflicts:
        chosen = items[i].value["result"]
        ordered = sorted(mentions, key=lambda m: m.finding.value["result"] != chosen)
        report.conflicts.append(Conflict(
            field=f"genomics[{i}].result",
            values=_distinct_values_of(ordered, "result"),
            evidence=_dedupe([ev for m in ordered for ev in m.finding.evidence]),
            resolution="latest (merge.genomics.latest)",
        ))


#: Results that name a variant found (two found variants of one gene are two findings).
_FOUND = ("detected", "pathogenic", "vus")


def _by_variant(key: tuple, mentions: list[_Mention]) -> list[tuple[tuple, list[_Mention]]]:
    """A gene's mentions split by variant when two or more different variants were found ("ESR1 Y537S detected",
    "ESR1 D538G detected" on one ctDNA report): one group per variant, a mention naming no variant joining the
    group of the last variant found before it (else the first); otherwise the one group."""
    variants: list[str] = []
    for m in mentions:
        v = m.finding.value
        if v.get("result") in _FOUND and v.get("variant") and v["variant"] not in variants:
            variants.append(v["variant"])
    if len(variants) < 2:
        return [(key, mentions)]
    groups: dict[str, list[_Mention]] = {v: [] for v in variants}
    last = variants[0]
    for m in sorted(mentions, key=lambda m: m.text_key()):
        v = m.finding.value.get("variant")
        if m.finding.value.get("result") in _FOUND and v in groups:
            last = v
            groups[v].append(m)
        else:
            groups[last].append(m)
    return [((*key, v), sub) for v, sub in groups.items()]


def _distinct_values_of(mentions: list[_Mention], key: str) -> list[Any]:
    out: list[Any] = []
    for m in mentions:
        v = m.finding.value.get(key)
        if v not in out:
            out.append(v)
    return out
