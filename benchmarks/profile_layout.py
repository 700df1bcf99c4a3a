"""Where WeasyPrint spends its time on the senior interview kit and promotion
rubric: each part's content laid out and written as rubricgen does, in one
process under cProfile, the time (own time of each function, so nothing
counts twice) summed by what the code does.

    python benchmarks/profile_layout.py [--level senior] [--top 12]

The findings are in NOTES.md beside this file.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (what it is, a piece of the file path that says so), first match wins.
GROUPS = [
    ("text: shaping and line breaking (Pango)", "weasyprint/text/"),
    ("hyphenation (Pyphen)", "pyphen"),
    ("layout: tables", "weasyprint/layout/table"),
    ("layout: lines and inline boxes", "weasyprint/layout/inline"),
    ("layout: blocks", "weasyprint/layout/block"),
    ("layout: pages, margins", "weasyprint/layout/page"),
    ("layout: floats", "weasyprint/layout/float"),
    ("layout: flex", "weasyprint/layout/flex"),
    ("layout: other", "weasyprint/layout/"),
    ("CSS: parse and cascade", "weasyprint/css/"),
    ("CSS: tinycss2, cssselect2", "css"),
    ("boxes from elements", "weasyprint/formatting_structure/"),
    ("HTML parsing", "html5lib"),
    ("HTML parsing", "tinyhtml5"),
    ("drawing", "weasyprint/draw"),
    ("PDF: tags (PDF/UA)", "weasyprint/pdf/tags"),
    ("PDF: fonts (subsetting)", "weasyprint/pdf/fonts"),
    ("PDF: fonts (subsetting)", "fontTools"),
    ("PDF: writing", "weasyprint/pdf/"),
    ("PDF: writing", "pydyf"),
    ("WeasyPrint, other", "weasyprint/"),
]


def group(filename: str) -> str:
    for name, piece in GROUPS:
        if piece in filename:
            return name
    return "Python and native calls"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--level", default="senior")
    parser.add_argument("--top", type=int, default=12, help="the slowest functions to list")
    options = parser.parse_args()

    import weasyprint  # noqa: F401  (its import is not what is measured)

    from rubricgen.build import BuildRequest, plan_build
    from rubricgen.paths import shipped
    from rubricgen.renderer.pdf_jobs import Layout, run_layout
    from rubricgen.schema import load_ladder

    ladder = load_ladder(shipped("levels"))
    request = BuildRequest(
        levels=[options.level], kinds=["interview-kit", "promotion-rubric"], formats=["pdf"]
    )
    plan = plan_build(ladder, request, lambda _: None)
    jobs = [job for job in plan.layouts.values() if isinstance(job, Layout)]
    run_layout(jobs[0])  # fonts found and caches filled, as in a worker
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    pages = sum(run_layout(job).pages for job in jobs)
    profile.disable()
    elapsed = time.perf_counter() - start

    stats = pstats.Stats(profile)
    totals: dict[str, float] = defaultdict(float)
    functions = []
    for (filename, line, name), (_, calls, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        totals[group(filename)] += own
        functions.append((own, calls, f"{Path(filename).name}:{line}({name})"))
    profiled = sum(totals.values())
    print(f"{len(jobs)} parts, {pages} pages: {elapsed:.2f} s under the profiler\n")
    print("| what | share of the time |")
    print("|---|---:|")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"| {name} | {seconds / profiled:.0%} |")
    print("\n| function | own time | calls |")
    print("|---|---:|---:|")
    for own, calls, where in sorted(functions, reverse=True)[: options.top]:
        print(f"| `{where}` | {own / profiled:.1%} | {calls} |")


if __name__ == "__main__":
    main()
