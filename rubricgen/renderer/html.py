"""Render a view through its Jinja template into one self-contained HTML page."""

import sys
from pathlib import Path
from types import TracebackType

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError

from rubricgen.documents import page_of
from rubricgen.paths import display_path
from rubricgen.renderer.templates import PDF_STYLESHEET
from rubricgen.schema.problems import LadderError, Problem
from rubricgen.views import DocumentView


def render_html(
    environment: Environment, document: DocumentView, *, cover_only: bool = False
) -> str:
    """The HTML page of `document`, from the template its view names; template
    mistakes raise `LadderError`.

    `cover_only` (a document with parts) leaves the parts out: its PDF takes
    them from their own pages."""
    name = document.html_template
    variables = document.template_variables(cover_only=cover_only)
    try:
        return environment.get_template(name).render(doc=document, **variables)
    except TemplateError as error:
        raise LadderError([template_problem(error, name)]) from None


def render_markdown(environment: Environment, document: DocumentView) -> str:
    """The Markdown of `document`, from the template its view names."""
    name = document.markdown_template
    try:
        return environment.get_template(name).render(doc=document)
    except TemplateError as error:
        raise LadderError([template_problem(error, name)]) from None


def render_pdf_stylesheet(environment: Environment, document: DocumentView, paper: str) -> str:
    """The stylesheet only WeasyPrint reads, on top of print.css: the paper
    and its margins, and what the content of a PDF needs beside what a
    browser prints. `page` is the page's geometry in millimetres, turned for
    a landscape document."""
    page = page_of(paper, landscape=document.landscape)
    try:
        return environment.get_template(PDF_STYLESHEET).render(doc=document, paper=paper, page=page)
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
