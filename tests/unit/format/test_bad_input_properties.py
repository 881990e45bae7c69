"""Property: whatever a user types, the formatters answer with a value or an InputError, never a bare traceback."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pea_docs.errors import InputError
from pea_docs.format import (
    format_addressee,
    format_appendices,
    format_count,
    format_money,
    format_name,
    format_reply_reference,
    parse_date,
)

ANYTHING = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                     st.decimals(), st.lists(st.integers(), max_size=3),
                     st.dictionaries(st.sampled_from(["surname", "name", "nmae", "address", "organization",
                                                      "sheets", "copies", "title"]),
                                     st.one_of(st.none(), st.text(max_size=10), st.integers()),
                                     max_size=4))


def answers_or_input_error(func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except InputError as exc:
        assert exc.problems, "an InputError must carry its problems"


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_parse_date_of_any_text(text):
    answers_or_input_error(parse_date, text)


@settings(max_examples=200, deadline=None)
@given(value=ANYTHING)
def test_formatters_of_any_value(value):
    answers_or_input_error(format_name, value)
    answers_or_input_error(format_addressee, value)
    answers_or_input_error(format_appendices, value)
    answers_or_input_error(format_count, value)
    answers_or_input_error(format_money, value)
    answers_or_input_error(format_reply_reference, value, value)
