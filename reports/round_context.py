"""Template contexts of a voluntary round's letter and committee report (docs/reports.md,
"Template contexts"); built by reports/round_report.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def doc(help_text: str, **kw: Any) -> Any:
    return field(metadata={"help": help_text}, **kw)


@dataclass(frozen=True)
class BidRow:
    """One ranked position in a round letter."""

    choice: str  # "Pilihan ke-1"
    position: str
    unit: str
    points: str
    cutoff: str
    result: str  # a sentence
    items: list[str] = field(default_factory=list)  # the breakdown, one line per item
    admitted: bool = False


@dataclass(frozen=True)
class CutoffRow:
    """One offered position someone ranked, in the committee report (no names)."""

    position: str
    unit: str
    slots: int
    applicants: int
    eligible: int
    admitted: int
    cutoff: str
    left: int


@dataclass(frozen=True)
class RoundLetterContext:
    lang: str = doc("Language code, 'id' or 'en'.")
    css: str = doc("Print CSS inlined into the page.")
    doc_title: str = doc("Title of the letter.")
    name: str = doc("The participant's name (their NIP when not in the store).")
    nip: str = doc("The participant's NIP.")
    current: str = doc("Their current position and unit.")
    as_of: str = doc("The round's as-of date in words.")
    opening: str = doc("Opening sentence naming the pack whose points items were used.")
    headline: str = doc("The result in one sentence: admitted where (and which choice), kept the current post, or no post.")
    bids: list[BidRow] = doc("Per ranked position: position, unit, their points, the cut-off, what happened, the points breakdown.")
    guarantee: str = doc("What the round guarantees, in one sentence (the honest-ranking part only when the list was not capped).")
    how_cutoff: str = doc("How to read a cut-off, with the lottery's seed.")
    closing: str = doc("Closing sentence: who decides, and the run number to quote.")
    labels: dict[str, str] = doc("Headings and column names in the letter's language.")


@dataclass(frozen=True)
class RoundReportContext:
    lang: str = doc("Language code, 'id' or 'en'.")
    css: str = doc("Print CSS inlined into the page.")
    doc_title: str = doc("Title of the report.")
    intro: str = doc("The run, its as-of date, the mechanism and the lottery's seed; says the table names nobody.")
    rows: list[CutoffRow] = doc("Per offered position that someone ranked: slots, applicants, eligible, admitted, cut-off (marked when the lottery decided), slots left.")
    quiet: str = doc("One sentence on the offered positions nobody ranked, or ''.")
    summary: list[tuple[str, str]] = doc("Participants, moved, kept their post, without a post, proposal passes.")
    variant: list[str] = doc("The committee's choices: fallback, and the order with the transfer plan (what the plan fills next).")
    generated: str = doc("Where the report comes from and how to replay the round.")
    labels: dict[str, str] = doc("Headings and column names in the report's language.")
