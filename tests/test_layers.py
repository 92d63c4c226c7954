"""The house: layers point one way (engine < audit < reports < mutasi) and no module imports
itself round a circle. docs/design.md shows the layout these tests hold to."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LAYERS = ("engine", "audit", "reports", "mutasi")  # lowest first


def _modules(pkg: str) -> list[str]:
    out = []
    for path in sorted((REPO / pkg).rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        if "migrations" in rel.parts and "versions" in rel.parts or rel.name == "env":
            continue  # Alembic scripts run inside Alembic, not imported by the package
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out.append(".".join(parts))
    return out


def _fresh(code: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    last: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return last


@pytest.mark.parametrize("layer", LAYERS[:-1])
def test_a_lower_layer_never_loads_a_higher_one(layer: str) -> None:
    """Import every module of one layer in a fresh interpreter: no higher layer gets loaded."""
    higher = LAYERS[LAYERS.index(layer) + 1:]
    code = (
        "import importlib, json, sys\n"
        f"for m in {_modules(layer)!r}:\n"
        "    importlib.import_module(m)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {higher!r})))\n"
    )
    assert _fresh(code) == [], f"{layer} loads a higher layer"


def test_rules_check_decides_nothing() -> None:
    """`rules check` compiles conditions with the durable adapter (MUT-R032) but loads neither
    the evaluator nor the reference backend; loading a pack loads no backend at all."""
    code = (
        "import json, sys\n"
        "from mutasi.cli.app import main\n"
        "from engine import load_pack\n"
        "load_pack('rules/kota-dumai')\n"
        "after_load = sorted(m for m in sys.modules if m.startswith(('durable', 'engine.backends')))\n"
        "code = main(['rules', 'check', 'rules/'])\n"
        "print(json.dumps({'code': code, 'after_load': after_load, 'loaded': sorted(m for m in sys.modules\n"
        "    if m.startswith(('durable', 'engine.backends', 'engine.evaluate')))}))\n"
    )
    assert _fresh(code) == {"code": 0, "after_load": [], "loaded": [
        "durable_rules_engine", "engine.backends", "engine.backends.durable"]}


def _runtime_imports(path: Path, module: str) -> set[str]:
    """Project modules ``module`` imports at run time (also inside functions; not the ones
    only under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
                   for child in node.body for n in ast.walk(child)}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    mods = {m: REPO / (m.replace(".", "/") + ".py") for lay in LAYERS for m in _modules(lay)}
    for m in list(mods):
        if not mods[m].exists():
            mods[m] = REPO / m.replace(".", "/") / "__init__.py"
    return {m: {t for t in _runtime_imports(p, m) if t in mods and t != m}
            for m, p in mods.items()}


def test_no_import_points_up_a_layer_even_inside_a_function() -> None:
    up = sorted(f"{m} -> {t}" for m, ts in _graph().items() for t in ts
                if LAYERS.index(t.split(".")[0]) > LAYERS.index(m.split(".")[0]))
    assert up == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle() -> None:
    graph = _graph()
    # a package importing its own submodules is how Python packages work, not a circle
    for m in graph:
        graph[m] = {t for t in graph[m] if not t.startswith(m + ".")}
    assert _cycles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_modules_of_the_lower_layers_stay_small() -> None:
    """One job per module: at most 400 lines in engine/, audit/ and reports/."""
    long = sorted(f"{p.relative_to(REPO)}: {n}" for pkg in ("engine", "audit", "reports")
                  for p in (REPO / pkg).rglob("*.py")
                  if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400)
    assert long == []
