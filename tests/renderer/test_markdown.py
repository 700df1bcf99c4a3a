"""Markdown, for pasting into an applicant-tracking system or a wiki."""

import pytest

from rubricgen.escaping import markdown
from rubricgen.paths import shipped
from rubricgen.renderer.html import render_markdown
from rubricgen.renderer.templates import make_environment
from rubricgen.views import (
    Occasion,
    resolve_interview_kit,
    resolve_promotion_rubric,
    resolve_reference_check,
)
from tests.conftest import DATA

GOLDEN = DATA / "golden"


def chef_documents(ladder):
    chef = ladder.find("chef")
    kit = resolve_interview_kit(ladder, chef, Occasion(candidate="Ada <Lovelace>"))
    return {
        "packet-01": kit.packets()[0],
        "promotion-rubric": resolve_promotion_rubric(ladder, chef),
        "reference-check": resolve_reference_check(ladder, chef),
    }


@pytest.mark.parametrize("name", ["packet-01", "promotion-rubric", "reference-check"])
def test_markdown_matches_the_reviewed_reference(small_ladder, update_testdata, name):
    text = render_markdown(
        make_environment(shipped("templates")), chef_documents(small_ladder)[name]
    )
    reference = GOLDEN / f"chef-{name}.md"
    if update_testdata:
        reference.write_text(text)
    assert text == reference.read_text(), "run pytest --update-testdata and review the diff"


def test_every_kind_renders_and_asks_every_question(shipped_ladder):
    environment = make_environment(shipped("templates"))
    kit = resolve_interview_kit(shipped_ladder, shipped_ladder.find("vp"))
    text = render_markdown(environment, kit)
    for interview in kit.interviews:
        for question in interview.questions:
            assert markdown(question.text) in text
    assert "## Debrief sheet" in text
    assert render_markdown(environment, kit.debrief_sheet()).startswith("## Debrief sheet")


def test_markdown_escapes_what_would_be_markup():
    assert markdown("<b>x</b> *y* [z](javascript:1) | a_b #1") == (
        "\\<b\\>x\\</b\\> \\*y\\* \\[z\\](javascript:1) \\| a\\_b \\#1"
    )
    assert markdown("two\nlines") == "two lines"
