"""The CLI imports a verb's module only when that verb runs (issue 18: fast start-up).

No timing here (performance is measured in bench/); these tests check the mechanism: which
modules `mutasi --help` loads, and that the lazy table lists every verb as its module does.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

import click
import pytest

import mutasi.cli
from mutasi.cli.app import COMMANDS, LazyGroup

HEAVY = ("sqlalchemy", "durable_rules", "jinja2", "matplotlib", "numpy", "ortools", "rich",
         "engine.evaluate", "audit", "reports", "mutasi.store")


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_help_and_version_load_no_heavy_library() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from mutasi.cli.app import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    codes = [main(['--help']), main(['--version'])]\n"
        "assert codes == [0, 0], codes\n"
        "assert 'evaluate' in buf.getvalue() and 'version' in buf.getvalue()\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = set(_run(code).split())
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []
    assert "mutasi.cli.app" in loaded  # the probe did run


def _eager() -> click.Group:
    """Every verb, by importing every mutasi/cli/*_cmd.py module (what the CLI did before)."""
    group = click.Group("mutasi")
    for info in pkgutil.iter_modules(mutasi.cli.__path__):
        if info.name.endswith("_cmd"):
            importlib.import_module(f"mutasi.cli.{info.name}").register(group)
    return group


def test_table_lists_every_verb_with_its_own_summary() -> None:
    eager = _eager()
    assert sorted(COMMANDS) == sorted(eager.commands)
    for name, cmd in eager.commands.items():
        for limit in (40, 70, 94, 300):
            table = click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit)
            assert table == cmd.get_short_help_str(limit), (name, limit)


def _tree(cmd: click.Command) -> dict[str, object]:
    if not isinstance(cmd, click.Group):
        return {}
    return {n: _tree(c) for n, c in sorted(cmd.commands.items())}


GROUPS = ["audit", "db", "keys", "portal", "round", "rules", "users"]


@pytest.mark.parametrize("name", GROUPS)
def test_group_loaded_alone_has_all_its_subcommands(name: str) -> None:
    # A fresh interpreter loads only this verb: subcommands that another module attaches to
    # the group (e.g. `audit witness` from trust_cmd) must come along.
    code = (
        "import json, click\n"
        "from mutasi.cli.app import cli\n"
        "def tree(c):\n"
        "    return {n: tree(s) for n, s in sorted(c.commands.items())} if isinstance(c, click.Group) else {}\n"
        f"cmd = cli.get_command(click.Context(cli), {name!r})\n"
        "print(json.dumps(tree(cmd)))\n"
    )
    assert json.loads(_run(code)) == _tree(_eager().commands[name])


def test_groups_in_the_table_are_all_checked() -> None:
    groups = sorted(n for n, c in _eager().commands.items() if isinstance(c, click.Group))
    assert groups == GROUPS


def test_root_help_is_the_same_lazy_or_loaded() -> None:
    fresh = LazyGroup("mutasi", help="x")
    ctx = click.Context(fresh, info_name="mutasi", terminal_width=100)
    lazy_help = fresh.get_help(ctx)
    assert fresh.commands == {}  # rendering --help loaded nothing
    for name in fresh.list_commands(ctx):
        fresh.get_command(ctx, name)
    assert sorted(fresh.commands) == sorted(COMMANDS)
    assert fresh.get_help(ctx) == lazy_help
