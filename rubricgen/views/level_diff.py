"""Two levels side by side: per competency, what is expected at each and what
changes. From A to the level right above it on its track, the promotion text
of the upper level says what changes; between levels further apart, on two
tracks, or downwards, the two expectations speak for themselves."""

from typing import ClassVar, Literal

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.common import (
    CompetencyRef,
    DocumentView,
    LevelMeta,
    Occasion,
    Prose,
    competency_ref,
    ladder_meta,
    level_meta,
    weight_label,
)


class DiffRow(CompetencyRef):
    status: Literal["both", "from-only", "to-only"]
    note: str | None
    """How the competency stands between the two levels, when only one assesses it."""
    weight_from: str | None
    weight_to: str | None
    expectation_from: Prose | None
    expectation_to: Prose | None
    changes: Prose | None
    evidence: list[str]


class LevelDiff(DocumentView):
    html_template: ClassVar[str] = "level_diff.j2.html"
    markdown_template: ClassVar[str] = "level_diff.j2.md"

    kind: Literal["level-diff"] = "level-diff"
    level_from: LevelMeta
    level_to: LevelMeta
    upward: bool
    adjacent: bool
    rows: list[DiffRow]


def _note(status: str, first: LevelFile, second: LevelFile, upward: bool) -> str | None:
    """Said of a competency only one of the levels assesses, in the direction
    of the comparison: up, it is new or no longer assessed; down, it is
    assessed only at one of them."""
    if status == "both":
        return None
    if upward:
        return f"new at {second.name}" if status == "to-only" else f"not assessed at {second.name}"
    only = second if status == "to-only" else first
    return f"assessed only at {only.name}"


def resolve_level_diff(
    ladder: Ladder, first: LevelFile, second: LevelFile, occasion: Occasion | None = None
) -> LevelDiff:
    at_first = {a.competency: a for a in first.competencies}
    at_second = {a.competency: a for a in second.competencies}
    adjacent = ladder.below(second) == first
    upward = ladder.levels.index(first) < ladder.levels.index(second)
    rows = []
    for definition in ladder.definitions.competencies:
        a, b = at_first.get(definition.id), at_second.get(definition.id)
        if a is None and b is None:
            continue
        status: Literal["both", "from-only", "to-only"] = (
            "both" if a and b else "to-only" if b else "from-only"
        )
        promotion = b.promotion if b is not None and adjacent else None
        rows.append(
            DiffRow(
                **competency_ref(ladder, definition.id),
                status=status,
                note=_note(status, first, second, upward),
                weight_from=weight_label(a.weight) if a else None,
                weight_to=weight_label(b.weight) if b else None,
                expectation_from=a.expectation if a else None,
                expectation_to=b.expectation if b else None,
                changes=promotion.changes if promotion else None,
                evidence=list(promotion.evidence) if promotion else [],
            )
        )
    return LevelDiff(
        title=f"From {first.name} to {second.name}",
        ladder=ladder_meta(ladder),
        occasion=occasion or Occasion(),
        level_from=level_meta(ladder, first),
        level_to=level_meta(ladder, second),
        upward=upward,
        adjacent=adjacent,
        rows=rows,
    )
