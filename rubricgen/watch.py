"""`rubricgen build --watch`: build again whenever a level file or a template
changes. Polling the files' sizes and times twice a second is plenty for a
few dozen files, and needs no library."""

import signal
import time
from collections.abc import Callable, Sequence
from pathlib import Path

Snapshot = dict[Path, tuple[int, int]]


def snapshot(folders: Sequence[Path], ignore: Path | None = None) -> Snapshot:
    """The size and modification time of every file under `folders`, but
    those under `ignore` (the output folder, which may be among them)."""
    seen: Snapshot = {}
    skipped = ignore.resolve() if ignore else None
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                if skipped and skipped in path.resolve().parents:
                    continue
                if path.is_file():
                    stat = path.stat()
                    seen[path] = (stat.st_size, stat.st_mtime_ns)
            except OSError:
                continue
    return seen


def watch(
    folders: Sequence[Path],
    rebuild: Callable[[], None],
    note: Callable[[str], None],
    interval: float = 0.5,
    ignore: Path | None = None,
) -> None:
    """Run `rebuild` now and after every change under `folders` (but under
    `ignore`), until Ctrl-C. `rebuild` reports its own errors; watching goes
    on after them. Ctrl-C is the way out of watching, and ends it well; any
    other signal that stops it (SIGTERM, from a supervisor or a timeout)
    goes on to the caller, which ends the command as a stopped build."""
    before = snapshot(folders, ignore)
    rebuild()
    note("Watching for changes; press Ctrl-C to stop.")
    try:
        while True:
            time.sleep(interval)
            now = snapshot(folders, ignore)
            if now != before:
                changed = sorted(
                    {*now.keys() ^ before.keys(), *(p for p in now if now[p] != before.get(p))}
                )
                note(f"Changed: {', '.join(p.name for p in changed[:5])}. Building again.")
                before = now
                rebuild()
    except KeyboardInterrupt as stopped:
        note("Stopped watching.")
        if getattr(stopped, "signum", signal.SIGINT) != signal.SIGINT:
            raise
