"""`rubricgen import` and `export`: an engineering ladder kept in a spreadsheet
(five levels, fourteen competencies in four areas, an "All levels" column,
empty and bulleted cells) in and out, as CSV and as XLSX."""

import csv
import json
import re
from pathlib import Path

import openpyxl
import pytest

from rubricgen.__main__ import main
from rubricgen.schema import load_ladder
from rubricgen.spreadsheet import cells
from rubricgen.spreadsheet.cells import read_grid
from tests.conftest import DATA

SHEET = DATA / "engineering.csv"
LEVELS = ["Engineer I", "Engineer II", "Senior Engineer", "Staff Engineer", "Principal Engineer"]
# Words of the product-management ladder that ships: none of them may reach a
# document about another ladder unless its own text says them.
PM_WORDS = re.compile(
    r"\b(products?|PMs?|roadmaps?|customers?|strategy|strategic|stakeholders?)\b", re.IGNORECASE
)


def rows() -> list[list[str]]:
    with SHEET.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_xlsx(path: Path, grid: list[list[str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in grid:
        sheet.append(row)
    workbook.save(path)
    return path


def files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*.*"))}


@pytest.fixture
def imported(runner, tmp_path) -> Path:
    folder = tmp_path / "engineering"
    result = runner.invoke(main, ["import", str(SHEET), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_csv_and_xlsx_import_to_the_same_folder_that_validates(runner, tmp_path, imported):
    xlsx = write_xlsx(tmp_path / "engineering.xlsx", rows())
    from_xlsx = tmp_path / "from-xlsx"
    result = runner.invoke(main, ["import", str(xlsx), "-o", str(from_xlsx)])
    assert result.exit_code == 0, result.output
    assert files(from_xlsx) == files(imported)
    assert sorted(files(imported)) == [
        "engineer-i.yaml",
        "engineer-ii.yaml",
        "ladder.yaml",
        "principal-engineer.yaml",
        "schema/ladder.schema.json",
        "schema/level.schema.json",
        "senior-engineer.yaml",
        "staff-engineer.yaml",
    ]
    for name, text in files(imported).items():
        if name.endswith(".yaml"):
            assert text.startswith("# yaml-language-server: $schema=schema/"), name
    result = runner.invoke(main, ["validate", "--strict", "--levels-dir", str(imported)])
    assert result.exit_code == 0, result.output
    assert "the ladder is valid: 5 levels, 14 competencies, 0 questions." in result.stderr

    ladder = load_ladder(imported)
    assert [level.title for level in ladder.levels] == LEVELS
    assert [a.name for a in ladder.definitions.areas] == [
        "Technical skill",
        "Delivery",
        "Collaboration",
        "Leadership",
    ]
    code_quality = ladder.competency("code-quality")
    assert code_quality.baseline == (
        "Keeps to the team's style guide and leaves code tidier than it was."
    )
    # An empty cell: the level does not assess the competency.
    first = ladder.find("engineer-i")
    assert "system-design" not in {a.competency for a in first.competencies}


def test_a_second_import_into_the_same_folder_is_refused_and_changes_nothing(runner, imported):
    before = files(imported)
    result = runner.invoke(main, ["import", str(SHEET), "-o", str(imported)])
    assert result.exit_code == 1
    assert "already exists and is not empty; import writes a new ladder folder" in result.stderr
    assert "nothing was written" in result.stderr
    assert files(imported) == before


def test_the_overview_lists_every_competency_level_baseline_and_bullet(runner, imported, tmp_path):
    out = tmp_path / "out"
    args = ["build", "--kind", "ladder", "-f", "html", "-f", "json", "-f", "md"]
    result = runner.invoke(main, [*args, "--levels-dir", str(imported), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "ladder.html").read_text()
    for row in rows()[1:]:
        assert f'<th scope="row">{row[1]}</th>' in html
    for area in {row[0] for row in rows()[1:]}:
        assert f'<th scope="rowgroup" colspan="7">{area}</th>' in html
    for title in LEVELS:
        assert f'<th scope="col">{title}</th>' in html
    assert '<th scope="col">All levels</th>' in html
    assert "Treats every candidate with respect and gives feedback on time." in html
    assert (
        "<ul><li>Shapes the structure of a service so that common changes stay small</li>"
        "<li>Removes code and dependencies nobody needs</li></ul>"
    ) in html
    assert "<ul><li>Designs systems that span several teams</li>" in html
    # No weights: no chart of them, and no word of the shipped ladder.
    assert "What each level weighs" not in html
    assert not PM_WORDS.search(html), PM_WORDS.search(html)
    assert not PM_WORDS.search((out / "ladder.md").read_text())
    overview = json.loads((out / "ladder.json").read_text())
    competencies = [row for area in overview["areas"] for row in area["rows"]]
    assert len(competencies) == 14
    bullets = competencies[0]["cells"][2]["expectation"]
    assert bullets.startswith("- Shapes the structure")


def test_diff_of_adjacent_levels_and_the_fourth_levels_rubric(runner, imported, tmp_path):
    result = runner.invoke(
        main, ["diff", "engineer-ii", "senior-engineer", "--levels-dir", str(imported)]
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("From Engineer II to Senior Engineer\n")
    assert "Mentoring · Leadership\n  Engineer II:\n    Helps a new team member" in text
    assert "Technical direction · Leadership · new at Senior Engineer" in text
    assert "    - Reviews changes across the team's services\n" in text

    out = tmp_path / "out"
    args = ["build", "-l", "staff-engineer", "-f", "html", "--levels-dir", str(imported)]
    result = runner.invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "staff-engineer/promotion-rubric.html").read_text()
    assert "Promotion from Senior Engineer to Staff Engineer" in html
    assert "Designs a service end to end, names its failure modes" in html
    assert "<li>Designs systems that span several teams</li>" in html
    assert "Sets the technical direction of a group of teams" in html
    assert not PM_WORDS.search(html)


@pytest.mark.slow
def test_a_full_build_of_a_level_writes_its_rubric_and_says_why_it_has_no_kit(
    runner, imported, tmp_path
):
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["build", "-l", "staff-engineer", "--levels-dir", str(imported), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (
        "staff-engineer: no interview kit, packets or debrief sheet: Staff Engineer has no "
        "interview loop (add `loop` and questions to staff-engineer.yaml to make them)."
    ) in result.stderr
    assert sorted(p.name for p in (out / "staff-engineer").iterdir()) == [
        "promotion-rubric.html",
        "promotion-rubric.pdf",
    ]


def test_export_gives_back_every_cell_and_a_second_export_the_same_bytes(
    runner, imported, tmp_path
):
    for kind in ("csv", "xlsx"):
        target = tmp_path / f"engineering.{kind}"
        result = runner.invoke(main, ["export", "-o", str(target), "--levels-dir", str(imported)])
        assert result.exit_code == 0, result.output
        assert "left out: the ladder's details (name, version, owner, date)." in result.stderr
        grid, _ = read_grid(target)
        assert grid == rows(), kind
        again = tmp_path / f"again-{kind}"
        assert runner.invoke(main, ["import", str(target), "-o", str(again)]).exit_code == 0
        second = tmp_path / f"second.{kind}"
        args = ["export", "-f", kind, "-o", str(second), "--levels-dir", str(again)]
        assert runner.invoke(main, args).exit_code == 0
        assert second.read_bytes() == target.read_bytes(), kind
    # A bulleted cell starts with "-", which a spreadsheet reads as a formula:
    # the CSV guards it, the XLSX stores it as text.
    raw = (tmp_path / "engineering.csv").read_text(encoding="utf-8-sig")
    assert "\"'- Shapes the structure" in raw
    workbook = openpyxl.load_workbook(tmp_path / "engineering.xlsx")
    cell = workbook.active["G2"]
    assert cell.data_type == "s" and cell.quotePrefix


def test_export_says_what_the_layout_leaves_out_and_never_overwrites(runner, tmp_path):
    target = tmp_path / "pm.csv"
    result = runner.invoke(main, ["export", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert (
        "left out: the ladder's details (name, version, owner, date), what each competency "
        "is not, aliases, level summaries, scope and impact, weights, promotion blocks, rating "
        "anchors, questions, interview loops, decision rules, reference-check questions, the "
        "scales, interviews and guides of ladder.yaml."
    ) in result.stderr
    assert read_grid(target)[0][0][:3] == ["Area", "Competency", "Description"]
    before = target.read_bytes()
    result = runner.invoke(main, ["export", "-o", str(target)])
    assert result.exit_code == 1 and "export never overwrites one" in result.stderr
    assert target.read_bytes() == before
    result = runner.invoke(main, ["export", "-o", str(tmp_path / "pm.ods")])
    assert result.exit_code == 2 and "name a .csv or .xlsx file" in result.stderr


def refused(runner, tmp_path, name: str, data: bytes | list[list[str]]) -> str:
    source = tmp_path / name
    if isinstance(data, bytes):
        source.write_bytes(data)
    elif name.endswith(".xlsx"):
        write_xlsx(source, data)
    else:
        with source.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(data)
    out = tmp_path / "out"
    result = runner.invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    return result.stderr


def test_a_sheet_without_a_level_column_is_refused_with_its_file_name(runner, tmp_path):
    stderr = refused(runner, tmp_path, "no-levels.csv", [["Area", "Competency"], ["A", "B"]])
    assert "no-levels.csv:1:3: C1: No level column: after the fixed columns, add one" in stderr


@pytest.mark.parametrize(
    ("grid", "expected"),
    [
        (
            [["Competency", "L1"], ["Testing", "x"], ["testing", "y"]],
            "sheet.csv:3:1: A3: `testing` gives the competency id `testing`, as row 2 does",
        ),
        (
            [["Competency", "L1"], ["", "x"]],
            "sheet.csv:2:1: A2: This row has text but no competency",
        ),
        (
            [["Competency", "L1", "L2"], ["Testing", "x"]],
            "sheet.csv:2:3: C2: This row has 2 cells and the header 3: a separator is missing",
        ),
        (
            [["Competency", "L1"], ["Testing", "x", "stray"]],
            "sheet.csv:2:3: C2: This cell is outside the table (the header has 2 columns)",
        ),
        (
            [["L1", "Competency"], ["x", "Testing"]],
            "sheet.csv:1:2: B1: Move the column `Competency` before the level columns",
        ),
        (
            [["Competency", "All"], ["Testing", "x"]],
            "sheet.csv:1:2: B1: The title `All` gives the id `all`",
        ),
        (
            [["Competency", "L1", "L2"], ["Testing", "x", ""]],
            "sheet.csv:1:3: C1: No row gives an expectation for `L2`",
        ),
        (
            [["Competency", "L1"], ["Test\x07ing", "x"]],
            "sheet.csv:2:1: A2: This cell holds a control character",
        ),
        ([["Area", "L1"], ["A", "x"]], "sheet.csv:1:1: A1: No `Competency` column"),
    ],
)
def test_each_mistake_is_located_at_its_row_and_column(runner, tmp_path, grid, expected):
    assert expected in refused(runner, tmp_path, "sheet.csv", grid)


def test_a_csv_with_a_byte_order_mark_is_read_and_one_not_in_utf8_is_refused(runner, tmp_path):
    (tmp_path / "bom.csv").write_bytes("\ufeffCompetency,L1\nTesting,x\n".encode())
    result = runner.invoke(main, ["import", str(tmp_path / "bom.csv"), "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert load_ladder(tmp_path / "b").definitions.competencies[0].name == "Testing"
    stderr = refused(runner, tmp_path, "latin.csv", "Competency,L1\nCaf\xe9,x\n".encode("latin-1"))
    assert 'latin.csv:2:4: (top): The file is not UTF-8 text; save it again as "CSV UTF-8"' in (
        stderr
    )
    stderr = refused(runner, tmp_path, "sheet.ods", b"PK")
    assert "sheet.ods:1:1: A1: import reads a .csv file (UTF-8) or an .xlsx workbook" in stderr


def test_formulas_are_text_never_values_and_the_guard_is_undone(runner, tmp_path):
    grid = [
        ["Competency", "L1", "L2"],
        ['=HYPERLINK("http://example.invalid","x")', "=1+1", "+cmd|' /C calc'!A0"],
        ["Testing", "@SUM(A1)", "'=guarded"],
    ]
    xlsx = write_xlsx(tmp_path / "f.xlsx", grid)
    assert openpyxl.load_workbook(xlsx).active["B2"].data_type == "f"  # a live formula
    out = tmp_path / "out"
    result = runner.invoke(main, ["import", str(xlsx), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ladder = load_ladder(out)
    assert [a.expectation for a in ladder.levels[0].competencies] == ["=1+1", "@SUM(A1)"]
    assert ladder.levels[1].competencies[1].expectation == "'=guarded"

    exported = tmp_path / "f.csv"
    assert (
        runner.invoke(main, ["export", "-o", str(exported), "--levels-dir", str(out)]).exit_code
        == 0
    )
    text = exported.read_text(encoding="utf-8-sig")
    assert "'=1+1" in text and "'+cmd" in text and "'@SUM(A1)" in text and "''=guarded" in text
    assert read_grid(exported)[0][1:] == grid[1:]


def test_size_limits_are_checked_before_parsing(runner, tmp_path, monkeypatch):
    big = [["Competency", "L1"]] + [[f"C{n}", "x"] for n in range(cells.MAX_ROWS + 5)]
    stderr = refused(runner, tmp_path, "rows.csv", big)
    assert (
        f"rows.csv:{cells.MAX_ROWS + 1}:1: A{cells.MAX_ROWS + 1}: The sheet has more than" in stderr
    )
    wide = [["Competency", *(f"L{n}" for n in range(cells.MAX_COLUMNS + 1))]]
    stderr = refused(runner, tmp_path, "wide.xlsx", wide)
    assert f"wide.xlsx:1:{cells.MAX_COLUMNS + 1}:" in stderr and "more than 64 columns" in stderr
    monkeypatch.setattr(cells, "MAX_UNPACKED_BYTES", 1000)
    stderr = refused(runner, tmp_path, "bomb.xlsx", [["Competency", "L1"], ["A", "x" * 2000]])
    assert "bomb.xlsx:1:1: A1: The workbook unpacks to" in stderr
    monkeypatch.setattr(cells, "MAX_FILE_BYTES", 10)
    stderr = refused(runner, tmp_path, "large.csv", [["Competency", "L1"], ["A", "x"]])
    assert "large.csv:1:1: A1: The file is" in stderr and "more than the 10 a ladder's" in stderr


def test_a_file_that_is_no_workbook_is_refused(runner, tmp_path):
    stderr = refused(runner, tmp_path, "junk.xlsx", b"not a zip at all")
    assert "junk.xlsx:1:1: A1: The file cannot be read as an XLSX workbook" in stderr
    stderr = refused(runner, tmp_path, "empty.csv", b"")
    assert "empty.csv:1:1: A1: The first row must hold the column headings" in stderr


def test_names_without_latin_letters_get_numbered_ids(runner, tmp_path):
    grid = [["Competency", "初級", "上級"], ["設計", "a", "b"], ["テスト", "c", ""]]
    source = tmp_path / "jp.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(grid)
    result = runner.invoke(main, ["import", str(source), "-o", str(tmp_path / "jp")])
    assert result.exit_code == 0, result.output
    ladder = load_ladder(tmp_path / "jp")
    assert [level.id for level in ladder.levels] == ["level-1", "level-2"]
    assert [c.id for c in ladder.definitions.competencies] == ["competency-1", "competency-2"]
