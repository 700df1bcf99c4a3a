"""Reading printed pages back with pdfplumber: where a page's writing area
is, how far down it is filled, and the room under a box."""

import pdfplumber

from rubricgen.documents import PAGES

MM = 72 / 25.4


def writing_area(page: pdfplumber.page.Page, paper: str) -> tuple[float, float]:
    """The top and bottom of the page inside its margins, in points."""
    margin = PAGES[paper].margin_block * MM
    return margin, page.height - margin


def body_bottom(page: pdfplumber.page.Page, paper: str) -> float:
    """How far down the writing area its lowest printed mark reaches, as a
    share of that area (the running header and footer left out)."""
    top, bottom = writing_area(page, paper)
    marks = [o["bottom"] for o in (*page.chars, *page.rects, *page.lines) if top <= o["top"]]
    return (max(b for b in marks if b <= bottom + 1) - top) / (bottom - top)


def box_around(page: pdfplumber.page.Page, label: str, index: int = 0) -> dict | None:
    """The smallest box drawn around the `index`th occurrence of `label`."""
    found = page.search(label, regex=False)
    if len(found) <= index:
        return None
    x, y = found[index]["x0"], found[index]["top"]
    return min(
        (r for r in page.rects if r["x0"] <= x and r["top"] <= y <= r["bottom"]),
        key=lambda r: r["height"],
        default=None,
    )


def room_below_box(page: pdfplumber.page.Page, paper: str, label: str) -> float | None:
    """The height left under the box labelled `label`, down to the margin, in
    mm; None when the page has no such box."""
    box = box_around(page, label)
    if box is None:
        return None
    return (writing_area(page, paper)[1] - box["bottom"]) / MM


def overlaps(a: dict, b: dict, slack: float = 0.3) -> bool:
    """Whether two boxes (words, rectangles, curves) print over each other."""
    return (
        a["x0"] + slack < b["x1"]
        and b["x0"] + slack < a["x1"]
        and a["top"] + slack < b["bottom"]
        and b["top"] + slack < a["bottom"]
    )


def overprinted_words(page: pdfplumber.page.Page, x_tolerance: float = 3) -> list[tuple[str, str]]:
    """Pairs of words on the page that print over each other."""
    words = page.extract_words(x_tolerance=x_tolerance)
    return [
        (a["text"], b["text"])
        for i, a in enumerate(words)
        for b in words[i + 1 :]
        if overlaps(a, b)
    ]
