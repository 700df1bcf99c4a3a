"""The command line contract: outputs, messages and exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rubricgen.__main__ import main
from rubricgen.paths import shipped
from rubricgen.schema import load_ladder
from tests.conftest import DATA, SMALL


def run(runner, *args: str):
    return runner.invoke(main, list(args))


def kit_interviews(out: Path) -> list[str]:
    kit = json.loads((out / "senior/interview-kit.json").read_text())
    return [interview["id"] for interview in kit["interviews"]]


def test_build_writes_html_and_json_for_a_level(runner, tmp_path):
    out = tmp_path / "out"
    result = run(runner, "build", "--level", "senior", "-f", "html", "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*") if p.parent != out)
    packets = [n for n in names if n.startswith("senior/panel/")]
    assert len(packets) == 2 * len(kit_interviews(out))
    handouts = [n for n in names if n.startswith("senior/handouts/")]
    assert handouts, "the senior loop's cases give the candidate material"
    assert all(n.endswith((".html", ".json")) for n in handouts)
    # A reference-check guide only for a level with reference questions.
    references = ["senior/reference-check.html", "senior/reference-check.json"]
    has_references = bool(load_ladder(shipped("levels")).find("senior").reference_check)
    assert [n for n in names if n not in packets + handouts] == [
        "senior/debrief-sheet.html",
        "senior/debrief-sheet.json",
        "senior/interview-kit.html",
        "senior/interview-kit.json",
        "senior/promotion-rubric.html",
        "senior/promotion-rubric.json",
        *(references if has_references else []),
    ]
    if not has_references:
        assert "senior: no reference-check guide:" in result.stderr
    assert result.stderr.count("wrote ") == len(names)
    kit = json.loads((out / "senior/interview-kit.json").read_text())
    assert kit["kind"] == "interview-kit"
    assert kit["level"]["title"] == "Senior Product Manager"


def test_aliases_and_all(runner, tmp_path):
    out = tmp_path / "out"
    result = run(runner, "build", "-l", "lead", "-l", "cpo", "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["principal", "vp"]
    result = run(
        runner, "build", "-l", "all", "--kind", "interview-kit", "-f", "json", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "apm",
        "pm",
        "principal",
        "senior",
        "vp",
    ]


def test_lowest_level_has_no_rubric_and_says_so(runner, tmp_path):
    result = run(runner, "build", "-l", "apm", "-f", "json", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "apm: no promotion rubric: Associate Product Manager is the lowest level" in (
        result.stderr
    )
    assert not (tmp_path / "apm" / "promotion-rubric.json").exists()
    assert (tmp_path / "apm" / "interview-kit.json").exists()


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
    assert "7 problems found; nothing was written." in result.stderr
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


def test_build_writes_a_packet_per_interview_the_debrief_sheet_and_handouts(runner, tmp_path):
    args = ["build", "-l", "chef", "-f", "html", "--levels-dir", str(SMALL), "-o", str(tmp_path)]
    result = run(runner, *args, "--candidate", "Ada Lovelace", "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(tmp_path / "chef").as_posix() for p in tmp_path.rglob("*.html"))
    assert names == [
        "debrief-sheet.html",
        "handouts/02-tasting.html",
        "handouts/04-chat.html",
        "interview-kit.html",
        "panel/01-station.html",
        "panel/02-tasting.html",
        "panel/03-menu.html",
        "panel/04-chat.html",
        "promotion-rubric.html",
        "reference-check.html",
    ]
    for name in names:
        html = (tmp_path / "chef" / name).read_text()
        assert "<td>Ada Lovelace</td>" in html, name
        assert "<td>2026-12-01</td>" in html, name


def test_kind_reference_check_writes_a_guide_where_a_level_has_questions(runner, tmp_path):
    args = ["build", "-l", "all", "--kind", "reference-check", "-f", "json", "-f", "md"]
    result = run(runner, *args, "--levels-dir", str(SMALL), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "cook: no reference-check guide: Line cook has no reference_check questions" in (
        result.stderr
    )
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*/*.*")) == [
        "chef/reference-check.json",
        "chef/reference-check.md",
    ]
    guide = json.loads((tmp_path / "chef/reference-check.json").read_text())
    assert guide["kind"] == "reference-check"
    assert [q["competency"] for q in guide["questions"]] == [
        "knife-work",
        "menu-planning",
        "knife-work",
    ]


def test_kind_panel_packet_alone(runner, tmp_path):
    result = run(
        runner,
        "build",
        "-l",
        "cook",
        "--kind",
        "panel-packet",
        "-f",
        "json",
        "--levels-dir",
        str(SMALL),
        "-o",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "cook/panel").iterdir()) == [
        "01-station.json",
        "02-tasting.json",
        "03-menu.json",
        "04-chat.json",
    ]
    packet = json.loads((tmp_path / "cook/panel/01-station.json").read_text())
    assert packet["kind"] == "panel-packet"
    assert [q["id"] for q in packet["interview"]["questions"]] == ["cook-knife-work-1"]


def test_bad_date_and_negative_seed_are_usage_errors(runner):
    assert run(runner, "build", "-l", "senior", "--date", "1/12/2026").exit_code == 2
    assert run(runner, "build", "-l", "senior", "--seed", "-1").exit_code == 2


def test_same_seed_same_bytes_other_seed_other_questions(runner, tmp_path):
    def kit(seed: str, out: str) -> str:
        result = run(
            runner,
            "build",
            "-l",
            "senior",
            "--kind",
            "interview-kit",
            "-f",
            "json",
            "--seed",
            seed,
            "-o",
            str(tmp_path / out),
        )
        assert result.exit_code == 0, result.output
        return (tmp_path / out / "senior/interview-kit.json").read_text()

    assert kit("11", "a") == kit("11", "b")
    questions = {
        seed: [[q["id"] for q in i["questions"]] for i in json.loads(kit(seed, seed))["interviews"]]
        for seed in ("1", "2", "3", "4")
    }
    assert len({str(q) for q in questions.values()}) > 1


@pytest.mark.parametrize("args", [["--help"], ["list"], ["validate"], ["build", "--help"]])
def test_quick_commands_never_import_weasyprint(args):
    """Importing WeasyPrint costs most of a second; only making a PDF needs it."""
    code = (
        "import sys\n"
        "from rubricgen.__main__ import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as done:\n    assert done.code == 0\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
        "assert 'rubricgen.renderer.pdf' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_a_ladder_read_before_is_not_parsed_and_ruamel_never_imported(tmp_path):
    """A file read before comes from the YAML cache: the YAML library (13 ms
    to import, of the 0.2 s `validate` takes) is imported only to parse or
    locate."""
    code = (
        "import sys\n"
        "from rubricgen.__main__ import main\n"
        "try:\n    main(['validate'])\nexcept SystemExit as done:\n    assert done.code == 0\n"
        "print('ruamel.yaml' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    def imported() -> str:
        done = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
        )
        return done.stdout.strip()

    assert imported() == "True"  # the first run parses every file
    assert imported() == "False"


def test_diff_as_text_lays_out_nothing_and_starts_no_process():
    code = (
        "import sys\n"
        "from rubricgen.__main__ import main\n"
        "try:\n    main(['diff', 'pm', 'senior'])\nexcept SystemExit as done:\n"
        "    assert done.code == 0\n"
        "for name in ('weasyprint', 'pikepdf', 'concurrent.futures.process'):\n"
        "    assert name not in sys.modules, name\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_candidates_each_get_a_folder_with_the_usual_file_names(runner, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Ada Lovelace\nada lovelace\nZoë Ní Bhriain\n")
    out = tmp_path / "out"
    args = ["build", "-l", "chef", "--levels-dir", str(SMALL), "-f", "html", "-o", str(out)]
    result = run(runner, *args, "--candidates", str(names), "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    folders = sorted(p.name for p in (out / "chef").iterdir())
    assert folders == ["ada-lovelace", "ada-lovelace-2", "zoe-ni-bhriain"]
    alone = tmp_path / "alone"
    assert run(runner, *args[:-1], str(alone), "--candidate", "Ada").exit_code == 0
    expected = sorted(p.relative_to(alone / "chef").as_posix() for p in alone.rglob("*.html"))
    for folder, name in zip(
        folders, ["Ada Lovelace", "ada lovelace", "Zoë Ní Bhriain"], strict=True
    ):
        made = sorted(
            p.relative_to(out / "chef" / folder).as_posix()
            for p in (out / "chef" / folder).rglob("*.html")
        )
        assert made == expected
        assert name in (out / "chef" / folder / "interview-kit.html").read_text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("who,when\nAda,2026-12-01\n", "names.csv:1:1: header: The first row has no `name` column"),
        ("name,date\nAda,12/01/2026\n", "names.csv:2:1: date: '12/01/2026' is not a date"),
        ("", "names.csv:1:1: candidates: The file names no candidate"),
    ],
)
def test_a_bad_candidates_file_exits_1_and_writes_nothing(runner, tmp_path, text, message):
    names = tmp_path / "names.csv"
    names.write_text(text)
    out = tmp_path / "out"
    result = run(
        runner,
        "build",
        "-l",
        "chef",
        "--levels-dir",
        str(SMALL),
        "--candidates",
        str(names),
        "-o",
        str(out),
    )
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_candidate_and_candidates_together_or_a_missing_file_are_usage_errors(runner, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Ada\n")
    base = ["build", "-l", "chef", "--levels-dir", str(SMALL), "-o", str(tmp_path / "out")]
    both = run(runner, *base, "--candidate", "Ada", "--candidates", str(names))
    assert both.exit_code == 2
    assert "not both" in both.stderr
    assert run(runner, *base, "--candidates", str(tmp_path / "nowhere.csv")).exit_code == 2
    assert not (tmp_path / "out").exists()


def test_shell_completion_offers_the_levels_of_the_ladder_in_use(tmp_path):
    def complete(words: str, cwd: Path) -> list[str]:
        env = {
            **os.environ,
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
            "_RUBRICGEN_COMPLETE": "bash_complete",
        }
        result = subprocess.run(
            [sys.executable, "-m", "rubricgen"], env=env, cwd=cwd, capture_output=True, text=True
        )
        return result.stdout.split()

    assert complete("rubricgen build --level se", tmp_path) == ["plain,senior"]
    assert "plain,cpo" in complete("rubricgen build --level ", tmp_path)
    (tmp_path / "levels").symlink_to(SMALL)
    assert complete("rubricgen build --level ", tmp_path) == [
        "plain,cook",
        "plain,chef",
        "plain,line",
        "plain,head",
        "plain,all",
    ]


def test_diff_prints_a_per_competency_comparison(runner):
    result = runner.invoke(main, ["diff", "pm", "senior"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("From Product Manager to Senior Product Manager\n")
    assert (
        "Growth and people leadership · Leadership and influence · new at Senior Product Manager"
        in text
    )
    assert "  Product Manager: not assessed." in text
    assert "  What changes:" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_diff_writes_a_printable_sheet(runner, tmp_path):
    result = runner.invoke(
        main, ["diff", "lead", "cpo", "-f", "html", "-f", "md", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    html = (tmp_path / "diff/principal-to-vp.html").read_text()
    assert "<h1>From Principal Product Manager to VP of Product</h1>" in html
    assert (tmp_path / "diff/principal-to-vp.md").read_text().startswith("# From Principal")


def test_diff_refuses_an_unknown_level(runner):
    result = runner.invoke(main, ["diff", "pm", "nosuch"])
    assert result.exit_code == 2
    assert "No level 'nosuch'" in result.stderr


def test_build_kind_ladder_needs_no_level(runner, tmp_path):
    result = runner.invoke(main, ["build", "--kind", "ladder", "-f", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "ladder.json").read_text())
    assert data["kind"] == "ladder"
    assert sum(len(area["rows"]) for area in data["areas"]) == 12
    result = runner.invoke(main, ["build", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "Choose the levels to build with --level LEVEL" in result.stderr


def test_diff_refuses_one_level_twice_and_all(runner):
    result = runner.invoke(main, ["diff", "pm", "pm"])
    assert result.exit_code == 2
    assert "'pm' and 'pm' are both Product Manager; name two different levels" in (result.stderr)
    result = runner.invoke(main, ["diff", "lead", "principal"])
    assert result.exit_code == 2
    result = runner.invoke(main, ["diff", "pm", "all"])
    assert result.exit_code == 2
    assert "No level 'all'. Choose from: apm, pm, senior, principal, vp, lead, cpo." in (
        result.stderr
    )


def test_a_downward_diff_never_calls_a_competency_new(runner):
    result = runner.invoke(main, ["diff", "senior", "pm"])
    assert result.exit_code == 0, result.output
    assert "new at" not in result.stdout
    assert "Data and analytical judgement · Product craft · assessed only at Product Manager" in (
        result.stdout
    )


def test_help_gives_every_command_a_whole_description(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    commands = result.stdout.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert len(commands) == len(main.commands)
    for line in commands:
        assert line.rstrip().endswith(".") and not line.rstrip().endswith("..."), line


def test_help_names_a_level_of_the_ladder_in_use(runner, tmp_path, monkeypatch):
    result = runner.invoke(main, ["--help"])
    assert "then `rubricgen build --level senior`" in result.stdout
    (tmp_path / "levels").symlink_to(SMALL)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["--help"])
    assert "then `rubricgen build --level chef`" in result.stdout


def test_every_command_is_a_few_lines_over_the_pipeline():
    """Each command parses its options and calls the pipeline: no body (its
    docstring aside) is longer than 25 lines."""
    import ast
    import inspect

    import rubricgen.__main__ as cli

    tree = ast.parse(inspect.getsource(cli))
    commands = {command.callback.__name__ for command in main.commands.values()}
    bodies = {
        node.name: node.body[1:] if ast.get_docstring(node) else node.body
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name in commands
    }
    assert set(bodies) == commands
    for name, body in bodies.items():
        lines = body[-1].end_lineno - body[0].lineno + 1
        assert lines <= 25, f"{name} has {lines} lines"


def test_the_command_as_a_process_writes_all_it_prints_and_keeps_its_exit_status(tmp_path):
    """`run` leaves without the interpreter's teardown, and still with all it
    printed and the status `main` ended with."""

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "rubricgen", *args],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
            capture_output=True,
            text=True,
        )

    listed = command("list", "--json")
    assert listed.returncode == 0, listed.stderr
    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert ids == [level.id for level in load_ladder(shipped("levels")).levels]
    wrong = command("validate", "--levels-dir", str(tmp_path / "nowhere"))
    assert wrong.returncode == 1
    assert wrong.stderr.splitlines()[-1].startswith("1 problem found")
    assert command("no-such-command").returncode == 2
