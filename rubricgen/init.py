"""`rubricgen init DIR`: a ladder of one's own to start from.

Copies the shipped ladder (with its JSON Schemas) to `DIR/levels/` and the
built-in templates to `DIR/templates/`; with `blank`, a small ladder of two
levels and two competencies, each key explained, instead of the shipped one.
It never overwrites a file: those that exist are left alone and reported.
"""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from rubricgen.paths import PACKAGE_DIR, shipped

BLANK = PACKAGE_DIR / "blank"


@dataclass
class InitReport:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def init_ladder(directory: Path, *, blank: bool = False) -> InitReport:
    # Each file to write, by where it goes in `directory`.
    sources: dict[Path, Path] = {}
    levels = shipped("levels")
    if blank:
        sources |= {Path("levels", p.name): p for p in _files(BLANK)}
        schemas = levels / "schema"
        sources |= {Path("levels/schema", p.name): p for p in _files(schemas)}
    else:
        sources |= {Path("levels") / p.relative_to(levels): p for p in _files(levels)}
    templates = shipped("templates")
    sources |= {Path("templates") / p.relative_to(templates): p for p in _files(templates)}
    report = InitReport()
    for relative, source in sources.items():
        target = directory / relative
        if target.exists():
            report.kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        report.written.append(target)
    return report
