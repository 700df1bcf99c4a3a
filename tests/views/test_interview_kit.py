import itertools
from collections import Counter

import pytest

from rubricgen.views import Occasion
from rubricgen.views.interview_kit import resolve_interview_kit


@pytest.mark.parametrize("seed", [None, 0, 1, 99])
def test_no_question_is_asked_twice_and_each_interview_asks_what_it_owns(shipped_ladder, seed):
    for level in shipped_ladder.levels:
        kit = resolve_interview_kit(shipped_ladder, level, Occasion(seed=seed))
        asked = Counter(q.id for interview in kit.interviews for q in interview.questions)
        assert set(asked.values()) == {1}, level.id
        for interview, entry in zip(kit.interviews, level.loop, strict=True):
            per_competency = Counter(q.competency for q in interview.questions)
            assert per_competency == {
                c: entry.questions_per_competency for c in entry.competencies
            }, (level.id, interview.id)


def test_seed_decides_the_questions_and_is_reproducible(shipped_ladder):
    def asked(seed):
        kit = resolve_interview_kit(
            shipped_ladder, shipped_ladder.find("senior"), Occasion(seed=seed)
        )
        return [[q.id for q in interview.questions] for interview in kit.interviews]

    assert asked(5) == asked(5)
    assert asked(None) == asked(None)
    assert len({str(asked(seed)) for seed in range(6)}) > 1


def test_without_seed_pools_are_drawn_in_file_order(small_ladder):
    kit = resolve_interview_kit(small_ladder, small_ladder.find("chef"))
    assert [[q.id for q in i.questions] for i in kit.interviews] == [
        ["chef-knife-work-1"],
        ["chef-knife-work-2"],
        ["chef-menu-planning-1"],
        ["chef-menu-planning-2"],
    ]


def test_packets_hold_only_their_own_interview(small_ladder):
    kit = resolve_interview_kit(small_ladder, small_ladder.find("chef"), Occasion(candidate="Ada"))
    packets = kit.packets()
    assert [p.interview.id for p in packets] == ["station", "tasting", "menu", "chat"]
    for packet, interview in zip(packets, kit.interviews, strict=True):
        assert packet.interview == interview
        assert [c.competency for c in packet.competencies] == interview.competencies
        assert packet.occasion.candidate == "Ada"
    sheet = kit.debrief_sheet()
    assert [i.title for i in sheet.interviews] == [
        "Station test",
        "Tasting",
        "Menu review",
        "Head chef chat",
    ]


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


def test_a_question_meant_for_an_interview_is_asked_there_whatever_the_seed(ladder_copy):
    from rubricgen.schema import load_ladder

    path = ladder_copy / "chef.yaml"
    text = path.read_text()
    # Pin the first knife-work question to the tasting interview.
    path.write_text(
        text.replace(
            "        type: behavioural\n",
            "        type: behavioural\n        interview: tasting\n",
            1,
        )
    )
    ladder = load_ladder(ladder_copy)
    for seed in (None, 0, 1, 2, 3, 4, 5):
        kit = resolve_interview_kit(ladder, ladder.find("chef"), Occasion(seed=seed))
        asked = {
            i.id: [q.id for q in i.questions if q.competency == "knife-work"]
            for i in kit.interviews
        }
        assert asked["tasting"] == ["chef-knife-work-1"], seed
        assert asked["station"] == ["chef-knife-work-2"], seed


def test_materials_are_split_by_audience_and_the_candidates_become_handouts(small_ladder):
    kit = resolve_interview_kit(small_ladder, small_ladder.find("chef"))
    tasting = kit.interviews[1]
    (question,) = tasting.questions
    assert [m.title for m in question.interviewer_materials] == ["Facts to release"]
    assert [m.title for m in question.candidate_materials] == ["Prep list for Saturday <&>"]
    assert question.candidate_materials[0].table == [
        ["Station", "Covers"],
        ["Grill", "24"],
        ["Cold", "16"],
    ]
    assert question.handout_notes == [
        'Give the candidate the handout "Prep list for Saturday <&>" as you ask this question.'
    ]
    handouts = kit.handouts()
    assert [name for name, _ in handouts] == ["handouts/02-tasting", "handouts/04-chat"]
    for _, handout in handouts:
        assert all(m.audience == "candidate" for m in handout.materials)
    # The recruiter's list: what goes out before the day first.
    assert [(row.title, row.given, row.handout) for row in kit.send_ahead] == [
        ("This week's market list", "before", "handouts/04-chat"),
        ("Prep list for Saturday <&>", "during", "handouts/02-tasting"),
    ]


def test_a_question_with_a_guide_is_rated_on_it_and_others_on_the_anchors(small_ladder):
    kit = resolve_interview_kit(small_ladder, small_ladder.find("chef"))
    station, tasting = kit.interviews[:2]
    (anchors,) = station.rating_guides
    assert (anchors.title, anchors.question) == ("Knife work: anchors at this level", None)
    assert anchors.points == kit.competency("knife-work").anchors
    (guide,) = tasting.rating_guides
    assert (guide.title, guide.question) == ("Question 1: Knife work (case)", 1)
    assert [(p.rating, p.label, p.text) for p in guide.points][2] == (
        3,
        "Meets",
        "Safe, even and on time.",
    )
    assert tasting.questions[0].rating_guide == guide.points


def test_packets_and_the_debrief_sheet_carry_the_decision_rule_and_weights(small_ladder):
    kit = resolve_interview_kit(small_ladder, small_ladder.find("chef"))
    assert kit.decision_rule and kit.decision_rule.startswith("Hire when both")
    assert {p.decision_rule for p in kit.packets()} == {kit.decision_rule}
    sheet = kit.debrief_sheet()
    assert sheet.decision_rule == kit.decision_rule
    assert [(row.name, row.weight, row.weight_label) for row in sheet.rows] == [
        ("Knife work", 3, "Core"),
        ("Menu planning", 3, "Core"),
    ]
    assert [i.interviewers for i in kit.interviews] == ["The head chef.", None, "The owner.", None]
    assert kit.names_interviewers()
    # The role-play carries its flag and the hidden brief, read before the day.
    chat = kit.interviews[3].questions[0]
    assert chat.role_play
    assert [(m.title, m.given) for m in chat.interviewer_materials] == [
        ("Hidden brief: you play the owner", "before")
    ]
