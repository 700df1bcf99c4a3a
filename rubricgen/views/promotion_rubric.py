"""The promotion rubric for moving up into one level, resolved for templates.

Per competency it sets the level below's expectation beside this level's.
A competency the level below did not assess is marked as new at this level.
The sentences the rubric prints are here, once, for every format.
"""

from typing import ClassVar, Literal

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile, Promotion
from rubricgen.views.common import (
    LevelDocument,
    LevelMeta,
    NotMade,
    Occasion,
    Option,
    Prose,
    View,
    WeightedCompetency,
    ladder_meta,
    level_meta,
    weighted_competency,
)


class PromotionCompetency(WeightedCompetency):
    """One competency: the two expectations, and what the level's `promotion`
    block says (each part None, or empty, where it says nothing)."""

    expectation_below: Prose | None
    expectation: Prose
    new_at_level: bool
    changes: Prose | None
    evidence: list[str]
    strong_example: str | None
    weak_example: str | None


class GuidePoint(View):
    """One point of the ladder's own guide for the committee (`promotion_guide`)."""

    label: str
    text: str


GUIDE_LABELS = {
    "evidence": "Where the evidence comes from",
    "period": "Over what period",
    "calibration": "Calibration",
}


class PromotionRubric(LevelDocument):
    html_template: ClassVar[str] = "promotion_rubric.j2.html"
    markdown_template: ClassVar[str] = "promotion_rubric.j2.md"
    person_label: ClassVar[str | None] = "Person"
    how_to: ClassVar[str] = (
        "For each competency, compare the two expectations, write down the evidence (what "
        "the person did, when, and with what result) and tick one rating. The last page "
        "brings the ratings together for the decision."
    )
    evidence_label: ClassVar[str] = "Evidence seen (what the person did, when, with what result)"

    kind: Literal["promotion-rubric"] = "promotion-rubric"
    level_below: LevelMeta
    scale: list[Option]
    guide: list[GuidePoint]
    """Empty when the ladder has no `promotion_guide`."""
    competencies: list[PromotionCompetency]
    new_note: str
    """Printed where the level below has no expectation to compare with."""
    readiness: list[str]
    """The overall decision's options."""
    weighted: bool

    @property
    def guidance(self) -> str:
        """What the rubric is for, said first."""
        where = (
            "in the competencies that weigh most" if self.weighted else "across the competencies"
        )
        return (
            "This rubric is a guide for judgement, not a checklist. Nobody shows every example; "
            f"look for a consistent pattern of work at this level, over several months, {where}, "
            "and rate what the person has done, not what they might do."
        )

    def decision_note(self) -> str:
        """How to come to the overall readiness, as the level's weights allow."""
        if self.weighted:
            return (
                'Weigh the competencies by their weight at this level. A "not yet" in a '
                "core competency usually outweighs strengths elsewhere; say why if it does not."
            )
        return (
            "Judge readiness from the pattern across the competencies, not by counting "
            "ratings; say which ratings the decision rests on."
        )

    @property
    def summary_note(self) -> str:
        """Printed above the last page's summary of the ratings."""
        return "Copy each competency's rating here. " + self.decision_note()


def resolve_promotion_rubric(
    ladder: Ladder, level: LevelFile, occasion: Occasion | None = None
) -> PromotionRubric:
    """The rubric for promotion into `level` from the level below it on its
    track; `NotMade` for the lowest level of a track."""
    below = ladder.below(level)
    if below is None:
        lowest = "the lowest level of its track" if level.track else "the lowest level"
        raise NotMade(
            f"no promotion rubric: {level.name} is {lowest}, so nobody is promoted into it."
        )
    expected_below = {a.competency: a.expectation for a in below.competencies}
    competencies = []
    for assessed in level.competencies:
        promotion = assessed.promotion or Promotion()
        competencies.append(
            PromotionCompetency(
                **weighted_competency(ladder, assessed.competency, assessed.weight),
                expectation_below=expected_below.get(assessed.competency),
                expectation=assessed.expectation,
                new_at_level=assessed.competency not in expected_below,
                changes=promotion.changes,
                evidence=list(promotion.evidence),
                strong_example=promotion.strong_example,
                weak_example=promotion.weak_example,
            )
        )
    guide = ladder.definitions.promotion_guide
    return PromotionRubric(
        title=f"Promotion rubric: {level.name}",
        ladder=ladder_meta(ladder),
        level=level_meta(ladder, level),
        level_below=level_meta(ladder, below),
        occasion=occasion or Occasion(),
        scale=[Option.model_validate(o.model_dump()) for o in ladder.definitions.promotion_scale],
        guide=[
            GuidePoint(label=label, text=getattr(guide, key))
            for key, label in GUIDE_LABELS.items()
            if guide is not None
        ],
        competencies=competencies,
        weighted=all(c.weight is not None for c in competencies),
        new_note=f"Not assessed at {below.title}: new at this level.",
        readiness=[f"Ready: works at {level.title} level now", "Not yet ready"],
    )
