"""`import` and `export`: a spreadsheet to a ladder folder, and back.

Import writes the whole folder beside its target, checks it as `validate`
would, and only then moves it into place: on any problem nothing is written.
It never writes into a folder that holds anything.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from rubricgen.paths import display_path
from rubricgen.schema import Ladder, LadderError, Problem, load_ladder
from rubricgen.schema.json_schema import SCHEMAS, file_name, json_schema
from rubricgen.spreadsheet.cells import read_grid, write_csv, write_xlsx
from rubricgen.spreadsheet.layout import from_grid, ladder_name, left_out, to_grid

SCHEMA_LINE = "# yaml-language-server: $schema=schema/{}.schema.json\n"


def import_spreadsheet(source: Path, directory: Path) -> list[Path]:
    """Write the ladder in the spreadsheet `source` into the new folder
    `directory`; the files written. `LadderError` when the spreadsheet is
    wrong or the folder already holds files: then nothing is written."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise LadderError(
            [
                Problem(
                    display_path(directory),
                    1,
                    1,
                    "",
                    "This folder already exists and is not empty; import writes a new "
                    "ladder folder and never overwrites one. Choose another folder, or "
                    "remove this one first.",
                )
            ]
        )
    grid, fixed_width = read_grid(source)
    imported = from_grid(
        grid, display_path(source), ladder_name(source.stem), fixed_width=fixed_width
    )
    note = "# Written by `rubricgen import` from a spreadsheet.\n"
    files = {"ladder.yaml": SCHEMA_LINE.format("ladder") + note + _yaml(imported.ladder)}
    for level in imported.levels:
        files[f"{level['id']}.yaml"] = SCHEMA_LINE.format("level") + _yaml(level)
    for name in SCHEMAS:
        files[f"schema/{file_name(name)}"] = json_schema(name)
    return _write_folder(files, directory)


def _write_folder(files: dict[str, str], directory: Path) -> list[Path]:
    """Write `files` into a folder beside `directory`, check that it loads,
    then give it `directory`'s name."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    try:
        for name, text in files.items():
            target = staging / name
            target.parent.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
        # The layout's checks should leave nothing for the loader to find; if
        # they missed something, say so rather than write a broken ladder.
        load_ladder(staging)
        mask = os.umask(0)
        os.umask(mask)
        staging.chmod(0o777 & ~mask)
        if directory.exists():
            directory.rmdir()  # empty: checked above
        staging.rename(directory)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return [directory / name for name in files]


def _yaml(data: dict[str, Any]) -> str:
    """`data` as YAML a person edits: text with line breaks as `|` blocks."""
    yaml = YAML(typ="rt")
    yaml.width = 88
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(_commented(data), out)
    return out.getvalue()


def _commented(value: Any) -> Any:
    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def export_spreadsheet(ladder: Ladder, target: Path, kind: str) -> list[str]:
    """Write `ladder` to `target` as a `kind` (csv or xlsx) spreadsheet; what
    the layout left out. Refuses to replace an existing file."""
    if target.exists():
        raise LadderError(
            [
                Problem(
                    display_path(target),
                    1,
                    1,
                    "",
                    "This file already exists; export never overwrites one. Choose another "
                    "name, or remove it first.",
                )
            ]
        )
    grid = to_grid(ladder)
    data = write_csv(grid) if kind == "csv" else write_xlsx(grid, ladder.definitions.ladder.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.partial")
    staged.write_bytes(data)
    staged.replace(target)
    return left_out(ladder)
