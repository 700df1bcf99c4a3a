"""Ladders of any shape: what a ladder may leave out, text or lists, level
codes, tracks, and the mistakes each of them can hide."""

from pathlib import Path

import pytest

from rubricgen.schema import LadderError, load_ladder
from tests.conftest import DATA

TRACKED = DATA / "tracked"


def problems(directory: Path) -> list[str]:
    with pytest.raises(LadderError) as caught:
        load_ladder(directory)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def tracked(tmp_path) -> Path:
    import shutil

    target = tmp_path / "tracked"
    shutil.copytree(TRACKED, target)
    return target


def test_an_expectations_only_ladder_with_tracks_loads(tracked):
    ladder = load_ladder(tracked)
    assert ladder.warnings == ()
    m2 = ladder.find("m2")
    assert [level.id for level in ladder.track(m2)] == ["m1", "m2"]
    assert ladder.below(m2).id == "m1"
    assert ladder.below(ladder.find("m1")) is None
    assert ladder.below(ladder.find("ic3")).id == "ic2"
    ic2 = ladder.find("ic2")
    assert ic2.name == "Senior Engineer" and ic2.code == "IC2"
    design = next(a for a in ic2.competencies if a.competency == "design")
    assert design.expectation == ["Designs a service end to end.", "Names its failure modes."]
    assert ladder.competency("design").description == [
        "Choosing how the parts of a system fit together.",
        "Writing the choice down for others.",
    ]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_level_names_a_declared_track_or_none_without_tracks(tracked):
    replace(tracked / "m1.yaml", "track: manager", "track: managers")
    replace(tracked / "m2.yaml", "track: manager\n", "")
    found = problems(tracked)
    assert any(
        "m1.yaml:4:8: track: No track `managers` in ladder.yaml; did you mean `manager`?" in p
        for p in found
    ), found
    assert any(
        "m2.yaml:1:1: (top): This ladder has tracks: add `track:` with one of ic, manager." in p
        for p in found
    ), found


def test_a_track_without_tracks_declared_is_refused(ladder_copy):
    replace(ladder_copy / "chef.yaml", "id: chef\n", "id: chef\ntrack: kitchen\n")
    found = problems(ladder_copy)
    assert any(
        "track: ladder.yaml declares no `tracks`; declare `kitchen` there" in p for p in found
    ), found


def test_the_lowest_level_of_a_track_has_no_promotion_block(tracked):
    replace(
        tracked / "m1.yaml",
        "    expectation: Makes sure the team delivers what it commits to.\n",
        "    expectation: Makes sure the team delivers what it commits to.\n"
        "    promotion:\n      changes: More.\n",
    )
    found = problems(tracked)
    assert any("This is the lowest level of its track" in p for p in found), found


def test_a_level_has_a_title_or_a_code(tracked):
    replace(tracked / "ic1.yaml", "title: Engineer\n", "")
    assert load_ladder(tracked).find("ic1").name == "IC1"
    replace(tracked / "ic1.yaml", "code: IC1\n", "")
    found = problems(tracked)
    assert any("ic1.yaml:1:1: (top): Give the level a `title`" in p for p in found), found


def test_a_level_weighs_all_its_competencies_or_none(tracked):
    replace(
        tracked / "ic3.yaml",
        "  - competency: delivery\n",
        "  - competency: delivery\n    weight: 3\n",
    )
    found = problems(tracked)
    assert any(
        "ic3.yaml:9:5: competencies[1]: Give `design` a `weight` from 1 to 3, as this level's "
        "other competencies have, or remove every weight from this level." in p
        for p in found
    ), found


def test_text_or_a_list_but_nothing_else(tracked):
    replace(
        tracked / "ic3.yaml",
        "expectation: Designs systems that span several teams.",
        "expectation: 3",
    )
    replace(tracked / "ic2.yaml", "      - Names its failure modes.", "      - 12")
    found = problems(tracked)
    assert any(
        "ic3.yaml:9:18: competencies[1].expectation: Write text here, or a list with one "
        "`- item` per line, not the number 3" in p
        for p in found
    ), found
    assert any(
        "ic2.yaml:11:9: competencies[1].expectation[1]: Write text here, not the number 12" in p
        for p in found
    ), found


def test_a_loop_needs_the_scales_it_rates_on(tracked):
    cut = (tracked / "ic1.yaml").read_text()
    (tracked / "ic1.yaml").write_text(
        cut + "loop:\n  - interview: chat\n    minutes: 30\n    competencies: [delivery]\n"
    )
    found = problems(tracked)
    assert any("loop: An interview loop needs `rating_scale` in ladder.yaml" in p for p in found), (
        found
    )
    assert any(
        "loop: An interview loop needs `recommendation_scale` in ladder.yaml" in p for p in found
    ), found
    assert any("No interview `chat` in ladder.yaml" in p for p in found), found
