"""A ladder with two tracks and expectations only: each level is compared with
the level below it on its own track, and the overview has a table per track."""

import json

import pytest

from rubricgen.paths import shipped
from rubricgen.renderer.html import render_html, render_markdown
from rubricgen.renderer.templates import make_environment
from rubricgen.schema import load_ladder
from rubricgen.views import (
    NotMade,
    resolve_interview_kit,
    resolve_ladder_overview,
    resolve_level_diff,
    resolve_promotion_rubric,
)
from tests.conftest import DATA


@pytest.fixture(scope="module")
def ladder():
    return load_ladder(DATA / "tracked")


def test_a_rubric_compares_with_the_level_below_on_the_same_track(ladder):
    rubric = resolve_promotion_rubric(ladder, ladder.find("m2"))
    assert rubric.level_below.id == "m1"
    assert rubric.level.heading() == "Senior Engineering Manager (M2)"
    assert rubric.level.track == "Manager"
    people = next(c for c in rubric.competencies if c.competency == "people")
    assert people.expectation_below.startswith("Runs weekly one-to-ones")
    assert people.changes == "From managing engineers to managing managers."
    assert people.evidence == [] and people.strong_example is None
    assert not rubric.weighted and "across the competencies" in rubric.guidance
    delivery = next(c for c in rubric.competencies if c.competency == "delivery")
    assert delivery.baseline == "Says early when a commitment is at risk."
    assert delivery.changes is None
    with pytest.raises(NotMade, match="Engineering Manager is the lowest level of its track"):
        resolve_promotion_rubric(ladder, ladder.find("m1"))


def test_a_list_stays_a_list_in_the_json(ladder):
    rubric = json.loads(resolve_promotion_rubric(ladder, ladder.find("ic2")).to_json())
    design = next(c for c in rubric["competencies"] if c["competency"] == "design")
    assert design["expectation"] == ["Designs a service end to end.", "Names its failure modes."]
    assert design["description"][0] == "Choosing how the parts of a system fit together."
    assert rubric["level"]["code"] == "IC2"
    assert rubric["ladder"]["cumulative_note"] == (
        "Expectations add up: each level also expects everything the levels below it on its "
        "track expect."
    )


def test_diff_adjacency_follows_the_track(ladder):
    across = resolve_level_diff(ladder, ladder.find("ic3"), ladder.find("m1"))
    assert not across.adjacent
    up = resolve_level_diff(ladder, ladder.find("m1"), ladder.find("m2"))
    assert up.adjacent
    assert {row.competency: row.changes for row in up.rows} == {
        "delivery": None,
        "people": "From managing engineers to managing managers.",
    }


def test_a_level_without_a_loop_has_no_kit(ladder):
    with pytest.raises(NotMade, match="Engineer has no interview loop"):
        resolve_interview_kit(ladder, ladder.find("ic1"))


def test_the_overview_has_a_table_per_track(ladder):
    overview = resolve_ladder_overview(ladder)
    assert [(t.name, [level.id for level in t.levels]) for t in overview.tracks] == [
        ("Individual contributor", ["ic1", "ic2", "ic3"]),
        ("Manager", ["m1", "m2"]),
    ]
    assert [[row.competency for area in t.areas for row in area.rows] for t in overview.tracks] == [
        ["delivery", "design"],
        ["delivery", "people"],
    ]
    assert overview.has_baseline and not overview.weighted and overview.area_shares == []
    environment = make_environment(shipped("templates"))
    html = render_html(environment, overview)
    assert '<h3 id="track-1">Individual contributor</h3>' in html
    assert '<th scope="col">Engineering Manager (M1)</th>' in html
    assert "<ul><li>Agrees growth goals with each of them</li>" in html
    assert "What each level weighs" not in html
    markdown = render_markdown(environment, overview)
    assert "### Manager\n\n#### Delivery\n\n**All levels:**" in markdown
