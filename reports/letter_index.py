"""What letters need to know about a whole run, computed once: placements, the unplaced,
each position's admissible scores (for a person's rank and the anonymous cut-off), and who
the run affects (who gets a letter by default).
"""

from __future__ import annotations

from collections import defaultdict

from engine.plan.model import Placement, PlanResult, Unplaced
from engine.plan.parts import Options
from engine.plan.reasons import PlanReason
from reports.fmt import fnum
from reports.i18n import t
from reports.source import ReportSource, RunHeader

ADMISSIBLE = ("eligible", "eligible_through_exception")
STANDING_LIMIT = 3  # positions shown in a letter; the rest are counted
# Unplaced reasons of people who competed for a post (the others' origin could not spare them).
COMPETED = (PlanReason.NOT_SELECTED, PlanReason.ORIGIN_CAP_REACHED, PlanReason.NO_ADMISSIBLE_POSITION,
            PlanReason.CONFLICT_OF_INTEREST)


class RunIndex:
    def __init__(self, source: ReportSource, run: RunHeader) -> None:
        self.source, self.run = source, run
        self.plan = source.plan(run.run_id)
        result = self.plan.result if self.plan else PlanResult()
        self._placed = {p.nip: p for p in result.placements}
        self._unplaced: dict[str, Unplaced] = {}
        for u in result.unplaced:
            self._unplaced.setdefault(u.nip, u)
        self._scores: dict[str, list[float]] | None = None
        self._cut: dict[str, float] = {}
        for p in result.placements:
            score = float(p.score or 0.0)
            self._cut[p.position_id] = min(self._cut.get(p.position_id, score), score)

    def placement(self, nip: str) -> Placement | None:
        return self._placed.get(nip)

    def unplaced(self, nip: str) -> Unplaced | None:
        return self._unplaced.get(nip)

    def scores(self) -> dict[str, list[float]]:
        """Position id -> admissible candidates' scores, highest first (no names kept)."""
        if self._scores is None:
            out: dict[str, list[float]] = defaultdict(list)
            for rec in self.source.decisions(self.run.run_id):
                d = rec.decision
                if d.get("scope") == "candidate_position" and d.get("verdict") in ADMISSIBLE:
                    out[str(d["subject"].get("position_id"))].append(float(d.get("score") or 0.0))
            self._scores = {k: sorted(v, reverse=True) for k, v in out.items()}
        return self._scores

    def standing(self, nip: str, unplaced: Unplaced, lang: str) -> list[str]:
        """Score, rank and the anonymous cut-off for the best positions the person could fill."""
        detail = unplaced.detail
        options = detail.admissible_positions if isinstance(detail, Options) else []
        lines = []
        for opt in options[:STANDING_LIMIT]:
            pid = opt.position_id
            mine = float(opt.score or 0.0)
            field = self.scores().get(pid, [mine])
            rank = 1 + sum(1 for s in field if s > mine)
            cut = self._cut.get(pid)
            cutoff = (t("l_cutoff", lang).format(cut=fnum(cut, lang)) if cut is not None
                      else t("l_cutoff_none", lang))
            unit = self.source.position_unit(pid)
            lines.append(t("l_standing_line", lang).format(
                position=self.source.position_name(pid), unit=self.source.unit_name(unit) if unit else "-",
                score=fnum(mine, lang), rank=rank, count=max(len(field), rank), cutoff=cutoff))
        more = (detail.admissible_count if isinstance(detail, Options) else len(options)) - len(lines)
        if lines and more > 0:
            lines.append(t("l_more_positions", lang).format(n=more))
        return lines

    def tie_break_text(self, lang: str) -> str:
        """The plan's tie-break, disclosed: a recorded lottery, or the NIP order it replaced."""
        lottery = self.plan.inputs.tie_break_seed if self.plan and self.plan.inputs else None
        if lottery is not None:
            return t("l_tie_lottery", lang).format(seed=lottery)
        return t("l_tie_nip", lang)

    def affected(self) -> list[str]:
        """NIPs a run affects, sorted: proposed, reviewed, not placed although they competed,
        and anyone who asked for a move (preferences on file) whatever their outcome."""
        records = self.source.decisions(self.run.run_id)
        if self.run.kind == "evaluate":  # a screening of everyone: each person is concerned
            return sorted({str(r.decision.get("subject", {}).get("nip", "")) for r in records} - {""})
        nips: set[str] = set(self._placed)
        nips |= {n for n, u in self._unplaced.items() if u.reason in COMPETED}
        for rec in records:
            d = rec.decision
            nip = str(d.get("subject", {}).get("nip", ""))
            if d.get("scope") == "move":
                nips.add(nip)
        everyone = {str(r.decision.get("subject", {}).get("nip", "")) for r in records}
        for nip in sorted(everyone - nips):
            person = self.source.person(nip)
            if person is not None and person.preferences:
                nips.add(nip)
        return sorted(n for n in nips if n)
