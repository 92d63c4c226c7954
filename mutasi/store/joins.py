"""What one file of an import tells the files after it: PNS id -> NIP, sub-unit -> OPD.

Files are read in dependency order (units, positions, employees, histories), so by the time a
history file is read, every employees file of the command has registered its PNS ids, and every
units file with a parent column (SIASN ref-unor DiatasanId) has told which unit is an OPD.
Also here: history end dates from the next row, and the unit type when a units file has none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from mutasi.errors import Problem
from mutasi.store.codes import code_table
from mutasi.store.parsed import ParsedFile, Row

DEFAULT_UNIT_KIND = "lainnya"


def unit_kind_for(name: str | None) -> str:
    """The unit type told by its name (Dinas ..., Badan ..., Kecamatan ...), else 'lainnya'."""
    found = code_table("jenis_unor").match_prefix(name or "")
    return found or DEFAULT_UNIT_KIND


class ImportContext:
    def __init__(self) -> None:
        self.guid_to_nip: dict[str, str] = {}
        self.unit_opd: dict[str, str] = {}  # unit id in a ref-unor tree -> its OPD's id

    # -- used by the getters of later files (profile.Resolver)
    def nip_for(self, pns_id: str) -> str | None:
        return self.guid_to_nip.get(pns_id)

    def rollup(self, unit_id: str) -> str:
        return self.unit_opd.get(unit_id, unit_id)

    def register(self, row: Row) -> None:
        """An employees row: its PNS id (SIASN GUID) now names its NIP for the files after."""
        guid, nip = row.values.get("pns_id"), row.values.get("nip")
        if guid and nip and "nip" not in row.bad:
            self.guid_to_nip.setdefault(guid, nip)

    # -- called after each file is parsed
    def after_file(
        self,
        pf: ParsedFile,
        problems: list[Problem],
        warnings: list[Problem],
        end_from_next_start: bool,
    ) -> ParsedFile:
        if pf.kind == "employees":
            for row in pf.rows:
                guid, nip = row.values.get("pns_id"), row.values.get("nip")
                if guid and nip and "nip" not in row.bad:
                    self.guid_to_nip.setdefault(guid, nip)
        elif pf.kind == "units":
            if "parent_id" in pf.present:
                pf = self._roll_up_units(pf, problems)
            self._warn_unit_kinds(pf, warnings)
        elif pf.kind == "position_history" and end_from_next_start and "end" not in pf.present:
            pf = _ends_from_next_start(pf)
        return pf

    def _roll_up_units(self, pf: ParsedFile, problems: list[Problem]) -> ParsedFile:
        """Keep the OPDs; every sub-unit is remembered as its OPD.

        Top-level rows have no parent in the file. If there is exactly one top-level row and it
        has children, it is the region itself (Pemerintah Kabupaten/Kota): its children are the
        OPDs. Otherwise the top-level rows are the OPDs.
        """
        parent: dict[str, str | None] = {}
        rows_by_id: dict[str, Row] = {}
        for row in pf.rows:
            uid = row.values.get("id")
            if uid and uid not in rows_by_id:
                rows_by_id[uid] = row
                parent[uid] = row.values.get("parent_id")
        top = [u for u, par in parent.items() if not par or par not in parent]
        children: dict[str, int] = defaultdict(int)
        for par in parent.values():
            if par in parent:
                children[par] += 1
        root = top[0] if len(top) == 1 and children[top[0]] else None
        name = str(pf.path)
        opd_of: dict[str, str] = {}
        for uid in parent:
            chain = [uid]
            seen = {uid}
            while True:
                par = parent[chain[-1]]
                if not par or par not in parent or par == root:
                    break
                if par in seen:
                    problems.append(
                        rows_by_id[uid].problem(
                            name, "parent_id", "MUT-D044", f"unit '{uid}': its parents loop back to it"
                        )
                    )
                    break
                chain.append(par)
                seen.add(par)
            if chain[-1] != root:
                opd_of[uid] = chain[-1]
        self.unit_opd.update(opd_of)
        kept = [r for r in pf.rows if opd_of.get(r.values.get("id") or "") == r.values.get("id")]
        return replace(pf, rows=kept)

    def _warn_unit_kinds(self, pf: ParsedFile, warnings: list[Problem]) -> None:
        for row in pf.rows:
            if row.values.get("kind") is None and unit_kind_for(row.values.get("name")) == DEFAULT_UNIT_KIND:
                warnings.append(
                    row.problem(
                        str(pf.path),
                        "name",
                        "MUT-D052",
                        f"unit '{row.values.get('id')}' has no type and its name does not tell one: "
                        f"stored as '{DEFAULT_UNIT_KIND}'",
                        "write its type in jenisUnor",
                    )
                )


def _ends_from_next_start(pf: ParsedFile) -> ParsedFile:
    """A post ends the day the next post of the same person starts (SIASN keeps no end date)."""
    by_nip: dict[str, list[Row]] = defaultdict(list)
    for row in pf.rows:
        if row.values.get("nip") and isinstance(row.values.get("start"), date):
            by_nip[row.values["nip"]].append(row)
    for rows in by_nip.values():
        rows.sort(key=lambda r: r.values["start"])
        for this, nxt in zip(rows, rows[1:], strict=False):
            if nxt.values["start"] > this.values["start"]:
                this.values["end"] = nxt.values["start"]
    return replace(pf, present=pf.present | {"end"})
