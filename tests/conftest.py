"""Shared fixtures: the shipped ladder, the small test ladder, a CLI runner."""

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rubricgen.paths import shipped
from rubricgen.schema import Ladder, load_ladder

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small"
README = (Path(__file__).parent.parent / "README.md").read_text()


def readme_code_blocks(title: str) -> list[str]:
    """The code blocks of the README's section `## title`, up to the next
    heading: commands the tests run or check as written."""
    start = README.index(f"\n## {title}\n") + 1
    end = re.compile(r"^#+ ", re.M).search(README, start + 1)
    section = README[start : end.start() if end else None]
    return re.findall(r"^```\w*\n(.*?)^```$", section, re.S | re.M)


def need(*tools_present: bool, what: str) -> None:
    """Skip a test whose tool from outside Python (Chromium, Java, qpdf, git)
    is missing, except in CI (CI=true): `.ci/run` installs every one of them,
    so there a missing tool is a failure."""
    if all(tools_present):
        return
    message = f"{what} is not installed; .ci/run installs it."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def pytest_configure(config: pytest.Config) -> None:
    # The ladder files a run reads are kept in the user's cache folder
    # (rubricgen/schema/yaml_cache.py): the tests, and the commands they
    # start, keep theirs in a folder of their own, gone with the run.
    config.cache_home = tempfile.mkdtemp(prefix="rubricgen-tests-cache-")  # type: ignore[attr-defined]
    os.environ["XDG_CACHE_HOME"] = config.cache_home  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(getattr(config, "cache_home", ""), ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-testdata",
        action="store_true",
        help="Rewrite the reference (golden) files from the current output.",
    )


@pytest.fixture
def update_testdata(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-testdata"))


@pytest.fixture(scope="session")
def shipped_ladder() -> Ladder:
    return load_ladder(shipped("levels"))


@pytest.fixture(scope="session")
def small_ladder() -> Ladder:
    return load_ladder(SMALL)


@pytest.fixture
def ladder_copy(tmp_path: Path) -> Path:
    """A writable copy of the small ladder, for tests that break it."""
    target = tmp_path / "levels"
    shutil.copytree(SMALL, target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def weasyprint_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[Callable[[], list[str]]]:
    """A function returning the warnings WeasyPrint has logged so far in the
    test (a missing font or glyph, a CSS property it ignores, a refused URL):
    each is a bug, not noise."""
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        yield lambda: [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
