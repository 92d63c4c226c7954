"""Seeded synthetic kabupaten/kota (a package: tables, model, region, people, files): units, position map, employees with histories, ABK, preferences.

Deterministic: the same (employees, seed, as_of) gives identical bytes; randomness comes only
from random.Random(seed) instances, never the global generator or the clock. Employees are
generated one at a time (``generate_employees`` is an iterator) and written as they come, so a
million employees never sit in memory. Rank ranges of eselon posts follow PP 100/2000 as
amended by PP 13/2002 (docs/REFERENCE); rank ranges of JF and pelaksana posts, task times and
every distribution here are demo values, not regulation.

NIPs are unique by construction: employee i gets sequence number i // 4032 + 1 and a
(birth month-day, TMT CPNS month) pair that is a bijection of i % 4032 (336 month-days x 12
months), so two employees differ in the sequence or in that pair (valid up to 4,027,968).
"""

from __future__ import annotations

from mutasi.demo.files import FILES, generate_demo
from mutasi.demo.people import generate_employees
from mutasi.demo.region import abk_rows, plan_region, positions_for
from mutasi.demo.tables import DEFAULT_AS_OF, DEFAULT_SEED, UNITS

__all__ = ["DEFAULT_AS_OF", "DEFAULT_SEED", "FILES", "UNITS", "abk_rows", "generate_demo",
           "generate_employees", "plan_region", "positions_for"]
