"""The command line contract: outputs, messages and exit codes."""

import json
from pathlib import Path

from rubricgen.__main__ import main
from tests.conftest import DATA, SMALL


def run(runner, *args: str):
    return runner.invoke(main, list(args))


def test_build_writes_html_and_json_for_a_level(runner, tmp_path):
    out = tmp_path / "out"
    result = run(runner, "build", "--level", "senior", "-f", "html", "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == [
        "senior/interview-kit.html",
        "senior/interview-kit.json",
        "senior/promotion-rubric.html",
        "senior/promotion-rubric.json",
    ]
    assert result.stderr.count("wrote ") == 4
    kit = json.loads((out / "senior/interview-kit.json").read_text())
    assert kit["kind"] == "interview-kit"
    assert kit["level"]["title"] == "Senior Product Manager"


def test_aliases_and_all(runner, tmp_path):
    out = tmp_path / "out"
    result = run(runner, "build", "-l", "lead", "-l", "cpo", "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["principal", "vp"]
    result = run(
        runner, "build", "-l", "all", "--kind", "interview-kit", "-f", "json", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["apm", "pm", "principal", "senior", "vp"]


def test_lowest_level_has_no_rubric_and_says_so(runner, tmp_path):
    result = run(runner, "build", "-l", "apm", "-f", "json", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "apm: no promotion-rubric: Associate Product Manager is the lowest level" in (
        result.stderr
    )
    assert [p.name for p in (tmp_path / "apm").iterdir()] == ["interview-kit.json"]


def test_unknown_level_is_a_usage_error_listing_the_ids(runner, tmp_path):
    result = run(runner, "build", "--level", "nosuch", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "No level 'nosuch'. Choose from: apm, pm, senior, principal, vp, lead, cpo, all." in (
        result.stderr
    )
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_click_usage_error(runner):
    result = run(runner, "build", "--level", "senior", "--format", "docx")
    assert result.exit_code == 2


def test_broken_ladder_exits_1_and_writes_nothing(runner, tmp_path):
    out = tmp_path / "out"
    result = run(
        runner, "build", "-l", "chef", "--levels-dir", str(DATA / "broken"), "-o", str(out)
    )
    assert result.exit_code == 1
    assert "8 problems found; nothing was written." in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_validate(runner):
    result = run(runner, "validate", "--levels-dir", str(SMALL))
    assert result.exit_code == 0, result.output
    assert "the ladder is valid: 2 levels, 2 competencies, 8 questions." in result.stderr
    result = run(runner, "validate", "--levels-dir", str(DATA / "broken"))
    assert result.exit_code == 1
    assert "broken/chef.yaml:3:1: titel: Unknown key `titel`; did you mean `title`?" in (
        result.stderr
    )


def test_list_prints_levels_and_json(runner):
    result = run(runner, "list")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[3].startswith("principal (lead)  Principal Product Manager")
    result = run(runner, "list", "--json", "--levels-dir", str(SMALL))
    rows = json.loads(result.stdout)
    assert [(r["id"], r["aliases"]) for r in rows] == [("cook", ["line"]), ("chef", ["head"])]


def test_local_levels_folder_is_used(runner, tmp_path, monkeypatch):
    (tmp_path / "levels").symlink_to(SMALL)
    monkeypatch.chdir(tmp_path)
    result = run(runner, "list")
    assert "cook (line)" in result.stdout
    result = run(runner, "build", "-l", "chef", "-f", "json")
    assert result.exit_code == 0, result.output
    assert Path("output/chef/interview-kit.json").is_file()


def test_validate_warns_about_biased_words_and_strict_fails(runner, ladder_copy):
    path = ladder_copy / "chef.yaml"
    path.write_text(path.read_text().replace("summary: The", "summary: A rockstar. His", 1))
    result = run(runner, "validate", "--levels-dir", str(ladder_copy))
    assert result.exit_code == 0, result.output
    assert "chef.yaml:4:10: summary: Avoid 'rockstar' in hiring documents" in result.stderr
    assert "Avoid 'His' in hiring documents: a gendered pronoun" in result.stderr
    result = run(runner, "validate", "--strict", "--levels-dir", str(ladder_copy))
    assert result.exit_code == 1
    assert "--strict makes warnings fatal" in result.stderr
