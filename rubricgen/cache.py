"""What PDF builds keep for the next build: laid-out content, and each PDF's
parts joined with their furniture drawn over them (none of which depends on
the candidate), and candidates' headers, in
`OUTPUT_DIR/.rubricgen-cache/`, named by the digest of everything each was
made from (the digests incremental builds use).

So the next candidate for a level costs no layout. The folder is bounded:
after a build, the entries used longest ago go until it fits in `LIMIT`
bytes. Entries are written whole (to a temporary name, then renamed), so a
stopped build never leaves half an entry.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from rubricgen.output import write_whole

CACHE_DIR = ".rubricgen-cache"
LIMIT = 256 * 2**20


class Cache:
    """The cache of one output folder; with no folder, nothing is kept."""

    def __init__(self, output_dir: Path | None, limit: int = LIMIT) -> None:
        self.folder = None if output_dir is None else output_dir / CACHE_DIR
        self.limit = limit
        self.new: dict[str, bytes] = {}

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        if key in self.new:
            return self.new[key]
        if self.folder is None:
            return None
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        # Marks the entry as used now, so that pruning keeps it longest.
        with contextlib.suppress(OSError):
            os.utime(self._path(key))
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep `data` for `save`."""
        self.new[key] = data

    def save(self) -> None:
        """Write the new entries, then prune. A cache that cannot be written
        only makes the next build slower, so failures are ignored."""
        if self.folder is None or not self.new:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            for key, data in self.new.items():
                write_whole(self._path(key), data)
            self.prune()
        self.new.clear()

    def prune(self) -> None:
        assert self.folder is not None
        entries = []
        for path in self.folder.glob("*.pdf"):
            with contextlib.suppress(OSError):
                stat = path.stat()
                entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
