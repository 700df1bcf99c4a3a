"""Reading filled scorecards for `rubricgen debrief`: interview packets filled
as PDF forms, or a CSV typed from paper scorecards, checked against the level
they are for. Every problem is reported at once, each naming its file (and a
CSV's row and column); nothing is read past a file that is not a scorecard.

A packet is recognised by its document information (written by `build`):
`/RubricgenKind` is `panel-packet`, and `/RubricgenLevel`,
`/RubricgenInterview`, `/RubricgenLadderVersion`, `/RubricgenSeed`,
`/RubricgenCandidate` and `/RubricgenDate` say what it is for (empty when
unset). Its form fields: a radio group `rating:<competency>` (the ratings
`1`..`N`, or `na`), `recommendation` (a recommendation id), and text fields
`interviewer`, `evidence` and `notes:<question>`.

A CSV has a header row naming the columns `interview`, `competency` and
`rating`, and optionally `interviewer`; then one row per rating. A row whose
competency is `recommendation` gives that interview's recommendation id in
its rating column. An empty rating means the interviewer left it unset.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rubricgen.paths import display_path
from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.schema.problems import LadderError, Problem

NOT_ASSESSED = "na"
RECOMMENDATION_ROW = "recommendation"
CSV_COLUMNS = ("interview", "competency", "rating")
OPTIONAL_CSV_COLUMNS = ("interviewer",)
INFO_KEYS = ("Kind", "Level", "Interview", "LadderVersion", "Seed", "Candidate", "Date")
RADIO = 1 << 15  # the radio flag of a button field's /Ff


@dataclass
class Scorecard:
    """One interview's scorecard, as its interviewer filled it in."""

    source: str  # the file it came from, as shown to the person
    interview: str
    ratings: dict[str, str | None]  # competency id -> "1".."N", "na", or None (unset)
    recommendation: str | None = None
    interviewer: str | None = None
    evidence: str | None = None
    notes: dict[str, str] = field(default_factory=dict)  # question id -> text
    candidate: str | None = None
    date: str | None = None
    seed: int | None = None
    from_packet: bool = True


@dataclass
class _Reading:
    """What the files say so far, and what is wrong with them."""

    ladder: Ladder
    level: LevelFile
    cards: list[Scorecard] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def refuse(self, source: str, message: str, line: int = 1, column: int = 1) -> None:
        self.problems.append(Problem(source, line, column, "scorecard", message))

    @property
    def loop(self) -> dict[str, list[str]]:
        return {entry.interview: list(entry.competencies) for entry in self.level.loop}

    def rating_values(self) -> list[str]:
        return [str(p.rating) for p in self.ladder.definitions.rating_scale] + [NOT_ASSESSED]

    def recommendation_ids(self) -> list[str]:
        return [o.id for o in self.ladder.definitions.recommendation_scale]


def read_scorecards(ladder: Ladder, level: LevelFile, files: Sequence[Path]) -> list[Scorecard]:
    """The scorecards in `files` (packet PDFs, or CSVs ending `.csv`), checked
    against `level`: `LadderError` names every file that does not fit."""
    reading = _Reading(ladder, level)
    for path in files:
        source = display_path(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            reading.refuse(source, f"Cannot read this file ({error.strerror}).")
            continue
        if path.suffix.lower() == ".csv":
            _read_csv(reading, source, data)
        else:
            _read_packet(reading, source, data)
    _check_together(reading)
    if reading.problems:
        raise LadderError(reading.problems)
    return reading.cards


def _read_packet(reading: _Reading, source: str, data: bytes) -> None:
    not_packet = (
        "This is not a filled interview packet; give the packets' PDF files "
        "(panel/NN-<interview>.pdf) or a CSV of paper scorecards ending in .csv."
    )
    if not data.startswith(b"%PDF-"):
        reading.refuse(source, not_packet)
        return
    try:
        info, fields = _read_pdf(data)
    except Exception:  # pypdf raises many kinds of error on a damaged file
        reading.refuse(source, "This PDF cannot be read; it may be damaged. " + not_packet)
        return
    if info.get("Kind") != "panel-packet":
        reading.refuse(source, not_packet)
        return
    level = reading.level
    if info.get("Level") != level.id:
        reading.refuse(
            source,
            f"This is a packet of the level {info.get('Level')!r}, not {level.id!r}; leave it "
            f"out, or run `rubricgen debrief --level {info.get('Level')}` for it.",
        )
        return
    version = reading.ladder.definitions.ladder.version
    if info.get("LadderVersion") != version:
        reading.refuse(
            source,
            f"This packet was made from version {info.get('LadderVersion')!r} of the ladder, "
            f"and the ladder in use is version {version!r}; use the ladder the packets "
            "were built from (--levels-dir).",
        )
        return
    interview = info.get("Interview") or ""
    if interview not in reading.loop:
        reading.refuse(
            source,
            f"This packet is for the interview {interview!r}, which the {level.id} loop does "
            f"not have; its interviews are {', '.join(reading.loop)}.",
        )
        return
    card = Scorecard(
        source=source,
        interview=interview,
        ratings={c: None for c in reading.loop[interview]},
        candidate=info.get("Candidate") or None,
        date=info.get("Date") or None,
        seed=int(info["Seed"]) if (info.get("Seed") or "").isdigit() else None,
    )
    _fill_from_fields(reading, card, fields)
    reading.cards.append(card)


def _fill_from_fields(reading: _Reading, card: Scorecard, fields: dict[str, str | None]) -> None:
    owned = reading.loop[card.interview]
    for name, value in fields.items():
        kind, _, key = name.partition(":")
        if kind == "rating":
            if key not in owned:
                reading.refuse(
                    card.source,
                    f"The field {name!r} rates a competency the {card.interview} interview "
                    "does not own at this level: the packet comes from another ladder; "
                    "rebuild the packets from this one.",
                )
            elif value is not None and value not in reading.rating_values():
                reading.refuse(
                    card.source,
                    f"The field {name!r} holds {value!r}; a rating is one of "
                    f"{', '.join(reading.rating_values())}.",
                )
            else:
                card.ratings[key] = value
        elif kind == "notes" and value:
            card.notes[key] = value
        elif name == "recommendation":
            if value is not None and value not in reading.recommendation_ids():
                reading.refuse(
                    card.source,
                    f"The recommendation {value!r} is not on the ladder's scale; it is one of "
                    f"{', '.join(reading.recommendation_ids())}.",
                )
            card.recommendation = value
        elif name == "interviewer":
            card.interviewer = value
        elif name == "evidence":
            card.evidence = value


def _read_pdf(data: bytes) -> tuple[dict[str, str], dict[str, str | None]]:
    """The packet's `/Rubricgen...` document information (keys without the
    prefix) and its form fields' values."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    metadata: Any = reader.metadata or {}
    info = {key: str(metadata.get(f"/Rubricgen{key}", "")) for key in INFO_KEYS}
    root: Any = reader.trailer["/Root"]
    form = root.get("/AcroForm")
    values: dict[str, str | None] = {}
    if form is not None:
        for top in form.get_object().get("/Fields", []):
            _visit(top.get_object(), "", values)
    return info, values


def _visit(node: Any, prefix: str, values: dict[str, str | None]) -> None:
    """Collect the value of the field `node` and of the fields under it."""
    if "/Parent" in node and not prefix:
        return  # a widget also listed on its own; read through its group
    name = str(node.get("/T", ""))
    full = f"{prefix}.{name}" if prefix and name else name or prefix
    kids = [kid.get_object() for kid in node.get("/Kids", [])]
    is_radio = node.get("/FT") == "/Btn" and int(node.get("/Ff", 0)) & RADIO
    if kids and not is_radio and any("/T" in kid for kid in kids):
        for kid in kids:
            _visit(kid, full, values)
        return
    values[full] = _radio_value(node, kids) if is_radio else _text_value(node)


def _text_value(node: Any) -> str | None:
    value = node.get("/V")
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _radio_value(node: Any, kids: list[Any]) -> str | None:
    """The option chosen in a radio group. A widget's "on" state is either the
    option itself or, when the group lists its options under /Opt, the
    widget's place in that list; a reader may also leave /V off and set only
    the chosen widget's /AS."""
    widgets = kids or [node]
    options = [str(option) for option in node.get("/Opt", [])]
    meaning = {}
    for index, widget in enumerate(widgets):
        appearances = widget.get("/AP", {}).get("/N", {})
        for state in (str(s) for s in appearances):
            if state != "/Off":
                meaning[state] = options[index] if index < len(options) else state[1:]
    chosen = str(node.get("/V", "/Off"))
    if chosen == "/Off":
        chosen = next(
            (str(w["/AS"]) for w in widgets if str(w.get("/AS", "/Off")) != "/Off"), "/Off"
        )
    if chosen == "/Off":
        return None
    return meaning.get(chosen, chosen.lstrip("/"))


def _read_csv(reading: _Reading, source: str, data: bytes) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        reading.refuse(source, "This CSV is not UTF-8 text; save it as UTF-8 and try again.")
        return
    rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    missing = [c for c in CSV_COLUMNS if c not in header]
    unknown = [c for c in header if c not in (*CSV_COLUMNS, *OPTIONAL_CSV_COLUMNS)]
    if missing or unknown:
        reading.refuse(
            source,
            "The first row must name the columns interview, competency and rating (and "
            "optionally interviewer)"
            + (f"; {', '.join(missing)} missing" if missing else "")
            + (f"; {', '.join(unknown)} unknown" if unknown else "")
            + ".",
        )
        return
    table = _CsvTable(reading, source, {name: header.index(name) for name in header})
    for number, row in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in row):
            table.read_row(number, row)
    reading.cards += table.cards.values()


@dataclass
class _CsvTable:
    """A CSV of paper scorecards, read a row at a time into one scorecard per
    interview."""

    reading: _Reading
    source: str
    column: dict[str, int]
    cards: dict[str, Scorecard] = field(default_factory=dict)
    rated: set[tuple[str, str]] = field(default_factory=set)

    def refuse(self, number: int, name: str, message: str) -> None:
        self.reading.refuse(self.source, message, number, self.column[name] + 1)

    def read_row(self, number: int, row: list[str]) -> None:
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in self.column.items()}
        interview, competency = cells["interview"], cells["competency"]
        loop = self.reading.loop
        if interview not in loop:
            self.refuse(
                number,
                "interview",
                f"No interview {interview!r} in the {self.reading.level.id} loop; write one "
                f"of {', '.join(loop)}.",
            )
            return
        card = self.cards.setdefault(
            interview,
            Scorecard(
                source=self.source,
                interview=interview,
                ratings={c: None for c in loop[interview]},
                from_packet=False,
            ),
        )
        interviewer = cells.get("interviewer") or None
        if interviewer and card.interviewer and interviewer != card.interviewer:
            self.refuse(
                number,
                "interviewer",
                f"The {interview} interview was rated by {card.interviewer!r} on an earlier "
                "row; one interviewer per interview.",
            )
        card.interviewer = card.interviewer or interviewer
        if competency == RECOMMENDATION_ROW:
            self.recommendation(number, card, cells["rating"])
        else:
            self.rating(number, card, competency, cells["rating"])

    def recommendation(self, number: int, card: Scorecard, value: str) -> None:
        ids = self.reading.recommendation_ids()
        if value and value not in ids:
            self.refuse(
                number,
                "rating",
                f"{value!r} is not a recommendation; write one of {', '.join(ids)}.",
            )
        elif (card.interview, RECOMMENDATION_ROW) in self.rated:
            self.refuse(
                number, "competency", f"A second recommendation for the {card.interview} interview."
            )
        else:
            card.recommendation = value or None
            self.rated.add((card.interview, RECOMMENDATION_ROW))

    def rating(self, number: int, card: Scorecard, competency: str, value: str) -> None:
        values = self.reading.rating_values()
        if competency not in card.ratings:
            self.refuse(
                number,
                "competency",
                f"The {card.interview} interview does not rate {competency!r} at this level; "
                f"it rates {', '.join(card.ratings)} (or write {RECOMMENDATION_ROW} for its "
                "recommendation).",
            )
        elif value and value not in values:
            self.refuse(
                number,
                "rating",
                f"{value!r} is not a rating; write one of {', '.join(values)}, or leave it "
                "empty if the interviewer did not rate it.",
            )
        elif (card.interview, competency) in self.rated:
            self.refuse(
                number,
                "competency",
                f"A second rating of {competency!r} by the {card.interview} interview.",
            )
        else:
            card.ratings[competency] = value or None
            self.rated.add((card.interview, competency))


def _check_together(reading: _Reading) -> None:
    """One scorecard per interview, and every packet of one candidate and one
    opening (the date may differ: a loop may run over two days)."""
    by_interview: dict[str, Scorecard] = {}
    for card in reading.cards:
        first = by_interview.setdefault(card.interview, card)
        if first is not card:
            reading.refuse(
                card.source,
                f"A second scorecard for the {card.interview} interview (the first is in "
                f"{first.source}); give one per interview.",
            )
    packets = [card for card in reading.cards if card.from_packet]
    if not packets:
        return
    first = packets[0]
    for card in packets[1:]:
        if card.candidate != first.candidate:
            reading.refuse(
                card.source,
                f"This packet is for the candidate {_named(card.candidate)}, and "
                f"{first.source} is for {_named(first.candidate)}; give the packets of one "
                "candidate.",
            )
        elif card.seed != first.seed:
            reading.refuse(
                card.source,
                f"This packet was built with {_seeded(card.seed)}, and {first.source} with "
                f"{_seeded(first.seed)}: it belongs to another opening.",
            )


def _named(candidate: str | None) -> str:
    return repr(candidate) if candidate else "no one named"


def _seeded(seed: int | None) -> str:
    return f"seed {seed}" if seed is not None else "no seed"
