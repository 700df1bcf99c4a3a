import itertools
from collections import Counter

from rubricgen.views.interview_kit import resolve_interview_kit


def test_every_question_is_asked_in_exactly_one_interview(shipped_ladder):
    for level in shipped_ladder.levels:
        kit = resolve_interview_kit(shipped_ladder, level)
        asked = Counter(q.id for interview in kit.interviews for q in interview.questions)
        written = {q.id for c in level.competencies for q in c.questions}
        assert set(asked) == written, level.id
        assert set(asked.values()) == {1}, level.id


def test_questions_alternate_between_the_interviews_that_own_a_competency(small_ladder):
    kit = resolve_interview_kit(small_ladder, small_ladder.find("cook"))
    by_interview = {i.id: [q.id for q in i.questions] for i in kit.interviews}
    assert by_interview == {
        "station": ["cook-knife-work-1"],
        "tasting": ["cook-knife-work-2"],
        "menu": ["cook-menu-planning-1"],
        "chat": ["cook-menu-planning-2"],
    }


def test_time_plan_fills_the_interview_without_gaps(shipped_ladder):
    for level in shipped_ladder.levels:
        for interview in resolve_interview_kit(shipped_ladder, level).interviews:
            plan = interview.time_plan
            assert plan[0].start == 0
            assert plan[-1].end == interview.minutes
            assert all(a.end == b.start for a, b in itertools.pairwise(plan))
            assert plan[-1].activity == "The candidate's questions"


def test_anchors_follow_the_rating_scale(small_ladder):
    kit = resolve_interview_kit(small_ladder, small_ladder.find("chef"))
    knife = kit.competency("knife-work")
    assert [(a.rating, a.label) for a in knife.anchors] == [
        (1, "Well below"),
        (2, "Below"),
        (3, "Meets"),
        (4, "Above"),
    ]
    assert knife.interviews == ["Station test", "Tasting"]


def test_debrief_grid_marks_who_owns_what(small_ladder):
    kit = resolve_interview_kit(small_ladder, small_ladder.find("chef"))
    grid = {row.competency: row.owned_by for row in kit.debrief}
    assert grid == {
        "knife-work": [True, True, False, False],
        "menu-planning": [False, False, True, True],
    }


def test_json_carries_what_integrations_need(shipped_ladder):
    data = resolve_interview_kit(shipped_ladder, shipped_ladder.find("senior")).model_dump()
    question = data["interviews"][0]["questions"][0]
    assert {"id", "competency", "text", "probes", "signals", "red_flags", "minutes"} <= set(
        question
    )
    anchor = data["competencies"][0]["anchors"][0]
    assert {"rating", "text"} <= set(anchor)
