"""Conditions over profile selectors, evaluated in three-valued logic (True, False, None=unknown).

In a rule file a condition is one of

    {all: [...]}  {any: [...]}  {not: {...}}
    {path: SELECTOR, <op>: VALUE}     op: eq, ne, in, lt, le, gt, ge, contains, only, exists

A comparison on a value the records do not state is unknown, never false. `exists` asks
whether the records state something: on a picked list item (`meds[name=ribociclib]`) it is
unknown when the records give no such list at all, and false when they give the list without
that item. `all` is false if any part is false, else unknown if any part is unknown; `any` is
true if any part is true, else unknown if any part is unknown; `not` keeps unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from personalize.profile_view import LISTS, ProfileView, Resolved, SelectorError, parse_selector

OPERATORS = ("eq", "ne", "in_", "lt", "le", "gt", "ge", "contains", "only", "exists")


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    all: list["Condition"] | None = None
    any: list["Condition"] | None = None
    not_: "Condition | None" = Field(None, alias="not")
    path: str | None = None
    eq: Any = None
    ne: Any = None
    in_: list[Any] | None = Field(None, alias="in")
    lt: float | None = None
    le: float | None = None
    gt: float | None = None
    ge: float | None = None
    contains: str | None = None
    only: list[str] | None = None
    exists: bool | None = None

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        forms = [self.all is not None, self.any is not None, self.not_ is not None, self.path is not None]
        if sum(forms) != 1:
            raise ValueError("a condition is exactly one of: all, any, not, or path with an operator")
        ops = [op for op in OPERATORS if getattr(self, op) is not None]
        if self.path is not None:
            if len(ops) != 1:
                raise ValueError(f"condition on {self.path!r} needs exactly one operator of {OPERATORS}, got {ops}")
            try:
                parse_selector(self.path)
            except SelectorError as exc:
                raise ValueError(str(exc)) from exc
        elif ops:
            raise ValueError(f"operators {ops} need a path")
        if (self.all is not None and not self.all) or (self.any is not None and not self.any):
            raise ValueError("all/any need at least one condition")
        return self

    def paths(self) -> list[str]:
        if self.path is not None:
            return [self.path]
        children = self.all or self.any or ([self.not_] if self.not_ else [])
        return [p for c in children for p in c.paths()]


@dataclass
class Outcome:
    value: bool | None
    #: Profile values that made the outcome (for `because`), in evaluation order.
    used: list[Resolved] = field(default_factory=list)
    #: Selectors whose values were not stated (for `missing`).
    unknown: list[str] = field(default_factory=list)


def expand(selector: str, bindings: dict[str, str]) -> str:
    """Replace a leading binding name ('anc.value' with anc = 'labs[name=ANC]')."""
    head, dot, rest = selector.partition(".")
    if head in bindings:
        return bindings[head] + (dot + rest if dot else "")
    return selector


def evaluate(cond: Condition, view: ProfileView, bindings: dict[str, str] | None = None) -> Outcome:
    bindings = bindings or {}
    if cond.path is not None:
        return _leaf(cond, view, expand(cond.path, bindings))
    if cond.not_ is not None:
        inner = evaluate(cond.not_, view, bindings)
        return Outcome(None if inner.value is None else not inner.value, inner.used, inner.unknown)
    parts = [evaluate(c, view, bindings) for c in (cond.all or cond.any or [])]
    unknown = [u for p in parts for u in p.unknown]
    if cond.all is not None:
        if any(p.value is False for p in parts):
            return Outcome(False, [r for p in parts if p.value is False for r in p.used])
        if any(p.value is None for p in parts):
            return Outcome(None, [r for p in parts for r in p.used], unknown)
        return Outcome(True, [r for p in parts for r in p.used])
    if any(p.value is True for p in parts):
        return Outcome(True, [r for p in parts if p.value is True for r in p.used])
    if any(p.value is None for p in parts):
        return Outcome(None, [r for p in parts for r in p.used], unknown)
    return Outcome(False, [r for p in parts for r in p.used])


def _leaf(cond: Condition, view: ProfileView, selector: str) -> Outcome:
    resolved = view.resolve(selector)
    if cond.exists is not None:
        steps = parse_selector(selector)
        if resolved is None and steps[0].name in LISTS and steps[0].picks and not view.list_present(steps[0].name):
            return Outcome(None, [], [selector])
        found = resolved is not None
        return Outcome(found == cond.exists, [resolved] if found else [])
    if resolved is None:
        return Outcome(None, [], [selector])
    value = resolved.value
    if isinstance(value, dict) and "name" in value:
        value = value["name"]
    result = _compare(cond, value)
    return Outcome(result, [resolved]) if result is not None else Outcome(None, [], [selector])


def _norm(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _compare(cond: Condition, value: Any) -> bool | None:
    if cond.eq is not None:
        return _norm(value) == _norm(cond.eq)
    if cond.ne is not None:
        return _norm(value) != _norm(cond.ne)
    if cond.in_ is not None:
        return _norm(value) in [_norm(v) for v in cond.in_]
    if cond.contains is not None:
        return isinstance(value, list) and cond.contains.lower() in [_norm(v) for v in value]
    if cond.only is not None:
        allowed = {v.lower() for v in cond.only}
        return isinstance(value, list) and bool(value) and all(_norm(v) in allowed for v in value)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None  # a number was asked for and the record holds something else
    for op, test in (("lt", float.__lt__), ("le", float.__le__), ("gt", float.__gt__), ("ge", float.__ge__)):
        bound = getattr(cond, op)
        if bound is not None:
            return test(float(value), float(bound))
    return None


Condition.model_rebuild()
