"""The inspector's views, without HTTP: the runs, verification against an uploaded
checkpoint (every finding in words), overrides with their justifications, the access log in
words. Everything here only reads; the routes record who looked (mutasi/web/routes/inspector.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine

from audit import AuditLog
from audit.access import accesses
from audit.errors import AuditError, AuditUsageError
from audit.policy import Policy
from audit.verify import VerifyReport, verify
from mutasi.portal.inspector_words import ACTION, FINDING_MORE, WARNING, WORDS, words
from reports.fmt import fdate, fdatetime
from reports.i18n import run_kind, verdict_label
from reports.inspector_words import FINDING

MAX_CHECKPOINT = 64 * 1024  # a checkpoint (even with many cosignatures) is a few hundred bytes


@dataclass(frozen=True)
class RunRow:
    run: int
    kind_code: str  # evaluate / plan / review (never shown)
    kind: str
    as_of: str
    pack: str
    actor: str
    started: str
    decisions: int
    verdicts: str
    overrides: int


def runs_overview(engine: Engine, lang: str) -> list[RunRow]:
    log = AuditLog(engine, migrate=False)
    if not log.exists():
        return []
    overridden = Counter(int(o.decision_id.split("-")[0]) for o in log.overrides())
    rows = []
    for h in log.list_runs():
        counts = Counter(d.verdict for d in log.decisions(h.run_seq))
        rows.append(RunRow(h.run_seq, h.kind, run_kind(h.kind, lang), fdate(h.as_of, lang),
                           f"{h.pack.get('id')} {h.pack.get('version')}", h.actor, fdatetime(h.started_at, lang),
                           sum(counts.values()),
                           "; ".join(f"{verdict_label(v, lang)} {n}" for v, n in sorted(counts.items())),
                           overridden[h.run_seq]))
    return rows


@dataclass
class VerifyView:
    readable: bool  # False: the file was not a checkpoint (problem says why)
    intact: bool = False
    summary: str = ""
    findings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problem: str = ""
    size: int = 0
    checked_size: int | None = None


def finding_words(seq: int | None, code: str, lang: str) -> str:
    where = (f"{'Entri' if lang == 'id' else 'Entry'} #{seq}" if seq is not None
             else ("Seluruh log" if lang == "id" else "The whole log"))
    text = (FINDING.get(code) or FINDING_MORE.get(code) or {}).get(lang) or words("finding_other", lang)
    return f"{where}: {text} ({code})"


def _warning_words(w: str, lang: str) -> str:
    for needle, key in (("trigger", "trigger"), ("no audit table", "no_table"), ("not signed", "unsigned")):
        if needle in w:
            return WARNING[key][lang]
    return WARNING["other"][lang]


def verify_uploaded(engine: Engine, data: bytes, name: str, policy: Policy | None, lang: str) -> VerifyView:
    """Verify the log against the checkpoint file the inspector brought (plain, or a signed
    checkpoint / witness state file); with the server's trust policy also its signatures."""
    if len(data) > MAX_CHECKPOINT:
        return VerifyView(False, problem=words("cp_too_large", lang))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return VerifyView(False, problem=words("cp_not_text", lang))
    try:
        report: VerifyReport
        if policy is not None and not text.startswith("mutasi-audit-checkpoint"):
            from audit.trust import verify_trusted

            report = verify_trusted(engine, policy, [(name, text)])
        else:
            report = verify(engine, text, name)
            if policy is not None:
                from audit.trust import verify_trusted

                trusted = verify_trusted(engine, policy)
                report.findings += [f for f in trusted.findings if f not in report.findings]
    except (AuditUsageError, AuditError) as exc:
        return VerifyView(False, problem=words("cp_unreadable", lang) + f" ({exc.code})")
    view = VerifyView(True, report.ok, size=report.size,
                      checked_size=int(report.checked_against["size"]) if report.checked_against else None)
    view.summary = words("verify_counts", lang).format(
        entries=report.size, runs=report.runs, decisions=report.decisions, overrides=report.overrides,
        accesses=report.accesses)
    if report.checked_against:
        view.summary += " " + words("verify_extends", lang).format(size=report.checked_against["size"])
    view.findings = [finding_words(f.seq, f.code, lang) for f in report.findings]
    view.warnings = sorted({_warning_words(w, lang) for w in report.warnings})
    return view


@dataclass(frozen=True)
class OverrideRow:
    decision_id: str
    nip: str
    original: str
    new: str
    actor: str
    justification: str
    at: str


def overrides(engine: Engine, lang: str) -> list[OverrideRow]:
    log = AuditLog(engine, migrate=False)
    if not log.exists():
        return []
    return [OverrideRow(o.decision_id, str(o.subject.get("nip", "")), verdict_label(o.original_verdict, lang),
                        verdict_label(o.new_verdict, lang), o.actor, o.justification,
                        fdatetime(o.at, lang)) for o in log.overrides()]


@dataclass(frozen=True)
class AccessRow:
    seq: int
    at: str
    actor: str
    role: str
    action: str
    nip: str
    what: str


def access_log(engine: Engine, lang: str, nip: str | None = None, actor: str | None = None,
               limit: int = 500) -> tuple[list[AccessRow], int]:
    """The newest `limit` access entries (about `nip` / by `actor`), newest first, and how many
    there are in all."""
    rows = accesses(engine, nip or None, actor or None)
    out = []
    for a in reversed(rows[-limit:]):
        page = a.detail.get("page")
        what = words("page_" + str(page), lang) if page and ("page_" + str(page)) in WORDS else ""
        if a.action == "replay_sample":
            d = a.detail
            what = words("what_sample", lang).format(size=d.get("size") or words("all", lang), seed=d.get("seed", "-"),
                                                     run=d.get("run") or words("all_runs", lang))
        elif a.detail.get("decision_id"):
            what = (what + " " if what else "") + words("what_decision", lang).format(id=a.detail["decision_id"])
        out.append(AccessRow(a.seq, fdatetime(a.at, lang), a.actor, words("role_" + a.role, lang),
                             (ACTION.get(a.action) or ACTION["other"])[lang], a.nip or "-", what or "-"))
    return out, len(rows)

