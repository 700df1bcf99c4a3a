"""The Jinja environment: the user's template folder first, then the built-in one.

A template in the user's folder overrides the built-in template of the same
name; `default:NAME` always reaches the built-in one, so an override can
`{% extends "default:interview_kit.j2.html" %}` and change one block.
"""

from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)

from rubricgen.escaping import css_string, markdown
from rubricgen.renderer.chart import weights_chart
from rubricgen.renderer.prose import prose_html, prose_inline, prose_markdown

PDF_STYLESHEET = "pdf.j2.css"
STYLESHEET = "print.css"


def clock(minutes: int) -> str:
    """Minutes from the start of an interview, as `0:05`."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's cache of compiled templates, in its own per-user folder
    (made private, and refused if another user owns it): compiling the
    templates takes a third of a second, every run. A template changed is
    compiled again (the cache checks its source)."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None  # no safe folder: the templates are compiled each run


def make_environment(builtin_dir: Path, user_dir: Path | None = None) -> Environment:
    builtin = FileSystemLoader(builtin_dir)
    loaders: list[FileSystemLoader | PrefixLoader] = []
    if user_dir is not None and user_dir.resolve() != builtin_dir.resolve():
        loaders.append(FileSystemLoader(user_dir))
    loaders += [PrefixLoader({"default": builtin}, delimiter=":"), builtin]
    environment = Environment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = css_string
    environment.filters["clock"] = clock
    environment.filters["md"] = markdown
    environment.filters["prose"] = prose_html
    environment.filters["md_prose"] = lambda value: prose_markdown(value, markdown)
    environment.filters["md_inline"] = lambda value: markdown(prose_inline(value))
    environment.globals["weights_chart"] = weights_chart
    environment.globals["zip"] = zip
    return environment
