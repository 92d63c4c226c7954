"""Loading rule packs: find pack folders, check them (engine/check.py), build the effective
Pack. `rules check` needs this module only: nothing here loads an evaluation backend."""

from __future__ import annotations

from pathlib import Path

from engine.cases import case_files, load_cases
from engine.check import build_pack
from engine.check_engine import engine_problems
from engine.errors import PackError
from engine.pack import Pack
from engine.problems import Problem, problem


def compile_pack(root: Path) -> tuple[Pack | None, list[Problem]]:
    """Check and build the effective pack in folder ``root``; problems sorted by location."""
    return build_pack(root, str(root), ())


def load_pack(path: str | Path) -> Pack:
    """Load and check a pack folder (with its layers); raises PackError with every problem."""
    pack, problems = compile_pack(Path(path))
    if problems or pack is None:
        raise PackError(f"rule pack {path} has {len(problems)} problem(s)", problems)
    return pack


def find_packs(path: Path) -> list[Path]:
    """A pack folder itself, or every pack folder directly under ``path`` (sorted)."""
    if (path / "pack.yaml").is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.iterdir() if (p / "pack.yaml").is_file())
    return []


def check_paths(paths: list[str | Path]) -> list[Problem]:
    """Problems of every pack under the given paths (and of the shape of its example cases),
    sorted and without duplicates."""

    out: set[Problem] = set()
    for raw in paths:
        path = Path(raw)
        packs = find_packs(path)
        if not packs:
            out.add(problem(str(path), 1, 0, "MUT-R018", "", f"no rule pack (pack.yaml) at {path}"))
        for p in packs:
            pack, probs = compile_pack(p)
            out.update(probs)
            if pack is not None and not probs:
                out.update(engine_problems(pack, p, str(p)))
            for f in case_files(p):
                out.update(load_cases(f)[1])
    return sorted(out)
