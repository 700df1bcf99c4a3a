"""The whole ladder at a glance: every level against every competency, a table
per track on a ladder with tracks."""

from typing import ClassVar, Literal

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.common import (
    CompetencyRef,
    DocumentView,
    LevelMeta,
    Occasion,
    Prose,
    View,
    competency_ref,
    ladder_meta,
    level_meta,
    weight_label,
)


class OverviewCell(View):
    level: str
    weight: int | None
    weight_label: str | None
    expectation: Prose | None
    """None where the level does not assess the competency."""


class OverviewRow(CompetencyRef):
    baseline: Prose | None
    """What every level expects of the competency, when the ladder says."""
    cells: list[OverviewCell]


class OverviewTrack(View):
    """The levels of one track (or of a ladder without tracks: `name` None)
    and the competencies any of them assesses."""

    name: str | None
    levels: list[LevelMeta]
    rows: list[OverviewRow]


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
    tracks: list[OverviewTrack]
    weighted: bool
    """Whether any level weighs its competencies (and so the chart has marks)."""
    has_baseline: bool
    area_shares: list[AreaShare]

    def summary(self) -> str:
        """The chart in words, its text alternative."""
        sentences = []
        for row in self.rows:
            parts = [
                f"{_state(cell)} at {level.title}"
                for cell, level in zip(row.cells, self.levels, strict=True)
            ]
            sentences.append(f"{row.name}: {', '.join(parts)}.")
        for share, level in zip(self.area_shares, self.levels, strict=True):
            split = ", ".join(f"{area} {value}%" for area, value in share.shares.items())
            sentences.append(f"Weight at {level.title}: {split}.")
        return " ".join(sentences)


def _state(cell: OverviewCell) -> str:
    if cell.expectation is None:
        return "not assessed"
    return cell.weight_label.lower() if cell.weight_label else "assessed"


def _row(ladder: Ladder, competency_id: str, levels: list[LevelFile]) -> OverviewRow:
    cells = []
    for level in levels:
        assessed = next((a for a in level.competencies if a.competency == competency_id), None)
        weight = assessed.weight if assessed else None
        cells.append(
            OverviewCell(
                level=level.id,
                weight=weight,
                weight_label=weight_label(weight),
                expectation=assessed.expectation if assessed else None,
            )
        )
    return OverviewRow(
        **competency_ref(ladder, competency_id),
        baseline=ladder.competency(competency_id).baseline,
        cells=cells,
    )


def _tracks(ladder: Ladder) -> list[OverviewTrack]:
    if not ladder.definitions.tracks:
        levels = list(ladder.levels)
        rows = [_row(ladder, c.id, levels) for c in ladder.definitions.competencies]
        return [OverviewTrack(name=None, levels=[level_meta(ladder, x) for x in levels], rows=rows)]
    groups = []
    for track in ladder.definitions.tracks:
        levels = [level for level in ladder.levels if level.track == track.id]
        assessed = {a.competency for level in levels for a in level.competencies}
        rows = [
            _row(ladder, c.id, levels) for c in ladder.definitions.competencies if c.id in assessed
        ]
        groups.append(
            OverviewTrack(
                name=track.name, levels=[level_meta(ladder, x) for x in levels], rows=rows
            )
        )
    return groups


def _area_shares(ladder: Ladder) -> list[AreaShare]:
    """Each level's weight by area; nothing when no level has weights or the
    ladder has no areas."""
    areas = ladder.definitions.areas
    shares = []
    for level in ladder.levels:
        total = sum(a.weight or 0 for a in level.competencies)
        if not total or not areas:
            return []
        by_area: dict[str | None, int] = {}
        for assessed in level.competencies:
            area = ladder.competency(assessed.competency).area
            by_area[area] = by_area.get(area, 0) + (assessed.weight or 0)
        shares.append(
            AreaShare(
                level=level.id,
                shares={area.name: round(100 * by_area.get(area.id, 0) / total) for area in areas},
            )
        )
    return shares


def resolve_ladder_overview(ladder: Ladder, occasion: Occasion | None = None) -> LadderOverview:
    levels = list(ladder.levels)
    rows = [_row(ladder, c.id, levels) for c in ladder.definitions.competencies]
    return LadderOverview(
        title=f"Career ladder overview: {ladder.definitions.ladder.name}",
        ladder=ladder_meta(ladder),
        levels=[level_meta(ladder, level) for level in levels],
        occasion=occasion or Occasion(),
        rows=rows,
        tracks=_tracks(ladder),
        weighted=any(a.weight is not None for level in levels for a in level.competencies),
        has_baseline=any(c.baseline for c in ladder.definitions.competencies),
        area_shares=_area_shares(ladder),
    )
