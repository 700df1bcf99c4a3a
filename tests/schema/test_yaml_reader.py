"""Every way a hand-edited YAML file goes wrong is reported at its place."""

import os
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
        # The C parser refuses an unquoted flow item ending in "?"; the
        # round-trip one reads it, so the C parser's own mark is used.
        ("id: x\nrow: [Who reads it?, b]\n", 2, 19, "needs quotes"),
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
    assert "control character U+0000 (null)" in problem.message


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


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\0", "U+0000 (null)"),
        ("\\e", "U+001B (escape)"),
        ("\\a", "U+0007 (bell)"),
        ("\\r", "U+000D (carriage return)"),
        ("\\f", "U+000C (form feed)"),
        ("\\N", "U+0085 (next line)"),
        ("\\u202E", "U+202E (right-to-left override)"),
        ("\\x9b", "U+009B"),
    ],
)
def test_control_characters_written_as_yaml_escapes_are_located(tmp_path, escape, name):
    data, source, (problem,) = read(tmp_path, f'id: a\ntitle:  "Sous{escape}chef"\n')
    assert data is None and source is None
    assert (problem.line, problem.column, problem.where) == (2, 9, "title"), str(problem)
    assert f"control character {name}" in problem.message


def test_a_control_character_in_a_key_points_at_the_key(tmp_path):
    _, _, (problem,) = read(tmp_path, 'id: a\nloop:\n  - "inter\\eview": x\n')
    assert (problem.line, problem.column) == (3, 5), str(problem)


def test_every_control_character_is_reported(tmp_path):
    _, _, problems = read(tmp_path, 'id: "a\\0"\ntitle: ok\nscope: "\\a"\n')
    assert [(p.line, p.where) for p in problems] == [(1, "id"), (3, "scope")]


def test_a_bidi_override_written_as_it_is_is_located(tmp_path):
    _, _, (problem,) = read(tmp_path, "id: a\ntitle: Sous \u202echef\n")
    assert (problem.line, problem.column) == (2, 13)
    assert "U+202E" in problem.message


def test_tabs_line_ends_and_direction_marks_are_text(tmp_path):
    data, _, problems = read(
        tmp_path, 'id: a\r\ntitle: "Chef\\tde cuisine"\r\nscope: "שף\u200f"\r\nimpact: |\r\n  x\r\n'
    )
    assert not problems
    assert data == {"id": "a", "title": "Chef\tde cuisine", "scope": "שף\u200f", "impact": "x\n"}


@pytest.mark.parametrize(
    "nested",
    ids=["block list 900 deep", "flow lists 50,000 deep", "flow mappings 900 deep"],
    argvalues=[
        "x:\n" + "- " * 900 + "a\n",  # a RecursionError in the loader, once
        "x: " + "[" * 50_000 + "]" * 50_000 + "\n",  # a crash of the C loader, once
        "x: " + "{a: " * 900 + "b" + "}" * 900 + "\n",
    ],
)
def test_deep_nesting_is_refused_before_loading(tmp_path, nested):
    _, _, (problem,) = read(tmp_path, "id: a\n" + nested)
    assert "nested more than 64 deep" in problem.message
    assert problem.line in (2, 3)


def test_nesting_within_the_limit_is_read(tmp_path):
    data, _, problems = read(tmp_path, "id: a\nx:\n" + "- " * 60 + "a\n")
    assert not problems and data["id"] == "a"


def test_a_file_of_countless_values_is_refused_for_that_not_for_aliases(tmp_path):
    _, _, (problem,) = read(tmp_path, "id: a\nx:\n" + "- [1, 2]\n" * 200_000)  # 1.8 MB
    assert "The file holds more than 20,000 values" in problem.message
    # 5 values before the list, then 3 per line: the 20,001st opens line 6,668.
    assert (problem.line, problem.column) == (6668, 3)


def test_a_long_file_of_long_texts_is_read(tmp_path):
    text = "id: a\nx:\n" + f"- {'word ' * 300}\n" * 1_000  # 1.5 MB
    data, _, problems = read(tmp_path, text)
    assert not problems, problems
    assert len(data["x"]) == 1_000


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    _, _, (problem,) = read(tmp_path, "id: a\nx: &loop [1, *loop]\n")
    assert "used inside the value its anchor" in problem.message


def test_aliases_used_a_few_times_are_fine(tmp_path):
    data, _, problems = read(tmp_path, "id: a\nx: &p [1, 2]\ny: *p\nz: [*p, *p]\n")
    assert not problems
    assert data["z"] == [[1, 2], [1, 2]]


@pytest.mark.parametrize(
    ("make", "wording"),
    [
        (lambda path: os.mkfifo(path), "This is a named pipe, not a file"),
        (lambda path: path.symlink_to("/dev/zero"), "This is a device, not a file"),
        (lambda path: path.mkdir(), "This is a folder, not a file"),
        (lambda path: path.symlink_to(path.name), "cannot be read (Too many levels"),
        (lambda path: path.symlink_to("nowhere.yaml"), "cannot be read (No such file"),
    ],
)
def test_what_is_not_a_file_is_refused_by_name_without_reading(tmp_path, make, wording):
    path = tmp_path / "level.yaml"
    make(path)
    _, _, (problem,) = read_yaml(path, "level.yaml")
    assert (problem.file, problem.line, problem.column) == ("level.yaml", 1, 1)
    assert wording in problem.message
