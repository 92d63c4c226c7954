"""Read the review and plan inputs: an SK draft (proposed moves, CSV or YAML), its round
context (YAML), and the flat YAML mappings a plan takes (training catalog, conflicts).

Every problem is collected (file, line/row, field, stable MUT-V code), sorted, and raised
together; nothing is half-read. Format: docs/plan-and-review.md.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from engine import vocab
from engine.csvsrc import read_csv_text
from engine.problems import MutasiError, Problem, suggest
from engine.records import Document, ProposedMove, ReviewContext
from engine.yamlsrc import REVIEW_INPUT_CODES, LMap, LSeq, load_yaml

MOVE_FIELDS = ("id", "nip", "from_position_id", "to_position_id", "kind", "grounds",
               "grounds_explanation", "decision_maker_relation", "cancels_move_id", "request",
               "inter_agency_route")
# Whose wish the move is (PP 11/2017 Pasal 190 ayat (6)); spellings -> code.
REQUESTS = {"own_request": "own_request", "permintaan sendiri": "own_request",
            "atas permintaan sendiri": "own_request", "aps": "own_request",
            "organisational": "organisational", "kebutuhan organisasi": "organisational",
            "organisasi": "organisational", "dinas": "organisational"}
MOVE_REQUIRED = ("id", "nip", "kind")
MOVE_KINDS = ("cancellation", "demotion", "inter_agency", "promotion", "rotation")
CONTEXT_FIELDS = ("decision_date", "signer_kind", "head_inauguration_date",
                  "candidate_determination_date", "no_election_scheduled", "term_end_date", "documents",
                  "agency_id", "sk_status", "sk_number", "sk_date", "no_recent_inauguration",
                  "signer_is_candidate", "signer_office")
SK_STATUSES = ("draft", "issued")
DOC_FIELDS = ("type", "number", "date", "issuer", "covers", "position_id")
SIGNER_KINDS = ("definitive", "pj", "pjs", "plt")
NIP_RE = re.compile(r"^\d{18}$")

# Dates a round can plausibly carry; outside them date arithmetic (deadlines, windows)
# overflows, and a typo (9999-12-31) would decide.
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2199, 12, 31)
# Fields that hold one value (grounds may be a list of codes).
SCALAR_MOVE_FIELDS = tuple(f for f in MOVE_FIELDS if f != "grounds")


def normalise_nip(text: str) -> str:
    """As the data import reads a NIP: spaces people type between its groups are dropped."""
    return text.replace(" ", "")


class ReviewInputError(MutasiError):
    """The moves or context file has problems (exit 1); all are listed."""


def _p(file: str, line: int, code: str, field: str, msg: str, hint: str = "") -> Problem:
    return Problem(file=file, line=line, col=0, code=code, field=field, message=msg, hint=hint)


def _unknown(file: str, line: int, key: str, allowed: tuple[str, ...]) -> Problem:
    hint = suggest(key, allowed, "allowed: " + ", ".join(allowed))
    return _p(file, line, "MUT-V003", key, f"unknown field '{key}'", hint)


def _text(v: Any) -> str | None:
    if v is None or isinstance(v, list | dict):
        return None  # a list or mapping is refused by _scalar_problems, never turned into text
    s = str(v).strip()
    return s or None


def _scalar_problems(raw: dict[str, Any], file: str, line: int, fields: tuple[str, ...],
                     prefix: str = "") -> list[Problem]:
    """A field that must hold one value but holds a list or mapping (``id: [M01]``)."""
    return [_p(file, line, "MUT-V006", prefix + k, f"'{prefix}{k}' must be a single value, not a "
               + ("list" if isinstance(raw[k], list) else "mapping"))
            for k in fields if k in raw and isinstance(raw[k], list | dict)]


def _date(v: Any, file: str, line: int, field: str, problems: list[Problem]) -> date | None:
    if v is None or v == "" or isinstance(v, list | dict):
        return None
    found: date | None = None
    if isinstance(v, datetime):
        found = v.date()
    elif isinstance(v, date):
        found = v
    else:
        s = str(v).strip()
        for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                found = datetime.strptime(s, fmt).date()
                break
            except ValueError:
                continue
        if found is None:
            problems.append(_p(file, line, "MUT-V005", field, f"'{s}' is not a date",
                               "use YYYY-MM-DD or DD-MM-YYYY"))
            return None
    if not DATE_MIN <= found <= DATE_MAX:
        problems.append(_p(file, line, "MUT-V005", field,
                           f"{found.isoformat()} is outside the dates a round can carry",
                           f"between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}"))
        return None
    return found


def _grounds(v: Any, file: str, line: int, problems: list[Problem]) -> tuple[str, ...]:
    """A list (YAML) or a cell 'a; b' of codes from engine.vocab.DEMOTION_GROUNDS."""
    items = [str(x) for x in v] if isinstance(v, list) else vocab.split_list(_text(v))
    codes: set[str] = set()
    for item in items:
        found = vocab.lookup_ground(item)
        if found.code is None:
            problems.append(_p(file, line, "MUT-V006", "grounds", found.error, found.hint))
        elif found.code != vocab.NONE:
            codes.add(found.code)
    return tuple(sorted(codes))


def _move(raw: dict[str, Any], file: str, line: int, problems: list[Problem]) -> ProposedMove | None:
    before = len(problems)
    for key in sorted(raw):
        if key not in MOVE_FIELDS:
            problems.append(_unknown(file, line, key, MOVE_FIELDS))
    problems += _scalar_problems(raw, file, line, SCALAR_MOVE_FIELDS)
    if isinstance(raw.get("grounds"), dict):
        problems.append(_p(file, line, "MUT-V006", "grounds", "'grounds' is a code or a list of codes, "
                           "not a mapping"))
    vals = {k: _text(raw.get(k)) for k in MOVE_FIELDS if k != "grounds"}
    grounds = _grounds(raw.get("grounds"), file, line, problems)
    relation = vocab.lookup_relation(_text(raw.get("decision_maker_relation")))
    if relation.code is None:
        problems.append(_p(file, line, "MUT-V006", "decision_maker_relation", relation.error,
                           relation.hint))
    if vals["nip"] is not None:
        vals["nip"] = normalise_nip(vals["nip"])
    for key in MOVE_REQUIRED:
        if vals[key] is None and not isinstance(raw.get(key), list | dict):
            problems.append(_p(file, line, "MUT-V004", key, f"'{key}' is required"))
    nip = vals["nip"]
    if nip is not None and not NIP_RE.match(nip):
        problems.append(_p(file, line, "MUT-V006", "nip", f"NIP '{nip}' is not 18 digits"))
    kind = vals["kind"]
    if kind is not None and kind not in MOVE_KINDS:
        problems.append(_p(file, line, "MUT-V006", "kind", f"unknown kind '{kind}'",
                           "one of " + ", ".join(MOVE_KINDS)))
    if kind == "cancellation" and vals["cancels_move_id"] is None:
        problems.append(_p(file, line, "MUT-V004", "cancels_move_id",
                           "a cancellation must name the move it cancels"))
    if vals["to_position_id"] is None and not isinstance(raw.get("to_position_id"), list | dict):
        # A cancellation names the post the person goes back to: it is a move too.
        problems.append(_p(file, line, "MUT-V004", "to_position_id",
                           "every move must name the target position"))
    request = None
    if vals["request"] is not None:
        request = REQUESTS.get(vocab.normalise(vals["request"]).replace("_", " "),
                               REQUESTS.get(vals["request"].strip().lower()))
        if request is None:
            close = difflib.get_close_matches(vocab.normalise(vals["request"]), list(REQUESTS), n=1)
            problems.append(_p(file, line, "MUT-V006", "request", f"unknown request '{vals['request']}'",
                               (f"did you mean '{close[0]}'? " if close else "")
                               + "one of own_request (atas permintaan sendiri), organisational"))
    route = vals["inter_agency_route"]
    if route is not None and route not in vocab.INTER_AGENCY_ROUTES:
        problems.append(_p(file, line, "MUT-V006", "inter_agency_route", f"unknown inter-agency route '{route}'",
                           suggest(route, vocab.INTER_AGENCY_ROUTES,
                                   "one of " + ", ".join(vocab.INTER_AGENCY_ROUTES))))
    if len(problems) > before:
        return None
    return ProposedMove(
        id=vals["id"] or "", nip=nip or "", from_position_id=vals["from_position_id"],
        to_position_id=vals["to_position_id"], kind=kind or "", grounds=grounds,
        grounds_explanation=vals["grounds_explanation"],
        decision_maker_relation=relation.code,
        cancels_move_id=vals["cancels_move_id"], request=request, inter_agency_route=route,
    )


def _moves_csv(path: Path, display: str, problems: list[Problem]) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(_p(display, 1, "MUT-V001", "", f"cannot read file: {exc}"))
        return []
    table = read_csv_text(text)
    for issue in table.issues:
        problems.append(Problem(display, issue.line, issue.col, "MUT-V001", "", issue.message,
                                issue.hint))
    header = table.header
    for h in header:
        if h not in MOVE_FIELDS:
            problems.append(_unknown(display, 1, h, MOVE_FIELDS))
    rows = []
    for i, cells in table.rows:
        clean = {k: v for k, v in zip(header, cells, strict=True) if k in MOVE_FIELDS}
        if any(_text(v) for v in clean.values()):
            rows.append((i, clean))
    return rows


def _moves_yaml(path: Path, display: str, problems: list[Problem]) -> list[tuple[int, dict[str, Any]]]:
    data = load_yaml(path, display, problems, REVIEW_INPUT_CODES)
    if data is None:
        return []
    if not isinstance(data, LMap) or not isinstance(data.get("moves"), LSeq):
        problems.append(_p(display, 1, "MUT-V004", "moves", "expected a mapping with a 'moves' list"))
        return []
    for key in sorted(data):
        if key != "moves":
            problems.append(_unknown(display, data.kloc(key).line, key, ("moves",)))
    rows = []
    seq = data["moves"]
    for item, loc in zip(seq, seq.locs, strict=True):
        if not isinstance(item, LMap):
            problems.append(_p(display, loc.line, "MUT-V004", "moves", "each move is a mapping"))
            continue
        rows.append((loc.line, dict(item)))
    return rows


def read_moves(path: Path, display: str | None = None) -> list[ProposedMove]:
    """Moves sorted by id; raises ReviewInputError listing every problem."""
    display = display or str(path)
    problems: list[Problem] = []
    if path.suffix.lower() == ".csv":
        rows = _moves_csv(path, display, problems)
    elif path.suffix.lower() in (".yaml", ".yml"):
        rows = _moves_yaml(path, display, problems)
    else:
        raise ReviewInputError(f"{display}: moves file must be .csv, .yaml or .yml",
                               [_p(display, 1, "MUT-V001", "", "unsupported file type")])
    moves: list[ProposedMove] = []
    seen: dict[str, int] = {}
    for line, raw in rows:
        m = _move(raw, display, line, problems)
        if m is None:
            continue
        if m.id in seen:
            problems.append(_p(display, line, "MUT-V007", "id", f"duplicate move id '{m.id}'",
                               f"first used on line {seen[m.id]}"))
            continue
        seen[m.id] = line
        moves.append(m)
    ids = set(seen)
    for line, raw in rows:
        target = _text(raw.get("cancels_move_id"))
        if target is not None and target in ids and target == _text(raw.get("id")):
            problems.append(_p(display, line, "MUT-V006", "cancels_move_id",
                               "a move cannot cancel itself"))
    if not rows and not problems:
        problems.append(_p(display, 1, "MUT-V004", "moves", "no moves in the file"))
    if problems:
        raise ReviewInputError(f"{display}: {len(problems)} problem(s) in the moves file",
                               problems)
    return sorted(moves, key=lambda m: m.id)


def read_context(path: Path, display: str | None = None) -> ReviewContext:
    """The round's context; raises ReviewInputError listing every problem."""
    display = display or str(path)
    problems: list[Problem] = []
    data = load_yaml(path, display, problems, REVIEW_INPUT_CODES)
    if data is None or not isinstance(data, LMap):
        if not problems:
            problems.append(_p(display, 1, "MUT-V004", "", "expected a mapping of context fields"))
        raise ReviewInputError(f"{display}: cannot read the review context", problems)
    for key in sorted(data):
        if key not in CONTEXT_FIELDS:
            problems.append(_unknown(display, data.kloc(key).line, key, CONTEXT_FIELDS))

    def line(key: str) -> int:
        return data.vloc(key).line

    problems += [replace(p, line=line(p.field)) for p in _scalar_problems(
        data, display, 1, ("decision_date", "signer_kind", "head_inauguration_date",
                           "candidate_determination_date", "term_end_date", "agency_id",
                           "sk_status", "sk_number", "sk_date", "signer_office"))]

    decision_date = _date(data.get("decision_date"), display, line("decision_date"),
                          "decision_date", problems)
    if "decision_date" not in data or data["decision_date"] == "":
        problems.append(_p(display, 1, "MUT-V004", "decision_date", "'decision_date' is required"))
    signer = _text(data.get("signer_kind"))
    if signer is None:
        problems.append(_p(display, 1, "MUT-V004", "signer_kind", "'signer_kind' is required",
                           "one of " + ", ".join(SIGNER_KINDS)))
    elif signer not in SIGNER_KINDS:
        problems.append(_p(display, line("signer_kind"), "MUT-V006", "signer_kind",
                           f"unknown signer kind '{signer}'", "one of " + ", ".join(SIGNER_KINDS)))
    dates = {k: _date(data.get(k), display, line(k), k, problems)
             for k in ("head_inauguration_date", "candidate_determination_date", "term_end_date")}
    docs: list[Document] = []
    raw_docs = data.get("documents")
    if raw_docs is None:  # absent or `documents:` with nothing: a round with no documents
        raw_docs = LSeq()
        raw_docs.locs = []
    if not isinstance(raw_docs, LSeq):
        problems.append(_p(display, line("documents"), "MUT-V004", "documents",
                           "'documents' must be a list"))
        raw_docs = LSeq()
        raw_docs.locs = []
    for item, loc in zip(raw_docs, raw_docs.locs, strict=True):
        if not isinstance(item, LMap):
            problems.append(_p(display, loc.line, "MUT-V004", "documents", "each document is a mapping"))
            continue
        for key in sorted(item):
            if key not in DOC_FIELDS:
                problems.append(_unknown(display, item.kloc(key).line, key, DOC_FIELDS))
        problems += _scalar_problems(item, display, loc.line, ("type", "number", "date", "issuer", "position_id"),
                                     "documents.")
        for key in ("type", "number", "date"):
            if _text(item.get(key)) is None and not isinstance(item.get(key), list | dict):
                problems.append(_p(display, loc.line, "MUT-V004", f"documents.{key}",
                                   f"a document needs '{key}'"))
        d = _date(item.get("date"), display, item.vloc("date").line, "documents.date", problems)
        covers = item.get("covers") or []
        if not isinstance(covers, list) or any(isinstance(c, list | dict) for c in covers):
            problems.append(_p(display, item.vloc("covers").line, "MUT-V006", "documents.covers",
                               "'covers' must be a list of move ids or NIPs"))
            covers = []
        if d is not None and _text(item.get("type")) and _text(item.get("number")):
            docs.append(Document(type=str(item["type"]).strip(), number=str(item["number"]).strip(),
                                 date=d, issuer=_text(item.get("issuer")),
                                 covers=tuple(sorted(str(c) for c in covers)),
                                 position_id=_text(item.get("position_id"))))
    no_election = data.get("no_election_scheduled", False)
    if not isinstance(no_election, bool):
        problems.append(_p(display, line("no_election_scheduled"), "MUT-V006", "no_election_scheduled",
                           "'no_election_scheduled' must be true or false"))
        no_election = False
    elif no_election and dates["candidate_determination_date"] is not None:
        problems.append(_p(display, line("no_election_scheduled"), "MUT-V006", "no_election_scheduled",
                           "'no_election_scheduled: true' contradicts 'candidate_determination_date'"))
    status = _text(data.get("sk_status"))
    if status is not None and status not in SK_STATUSES:
        problems.append(_p(display, line("sk_status"), "MUT-V006", "sk_status",
                           f"unknown SK status '{status}'",
                           suggest(status, SK_STATUSES, "one of draft, issued")))
    sk_date = _date(data.get("sk_date"), display, line("sk_date"), "sk_date", problems)
    if status == "issued" and (_text(data.get("sk_number")) is None or sk_date is None):
        problems.append(_p(display, line("sk_status"), "MUT-V004", "sk_number",
                           "an issued SK needs its 'sk_number' and 'sk_date'"))
    office = _text(data.get("signer_office"))
    if office is not None and office not in vocab.SIGNER_OFFICES:
        problems.append(_p(display, line("signer_office"), "MUT-V006", "signer_office",
                           f"unknown signer office '{office}'",
                           suggest(office, vocab.SIGNER_OFFICES, "one of " + ", ".join(vocab.SIGNER_OFFICES))))
    flags: dict[str, bool | None] = {}
    for key in ("no_recent_inauguration", "signer_is_candidate"):
        v = data.get(key)
        if v is not None and not isinstance(v, bool):
            problems.append(_p(display, line(key), "MUT-V006", key, f"'{key}' must be true or false"))
            v = None
        flags[key] = v
    if flags["no_recent_inauguration"] and dates["head_inauguration_date"] is not None:
        problems.append(_p(display, line("no_recent_inauguration"), "MUT-V006", "no_recent_inauguration",
                           "'no_recent_inauguration: true' contradicts 'head_inauguration_date'"))
    if problems or decision_date is None or signer is None:
        raise ReviewInputError(f"{display}: {len(problems)} problem(s) in the review context",
                               problems)
    return ReviewContext(
        decision_date=decision_date, signer_kind=signer,
        head_inauguration_date=dates["head_inauguration_date"],
        candidate_determination_date=dates["candidate_determination_date"],
        no_election_scheduled=no_election,
        term_end_date=dates["term_end_date"],
        documents=tuple(sorted(docs, key=lambda d: (d.type, d.number, d.date))),
        agency_id=_text(data.get("agency_id")),
        sk_status=status, sk_number=_text(data.get("sk_number")), sk_date=sk_date,
        no_recent_inauguration=bool(flags["no_recent_inauguration"]),
        signer_is_candidate=flags["signer_is_candidate"], signer_office=office,
    )


def read_mapping(path: Path, what: str) -> dict[str, str]:
    """A flat YAML mapping of text -> text (training catalog, conflicts)."""
    problems: list[Problem] = []
    data = load_yaml(path, str(path), problems, REVIEW_INPUT_CODES)
    if not problems and data is not None and not isinstance(data, LMap):
        problems.append(Problem(str(path), 1, 0, "MUT-V004", "", f"{what}: expected a mapping"))
    out: dict[str, str] = {}
    if isinstance(data, LMap):
        for key in sorted(data):
            val = data[key]
            if not isinstance(val, str | int) or isinstance(val, bool) or not str(val).strip():
                problems.append(Problem(str(path), data.vloc(key).line, 0, "MUT-V006", key,
                                        f"{what}: value for '{key}' must be non-empty text"))
                continue
            out[str(key)] = str(val).strip()
    if problems:
        raise ReviewInputError(f"{path}: cannot read the {what}", problems)
    return out
