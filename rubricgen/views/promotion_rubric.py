"""The promotion rubric for moving up into one level, resolved for templates.

Per competency it sets the level below's expectation beside this level's.
A competency the level below did not assess is marked as new at this level.
"""

from typing import ClassVar, Literal

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.common import (
    WEIGHT_LABELS,
    DocumentView,
    LadderMeta,
    LevelMeta,
    Occasion,
    Option,
    View,
    ladder_meta,
    level_meta,
)


class PromotionCompetency(View):
    competency: str
    name: str
    area: str
    description: str
    weight: int
    weight_label: str
    expectation_below: str | None
    expectation: str
    new_at_level: bool
    changes: str
    evidence: list[str]
    strong_example: str
    weak_example: str


class PromotionRubric(DocumentView):
    person_label: ClassVar[str | None] = "Person"

    kind: Literal["promotion-rubric"] = "promotion-rubric"
    title: str
    ladder: LadderMeta
    level: LevelMeta
    level_below: LevelMeta
    occasion: Occasion
    scale: list[Option]
    competencies: list[PromotionCompetency]


def resolve_promotion_rubric(
    ladder: Ladder, level: LevelFile, occasion: Occasion | None = None
) -> PromotionRubric | None:
    """The rubric for promotion into `level`, or None for the lowest level."""
    below = ladder.below(level)
    if below is None:
        return None
    expected_below = {a.competency: a.expectation for a in below.competencies}
    competencies = []
    for assessed in level.competencies:
        promotion = assessed.promotion
        # The loader refuses a level above the lowest without promotion blocks.
        assert promotion is not None
        definition = ladder.competency(assessed.competency)
        competencies.append(
            PromotionCompetency(
                competency=definition.id,
                name=definition.name,
                area=ladder.area_name(definition.area),
                description=definition.description,
                weight=assessed.weight,
                weight_label=WEIGHT_LABELS[assessed.weight],
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
