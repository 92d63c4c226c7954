"""pytest plugin: every case in rules/<pack>/tests/*.yaml is a test item.

A failing case prints what differs (outcome, facts read, missing reasons, threshold), the
same text `mutasi rules test` prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.load import load_pack
from engine.pack import Pack
from engine.packtest import Case, CaseRunner, load_cases

_runners: dict[Path, CaseRunner] = {}


def _runner(pack_dir: Path) -> CaseRunner:
    if pack_dir not in _runners:
        pack: Pack = load_pack(pack_dir)
        _runners[pack_dir] = CaseRunner(pack)
    return _runners[pack_dir]


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if (file_path.suffix == ".yaml" and file_path.parent.name == "tests"
            and (file_path.parent.parent / "pack.yaml").is_file()):
        return PackCaseFile.from_parent(parent, path=file_path)
    return None


class PackCaseFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        cases, problems = load_cases(self.path, str(self.path.relative_to(self.config.rootpath)))
        if problems:  # a bad case file is one failing item, not a collection error
            yield BadCaseFileItem.from_parent(self, name="case file", problems=problems)
        for case in cases:
            yield PackCaseItem.from_parent(self, name=f"{case.line}: {case.name}", case=case)


class PackCaseError(Exception):
    pass


class BadCaseFileItem(pytest.Item):
    def __init__(self, *, problems: list[Any], **kw: Any) -> None:
        super().__init__(**kw)
        self.problems = problems

    def runtest(self) -> None:
        raise PackCaseError("\n".join(str(p) for p in self.problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)


class PackCaseItem(pytest.Item):
    def __init__(self, *, case: Case, **kw: Any) -> None:
        super().__init__(**kw)
        self.case = case

    def runtest(self) -> None:
        result = _runner(self.path.parent.parent).run(self.case)
        if result.failures:
            raise PackCaseError("\n".join(result.failures))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, PackCaseError):
            return f"{self.case.file}:{self.case.line} {self.case.name}\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.case.line - 1, f"case: {self.case.name}"


def pytest_sessionfinish() -> None:
    for r in _runners.values():
        r.close()
    _runners.clear()
