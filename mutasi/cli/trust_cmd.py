"""Trust without trusting the server: `mutasi keys init`, `mutasi audit witness`,
`mutasi verify-letter` and `mutasi db init-roles` (docs/audit-format.md sections 10-14)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from audit import errors as codes
from audit.errors import AuditIntegrityError, AuditUsageError
from mutasi.cli.audit_cmd import _open, _read, audit_group, load_policy, trust_option
from mutasi.cli.common import console, db_option, emit_json, err_console, json_option
from mutasi.errors import EXIT_OK, UsageError


@click.group("keys")
def keys_group() -> None:
    """Kunci tanda tangan / signing keys (Ed25519) for checkpoints and witnesses."""


@keys_group.command("init")
@click.option("--name", required=True, help="Key name: the log's origin (e.g. bkpsdm.example.go.id/mutasi) "
              "or the witness's name (e.g. inspektorat.example.go.id).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="File to write the PRIVATE key to (kept outside the database; never shared).")
@click.option("--witness", is_flag=True, help="A witness's cosigning key (cosignature/v1) instead of a log key.")
def keys_init_cmd(name: str, out: str, witness: bool) -> int:
    """Create a key pair; print the public (verifier) key to publish.

    The private key file is created with permissions 0600 and never overwritten. Point
    MUTASI_SIGNING_KEY_FILE at it so every run and override gets a signed checkpoint.

    \b
    Example: mutasi keys init --name bkpsdm.example.go.id/mutasi --out /etc/mutasi/agency.key
    Example: mutasi keys init --witness --name inspektorat.example.go.id --out witness.key
    """
    from audit.notes import new_signer

    signer = new_signer(name, witness=witness)
    path = Path(out)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UsageError(f"--out: '{out}' exists already; a key is never overwritten") from None
    except OSError as exc:
        raise UsageError(f"--out: cannot create '{out}': {exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(signer.private_text())
    click.echo(signer.verifier.vkey())
    line = f"witness <short name> {signer.verifier.vkey()}" if witness else f"log {signer.verifier.vkey()}"
    err_console.print(f"private key written to {out} (keep it secret). Publish the key above; "
                      f"trust policy line: {line}", highlight=False, markup=False, soft_wrap=True)
    return EXIT_OK


@keys_group.command("public")
@click.argument("key_file", type=click.Path(dir_okay=False))
def keys_public_cmd(key_file: str) -> int:
    """Print the public (verifier) key of a private key file.

    Example: mutasi keys public /etc/mutasi/agency.key
    """
    from audit.signed import load_signer

    click.echo(load_signer(key_file).verifier.vkey())
    return EXIT_OK


@audit_group.command("witness")
@db_option
@click.option("--key", "key_file", required=True, type=click.Path(dir_okay=False), help="The witness's private key file.")
@click.option("--state", "state_file", required=True, type=click.Path(dir_okay=False),
              help="The witness's own state file: the last checkpoint it cosigned (created on first use).")
@click.option("--log-key", "log_key", required=True, help="The agency's published verifier key (vkey).")
@click.option("--checkpoint", "checkpoint_file", type=click.Path(dir_okay=False),
              help="The signed checkpoint to cosign (default: the latest one stored in the log).")
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Also write the cosigned checkpoint here.")
@click.option("--no-record", is_flag=True, help="Do not store the cosignature in the database (read-only copy).")
@json_option
def witness_cmd(db: str, key_file: str, state_file: str, log_key: str, checkpoint_file: str | None,
                out: str | None, no_record: bool, as_json: bool) -> int:
    """Cosign the agency's latest signed checkpoint, as an outside witness.

    Checks the agency's signature, that the log verifies and matches the checkpoint, and
    that it only grew since the checkpoint this witness cosigned before (RFC 6962
    consistency); never cosigns otherwise (exit 3). Keeps its own state file.

    Example: mutasi audit witness --key insp.key --state insp-state.txt --log-key "$AGENCY_VKEY"
    """
    from audit.notes import COSIGNATURE_V1, parse_vkey
    from audit.signed import load_signer
    from audit.witness import cosign

    signer = load_signer(key_file)
    if signer.verifier.sig_type != COSIGNATURE_V1:
        raise AuditUsageError(codes.BAD_KEY, f"--key: {key_file} is not a witness key (mutasi keys init --witness)")
    note_text = _read(checkpoint_file, "--checkpoint") if checkpoint_file else None
    log = _open(db, write=not no_record)
    try:
        result = cosign(log.engine, parse_vkey(log_key, "--log-key"), signer, Path(state_file),
                        int(time.time()), note_text, record=not no_record)
    except codes.AuditError as exc:
        raise AuditIntegrityError(exc.code, str(exc).removeprefix(f"{exc.code} ")) from None
    if out:
        Path(out).write_text(result.note.to_text(), encoding="utf-8")
    since = f" (consistent with size {result.previous.size} cosigned before)" if result.previous else " (first checkpoint)"
    if as_json:
        emit_json({"cosigned": True, "size": result.head.size, "root": result.head.root.hex(),
                   "previous_size": result.previous.size if result.previous else None})
    else:
        console.print(f"cosigned / ditandatangani saksi: {result.head.origin} size {result.head.size}{since}",
                      highlight=False, soft_wrap=True)
    return EXIT_OK


@click.command("verify-letter")
@click.argument("file", type=click.Path(dir_okay=False))
@trust_option
@click.option("--db", "db", default=None, help="Also check that this database still holds the letter's decision "
              "unchanged (without it the check is offline).")
@json_option
def verify_letter_cmd(file: str, trust: str | None, db: str | None, as_json: bool) -> int:
    """Check a letter's receipt offline: PDF, HTML or the receipt text (its QR code).

    The decision in the letter hashes to the leaf, the inclusion proof leads to the signed
    checkpoint, and the checkpoint is signed and cosigned as the trust policy requires.
    Needs no database; with --db it also checks that the decision recorded there is still
    the letter's. Exit 0 valid, 3 not valid.

    Example: mutasi verify-letter surat-198609262015051001-id.pdf --trust trust-policy.txt
    """
    from mutasi.letter_check import check_letter, check_letter_against_log

    if trust is None:
        raise UsageError("--trust: a trust policy is needed (the agency's and the witnesses' published keys)")
    policy = load_policy(trust)
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read '{file}': {exc.strerror}") from None
    result = (check_letter(data, file, policy) if db is None
              else check_letter_against_log(data, file, policy, _open(db).engine))
    if as_json:
        emit_json(result.to_dict())
    elif result.ok:
        what = (f"decision {result.decision_id} of {result.as_of}, run {result.run}"
                if result.decision_id else f"entry #{result.index} (leaf hash only: compare the letter)")
        console.print(f"valid / sah: {what}; entry #{result.index} of a checkpoint of {result.size} entries "
                      f"cosigned by {', '.join(sorted(result.cosigners)) or 'nobody (quorum none)'}",
                      highlight=False, soft_wrap=True)
    if not result.ok:
        raise AuditIntegrityError(result.code or codes.RECEIPT_INVALID,
                                  f"letter NOT valid / surat TIDAK sah: {result.problem}")
    return EXIT_OK


@click.group("db")
def db_group() -> None:
    """Basis data / database set-up."""


@db_group.command("init-roles")
@db_option
@click.option("--app-role", required=True, help="Role the application connects as (created if absent).")
@click.option("--app-password", envvar="MUTASI_APP_PASSWORD", default=None,
              help="Password for the application role (env MUTASI_APP_PASSWORD).")
def init_roles_cmd(db: str, app_role: str, app_password: str | None) -> int:
    """PostgreSQL: run the migrations as the owner (--db) and let --app-role only INSERT and
    SELECT on the audit tables (it can never UPDATE, DELETE, TRUNCATE, ALTER or drop triggers).

    Example: mutasi db init-roles --db postgresql://mutasi_owner@db/mutasi --app-role mutasi_app
    """
    from mutasi.store.roles import init_roles

    init_roles(db, app_role, app_password)
    console.print(f"role {app_role}: SELECT, INSERT on audit_entry, audit_note; SELECT, INSERT, UPDATE, "
                  "DELETE on the store's tables. Connect the application as this role.", highlight=False,
                  soft_wrap=True)
    return EXIT_OK


def register(cli: click.Group) -> None:
    cli.add_command(keys_group)
    cli.add_command(verify_letter_cmd)
    cli.add_command(db_group)
