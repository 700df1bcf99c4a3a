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
        assert 5 <= question.minutes <= 45, question.id
    assert 4 <= len(level.loop) <= 7
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


LEVELS = ["apm", "pm", "senior", "principal", "vp"]

# What the brief says each level does and needs, as the competencies that must
# assess it there (with questions, and promotion evidence above the lowest level).
SEED = {
    "apm": {
        "execution",
        "customer-insight",
        "collaboration",
        "communication",
        "data-judgement",
        "technical-fluency",
    },
    "pm": {"execution", "collaboration", "prioritisation", "strategy", "innovation"},
    "senior": {"strategy", "influence", "communication", "people-growth"},
    "principal": {
        "strategy",
        "collaboration",
        "communication",
        "people-growth",
        "business-acumen",
        "innovation",
    },
    "vp": {"strategy", "people-growth", "communication", "business-acumen", "influence"},
}


def questions(level):
    return [q for c in level.competencies for q in c.questions]


@pytest.mark.parametrize("level_id", LEVELS)
def test_the_brief_is_assessed_at_every_level(shipped_ladder, level_id):
    level = shipped_ladder.find(level_id)
    assessed = {c.competency: c for c in level.competencies}
    for competency in SEED[level_id]:
        assert competency in assessed, competency
        assert assessed[competency].questions, competency
        if level_id != "apm":
            assert assessed[competency].promotion is not None, competency
    if level_id == "apm":
        launch = " ".join(q.text for q in questions(level)).lower()
        assert "positioning" in launch or "messaging" in launch


@pytest.mark.parametrize("level_id", LEVELS)
def test_hypothetical_answers_have_a_rating_guide_of_their_own(shipped_ladder, level_id):
    level = shipped_ladder.find(level_id)
    scale = [point.rating for point in shipped_ladder.definitions.rating_scale]
    for assessed in level.competencies:
        anchors = {norm(text) for text in assessed.anchors.values()}
        for question in assessed.questions:
            if question.type == "behavioural":
                continue
            assert question.rating_guide is not None, question.id
            assert sorted(question.rating_guide) == scale, question.id
            guide = [norm(text) for text in question.rating_guide.values()]
            assert len(set(guide)) == len(guide), question.id
            assert not set(guide) & anchors, question.id


@pytest.mark.parametrize("level_id", LEVELS)
def test_cases_come_with_materials_and_time(shipped_ladder, level_id):
    for question in questions(shipped_ladder.find(level_id)):
        if question.type != "case":
            continue
        assert question.minutes >= 20, question.id
        assert question.materials, question.id
        for material in question.materials:
            assert len(material.body) > 80, (question.id, material.title)
        if question.role_play:
            assert any(m.audience == "interviewer" for m in question.materials), question.id


@pytest.mark.parametrize("level_id", LEVELS)
def test_every_loop_says_who_interviews_and_how_to_decide(shipped_ladder, level_id):
    level = shipped_ladder.find(level_id)
    for entry in level.loop:
        assert entry.interviewers, entry.interview
    assert level.decision_rule and "not assessed" in level.decision_rule.lower()
    assert 150 <= sum(entry.minutes for entry in level.loop) <= 360
    references = level.reference_check
    assert len(references) >= 5
    assert len({r.competency for r in references}) >= 3
    for reference in references:
        assert reference.listen_for, reference.text


def test_senior_and_vp_loops_cover_product_sense_and_delivery(shipped_ladder):
    def interviews(level_id):
        return {entry.interview for entry in shipped_ladder.find(level_id).loop}

    assert "product-sense" in interviews("senior")
    assert {"execution", "technical"} & interviews("senior")
    assert "product-sense" in interviews("vp")
    sent_ahead = [
        m
        for q in questions(shipped_ladder.find("vp"))
        for m in q.materials
        if m.audience == "candidate" and m.given == "before"
    ]
    assert sent_ahead


def shingles(text: str, size: int = 10) -> set[tuple[str, ...]]:
    words = norm(text).split()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_no_question_shares_ten_words_running_with_another_level(shipped_ladder):
    seen: dict[tuple[str, ...], str] = {}
    for level in shipped_ladder.levels:
        for question in questions(level):
            for run in shingles(question.text):
                other = seen.setdefault(run, level.id)
                assert other == level.id, (question.id, other, " ".join(run))


HOUSE_STYLE = {
    "a % sign (write `percent`)": re.compile(r"%"),
    "`chief executive` (write `CEO`)": re.compile(r"chief executive", re.IGNORECASE),
    "a currency other than `$`": re.compile(r"[€£]|\b(euros?|pounds sterling|USD|GBP|EUR)\b"),
    "`per cent` (write `percent`)": re.compile(r"per cent", re.IGNORECASE),
}


@pytest.mark.parametrize("level_id", LEVELS)
def test_one_house_style(shipped_ladder, level_id):
    text = (shipped("levels") / f"{level_id}.yaml").read_text()
    for what, pattern in HOUSE_STYLE.items():
        found = pattern.search(text)
        assert not found, f"{level_id}.yaml has {what}: {found.group() if found else ''}"
    for assessed in shipped_ladder.find(level_id).competencies:
        promotion = assessed.promotion
        if promotion is None:
            continue
        for sentence in [
            promotion.changes,
            *promotion.evidence,
            promotion.strong_example,
            promotion.weak_example,
        ]:
            assert "candidate" not in sentence.lower(), (assessed.competency, sentence)
        for item in promotion.evidence:
            assert not item.rstrip().endswith("?"), (assessed.competency, item)


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
