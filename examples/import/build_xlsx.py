"""Rebuild pegawai_tambahan.xlsx (an XLSX export example): python examples/import/build_xlsx.py.

Dates are real spreadsheet date cells; NIPs are text (an 18-digit number would lose digits).
Document properties are fixed so the file is byte-stable.
"""

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "nipBaru",
    "nama",
    "tglLahir",
    "jenisKelamin",
    "agama",
    "statusPegawai",
    "kedudukanPns",
    "tmtCpns",
    "tmtPns",
    "golRuangAkhir",
    "tmtGolAkhir",
    "jabatanId",
    "jabatanNama",
    "tmtJabatan",
    "unorId",
    "unorNama",
    "tkPendidikanTerakhir",
    "pendidikanTerakhirNama",
]
ROWS = [
    [
        "199508052019022003",
        "Dewi Anggraini, S.Kep.",
        date(1995, 8, 5),
        "P",
        "Islam",
        "PNS",
        "Aktif",
        date(2019, 2, 1),
        date(2020, 2, 1),
        "III/a",
        date(2019, 2, 1),
        "DINKES-010",
        "Perawat Ahli Pertama",
        date(2021, 1, 4),
        "DINKES",
        "Dinas Kesehatan",
        "S1",
        "Keperawatan",
    ],
    [
        "199710142022031008",
        "Rizky Ramadhan, S.Sos.",
        date(1997, 10, 14),
        "L",
        "Islam",
        "PNS",
        "Aktif",
        date(2022, 3, 1),
        date(2023, 3, 1),
        "III/a",
        date(2022, 3, 1),
        "BKPSDM-010",
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        date(2023, 6, 1),
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "S1",
        "Sosiologi",
    ],
]


def main() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "pegawai"
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    for cells in ws.iter_rows(min_row=2):
        cells[0].number_format = "@"
        for c in cells:
            if isinstance(c.value, datetime | date):
                c.number_format = "DD-MM-YYYY"
    wb.properties.created = wb.properties.modified = datetime(2026, 11, 22)
    wb.save(Path(__file__).with_name("pegawai_tambahan.xlsx"))


if __name__ == "__main__":
    main()
