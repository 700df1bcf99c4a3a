"""Two levels side by side: per competency, what is expected at each and what
changes. From A to the level right above it, the promotion text of the upper
level says what changes; between levels further apart, the two expectations
speak for themselves."""

from typing import Literal

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.common import (
    WEIGHT_LABELS,
    DocumentView,
    LadderMeta,
    LevelMeta,
    Occasion,
    View,
    ladder_meta,
    level_meta,
)


class DiffRow(View):
    competency: str
    name: str
    area: str
    status: Literal["both", "new", "dropped"]
    weight_from: str | None
    weight_to: str | None
    expectation_from: str | None
    expectation_to: str | None
    changes: str | None
    evidence: list[str]


class LevelDiff(DocumentView):
    kind: Literal["level-diff"] = "level-diff"
    title: str
    ladder: LadderMeta
    level_from: LevelMeta
    level_to: LevelMeta
    adjacent: bool
    occasion: Occasion
    rows: list[DiffRow]


def resolve_level_diff(
    ladder: Ladder, first: LevelFile, second: LevelFile, occasion: Occasion | None = None
) -> LevelDiff:
    at_first = {a.competency: a for a in first.competencies}
    at_second = {a.competency: a for a in second.competencies}
    adjacent = ladder.below(second) == first
    rows = []
    for definition in ladder.definitions.competencies:
        a, b = at_first.get(definition.id), at_second.get(definition.id)
        if a is None and b is None:
            continue
        promotion = b.promotion if b is not None and adjacent else None
        rows.append(
            DiffRow(
                competency=definition.id,
                name=definition.name,
                area=ladder.area_name(definition.area),
                status="both" if a and b else "new" if b else "dropped",
                weight_from=WEIGHT_LABELS[a.weight] if a else None,
                weight_to=WEIGHT_LABELS[b.weight] if b else None,
                expectation_from=a.expectation if a else None,
                expectation_to=b.expectation if b else None,
                changes=promotion.changes if promotion else None,
                evidence=list(promotion.evidence) if promotion else [],
            )
        )
    return LevelDiff(
        title=f"From {first.title} to {second.title}",
        ladder=ladder_meta(ladder),
        level_from=level_meta(first),
        level_to=level_meta(second),
        adjacent=adjacent,
        occasion=occasion or Occasion(),
        rows=rows,
    )
