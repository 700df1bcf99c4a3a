import pytest

from rubricgen.views import NotMade
from rubricgen.views.promotion_rubric import resolve_promotion_rubric


def test_lowest_level_has_no_rubric(shipped_ladder, small_ladder):
    for ladder, lowest in ((shipped_ladder, "apm"), (small_ladder, "cook")):
        with pytest.raises(NotMade, match="is the lowest level, so nobody is promoted into it"):
            resolve_promotion_rubric(ladder, ladder.find(lowest))


def test_expectations_of_both_levels_side_by_side(small_ladder):
    rubric = resolve_promotion_rubric(small_ladder, small_ladder.find("chef"))
    assert rubric.level_below.id == "cook"
    knife = rubric.competencies[0]
    assert knife.expectation_below == "The line cook shows knife work every service."
    assert knife.expectation == "The sous chef shows knife work every service."
    assert not knife.new_at_level
    assert [o.label for o in rubric.scale] == ["Not yet", "Consistently"]


def test_competency_new_at_a_level_is_marked(shipped_ladder):
    rubric = resolve_promotion_rubric(shipped_ladder, shipped_ladder.find("senior"))
    pm = shipped_ladder.find("pm")
    assessed_at_pm = {c.competency for c in pm.competencies}
    for competency in rubric.competencies:
        assert competency.new_at_level == (competency.competency not in assessed_at_pm)
        assert (competency.expectation_below is None) == competency.new_at_level


def test_the_ladders_promotion_guide_is_printed_only_when_it_has_one(shipped_ladder, small_ladder):
    rubric = resolve_promotion_rubric(shipped_ladder, shipped_ladder.find("senior"))
    guide = shipped_ladder.definitions.promotion_guide
    assert [point.text for point in rubric.guide] == [
        guide.evidence,
        guide.period,
        guide.calibration,
    ]
    assert small_ladder.definitions.promotion_guide is None
    assert resolve_promotion_rubric(small_ladder, small_ladder.find("chef")).guide == []


def test_the_rubric_speaks_of_the_person_never_the_candidate(shipped_ladder):
    rubric = resolve_promotion_rubric(shipped_ladder, shipped_ladder.find("vp"))
    wording = [rubric.guidance, rubric.how_to, rubric.evidence_label, rubric.summary_note]
    wording += [rubric.new_note, *rubric.readiness]
    assert all("candidate" not in sentence.lower() for sentence in wording)
    assert "the person" in rubric.how_to
    assert rubric.readiness[0] == "Ready: works at VP of Product level now"
    assert rubric.new_note == "Not assessed at Principal Product Manager: new at this level."
