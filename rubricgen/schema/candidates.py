"""The candidates of an opening, for `build --candidates FILE`: a CSV file
with a `name` column and an optional `date` column (YYYY-MM-DD), or a plain
list of names, one per line.

Each candidate gets a folder named by a slug of their name; names that slug
alike are told apart by `-2`, `-3`, and so on, in file order.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rubricgen.schema.problems import LadderError, Problem

# Folders a level's output already has beside the candidates' folders.
RESERVED = frozenset({"panel", "handouts"})


@dataclass(frozen=True)
class Candidate:
    name: str
    date: str | None
    slug: str


def slug(name: str) -> str:
    """A folder name for `name`: lower case, accents dropped, letters and
    digits of any script kept, everything else a single `-`."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", plain).strip("-") or "candidate"


def read_candidates(path: Path, shown: str) -> list[Candidate]:
    """The candidates in the file at `path` (named `shown` in messages);
    `LadderError` lists every problem, each at its row."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LadderError(
            [Problem(shown, 1, 1, "candidates", "The file is not UTF-8 text; save it as UTF-8.")]
        ) from None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    rows = _csv_rows(text, shown) if "," in first else _name_rows(lines)
    problems = [problem for _, _, problem in rows if problem is not None]
    if not rows and not problems:
        problems.append(
            Problem(
                shown,
                1,
                1,
                "candidates",
                "The file names no candidate; write one name per line, or a CSV file "
                "with a `name` column.",
            )
        )
    if problems:
        raise LadderError(problems)
    taken: set[str] = set(RESERVED)
    candidates = []
    for name, when, _ in rows:
        base = slug(name)
        unique, number = base, 1
        while unique in taken:
            number += 1
            unique = f"{base}-{number}"
        taken.add(unique)
        candidates.append(Candidate(name, when, unique))
    return candidates


Row = tuple[str, str | None, Problem | None]


def _name_rows(lines: list[str]) -> list[Row]:
    return [(line.strip(), None, None) for line in lines if line.strip()]


def _csv_rows(text: str, shown: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().casefold() for cell in next(reader)]
    if "name" not in header:
        return [
            (
                "",
                None,
                Problem(
                    shown,
                    1,
                    1,
                    "header",
                    f"The first row has no `name` column (it has {', '.join(header)}); "
                    "name the column of candidates' names `name`.",
                ),
            )
        ]
    name_at = header.index("name")
    date_at = header.index("date") if "date" in header else None
    rows: list[Row] = []
    for cells in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        name = cells[name_at].strip() if name_at < len(cells) else ""
        if not name:
            problem = Problem(
                shown, number, 1, "name", "The name is empty; write the candidate's name."
            )
            rows.append(("", None, problem))
            continue
        when = cells[date_at].strip() if date_at is not None and date_at < len(cells) else ""
        if when:
            try:
                when = date.fromisoformat(when).isoformat()
            except ValueError:
                problem = Problem(
                    shown,
                    number,
                    1,
                    "date",
                    f"{when!r} is not a date; write it as YYYY-MM-DD, or leave it empty.",
                )
                rows.append((name, None, problem))
                continue
        rows.append((name, when or None, None))
    return rows
