"""`ladder.yaml`: the definitions every level shares."""

import datetime

from pydantic import Field

from rubricgen.schema.models.base import Id, Line, Prose, StrictModel, Text


class LadderInfo(StrictModel):
    name: Line = Field(description="The ladder's name, printed on every document.")
    version: Line | None = Field(
        default=None,
        description="Optional: the ladder's version, printed in every footer. Quote it.",
        examples=["2026.11"],
    )
    owner: Line | None = Field(
        default=None,
        description="Optional: who maintains the ladder; the PDF's author.",
        examples=["People team"],
    )
    date: datetime.date | None = Field(
        default=None,
        strict=False,
        description="When this version of the ladder was published, YYYY-MM-DD. "
        "Printed in every footer and used as the PDFs' date, so that the same ladder "
        "always gives the same bytes (SOURCE_DATE_EPOCH, when set, is used instead).",
        examples=["2026-11-01"],
    )
    language: Id = Field(
        default="en",
        description="The language the ladder is written in, as a BCP 47 tag.",
        examples=["en", "fr"],
    )


class Track(StrictModel):
    id: Id = Field(examples=["individual", "manager"])
    name: Line = Field(examples=["Individual contributor", "Manager"])


class Area(StrictModel):
    id: Id
    name: Line


class Competency(StrictModel):
    id: Id = Field(examples=["code-review"])
    name: Line = Field(examples=["Code review"])
    area: Id | None = Field(default=None, description="Optional: the id of one of the `areas`.")
    description: Prose | None = Field(default=None, description="What the competency is.")
    is_not: Prose | None = Field(
        default=None, description="What it is not, to keep ratings honest."
    )
    baseline: Prose | None = Field(
        default=None,
        description="Optional: what every level expects of this competency, printed beside "
        "each level's own expectation.",
    )


class RatingPoint(StrictModel):
    rating: int = Field(ge=1, le=9, description="The number written on a scorecard.")
    label: Line = Field(examples=["Meets the bar"])
    description: Text


class ScaleOption(StrictModel):
    id: Id
    label: Line
    description: Text


class TimePlan(StrictModel):
    opening_minutes: int = Field(default=5, ge=0, le=30)
    closing_minutes: int = Field(default=5, ge=0, le=30)


class InterviewType(StrictModel):
    id: Id = Field(examples=["system-design"])
    title: Line = Field(examples=["System design"])
    purpose: Text = Field(description="What this interview finds out, in a sentence.")


class LoopRules(StrictModel):
    """The rules every level's interview loop must keep. The defaults suit a
    structured loop; a ladder may widen or tighten them here."""

    min_interviews: int = Field(default=4, ge=1, le=12, description="Fewest interviews a loop has.")
    max_interviews: int = Field(default=6, ge=1, le=12, description="Most interviews a loop has.")
    max_competencies_per_interview: int = Field(
        default=4,
        ge=1,
        le=12,
        description="Most competencies one interview can assess well.",
    )
    min_interviews_per_competency: int = Field(
        default=2,
        ge=1,
        le=6,
        description="How many interviews must rate each competency, so that ratings "
        "can be compared at the debrief.",
    )


class PromotionGuide(StrictModel):
    """What a promotion committee reads before it rates anyone."""

    evidence: Text = Field(description="Where the evidence comes from.")
    period: Text = Field(description="Over what period the evidence should be drawn.")
    calibration: Text = Field(description="How the committee keeps its ratings consistent.")


def _default_promotion_scale() -> list[ScaleOption]:
    return [
        ScaleOption(
            id="not-yet",
            label="Not yet",
            description="Rarely or never shows this level's expectation.",
        ),
        ScaleOption(
            id="partly",
            label="Partly",
            description="Shows it at times, or only with help.",
        ),
        ScaleOption(
            id="consistently",
            label="Consistently",
            description="Shows it routinely, on their own, over the period reviewed.",
        ),
    ]


class LadderFile(StrictModel):
    """The shared definitions: `levels/ladder.yaml`."""

    ladder: LadderInfo
    levels: list[Id] = Field(
        min_length=1,
        max_length=30,
        description="The level ids, lowest first; each has a file `<id>.yaml`. With "
        "tracks, each track's levels keep this order.",
    )
    tracks: list[Track] = Field(
        default_factory=list,
        max_length=10,
        description="Optional: the ladder's tracks (individual contributor and manager, "
        "say). Each level then names its `track`, and a level is compared with the level "
        "below it on its own track.",
    )
    cumulative: bool = Field(
        default=False,
        description="true: each level also expects everything the levels below it expect; "
        "the documents say so.",
    )
    areas: list[Area] = Field(
        default_factory=list,
        max_length=20,
        description="Optional: groups of competencies.",
    )
    competencies: list[Competency] = Field(min_length=1, max_length=60)
    rating_scale: list[RatingPoint] = Field(
        default_factory=list,
        min_length=2,
        max_length=9,
        description="One rating scale for every competency, lowest first. Needed when a "
        "level has an interview loop.",
    )
    recommendation_scale: list[ScaleOption] = Field(
        default_factory=list,
        min_length=2,
        max_length=9,
        description="The overall recommendation of an interview. Needed when a level has "
        "an interview loop.",
    )
    promotion_scale: list[ScaleOption] = Field(
        default_factory=_default_promotion_scale,
        min_length=2,
        max_length=9,
        description="The rating of each competency on a promotion rubric. Default: not "
        "yet, partly, consistently.",
    )
    time_plan: TimePlan = Field(
        default_factory=TimePlan,
        description="The minutes each interview keeps for opening and closing.",
    )
    loop_rules: LoopRules = Field(
        default_factory=LoopRules,
        description="The limits every level's loop is checked against.",
    )
    promotion_guide: PromotionGuide | None = Field(
        default=None,
        description="Optional: where promotion evidence comes from, over what period, "
        "and how the committee calibrates; printed on every promotion rubric.",
    )
    interviews: list[InterviewType] = Field(
        default_factory=list,
        max_length=60,
        description="The interviews a loop may use. Needed when a level has an interview loop.",
    )
