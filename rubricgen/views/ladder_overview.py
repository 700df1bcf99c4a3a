"""The whole ladder at a glance: every level against every competency."""

from typing import ClassVar, Literal

from rubricgen.schema.ladder import Ladder
from rubricgen.views.common import (
    WEIGHT_LABELS,
    CompetencyRef,
    DocumentView,
    LevelMeta,
    Occasion,
    View,
    competency_ref,
    ladder_meta,
    level_meta,
)


class OverviewCell(View):
    level: str
    weight: int | None
    weight_label: str | None
    expectation: str | None


class OverviewRow(CompetencyRef):
    cells: list[OverviewCell]


class AreaShare(View):
    """How much of a level's weight falls in each area, in percent."""

    level: str
    shares: dict[str, int]


class LadderOverview(DocumentView):
    html_template: ClassVar[str] = "ladder_overview.j2.html"
    markdown_template: ClassVar[str] = "ladder_overview.j2.md"
    landscape: ClassVar[bool] = True

    kind: Literal["ladder"] = "ladder"
    levels: list[LevelMeta]
    rows: list[OverviewRow]
    area_shares: list[AreaShare]

    def summary(self) -> str:
        """The chart in words, its text alternative."""
        sentences = []
        for row in self.rows:
            parts = [
                f"{cell.weight_label.lower() if cell.weight_label else 'not assessed'} "
                f"at {level.title}"
                for cell, level in zip(row.cells, self.levels, strict=True)
            ]
            sentences.append(f"{row.name}: {', '.join(parts)}.")
        for share, level in zip(self.area_shares, self.levels, strict=True):
            split = ", ".join(f"{area} {value}%" for area, value in share.shares.items())
            sentences.append(f"Weight at {level.title}: {split}.")
        return " ".join(sentences)


def resolve_ladder_overview(ladder: Ladder, occasion: Occasion | None = None) -> LadderOverview:
    rows = []
    for definition in ladder.definitions.competencies:
        cells = []
        for level in ladder.levels:
            assessed = next((a for a in level.competencies if a.competency == definition.id), None)
            cells.append(
                OverviewCell(
                    level=level.id,
                    weight=assessed.weight if assessed else None,
                    weight_label=WEIGHT_LABELS[assessed.weight] if assessed else None,
                    expectation=assessed.expectation if assessed else None,
                )
            )
        rows.append(
            OverviewRow(
                **competency_ref(ladder, definition.id),
                cells=cells,
            )
        )
    shares = []
    for level in ladder.levels:
        total = sum(a.weight for a in level.competencies)
        by_area: dict[str, int] = {}
        for assessed in level.competencies:
            area = ladder.area_name(ladder.competency(assessed.competency).area)
            by_area[area] = by_area.get(area, 0) + assessed.weight
        shares.append(
            AreaShare(
                level=level.id,
                shares={
                    area.name: round(100 * by_area.get(area.name, 0) / total)
                    for area in ladder.definitions.areas
                },
            )
        )
    return LadderOverview(
        title=f"Career ladder overview: {ladder.definitions.ladder.name}",
        ladder=ladder_meta(ladder),
        levels=[level_meta(level) for level in ladder.levels],
        occasion=occasion or Occasion(),
        rows=rows,
        area_shares=shares,
    )
