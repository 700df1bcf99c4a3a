"""Odd input, from an attacker or a careless user: each ends in exit 1 (2 for
wrong usage) within seconds, with a located message and no traceback, and
nothing written; or, for a damaged state file, in a normal build."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from rubricgen.__main__ import main
from rubricgen.output import STATE_FILE
from rubricgen.watch import snapshot

ROOT = Path(__file__).resolve().parent.parent


def rubricgen(*args: str | bytes, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own: a hang or a crash fails the test
    instead of the test run."""
    return subprocess.run(
        [sys.executable, "-m", "rubricgen", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def refused(done: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr


@pytest.mark.parametrize(
    ("escape", "name"), [("\\0", "U+0000"), ("\\e", "U+001B"), ("\\a", "U+0007")]
)
def test_control_characters_written_as_yaml_escapes_are_refused(runner, ladder_copy, escape, name):
    chef = ladder_copy / "chef.yaml"
    chef.write_text(
        chef.read_text()
        .replace("summary: The sous chef", f'summary: "The{escape} sous chef')
        .replace("small kitchen.\n", 'small kitchen."\n', 1)
    )
    result = runner.invoke(main, ["validate", "--levels-dir", str(ladder_copy)])
    assert result.exit_code == 1
    assert re.search(
        rf"chef\.yaml:4:10: summary: The text holds the control character {re.escape(name)}",
        result.output,
    ), result.output


@pytest.mark.parametrize(
    "make",
    [
        lambda path: os.mkfifo(path),
        lambda path: path.symlink_to("/dev/zero"),
        lambda path: path.mkdir(),
        lambda path: path.symlink_to(path.name),
    ],
    ids=["named pipe", "link to /dev/zero", "folder", "link loop"],
)
def test_a_level_file_that_is_not_a_file_is_refused_by_name(ladder_copy, make):
    (ladder_copy / "chef.yaml").unlink()
    make(ladder_copy / "chef.yaml")
    build = ["build", "--level", "chef", "-f", "html", "--levels-dir", "levels"]
    stderr = refused(rubricgen(*build, cwd=ladder_copy.parent))
    assert stderr.startswith("levels/chef.yaml:1:1: (top): "), stderr
    assert not (ladder_copy.parent / "output").exists()


@pytest.mark.parametrize(
    "nested",
    ["x:\n" + "- " * 900 + "a\n", "x: " + "[" * 50_000 + "]" * 50_000 + "\n"],
    ids=["900 deep", "50,000 deep"],
)
def test_deep_nesting_is_refused(ladder_copy, nested):
    with (ladder_copy / "chef.yaml").open("a") as file:
        file.write(nested)
    stderr = refused(rubricgen("validate", "--levels-dir", "levels", cwd=ladder_copy.parent))
    assert "nested more than 64 deep" in stderr


@pytest.mark.parametrize(
    "name", ["Ada\rLovelace", "Ada\x0cLovelace", "Ada\x1b]0;x\x07", "Ada\u202e"]
)
def test_a_candidate_name_that_could_change_the_page_is_wrong_usage(runner, tmp_path, name):
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["build", "-l", "pm", "-f", "html", "-o", str(out), "--candidate", name]
    )
    assert result.exit_code == 2
    assert "Invalid value for '--candidate': The name holds the control character" in result.output
    assert not out.exists()


def test_a_candidate_name_that_is_not_utf8_is_wrong_usage(tmp_path):
    stderr = refused(
        rubricgen(
            "build", "-l", "pm", "-f", "html", "--candidate", b"Ada\xffLovelace", cwd=tmp_path
        ),
        2,
    )
    assert "Invalid value for '--candidate': The name is not UTF-8 text" in stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    "damaged", [b"{}", b"[]", b"null", b'"x"', b'{"files": {"cook/a.html": {}}}', b"\xff"]
)
def test_a_damaged_state_file_is_ignored_and_rewritten(runner, tmp_path, damaged):
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE_FILE).write_bytes(damaged)
    args = ["build", "--levels-dir", str(ROOT / "tests/data/small"), "-l", "cook", "-f", "json"]
    for _ in range(2):
        result = runner.invoke(main, [*args, "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert "0 files written" in result.output
    assert (out / STATE_FILE).read_bytes().startswith(b'{\n "files"')


def test_a_linked_level_folder_inside_the_output_is_not_written_through(runner, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "cook").symlink_to(outside)
    result = runner.invoke(
        main,
        [
            "build",
            "--levels-dir",
            str(ROOT / "tests/data/small"),
            "-l",
            "cook",
            "-f",
            "json",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1
    assert "a symbolic link inside the output folder" in result.output
    assert list(outside.iterdir()) == []


def test_watching_the_current_folder_ignores_the_output_inside_it(tmp_path):
    (tmp_path / "print.css").write_text("p {}")
    (tmp_path / "output" / "pm").mkdir(parents=True)
    (tmp_path / "output" / "pm" / "kit.html").write_text("x")
    seen = snapshot([tmp_path], ignore=tmp_path / "output")
    assert set(seen) == {tmp_path / "print.css"}


def test_hostile_markdown_in_a_ladder_stays_text(runner, ladder_copy, tmp_path):
    """A summary opening a code fence and holding HTML, a heading and a
    javascript: link, and a version doing the same, print as text."""
    hostile = "~~~ <b>bold</b> # heading [click](javascript:alert(1)) <javascript:alert(1)>"
    chef = ladder_copy / "chef.yaml"
    chef.write_text(
        chef.read_text().replace(
            "summary: The sous chef of a small kitchen.", f"summary: '{hostile}'"
        )
    )
    ladder = ladder_copy / "ladder.yaml"
    ladder.write_text(
        ladder.read_text().replace('version: "1.0"', "version: '# 1.0 <i>x</i> [v](javascript:1)'")
    )
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["build", "--levels-dir", str(ladder_copy), "-l", "chef", "-f", "md", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for path in sorted(out.rglob("*.md")):
        tokens = parser.parse(path.read_text())
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
        assert not kinds & {"fence", "code_block", "html_block", "html_inline", "link_open"}, path
        html = parser.render(path.read_text())
        assert "javascript:" not in re.sub(r">[^<]*<", "><", html), path  # only in text
        assert not re.search(r"<h\d>[^<]*heading", html), path
    kit = (out / "chef" / "interview-kit.md").read_text()
    assert "\\~\\~\\~ \\<b\\>bold\\</b\\> \\# heading" in kit
    assert "version \\# 1.0 \\<i\\>x\\</i\\>" in kit


def test_a_terminal_sequence_in_a_title_never_reaches_the_terminal(runner, ladder_copy):
    chef = ladder_copy / "chef.yaml"
    chef.write_text(
        chef.read_text().replace("title: Sous chef", 'title: "\\e]0;owned\\aSous chef"')
    )
    for command in ("list", "validate"):
        result = runner.invoke(main, [command, "--levels-dir", str(ladder_copy)])
        assert result.exit_code == 1
        assert "control character U+001B (escape)" in result.output
        assert "\x1b" not in result.output and "\x07" not in result.output


def test_the_output_folder_is_not_an_input_of_the_pdfs(small_ladder, tmp_path):
    """With `--templates-dir .` the output folder is inside the templates
    folder: what a build writes there must not make the next one stale."""
    from rubricgen.build import BuildRequest, plan_build

    request = BuildRequest(
        levels=["chef"],
        kinds=["promotion-rubric"],
        formats=["pdf"],
        templates_dir=tmp_path,
        output_dir=tmp_path / "output",
    )
    before = [f.inputs for f in plan_build(small_ladder, request, print).files]
    (tmp_path / "output" / "chef").mkdir(parents=True)
    (tmp_path / "output" / "chef" / "promotion-rubric.pdf").write_bytes(b"%PDF")
    after = [f.inputs for f in plan_build(small_ladder, request, print).files]
    assert before == after
    (tmp_path / "logo.svg").write_text("<svg/>")
    assert [f.inputs for f in plan_build(small_ladder, request, print).files] != before
