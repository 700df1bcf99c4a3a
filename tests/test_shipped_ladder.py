"""The Product Management ladder that ships meets the content bar, so that a
future edit that thins it out fails CI."""

import itertools
import re

import pytest

from rubricgen.paths import shipped

MIN_QUESTIONS = 15
PLACEHOLDERS = re.compile(r"\b(TODO|TBD|FIXME|lorem|ipsum|placeholder|xxx)\b", re.IGNORECASE)


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def test_competencies_are_eight_to_twelve_in_a_few_areas(shipped_ladder):
    defs = shipped_ladder.definitions
    assert 8 <= len(defs.competencies) <= 12
    assert 2 <= len(defs.areas) <= 4
    for competency in defs.competencies:
        assert len(competency.description) > 120, competency.id
        assert competency.is_not, competency.id


@pytest.mark.parametrize("level_id", ["apm", "pm", "senior", "principal", "vp"])
def test_each_level_meets_the_numbers(shipped_ladder, level_id):
    level = shipped_ladder.find(level_id)
    assert 5 <= len(level.competencies) <= 8
    questions = [q for c in level.competencies for q in c.questions]
    assert len(questions) >= MIN_QUESTIONS
    assert {q.type for q in questions} == {"behavioural", "situational", "case"}
    for assessed in level.competencies:
        assert len(assessed.questions) >= 2, assessed.competency
        anchors = [norm(text) for text in assessed.anchors.values()]
        assert len(set(anchors)) == len(anchors), assessed.competency
    for question in questions:
        assert len(question.probes) >= 2, question.id
        assert len(question.signals) >= 2, question.id
        assert len(question.red_flags) >= 1, question.id
        assert 5 <= question.minutes <= 20, question.id
    assert 4 <= len(level.loop) <= 6
    weights = {c.competency: c.weight for c in level.competencies}
    assert max(weights.values()) == 3


def test_levels_weigh_what_they_are_about(shipped_ladder):
    def core(level_id):
        return {c.competency for c in shipped_ladder.find(level_id).competencies if c.weight == 3}

    assert {"execution", "customer-insight", "communication"} <= core("apm")
    assert {"strategy", "people-growth", "business-acumen", "communication"} <= core("vp")


def test_adjacent_levels_never_share_text(shipped_ladder):
    for lower, upper in itertools.pairwise(shipped_ladder.levels):

        def texts(level):
            return {
                norm(t) for c in level.competencies for t in [c.expectation, *c.anchors.values()]
            }

        shared = texts(lower) & texts(upper)
        assert not shared, (lower.id, upper.id, shared)


def test_question_texts_are_mostly_unique_across_the_ladder(shipped_ladder):
    texts = [
        norm(q.text)
        for level in shipped_ladder.levels
        for c in level.competencies
        for q in c.questions
    ]
    assert len(set(texts)) / len(texts) >= 0.85


def test_no_placeholder_and_no_biased_language(shipped_ladder):
    assert shipped_ladder.warnings == ()
    for path in sorted(shipped("levels").glob("*.yaml")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            assert not PLACEHOLDERS.search(line), f"{path.name}:{number}: {line}"


def test_it_fills_in_what_the_schema_leaves_optional(shipped_ladder):
    """Any ladder may have only expectations; the shipped one has everything
    a kit and a rubric can print."""
    defs = shipped_ladder.definitions
    assert defs.areas and defs.rating_scale and defs.recommendation_scale and defs.interviews
    for competency in defs.competencies:
        assert competency.area and competency.description and competency.is_not, competency.id
    lowest = shipped_ladder.levels[0]
    for level in shipped_ladder.levels:
        assert level.title and level.summary and level.scope and level.impact, level.id
        assert level.loop, level.id
        for assessed in level.competencies:
            where = (level.id, assessed.competency)
            assert assessed.weight is not None and assessed.anchors, where
            if level is lowest:
                continue
            promotion = assessed.promotion
            assert promotion is not None, where
            assert promotion.changes and promotion.evidence, where
            assert promotion.strong_example and promotion.weak_example, where
