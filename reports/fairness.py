"""Selection rates and impact ratios by group (NYC Local Law 144 method). Pure computation.

selection rate = selected / considered in the group; impact ratio = rate / highest group rate;
flag when the ratio is below 0.8 (four-fifths rule) and the group would have had at least
MIN_EXPECTED selections at the overall rate (below that a ratio says nothing: 11 against 13
selections is noise); caveat when a group is under 2% of the people considered. Beside each
ratio, Fisher's exact test (two-sided) of the group against everyone else. People without the
attribute on file form no group (counted apart).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

FOUR_FIFTHS = Fraction(4, 5)
MIN_EXPECTED = 5  # selections a group would get at the overall rate before a flag may be raised
SMALL_SHARE = Fraction(2, 100)
AGE_BANDS = ((0, 30, "<30"), (30, 40, "30-39"), (40, 50, "40-49"), (50, 200, "50+"))


@dataclass(frozen=True)
class Subject:
    """One considered person: selected or not, and their protected attributes (None = not on file)."""

    nip: str
    selected: bool
    attributes: dict[str, str | None]


@dataclass(frozen=True)
class GroupRate:
    attribute: str
    group: str
    considered: int
    selected: int
    rate: Fraction
    impact_ratio: Fraction | None  # None when no group was selected at all
    share: Fraction  # share of the people with this attribute on file
    below_four_fifths: bool  # flagged: ratio < 4/5 and enough expected selections
    small_group: bool
    p_value: float | None = None  # Fisher's exact test, group vs. the rest (two-sided)
    too_few: bool = False  # ratio < 4/5 but fewer than MIN_EXPECTED expected selections: no flag


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def age_band(birth: date | None, on: date) -> str | None:
    if birth is None:
        return None
    age = age_on(birth, on)
    return next(label for lo, hi, label in AGE_BANDS if lo <= age < hi)


def rates(subjects: Iterable[Subject], attribute: str, order: Callable[[str], tuple[int, str]] | None = None) -> list[GroupRate]:
    counts: dict[str, list[int]] = {}
    for s in subjects:
        g = s.attributes.get(attribute)
        if g is None:
            continue
        c = counts.setdefault(g, [0, 0])
        c[0] += 1
        c[1] += int(s.selected)
    total = sum(c[0] for c in counts.values())
    if not total:
        return []
    chosen = sum(c[1] for c in counts.values())
    group_rates = {g: Fraction(sel, n) for g, (n, sel) in counts.items()}
    top = max(group_rates.values())
    out = []
    for g in sorted(counts, key=order or (lambda g: (0, g))):
        n, sel = counts[g]
        ratio = group_rates[g] / top if top > 0 else None
        share = Fraction(n, total)
        low = ratio is not None and ratio < FOUR_FIFTHS
        enough = Fraction(n * chosen, total) >= MIN_EXPECTED
        out.append(GroupRate(attribute, g, n, sel, group_rates[g], ratio, share, low and enough,
                             share < SMALL_SHARE, fisher_p(sel, n - sel, chosen - sel, total - n - (chosen - sel)),
                             low and not enough))
    return out


def fisher_p(a: int, b: int, c: int, d: int) -> float | None:
    """Two-sided Fisher's exact test of [[a, b], [c, d]] (scipy); None for an empty margin."""
    if min(a + b, c + d, a + c, b + d) == 0:
        return None
    from scipy.stats import fisher_exact

    return float(fisher_exact([[a, b], [c, d]]).pvalue)


def failing_shares(rows: Iterable[tuple[dict[str, str | None], set[str]]], attribute: str,
                   order: Callable[[str], tuple[int, str]] | None = None) -> tuple[list[str], dict[str, dict[str, Fraction]]]:
    """Per criterion, the share of each group that failed it: (groups, {criterion: {group: share}}).
    ``rows`` = (attributes, failed criterion ids) per candidate; criteria nobody failed are left out."""
    sizes: dict[str, int] = {}
    fails: dict[str, dict[str, int]] = {}
    for attrs, failed in rows:
        g = attrs.get(attribute)
        if g is None:
            continue
        sizes[g] = sizes.get(g, 0) + 1
        for cid in failed:
            fails.setdefault(cid, {}).setdefault(g, 0)
            fails[cid][g] += 1
    groups = sorted(sizes, key=order or (lambda g: (0, g)))
    return groups, {cid: {g: Fraction(by.get(g, 0), sizes[g]) for g in groups} for cid, by in sorted(fails.items())}


def band_order(label: str) -> tuple[int, str]:
    """Age bands youngest first."""
    labels = [b[2] for b in AGE_BANDS]
    return (labels.index(label) if label in labels else len(labels), label)
