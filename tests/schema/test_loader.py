import os
from pathlib import Path

import pytest

from rubricgen.schema import LadderError, load_ladder
from tests.conftest import DATA


def problems(directory: Path) -> list[str]:
    """The problems found, the folder written `DIR` however the run names it
    (relative to where the tests run, or absolute)."""
    with pytest.raises(LadderError) as caught:
        load_ladder(directory)
    found = [str(p) for p in caught.value.problems]
    for name in (os.path.relpath(directory), str(directory)):
        found = [p.replace(name, "DIR") for p in found]
    return found


def test_shipped_ladder_loads_in_order(shipped_ladder):
    assert [level.id for level in shipped_ladder.levels] == [
        "apm",
        "pm",
        "senior",
        "principal",
        "vp",
    ]
    assert shipped_ladder.find("lead").id == "principal"
    assert shipped_ladder.find("cpo").id == "vp"
    assert shipped_ladder.find("nosuch") is None


def test_broken_ladder_reports_every_problem_at_its_line_and_column(monkeypatch):
    monkeypatch.chdir(DATA / "broken")
    with pytest.raises(LadderError) as caught:
        load_ladder(Path("."))
    found = [
        (p.file, p.line, p.column, p.where, p.message.split(";")[0]) for p in caught.value.problems
    ]
    assert found == [
        ("chef.yaml", 3, 1, "titel", "Unknown key `titel`"),
        (
            "chef.yaml",
            11,
            13,
            "competencies[0].weight",
            "Write a whole number from 1 to 3 here, not text.",
        ),
        (
            "chef.yaml",
            38,
            15,
            "competencies[0].questions[1].type",
            "Use one of: 'behavioural', 'situational' or 'case'.",
        ),
        (
            "cook.yaml",
            14,
            7,
            "competencies[0].anchors",
            "Add the anchor for rating 4 (Above): what a candidate rated so says or does.",
        ),
        (
            "cook.yaml",
            42,
            17,
            "competencies[1].competency",
            "`menu-planning` is covered by 1 interview(s) of the loop",
        ),
        (
            "cook.yaml",
            63,
            13,
            "competencies[1].questions[1].id",
            "The question id `cook-menu-planning-1` is already used in cook.yaml on line 51",
        ),
        (
            "cook.yaml",
            85,
            20,
            "loop[2].competencies[0]",
            "This level does not assess `menu-planing`",
        ),
    ]
    unknown = next(p for p in caught.value.problems if p.where == "titel")
    assert "did you mean `title`?" in unknown.message


def test_folder_without_ladder_file_is_refused(tmp_path):
    (found,) = problems(tmp_path)
    assert found.endswith(
        ":1:1: (top): No ladder.yaml here: a ladder folder holds ladder.yaml (the "
        "shared definitions) and one YAML file per level. Point --levels-dir at such "
        "a folder."
    )


def test_level_file_not_listed_and_listed_level_without_file(ladder_copy):
    (ladder_copy / "cook.yaml").rename(ladder_copy / "commis.yaml")
    found = problems(ladder_copy)
    assert any("There is no file cook.yaml for the level `cook`" in p for p in found)
    assert any("The file commis.yaml is not listed here" in p for p in found)


def test_level_id_must_match_file_name(ladder_copy):
    path = ladder_copy / "chef.yaml"
    path.write_text(path.read_text().replace("id: chef\n", "id: sous\n", 1))
    found = problems(ladder_copy)
    assert any(":1:5: id: The id must match the file name: write `chef`" in p for p in found)


def test_unknown_competency_suggests_the_closest(ladder_copy):
    path = ladder_copy / "chef.yaml"
    path.write_text(path.read_text().replace("competency: knife-work", "competency: knife", 1))
    found = problems(ladder_copy)
    assert any(
        "No competency `knife` in ladder.yaml; did you mean `knife-work`?" in p for p in found
    )


def test_questions_that_overrun_an_interview_are_refused(ladder_copy):
    path = ladder_copy / "chef.yaml"
    path.write_text(path.read_text().replace("minutes: 10", "minutes: 25", 1))
    found = problems(ladder_copy)
    # Whatever the seed, the station interview may draw the 25-minute question.
    assert any(
        "loop[0].minutes: This interview's questions can take 25 minutes, plus 10 "
        "for opening and closing: 35 in all, more than its 30." in p
        for p in found
    )
    assert any("loop[1].minutes: This interview's questions can take 25" in p for p in found)


def test_pool_too_small_for_the_loop(ladder_copy):
    path = ladder_copy / "chef.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "    competencies: [knife-work]\n",
            "    competencies: [knife-work]\n    questions_per_competency: 2\n",
            1,
        )
    )
    found = problems(ladder_copy)
    assert any(
        "competencies[0].questions: The loop asks 3 different questions about `knife-work`, "
        "1 more than its pool can give (a question meant for one interview counts only "
        "there); write 1 more, so that no question is asked twice." in p
        for p in found
    )


def test_loop_needs_four_to_six_interviews(ladder_copy):
    path = ladder_copy / "cook.yaml"
    text = path.read_text()
    cut = text.index("  - interview: chat")
    path.write_text(text[:cut])
    found = problems(ladder_copy)
    assert any(
        "loop: The loop has 3 interview(s); this ladder's loops have 4 to 6. Change the "
        "loop, or the limits under `loop_rules` in ladder.yaml." in p
        for p in found
    )


def test_loop_rules_are_the_ladders_own(ladder_copy):
    cook = ladder_copy / "cook.yaml"
    text = cook.read_text()
    cook.write_text(text[: text.index("  - interview: chat")])
    ladder = ladder_copy / "ladder.yaml"
    ladder.write_text(
        ladder.read_text()
        + "loop_rules:\n  min_interviews: 3\n  min_interviews_per_competency: 1\n"
    )
    load_ladder(ladder_copy)


def test_rating_guide_covers_the_scale(ladder_copy):
    path = ladder_copy / "chef.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "        type: behavioural\n",
            "        type: behavioural\n        rating_guide:\n          1: Nothing.\n"
            "          2: Little.\n          5: Too much.\n",
            1,
        )
    )
    found = problems(ladder_copy)
    assert any(
        "competencies[0].questions[0].rating_guide: A rating guide gives one entry per point "
        "of the rating scale (1 to 4); add the rating(s) 3, 4 and remove the rating(s) 5." in p
        for p in found
    ), found


def test_a_role_play_needs_a_hidden_brief(ladder_copy):
    path = ladder_copy / "chef.yaml"
    text = path.read_text()
    brief = (
        "        role_play: true\n        materials:\n          - audience: candidate\n"
        "            given: during\n            title: Menu\n            body: Soup.\n"
    )
    path.write_text(
        text.replace("        type: behavioural\n", "        type: behavioural\n" + brief, 1)
    )
    found = problems(ladder_copy)
    assert any("A role-play needs a hidden brief" in p for p in found), found
    path.write_text(
        text.replace(
            "        type: behavioural\n",
            "        type: behavioural\n"
            + brief.replace("audience: candidate", "audience: interviewer"),
            1,
        )
    )
    load_ladder(ladder_copy)


def test_reference_questions_name_an_assessed_competency(ladder_copy):
    path = ladder_copy / "cook.yaml"  # chef.yaml has reference questions already
    path.write_text(
        path.read_text()
        + "reference_check:\n  - competency: knife-wrk\n    text: How did they cut?\n"
        "    listen_for: [Speed.]\n"
    )
    found = problems(ladder_copy)
    assert any(
        "reference_check[0].competency: This level does not assess `knife-wrk`; did you mean "
        "`knife-work`?" in p
        for p in found
    ), found


def test_lowest_level_may_not_have_a_promotion_block(ladder_copy):
    chef = (ladder_copy / "chef.yaml").read_text()
    block = chef[chef.index("    promotion:") : chef.index("    questions:")]
    cook = (ladder_copy / "cook.yaml").read_text()
    (ladder_copy / "cook.yaml").write_text(
        cook.replace("    questions:", block + "    questions:", 1)
    )
    found = problems(ladder_copy)
    assert any("This is the lowest level" in p for p in found)


def test_alias_may_not_name_another_level(ladder_copy):
    path = ladder_copy / "chef.yaml"
    path.write_text(path.read_text().replace("aliases: [head]", "aliases: [cook]", 1))
    found = problems(ladder_copy)
    assert any("`cook` already names the level `cook`" in p for p in found)


def test_a_question_meant_for_an_interview_that_does_not_own_its_competency(ladder_copy):
    path = ladder_copy / "chef.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "        type: behavioural\n", "        type: behavioural\n        interview: menu\n", 1
        )
    )
    found = problems(ladder_copy)
    assert any(
        "competencies[0].questions[0].interview: This question is meant for `menu`, which "
        "does not own `knife-work` in this loop;" in p
        for p in found
    ), found


def test_all_may_be_neither_a_level_id_nor_an_alias(ladder_copy):
    (ladder_copy / "chef.yaml").rename(ladder_copy / "all.yaml")
    path = ladder_copy / "all.yaml"
    path.write_text(path.read_text().replace("id: chef\n", "id: all\n", 1))
    ladder = ladder_copy / "ladder.yaml"
    ladder.write_text(ladder.read_text().replace("levels: [cook, chef]", "levels: [cook, all]"))
    cook = ladder_copy / "cook.yaml"
    cook.write_text(cook.read_text().replace("aliases: [line]", "aliases: [all]", 1))
    found = problems(ladder_copy)
    assert any(
        p.endswith(
            "DIR/ladder.yaml:8:16: levels[1]: `all` means every level on the command "
            "line (`--level all`), so no level can have it as its id; choose another."
        )
        for p in found
    ), found
    assert any(
        "cook.yaml" in p and "`all` means every level; choose another alias." in p for p in found
    ), found


def test_a_bad_id_is_echoed_with_the_id_it_should_be(ladder_copy):
    ladder = ladder_copy / "ladder.yaml"
    ladder.write_text(ladder.read_text().replace("  - id: knife-work", '  - id: "Knife Work!"'))
    found = problems(ladder_copy)
    assert any(
        "competencies[0].id: `Knife Work!` is not an id: use lowercase letters, digits and "
        "single hyphens: write `knife-work`." in p
        for p in found
    ), found
