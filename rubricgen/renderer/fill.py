"""Boxes to write in that reach the foot of their page.

A question's notes box, a competency's evidence box: on paper each takes
whatever height its page leaves, so no page ends in blank paper nobody can
write on. A browser prints this from a page-high flex column (`print.css`).
WeasyPrint lays a flex column out several times over (each item's
min-content width, its height at that width, its height again), and that
was some 40% of a packet's layout. So for WeasyPrint the columns are plain
blocks (`pdf.j2.css`), and once the pages are laid out, each page's spare
height is shared among its boxes marked `grows`: each is stretched, and what
follows it moved down, where a flex column would have put them.

A marked box that holds other marked boxes (a competency's evidence box and
its rating, kept together) grows by what they grow. A page whose content
fills it, or that has no marked box, is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

GROWS = "grows"
"""The class of an element whose box takes what its page leaves."""


def fill_pages(pages: list[Any]) -> list[Any]:
    """WeasyPrint's laid-out `pages`, each marked box on them stretched to
    the foot of its page. Pages that change are made again from their boxes,
    so their links and form fields sit where the boxes now are."""
    from weasyprint.document import Page

    return [Page(page._page_box) if _fill(page._page_box) else page for page in pages]


def _fill(page_box: Any) -> bool:
    roots = [box for box in page_box.children if not _is_margin_box(box)]
    if not roots:
        return False
    root = roots[0]
    growers = list(_paths_to_growers(root, [root]))
    if not growers:
        return False
    foot = page_box.content_box_y() + page_box.height
    spare = foot - _content_bottom(root, foot)
    if spare < 1:
        return False
    share = spare / len(growers)
    for path in growers:
        _stretch(path, share)
    return True


def _content_bottom(box: Any, foot: float) -> float:
    """Where the content inside `box` ends on its page. WeasyPrint stretches
    a box that runs on to the next page (the root among them) down to the
    foot of the page, so the content of such a box is looked for inside it."""
    bottom: float = box.position_y + box.margin_height()
    if bottom < foot - 0.01:
        return bottom
    children = getattr(box, "children", ())
    return max((_content_bottom(child, foot) for child in children), default=box.content_box_y())


def _is_margin_box(box: Any) -> bool:
    return type(box).__name__ == "MarginBox"


def _grows(box: Any, parent: Any) -> bool:
    """Whether `box` is the principal box of a marked element (not one of
    the anonymous boxes inside it, which share its element)."""
    element = getattr(box, "element", None)
    if element is None or element is getattr(parent, "element", None):
        return False
    return GROWS in (element.get("class") or "").split()


def _paths_to_growers(box: Any, path: list[Any]) -> Iterator[list[Any]]:
    """For each innermost marked box under `box`, the boxes from the page's
    root down to it."""
    found = False
    for child in getattr(box, "children", ()):
        for inner in _paths_to_growers(child, [*path, child]):
            found = True
            yield inner
    if not found and len(path) > 1 and _grows(path[-1], path[-2]):
        yield path


def _stretch(path: list[Any], height: float) -> None:
    """The last box of `path` made `height` taller: its ancestors grow with
    it, and every box after it on the page moves down."""
    for box, next_box in zip(path, [*path[1:], None], strict=True):
        if next_box is not None:
            after = False
            for child in box.children:
                if after:
                    child.translate(dy=height)
                after = after or child is next_box
        box.height += height
