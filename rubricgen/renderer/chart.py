"""The ladder overview's picture: levels across, competencies down, a mark in
each cell for the weight the level gives the competency. Drawn as inline SVG
by this module; weight shows as size and fill (black, grey, white), so it
reads in greyscale, and the SVG carries its own text alternative."""

from html import escape

from markupsafe import Markup

from rubricgen.views.ladder_overview import LadderOverview

ROW = 20
COLUMN = 92
LABEL = 230
HEADER = 46
RADIUS = {3: 8, 2: 6, 1: 4}
FILL = {3: "#000", 2: "#888", 1: "#fff"}


def weights_chart(doc: LadderOverview) -> Markup:
    width = LABEL + COLUMN * len(doc.levels) + 10
    areas = list(doc.area_shares[0].shares) if doc.area_shares else []
    shares_top = HEADER + ROW * len(doc.rows) + 8
    height = shares_top + ROW * len(areas) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="chart-title chart-desc">',
        '<title id="chart-title">What each level weighs</title>',
        f'<desc id="chart-desc">{escape(doc.summary())}</desc>',
        '<g font-family="DejaVu Sans, sans-serif" font-size="11" fill="#000">',
    ]
    for column, level in enumerate(doc.levels):
        x = LABEL + COLUMN * column + COLUMN / 2
        for line, word in enumerate(_two_lines(level.title)):
            parts.append(
                f'<text x="{x:.0f}" y="{20 + 14 * line}" text-anchor="middle" '
                f'font-weight="bold">{escape(word)}</text>'
            )
    for index, row in enumerate(doc.rows):
        y = HEADER + ROW * index + ROW / 2
        if index % 2 == 0:
            parts.append(
                f'<rect x="0" y="{y - ROW / 2:.0f}" width="{width}" height="{ROW}" fill="#f0f0f0"/>'
            )
        parts.append(f'<text x="6" y="{y + 4:.0f}">{escape(row.name)}</text>')
        for column, cell in enumerate(row.cells):
            x = LABEL + COLUMN * column + COLUMN / 2
            parts.append(_mark(x, y, cell.weight))
    # How the bar rises: each level's weight by area, in percent.
    parts.append(
        f'<line x1="0" y1="{shares_top - 4}" x2="{width}" y2="{shares_top - 4}" stroke="#000"/>'
    )
    for index, area in enumerate(areas):
        y = shares_top + ROW * index + ROW / 2
        parts.append(f'<text x="6" y="{y + 4:.0f}">Share of weight: {escape(area)}</text>')
        for column, share in enumerate(doc.area_shares):
            x = LABEL + COLUMN * column + COLUMN / 2
            value = share.shares[area]
            parts.append(f'<text x="{x:.0f}" y="{y + 4:.0f}" text-anchor="middle">{value}%</text>')
    legend_y = shares_top + ROW * len(areas) + 26
    x = 6.0
    for weight, label in ((3, "Core"), (2, "Important"), (1, "Supporting"), (None, "Not assessed")):
        parts.append(_mark(x + 10, legend_y - 4, weight))
        parts.append(f'<text x="{x + 26:.0f}" y="{legend_y:.0f}">{label}</text>')
        x += 130
    parts.append("</g></svg>")
    return Markup("".join(parts))


def _mark(x: float, y: float, weight: int | None) -> str:
    if weight is None:
        return f'<line x1="{x - 5:.0f}" y1="{y:.0f}" x2="{x + 5:.0f}" y2="{y:.0f}" stroke="#000"/>'
    return (
        f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{RADIUS[weight]}" fill="{FILL[weight]}" '
        'stroke="#000" stroke-width="1.2"/>'
    )


def _two_lines(title: str) -> list[str]:
    """A level's title on at most two lines, split near the middle."""
    words = title.split()
    if len(words) < 2:
        return words
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(title) / 2))
    return [" ".join(words[:best]), " ".join(words[best:])]
