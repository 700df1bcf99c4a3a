from pathlib import Path

import pytest

from rubricgen.paths import shipped
from rubricgen.renderer.html import render_html
from rubricgen.renderer.templates import make_environment
from rubricgen.schema import LadderError
from rubricgen.views import (
    Occasion,
    resolve_interview_kit,
    resolve_promotion_rubric,
    resolve_reference_check,
)
from tests.conftest import DATA

GOLDEN = DATA / "golden"


def documents(ladder, occasion=None):
    """Every document of the chef level, by file name."""
    chef = ladder.find("chef")
    kit = resolve_interview_kit(ladder, chef, occasion)
    return {
        "interview-kit": kit,
        "packet-01": kit.packets()[0],
        "debrief-sheet": kit.debrief_sheet(),
        "promotion-rubric": resolve_promotion_rubric(ladder, chef, occasion),
        "reference-check": resolve_reference_check(ladder, chef, occasion),
    }


def kit_of(ladder):
    return documents(ladder)["interview-kit"]


@pytest.mark.parametrize(
    "kind", ["interview-kit", "packet-01", "debrief-sheet", "promotion-rubric", "reference-check"]
)
def test_html_matches_the_reviewed_reference(small_ladder, update_testdata, kind):
    # The candidate and date fill the fields of the packet and the sheet only
    # in the "filled" references; the kit and rubric show the blank lines.
    filled = kind in {"packet-01", "debrief-sheet", "reference-check"}
    occasion = Occasion(candidate="Zoë <Ní> Bhriain", date="2026-12-01", seed=3) if filled else None
    document = documents(small_ladder, occasion)[kind]
    html = render_html(make_environment(shipped("templates")), document)
    reference = GOLDEN / f"chef-{kind}.html"
    if update_testdata:
        reference.parent.mkdir(exist_ok=True)
        reference.write_text(html)
    assert html == reference.read_text(), "run pytest --update-testdata and review the diff"


def test_level_text_is_escaped_never_markup(small_ladder):
    document = kit_of(small_ladder)
    html = render_html(make_environment(shipped("templates")), document)
    assert "for the sous chef &lt;&amp;&gt;?" in html
    assert "<&>" not in html


def test_html_is_self_contained(shipped_ladder):
    document = resolve_interview_kit(shipped_ladder, shipped_ladder.find("senior"))
    html = render_html(make_environment(shipped("templates")), document)
    assert "<style>" in html
    for reference in ("<link", "src=", "http://", "https://", "@import"):
        assert reference not in html


def test_user_template_overrides_and_extends_the_built_in_one(small_ladder, tmp_path):
    (tmp_path / "interview_kit.j2.html").write_text(
        '{% extends "default:interview_kit.j2.html" %}'
        "{% block cover %}<p>Our own cover</p>{% endblock %}"
    )
    document = kit_of(small_ladder)
    html = render_html(make_environment(shipped("templates"), tmp_path), document)
    assert "<p>Our own cover</p>" in html
    assert "How to run a structured interview" not in html
    assert "Debrief sheet" in html


def template_error(small_ladder, tmp_path: Path, source: str) -> str:
    (tmp_path / "interview_kit.j2.html").write_text(source)
    document = kit_of(small_ladder)
    with pytest.raises(LadderError) as caught:
        render_html(make_environment(shipped("templates"), tmp_path), document)
    (problem,) = caught.value.problems
    return str(problem)


def test_template_syntax_error_names_file_and_line(small_ladder, tmp_path):
    message = template_error(small_ladder, tmp_path, "<p>\n{% if doc.title %}\n</p>\n")
    assert "interview_kit.j2.html:3:1: template: Template syntax error" in message


def test_undefined_variable_names_file_and_line(small_ladder, tmp_path):
    message = template_error(small_ladder, tmp_path, "<p>\n{{ doc.nosuch }}\n</p>\n")
    assert "interview_kit.j2.html:2:1: template: Template error" in message
    assert "nosuch" in message


def test_a_kit_block_override_reaches_the_packets_and_the_debrief_sheet(small_ladder, tmp_path):
    (tmp_path / "interview_kit.j2.html").write_text(
        '{% extends "default:interview_kit.j2.html" %}'
        "{% block interview %}<p>Our section for {{ packet.interview.title }}</p>{% endblock %}"
        "{% block debrief %}<p>Our debrief</p>{% endblock %}"
    )
    environment = make_environment(shipped("templates"), tmp_path)
    kit = kit_of(small_ladder)
    whole = render_html(environment, kit)
    assert "<p>Our section for Station test</p>" in whole and "<p>Our debrief</p>" in whole
    packet = render_html(environment, kit.packets()[1])
    assert "<p>Our section for Tasting</p>" in packet and "Our debrief" not in packet
    assert "<p>Our debrief</p>" in render_html(environment, kit.debrief_sheet())
    cover = render_html(environment, kit, cover_only=True)
    assert "How to run a structured interview" in cover and "Our section" not in cover
