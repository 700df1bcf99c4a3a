"""The Jinja environment: the user's template folder first, then the built-in one.

A template in the user's folder overrides the built-in template of the same
name; `default:NAME` always reaches the built-in one, so an override can
`{% extends "default:interview_kit.j2.html" %}` and change one block.
"""

from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)

from rubricgen.escaping import css_string, markdown
from rubricgen.renderer.chart import weights_chart

# The HTML template of each kind of document. Packets and debrief sheets are
# parts of the interview kit, made by its template (see `kit_parts`).
TEMPLATE_NAMES = {
    "interview-kit": "interview_kit.j2.html",
    "panel-packet": "interview_kit.j2.html",
    "debrief-sheet": "interview_kit.j2.html",
    "promotion-rubric": "promotion_rubric.j2.html",
    "ladder": "ladder_overview.j2.html",
    "level-diff": "level_diff.j2.html",
}
MARKDOWN_TEMPLATE_NAMES = {
    "interview-kit": "interview_kit.j2.md",
    "panel-packet": "panel_packet.j2.md",
    "debrief-sheet": "debrief_sheet.j2.md",
    "promotion-rubric": "promotion_rubric.j2.md",
    "ladder": "ladder_overview.j2.md",
    "level-diff": "level_diff.j2.md",
}
PDF_STYLESHEET = "pdf.j2.css"


def clock(minutes: int) -> str:
    """Minutes from the start of an interview, as `0:05`."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def make_environment(builtin_dir: Path, user_dir: Path | None = None) -> Environment:
    builtin = FileSystemLoader(builtin_dir)
    loaders: list[FileSystemLoader | PrefixLoader] = []
    if user_dir is not None and user_dir.resolve() != builtin_dir.resolve():
        loaders.append(FileSystemLoader(user_dir))
    loaders += [PrefixLoader({"default": builtin}, delimiter=":"), builtin]
    environment = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = css_string
    environment.filters["clock"] = clock
    environment.filters["md"] = markdown
    environment.globals["weights_chart"] = weights_chart
    environment.globals["zip"] = zip
    return environment
