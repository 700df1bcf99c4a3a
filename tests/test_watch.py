"""`rubricgen build --watch`: rebuilds on a change, survives a broken file,
stops on Ctrl-C."""

import os
import shutil
import signal
import subprocess
import sys
import time

from tests.conftest import SMALL


def wait_for(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_watch_rebuilds_keeps_going_after_an_error_and_stops_on_ctrl_c(tmp_path):
    levels = tmp_path / "levels"
    shutil.copytree(SMALL, levels)
    out = tmp_path / "out"
    kit = out / "chef" / "interview-kit.json"
    log = (tmp_path / "stderr.txt").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rubricgen",
            "build",
            "-l",
            "chef",
            "--kind",
            "interview-kit",
            "-f",
            "json",
            "--levels-dir",
            str(levels),
            "-o",
            str(out),
            "--watch",
        ],
        stderr=log,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    stderr = tmp_path / "stderr.txt"
    try:
        assert wait_for(lambda: "Watching for changes" in stderr.read_text())
        assert kit.exists()
        chef = levels / "chef.yaml"
        original = chef.read_text()

        chef.write_text(original.replace("summary: The sous chef", "summary: The head sous chef"))
        assert wait_for(lambda: "The head sous chef" in kit.read_text())

        chef.write_text(original.replace("title: Sous chef", "titel: Sous chef"))
        assert wait_for(lambda: "Waiting for a fix" in stderr.read_text())
        assert "chef.yaml:2:1: titel: Unknown key `titel`; did you mean `title`?" in (
            stderr.read_text()
        )
        assert process.poll() is None
        assert "The head sous chef" in kit.read_text()  # the last good build stays

        chef.write_text(original.replace("summary: The sous chef", "summary: The fixed sous chef"))
        assert wait_for(lambda: "The fixed sous chef" in kit.read_text())
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=10)
        log.close()
    assert code == 0
    assert "Stopped watching." in stderr.read_text()
    assert "Traceback" not in stderr.read_text()


def test_watch_stopped_by_sigterm_ends_as_a_stopped_build(tmp_path):
    # A supervisor or a timeout stops the watcher with SIGTERM: it says so,
    # and exits 143 as a stopped build does, not 0 as Ctrl-C (the way out).
    levels = tmp_path / "levels"
    shutil.copytree(SMALL, levels)
    stderr = tmp_path / "stderr.txt"
    log = stderr.open("w")
    command = ["build", "-l", "chef", "--kind", "interview-kit", "-f", "json", "--watch"]
    folders = ["--levels-dir", str(levels), "-o", str(tmp_path / "out")]
    process = subprocess.Popen(
        [sys.executable, "-m", "rubricgen", *command, *folders],
        stderr=log,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert wait_for(lambda: "Watching for changes" in stderr.read_text())
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=10)
        log.close()
    said = stderr.read_text()
    assert code == 128 + signal.SIGTERM
    assert "Stopped watching." in said and "Stopped by SIGTERM" in said
    assert "Traceback" not in said
