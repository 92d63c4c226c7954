"""Enumerated vocabularies of review input (family relations, statutory grounds), legal bases
as lists, and the facts that read them (conflict by degree, grounds supported by records)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine import vocab
from engine.facts import move_facts
from engine.load import load_pack
from engine.pack import Pack
from engine.records import (
    Document,
    Employee,
    Position,
    ProposedMove,
    Punishment,
    ReviewContext,
    SkpRecord,
    World,
)
from mutasi.store.review_input import ReviewInputError, read_context, read_moves

NIP = "198609262015051001"
HEADER = "id,nip,from_position_id,to_position_id,kind,grounds,decision_maker_relation\n"
PARAMS = {"family_relation_max_degree": 3, "demotion_performance_years": 1,
          "skp_predicates_min_baik": ["Sangat Baik", "Baik"]}


@pytest.mark.parametrize("text", ["", "-", "none", "None", "tidak ada", "  Tidak  Ada "])
def test_none_spellings_mean_no_relation(tmp_path: Path, text: str) -> None:
    f = tmp_path / "sk.csv"
    f.write_text(HEADER + f"M1,{NIP},A,B,rotation,,{text}\n", encoding="utf-8")
    [m] = read_moves(f)
    assert m.decision_maker_relation == "none" and m.grounds == ()


@pytest.mark.parametrize("text,code", [("adik ipar", "ipar"), ("Adik Kandung", "saudara_kandung"),
                                       ("istri", "suami_istri"), ("keponakan", "keponakan"),
                                       ("anak_tiri", "anak_tiri")])
def test_relations_are_normalised_to_codes(tmp_path: Path, text: str, code: str) -> None:
    f = tmp_path / "sk.csv"
    f.write_text(HEADER + f"M1,{NIP},A,B,rotation,,{text}\n", encoding="utf-8")
    assert read_moves(f)[0].decision_maker_relation == code


def test_unknown_relation_and_ground_are_errors_with_did_you_mean(tmp_path: Path) -> None:
    f = tmp_path / "sk.csv"
    f.write_text(HEADER + f"M1,{NIP},A,B,rotation,,sepupu\n"
                 f"M2,{NIP},A,B,demotion,penataan organisasai; kinerja buruk,\n", encoding="utf-8")
    with pytest.raises(ReviewInputError) as exc:
        read_moves(f)
    got = [(p.line, p.code, p.field, p.message, p.hint) for p in exc.value.problems]
    assert got[0][:3] == (2, "MUT-V006", "decision_maker_relation")
    assert "unknown family relation 'sepupu'" in got[0][3]
    assert [g[:3] for g in got[1:]] == [(3, "MUT-V006", "grounds")] * 2
    by_msg = {g[3]: g[4] for g in got[1:]}
    assert "did you mean penataan organisasi?" in by_msg["unknown statutory ground 'penataan organisasai'"]
    assert "allowed: hukuman_disiplin_pembebasan_jabatan" in by_msg["unknown statutory ground 'kinerja buruk'"]


def test_grounds_list_in_one_cell(tmp_path: Path) -> None:
    f = tmp_path / "sk.csv"
    f.write_text(HEADER + f"M1,{NIP},A,B,demotion,tidak memenuhi syarat jabatan; penurunan jabatan,\n",
                 encoding="utf-8")
    assert read_moves(f)[0].grounds == ("hukuman_disiplin_penurunan_jabatan", "tidak_memenuhi_syarat_jabatan")


def test_every_ground_names_a_legal_basis_and_evidence() -> None:
    for g in vocab.DEMOTION_GROUNDS:
        assert g.legal_basis and all(b["regulation"] and b["article"] for b in g.legal_basis)
        assert g.evidence in ("punishment", "skp", "document", "violation")
        assert (g.document_type is not None) == (g.evidence in ("document", "violation"))
    assert {r.degree for r in vocab.FAMILY_RELATIONS} == {0, 1, 2, 3}


def test_issued_sk_needs_number_and_date(tmp_path: Path) -> None:
    f = tmp_path / "ctx.yaml"
    f.write_text("decision_date: 2026-11-22\nsigner_kind: definitive\nsk_status: issud\n", encoding="utf-8")
    with pytest.raises(ReviewInputError) as exc:
        read_context(f)
    assert [(p.field, p.hint) for p in exc.value.problems] == [
        ("sk_status", "did you mean issued?")]
    f.write_text("decision_date: 2026-11-22\nsigner_kind: definitive\nsk_status: issued\n", encoding="utf-8")
    with pytest.raises(ReviewInputError) as exc:
        read_context(f)
    assert [p.field for p in exc.value.problems] == ["sk_number"]
    f.write_text("decision_date: 2026-11-22\nsigner_kind: definitive\nsk_status: issued\n"
                 "sk_number: 821/12/BKPSDM/2026\nsk_date: 2026-11-22\n", encoding="utf-8")
    ctx = read_context(f)
    assert (ctx.sk_status, ctx.sk_number, ctx.sk_date) == ("issued", "821/12/BKPSDM/2026", date(2026, 11, 22))


# -- facts ------------------------------------------------------------------------------------

CTX = ReviewContext(decision_date=date(2026, 11, 22), signer_kind="definitive")
WORLD = World(positions={
    "kabid": Position("kabid", "u", "Kepala Bidang", "administrator"),
    "kasi": Position("kasi", "u", "Kepala Seksi", "pengawas"),
    "staf": Position("staf", "u", "Pengadministrasi", "pelaksana"),
    "jf": Position("jf", "u", "Analis", "jf_keahlian", jf_level="ahli_muda"),
})


def _facts(move: ProposedMove, emp: Employee | None = None, ctx: ReviewContext = CTX,
           params: dict | None = None) -> dict:
    return move_facts(move, WORLD, ctx, PARAMS if params is None else params, emp or Employee(NIP, "A"))


def test_conflict_by_degree_and_parameter() -> None:
    m = ProposedMove("M1", NIP, "kasi", "kasi", "rotation", decision_maker_relation="keponakan")
    assert _facts(m)["move.decision_maker_family_relation"] is True
    assert _facts(m, params={**PARAMS, "family_relation_max_degree": 2})[
        "move.decision_maker_family_relation"] is False
    none = ProposedMove("M1", NIP, "kasi", "kasi", "rotation", decision_maker_relation="none")
    assert _facts(none)["move.decision_maker_family_relation"] is False
    f = _facts(m, params={})
    assert f["move.decision_maker_family_relation"] is None
    assert f["_missing"]["move.decision_maker_family_relation"] == "param_family_relation_max_degree_not_defined"


def test_lower_level_is_any_step_down_not_only_out_of_jpt() -> None:
    assert _facts(ProposedMove("M1", NIP, "kabid", "kasi", "rotation"))["move.to_lower_level"] is True
    assert _facts(ProposedMove("M1", NIP, "kasi", "kabid", "promotion"))["move.to_lower_level"] is False
    assert _facts(ProposedMove("M1", NIP, "kasi", "jf", "rotation"))["move.to_lower_level"] is False
    assert _facts(ProposedMove("M1", NIP, "kasi", "zz", "demotion"))["move.to_lower_level"] is True
    f = _facts(ProposedMove("M1", NIP, "kasi", "zz", "rotation"))
    assert f["move.to_lower_level"] is None and f["_missing"]["move.to_lower_level"] == "origin_or_target_not_in_world"


def test_grounds_supported_only_by_records_on_file() -> None:
    down = ProposedMove("M1", NIP, "kabid", "kasi", "demotion", grounds=("hukuman_disiplin_penurunan_jabatan",))
    no_record = Employee(NIP, "A")
    assert _facts(down, no_record)["move.grounds_supported"] is False
    light = Employee(NIP, "A", punishments=(Punishment("ringan", "teguran tertulis", date(2026, 10, 1)),))
    assert _facts(down, light)["move.grounds_supported"] is False
    heavy = Employee(NIP, "A", punishments=(Punishment(
        "berat", "Penurunan jabatan setingkat lebih rendah selama 12 bulan", date(2026, 11, 1), date(2027, 10, 31)),))
    assert _facts(down, heavy)["move.grounds_supported"] is True
    unknown = Employee(NIP, "A", discipline_record_known=False)
    assert _facts(down, unknown)["move.grounds_supported"] is None
    perf = ProposedMove("M1", NIP, "kabid", "kasi", "demotion", grounds=("kinerja_di_bawah_ekspektasi",))
    assert _facts(perf, Employee(NIP, "A", skp=(SkpRecord(2025, "Kurang"),)))["move.grounds_supported"] is True
    assert _facts(perf, Employee(NIP, "A", skp=(SkpRecord(2025, "Baik"),)))["move.grounds_supported"] is False
    assert _facts(perf, Employee(NIP, "A"))["move.grounds_supported"] is None  # no SKP for 2025
    org = ProposedMove("M1", NIP, "kabid", "kasi", "demotion", grounds=("penataan_organisasi",))
    assert _facts(org)["move.grounds_supported"] is False
    ctx = ReviewContext(date(2026, 11, 22), "definitive", documents=(
        Document("dasar_penataan_organisasi", "Perda 5/2026", date(2026, 6, 1)),))
    assert _facts(org, ctx=ctx)["move.grounds_supported"] is True


def test_single_legal_basis_mapping_becomes_a_one_element_list() -> None:
    pack = load_pack(Path(__file__).parent.parent / "rules" / "nasional")
    c = pack.criterion("tenure_min")
    assert c.legal_basis == [{"regulation": "PP 11/2017 jo. PP 17/2020", "article": "Pasal 190 ayat (3)"}]
    conflict = pack.criterion("no_family_conflict")
    assert [b["regulation"] for b in conflict.legal_basis] == [
        "PP 11/2017 jo. PP 17/2020", "UU 30/2014", "UU 30/2014"]
    assert Pack.from_canonical_text(pack.canonical_text()).hash == pack.hash


# ---- inter-agency moves: route, signer's office, the position the documents name ---------

def test_inter_agency_route_and_signer_office_are_read_and_checked(tmp_path: Path) -> None:
    f = tmp_path / "sk.csv"
    f.write_text(f"id,nip,to_position_id,kind,inter_agency_route\nM1,{NIP},B,inter_agency,satu_provinsi\n"
                 f"M2,{NIP},B,inter_agency,satu_propinsi\n", encoding="utf-8")
    with pytest.raises(ReviewInputError) as exc:
        read_moves(f)
    [p] = exc.value.problems
    assert (p.line, p.code, p.field) == (3, "MUT-V006", "inter_agency_route")
    assert "did you mean satu_provinsi?" in p.hint
    f.write_text(f"id,nip,to_position_id,kind,inter_agency_route\nM1,{NIP},B,inter_agency,antar_pusat\n",
                 encoding="utf-8")
    assert read_moves(f)[0].inter_agency_route == "antar_pusat"
    ctx = tmp_path / "ctx.yaml"
    ctx.write_text("decision_date: 2026-11-22\nsigner_kind: definitive\nsigner_office: gubernur\n"
                   "documents:\n  - {type: usul_ppk_penerima, number: U/1, date: 2026-10-01, position_id: B}\n",
                   encoding="utf-8")
    c = read_context(ctx)
    assert c.signer_office == "gubernur" and c.documents[0].position_id == "B"
    ctx.write_text("decision_date: 2026-11-22\nsigner_kind: definitive\nsigner_office: bupati\n", encoding="utf-8")
    with pytest.raises(ReviewInputError) as exc:
        read_context(ctx)
    [p] = exc.value.problems
    assert (p.line, p.code, p.field) == (3, "MUT-V006", "signer_office")


def _docs(*named: str | None) -> tuple[Document, ...]:
    types = ("usul_ppk_penerima", "persetujuan_ppk_asal")
    return tuple(Document(t, f"N/{i}", date(2026, 10, 1), position_id=p)
                 for i, (t, p) in enumerate(zip(types, named, strict=False)))  # () = no document


@pytest.mark.parametrize(("docs", "want"), [
    (_docs("B", "B"), (True, None)),  # both name the target post
    (_docs("B", "C"), (False, None)),  # the approval is for another post
    (_docs("B", None), (None, "document_names_no_position")),  # which post: not said
    ((), (True, None)),  # none on file: the approval criteria say so, not this fact
])
def test_proposal_and_approval_must_name_the_target_position(docs: tuple[Document, ...], want: tuple[object, ...]) -> None:
    move = ProposedMove("M1", NIP, "A", "B", "inter_agency", inter_agency_route="satu_provinsi")
    ctx = ReviewContext(date(2026, 11, 22), "definitive", documents=docs, signer_office="gubernur")
    world = World(positions={"A": Position("A", "u", "a", "pelaksana"), "B": Position("B", "u", "b", "pelaksana")})
    f = move_facts(move, world, ctx, PARAMS)
    assert (f["move.documents_name_position"], f["_missing"].get("move.documents_name_position")) == want
    assert f["move.route_and_signer"] == "satu_provinsi:gubernur"
