"""Derived values: `derive_all(report: ProfileReport) -> ProfileReport`.

Called by the merge once the documents' findings are one profile. Follows
`../shared/reference/breast-oncology.md`:

- ER/PR status from percent: < 1 % negative, 1-10 % low_positive, > 10 % positive. The status the
  report states is kept; a stated "positive" at 1-10 % is refined to low_positive (ASCO/CAP 2020
  calls that range "low positive"); any other disagreement keeps the stated status. Both cases add
  a conflict so a navigator sees the two readings.
- HER2 final status: ISH settles an IHC 2+ (the report's clean ISH interpretation, else the 2018
  groups 1-5 from ratio and copy number, with the concurrent IHC for groups 2-4; a ratio >= 2.0
  without the mean copy number, or a hedged "amplified", stays equivocal unless IHC is 3+); IHC 3+
  positive, 0/1+ negative, 2+ without ISH equivocal. A stated final status is kept; a disagreement
  with the derived one becomes a conflict.
- HER2 category: positive; low (IHC 1+, or 2+ with negative ISH); ultralow (IHC 0 with faint
  staining in <= 10 % of cells, as stated); zero (IHC 0 with no staining, as stated). IHC 2+ with
  ISH pending has no category. An IHC 0 whose staining detail is not given has no category.
- subtype from hormone receptors and final HER2 status.
- pathologic T from the invasive tumour size (T1mi ... T3) when no pT is stated, the size comes from
  a pathology document's resection or excision (never a core biopsy) and nothing states a T4
  extension (skin ulceration, chest wall, inflammatory); a stated pT whose group the size
  contradicts is kept, with a conflict, and so is a stated T1 subcategory (T1mi, T1a, T1b, T1c)
  that the size contradicts both as measured and as AJCC rounds it (to the nearest millimetre,
  1-2 mm up to 2 mm).
- pathologic N from the index side's axillary node counts when no pN is stated (`n_from_nodes`;
  prefix yp after neoadjuvant therapy); a stated pN whose group the counts contradict is kept, with
  a conflict.
- AJCC anatomic stage group from T/N/M when the records state none, and only when M is known
  (M0 or M1): a pathology report's "MX" or silence about M is not M0. Never a prognostic stage.
- metastatic flag from M1 (or a stated stage IV); False from a stated M0.

Derived values carry the evidence of their inputs, each entry's rule replaced by the derivation's
`derived.*` rule id (the input rule is kept in the entry's note).
"""

from __future__ import annotations

import re
from typing import Any

from extract.models import IN_SITU_HISTOLOGIES, Conflict, Evidence, ProfileReport

# -- profile access by dotted path --------------------------------------------------------------


def get_path(report: ProfileReport, path: str) -> Any:
    node: Any = report.profile
    for part in path.split("."):
        if node is None:
            return None
        node = node.get(part) if isinstance(node, dict) else getattr(node, part, None)
    return node


def set_path(report: ProfileReport, path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = report.profile
    for part in parts[:-1]:
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    if isinstance(node, dict):
        node[parts[-1]] = value
    else:
        setattr(node, parts[-1], value)


def _derived_evidence(report: ProfileReport, rule: str, inputs: list[str]) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[tuple] = set()
    for path in inputs:
        for ev in report.evidence.get(path, []):
            key = (ev.document, ev.page, ev.start, ev.end)
            if key in seen:
                continue
            seen.add(key)
            out.append(ev.model_copy(update={"rule": rule, "note": f"input {path} ({ev.rule})"}))
    return out


def _set_derived(report: ProfileReport, path: str, value: Any, rule: str, inputs: list[str]) -> None:
    evidence = _derived_evidence(report, rule, inputs)
    if not evidence:
        return  # no value without evidence
    set_path(report, path, value)
    report.evidence[path] = evidence


def _conflict(report: ProfileReport, path: str, values: list[Any], inputs: list[str], resolution: str) -> None:
    evidence = [ev for p in inputs for ev in report.evidence.get(p, [])]
    if any(c.field == path and c.values == values for c in report.conflicts):
        return
    report.conflicts.append(Conflict(field=path, values=values, evidence=evidence, resolution=resolution))


# -- ER / PR --------------------------------------------------------------------------------------


def status_from_percent(percent: float) -> str:
    if percent < 1:
        return "negative"
    if percent <= 10:
        return "low_positive"
    return "positive"


def _hormone_receptor(report: ProfileReport, name: str) -> None:
    base = f"receptors.{name}"
    percent = get_path(report, f"{base}.percent")
    stated = get_path(report, f"{base}.status")
    if percent is None:
        return
    if get_path(report, f"{base}.percent_qualifier") == ">":
        # "> N %": every value above N must give the same status, else the status is not known.
        low, high = status_from_percent(float(percent) + 0.01), status_from_percent(100.0)
        if low != high:
            return
    derived = status_from_percent(float(percent))
    if get_path(report, f"{base}.percent_qualifier") == ">":
        derived = status_from_percent(float(percent) + 0.01)
    rule = f"derived.{name}.status-from-percent"
    if stated is None:
        _set_derived(report, f"{base}.status", derived, rule, [f"{base}.percent"])
    elif stated == derived:
        return
    elif stated == "positive" and derived == "low_positive":
        _conflict(report, f"{base}.status", [stated, derived], [f"{base}.status", f"{base}.percent"],
                  "refined to low_positive: 1-10 % staining is ER/PR-low positive (ASCO/CAP 2020)")
        _set_derived(report, f"{base}.status", derived, rule, [f"{base}.status", f"{base}.percent"])
    else:
        _conflict(report, f"{base}.status", [stated, derived], [f"{base}.status", f"{base}.percent"],
                  "stated status kept; it disagrees with the percent of stained cells")


# -- HER2 -----------------------------------------------------------------------------------------


def ish_group(ratio: float | None, copies: float | None) -> int | None:
    """ASCO/CAP 2018 dual-probe ISH group (1-5), or None without both numbers."""
    groups = ish_groups(ratio, copies, copies)
    return next(iter(groups)) if len(groups) == 1 else None


def ish_groups(ratio: float | None, low: float | None, high: float | None) -> set[int]:
    """The 2018 groups a result may be in: the ratio with a mean HER2 copy number (low == high),
    a range of copies per nucleus ("Her2x3-5"), or no copy number (low and high None)."""
    if ratio is None:
        return set()
    lo = 0.0 if low is None else low
    hi = float("inf") if high is None else high
    if ratio >= 2.0:
        return ({1} if hi >= 4.0 else set()) | ({2} if lo < 4.0 else set())
    return (({3} if hi >= 6.0 else set()) | ({4} if lo < 6.0 and hi >= 4.0 else set())
            | ({5} if lo < 4.0 else set()))


def _group_status(group: int, ihc: str | None) -> str | None:
    """Final status of a group, with the concurrent IHC for groups 2-4 (None when IHC unknown)."""
    if group == 1:
        return "positive"
    if group == 5:
        return "negative"
    if ihc is None:
        return None
    return "positive" if ihc == "3+" or (group == 3 and ihc == "2+") else "negative"


def ish_status(result: str | None, ratio: float | None, copies: float | None, ihc: str | None,
               copies_range: tuple[float, float] | None = None, caveat: bool = False) -> str | None:
    """HER2 status from ISH under the 2018 groups, strictly.

    The report's stated interpretation decides ("amplified", "not amplified"), unless the report
    hedges it ("this result may not reflect true amplification"). Otherwise the status is the one
    every group the numbers allow gives (with the concurrent IHC for groups 2-4): a ratio of 2.0 or
    more without the mean copy number may be group 1 or 2, so it is not positive by itself unless
    IHC is 3+. When the groups disagree, the status is equivocal if amplification is possible (ratio
    >= 2.0) or the report states an ISH result, and unknown otherwise."""
    if result == "amplified" and not caveat:
        return "positive"
    if result == "not_amplified" and not caveat:
        return "negative"
    low, high = copies_range if copies_range else (copies, copies)
    statuses = {_group_status(g, ihc) for g in ish_groups(ratio, low, high)}
    if len(statuses) == 1 and None not in statuses:
        return next(iter(statuses))
    if (ratio is not None and ratio >= 2.0) or result is not None:
        return "equivocal"
    return None


def _her2(report: ProfileReport) -> None:
    b = "receptors.her2"
    ihc = get_path(report, f"{b}.ihc_score")
    result = get_path(report, f"{b}.ish_result")
    ratio = get_path(report, f"{b}.ish_ratio")
    copies = get_path(report, f"{b}.ish_copy_number")
    stated = get_path(report, f"{b}.status")

    copies_range = get_path(report, f"{b}.ish_copy_number_range")
    caveat = bool(get_path(report, f"{b}.ish_caveat"))
    ish_inputs = [p for p in (f"{b}.ish_result", f"{b}.ish_ratio", f"{b}.ish_copy_number",
                              f"{b}.ish_copy_number_range", f"{b}.ish_caveat")
                  if get_path(report, p) is not None]
    from_ish = ish_status(result, ratio, copies, ihc, tuple(copies_range) if copies_range else None, caveat)
    if from_ish is not None:
        derived, inputs = from_ish, ish_inputs + ([f"{b}.ihc_score"] if ihc else [])
    elif ihc is not None:
        derived = {"3+": "positive", "2+": "equivocal", "1+": "negative", "0": "negative"}[ihc]
        inputs = [f"{b}.ihc_score"]
    elif get_path(report, f"{b}.category") in ("low", "ultralow", "zero"):
        # A stated HER2-low, -ultralow or -zero is HER2-negative by definition (ASCO/CAP).
        derived, inputs = "negative", [f"{b}.category"]
    else:
        derived, inputs = from_ish, ish_inputs

    rule = "derived.her2.status"
    if derived is not None:
        if stated is None:
            _set_derived(report, f"{b}.status", derived, rule, inputs)
        elif stated == "equivocal" and derived in ("positive", "negative"):
            # The ISH result settles an equivocal IHC: that is the final status, not a conflict.
            _set_derived(report, f"{b}.status", derived, rule, inputs + [f"{b}.status"])
        elif stated != derived:
            _conflict(report, f"{b}.status", [stated, derived], [f"{b}.status", *inputs],
                      "stated final status kept; it disagrees with the IHC/ISH results")

    status = get_path(report, f"{b}.status")
    category = None
    cat_inputs: list[str] = [f"{b}.status"]
    detail = get_path(report, f"{b}.ihc_detail")
    if status == "positive":
        category = "positive"
    elif status == "negative" and ihc == "1+":
        category, cat_inputs = "low", [f"{b}.ihc_score", f"{b}.status"]
    elif status == "negative" and ihc == "2+":
        category, cat_inputs = "low", [f"{b}.ihc_score", f"{b}.status", *ish_inputs]
    elif status == "negative" and ihc == "0" and detail in ("ultralow", "null"):
        category = "ultralow" if detail == "ultralow" else "zero"
        cat_inputs = [f"{b}.ihc_score", f"{b}.ihc_detail"]
    stated_category = get_path(report, f"{b}.category")
    if category is not None and stated_category is None:
        _set_derived(report, f"{b}.category", category, "derived.her2.category", cat_inputs)
    elif category is not None and stated_category != category:
        _conflict(report, f"{b}.category", [stated_category, category], [f"{b}.category", *cat_inputs],
                  "stated HER2 category kept; it disagrees with the IHC/ISH results")


# -- subtype --------------------------------------------------------------------------------------

_POSITIVE = ("positive", "low_positive")


def _subtype(report: ProfileReport) -> None:
    if report.profile.subtype is not None:
        return
    er = get_path(report, "receptors.er.status")
    pr = get_path(report, "receptors.pr.status")
    her2 = get_path(report, "receptors.her2.status")
    if her2 not in ("positive", "negative"):
        return
    if er in _POSITIVE or pr in _POSITIVE:
        hr, hr_inputs = True, [p for p, v in (("receptors.er.status", er), ("receptors.pr.status", pr)) if v in _POSITIVE]
    elif er == "negative" and pr == "negative":
        hr, hr_inputs = False, ["receptors.er.status", "receptors.pr.status"]
    else:
        return
    subtype = {
        (True, "negative"): "hr_positive_her2_negative",
        (True, "positive"): "hr_positive_her2_positive",
        (False, "positive"): "hr_negative_her2_positive",
        (False, "negative"): "triple_negative",
    }[(hr, her2)]
    _set_derived(report, "subtype", subtype, "derived.subtype", hr_inputs + ["receptors.her2.status"])


# -- stage ----------------------------------------------------------------------------------------


def _t_group(t: str) -> str | None:
    t = t.upper()
    if t.startswith("TIS"):
        return "Tis"
    for g in ("T0", "T1", "T2", "T3", "T4"):
        if t.startswith(g):
            return g
    return None


def _n_group(n: str) -> str | None:
    n = n.upper().replace(" ", "")
    if n.startswith("N1MI"):
        return "N1mi"
    for g in ("N0", "N1", "N2", "N3"):
        if n.startswith(g):
            return g
    return None


def anatomic_stage(t: str, n: str, m: str) -> str | None:
    """AJCC 8th anatomic stage group from categories (None when TX/NX or not covered)."""
    if m.upper().startswith("M1"):
        return "IV"
    if not m.upper().startswith("M0"):
        return None
    tg, ng = _t_group(t), _n_group(n)
    if tg is None or ng is None:
        return None
    if ng == "N3":
        return "IIIC"
    if tg == "T4":
        return "IIIB"
    if ng == "N2":
        return "IIIA"
    if ng == "N1mi" and tg in ("T0", "T1"):
        return "IB"
    if ng in ("N1", "N1mi"):
        return {"T0": "IIA", "T1": "IIA", "T2": "IIB", "T3": "IIIA"}.get(tg)
    # N0
    return {"Tis": "0", "T1": "IA", "T2": "IIA", "T3": "IIB"}.get(tg)


_NOT_PATHOLOGY = ("clinic_note", "imaging", "lab", "medication_list", "genetics")
#: Procedures whose tumour size is a length of tumour in the sample, not the tumour's size.
_BIOPSIES = ("core_biopsy", "fine_needle_aspiration")


def t_from_size(mm: float) -> str:
    """AJCC 8th T category from the largest invasive focus (T1-T3 only; T4 depends on extension)."""
    if mm <= 1:
        return "T1mi"
    if mm <= 5:
        return "T1a"
    if mm <= 10:
        return "T1b"
    if mm <= 20:
        return "T1c"
    if mm <= 50:
        return "T2"
    return "T3"


def _pt_from_size(report: ProfileReport) -> None:
    """pT from the pathologic tumour size when no pT is stated and nothing says T4; a stated pT
    that the size contradicts (pT2 for a 72 mm tumour) is kept, with a conflict."""
    size = get_path(report, "diagnosis.tumor_size_mm")
    if size is None or get_path(report, "stage.t4_feature"):
        return
    kinds = {d.id: d.kind for d in report.documents}
    sources = report.evidence.get("diagnosis.tumor_size_mm", [])
    if not sources or kinds.get(sources[0].document) in _NOT_PATHOLOGY:
        return  # a size measured on imaging is not a pathologic T
    if report._tumor_size_procedure in _BIOPSIES:
        return  # a core's tumour length is no pT (only a resection or excision measures the tumour)
    by_size = t_from_size(float(size))
    stated = get_path(report, "stage.pathologic.t")
    if stated is None:
        _set_derived(report, "stage.pathologic.t", by_size, "derived.stage.pt-from-size",
                     ["diagnosis.tumor_size_mm"])
    elif get_path(report, "stage.pathologic.prefix") == "yp":
        return  # after neoadjuvant therapy the residual size does not set the category alone
    elif stated[:2] in ("T1", "T2", "T3") and stated[:2] != by_size[:2]:
        _conflict(report, "stage.pathologic.t", [stated, by_size], ["stage.pathologic.t", "diagnosis.tumor_size_mm"],
                  "stated pT kept; the tumour size in the records gives another T category")
    elif _t1_subcategory_contradicted(stated, float(size)):
        _conflict(report, "stage.pathologic.t", [stated, by_size], ["stage.pathologic.t", "diagnosis.tumor_size_mm"],
                  "stated pT kept; the tumour size in the records gives another T1 subcategory")


_T1_SUB = re.compile(r"T1(mi|a|b|c)(?![a-z])", re.IGNORECASE)


def _ajcc_rounded_mm(mm: float) -> float:
    """A size rounded as AJCC rounds it: to the nearest millimetre, with sizes between 1 and 2 mm
    rounded up to 2 mm (so a 1.4 mm focus is T1a, not T1mi)."""
    if 1 < mm < 2:
        return 2.0
    return float(int(mm + 0.5))


def _t1_subcategory_contradicted(stated: str, mm: float) -> bool:
    """A stated T1 subcategory (T1mi, T1a, T1b, T1c) that the largest invasive size contradicts,
    read both as measured and as AJCC rounds it (a 5.4 mm focus stated pT1a is not a conflict)."""
    m = _T1_SUB.match(stated)
    if m is None:
        return False  # "T1" alone names no subcategory
    written = "T1" + m.group(1).lower()
    readings = {t_from_size(mm), t_from_size(_ajcc_rounded_mm(mm))}
    return all(r.startswith("T1") for r in readings) and written not in readings


def n_from_nodes(positive: int, *, itc: bool = False, micrometastases: int | None = None,
                 n3_site: bool = False) -> str:
    """N category from the index side's axillary node count (AJCC 8th, group level): 0 -> N0
    (N0(i+) when isolated tumour cells are the only finding), micrometastases only in 1-3 nodes ->
    N1mi, 1-3 -> N1, 4-9 -> N2, 10 or more -> N3; a positive supraclavicular or infraclavicular
    node -> N3 whatever the count."""
    if n3_site:
        return "N3"
    if positive == 0:
        return "N0(i+)" if itc else "N0"
    if micrometastases == positive and positive <= 3:
        return "N1mi"
    if positive <= 3:
        return "N1"
    if positive <= 9:
        return "N2"
    return "N3"


def _from_pathology(report: ProfileReport, path: str) -> bool:
    kinds = {d.id: d.kind for d in report.documents}
    sources = report.evidence.get(path, [])
    return bool(sources) and kinds.get(sources[0].document) not in _NOT_PATHOLOGY


def _pn_from_nodes(report: ProfileReport) -> None:
    """pN from the node counts when no pN is stated (`derived.stage.pn-from-nodes`); a stated pN
    whose group the counts contradict is kept, with a conflict."""
    b = "lymph_nodes"
    axillary = get_path(report, f"{b}.axillary_positive") is not None
    pos_path, ex_path = (f"{b}.axillary_positive", f"{b}.axillary_examined") if axillary else (
        f"{b}.positive", f"{b}.examined")
    positive, examined = get_path(report, pos_path), get_path(report, ex_path)
    if positive is None or not examined or not _from_pathology(report, pos_path):
        return
    if get_path(report, f"{b}.internal_mammary_positive"):
        return  # N1b/N1c/N2b/N3b depend on how the internal mammary node was found
    n3_paths = [p for p in (f"{b}.supraclavicular_positive", f"{b}.infraclavicular_positive") if get_path(report, p)]
    itc = bool(get_path(report, f"{b}.isolated_tumor_cells"))
    micro = get_path(report, f"{b}.micrometastases")
    derived = n_from_nodes(int(positive), itc=itc, micrometastases=micro, n3_site=bool(n3_paths))
    if derived.startswith("N0") and get_path(report, f"{b}.workup_pending"):
        return  # deeper levels or stains of the negative nodes are still to be reported
    inputs = [pos_path, ex_path, *n3_paths]
    if derived == "N0(i+)":
        inputs.append(f"{b}.isolated_tumor_cells")
    elif derived == "N1mi":
        inputs.append(f"{b}.micrometastases")
    stated = get_path(report, "stage.pathologic.n")
    if stated is not None:
        if _n_group(stated) and _n_group(stated)[:2] != derived[:2] and not n3_paths:
            _conflict(report, "stage.pathologic.n", [stated, derived], ["stage.pathologic.n", *inputs],
                      "stated pN kept; the node counts in the records give another N category")
        return
    _set_derived(report, "stage.pathologic.n", derived, "derived.stage.pn-from-nodes", inputs)
    if get_path(report, "stage.pathologic.prefix") is None and get_path(report, "treatment.neoadjuvant"):
        _set_derived(report, "stage.pathologic.prefix", "yp", "derived.stage.pn-from-nodes",
                     ["treatment.neoadjuvant"])


def _stage(report: ProfileReport) -> None:
    _pt_from_size(report)
    _pn_from_nodes(report)
    stage = report.profile.stage
    m_path = None
    for prefix in ("stage.pathologic", "stage.clinical"):
        if get_path(report, f"{prefix}.m"):
            m_path = f"{prefix}.m"
            break
    m = get_path(report, m_path) if m_path else None

    if stage.metastatic is None:
        if m and m.upper().startswith("M1"):
            _set_derived(report, "stage.metastatic", True, "derived.stage.metastatic-from-m1", [m_path])
        elif stage.group == "IV":
            _set_derived(report, "stage.metastatic", True, "derived.stage.metastatic-from-stage-iv", ["stage.group"])
        elif m and m.upper().startswith("M0"):
            _set_derived(report, "stage.metastatic", False, "derived.stage.metastatic-from-m0", [m_path])

    if stage.group is not None or m is None:
        return
    for prefix in ("stage.pathologic", "stage.clinical"):
        t, n = get_path(report, f"{prefix}.t"), get_path(report, f"{prefix}.n")
        if t and n:
            group = anatomic_stage(t, n, m)
            if group:
                _set_derived(report, "stage.group", group, "derived.stage.group-from-tnm",
                             [f"{prefix}.t", f"{prefix}.n", m_path])
            return
    if m.upper().startswith("M1"):
        _set_derived(report, "stage.group", "IV", "derived.stage.group-from-tnm", [m_path])


def _in_situ_beside_invasive_t(report: ProfileReport) -> None:
    """DCIS or LCIS as the histology beside an invasive pathologic T (T1mi-T4): the records state an
    invasive carcinoma whose type was not read (an OCR slip in its words, a phrasing we do not know).
    The in-situ disease is its component, not its histology: it moves to
    `diagnosis.in_situ_histology` (as for an untyped invasive carcinoma) and a conflict tells the
    navigator that the invasive type is missing."""
    histology, t = get_path(report, "diagnosis.histology"), get_path(report, "stage.pathologic.t")
    if histology not in IN_SITU_HISTOLOGIES or not t or _t_group(t) not in ("T1", "T2", "T3", "T4"):
        return
    _conflict(report, "diagnosis.histology", [histology, t], ["diagnosis.histology", "stage.pathologic.t"],
              "in-situ disease beside an invasive pathologic T: the invasive carcinoma's type is not read; "
              "kept as the in-situ component")
    for leaf in ("histology", "histology_code"):
        value, evidence = get_path(report, f"diagnosis.{leaf}"), report.evidence.pop(f"diagnosis.{leaf}", [])
        set_path(report, f"diagnosis.{leaf}", None)
        if value is not None and get_path(report, f"diagnosis.in_situ_{leaf}") is None:
            set_path(report, f"diagnosis.in_situ_{leaf}", value)
            report.evidence[f"diagnosis.in_situ_{leaf}"] = evidence


def derive_all(report: ProfileReport) -> ProfileReport:
    """Add every derivation (module docstring) to `report` in place, and return it."""
    _in_situ_beside_invasive_t(report)
    _hormone_receptor(report, "er")
    _hormone_receptor(report, "pr")
    _her2(report)
    _subtype(report)
    _stage(report)
    return report
