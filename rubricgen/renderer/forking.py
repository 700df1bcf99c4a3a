"""The process that forks a build's layout workers (multiprocessing's
"forkserver"), started as soon as the build knows it will lay out.

Cheap to import on purpose: the command line starts the process before it
imports the rest of the pipeline (Pydantic, Jinja, the views), so that the
two start up side by side, each on a core of its own.
"""

from __future__ import annotations

import os
import sys

_started = False


def workers() -> int:
    """How many layout workers a build runs: one per core it may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def start() -> None:
    """Start, now, the process that forks the layout workers of this build
    (and of every build after it in this process, under `--watch`).

    It is a fresh interpreter that imports WeasyPrint and pikepdf once
    (`renderer/preload.py`) while this process imports the rest and reads
    the ladder; every worker it forks starts with them loaded. Worth it when
    the build will lay out (a first PDF build into a folder), and only on a
    system that has such a process (not Windows) and more than one core."""
    global _started
    import multiprocessing

    if _started or "forkserver" not in multiprocessing.get_all_start_methods() or workers() <= 1:
        return
    from multiprocessing import forkserver

    preload = ["rubricgen.renderer.preload"]
    main = getattr(sys.modules.get("__main__"), "__spec__", None)
    if getattr(main, "name", None) is None:
        # Started as the `rubricgen` script (not `python -m rubricgen`): each
        # worker runs the script again before its first job, multiprocessing
        # making it the worker's main module, and so imports the command line
        # and click, unless they are loaded here. (Naming "__main__" here
        # loads nothing in Python 3.11: the forkserver looks for the script's
        # path under a key its preparation data does not have.)
        preload.insert(0, "rubricgen.__main__")
    forkserver.set_forkserver_preload(preload)
    try:
        forkserver.ensure_running()
    except OSError:
        return  # no temporary folder for its socket, say: the build forks its own
    _started = True


def started() -> bool:
    """Whether the process that forks the workers was started."""
    return _started
