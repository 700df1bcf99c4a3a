"""`rubricgen diff` and the ladder overview (`build --kind ladder`)."""

import json
import re

from rubricgen.__main__ import main
from rubricgen.renderer.chart import weights_chart
from rubricgen.views import resolve_ladder_overview, resolve_level_diff


def test_diff_of_adjacent_levels_says_what_changes(shipped_ladder):
    diff = resolve_level_diff(
        shipped_ladder, shipped_ladder.find("pm"), shipped_ladder.find("senior")
    )
    assert diff.adjacent
    by_id = {row.competency: row for row in diff.rows}
    strategy = by_id["strategy"]
    assert strategy.status == "new" and strategy.expectation_from is None
    assert strategy.changes and strategy.evidence
    execution = by_id["execution"]
    assert execution.status == "dropped" and execution.expectation_to is None
    assert execution.changes is None
    both = by_id["prioritisation"]
    assert both.status == "both" and both.expectation_from != both.expectation_to


def test_diff_of_distant_levels_shows_both_expectations_only(shipped_ladder):
    diff = resolve_level_diff(shipped_ladder, shipped_ladder.find("apm"), shipped_ladder.find("vp"))
    assert not diff.adjacent
    assert all(row.changes is None and row.evidence == [] for row in diff.rows)
    assert {row.status for row in diff.rows} == {"both", "new", "dropped"}


def test_diff_prints_a_per_competency_comparison(runner):
    result = runner.invoke(main, ["diff", "pm", "senior"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("From Product Manager to Senior Product Manager\n")
    assert (
        "Product strategy and vision · Strategy and business · new at Senior Product Manager"
        in text
    )
    assert "  Product Manager: not assessed." in text
    assert "  What changes:" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_diff_writes_a_printable_sheet(runner, tmp_path):
    result = runner.invoke(
        main, ["diff", "lead", "cpo", "-f", "html", "-f", "md", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    html = (tmp_path / "diff/principal-to-vp.html").read_text()
    assert "<h1>From Principal Product Manager to VP of Product</h1>" in html
    assert (tmp_path / "diff/principal-to-vp.md").read_text().startswith("# From Principal")


def test_diff_refuses_an_unknown_level(runner):
    result = runner.invoke(main, ["diff", "pm", "nosuch"])
    assert result.exit_code == 2
    assert "No level 'nosuch'" in result.stderr


def test_overview_covers_every_level_and_competency(shipped_ladder):
    overview = resolve_ladder_overview(shipped_ladder)
    assert [level.id for level in overview.levels] == ["apm", "pm", "senior", "principal", "vp"]
    assert len(overview.rows) == len(shipped_ladder.definitions.competencies)
    for share in overview.area_shares:
        assert 99 <= sum(share.shares.values()) <= 101
    assert "Product strategy and vision: not assessed at Associate Product Manager" in (
        overview.summary()
    )


def test_chart_is_svg_with_a_text_alternative_and_escapes_names(shipped_ladder):
    overview = resolve_ladder_overview(shipped_ladder)
    svg = str(weights_chart(overview))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"')
    assert '<title id="chart-title">What each level weighs</title>' in svg
    assert re.search(r'<desc id="chart-desc">Customer insight: core at Associate', svg)
    # One mark per cell, plus the legend's four.
    marks = svg.count("<circle") + svg.count("<line x1") - 1  # minus the shares' rule
    assert marks == len(overview.rows) * len(overview.levels) + 4
    evil = overview.model_copy(
        update={"rows": [overview.rows[0].model_copy(update={"name": "<script>x</script>"})]}
    )
    assert "<script>" not in str(weights_chart(evil))


def test_build_kind_ladder_needs_no_level(runner, tmp_path):
    result = runner.invoke(main, ["build", "--kind", "ladder", "-f", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "ladder.json").read_text())
    assert data["kind"] == "ladder" and len(data["rows"]) == 12
    result = runner.invoke(main, ["build", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "Choose the levels to build with --level LEVEL" in result.stderr
