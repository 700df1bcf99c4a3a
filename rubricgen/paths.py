"""Where the ladder and the templates come from.

The shipped ladder and templates sit at the top of a clone (`levels/`,
`templates/`) and inside the wheel (`rubricgen/_shipped/`). A `levels/` or
`templates/` folder in the current directory, or the command-line options,
take their place.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The built-in folder `name` (`levels` or `templates`)."""
    in_wheel = PACKAGE_DIR / "_shipped" / name
    return in_wheel if in_wheel.is_dir() else PACKAGE_DIR.parent / name


def levels_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    local = Path.cwd() / "levels"
    return local if local.is_dir() else shipped("levels")


def user_templates_dir(option: Path | None) -> Path | None:
    """The folder searched before the built-in templates, if any."""
    if option is not None:
        return option
    local = Path.cwd() / "templates"
    return local if local.is_dir() else None


def display_path(path: Path) -> str:
    """`path` as the person running the command would type it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def cannot_write(error: OSError, where: Path) -> str:
    """An output folder or file that cannot be written, as one line."""
    return f"{error.filename or where}: cannot write there ({error.strerror})."


def is_within(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or inside it, as written or as resolved."""
    return any(
        p == f or f in p.parents
        for p, f in ((path.absolute(), folder.absolute()), (path.resolve(), folder.resolve()))
    )
