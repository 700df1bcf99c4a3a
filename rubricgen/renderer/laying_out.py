"""Three changes to how WeasyPrint lays out and draws a page, for speed
alone: every page comes out the same.

- **Pseudo-elements styled where they can be shown.** WeasyPrint's own
  stylesheet styles six pseudo-elements of every element: `::marker`,
  `::footnote-call`, `::footnote-marker`, `::note-call`, `::note-marker`
  and `::note-callback`. Its cascade then computed a style for each of
  them, for every element, although WeasyPrint builds them for only a few:
  a marker for a list item (or for a `::before` or `::after` shown as one),
  the two footnote pseudo-elements for an element floated to the footnotes,
  the three note ones for an element placed as a note. The cascade now
  computes them only for an element that can show them, judged from its
  own style, which it computes first: 2 to 3% of a level's layouts.
- **No margin boxes made for a page whose margins show nothing.** For each
  page, WeasyPrint made all sixteen margin boxes (`@top-left` and the rest)
  and resolved their sizes before it dropped the ones with no content:
  every one of them, since rubricgen draws the margins itself
  (`margins.py`). A page whose margin boxes all have no content now gets
  none: 2% of a level's layouts.
- **A line drawn with the Pango layout it was laid out with.** Once a line
  of text was laid out, WeasyPrint let go of its Pango layout, and made a
  new one to draw the line, the same text in the same style, which Pango
  then laid out again: 4.5% of a level's layouts. The layout is now kept
  for the drawing, unless the line's style was changed in between or the
  line is spaced out to be justified (drawing adds that spacing); and a
  kept layout whose text has no paragraph end is not set to one-paragraph
  mode before it is drawn, which changes nothing in such a text but made
  Pango lay the line out anew (`_OneParagraph`, in place of the Pango
  library WeasyPrint draws text with).

All three are put in place by `install`, in the process that lays out,
before its first layout; each replaces a name inside a module of
WeasyPrint, which the tests check is still there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
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


def _styled_where_shown(compute: Any) -> Any:
    """WeasyPrint's `StyleFor.set_computed_styles`, skipping the six
    pseudo-elements where they cannot be shown."""

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

    return set_computed_styles


MARGIN_BOXES = tuple(
    [f"@{edge}-{place}" for edge in ("top", "bottom") for place in ("left", "center", "right")]
    + [f"@{edge}-{place}" for edge in ("left", "right") for place in ("top", "middle", "bottom")]
    + [f"@{edge}-{side}-corner" for edge in ("top", "bottom") for side in ("left", "right")]
)
"""The sixteen margin boxes of a page."""

_NO_CONTENT = ("normal", "inhibit", "none")


def _margins_shown(make: Any) -> Any:
    """WeasyPrint's `make_margin_boxes`, which makes none for a page whose
    margin boxes all have no content (and so would all be dropped)."""

    @functools.wraps(make)
    def make_margin_boxes(context: Any, page: Any, state: Any) -> Iterator[Any]:
        for name in MARGIN_BOXES:
            style = context.style_for(page.page_type, name)
            if style is not None and style["content"] not in _NO_CONTENT:
                return iter(make(context, page, state))
        return iter(())

    return make_margin_boxes


# Characters Pango may take as the end of a paragraph.
_PARAGRAPH_ENDS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


class _OneParagraph:
    """The Pango library as WeasyPrint draws text with it: the same, except
    that a kept layout (`_kept_for_drawing`) whose text holds no paragraph
    end is not set to one-paragraph mode before its line is drawn. Setting
    it made Pango lay the line out anew, though with no paragraph end in the
    text the mode changes nothing."""

    def __init__(self, pango: Any) -> None:
        self.pango = pango
        self.set_mode = pango.pango_layout_set_single_paragraph_mode
        self.ready: Any = None  # the kept layout about to be drawn

    def __getattr__(self, name: str) -> Any:
        # Kept once asked for: drawing asks for some for every glyph.
        found = getattr(self.pango, name)
        setattr(self, name, found)
        return found

    def pango_layout_set_single_paragraph_mode(self, layout: Any, setting: bool) -> None:
        if layout is self.ready and setting:
            self.ready = None
            return
        self.set_mode(layout, setting)


def _kept_for_drawing(line_layout: Any, drawing: _OneParagraph) -> None:
    """WeasyPrint's text `Layout`, whose Pango layout is kept from the line
    it was laid out for to the drawing of that line, where it is used again
    as it is, when its text has no spacing added for justification."""
    deactivate, reactivate = line_layout.deactivate, line_layout.reactivate

    @functools.wraps(deactivate)
    def deactivate_kept(self: Any) -> None:
        self.kept = (self.layout, self.language, self.style)
        deactivate(self)

    @functools.wraps(reactivate)
    def reactivate_kept(self: Any, style: Any) -> None:
        kept = self.__dict__.pop("kept", None)
        if kept is not None and kept[2] is style and not self.justification_spacing:
            self.layout, self.language, self.style = kept
            drawing.ready = self.layout if _PARAGRAPH_ENDS.isdisjoint(self.text) else None
        else:
            drawing.ready = None
            reactivate(self, style)

    line_layout.deactivate, line_layout.reactivate = deactivate_kept, reactivate_kept


def install() -> None:
    """Put the changes in place, once per process."""
    from weasyprint import layout
    from weasyprint.css import StyleFor
    from weasyprint.draw import text
    from weasyprint.text.line_break import Layout

    if not hasattr(StyleFor.set_computed_styles, "__wrapped__"):
        StyleFor.set_computed_styles = _styled_where_shown(StyleFor.set_computed_styles)
    if not hasattr(layout.make_margin_boxes, "__wrapped__"):
        layout.make_margin_boxes = _margins_shown(layout.make_margin_boxes)
    if not hasattr(Layout.reactivate, "__wrapped__"):
        drawing = _OneParagraph(text.pango)
        text.pango = drawing
        _kept_for_drawing(Layout, drawing)
