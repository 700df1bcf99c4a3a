"""The registry of document kinds: each entry is made by its view, and each
view names templates that exist."""

import pytest

from rubricgen.build import BuildRequest, plan_build
from rubricgen.documents import REGISTRY
from rubricgen.paths import shipped
from rubricgen.views import Occasion


@pytest.mark.parametrize("kind", REGISTRY, ids=lambda kind: kind.name)
def test_every_kind_is_made_by_its_view_from_its_templates(small_ladder, kind):
    request = BuildRequest(levels=("chef",), kinds=(kind.name,), formats=("json",))
    notes: list[str] = []
    plan = plan_build(small_ladder, request, notes.append)
    assert plan.files and not notes
    for planned in plan.files:
        assert b'"kind": "%s"' % kind.name.encode() in planned.data
    assert kind.resolver or kind.part_of in {k.name for k in REGISTRY if k.resolver}


def test_every_view_names_templates_that_exist(small_ladder):
    from rubricgen.build import _resolver

    chef = small_ladder.find("chef")
    views = []
    for kind in REGISTRY:
        if kind.resolver and kind.per_level:
            views.append(_resolver(kind)(small_ladder, chef, Occasion()))
        elif kind.resolver:
            views.append(_resolver(kind)(small_ladder, Occasion()))
    views += [part for view in list(views) for _, _, part in view.parts()]
    views += [handout for view in list(views) for _, handout in view.handouts()]
    templates = shipped("templates")
    for view in views:
        assert (templates / view.html_template).is_file()
        assert (templates / view.markdown_template).is_file()
