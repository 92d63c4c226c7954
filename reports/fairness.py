"""Selection rates and impact ratios by group (NYC Local Law 144 method). Pure computation.

selection rate = selected / considered in the group; impact ratio = rate / highest group rate;
flag when the ratio is below 0.8 (four-fifths rule); caveat when a group is under 2% of the
people considered. People without the attribute on file form no group (counted apart).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

FOUR_FIFTHS = Fraction(4, 5)
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
    below_four_fifths: bool
    small_group: bool


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
    group_rates = {g: Fraction(sel, n) for g, (n, sel) in counts.items()}
    top = max(group_rates.values())
    out = []
    for g in sorted(counts, key=order or (lambda g: (0, g))):
        n, sel = counts[g]
        ratio = group_rates[g] / top if top > 0 else None
        share = Fraction(n, total)
        out.append(GroupRate(attribute, g, n, sel, group_rates[g], ratio, share,
                             ratio is not None and ratio < FOUR_FIFTHS, share < SMALL_SHARE))
    return out


def band_order(label: str) -> tuple[int, str]:
    """Age bands youngest first."""
    labels = [b[2] for b in AGE_BANDS]
    return (labels.index(label) if label in labels else len(labels), label)
