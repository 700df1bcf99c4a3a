"""The processes laying out PDFs never outlive the build, and one that dies
stops the build with one line."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
BUILD = [
    *("build", "--level", "apm", "--level", "pm", "-f", "pdf"),
    *("--kind", "debrief-sheet", "--kind", "promotion-rubric"),
]

pytestmark = pytest.mark.slow


def children_of(parent: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(entry))
    return found


def processes_of(build: int) -> tuple[list[int], list[int]]:
    """The processes `build` started (the one that forks the layout workers,
    and multiprocessing's resource tracker), and the workers: Python
    processes forked by the first (not its brief `ldconfig -p`)."""
    started = children_of(build)
    return started, [
        worker
        for child in started
        for worker in children_of(child)
        if Path(f"/proc/{worker}/exe").resolve() == Path(sys.executable).resolve()
    ]


def gone(pids: list[int], seconds: float = 10) -> bool:
    """Whether every one of `pids` has ended within `seconds`."""
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(alive(pid) for pid in pids)


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead, not yet reaped


def start_with_workers(out: Path) -> tuple[subprocess.Popen[str], list[int], list[int]]:
    """A first build, once its two layout workers run: the build, the
    workers, and every process of the build's (the workers among them)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "rubricgen", *BUILD, "-o", str(out)],
        cwd=out.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while len((found := processes_of(process.pid))[1]) < 2:
        assert process.poll() is None and time.monotonic() < deadline, "no workers started"
        time.sleep(0.02)
    started, workers = found
    return process, workers, started + workers


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_die_with_a_sigkilled_build(tmp_path):
    process, _, everything = start_with_workers(tmp_path / "out")
    process.kill()
    process.wait()
    assert gone(everything)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_killed_worker_stops_the_build_with_one_line(tmp_path):
    out = tmp_path / "out"
    process, workers, everything = start_with_workers(out)
    os.kill(workers[0], signal.SIGKILL)
    stderr = process.communicate(timeout=120)[1]
    assert process.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == (
        "A process laying out the PDFs stopped before it finished (killed, or out of "
        "memory); nothing was written. Run the build again."
    )
    assert not out.exists()
    assert gone(everything)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_sigterm_stops_the_workers_too(tmp_path):
    process, _, everything = start_with_workers(tmp_path / "out")
    process.terminate()
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert stderr.splitlines()[-1].startswith("Stopped by SIGTERM")
    assert gone(everything)


HALF_SENT = """
import os, struct, sys, time
from pathlib import Path

from rubricgen.renderer.pdf_jobs import Made, Pool

def half_sent(marker):
    # What a worker killed while it sends what it made leaves behind: the
    # first bytes of a message, in the pipe that carries the results back.
    frame = sys._getframe()
    while "result_queue" not in frame.f_locals:
        frame = frame.f_back
    pipe = frame.f_locals["result_queue"]._writer.fileno()
    os.write(pipe, struct.pack("!i", 1000) + bytes(10))
    Path(marker).touch()
    time.sleep(120)
    return Made(b"", 0, 0.0)

marker = Path(sys.argv[1])
try:
    with Pool() as pool:
        pool.spread(heavy=2, light=0)
        pool.submit(half_sent, str(marker))
        while not marker.exists():
            time.sleep(0.01)
        raise KeyboardInterrupt  # Ctrl-C, while the rest of the message is awaited
except KeyboardInterrupt:
    print("stopped")
"""


def test_workers_stopped_mid_message_do_not_hang_the_build(tmp_path):
    """Ctrl-C, or a failed job, kills the workers; one of them may be killed
    halfway through sending what it made. The build still stops."""
    done = subprocess.run(
        [sys.executable, "-c", HALF_SENT, str(tmp_path / "sent")],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout == "stopped\n", done.stderr
