"""Five changes to how WeasyPrint lays out and draws a page, for speed
alone: every page comes out the same.

- **Computed styles kept from one document to the next.** WeasyPrint
  cascades the stylesheets over every element of a document and makes a
  computed style for it, whose values it works out as layout asks for them:
  a tenth of a layout, most of it spent again on every part of a level,
  since each part shows the same kinds of elements with the same
  stylesheets. The cascade (`_cascade`, in place of `StyleFor.__init__`)
  now keeps each computed style, with its pseudo-elements' and the values
  worked out in it, for the next document the process lays out with the
  same stylesheets: an element whose parent has the same style, which the
  same rules match and whose own attributes (`style`, `lang`, `id`) say the
  same, gets the same style, as two such elements of one document already
  did. An element's anchor is still given to the document's
  cross-references (`target-counter()` and the like). Units of the
  page's size (`vw` and the rest) are worked out against the first page of
  the document laying out; once a document uses one, its stylesheets' styles
  are no longer kept. A tenth of the layouts of a process that lays out half
  the ladder's parts (34), 4% of one that lays out half a level's (7).
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
- **Preferred widths measured once per text and style.** A table laid out
  automatically, and each outside list marker, is sized by the widths of
  its content at its narrowest and widest, and WeasyPrint measures them by
  laying out the text with Pango, word by word for the narrowest: 5,500
  times for the 34 parts of a process of the whole ladder, 43% of them the
  same text in the same style as before (a marker's bullet, a column's
  header, the same rating in every packet). Where WeasyPrint asks for those
  widths (`weasyprint.layout.preferred`, which reads only the widths and
  where each line ends), what a text and a style measured is kept
  (`_measured_once`): 2% of those parts' layouts. A style is one object
  for as long as it is kept (see the first change), and the key holds it.

All five are put in place by `install`, in the process that lays out,
before its first layout; each replaces a name inside a module of
WeasyPrint, which the tests check is still there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from math import inf
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


class _PageSizes(dict[str, Any]):
    """The sizes of a document's first page, which WeasyPrint resolves units
    of the page's size against (`vw`, `vh` and the rest), set by the
    document when it lays out its first page. One for every document laid
    out with the same store of styles; `read` tells that one of them used
    such a unit."""

    read = False

    def __getitem__(self, key: str) -> Any:
        self.read = True
        return super().__getitem__(key)


@dataclass
class _Store:
    """The computed styles kept for the documents of one set of stylesheets:
    for each key (see `_cascade`), an element's style and its
    pseudo-elements' styles."""

    styles: dict[Any, tuple[Any, dict[str, Any]]] = field(default_factory=dict)
    page_sizes: _PageSizes = field(default_factory=_PageSizes)
    served: int = 0  # styles taken from the store, not computed


_STORES: dict[Any, _Store | None] = {}
"""A store for each set of stylesheets, base URL, fonts and presentational
hints, or None once its styles used a unit of the page's size."""

# Kept at most, per process: stores (templates edited under --watch each
# make one) and styles in a store.
_KEPT_STORES, _KEPT_STYLES = 8, 100_000


def _store(key: Any) -> _Store | None:
    """The store for `key`, ready for the next document; None if its styles
    cannot be kept, since they depend on the size of a page."""
    store = _STORES.get(key)
    if store is not None and store.page_sizes.read:
        _STORES[key] = store = None
    if key not in _STORES:
        if len(_STORES) >= _KEPT_STORES:
            _STORES.clear()
        _STORES[key] = store = _Store()
    if store is not None:
        if len(store.styles) >= _KEPT_STYLES:
            store.styles.clear()
        store.page_sizes.update(box=None, area=None)
    return store


def _declare(
    style: dict[str, Any],
    declarations: Any,
    origin: str,
    layer: Any,
    specificity: Any,
    precedence: Callable[[str, Any], Any],
) -> None:
    """Cascade `declarations` into `style` (property name to value and
    weight), as WeasyPrint does: each one replaces a value of no greater
    weight (precedence of its origin and importance, layer, specificity)."""
    for name, values, importance in declarations:
        weight = (precedence(origin, importance), layer, specificity)
        held = style.get(name)
        if held is None or held[1] <= weight:
            style[name] = values, weight


def _cascade(
    self: Any,
    html: Any,
    sheets: list[Any],
    presentational_hints: bool,
    font_config: Any,
    target_collector: Any,
) -> None:
    """WeasyPrint's `StyleFor.__init__`: the stylesheets cascaded over the
    elements of `html` and each element's computed style, in tree order (an
    element's style inherits from its parent's), then its pseudo-elements'.

    An element is keyed by its parent's style, what its own attributes say
    and the rules that match it, in order. A key seen before, in this
    document or an earlier one with the same stylesheets, gives the style
    made then and its pseudo-elements' styles; a new one is cascaded and
    computed, and kept."""
    from weasyprint.css import declaration_precedence as precedence

    # Both keyed by element and pseudo-element (None for the element).
    cascaded: dict[Any, dict[str, Any]] = {}
    computed: dict[Any, Any] = {}
    self._cascaded_styles, self._computed_styles = cascaded, computed
    self._sheets = sheets
    self.font_config = font_config
    store = _store((tuple(sheets), html.base_url, font_config, presentational_hints))
    kept: dict[Any, tuple[Any, dict[str, Any]]] = {}
    if store is None:
        self.initial_page_sizes = {"box": None, "area": None}
    else:
        self.initial_page_sizes, kept = store.page_sizes, store.styles
    said = _attributes_cascaded(cascaded, html, presentational_hints)
    made, taken = [], []
    for wrapper in html.wrapper_element.iter_subtree():
        element = wrapper.etree_element
        parent = wrapper.parent.etree_element if wrapper.parent is not None else None
        # Each matching rule: its sheet's origin, its specificity (or its
        # sheet's), its place among the cascade layers, and the rule.
        matched = [
            (sheet, origin, own or rule[0], _layer(sheet, rule[3][1]), rule)
            for sheet, origin, own in sheets
            for rule in sheet.matcher.match(wrapper)
        ]
        rules = tuple(
            (sheet, rule[0], id(rule[3][0]), layer) for sheet, _, _, layer, rule in matched
        )
        key = (id(computed[parent, None]) if parent is not None else None, said.get(element), rules)
        entry = kept.get(key)
        if entry is None:
            for _, origin, specificity, layer, (_, _, pseudo_type, (declarations, _)) in matched:
                style = cascaded.setdefault((element, pseudo_type), {})
                _declare(style, declarations, origin, layer, specificity, precedence)
            self.set_computed_styles(
                element,
                root=html.etree_element,
                parent=parent,
                base_url=html.base_url,
                target_collector=target_collector,
            )
            kept[key] = entry = (computed[element, None], {})
            made.append((element, entry))
        else:
            computed[element, None] = entry[0]
            if target_collector and entry[0]["anchor"]:
                target_collector.collect_anchor(entry[0]["anchor"])
            taken.append((element, entry))
    _pseudo_elements_styled(self, html, target_collector, made, taken)
    if store is not None:
        store.served += len(taken)
    # Only the pages' cascaded styles are added from here on.
    cascaded.clear()


def _attributes_cascaded(
    cascaded: dict[Any, Any], html: Any, presentational_hints: bool
) -> dict[Any, tuple[Any, ...]]:
    """The declarations of the elements' own attributes (`style`, `lang`,
    `id` and the rest WeasyPrint reads) cascaded, first, as WeasyPrint does;
    and, for each element that has some, what they say: their text and
    specificity, which an element of another document may say too."""
    import tinycss2
    from weasyprint.css import declaration_precedence, find_style_attributes
    from weasyprint.css.validation import preprocess_declarations

    said: dict[Any, tuple[Any, ...]] = {}
    for specificity, element, declarations, base_url in find_style_attributes(
        html.etree_element, presentational_hints, html.base_url
    ):
        said[element] = (*said.get(element, ()), specificity, tinycss2.serialize(declarations))
        _declare(
            cascaded.setdefault((element, None), {}),
            preprocess_declarations(base_url, declarations),
            "author",
            inf,
            specificity,
            declaration_precedence,
        )
    return said


def _pseudo_elements_styled(
    self: Any,
    html: Any,
    target_collector: Any,
    made: list[tuple[Any, tuple[Any, dict[str, Any]]]],
    taken: list[tuple[Any, tuple[Any, dict[str, Any]]]],
) -> None:
    """The pseudo-elements of the elements whose styles were `made` styled,
    and kept with them; those of the elements whose styles were `taken`
    given the styles kept."""
    cascaded, computed = self.get_cascaded_styles(), self.get_computed_styles()
    for element, pseudo_type in list(cascaded):
        if pseudo_type:
            self.set_computed_styles(
                element,
                pseudo_type=pseudo_type,
                root=html.etree_element,
                parent=element,
                base_url=html.base_url,
                target_collector=target_collector,
            )
    pseudo: dict[Any, dict[str, Any]] = {}
    for (element, pseudo_type), style in computed.items():
        if pseudo_type:
            pseudo.setdefault(element, {})[pseudo_type] = style
    for element, (_, styles) in made:
        styles.update(pseudo.get(element, {}))
    for element, (_, styles) in taken:
        for pseudo_type, style in styles.items():
            computed[element, pseudo_type] = style
            if target_collector and style["anchor"]:
                target_collector.collect_anchor(style["anchor"])


def _layer(sheet: Any, layer: Any) -> Any:
    """Where `layer` comes in `sheet`'s cascade layers (no layer: last)."""
    return inf if layer is None else sheet.layers.index(layer)


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


_WIDTHS: dict[Any, tuple[Any, tuple[Any, ...]]] = {}
"""What `_measured_once` keeps: for a text, the identity of its style and
the arguments about the line, the style and what WeasyPrint's
`split_first_line` gave, but the Pango layout."""

_KEPT_WIDTHS = 50_000  # at most, per process


def _measured_once(split: Any) -> Any:
    """WeasyPrint's `split_first_line` as its min- and max-content widths
    call it (`weasyprint.layout.preferred`): what a text measured in a
    style, with the same arguments, is kept for the next time, this
    document's or the next one's. Those callers read the widths and where
    the line ends, never the Pango layout, which is not kept."""

    @functools.wraps(split)
    def split_first_line(
        text: str,
        style: Any,
        context: Any,
        max_width: float | None,
        justification_spacing: float,
        is_line_start: bool = True,
        minimum: bool = False,
    ) -> Any:
        key = (text, id(style), max_width, justification_spacing, is_line_start, minimum)
        held = _WIDTHS.get(key)
        if held is not None and held[0] is style:
            return held[1]
        line = split(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if len(_WIDTHS) >= _KEPT_WIDTHS:
            _WIDTHS.clear()
        _WIDTHS[key] = style, (None, *line[1:])
        return line

    return split_first_line


def install() -> None:
    """Put the changes in place, once per process."""
    from weasyprint import layout
    from weasyprint.css import StyleFor
    from weasyprint.draw import text
    from weasyprint.layout import preferred
    from weasyprint.text.line_break import Layout

    if StyleFor.__init__ is not _cascade:
        _cascade.replaces = StyleFor.__init__  # type: ignore[attr-defined]
        StyleFor.__init__ = _cascade
    if not hasattr(StyleFor.set_computed_styles, "__wrapped__"):
        StyleFor.set_computed_styles = _styled_where_shown(StyleFor.set_computed_styles)
    if not hasattr(layout.make_margin_boxes, "__wrapped__"):
        layout.make_margin_boxes = _margins_shown(layout.make_margin_boxes)
    if not hasattr(preferred.split_first_line, "__wrapped__"):
        preferred.split_first_line = _measured_once(preferred.split_first_line)
    if not hasattr(Layout.reactivate, "__wrapped__"):
        drawing = _OneParagraph(text.pango)
        text.pango = drawing
        _kept_for_drawing(Layout, drawing)
