"""Ladders in spreadsheets: `rubricgen import` and `rubricgen export`.

The layout is one row per competency and one column per level: a header row
of fixed columns (`Area`, `Competency`, `Description`, `All levels`; only
`Competency` is required, names matched ignoring case), then a column per
level, lowest first, headed by the level's title. A cell is that level's
expectation; an empty cell means the level does not assess the competency.

A spreadsheet is hostile input: `cells` reads it within size limits, never
evaluates a formula, and guards every cell a spreadsheet program would read
as a formula when it writes one.
"""

from rubricgen.spreadsheet.transfer import export_spreadsheet, import_spreadsheet

__all__ = ["export_spreadsheet", "import_spreadsheet"]
