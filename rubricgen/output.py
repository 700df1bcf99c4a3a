"""Writing the output folder: all or nothing, and knowing what is up to date.

Beside the documents, `.rubricgen-state.json` records for each file the digest
of everything it was made from and the digest of its bytes. A later build
skips a file whose inputs have the same digest and whose bytes are untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = ".rubricgen-state.json"


@dataclass(frozen=True)
class Rendered:
    path: Path  # relative to the output folder
    data: bytes
    pages: int | None = None
    seconds: float | None = None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class State:
    """What the last builds wrote into one output folder."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.files: dict[str, dict[str, str]] = {}
        with contextlib.suppress(OSError, ValueError, AttributeError):
            loaded = json.loads((output_dir / STATE_FILE).read_text())
            self.files = {
                str(path): {"inputs": str(entry["inputs"]), "bytes": str(entry["bytes"])}
                for path, entry in loaded["files"].items()
            }

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


def _missing_dirs(folders: Sequence[Path]) -> set[Path]:
    """The folders (and their parents) that do not exist yet."""
    missing = set()
    for folder in folders:
        while not folder.exists() and folder not in missing:
            missing.add(folder)
            folder = folder.parent
    return missing


def write_all(rendered: Sequence[Rendered], output_dir: Path) -> None:
    """Write the files, all or nothing.

    Everything is first written to a staging folder inside `output_dir`, then
    moved into place; a file it replaces is moved aside first. If any step
    fails, the files already moved are taken back and the ones aside are
    restored, so earlier output is left exactly as it was."""
    new_dirs = _missing_dirs([output_dir, *(output_dir / i.path.parent for i in rendered)])
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".rubricgen-", dir=output_dir))
    aside = staging / ".replaced"
    moved: list[tuple[Path, Path | None]] = []  # (target, where its old file went)
    try:
        for item in rendered:
            staged = staging / item.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(item.data)
        for index, item in enumerate(rendered):
            target = output_dir / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            old = None
            if target.exists():
                old = aside / str(index)
                old.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, old)
            moved.append((target, old))
            os.replace(staging / item.path, target)
    except OSError:
        for target, old in reversed(moved):
            target.unlink(missing_ok=True)
            if old is not None:
                os.replace(old, target)
        shutil.rmtree(staging, ignore_errors=True)
        for folder in sorted(new_dirs, key=lambda d: len(d.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
