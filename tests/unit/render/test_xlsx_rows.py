"""The register's rows written outside XlsxWriter are XlsxWriter's own bytes, and never break a sheet."""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from xml.dom import minidom

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import pea_docs.api as api
from pea_docs.documents.registers import stream_register
from pea_docs.errors import InputError
from pea_docs.models.registers import _received
from pea_docs.ooxml.xlsx_rows import RowWriter, excel_serial
from pea_docs.rules.calendar import RegistrationDays, registration_date

AGENT = {"surname": "Сапаров", "name": "Арман"}
FORMATS = ({"border": 1, "align": "center"}, {"border": 1, "num_format": "dd.mm.yyyy"},
           {"border": 1, "text_wrap": True}, {"border": 1, "text_wrap": True, "bold": True})

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    [" leading", "trailing\t", "_x0041_ and _X00ff_", "a & b < c > d \" e", "\x1f", "\x0b end",
     "line\nline", "\ufffe\uffff", "Сәрсенбаев Ғ. Қ.", "emoji 😀 in text"])
value = (st.none() | st.just("") | text
         | st.integers(-10**15, 10**15)
         | st.floats(allow_nan=False, allow_infinity=False)
         | st.dates(date(1900, 1, 1), date(9999, 12, 31))
         | st.datetimes(datetime(1900, 1, 1), datetime(9999, 12, 31)))
row = st.lists(value, min_size=1, max_size=len(FORMATS))


def xlsxwriter_row(values: list, row: int, height: float | None) -> tuple[str, list[int]]:
    """Return XlsxWriter's XML of ``values`` written at ``row``, and the styles it numbered."""
    buf = io.BytesIO()
    # a file, not in_memory: XlsxWriter's in_memory mode turns constant_memory off
    tmp = tempfile.mkdtemp(prefix="pea-docs-test-")
    path = os.path.join(tmp, "rows.xlsx")
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": tmp,
                                    "strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False})
    ws = wb.add_worksheet()
    formats = [wb.add_format(f) for f in FORMATS]
    if height is not None:
        ws.set_row(row, height)
    for col, (item, fmt) in enumerate(zip(values, formats, strict=False)):
        if item is None or item == "":
            ws.write_blank(row, col, None, fmt)
        elif isinstance(item, (date, datetime)):
            ws.write_datetime(row, col, item, fmt)
        elif isinstance(item, str):
            ws.write_string(row, col, item, fmt)
        else:
            ws.write_number(row, col, item, fmt)
    wb.close()
    with open(path, "rb") as fh:
        buf.write(fh.read())
    shutil.rmtree(tmp)
    sheet = zipfile.ZipFile(buf).read("xl/worksheets/sheet1.xml").decode()
    found = re.search(rf'<row r="{row + 1}".*?</row>', sheet, re.DOTALL)
    assert found, sheet
    return found.group(), [f._get_xf_index() for f in formats]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=row, at=st.integers(0, 1_048_575),
       height=st.none() | st.floats(0.8, 409, allow_nan=False))
@example(values=["<r>not rich</r>"], at=7, height=None).xfail(
    reason="XlsxWriter writes this string unescaped, as rich-text XML; we write it as text")
@example(values=[None, date(1900, 2, 28), date(1900, 3, 1), "  "], at=0, height=15)
def test_a_row_is_xlsxwriters_own_bytes(values, at, height):
    expected, styles = xlsxwriter_row(values, at, height)
    out = io.StringIO()
    RowWriter(out, styles).write(at, values, height)
    assert out.getvalue() == expected


def test_a_rich_text_lookalike_is_text_and_the_sheet_stays_whole():
    # XlsxWriter's constant-memory mode wrote "<r>...</r>" unescaped: this value broke the sheet
    hostile = "<r></is></c></row></r>"
    out = io.BytesIO()
    report = stream_register("incoming_register", {"year": 2025, "agent": AGENT, "entries": [
        {"registered": "2025-01-09", "sender": "ТОО «Альфа»", "summary": hostile}]}, out)
    assert report.ok
    minidom.parseString(zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml"))
    ws = openpyxl.load_workbook(out).active
    assert ws.cell(7, 6).value == hostile and ws.max_row == 7


def test_text_longer_than_a_cell_is_refused_at_its_field_not_cut():
    entry = {"registered": "2025-01-09", "sender": "ТОО «Альфа»", "summary": "Запрос",
             "note": "н" * 32_768}
    with pytest.raises(InputError) as caught:
        api.render("incoming_register", {"year": 2025, "agent": AGENT, "entries": [entry]})
    [problem] = caught.value.problems
    assert (problem.code, problem.loc, problem.clause) == (
        "value.string_too_long", ("entries", 0, "note"), "appendix 1")
    assert "32,768 characters" in problem.message and "32,767" in problem.message
    entry["note"] = "н" * 32_767  # the most a cell holds is kept whole
    ws = openpyxl.load_workbook(io.BytesIO(api.render(
        "incoming_register", {"year": 2025, "agent": AGENT, "entries": [entry]}).to_bytes())).active
    assert ws.cell(7, 9).value == entry["note"]


def test_a_value_no_cell_holds_is_refused_by_the_writer():
    with pytest.raises(ValueError, match="C8: 40,000 characters"):
        RowWriter(io.StringIO(), (1, 2, 3)).write(7, (1, None, "ж" * 40_000))
    with pytest.raises(ValueError, match="A1: nan"):
        RowWriter(io.StringIO(), (1,)).write(0, (float("nan"),))
    with pytest.raises(ValueError, match="time zone"):
        excel_serial(datetime(2025, 1, 1, tzinfo=__import__("datetime").timezone.utc))


@settings(max_examples=300, deadline=None)
@given(st.datetimes(datetime(2023, 1, 1), datetime(2026, 12, 31)),
       st.sampled_from([None, {"hours_end": "17:00", "days_off": ["2025-01-09"],
                               "working_days": ["2025-01-11"]}]))
def test_rule_20_remembered_per_day_is_rule_20(received, office):
    from pea_docs.models.office import OfficeProfile
    profile = OfficeProfile.from_office(office) if office else None
    days = RegistrationDays(profile)
    # asked twice (the second answer comes from memory) and beside a neighbour of the same day
    for moment in (received, received, received.replace(hour=23, minute=59), received):
        assert days.of(moment) == registration_date(moment, profile)


def test_rule_20_memory_stays_small():
    days = RegistrationDays()
    start = datetime(2020, 1, 1, 10)
    for i in range(3_000):
        days.of(start + timedelta(days=i))
    assert len(days._known) <= RegistrationDays._KEEP


@given(st.datetimes(datetime(1000, 1, 1), datetime(9999, 12, 31)),
       st.sampled_from(["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S",
                        "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M"]))
def test_a_time_of_receipt_reads_as_strptime_reads_it(moment, pattern):
    text = moment.strftime(pattern)
    assert _received(text) == datetime.strptime(text, pattern)


def test_an_xlsxwriter_that_writes_rows_otherwise_leaves_nothing_written(monkeypatch):
    # the entries' rows replace the placeholder row XlsxWriter writes; should a later XlsxWriter
    # write it otherwise, the register is refused before a byte reaches the target
    from pea_docs.errors import RenderError
    from pea_docs.ooxml import xlsx

    class Other(RowWriter):
        def write(self, row, values, height=None):
            super().write(row, values, height if height is not None else 15.75)  # another <row>

    monkeypatch.setattr(xlsx, "RowWriter", Other)
    out = io.BytesIO()
    with pytest.raises(RenderError, match="XlsxWriter wrote the sheet in a way"):
        stream_register("incoming_register", {"year": 2025, "agent": AGENT, "entries": [
            {"registered": "2025-01-09", "sender": "ТОО «Альфа»", "summary": "Запрос"}]}, out)
    assert out.getvalue() == b""
