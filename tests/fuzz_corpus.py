"""The hostile-input corpus of issue 16: rule packs, import files and SK-draft review files,
generated from a fixed seed (the same corpus on every run), each a CLI call.

An item is `bad` (must be refused: exit 1 or 2, naming ``code`` when given), `good` (must
pass: exit 0, so the harness is not vacuous) or `any` (a random mutation: any answer, but
an answer). tests/fuzz_runner.py runs them; tests/test_fuzz_corpus.py judges the results.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

SEED = 16
REPO = Path(__file__).resolve().parent.parent
BASIC = REPO / "tests" / "packs" / "basic"
NIP_A, NIP_B = "198609262010011001", "199001012015032002"

UNOR = "unorId,unorNama,jenisUnor\nU1,Dinas Satu,dinas\nU2,Badan Dua,badan\n"
PETA = ("jabatanId,unorId,jabatanNama,jenisJabatan,jenjangJabatan,golMin,golMaks,kebutuhan\n"
        "P1,U1,Analis,pelaksana,,II/a,III/d,3\nP2,U2,Pengelola,pelaksana,,II/a,III/d,2\n")
PEGAWAI = ("nipBaru,nama,tglLahir,jenisKelamin,statusPegawai,tmtCpns,tmtPns,golRuangAkhir,"
           "tmtGolAkhir,jabatanId,tmtJabatan,unorId\n"
           f"{NIP_A},Budi,26-09-1986,L,PNS,01-01-2010,01-01-2011,III/a,01-04-2014,P1,01-01-2020,U1\n"
           f"{NIP_B},Siti,01-01-1990,P,PNS,01-03-2015,01-03-2016,III/b,01-04-2019,P2,02-01-2021,U2\n")
SKP = f"nipBaru,tahun,predikat,nilai,regulasi\n{NIP_A},2024,Baik,,PermenPANRB 6/2022\n"
ABK = ("jabatanId,uraianTugas,waktuPenyelesaian,satuanWaktu,volumeKerja,satuanHasil\n"
       "P1,Menyusun laporan,60,menit,100,dokumen\n")
BASE_FILES = {"unor.csv": UNOR, "peta_jabatan.csv": PETA, "pegawai.csv": PEGAWAI}
MOVES = ("moves:\n"
         f"  - {{id: M01, nip: '{NIP_A}', kind: rotation, from_position_id: P1, to_position_id: P2}}\n"
         f"  - {{id: M02, nip: '{NIP_B}', kind: rotation, from_position_id: P2, to_position_id: P1}}\n")
MOVES_CSV = ("id,nip,from_position_id,to_position_id,kind\n"
             f"M01,{NIP_A},P1,P2,rotation\nM02,{NIP_B},P2,P1,rotation\n")
CONTEXT = ("decision_date: 2026-11-22\nsigner_kind: definitive\nagency_id: KOTA\n"
           "documents:\n  - {type: pertimbangan_tpk, number: '800/1', date: 2026-11-10, covers: [M01]}\n")
AS_OF = "2026-11-22"


@dataclass
class Item:
    id: str
    area: str  # pack | import | review
    expect: str  # bad | good | any
    argv: list[str]
    code: str = ""  # a code a bad item's answer must name ("" = any refusal)
    db: str = ""  # the item's own copy of the template database (import, review)
    then_evaluate: list[str] = field(default_factory=list)  # run when argv exits 0 (packs)


def _bomb(rng: random.Random) -> str:
    fan, levels = rng.randint(6, 12), rng.randint(6, 10)
    lines = ['b0: &b0 ["' + "ha" * rng.randint(1, 20) + '"]']
    lines += [f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * fan) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _deep(rng: random.Random) -> str:
    depth = rng.choice([33, 40, 100, 999, 2500, 5000])
    style = rng.choice(["flow_list", "flow_map", "block"])
    if style == "flow_list":
        return "x: " + "[" * depth + "]" * depth + "\n"
    if style == "flow_map":
        return "x: " + "{a: " * depth + "1" + "}" * depth + "\n"
    depth = min(depth, 400)  # block style grows quadratically with depth
    return "x:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth)) + "  " * (depth + 1) + "v: 1\n"


def _mutate(text: str, rng: random.Random, n: int) -> str:
    """Random character-level damage: delete, duplicate, replace with a nasty character."""
    nasty = ["\x00", "\t", '"', "'", ":", "-", "[", "{", "&", "*", "!", "%", "@", "\n", "#", "|",
             ">", ",", ";", "\ufeff", "\u202e", "9" * 30, ".nan", "é", "\r"]
    chars = list(text)
    for _ in range(n):
        if not chars:
            break
        i = rng.randrange(len(chars))
        op = rng.randrange(3)
        if op == 0:
            del chars[i]
        elif op == 1:
            chars.insert(i, chars[i])
        else:
            chars[i] = rng.choice(nasty)
    return "".join(chars)


class _Builder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.rng = random.Random(SEED)
        self.items: list[Item] = []
        self.template = root / "template.db"

    def _dir(self, name: str) -> Path:
        d = self.root / name
        d.mkdir(parents=True)
        return d

    def _db(self, name: str) -> str:
        return str(self.root / f"{name}.db")

    # ---- packs --------------------------------------------------------------------------
    def pack(self, name: str, expect: str, code: str = "", edit: dict[str, str] | None = None,
             replace: tuple[str, str, str] | None = None) -> None:
        d = self.root / name
        shutil.copytree(BASIC, d)
        for rel, text in (edit or {}).items():
            (d / rel).parent.mkdir(parents=True, exist_ok=True)
            (d / rel).write_text(text, encoding="utf-8", newline="")
        if replace is not None:
            rel, old, new = replace
            f = d / rel
            text = f.read_text(encoding="utf-8")
            assert old in text, (rel, old)
            f.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
        db = self._db(name)
        self.items.append(Item(name, "pack", expect, ["rules", "check", str(d)], code, db,
                               ["evaluate", "--db", f"sqlite:///{db}", "--pack", str(d), "--as-of",
                                AS_OF, "--actor", "fuzz", "--json"]))

    def packs(self) -> None:
        rng = self.rng
        files = ["pack.yaml", "parameters.yaml", "criteria/candidate.yaml", "criteria/pair_move.yaml"]
        self.pack("pack-good", "good")
        for i in range(10):
            f = files[i % 4]
            text = (BASIC / f).read_text(encoding="utf-8")
            self.pack(f"pack-bomb-{i}", "bad", "MUT-R025", {f: text + _bomb(rng)})
        for i in range(20):
            f = files[i % 4]
            self.pack(f"pack-deep-{i}", "bad", "MUT-R026",
                      {f: (BASIC / f).read_text(encoding="utf-8") + _deep(rng)})
        self.pack("pack-huge-file", "bad", "MUT-R027", {"criteria/zz.yaml": "#" * (4 * 1024 * 1024 + 10) + "\n"})
        old = "value: 0.5}"  # fit_weight, a float parameter
        for i, v in enumerate([".nan", ".NaN", ".inf", "-.inf", "+.inf", "1.0e+16", "-9.9e+99"]):
            self.pack(f"pack-float-{i}", "bad", "MUT-R028", replace=("parameters.yaml", old, f"value: {v}}}"))
        old_int = "{from: 2017-03-30, value: 60}"  # tenure_max_months
        for i in range(12):
            v = str(10 ** rng.randint(19, 60) * rng.choice([1, -1]))
            self.pack(f"pack-bigint-{i}", "bad", "MUT-R028",
                      replace=("parameters.yaml", old_int, f"{{from: 2017-03-30, value: {v}}}"))
        for i in range(20):
            v = rng.choice([-1, -24, -10**6, 1201, 5000, 10**9, 10**12, 10**17])
            self.pack(f"pack-range-{i}", "bad", "MUT-R029",
                      replace=("parameters.yaml", old_int, f"{{from: 2017-03-30, value: {v}}}"))
        for i, (age, ok) in enumerate([(151, False), (10**6, False), (-3, False), (150, True), (0, True)]):
            self.pack(f"pack-retirement-{i}", "any" if ok else "bad", "" if ok else "MUT-R029",
                      replace=("parameters.yaml", "pelaksana: 58", f"pelaksana: {age}"))
        cond = '{fact: months_in_post, op: ">=", value: {param: tenure_min_months}}'
        for i, v in enumerate([10**12, -10**7, 1201, 99999]):
            self.pack(f"pack-literal-{i}", "bad", "MUT-R029",
                      replace=("criteria/candidate.yaml", cond, f'{{fact: months_in_post, op: ">=", value: {v}}}'))
        for i, v in enumerate([1200, -1200, 0]):  # at the edge: accepted, and evaluate must cope
            self.pack(f"pack-literal-edge-{i}", "any",
                      replace=("criteria/candidate.yaml", cond, f'{{fact: months_in_post, op: ">=", value: {v}}}'))
        for i, fact in enumerate(["months_in_post", "rank_ordinal", "months_since_tmt_pns"]):
            self.pack(f"pack-self-{i}", "bad", "MUT-R030",
                      replace=("criteria/candidate.yaml", cond, f'{{fact: {fact}, op: ">=", value: {{fact: {fact}}}}}'))
        for i, text in enumerate(["", "~\n", "# only a comment\n", "[]\n", "- a\n- b\n", "\n\n\n"]):
            self.pack(f"pack-empty-head-{i}", "bad", "", {"pack.yaml": text})
        for i, text in enumerate(["", "parameters:\n", "parameters: []\n", "parameters: 7\n"]):
            self.pack(f"pack-empty-params-{i}", "bad" if i else "any", "", {"parameters.yaml": text})
        for i, tag in enumerate(["!!python/object/apply:os.system ['true']", "!!python/name:os.system",
                                 "!!binary aGVsbG8=", "!!set {a, b}", "!custom x"]):
            self.pack(f"pack-tag-{i}", "bad", "", {"criteria/zz.yaml": f"criteria: {tag}\n"})
        (self.root / "garbage").write_bytes(bytes(rng.randrange(256) for _ in range(400)))
        self.pack("pack-binary", "bad", "MUT-R001", {"pack.yaml": ""})
        shutil.copy(self.root / "garbage", self.root / "pack-binary" / "pack.yaml")
        self.pack("pack-dupkey", "bad", "MUT-R002", replace=("pack.yaml", "id: basic\n", "id: basic\nid: other\n"))
        self.pack("pack-cycle-alias", "bad", "MUT-R026", {"criteria/zz.yaml": "criteria: &c [*c]\n"})
        for i in range(30):
            f = files[i % 4]
            self.pack(f"pack-mutant-{i}", "any", "",
                      {f: _mutate((BASIC / f).read_text(encoding="utf-8"), rng, rng.randint(1, 12))})

    # ---- imports ------------------------------------------------------------------------
    def imp(self, name: str, expect: str, files: dict[str, str | bytes], code: str = "") -> None:
        d = self._dir(name)
        for fname, content in files.items():
            if isinstance(content, bytes):
                (d / fname).write_bytes(content)
            else:
                (d / fname).write_text(content, encoding="utf-8", newline="")
        db = self._db(name)
        self.items.append(Item(name, "import", expect, ["import", str(d), "--db", f"sqlite:///{db}", "--json"],
                               code, db))

    def imports(self) -> None:
        rng = self.rng
        self.imp("import-good-skp", "good", {"riwayat_skp.csv": SKP})
        self.imp("import-good-abk", "good", {"abk.csv": ABK})
        bases = list(BASE_FILES.items()) + [("riwayat_skp.csv", SKP), ("abk.csv", ABK)]
        for i in range(24):
            fname, text = bases[i % len(bases)]
            lines = text.splitlines()
            r = rng.randrange(1, len(lines))
            cells = lines[r].split(",")
            if i % 2:
                cells += ["x"] * rng.randint(1, 3)
            else:
                cells = cells[: rng.randrange(1, len(cells))]
            lines[r] = ",".join(cells)
            self.imp(f"import-cells-{i}", "bad", {fname: "\n".join(lines) + "\n"}, "MUT-D060")
        for i in range(10):
            fname, text = bases[i % len(bases)]
            lines = text.splitlines()
            heads = lines[0].split(",")
            dup = rng.choice(heads)
            variants = [dup, dup.upper(), dup.replace("I", "_i"), " " + dup]
            lines = [lines[0] + "," + rng.choice(variants[:2])] + [ln + ",x" for ln in lines[1:]]
            self.imp(f"import-duphead-{i}", "bad", {fname: "\n".join(lines) + "\n"}, "MUT-D061")
        for i in range(16):
            fname, text = bases[i % len(bases)]
            lines = text.splitlines()
            r = rng.randrange(1, len(lines))
            cells = lines[r].split(",")
            c = rng.randrange(len(cells))
            cells[c] = rng.choice(['"', '"' + cells[c], cells[c] + '"x', 'a"b'])
            lines[r] = ",".join(cells)
            self.imp(f"import-quote-{i}", "bad", {fname: "\n".join(lines) + "\n"}, "MUT-D001")
        for i in range(16):
            fname, text = bases[i % len(bases)]
            lines = text.splitlines()
            r = rng.randrange(len(lines))
            cells = lines[r].split(",")
            c = rng.randrange(len(cells))
            pos = rng.randrange(len(cells[c]) + 1)
            cells[c] = cells[c][:pos] + rng.choice(["\x00", "\x01", "\x07", "\x1b", "\x7f"]) + cells[c][pos:]
            lines[r] = ",".join(cells)
            self.imp(f"import-control-{i}", "bad", {fname: "\n".join(lines) + "\n"}, "MUT-D062")
        for i in range(8):
            fname, text = bases[i % len(bases)]
            raw = bytearray(text.encode("utf-8"))
            raw.insert(rng.randrange(len(raw)), rng.choice([0xFF, 0xC3, 0x80, 0xFE]))
            self.imp(f"import-utf8-{i}", "bad", {fname: bytes(raw)}, "MUT-D001")
        self.imp("import-empty", "bad", {"unor.csv": ""}, "MUT-D001")
        skp_row = f"{NIP_A},2024,,{{}},PP 46/2011\n"
        for i, v in enumerate(["NaN", "nan", "inf", "-inf", "Infinity", "-5", "1e308", "1e309", "121",
                               "-0.001", "9" * 400]):
            self.imp(f"import-skp-{i}", "bad", {"riwayat_skp.csv": "nipBaru,tahun,predikat,nilai,regulasi\n"
                                                 + skp_row.format(f'"{v}"')}, "MUT-D040")
        abk_head = "jabatanId,uraianTugas,waktuPenyelesaian,satuanWaktu,volumeKerja,satuanHasil\n"
        for i, (t, unit, vol) in enumerate([("NaN", "menit", "1"), ("1e308", "menit", "1"), ("inf", "jam", "1"),
                                            ("0", "menit", "1"), ("-1", "menit", "1"), ("2000", "jam", "1"),
                                            ("80000", "menit", "1"), ("60", "menit", "1e12"),
                                            ("60", "menit", "-3"), ("60", "menit", "nan")]):
            self.imp(f"import-abk-{i}", "bad", {"abk.csv": abk_head + f"P1,Tugas,{t},{unit},{vol},dok\n"}, "MUT-D040")
        for i, n in enumerate(["1000000000000", "-1", "100001", "1e12", "nan"]):
            self.imp(f"import-headcount-{i}", "bad", {"peta_jabatan.csv": PETA.replace("pelaksana,,II/a,III/d,3", f"pelaksana,,II/a,III/d,{n}")},
                     "MUT-D040")
        emp_head, row_a, _row_b = PEGAWAI.splitlines()
        cols = emp_head.split(",")

        def emp(**changes: str) -> str:
            cells = row_a.split(",")
            for k, v in changes.items():
                cells[cols.index(k)] = v
            return emp_head + "\n" + ",".join(cells) + "\n"

        cases = [({"tmtJabatan": "01-01-1980"}, "MUT-D022"), ({"tmtJabatan": "01-01-2005"}, "MUT-D022"),
                 ({"tmtGolAkhir": "01-01-1970"}, "MUT-D022"), ({"tmtJabatan": "31-12-9999"}, "MUT-D021"),
                 ({"tmtJabatan": "01-01-1000"}, "MUT-D021"), ({"tglLahir": "30-02-1986"}, "MUT-D021"),
                 ({"tmtPns": "01-01-1900"}, "MUT-D022"), ({"tmtCpns": "01-01-1980"}, "MUT-D022")]
        for i, (ch, code) in enumerate(cases):
            self.imp(f"import-dates-{i}", "bad", {"pegawai.csv": emp(**ch)}, code)
        nip13 = NIP_A[:12] + "13" + NIP_A[14:]
        nips = [({"nipBaru": nip13, "tmtCpns": "", "tmtPns": ""}, "MUT-D012"),
                ({"nipBaru": NIP_A[:12] + "00" + NIP_A[14:], "tmtCpns": "", "tmtPns": ""}, "MUT-D012"),
                ({"nipBaru": NIP_A[:-1]}, "MUT-D010"), ({"nipBaru": NIP_A[:-1] + "x"}, "MUT-D010"),
                ({"nipBaru": NIP_A[:14] + "3" + NIP_A[15:]}, "MUT-D013"),
                ({"nipBaru": "19861326" + NIP_A[8:], "tglLahir": ""}, "MUT-D011")]
        for i, (ch, code) in enumerate(nips):
            self.imp(f"import-nip-{i}", "bad", {"pegawai.csv": emp(**ch)}, code)
        for i in range(20):
            fname, text = bases[i % len(bases)]
            self.imp(f"import-mutant-{i}", "any", {fname: _mutate(text, rng, rng.randint(1, 8))})

    # ---- review -------------------------------------------------------------------------
    def review(self, name: str, expect: str, moves: str, context: str = CONTEXT, code: str = "",
               csv: bool = False) -> None:
        d = self._dir(name)
        m = d / ("moves.csv" if csv else "moves.yaml")
        m.write_text(moves, encoding="utf-8", newline="")
        c = d / "context.yaml"
        c.write_text(context, encoding="utf-8", newline="")
        db = self._db(name)
        self.items.append(Item(name, "review", expect,
                               ["review", str(m), "--context", str(c), "--db", f"sqlite:///{db}",
                                "--pack", str(BASIC), "--actor", "fuzz", "--json"], code, db))

    def reviews(self) -> None:
        rng = self.rng
        self.review("review-good-yaml", "good", MOVES)
        self.review("review-good-csv", "good", MOVES_CSV, csv=True)
        for i in range(8):
            self.review(f"review-bomb-moves-{i}", "bad", MOVES + _bomb(rng), code="MUT-V020")
            self.review(f"review-bomb-context-{i}", "bad", MOVES, CONTEXT + _bomb(rng), code="MUT-V020")
        for i in range(8):
            self.review(f"review-deep-moves-{i}", "bad", MOVES + _deep(rng), code="MUT-V021")
            self.review(f"review-deep-context-{i}", "bad", MOVES, CONTEXT + _deep(rng), code="MUT-V021")
        fields = ["id", "nip", "kind", "to_position_id", "from_position_id", "grounds",
                  "decision_maker_relation", "cancels_move_id"]
        for i, f in enumerate(fields):
            shape = "[x]" if i % 2 else "{a: b}"
            moves = "moves:\n  - {id: M01, nip: '" + NIP_A + "', kind: rotation, to_position_id: P2, " \
                    + f"{f}: {shape}}}\n" if f not in ("id", "nip", "kind", "to_position_id") else \
                MOVES.replace({"id": "id: M01", "nip": f"nip: '{NIP_A}'", "kind": "kind: rotation",
                               "to_position_id": "to_position_id: P2"}[f], f"{f}: {shape}", 1)
            self.review(f"review-shape-{i}", "bad", moves, code="MUT-V006")
        ctx_shapes = ["decision_date: [2026-11-22]\nsigner_kind: definitive\n",
                      "decision_date: 2026-11-22\nsigner_kind: [definitive]\n",
                      CONTEXT.replace("agency_id: KOTA", "agency_id: [a, b]"),
                      CONTEXT + "term_end_date: {a: 1}\n"]
        for i, ctx in enumerate(ctx_shapes):
            self.review(f"review-ctx-shape-{i}", "bad", MOVES, ctx, code="MUT-V006")
        for i, d in enumerate(["9999-12-31", "0001-01-01", "2026-02-30", "31-12-9999", "1899-12-31",
                               "2200-01-01", "tomorrow", "20261122", "0000-00-00", "2026-13-01", "9999-99-99", "1-1-1"]):
            self.review(f"review-date-{i}", "bad", MOVES, CONTEXT.replace("2026-11-22", d), code="MUT-V005")
        for i, extra in enumerate(["head_inauguration_date: 9999-12-31\n", "term_end_date: 0001-01-01\n",
                                   "candidate_determination_date: 9999-12-31\n"]):
            self.review(f"review-date-x-{i}", "bad", MOVES, CONTEXT + extra, code="MUT-V005")
        docs = ["documents: 5\n", "documents: {type: a}\n", "documents:\n  - just text\n",
                "documents:\n  - {type: a, number: '1', date: 2026-11-10, covers: [[M01]]}\n",
                "documents:\n  - {type: [a], number: '1', date: 2026-11-10}\n",
                "documents:\n  - {type: a, number: '1', date: 9999-12-31}\n"]
        base = CONTEXT.split("documents:")[0]
        for i, doc in enumerate(docs):
            self.review(f"review-docs-{i}", "bad", MOVES, base + doc)
        self.review("review-docs-empty", "any", MOVES, base + "documents: []\n")
        for i, nip in enumerate([NIP_A[:-1], NIP_A + "1", "x" * 18, "", "1986-0926-2010"]):
            self.review(f"review-nip-{i}", "bad", MOVES.replace(f"'{NIP_A}'", f"'{nip}'", 1))
        self.review("review-nip-spaces", "any", MOVES.replace(f"'{NIP_A}'", f"'{NIP_A[:8]} {NIP_A[8:14]} {NIP_A[14]} {NIP_A[15:]}'", 1))
        for i, kind in enumerate(["teleport", "", "ROTATION", "[rotation]", "mutasi", "promotion!!"]):
            self.review(f"review-kind-{i}", "bad", MOVES.replace("kind: rotation", f"kind: {kind}", 1))
        self.review("review-dup-id", "bad", MOVES.replace("id: M02", "id: M01"), code="MUT-V007")
        self.review("review-self-cancel", "bad", MOVES.replace("kind: rotation, from", "kind: cancellation, cancels_move_id: M01, from", 1))
        for i, v in enumerate([".nan", ".inf", "100000000000000000000000", "-.inf"]):
            self.review(f"review-number-{i}", "bad", MOVES, CONTEXT.replace("agency_id: KOTA", f"agency_id: {v}"),
                        code="MUT-V023")
        self.review("review-empty-moves", "bad", "moves: []\n")
        self.review("review-no-moves", "bad", "foo: 1\n")
        self.review("review-huge", "bad", MOVES + "#" * (4 * 1024 * 1024 + 1) + "\n", code="MUT-V022")
        self.review("review-tag", "bad", "moves: !!python/object/apply:os.system ['true']\n")
        for i, row in enumerate([f"M01,{NIP_A},P1,P2,rotation,extra", f"M01,{NIP_A},P1",
                                 f'M01,"{NIP_A},P1,P2,rotation', f"M01,{NIP_A}\x00,P1,P2,rotation",
                                 f'M01,{NIP_A},P1,P"2,rotation']):
            self.review(f"review-csv-{i}", "bad", "id,nip,from_position_id,to_position_id,kind\n" + row + "\n",
                        code="MUT-V001", csv=True)
        self.review("review-csv-duphead", "bad", "id,nip,kind,to_position_id,nip\n"
                    f"M01,{NIP_A},rotation,P2,{NIP_B}\n", code="MUT-V001", csv=True)
        for i in range(12):
            self.review(f"review-mutant-moves-{i}", "any", _mutate(MOVES, rng, rng.randint(1, 8)))
            self.review(f"review-mutant-context-{i}", "any", MOVES, _mutate(CONTEXT, rng, rng.randint(1, 8)))


def build_corpus(root: Path) -> list[Item]:
    """Write every corpus file under ``root`` (empty) and return the items, in a fixed order."""
    b = _Builder(root)
    b.packs()
    b.imports()
    b.reviews()
    return b.items
