"""The overview's chart, drawn as inline SVG."""

import re

from rubricgen.renderer.chart import text_width, weights_chart, wrap
from rubricgen.views import resolve_ladder_overview


def test_chart_is_svg_with_a_text_alternative_and_escapes_names(shipped_ladder):
    overview = resolve_ladder_overview(shipped_ladder)
    svg = str(weights_chart(overview))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"')
    assert '<title id="chart-title">What each level weighs</title>' in svg
    assert re.search(r'<desc id="chart-desc">Customer insight \(Product craft\): core at', svg)
    # One mark per cell, plus the legend's four.
    marks = svg.count("<circle") + svg.count("<line x1") - 1  # minus the shares' rule
    assert marks == overview.competency_count * len(overview.levels) + 4
    area = overview.areas[0]
    evil = overview.model_copy(
        update={
            "areas": [
                area.model_copy(
                    update={
                        "rows": [area.rows[0].model_copy(update={"name": "<script>x</script>"})]
                    }
                )
            ]
        }
    )
    assert "<script>" not in str(weights_chart(evil))


def test_names_are_measured_and_wrapped_to_their_column():
    assert text_width("MMMM") > text_width("iiii") * 2
    assert text_width("Name", bold=True) > text_width("Name")
    # Wide (CJK) characters count a full em each.
    assert text_width("製品戦略") >= 4 * 11
    lines = wrap("Stakeholder influence and negotiation", text_width("Stakeholder influence"))
    assert lines == ["Stakeholder influence", "and negotiation"]
    assert wrap("Unbreakable", 1) == ["Unbreakable"]
