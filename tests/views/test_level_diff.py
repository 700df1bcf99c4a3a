"""The level-to-level view: what each level expects and what changes."""

from rubricgen.views import resolve_level_diff


def test_diff_of_adjacent_levels_says_what_changes(shipped_ladder):
    diff = resolve_level_diff(
        shipped_ladder, shipped_ladder.find("pm"), shipped_ladder.find("senior")
    )
    assert diff.adjacent
    by_id = {row.competency: row for row in diff.rows}
    people = by_id["people-growth"]
    assert people.status == "to-only" and people.expectation_from is None
    assert people.note == "new at Senior Product Manager"
    assert people.changes and people.evidence
    data = by_id["data-judgement"]
    assert data.status == "from-only" and data.expectation_to is None
    assert data.note == "not assessed at Senior Product Manager"
    assert data.changes is None
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
    assert by_id["data-judgement"].status == "to-only"
    assert by_id["data-judgement"].note == "assessed only at Product Manager"
    assert by_id["people-growth"].note == "assessed only at Senior Product Manager"
    assert not any(row.note and row.note.startswith("new") for row in diff.rows)
