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
