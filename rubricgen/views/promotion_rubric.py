"""The promotion rubric for moving up into one level, resolved for templates.

Per competency it sets the level below's expectation beside this level's.
A competency the level below did not assess is marked as new at this level.
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


class PromotionRubric(LevelDocument):
    html_template: ClassVar[str] = "promotion_rubric.j2.html"
    markdown_template: ClassVar[str] = "promotion_rubric.j2.md"
    person_label: ClassVar[str | None] = "Person"
    guidance: ClassVar[str] = (
        "This rubric is a guide for judgement, not a checklist. Nobody shows every example; "
        "look for a consistent pattern of work at this level, over several months, in the "
        "competencies that weigh most."
    )

    kind: Literal["promotion-rubric"] = "promotion-rubric"
    level_below: LevelMeta
    scale: list[Option]
    competencies: list[PromotionCompetency]


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
    return PromotionRubric(
        title=f"Promotion rubric: {level.title}",
        ladder=ladder_meta(ladder),
        level=level_meta(level),
        level_below=level_meta(below),
        occasion=occasion or Occasion(),
        scale=[Option.model_validate(o.model_dump()) for o in ladder.definitions.promotion_scale],
        competencies=competencies,
    )
