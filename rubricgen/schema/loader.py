"""Load a ladder folder: read every file, validate each, then check across them.

Every problem in every file is collected before anything is reported, so one
run of `rubricgen validate` shows all there is to fix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from rubricgen.paths import display_path
from rubricgen.schema.checks import (
    LoadedLevel,
    check_across_levels,
    check_definitions,
    check_level,
)
from rubricgen.schema.ladder import Ladder
from rubricgen.schema.language import biased_language
from rubricgen.schema.models import LadderFile, LevelFile
from rubricgen.schema.problems import LadderError, Problem
from rubricgen.schema.validation_errors import problems_from
from rubricgen.schema.yaml_reader import SourceMap, read_yaml

LADDER_FILE = "ladder.yaml"

M = TypeVar("M", bound=BaseModel)


@dataclass
class _Read(Generic[M]):
    """One file: its model (None when invalid), where its values were written,
    its problems, and its warnings (biased wording)."""

    model: M | None
    source: SourceMap | None
    problems: list[Problem]
    warnings: list[Problem]


def _read(path: Path, model: type[M]) -> _Read[M]:
    data, source, problems = read_yaml(path, display_path(path))
    if source is None:
        return _Read(None, None, problems, [])
    warnings = biased_language(data, source)
    try:
        return _Read(model.model_validate(data), source, [], warnings)
    except ValidationError as error:
        return _Read(None, source, problems_from(error, model, source), warnings)


def load_ladder(directory: Path) -> Ladder:
    """Read and check the ladder in `directory`; raise `LadderError` listing
    every problem when anything is wrong."""
    ladder_path = directory / LADDER_FILE
    # Anything named ladder.yaml (a folder, a pipe) is read, and refused by name.
    if not os.path.lexists(ladder_path):
        raise LadderError(
            [
                Problem(
                    display_path(directory),
                    1,
                    1,
                    "",
                    f"No {LADDER_FILE} here: a ladder folder holds {LADDER_FILE} (the "
                    "shared definitions) and one YAML file per level. Point "
                    "--levels-dir at such a folder.",
                )
            ]
        )
    read = _read(ladder_path, LadderFile)
    defs, defs_source = read.model, read.source
    stems, problems = _level_files(directory, defs, defs_source)
    problems = read.problems + problems
    warnings = list(read.warnings)

    loaded: list[LoadedLevel] = []
    for stem in list(defs.levels) if defs else stems:
        if stem not in stems:
            continue
        read_level = _read(directory / f"{stem}.yaml", LevelFile)
        problems += read_level.problems
        warnings += read_level.warnings
        if read_level.model is not None and read_level.source is not None:
            loaded.append(LoadedLevel(read_level.model, read_level.source, stem))

    if defs is not None and defs_source is not None:
        problems += check_definitions(defs, defs_source)
        tracks_seen: set[str | None] = set()
        for item in loaded:
            # Levels load in ladder order, so the first of a track is its lowest.
            lowest = item.level.track not in tracks_seen
            tracks_seen.add(item.level.track)
            problems += check_level(item, defs, lowest=lowest)
    problems += check_across_levels(loaded)

    if problems or defs is None:
        raise LadderError(problems)
    return Ladder(defs, tuple(item.level for item in loaded), directory, tuple(sorted(warnings)))


def listed_levels(directory: Path) -> list[str]:
    """The level ids `ladder.yaml` in `directory` lists, read without checking
    anything else (for an example in a help text, where a ladder with a
    mistake must not get in the way): empty when there are none to read."""
    path = directory / LADDER_FILE
    if not path.is_file():
        return []
    data, _, _ = read_yaml(path, display_path(path))
    levels = data.get("levels") if isinstance(data, dict) else None
    return [str(level) for level in levels] if isinstance(levels, list) else []


def _level_files(
    directory: Path, defs: LadderFile | None, source: SourceMap | None
) -> tuple[list[str], list[Problem]]:
    """The level files present (their names without `.yaml`), and the problems
    of the file set: a `.yml` file, a level without a file, a file not listed."""
    try:
        present = sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"})
    except OSError as error:
        message = f"The folder cannot be listed ({error.strerror}); check that you may read it."
        return [], [Problem(display_path(directory), 1, 1, "", message)]
    problems = [
        Problem(
            display_path(path),
            1,
            1,
            "",
            f"Level files end in .yaml; rename this file to {path.stem}.yaml.",
        )
        for path in present
        if path.suffix == ".yml"
    ]
    stems = [p.stem for p in present if p.suffix == ".yaml" and p.name != LADDER_FILE]
    if defs is None or source is None:
        return stems, problems
    for index, level_id in enumerate(defs.levels):
        if level_id not in stems:
            problems.append(
                source.problem(
                    ("levels", index),
                    f"There is no file {level_id}.yaml for the level `{level_id}`; "
                    "create it, or remove the level from this list.",
                )
            )
    for stem in stems:
        if stem not in defs.levels:
            problems.append(
                source.problem(
                    ("levels",),
                    f"The file {stem}.yaml is not listed here; add `{stem}` to "
                    "`levels` where it belongs in the order, or remove the file.",
                    key=True,
                )
            )
    return stems, problems
