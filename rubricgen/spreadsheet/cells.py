"""Spreadsheet files as grids of text: CSV and XLSX read within limits, and
written so that no cell becomes a live formula.

Every refusal is a `Problem` at the row and column to look at, so that a
person can find it in their spreadsheet program.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any, NoReturn

from rubricgen.paths import display_path
from rubricgen.schema.problems import LadderError, Problem, position

Grid = list[list[str]]

FORMATS = ("csv", "xlsx")
# A ladder's spreadsheet is a few hundred kilobytes; these bounds stop a huge
# file, or a small XLSX that unpacks to gigabytes, before it is parsed.
MAX_FILE_BYTES = 5_000_000
MAX_UNPACKED_BYTES = 50_000_000
MAX_ROWS = 500
MAX_COLUMNS = 64

# What a spreadsheet program reads as the start of a formula (or, for tab and
# carriage return, what it may drop before one).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters other than tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def cell_name(row: int, column: int) -> str:
    """`C5` for row 5, column 3: how a spreadsheet program names the cell."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def cell_problem(file: str, row: int, column: int, message: str) -> Problem:
    return Problem(file, row, column, cell_name(row, column), message)


def refuse(file: str, row: int, column: int, message: str) -> NoReturn:
    raise LadderError([cell_problem(file, row, column, message)])


def _needs_guard(text: str) -> bool:
    """Whether `text` would be read as a formula, or is a guarded text that a
    guard would be taken off (so that guarding can always be undone)."""
    return text.startswith(_FORMULA_START) or (text.startswith("'") and _needs_guard(text[1:]))


def guard(text: str) -> str:
    """A CSV cell that a spreadsheet program shows as the text, not a formula."""
    return "'" + text if _needs_guard(text) else text


def unguard(text: str) -> str:
    """The text a guarded CSV cell holds: `guard`, undone."""
    return text[1:] if text.startswith("'") and _needs_guard(text[1:]) else text


def read_grid(path: Path) -> tuple[Grid, bool]:
    """The cells of a CSV file or of an XLSX workbook's first sheet, as text,
    and whether rows must all be as long as the header (CSV: a short row is a
    lost separator; XLSX leaves trailing empty cells out)."""
    file = display_path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        refuse(
            file,
            1,
            1,
            "import reads a .csv file (UTF-8) or an .xlsx workbook; save the spreadsheet "
            "as one of them.",
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        refuse(
            file,
            1,
            1,
            f"The file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a ladder's "
            "spreadsheet may have; remove what is not part of the ladder.",
        )
    if kind == "csv":
        return _read_csv(path.read_bytes(), file), True
    return _read_xlsx(path, file), False


def _check_size(file: str, rows: int, row: list[Any]) -> None:
    if rows > MAX_ROWS:
        refuse(
            file,
            rows,
            1,
            f"The sheet has more than {MAX_ROWS} rows; a ladder has one row per "
            "competency. Remove the rows that are not part of it.",
        )
    beyond = [i for i, value in enumerate(row[MAX_COLUMNS:], MAX_COLUMNS + 1) if value]
    if beyond:
        refuse(
            file,
            rows,
            beyond[0],
            f"The sheet has more than {MAX_COLUMNS} columns; a ladder has a few fixed "
            "columns and one per level. Remove the columns that are not part of it.",
        )


def _read_csv(raw: bytes, file: str) -> Grid:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = position(raw, error.start)
        raise LadderError(
            [
                Problem(
                    file,
                    line,
                    column,
                    "",
                    'The file is not UTF-8 text; save it again as "CSV UTF-8" from your '
                    "spreadsheet program.",
                )
            ]
        ) from None
    grid: Grid = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            _check_size(file, len(grid) + 1, row)
            grid.append([unguard(cell) for cell in row])
    except csv.Error as error:
        refuse(
            file,
            len(grid) + 1,
            1,
            f"This row cannot be read as CSV ({error}); check its quotes: a cell that "
            'holds a quote or a line break is written in double quotes, and a quote in it as "".',
        )
    return grid


def _read_xlsx(path: Path, file: str) -> Grid:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        refuse(file, 1, 1, _NOT_A_WORKBOOK)
    if unpacked > MAX_UNPACKED_BYTES:
        refuse(
            file,
            1,
            1,
            f"The workbook unpacks to {unpacked:,} bytes, more than the "
            f"{MAX_UNPACKED_BYTES:,} a ladder's spreadsheet may; save only the ladder's "
            "sheet, without images or other sheets.",
        )
    # Imported here: only an XLSX needs it. With defusedxml installed (a
    # dependency), openpyxl parses the workbook's XML with it.
    import openpyxl

    # openpyxl warns about features of other programs' workbooks that it
    # ignores (styles, data validation): nothing the ladder depends on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # data_only=False: a formula cell gives the formula's text, never a value.
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
        except Exception:  # openpyxl raises many kinds of error for a broken workbook
            refuse(file, 1, 1, _NOT_A_WORKBOOK)
        grid: Grid = []
        try:
            sheet = workbook.worksheets[0]
            for row in sheet.iter_rows(values_only=True):
                _check_size(file, len(grid) + 1, list(row))
                grid.append([_text(value) for value in row])
        except LadderError:
            raise
        except Exception:
            refuse(file, len(grid) + 1, 1, _NOT_A_WORKBOOK)
        finally:
            workbook.close()
    return grid


_NOT_A_WORKBOOK = (
    "The file cannot be read as an XLSX workbook; open it in your spreadsheet program "
    "and save it as an Excel workbook (.xlsx), or as CSV UTF-8."
)


def _text(value: object) -> str:
    """A cell's value as the text a person sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    # An array formula is an object holding the formula's text: kept as text too.
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else str(value)


def write_csv(grid: Grid) -> bytes:
    """The grid as CSV, UTF-8 with a byte order mark (so that Excel reads it as
    UTF-8), every cell a spreadsheet would take for a formula guarded."""
    out = io.StringIO(newline="")
    csv.writer(out).writerows([[guard(cell) for cell in row] for row in grid])
    return out.getvalue().encode("utf-8-sig")


# An XLSX holds the time it was written; a fixed one makes the same ladder
# give the same bytes.
_FIXED_TIME = datetime.datetime(2000, 1, 1)


def write_xlsx(grid: Grid, title: str) -> bytes:
    """The grid as an XLSX workbook of one sheet: every cell text (a cell that
    looks like a formula is stored as text, marked so that editing it keeps it
    text), wrapped, with the header row frozen."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(grid, start=1):
        for c, text in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = text
            cell.data_type = "s"
            cell.alignment = wrap
            if text.startswith(_FORMULA_START):
                cell.quotePrefix = True
            if r == 1:
                cell.font = Font(bold=True)
    for c in range(1, len(grid[0]) + 1 if grid else 1):
        sheet.column_dimensions[cell_name(1, c)[:-1]].width = 16 if c <= 2 else 40
    sheet.freeze_panes = "A2"
    workbook.properties.creator = "rubricgen"
    workbook.properties.created = workbook.properties.modified = _FIXED_TIME
    saved = io.BytesIO()
    # The writer itself, not `workbook.save`, which stamps the time of saving.
    ExcelWriter(workbook, zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_zip(saved.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated `_FIXED_TIME`."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, _FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
