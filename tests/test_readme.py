"""The README cannot drift from the command line and from CI: every command
and option the CLI has is named in it, and `.ci/run` runs its test command."""

import re
from pathlib import Path

import click
import pytest

from rubricgen.__main__ import main
from tests.conftest import README, readme_code_blocks

ROOT = Path(__file__).parent.parent
CI = (ROOT / ".ci/run").read_text()


def debian_packages(script: str) -> set[str]:
    """The package names every `apt-get install` line of a script names."""
    words: set[str] = set()
    for command in re.findall(r"apt-get install ((?:\\\n|[^\n&|>])*)", script):
        words |= {w for w in command.split() if not w.startswith("-") and w != "\\"}
    return words


TWO_COMMANDS = readme_code_blocks("Two commands")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_in_the_readme(name):
    command = main.commands[name]
    assert f"rubricgen {name}" in README
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.opts[-1] in README or param.opts[0] in README, (name, param.opts)
        if isinstance(param, click.Choice):
            continue
        if isinstance(param.type, click.Choice):
            for choice in param.type.choices:
                assert str(choice) in README, (name, choice)


def test_two_commands_set_up_build_then_test():
    assert len(TWO_COMMANDS) == 2
    setup, tests = TWO_COMMANDS
    assert setup.startswith("sudo apt-get update && sudo apt-get install -y python3-venv ")
    assert "python3 -m venv .venv && . .venv/bin/activate" in setup
    assert setup.rstrip().endswith("rubricgen build --level senior")
    assert tests.startswith(". .venv/bin/activate\n")
    assert "pip install -e '.[test]'" in tests


def test_ci_runs_exactly_the_readme_test_command():
    lines = TWO_COMMANDS[1].splitlines()
    ci = CI.splitlines()
    starts = [i for i, line in enumerate(ci) if line == lines[0]]
    assert any(ci[i : i + len(lines)] == lines for i in starts), lines


def test_ci_installs_every_debian_package_the_readme_does():
    readme = debian_packages(TWO_COMMANDS[0])
    assert {"python3-venv", "libpango-1.0-0", "fonts-noto-cjk"} <= readme
    assert readme <= debian_packages(CI)
