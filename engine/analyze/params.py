"""Parameters' dated values: gaps and overlaps, and days a criterion using a parameter is in
force while the parameter has no value. Plain date arithmetic, no solver."""

from __future__ import annotations

from datetime import date, timedelta

from engine.analyze.findings import Finding
from engine.condition_tree import from_json, params_used
from engine.pack import Pack

_CONDS = ("require", "required_when", "applies_when", "warn_when")


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def users(pack: Pack) -> dict[str, list[tuple[str, str, str | None]]]:
    """Parameter -> (criterion id, in force from, until) of each criterion reading it."""
    out: dict[str, list[tuple[str, str, str | None]]] = {}
    for c in pack.criteria:
        names: set[str] = set()
        b = c.body
        for key in _CONDS:
            if b.get(key):
                names.update(params_used(from_json(b[key])))
        if isinstance(b.get("weight"), dict):
            names.add(b["weight"]["param"])
        points = b.get("points")
        for p in points if isinstance(points, list) else []:
            if "when" in p:
                names.update(params_used(from_json(p["when"])))
        start = max(c.effective_from or pack.effective_from, pack.effective_from)
        ends = [x for x in (c.effective_until, pack.effective_until) if x]
        for n in names:
            out.setdefault(n, []).append((c.id, start, min(ends) if ends else None))
    return out


def parameter_findings(pack: Pack) -> list[Finding]:
    found = []
    used = users(pack)
    for name in sorted(pack.parameters):
        p = pack.parameters[name]
        vals = sorted(p.values, key=lambda v: v.start)
        for cur, nxt in zip(vals, vals[1:], strict=False):
            if cur.until is None:
                continue
            if cur.until >= nxt.start:
                found.append(Finding("param_overlap", (), name, p.source, (nxt.start,),
                                     {"from": nxt.start, "until": cur.until}))
            elif _day(cur.until) + timedelta(days=1) < _day(nxt.start):
                found.append(Finding("param_gap", (), name, p.source, ((_day(cur.until) + timedelta(days=1)).isoformat(),),
                                     {"from": (_day(cur.until) + timedelta(days=1)).isoformat(),
                                      "until": (_day(nxt.start) - timedelta(days=1)).isoformat()}))
        for cid, start, until in sorted(used.get(name, [])):
            if vals and vals[0].start > start:
                last = (_day(vals[0].start) - timedelta(days=1)).isoformat()
                if until is None or until >= start:
                    found.append(Finding("param_gap", (cid,), name, p.source, (start,),
                                         {"from": start, "until": min(last, until or last),
                                          "criterion_in_force_from": start}))
            end = vals[-1].until if vals else None
            if end is not None and (until is None or until > end):
                found.append(Finding("param_gap", (cid,), name, p.source, (end,),
                                     {"from": (_day(end) + timedelta(days=1)).isoformat(),
                                      "until": until}))
    return found
