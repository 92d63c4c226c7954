"""`mutasi audit ...` (verify, replay, export, checkpoint) and `mutasi override`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from audit import AuditLog
from audit import errors as codes
from audit.checkpoint import Checkpoint
from audit.errors import AuditIntegrityError
from audit.export import export_lines, load_mask_key
from audit.migrate import engine_for
from audit.verify import VerifyReport
from engine.outcome import Verdict
from mutasi.cli.common import actor_option, console, db_option, emit_json, err_console, json_option
from mutasi.errors import UsageError
from mutasi.store.db import db_refusal, require_existing

if TYPE_CHECKING:
    from audit.policy import Policy

_SHOW_FINDINGS = 20


def _open(db: str, write: bool = False, must_exist: bool = True) -> AuditLog:
    """Open the audit log; a missing SQLite file is a usage error, not a new empty log.
    Reading commands write nothing (a copy on read-only media can be verified)."""
    try:
        url = make_url(db)
    except Exception:
        raise UsageError(f"--db: '{db}' is not a database URL (e.g. sqlite:///mutasi.db)") from None
    # sqlite:///file:copy.db?mode=ro&uri=true opens a copy read-only (the inspector's case)
    require_existing(db)
    try:
        log = AuditLog(engine_for(db), migrate=write)
        exists = log.exists()
    except (SQLAlchemyError, ImportError) as exc:  # not a database, unreachable, no driver
        raise UsageError("--db: " + db_refusal(url.render_as_string(), exc)) from None
    if must_exist and not write and not exists:
        raise UsageError(f"--db: no audit log in {url.render_as_string()} (nothing was recorded yet)")
    return log


def _write_atomically(path: str, lines: Iterable[str] = (), text: str | None = None) -> None:
    """Write to a temporary file next to `path`, then rename: never a half-written file."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            if text is not None:
                fh.write(text)
            for line in lines:
                fh.write(line + "\n")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"--out: cannot write '{path}': {exc.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _read(path: str, option: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{option}: cannot read '{path}': {getattr(exc, 'strerror', None) or exc}") from None


def load_policy(path: str) -> Policy:
    from audit.policy import parse_policy

    return parse_policy(_read(path, "--trust"), path)


def trust_option(f: Any) -> Any:
    return click.option("--trust", "trust", envvar="MUTASI_TRUST", type=click.Path(dir_okay=False),
                        help="Trust policy file: agency key, witness keys, quorum (env MUTASI_TRUST).")(f)


def _print_verify(report: VerifyReport) -> None:
    if report.ok:
        against = ""
        if report.checked_against:
            against = f"; extends the saved checkpoint of size {report.checked_against['size']}"
        if report.trust and report.trust.get("witnessed"):
            w = report.trust["witnessed"]
            against += (f"; signed and witnessed up to entry #{w['size'] - 1} "
                        f"(cosigned by {', '.join(sorted(w['cosigners'])) or 'nobody: quorum none'})")
        console.print(f"audit log intact / log audit utuh: {report.size} entries, {report.runs} runs, "
                      f"{report.decisions} decisions, {report.overrides} overrides"
                      f"{f', {report.accesses} portal accesses' if report.accesses else ''}{against}", highlight=False, soft_wrap=True)
        console.print(f"root {report.root}", highlight=False, soft_wrap=True)
    else:
        err_console.print(f"audit log NOT intact / log audit TIDAK utuh: {len(report.findings)} findings",
                          highlight=False, markup=False, soft_wrap=True)
        for f in report.findings[:_SHOW_FINDINGS]:
            err_console.print(f"  {f}", highlight=False, markup=False, soft_wrap=True)
        if len(report.findings) > _SHOW_FINDINGS:
            err_console.print(f"  ... {len(report.findings) - _SHOW_FINDINGS} more (use --json)", markup=False)
    for w in report.warnings:
        err_console.print(f"warning: {w}", highlight=False, markup=False, soft_wrap=True)


@click.group("audit")
def audit_group() -> None:
    """Jejak audit: verifikasi, putar ulang, ekspor. / Audit trail: verify, replay, export.

    Format: docs/audit-format.md.
    """


@audit_group.command("verify")
@db_option
@click.option("--checkpoint", "checkpoint_file", type=click.Path(dir_okay=False),
              help="A checkpoint file saved earlier (mutasi audit checkpoint, or a witness's state file): "
                   "also prove the log only grew since.")
@trust_option
@json_option
def verify_cmd(db: str, checkpoint_file: str | None, trust: str | None, as_json: bool) -> int:
    """Recompute every hash of the audit log and check its structure.

    With --trust POLICY the log must also be covered by a checkpoint signed with the
    agency's key and cosigned by the witnesses the policy requires; an empty or missing log
    fails. Exit 0 when intact; 3 when not, naming the first bad entry and what is wrong.

    Example: mutasi audit verify --db sqlite:///mutasi.db --checkpoint kept/2026-11.txt
    Example: mutasi audit verify --trust trust-policy.txt --checkpoint witness/state.txt
    """
    text = None
    if checkpoint_file is not None:
        text = _read(checkpoint_file, "--checkpoint")
    log = _open(db, must_exist=False)  # no table yet: an empty log, intact (unless --trust)
    from audit.verify import verify

    if trust is not None:
        from audit.trust import verify_trusted

        extra = [(checkpoint_file, text)] if checkpoint_file and text is not None else []
        report = verify_trusted(log.engine, load_policy(trust), extra)
    else:
        report = verify(log.engine, text, checkpoint_file or "checkpoint")
    if as_json:
        emit_json(report.to_dict())
    else:
        _print_verify(report)
    if not report.ok:
        first = report.findings[0]
        raise AuditIntegrityError(first.code, f"audit log is not intact; first bad: {first}")
    return 0


@audit_group.command("replay")
@click.argument("decision_id", required=False)
@click.option("--sample", "size", type=int, default=None,
              help="Replay a random sample of this many decisions (with --seed; of --run R, else of the whole log).")
@click.option("--seed", type=int, default=None,
              help="Seed of the sample: a whole number; the same seed draws the same sample "
                   "(docs/audit-format.md, Replaying a sample).")
@click.option("--run", "run", type=int, default=None, help="Only decisions of this run; alone: every decision of it.")
@click.option("--actor", envvar="MUTASI_ACTOR", default=None,
              help="Who replays, as recorded with the sample's size and seed (env MUTASI_ACTOR; "
                   "required with --sample or --run).")
@click.option("--no-record", is_flag=True,
              help="Do not record the draw in the audit log (a read-only copy of the database).")
@db_option
@json_option
def replay_cmd(decision_id: str | None, size: int | None, seed: int | None, run: int | None, actor: str | None,
               no_record: bool, db: str, as_json: bool) -> int:
    """Re-decide decisions from their stored input snapshot and pack text.

    With DECISION_ID: that decision; prints "identical", or each differing JSON path (exit 1).
    Given a run number of a voluntary round instead (e.g. 7), re-decide every bid and re-run
    the round from its recorded inputs: the same assignment, points, cut-offs and reasons.
    With --sample N --seed S [--run R]: a seeded random sample; with --run R alone: every
    decision of run R. The draw (size, seed, run) is recorded in the audit log before
    anything is replayed; a progress bar shows on stderr. Exit 0 when every replay is
    identical, 3 when any differs or cannot be replayed.

    Example: mutasi audit replay 3-17 --db sqlite:///mutasi.db

    Example: mutasi audit replay 7 --db sqlite:///mutasi.db

    Example: mutasi audit replay --sample 20 --seed 20261125 --run 2 --actor "Inspektorat: A. Rahman"
    """
    if decision_id is not None:
        if size is not None or seed is not None or run is not None:
            raise UsageError("give either DECISION_ID or --sample/--seed/--run, not both")
        if decision_id.isdigit():
            from audit.round_replay import replay_round

            rr = replay_round(_open(db), int(decision_id))
            if as_json:
                emit_json(rr.to_dict())
            else:
                word = "identical / identik" if rr.identical else f"{len(rr.differences)} differences / perbedaan"
                console.print(f"round run {rr.run}: {rr.decisions} decisions re-decided; {word}; assignment "
                              f"{'the same' if rr.assignment_identical else 'DIFFERENT'}", highlight=False,
                              soft_wrap=True)
                for d in rr.differences:
                    console.print(f"  {d.path}: stored {d.stored!r}, replayed {d.replayed!r}", highlight=False,
                                  markup=False, soft_wrap=True)
            return 0 if rr.identical else 1
        report = _open(db).replay(decision_id)
        if as_json:
            emit_json(report.to_dict())
        elif report.identical:
            console.print(f"{decision_id}: identical / identik", highlight=False, soft_wrap=True)
        else:
            console.print(f"{decision_id}: {len(report.differences)} differences / perbedaan", highlight=False, soft_wrap=True)
            for d in report.differences:
                console.print(f"  {d.path}: stored {d.stored!r}, replayed {d.replayed!r}", highlight=False, markup=False, soft_wrap=True)
        return 0 if report.identical else 1
    return _replay_many(db, size, seed, run, actor, no_record, as_json)


def _replay_many(db: str, size: int | None, seed: int | None, run: int | None, actor: str | None,
                 no_record: bool, as_json: bool) -> int:
    from audit.sample import MAX_SEED, Result, draw, replay_each
    from mutasi.cli.common import progress_bar
    from mutasi.errors import EXIT_INTEGRITY

    if size is None and seed is None and run is None:
        raise UsageError("give a DECISION_ID, --sample N --seed S, or --run R")
    if (size is None) != (seed is None):
        raise UsageError("--sample and --seed go together: the seed makes the sample reproducible")
    if size is not None and not 1 <= size <= 1_000_000:
        raise UsageError(f"--sample: {size} is not a sample size (1 to 1000000)")
    if seed is not None and not 0 <= seed < MAX_SEED:
        raise UsageError(f"--seed: {seed} must be a whole number from 0 to {MAX_SEED - 1}")
    if run is not None and run < 1:
        raise UsageError(f"--run: {run} is not a run number")
    if not no_record and not (actor or "").strip():
        raise UsageError("--actor: say who replays (it is recorded with the sample), or --no-record")
    log = _open(db, write=False)
    if run is not None and log.run_header(run) is None:
        raise UsageError(f"--run: there is no run {run} in the audit log")
    chosen = draw(log.engine, run, size, seed)
    if not no_record:
        from audit.access import append_access

        try:
            append_access(log.engine, str(actor).strip(), "cli", "replay_sample", None,
                          datetime.now(UTC).replace(microsecond=0), chosen.to_dict())
        except (SQLAlchemyError, codes.AuditError) as exc:
            why = "read-only database" if "readonly" in str(exc).replace("-", "") else type(exc).__name__
            raise UsageError(f"--db: cannot record the draw ({why}); on a read-only copy use --no-record") from None
    with progress_bar(quiet=as_json) as bar:
        task = bar.add_task("replay / putar ulang", total=len(chosen.ids))
        outcomes = replay_each(log, chosen.ids, progress=lambda _o: bar.advance(task))
    counts = {r.value: sum(1 for o in outcomes if o.result is r) for r in Result}
    if as_json:
        emit_json({**chosen.to_dict(), "recorded": not no_record, "counts": counts,
                   "decisions": [o.to_dict() for o in outcomes]})
    else:
        what = (f"sample of {len(chosen.ids)} of {chosen.population} decisions (seed {seed})" if size is not None
                else f"all {chosen.population} decisions")
        console.print(f"{what}{f' of run {run}' if run is not None else ''}: "
                      f"{counts['identical']} identical / identik, {counts['different']} different / berbeda, "
                      f"{counts['unavailable']} could not be replayed / tidak dapat diulang",
                      highlight=False, soft_wrap=True)
        for o in outcomes:
            if o.result is Result.IDENTICAL:
                continue
            console.print(f"  {o.decision_id}: {o.result.value} {o.problem}".rstrip(), highlight=False,
                          markup=False, soft_wrap=True)
            for d in o.differences:
                console.print(f"    {d.path}: stored {d.stored!r}, replayed {d.replayed!r}", highlight=False,
                              markup=False, soft_wrap=True)
    return 0 if counts["identical"] == len(outcomes) else EXIT_INTEGRITY


@audit_group.command("export")
@db_option
@click.option("--mask", is_flag=True, help="Mask personal fields (name, birth date, NIK, ...); the header lists them.")
@click.option("--mask-key-file", "key_file", type=click.Path(dir_okay=False),
              help="Key for the NIP pseudonyms (HMAC-SHA256), kept outside the log (env "
              "MUTASI_MASK_KEY_FILE); without it each masked export uses a new random key.")
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
def export_cmd(db: str, mask: bool, key_file: str | None, out: str | None) -> int:
    """Write the audit log as JSON Lines (a header line, then one line per entry).

    With --mask, personal fields are masked, every NIP is replaced by a keyed pseudonym
    and age facts are shown as bands (docs/audit-format.md, section 8).

    Example: mutasi audit export --mask --mask-key-file /etc/mutasi/mask.key --out audit-2026-11.jsonl
    """
    if key_file and not mask:
        raise UsageError("--mask-key-file is used with --mask")
    key = load_mask_key(key_file) if mask else None
    lines = export_lines(_open(db).engine, mask=mask, key=key)
    if out:
        _write_atomically(out, lines=lines)
        err_console.print(f"wrote {out}", highlight=False, markup=False, soft_wrap=True)
    else:
        for line in lines:
            click.echo(line)
    return 0


@audit_group.command("checkpoint")
@db_option
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
def checkpoint_cmd(db: str, out: str | None) -> int:
    """Print the log's size and Merkle root, for an inspector to keep elsewhere.

    With a signing key (MUTASI_SIGNING_KEY_FILE) or signed checkpoints in the log, writes
    the latest signed checkpoint (docs/audit-format.md section 10), with every witness
    cosignature received, ready to publish or to hand to a witness. Refuses (exit 3) when
    the log does not verify.

    Example: mutasi audit checkpoint --out /media/usb/mutasi-checkpoint-2026-11-22.txt
    """
    from audit.signed import latest_signed_text

    log = _open(db)
    cp: Checkpoint = log.checkpoint()
    text = latest_signed_text(log.engine, cp)
    if text is None:
        err_console.print("warning: no signing key configured (MUTASI_SIGNING_KEY_FILE): this checkpoint is "
                          "not signed, keep it where the HR office cannot write", highlight=False, markup=False,
                          soft_wrap=True)
        text = cp.to_text()
    if out:
        _write_atomically(out, text=text)
        err_console.print(f"wrote {out}", highlight=False, markup=False, soft_wrap=True)
    else:
        click.echo(text, nl=False)
    return 0


@click.command("override")
@click.argument("decision_id")
@click.option("--verdict", required=True, help=f"New verdict: {', '.join(sorted(v.value for v in Verdict))}.")
@actor_option
@click.option("--justification", required=True, help="Why (alasan); may not be empty.")
@db_option
def override_cmd(decision_id: str, verdict: str, actor: str, justification: str, db: str) -> int:
    """Record a human override of a decision; the original decision is kept unchanged.

    Example: mutasi override 3-17 --verdict eligible --actor "Ketua Baperjakat"
    --justification "Rapat Baperjakat 25-11-2026: pengecualian disetujui"
    """
    if not justification.strip():
        raise codes.AuditUsageError(codes.EMPTY_JUSTIFICATION,
                                    "--justification may not be empty: say why the decision is overridden")
    log = _open(db, write=True)
    seq = log.add_override(decision_id, verdict, actor, justification,
                           datetime.now(UTC).replace(microsecond=0).isoformat())
    console.print(f"override of {decision_id} recorded as entry #{seq}: {verdict}", highlight=False, soft_wrap=True)
    return 0


def register(cli: click.Group) -> None:
    """Add `audit` and `override` to the command group."""
    cli.add_command(audit_group)
    cli.add_command(override_cmd)
