"""The interview kit of one level: the loop, each interview's questions and
anchors, the scorecards and the debrief grid, resolved for the templates."""

from typing import ClassVar, Literal

from rubricgen.schema import loop
from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.common import (
    CompetencyRef,
    DocumentView,
    LevelDocument,
    NotMade,
    Occasion,
    Option,
    Prose,
    ScalePoint,
    View,
    WeightedCompetency,
    competency_ref,
    ladder_meta,
    level_meta,
    weighted_competency,
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


class AssessedCompetency(WeightedCompetency):
    expectation: Prose
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


class DebriefRow(CompetencyRef):
    owned_by: list[bool]


class InterviewHeading(View):
    number: int
    id: str
    title: str
    minutes: int


# Read aloud or printed wherever the kit's parts are, in every format.
STRUCTURED_INTERVIEW_RULES = (
    "Ask every candidate for this level the questions in your section, in the same order "
    "and words. Use the probes to get to specifics, not to hint at an answer.",
    "Write down what the candidate said and did while you listen. Rate evidence, not impressions.",
    "Rate each competency you own against the anchors for this level. Mark a competency "
    '"not assessed" rather than guess.',
    "Fill in and hand over your scorecard before the debrief, and before you read or hear "
    "anyone else's ratings.",
    "At the debrief, compare ratings competency by competency. Discuss every competency "
    "whose ratings are two or more points apart.",
)
DEBRIEF_RULES = (
    "Collect every interviewer's scorecard before anyone speaks, and write each rating in "
    "its cell. A dash marks a competency that interview did not own.",
    "Where one competency's ratings are two or more points apart, the interviewers describe "
    "the evidence behind them; then agree one rating for it.",
)
DECIDE_WEIGHTED = (
    "Weigh the competencies by their weight at this level and decide on the evidence, not "
    "on who speaks first or loudest."
)
DECIDE = "Decide on the evidence, competency by competency, not on who speaks first or loudest."


class PanelPacket(LevelDocument):
    """One interviewer's part of the kit, to print and hand over."""

    html_template: ClassVar[str] = "interview_kit.j2.html"
    markdown_template: ClassVar[str] = "panel_packet.j2.md"
    person_label: ClassVar[str | None] = "Candidate"
    draws_questions: ClassVar[bool] = True
    anchors_note: ClassVar[str] = (
        "What each rating looks like at this level. Compare your notes with the anchors, "
        "not the candidate with other candidates."
    )
    hand_in: ClassVar[str] = (
        "Hand in this scorecard before the debrief, and before you read or hear anyone "
        "else's ratings."
    )

    kind: Literal["panel-packet"] = "panel-packet"
    interview: Interview
    interview_count: int
    competencies: list[AssessedCompetency]
    rating_scale: list[ScalePoint]
    recommendation_scale: list[Option]

    def template_variables(self, *, cover_only: bool = False) -> dict[str, object]:
        return {"part": "packet", "packets": [self], "sheet": None}

    def running_header(self) -> str:
        interview = self.interview
        return f"Interview {interview.number} of {self.interview_count}: {interview.title}"

    def pdf_facts(self) -> dict[str, str]:
        return {**super().pdf_facts(), "RubricgenInterview": self.interview.id}


class DebriefSheet(LevelDocument):
    """The sheet the debrief is run from: every interview's ratings, side by side."""

    html_template: ClassVar[str] = "interview_kit.j2.html"
    markdown_template: ClassVar[str] = "debrief_sheet.j2.md"
    person_label: ClassVar[str | None] = "Candidate"
    draws_questions: ClassVar[bool] = True

    kind: Literal["debrief-sheet"] = "debrief-sheet"
    interviews: list[InterviewHeading]
    rows: list[DebriefRow]
    recommendation_scale: list[Option]
    weighted: bool

    @property
    def rules(self) -> tuple[str, ...]:
        return (*DEBRIEF_RULES, DECIDE_WEIGHTED if self.weighted else DECIDE)

    def template_variables(self, *, cover_only: bool = False) -> dict[str, object]:
        return {"part": "debrief", "packets": [], "sheet": self}

    def running_header(self) -> str:
        return "Debrief sheet"


class InterviewKit(LevelDocument):
    """The whole kit: its cover, a section per interview and the debrief sheet,
    which are printed on their own too (its parts)."""

    html_template: ClassVar[str] = "interview_kit.j2.html"
    markdown_template: ClassVar[str] = "interview_kit.j2.md"
    person_label: ClassVar[str | None] = "Candidate"
    draws_questions: ClassVar[bool] = True
    rules: ClassVar[tuple[str, ...]] = STRUCTURED_INTERVIEW_RULES

    kind: Literal["interview-kit"] = "interview-kit"
    rating_scale: list[ScalePoint]
    recommendation_scale: list[Option]
    competencies: list[AssessedCompetency]
    interviews: list[Interview]
    total_minutes: int
    debrief: list[DebriefRow]
    weighted: bool
    """Whether the level weighs its competencies; without weights none is shown."""

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
            weighted=self.weighted,
        )

    def parts(self) -> list[tuple[str, str, DocumentView]]:
        """Each packet (`panel/NN-<interview>`, numbered in loop order), then the
        debrief sheet: the PDF kit is its cover followed by their pages."""
        packets: list[tuple[str, str, DocumentView]] = [
            (f"panel/{p.interview.number:02d}-{p.interview.id}", p.kind, p) for p in self.packets()
        ]
        sheet = self.debrief_sheet()
        return [*packets, ("debrief-sheet", sheet.kind, sheet)]

    def running_header(self) -> str:
        return "The role, the loop and the scales"

    def template_variables(self, *, cover_only: bool = False) -> dict[str, object]:
        if cover_only:
            return {"part": "cover", "packets": [], "sheet": None}
        return {"part": "kit", "packets": self.packets(), "sheet": self.debrief_sheet()}


def resolve_interview_kit(
    ladder: Ladder, level: LevelFile, occasion: Occasion | None = None
) -> InterviewKit:
    """The kit of `level`; `NotMade` for a level without an interview loop."""
    if not level.loop:
        raise NotMade(
            f"no interview kit, packets or debrief sheet: {level.name} has no interview "
            f"loop (add `loop` and questions to {level.id}.yaml to make them)."
        )
    occasion = occasion or Occasion()
    defs = ladder.definitions
    labels = {point.rating: point.label for point in defs.rating_scale}
    owned_by = loop.owners(level)
    titles = {entry.interview: ladder.interview(entry.interview).title for entry in level.loop}

    competencies = []
    for assessed in level.competencies:
        competencies.append(
            AssessedCompetency(
                **weighted_competency(ladder, assessed.competency, assessed.weight),
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
        title=f"Interview kit: {level.name}",
        ladder=ladder_meta(ladder),
        level=level_meta(ladder, level),
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
                **competency_ref(ladder, c.competency),
                owned_by=[c.competency in entry.competencies for entry in level.loop],
            )
            for c in competencies
        ],
        weighted=all(c.weight is not None for c in competencies),
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
