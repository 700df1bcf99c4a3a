"""The whole ladder at a glance: every level against every competency,
competencies grouped by area, and what the chart shows put into words from
the ladder itself, so that the caption is true for any ladder."""

from itertools import pairwise
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


class OverviewArea(View):
    """An area's heading and its competencies, in the ladder's order."""

    name: str
    rows: list[OverviewRow]


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
        "the weight the level gives the competency (larger and darker weighs more). The "
        "last rows give the share of each level's weight that falls in each area."
    )

    kind: Literal["ladder"] = "ladder"
    levels: list[LevelMeta]
    areas: list[OverviewArea]
    area_shares: list[AreaShare]
    findings: list[str]
    """What the chart shows, in sentences computed from the ladder; empty
    when there is nothing to say."""

    @property
    def competency_count(self) -> int:
        return sum(len(area.rows) for area in self.areas)

    def summary(self) -> str:
        """The chart in words, its text alternative."""
        sentences = []
        for area in self.areas:
            for row in area.rows:
                parts = [
                    f"{cell.weight_label.lower() if cell.weight_label else 'not assessed'} "
                    f"at {level.title}"
                    for cell, level in zip(row.cells, self.levels, strict=True)
                ]
                sentences.append(f"{row.name} ({area.name}): {', '.join(parts)}.")
        for share, level in zip(self.area_shares, self.levels, strict=True):
            split = ", ".join(f"{area} {value}%" for area, value in share.shares.items())
            sentences.append(f"Weight at {level.title}: {split}.")
        return " ".join([*sentences, *self.findings])


def resolve_ladder_overview(ladder: Ladder, occasion: Occasion | None = None) -> LadderOverview:
    levels = [level_meta(level) for level in ladder.levels]
    areas = []
    for area in ladder.definitions.areas:
        rows = [
            _row(ladder, definition.id)
            for definition in ladder.definitions.competencies
            if definition.area == area.id
        ]
        if rows:
            areas.append(OverviewArea(name=area.name, rows=rows))
    shares = _shares(ladder)
    return LadderOverview(
        title=f"Career ladder overview: {ladder.definitions.ladder.name}",
        ladder=ladder_meta(ladder),
        levels=levels,
        occasion=occasion or Occasion(),
        areas=areas,
        area_shares=shares,
        findings=_share_trends(shares, levels) + _arrivals(areas, levels),
    )


def _row(ladder: Ladder, competency_id: str) -> OverviewRow:
    cells = []
    for level in ladder.levels:
        assessed = next((a for a in level.competencies if a.competency == competency_id), None)
        cells.append(
            OverviewCell(
                level=level.id,
                weight=assessed.weight if assessed else None,
                weight_label=WEIGHT_LABELS[assessed.weight] if assessed else None,
                expectation=assessed.expectation if assessed else None,
            )
        )
    return OverviewRow(**competency_ref(ladder, competency_id), cells=cells)


def _shares(ladder: Ladder) -> list[AreaShare]:
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
    return shares


def _share_trends(shares: list[AreaShare], levels: list[LevelMeta]) -> list[str]:
    """A sentence for each area whose share of the weight only rises, or only
    falls, from the lowest level to the highest; nothing for the others."""
    if len(levels) < 2:
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
            f"The share of the weight in {area} {direction} from {values[0]}% at {first} "
            f"to {values[-1]}% at {last}"
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
        assessed = [i for i, cell in enumerate(row.cells) if cell.weight is not None]
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
