"""`rules diff` and `rules impact` in words (both languages): the rows the CLI prints, the
what-if page shows and the impact report (whatif.html.j2, HTML/PDF) renders.

Conditions are said neutrally ("Masa dalam jabatan paling singkat 2 tahun"), values by their
fact's or parameter's unit, legal bases as letters cite them. No code reaches the reader:
criteria and parameters by their titles, verdicts and outcomes by their labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.condition_tree import AllOf, AnyOf, Atom, Cond, FactRef, Not, from_json
from engine.impact import CriterionShift, ImpactResult
from engine.packdiff import PackDiff
from reports.explain import basis_text, fact_title
from reports.factmeta import FactInfo
from reports.fmt import fdate, fratio, fvalue
from reports.i18n import CATALOG, OP_WORDS, outcome_label, pick, verdict_label

W: dict[str, dict[str, str]] = {
    "diff_title": {"id": "Perubahan aturan", "en": "Rule changes"},
    "impact_title": {"id": "Dampak perubahan aturan", "en": "Impact of a rule change"},
    "criterion": {"id": "Kriteria", "en": "Criterion"},
    "parameter": {"id": "Parameter", "en": "Parameter"},
    "pack": {"id": "Paket", "en": "Pack"},
    "added": {"id": "ditambahkan", "en": "added"},
    "removed": {"id": "dihapus", "en": "removed"},
    "changed": {"id": "diubah", "en": "changed"},
    "moved": {"id": "dipindah (isi sama)", "en": "moved (same content)"},
    "none": {"id": "tidak ada", "en": "none"},
    "no_change": {"id": "Tidak ada perbedaan yang menentukan keputusan.",
                  "en": "No difference that decides anything."},
    "since": {"id": "sejak", "en": "from"},
    "until": {"id": "sampai", "en": "until"},
    "and": {"id": " dan ", "en": " and "},
    "any_of": {"id": "salah satu dari: ", "en": "any one of: "},
    "not": {"id": "tidak benar bahwa ", "en": "it is not the case that "},
    "missing": {"id": "tidak tercatat", "en": "not on file"},
    "on_file": {"id": "tercatat", "en": "on file"},
    "requirement": {"id": "Syarat: ", "en": "Requirement: "},
    "approval": {"id": "Perlu persetujuan bila ", "en": "Approval needed when "},
    "exception": {"id": "Pengecualian bila ", "en": "Exception when "},
    "advisory": {"id": "Peringatan bila ", "en": "Warning when "},
    "score": {"id": "Skor, bobot ", "en": "Score, weight "},
    "applies": {"id": "; berlaku bila ", "en": "; applies when "},
    "table": {"id": "tabel", "en": "table"},
    "in_force": {"id": "berlaku", "en": "in force"},
    "not_in_force": {"id": "tidak berlaku", "en": "not in force"},
    "not_evaluated": {"id": "tidak dinilai", "en": "not evaluated"},
    "version": {"id": "versi", "en": "version"},
    "title_f": {"id": "judul", "en": "title"},
    "legal_basis_f": {"id": "dasar hukum", "en": "legal basis"},
    "scope_f": {"id": "lingkup", "en": "scope"},
    "kind_f": {"id": "jenis", "en": "kind"},
    "effective_from_f": {"id": "mulai berlaku", "en": "effective from"},
    "effective_until_f": {"id": "akhir berlaku", "en": "effective until"},
    "body_f": {"id": "ketentuan", "en": "rule"},
    "unit_f": {"id": "satuan", "en": "unit"},
    "type_f": {"id": "tipe", "en": "type"},
    "values_f": {"id": "nilai bertanggal", "en": "dated values"},
    "disabled_f": {"id": "kriteria dinonaktifkan", "en": "disabled criteria"},
    "id_f": {"id": "kode paket", "en": "pack id"},
    "rule_l": {"id": "Ketentuan", "en": "Rule"},
    "data_l": {"id": "Data", "en": "On file"},
    "outcome_l": {"id": "Hasil", "en": "Outcome"},
    "old_pack": {"id": "Paket lama", "en": "Old pack"},
    "new_pack": {"id": "Paket baru", "en": "New pack"},
    "as_of": {"id": "Per tanggal", "en": "As of"},
    "base_run": {"id": "Proses yang dinilai ulang", "en": "Run re-decided"},
    "recorded_run": {"id": "Dicatat sebagai proses", "en": "Recorded as run"},
    "before": {"id": "Sebelum", "en": "Before"},
    "after": {"id": "Sesudah", "en": "After"},
    "legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "people_title": {"id": "Pegawai yang putusannya berubah", "en": "People whose verdict changes"},
    "name": {"id": "Nama", "en": "Name"},
    "unit": {"id": "Unit kerja", "en": "Unit"},
    "why": {"id": "Sebab", "en": "Why"},
    "verdict": {"id": "Hasil", "en": "Verdict"},
    "verdicts_title": {"id": "Jumlah per hasil", "en": "People per verdict"},
    "units_title": {"id": "Unit kerja yang terdampak", "en": "Units affected"},
    "eligible_before": {"id": "Memenuhi syarat, sebelum", "en": "Eligible, before"},
    "eligible_after": {"id": "Memenuhi syarat, sesudah", "en": "Eligible, after"},
    "changed_n": {"id": "Berubah", "en": "Changed"},
    "fairness_title": {"id": "Rasio dampak per kelompok", "en": "Impact ratios by group"},
    "group": {"id": "Kelompok", "en": "Group"},
    "people_n": {"id": "Orang", "en": "People"},
    "fairness_same": {"id": "Tidak ada rasio dampak yang berubah.", "en": "No impact ratio changes."},
    "fairness_note": {
        "id": "Rasio dampak = tingkat memenuhi syarat kelompok dibagi tingkat kelompok tertinggi "
              "(metode empat per lima). Atribut terlindungi hanya dipakai untuk ukuran ini, "
              "tidak pernah untuk keputusan.",
        "en": "Impact ratio = the group's eligibility rate divided by the highest group's rate "
              "(four-fifths method). Protected attributes are used for this measure only, never "
              "for a decision."},
    "summary": {"id": "{people} pegawai dinilai ulang dengan kedua paket; putusan {changed} "
                      "pegawai berubah.",
                "en": "{people} people re-decided under both packs; the verdict changes for {changed}."},
    "placements_title": {"id": "Penempatan rencana mutasi yang berubah", "en": "Plan placements that change"},
    "not_placed": {"id": "tidak ditempatkan", "en": "not placed"},
    "placements_same": {"id": "Tidak ada penempatan yang berubah.", "en": "No placement changes."},
    "footer": {"id": "Diputuskan ulang dalam memori dari data pegawai yang tersimpan, dengan kedua "
                     "paket; keputusan yang tercatat tidak diubah.",
               "en": "Re-decided in memory from the employee data on file, under both packs; the "
                     "recorded decisions are not changed."},
}


def w(key: str, lang: str) -> str:
    return W[key][lang]


def _op(op: str, unit: str | None, lang: str) -> str:
    key = f"{op}time" if unit in ("months", "years", "date") and f"{op}time" in OP_WORDS else op
    return OP_WORDS.get(key, {}).get(lang, op)


def _atom_words(a: Atom, meta: dict[str, FactInfo], lang: str) -> str:
    unit = meta[a.fact].unit if a.fact in meta else None
    name = fact_title(a.fact, meta, lang)
    if a.op == "is_missing":
        return f"{name} {w('missing' if a.value else 'on_file', lang)}"
    v = a.value
    if isinstance(v, FactRef):
        need = fact_title(v.name, meta, lang)
    elif a.op == "between" and isinstance(v, list | tuple) and len(v) == 2:
        need = f"{fvalue(v[0], unit, lang)} – {fvalue(v[1], unit, lang)}"
    elif isinstance(v, dict) and set(v) == {"param"}:
        need = str(v["param"])
    else:
        need = fvalue(v, None if unit == "list" else unit, lang)
    if unit == "flag" or isinstance(v, bool):
        neg = ("bukan " if lang == "id" else "not ") if a.op == "!=" else ""
        return f"{name}: {neg}{need}"
    return f"{name} {_op(a.op, unit, lang)} {need}"


def cond_tree_words(cond: Cond, meta: dict[str, FactInfo], lang: str) -> str:
    if isinstance(cond, Atom):
        return _atom_words(cond, meta, lang)
    if isinstance(cond, Not):
        return w("not", lang) + cond_tree_words(cond.part, meta, lang)
    parts = [cond_tree_words(p, meta, lang) for p in cond.parts]
    wrap = [f"({p})" if ";" in p or w("and", lang) in p else p for p in parts]
    if isinstance(cond, AnyOf):
        return w("any_of", lang) + "; ".join(wrap)
    assert isinstance(cond, AllOf)
    return w("and", lang).join(wrap)


def cond_words(cond_json: Any, meta: dict[str, FactInfo], lang: str) -> str:
    """A condition (JSON form, resolved or not) in words; '' when it is none."""
    try:
        return cond_tree_words(from_json(cond_json), meta, lang)
    except ValueError:
        return ""


def rule_words(c: dict[str, Any] | None, meta: dict[str, FactInfo], lang: str) -> str:
    """A criterion's rule (Criterion.to_dict()) in one line."""
    if c is None:
        return "—"
    b, kind = c["body"], c["kind"]
    if kind == "requirement":
        text = w("requirement", lang) + cond_words(b["require"], meta, lang)
    elif kind == "approval":
        text = w("approval", lang) + cond_words(b["required_when"], meta, lang)
    elif kind == "exception":
        text = w("exception", lang) + cond_words(b["applies_when"], meta, lang)
    elif kind == "advisory":
        text = w("advisory", lang) + cond_words(b["warn_when"], meta, lang)
    else:
        weight = b.get("weight")
        text = w("score", lang) + (str(weight["param"]) if isinstance(weight, dict) else str(weight))
    if kind != "exception" and b.get("applies_when"):
        text += w("applies", lang) + cond_words(b["applies_when"], meta, lang)
    span = f" ({w('since', lang)} {fdate(c['effective_from'], lang)}" if c.get("effective_from") else ""
    if span and c.get("effective_until"):
        span += f" {w('until', lang)} {fdate(c['effective_until'], lang)}"
    return text + (span + ")" if span else "")


def param_value_words(value: Any, unit: str, lang: str) -> str:
    if isinstance(value, dict):
        return w("table", lang)
    return fvalue(value, {"predicate": None, "table": None}.get(unit, unit), lang)


def param_words(p: dict[str, Any] | None, lang: str) -> str:
    """Dated values of a parameter (Parameter.to_dict()): 'sejak 7 April 2017: 2 tahun'."""
    if p is None:
        return "—"
    out = []
    for v in p["values"]:
        span = f"{w('since', lang)} {fdate(v['from'], lang)}"
        if v.get("until"):
            span += f" {w('until', lang)} {fdate(v['until'], lang)}"
        out.append(f"{span}: {param_value_words(v['value'], p['unit'], lang)}")
    return "; ".join(out)


@dataclass(frozen=True)
class DiffRow:
    what: str  # Kriteria / Parameter
    title: str
    change: str  # ditambahkan / dihapus / diubah (judul, ketentuan)
    before: str
    after: str
    legal_basis: str


def diff_rows(diff: PackDiff, meta: dict[str, FactInfo], lang: str) -> list[DiffRow]:
    rows = []
    for c in diff.criteria:
        d = (c.new or c.old)
        assert d is not None
        fields = ", ".join(w(f"{f}_f", lang) for f in c.fields)
        rows.append(DiffRow(w("criterion", lang), pick(d.title, lang),
                            w(c.change, lang) + (f" ({fields})" if fields else ""),
                            rule_words(c.old.to_dict() if c.old else None, meta, lang),
                            rule_words(c.new.to_dict() if c.new else None, meta, lang),
                            basis_text(d.legal_basis, lang)))
    for p in diff.parameters:
        q = (p.new or p.old)
        assert q is not None
        fields = ", ".join(w(f"{f}_f", lang) for f in p.fields)
        rows.append(DiffRow(w("parameter", lang), pick(q.title, lang),
                            w(p.change, lang) + (f" ({fields})" if fields else ""),
                            param_words(p.old.to_dict() if p.old else None, lang),
                            param_words(p.new.to_dict() if p.new else None, lang),
                            basis_text(q.legal_basis, lang)))
    for f in diff.header:
        rows.append(DiffRow(w("pack", lang), w(f"{f}_f", lang) if f"{f}_f" in W else f,
                            w("changed", lang), "", "", ""))
    return rows


def _outcome(o: str | None, lang: str) -> str:
    return outcome_label(o, lang) if o else w("not_evaluated", lang)


def shift_words(s: CriterionShift, meta: dict[str, FactInfo], lang: str) -> str:
    """'Masa dalam jabatan paling singkat 6 bulan (was: paling singkat 2 tahun); Masa dalam
    jabatan: 10 bulan. tidak terpenuhi -> terpenuhi'"""
    new = cond_words(s.threshold_new, meta, lang) if isinstance(s.threshold_new, dict) else ""
    old = cond_words(s.threshold_old, meta, lang) if isinstance(s.threshold_old, dict) else ""
    rule = new or old
    if old and new and old != new:
        rule = f"{new} ({'sebelumnya' if lang == 'id' else 'before'}: {old})"
    read = s.read_new or s.read_old
    values = "; ".join(f"{fact_title(n, meta, lang)}: {fvalue(v, meta[n].unit if n in meta else None, lang)}"
                       for n, v in sorted(read.items()) if not n.startswith("round."))
    outcome = f"{_outcome(s.old, lang)} → {_outcome(s.new, lang)}"
    parts = [(w("rule_l", lang), rule), (w("data_l", lang), values), (w("outcome_l", lang), outcome)]
    return ". ".join(f"{label}: {text}" for label, text in parts if text)


@dataclass(frozen=True)
class PersonRow:
    nip: str
    name: str
    unit: str
    old: str
    new: str
    why: list[tuple[str, str, str]]  # (criterion title, legal basis, what decided in words)


@dataclass(frozen=True)
class CountRow:
    label: str
    old: str
    new: str
    extra: str = ""


def person_rows(result: ImpactResult, meta: dict[str, FactInfo], lang: str) -> list[PersonRow]:
    return [PersonRow(c.nip, c.name, c.unit_name or c.unit_id or "—",
                      verdict_label(c.old, lang), verdict_label(c.new, lang),
                      [(pick(s.title, lang), basis_text(s.legal_basis, lang), shift_words(s, meta, lang))
                       for s in c.criteria])
            for c in result.changes]


def verdict_rows(result: ImpactResult, lang: str) -> list[CountRow]:
    keys = sorted(set(result.verdicts_old) | set(result.verdicts_new))
    return [CountRow(verdict_label(k, lang), str(result.verdicts_old.get(k, 0)),
                     str(result.verdicts_new.get(k, 0))) for k in keys]


def transition_rows(result: ImpactResult, lang: str) -> list[CountRow]:
    out = []
    for key, n in result.transitions.items():
        a, b = key.split(" -> ")
        out.append(CountRow(verdict_label(a, lang), verdict_label(b, lang), str(n)))
    return out


def unit_rows(result: ImpactResult, lang: str) -> list[CountRow]:
    """Units where somebody's verdict changes: (unit, eligible before, after, changed)."""
    return [CountRow(u.unit_name or u.unit_id or "—", str(u.considered_old), str(u.considered_new),
                     str(u.changed)) for u in result.units if u.changed]


def placement_rows(result: ImpactResult, lang: str) -> list[CountRow] | None:
    """A plan run's placements that change: (person, old post, new post); None: no plan."""
    if result.placements is None:
        return None
    none = w("not_placed", lang)
    return [CountRow(f"{p.name} ({p.nip})", p.old_title or none, p.new_title or none)
            for p in result.placements]


def fairness_rows(result: ImpactResult, lang: str) -> list[CountRow]:
    """Groups whose impact ratio moves: (attribute: group, ratio before, after, people)."""
    out = []
    for g in result.fairness:
        if g.ratio_old == g.ratio_new:
            continue
        attr = CATALOG[g.attribute][lang] if g.attribute in CATALOG else g.attribute
        group = {"L": ("Laki-laki", "Male"), "P": ("Perempuan", "Female")}.get(g.group)
        label = f"{attr}: {group[0 if lang == 'id' else 1] if group else g.group}"
        out.append(CountRow(label, fratio(float(g.ratio_old) if g.ratio_old is not None else None, lang),
                            fratio(float(g.ratio_new) if g.ratio_new is not None else None, lang),
                            str(g.people)))
    return out


def impact_context(result: ImpactResult, lang: str, meta: dict[str, FactInfo]) -> Any:
    """The context of whatif.html.j2 for one impact result."""
    from reports.context import WhatIfContext
    from reports.render import print_css

    words = {k: v[lang] for k, v in W.items()}
    words["summary"] = words["summary"].format(people=result.people, changed=len(result.changes))
    d = result.diff
    return WhatIfContext(
        lang=lang, doc_title=w("impact_title", lang), css=print_css(), words=words,
        packs=[(w("old_pack", lang), f"{d.old['id']} {d.old['version']}", d.old["hash"]),
               (w("new_pack", lang), f"{d.new['id']} {d.new['version']}", d.new["hash"])],
        as_of=result.as_of, base_run="" if result.base_run is None else str(result.base_run),
        diff=diff_rows(d, meta, lang),
        persons=person_rows(result, meta, lang), verdicts=verdict_rows(result, lang),
        units=unit_rows(result, lang), fairness=fairness_rows(result, lang),
        placements=placement_rows(result, lang),
        recorded_run="" if result.recorded_run is None else str(result.recorded_run))


FINDING: dict[str, dict[str, str]] = {
    "dead": {"id": "Kondisi ini tidak pernah terpenuhi, apa pun datanya",
             "en": "This condition never holds, whatever the facts"},
    "vacuous": {"id": "Kondisi ini selalu terpenuhi bila datanya tercatat",
                "en": "This condition always holds when its facts are on file"},
    "conflict": {"id": "Syarat-syarat ini tidak mungkin terpenuhi bersama: tidak ada yang memenuhi syarat",
                 "en": "These requirements can never all pass: nobody can be eligible"},
    "never_lifts": {"id": "Pengecualian ini tidak pernah dapat mengecualikan syarat yang disebutnya",
                    "en": "This exception can never lift the requirement it names"},
    "lifts_never_failing": {"id": "Pengecualian ini mengecualikan syarat yang tidak pernah gagal",
                            "en": "This exception lifts a requirement that can never fail"},
    "param_gap": {"id": "Nilai bertanggal parameter ini berlubang", "en": "This parameter's dated values leave a gap"},
    "param_overlap": {"id": "Nilai bertanggal parameter ini tumpang tindih",
                      "en": "This parameter's dated values overlap"},
    "differs": {"id": "Kedua paket memutus orang ini berbeda", "en": "The two packs decide this person differently"},
    "unknown": {"id": "Tidak diketahui: pemecah tidak selesai dalam batas waktu",
                "en": "Unknown: the solver did not finish within its time limit"},
}


def finding_words(kind: str, lang: str) -> str:
    return FINDING[kind][lang]
