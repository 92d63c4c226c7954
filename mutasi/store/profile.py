"""Import profiles: how a file's columns become mutasi's fields.

`default` is mutasi's own format (columns.yaml: for each field the first column present wins).
`siasn` (siasn.yaml) reads SIASN's files as they are downloaded: a field may take the first
non-empty of several columns, a code table, a column chosen by another column (the position id
by jenisJabatanId), the PNS id joined to the NIP, or a unit rolled up to its OPD. `auto` picks
`siasn` for a file whose name or header says SIASN, else `default`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from engine.yamlsrc import load_shipped
from mutasi.store import parse as p
from mutasi.store.codes import code_table
from mutasi.store.columns import ColumnMap, default_map, normalize_header

PROFILE_FILE = Path(__file__).resolve().parent / "siasn.yaml"
PROFILES = ("auto", "default", "siasn")

# (raw value, 0-based column it came from or None)
Getter = Callable[[Sequence[object]], tuple[object, int | None]]


class ColumnCellError(p.CellError):
    """A cell error located at a column other than the field's first column."""

    def __init__(self, column: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(code, message, hint)
        self.column = column


class Resolver(Protocol):
    """What a getter needs from the files read before (see joins.ImportContext)."""

    def nip_for(self, pns_id: str) -> str | None: ...

    def rollup(self, unit_id: str) -> str: ...


@dataclass(frozen=True)
class Spec:
    columns: tuple[str, ...] = ()
    first_present: bool = False  # mutasi's own format: the first column present wins, even empty
    code: str | None = None
    take: str = "value"
    otherwise: Spec | None = None
    by: tuple[str, ...] = ()
    cases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    when_any: tuple[str, ...] = ()
    pns_id: tuple[str, ...] = ()
    rollup: bool = False
    by_year: tuple[tuple[str, ...], tuple[tuple[int, int, str], ...]] | None = None

    def names(self) -> tuple[str, ...]:
        out = [*self.columns, *self.by, *self.pns_id]
        for _, cols in self.cases:
            out.extend(cols)
        if self.otherwise is not None:
            out.extend(self.otherwise.names())
        return tuple(dict.fromkeys(out))


def _spec(raw: Any) -> Spec:
    if isinstance(raw, list):
        return Spec(columns=tuple(str(c) for c in raw))
    by_year = None
    if "by_year" in raw:
        by_year = (
            tuple(raw["by_year"]["column"]),
            tuple((int(a), int(b), str(v)) for a, b, v in raw["by_year"]["ranges"]),
        )
    return Spec(
        columns=tuple(raw.get("columns", ())),
        code=raw.get("code"),
        take=raw.get("take", "value"),
        otherwise=_spec(raw["else"]) if "else" in raw else None,
        by=tuple(raw.get("by", ())),
        cases=tuple((g, tuple(cols)) for g, cols in raw.get("cases", {}).items()),
        when_any=tuple(raw.get("when_any", ())),
        pns_id=tuple(raw.get("pns_id", ())),
        rollup=bool(raw.get("rollup", False)),
        by_year=by_year,
    )


@dataclass(frozen=True)
class SiasnProfile:
    stems: dict[str, str]
    signature: frozenset[str]
    export_data_asn: frozenset[str]
    ignored: dict[str, dict[str, str]]
    end_from_next_start: frozenset[str]
    kinds: dict[str, dict[str, Spec]] = field(default_factory=dict)


@cache
def siasn_profile() -> SiasnProfile:
    raw = load_shipped(PROFILE_FILE)
    return SiasnProfile(
        stems=dict(raw["stems"]),
        signature=frozenset(normalize_header(h) for h in raw["signature"]),
        export_data_asn=frozenset(normalize_header(h) for h in raw["export_data_asn"]),
        ignored={k: dict(v) for k, v in raw["ignored"].items()},
        end_from_next_start=frozenset(raw["end_from_next_start"]),
        kinds={k: {f: _spec(s) for f, s in fs.items()} for k, fs in raw["kinds"].items()},
    )


def siasn_kind_for_file(path: Path) -> str | None:
    stem = path.stem.lower().replace("-", "_").replace(" ", "_")
    stems = siasn_profile().stems
    best = max((s for s in stems if stem == s or stem.startswith(s + "_")), key=len, default=None)
    return stems[best] if best else None


def peek_headers(path: Path) -> list[str]:
    """The header row of a CSV file (empty for other files or when unreadable)."""
    if path.suffix.lower() != ".csv":
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            first = fh.readline(1_000_000)
    except (OSError, UnicodeDecodeError):
        return []
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    except csv.Error:
        return []


def kind_from_headers(headers: list[str]) -> str | None:
    """'employees' for an "Export Data ASN" header, else None."""
    norm = {normalize_header(h) for h in headers}
    return "employees" if siasn_profile().export_data_asn <= norm else None


def choose_profile(requested: str, path: Path, headers: list[str]) -> str:
    if requested != "auto":
        return requested
    prof = siasn_profile()
    if siasn_kind_for_file(path) is not None:
        return "siasn"
    norm = {normalize_header(h) for h in headers}
    return "siasn" if norm & prof.signature else "default"


@dataclass
class FilePlan:
    """The getters of one file: field -> how to read it from a row's cells."""

    getters: dict[str, Getter]
    first_col: dict[str, int | None]  # field -> 0-based column shown for its problems
    warnings: list[tuple[int, str, str]]  # (0-based column, header, message)
    accepted: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> column names


def plan_file(
    kind: str,
    headers: list[str],
    cmap: ColumnMap,
    profile: str,
    resolver: Resolver,
) -> FilePlan:
    index: dict[str, int] = {}
    for i, h in enumerate(headers):
        index.setdefault(normalize_header(h), i)
    specs = _specs(kind, cmap, profile)
    plan = FilePlan({}, {}, [])
    for fname, spec in specs.items():
        plan.accepted[fname] = spec.names()
        getter = _compile(spec, index, headers, resolver, fname)
        if getter is None:
            continue
        plan.getters[fname] = getter
        plan.first_col[fname] = next(
            (index[n] for n in map(normalize_header, spec.names()) if n in index), None
        )
        if spec.first_present:
            present = [n for n in spec.columns if normalize_header(n) in index]
            for other in present[1:]:
                col = index[normalize_header(other)]
                plan.warnings.append(
                    (col, headers[col], f"column ignored: {fname} is read from column "
                     f"{headers[index[normalize_header(present[0])]]}")
                )
    if profile == "siasn":
        for name, why in siasn_profile().ignored.get(kind, {}).items():
            at = index.get(normalize_header(name))
            if at is not None:
                plan.warnings.append((at, headers[at], f"column not read: {why}"))
    return plan


def _specs(kind: str, cmap: ColumnMap, profile: str) -> dict[str, Spec]:
    base = {f: Spec(columns=names, first_present=True) for f, names in cmap.get(kind, {}).items()}
    if profile != "siasn":
        return base
    defaults = default_map().get(kind, {})
    out = dict(base)
    for fname, spec in siasn_profile().kinds.get(kind, {}).items():
        own = cmap.get(kind, {}).get(fname)
        if own is not None and own != defaults.get(fname):
            continue  # --column-map named this field: the user's columns win
        extra = tuple(n for n in (own or ()) if n not in spec.names())
        out[fname] = Spec(**{**spec.__dict__, "columns": spec.columns + extra})
    return out


def _empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):  # the common case (CSV), without building a stripped copy twice
        s = value.strip()
        return not s or (s[0] in "0nN" and s.lower() in p.NO_VALUE)
    return p.text(value) is None


def _compile(
    spec: Spec, index: dict[str, int], headers: list[str], resolver: Resolver, fname: str
) -> Getter | None:
    cols = [index[n] for n in map(normalize_header, spec.columns) if n in index]
    if spec.first_present:  # mutasi's own format: one column, read as it is (the fast path)
        if not cols:
            return None
        at = cols[0]
        return lambda cells: (cells[at] if at < len(cells) else None, at)
    other = _compile(spec.otherwise, index, headers, resolver, fname) if spec.otherwise else None
    by_cols = [index[n] for n in map(normalize_header, spec.by) if n in index]
    active = bool(spec.cases) and bool(by_cols) and any(
        normalize_header(n) in index for n in spec.when_any
    )
    guid_cols = [index[n] for n in map(normalize_header, spec.pns_id) if n in index]
    if not cols and other is None and not active and not guid_cols and spec.by_year is None:
        return None
    year_cols = (
        [index[n] for n in map(normalize_header, spec.by_year[0]) if n in index]
        if spec.by_year
        else []
    )
    cases = {g: [index[n] for n in map(normalize_header, cs) if n in index] for g, cs in spec.cases}
    tell_cols = [index[n] for n in map(normalize_header, spec.when_any) if n in index]
    table = code_table(spec.code) if spec.code else None
    # with `by`, the table reads the key column; otherwise it reads the value
    value_table = None if spec.by else table

    def first(cells: Sequence[object], idxs: list[int]) -> tuple[object, int | None]:
        for i in idxs:
            v = cells[i] if i < len(cells) else None
            if not _empty(v):
                return v, i
        return None, (idxs[0] if idxs else None)

    def coded(value: object, col: int | None) -> object:
        if value_table is None or _empty(value):
            return value
        try:
            return value_table.lookup(str(p.text(value)), spec.take)
        except p.CellError as exc:
            raise ColumnCellError(col or 0, exc.code, exc.message, exc.hint) from None

    def get(cells: Sequence[object]) -> tuple[object, int | None]:
        if active:
            key, kcol = first(cells, by_cols)
            by_name = headers[by_cols[0]]
            if _empty(key):
                # no jenis: a value in exactly one telling column is unambiguous; none = not
                # on file (e.g. a former post no longer in any reference)
                found = [(cells[i], i) for i in tell_cols if i < len(cells) and not _empty(cells[i])]
                if len(found) > 1:
                    raise ColumnCellError(
                        by_cols[0], "MUT-D043",
                        f"{by_name} is empty and {fname} could be read from "
                        f"{', '.join(headers[i] for _, i in found)}: cannot tell which",
                    )
                if found:
                    return found[0]
                return first(cells, cols)
            assert table is not None  # a rule keyed on another column reads it through a table
            try:
                group = table.lookup(str(p.text(key)))
            except p.CellError as exc:
                raise ColumnCellError(kcol or 0, exc.code, exc.message, exc.hint) from None
            if group is None:
                raise ColumnCellError(kcol or 0, "MUT-D043", f"{by_name} {p.text(key)} names no column for {fname}")
            idxs = cases.get(group, [])
            value, col = first(cells, idxs)
            if _empty(value):
                names = ", ".join(dict(spec.cases).get(group, ())) or "(none)"
                raise ColumnCellError(
                    col if col is not None else (kcol or 0), "MUT-D043",
                    f"{by_name} {p.text(key)} ({group}): {fname} is read from {names}, "
                    "which is empty or absent in this row",
                )
            return value, col
        value, col = first(cells, cols)
        if not _empty(value):
            value = coded(value, col)
            if spec.rollup and value is not None:
                value = resolver.rollup(str(p.text(value)))
            return value, col
        if guid_cols:
            guid, gcol = first(cells, guid_cols)
            if not _empty(guid):
                nip = resolver.nip_for(str(p.text(guid)))
                if nip is None:
                    raise ColumnCellError(
                        gcol or 0, "MUT-D035",
                        f"no employee with PNS id '{p.text(guid)}' in the employees files of "
                        "this import",
                        "import data-utama (or the Export Data ASN file) in the same command",
                    )
                return nip, gcol
        if other is not None:
            v2, c2 = other(cells)
            if not _empty(v2):
                return v2, c2
        if spec.by_year is not None:
            year, _ = first(cells, year_cols)
            y = p.parse_int(year) if not _empty(year) else None
            if y is not None:
                for lo, hi, v in spec.by_year[1]:
                    if lo <= y <= hi:
                        return v, None
        return None, col

    return get
