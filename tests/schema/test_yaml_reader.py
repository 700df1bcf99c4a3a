"""Every way a hand-edited YAML file goes wrong is reported at its place."""

from pathlib import Path

import pytest

from rubricgen.schema.yaml_reader import format_loc, read_yaml


def read(tmp_path: Path, content: str | bytes):
    path = tmp_path / "level.yaml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return read_yaml(path, "level.yaml")


@pytest.mark.parametrize(
    ("content", "line", "column", "wording"),
    [
        ("id: x\ntitle:\n\t- a\n", 3, 1, "a tab is used for indentation"),
        (
            'id: x\ntitle: "unclosed\nscope: b\n',
            2,
            8,
            "a quote or bracket opened here is never closed",
        ),
        ("id: a\nid: b\n", 2, 1, "a key appears twice in the same mapping"),
        ("id: a\ntitle: b: c\n", 2, 9, "a ': ' here starts a key where none can be"),
        ("id: a\ntitle b\nscope: c\n", 3, 1, "neither `key: value` nor a list item"),
        ("- a\n- b\n", 1, 1, "The file holds a list; it must be a mapping"),
        ("just text\n", 1, 1, "The file holds a single value"),
        ("", 1, 1, "The file is empty"),
        ("# only a comment\n\n", 1, 1, "The file is empty"),
    ],
)
def test_malformed_files_are_located(tmp_path, content, line, column, wording):
    data, source, problems = read(tmp_path, content)
    assert data is None and source is None
    (problem,) = problems
    assert (problem.line, problem.column) == (line, column), str(problem)
    assert wording in problem.message


def test_binary_junk_is_located(tmp_path):
    _, _, (problem,) = read(tmp_path, b"id: a\ntitle: x\x00\x01y\n")
    assert (problem.line, problem.column) == (2, 9)
    assert "control character (U+0000)" in problem.message


def test_text_that_is_not_utf8_is_located(tmp_path):
    _, _, (problem,) = read(tmp_path, b"id: a\ntitle: caf\xe9\n")
    assert (problem.line, problem.column) == (2, 11)
    assert "not UTF-8" in problem.message


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        refs = ", ".join(f"*a{i - 1}" for _ in range(10))
        lines.append(f"a{i}: &a{i} [{refs}]")
    _, _, (problem,) = read(tmp_path, "\n".join(lines) + "\n")
    assert "expands to more than" in problem.message


def test_locate_points_at_values_keys_and_list_items(tmp_path):
    data, source, problems = read(tmp_path, "id: a\nloop:\n  - interview: x\n    minutes: 45\n")
    assert not problems and source is not None
    assert data == {"id": "a", "loop": [{"interview": "x", "minutes": 45}]}
    assert source.locate(("loop", 0, "minutes")) == (4, 14)
    assert source.locate(("loop", 0, "minutes"), key=True) == (4, 5)
    assert source.locate(("loop", 0)) == (3, 5)
    # A missing key points at the mapping that lacks it.
    assert source.locate(("loop", 0, "competencies")) == (3, 5)


def test_format_loc():
    assert format_loc(("competencies", 2, "anchors", 3)) == "competencies[2].anchors[3]"
    assert format_loc(()) == ""


def test_a_very_large_file_is_refused_without_parsing(tmp_path):
    _, _, (problem,) = read(tmp_path, "id: a\n" + "# padding\n" * 250_000)
    assert "more than the 2,000,000 a ladder file may have" in problem.message


def test_what_only_the_fast_loader_accepts_is_reported_as_yaml(tmp_path):
    # Found by test_random_damage_never_crashes: the C loader reads a tab
    # inside a key, the round-trip loader (which locates problems) does not.
    _, source, problems = read(tmp_path, "id: a\ncomp\tetency: x\n")
    assert not problems and source is not None
    problem = source.problem(("comp\tetency",), "Unknown key.")
    assert (problem.line, problem.column) == (2, 5)
    assert "a tab is used for indentation" in problem.message
