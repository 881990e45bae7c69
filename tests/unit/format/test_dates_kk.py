"""Rule 11 dates in Kazakh: the examples of issue 2, reading both styles back, bad input."""

from datetime import date

import pytest

from pea_docs.errors import InputError
from pea_docs.format import format_date, parse_date


@pytest.mark.parametrize(("value", "style", "expected"), [
    pytest.param(date(2008, 9, 15), "words", "2008 жылғы 15 қыркүйек", id="words"),
    pytest.param(date(2008, 9, 15), "figures", "15.09.2008", id="figures"),
    pytest.param(date(2008, 9, 5), "figures", "05.09.2008", id="figures-two-digits"),
    pytest.param(date(2025, 1, 9), "words", "2025 жылғы 9 қаңтар", id="day-without-zero"),
])
def test_format_date_kk(value, style, expected):
    assert format_date(value, style, lang="kk") == expected


@pytest.mark.parametrize("text", ["2008 жылғы 15 қыркүйек", "2008 жылғы 15 Қыркүйек",
                                  "2008 жылғы 15 ҚЫРКҮЙЕК", "15.09.2008", "2008-09-15"])
def test_parse_date_kk(text):
    assert parse_date(text) == date(2008, 9, 15)


@pytest.mark.parametrize("text", [
    "15/09/2008", "2008-15-09", "31.02.2008", "2008 жылғы 15 қыркүйекк",
    # one pattern (the catalog's «y 'жылғы' d MMMM»), kk wide month names
    "2008 ж. 15 қыркүйек", "2008 15 қыркүйек", "15 қыркүйек 2008", "қыркүйек 15, 2008",
    "2008 жылғы 15 сентября", "2008 жылғы 15 September", "2008 жылғы 05 қыркүйек",
    "2008 жылғы 31 қыркүйек",
])
def test_parse_date_rejects_with_rule_11(text):
    with pytest.raises(InputError) as exc:
        parse_date(text)
    (problem,) = exc.value.problems
    assert (problem.code, problem.clause, problem.value) == ("date.invalid", "rule 11", text)


def test_format_date_kk_of_a_bad_text():
    with pytest.raises(InputError, match="rule 11"):
        format_date("2008-15-09", lang="kk")
