"""The reference of a reply to the request (rule 14)."""

from datetime import date, datetime

import pytest

from pea_docs.errors import InputError
from pea_docs.format import format_reply_reference


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", "На № 12-34 от 15.09.2008"),
    ("kk", "15.09.2008 жылғы № 12-34 хатқа"),
    ("en", "In reply to No. 12-34 of 15.09.2008"),
])
@pytest.mark.parametrize("when", [date(2008, 9, 15), datetime(2008, 9, 15, 10, 0), "15.09.2008",
                                  "2008-09-15", "15 сентября 2008 года"])
def test_reference(lang, expected, when):
    assert format_reply_reference("12-34", when, lang=lang) == expected


def test_number_as_int():
    assert format_reply_reference(15, "2008-09-15") == "На № 15 от 15.09.2008"


@pytest.mark.parametrize("when", [None, "", "  "])
def test_missing_date_names_rule_14(when):
    with pytest.raises(InputError) as exc:
        format_reply_reference("12-34", when)
    (problem,) = exc.value.problems
    assert (problem.code, problem.clause, problem.loc) == ("reply.date_missing", "rule 14", ("date",))
    assert "rule 14" in str(exc.value)


def test_missing_number_and_date_are_both_reported():
    with pytest.raises(InputError) as exc:
        format_reply_reference(None, None)
    assert [p.code for p in exc.value.problems] == ["reply.number_missing", "reply.date_missing"]


def test_bad_date_names_rule_11_and_the_value():
    with pytest.raises(InputError) as exc:
        format_reply_reference("12-34", "15/09/2008")
    (problem,) = exc.value.problems
    assert (problem.code, problem.clause, problem.loc, problem.value) == (
        "date.invalid", "rule 11", ("date",), "15/09/2008")
