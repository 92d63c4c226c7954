"""File kinds, their file names and the column map (field -> accepted column names).

The default map (columns.yaml, SIASN names first) can be overridden per field by a small
YAML file of the same shape. Header matching ignores case, spaces, '_' and '-'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from engine.yamlsrc import YamlCodes, compose_yaml, load_shipped
from mutasi.errors import Problem

DEFAULT_MAP_FILE = Path(__file__).resolve().parent / "columns.yaml"


@dataclass(frozen=True)
class Kind:
    name: str
    stems: tuple[str, ...]  # file names (without extension) that hold this kind
    required: tuple[str, ...]  # fields whose column must be present and whose cells must be filled


# Dependency order: a kind only refers to kinds before it.
KINDS: tuple[Kind, ...] = (
    Kind("units", ("unor", "units", "unit_organisasi"), ("id", "name")),
    Kind("positions", ("peta_jabatan", "jabatan", "positions"), ("id", "unit_id", "name", "kind")),
    Kind("employees", ("pegawai", "employees", "asn"), ("nip", "name")),
    # What SIASN does not hold about an employee (Inspektorat clearance, talent potential ...):
    # only updates employees already in the store or in the same command.
    Kind("employee_details", ("data_tambahan", "employee_details"), ("nip",)),
    Kind(
        "position_history",
        ("riwayat_jabatan", "position_history"),
        ("nip", "position_name", "start"),
    ),
    Kind("rank_history", ("riwayat_golongan", "rank_history"), ("nip", "golongan", "start")),
    Kind("skp", ("riwayat_skp", "skp"), ("nip", "year")),
    Kind(
        "discipline",
        ("riwayat_hukdis", "hukuman_disiplin", "discipline"),
        ("nip", "level", "kind", "start"),
    ),
    Kind("education", ("riwayat_pendidikan", "pendidikan", "education"), ("nip", "level")),
    Kind("training", ("riwayat_diklat", "diklat", "training"), ("nip", "name")),
    Kind("competencies", ("kompetensi", "competencies"), ("nip", "competency")),
    Kind(
        "abk",
        ("analisis_beban_kerja", "abk"),
        ("position_id", "task", "completion_time", "time_unit", "yearly_volume"),
    ),
    Kind("preferences", ("preferensi", "preferences"), ("nip", "unit_id", "rank")),
    # Circumstances declared for the voluntary round's points, with the committee's check.
    Kind("circumstances", ("keadaan_pegawai", "circumstances"), ("nip", "kind", "region_code", "document")),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
KIND_ORDER = {k.name: i for i, k in enumerate(KINDS)}
FILE_SUFFIXES = (".csv", ".xlsx")

ColumnMap = dict[str, dict[str, tuple[str, ...]]]


def normalize_header(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lstrip("\ufeff")).lower()


def kind_for_file(path: Path) -> str | None:
    """The kind a file name stands for (longest matching stem), or None."""
    stem = path.stem.lower().replace("-", "_").replace(" ", "_")
    best: tuple[int, str] | None = None
    for kind in KINDS:
        for s in kind.stems:
            if (stem == s or stem.startswith(s + "_")) and (best is None or len(s) > best[0]):
                best = (len(s), kind.name)
    return best[1] if best else None


def default_map() -> ColumnMap:
    raw = load_shipped(DEFAULT_MAP_FILE)
    return {kind: {f: tuple(names) for f, names in fields.items()} for kind, fields in raw.items()}


def load_column_map(override: Path | None) -> tuple[ColumnMap, list[Problem]]:
    """The default map with ``override`` applied (a field's names are replaced, not merged)."""
    cmap = default_map()
    if override is None:
        return cmap, []
    name = str(override)
    problems: list[Problem] = []
    root = compose_yaml(override, name, problems, YamlCodes.one("MUT-D041"), encoding="utf-8-sig")
    if problems:  # unreadable, or refused by the safe loader (aliases, depth, size)
        return cmap, problems
    if root is None:
        return cmap, []
    if not isinstance(root, yaml.MappingNode):
        return cmap, [
            Problem(
                name,
                1,
                1,
                "MUT-D041",
                "",
                "a column map is a mapping: kind -> field -> column name(s)",
            )
        ]
    for knode, fnode in root.value:
        line, col = knode.start_mark.line + 1, knode.start_mark.column + 1
        kind = knode.value
        if kind not in cmap:
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    "MUT-D041",
                    str(kind),
                    f"unknown file kind; known: {', '.join(sorted(cmap))}",
                )
            )
            continue
        if not isinstance(fnode, yaml.MappingNode):
            problems.append(
                Problem(
                    name, line, col, "MUT-D041", kind, "expected a mapping field -> column name(s)"
                )
            )
            continue
        for fk, fv in fnode.value:
            fline, fcol = fk.start_mark.line + 1, fk.start_mark.column + 1
            if fk.value not in cmap[kind]:
                problems.append(
                    Problem(
                        name,
                        fline,
                        fcol,
                        "MUT-D041",
                        f"{kind}.{fk.value}",
                        f"unknown field; known: {', '.join(sorted(cmap[kind]))}",
                    )
                )
                continue
            if isinstance(fv, yaml.ScalarNode) and fv.value:
                cmap[kind][fk.value] = (fv.value,)
            elif (
                isinstance(fv, yaml.SequenceNode)
                and fv.value
                and all(isinstance(v, yaml.ScalarNode) and v.value for v in fv.value)
            ):
                cmap[kind][fk.value] = tuple(v.value for v in fv.value)
            else:
                problems.append(
                    Problem(
                        name,
                        fline,
                        fcol,
                        "MUT-D041",
                        f"{kind}.{fk.value}",
                        "expected a column name or a list of column names",
                    )
                )
    return cmap, problems


def resolve_columns(kind: str, headers: list[str], cmap: ColumnMap) -> dict[str, int]:
    """Field -> 0-based column index for the fields whose column is in ``headers``."""
    index: dict[str, int] = {}
    for i, h in enumerate(headers):
        index.setdefault(normalize_header(h), i)
    found: dict[str, int] = {}
    for field_name, names in cmap[kind].items():
        for n in names:
            col = index.get(normalize_header(n))
            if col is not None:
                found[field_name] = col
                break
    return found
