"""Recorded reasons -> plain sentences for the person concerned.

Input is a Reason dict exactly as recorded (engine.outcome.Reason.to_dict()); nothing is
re-evaluated. Sentences follow the issue's model: "Masa dalam jabatan Anda 1 tahun 7 bulan;
syarat paling singkat 2 tahun (PP 11/2017 Pasal 190 ayat (3)). Syarat ini terpenuhi pada
1 April 2027."
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.condition_tree import AnyOf, Atom, Cond, FactRef, Not, eval3, from_json
from reports.factmeta import FactInfo
from reports.fmt import fdate, fnum, fvalue
from reports.i18n import OP_WORDS, outcome_label, pick, t
from reports.words import missing_words, who_fixes

TIME_UNITS = ("months", "years", "date")


@dataclass(frozen=True)
class ReasonView:
    """One criterion as a letter or report shows it."""

    criterion_id: str
    title: str
    kind: str
    outcome: str
    outcome_label: str
    sentence: str
    legal_basis: str
    change: str  # what would change the outcome ("" when nothing a person can do)
    detail: str = ""  # the sentence without its legal basis (tables show the basis apart)
    fixes: tuple[str, ...] = ()  # missing data: who completes it and how, one line per fact


def _basis_items(legal_basis: Any, lang: str = "id") -> list[tuple[str, str]]:
    """(regulation, article) pairs: a list of {regulation, article}, or one such dict whose
    article lists several ("Pasal 190 ayat (4); Pasal 107"), each of the same regulation. A
    citation's note (note_id / note_en) follows its article in brackets, in ``lang``."""
    items = legal_basis if isinstance(legal_basis, list) else [legal_basis] if legal_basis else []
    out: list[tuple[str, str]] = []
    for it in items:
        if not isinstance(it, dict):
            continue
        regs = [r.strip() for r in str(it.get("regulation", "") or "").split(";") if r.strip()] or [""]
        arts = [a.strip() for a in str(it.get("article", "") or "").split(";") if a.strip()]
        note = str(it.get(f"note_{lang}", "") or "").strip()
        if note:  # one citation, one note: said once, after its (last) article
            arts = arts[:-1] + [f"{arts[-1]} ({note})"] if arts else [f"({note})"]
        if len(regs) > 1 and len(regs) == len(arts):  # "A; B" with "Pasal x; Pasal y": pairwise
            out.extend(zip(regs, arts, strict=True))
        elif len(regs) > 1:  # which article belongs to which regulation is not said: keep apart
            out.extend((r, "") for r in regs[:-1])
            out.extend((regs[-1], a) for a in arts) if arts else out.append((regs[-1], ""))
        else:
            out.extend((regs[0], a) for a in arts) if arts else out.append((regs[0], ""))
    return out


def basis_text(legal_basis: Any, lang: str = "id") -> str:
    """Every article with the regulation it belongs to: "UU 5/2014 Pasal 116 ayat (1); PP
    11/2017 Pasal 107 dan Pasal 190 ayat (4)" (articles of one regulation grouped); a
    citation's note in the reader's language after its article."""
    groups: dict[str, list[str]] = {}
    for reg, art in _basis_items(legal_basis, lang):
        groups.setdefault(reg, [])
        if art and art not in groups[reg]:
            groups[reg].append(art)
    joiner = " dan " if lang == "id" else " and "
    parts = [" ".join(p for p in (reg, joiner.join(arts)) if p) for reg, arts in groups.items()]
    return "; ".join(p for p in parts if p)


def fact_title(name: str, meta: dict[str, FactInfo], lang: str) -> str:
    info = meta.get(name)
    return pick(info.title, lang) if info and info.title else name


def _unit(name: str, meta: dict[str, FactInfo]) -> str | None:
    info = meta.get(name)
    return info.unit if info else None


def _threshold_value(value: Any, facts_read: dict[str, Any] | None = None) -> Any:
    # Parameters are recorded resolved (their value); a comparison with another fact names
    # it, and the Reason read its value into facts_read.
    if isinstance(value, FactRef):
        return (facts_read or {}).get(value.name)
    return value


def _your(name: str, meta: dict[str, FactInfo], lang: str) -> str:
    title = fact_title(name, meta, lang)
    if name.startswith(("position.", "move.", "round.")):  # about the post or the round, not "yours"
        return title if lang == "id" else title[:1].upper() + title[1:]
    if lang == "id":
        return f"{title} Anda"
    keep = len(title) > 1 and title[1].isupper()  # acronyms such as "SKP" keep their case
    return f"Your {title if keep else title[:1].lower() + title[1:]}"


def _op_words(op: str, unit: str | None, lang: str, name: str = "") -> str:
    if "age" in name.split("_") and op in ("<=", ">="):  # an age is "paling tinggi 56 tahun"
        return OP_WORDS[f"{op}age"][lang]
    key = f"{op}time" if unit in TIME_UNITS and f"{op}time" in OP_WORDS else op
    return OP_WORDS.get(key, {}).get(lang, op)


def _atom_text(atom: Atom, facts_read: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> str:
    """One comparison in words, without the legal basis."""
    name = atom.fact
    unit = _unit(name, meta)
    own = fvalue(facts_read.get(name), unit, lang)
    op = atom.op
    raw = _threshold_value(atom.value, facts_read)
    if op == "between" and isinstance(raw, list | tuple) and len(raw) == 2:
        need = f"{fvalue(raw[0], unit, lang)} – {fvalue(raw[1], unit, lang)}"
    else:
        need = fvalue(raw, unit, lang)
    if unit == "flag" or isinstance(raw, bool):
        # Yes/no facts read better as "Title: no (required: no)".
        req = "syarat" if lang == "id" else "required"
        neg = ("bukan " if lang == "id" else "not ") if op == "!=" else ""
        return f"{fact_title(name, meta, lang)}: {own} ({req}: {neg}{need})"
    rule = "syarat" if lang == "id" else "the requirement is"
    sep = " " if lang == "id" else ": "
    return f"{_your(name, meta, lang)}{sep}{own}; {rule} {_op_words(op, unit, lang, name)} {need}".rstrip()


def _truth(cond: Cond, facts_read: dict[str, Any]) -> bool | None:
    """Which parts of a recorded condition held, to say only what decided (presentation only:
    the outcome itself is the recorded one)."""
    try:
        return eval3(cond, facts_read)
    except (KeyError, TypeError):
        return None


def _condition_text(threshold: Any, facts_read: dict[str, Any], meta: dict[str, FactInfo], lang: str,
                    outcome: str = "") -> str | None:
    """A recorded threshold in words: an atom, or all/any of atoms; None when not expressible
    (a score's threshold is no condition).

    Only the parts that decided are said: for a met "any" the parts that hold, for an unmet
    "all" the parts that do not; so a met rule never reads "must be X" for a value that is
    not X."""
    try:
        cond = from_json(threshold)
    except ValueError:
        return None
    return _cond_text(cond, facts_read, meta, lang, outcome)


def _cond_text(cond: Cond, facts_read: dict[str, Any], meta: dict[str, FactInfo], lang: str,
               outcome: str) -> str | None:
    if isinstance(cond, Atom):
        # is_missing atoms have no threshold to state; they fall back to the generic sentence.
        return None if cond.op == "is_missing" else _atom_text(cond, facts_read, meta, lang)
    if isinstance(cond, Not):
        return None
    parts, either = list(cond.parts), isinstance(cond, AnyOf)
    want = True if (either and outcome == "pass") else False if (not either and outcome == "fail") else None
    if want is not None:
        chosen = [p for p in parts if _truth(p, facts_read) is want]
        if chosen:
            parts, either = chosen, False
    found = [_cond_text(p, facts_read, meta, lang, outcome) for p in parts]
    texts = [x for x in found if x is not None]
    if not texts or len(texts) != len(found):
        return None
    # Only the first part starts the sentence ("Your ... ; your ...").
    rest = [f"y{x[1:]}" if x.startswith("Your ") else x for x in texts[1:]]
    joined = "; ".join([texts[0], *rest])
    if either and len(texts) > 1:
        lead = "salah satu dari yang berikut cukup: " if lang == "id" else "any one of these suffices: "
        return lead + joined
    return joined


def change_sentence(reason: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> str:
    """The counterfactual, only for facts a person can change or that change with time."""
    cf = reason.get("counterfactual") or {}
    name = str(cf.get("fact", ""))
    info = meta.get(name)
    if info is not None and info.protected:
        return ""
    if cf.get("kind") == "date" and cf.get("passes_on"):
        # Date counterfactuals exist only for time-based facts (docs/design.md).
        if info is not None and not info.time_based:
            return ""
        return f"{t('met_on', lang)} {fdate(str(cf['passes_on']), lang)}."
    if cf.get("kind") == "value" and info is not None and info.changeable:
        unit = info.unit
        op = str(cf.get("op", ""))
        needed = fvalue(cf.get("needed"), unit, lang)
        now = fvalue(cf.get("current"), unit, lang)
        word = "sekarang" if lang == "id" else "now"
        return (
            f"{t('value_needed', lang)} {fact_title(name, meta, lang).lower()} "
            f"{t('becomes', lang)} {_op_words(op, unit, lang, name)} {needed} ({word} {now})."
        )
    return ""


def _missing_sentence(reason: dict[str, Any], meta: dict[str, FactInfo], basis: str, lang: str) -> str:
    missing = reason.get("missing") or {}
    items = []
    for name, code in sorted(missing.items()):
        title, why = fact_title(name, meta, lang), missing_words(str(code), name, meta, lang)
        # "X (X tidak tercatat)" says nothing more than "X": the heading already says "not on file"
        items.append(title if why.startswith(title) or why in ("tidak tercatat", "not on file") else f"{title} ({why})")
    if not items:
        items = [fact_title(n, meta, lang) for n, v in sorted((reason.get("facts_read") or {}).items()) if v is None]
    where = f" ({basis})" if basis else ""
    return f"{t('data_not_on_file', lang)}: {', '.join(items) or '-'}{where}."


def missing_fixes(reason: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> tuple[str, ...]:
    """Per missing fact: who completes it and how (the person via BKPSDM, or an office)."""
    names = sorted((reason.get("missing") or {}) or
                   [n for n, v in (reason.get("facts_read") or {}).items() if v is None])
    return tuple(f"{fact_title(n, meta, lang)}: {who_fixes(n, lang)}" for n in names)


def reason_view(reason: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> ReasonView:
    outcome = str(reason["outcome"])
    kind = str(reason.get("kind", ""))
    basis = basis_text(reason.get("legal_basis"), lang)
    title = pick(reason.get("title"), lang) or str(reason["criterion_id"])
    facts_read = reason.get("facts_read") or {}
    cond_text = _condition_text(reason.get("threshold"), facts_read, meta, lang, outcome)
    change = change_sentence(reason, meta, lang) if outcome in ("fail", "missing") else ""
    fixes: tuple[str, ...] = ()
    detail = ""
    if outcome == "missing":
        sentence = _missing_sentence(reason, meta, basis, lang)
        fixes = missing_fixes(reason, meta, lang)
        # Data not on file is something the person (or an office) can have completed.
        change = change or " ".join(fixes)
    elif kind == "approval":
        appr = reason.get("approval") or {}
        who = pick(appr.get("from"), lang) or str(appr.get("type", ""))
        tail = f" ({basis})" if basis else ""
        if outcome == "approved":
            sentence = f"{t('approval_on_file', lang)}{tail}"
        elif outcome == "approval_needed":
            sentence = f"{t('approval_from', lang)} {who}{tail}."
        else:  # not_applicable: the situation that needs this approval is not the case
            sentence = f"{t('not_required', lang)}{tail}."
    elif kind == "exception":
        exc = reason.get("exception") or {}
        doc = exc.get("document") or {}
        name = pick(doc.get("title"), lang) if isinstance(doc, dict) else str(doc)
        if outcome == "excepted":
            sentence = f"{t('exception_applies', lang)} {name or '-'}" + (f" ({basis})." if basis else ".")
        else:
            sentence = t("does_not_apply", lang) + (f" ({basis})." if basis else ".")
    elif kind == "score":
        pts = reason.get("points")
        sentence = f"{t('score', lang)}: {fnum(pts, lang)} × {fnum(reason.get('weight'), lang)}"
    elif kind == "advisory":
        tail = f" ({basis})." if basis else "."
        # only a warning that fired is stated as a fact about the person
        sentence = (f"{t('warning', lang)}: {title}{tail}" if outcome == "warning"
                    else f"{t('does_not_apply', lang)}{tail}")
        if cond_text is not None and outcome == "warning":
            detail = f"{cond_text}."
    elif cond_text is not None:
        sentence = f"{cond_text} ({basis})." if basis else f"{cond_text}."
        sentence += " " + t("requirement_met" if outcome == "pass" else "requirement_not_met", lang)
        if change:
            sentence += " " + change
        detail = f"{cond_text}." + (f" {change}" if change else "")
    else:
        tail = f" ({basis})" if basis else ""
        sentence = f"{title}: {outcome_label(outcome, lang)}{tail}."
        if change:
            sentence += " " + change
    return ReasonView(
        criterion_id=str(reason["criterion_id"]),
        title=title,
        kind=kind,
        outcome=outcome,
        outcome_label=outcome_label(outcome, lang),
        sentence=sentence,
        legal_basis=basis,
        change=change,
        detail=detail or (sentence.replace(f" ({basis})", "") if basis else sentence),
        fixes=fixes,
    )
