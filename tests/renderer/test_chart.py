"""The overview's chart, drawn as inline SVG."""

import re

from rubricgen.renderer.chart import weights_chart
from rubricgen.views import resolve_ladder_overview


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
