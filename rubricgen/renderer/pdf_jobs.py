"""Lay out PDFs in parallel, each page once.

A job is a group of documents that share pages: a level's interview kit is
its cover, its packets and its debrief sheet, so they are one job, laid out
part by part in one process and written as several PDFs. Jobs run in a pool
of processes, one per core; each process keeps WeasyPrint's font
configuration and image cache for all the documents it lays out, and dies
with the build.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from rubricgen.output import BuildFailed
from rubricgen.renderer.pdf import LaidOut, lay_out, write_pdf


@dataclass(frozen=True)
class Part:
    """One laid-out unit: an HTML page and the stylesheet WeasyPrint adds."""

    html: str
    css: str


@dataclass(frozen=True)
class PdfJob:
    parts: dict[str, Part]
    outputs: list[tuple[str, tuple[str, ...]]]  # (output name, its parts in order)
    base_dir: Path
    allowed: tuple[Path, ...]


@dataclass(frozen=True)
class PdfResult:
    name: str
    data: bytes
    pages: int
    seconds: float  # layout of the parts first needed here, plus writing


def run_job(job: PdfJob) -> list[PdfResult]:
    laid: dict[str, LaidOut] = {}
    results = []
    for name, keys in job.outputs:
        start = perf_counter()
        for key in keys:
            if key not in laid:
                part = job.parts[key]
                laid[key] = lay_out(part.html, part.css, job.base_dir, job.allowed)
        pdf = write_pdf([laid[key] for key in keys])
        results.append(PdfResult(name, pdf.data, pdf.pages, perf_counter() - start))
    return results


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_jobs(jobs: Sequence[PdfJob]) -> list[list[PdfResult]]:
    """Every job's results, in job order, in parallel where there is more than
    one job and more than one core."""
    count = min(len(jobs), workers())
    if count <= 1:
        return [run_job(job) for job in jobs]
    # Import WeasyPrint before forking, so that each worker starts with it
    # loaded instead of paying for the import again.
    import weasyprint  # noqa: F401

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(
        max_workers=count, mp_context=context, initializer=_die_with, initargs=(os.getpid(),)
    )
    try:
        results = list(pool.map(run_job, jobs))
    except BrokenProcessPool:
        raise BuildFailed(
            "A process laying out the PDFs stopped before it finished (killed, or out of "
            "memory); nothing was written. Run the build again."
        ) from None
    except BaseException:
        # Stopped, or a job failed: the other jobs are not worth waiting for,
        # and the executor has no public way to stop a job under way.
        for process in list(pool._processes.values()):
            process.kill()
        raise
    finally:
        pool.shutdown(cancel_futures=True)
    return results


def _die_with(parent: int) -> None:
    """Set up a worker: it dies with its parent, however the parent ends
    (even SIGKILL), and leaves Ctrl-C and SIGTERM to the parent, which stops
    its workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    # The parent may have died before the line above ran.
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
