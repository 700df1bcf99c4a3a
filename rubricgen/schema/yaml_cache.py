"""Ladder files already read, kept between runs: the plain data of each YAML
file that loaded without a problem, named by a digest of its bytes and of
what read it, in the user's cache folder (`$XDG_CACHE_HOME/rubricgen/yaml`,
else `~/.cache/rubricgen/yaml`).

ruamel.yaml builds every value in Python, even with its C parser: a third
of a second for the shipped ladder, on every command. A file whose bytes
were read before is loaded from here instead, in milliseconds; the checks
that follow reading (the models, the cross-file checks, the wording) still
run on it. A file that changes is read afresh. Anything wrong with the cache
(no home folder, a read-only disk, a damaged entry, a folder another user
could write to) is passed over, and the file is read as it would be without
one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from rubricgen import __version__
from rubricgen.output import write_whole

KEEP = 256
"""Entries kept; past that, the ones used longest ago go."""


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rubricgen" / "yaml"


@functools.cache
def _reader() -> bytes:
    """What the data depends on besides the file: the versions of rubricgen,
    ruamel.yaml and Python, and the code that reads the file."""
    code = Path(__file__).with_name("yaml_reader.py").read_bytes()
    return f"{__version__} {version('ruamel.yaml')} {sys.version}\n".encode() + code


def _entry(raw: bytes) -> Path:
    seen = hashlib.sha256(_reader())
    seen.update(raw)
    return folder() / f"{seen.hexdigest()}.pickle"


def _private(path: Path) -> bool:
    """Whether `path` (the folder) is this user's own and nobody else may
    write to it: only then is what it holds unpickled."""
    info = os.stat(path)
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(raw: bytes) -> Any | None:
    """The data read before from a file of exactly these bytes, or None."""
    entry = _entry(raw)
    try:
        if not _private(entry.parent):
            return None
        with open(entry, "rb") as kept:
            data = pickle.load(kept)
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: kept longer
        return data
    except Exception:  # a missing or damaged entry is a miss: read the file
        return None


def put(raw: bytes, data: Any) -> None:
    """Keep `data`, read from a file of these bytes, for the next run."""
    entry = _entry(raw)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(entry.parent):
            return
        write_whole(entry, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(entry.parent)
    except (OSError, pickle.PicklingError):
        pass  # not kept: the next run reads the file again


def _prune(path: Path) -> None:
    entries = sorted(path.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
