"""Does a block of a general answer apply to this patient? yes, no or unknown, with reasons.

What a block is about comes from `extract.concepts` run over its text and headings. Mentions
scope the block along dimensions (HER2, hormone receptors, setting, menopause, gene results,
medicines). Rules, in order:

- Mentions of receptor subtypes form phrases: adjacent mentions of different dimensions join
  ("HR+/HER2-" is one phrase: HR-positive and HER2-negative); separate phrases are
  alternatives ("triple-negative or HER2-positive"). Other dimensions combine by AND.
- A broad mention ("HER2-negative", "early-stage") gives way to a narrower mention of the same
  dimension ("HER2-low is a kind of HER2-negative cancer" is about HER2-low).
- Headings state scope deliberately: an inner heading overrides an outer one, and a heading
  overrides incidental mentions in the block's own text for the same dimension; the text adds
  dimensions the headings leave open. The answer's title scopes nothing.
- Medicines scope a block only when it speaks of taking them ("If you take tamoxifen ...") in a
  heading or the block's first sentence; a medicine named in passing scopes nothing.
- For each dimension the profile allows a set of values (all of them when the records are
  silent). The block applies when every allowed value is in its scope, does not apply when
  none is, and is unknown otherwise. An ER-low result against a block for HR-positive or for
  triple-negative cancer is unknown (ER-low cancers may behave like either).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.concepts import ConceptMatch, ConceptMatcher
from personalize.display import Display, join, number
from personalize.profile_view import ProfileView, Resolved

SUBTYPE_DIMS = frozenset({"hr", "her2"})
_JOINER = re.compile(r"^[\s/,;:()\-\u2010\u2011\u2013\u2212+]*(?:and\s+)?[\s/,;:()\-\u2010\u2011\u2013\u2212]*$", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"^[^.:;?!]*[.:;?!]?")

Phrase = dict  # dimension -> frozenset of values


@dataclass
class Group:
    """Alternatives (OR) over phrases; each phrase constrains one or more dimensions (AND)."""

    phrases: list[Phrase]
    labels: list[str]

    @property
    def dims(self) -> set[str]:
        return {d for p in self.phrases for d in p}

    def without(self, dims: set[str]) -> "Group | None":
        phrases = [{d: v for d, v in p.items() if d not in dims} for p in self.phrases]
        phrases = [p for p in phrases if p]
        return Group(phrases, self.labels) if phrases else None


@dataclass
class Scope:
    groups: list[Group] = field(default_factory=list)
    #: Generic names the block is about taking, or None.
    medicines: frozenset[str] | None = None
    medicine_labels: list[str] = field(default_factory=list)

    @property
    def dims(self) -> set[str]:
        return {d for g in self.groups for d in g.dims}

    def override(self, inner: "Scope") -> "Scope":
        """An inner heading's scope replaces this one's for the dimensions it names."""
        kept = [g2 for g in self.groups if (g2 := g.without(inner.dims)) is not None]
        meds = inner.medicines if inner.medicines is not None else self.medicines
        labels = inner.medicine_labels if inner.medicines is not None else self.medicine_labels
        return Scope(kept + inner.groups, meds, labels)

    def add_open(self, own: "Scope") -> "Scope":
        """The block's own mentions add only dimensions the headings leave open."""
        added = [g2 for g in own.groups if (g2 := g.without(self.dims)) is not None]
        meds = self.medicines if self.medicines is not None else own.medicines
        labels = self.medicine_labels if self.medicines is not None else own.medicine_labels
        return Scope(self.groups + added, meds, labels)

    @property
    def empty(self) -> bool:
        return not self.groups and self.medicines is None


def _scoping(matches: list[ConceptMatch]) -> list[ConceptMatch]:
    return [m for m in matches if m.scope and m.kind not in ("drug", "drug_class", "topic", "gene")]


def _prune_broad(matches: list[ConceptMatch]) -> list[ConceptMatch]:
    """Drop a broad mention when a narrower mention of the same dimension is present."""
    out = []
    for m in matches:
        if m.broad and any(
            other is not m and dim in other.scope and other.scope[dim] < m.scope[dim]
            for other in matches for dim in m.scope
        ):
            continue
        out.append(m)
    return out


def scope_of(text: str, matches: list[ConceptMatch], matcher: ConceptMatcher, *, heading: bool, offset: int = 0) -> Scope:
    """The scope stated by one piece of text (a heading, or a block's own text).

    `matches` may come from a longer text in which this piece starts at `offset`.
    """
    scoping = _prune_broad(_scoping(matches))
    subtype = sorted((m for m in scoping if set(m.scope) <= SUBTYPE_DIMS), key=lambda m: m.start)
    groups: list[Group] = []
    if subtype:
        phrases: list[list[ConceptMatch]] = []
        for m in subtype:
            prev = phrases[-1][-1] if phrases else None
            if (prev is not None and len(prev.scope) == 1 and len(m.scope) == 1 and set(prev.scope) != set(m.scope)
                    and len(phrases[-1]) < 2 and m.start - prev.end <= 12
                    and _JOINER.match(text[prev.end - offset:m.start - offset])):
                phrases[-1].append(m)
            else:
                phrases.append([m])
        merged: list[Phrase] = []
        for phrase in phrases:
            p: Phrase = {}
            for m in phrase:
                for dim, values in m.scope.items():
                    p[dim] = p[dim] & values if dim in p else values
            # Alternatives on one same dimension are one wider alternative ("HER2-positive or -negative").
            same = next((q for q in merged if len(q) == 1 and len(p) == 1 and set(q) == set(p)), None)
            if same is not None:
                dim = next(iter(p))
                same[dim] = same[dim] | p[dim]
            elif p not in merged:
                merged.append(p)
        groups.append(Group(merged, _labels(subtype)))
    by_dim: dict[str, list[ConceptMatch]] = {}
    for m in scoping:
        if not set(m.scope) <= SUBTYPE_DIMS:
            for dim in m.scope:
                by_dim.setdefault(dim, []).append(m)
    for dim, ms in by_dim.items():
        values = frozenset().union(*(m.scope[dim] for m in ms))
        groups.append(Group([{dim: values}], _labels(ms)))

    medicines = None
    labels: list[str] = []
    cue_text = text if heading else _FIRST_SENTENCE.match(text).group(0)  # type: ignore[union-attr]
    if matcher.has_taking_cue(cue_text):
        limit = offset + len(cue_text)
        drugs = [m for m in matches if m.kind in ("drug", "drug_class") and m.start < limit and m.scope.get("medication")]
        if drugs:
            medicines = frozenset().union(*(m.scope["medication"] for m in drugs))
            labels = _labels(drugs, use_text=True)
    return Scope(groups, medicines, labels)


def _labels(matches: list[ConceptMatch], use_text: bool = False) -> list[str]:
    out: list[str] = []
    for m in matches:
        label = m.text if use_text else (f"not {m.label}" if m.negated else m.label)
        if label not in out:
            out.append(label)
    return out


# -- what the profile says per dimension ----------------------------------------------------------

ALL_VALUES = {
    "her2": frozenset({"positive", "low", "ultralow", "zero"}),
    "hr": frozenset({"positive", "low", "negative"}),
    "setting": frozenset({"early", "locally_advanced", "metastatic_oligo", "metastatic_widespread"}),
    "menopause": frozenset({"premenopausal", "perimenopausal", "postmenopausal"}),
    "brca": frozenset({"carrier", "non_carrier"}),
    "pik3ca": frozenset({"altered", "not_altered"}),
    "pi3k_pathway": frozenset({"altered", "not_altered"}),
    "esr1": frozenset({"altered", "not_altered"}),
}
_NON_METASTATIC_GROUPS = {"0": "early", "IA": "early", "IB": "early", "IIA": "early", "IIB": "early",
                          "IIIA": "locally_advanced", "IIIB": "locally_advanced", "IIIC": "locally_advanced"}
_POSITIVE_RESULTS = {"pathogenic", "detected"}


@dataclass
class Facet:
    """The values of a dimension the records allow, the fields read, and how to say it."""

    possible: frozenset[str]
    used: list[Resolved]
    shown: str | None = None


def _present(*items: Resolved | None) -> list[Resolved]:
    return [i for i in items if i is not None]


def her2_facet(view: ProfileView, display: Display) -> Facet:
    cat = view.resolve("receptors.her2.category")
    status = view.resolve("receptors.her2.status")
    ihc = view.resolve("receptors.her2.ihc_score")
    ish = view.resolve("receptors.her2.ish_result")
    detail = join([f"IHC {ihc.value}" if ihc else "", f"ISH {display.label(ish.path, ish.value)}" if ish else ""])
    if cat is not None:
        shown = display.label(cat.path, cat.value) + (f" ({detail})" if detail else "")
        return Facet(frozenset({cat.value}), _present(cat, ihc, ish), shown)
    ihc_v, ish_v, status_v = (ihc.value if ihc else None), (ish.value if ish else None), (status.value if status else None)
    possible = ALL_VALUES["her2"]
    if status_v == "positive" or ihc_v == "3+" or ish_v == "amplified":
        possible = frozenset({"positive"})
    elif ihc_v == "1+" or (ihc_v == "2+" and (ish_v == "not_amplified" or status_v == "negative")):
        possible = frozenset({"low"})
    elif ihc_v == "0":
        possible = frozenset({"ultralow", "zero"})
    elif status_v == "negative":
        possible = frozenset({"low", "ultralow", "zero"})
    if status is None and ihc is None and ish is None:
        return Facet(possible, [])
    words = f"HER2-{status_v}" if status_v else "HER2"
    return Facet(possible, _present(status, ihc, ish), words + (f" ({detail})" if detail else ""))


def hr_facet(view: ProfileView, display: Display) -> Facet:
    er, er_pct = view.resolve("receptors.er.status"), view.resolve("receptors.er.percent")
    pr = view.resolve("receptors.pr.status")
    subtype = view.resolve("subtype")
    pct = er_pct.value if er_pct else None
    er_words = ""
    if er is not None:
        er_words = "ER-low" if er.value == "low_positive" else f"ER-{er.value}"
        if pct is not None:
            er_words += f" ({number(pct)}%)"
    pr_pct = view.resolve("receptors.pr.percent")
    pr_words = f"PR-{'low' if pr.value == 'low_positive' else pr.value}" if pr else ""
    if pr_words and pr_pct is not None:
        pr_words += f" ({number(pr_pct.value)}%)"
    shown = ", ".join(w for w in (er_words, pr_words) if w) or None
    if er is not None:
        if er.value == "low_positive" or (er.value == "positive" and pct is not None and 1 <= pct <= 10):
            return Facet(frozenset({"low"}), _present(er, er_pct), shown)
        if er.value == "positive":
            return Facet(frozenset({"positive"}), _present(er, er_pct), shown)
        if pr is not None and pr.value in ("positive", "low_positive"):
            return Facet(frozenset({"positive"}), _present(er, pr, pr_pct), shown)
        if pr is not None and pr.value == "negative":
            return Facet(frozenset({"negative"}), _present(er, pr, pr_pct), shown)
        return Facet(frozenset({"negative", "positive"}), _present(er), shown)
    if subtype is not None:
        value = "positive" if subtype.value.startswith("hr_positive") else "negative"
        return Facet(frozenset({value}), [subtype], display.label(subtype.path, subtype.value))
    if pr is not None and pr.value in ("positive", "low_positive"):
        return Facet(frozenset({"positive"}), [pr], shown)
    return Facet(ALL_VALUES["hr"], [])


def setting_facet(view: ProfileView, display: Display) -> Facet:
    met = view.resolve("stage.metastatic")
    group = view.resolve("stage.group")
    oligo = view.resolve("stage.oligometastatic")
    sites = view.resolve("stage.metastatic_sites")
    m_cat = view.resolve("stage.pathologic.m") or view.resolve("stage.clinical.m")
    m_value = str(m_cat.value).upper() if m_cat else ""
    if (met is not None and met.value is True) or (group is not None and group.value == "IV") or m_value.startswith("M1"):
        shown = "metastatic"
        if sites is not None:
            shown += " to the " + display.format(sites.path, sites.value) + (" only" if len(sites.value) == 1 else "")
        if oligo is not None and oligo.value is True:
            possible = frozenset({"metastatic_oligo"})
            shown += " (oligometastatic)"
        elif oligo is not None and oligo.value is False:
            possible = frozenset({"metastatic_widespread"})
        else:
            possible = frozenset({"metastatic_oligo", "metastatic_widespread"})
        if group is not None:
            shown = f"stage {group.value}, {shown}"
        return Facet(possible, _present(met, group, m_cat, oligo, sites), shown)
    if group is not None and group.value in _NON_METASTATIC_GROUPS:
        return Facet(frozenset({_NON_METASTATIC_GROUPS[group.value]}), [group], f"stage {group.value}")
    if (met is not None and met.value is False) or m_value.startswith("M0"):
        return Facet(frozenset({"early", "locally_advanced"}), _present(met, m_cat), "not metastatic")
    return Facet(ALL_VALUES["setting"], [])


def menopause_facet(view: ProfileView, display: Display) -> Facet:
    status = view.resolve("menopausal_status")
    if status is None:
        return Facet(ALL_VALUES["menopause"], [])
    return Facet(frozenset({status.value}), [status], display.label(status.path, status.value))


def _gene_facet(view: ProfileView, display: Display, genes: tuple[str, ...], dim: str, germline_only: bool) -> Facet:
    found = []
    for gene in genes:
        r = view.resolve(f"genomics[gene={gene}]")
        if r is not None and not (germline_only and r.value.get("origin") == "somatic"):
            found.append(r)
    shown = join([f"{r.value['gene']} {display.label('genomics.result', r.value['result'])}" for r in found]) or None
    if any(r.value["result"] in _POSITIVE_RESULTS for r in found):
        hits = [r for r in found if r.value["result"] in _POSITIVE_RESULTS]
        return Facet(frozenset({"carrier" if dim == "brca" else "altered"}), hits, shown)
    if found and len(found) == len(genes) and all(r.value["result"] == "not_detected" for r in found):
        return Facet(frozenset({"non_carrier" if dim == "brca" else "not_altered"}), found, shown)
    return Facet(ALL_VALUES[dim], found, shown)


FACETS = {
    "her2": her2_facet,
    "hr": hr_facet,
    "setting": setting_facet,
    "menopause": menopause_facet,
    "brca": lambda v, d: _gene_facet(v, d, ("BRCA1", "BRCA2"), "brca", True),
    "pik3ca": lambda v, d: _gene_facet(v, d, ("PIK3CA",), "pik3ca", False),
    "pi3k_pathway": lambda v, d: _gene_facet(v, d, ("PIK3CA", "AKT1", "PTEN"), "pi3k_pathway", False),
    "esr1": lambda v, d: _gene_facet(v, d, ("ESR1",), "esr1", False),
}


# -- deciding -------------------------------------------------------------------------------------

@dataclass
class Decision:
    applies: str  # yes | no | unknown
    because: list[Resolved] = field(default_factory=list)
    #: Dimensions whose value the records do not settle (each becomes a `missing` entry).
    unknown_dims: list[str] = field(default_factory=list)
    note: str | None = None
    about: list[str] = field(default_factory=list)


class Decider:
    """Decides blocks for one profile; facets are computed once per profile."""

    def __init__(self, view: ProfileView, display: Display, er_low_note: str, about: dict[str, str]) -> None:
        self.view = view
        self.display = display
        self.er_low_note = er_low_note
        self.about = about
        self._facets: dict[str, Facet] = {}

    def _about(self, dims: list[str] | set[str], labels: list[str]) -> str:
        dim = next((d for d in ("her2", "hr", "setting", "menopause", "brca", "pik3ca", "pi3k_pathway", "esr1", "medication") if d in dims), "")
        return self.about.get(dim, "{}").replace("{}", " or ".join(labels))

    def facet(self, dim: str) -> Facet:
        if dim not in self._facets:
            self._facets[dim] = FACETS[dim](self.view, self.display)
        return self._facets[dim]

    def _dim(self, dim: str, values: frozenset[str]) -> str:
        possible = self.facet(dim).possible
        if dim == "hr" and possible == {"low"} and "low" not in values and values & {"positive", "negative"}:
            return "unknown"
        if possible <= values:
            return "yes"
        if not possible & values:
            return "no"
        return "unknown"

    def _phrase(self, phrase: Phrase) -> tuple[str, list[str]]:
        results = {dim: self._dim(dim, values) for dim, values in phrase.items()}
        if "no" in results.values():
            return "no", [d for d, r in results.items() if r == "no"]
        if "unknown" in results.values():
            return "unknown", [d for d, r in results.items() if r == "unknown"]
        return "yes", list(results)

    def decide(self, scope: Scope) -> Decision:
        about = [label for g in scope.groups for label in g.labels] + scope.medicine_labels
        if scope.empty:
            return self._general()
        outcomes: list[tuple[str, list[str], Group | None]] = []
        for group in scope.groups:
            per_phrase = [self._phrase(p) for p in group.phrases]
            if any(r == "yes" for r, _ in per_phrase):
                dims = [d for r, ds in per_phrase if r == "yes" for d in ds]
                outcomes.append(("yes", dims, group))
            elif any(r == "unknown" for r, _ in per_phrase):
                dims = [d for r, ds in per_phrase if r == "unknown" for d in ds]
                outcomes.append(("unknown", dims, group))
            else:
                outcomes.append(("no", [d for _, ds in per_phrase for d in ds], group))
        if scope.medicines is not None:
            outcomes.append((self._medicine(scope.medicines), ["medication"], None))

        results = [r for r, _, _ in outcomes]
        if "no" in results:
            failing = [(dims, g) for r, dims, g in outcomes if r == "no"]
            because = self._used([d for dims, _ in failing for d in dims], scope.medicines)
            return Decision("no", because, [], self._no_note(failing, scope), about)
        if "unknown" in results:
            dims = list(dict.fromkeys(d for r, ds, _ in outcomes if r == "unknown" for d in ds))
            known = list(dict.fromkeys(d for r, ds, _ in outcomes if r == "yes" for d in ds))
            note = self.er_low_note if "hr" in dims and self.facet("hr").possible == {"low"} else None
            return Decision("unknown", self._used(known, scope.medicines if "medication" in known else None), dims, note, about)
        dims = list(dict.fromkeys(d for _, ds, _ in outcomes for d in ds))
        return Decision("yes", self._used(dims, scope.medicines), [], None, about)

    def _general(self) -> Decision:
        """A block that names no subtype, setting or medicine: general information for everyone."""
        site = self.view.resolve("diagnosis.primary_site") or self.view.resolve("diagnosis.histology")
        return Decision("yes", [site] if site else [], [], None, [])


    def _current_medicines(self) -> list[Resolved]:
        out = []
        for i, item in enumerate(self.view.data.get("medications", [])):
            if item.get("status") not in ("stopped", "historical"):
                out.append(Resolved(f"medications[{i}]", item, self.view.evidence_for(f"medications[{i}]")))
        return out

    def _medicine(self, medicines: frozenset[str]) -> str:
        if not self.view.list_present("medications"):
            return "unknown"
        names = {str(r.value.get("name", "")).lower() for r in self._current_medicines()}
        return "yes" if names & medicines else "no"

    def _used(self, dims: list[str], medicines: frozenset[str] | None) -> list[Resolved]:
        used: list[Resolved] = []
        for dim in dict.fromkeys(dims):
            if dim == "medication":
                current = self._current_medicines()
                hits = [r for r in current if str(r.value.get("name", "")).lower() in (medicines or ())]
                used += hits or current or [r for r in (self.view.resolve("medications"),) if r]
            else:
                used += self.facet(dim).used
        seen: set[str] = set()
        return [r for r in used if not (r.path in seen or seen.add(r.path))]

    def _no_note(self, failing: list[tuple[list[str], Group | None]], scope: Scope) -> str:
        about, records = [], []
        for dims, group in failing:
            if group is None:
                about.append(self._about(["medication"], [join(scope.medicine_labels)]))
                current = [str(r.value.get("name")) for r in self._current_medicines()]
                records.append(f"your records list {join(current)}" if current else "your records list no current medicine of this kind")
                continue
            about.append(self._about(group.dims, group.labels))
            for dim in dict.fromkeys(dims):
                shown = self.facet(dim).shown
                if shown:
                    records.append(f"your records say {shown}")
        return f"This part is about {'; '.join(about)}; " + "; ".join(dict.fromkeys(records)) + "."
