"""The build: resolve each requested document, render every format in memory,
then write the files. Nothing is written unless everything rendered."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rubricgen.paths import shipped
from rubricgen.renderer.html import render_html, render_pdf_stylesheet
from rubricgen.renderer.pdf import LaidOut, lay_out, write_pdf
from rubricgen.renderer.templates import make_environment
from rubricgen.schema.ladder import ALL_LEVELS, Ladder
from rubricgen.schema.loader import display_path
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views import (
    KINDS,
    Document,
    Occasion,
    packet_path,
    resolve_interview_kit,
    resolve_promotion_rubric,
)

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
    occasion: Occasion = field(default_factory=Occasion)


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


class _Renderer:
    """Renders documents in the requested formats, laying each out at most once."""

    def __init__(self, request: BuildRequest) -> None:
        builtin = shipped("templates")
        user = request.templates_dir
        self.environment = make_environment(builtin, user)
        self.allowed = (builtin,) if user is None else (builtin, user)
        self.base_dir = user or builtin
        self.request = request
        self.laid_out: dict[PurePosixPath, LaidOut] = {}

    def html(self, document: Document, *, cover_only: bool = False) -> str:
        return render_html(self.environment, document, cover_only=cover_only)

    def lay_out(self, path: PurePosixPath, document: Document, html: str) -> LaidOut:
        if path not in self.laid_out:
            css = render_pdf_stylesheet(self.environment, document, self.request.paper)
            self.laid_out[path] = lay_out(html, css, self.base_dir, self.allowed)
        return self.laid_out[path]

    def files(
        self,
        path: PurePosixPath,
        document: Document,
        html: str,
        parts: Sequence[LaidOut] | None = None,
    ) -> list[Rendered]:
        """`document` in every requested format; its PDF is `parts` when given
        (already laid out), else `html` laid out now."""
        formats = self.request.formats
        rendered = []
        if "html" in formats:
            rendered.append(Rendered(Path(f"{path}.html"), html.encode()))
        if "pdf" in formats:
            pdf = write_pdf(parts or [self.lay_out(path, document, html)])
            rendered.append(Rendered(Path(f"{path}.pdf"), pdf.data, pdf.pages))
        if "json" in formats:
            data = document.model_dump_json(indent=2) + "\n"
            rendered.append(Rendered(Path(f"{path}.json"), data.encode()))
        return rendered


def render_all(
    ladder: Ladder, request: BuildRequest, note: Callable[[str], None]
) -> list[Rendered]:
    """Every requested file's bytes; raises `LadderError` on a template mistake."""
    renderer = _Renderer(request)
    rendered: list[Rendered] = []
    for level in select_levels(ladder, request.levels):
        rendered += _render_level(ladder, level, renderer, note)
    return rendered


def _render_level(
    ladder: Ladder, level: LevelFile, renderer: _Renderer, note: Callable[[str], None]
) -> list[Rendered]:
    kinds = renderer.request.kinds
    rendered: list[Rendered] = []
    if {"interview-kit", "panel-packet", "debrief-sheet"} & set(kinds):
        kit = resolve_interview_kit(ladder, level, renderer.request.occasion)
        packets = [(packet_path(level.id, p), p) for p in kit.packets()]
        sheet = kit.debrief_sheet()
        sheet_path = PurePosixPath(level.id, "debrief-sheet")
        packet_html = {path: renderer.html(packet) for path, packet in packets}
        sheet_html = renderer.html(sheet)
        if "interview-kit" in kinds:
            kit_path = PurePosixPath(level.id, "interview-kit")
            parts = None
            if "pdf" in renderer.request.formats:
                cover = renderer.html(kit, cover_only=True)
                parts = [
                    renderer.lay_out(PurePosixPath(f"{kit_path}-cover"), kit, cover),
                    *[renderer.lay_out(path, p, packet_html[path]) for path, p in packets],
                    renderer.lay_out(sheet_path, sheet, sheet_html),
                ]
            rendered += renderer.files(kit_path, kit, renderer.html(kit), parts)
        if "panel-packet" in kinds:
            for path, packet in packets:
                rendered += renderer.files(path, packet, packet_html[path])
        if "debrief-sheet" in kinds:
            rendered += renderer.files(sheet_path, sheet, sheet_html)
    if "promotion-rubric" in kinds:
        rubric = resolve_promotion_rubric(ladder, level, renderer.request.occasion)
        if rubric is None:
            note(
                f"{level.id}: no promotion rubric: {level.title} is the lowest level, so "
                "nobody is promoted into it."
            )
        else:
            path = PurePosixPath(level.id, "promotion-rubric")
            rendered += renderer.files(path, rubric, renderer.html(rubric))
    return rendered


def _missing_dirs(folders: Sequence[Path]) -> set[Path]:
    """The folders (and their parents) that do not exist yet."""
    missing = set()
    for folder in folders:
        while not folder.exists() and folder not in missing:
            missing.add(folder)
            folder = folder.parent
    return missing


def write_all(
    rendered: Sequence[Rendered], output_dir: Path, note: Callable[[str], None]
) -> list[Path]:
    """Write the files, all or nothing.

    Everything is first written to a staging folder inside `output_dir`, then
    moved into place; a file it replaces is moved aside first. If any step
    fails, the files already moved are taken back and the ones aside are
    restored, so earlier output is left exactly as it was."""
    new_dirs = _missing_dirs([output_dir, *(output_dir / i.path.parent for i in rendered)])
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".rubricgen-", dir=output_dir))
    aside = staging / ".replaced"
    moved: list[tuple[Path, Path | None]] = []  # (target, where its old file went)
    try:
        for item in rendered:
            staged = staging / item.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(item.data)
        for index, item in enumerate(rendered):
            target = output_dir / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            old = None
            if target.exists():
                old = aside / str(index)
                old.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, old)
            moved.append((target, old))
            os.replace(staging / item.path, target)
    except OSError:
        for target, old in reversed(moved):
            target.unlink(missing_ok=True)
            if old is not None:
                os.replace(old, target)
        shutil.rmtree(staging, ignore_errors=True)
        for folder in sorted(new_dirs, key=lambda d: len(d.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for item in rendered:
        plural = "" if item.pages == 1 else "s"
        pages = "" if item.pages is None else f" ({item.pages} page{plural})"
        note(f"wrote {display_path(output_dir / item.path)}{pages}")
    return [output_dir / item.path for item in rendered]
