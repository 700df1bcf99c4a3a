"""Render a view through its Jinja template into one self-contained HTML page."""

import sys
from pathlib import Path
from types import TracebackType

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError

from rubricgen.paths import display_path
from rubricgen.renderer.templates import MARKDOWN_TEMPLATE_NAMES, PDF_STYLESHEET, TEMPLATE_NAMES
from rubricgen.schema.problems import LadderError, Problem
from rubricgen.views import DebriefSheet, Document, InterviewKit, PanelPacket


def kit_parts(document: Document, *, cover_only: bool = False) -> dict[str, object]:
    """What the interview kit's template prints for `document`: which part, the
    packets and the debrief sheet. Other documents need nothing more."""
    if isinstance(document, InterviewKit):
        if cover_only:
            return {"part": "cover", "packets": [], "sheet": None}
        return {"part": "kit", "packets": document.packets(), "sheet": document.debrief_sheet()}
    if isinstance(document, PanelPacket):
        return {"part": "packet", "packets": [document], "sheet": None}
    if isinstance(document, DebriefSheet):
        return {"part": "debrief", "packets": [], "sheet": document}
    return {}


def render_html(environment: Environment, document: Document, *, cover_only: bool = False) -> str:
    """The HTML page of `document`; template mistakes raise `LadderError`.

    `cover_only` (interview kits) leaves out the interviews and the debrief,
    which the PDF kit takes from the packets and the debrief sheet."""
    name = TEMPLATE_NAMES[document.kind]
    variables = kit_parts(document, cover_only=cover_only)
    try:
        return environment.get_template(name).render(doc=document, **variables)
    except TemplateError as error:
        raise LadderError([template_problem(error, name)]) from None


def render_markdown(environment: Environment, document: Document) -> str:
    """The Markdown of `document`, from the template beside its HTML one."""
    name = MARKDOWN_TEMPLATE_NAMES[document.kind]
    try:
        return environment.get_template(name).render(doc=document)
    except TemplateError as error:
        raise LadderError([template_problem(error, name)]) from None


def render_pdf_stylesheet(environment: Environment, document: Document, paper: str) -> str:
    """The stylesheet only WeasyPrint reads: page size, running footer."""
    try:
        return environment.get_template(PDF_STYLESHEET).render(doc=document, paper=paper)
    except TemplateError as error:
        raise LadderError([template_problem(error, PDF_STYLESHEET)]) from None


def template_problem(error: TemplateError, name: str) -> Problem:
    """Locate a template error at the template file and line that caused it."""
    if isinstance(error, TemplateSyntaxError):
        file = display_path(Path(error.filename)) if error.filename else error.name or name
        return Problem(
            file,
            error.lineno,
            1,
            "template",
            f"Template syntax error: {error.message}. Fix the tag on this line.",
        )
    if isinstance(error, TemplateNotFound):
        return Problem(
            name,
            1,
            1,
            "template",
            f"No template named {error.name}; check the name in the extends or include "
            "tag, and that the file is in the templates folder.",
        )
    file, line = name, 1
    # Jinja rewrites tracebacks so that frames point into the template files.
    traceback: TracebackType | None = sys.exc_info()[2]
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if ".j2." in filename:
            file, line = display_path(Path(filename)), traceback.tb_lineno
        traceback = traceback.tb_next
    return Problem(
        file,
        line,
        1,
        "template",
        f"Template error: {error}. Use only the variables documented in the README.",
    )
