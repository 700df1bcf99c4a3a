"""Plain text for the terminal: the level-to-level comparison of `diff`."""

import textwrap

from rubricgen.renderer.prose import Prose, blocks
from rubricgen.views.level_diff import LevelDiff


def wrap_prose(value: Prose, width: int, indent: str) -> list[str]:
    """`value` wrapped to `width`: paragraphs as they are, list items behind a dash."""
    lines = []
    for block in blocks(value):
        for item in block.items:
            first = indent + ("- " if block.bullets else "")
            rest = indent + ("  " if block.bullets else "")
            lines += textwrap.wrap(item, width, initial_indent=first, subsequent_indent=rest)
    return lines


def diff_text(diff: LevelDiff, width: int = 88) -> str:
    def block(label: str, text: Prose) -> list[str]:
        return [f"  {label}:", *wrap_prose(text, width - 4, "    ")]

    lines = [diff.title, "=" * len(diff.title)]
    for row in diff.rows:
        area = f" · {row.area}" if row.area else ""
        note = f" · {row.note}" if row.note else ""
        lines += ["", f"{row.name}{area}{note}"]
        for level, weight, expectation in (
            (diff.level_from.title, row.weight_from, row.expectation_from),
            (diff.level_to.title, row.weight_to, row.expectation_to),
        ):
            if expectation is None:
                lines.append(f"  {level}: not assessed.")
            else:
                label = f"{level} ({weight.lower()})" if weight else level
                lines += block(label, expectation)
        if row.changes:
            lines += block("What changes", row.changes)
        if row.evidence:
            lines.append("  Evidence to look for:")
            lines += wrap_prose(row.evidence, width - 4, "    ")
    return "\n".join(lines) + "\n"
