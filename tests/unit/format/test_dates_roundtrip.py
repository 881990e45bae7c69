"""Property: every date 1900–2100 survives format_date then parse_date, in both styles and all languages."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pea_docs.format import format_date, parse_date

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=DATES, style=st.sampled_from(["words", "figures"]), lang=st.sampled_from(["ru", "kk", "en"]))
def test_parse_reads_what_format_writes(day, style, lang):
    assert parse_date(format_date(day, style, lang=lang)) == day


@settings(max_examples=100, deadline=None)
@given(day=DATES)
def test_iso_text_is_read(day):
    assert parse_date(day.isoformat()) == day
