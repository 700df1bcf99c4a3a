"""The process that forks the layout workers: started once, and a build
that cannot start it forks its workers itself; the workers of a build
started as the `rubricgen` script find the command line loaded."""

import subprocess
import sys
from multiprocessing import forkserver
from pathlib import Path

import pytest

from rubricgen.renderer import forking


def test_a_build_that_cannot_start_it_goes_on_without_it(monkeypatch):
    def refused() -> None:
        raise PermissionError("no temporary folder")

    monkeypatch.setattr(forking, "_started", False)
    monkeypatch.setattr(forkserver, "ensure_running", refused)
    monkeypatch.setattr(forking, "workers", lambda: 2)
    forking.start()
    assert not forking.started()


def test_it_is_started_once(monkeypatch):
    calls = []
    monkeypatch.setattr(forking, "_started", False)
    monkeypatch.setattr(forkserver, "ensure_running", lambda: calls.append(1))
    monkeypatch.setattr(forking, "workers", lambda: 2)
    forking.start()
    forking.start()
    assert forking.started() and calls == [1]


def test_one_core_needs_no_forking_process(monkeypatch):
    monkeypatch.setattr(forking, "_started", False)
    monkeypatch.setattr(forking, "workers", lambda: 1)
    forking.start()
    assert not forking.started()


@pytest.mark.slow
@pytest.mark.parametrize("started_as", ["the rubricgen script", "python -m rubricgen"])
def test_no_worker_imports_the_command_line_again(tmp_path, started_as):
    script = Path(sys.executable).with_name("rubricgen")
    if not script.is_file() or forking.workers() <= 1:
        pytest.skip("no rubricgen script beside this Python, or one core (no forking process)")
    command = [str(script)] if started_as == "the rubricgen script" else ["-m", "rubricgen"]
    build = [*command, "build", "-l", "apm", "-f", "pdf", "-o", str(tmp_path / "out")]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *build], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    imported = [line for line in done.stderr.splitlines() if line.endswith("| rubricgen.__main__")]
    if started_as == "the rubricgen script":
        # By the script, and by the process that forks the workers: not by
        # each worker, which runs the script again before its first job.
        assert len(imported) == 2, imported
    else:
        # Run as the main module itself, which no worker runs again.
        assert imported == []
