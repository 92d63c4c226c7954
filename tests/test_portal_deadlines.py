"""Response and objection deadlines in working days, from the pack's periods and dated
holidays (every expected date counted by hand on a 2026 calendar)."""

from __future__ import annotations

from datetime import date

from mutasi.portal import params
from mutasi.portal.publication import Published
from mutasi.portal.requests import deadline_for
from mutasi.portal.workdays import add_working_days


def test_holidays_and_cuti_bersama_are_not_working_days() -> None:
    days, until = params.holidays(None)
    assert until == date(2026, 12, 31)
    assert {date(2026, 12, 24), date(2026, 12, 25), date(2026, 3, 20), date(2026, 8, 17)} <= days
    # Fri 18 Dec 2026 + 10: 21, 22, 23, (24 cuti bersama, 25 Natal), 28, 29, 30, 31, 1 Jan 2027
    # (not listed yet: counted), 4, 5 January
    assert add_working_days(date(2026, 12, 18), 10, days) == date(2027, 1, 5)
    assert add_working_days(date(2026, 12, 18), 10, frozenset()) == date(2027, 1, 1)
    # Idul Fitri 2026: Thu 19 (Nyepi) to Tue 24 March are all off; Wed 18 (cuti bersama) too
    assert add_working_days(date(2026, 3, 17), 1, days) == date(2026, 3, 25)


def test_tanggapan_before_an_sk_and_keberatan_after() -> None:
    t = deadline_for(Published(2, date(2026, 11, 24), None, None), None)
    # Tue 24 Nov + 10 working days: 25, 26, 27, 30 Nov, 1, 2, 3, 4, 7, 8 Dec
    assert (t.kind, t.days, t.deadline, t.provisional) == ("tanggapan", 10, date(2026, 12, 8), False)
    k = deadline_for(Published(1, date(2026, 11, 23), "800/1/BKPSDM/2026", date(2026, 11, 23)), None)
    # Mon 23 Nov + 21 working days (UU 30/2014 Pasal 77 ayat (1)): ends Tue 22 Dec
    assert (k.kind, k.days, k.deadline) == ("keberatan", 21, date(2026, 12, 22))
    assert (k.regulation, k.article) == ("UU 30/2014", "Pasal 77 ayat (1)")
    late = deadline_for(Published(3, date(2026, 12, 18), None, None), None)
    assert late.deadline == date(2027, 1, 5) and late.provisional


def test_preference_choices_come_from_the_pack() -> None:
    assert params.max_choices(date(2026, 11, 23)) == 3
