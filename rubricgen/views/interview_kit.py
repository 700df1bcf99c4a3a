"""The interview kit of one level: the loop, each interview's questions and
anchors, the scorecards and the debrief grid, resolved for the templates."""

from typing import ClassVar, Literal

from rubricgen.schema import loop
from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.common import (
    WEIGHT_LABELS,
    DocumentView,
    LadderMeta,
    LevelMeta,
    Occasion,
    Option,
    ScalePoint,
    View,
    ladder_meta,
    level_meta,
)

QUESTION_TYPE_LABELS = {
    "behavioural": "Behavioural",
    "situational": "Situational",
    "case": "Case",
}


class Anchor(View):
    rating: int
    label: str
    text: str


class AssessedCompetency(View):
    competency: str
    name: str
    area: str
    description: str
    is_not: str
    weight: int
    weight_label: str
    expectation: str
    anchors: list[Anchor]
    interviews: list[str]


class Question(View):
    id: str
    competency: str
    competency_name: str
    type: str
    type_label: str
    minutes: int
    text: str
    probes: list[str]
    signals: list[str]
    red_flags: list[str]


class TimeSlot(View):
    start: int
    end: int
    activity: str


class Interview(View):
    number: int
    id: str
    title: str
    purpose: str
    minutes: int
    competencies: list[str]
    time_plan: list[TimeSlot]
    questions: list[Question]


class DebriefRow(View):
    competency: str
    name: str
    owned_by: list[bool]


class InterviewHeading(View):
    number: int
    id: str
    title: str
    minutes: int


class PanelPacket(DocumentView):
    """One interviewer's part of the kit, to print and hand over."""

    person_label: ClassVar[str | None] = "Candidate"
    draws_questions: ClassVar[bool] = True

    kind: Literal["panel-packet"] = "panel-packet"
    title: str
    ladder: LadderMeta
    level: LevelMeta
    occasion: Occasion
    interview: Interview
    interview_count: int
    competencies: list[AssessedCompetency]
    rating_scale: list[ScalePoint]
    recommendation_scale: list[Option]


class DebriefSheet(DocumentView):
    """The sheet the debrief is run from: every interview's ratings, side by side."""

    person_label: ClassVar[str | None] = "Candidate"
    draws_questions: ClassVar[bool] = True

    kind: Literal["debrief-sheet"] = "debrief-sheet"
    title: str
    ladder: LadderMeta
    level: LevelMeta
    occasion: Occasion
    interviews: list[InterviewHeading]
    rows: list[DebriefRow]
    recommendation_scale: list[Option]


class InterviewKit(DocumentView):
    person_label: ClassVar[str | None] = "Candidate"
    draws_questions: ClassVar[bool] = True

    kind: Literal["interview-kit"] = "interview-kit"
    title: str
    ladder: LadderMeta
    level: LevelMeta
    occasion: Occasion
    rating_scale: list[ScalePoint]
    recommendation_scale: list[Option]
    competencies: list[AssessedCompetency]
    interviews: list[Interview]
    total_minutes: int
    debrief: list[DebriefRow]

    def competency(self, competency_id: str) -> AssessedCompetency:
        """The assessed competency with this id (for a template's lookups)."""
        return next(c for c in self.competencies if c.competency == competency_id)

    def packets(self) -> list[PanelPacket]:
        """Each interview's packet: the same content as its section of the kit."""
        return [
            PanelPacket(
                title=f"Interview packet: {interview.title}, {self.level.title}",
                ladder=self.ladder,
                level=self.level,
                occasion=self.occasion,
                interview=interview,
                interview_count=len(self.interviews),
                competencies=[self.competency(c) for c in interview.competencies],
                rating_scale=self.rating_scale,
                recommendation_scale=self.recommendation_scale,
            )
            for interview in self.interviews
        ]

    def debrief_sheet(self) -> DebriefSheet:
        return DebriefSheet(
            title=f"Debrief sheet: {self.level.title}",
            ladder=self.ladder,
            level=self.level,
            occasion=self.occasion,
            interviews=[
                InterviewHeading(number=i.number, id=i.id, title=i.title, minutes=i.minutes)
                for i in self.interviews
            ],
            rows=self.debrief,
            recommendation_scale=self.recommendation_scale,
        )


def resolve_interview_kit(
    ladder: Ladder, level: LevelFile, occasion: Occasion | None = None
) -> InterviewKit:
    occasion = occasion or Occasion()
    defs = ladder.definitions
    labels = {point.rating: point.label for point in defs.rating_scale}
    owned_by = loop.owners(level)
    titles = {entry.interview: ladder.interview(entry.interview).title for entry in level.loop}

    competencies = []
    for assessed in level.competencies:
        definition = ladder.competency(assessed.competency)
        competencies.append(
            AssessedCompetency(
                competency=definition.id,
                name=definition.name,
                area=ladder.area_name(definition.area),
                description=definition.description,
                is_not=definition.is_not,
                weight=assessed.weight,
                weight_label=WEIGHT_LABELS[assessed.weight],
                expectation=assessed.expectation,
                anchors=[
                    Anchor(rating=rating, label=labels[rating], text=text)
                    for rating, text in sorted(assessed.anchors.items())
                ],
                interviews=[titles[e.interview] for e in owned_by.get(assessed.competency, [])],
            )
        )
    names = {c.competency: c.name for c in competencies}

    interviews = []
    for number, entry in enumerate(level.loop, start=1):
        kind = ladder.interview(entry.interview)
        questions = [
            Question(
                id=q.id,
                competency=competency,
                competency_name=names[competency],
                type=q.type,
                type_label=QUESTION_TYPE_LABELS[q.type],
                minutes=q.minutes,
                text=q.text,
                probes=list(q.probes),
                signals=list(q.signals),
                red_flags=list(q.red_flags),
            )
            for competency, q in loop.questions_for(level, entry, occasion.seed)
        ]
        interviews.append(
            Interview(
                number=number,
                id=entry.interview,
                title=kind.title,
                purpose=kind.purpose,
                minutes=entry.minutes,
                competencies=list(entry.competencies),
                time_plan=_time_plan(ladder, entry.minutes, questions),
                questions=questions,
            )
        )

    return InterviewKit(
        title=f"Interview kit: {level.title}",
        ladder=ladder_meta(ladder),
        level=level_meta(level),
        occasion=occasion,
        rating_scale=[ScalePoint.model_validate(p.model_dump()) for p in defs.rating_scale],
        recommendation_scale=[
            Option.model_validate(o.model_dump()) for o in defs.recommendation_scale
        ],
        competencies=competencies,
        interviews=interviews,
        total_minutes=sum(entry.minutes for entry in level.loop),
        debrief=[
            DebriefRow(
                competency=c.competency,
                name=c.name,
                owned_by=[c.competency in entry.competencies for entry in level.loop],
            )
            for c in competencies
        ],
    )


def _time_plan(ladder: Ladder, minutes: int, questions: list[Question]) -> list[TimeSlot]:
    """Opening, one slot per question, spare time if any, the candidate's questions."""
    plan = ladder.definitions.time_plan
    activities = [("Introductions and how the interview will run", plan.opening_minutes)]
    activities += [
        (f"Question {n}: {q.competency_name}", q.minutes) for n, q in enumerate(questions, start=1)
    ]
    spare = minutes - plan.opening_minutes - plan.closing_minutes
    spare -= sum(q.minutes for q in questions)
    if spare > 0:
        activities.append(("Spare: follow up where the evidence is thin", spare))
    activities.append(("The candidate's questions", plan.closing_minutes))
    slots, start = [], 0
    for activity, length in activities:
        if length > 0:
            slots.append(TimeSlot(start=start, end=start + length, activity=activity))
            start += length
    return slots
