"""The ladder overview: every level against every competency."""

from rubricgen.views import resolve_ladder_overview


def test_overview_covers_every_level_and_competency(shipped_ladder):
    overview = resolve_ladder_overview(shipped_ladder)
    assert [level.id for level in overview.levels] == ["apm", "pm", "senior", "principal", "vp"]
    assert len(overview.rows) == len(shipped_ladder.definitions.competencies)
    for share in overview.area_shares:
        assert 99 <= sum(share.shares.values()) <= 101
    assert "Product strategy and vision: not assessed at Associate Product Manager" in (
        overview.summary()
    )
