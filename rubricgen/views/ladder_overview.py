"""The whole ladder at a glance: every level against every competency,
competencies grouped by area (and levels by track, on a ladder with tracks),
and what the chart shows put into words from the ladder itself, so that the
caption is true for any ladder."""

from itertools import pairwise
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


class OverviewArea(View):
    """An area's heading (None on a ladder without areas) and its
    competencies, in the ladder's order."""

    name: str | None
    rows: list[OverviewRow]


class OverviewTrack(View):
    """The levels of one track (or of a ladder without tracks: `name` None)
    and, by area, the competencies any of them assesses."""

    name: str | None
    levels: list[LevelMeta]
    areas: list[OverviewArea]


class AreaShare(View):
    """How much of a level's weight falls in each area, in percent."""

    level: str
    shares: dict[str, int]


class LadderOverview(DocumentView):
    html_template: ClassVar[str] = "ladder_overview.j2.html"
    markdown_template: ClassVar[str] = "ladder_overview.j2.md"
    landscape: ClassVar[bool] = True
    legend: ClassVar[str] = (
        "Each row is a competency, grouped by area, and each column a level; the mark is "
        "the weight the level gives the competency (larger and darker weighs more; a dash: "
        "not assessed)."
    )

    kind: Literal["ladder"] = "ladder"
    levels: list[LevelMeta]
    areas: list[OverviewArea]
    """Every competency across every level, for the chart."""
    tracks: list[OverviewTrack]
    """The expectations, a table per track."""
    weighted: bool
    """Whether any level weighs its competencies (and so the chart has marks)."""
    has_baseline: bool
    area_shares: list[AreaShare]
    findings: list[str]
    """What the chart shows, in sentences computed from the ladder; empty
    when there is nothing to say."""

    @property
    def competency_count(self) -> int:
        return sum(len(area.rows) for area in self.areas)

    def caption(self) -> str:
        """The chart's caption: how to read it, then what it shows."""
        shares = " The last rows give the share of each level's weight in each area."
        return " ".join([self.legend + (shares if self.area_shares else ""), *self.findings])

    def summary(self) -> str:
        """The chart in words, its text alternative."""
        sentences = []
        for area in self.areas:
            where = f" ({area.name})" if area.name else ""
            for row in area.rows:
                parts = [
                    f"{_state(cell)} at {level.title}"
                    for cell, level in zip(row.cells, self.levels, strict=True)
                ]
                sentences.append(f"{row.name}{where}: {', '.join(parts)}.")
        for share, level in zip(self.area_shares, self.levels, strict=True):
            split = ", ".join(f"{area} {value}%" for area, value in share.shares.items())
            sentences.append(f"Weight at {level.title}: {split}.")
        return " ".join([*sentences, *self.findings])


def _state(cell: OverviewCell) -> str:
    if cell.expectation is None:
        return "not assessed"
    return cell.weight_label.lower() if cell.weight_label else "assessed"


def resolve_ladder_overview(ladder: Ladder, occasion: Occasion | None = None) -> LadderOverview:
    levels = list(ladder.levels)
    metas = [level_meta(ladder, level) for level in levels]
    areas = _areas(ladder, levels, {c.id for c in ladder.definitions.competencies})
    shares = _area_shares(ladder)
    return LadderOverview(
        title=f"Career ladder overview: {ladder.definitions.ladder.name}",
        ladder=ladder_meta(ladder),
        levels=metas,
        occasion=occasion or Occasion(),
        areas=areas,
        tracks=_tracks(ladder),
        weighted=any(a.weight is not None for level in levels for a in level.competencies),
        has_baseline=any(c.baseline for c in ladder.definitions.competencies),
        area_shares=shares,
        findings=_share_trends(shares, metas) + _arrivals(areas, metas),
    )


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


def _areas(ladder: Ladder, levels: list[LevelFile], wanted: set[str]) -> list[OverviewArea]:
    """The `wanted` competencies' rows over `levels`, grouped by area in the
    ladder's order; one group without a name on a ladder without areas."""
    competencies = [c for c in ladder.definitions.competencies if c.id in wanted]
    if not ladder.definitions.areas:
        rows = [_row(ladder, c.id, levels) for c in competencies]
        return [OverviewArea(name=None, rows=rows)] if rows else []
    groups = []
    for area in ladder.definitions.areas:
        rows = [_row(ladder, c.id, levels) for c in competencies if c.area == area.id]
        if rows:
            groups.append(OverviewArea(name=area.name, rows=rows))
    return groups


def _tracks(ladder: Ladder) -> list[OverviewTrack]:
    if not ladder.definitions.tracks:
        levels = list(ladder.levels)
        wanted = {c.id for c in ladder.definitions.competencies}
        return [
            OverviewTrack(
                name=None,
                levels=[level_meta(ladder, x) for x in levels],
                areas=_areas(ladder, levels, wanted),
            )
        ]
    groups = []
    for track in ladder.definitions.tracks:
        levels = [level for level in ladder.levels if level.track == track.id]
        assessed = {a.competency for level in levels for a in level.competencies}
        groups.append(
            OverviewTrack(
                name=track.name,
                levels=[level_meta(ladder, x) for x in levels],
                areas=_areas(ladder, levels, assessed),
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


def _share_trends(shares: list[AreaShare], levels: list[LevelMeta]) -> list[str]:
    """A sentence for each area whose share of the weight only rises, or only
    falls, from the lowest level to the highest; nothing for the others."""
    if len(levels) < 2 or not shares:
        return []
    first, last = levels[0].title, levels[-1].title
    sentences = []
    for area in shares[0].shares:
        values = [share.shares[area] for share in shares]
        steps = list(pairwise(values))
        if values[-1] > values[0] and all(b >= a for a, b in steps):
            direction, never = "rises", "falls"
        elif values[-1] < values[0] and all(b <= a for a, b in steps):
            direction, never = "falls", "rises"
        else:
            continue
        sentence = (
            f"The share of the weight in {area} {direction} from {values[0]}% at "
            f"{first} to {values[-1]}% at {last}"
        )
        if len(levels) > 2:
            sentence += f", and never {never} from one level to the next"
        sentences.append(sentence + ".")
    return sentences


def _arrivals(areas: list[OverviewArea], levels: list[LevelMeta]) -> list[str]:
    """Which competencies are first assessed above the lowest level, and which
    stop being assessed before the highest."""
    starts: dict[str, list[str]] = {}
    stops: dict[str, list[str]] = {}
    for row in (row for area in areas for row in area.rows):
        assessed = [i for i, cell in enumerate(row.cells) if cell.expectation is not None]
        if not assessed:
            continue
        if assessed[0] > 0:
            starts.setdefault(levels[assessed[0]].title, []).append(row.name)
        if assessed[-1] < len(levels) - 1:
            stops.setdefault(levels[assessed[-1]].title, []).append(row.name)
    titles = [level.title for level in levels]
    sentences = [f"First assessed at {t}: {_names(starts[t])}." for t in titles if t in starts]
    sentences += [f"Last assessed at {t}: {_names(stops[t])}." for t in titles if t in stops]
    return sentences


def _names(names: list[str]) -> str:
    # Semicolons, because a competency's name may itself hold an "and".
    return "; ".join(names)
