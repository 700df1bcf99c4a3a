"""The spreadsheet layout, both ways: a grid of cells to the data of a ladder
folder (`from_grid`), and a loaded ladder to a grid (`to_grid`).

Import keeps each cell's text as it is (a bulleted cell stays text whose lines
start with `- `), so that exporting an imported ladder gives back every cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rubricgen.schema.ladder import ALL_LEVELS, Ladder
from rubricgen.schema.models.base import Prose, to_id
from rubricgen.schema.problems import LadderError, Problem
from rubricgen.spreadsheet.cells import CONTROL, Grid, cell_problem

# The fixed columns, by their heading in lower case, in the order export writes them.
FIXED = {"area": "Area", "competency": "Competency", "description": "Description"}
BASELINE = "All levels"
MAX_TEXT = 4000
MAX_LINE = 200
MAX_LEVELS = 30
MAX_COMPETENCIES = 60


@dataclass
class Imported:
    """What a spreadsheet says: ladder.yaml's data, and each level's file's."""

    ladder: dict[str, Any]
    levels: list[dict[str, Any]]


@dataclass
class _Reader:
    """Reads one grid, collecting every problem before giving up."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, row: int, column: int, message: str) -> None:
        self.problems.append(cell_problem(self.file, row, column, message))

    def text(self, row: int, column: int, raw: str, limit: int) -> str:
        """A cell's text, line breaks made `\\n`, white space trimmed; a problem
        when it holds a control character or is too long."""
        text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
        if CONTROL.search(text):
            self.problem(
                row,
                column,
                "This cell holds a control character, which no document can print; "
                "retype the cell's text.",
            )
        if len(text) > limit:
            self.problem(
                row,
                column,
                f"This cell has {len(text):,} characters, more than the {limit:,} "
                "allowed here; shorten it.",
            )
        if limit == MAX_LINE and "\n" in text:
            self.problem(row, column, "Write this name on one line.")
        return text


def from_grid(grid: Grid, file: str, name: str, *, fixed_width: bool) -> Imported:
    """The ladder a grid holds; `LadderError` listing every problem otherwise.
    `name` is the ladder's name; `fixed_width` refuses rows shorter than the
    header (a CSV row that lost a separator)."""
    reader = _Reader(file)
    rows = [
        (number, row) for number, row in enumerate(grid, start=1) if any(c.strip() for c in row)
    ]
    if not rows or rows[0][0] != 1:
        reader.problem(
            1,
            1,
            "The first row must hold the column headings: Competency (and, if you "
            "like, Area, Description and All levels), then one column per level, lowest "
            "first, headed by the level's title.",
        )
        raise LadderError(reader.problems)
    columns = _header(reader, rows[0][1])
    if reader.problems:
        raise LadderError(reader.problems)
    competencies, expectations = _rows(reader, rows[1:], columns, fixed_width=fixed_width)
    levels = _levels(reader, columns, expectations)
    if reader.problems:
        raise LadderError(reader.problems)
    areas: dict[str, str] = {}
    for competency in competencies:
        if "area" in competency:
            areas.setdefault(competency["area"], competency.pop("area_name"))
    ladder: dict[str, Any] = {
        "ladder": {"name": name},
        "levels": [level["id"] for level in levels],
    }
    if areas:
        ladder["areas"] = [{"id": id_, "name": area} for id_, area in areas.items()]
    ladder["competencies"] = competencies
    return Imported(ladder, levels)


@dataclass
class _Columns:
    fixed: dict[str, int]
    """The fixed columns' keys (`area`, `competency`, ...) and positions (0-based)."""
    levels: list[tuple[int, str, str]]
    """Each level's column (0-based), id and title."""
    width: int


def _header(reader: _Reader, header: list[str]) -> _Columns:
    cells = [reader.text(1, c, raw, MAX_LINE) for c, raw in enumerate(header, start=1)]
    while cells and not cells[-1]:
        cells.pop()
    fixed: dict[str, int] = {}
    levels: list[tuple[int, str, str]] = []
    level_ids: dict[str, int] = {}
    known = {**{k: k for k in FIXED}, BASELINE.lower(): "baseline"}
    for index, title in enumerate(cells):
        column = index + 1
        key = known.get(title.lower())
        if key is not None:
            if levels:
                reader.problem(
                    1,
                    column,
                    f"Move the column `{title}` before the level columns: they come last, "
                    "lowest level first.",
                )
            elif key in fixed:
                reader.problem(1, column, f"There are two `{title}` columns; keep one.")
            fixed[key] = index
            continue
        if not title:
            reader.problem(
                1, column, "This column has no heading: write the title of its level, or delete it."
            )
            continue
        same = next((id_ for _, id_, other in levels if other == title), None)
        level_id = same or to_id(title) or f"level-{len(levels) + 1}"
        if level_id == ALL_LEVELS:
            reader.problem(
                1,
                column,
                f"The title `{title}` gives the id `{ALL_LEVELS}`, which means every level on "
                "the command line; give the level another title.",
            )
        elif level_id in level_ids:
            reader.problem(
                1,
                column,
                f"`{title}` gives the level id `{level_id}`, as column "
                f"{level_ids[level_id] + 1} does; give each level its own title.",
            )
        level_ids.setdefault(level_id, index)
        levels.append((index, level_id, title))
    if "competency" not in fixed:
        reader.problem(
            1,
            1,
            "No `Competency` column: add one, holding each competency's name, before the "
            "level columns.",
        )
    if not levels:
        reader.problem(
            1,
            len(cells) + 1,
            "No level column: after the fixed columns, add one column per level, lowest "
            "first, headed by the level's title.",
        )
    elif len(levels) > MAX_LEVELS:
        reader.problem(
            1, levels[MAX_LEVELS][0] + 1, f"A ladder has at most {MAX_LEVELS} levels; remove some."
        )
    return _Columns(fixed, levels, len(cells))


def _rows(
    reader: _Reader, rows: list[tuple[int, list[str]]], columns: _Columns, *, fixed_width: bool
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Each row's competency, and each level's expectations, in row order."""
    competencies: list[dict[str, Any]] = []
    expectations: dict[str, list[dict[str, Any]]] = {id_: [] for _, id_, _ in columns.levels}
    seen = _Seen()
    for number, row in rows:
        if not _fits(reader, number, row, columns.width, fixed_width=fixed_width):
            continue
        competency = _competency(reader, number, row, columns, seen)
        if competency is None:
            continue
        competencies.append(competency)
        for index, level_id, _ in columns.levels:
            raw = row[index] if index < len(row) else ""
            if text := reader.text(number, index + 1, raw, MAX_TEXT):
                expectations[level_id].append({"competency": competency["id"], "expectation": text})
    return competencies, expectations


@dataclass
class _Seen:
    """The competencies and areas of the rows read so far."""

    rows: dict[str, int] = field(default_factory=dict)
    """Each competency id, and the row that gave it."""
    names: dict[str, str] = field(default_factory=dict)
    """Each competency name, and its id."""
    areas: dict[str, str] = field(default_factory=dict)
    """Each area id, and the name that gave it."""


def _competency(
    reader: _Reader, number: int, row: list[str], columns: _Columns, seen: _Seen
) -> dict[str, Any] | None:
    """The competency one row defines; None, with a problem, when it defines none."""

    def cell(key: str, limit: int = MAX_TEXT) -> str:
        index = columns.fixed.get(key)
        if index is None or index >= len(row):
            return ""
        return reader.text(number, index + 1, row[index], limit)

    name_column = columns.fixed["competency"] + 1
    name = cell("competency", MAX_LINE)
    if not name:
        reader.problem(
            number,
            name_column,
            "This row has text but no competency: write the competency's name here, "
            "or delete the row.",
        )
        return None
    if len(seen.rows) == MAX_COMPETENCIES:
        reader.problem(
            number, name_column, f"A ladder has at most {MAX_COMPETENCIES} competencies."
        )
        return None
    # A name with no letter or digit to make an id of (a name in Chinese, say)
    # gets a numbered id; the same name twice is still the same id.
    competency_id = seen.names.get(name) or to_id(name) or f"competency-{len(seen.rows) + 1}"
    if competency_id in seen.rows:
        reader.problem(
            number,
            name_column,
            f"`{name}` gives the competency id `{competency_id}`, as row "
            f"{seen.rows[competency_id]} does; give each competency its own name, in one row.",
        )
        return None
    seen.rows[competency_id] = number
    seen.names[name] = competency_id
    competency: dict[str, Any] = {"id": competency_id, "name": name}
    if area := cell("area", MAX_LINE):
        known = next((id_ for id_, other in seen.areas.items() if other == area), None)
        area_id = known or to_id(area) or f"area-{len(seen.areas) + 1}"
        if seen.areas.setdefault(area_id, area) != area:
            reader.problem(
                number,
                columns.fixed["area"] + 1,
                f"`{area}` and `{seen.areas[area_id]}` make the same area id "
                f"`{area_id}`; write the area's name the same way in every row.",
            )
        competency["area"] = area_id
        competency["area_name"] = area
    for key in ("description", "baseline"):
        if text := cell(key):
            competency[key] = text
    return competency


def _fits(reader: _Reader, number: int, row: list[str], width: int, *, fixed_width: bool) -> bool:
    """A row fits under the header: no text past its last column and, in a
    CSV, no cell missing."""
    beyond = [c for c in range(width + 1, len(row) + 1) if row[c - 1].strip()]
    if beyond:
        reader.problem(
            number,
            beyond[0],
            f"This cell is outside the table (the header has {width} columns); give its "
            "column a heading, or move the text into the table.",
        )
        return False
    if fixed_width and len(row) < width:
        reader.problem(
            number,
            len(row) + 1,
            f"This row has {len(row)} cells and the header {width}: a separator is "
            "missing. Add the missing cells (they may be empty).",
        )
        return False
    return True


def _levels(
    reader: _Reader, columns: _Columns, expectations: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    levels = []
    for index, level_id, title in columns.levels:
        if not expectations[level_id]:
            reader.problem(
                1,
                index + 1,
                f"No row gives an expectation for `{title}`; fill in at least one of its "
                "cells, or delete the column.",
            )
        levels.append({"id": level_id, "title": title, "competencies": expectations[level_id]})
    return levels


def ladder_name(stem: str) -> str:
    """A ladder's name from its file's: `engineering_ladder` → `Engineering ladder`."""
    words = " ".join(re.split(r"[-_\s]+", stem)).strip()
    return (words[:1].upper() + words[1:]) if words else "Career ladder"


def cell_text(value: Prose | None) -> str:
    """Level text as one cell: a list becomes `- item` lines."""
    if value is None:
        return ""
    return value if isinstance(value, str) else "\n".join(f"- {item}" for item in value)


def to_grid(ladder: Ladder) -> Grid:
    """The ladder in the layout: only the columns it has a use for, then a
    column per level in ladder order."""
    competencies = ladder.definitions.competencies
    columns: list[tuple[str, Any]] = []
    if any(c.area for c in competencies):
        columns.append((FIXED["area"], lambda c: ladder.area_name(c.area) or ""))
    columns.append((FIXED["competency"], lambda c: c.name))
    if any(c.description for c in competencies):
        columns.append((FIXED["description"], lambda c: cell_text(c.description)))
    if any(c.baseline for c in competencies):
        columns.append((BASELINE, lambda c: cell_text(c.baseline)))
    grid = [[heading for heading, _ in columns] + [level.name for level in ladder.levels]]
    for competency in competencies:
        row = [value(competency) for _, value in columns]
        for level in ladder.levels:
            assessed = next((a for a in level.competencies if a.competency == competency.id), None)
            row.append(cell_text(assessed.expectation) if assessed else "")
        grid.append(row)
    return grid


def left_out(ladder: Ladder) -> list[str]:
    """What the ladder holds that the layout has no place for."""
    defs, levels = ladder.definitions, ladder.levels
    assessed = [a for level in levels for a in level.competencies]
    checks = [
        ("the ladder's details (name, version, owner, date)", True),
        ("tracks", bool(defs.tracks)),
        ("`cumulative`", defs.cumulative),
        ("what each competency is not", any(c.is_not for c in defs.competencies)),
        ("level codes", any(level.code for level in levels)),
        ("aliases", any(level.aliases for level in levels)),
        (
            "level summaries, scope and impact",
            any(level.summary or level.scope or level.impact for level in levels),
        ),
        ("weights", any(a.weight is not None for a in assessed)),
        ("promotion blocks", any(a.promotion for a in assessed)),
        ("rating anchors", any(a.anchors for a in assessed)),
        ("questions", any(a.questions for a in assessed)),
        ("interview loops", any(level.loop for level in levels)),
        ("decision rules", any(level.decision_rule for level in levels)),
        ("reference-check questions", any(level.reference_check for level in levels)),
        (
            "the scales, interviews and guides of ladder.yaml",
            bool(defs.rating_scale or defs.recommendation_scale or defs.interviews)
            or defs.promotion_guide is not None,
        ),
    ]
    return [what for what, present in checks if present]
