"""`mutasi serve` (the web portal) and `mutasi users ...` (accounts and activation codes)."""

from __future__ import annotations

import csv
import os
from datetime import UTC, date, datetime
from pathlib import Path

import click
from sqlalchemy import Engine

from mutasi.cli.common import console, db_option, emit_json, json_option
from mutasi.errors import EXIT_OK, UsageError

ROLE_CHOICE = click.Choice(["committee", "inspector", "admin"])


def _now() -> datetime:
    return datetime.now(UTC)


def _engine(db: str) -> Engine:
    from mutasi.store.db import open_store, require_existing

    require_existing(db)
    return open_store(db)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--https", "https", is_flag=True,
              help="The portal is reached over https (behind a TLS proxy): cookies get Secure, HSTS is sent.")
@click.option("--secret-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Session secret file (default ~/.config/mutasi/portal-secret, made on first start; "
                   "or set MUTASI_SECRET).")
@click.option("--uploads", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for documents employees attach (default ~/.local/share/mutasi/uploads); "
                   "never served directly.")
@click.option("--pack", "pack_path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Rule pack of the runs the committee starts in the portal (default rules/nasional).")
@click.option("--trust", "trust", envvar="MUTASI_TRUST", type=click.Path(dir_okay=False), default=None,
              help="Trust policy (agency and witness keys) for the public letter check /periksa-surat "
                   "(env MUTASI_TRUST); without it that page says checking is not available.")
def serve_cmd(db: str, host: str, port: int, https: bool, secret_file: Path | None, uploads: Path | None,
              pack_path: Path | None = None, trust: str | None = None) -> int:
    """Portal web: start the web portal on the store (employees, committee, inspectors).

    Open http://127.0.0.1:8000 in a browser. Stop with Ctrl+C.

    \b
    Example: mutasi serve
    Example: mutasi serve --db postgresql://mutasi@db/mutasi --host 0.0.0.0 --https
    """
    import uvicorn

    from mutasi.cli.audit_cmd import load_policy
    from mutasi.web.app import create_app
    from mutasi.web.config import PortalConfig, data_dir, load_secret
    from reports.fmt import office_zone

    office_zone()  # a mistyped MUTASI_OFFICE_ZONE stops here, not on the first page with a time
    policy = load_policy(trust) if trust else None
    engine = _engine(db)
    cfg = PortalConfig(engine=engine, secret=load_secret(secret_file), https=https,
                       uploads=uploads or data_dir() / "uploads", trust=policy)
    if pack_path is not None:
        from engine import load_pack

        load_pack(pack_path)  # a broken pack stops here, not at the committee's first run
        cfg.pack = pack_path
    cfg.uploads.mkdir(parents=True, exist_ok=True, mode=0o700)
    console.print(f"Portal: http://{host}:{port}  (database {db}; Ctrl+C to stop)", highlight=False)
    uvicorn.run(create_app(cfg), host=host, port=port, log_level="warning", proxy_headers=https,
                server_header=False)
    return EXIT_OK


@click.group("users")
def users_group() -> None:
    """Akun portal: staff accounts and employees' activation codes."""


def _write_private(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    os.replace(tmp, path)


@users_group.command("add")
@click.argument("username")
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--name", "display_name", required=True, help="Name shown in the portal and the audit log.")
@db_option
@json_option
def users_add(username: str, role: str, display_name: str, db: str, as_json: bool) -> int:
    """Create a staff account; prints its first password and TOTP secret once.

    \b
    Example: mutasi users add kasubbid.mutasi --role committee --name "Kasubbid Mutasi"
    """
    import secrets

    from mutasi.portal.accounts import create_account, totp_uri
    from mutasi.portal.roles import Role

    password = secrets.token_urlsafe(12)
    acct = create_account(_engine(db), username, Role(role), display_name, _now(), password=password)
    secret = _totp_secret(db, acct.username)
    out = {"username": acct.username, "role": role, "password": password, "totp_secret": secret,
           "totp_uri": totp_uri(secret, acct.username)}
    if as_json:
        emit_json(out)
    else:
        console.print(f"account {acct.username} ({role}) created. Give these to the person, once:",
                      highlight=False)
        console.print(f"  password:    {password}\n  TOTP secret: {secret}  (enter it in an authenticator app)\n"
                      f"  TOTP URI:    {out['totp_uri']}", highlight=False)
    return EXIT_OK


def _totp_secret(db: str, username: str) -> str:
    from mutasi.portal.accounts import totp_secret_of

    return totp_secret_of(_engine(db), username) or ""


@users_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="CSV written (mode 0600) with each account's first password and TOTP secret.")
@db_option
def users_import(file: Path, out: Path, db: str) -> int:
    """Create staff accounts from a CSV with columns username, role, name.

    All rows are checked first; nothing is created when one is wrong.

    \b
    Example: mutasi users import staf.csv --out staf-sandi.csv
    """
    import secrets

    from mutasi.errors import MutasiError, Problem
    from mutasi.portal.accounts import USERNAME, create_account, find_account, totp_uri
    from mutasi.portal.roles import Role

    engine = _engine(db)
    rows: list[tuple[int, str, str, str]] = []
    problems: list[Problem] = []
    with file.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"username", "role", "name"} - set(reader.fieldnames or [])
        if missing:
            raise UsageError(f"{file}: missing column(s) {', '.join(sorted(missing))} (need username, role, name)")
        seen: set[str] = set()
        for i, rec in enumerate(reader, start=2):
            name, role, disp = (rec.get("username") or "").strip().lower(), (rec.get("role") or "").strip(), (rec.get("name") or "").strip()
            col = None
            if not USERNAME.match(name) or name in seen or find_account(engine, name):
                col, msg = 1, f"username {name!r} is not valid, repeated, or already exists"
            elif role not in ("committee", "inspector", "admin"):
                col, msg = 2, f"role {role!r} is not committee, inspector or admin"
            elif not disp:
                col, msg = 3, "name is empty"
            if col is not None:
                problems.append(Problem(file=str(file), line=i, col=col, code="MUT-P001",
                                        field=("username", "role", "name")[col - 1], message=msg))
            seen.add(name)
            rows.append((i, name, role, disp))
    if problems:
        raise MutasiError(f"{len(problems)} problem(s) in {file}; no account was created", problems)
    written = [["username", "role", "name", "password", "totp_secret", "totp_uri"]]
    for _, name, role, disp in rows:
        password = secrets.token_urlsafe(12)
        acct = create_account(engine, name, Role(role), disp, _now(), password=password)
        secret = _totp_secret(db, acct.username)
        written.append([acct.username, role, disp, password, secret, totp_uri(secret, acct.username)])
    _write_private(out, written)
    console.print(f"{len(rows)} account(s) created; first passwords in {out} (mode 0600): hand them out "
                  "and delete the file", highlight=False)
    return EXIT_OK


@users_group.command("codes")
@click.argument("nips_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="CSV written (mode 0600): nip, name, code, expires.")
@click.option("--days", type=click.IntRange(1, 365), default=30, show_default=True, help="Days a code stays valid.")
@db_option
def users_codes(nips_file: Path, out: Path, days: int, db: str) -> int:
    """Write one-time activation codes for the NIPs in a file (one NIP a line).

    A new code replaces an employee's earlier unused code.

    \b
    Example: mutasi users codes nip.txt --out kode-aktivasi.csv
    """
    from mutasi.portal.accounts import NIP, issue_codes

    nips: list[str] = []
    for i, line in enumerate(nips_file.read_text(encoding="utf-8-sig").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#") or text.lower() == "nip":
            continue
        if not NIP.match(text):
            raise UsageError(f"{nips_file}:{i}: '{text}' is not an 18-digit NIP; no code was written")
        nips.append(text)
    codes = issue_codes(_engine(db), nips, _now(), days)
    _write_private(out, [["nip", "name", "code", "expires"]] +
                   [[n, name, code, exp.date().isoformat()] for n, name, code, exp in codes])
    console.print(f"{len(codes)} activation code(s) written to {out} (mode 0600)", highlight=False)
    return EXIT_OK


@users_group.command("list")
@db_option
@json_option
def users_list(db: str, as_json: bool) -> int:
    """List portal accounts (never their secrets).

    \b
    Example: mutasi users list --json
    """
    from mutasi.portal.accounts import list_accounts

    accts = list_accounts(_engine(db))
    if as_json:
        emit_json([{"username": a.username, "role": a.role.value, "nip": a.nip, "name": a.display_name,
                    "totp": a.has_totp, "demo": a.demo} for a in accts])
        return EXIT_OK
    for a in accts:
        console.print(f"{a.username:24} {a.role.value:10} {a.display_name}{'  (demo)' if a.demo else ''}",
                      highlight=False)
    return EXIT_OK


@users_group.command("totp")
@click.argument("username")
@db_option
def users_totp(username: str, db: str) -> int:
    """Print the current TOTP code of a DEMO account (refused for real accounts).

    \b
    Example: mutasi users totp demo.tim
    """
    import pyotp

    from mutasi.portal.accounts import find_account

    acct = find_account(_engine(db), username)
    if acct is None or not acct.demo:
        raise UsageError(f"{username!r} is not a demo account: real accounts use their authenticator app")
    secret = _totp_secret(db, acct.username)
    if not secret:
        raise UsageError(f"{username!r} has no second factor")
    console.print(pyotp.TOTP(secret).now(), highlight=False)
    return EXIT_OK


@click.group("portal")
def portal_group() -> None:
    """Portal: publish a run to employees, open a preference round (the committee's pages
    for this come in part 2)."""


def _day(value: str | None, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what}: '{value}' is not a date in the form YYYY-MM-DD") from None


@portal_group.command("publish")
@click.argument("run_seq", type=int)
@click.option("--on", "on", default=None, help="Day employees are told (YYYY-MM-DD; default today). "
              "A response period counts from it.")
@click.option("--sk", "sk_number", default=None, help="Number of the signed SK behind this run: "
              "employees may then file a keberatan instead of a tanggapan.")
@click.option("--announced", default=None, help="Day the SK was announced (YYYY-MM-DD); the objection "
              "period counts from it.")
@click.option("--actor", envvar="MUTASI_ACTOR", required=True, help="Who publishes (audit trail).")
@db_option
def portal_publish(run_seq: int, on: str | None, sk_number: str | None, announced: str | None, actor: str,
                   db: str) -> int:
    """Let employees read their decisions of run RUN_SEQ in the portal.

    \b
    Example: mutasi portal publish 2 --actor "Tim BKPSDM"
    Example: mutasi portal publish 3 --sk 800.1.3/123/BKPSDM/2026 --announced 2026-12-01 --actor "Tim BKPSDM"
    """
    from mutasi.portal.publication import publish

    day = _day(on, "--on") or _now().date()
    pub = publish(_engine(db), run_seq, day, actor, sk_number, _day(announced, "--announced"))
    what = f"SK {pub.sk_number}, announced {pub.announced_on}" if pub.sk_number else "before an SK"
    console.print(f"run {run_seq} published on {pub.published_on} ({what})", highlight=False)
    return EXIT_OK


@portal_group.command("round")
@click.argument("title")
@click.option("--opens", required=True, help="First day preferences are accepted (YYYY-MM-DD).")
@click.option("--closes", required=True, help="Last day preferences are accepted (YYYY-MM-DD).")
@click.option("--actor", envvar="MUTASI_ACTOR", required=True, help="Who opens the round (audit trail).")
@db_option
def portal_round(title: str, opens: str, closes: str, actor: str, db: str) -> int:
    """Open a preference round: employees rank up to N units (N from the pack) until it closes.

    \b
    Example: mutasi portal round "Mutasi 2027 tahap 1" --opens 2026-12-01 --closes 2026-12-15 --actor "Tim BKPSDM"
    """
    from mutasi.portal.rounds import open_round

    o, c = _day(opens, "--opens"), _day(closes, "--closes")
    assert o is not None and c is not None
    rnd = open_round(_engine(db), title, o, c, actor)
    console.print(f"round {rnd.id} '{rnd.title}' open {rnd.opens_on} to {rnd.closes_on}, up to "
                  f"{rnd.max_choices} choices", highlight=False)
    return EXIT_OK


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
    cli.add_command(users_group)
    cli.add_command(portal_group)
