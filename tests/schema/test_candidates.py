"""Reading the candidates of an opening for `build --candidates FILE`."""

import pytest

from rubricgen.schema import LadderError
from rubricgen.schema.candidates import read_candidates, slug


def read(tmp_path, text: str | bytes):
    path = tmp_path / "candidates.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return read_candidates(path, "candidates.csv")


def problems(tmp_path, text: str | bytes) -> list[str]:
    with pytest.raises(LadderError) as caught:
        read(tmp_path, text)
    return [str(p) for p in caught.value.problems]


def test_one_name_per_line_blank_lines_skipped(tmp_path):
    candidates = read(tmp_path, "Ada Lovelace\n\n  Grace Hopper  \n")
    assert [(c.name, c.date, c.slug) for c in candidates] == [
        ("Ada Lovelace", None, "ada-lovelace"),
        ("Grace Hopper", None, "grace-hopper"),
    ]


def test_csv_with_name_and_date_columns_in_any_order_and_case(tmp_path):
    text = '\ufeffDate,Name,team\n2026-12-01,"Hopper, Grace",x\n,Ada Lovelace,y\n'
    candidates = read(tmp_path, text)
    assert [(c.name, c.date) for c in candidates] == [
        ("Hopper, Grace", "2026-12-01"),
        ("Ada Lovelace", None),
    ]


def test_names_that_slug_alike_are_told_apart_in_file_order(tmp_path):
    names = ["Zoë Ní Bhriain", "zoe ni bhriain", "ZOE NI BHRIAIN!", "Panel", "王芳", "???"]
    candidates = read(tmp_path, "\n".join(names))
    assert [c.slug for c in candidates] == [
        "zoe-ni-bhriain",
        "zoe-ni-bhriain-2",
        "zoe-ni-bhriain-3",
        # `panel/` holds the packets of a build without candidates
        "panel-2",
        "王芳",
        "candidate",
    ]


def test_slug_keeps_letters_of_any_script_and_drops_accents():
    assert slug("  Ōtani Shōhei ") == "otani-shohei"
    assert slug("Владимир Набоков") == "владимир-набоков"


def test_every_problem_is_reported_at_its_row(tmp_path):
    text = "name,date\nAda,2026-13-01\n,2026-12-01\nGrace,soon\n"
    assert problems(tmp_path, text) == [
        "candidates.csv:2:1: date: '2026-13-01' is not a date; write it as YYYY-MM-DD, "
        "or leave it empty.",
        "candidates.csv:3:1: name: The name is empty; write the candidate's name.",
        "candidates.csv:4:1: date: 'soon' is not a date; write it as YYYY-MM-DD, "
        "or leave it empty.",
    ]


def test_a_csv_without_a_name_column_is_refused(tmp_path):
    [problem] = problems(tmp_path, "candidate,date\nAda,2026-12-01\n")
    assert problem.startswith("candidates.csv:1:1: header: The first row has no `name` column")


@pytest.mark.parametrize("text", ["", "\n  \n", "name,date\n"])
def test_a_file_with_no_candidate_is_refused(tmp_path, text):
    [problem] = problems(tmp_path, text)
    assert "names no candidate" in problem


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    [problem] = problems(tmp_path, "Zoë\n".encode("latin-1"))
    assert (
        problem == "candidates.csv:1:1: candidates: The file is not UTF-8 text; save it as UTF-8."
    )
