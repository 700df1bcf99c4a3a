"""Plain text for the terminal: the level-to-level comparison of `diff`."""

import textwrap

from rubricgen.views.level_diff import LevelDiff


def diff_text(diff: LevelDiff, width: int = 88) -> str:
    def block(label: str, text: str) -> list[str]:
        return [
            f"  {label}:",
            *textwrap.wrap(text, width - 4, initial_indent="    ", subsequent_indent="    "),
        ]

    lines = [diff.title, "=" * len(diff.title)]
    for row in diff.rows:
        note = f" · {row.note}" if row.note else ""
        lines += ["", f"{row.name} · {row.area}{note}"]
        for level, weight, expectation in (
            (diff.level_from.title, row.weight_from, row.expectation_from),
            (diff.level_to.title, row.weight_to, row.expectation_to),
        ):
            if expectation is None:
                lines.append(f"  {level}: not assessed.")
            else:
                lines += block(f"{level} ({(weight or '').lower()})", expectation)
        if row.changes:
            lines += block("What changes", row.changes)
        if row.evidence:
            lines.append("  Evidence to look for:")
            for item in row.evidence:
                lines += textwrap.wrap(
                    item, width - 6, initial_indent="    - ", subsequent_indent="      "
                )
    return "\n".join(lines) + "\n"
