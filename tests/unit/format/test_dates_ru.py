"""Rule 11 dates in Russian: the examples of issue 2, reading both styles back, bad input."""

from datetime import date

import pytest

from pea_docs.errors import InputError, PeaDocsError
from pea_docs.format import format_date, parse_date


@pytest.mark.parametrize(("value", "style", "expected"), [
    pytest.param(date(2008, 9, 15), "words", "15 сентября 2008 года", id="words"),
    pytest.param(date(2008, 9, 15), "figures", "15.09.2008", id="figures"),
    pytest.param(date(2008, 9, 5), "words", "5 сентября 2008 года", id="day-without-zero"),
    pytest.param(date(2008, 9, 5), "figures", "05.09.2008", id="figures-two-digits"),
    pytest.param(date(2025, 3, 1), "words", "1 марта 2025 года", id="genitive-march"),
    pytest.param("2025-01-09", "figures", "09.01.2025", id="iso-text"),
])
def test_format_date_ru(value, style, expected):
    assert format_date(value, style, lang="ru") == expected


def test_default_style_and_language_are_words_in_russian():
    assert format_date(date(2008, 9, 15)) == "15 сентября 2008 года"


@pytest.mark.parametrize("text", [
    "15 сентября 2008 года", "15 Сентября 2008 года", "15 СЕНТЯБРЯ 2008 года", "15.09.2008",
    "2008-09-15", " 15\u00a0сентября 2008 года ", "15\u202fсентября  2008 года",
])
def test_parse_date_ru(text):
    assert parse_date(text) == date(2008, 9, 15)


@pytest.mark.parametrize("text", [
    "15/09/2008", "2008-15-09", "31.02.2008", "15 сентябряя 2008 года", "5.9.2008", "", "   ",
    # one pattern (the catalog's «d MMMM y 'года'»): «года» is part of it, the month is genitive
    "15 сентября 2008", "15 Сентября 2008 г.", "15 сентября 2008 г", "15 сентябрь 2008 года",
    "15 сент. 2008 года", "05 сентября 2008 года", "15 сентября 2008 ГОДА", "сентября 15, 2008",
    "15 September 2008 года", "15 қыркүйек 2008 года", "31 сентября 2008 года",
    "１５.０９.２００８", "2008-09-15T00:00",
])
def test_parse_date_rejects_with_rule_11(text):
    with pytest.raises(InputError) as exc:
        parse_date(text)
    (problem,) = exc.value.problems
    assert (problem.code, problem.clause, problem.value) == ("date.invalid", "rule 11", text)
    assert "rule 11" in str(exc.value)
    assert isinstance(exc.value, PeaDocsError)


def test_format_date_of_a_bad_text_names_rule_11_and_the_value():
    with pytest.raises(InputError) as exc:
        format_date("2008-15-09", lang="ru")
    assert "'2008-15-09'" in str(exc.value) and "rule 11" in str(exc.value)


def test_unknown_style_is_refused():
    with pytest.raises(InputError) as exc:
        format_date(date(2008, 9, 15), "roman")  # type: ignore[arg-type]
    assert exc.value.problems[0].code == "date.style"


def test_an_empty_text_is_refused_with_the_value_shown():
    with pytest.raises(InputError) as exc:
        parse_date("")
    (problem,) = exc.value.problems
    assert problem.value == "" and str(problem).startswith("'' is not a date")
