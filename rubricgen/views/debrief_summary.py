"""The debrief summary: every scorecard of one candidate's loop side by side,
for the panel to discuss. Per competency, each interview's rating and their
spread (two points or more is flagged for discussion); the interviews whose
scorecard is missing; each recommendation; the notes in full; who rated what;
and the level's decision rule."""

from pathlib import PurePath
from typing import ClassVar, Literal

from rubricgen.schema import loop
from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.schema.scorecards import NOT_ASSESSED, Scorecard
from rubricgen.views.common import (
    LevelDocument,
    Occasion,
    Option,
    ScalePoint,
    View,
    ladder_meta,
    level_meta,
    weight_label,
)

FLAG_AT = 2  # a spread of this many points or more is discussed


class SummaryNote(View):
    question: str
    competency_name: str
    text: str


class SummaryInterview(View):
    """One interview of the loop and its scorecard, if one came in."""

    number: int
    id: str
    title: str
    submitted: bool
    source: str | None
    """The name of the file the scorecard came from."""
    interviewer: str | None
    recommendation: str | None
    recommendation_label: str | None
    evidence: str | None
    notes: list[SummaryNote]


class SummaryCell(View):
    interview: str
    owned: bool
    value: str | None
    """"1".."N", "na", or None: not rated, not owned, or no scorecard."""
    shown: str
    """What the cell prints."""


class SummaryRow(View):
    competency: str
    name: str
    weight_label: str | None
    cells: list[SummaryCell]
    spread: int | None
    flagged: bool


class DebriefSummary(LevelDocument):
    html_template: ClassVar[str] = "debrief_summary.j2.html"
    person_label: ClassVar[str | None] = "Candidate"
    key: ClassVar[str] = (
        'A number is the rating given; "n/a" means the interviewer marked the competency not '
        'assessed; "blank" means they left it unrated; "missing" means no scorecard came in; '
        "a dash means the interview does not own the competency."
    )
    spread_rule: ClassVar[str] = (
        "The spread is the highest rating minus the lowest. Where it is two points or more, "
        "the interviewers describe the evidence behind their ratings before the panel "
        "agrees one rating."
    )
    no_rule: ClassVar[str] = (
        "This level's file gives no decision rule: agree one before the debrief, and decide "
        "on the evidence, competency by competency, not on the number of votes."
    )

    kind: Literal["debrief-summary"] = "debrief-summary"
    interviews: list[SummaryInterview]
    rows: list[SummaryRow]
    ratings: dict[str, dict[str, str | None]]
    """Competency id -> interview id -> "1".."N", "na", or None where unset;
    only the interviews that own the competency and sent a scorecard."""
    flagged: list[str]
    missing: list[str]
    recommendations: dict[str, str | None]
    decision_rule: str | None
    rating_scale: list[ScalePoint]
    recommendation_scale: list[Option]

    def submitted(self) -> list[SummaryInterview]:
        return [interview for interview in self.interviews if interview.submitted]

    def subtitle(self) -> str:
        count, total = len(self.submitted()), len(self.interviews)
        flagged = len(self.flagged)
        to_discuss = (
            f"{flagged} competenc{'y' if flagged == 1 else 'ies'} with a spread of "
            f"{FLAG_AT} points or more"
            if flagged
            else f"no spread of {FLAG_AT} points or more"
        )
        return f"{count} of {total} scorecards in; {to_discuss}."


def resolve_debrief_summary(
    ladder: Ladder, level: LevelFile, cards: list[Scorecard], built: str | None = None
) -> DebriefSummary:
    """The summary of `cards`, the scorecards of one candidate at `level`."""
    by_interview = {card.interview: card for card in cards}
    labels = {o.id: o.label for o in ladder.definitions.recommendation_scale}
    seed = next((card.seed for card in cards if card.from_packet), None)
    interviews = []
    for number, entry in enumerate(level.loop, start=1):
        card = by_interview.get(entry.interview)
        interviews.append(
            SummaryInterview(
                number=number,
                id=entry.interview,
                title=ladder.interview(entry.interview).title,
                submitted=card is not None,
                # The file's name says where the ratings came from; its folder
                # is nobody else's business.
                source=PurePath(card.source).name if card else None,
                interviewer=card.interviewer if card else None,
                recommendation=card.recommendation if card else None,
                recommendation_label=labels.get(card.recommendation or "") if card else None,
                evidence=card.evidence if card else None,
                notes=_notes(ladder, level, entry.interview, card, seed),
            )
        )
    rows = [_row(ladder, level, a.competency, by_interview) for a in level.competencies]
    dates = sorted({card.date for card in cards if card.date})
    return DebriefSummary(
        title=f"Debrief summary: {level.title}",
        ladder=ladder_meta(ladder),
        level=level_meta(ladder, level),
        occasion=Occasion(
            candidate=next((card.candidate for card in cards if card.candidate), None),
            date=", ".join(dates) or None,
            seed=seed,
            built=built,
        ),
        interviews=interviews,
        rows=rows,
        ratings={
            row.competency: {
                c.interview: c.value for c in row.cells if c.owned and c.interview in by_interview
            }
            for row in rows
        },
        flagged=[row.competency for row in rows if row.flagged],
        missing=[i.id for i in interviews if not i.submitted],
        recommendations={i.id: i.recommendation for i in interviews if i.submitted},
        decision_rule=level.decision_rule,
        rating_scale=[
            ScalePoint.model_validate(p.model_dump()) for p in ladder.definitions.rating_scale
        ],
        recommendation_scale=[
            Option.model_validate(o.model_dump()) for o in ladder.definitions.recommendation_scale
        ],
    )


def _row(
    ladder: Ladder, level: LevelFile, competency: str, cards: dict[str, Scorecard]
) -> SummaryRow:
    assessed = next(a for a in level.competencies if a.competency == competency)
    cells = []
    for entry in level.loop:
        owned = competency in entry.competencies
        card = cards.get(entry.interview)
        value = card.ratings.get(competency) if card and owned else None
        if not owned:
            shown = "\N{EN DASH}"
        elif card is None:
            shown = "missing"
        elif value is None:
            shown = "blank"
        else:
            shown = "n/a" if value == NOT_ASSESSED else value
        cells.append(SummaryCell(interview=entry.interview, owned=owned, value=value, shown=shown))
    numbers = [int(c.value) for c in cells if c.value and c.value != NOT_ASSESSED]
    spread = max(numbers) - min(numbers) if numbers else None
    return SummaryRow(
        competency=competency,
        name=ladder.competency(competency).name,
        weight_label=weight_label(assessed.weight),
        cells=cells,
        spread=spread,
        flagged=spread is not None and spread >= FLAG_AT,
    )


def _notes(
    ladder: Ladder, level: LevelFile, interview: str, card: Scorecard | None, seed: int | None
) -> list[SummaryNote]:
    """The interviewer's notes, in the order the interview asked its questions."""
    if card is None:
        return []
    entry = next(e for e in level.loop if e.interview == interview)
    asked = {q.id: (q, c) for c, q in loop.questions_for(level, entry, seed)}
    everywhere = {q.id: (q, a.competency) for a in level.competencies for q in a.questions}
    order = [*asked, *(qid for qid in card.notes if qid not in asked)]
    notes = []
    for question_id in order:
        text = card.notes.get(question_id)
        if not text:
            continue
        found = asked.get(question_id) or everywhere.get(question_id)
        notes.append(
            SummaryNote(
                # A note on a question the level no longer has keeps its id.
                question=found[0].text if found else question_id,
                competency_name=ladder.competency(found[1]).name if found else "",
                text=text,
            )
        )
    return notes
