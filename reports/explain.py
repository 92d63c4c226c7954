"""Recorded reasons -> plain sentences for the person concerned.

Input is a Reason dict exactly as recorded (engine.outcome.Reason.to_dict()); nothing is
re-evaluated. Sentences follow the issue's model: "Masa dalam jabatan Anda 1 tahun 7 bulan;
syarat paling singkat 2 tahun (PP 11/2017 Pasal 190 ayat (3)). Syarat ini terpenuhi pada
1 April 2027."
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.condition_tree import AnyOf, Atom, Cond, FactRef, Not, from_json
from reports.factmeta import FactInfo
from reports.fmt import fdate, fnum, fvalue
from reports.i18n import OP_WORDS, missing_reason, outcome_label, pick, t

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


def basis_text(legal_basis: list[dict[str, str]] | dict[str, str] | None) -> str:
    """'PP 11/2017 jo. PP 17/2020 Pasal 190 ayat (5); UU 30/2014 Pasal 42'. A single mapping
    (decisions recorded before legal bases became lists) reads as a one-element list."""
    if not legal_basis:
        return ""
    items = [legal_basis] if isinstance(legal_basis, dict) else legal_basis
    return "; ".join(
        " ".join(p for p in (b.get("regulation", ""), b.get("article", "")) if p) for b in items)


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
    if lang == "id":
        return f"{title} Anda"
    keep = len(title) > 1 and title[1].isupper()  # acronyms such as "SKP" keep their case
    return f"Your {title if keep else title[:1].lower() + title[1:]}"


def _op_words(op: str, unit: str | None, lang: str) -> str:
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
    return f"{_your(name, meta, lang)}{sep}{own}; {rule} {_op_words(op, unit, lang)} {need}".rstrip()


def _condition_text(threshold: Any, facts_read: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> str | None:
    """A recorded threshold in words: an atom, or all/any of atoms; None when not expressible
    (a score's threshold is no condition)."""
    try:
        cond = from_json(threshold)
    except ValueError:
        return None
    return _cond_text(cond, facts_read, meta, lang)


def _cond_text(cond: Cond, facts_read: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> str | None:
    if isinstance(cond, Atom):
        # is_missing atoms have no threshold to state; they fall back to the generic sentence.
        return None if cond.op == "is_missing" else _atom_text(cond, facts_read, meta, lang)
    if isinstance(cond, Not):
        return None
    found = [_cond_text(p, facts_read, meta, lang) for p in cond.parts]
    texts = [x for x in found if x is not None]
    if not texts or len(texts) != len(found):
        return None
    # Only the first part starts the sentence ("Your ... ; your ...").
    rest = [f"y{x[1:]}" if x.startswith("Your ") else x for x in texts[1:]]
    joined = "; ".join([texts[0], *rest])
    if isinstance(cond, AnyOf):
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
            f"{t('becomes', lang)} {_op_words(op, unit, lang)} {needed} ({word} {now})."
        )
    return ""


def _missing_sentence(reason: dict[str, Any], meta: dict[str, FactInfo], basis: str, lang: str) -> str:
    missing = reason.get("missing") or {}
    items = [
        f"{fact_title(name, meta, lang)} ({missing_reason(str(code), lang)})"
        for name, code in sorted(missing.items())
    ]
    if not items:
        items = [fact_title(n, meta, lang) for n, v in sorted((reason.get("facts_read") or {}).items()) if v is None]
    where = f" ({basis})" if basis else ""
    return f"{t('data_not_on_file', lang)}: {', '.join(items) or '-'}{where}. {t('please_complete', lang)}"


def reason_view(reason: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> ReasonView:
    outcome = str(reason["outcome"])
    kind = str(reason.get("kind", ""))
    basis = basis_text(reason.get("legal_basis"))
    title = pick(reason.get("title"), lang) or str(reason["criterion_id"])
    facts_read = reason.get("facts_read") or {}
    cond_text = _condition_text(reason.get("threshold"), facts_read, meta, lang)
    change = change_sentence(reason, meta, lang) if outcome in ("fail", "missing") else ""
    if outcome == "missing":
        sentence = _missing_sentence(reason, meta, basis, lang)
        # Data not on file is something the person can have completed.
        change = change or t("please_complete", lang)
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
    elif cond_text is not None:
        sentence = f"{cond_text} ({basis})." if basis else f"{cond_text}."
        sentence += " " + t("requirement_met" if outcome == "pass" else "requirement_not_met", lang)
        if change:
            sentence += " " + change
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
    )
