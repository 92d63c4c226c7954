"""`rules check`'s last step: compile every criterion as evaluation will, on every date on
which what is in force changes, so that a condition durable_rules cannot compile is reported
at its file:line (MUT-R032) by the checker instead of stopping an evaluation.

Loading a pack never loads durable_rules; this check does (only `rules check` runs it).
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.check_context import source_path
from engine.compile import change_dates, compiled_at
from engine.pack import Criterion, Pack
from engine.problems import Problem, problem


def too_complex(c: Criterion, on: str = "", folder: tuple[str, str] = ("", "")) -> Problem:
    """MUT-R032 at the criterion's file:line (``on``: the date whose values make it so;
    ``folder``: (recorded prefix, shown prefix) of the checked pack's own files)."""
    file, _, line = c.source.rpartition(":")
    if folder[0] and file.startswith(folder[0]):
        file = folder[1] + file[len(folder[0]):]
    when = f" with the values in force on {on}" if on else ""
    return problem(file, int(line) if line.isdigit() else 1, 0, "MUT-R032", c.id,
                   f"criterion '{c.id}': durable_rules cannot compile its condition{when}",
                   "write it with fewer nested any/all, or split it into two criteria")


def engine_problems(pack: Pack, root: Path, display: str) -> list[Problem]:
    """MUT-R032 for each criterion of ``pack`` (checked in folder ``root``, shown as
    ``display``) that durable_rules cannot compile on some date."""
    from engine.backends.durable import DurableBackend

    recorded = source_path(root / "pack.yaml", root).removesuffix("pack.yaml")
    folder = (recorded, display.rstrip("/") + "/")

    seen: set[str] = set()
    out: list[Problem] = []
    for day in change_dates(pack):
        fresh = []
        for cc in compiled_at(pack, day):
            key = json.dumps([cc.criterion.id, cc.thresholds, cc.has_applies], sort_keys=True,
                             default=str)
            if key not in seen:
                seen.add(key)
                fresh.append(cc)
        if not fresh:
            continue
        backend = DurableBackend(fresh)
        by_id = {cc.criterion.id: cc.criterion for cc in fresh}
        out += [too_complex(by_id[i], day.isoformat(), folder) for i in backend.uncompilable]
        backend.close()
    return sorted(set(out))
