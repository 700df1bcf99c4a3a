"""The build: resolve each requested document, render its HTML and JSON, lay
out its PDF, and write the files.

HTML and JSON are cheap; PDF layout is what costs. So the build first plans
every file (its bytes, or the PDF job that will lay it out) with a digest of
everything it is made from; files whose digest matches the last build and
whose bytes are untouched are skipped; the PDF jobs left run in parallel; and
only then is anything written, all or nothing.

The command line calls the plain functions at the end of this module: one
request from its options, one build (or a watch), one diff.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from time import perf_counter
from typing import cast

from rubricgen import __version__
from rubricgen.documents import DEFAULT_KINDS, HANDOUT, KINDS, REGISTRY, Kind
from rubricgen.output import Rendered, State, write_all
from rubricgen.paths import cannot_write, display_path, shipped
from rubricgen.renderer.html import render_html, render_markdown, render_pdf_stylesheet
from rubricgen.renderer.pdf_jobs import Part, PdfJob, run_jobs
from rubricgen.renderer.templates import make_environment
from rubricgen.renderer.text import diff_text
from rubricgen.schema import Ladder, LadderError, WrongUsage, load_ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views import DocumentView, NotMade, Occasion, resolve_level_diff

Note = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    levels: Sequence[str]
    kinds: Sequence[str] = DEFAULT_KINDS
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
        """What every PDF depends on besides its HTML and stylesheet: the tool
        and WeasyPrint versions, and any file a template may refer to."""
        seen = hashlib.sha256(f"{__version__}/{version('weasyprint')}".encode())
        for folder in self.allowed:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                seen.update(str(path.relative_to(folder)).encode() + path.read_bytes())
        return seen.digest()

    def html(self, document: DocumentView, *, cover_only: bool = False) -> str:
        return render_html(self.environment, document, cover_only=cover_only)

    def part(self, document: DocumentView, html: str) -> Part:
        css = render_pdf_stylesheet(self.environment, document, self.request.paper)
        return Part(html, css)

    def documents(self, path: PurePosixPath, document: DocumentView, html: str) -> None:
        """The HTML and JSON of `document`, as requested."""
        formats = self.request.formats
        made = []
        if "html" in formats:
            made.append((f"{path}.html", html.encode()))
        if "json" in formats:
            made.append((f"{path}.json", document.to_json().encode()))
        if "md" in formats:
            made.append((f"{path}.md", render_markdown(self.environment, document).encode()))
        for name, data in made:
            self.plan.files.append(Planned(Path(name), hashlib.sha256(data).hexdigest(), data))

    def single(self, path: PurePosixPath, document: DocumentView) -> None:
        """A document that shares no page with another: every format of it."""
        html = self.html(document)
        self.documents(path, document, html)
        forms = {path} if document.fillable else set()
        self.pdfs({str(path): self.part(document, html)}, [(path, [str(path)])], forms)

    def document(self, path: PurePosixPath, document: DocumentView, wanted: set[str]) -> None:
        """`document` and those of its parts whose kinds are `wanted`. A
        document with parts is printed as its cover, then the pages of each
        part: each page is laid out once, whichever of them are asked for."""
        parts = document.parts()
        if not parts:
            self.single(path, document)
            return
        if document.kind in wanted:
            self.documents(path, document, self.html(document))
        laid_out: dict[str, Part] = {}
        outputs: list[tuple[PurePosixPath, list[str]]] = []
        forms: set[PurePosixPath] = set()
        for name, kind, part in parts:
            part_path = path.parent / name
            html = self.html(part)
            laid_out[str(part_path)] = self.part(part, html)
            if kind in wanted:
                self.documents(part_path, part, html)
                outputs.append((part_path, [str(part_path)]))
                if part.fillable:
                    forms.add(part_path)
        if document.kind in wanted:
            cover = f"{path}-cover"
            laid_out[cover] = self.part(document, self.html(document, cover_only=True))
            outputs.append((path, [cover, *(str(path.parent / name) for name, _, _ in parts)]))
        self.pdfs(laid_out, outputs, forms)

    def pdfs(
        self,
        parts: dict[str, Part],
        outputs: list[tuple[PurePosixPath, list[str]]],
        forms: set[PurePosixPath],
    ) -> None:
        """One job laying out `parts` once and writing each output from them,
        those in `forms` as PDF forms."""
        if "pdf" not in self.request.formats or not outputs:
            return
        index = len(self.plan.jobs)
        self.plan.jobs.append(
            PdfJob(
                parts=parts,
                outputs=[(f"{path}.pdf", tuple(keys)) for path, keys in outputs],
                base_dir=self.base_dir,
                allowed=self.allowed,
                forms=frozenset(f"{path}.pdf" for path in forms),
            )
        )
        for path, keys in outputs:
            seen = hashlib.sha256(self.fingerprint)
            for key in keys:
                seen.update(parts[key].html.encode() + b"\0" + parts[key].css.encode())
            self.plan.files.append(Planned(Path(f"{path}.pdf"), seen.hexdigest(), job=index))


LevelResolver = Callable[[Ladder, LevelFile, Occasion], DocumentView]
LadderResolver = Callable[[Ladder, Occasion], DocumentView]


def _resolver(kind: Kind) -> Callable[..., DocumentView]:
    """The function named by `kind.resolver`, imported now."""
    assert kind.resolver is not None
    module, name = kind.resolver.split(":")
    return cast(Callable[..., DocumentView], getattr(importlib.import_module(module), name))


def plan_build(ladder: Ladder, request: BuildRequest, note: Note) -> Plan:
    """Every requested file, planned; template mistakes raise `LadderError`.
    A document a level cannot have is left out and said on `note`."""
    planner = _Planner(request)
    wanted = set(request.kinds)
    # A kind is resolved when it, or a part of it, is wanted.
    roots = [
        kind
        for kind in REGISTRY
        if kind.resolver
        and (kind.name in wanted or any(KINDS[w].part_of == kind.name for w in wanted))
    ]
    per_level = [kind for kind in roots if kind.per_level]
    for level in ladder.select(request.levels) if per_level else []:
        for kind in per_level:
            resolve = cast(LevelResolver, _resolver(kind))
            try:
                document = resolve(ladder, level, request.occasion)
            except NotMade as reason:
                note(f"{level.id}: {reason}")
                continue
            path = PurePosixPath(level.id, kind.name)
            planner.document(path, document, wanted)
            _plan_handouts(planner, path, document, wanted, note)
    for kind in roots:
        if not kind.per_level:
            resolve_ladder = cast(LadderResolver, _resolver(kind))
            document = resolve_ladder(ladder, request.occasion)
            planner.document(PurePosixPath(kind.name), document, wanted)
    return planner.plan


def _plan_handouts(
    planner: _Planner, path: PurePosixPath, document: DocumentView, wanted: set[str], note: Note
) -> None:
    """The candidate's handouts made with `document` (a kit), each printed on
    its own beside it, when asked for; a level without any is said on `note`."""
    if HANDOUT not in wanted or KINDS[HANDOUT].part_of != document.kind:
        return
    handouts = document.handouts()
    for name, handout in handouts:
        planner.single(path.parent / name, handout)
    if not handouts:
        note(f"{path.parent}: no handouts: no question in its loop gives the candidate material.")


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
        jobs.append(replace(job, parts=parts, outputs=outputs))
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


def build(ladder: Ladder, request: BuildRequest, note: Note) -> Report:
    """Make and write what changed since the last build into the output folder."""
    start = perf_counter()
    return write_plan(plan_build(ladder, request, note), request.output_dir, note, start)


def write_plan(plan: Plan, output_dir: Path, note: Note, start: float | None = None) -> Report:
    """Make the files of `plan` whose inputs changed since the last build into
    `output_dir`, and write them; report each file on `note`."""
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


# What the command line calls: one request from its options, then one build,
# a watch, or a diff. Failures are worded here, the same wherever they happen.


def source_date() -> str | None:
    """The build date from SOURCE_DATE_EPOCH (reproducible builds), in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise WrongUsage(
            f"SOURCE_DATE_EPOCH is {epoch!r}; set it to a whole number of seconds "
            "since 1970-01-01, or unset it."
        ) from None


def build_request(
    *,
    levels: Sequence[str],
    kinds: Sequence[str],
    formats: Sequence[str],
    output_dir: Path,
    paper: str,
    candidate: str | None,
    when: date | None,
    seed: int | None,
    templates_dir: Path | None,
) -> BuildRequest:
    """What `build` was asked for, with its defaults: every kind made per level,
    HTML and PDF."""
    kinds = kinds or DEFAULT_KINDS
    if not levels and any(KINDS[kind].per_level for kind in kinds):
        raise WrongUsage(
            "Choose the levels to build with --level LEVEL (or --level all), or ask "
            "only for the ladder overview with --kind ladder."
        )
    return BuildRequest(
        levels=levels,
        kinds=kinds,
        formats=formats or ("html", "pdf"),
        output_dir=output_dir,
        paper=paper,
        templates_dir=templates_dir,
        occasion=Occasion(
            candidate=candidate.strip() or None if candidate else None,
            date=when.isoformat() if when else None,
            seed=seed,
            built=source_date(),
        ),
    )


def summary(report: Report) -> str:
    """The last line of a build: how many files, pages and seconds."""
    count, pages = len(report.written), sum(item.pages or 0 for item in report.written)
    return (
        f"{count} file{'' if count == 1 else 's'} written"
        f" ({pages} PDF page{'' if pages == 1 else 's'}), "
        f"{len(report.current)} up to date, in {report.seconds:.1f} s."
    )


def build_folder(levels_dir: Path, request: BuildRequest, note: Note) -> Report:
    """Load the ladder in `levels_dir`, build what `request` asks, and say so."""
    report = build(load_ladder(levels_dir), request, note)
    note(summary(report))
    return report


def failure(error: LadderError | WrongUsage | OSError, output_dir: Path) -> list[str]:
    """Why a build or a diff failed, in the words used wherever it fails."""
    if isinstance(error, LadderError):
        return error.report("nothing was written.")
    if isinstance(error, OSError):
        return [
            cannot_write(error, output_dir),
            "1 problem found; choose another --output-dir or fix its permissions.",
        ]
    return [str(error)]


def watch_build(levels_dir: Path, request: BuildRequest, note: Note) -> None:
    """Build now and after every change to the ladder or the templates, until
    Ctrl-C; a failed build is reported and the last good output kept."""
    from rubricgen.watch import watch

    def rebuild() -> None:
        try:
            build_folder(levels_dir, request, note)
        except (LadderError, WrongUsage, OSError) as error:
            for line in failure(error, request.output_dir):
                note(line)
            note("Waiting for a fix.")

    watched = [levels_dir, shipped("templates")]
    if request.templates_dir is not None:
        watched.append(request.templates_dir)
    watch(watched, rebuild, note)


def compare(
    ladder: Ladder,
    first: str,
    second: str,
    request: BuildRequest,
    note: Note,
    width: int = 88,
) -> str:
    """`diff A B`: the comparison as text when `text` is among the request's
    formats (else empty), and the sheet written in each of its other formats."""
    (level_a,), (level_b,) = (ladder.select([n], allow_all=False) for n in (first, second))
    if level_a == level_b:
        raise WrongUsage(
            f"{first!r} and {second!r} are both {level_a.title}; name two different "
            "levels to compare."
        )
    text = ""
    if "text" in request.formats:
        text = diff_text(resolve_level_diff(ladder, level_a, level_b, request.occasion), width)
    files = tuple(f for f in request.formats if f != "text")
    if files:
        plan = plan_diff(ladder, level_a, level_b, replace(request, formats=files))
        write_plan(plan, request.output_dir, note)
    return text
