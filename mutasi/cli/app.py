"""The `mutasi` command: one click group; each verb group lives in its own module."""

from __future__ import annotations

import os
import sys
import traceback

import click

from mutasi import __version__
from mutasi.cli import (
    audit_cmd,
    backup_cmd,
    data_cmd,
    demo_cmd,
    eval_cmd,
    plan_cmd,
    portal_cmd,
    report_cmd,
    rules_cmd,
    trust_cmd,
)
from mutasi.cli.common import err_console, print_error
from mutasi.errors import EXIT_FINDINGS, EXIT_USAGE, MutasiError


@click.group(
    help=(
        "Keputusan mutasi ASN berbasis aturan, dengan jejak audit.\n\n"
        "Rule-based decisions, with an audit trail, for transfers of Indonesian civil servants.\n\n"
        "Exit codes: 0 ok, 1 rule or data errors found, 2 usage, 3 integrity failure."
    ),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="mutasi")
@click.option("--debug", is_flag=True, help="Show a traceback on errors (for developers).")
def cli(debug: bool) -> None:
    if debug:
        os.environ["MUTASI_DEBUG"] = "1"


for _module in (demo_cmd, data_cmd, rules_cmd, eval_cmd, plan_cmd, audit_cmd, trust_cmd, report_cmd, portal_cmd,
                backup_cmd):
    _module.register(cli)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code when argv is given (tests), else exits."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        rv = cli.main(args=args, prog_name="mutasi", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except MutasiError as exc:
        if "--debug" in args or os.environ.get("MUTASI_DEBUG") == "1":
            traceback.print_exc()
        print_error(exc)
        code = exc.exit_code
    except click.exceptions.UsageError as exc:
        exc.show()
        code = EXIT_USAGE
    except click.exceptions.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.exceptions.Abort:
        err_console.print("aborted")
        code = EXIT_USAGE
    except Exception as exc:  # a defect, not the user's input: say so plainly
        if "--debug" in args or os.environ.get("MUTASI_DEBUG") == "1":
            traceback.print_exc()
        err_console.print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a defect in mutasi, not in your data. Run again with --debug and report the output.",
            highlight=False, markup=False, soft_wrap=True,
        )
        code = EXIT_FINDINGS
    if argv is None:
        sys.exit(code)
    return code


if __name__ == "__main__":
    main()
