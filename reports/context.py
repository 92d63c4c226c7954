"""One dataclass per template: the documented context it is rendered with.

Every field carries help text (docs/reports.md lists them); tests/test_reports_context.py
checks each template uses exactly its context's fields. Values are display-ready strings or
small view objects, already in the letter's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reports.explain import ReasonView
from reports.receipt import ReceiptView
from reports.round_context import RoundLetterContext, RoundReportContext


def doc(help_text: str, **kw: Any) -> Any:
    return field(metadata={"help": help_text}, **kw)


@dataclass(frozen=True)
class RecordRef:
    """Where an inspector finds the record behind a document."""

    decision_id: str
    run_id: str
    pack_id: str
    pack_version: str
    pack_hash: str
    as_of: str


@dataclass(frozen=True)
class PlacementView:
    position: str
    unit: str
    score: str
    why: list[ReasonView]
    gaps: list[str]
    training: list[str]
    score_line: str = ""  # "Your score ... made up of: ..." (letters)


@dataclass(frozen=True)
class LetterHead:
    """Kop surat and the letter's form fields, from the configuration's `letter:` section."""

    government: str
    office: str
    contact_line: str  # address, phone, e-mail, website in one line
    number: str
    sifat: str
    lampiran: str
    hal: str
    place_date: str  # "Contoh Raya, 25 November 2026" (tanggal surat, not the as-of date)


@dataclass(frozen=True)
class Signatory:
    on_behalf: str
    title: str
    name: str
    rank: str
    nip: str


@dataclass(frozen=True)
class AppendixRow:
    no: int
    title: str
    detail: str
    outcome: str
    outcome_label: str
    basis: str


@dataclass(frozen=True)
class LetterContext:
    lang: str = doc("Language code, 'id' or 'en'; fixed phrases come from reports/i18n.py.")
    doc_title: str = doc("Title of the document.")
    css: str = doc("Print CSS inlined into the page.")
    head: LetterHead = doc("Kop surat, nomor, sifat, lampiran, hal and tanggal surat (configuration).")
    name: str = doc("Addressee's name (the only person named in the letter).")
    nip: str = doc("Addressee's NIP.")
    unit: str = doc("Addressee's current unit name.")
    position: str = doc("Addressee's current position name.")
    opening: str = doc("Opening sentence naming the as-of date of the data.")
    headline: str = doc("The outcome as it stands (after any override), one sentence.")
    override: str = doc("The engine's original outcome and the override's justification; '' when none.")
    reasons_title: str = doc("Heading of the deciding reasons.")
    reasons: list[ReasonView] = doc("Deciding reasons: failed or missing criteria first, each with value, threshold, legal basis.")
    reasons_note: str = doc("A line under the reasons (all met, or a decision-maker matter that is not the person's); '' when none.")
    placement: PlacementView | None = doc("For a proposed move: score and its parts, gaps, training; else None.")
    standing: list[str] = doc("Eligible but not placed: score, rank and anonymous cut-off per position.")
    tie_break: str = doc("How ties are broken, disclosed; '' when the letter has no ranking.")
    fixes: list[str] = doc("Missing data: who completes it and how, with the document to bring.")
    changes: list[str] = doc("What would change the outcome and when: only changeable or time-based facts.")
    objection: str = doc("How and by when to object (keberatan), from the report configuration.")
    contact: str = doc("How to reach BKPSDM (address, phone, e-mail, hours).")
    closing: str = doc("Closing sentence.")
    signatory: Signatory = doc("Signatory block (a.n., title, name, rank, NIP) from the configuration.")
    appendix: list[AppendixRow] = doc("Enclosure: every criterion that applies to the person, failed and missing first.")
    record: RecordRef = doc("Decision id and pack id/version/hash for the inspector.")
    receipt: ReceiptView | None = doc("Audit receipt (QR, verification code, proof); None when nothing is signed.",
                                      default=None)


@dataclass(frozen=True)
class RunView:
    run_id: str
    kind: str
    as_of: str
    pack_id: str
    pack_version: str
    pack_hash: str
    input_hash: str
    actor: str
    started_at: str


@dataclass(frozen=True)
class RankedCandidate:
    rank: int
    nip: str
    name: str
    score: str
    verdict: str
    breakdown: str
    placed_here: bool
    why: str = ""  # not placed here: placed elsewhere (where), origin cap, ... ("" when placed here)


@dataclass(frozen=True)
class PositionRanking:
    position: str
    unit: str
    candidates: list[RankedCandidate]  # the best RANKING_LIMIT, plus anyone placed here below them
    more: int  # candidates evaluated for the position and not listed


@dataclass(frozen=True)
class SummaryRow:
    reason: str
    unit: str
    count: int


@dataclass(frozen=True)
class PlanRow:
    nip: str
    name: str
    from_position: str
    to_position: str
    to_unit: str
    score: str
    runner_up: str
    gaps: str
    training: str


@dataclass(frozen=True)
class DecisionRow:
    decision_id: str
    subject: str
    name: str
    verdict: str
    detail: str


@dataclass(frozen=True)
class OverrideRow:
    decision_id: str
    subject: str
    original: str
    new: str
    actor: str
    at: str
    justification: str


@dataclass(frozen=True)
class WorkloadRow:
    unit: str
    needed_before: str
    on_post_before: str
    needed_after: str
    on_post_after: str


@dataclass(frozen=True)
class CommitteeContext:
    lang: str = doc("Language code, 'id' or 'en'.")
    doc_title: str = doc("Title of the document.")
    css: str = doc("Print CSS inlined into the page.")
    run: RunView = doc("The plan (or evaluate) run the report reads.")
    rankings: list[PositionRanking] = doc("Candidates ranked per position (the best 10 and anyone placed), score breakdown each.")
    plan_rows: list[PlanRow] = doc("The plan's placements.")
    has_plan: bool = doc("False when the run holds no plan payload.")
    after_round: str = doc("A sentence naming the voluntary round the plan built on (run, date, people it moved); '' when none.")
    unplaced: list[DecisionRow] = doc("Eligible people not placed, with the reason.")
    talent: list[list[str]] = doc("9-box talent pool of the plan's candidates: rows potential high to low, columns performance below to above; each cell 'people (placed)'; [] without data.")
    unplaced_summary: list[SummaryRow] = doc("Unplaced people counted by reason and unit, largest first (before the full list).")
    open_positions: list[DecisionRow] = doc("Positions left open, with the reason.")
    approvals: list[DecisionRow] = doc("Decisions (pairs or moves) needing an approval: which, from whom.")
    review: list[DecisionRow] = doc("Review of an SK draft: one row per proposed move; empty without a review run.")
    review_run: RunView | None = doc("The review run shown, or None.")
    overrides: list[OverrideRow] = doc("Human overrides with their justifications.")
    open_questions: list[DecisionRow] = doc("Decisions with data missing: which facts and why.")
    workload: list[WorkloadRow] = doc("Workload per unit before/after the plan.")
    workload_chart: str = doc("PNG data URI: staff needed minus on post per unit, before and after the plan (diverging bars); '' without data.")


@dataclass(frozen=True)
class CoverageRow:
    criterion_id: str
    title: str
    counts: str
    deciding: int
    fired: bool


@dataclass(frozen=True)
class InspectorContext:
    lang: str = doc("Language code, 'id' or 'en'.")
    doc_title: str = doc("Title of the document.")
    css: str = doc("Print CSS inlined into the page.")
    run: RunView = doc("Run metadata: pack id, version, hash, as-of date, input hash, actor.")
    decision_count: int = doc("Number of decisions recorded in the run.")
    verdict_counts: list[tuple[str, int]] = doc("(verdict label, count), sorted by verdict code.")
    intact: bool = doc("Result of the audit verification.")
    verification: str = doc("Verification summary text from audit verify.")
    checkpoint: str = doc("Latest checkpoint as 'size N, root HEX' or '-'.")
    overrides: list[OverrideRow] = doc("Human overrides of this run's decisions.")
    coverage: list[CoverageRow] = doc("Per criterion: outcome counts, times deciding, whether it ever fired.")
    never_fired: list[str] = doc("Titles of the criteria that never fired in this run.")
    exceptions: list[DecisionRow] = doc("Decisions that needed an exception, with the exception and document.")
    findings: list[str] = doc("Every problem audit verify found, in the report's language (entry and what is wrong).")
    warnings: list[str] = doc("Warnings such as append-only triggers missing from the database.")
    runs: list[RunView] = doc("Every run in the audit trail: who, when, kind, pack and its hash.")
    approvals_used: list[DecisionRow] = doc("Which approval document (number, date) covered which reviewed move.")
    replay: list[DecisionRow] = doc("A seeded random sample of this run's decisions replayed from the log, with each result.")
    replay_note: str = doc("Sample size, number of decisions and the seed, so anyone can draw the same sample.")
    replay_command: str = doc("The mutasi command that draws and replays the same sample (the documented SHA-256 draw).")


@dataclass(frozen=True)
class FairnessRowView:
    attribute: str
    group: str
    considered: int
    selected: int
    rate: str
    impact_ratio: str
    share: str
    flag: str
    p_value: str = "-"  # Fisher's exact test, group vs. the rest


@dataclass(frozen=True)
class FailingTable:
    attribute: str
    groups: list[str]
    rows: list[tuple[str, list[str]]]  # (criterion title, share failing per group)


@dataclass(frozen=True)
class FairnessContext:
    lang: str = doc("Language code, 'id' or 'en'.")
    doc_title: str = doc("Title of the document.")
    css: str = doc("Print CSS inlined into the page.")
    run: RunView = doc("The plan run whose selections are measured.")
    method: str = doc("How rates and ratios are computed (LL144), in the document's language.")
    flags_note: str = doc("What the starred flags (small group, too few to flag) mean, under the table.")
    rows: list[FairnessRowView] = doc("One row per attribute and group, sorted.")
    charts: list[tuple[str, str]] = doc("(attribute label, PNG data URI) of selection rates per group.")
    considered_total: int = doc("People considered (eligible candidates of the plan).")
    selected_total: int = doc("People selected (placed).")
    failing: list[FailingTable] = doc("Per attribute: the share of each group failing each criterion (all candidates).")


@dataclass(frozen=True)
class MonitoringRow:
    nip: str
    name: str
    to_position: str
    skp_before: str
    skp_after: str
    carried_out: str = ""  # an issued SK recorded for the move (number, date), or not yet
    in_store: str = ""  # what the store shows now: on the planned post or not (an observation)


@dataclass(frozen=True)
class MonitorUnitRow:
    unit: str
    needed: str
    before: str  # on post when the plan was made (recorded)
    planned: str  # on post after the plan (recorded)
    now: str  # on post now (store)


@dataclass(frozen=True)
class MonitoringContext:
    lang: str = doc("Language code, 'id' or 'en'.")
    doc_title: str = doc("Title of the document.")
    css: str = doc("Print CSS inlined into the page.")
    run: RunView = doc("The earlier plan run whose moves are followed up.")
    people: list[MonitoringRow] = doc("People in the plan: moved yet (on the planned post now), SKP the year before the round and the latest after it.")
    workload: list[MonitorUnitRow] = doc("Per unit: needed, on post before the plan, planned after it (recorded) and now (store).")
    workload_chart: str = doc("PNG data URI: staff needed minus on post per unit, planned after the plan and now; '' without data.")


@dataclass(frozen=True)
class WhatIfContext:
    lang: str = doc("Language code, 'id' or 'en'.")
    doc_title: str = doc("Title of the document.")
    css: str = doc("Print CSS inlined into the page.")
    words: dict[str, str] = doc("The report's own labels in its language (reports/whatif.py W).")
    packs: list[tuple[str, str, str]] = doc("(label, pack id and version, pack hash) of the old and new pack.")
    as_of: str = doc("ISO date both packs decide as of.")
    base_run: str = doc("The recorded run whose candidates were re-decided, or '' (the store).")
    diff: list[Any] = doc("reports.whatif.DiffRow per criterion or parameter that differs.")
    persons: list[Any] = doc("reports.whatif.PersonRow per person whose verdict changes, by NIP.")
    verdicts: list[Any] = doc("reports.whatif.CountRow: people per verdict under each pack.")
    units: list[Any] = doc("reports.whatif.CountRow: units with a change (eligible before, after, changed).")
    fairness: list[Any] = doc("reports.whatif.CountRow: groups whose impact ratio moves (before, after, people).")
    placements: list[Any] | None = doc("reports.whatif.CountRow per person a plan run places differently (old, new post); None: not a plan run.")
    recorded_run: str = doc("The run recorded with --record, or ''.")


CONTEXTS: dict[str, type] = {
    "letter.html.j2": LetterContext,
    "committee.html.j2": CommitteeContext,
    "inspector.html.j2": InspectorContext,
    "fairness.html.j2": FairnessContext,
    "monitoring.html.j2": MonitoringContext,
    "whatif.html.j2": WhatIfContext,
}
CONTEXTS["round_letter.html.j2"] = RoundLetterContext  # reports/round_context.py
CONTEXTS["round_report.html.j2"] = RoundReportContext
