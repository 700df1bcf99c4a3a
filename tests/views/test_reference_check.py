"""The reference-check guide: the level's questions, fair-call guidance written
once, and no guide for a level without questions."""

import pytest

from rubricgen.views import NotMade, resolve_reference_check
from rubricgen.views.reference_check import ReferenceCheck


def test_a_level_without_reference_questions_has_no_guide_and_says_why(small_ladder):
    with pytest.raises(NotMade, match="Line cook has no reference_check questions; add some"):
        resolve_reference_check(small_ladder, small_ladder.find("cook"))


def test_questions_are_numbered_and_tied_to_their_competency(small_ladder):
    guide = resolve_reference_check(small_ladder, small_ladder.find("chef"))
    assert guide.kind == "reference-check"
    assert [(q.number, q.competency_name) for q in guide.questions] == [
        (1, "Knife work"),
        (2, "Menu planning"),
        (3, "Knife work"),
    ]
    assert guide.questions[0].listen_for == [
        "What they cut, and how fast.",
        "Whether the rest of the line kept up.",
    ]
    # Two to a page, questions then the summary (None).
    numbers = [[q.number if q else None for q in page] for page in guide.pages()]
    assert numbers == [[1, 2], [3, None]]
    even = guide.model_copy(update={"questions": guide.questions[:2]})
    assert [[q.number if q else None for q in page] for page in even.pages()] == [[1, 2], [None]]


def test_the_guidance_covers_a_fair_call_and_what_never_to_ask():
    fair = " ".join(ReferenceCheck.how_to_run).lower()
    for point in ("consent", "same words and order", "at least two references", "notes"):
        assert point in fair, point
    assert "saw the candidate do" in fair
    never = " ".join(ReferenceCheck.do_not_ask).lower()
    for topic in ("age", "health", "family", "pay", "religion", "disability", "pregnancy"):
        assert topic in never, topic
    # Written for any country: no one country's law is named.
    for country in ("united states", "eeoc", "uk ", "equality act", "gdpr"):
        assert country not in never
