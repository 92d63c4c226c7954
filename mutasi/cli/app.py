"""The `mutasi` command: one click group; each verb group lives in its own module.

A verb's module (and the libraries it needs: SQLAlchemy, durable_rules, Jinja2, ...) is
imported only when that verb runs, so `mutasi --help` and `--version` start fast (issue 18).
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from typing import Any

import click

from mutasi import __version__
from mutasi.errors import EXIT_FINDINGS, EXIT_USAGE, MutasiError

# name -> (modules that define it or add subcommands to it: the first one's register() adds
# it; first paragraph of its help, shown by --help). tests/test_cli_lazy.py checks this table
# against what importing every mutasi/cli/*_cmd.py module gives.
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "audit": (("audit_cmd", "trust_cmd"), "Jejak audit: verifikasi, putar ulang, ekspor. / Audit trail: verify, replay, export."),
    "db": (("trust_cmd", "backup_cmd"), "Basis data / database set-up."),
    "demo": (("demo_cmd",), "Wilayah contoh: generate a synthetic region and run the whole pipeline on it."),
    "evaluate": (("eval_cmd",), "Evaluate every employee against the pack's candidate criteria and record the run."),
    "explain": (("report_cmd",), "Explain the recorded decision about one employee (same content as their letter)."),
    "import": (("data_cmd",), "Impor data SIASN/SIMPEG (CSV/XLSX). Import HR data files or a folder of them."),
    "keys": (("trust_cmd",), "Kunci tanda tangan / signing keys (Ed25519) for checkpoints and witnesses."),
    "override": (("audit_cmd",), "Record a human override of a decision; the original decision is kept unchanged."),
    "plan": (("plan_cmd",), "Compute the optimal transfer plan: fill deficit positions from surplus positions."),
    "portal": (("portal_cmd",), "Portal: publish a run to employees, open a preference round (the committee's pages\n"
               "for this come in part 2)."),
    "report": (("report_cmd",), "Render letters to employees, or the committee, inspector, fairness or monitoring report."),
    "review": (("plan_cmd",), "Tinjau rancangan SK / review an SK draft: is each proposed move allowed, and why (not)?"),
    "round": (("round_cmd",), "Putaran mutasi sukarela / voluntary transfer round."),
    "rules": (("rules_cmd", "whatif_cmd"), "Periksa dan uji paket aturan / check and test rule packs."),
    "serve": (("portal_cmd",), "Portal web: start the web portal on the store (employees, committee, inspectors)."),
    "users": (("portal_cmd",), "Akun portal: staff accounts and employees' activation codes."),
    "verify-letter": (("trust_cmd",), "Check a letter's receipt offline: PDF, HTML or the receipt text (its QR code)."),
    "workload": (("data_cmd",), "Analisis beban kerja (ABK): staff needed vs on post, per unit and position."),
}


class LazyGroup(click.Group):
    """A group whose verbs are imported on first use; --help lists them from COMMANDS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: set[str] = set()

    def load_module(self, module: str) -> None:
        """Import mutasi.cli.<module> and let it add its verbs to this group (once)."""
        mod = importlib.import_module(f"mutasi.cli.{module}")
        if module not in self._loaded:
            self._loaded.add(module)
            mod.register(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # every module of the verb, even when another verb already registered it (trust_cmd
        # registers `db` when `audit` runs; backup_cmd's subcommands must still come along)
        for module in COMMANDS.get(cmd_name, ((), ""))[0]:
            self.load_module(module)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            if (cmd := self.commands.get(name)) is not None:
                if not cmd.hidden:
                    rows.append((name, cmd.get_short_help_str(limit)))
            else:
                rows.append((name, click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
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



def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code when argv is given (tests), else exits."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        rv = cli.main(args=args, prog_name="mutasi", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except MutasiError as exc:
        from mutasi.cli.common import print_error  # rich: not loaded for --help / --version

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
        from mutasi.cli.common import err_console

        err_console.print("aborted")
        code = EXIT_USAGE
    except Exception as exc:  # a defect, not the user's input: say so plainly
        from mutasi.cli.common import err_console

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
