"""The benchmark: how long rubricgen takes, against baselines measured in the
same run, as ratios (these machines are noisy; ratios travel better).

    python benchmarks/run.py [--repeat N] [--part basics|browser|all]

It prints a Markdown table: start-up, validate, HTML and PDF builds of the
shipped ladder, a rebuild with nothing changed, and two baselines: importing
click, Jinja2 and Pydantic, and bare WeasyPrint laying out the same HTML files
one after another in one process. Then peak memory, pages per second, and how
a PDF build grows with the number of levels (1, 5 and 25, from a synthetic
ladder made by copying the shipped levels).

Then the peer a team would reach for: Debian's Chromium printing the same
HTML files, one browser for all of them (`chromium_print.mjs`, through the
playwright-core the accessibility tests use; skipped with a message where
Chromium, Node or `tests/browser/node_modules` is missing), against the
whole ladder, one level, the same level for a second candidate and for 20
candidates; each the best of two runs, timed alone (no memory watched),
rubricgen and Chromium taking turns.
`profile_layout.py` beside this file shows where WeasyPrint spends its time,
and NOTES.md what it found.

rubricgen runs under the Python that runs the benchmark, and how that
interpreter was built matters, since a layout is mostly Python: on this
project's machine, Debian 12's own `python3` ran the layouts about a fifth
quicker than a CPython built by pyenv without `--enable-optimizations`. So
run it in the virtual environment the README's two commands make
(`. .venv/bin/activate`), as a user on Debian gets it; it prints the
interpreter it measured.

rubricgen is measured as `pip install .` leaves it, its modules compiled:
before it measures, the benchmark compiles them (`compileall`, into the
`__pycache__` folders Python itself writes). Where PYTHONDONTWRITEBYTECODE
is set, a checkout would otherwise compile its 60 modules again in every
run, as no installed copy does.
"""

from __future__ import annotations

import argparse
import compileall
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
RUBRICGEN = [sys.executable, "-m", "rubricgen"]

BARE_WEASYPRINT = """
import sys
from pathlib import Path
import weasyprint
pages = 0
for name in sys.argv[1:]:
    pages += len(weasyprint.HTML(filename=name).render().pages)
print(pages)
"""


def tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants, in bytes (Linux)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += (
                next(
                    int(line.split()[1])
                    for line in status.splitlines()
                    if line.startswith("VmRSS:")
                )
                * 1024
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(command: list[str], cwd: Path, *, watch: bool = True) -> tuple[float, int, str]:
    """Wall time, peak resident memory of the whole process tree (0 when not
    `watch`ed: a thread reads it every 20 ms, on the cores the command uses),
    stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    peak = 0

    def watching() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=watching) if watch else None
    if watcher is not None:
        watcher.start()
    out, _ = process.communicate()
    if watcher is not None:
        watcher.join()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, peak, out


def median_time(command: list[str], cwd: Path, repeat: int, prepare=None) -> float:
    times = []
    for _ in range(repeat):
        if prepare:
            prepare()
        times.append(run(command, cwd)[0])
    return statistics.median(times)


def synthetic_ladder(target: Path, count: int) -> None:
    """A ladder of `count` levels, copies of the shipped ones with new ids."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    # Quotes kept as written: unquoted, a flow item ending in "?" is read by
    # the pure-Python parser but refused by the C one the loader uses.
    yaml.preserve_quotes = True
    source = ROOT / "levels"
    ladder = yaml.load((source / "ladder.yaml").read_text())
    shipped = list(ladder["levels"])
    target.mkdir(parents=True)
    ids = []
    for n in range(count):
        original = shipped[n % len(shipped)]
        level = yaml.load((source / f"{original}.yaml").read_text())
        new_id = f"{original}-{n}"
        level["id"], level["aliases"], level["title"] = new_id, [], f"{level['title']} {n}"
        for assessed in level["competencies"]:
            if n == 0:
                assessed.pop("promotion", None)
            elif "promotion" not in assessed:
                assessed["promotion"] = {
                    "changes": "More scope.",
                    "evidence": ["Shows it."],
                    "strong_example": "Did it.",
                    "weak_example": "Talked about it.",
                }
            for question in assessed["questions"]:
                question["id"] = f"{question['id']}-{n}"
        with (target / f"{new_id}.yaml").open("w") as out:
            yaml.dump(level, out)
        ids.append(new_id)
    ladder["levels"] = ids
    with (target / "ladder.yaml").open("w") as out:
        yaml.dump(ladder, out)


CHROMIUM = Path("/usr/bin/chromium")
PRINT_SCRIPT = Path(__file__).resolve().parent / "chromium_print.mjs"
PLAYWRIGHT = ROOT / "tests/browser/node_modules/playwright-core"


def best_of_two(
    cwd: Path, *contenders: tuple[list[str], Callable[[int], object] | None]
) -> list[float]:
    """For each (command, prepare) of `contenders`, the quicker of two runs,
    each timed alone: no thread reads the processes' memory while they run,
    on the cores they share. The contenders take turns (each one's first
    run, then each one's second): this machine's speed drifts over minutes,
    and one contender's two runs followed by the other's would put the
    drift between them into their ratio."""
    best = [float("inf")] * len(contenders)
    for attempt in range(2):
        for index, (command, prepare) in enumerate(contenders):
            if prepare:
                prepare(attempt)
            best[index] = min(best[index], run(command, cwd, watch=False)[0])
    return best


def compiled() -> None:
    """rubricgen's modules compiled, as an installed copy has them (written
    whether or not PYTHONDONTWRITEBYTECODE is set)."""
    compileall.compile_dir(ROOT / "rubricgen", quiet=1)


def browser() -> None:
    """rubricgen against Chromium printing the same HTML files."""
    missing = [
        what
        for what, present in [
            ("Chromium (/usr/bin/chromium)", CHROMIUM.exists()),
            ("Node", shutil.which("node") is not None),
            ("playwright-core (npm ci --prefix tests/browser)", PLAYWRIGHT.is_dir()),
        ]
        if not present
    ]
    if missing:
        print(f"Skipped the Chromium peer: {', '.join(missing)} missing.")
        return
    work = Path(tempfile.mkdtemp(prefix="rubricgen-peer-"))
    build = [*RUBRICGEN, "build", "-f", "pdf"]
    rows = []
    try:
        html = work / "html"
        subprocess.run(
            [*RUBRICGEN, "build", "-l", "all", "-f", "html", "-o", str(html)],
            cwd=work,
            check=True,
            capture_output=True,
        )
        every = sorted(str(p) for p in html.rglob("*.html"))
        senior = sorted(str(p) for p in (html / "senior").rglob("*.html"))
        out = work / "out"

        def fresh(_: int) -> None:
            shutil.rmtree(out, ignore_errors=True)

        peer_all, ours_all = best_of_two(
            work,
            (["node", str(PRINT_SCRIPT), *every], None),
            ([*build, "-l", "all", "-o", str(out)], fresh),
        )
        rows.append(("whole ladder to PDF", ours_all, peer_all, 1.0))
        peer_level, ours_level = best_of_two(
            work,
            (["node", str(PRINT_SCRIPT), *senior], None),
            ([*build, "-l", "senior", "-o", str(out)], fresh),
        )
        rows.append(("`build --level senior --format pdf`", ours_level, peer_level, 1.0))

        # The next candidate, as its own command into the same folder: the
        # first candidate's build is made once, outside the measure.
        fresh(0)
        subprocess.run(
            [*build, "-l", "senior", "-o", str(out), "--candidate", "Ada Lovelace"],
            cwd=work,
            check=True,
            capture_output=True,
        )
        # A new name each run, so that each one is a candidate not seen before.
        next_candidate = [*build, "-l", "senior", "-o", str(out), "--candidate", ""]

        def name(n: int) -> None:
            next_candidate[-1] = f"Grace Hopper {n}"

        (second,) = best_of_two(work, (next_candidate, name))
        rows.append(("the same level for a second candidate", second, peer_level, 0.3))

        names = work / "names.csv"

        def twenty(n: int) -> None:
            names.write_text(
                "name,date\n" + "".join(f"Candidate {n}-{i},2026-12-01\n" for i in range(20))
            )

        candidates = [*build, "-l", "senior", "-o", str(out), "--candidates", str(names)]
        (warm,) = best_of_two(work, (candidates, twenty))
        rows.append(("20 candidates, the level built before", warm, peer_level, 2.0))
        (cold,) = best_of_two(work, (candidates, lambda n: (fresh(n), twenty(n))))
        rows.append(("20 candidates into an empty folder", cold, peer_level, 2.0))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("| job | rubricgen, s | Chromium, same HTML, s | ratio | at most |")
    print("|---|---:|---:|---:|---:|")
    for name, ours, peer, target in rows:
        print(f"| {name} | {ours:.2f} | {peer:.2f} | {ours / peer:.2f} | {target} |")


def basics(repeat: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="rubricgen-bench-"))
    out = work / "output"
    rows: list[tuple[str, float, str]] = []
    try:
        imports = median_time(
            [sys.executable, "-c", "import click, jinja2, pydantic"], work, repeat
        )
        rows.append(("import click, Jinja2, Pydantic (baseline)", imports, ""))
        rows.append(("`rubricgen --help`", median_time([*RUBRICGEN, "--help"], work, repeat), ""))
        validate = median_time([*RUBRICGEN, "validate"], work, repeat)
        rows.append(("`rubricgen validate`", validate, ""))
        html = median_time(
            [*RUBRICGEN, "build", "-l", "all", "-f", "html", "-o", str(out)],
            work,
            repeat,
            prepare=lambda: shutil.rmtree(out, ignore_errors=True),
        )
        rows.append(("HTML build, every level", html, ""))

        shutil.rmtree(out, ignore_errors=True)
        pdf, peak, _ = run([*RUBRICGEN, "build", "-l", "all", "-f", "pdf", "-o", str(out)], work)
        pages = sum(
            int(line.split()[1])
            for line in subprocess.run(
                [
                    "sh",
                    "-c",
                    f"for f in $(find {out} -name '*.pdf' -not -path '*/.rubricgen-cache/*'); "
                    "do pdfinfo $f | grep Pages; done",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
        )
        rows.append(("PDF build, every level", pdf, f"{pages} pages, peak {peak / 2**20:.0f} MB"))
        rebuild = median_time(
            [*RUBRICGEN, "build", "-l", "all", "-f", "pdf", "-o", str(out)], work, repeat
        )
        rows.append(("PDF rebuild, nothing changed", rebuild, ""))

        html_out = work / "html"
        subprocess.run(
            [*RUBRICGEN, "build", "-l", "all", "-f", "html", "-o", str(html_out)],
            cwd=work,
            check=True,
            capture_output=True,
        )
        files = sorted(str(p) for p in html_out.rglob("*.html"))
        bare, bare_peak, bare_pages = run([sys.executable, "-c", BARE_WEASYPRINT, *files], work)
        rows.append(
            (
                f"bare WeasyPrint, the same {len(files)} HTML files in turn (baseline)",
                bare,
                f"{bare_pages.strip()} pages, peak {bare_peak / 2**20:.0f} MB",
            )
        )

        scaling = []
        for count in (1, 5, 25):
            ladder = work / f"ladder-{count}"
            synthetic_ladder(ladder, count)
            target = work / f"out-{count}"
            seconds, _, _ = run(
                [
                    *RUBRICGEN,
                    "build",
                    "-l",
                    "all",
                    "-f",
                    "pdf",
                    "--levels-dir",
                    str(ladder),
                    "-o",
                    str(target),
                ],
                work,
            )
            scaling.append((count, seconds))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("| measure | seconds | ratio | notes |")
    print("|---|---:|---:|---|")
    ratios = {
        "`rubricgen --help`": ("imports", imports),
        "`rubricgen validate`": ("imports", imports),
        "PDF build, every level": ("bare WeasyPrint", bare),
        "PDF rebuild, nothing changed": ("PDF build", pdf),
    }
    for name, seconds, notes in rows:
        base = ratios.get(name)
        ratio = f"{seconds / base[1]:.2f} of {base[0]}" if base else ""
        print(f"| {name} | {seconds:.2f} | {ratio} | {notes} |")
    print()
    print(
        f"PDF pages per second: {pages / pdf:.1f} (bare WeasyPrint: {int(bare_pages) / bare:.1f})"
    )
    print()
    print("| levels | PDF build, seconds | seconds per level |")
    print("|---:|---:|---:|")
    for count, seconds in scaling:
        print(f"| {count} | {seconds:.2f} | {seconds / count:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each quick measure")
    parser.add_argument("--part", choices=["basics", "browser", "all"], default="all")
    options = parser.parse_args()
    print(f"rubricgen run by {sys.executable} (Python {platform.python_version()})\n")
    compiled()
    if options.part in ("basics", "all"):
        basics(options.repeat)
    if options.part in ("browser", "all"):
        browser()


if __name__ == "__main__":
    main()
