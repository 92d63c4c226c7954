"""The official form of a letter (kop surat, nomor, sifat, lampiran, hal, tanggal surat,
signatory, how to reach BKPSDM), read from the `letter:` section of the report configuration.

docs/reports.md ("Letter form") documents every key; examples/letters/config.yaml is a
filled-in example with clearly fictional values (the demo uses it). Without a configuration
the letter still has a neutral head ("BKPSDM") and names no number, address or signatory
that nobody gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from engine.problems import Problem

TEXT2 = ("government", "office", "sifat", "hours", "signatory_title", "on_behalf")
PLAIN = ("address", "phone", "email", "website", "city", "signatory_name", "signatory_rank",
         "signatory_nip", "number_format")
KNOWN = (*TEXT2, *PLAIN, "letter_date")


@dataclass(frozen=True)
class LetterForm:
    government: dict[str, str] = field(default_factory=dict)  # "PEMERINTAH KABUPATEN ..."
    office: dict[str, str] = field(default_factory=lambda: {
        "id": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM)",
        "en": "Regional Civil Service and Human Resources Development Agency (BKPSDM)"})
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: dict[str, str] = field(default_factory=dict)  # office hours
    city: str = ""  # where the letter is signed ("Contoh Raya, 25 November 2026")
    number_format: str = ""  # "800.1.3/{seq:04d}/BKPSDM/{year}"; {seq}, {year}, {run}, {nip}
    sifat: dict[str, str] = field(default_factory=lambda: {"id": "Biasa", "en": "Ordinary"})
    letter_date: date | None = None  # tanggal surat; the as-of date stays the data's date
    signatory_title: dict[str, str] = field(default_factory=dict)  # "Kepala BKPSDM"
    on_behalf: dict[str, str] = field(default_factory=dict)  # "a.n. Bupati Contoh Raya"
    signatory_name: str = ""
    signatory_rank: str = ""
    signatory_nip: str = ""


def parse_form(raw: Any, file: str, problems: list[Problem]) -> LetterForm:
    """The `letter:` mapping; every problem is added (code MUT-L001, field `letter.KEY`)."""
    if raw is None:
        return LetterForm()
    if not isinstance(raw, dict):
        problems.append(Problem(file, 1, 0, "MUT-L001", "letter", "must be a mapping"))
        return LetterForm()
    kw: dict[str, Any] = {}
    for key in sorted(raw):
        v = raw[key]
        if key not in KNOWN:
            problems.append(Problem(file, 1, 0, "MUT-L001", f"letter.{key}",
                                    f"unknown field (known: {', '.join(sorted(KNOWN))})"))
        elif key in TEXT2:
            if not (isinstance(v, dict) and all(isinstance(v.get(k), str) for k in ("id", "en"))):
                problems.append(Problem(file, 1, 0, "MUT-L001", f"letter.{key}",
                                        "must be a mapping with 'id' and 'en' texts"))
            else:
                kw[key] = {"id": v["id"], "en": v["en"]}
        elif key == "letter_date":
            if not isinstance(v, date):
                problems.append(Problem(file, 1, 0, "MUT-L001", "letter.letter_date",
                                        "must be a date YYYY-MM-DD"))
            else:
                kw[key] = v
        elif not isinstance(v, str | int) or isinstance(v, bool):
            problems.append(Problem(file, 1, 0, "MUT-L001", f"letter.{key}", "must be a text"))
        else:
            kw[key] = str(v)
    fmt = kw.get("number_format", "")
    if fmt:
        try:
            fmt.format(seq=1, year=2026, run="1", nip="1")
        except (KeyError, IndexError, ValueError) as exc:
            problems.append(Problem(file, 1, 0, "MUT-L001", "letter.number_format",
                                    f"placeholders are {{seq}}, {{year}}, {{run}}, {{nip}} ({exc})"))
            kw.pop("number_format")
    return LetterForm(**kw)


def letter_number(form: LetterForm, seq: int, year: int, run: str, nip: str) -> str:
    """The letter's number from the office's format; '' when the office set none (the
    letter then shows a blank to fill in by hand)."""
    if not form.number_format:
        return ""
    return form.number_format.format(seq=seq, year=year, run=run, nip=nip)
