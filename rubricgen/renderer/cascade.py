"""One change to WeasyPrint's cascade, for speed alone: every page comes out
the same.

WeasyPrint's own stylesheet styles six pseudo-elements of every element:
`::marker`, `::footnote-call`, `::footnote-marker`, `::note-call`,
`::note-marker` and `::note-callback`. Its cascade then computes a style
for each of them, for every element, although WeasyPrint builds them for
only a few: a marker for a list item (or for a `::before` or `::after`
shown as one), the two footnote pseudo-elements for an element floated to
the footnotes, the three note ones for an element placed as a note. That
was six styles an element where one is used: about 5% of a level's layouts.

`install` makes the cascade compute those six only for an element that can
show them, judged from its own style, which the cascade computes first.
It replaces `set_computed_styles` on WeasyPrint's `StyleFor`, which the
tests check is still there, once per process that lays out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def _a_list_item(styles: Any, element: Any) -> bool:
    """Whether `element`, or its `::before` or `::after`, may show a marker.
    Those two are styled after this is asked, so any cascaded style for them
    counts."""
    return (
        "list-item" in styles.get_computed_styles()[element, None]["display"]
        or (element, "before") in styles.get_cascaded_styles()
        or (element, "after") in styles.get_cascaded_styles()
    )


def _a_footnote(styles: Any, element: Any) -> bool:
    return bool(styles.get_computed_styles()[element, None]["float"] == "footnote")


def _a_note(styles: Any, element: Any) -> bool:
    return bool(styles.get_computed_styles()[element, None]["position"][0] == "note()")


SHOWN_BY: dict[str, Callable[[Any, Any], bool]] = {
    "marker": _a_list_item,
    "footnote-call": _a_footnote,
    "footnote-marker": _a_footnote,
    "note-call": _a_note,
    "note-marker": _a_note,
    "note-callback": _a_note,
}
"""For each of the six, whether an element can show it, from its styles."""


def install() -> None:
    """Compute those pseudo-elements' styles only where they can be shown,
    once per process."""
    from weasyprint.css import StyleFor

    compute = StyleFor.set_computed_styles
    if getattr(compute, "shown_only", False):
        return

    @functools.wraps(compute)
    def set_computed_styles(
        self: Any,
        element: Any,
        parent: Any,
        root: Any = None,
        pseudo_type: str | None = None,
        base_url: str | None = None,
        target_collector: Any = None,
    ) -> None:
        shown = SHOWN_BY.get(pseudo_type) if pseudo_type else None
        if shown is not None and not shown(self, element):
            return
        compute(self, element, parent, root, pseudo_type, base_url, target_collector)

    set_computed_styles.shown_only = True  # type: ignore[attr-defined]
    StyleFor.set_computed_styles = set_computed_styles
