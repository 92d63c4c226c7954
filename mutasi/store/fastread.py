"""Employees read through the DB-API cursor, a NIP range at a time (keyset batches).

The same records as convert.iter_employees (one construction: convert.build_employees), at a
fraction of the cost: SQLAlchemy's per-row processing is most of a store read at national
scale (issue 18). SQLite returns dates as text and booleans as integers; they are converted
here as SQLAlchemy would, from the same column types. tests/test_fastread.py keeps the two
readers equal on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Engine, Table

from engine import records as r
from mutasi.store import models
from mutasi.store.convert import History, _portal_choices_of, _t, build_employees
from mutasi.store.portal_models import PortalPreference

Converter = Callable[[Any], Any]

# history columns build_employees reads (besides nip), per table
_HISTORY = {
    "skp": (models.SkpEntry, ("year", "predicate", "score", "regulation")),
    "disc": (models.DisciplineEntry, ("level", "kind", "start", "end", "decree")),
    "comp": (models.CompetencyEntry, ("competency",)),
    "train": (models.TrainingEntry, ("name", "year")),
    "pref": (models.Preference, ("rank", "unit_id")),
    "post": (models.PositionHistoryEntry, ("unit_id", "start", "end")),
    "circ": (models.CircumstanceEntry, ("kind", "region_code", "document", "verified_by", "verified_on")),
}


def _date(v: Any) -> Any:
    return date.fromisoformat(v) if isinstance(v, str) else v


def _bool(v: Any) -> Any:
    return None if v is None else bool(v)


class _Query:
    """One SELECT over a NIP range, its rows as named tuples with SQLAlchemy's value types."""

    def __init__(self, engine: Engine, table: Table, columns: tuple[str, ...], order: str) -> None:
        q = engine.dialect.identifier_preparer.quote
        ph = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        self.sql = (f"SELECT {', '.join(q(c) for c in columns)} FROM {q(table.name)} "
                    f"WHERE {q('nip')} >= {ph} AND {q('nip')} <= {ph} ORDER BY {q(order)}")
        self.row: Any = namedtuple("Row", columns)  # type: ignore[misc]
        self.convert: list[tuple[int, Converter]] = []
        if engine.dialect.name == "sqlite":  # other drivers return date and bool already
            for i, name in enumerate(columns):
                t = table.c[name].type
                if isinstance(t, Date) and not isinstance(t, DateTime):
                    self.convert.append((i, _date))
                elif isinstance(t, Boolean):
                    self.convert.append((i, _bool))

    def rows(self, cur: Any, first: str, last: str) -> list[Any]:
        cur.execute(self.sql, (first, last))
        out = []
        make, convert = self.row._make, self.convert
        for raw in cur.fetchall():
            if convert:
                raw = list(raw)
                for i, fn in convert:
                    raw[i] = fn(raw[i])
            out.append(make(raw))
        return out


class FastReader:
    """Reads employees by NIP range on one engine (a worker process opens its own)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        emp = _t(models.Employee)
        self._emp = _Query(engine, emp, tuple(c.name for c in emp.columns), "nip")
        self._hist = {name: _Query(engine, _t(model), ("nip", *cols), "key")
                      for name, (model, cols) in _HISTORY.items()}
        self._portal = _Query(engine, _t(PortalPreference), ("nip", "round_id", "rank", "unit_id"), "id")
        q = engine.dialect.identifier_preparer.quote
        self._discipline_sql = (f"SELECT 1 FROM {q(_t(models.SourceFile).name)} "
                                f"WHERE {q('kind')} = 'discipline' LIMIT 1")
        ph = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        self._nips_sql = (f"SELECT {q('nip')} FROM {q(emp.name)} WHERE {q('nip')} > {ph} "
                          f"ORDER BY {q('nip')} LIMIT {ph}")

    def chunks(self, size: int) -> list[tuple[str, str, int]]:
        """The store's NIPs in order, as (first, last, count) ranges of `size` employees."""
        out: list[tuple[str, str, int]] = []
        with self.engine.connect() as conn:
            cur = conn.connection.cursor()
            last = ""
            while True:
                cur.execute(self._nips_sql, (last, size))
                nips = [row[0] for row in cur.fetchall()]
                if not nips:
                    return out
                out.append((nips[0], nips[-1], len(nips)))
                last = nips[-1]

    def employees(self, first: str, last: str) -> list[r.Employee]:
        """Every employee with first <= NIP <= last, ordered by NIP."""
        with self.engine.connect() as conn:
            cur = conn.connection.cursor()
            rows = self._emp.rows(cur, first, last)
            if not rows:
                return []
            cur.execute(self._discipline_sql)
            discipline_known = cur.fetchone() is not None
            hist: dict[str, dict[str, list[Any]]] = {}
            for name, query in self._hist.items():
                by_nip: dict[str, list[Any]] = defaultdict(list)
                for row in query.rows(cur, first, last):
                    by_nip[row.nip].append(row)
                hist[name] = by_nip
            chosen = _portal_choices_of(self._portal.rows(cur, first, last))
        return build_employees(rows, History(chosen=chosen, **hist), discipline_known)

    def iter_employees(self, batch_size: int = 1000) -> Iterator[r.Employee]:
        for first, last, _n in self.chunks(batch_size):
            yield from self.employees(first, last)
