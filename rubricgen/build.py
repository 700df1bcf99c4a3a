"""The build: resolve each requested document, render every format in memory,
then write the files. Nothing is written unless everything rendered."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rubricgen.paths import shipped
from rubricgen.renderer.html import render_html, render_pdf_stylesheet
from rubricgen.renderer.pdf import render_pdf
from rubricgen.renderer.templates import make_environment
from rubricgen.schema.ladder import ALL_LEVELS, Ladder
from rubricgen.schema.loader import display_path
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views import KINDS, resolve

FORMATS = ("html", "pdf", "json")
PAPERS = ("letter", "a4")


@dataclass(frozen=True)
class BuildRequest:
    levels: Sequence[str]
    kinds: Sequence[str] = KINDS
    formats: Sequence[str] = ("html", "pdf")
    output_dir: Path = Path("output")
    paper: str = "letter"
    templates_dir: Path | None = None


@dataclass(frozen=True)
class Rendered:
    path: Path  # relative to the output folder
    data: bytes
    pages: int | None = None


def select_levels(ladder: Ladder, names: Sequence[str]) -> list[LevelFile]:
    """The levels named by ids, aliases or `all`, in ladder order, each once.
    Unknown names must have been refused before."""
    if ALL_LEVELS in names:
        return list(ladder.levels)
    chosen = {level.id for name in names if (level := ladder.find(name))}
    return [level for level in ladder.levels if level.id in chosen]


def render_all(
    ladder: Ladder, request: BuildRequest, note: Callable[[str], None]
) -> list[Rendered]:
    """Every requested file's bytes; raises `LadderError` on a template mistake."""
    builtin = shipped("templates")
    user = request.templates_dir
    environment = make_environment(builtin, user)
    allowed = (builtin,) if user is None else (builtin, user)
    rendered: list[Rendered] = []
    for level in select_levels(ladder, request.levels):
        for kind in request.kinds:
            document = resolve(ladder, level, kind)
            if document is None:
                note(
                    f"{level.id}: no {kind}: {level.title} is the lowest level, so "
                    "nobody is promoted into it."
                )
                continue
            stem = Path(level.id) / kind
            html = render_html(environment, document)
            if "html" in request.formats:
                rendered.append(Rendered(stem.with_suffix(".html"), html.encode()))
            if "pdf" in request.formats:
                css = render_pdf_stylesheet(environment, document, request.paper)
                pdf = render_pdf(html, css, user or builtin, allowed)
                rendered.append(Rendered(stem.with_suffix(".pdf"), pdf.data, pdf.pages))
            if "json" in request.formats:
                data = document.model_dump_json(indent=2) + "\n"
                rendered.append(Rendered(stem.with_suffix(".json"), data.encode()))
    return rendered


def write_all(
    rendered: Sequence[Rendered], output_dir: Path, note: Callable[[str], None]
) -> list[Path]:
    """Write the files: staged in a temporary folder beside `output_dir`, then
    moved into place, so a failure part-way leaves no half-written file."""
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".rubricgen-", dir=output_dir))
    written = []
    try:
        for item in rendered:
            staged = staging / item.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(item.data)
        for item in rendered:
            target = output_dir / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / item.path, target)
            pages = f" ({item.pages} pages)" if item.pages is not None else ""
            note(f"wrote {display_path(target)}{pages}")
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
