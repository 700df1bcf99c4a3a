"""The debrief summary: ratings side by side, spreads flagged, missing
scorecards named, recommendations and notes kept, who rated what."""

from rubricgen.schema.scorecards import Scorecard
from rubricgen.views import Occasion, resolve_interview_kit
from rubricgen.views.debrief_summary import DebriefSummary, resolve_debrief_summary


def four_of_five(ladder):
    """Scorecards for all but the last senior interview: one competency rated
    1 and 3 by two interviewers, one rating left unset, the rest 3 or n/a."""
    level = ladder.find("senior")
    kit = resolve_interview_kit(ladder, level, Occasion(seed=3))
    interviews = kit.interviews[:-1]
    owners = {}
    for interview in interviews:
        for competency in interview.competencies:
            owners.setdefault(competency, []).append(interview.id)
    split = next(c for c, ids in owners.items() if len(ids) >= 2)
    cards = []
    for interview in interviews:
        ratings = {c: "3" for c in interview.competencies}
        if interview.id == owners[split][0]:
            ratings[split] = "1"
        cards.append(
            Scorecard(
                source=f"panel/{interview.number:02d}-{interview.id}.pdf",
                interview=interview.id,
                ratings=ratings,
                recommendation="yes",
                interviewer=f"Interviewer {interview.number}",
                evidence="Clear metric, clear trade-off.",
                notes={q.id: f"Notes on {q.id}." for q in reversed(interview.questions)},
                candidate="Ada Lovelace",
                date="2026-12-01" if interview.number < 3 else "2026-12-02",
                seed=3,
            )
        )
    # One radio left unset, and one competency marked not assessed, elsewhere.
    unset = next(c for c in interviews[1].competencies if c != split)
    cards[1].ratings[unset] = None
    cards[2].ratings[next(c for c in interviews[2].competencies if c not in (split, unset))] = "na"
    return level, kit, cards, split, (interviews[1].id, unset)


def test_ratings_spread_and_missing_scorecards(shipped_ladder):
    level, kit, cards, split, (unset_interview, unset) = four_of_five(shipped_ladder)
    summary = resolve_debrief_summary(shipped_ladder, level, cards)
    assert summary.flagged == [split]
    assert summary.missing == [kit.interviews[-1].id]
    for card in cards:
        for competency, value in card.ratings.items():
            assert summary.ratings[competency][card.interview] == value
    assert summary.ratings[unset][unset_interview] is None
    # The missing interview appears in no rating: its scorecard never came in.
    assert all(kit.interviews[-1].id not in row for row in summary.ratings.values())
    row = next(r for r in summary.rows if r.competency == split)
    assert (row.spread, row.flagged) == (2, True)
    shown = {cell.interview: cell.shown for cell in row.cells}
    assert "1" in shown.values() and "3" in shown.values()
    unset_row = next(r for r in summary.rows if r.competency == unset)
    assert {c.interview: c.shown for c in unset_row.cells}[unset_interview] == "blank"
    assert summary.recommendations == {card.interview: "yes" for card in cards}
    total = len(kit.interviews)
    assert summary.subtitle() == (
        f"{total - 1} of {total} scorecards in; 1 competency with a spread of 2 points or more."
    )


def test_who_rated_what_notes_in_asking_order_and_the_occasion(shipped_ladder):
    level, kit, cards, _, _ = four_of_five(shipped_ladder)
    summary = resolve_debrief_summary(shipped_ladder, level, cards)
    first = summary.interviews[0]
    assert (first.interviewer, first.source, first.recommendation_label) == (
        "Interviewer 1",
        f"01-{kit.interviews[0].id}.pdf",
        "Hire",
    )
    # The notes follow the order the interview asked its questions.
    assert [note.question for note in first.notes] == [q.text for q in kit.interviews[0].questions]
    assert first.notes[0].text == f"Notes on {kit.interviews[0].questions[0].id}."
    assert not summary.interviews[-1].submitted and summary.interviews[-1].notes == []
    assert summary.occasion.candidate == "Ada Lovelace"
    assert summary.occasion.date == "2026-12-01, 2026-12-02"
    assert summary.occasion.seed == 3
    assert summary.decision_rule == level.decision_rule


def test_the_json_has_the_keys_integrations_read(shipped_ladder):
    level, _, cards, _, _ = four_of_five(shipped_ladder)
    data = resolve_debrief_summary(shipped_ladder, level, cards).model_dump()
    assert {"ratings", "flagged", "missing", "recommendations"} <= set(data)
    assert data["kind"] == "debrief-summary"


def test_sentences_name_no_one_ladder():
    for sentence in (DebriefSummary.key, DebriefSummary.spread_rule, DebriefSummary.no_rule):
        assert "product" not in sentence.lower()
