"""The ladder overview's picture: levels across, competencies down (grouped
by area), a mark in each cell for the weight the level gives the competency,
then each level's share of weight by area. Drawn as inline SVG by this
module; weight shows as size and fill (black, grey, white), so it reads in
greyscale, and the SVG carries its own text alternative.

The drawing is about as wide as a landscape page and is scaled to the page's
width. Nothing in it may print over anything else, so every label is measured
(with the advance widths of DejaVu Sans, the font the documents use, rounded
up) and the label column, the columns and the rows are sized from the
longest name, wrapping a name onto more lines where it would not fit."""

import unicodedata
from html import escape

from markupsafe import Markup

from rubricgen.views.ladder_overview import LadderOverview

WIDTH = 960  # the drawing's width in SVG units, before it is scaled to the page
FONT = 11
LINE = 14  # the height of a line of text
PAD = 6
ROW_PAD = 4  # above and below a row's text, together
MIN_ROW = LINE + ROW_PAD
LABEL_SHARE = 0.36  # the most of the width the label column may take
MIN_COLUMN = 64
RADIUS = {3: 8, 2: 6, 1: 4}
FILL = {3: "#000", 2: "#888", 1: "#fff"}
LEGEND = ((3, "Core"), (2, "Important"), (1, "Supporting"), (None, "Not assessed"))
SHARES_HEADING = "Share of each level's weight, by area"


def text_width(text: str, *, bold: bool = False) -> float:
    """The width of `text` at the chart's font size, never less than DejaVu
    Sans prints it (bold is about a tenth wider)."""
    return sum(_advance(char) for char in text) * FONT * (1.12 if bold else 1.0)


def _advance(char: str) -> float:
    """An upper bound of the character's advance width, in em."""
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char in "il.,:;'|!j ":
        return 0.34
    if char in "frt()[]-/":
        return 0.42
    if char in "mwMW%@":
        return 1.0
    if char.isupper():
        return 0.8
    if char.islower() or char.isdigit():
        return 0.65
    return 0.85


def wrap(text: str, width: float, *, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `width` where its words allow."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, bold=bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(
        self, x: float, y: float, text: str, *, bold: bool = False, middle: bool = False
    ) -> None:
        weight = ' font-weight="bold"' if bold else ""
        anchor = ' text-anchor="middle"' if middle else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}"{anchor}{weight}>{escape(text)}</text>')

    def lines_of(self, x: float, top: float, lines: list[str], **style: bool) -> None:
        for index, line in enumerate(lines):
            self.text(x, top + LINE * index + FONT, line, **style)

    def mark(self, x: float, y: float, weight: int | None) -> None:
        if weight is None:
            self.parts.append(
                f'<line x1="{x - 5:.1f}" y1="{y:.1f}" x2="{x + 5:.1f}" y2="{y:.1f}" stroke="#000"/>'
            )
        else:
            self.parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS[weight]}" fill="{FILL[weight]}" '
                'stroke="#000" stroke-width="1.2"/>'
            )

    def band(self, top: float, width: float, height: float) -> None:
        self.parts.append(
            f'<rect x="0" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#f0f0f0"/>'
        )

    def legend(self, y: float, width: float) -> float:
        """The marks and what they mean, in a row from `y`, wrapped at
        `width`; the top of its last line."""
        x: float = PAD
        for weight, name in LEGEND:
            if x + 2 * RADIUS[3] + PAD + text_width(name) > width:
                x, y = PAD, y + MIN_ROW
            self.mark(x + RADIUS[3], y + LINE / 2, weight)
            self.text(x + 2 * RADIUS[3] + PAD, y + FONT, name)
            x += 2 * RADIUS[3] + PAD + text_width(name) + 4 * PAD
        return y

    def rule(self, y: float, width: float) -> None:
        self.parts.append(
            f'<line x1="0" y1="{y:.1f}" x2="{width:.1f}" y2="{y:.1f}" stroke="#000"/>'
        )


def _columns(doc: LadderOverview, share_areas: list[str]) -> tuple[float, float]:
    """The width of the label column (the longest label, up to a share of
    the chart) and of each level's column."""
    labels = [row.name for area in doc.areas for row in area.rows] + share_areas
    headings = [area.name for area in doc.areas if area.name] + [SHARES_HEADING]
    widest = max(
        [text_width(label) for label in labels] + [text_width(h, bold=True) for h in headings]
    )
    label_column = min(widest, WIDTH * LABEL_SHARE) + 2 * PAD
    # Columns share what the labels leave, and are never narrower than a
    # level title's longest word.
    words = [word for level in doc.levels for word in level.title.split()]
    longest_word = max(text_width(word, bold=True) for word in words)
    column = max(MIN_COLUMN, longest_word + 2 * PAD, (WIDTH - label_column) / len(doc.levels))
    return label_column, column


def weights_chart(doc: LadderOverview) -> Markup:
    share_areas = list(doc.area_shares[0].shares) if doc.area_shares else []
    label_column, column = _columns(doc, share_areas)
    width = label_column + column * len(doc.levels)

    def centre(index: int) -> float:
        return label_column + column * index + column / 2

    canvas = _Canvas()
    titles = [wrap(level.title, column - 2 * PAD, bold=True) for level in doc.levels]
    for index, lines in enumerate(titles):
        canvas.lines_of(centre(index), PAD, lines, bold=True, middle=True)
    y: float = PAD + LINE * max(len(lines) for lines in titles) + PAD

    def label(text: str, *, bold: bool = False, band: bool = False) -> float:
        """Write a row's label at `y`, wrapped to the label column, on a
        grey band across the chart if asked; the row's height."""
        lines = wrap(text, label_column - 2 * PAD, bold=bold)
        height = LINE * len(lines) + ROW_PAD
        if band:
            canvas.band(y, width, height)
        canvas.lines_of(PAD, y + ROW_PAD / 2, lines, bold=bold)
        return height

    for area in doc.areas:
        if area.name:
            y += label(area.name, bold=True)
        for index, row in enumerate(area.rows):
            height = label(row.name, band=index % 2 == 0)
            for column_index, cell in enumerate(row.cells):
                canvas.mark(centre(column_index), y + height / 2, cell.weight)
            y += height
    if share_areas:
        canvas.rule(y + PAD, width)
        y += 2 * PAD
        y += label(SHARES_HEADING, bold=True)
    for name in share_areas:
        for index, share in enumerate(doc.area_shares):
            value = f"{share.shares[name]}%"
            canvas.text(centre(index), y + ROW_PAD / 2 + FONT, value, middle=True)
        y += label(name)
    y += 2 * PAD
    height = canvas.legend(y, width) + MIN_ROW
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        'aria-labelledby="chart-title chart-desc">'
        '<title id="chart-title">What each level weighs</title>'
        f'<desc id="chart-desc">{escape(doc.summary())}</desc>'
        f'<g font-family="DejaVu Sans, sans-serif" font-size="{FONT}" fill="#000">'
        + "".join(canvas.parts)
        + "</g></svg>"
    )
