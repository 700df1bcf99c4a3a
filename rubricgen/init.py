"""`rubricgen init DIR`: a ladder of one's own to start from.

Copies the shipped ladder (with its JSON Schemas) to `DIR/levels/` and the
built-in templates to `DIR/templates/`. It never overwrites a file: those that
exist are left alone and reported.
"""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from rubricgen.paths import shipped


@dataclass
class InitReport:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def init_ladder(directory: Path) -> InitReport:
    report = InitReport()
    for name in ("levels", "templates"):
        source = shipped(name)
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            target = directory / name / path.relative_to(source)
            if target.exists():
                report.kept.append(target)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            report.written.append(target)
    return report
