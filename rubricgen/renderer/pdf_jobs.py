"""Make PDFs from three kinds of job, spread over a pool of processes, one
per core; each job starts as soon as what it needs is made:

1. layouts: the content of each document part (a kit's cover, each packet,
   the debrief sheet, a rubric), laid out by WeasyPrint independently of
   each other, and each candidate's header, drawn without it (`margins`);
2. bases: per PDF, its parts joined into one tagged PDF, with its page
   furniture (footer, "Page N of M", the part each page belongs to) drawn
   over its pages, also without WeasyPrint, and an empty drawing on every
   page for a candidate's header;
3. finals: per PDF and candidate, the candidate's header filling that
   drawing, and the facts `rubricgen debrief` reads written in, both as an
   update after the base's bytes (`overlay.finished`).

Nothing made by the first two but the headers depends on the candidate, so
the build keeps it in a cache; only the layouts' content needs WeasyPrint.
The processes die with the build, however it ends.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, Any, TypeVar

from rubricgen.output import BuildFailed
from rubricgen.renderer import forking, native
from rubricgen.renderer.margins import Margins
from rubricgen.renderer.pdf import make_pdf

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


@dataclass(frozen=True)
class Layout:
    """One HTML page for WeasyPrint: a part's content."""

    html: str
    css: str
    base_dir: Path
    allowed: tuple[Path, ...]
    forms: bool = False


@dataclass(frozen=True)
class Made:
    data: bytes
    pages: int
    seconds: float
    plain: bytes | None = None
    """A form's pages without fields (see `make_pdf`)."""


def run_layout(job: Layout | Margins) -> Made:
    """A layout made by WeasyPrint, or a candidate's header, drawn without it."""
    start = perf_counter()
    if isinstance(job, Margins):
        from rubricgen.renderer.margins import draw_margins

        return Made(draw_margins(job), 1, perf_counter() - start)
    pdf = make_pdf(job.html, job.css, job.base_dir, job.allowed, forms=job.forms)
    return Made(pdf.data, pdf.pages, perf_counter() - start, pdf.plain)


PERSON = "Person"
"""The name of the drawing on every page of a base that a candidate's header
fills (`/RgPerson` in each page's resources)."""


@dataclass(frozen=True)
class Base:
    """A PDF's parts, in order, and its furniture (one page per page);
    `person`, a place on every page for a candidate's header."""

    parts: tuple[bytes, ...]
    furniture: Margins
    person: bool = False


def run_base(job: Base) -> Made:
    from rubricgen.renderer.margins import margins_pdf
    from rubricgen.renderer.overlay import blank_like, join_tagged, overlay, to_bytes

    start = perf_counter()
    joined = join_tagged(job.parts)
    overlay(joined, margins_pdf(job.furniture), "Furniture")
    if job.person:
        # One empty drawing every page shows: a candidate's header fills it.
        overlay(joined, blank_like(joined), PERSON)
    return Made(to_bytes(joined), len(joined.pages), perf_counter() - start)


@dataclass(frozen=True)
class Final:
    """A base with the candidate's header over every page, and its facts."""

    base: bytes
    person: bytes | None
    facts: tuple[tuple[str, str], ...]


def run_final(job: Final) -> Made:
    from rubricgen.renderer.overlay import finished

    start = perf_counter()
    layers = {} if job.person is None else {PERSON: job.person}
    data, pages = finished(job.base, dict(job.facts), layers)
    return Made(data, pages, perf_counter() - start)


Job = TypeVar("Job")
What = TypeVar("What")

# Below this many finals a pool costs more to start than it saves.
_FINALS_PER_PROCESS = 12


class Pool:
    """Processes, one per core, started when a build has jobs worth
    spreading (`spread`), and kept until it ends."""

    def __init__(self) -> None:
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._executor is None:
            return
        if kind is not None:
            # Stopped, or a job failed: the other jobs are not worth waiting
            # for, and the executor has no public way to stop a job under way.
            for process in list(self._executor._processes.values()):
                process.kill()
            # A worker killed while it sent what a job made leaves half of it
            # in the pipe, and the executor would wait for the rest forever
            # (its own end of the pipe keeps it open): with that end closed,
            # it reads the pipe's end instead, and stops.
            results: Any = self._executor._result_queue
            results._writer.close()
        self._executor.shutdown(cancel_futures=True)

    def spread(self, heavy: int, light: int) -> None:
        """Start the processes, if `heavy` jobs (layouts, bases) and `light`
        ones (finals, a candidate's header) are worth spreading: more than
        one heavy job, or many light ones."""
        worth = heavy > 1 or light >= 2 * _FINALS_PER_PROCESS
        if self._executor is not None or not worth or forking.workers() <= 1:
            return
        if not forking.started():
            # Loaded before forking, so that no worker imports them again.
            import pikepdf  # noqa: F401

            if heavy:
                native.import_weasyprint()
        self._executor = self._processes()

    def submit(self, function: Callable[[Job], Made], job: Job) -> Future[Made]:
        """`function(job)`: in a process if they were started (the jobs
        taken in the order given), else here and now."""
        if self._executor is not None:
            return self._executor.submit(function, job)
        from concurrent.futures import Future

        done: Future[Made] = Future()
        done.set_result(function(job))
        return done

    @staticmethod
    def finished(running: dict[Future[Made], What]) -> Iterator[tuple[What, Made]]:
        """What each job of `running` made, as each finishes, until none is
        left: the caller may submit more meanwhile."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                what = running.pop(future)
                try:
                    made = future.result()
                except BrokenProcessPool:
                    raise BuildFailed(
                        "A process laying out the PDFs stopped before it finished (killed, or "
                        "out of memory); nothing was written. Run the build again."
                    ) from None
                yield what, made

    @staticmethod
    def _processes() -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if forking.started():
            method: str | None = "forkserver"
        else:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        context = multiprocessing.get_context(method)
        return ProcessPoolExecutor(
            max_workers=forking.workers(),
            mp_context=context,
            initializer=_die_with,
        )


def size(job: Layout | Margins) -> int:
    """How much there is to lay out in `job`, roughly: taken biggest first,
    so that no core sits idle at the end."""
    return len(job.html) if isinstance(job, Layout) else 0


def _die_with() -> None:
    """Set up a worker: it dies with the build, however the build ends (even
    by SIGKILL), and leaves Ctrl-C and SIGTERM to the build, which stops its
    workers itself.

    A worker forked by the forking process is not the build's child, and
    that process lives as long as any worker does, so neither dies on its
    own: a thread watches the build (`parent_process`, which multiprocessing
    ends when the build ends, whoever forked the worker)."""
    import multiprocessing
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    build = multiprocessing.parent_process()
    if build is None:  # not a worker: nothing to watch
        return

    def die_with_the_build() -> None:
        build.join()
        os._exit(1)

    threading.Thread(target=die_with_the_build, name="die-with-the-build", daemon=True).start()
