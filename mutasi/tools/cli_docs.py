"""Generate docs/cli.md from the CLI's own --help texts (`make docs`).

tests/test_docs.py fails when docs/cli.md drifts from what this prints.
"""

from __future__ import annotations

import click

from mutasi.cli.app import cli


def _walk(cmd: click.Command, ctx: click.Context) -> list[tuple[click.Context, click.Command]]:
    out = [(ctx, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.list_commands(ctx)):
            sub = cmd.get_command(ctx, name)  # the root group imports its verbs on first use
            if sub is None:
                continue
            # the context chain click itself builds, so inherited settings (-h) match real --help
            sub_ctx = click.Context(sub, info_name=name, parent=ctx, **sub.context_settings)
            out.extend(_walk(sub, sub_ctx))
    return out


def _contexts() -> list[tuple[click.Context, click.Command]]:
    root = click.Context(cli, info_name="mutasi", terminal_width=100, **cli.context_settings)
    return _walk(cli, root)


def commands() -> list[tuple[str, click.Command]]:
    """Every command as ("mutasi audit verify", command), sorted."""
    return [(ctx.command_path, cmd) for ctx, cmd in _contexts()]


def render() -> str:
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `make docs` (python -m mutasi.tools.cli_docs); do not edit by hand.",
        "",
        "Exit codes: 0 ok, 1 rule or data errors found, 2 usage, 3 integrity failure.",
        "",
    ]
    for ctx, cmd in _contexts():
        parts += [f"## `{ctx.command_path}`", "", "```text", cmd.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
