"""Tables of the voluntary transfer round (docs/plan-and-review.md, "Voluntary round"): the
round with its dates, settings and state; the positions it offers with their slots; each
employee's ranked positions (a new submission replaces the old one)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def _ts(nullable: bool = False) -> datetime:
    return Field(sa_column=Column(DateTime(timezone=True), nullable=nullable))


class VoluntaryRound(SQLModel, table=True):
    """One round: open from opens_on to closes_on (or until the committee closes it), then
    run (run_seq: the audit run) and published to employees."""

    __tablename__ = "voluntary_round"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    opens_on: date
    closes_on: date  # the last day on which rankings are accepted
    pack: str = Field(max_length=100)  # the shipped pack (folder under rules/) it runs with
    seed: int
    keep_current: bool
    run_order: str = Field(max_length=20)  # before_plan | after_plan
    plan_run: int | None = None
    max_choices: int
    state: str = Field(max_length=20)  # open | closed | run | published
    run_seq: int | None = None
    created_by: str = Field(max_length=100)
    created_at: datetime = _ts()
    closed_at: datetime | None = _ts(nullable=True)
    published_at: datetime | None = _ts(nullable=True)


class VoluntaryOffer(SQLModel, table=True):
    """A position the round offers, with its slots (the ABK deficit when it opened)."""

    __tablename__ = "voluntary_offer"
    __table_args__ = (UniqueConstraint("round_id", "position_id"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="voluntary_round.id", index=True)
    position_id: str = Field(max_length=64)  # no foreign key: a re-import may replace positions
    capacity: int


class VoluntaryRanking(SQLModel, table=True):
    """One ranked position of one employee in a round."""

    __tablename__ = "voluntary_ranking"
    __table_args__ = (UniqueConstraint("round_id", "nip", "rank"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="voluntary_round.id", index=True)
    nip: str = Field(index=True, max_length=18)
    rank: int
    position_id: str = Field(max_length=64)  # no foreign key: a re-import may replace positions
    submitted_at: datetime = _ts()


ROUND_MODELS: tuple[type[SQLModel], ...] = (VoluntaryRound, VoluntaryOffer, VoluntaryRanking)
