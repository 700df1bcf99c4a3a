"""The documents rubricgen makes, and the formats and papers it writes them in.

`REGISTRY` is the one list of document kinds: a new kind is its view (which
names its templates), its templates and one entry here. It names the views
without importing them, so that the command line can offer these choices
while `--help`, `validate` and `list` stay fast.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of document `build --kind` makes."""

    name: str
    resolver: str | None = None
    """`module:function` resolving the view: called with (ladder, level,
    occasion), or (ladder, occasion) for a kind made once for the whole ladder.
    None for a part of another kind (see `part_of`)."""
    part_of: str | None = None
    """The kind whose view makes this one among its parts (`DocumentView.parts`)."""
    per_level: bool = True
    by_default: bool = True
    """Made when no --kind is given."""


HANDOUT = "handout"
"""The candidate's handouts: made with the kit, printed apart from it."""

REGISTRY = (
    Kind("interview-kit", "rubricgen.views.interview_kit:resolve_interview_kit"),
    Kind("panel-packet", part_of="interview-kit"),
    Kind("debrief-sheet", part_of="interview-kit"),
    Kind(HANDOUT, part_of="interview-kit"),
    Kind("promotion-rubric", "rubricgen.views.promotion_rubric:resolve_promotion_rubric"),
    Kind("reference-check", "rubricgen.views.reference_check:resolve_reference_check"),
    Kind(
        "ladder",
        "rubricgen.views.ladder_overview:resolve_ladder_overview",
        per_level=False,
        by_default=False,
    ),
)
KINDS = {kind.name: kind for kind in REGISTRY}
DEFAULT_KINDS = tuple(kind.name for kind in REGISTRY if kind.by_default)
FORMATS = ("html", "pdf", "json", "md")
DEFAULT_FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class Page:
    """A PDF page's geometry, in millimetres: the one place it is computed, for
    the stylesheet's page size and margins and for layouts that fill a page."""

    width: float
    height: float
    margin_block: float = 18
    """Top and bottom margins, where the running header and footer sit."""
    margin_inline: float = 16

    def turned(self) -> "Page":
        return Page(self.height, self.width, self.margin_block, self.margin_inline)

    @property
    def content_height(self) -> float:
        return self.height - 2 * self.margin_block

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin_inline


PAGES = {"letter": Page(215.9, 279.4), "a4": Page(210, 297)}
PAPERS = tuple(PAGES)


def page_of(paper: str, *, landscape: bool = False) -> Page:
    """The geometry of a page of `paper`, turned for a landscape document."""
    return PAGES[paper].turned() if landscape else PAGES[paper]
