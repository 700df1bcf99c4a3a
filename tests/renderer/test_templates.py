"""The templates hold no sentence twice: what both the HTML and the Markdown
of a document print is written once, in its view (or in the ladder's data)."""

import re

from rubricgen.paths import shipped


def sentences(path) -> set[str]:
    """The prose of a template: its text without Jinja, tags or Markdown marks,
    cut into sentences."""
    text = re.sub(r"\{[{%#].*?[}%#]\}", " ", path.read_text(), flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*>#|_`]+", " ", text)
    prose = " ".join(text.split())
    return {s for s in re.split(r"(?<=[.:;!?])\s+", prose) if len(s) >= 60}


def test_no_sentence_of_60_characters_is_written_in_both_formats():
    folder = shipped("templates")
    html = set().union(*(sentences(p) for p in folder.rglob("*.j2.html")))
    markdown = set().union(*(sentences(p) for p in folder.rglob("*.j2.md")))
    assert html and markdown  # the test reads prose, not nothing
    assert html & markdown == set()


def test_the_check_finds_a_sentence_written_twice(tmp_path):
    line = "Hand in this scorecard before the debrief, and before anyone else does."
    (tmp_path / "a.j2.html").write_text(f"<p class='callout'>{line}</p>")
    (tmp_path / "a.j2.md").write_text(f"> {line}\n")
    assert sentences(tmp_path / "a.j2.html") == sentences(tmp_path / "a.j2.md") == {line}
