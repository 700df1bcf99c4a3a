"""Property-based: however a level file is broken, the ladder is refused with
located problems, quickly, and never with an unexpected exception."""

import io
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rubricgen.schema import LadderError, load_ladder
from tests.conftest import SMALL

# Each property runs dozens of generated examples.
pytestmark = pytest.mark.slow

# The explain phase re-runs failing examples under a tracer: slow, and only
# useful while debugging.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink]
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
OPTIONAL_KEYS = {
    "aliases",
    "questions_per_competency",
    "summary",
    "scope",
    "impact",
    "promotion",
    "changes",
    "evidence",
    "strong_example",
    "weak_example",
    "loop",
    "reference_check",
    "materials",
    "table",
    "role_play",
    "rating_guide",
    "interviewers",
    "decision_rule",
}
# Keys that may be written empty (null), and level text that may be a list.
NULLABLE = {"title", "summary", "scope", "impact", "weight", "changes", "strong_example"}
NULLABLE |= {"weak_example", "interviewers", "interview", "code", "track", "decision_rule"}
PROSE = {"expectation", "changes"}
# Lists a level may leave empty: it then makes no kit, or prints no prompts.
MAY_BE_EMPTY = {"aliases", "loop", "evidence", "reference_check", "materials"}
# Mappings keyed by rating: a text key there is a wrong type, not an unknown key.
BY_RATING = {"anchors", "rating_guide"}


def load_source() -> CommentedMap:
    return YAML(typ="rt").load((SMALL / "chef.yaml").read_text())


def places(node, path=()):
    """Every (path, value) in the tree, containers included."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from places(value, (*path, index))


def parent_of(root, path):
    node = root
    for step in path[:-1]:
        node = node[step]
    return node


def write_and_load(folder: Path, root) -> list[str]:
    """Write the mutated chef.yaml beside the rest of the small ladder and
    return the problems, asserting they are located in chef.yaml."""
    for name in ("ladder.yaml", "cook.yaml"):
        (folder / name).write_text((SMALL / name).read_text())
    buffer = io.StringIO()
    YAML(typ="rt").dump(root, buffer)
    (folder / "chef.yaml").write_text(buffer.getvalue())
    try:
        load_ladder(folder)
    except LadderError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.endswith("chef.yaml"), str(problem)
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message.endswith("."), str(problem)
        return [str(p) for p in error.problems]
    raise AssertionError("a broken file was accepted")


WRONG_FOR_TEXT = st.one_of(
    st.none(),
    st.integers(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.text(min_size=1, max_size=5), st.text(max_size=5), min_size=1, max_size=2),
)
WRONG_FOR_NUMBER = st.one_of(
    st.none(),
    st.text(max_size=8),
    st.booleans(),
    st.floats(allow_nan=False).filter(lambda f: not f.is_integer()),
    st.lists(st.integers(), max_size=2),
)


@SETTINGS
@given(data=st.data())
def test_a_value_of_the_wrong_type_is_located(tmp_path, data):
    root = load_source()
    # A flag (role_play) has no wrong boolean; its other wrong types are tried
    # through the text and number leaves.
    leaves = [
        (p, v)
        for p, v in places(root)
        if p and isinstance(v, str | int) and not isinstance(v, bool)
    ]
    path, value = data.draw(st.sampled_from(leaves))
    wrong = data.draw(WRONG_FOR_TEXT if isinstance(value, str) else WRONG_FOR_NUMBER)
    if wrong is None and path[-1] in NULLABLE:
        return
    if isinstance(wrong, list) and path[-1] in PROSE:
        wrong = [*wrong, 3]  # a list of texts is level text too; a number in it is not
    parent_of(root, path)[path[-1]] = wrong
    write_and_load(tmp_path, root)


@SETTINGS
@given(data=st.data(), key=st.from_regex(r"[a-z_]{3,12}", fullmatch=True))
def test_an_unknown_key_is_refused_where_it_is(tmp_path, data, key):
    root = load_source()
    mappings = [
        v for p, v in places(root) if isinstance(v, CommentedMap) and not (p and p[-1] in BY_RATING)
    ]
    mapping = data.draw(st.sampled_from(mappings))
    if key in mapping or key.isdigit():
        return
    mapping[key] = "x"
    found = write_and_load(tmp_path, root)
    assert any(f"Unknown key `{key}`" in p for p in found), found


@SETTINGS
@given(data=st.data())
def test_a_missing_required_key_is_refused(tmp_path, data):
    root = load_source()
    keys = [
        (mapping, key)
        for path, mapping in places(root)
        if isinstance(mapping, CommentedMap) and not BY_RATING & set(path)
        for key in mapping
        if key not in OPTIONAL_KEYS
    ]
    mapping, key = data.draw(st.sampled_from(keys))
    del mapping[key]
    found = write_and_load(tmp_path, root)
    assert any(f"`{key}`" in p for p in found), found


@SETTINGS
@given(data=st.data())
def test_an_emptied_list_is_refused(tmp_path, data):
    root = load_source()
    # A question may have no materials; the schema lets a table row be empty.
    lists = [
        p
        for p, v in places(root)
        if isinstance(v, CommentedSeq) and p[-1] not in MAY_BE_EMPTY and "table" not in p[:-1]
    ]
    path = data.draw(st.sampled_from(lists))
    parent_of(root, path)[path[-1]] = CommentedSeq()
    write_and_load(tmp_path, root)


@SETTINGS
@given(data=st.data(), name=st.from_regex(r"[a-z]{2,8}(-[a-z]{2,8})?", fullmatch=True))
def test_a_reference_to_nothing_is_refused(tmp_path, data, name):
    root = load_source()
    references = [(entry, "interview") for entry in root["loop"]]
    references += [(entry["competencies"], 0) for entry in root["loop"]]
    references += [(c, "competency") for c in root["competencies"]]
    holder, key = data.draw(st.sampled_from(references))
    if name in {"knife-work", "menu-planning", "station", "tasting", "menu", "chat"}:
        return
    holder[key] = name
    found = write_and_load(tmp_path, root)
    assert any(f"`{name}`" in p for p in found), found


@settings(
    max_examples=60,
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(min_value=0, max_value=2**32), junk=st.binary(min_size=1, max_size=40))
def test_random_damage_never_crashes(tmp_path, seed, junk):
    """Bytes spliced into a file anywhere: refused or (rarely) still valid,
    but never a traceback and never a hang."""
    original = (SMALL / "chef.yaml").read_bytes()
    at = random.Random(seed).randrange(len(original))
    for name in ("ladder.yaml", "cook.yaml"):
        (tmp_path / name).write_text((SMALL / name).read_text())
    (tmp_path / "chef.yaml").write_bytes(original[:at] + junk + original[at:])
    try:
        load_ladder(tmp_path)
    except LadderError as error:
        assert all(p.line >= 1 for p in error.problems)
