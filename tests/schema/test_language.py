"""Words that invite bias are found in any case, as words, at their place."""

from pathlib import Path

import pytest

from rubricgen.schema.language import biased_language
from rubricgen.schema.yaml_reader import read_yaml


def warnings(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    path = tmp_path / "level.yaml"
    path.write_text(f"id: x\nsummary: {text}\n")
    data, source, problems = read_yaml(path, "level.yaml")
    assert not problems and source is not None
    return [(p.line, p.column, p.message) for p in biased_language(data, source)]


@pytest.mark.parametrize(
    "word",
    [
        "culture fit",
        "Rock star",
        "ROCKSTARS",
        "ninja",
        "Young",
        "digital natives",
        "Aggressively",
        "He",
        "she",
        "HIS",
        "hers",
        "him",
        "Himself",
        "herself",
    ],
)
def test_each_term_is_found_in_any_case(tmp_path, word):
    found = warnings(tmp_path, f"Owns the roadmap; {word}, by all accounts.")
    assert [(line, message.split(":")[0]) for line, _, message in found] == [
        (2, f"Avoid '{word}' in hiring documents")
    ]


def test_a_term_inside_another_word_is_not_a_warning(tmp_path):
    text = "Theme, hesitant, shepherds, Sherlock, history, thermal, youngest, ninjutsu, cultures"
    assert warnings(tmp_path, text) == []
