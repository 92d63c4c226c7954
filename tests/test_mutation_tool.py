"""The mutation tool itself (mutasi/tools/mutants.py) and its list of equivalent mutants."""

from __future__ import annotations

import ast

from mutasi.tools import mutate
from mutasi.tools.mutants import list_mutants, mutated_tree
from mutasi.tools.mutate import EQUIVALENTS, ROOT, TARGETS, _mutants, load_equivalents

SOURCE = '''\
"""Doc."""
LIMIT = 3


def f(a, b=2):
    """Doc."""
    if not a < b and a in (1, 2):
        raise ValueError(f"bad {a + 1}")
    g(a, b)
    return h(a, b)
'''


def test_operators_on_a_small_function() -> None:
    got = [(m.qualname, m.desc) for m in list_mutants(SOURCE, "x.py")]
    assert got == [
        ("<module>", "`3` -> `4`"), ("<module>", "`3` -> `2`"),
        ("f", "`2` -> `3`"), ("f", "`2` -> `1`"),  # the default value
        ("f", "`a < b` -> `a <= b`"), ("f", "`a < b` -> `a >= b`"),
        ("f", "`not a < b`: not dropped"),
        ("f", "`1` -> `2`"), ("f", "`1` -> `0`"), ("f", "`2` -> `3`"), ("f", "`2` -> `1`"),
        ("f", "`a in (1, 2)` -> `a not in (1, 2)`"),
        ("f", "`not a < b and a in (1, 2)`: and -> or"),
        ("f", "`raise ValueError(f'bad {a + 1}')` dropped"),  # the f-string is left alone
        ("f", "`g(a, b)`: arguments 1 and 2 swapped"), ("f", "call `g(a, b)` dropped"),
        ("f", "`h(a, b)`: arguments 1 and 2 swapped"), ("f", "`return h(a, b)` -> `return None`"),
    ]
    keys = [m.key for m in list_mutants(SOURCE, "x.py")]
    assert keys[9] == "x.py::f: `2` -> `3` #2"  # the same change twice in one function
    assert len(set(keys)) == len(keys)


def test_a_mutant_changes_exactly_its_node() -> None:
    ms = list_mutants(SOURCE, "x.py")
    i = next(m.index for m in ms if m.desc == "`a < b` -> `a >= b`")
    text = ast.unparse(mutated_tree(SOURCE, "x.py", i))
    assert "if not a >= b and a in (1, 2):" in text
    assert text.replace("a >= b", "a < b") == ast.unparse(ast.parse(SOURCE))


def test_every_listed_equivalent_names_a_target_and_says_why() -> None:
    # (`make mutate` reports entries that no longer match a mutant; a refactoring elsewhere
    # should not fail the suite for that)
    listed = load_equivalents(EQUIVALENTS)
    paths = {t.path for t in TARGETS}
    assert all(k.split("::")[0] in paths and len(why) > 20 for k, why in listed.items())


def test_targets_exist() -> None:
    for t in TARGETS:
        assert (ROOT / t.path).is_file(), t.path
        assert _mutants(t), t.path


def test_a_module_constant_runs_only_the_tests_of_the_lines_that_read_it(tmp_path, monkeypatch) -> None:
    """A mutated module-level constant is put into its own module (importers keep the
    original): only the tests covering a line of that module that reads the name can see it."""
    from mutasi.tools import mutate as M

    (tmp_path / "m.py").write_text(
        "RANGES = {\n"           # 1
        "    'a': (0, 10),\n"    # 2: the mutated constant
        "}\n"                    # 3
        "OTHER = 5\n"            # 4
        "\n"                     # 5
        "def f(x):\n"            # 6
        "    return RANGES[x]\n"  # 7: reads RANGES
        "\n"                     # 8
        "def g():\n"             # 9
        "    return OTHER\n",    # 10: reads OTHER only
        "utf-8")
    monkeypatch.setattr(M, "ROOT", tmp_path)
    assert M._readers("m.py", (2, 2)) == {7}
    assert M._readers("m.py", (4, 4)) == {10}
    # a default value: read at import, seen by the tests that run the function's body
    (tmp_path / "d.py").write_text("HOURS = 1250.0\n\n\ndef need(x, h=HOURS):\n    y = x * 2\n    return y / h\n", "utf-8")
    assert M._readers("d.py", (1, 1)) == {4, 5, 6}  # the def line itself runs at import only
    cmap = {"lines": {"m.py": {"7": ["t_f"], "10": ["t_g"], "1": ["t_import"]}}, "durations": {}}
    [const] = [m for m in list_mutants((tmp_path / "m.py").read_text(), "m.py") if m.lines == (2, 2)][:1]
    assert M._tests_for(const, cmap) == ["t_f"]


def test_a_test_gets_three_times_its_measured_time_plus_ten_seconds_of_cpu() -> None:
    cmap = {"durations": {"t::a": 2.0}}
    # 3 x 2 + 10 = 16; a test never measured counts as 1 s: 3 x 1 + 10 = 13
    assert mutate._budgets(["t::a", "t::b"], cmap) == [16.0, 13.0]
    assert mutate._budgets(["t::a"], cmap, scale=10.0) == [160.0]


def test_a_timeout_counts_only_when_the_unchanged_code_passes_in_time(monkeypatch) -> None:
    runs: list[tuple[object, float]] = []

    def fake_run(m, tests, budgets, items):  # the code as it is: slow for test "slow"
        runs.append((m, budgets[0]))
        if m is None:
            return "timeout" if tests == ["slow"] else "survived"
        return "survived"  # the mutant, given ten times the budget, passes

    monkeypatch.setattr(mutate, "_run_now", fake_run)
    monkeypatch.setattr(mutate, "_BASELINE", {})
    cmap = {"durations": {"fast": 1.0, "slow": 1.0}}
    assert mutate._confirm_timeout("M", ["fast"], cmap, {}) == "timeout"
    assert runs == [(None, 13.0)]
    runs.clear()
    assert mutate._confirm_timeout("M", ["slow"], cmap, {}) == "survived"
    assert runs == [(None, 13.0), ("M", 130.0)]
