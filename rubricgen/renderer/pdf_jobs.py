"""Lay out PDFs in parallel, each page once.

A job is a group of documents that share pages: a level's interview kit is
its cover, its packets and its debrief sheet, so they are one job, laid out
part by part in one process and written as several PDFs. Jobs run in a pool
of processes, one per core; each process keeps WeasyPrint's font
configuration and image cache for all the documents it lays out.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

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
    forms: frozenset[str] = frozenset()  # the outputs written as PDF forms


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
        pdf = write_pdf([laid[key] for key in keys], forms=name in job.forms)
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
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        return list(pool.map(run_job, jobs))
