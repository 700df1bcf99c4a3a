"""Boxes marked `grows` take what their page leaves, once laid out."""

import pytest

from rubricgen.renderer.fill import fill_pages

PAGE = "@page { size: 100mm 100mm; margin: 10mm } body { margin: 0; font-size: 10pt }"
BOX = "border: 1pt solid; height: 10mm"


def laid_out(body: str) -> list:
    import weasyprint

    html = f"<html><head><style>{PAGE}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=html).render().pages


def boxes(page, tag: str, found=None) -> list:
    """The boxes of elements with id `tag` on `page`, principal boxes only."""
    found = [] if found is None else found
    stack = [(page._page_box, None)]
    while stack:
        box, parent = stack.pop()
        element = getattr(box, "element", None)
        if element is not None and element.get("id") == tag and element is not parent:
            found.append(box)
        stack += [(child, element) for child in getattr(box, "children", ())]
    return found


def bottom(box) -> float:
    return box.position_y + box.margin_height()


def foot(page) -> float:
    return page._page_box.content_box_y() + page._page_box.height


def test_a_box_grows_to_the_foot_and_what_follows_moves_down():
    (page,) = fill_pages(
        laid_out(
            f'<p>Notes</p><div id="box" class="grows" style="{BOX}"></div><p id="after">Signed</p>'
        )
    )
    (box,), (after,) = boxes(page, "box"), boxes(page, "after")
    assert bottom(after) == pytest.approx(foot(page), abs=0.5)
    assert box.height > 150  # was 10mm (about 38 CSS pixels)
    assert after.position_y == pytest.approx(bottom(box), abs=0.5)


def test_growing_boxes_share_what_is_left_and_hold_their_order():
    (page,) = fill_pages(
        laid_out(
            f'<div id="a" class="grows" style="{BOX}"></div>'
            f'<div id="b" class="grows" style="{BOX}"></div>'
        )
    )
    (a,), (b,) = boxes(page, "a"), boxes(page, "b")
    assert a.height == pytest.approx(b.height)
    assert b.position_y == pytest.approx(bottom(a))
    assert bottom(b) == pytest.approx(foot(page), abs=0.5)


def test_a_marked_box_holding_marked_boxes_grows_by_what_they_grow():
    (page,) = fill_pages(
        laid_out(
            f'<div id="outer" class="grows"><div id="inner" class="grows" style="{BOX}"></div>'
            '<p id="rating">Rating</p></div>'
        )
    )
    (outer,), (inner,), (rating,) = (
        boxes(page, "outer"),
        boxes(page, "inner"),
        boxes(page, "rating"),
    )
    assert bottom(rating) == pytest.approx(foot(page), abs=0.5)
    # The rating stays inside its box (its bottom margin collapses through it).
    assert rating.position_y + rating.border_height() <= bottom(outer) + 0.5
    assert inner.height > 150


def test_a_full_page_and_a_page_without_a_marked_box_are_left_alone():
    long = "<p>" + "A line of text that runs on. " * 400 + "</p>"
    pages = laid_out(f'{long}<div id="box" class="grows" style="{BOX}"></div><p>Unmarked</p>')
    before = [(id(p), [b.height for b in boxes(p, "box")]) for p in pages]
    filled = fill_pages(pages)
    # The pages without the box are the same objects, untouched.
    assert [id(p) for p in filled[:-1]] == [id(p) for p in pages[:-1]]
    (box,) = boxes(filled[-1], "box")
    assert bottom(box) < foot(filled[-1])  # the unmarked paragraph follows it
    assert before[-1][1][0] < box.height


def test_form_fields_of_a_grown_box_are_placed_where_the_box_now_is():
    import weasyprint

    html = (
        f"<html><head><style>{PAGE} textarea {{ display: block; height: 10mm; width: 100% }}"
        '</style></head><body><p>Notes</p><textarea class="grows" name="notes"></textarea>'
        "</body></html>"
    )
    pages = weasyprint.HTML(string=html).render(pdf_forms=True).pages
    (page,) = fill_pages(pages)
    ((box, (_, top, _, field_bottom)),) = page.forms[None]
    # The field is the box inside its border, which now ends at the foot.
    assert box.border_box_y() <= top < box.border_box_y() + 5
    assert foot(page) - 5 < field_bottom <= foot(page)
