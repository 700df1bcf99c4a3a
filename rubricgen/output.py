"""Writing the output folder: all or nothing, one build at a time, and knowing
what is up to date.

A build writes its files into a staging folder inside the output folder, then
lists the moves in a journal there, then moves each file into place, the file
it replaces going into the staging folder first. Nothing can leave a mix of
old and new files:

- a write or move that fails is undone: the moved files go back to staging,
  the replaced ones back into place;
- Ctrl-C or SIGTERM during the writing waits for it to end, then stops the
  build with every new file in place;
- after a crash or SIGKILL, the next build finds the staging folder: with a
  journal it finishes the moves (every new file was staged before the journal
  was written), without one it was never started and is removed.

A lock file makes a second build into the same folder wait a little, then
give up with the first build's process id, so that two builds cannot undo
each other's moves. `.rubricgen-state.json` records for each file the digest
of everything it was made from and the digest of its bytes; a later build
skips a file whose inputs have the same digest and whose bytes are untouched.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import Any

STATE_FILE = ".rubricgen-state.json"
LOCK_FILE = ".rubricgen-lock"
# Every staging folder, of this version or an older one, starts with this.
STAGING_PREFIX = ".rubricgen-staging-"
JOURNAL = "moves.json"
LOCK_WAIT_SECONDS = 3.0

Note = Callable[[str], None]


class BuildFailed(Exception):
    """The build cannot finish for a reason outside the ladder and templates
    (another build holds the folder, a worker process died): one line to
    show, exit 1, nothing written."""


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM stopped the build. Raised where Python would raise
    KeyboardInterrupt, so every clean-up that Ctrl-C runs runs for SIGTERM
    too. `written` tells whether the build's files were all in place first."""

    def __init__(self, signum: int, written: bool = False) -> None:
        super().__init__(signum)
        self.signum = signum
        self.written = written

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    def explain(self, output_dir: Path) -> str:
        name = signal.Signals(self.signum).name
        if self.written:
            return f"Stopped by {name} once every file of this build was written to {output_dir}."
        return (
            f"Stopped by {name}; {output_dir} holds the files of the last build that "
            "finished writing, never part of one."
        )


def _in_main_thread() -> bool:
    # Only the main thread may set signal handlers.
    return threading.current_thread() is threading.main_thread()


_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """While the block runs, SIGINT and SIGTERM raise `Stopped`."""
    if not _in_main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous = {number: signal.signal(number, stop) for number in _SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block has ended; then the first one
    raises `Stopped`, the block's work done."""
    if not _in_main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {
        number: signal.signal(number, lambda signum, frame: arrived.append(signum))
        for number in _SIGNALS
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if arrived:
        raise Stopped(arrived[0], written=True)


@dataclass(frozen=True)
class Rendered:
    path: Path  # relative to the output folder
    data: bytes
    pages: int | None = None
    seconds: float | None = None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class State:
    """What the last builds wrote into one output folder. A state file that
    cannot be read or is not what a build writes counts as absent: every file
    is made again."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.files: dict[str, dict[str, str]] = {}
        with contextlib.suppress(OSError, ValueError):
            self.files = _state_entries(json.loads((output_dir / STATE_FILE).read_bytes()))

    def is_current(self, path: Path, inputs: str) -> bool:
        """Whether the file at `path` was made from these inputs and is untouched."""
        entry = self.files.get(path.as_posix())
        if entry is None or entry["inputs"] != inputs:
            return False
        try:
            return digest((self.output_dir / path).read_bytes()) == entry["bytes"]
        except OSError:
            return False

    def record(self, path: Path, inputs: str, data: bytes) -> None:
        self.files[path.as_posix()] = {"inputs": inputs, "bytes": digest(data)}

    def rendered(self) -> Rendered:
        data = json.dumps({"files": dict(sorted(self.files.items()))}, indent=1) + "\n"
        return Rendered(Path(STATE_FILE), data.encode())


def _state_entries(loaded: Any) -> dict[str, dict[str, str]]:
    files = loaded.get("files") if isinstance(loaded, dict) else None
    if not isinstance(files, dict):
        raise ValueError("not a state file")
    entries = {}
    for path, entry in files.items():
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("inputs"), str)
            and isinstance(entry.get("bytes"), str)
        ):
            raise ValueError("not a state file")
        entries[path] = {"inputs": entry["inputs"], "bytes": entry["bytes"]}
    return entries


def _missing_dirs(folders: Sequence[Path]) -> set[Path]:
    """The folders (and their parents) that do not exist yet."""
    missing = set()
    for folder in folders:
        while not os.path.lexists(folder) and folder not in missing:
            missing.add(folder)
            folder = folder.parent
    return missing


def _remove_if_empty(folders: set[Path]) -> None:
    for folder in sorted(folders, key=lambda d: len(d.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()


@contextlib.contextmanager
def locked(output_dir: Path, note: Note) -> Iterator[None]:
    """Hold the output folder for one build, after finishing or removing
    what a stopped build left there. A folder made only for the lock is
    removed again if the build writes nothing."""
    made = _missing_dirs([output_dir])
    output_dir.mkdir(parents=True, exist_ok=True)
    try:
        lock = _acquire(output_dir)
        try:
            recover(output_dir, note)
            yield
        finally:
            # Unlinked while still held: a build waiting on this file sees
            # that it is gone, and locks a new one.
            with contextlib.suppress(OSError):
                (output_dir / LOCK_FILE).unlink()
            os.close(lock)
    finally:
        _remove_if_empty(made)


def _acquire(output_dir: Path) -> int:
    path = output_dir / LOCK_FILE
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        lock = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(lock, 32).decode(errors="replace").strip()
            os.close(lock)
            if time.monotonic() > deadline:
                other = f"process {holder}" if holder.isdigit() else "another process"
                raise BuildFailed(
                    f"{output_dir}: another build ({other}) is writing there; wait for it "
                    "to finish, or choose another --output-dir."
                ) from None
            time.sleep(0.1)
            continue
        try:
            held = os.stat(path, follow_symlinks=False).st_ino == os.fstat(lock).st_ino
        except FileNotFoundError:
            held = False
        if held:
            os.ftruncate(lock, 0)
            os.write(lock, f"{os.getpid()}\n".encode())
            return lock
        os.close(lock)


def recover(output_dir: Path, note: Note) -> None:
    """Finish or remove every staging folder a stopped build left behind."""
    for entry in sorted(os.scandir(output_dir), key=lambda e: e.name):
        if not (entry.name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False)):
            continue
        staging = Path(entry.path)
        names = _journal(staging)
        if names is not None:
            _refuse_links(output_dir, names)
            with _signals_held():
                _move_into_place(staging, names, output_dir, [])
            note(f"finished the moves of a build that was stopped in {output_dir}")
        shutil.rmtree(staging)


def _journal(staging: Path) -> list[str] | None:
    """The files the build in `staging` was moving, or None if it had not
    started moving them (or the journal is not one a build writes)."""
    try:
        names = json.loads((staging / JOURNAL).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(names, list) or not all(
        isinstance(name, str) and _inside(name) for name in names
    ):
        return None
    return names


def _inside(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def _refuse_links(output_dir: Path, names: Sequence[str]) -> None:
    """Refuse to write through a symbolic link to a folder inside the output
    folder: it could send the files anywhere. (A link in place of a file is
    replaced by the file, not followed.)"""
    folders = {parent for name in names for parent in PurePosixPath(name).parents}
    for folder in sorted(folders - {PurePosixPath(".")}):
        if (output_dir / folder).is_symlink():
            raise BuildFailed(
                f"{output_dir / folder}: a symbolic link inside the output folder; builds "
                "never write through links. Remove it, or choose another --output-dir."
            )


def _move_into_place(
    staging: Path, names: Sequence[str], output_dir: Path, moved: list[int]
) -> None:
    """Move each staged file into place, the file it replaces aside first.
    Safe to run again after a crash at any point: a file already moved is
    not staged any more."""
    for index, name in enumerate(names):
        new, old, target = staging / "new" / name, staging / "old" / str(index), output_dir / name
        if not os.path.lexists(new):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(target) and not os.path.lexists(old):
            old.parent.mkdir(exist_ok=True)
            os.replace(target, old)
        os.replace(new, target)
        moved.append(index)


def _move_back(staging: Path, names: Sequence[str], output_dir: Path, moved: list[int]) -> None:
    """Undo `_move_into_place`: each moved file back into staging, each
    replaced file back into place."""
    for index, name in reversed(list(enumerate(names))):
        new, old, target = staging / "new" / name, staging / "old" / str(index), output_dir / name
        if index in moved:
            os.replace(target, new)
        if os.path.lexists(old):
            os.replace(old, target)


def write_whole(path: Path, data: bytes) -> None:
    """`data` written to `path` whole: under a temporary name beside it, then
    renamed, so that a reader never finds half of it. If writing fails, the
    temporary file goes and the error is raised."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_all(rendered: Sequence[Rendered], output_dir: Path) -> None:
    """Write the files, all or nothing (see the module's description).

    Call it holding the folder's lock (`locked`)."""
    names = [item.path.as_posix() for item in rendered]
    _refuse_links(output_dir, names)
    new_dirs = _missing_dirs([output_dir, *(output_dir / i.path.parent for i in rendered)])
    output_dir.mkdir(parents=True, exist_ok=True)
    with _signals_held():
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output_dir))
        moved: list[int] = []
        try:
            for item, name in zip(rendered, names, strict=True):
                staged = staging / "new" / name
                staged.parent.mkdir(parents=True, exist_ok=True)
                staged.write_bytes(item.data)
            # Written whole, then renamed: a journal is either there or not.
            (staging / "journal.tmp").write_text(json.dumps(names))
            os.replace(staging / "journal.tmp", staging / JOURNAL)
            _move_into_place(staging, names, output_dir, moved)
        except OSError:
            # If undoing fails too, the staging folder and its journal stay
            # for the next build to finish: no replaced file is lost.
            _move_back(staging, names, output_dir, moved)
            shutil.rmtree(staging, ignore_errors=True)
            _remove_if_empty(new_dirs)
            raise
        shutil.rmtree(staging, ignore_errors=True)
