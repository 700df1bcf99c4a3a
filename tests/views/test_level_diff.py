"""The level-to-level view: what each level expects and what changes."""

from rubricgen.views import resolve_level_diff


def test_diff_of_adjacent_levels_says_what_changes(shipped_ladder):
    diff = resolve_level_diff(
        shipped_ladder, shipped_ladder.find("pm"), shipped_ladder.find("senior")
    )
    assert diff.adjacent
    by_id = {row.competency: row for row in diff.rows}
    strategy = by_id["strategy"]
    assert strategy.status == "to-only" and strategy.expectation_from is None
    assert strategy.note == "new at Senior Product Manager"
    assert strategy.changes and strategy.evidence
    execution = by_id["execution"]
    assert execution.status == "from-only" and execution.expectation_to is None
    assert execution.note == "not assessed at Senior Product Manager"
    assert execution.changes is None
    both = by_id["prioritisation"]
    assert both.status == "both" and both.expectation_from != both.expectation_to


def test_diff_of_distant_levels_shows_both_expectations_only(shipped_ladder):
    diff = resolve_level_diff(shipped_ladder, shipped_ladder.find("apm"), shipped_ladder.find("vp"))
    assert not diff.adjacent
    assert all(row.changes is None and row.evidence == [] for row in diff.rows)
    assert {row.status for row in diff.rows} == {"both", "to-only", "from-only"}


def test_a_downward_diff_says_where_each_competency_is_assessed(shipped_ladder):
    diff = resolve_level_diff(
        shipped_ladder, shipped_ladder.find("senior"), shipped_ladder.find("pm")
    )
    assert not diff.upward and not diff.adjacent
    by_id = {row.competency: row for row in diff.rows}
    assert by_id["execution"].status == "to-only"
    assert by_id["execution"].note == "assessed only at Product Manager"
    assert by_id["strategy"].note == "assessed only at Senior Product Manager"
    assert not any(row.note and row.note.startswith("new") for row in diff.rows)
