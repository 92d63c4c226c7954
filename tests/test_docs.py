"""Docs stay true: CLI reference generated from --help, every verb and error code documented."""

from __future__ import annotations

import re
from pathlib import Path

from mutasi.tools.cli_docs import commands, render

REPO = Path(__file__).resolve().parent.parent
CODE_RE = re.compile(r"MUT-[RDAVPL]\d{3}")
SOURCES = ("engine", "audit", "reports", "mutasi")


def test_cli_reference_is_generated_from_help() -> None:
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == render(), "docs/cli.md is stale: run `make docs`"


def test_every_verb_has_help_with_an_example() -> None:
    missing = []
    for name, cmd in commands():
        if name == "mutasi" or getattr(cmd, "commands", None):
            continue
        if "Example" not in (cmd.help or "") and "Contoh" not in (cmd.help or ""):
            missing.append(name)
    assert missing == []


def test_required_verbs_exist() -> None:
    names = {n for n, _ in commands()}
    required = {
        "mutasi demo", "mutasi import", "mutasi rules check", "mutasi rules test",
        "mutasi evaluate", "mutasi plan", "mutasi review", "mutasi explain", "mutasi report",
        "mutasi override", "mutasi audit verify", "mutasi audit replay", "mutasi audit export",
        "mutasi audit checkpoint",
    }
    assert required - names == set()


def test_every_error_code_in_the_code_is_documented() -> None:
    used: set[str] = set()
    for pkg in SOURCES:
        for path in (REPO / pkg).rglob("*.py"):
            used |= set(CODE_RE.findall(path.read_text(encoding="utf-8")))
    documented = set(CODE_RE.findall((REPO / "docs" / "errors.md").read_text(encoding="utf-8")))
    assert used, "no error codes found: the pattern or the layout changed"
    assert sorted(used - documented) == []


def test_national_pack_readme_tables_match_the_pack() -> None:
    """rules/nasional/README.md's criteria and parameter tables are the pack's own (titles,
    legal bases with their notes, dates, values): regenerate with
    `python -m mutasi.tools.pack_readme rules/nasional`."""
    from engine import load_pack
    from mutasi.tools.pack_readme import regenerate

    folder = Path(__file__).resolve().parent.parent / "rules" / "nasional"
    text = (folder / "README.md").read_text(encoding="utf-8")
    pack = load_pack(folder)
    assert regenerate(text, pack) == text
    for c in pack.criteria:  # every criterion is in the table, with its legal basis
        assert f"| `{c.id}` | {c.kind} |" in text
