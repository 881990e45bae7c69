"""Rule 11 dates in English: the examples of issue 2, reading both styles back, bad input."""

from datetime import date

import pytest

from pea_docs.errors import InputError
from pea_docs.format import format_date, parse_date


@pytest.mark.parametrize(("value", "style", "expected"), [
    pytest.param(date(2008, 9, 15), "words", "September 15, 2008", id="words"),
    pytest.param(date(2008, 9, 15), "figures", "15.09.2008", id="figures"),
    pytest.param(date(2008, 9, 5), "words", "September 5, 2008", id="day-without-zero"),
    pytest.param(date(2008, 9, 5), "figures", "05.09.2008", id="figures-two-digits"),
])
def test_format_date_en(value, style, expected):
    assert format_date(value, style, lang="en") == expected


@pytest.mark.parametrize("text", ["September 15, 2008", "september 15, 2008", "SEPTEMBER 15, 2008",
                                  " September\u00a015,  2008 ", "15.09.2008", "2008-09-15"])
def test_parse_date_en(text):
    assert parse_date(text) == date(2008, 9, 15)


@pytest.mark.parametrize("text", [
    "15/09/2008", "2008-15-09", "31.02.2008", "Septembre 15, 2008", "09/15/2008",
    # one pattern per language (issue 2: "rejects anything else"): en wide names, "Month d, y"
    "September 15 2008", "15 September 2008", "15 sep 2008", "Sep 15, 2008", "Sept. 15, 2008",
    "September 05, 2008", "September 15, 08", "Сентябрь 15, 2008", "қыркүйек 15, 2008",
    "сентября 15, 2008", "September 31, 2008",
])
def test_parse_date_rejects_with_rule_11(text):
    with pytest.raises(InputError) as exc:
        parse_date(text)
    (problem,) = exc.value.problems
    assert (problem.code, problem.clause, problem.value) == ("date.invalid", "rule 11", text)


def test_non_text_is_refused_with_rule_11():
    with pytest.raises(InputError) as exc:
        parse_date(20080915)  # type: ignore[arg-type]
    assert exc.value.problems[0].clause == "rule 11"
