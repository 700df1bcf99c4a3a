"""The promotion rubric for moving up into one level, resolved for templates.

Per competency it sets the level below's expectation beside this level's.
A competency the level below did not assess is marked as new at this level.
The sentences the rubric prints are here, once, for every format.
"""

from typing import ClassVar, Literal

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.common import (
    LevelDocument,
    LevelMeta,
    NotMade,
    Occasion,
    Option,
    View,
    WeightedCompetency,
    ladder_meta,
    level_meta,
    weighted_competency,
)


class PromotionCompetency(WeightedCompetency):
    expectation_below: str | None
    expectation: str
    new_at_level: bool
    changes: str
    evidence: list[str]
    strong_example: str
    weak_example: str


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
    guidance: ClassVar[str] = (
        "This rubric is a guide for judgement, not a checklist. Nobody shows every example; "
        "look for a consistent pattern of work at this level in the competencies that weigh "
        "most, and rate what the person has done, not what they might do."
    )
    how_to: ClassVar[str] = (
        "For each competency, compare the two expectations, write down the evidence (what "
        "the person did, when, and with what result) and tick one rating. The last page "
        "brings the ratings together for the decision."
    )
    evidence_label: ClassVar[str] = "Evidence seen (what the person did, when, with what result)"
    summary_note: ClassVar[str] = (
        "Copy each competency's rating here. Weigh them by their weight at this level: a "
        '"not yet" in a core competency usually outweighs strengths elsewhere; if it does '
        "not, say why in the statement."
    )

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


def resolve_promotion_rubric(
    ladder: Ladder, level: LevelFile, occasion: Occasion | None = None
) -> PromotionRubric:
    """The rubric for promotion into `level`; `NotMade` for the lowest level."""
    below = ladder.below(level)
    if below is None:
        raise NotMade(
            f"no promotion rubric: {level.title} is the lowest level, so nobody is "
            "promoted into it."
        )
    expected_below = {a.competency: a.expectation for a in below.competencies}
    competencies = []
    for assessed in level.competencies:
        promotion = assessed.promotion
        # The loader refuses a level above the lowest without promotion blocks.
        assert promotion is not None
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
        title=f"Promotion rubric: {level.title}",
        ladder=ladder_meta(ladder),
        level=level_meta(level),
        level_below=level_meta(below),
        occasion=occasion or Occasion(),
        scale=[Option.model_validate(o.model_dump()) for o in ladder.definitions.promotion_scale],
        guide=[
            GuidePoint(label=label, text=getattr(guide, key))
            for key, label in GUIDE_LABELS.items()
            if guide is not None
        ],
        competencies=competencies,
        new_note=f"Not assessed at {below.title}: new at this level.",
        readiness=[f"Ready: works at {level.title} level now", "Not yet ready"],
    )
