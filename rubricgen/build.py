"""The build: resolve each requested document, render its HTML and JSON, lay
out its PDF, and write the files.

HTML and JSON are cheap; PDF layout is what costs. So the build first plans
every file (its bytes, or how its PDF is put together) with a digest of
everything it is made from; files whose digest matches the last build and
whose bytes are untouched are skipped; the PDFs left are made in parallel
(see `rubricgen.renderer.pdf_jobs`), reusing from the cache whatever does
not depend on the candidate; and only then is anything written, all or
nothing.

A PDF's content is laid out from the document with no candidate and no date:
those are drawn in its margins, so the content serves every candidate. The
command line calls the plain functions at the end of this module: one
request from its options, one build (or a watch), one diff.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from time import perf_counter
from typing import TYPE_CHECKING, cast

from rubricgen import __version__
from rubricgen.cache import Cache
from rubricgen.documents import (
    DEFAULT_FORMATS,
    DEFAULT_KINDS,
    HANDOUT,
    KINDS,
    REGISTRY,
    Kind,
    Page,
    page_of,
)
from rubricgen.output import BuildFailed, Rendered, State, locked, stop_on_signals, write_all
from rubricgen.paths import cannot_write, display_path, is_within, shipped
from rubricgen.renderer.html import render_html, render_markdown, render_pdf_stylesheet
from rubricgen.renderer.margins import Margins, Style, furniture, person_header
from rubricgen.renderer.pdf import stack_fingerprint
from rubricgen.renderer.pdf_jobs import (
    Base,
    Final,
    Layout,
    Made,
    Pool,
    run_base,
    run_final,
    run_layout,
    size,
)
from rubricgen.renderer.templates import STYLESHEET, make_environment
from rubricgen.renderer.text import diff_text
from rubricgen.schema import Ladder, LadderError, WrongUsage, load_ladder
from rubricgen.schema.candidates import Candidate, read_candidates
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.schema.scorecards import read_scorecards
from rubricgen.views import DocumentView, NotMade, Occasion, resolve_level_diff
from rubricgen.views.debrief_summary import resolve_debrief_summary

if TYPE_CHECKING:
    from concurrent.futures import Future

Note = Callable[[str], None]

PLAIN = "-plain"
"""Added to a form's layout key: the same pages without fields."""


@dataclass(frozen=True)
class BuildRequest:
    levels: Sequence[str]
    kinds: Sequence[str] = DEFAULT_KINDS
    formats: Sequence[str] = DEFAULT_FORMATS
    output_dir: Path = Path("output")
    paper: str = "letter"
    templates_dir: Path | None = None
    occasion: Occasion = field(default_factory=Occasion)
    candidates: Sequence[Candidate] = ()
    """With candidates, each one's documents go to `<level>/<slug>/`."""

    def audiences(self) -> list[tuple[tuple[str, ...], Occasion]]:
        """Each set of a level's documents to make: the folder inside the
        level's, and the occasion."""
        if not self.candidates:
            return [((), self.occasion)]
        return [
            (
                (c.slug,),
                self.occasion.model_copy(
                    update={"candidate": c.name, "date": c.date or self.occasion.date}
                ),
            )
            for c in self.candidates
        ]


@dataclass(frozen=True)
class PdfPlan:
    """How one PDF is put together: its parts' content, in order, each with
    the name its pages carry in the running header; its footer; the
    candidate's header; and the facts it records."""

    parts: tuple[str, ...]  # keys of `Plan.layouts`
    labels: tuple[str, ...]
    footer: str
    page: Page
    person: str | None  # a key of `Plan.layouts`, for documents with a header
    facts: tuple[tuple[str, str], ...]
    base: str  # digest of everything but the candidate's header and the facts


@dataclass(frozen=True)
class Planned:
    """One file to make: its bytes already (HTML, JSON) or its PDF's plan."""

    path: Path
    inputs: str  # digest of everything the file is made from
    data: bytes | None = None
    pdf: PdfPlan | None = None


@dataclass
class Plan:
    base_dir: Path
    allowed: tuple[Path, ...]
    style: Style  # of the margins: print.css's font stack and colour
    files: list[Planned] = field(default_factory=list)
    layouts: dict[str, Layout | Margins] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    written: list[Rendered]
    current: list[Path]
    seconds: float


def _digest(*items: str | bytes) -> str:
    seen = hashlib.sha256()
    for item in items:
        data = item.encode() if isinstance(item, str) else item
        seen.update(len(data).to_bytes(8, "big") + data)
    return seen.hexdigest()


def without_person(document: DocumentView) -> DocumentView:
    """`document` with no candidate and no date: what its PDF content shows."""
    occasion = document.occasion.model_copy(update={"candidate": None, "date": None})
    return document.model_copy(update={"occasion": occasion})


class _Planner:
    def __init__(self, request: BuildRequest) -> None:
        builtin = shipped("templates")
        user = request.templates_dir
        self.environment = make_environment(builtin, user)
        allowed = (builtin,) if user is None else (builtin, user)
        self.request = request
        self.plan = Plan(base_dir=user or builtin, allowed=allowed, style=Style.of(self.stylesheet))
        self.fingerprint = self._fingerprint()
        self.content: dict[tuple[str, bool], str] = {}

    def _fingerprint(self) -> str:
        """What every PDF depends on besides its HTML and stylesheets: the
        tool, the PDF stack (WeasyPrint, pikepdf and their libraries) and the
        fonts, and any file a template may refer to."""
        seen = hashlib.sha256(f"{__version__}\n{stack_fingerprint()}".encode())
        output = self.request.output_dir.resolve()
        for folder in self.plan.allowed:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                if output in path.resolve().parents:
                    continue  # `--templates-dir .`: the output is not an input
                seen.update(str(path.relative_to(folder)).encode() + path.read_bytes())
        return seen.hexdigest()

    @functools.cached_property
    def stylesheet(self) -> str:
        """The source of the templates' print.css, whose root rule (colour
        and font stack) the margins of every PDF are drawn in."""
        assert self.environment.loader is not None
        source, _, _ = self.environment.loader.get_source(self.environment, STYLESHEET)
        return source

    def html(self, document: DocumentView, *, cover_only: bool = False) -> str:
        return render_html(self.environment, document, cover_only=cover_only)

    def documents(self, path: PurePosixPath, document: DocumentView) -> None:
        """The HTML, JSON and Markdown of `document`, as requested."""
        formats = self.request.formats
        made = []
        if "html" in formats:
            made.append((f"{path}.html", self.html(document).encode()))
        if "json" in formats:
            made.append((f"{path}.json", document.to_json().encode()))
        if "md" in formats:
            made.append((f"{path}.md", render_markdown(self.environment, document).encode()))
        for name, data in made:
            self.plan.files.append(Planned(Path(name), hashlib.sha256(data).hexdigest(), data))

    def layout(self, html: str, css: str, *, forms: bool = False) -> str:
        """The key of a layout, added to the plan. A form's layout also gives
        its pages without fields, under the key with `PLAIN` added."""
        key = _digest(self.fingerprint, html, css, str(forms))
        self.plan.layouts.setdefault(
            key,
            Layout(html, css, self.plan.base_dir, self.plan.allowed, forms=forms),
        )
        return key

    def part(self, where: str, content: DocumentView, *, cover_only: bool = False) -> str:
        """The key of the content layout of `content` (a document without
        candidate or date), made once whoever it is printed for."""
        if (where, cover_only) not in self.content:
            html = self.html(content, cover_only=cover_only)
            css = render_pdf_stylesheet(self.environment, content, self.request.paper)
            forms = content.fillable and not cover_only
            self.content[where, cover_only] = self.layout(html, css, forms=forms)
        return self.content[where, cover_only]

    def pdf(
        self, path: PurePosixPath, document: DocumentView, parts: list[tuple[str, str]]
    ) -> None:
        """`path`.pdf: the content `parts` (key, running header) of `document`."""
        if "pdf" not in self.request.formats:
            return
        page = page_of(self.request.paper, landscape=document.landscape)
        person = None
        if document.person_label:
            header = person_header(document, page, self.plan.style)
            person = _digest(self.fingerprint, repr(header))
            self.plan.layouts.setdefault(person, header)
        keys, labels = tuple(k for k, _ in parts), tuple(label for _, label in parts)
        footer = document.running_footer()
        base = _digest(
            self.fingerprint, *keys, "\0", *labels, footer, repr(page), str(bool(person))
        )
        facts = tuple(sorted(document.pdf_facts().items()))
        plan = PdfPlan(keys, labels, footer, page, person, facts, base)
        inputs = _digest(base, person or "", repr(facts))
        self.plan.files.append(Planned(Path(f"{path}.pdf"), inputs, pdf=plan))

    def document(
        self,
        path: PurePosixPath,
        where: PurePosixPath,
        document: DocumentView,
        content: DocumentView,
        wanted: set[str],
    ) -> None:
        """`document` at `path`, and those of its parts whose kinds are
        `wanted`; `content` is the same document with no candidate or date,
        the same for every candidate (`where` names it). A document with parts
        is printed as its cover, then the pages of each part: each part is
        laid out once, whichever of them are asked for."""
        parts = document.parts()
        if not parts:
            self.documents(path, document)
            self.pdf(path, document, [(self.part(str(where), content), document.running_header())])
            return
        if document.kind in wanted:
            self.documents(path, document)
        laid: list[tuple[str, str]] = []
        for (name, kind, part), (_, _, content_part) in zip(parts, content.parts(), strict=True):
            key = self.part(str(where.parent / name), content_part)
            # A form's pages are fillable in its own file, plain in the kit:
            # no PDF has two fields of one name.
            header = part.running_header()
            laid.append((key + PLAIN if content_part.fillable else key, header))
            if kind in wanted:
                part_path = path.parent / name
                self.documents(part_path, part)
                self.pdf(part_path, part, [(key, header)])
        if document.kind in wanted:
            cover = self.part(str(where), content, cover_only=True)
            self.pdf(path, document, [(cover, document.running_header()), *laid])

    def kind(
        self, where: PurePosixPath, content: DocumentView, wanted: set[str], per_level: bool
    ) -> None:
        """A document of one kind, for every candidate of the request."""
        audiences = self.request.audiences() if per_level else [((), self.request.occasion)]
        for folder, occasion in audiences:
            # A candidate's folder sits right under the level: <level>/<candidate>/...
            path = PurePosixPath(where.parts[0], *folder, *where.parts[1:])
            document = content.model_copy(update={"occasion": occasion})
            self.document(path, where, document, content, wanted)


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
    content_occasion = request.occasion.model_copy(update={"candidate": None, "date": None})
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
                content = resolve(ladder, level, content_occasion)
            except NotMade as reason:
                note(f"{level.id}: {reason}")
                continue
            path = PurePosixPath(level.id, kind.name)
            planner.kind(path, content, wanted, True)
            _plan_handouts(planner, path, content, wanted, note)
    for kind in roots:
        if not kind.per_level:
            resolve_ladder = cast(LadderResolver, _resolver(kind))
            content = resolve_ladder(ladder, content_occasion)
            planner.kind(PurePosixPath(kind.name), content, wanted, False)
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
        planner.kind(path.parent / name, handout, wanted, True)
    if not handouts:
        note(f"{path.parent}: no handouts: no question in its loop gives the candidate material.")


def plan_diff(ladder: Ladder, first: LevelFile, second: LevelFile, request: BuildRequest) -> Plan:
    """The level-to-level sheet from `first` to `second`, as requested."""
    planner = _Planner(request)
    diff = resolve_level_diff(ladder, first, second, request.occasion)
    path = PurePosixPath("diff", f"{first.id}-to-{second.id}")
    planner.document(path, path, diff, without_person(diff), {diff.kind})
    return planner.plan


def make(
    plan: Plan,
    skip: Callable[[Planned], bool] = lambda _: False,
    cache: Cache | None = None,
    pool: Pool | None = None,
) -> list[Rendered]:
    """The bytes of every planned file not skipped, in plan order, laying out
    only what the cache does not hold (new entries are put in it)."""
    cache = cache or Cache(None)
    files = [f for f in plan.files if not skip(f)]
    pdfs = {f.pdf.base: f.pdf for f in files if f.pdf is not None}
    bases = {key: data for key in pdfs if (data := cache.get(key)) is not None}
    missing = [pdf for key, pdf in pdfs.items() if key not in bases]
    needed = {key for pdf in missing for key in pdf.parts}
    needed |= {f.pdf.person for f in files if f.pdf is not None and f.pdf.person}
    layouts = {key: data for key in sorted(needed) if (data := cache.get(key)) is not None}
    # A form's plain pages come from the same layout as its fields.
    to_lay_out = sorted({key.removesuffix(PLAIN) for key in needed - layouts.keys()})
    finals = [f for f in files if f.pdf is not None]
    with contextlib.nullcontext(pool) if pool else Pool() as pool:
        # A candidate's header alone is not worth starting processes for.
        content = sum(isinstance(plan.layouts[key], Layout) for key in to_lay_out)
        headers = len(to_lay_out) - content
        pool.spread(heavy=content + len(missing), light=len(finals) + headers)
        unjoined = {pdf.base: pdf for pdf in missing}
        making = _Making(plan, cache, pool, layouts, bases, unjoined, list(finals))
        making.run(to_lay_out)
    seconds = making.seconds
    rendered = []
    counted: set[str] = set()
    for planned in files:
        if planned.data is not None:
            rendered.append(Rendered(planned.path, planned.data))
            continue
        assert planned.pdf is not None
        made = making.finals[planned.path]
        # Each layout and base is counted in the first file that needed it.
        spent = made.seconds
        for key in (*planned.pdf.parts, planned.pdf.base, planned.pdf.person or ""):
            if key in seconds and key not in counted:
                spent += seconds[key]
                counted.add(key)
        rendered.append(Rendered(planned.path, made.data, made.pages, spent))
    return rendered


@dataclass
class _Making:
    """The PDFs of a build in the making. Each job starts as soon as what it
    needs is made: a PDF's base once its parts are laid out, its final once
    its base and its header are; so the cores stay busy to the end."""

    plan: Plan
    cache: Cache
    pool: Pool
    layouts: dict[str, bytes]
    bases: dict[str, bytes]
    unjoined: dict[str, PdfPlan]  # by base
    unfinished: list[Planned]
    pages: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    finals: dict[Path, Made] = field(default_factory=dict)
    running: dict[Future[Made], Callable[[Made], None]] = field(default_factory=dict)

    def run(self, to_lay_out: Sequence[str]) -> None:
        """Lay out `to_lay_out` (the biggest first, so that no core sits idle
        at the end), and make every base and final not made yet."""
        for key in sorted(to_lay_out, key=lambda key: -size(self.plan.layouts[key])):
            job = self.pool.submit(run_layout, self.plan.layouts[key])
            self.running[job] = functools.partial(self._laid_out, key)
        self._start_what_is_ready()
        for store, made in self.pool.finished(self.running):
            store(made)
            self._start_what_is_ready()

    def _start_what_is_ready(self) -> None:
        for key, pdf in list(self.unjoined.items()):
            if all(part in self.layouts for part in pdf.parts):
                del self.unjoined[key]
                base = _base_job(self.plan, pdf, self.layouts, self.pages)
                self.running[self.pool.submit(run_base, base)] = functools.partial(
                    self._joined, key
                )
        for planned in list(self.unfinished):
            assert planned.pdf is not None
            base_key, person = planned.pdf.base, planned.pdf.person
            if base_key in self.bases and (person is None or person in self.layouts):
                self.unfinished.remove(planned)
                header = self.layouts[person] if person else None
                final = Final(self.bases[base_key], header, planned.pdf.facts)
                job = self.pool.submit(run_final, final)
                self.running[job] = functools.partial(self._finished, planned)

    def _laid_out(self, key: str, made: Made) -> None:
        self.layouts[key], self.pages[key] = made.data, made.pages
        self.seconds[key] = made.seconds
        self.cache.put(key, made.data)
        if made.plain is not None:
            # A form's plain pages come from the same layout as its fields.
            self.layouts[key + PLAIN], self.pages[key + PLAIN] = made.plain, made.pages
            self.seconds[key + PLAIN] = 0.0
            self.cache.put(key + PLAIN, made.plain)

    def _joined(self, key: str, made: Made) -> None:
        self.bases[key], self.seconds[key] = made.data, made.seconds
        self.cache.put(key, made.data)

    def _finished(self, planned: Planned, made: Made) -> None:
        self.finals[planned.path] = made


def _base_job(plan: Plan, pdf: PdfPlan, layouts: dict[str, bytes], pages: dict[str, int]) -> Base:
    """The job joining the parts of `pdf` and drawing its furniture, each
    page naming its part."""
    labels = []
    for key, label in zip(pdf.parts, pdf.labels, strict=True):
        if key not in pages:
            from rubricgen.renderer.overlay import open_pdf

            pages[key] = len(open_pdf(layouts[key]).pages)
        labels += [label] * pages[key]
    margins = furniture(pdf.footer, labels, pdf.page, plan.style)
    return Base(tuple(layouts[key] for key in pdf.parts), margins, person=bool(pdf.person))


def build(ladder: Ladder, request: BuildRequest, note: Note, pool: Pool | None = None) -> Report:
    """Make and write what changed since the last build into the output folder."""
    start = perf_counter()
    plan = plan_build(ladder, request, note)
    return write_plan(plan, request.output_dir, note, start, pool)


def write_plan(
    plan: Plan,
    output_dir: Path,
    note: Note,
    start: float | None = None,
    pool: Pool | None = None,
) -> Report:
    """Make the files of `plan` whose inputs changed since the last build into
    `output_dir`, and write them; report each file on `note`."""
    with locked(output_dir, note):
        return _write_plan(plan, output_dir, note, start, pool)


def _write_plan(
    plan: Plan, output_dir: Path, note: Note, start: float | None, pool: Pool | None
) -> Report:
    start = perf_counter() if start is None else start
    state = State(output_dir)
    current = [f for f in plan.files if state.is_current(f.path, f.inputs)]
    current_paths = {f.path for f in current}
    cache = Cache(output_dir)
    rendered = make(plan, skip=lambda f: f.path in current_paths, cache=cache, pool=pool)
    inputs = {f.path: f.inputs for f in plan.files}
    for item in rendered:
        state.record(item.path, inputs[item.path], item.data)
    if rendered:
        write_all([*rendered, state.rendered()], output_dir)
        cache.save()
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
# a watch, a diff or a debrief. Failures are worded here, the same wherever
# they happen.


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
    candidates_file: Path | None = None,
) -> BuildRequest:
    """What `build` was asked for, with its defaults: every kind made per level,
    HTML and PDF. A bad candidates file raises `LadderError`."""
    kinds = kinds or DEFAULT_KINDS
    if not levels and any(KINDS[kind].per_level for kind in kinds):
        raise WrongUsage(
            "Choose the levels to build with --level LEVEL (or --level all), or ask "
            "only for the ladder overview with --kind ladder."
        )
    if candidate and candidates_file:
        raise WrongUsage(
            "Use --candidate for one candidate or --candidates FILE for several, not both."
        )
    candidates = (
        read_candidates(candidates_file, display_path(candidates_file)) if candidates_file else []
    )
    return BuildRequest(
        levels=levels,
        kinds=kinds,
        formats=formats or DEFAULT_FORMATS,
        output_dir=output_dir,
        paper=paper,
        templates_dir=templates_dir,
        occasion=Occasion(
            candidate=candidate.strip() or None if candidate else None,
            date=when.isoformat() if when else None,
            seed=seed,
            built=source_date(),
        ),
        candidates=candidates,
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
    with Pool() as pool:
        report = build(load_ladder(levels_dir), request, note, pool)
    note(summary(report))
    return report


def failure(error: LadderError | WrongUsage | OSError, output_dir: Path) -> list[str]:
    """Why a build or a diff failed, in the words used wherever it fails."""
    if isinstance(error, LadderError):
        return error.report("nothing was written.")
    if isinstance(error, OSError):
        if error.filename and not is_within(Path(error.filename), output_dir):
            return [
                f"{error.filename}: cannot read it ({error.strerror}).",
                "1 problem found; nothing was written.",
            ]
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
        except BuildFailed as error:
            note(f"{error} Waiting for a fix.")

    watched = [levels_dir, shipped("templates")]
    if request.templates_dir is not None:
        watched.append(request.templates_dir)
    with stop_on_signals():
        watch(watched, rebuild, note, ignore=request.output_dir)


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
            f"{first!r} and {second!r} are both {level_a.name}; name two different "
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


def debrief(ladder: Ladder, level_name: str, files: Sequence[Path], request: BuildRequest) -> Plan:
    """The debrief summary of the scorecards in `files` (filled packets or
    CSVs), planned as `OUTPUT_DIR/<level>/debrief-summary.{html,pdf,json}`;
    `LadderError` names every file that does not belong to this level's
    loop, ladder, opening or candidate."""
    (level,) = ladder.select([level_name], allow_all=False)
    cards = read_scorecards(ladder, level, files)
    summary = resolve_debrief_summary(ladder, level, cards, built=request.occasion.built)
    planner = _Planner(replace(request, formats=("html", "pdf", "json")))
    path = PurePosixPath(level.id, "debrief-summary")
    planner.document(path, path, summary, without_person(summary), {summary.kind})
    return planner.plan


def debrief_folder(
    levels_dir: Path,
    level: str,
    files: Sequence[Path],
    *,
    output_dir: Path,
    paper: str,
    templates_dir: Path | None,
    note: Note,
) -> Report:
    """`debrief`: load the ladder, summarise the scorecards of `level` in
    `files`, and write the summary into `output_dir` (never beside the files
    read), saying so on `note`."""
    request = BuildRequest(
        levels=(level,),
        output_dir=output_dir,
        paper=paper,
        templates_dir=templates_dir,
        occasion=Occasion(built=source_date()),
    )
    start = perf_counter()
    plan = debrief(load_ladder(levels_dir), level, files, request)
    report = write_plan(plan, output_dir, note, start)
    note(summary(report))
    return report
