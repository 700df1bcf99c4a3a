"""The build: resolve each requested document, render its HTML and JSON, lay
out its PDF, and write the files.

HTML and JSON are cheap; PDF layout is what costs. So the build first plans
every file (its bytes, or the PDF job that will lay it out) with a digest of
everything it is made from; files whose digest matches the last build and
whose bytes are untouched are skipped; the PDF jobs left run in parallel; and
only then is anything written, all or nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from time import perf_counter

from rubricgen import __version__
from rubricgen.documents import KINDS
from rubricgen.output import Rendered, State, locked, write_all
from rubricgen.paths import shipped
from rubricgen.renderer.html import render_html, render_markdown, render_pdf_stylesheet
from rubricgen.renderer.pdf import stack_fingerprint
from rubricgen.renderer.pdf_jobs import Part, PdfJob, run_jobs
from rubricgen.renderer.templates import make_environment
from rubricgen.schema.ladder import ALL_LEVELS, Ladder
from rubricgen.schema.loader import display_path
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views import (
    Document,
    Occasion,
    packet_path,
    resolve_interview_kit,
    resolve_ladder_overview,
    resolve_level_diff,
    resolve_promotion_rubric,
)

Note = Callable[[str], None]


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
class Planned:
    """One file to make: its bytes already (HTML, JSON) or its PDF job."""

    path: Path
    inputs: str  # digest of everything the file is made from
    data: bytes | None = None
    job: int | None = None


@dataclass
class Plan:
    files: list[Planned] = field(default_factory=list)
    jobs: list[PdfJob] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    written: list[Rendered]
    current: list[Path]
    seconds: float


def select_levels(ladder: Ladder, names: Sequence[str]) -> list[LevelFile]:
    """The levels named by ids, aliases or `all`, in ladder order, each once.
    Unknown names must have been refused before."""
    if ALL_LEVELS in names:
        return list(ladder.levels)
    chosen = {level.id for name in names if (level := ladder.find(name))}
    return [level for level in ladder.levels if level.id in chosen]


class _Planner:
    def __init__(self, request: BuildRequest) -> None:
        builtin = shipped("templates")
        user = request.templates_dir
        self.environment = make_environment(builtin, user)
        self.allowed = (builtin,) if user is None else (builtin, user)
        self.base_dir = user or builtin
        self.request = request
        self.plan = Plan()
        self.fingerprint = self._fingerprint()

    def _fingerprint(self) -> bytes:
        """What every PDF depends on besides its HTML and stylesheet: the tool,
        the PDF stack and the fonts, and any file a template may refer to."""
        seen = hashlib.sha256(f"{__version__}\n{stack_fingerprint()}".encode())
        output = self.request.output_dir.resolve()
        for folder in self.allowed:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                if output in path.resolve().parents:
                    continue  # `--templates-dir .`: the output is not an input
                seen.update(str(path.relative_to(folder)).encode() + path.read_bytes())
        return seen.digest()

    def html(self, document: Document, *, cover_only: bool = False) -> str:
        return render_html(self.environment, document, cover_only=cover_only)

    def part(self, document: Document, html: str) -> Part:
        css = render_pdf_stylesheet(self.environment, document, self.request.paper)
        return Part(html, css)

    def documents(self, path: PurePosixPath, document: Document, html: str) -> None:
        """The HTML and JSON of `document`, as requested."""
        formats = self.request.formats
        made = []
        if "html" in formats:
            made.append((f"{path}.html", html.encode()))
        if "json" in formats:
            made.append((f"{path}.json", (document.model_dump_json(indent=2) + "\n").encode()))
        if "md" in formats:
            made.append((f"{path}.md", render_markdown(self.environment, document).encode()))
        for name, data in made:
            self.plan.files.append(Planned(Path(name), hashlib.sha256(data).hexdigest(), data))

    def single(self, path: PurePosixPath, document: Document) -> None:
        """A document that shares no page with another: every format of it."""
        html = self.html(document)
        self.documents(path, document, html)
        self.pdfs({str(path): self.part(document, html)}, [(path, [str(path)])])

    def pdfs(self, parts: dict[str, Part], outputs: list[tuple[PurePosixPath, list[str]]]) -> None:
        """One job laying out `parts` once and writing each output from them."""
        if "pdf" not in self.request.formats or not outputs:
            return
        index = len(self.plan.jobs)
        self.plan.jobs.append(
            PdfJob(
                parts=parts,
                outputs=[(f"{path}.pdf", tuple(keys)) for path, keys in outputs],
                base_dir=self.base_dir,
                allowed=self.allowed,
            )
        )
        for path, keys in outputs:
            seen = hashlib.sha256(self.fingerprint)
            for key in keys:
                seen.update(parts[key].html.encode() + b"\0" + parts[key].css.encode())
            self.plan.files.append(Planned(Path(f"{path}.pdf"), seen.hexdigest(), job=index))


def plan_build(ladder: Ladder, request: BuildRequest, note: Note) -> Plan:
    """Every requested file, planned; template mistakes raise `LadderError`."""
    planner = _Planner(request)
    kinds = request.kinds
    for level in select_levels(ladder, request.levels):
        if {"interview-kit", "panel-packet", "debrief-sheet"} & set(kinds):
            kit = resolve_interview_kit(ladder, level, request.occasion)
            kit_path = PurePosixPath(level.id, "interview-kit")
            sheet = kit.debrief_sheet()
            sheet_path = PurePosixPath(level.id, "debrief-sheet")
            parts: dict[str, Part] = {}
            outputs: list[tuple[PurePosixPath, list[str]]] = []
            packet_keys = []
            if "interview-kit" in kinds:
                planner.documents(kit_path, kit, planner.html(kit))
            for packet in kit.packets():
                path = packet_path(level.id, packet)
                html = planner.html(packet)
                parts[str(path)] = planner.part(packet, html)
                packet_keys.append(str(path))
                if "panel-packet" in kinds:
                    planner.documents(path, packet, html)
                    outputs.append((path, [str(path)]))
            sheet_html = planner.html(sheet)
            parts[str(sheet_path)] = planner.part(sheet, sheet_html)
            if "debrief-sheet" in kinds:
                planner.documents(sheet_path, sheet, sheet_html)
                outputs.append((sheet_path, [str(sheet_path)]))
            if "interview-kit" in kinds:
                # The kit's PDF is its cover, then the pages of every packet and
                # of the debrief sheet: nothing is laid out twice.
                cover = f"{kit_path}-cover"
                parts[cover] = planner.part(kit, planner.html(kit, cover_only=True))
                outputs.append((kit_path, [cover, *packet_keys, str(sheet_path)]))
            planner.pdfs(parts, outputs)
        if "promotion-rubric" in kinds:
            rubric = resolve_promotion_rubric(ladder, level, request.occasion)
            if rubric is None:
                note(
                    f"{level.id}: no promotion rubric: {level.title} is the lowest level, "
                    "so nobody is promoted into it."
                )
                continue
            path = PurePosixPath(level.id, "promotion-rubric")
            planner.single(path, rubric)
    if "ladder" in kinds:
        planner.single(PurePosixPath("ladder"), resolve_ladder_overview(ladder, request.occasion))
    return planner.plan


def plan_diff(ladder: Ladder, first: LevelFile, second: LevelFile, request: BuildRequest) -> Plan:
    """The level-to-level sheet from `first` to `second`, as requested."""
    planner = _Planner(request)
    diff = resolve_level_diff(ladder, first, second, request.occasion)
    planner.single(PurePosixPath("diff", f"{first.id}-to-{second.id}"), diff)
    return planner.plan


def make(plan: Plan, skip: Callable[[Planned], bool] = lambda _: False) -> list[Rendered]:
    """The bytes of every planned file not skipped, in plan order, laying out
    only the PDFs needed."""
    wanted = {str(f.path) for f in plan.files if not skip(f)}
    jobs = []
    for job in plan.jobs:
        outputs = [(name, keys) for name, keys in job.outputs if name in wanted]
        needed = {key for _, keys in outputs for key in keys}
        parts = {key: part for key, part in job.parts.items() if key in needed}
        jobs.append(PdfJob(parts, outputs, job.base_dir, job.allowed))
    # The biggest jobs first, so that no core sits idle at the end.
    order = sorted(
        (i for i, job in enumerate(jobs) if job.outputs), key=lambda i: -len(jobs[i].parts)
    )
    results = dict(zip(order, run_jobs([jobs[i] for i in order]), strict=True))
    pdfs = {r.name: r for job_results in results.values() for r in job_results}
    rendered = []
    for planned in plan.files:
        if str(planned.path) not in wanted:
            continue
        if planned.data is not None:
            rendered.append(Rendered(planned.path, planned.data))
        else:
            pdf = pdfs[str(planned.path)]
            rendered.append(Rendered(planned.path, pdf.data, pdf.pages, pdf.seconds))
    return rendered


def render_all(ladder: Ladder, request: BuildRequest, note: Note) -> list[Rendered]:
    """Every requested file's bytes, nothing written."""
    return make(plan_build(ladder, request, note))


def build(ladder: Ladder, request: BuildRequest, note: Note) -> Report:
    """Make and write what changed since the last build into the output folder."""
    start = perf_counter()
    return write_plan(plan_build(ladder, request, note), request.output_dir, note, start)


def write_plan(plan: Plan, output_dir: Path, note: Note, start: float | None = None) -> Report:
    """Make the files of `plan` whose inputs changed since the last build into
    `output_dir`, and write them; report each file on `note`."""
    with locked(output_dir, note):
        return _write_plan(plan, output_dir, note, start)


def _write_plan(plan: Plan, output_dir: Path, note: Note, start: float | None) -> Report:
    start = perf_counter() if start is None else start
    state = State(output_dir)
    current = [f for f in plan.files if state.is_current(f.path, f.inputs)]
    current_paths = {f.path for f in current}
    rendered = make(plan, skip=lambda f: f.path in current_paths)
    inputs = {f.path: f.inputs for f in plan.files}
    for item in rendered:
        state.record(item.path, inputs[item.path], item.data)
    if rendered:
        write_all([*rendered, state.rendered()], output_dir)
    made = {item.path: item for item in rendered}
    for planned in plan.files:
        target = display_path(output_dir / planned.path)
        if planned.path in current_paths:
            note(f"up to date {target}")
            continue
        item = made[planned.path]
        details = []
        if item.pages is not None:
            details.append(f"{item.pages} page{'' if item.pages == 1 else 's'}")
        if item.seconds is not None:
            details.append(f"{item.seconds:.1f} s")
        note(f"wrote {target}" + (f" ({', '.join(details)})" if details else ""))
    return Report(rendered, [f.path for f in current], perf_counter() - start)
