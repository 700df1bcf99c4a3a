"""The output folder: all or nothing under failures, signals and SIGKILL, one
build at a time, and a state file that cannot break a build.

The stops are real: a process writing the files is killed or signalled at
each step of its moves (its `os.replace` wrapped to signal itself), and
`rubricgen build` processes are stopped at random moments while they write.
"""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rubricgen.output import (
    LOCK_FILE,
    STAGING_PREFIX,
    STATE_FILE,
    BuildFailed,
    Rendered,
    State,
    digest,
    locked,
    recover,
    write_all,
    write_whole,
)

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

OLD = {"a.html": b"old a", "a.md": b"old a.md", "sub/b.html": b"old b"}
NEW = {"a.html": b"new a", "a.md": b"new a.md", "sub/b.html": b"new b", "fresh/c.html": b"new c"}


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(STAGING_PREFIX) and p.is_dir()]


def old_tree(folder: Path) -> None:
    for name, data in {**OLD, "keep.txt": b"not ours"}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


# Writes NEW into argv[1], its os.replace signalling the process with
# argv[3] just before the move numbered argv[2].
WRITER = """
import os, signal, sys
from pathlib import Path
from rubricgen import output
calls = 0
real = os.replace
def replace(source, target):
    global calls
    calls += 1
    if calls == int(sys.argv[2]):
        os.kill(os.getpid(), getattr(signal, sys.argv[3]))
    real(source, target)
os.replace = replace
files = [output.Rendered(Path(name), data) for name, data in {new}.items()]
try:
    with output.stop_on_signals():
        output.write_all(files, Path(sys.argv[1]))
except output.Stopped as stop:
    sys.exit(stop.exit_code)
"""
# The journal's rename, then each old file moved aside and each new one in.
MOVES = 1 + len(OLD) + len(NEW)


def write_stopped_at(folder: Path, move: int, how: str) -> int:
    script = WRITER.format(new=repr(NEW))
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder), str(move), how],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode


@pytest.mark.parametrize("move", range(1, MOVES + 1))
def test_sigkill_at_any_move_is_finished_or_undone_by_the_next_build(tmp_path, move):
    old_tree(tmp_path)
    assert write_stopped_at(tmp_path, move, "SIGKILL") == -signal.SIGKILL
    notes: list[str] = []
    with locked(tmp_path, notes.append):
        pass
    after = files_in(tmp_path)
    assert after.pop("keep.txt") == b"not ours"
    assert not leftovers(tmp_path)
    if move == 1:
        # Killed before its journal was in place: nothing had moved.
        assert after == OLD and not notes
    else:
        assert after == NEW
        assert notes == [f"finished the moves of a build that was stopped in {tmp_path}"]


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("move", [1, 2, MOVES // 2, MOVES])
def test_ctrl_c_or_sigterm_during_the_moves_lets_them_finish(tmp_path, move, how):
    old_tree(tmp_path)
    assert write_stopped_at(tmp_path, move, how) == 128 + getattr(signal, how)
    after = files_in(tmp_path)
    assert after.pop("keep.txt") == b"not ours"
    assert after == NEW
    assert not leftovers(tmp_path)


def test_a_failed_move_puts_every_file_back(tmp_path, monkeypatch):
    old_tree(tmp_path)
    real = os.replace
    calls = []

    def failing(source, target):
        calls.append(target)
        if len(calls) == MOVES - 1:
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        write_all([Rendered(Path(n), d) for n, d in NEW.items()], tmp_path)
    monkeypatch.undo()
    after = files_in(tmp_path)
    assert after.pop("keep.txt") == b"not ours"
    assert after == OLD
    assert not leftovers(tmp_path)
    assert not (tmp_path / "fresh").exists()


def test_staging_folders_of_older_builds_are_removed(tmp_path):
    (tmp_path / ".rubricgen-x1y2" / ".replaced").mkdir(parents=True)
    (tmp_path / ".rubricgen-x1y2" / "a.html").write_bytes(b"half")
    with locked(tmp_path, print):
        pass
    assert not leftovers(tmp_path)
    assert not (tmp_path / LOCK_FILE).exists()


def test_a_journal_that_points_outside_is_not_followed(tmp_path):
    staging = tmp_path / "out" / ".rubricgen-staging-x"
    (staging / "new").mkdir(parents=True)
    (staging / "escaped.txt").write_text("staged")  # new/../escaped.txt
    (staging / "moves.json").write_text(json.dumps(["../escaped.txt"]))
    with locked(tmp_path / "out", print):
        pass
    assert not (tmp_path / "escaped.txt").exists()
    assert not leftovers(tmp_path / "out")


def test_a_second_build_waits_then_names_the_first(tmp_path, monkeypatch):
    monkeypatch.setattr("rubricgen.output.LOCK_WAIT_SECONDS", 0.3)
    with locked(tmp_path, print):
        message = f"{tmp_path}: another build (process {os.getpid()}) is writing there"
        with pytest.raises(BuildFailed, match=re.escape(message)), locked(tmp_path, print):
            pass
    # Released: the next build goes ahead, and leaves no lock file behind.
    with locked(tmp_path, print):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_folder_made_for_the_lock_goes_if_nothing_is_written(tmp_path):
    with locked(tmp_path / "new" / "out", print):
        pass
    assert list(tmp_path.iterdir()) == []


def test_writes_never_follow_a_linked_folder_inside_the_output(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(outside)
    (out / "a.html").symlink_to(outside / "target.html")
    with pytest.raises(BuildFailed, match="a symbolic link inside the output folder"):
        write_all([Rendered(Path("sub/b.html"), b"x")], out)
    write_all([Rendered(Path("a.html"), b"new")], out)
    assert list(outside.iterdir()) == []
    assert not (out / "a.html").is_symlink()
    assert (out / "a.html").read_bytes() == b"new"


@pytest.mark.parametrize(
    "damaged",
    [b"{}", b"[]", b"null", b'"x"', b'{"files": []}', b'{"files": {"a": {}}}', b"\x00\xff"],
)
def test_a_damaged_state_file_counts_as_absent(tmp_path, damaged):
    (tmp_path / STATE_FILE).write_bytes(damaged)
    state = State(tmp_path)
    assert state.files == {}
    assert not state.is_current(Path("a"), "x")


def test_the_state_file_is_read_back(tmp_path):
    (tmp_path / "a.html").write_bytes(b"made")
    state = State(tmp_path)
    state.record(Path("a.html"), "inputs", b"made")
    write_all([state.rendered()], tmp_path)
    assert State(tmp_path).is_current(Path("a.html"), "inputs")


# `rubricgen build` itself, stopped while it writes every level's documents.

BUILD = ["build", "--level", "all", "-f", "html", "-f", "md", "-f", "json"]


def start(out: Path, candidate: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "rubricgen", *BUILD, "-o", str(out), "--candidate", candidate],
        cwd=out.parent,
        env=ENV,
        stderr=subprocess.PIPE,
        text=True,
    )


def whole_build_of(out: Path, names: list[str]) -> str:
    """The one candidate whose build `out` holds, whole and consistent."""
    assert not leftovers(out)
    assert not (out / LOCK_FILE).exists()
    files = files_in(out)
    state = json.loads(files.pop(STATE_FILE))["files"]
    assert set(files) == set(state)
    owners = set()
    for name, data in files.items():
        assert digest(data) == state[name]["bytes"], name
        owners |= {candidate for candidate in names if candidate.encode() in data}
    assert len(owners) == 1, owners
    return owners.pop()


def stop_while_writing(processes: dict[Path, subprocess.Popen[str]], how: signal.Signals) -> None:
    """Signal each build at a random moment once its staging folder exists."""
    waiting = dict(processes)
    deadline = time.monotonic() + 120
    while waiting and time.monotonic() < deadline:
        for out, process in list(waiting.items()):
            if process.poll() is not None:
                del waiting[out]
            elif out.is_dir() and leftovers(out):
                time.sleep(random.uniform(0, 0.02))
                process.send_signal(how)
                del waiting[out]
        time.sleep(0.001)


def names_for(count: int, tag: str) -> list[str]:
    return [f"Candidate {tag}{index}Z" for index in range(count)]


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("first") / "out"
    process = start(out, "Candidate Old")
    assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    return out


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_builds_stopped_while_writing_leave_all_old_or_all_new(tmp_path, first_build, how):
    """Four stops of each kind, at random moments of the writes."""
    names = names_for(4, how.name)
    processes = {}
    for index, name in enumerate(names):
        out = tmp_path / str(index) / "out"
        shutil.copytree(first_build, out)
        processes[out] = start(out, name)
    stop_while_writing(processes, how)
    for (out, process), name in zip(processes.items(), names, strict=True):
        stderr = process.communicate(timeout=120)[1]
        assert process.returncode in (0, 128 + how), stderr
        assert "Traceback" not in stderr
        if process.returncode:
            assert stderr.splitlines()[-1].startswith(f"Stopped by {how.name}"), stderr
        assert whole_build_of(out, ["Candidate Old", name]) in ("Candidate Old", name)


@pytest.mark.slow
def test_after_a_sigkill_while_writing_the_next_build_leaves_a_clean_tree(tmp_path, first_build):
    names = names_for(4, "Killed")
    processes = {}
    for index, name in enumerate(names):
        out = tmp_path / str(index) / "out"
        shutil.copytree(first_build, out)
        processes[out] = start(out, name)
    stop_while_writing(processes, signal.SIGKILL)
    for process in processes.values():
        process.communicate(timeout=120)
    # The same builds again: each finishes the one killed, or starts afresh.
    again = {out: start(out, name) for out, name in zip(processes, names, strict=True)}
    for (out, process), name in zip(again.items(), names, strict=True):
        stderr = process.communicate(timeout=120)[1]
        assert process.returncode == 0, stderr
        assert whole_build_of(out, ["Candidate Old", name]) == name


@pytest.mark.slow
def test_four_builds_at_once_into_one_folder_leave_one_whole_build(tmp_path):
    out = tmp_path / "out"
    names = names_for(4, "Racing")
    processes = [start(out, name) for name in names]
    results = [(p.communicate(timeout=180)[1], p.returncode) for p in processes]
    for stderr, code in results:
        assert code in (0, 1), stderr
        assert "Traceback" not in stderr
        if code == 1:
            assert re.search(r"another build \(process \d+\) is writing there", stderr), stderr
    assert any(code == 0 for _, code in results)
    assert whole_build_of(out, names) in names


def test_recovery_leaves_the_layout_cache_alone(tmp_path):
    """Only staging folders are a stopped build's leftovers; the cache of
    laid-out pages beside them is kept for the next build."""
    out = tmp_path / "out"
    cache = out / ".rubricgen-cache"
    cache.mkdir(parents=True)
    (cache / "entry.pdf").write_bytes(b"%PDF")
    (out / f"{STAGING_PREFIX}x").mkdir()
    recover(out, print)
    assert (cache / "entry.pdf").read_bytes() == b"%PDF"
    assert leftovers(out) == []


def test_a_file_written_whole_is_all_there_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "entry.pdf"
    write_whole(target, b"first")
    assert target.read_bytes() == b"first"

    def full(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        write_whole(target, b"second")
    # The old bytes stay, and no temporary file is left beside them.
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.pdf"]
