"""The ladder overview: every level against every competency."""

from rubricgen.views import resolve_ladder_overview
from rubricgen.views.ladder_overview import AreaShare, _arrivals, _share_trends


def test_overview_covers_every_level_and_competency_grouped_by_area(shipped_ladder):
    overview = resolve_ladder_overview(shipped_ladder)
    assert [level.id for level in overview.levels] == ["apm", "pm", "senior", "principal", "vp"]
    assert [area.name for area in overview.areas] == [
        a.name for a in shipped_ladder.definitions.areas
    ]
    rows = [row for area in overview.areas for row in area.rows]
    assert overview.competency_count == len(rows) == len(shipped_ladder.definitions.competencies)
    for area in overview.areas:
        assert {row.area for row in area.rows} == {area.name}
    for share in overview.area_shares:
        assert 99 <= sum(share.shares.values()) <= 101
    assert "Product strategy and vision (Strategy and business): not assessed at Associate" in (
        overview.summary()
    )


def test_the_caption_says_only_what_the_shares_show(shipped_ladder, small_ladder):
    overview = resolve_ladder_overview(shipped_ladder)
    # Every area's share goes up and down somewhere along the shipped ladder
    # (strategy: 0, 20, 16, 50, 44 percent): nothing is said about shares.
    assert [s.shares["Strategy and business"] for s in overview.area_shares] == [0, 20, 16, 50, 44]
    assert not any(f.startswith("The share") for f in overview.findings)
    assert overview.findings[0].startswith("First assessed at Product Manager: ")
    # One area, the same share everywhere, every competency at every level: silence.
    assert resolve_ladder_overview(small_ladder).findings == []


def test_trends_rise_fall_or_stay_silent(shipped_ladder):
    levels = resolve_ladder_overview(shipped_ladder).levels[:3]
    shares = [
        AreaShare(level=level.id, shares={"Craft": craft, "Lead": 100 - craft, "Flat": 0})
        for level, craft in zip(levels, (80, 50, 50), strict=True)
    ]
    assert _share_trends(shares, levels) == [
        "The share of the weight in Craft falls from 80% at Associate Product Manager to 50% "
        "at Senior Product Manager, and never rises from one level to the next.",
        "The share of the weight in Lead rises from 20% at Associate Product Manager to 50% "
        "at Senior Product Manager, and never falls from one level to the next.",
    ]
    bumpy = [
        share.model_copy(update={"shares": {"Craft": value}})
        for share, value in zip(shares, (50, 80, 60), strict=True)
    ]
    assert _share_trends(bumpy, levels) == []
    assert _share_trends(shares[:1], levels[:1]) == []


def test_competencies_that_start_or_stop_above_the_ends_are_named(shipped_ladder):
    overview = resolve_ladder_overview(shipped_ladder)
    arrivals = _arrivals(overview.areas, overview.levels)
    assert "First assessed at Principal Product Manager: Business acumen." in arrivals
    assert "Last assessed at Product Manager: Data and analytical judgement." in arrivals
    assert arrivals == [f for f in overview.findings if f.startswith(("First", "Last"))]
