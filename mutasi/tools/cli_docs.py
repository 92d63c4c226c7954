"""Generate docs/cli.md from the CLI's own --help texts (`make docs`).

tests/test_docs.py fails when docs/cli.md drifts from what this prints.
"""

from __future__ import annotations

import click

from mutasi.cli.app import cli


def _walk(cmd: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out.extend(_walk(cmd.commands[name], [*path, name]))
    return out


def commands() -> list[tuple[str, click.Command]]:
    """Every command as ("mutasi audit verify", command), sorted."""
    return [(" ".join(["mutasi", *p]), c) for p, c in _walk(cli, [])]


def render() -> str:
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `make docs` (python -m mutasi.tools.cli_docs); do not edit by hand.",
        "",
        "Exit codes: 0 ok, 1 rule or data errors found, 2 usage, 3 integrity failure.",
        "",
    ]
    for name, cmd in commands():
        ctx = click.Context(cmd, info_name=name, terminal_width=100, max_content_width=100)
        parts += [f"## `{name}`", "", "```text", cmd.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
