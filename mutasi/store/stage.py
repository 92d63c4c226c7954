"""Checks across rows, files and the database, a batch of rows at a time (issue 18).

References (unit, position, NIP) are looked up by their indexes, in the store's own tables
and, when nothing is written (``slow``), in a staging table of the keys this import has read;
duplicates are found by the staging table's primary key, or, in a table that was empty when
the import began, by the table's own unique key as rows are written. Memory does not grow
with the number of rows: only the organisation's unit and position ids are remembered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection

from mutasi.errors import Problem
from mutasi.store import models
from mutasi.store.parsed import Row
from mutasi.store.rows import KEY_FIELDS, KEYS

NIP_KINDS = frozenset({
    "employee_details",
    "skp",
    "discipline",
    "position_history",
    "rank_history",
    "education",
    "training",
    "competencies",
    "preferences",
    "circumstances",
})
STAGE = "mutasi_import_stage"
_ORG_CACHE_MAX = 200_000  # unit and position ids remembered (an organisation, not its people)


class Retry(Exception):
    """The fast pass met a problem: check again from the start without writing, to list them all."""


class Checker:
    """``slow``: nothing is written; every key read goes to the staging table, and references
    are looked up there and in the store as it was. Fast: rows are written as they are
    checked, so the store's tables hold every reference read so far; the first problem raises
    Retry (the caller rolls back and checks again slowly, for the full list)."""

    def __init__(self, conn: Connection, slow: bool, fresh: frozenset[str]) -> None:
        self.conn = conn
        self.slow = slow
        self.fresh = fresh  # kinds whose table was empty when the import began
        self.ph = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self.units: set[str] = set()
        self.positions: dict[str, str | None] = {}
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {STAGE}")
        temp = "TEMPORARY TABLE" if conn.dialect.name != "postgresql" else "TEMPORARY TABLE"
        conn.exec_driver_sql(
            f"CREATE {temp} {STAGE} (kind VARCHAR(40) NOT NULL, key VARCHAR(400) NOT NULL, "
            "file TEXT NOT NULL, line INTEGER NOT NULL, ref VARCHAR(64), PRIMARY KEY (kind, key))"
        )

    def close(self) -> None:
        self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS {STAGE}")

    def uses_stage(self, kind: str) -> bool:
        return self.slow or kind not in self.fresh or kind == "employee_details"

    # -- the staging table
    def _in(self, n: int) -> str:
        return ", ".join([self.ph] * n)

    def _staged(self, kind: str, keys: list[str]) -> dict[str, tuple[str, int, Any]]:
        out: dict[str, tuple[str, int, Any]] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            for key, file, line, ref in self.conn.exec_driver_sql(
                f"SELECT key, file, line, ref FROM {STAGE} WHERE kind = {self.ph} "
                f"AND key IN ({self._in(len(chunk))})", (kind, *chunk)
            ):
                out[key] = (file, line, ref)
        return out

    def _stage(self, rows: list[tuple[str, str, str, int, Any]], last_wins: bool = False) -> None:
        if not rows:
            return
        ph = self.ph
        sql = f"INSERT INTO {STAGE} (kind, key, file, line, ref) VALUES ({ph}, {ph}, {ph}, {ph}, {ph})"
        if last_wins:
            sql += " ON CONFLICT (kind, key) DO UPDATE SET ref = excluded.ref"
        else:
            sql += " ON CONFLICT (kind, key) DO NOTHING"
        self.conn.exec_driver_sql(sql, rows)

    def forget_file(self, name: str) -> None:
        """A file found unreadable half-way: nothing of it counts (slow pass only)."""
        self.conn.exec_driver_sql(f"DELETE FROM {STAGE} WHERE file = {self.ph}", (name,))

    # -- references, by index
    def _in_table(self, table: str, col: str, ids: Iterable[str], ref: str | None = None) -> dict[str, Any]:
        ids = sorted(ids)
        out: dict[str, Any] = {}
        q = self.conn.dialect.identifier_preparer.quote
        what = f"{q(col)}, {q(ref)}" if ref else f"{q(col)}, NULL"
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for k, v in self.conn.exec_driver_sql(
                f"SELECT {what} FROM {q(table)} WHERE {q(col)} IN ({self._in(len(chunk))})", tuple(chunk)
            ):
                out[k] = v
        return out

    def _lookup(self, kind: str, table: str, col: str, ids: set[str], ref: str | None = None) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.slow and ids:
            found = {k: v[2] for k, v in self._staged(kind, sorted(ids)).items()}
        rest = ids - found.keys()
        if rest:
            for k, v in self._in_table(table, col, rest, ref).items():
                found.setdefault(k, v)
        return found

    def _known_units(self, ids: set[str]) -> set[str]:
        new = ids - self.units
        if new:
            if len(self.units) > _ORG_CACHE_MAX:
                self.units.clear()
            self.units.update(self._lookup("ref:unit", models.Unit.__tablename__, "id", new))
        return self.units

    def _position_units(self, ids: set[str]) -> dict[str, str | None]:
        new = ids - self.positions.keys()
        if new:
            if len(self.positions) > _ORG_CACHE_MAX:
                self.positions.clear()
            self.positions.update(
                self._lookup("ref:position", models.Position.__tablename__, "id", new, "unit_id")
            )
        return self.positions

    # -- one batch
    def check(self, kind: str, name: str, rows: list[Row], problems: list[Problem]) -> None:
        if self.slow:
            self._register(kind, name, rows)
        units: set[str] = set()
        pos_ids: set[str] = set()
        nips: set[str] = set()
        for row in rows:
            v = row.values
            if kind in ("positions", "employees", "preferences") and v.get("unit_id"):
                units.add(v["unit_id"])
            if kind in ("employees", "abk") and v.get("position_id"):
                pos_ids.add(v["position_id"])
            if kind in NIP_KINDS and v.get("nip"):
                nips.add(v["nip"])
        known_units = self._known_units(units) if units else self.units
        positions = self._position_units(pos_ids) if pos_ids else self.positions
        known_nips = set(self._lookup("ref:nip", models.Employee.__tablename__, "nip", nips)) if nips else set()
        for row in rows:
            _check_row(kind, name, row, known_units, positions, known_nips, problems)
        if kind == "preferences":
            self._duplicates("rank:preferences", name, rows, problems, _pref_rank, True)
        self._duplicates(kind, name, rows, problems, None, self.uses_stage(kind))

    def _register(self, kind: str, name: str, rows: list[Row]) -> None:
        if kind == "units":
            self._stage([("ref:unit", r.values["id"], name, r.line, None) for r in rows if r.values.get("id")])
        elif kind == "positions":
            self._stage([("ref:position", r.values["id"], name, r.line, r.values.get("unit_id"))
                         for r in rows if r.values.get("id")], last_wins=True)
        elif kind == "employees":
            self._stage([("ref:nip", r.values["nip"], name, r.line, None) for r in rows if r.values.get("nip")])

    def _duplicates(self, kind: str, name: str, rows: list[Row], problems: list[Problem],
                    key_of: Any, staged: bool) -> None:
        keyed: list[tuple[str, Row]] = []
        fields = KEY_FIELDS[kind] if key_of is None else ()
        key_of_kind = KEYS[kind if key_of is None else "preferences"]  # (not used with key_of)
        for row in rows:
            if key_of is not None:
                key = key_of(row)
                if key is not None:
                    keyed.append((key, row))
                continue
            v = row.values
            bad = row.bad
            for f in fields:
                if v.get(f) is None or (bad and f in bad):
                    break
            else:
                keyed.append((key_of_kind(v), row))
        if not keyed:
            return
        first = self._staged(kind, sorted({k for k, _ in keyed})) if staged else {}
        new: list[tuple[str, str, str, int, Any]] = []
        for key, row in keyed:
            if key in first:
                f0, l0 = first[key][0], first[key][1]
                problems.append(_duplicate(kind, name, row, key, f0, l0))
            else:
                first[key] = (name, row.line, None)
                new.append((kind, key, name, row.line, None))
        if staged:
            self._stage(new)


def _pref_rank(row: Row) -> str | None:
    v = row.values
    if v.get("nip") and v.get("rank") is not None:
        return f"{v['nip']}|{v['rank']}"
    return None


def _duplicate(kind: str, name: str, row: Row, key: str, f0: str, l0: int) -> Problem:
    if kind == "rank:preferences":
        v = row.values
        return row.problem(name, "rank", "MUT-D032",
                           f"NIP {v['nip']} has preference rank {v['rank']} twice (first at {f0}:{l0})")
    return row.problem(name, KEY_FIELDS[kind][0], "MUT-D032",
                       f"duplicate {kind} row '{key}' (first at {f0}:{l0})")


def _check_row(kind: str, name: str, row: Row, units: set[str], positions: dict[str, str | None],
               nips: set[str], problems: list[Problem]) -> None:
    """Unknown unit or position, history for an unknown NIP: one row's reference problems."""
    v = row.values
    if kind in ("positions", "employees") and v.get("unit_id") and "unit_id" not in row.bad \
            and v["unit_id"] not in units:
        problems.append(row.problem(name, "unit_id", "MUT-D030", f"unknown unit '{v['unit_id']}'",
                                    "import its row in the units file first"))
    if kind == "employees" and v.get("position_id") and "position_id" not in row.bad:
        pid = v["position_id"]
        if pid not in positions:
            problems.append(row.problem(name, "position_id", "MUT-D031", f"unknown position '{pid}'",
                                        "not in the position map (peta jabatan)"))
        elif v.get("unit_id") and positions[pid] != v["unit_id"]:
            problems.append(row.problem(
                name, "position_id", "MUT-D034",
                f"position '{pid}' belongs to unit '{positions[pid]}', not '{v['unit_id']}'"))
    if kind == "abk" and v.get("position_id") and v["position_id"] not in positions:
        problems.append(row.problem(name, "position_id", "MUT-D031", f"unknown position '{v['position_id']}'"))
    if kind in NIP_KINDS and v.get("nip") and v["nip"] not in nips:
        problems.append(row.problem(name, "nip", "MUT-D033", f"no employee with NIP {v['nip']}",
                                    "import the employee first"))
    if kind == "preferences" and v.get("unit_id") and v["unit_id"] not in units:
        problems.append(row.problem(name, "unit_id", "MUT-D030", f"unknown unit '{v['unit_id']}'"))
