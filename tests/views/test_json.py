"""`--format json` writes each view as it is: these references pin the JSON of
every document of the small ladder's chef level, the overview and a diff."""

import pytest

from rubricgen.views import (
    Occasion,
    resolve_interview_kit,
    resolve_ladder_overview,
    resolve_level_diff,
    resolve_promotion_rubric,
    resolve_reference_check,
)
from tests.conftest import DATA

GOLDEN = DATA / "golden"


def documents(ladder):
    chef, cook = ladder.find("chef"), ladder.find("cook")
    occasion = Occasion(candidate="Ada Lovelace", date="2026-12-01", seed=3)
    kit = resolve_interview_kit(ladder, chef, occasion)
    return {
        "chef-interview-kit": kit,
        "chef-packet-01": kit.packets()[0],
        "chef-debrief-sheet": kit.debrief_sheet(),
        "chef-promotion-rubric": resolve_promotion_rubric(ladder, chef, occasion),
        "chef-reference-check": resolve_reference_check(ladder, chef, occasion),
        "ladder": resolve_ladder_overview(ladder),
        "cook-to-chef": resolve_level_diff(ladder, cook, chef),
    }


@pytest.mark.parametrize(
    "name",
    [
        "chef-interview-kit",
        "chef-packet-01",
        "chef-debrief-sheet",
        "chef-promotion-rubric",
        "chef-reference-check",
        "ladder",
        "cook-to-chef",
    ],
)
def test_json_matches_the_reviewed_reference(small_ladder, update_testdata, name):
    text = documents(small_ladder)[name].to_json()
    reference = GOLDEN / f"{name}.json"
    if update_testdata:
        reference.write_text(text)
    assert text == reference.read_text(), "run pytest --update-testdata and review the diff"
