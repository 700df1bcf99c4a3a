"""The interview kit of one level: the loop, each interview's questions with
their materials and rating guides, the scorecards and the debrief grid,
resolved for the templates; and the candidate's handouts that go with it."""

from typing import ClassVar, Literal

from rubricgen.schema import loop
from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.schema.models.level_file import Question as QuestionData
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
from rubricgen.views.handout import (
    INTERVIEWER_MATERIAL_WHEN,
    INTERVIEWER_STEPS,
    RECRUITER_STEPS,
    Handout,
    InterviewHeading,
    Material,
    SendAhead,
)

QUESTION_TYPE_LABELS = {
    "behavioural": "Behavioural",
    "situational": "Situational",
    "case": "Case",
}


class Anchor(View):
    """What an answer at one point of the rating scale looks like: a
    competency's behavioural anchor, or a line of a question's rating guide."""

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
    role_play: bool
    interviewer_materials: list[Material]
    candidate_materials: list[Material]
    rating_guide: list[Anchor] | None
    """A case or situational question's own guide; None: rated on the anchors."""
    handout_notes: list[str]
    """What the interviewer does with the candidate's materials, one sentence each."""


class RatingGuide(View):
    """What the interviewer rates against: a competency's anchors (for the
    behavioural questions on it) or one question's own rating guide."""

    title: str
    competency: str
    question: int | None  # the question's number in its interview, for a question's guide
    points: list[Anchor]


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
    interviewers: str | None
    competencies: list[str]
    time_plan: list[TimeSlot]
    questions: list[Question]
    rating_guides: list[RatingGuide]


class DebriefRow(CompetencyRef):
    weight: int | None
    weight_label: str | None
    owned_by: list[bool]


# Read aloud or printed wherever the kit's parts are, in every format.
STRUCTURED_INTERVIEW_RULES = (
    "Ask every candidate for this level the questions in your section, in the same order "
    "and words. Use the probes to get to specifics, not to hint at an answer.",
    "Write down what the candidate said and did while you listen. Rate evidence, not impressions.",
    "Rate each competency you own against the anchors for this level, and a case or "
    "situational answer against its question's rating guide where it has one. Mark a "
    'competency "not assessed" rather than guess.',
    "Fill in and hand over your scorecard before the debrief, and before you read or hear "
    "anyone else's ratings.",
    "At the debrief, compare ratings competency by competency. Discuss every competency "
    "whose ratings are two or more points apart.",
)
# The same rules in brief, for a packet handed out on its own.
PACKET_RULES = (
    "Ask the questions in this packet as written and in order; use the probes to get "
    "specifics, never to hint at an answer.",
    "Write down what the candidate says and does as you hear it, and rate that evidence, "
    "not your impression.",
    'Tick "Not assessed" when you heard too little to rate a competency: it is missing '
    "evidence, not a low rating.",
    "Hand in your scorecard before the debrief, and before you read or hear anyone else's ratings.",
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
    """One interviewer's part of the kit, to print and hand over: it runs
    without the kit's cover. Its PDF is a form to fill in."""

    html_template: ClassVar[str] = "interview_kit.j2.html"
    markdown_template: ClassVar[str] = "panel_packet.j2.md"
    person_label: ClassVar[str | None] = "Candidate"
    draws_questions: ClassVar[bool] = True
    fillable: ClassVar[bool] = True
    rules: ClassVar[tuple[str, ...]] = PACKET_RULES
    material_notes: ClassVar[dict[str, str]] = INTERVIEWER_MATERIAL_WHEN
    materials_note: ClassVar[str] = (
        "For the interviewer only: keep these pages out of the candidate's sight."
    )
    notes_label: ClassVar[str] = "Notes: what the candidate said and did"
    guides_note: ClassVar[str] = (
        "Rate from your notes. A behavioural answer is rated against its competency's "
        "anchors for this level; a case or situational answer with a guide of its own, "
        "against that guide. Compare the answer with the guide, never the candidate with "
        "other candidates."
    )
    scorecard_note: ClassVar[str] = (
        'Rate each competency you own from what you wrote down. Tick "Not assessed" when '
        "you did not hear enough to rate it."
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
    decision_rule: str | None

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
    decision_rule: str | None
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
    which are printed on their own too (its parts); and the candidate's
    handouts, printed beside it, never in it."""

    html_template: ClassVar[str] = "interview_kit.j2.html"
    markdown_template: ClassVar[str] = "interview_kit.j2.md"
    person_label: ClassVar[str | None] = "Candidate"
    draws_questions: ClassVar[bool] = True
    rules: ClassVar[tuple[str, ...]] = STRUCTURED_INTERVIEW_RULES
    handouts_note: ClassVar[str] = (
        "The candidate's materials are printed as files of their own, in handouts/ beside "
        "this kit, never in an interviewer's packet. Send or print each one as below."
    )

    kind: Literal["interview-kit"] = "interview-kit"
    rating_scale: list[ScalePoint]
    recommendation_scale: list[Option]
    competencies: list[AssessedCompetency]
    interviews: list[Interview]
    total_minutes: int
    debrief: list[DebriefRow]
    weighted: bool
    """Whether the level weighs its competencies; without weights none is shown."""
    decision_rule: str | None
    send_ahead: list[SendAhead]

    def competency(self, competency_id: str) -> AssessedCompetency:
        """The assessed competency with this id (for a template's lookups)."""
        return next(c for c in self.competencies if c.competency == competency_id)

    def names_interviewers(self) -> bool:
        """Whether the loop says who should run any of its interviews."""
        return any(interview.interviewers for interview in self.interviews)

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
                decision_rule=self.decision_rule,
            )
            for interview in self.interviews
        ]

    def debrief_sheet(self) -> DebriefSheet:
        return DebriefSheet(
            title=f"Debrief sheet: {self.level.title}",
            ladder=self.ladder,
            level=self.level,
            occasion=self.occasion,
            interviews=[_heading(i) for i in self.interviews],
            rows=self.debrief,
            recommendation_scale=self.recommendation_scale,
            weighted=self.weighted,
            decision_rule=self.decision_rule,
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

    def handouts(self) -> list[tuple[str, DocumentView]]:
        """A handout per interview whose questions give the candidate material,
        at `handouts/NN-<interview>` beside the kit."""
        made: list[tuple[str, DocumentView]] = []
        for interview in self.interviews:
            materials = [m for q in interview.questions for m in q.candidate_materials]
            if materials:
                handout = Handout(
                    title=f"Handout: {interview.title}, {self.level.title}",
                    ladder=self.ladder,
                    level=self.level,
                    occasion=self.occasion,
                    interview=_heading(interview),
                    materials=materials,
                )
                made.append((_handout_file(interview), handout))
        return made

    def template_variables(self, *, cover_only: bool = False) -> dict[str, object]:
        if cover_only:
            return {"part": "cover", "packets": [], "sheet": None}
        return {"part": "kit", "packets": self.packets(), "sheet": self.debrief_sheet()}


def _heading(interview: Interview) -> InterviewHeading:
    return InterviewHeading(
        number=interview.number, id=interview.id, title=interview.title, minutes=interview.minutes
    )


def _handout_file(interview: Interview) -> str:
    return f"handouts/{interview.number:02d}-{interview.id}"


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
                anchors=_points(assessed.anchors, labels),
                interviews=[titles[e.interview] for e in owned_by.get(assessed.competency, [])],
            )
        )
    by_id = {c.competency: c for c in competencies}

    interviews = []
    for number, entry in enumerate(level.loop, start=1):
        kind = ladder.interview(entry.interview)
        questions = [
            _question(competency, by_id[competency].name, q, labels)
            for competency, q in loop.questions_for(level, entry, occasion.seed)
        ]
        interviews.append(
            Interview(
                number=number,
                id=entry.interview,
                title=kind.title,
                purpose=kind.purpose,
                minutes=entry.minutes,
                interviewers=entry.interviewers,
                competencies=list(entry.competencies),
                time_plan=_time_plan(ladder, entry.minutes, questions),
                questions=questions,
                rating_guides=_rating_guides(questions, by_id),
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
                weight=c.weight,
                weight_label=c.weight_label,
                owned_by=[c.competency in entry.competencies for entry in level.loop],
            )
            for c in competencies
        ],
        weighted=all(c.weight is not None for c in competencies),
        decision_rule=level.decision_rule,
        send_ahead=_send_ahead(interviews),
    )


def _points(by_rating: dict[int, str], labels: dict[int, str]) -> list[Anchor]:
    return [
        Anchor(rating=rating, label=labels[rating], text=text)
        for rating, text in sorted(by_rating.items())
    ]


def _question(
    competency: str, name: str, question: QuestionData, labels: dict[int, str]
) -> Question:
    materials = [Material.model_validate(m.model_dump()) for m in question.materials]
    for_candidate = [m for m in materials if m.audience == "candidate"]
    guide = question.rating_guide
    return Question(
        id=question.id,
        competency=competency,
        competency_name=name,
        type=question.type,
        type_label=QUESTION_TYPE_LABELS[question.type],
        minutes=question.minutes,
        text=question.text,
        probes=list(question.probes),
        signals=list(question.signals),
        red_flags=list(question.red_flags),
        role_play=question.role_play,
        interviewer_materials=[m for m in materials if m.audience == "interviewer"],
        candidate_materials=for_candidate,
        rating_guide=_points(guide, labels) if guide is not None else None,
        handout_notes=[INTERVIEWER_STEPS[m.given].format(title=m.title) for m in for_candidate],
    )


def _rating_guides(
    questions: list[Question], competencies: dict[str, AssessedCompetency]
) -> list[RatingGuide]:
    """In question order: each question's own guide, or its competency's
    anchors (once per competency) for a question rated on them."""
    guides: list[RatingGuide] = []
    anchored: set[str] = set()
    for number, question in enumerate(questions, start=1):
        competency = competencies[question.competency]
        if question.rating_guide is not None:
            title = f"Question {number}: {competency.name} ({question.type_label.lower()})"
            guides.append(
                RatingGuide(
                    title=title,
                    competency=competency.competency,
                    question=number,
                    points=question.rating_guide,
                )
            )
        elif competency.competency not in anchored:
            anchored.add(competency.competency)
            guides.append(
                RatingGuide(
                    title=f"{competency.name}: anchors at this level",
                    competency=competency.competency,
                    question=None,
                    points=competency.anchors,
                )
            )
    return guides


def _send_ahead(interviews: list[Interview]) -> list[SendAhead]:
    """The recruiter's list: every candidate material, its handout and what to
    do with it, those sent before the day first."""
    rows = [
        SendAhead(
            handout=_handout_file(interview),
            interview=_heading(interview),
            title=material.title,
            given=material.given,
            what_to_do=RECRUITER_STEPS[material.given],
        )
        for interview in interviews
        for question in interview.questions
        for material in question.candidate_materials
    ]
    return sorted(rows, key=lambda row: row.given != "before")


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
