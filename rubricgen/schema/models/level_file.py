"""`<level>.yaml`: one level of the ladder: its expectations and, for interview
kits, its questions and loop."""

from typing import Literal

from pydantic import Field

from rubricgen.schema.models.base import Id, Line, Prose, StrictModel, Text

QuestionType = Literal["behavioural", "situational", "case"]


class Material(StrictModel):
    """Something a question needs besides its text: a data sheet or brief for
    the candidate, or what only the interviewer reads (a role-play's hidden
    brief, the facts to release on request, the expected arithmetic)."""

    audience: Literal["candidate", "interviewer"] = Field(
        description="candidate: printed as a handout, never in the interviewer's packet; "
        "interviewer: printed in the packet, on a page before the question."
    )
    given: Literal["before", "during"] = Field(
        description="before: sent ahead of the interview day; during: handed over in the interview."
    )
    title: Line = Field(examples=["Data sheet: checkout funnel, last two quarters"])
    body: Text = Field(description="The material's text. A blank line starts a paragraph.")
    table: list[list[Line]] | None = Field(
        default=None,
        min_length=2,
        max_length=40,
        description="Optional: a table of figures; the first row holds the column headings.",
    )


class Question(StrictModel):
    id: Id = Field(description="Unique across the ladder.", examples=["l3-code-review-1"])
    type: QuestionType = Field(
        description="behavioural (a past situation), situational (a hypothetical) "
        "or case (a problem worked through in the interview)."
    )
    minutes: int = Field(ge=1, le=120, description="How long the question takes.")
    interview: Id | None = Field(
        default=None,
        description="Optional: the one interview that asks this question (a "
        "presentation case for the presentation interview, say). That interview "
        "draws its own questions first; no other interview draws it.",
        examples=["presentation"],
    )
    text: Text = Field(description="The question as the interviewer asks it.")
    probes: list[Text] = Field(min_length=1, max_length=12)
    signals: list[Text] = Field(min_length=1, max_length=12)
    red_flags: list[Text] = Field(min_length=1, max_length=12)
    role_play: bool = Field(
        default=False,
        description="The interviewer plays a part (a client, a colleague); give them a "
        "hidden brief as an interviewer material.",
    )
    materials: list[Material] = Field(default_factory=list, max_length=6)
    rating_guide: dict[int, Text] | None = Field(
        default=None,
        description="For a hypothetical answer (case, situational): what an answer at each "
        "point of the rating scale contains for this question, by rating.",
        json_schema_extra={"propertyNames": {"pattern": "^[0-9]+$"}},
    )


class ReferenceQuestion(StrictModel):
    competency: Id = Field(description="The id of a competency this level assesses.")
    text: Text = Field(description="The question as asked of the reference.")
    listen_for: list[Text] = Field(
        min_length=1, max_length=8, description="What a useful answer tells you."
    )


class Promotion(StrictModel):
    """For a promotion rubric: each key is optional, and printed when given."""

    changes: Prose | None = Field(
        default=None, description="What changes compared with the level below."
    )
    evidence: list[Text] = Field(
        default_factory=list,
        max_length=12,
        description="What to look for in someone being promoted into this level.",
    )
    strong_example: Text | None = Field(default=None, description="An example of strong evidence.")
    weak_example: Text | None = Field(
        default=None, description="An example of evidence that is not enough."
    )


class AssessedCompetency(StrictModel):
    competency: Id = Field(description="The id of a competency in ladder.yaml.")
    weight: int | None = Field(
        default=None,
        ge=1,
        le=3,
        description="Optional: 3, what this level is mostly judged on; 2, important; "
        "1, checked. Give every competency of a level a weight, or none.",
    )
    expectation: Prose = Field(description="What meeting the bar at this level looks like.")
    anchors: dict[int, Text] = Field(
        default_factory=dict,
        description="For interview kits: one behavioural anchor per point of the rating "
        "scale, by rating.",
        examples=[{1: "Cannot name a metric.", 2: "...", 3: "...", 4: "..."}],
        json_schema_extra={"propertyNames": {"pattern": "^[0-9]+$"}},
    )
    promotion: Promotion | None = Field(
        default=None,
        description="Optional: for promotion into this level (never on a track's lowest level).",
    )
    questions: list[Question] = Field(
        default_factory=list,
        max_length=60,
        description="For interview kits: the pool of questions the loop draws from.",
    )


class LoopInterview(StrictModel):
    interview: Id = Field(description="The id of an interview in ladder.yaml.")
    minutes: int = Field(ge=10, le=240)
    competencies: list[Id] = Field(min_length=1, max_length=12)
    interviewers: Text | None = Field(
        default=None,
        description="Optional: who should run this interview.",
        examples=["An engineering lead the role will work with"],
    )
    questions_per_competency: int = Field(
        default=1,
        ge=1,
        le=4,
        description="How many questions this interview asks about each competency it owns.",
    )


class LevelFile(StrictModel):
    """One level: `levels/<id>.yaml`."""

    id: Id = Field(description="The same as the file's name.", examples=["l3", "engineer-ii"])
    title: Line | None = Field(
        default=None,
        description="The level's title. A level has a title, a code, or both.",
        examples=["Engineer II"],
    )
    code: Line | None = Field(
        default=None,
        description="Optional: the level's short code, printed beside its title.",
        examples=["IC2", "L3"],
    )
    track: Id | None = Field(
        default=None,
        description="The id of the level's track, when ladder.yaml declares `tracks`.",
    )
    aliases: list[Id] = Field(default_factory=list, max_length=5)
    summary: Text | None = None
    scope: Text | None = None
    impact: Text | None = None
    competencies: list[AssessedCompetency] = Field(min_length=1, max_length=30)
    loop: list[LoopInterview] = Field(
        default_factory=list,
        max_length=12,
        description="For interview kits: the interviews of this level's loop. A level "
        "without one has no interview kit, packets or debrief sheet.",
    )
    decision_rule: Text | None = Field(
        default=None,
        description="Optional: how the panel turns ratings into a decision at this level, "
        "including what `not assessed` means. Printed on the kit, every packet and the "
        "debrief sheet.",
    )
    reference_check: list[ReferenceQuestion] = Field(
        default_factory=list,
        max_length=20,
        description="Optional: questions for reference calls, each tied to a competency.",
    )

    @property
    def name(self) -> str:
        """What the documents call the level: its title, else its code."""
        return self.title or self.code or self.id
