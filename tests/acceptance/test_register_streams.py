"""Registers whose entries come from a generator: read once, checked, written with flat memory.

Both ways are tested against the list way: ``pea_docs.render`` given a
generator (entries checked first and kept on disk) and
``stream_register`` (one pass: validated, checked and written entry by entry).
"""

from __future__ import annotations

import io

import openpyxl
import pytest
import yaml
from pdf_tools import SAMPLES

import pea_docs.api as api
from pea_docs.documents.registers import stream_register
from pea_docs.errors import InputError, RuleViolationError
from pea_docs.models.streams import EntryStream

FIRST_ENTRY = 7
AGENT = {"surname": "Сәрсенбаев", "name": "Ерғали", "patronymic": "Қуанышұлы"}


class Once:
    """An iterator over ``items`` that fails if anyone tries to read it a second time."""

    def __init__(self, items):
        self.items = list(items)
        self.started = 0
        self.read = 0

    def __iter__(self):
        self.started += 1
        assert self.started == 1, "the entries were read twice"
        for item in self.items:
            self.read += 1
            yield item


def sample_data(form: str, lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"{form}.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def with_entries(data: dict, entries) -> dict:
    return {**data, "entries": entries}


def incoming_entries(n: int) -> list[dict]:
    return [{"received": f"2025-02-{3 + i % 5:02} 1{i % 10}:15", "doc_date": "2025-02-03",
             "doc_number": f"12-34/{i}", "sender": {"organization": f"ТОО «Ұлы Дала {i}»",
                                                   "address": "050000, г. Алматы, ул. Абая, 1"},
             "summary": "Запрос о ходе исполнительного производства " * (1 + i % 3)}
            for i in range(n)]


@pytest.mark.parametrize("form, lang", [("incoming_register", "ru"), ("incoming_register", "kk"),
                                        ("outgoing_register", "en"), ("outgoing_register", "kk")])
def test_both_streaming_ways_give_the_bytes_of_the_list(form, lang, tmp_path):
    data = sample_data(form, lang)
    expected = api.render(form, data, lang=lang).to_bytes()
    source = Once(data["entries"])
    doc = api.render(form, with_entries(data, iter(source)), lang=lang)
    assert doc.to_bytes() == expected
    # checked once and kept on disk: the document can be written again
    assert doc.save(tmp_path / "again.xlsx").read_bytes() == expected
    assert source.started == 1 and source.read == len(data["entries"])
    one_pass = Once(data["entries"])
    report = stream_register(form, with_entries(data, iter(one_pass)), tmp_path / "one.xlsx",
                             lang=lang)
    assert (tmp_path / "one.xlsx").read_bytes() == expected
    assert report.ok and one_pass.started == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.xlsx", "one.xlsx"]


def test_a_long_generator_streams_in_order():
    entries = incoming_entries(2500)
    data = {"year": 2025, "agent": AGENT}
    expected = api.render("incoming_register", with_entries(data, entries)).to_bytes()
    buf = io.BytesIO()
    stream_register("incoming_register", with_entries(data, (e for e in entries)), buf)
    assert buf.getvalue() == expected
    book = openpyxl.load_workbook(buf, read_only=True)
    rows = list(book.active.iter_rows(min_row=FIRST_ENTRY, values_only=True))
    book.close()
    assert [r[0] for r in rows] == list(range(1, 2501))
    assert rows[-1][4] == "ТОО «Ұлы Дала 2499», 050000, г. Алматы, ул. Абая, 1"


def broken_in_the_middle() -> list[dict]:
    entries = incoming_entries(600)
    entries[300] = {**entries[300], "number": 300}  # a duplicate of entries[299]
    entries[450] = {**entries[450], "doc_date": "2025-03-01"}  # after its registration
    return entries


def test_one_pass_refuses_a_problem_in_the_middle_and_leaves_no_file(tmp_path):
    target = tmp_path / "journal.xlsx"
    source = Once(broken_in_the_middle())
    with pytest.raises(RuleViolationError) as info:
        stream_register("incoming_register", {"year": 2025, "agent": AGENT,
                                              "entries": iter(source)}, target)
    assert [(p.code, p.clause, p.loc) for p in info.value.problems] == [
        ("register.number_duplicate", "appendix 1", ("entries", 300, "number")),
        ("register.before_document", "rule 20", ("entries", 450, "received"))]
    assert "entries[300].number: 300 is already the number of entries[299]" in str(info.value)
    assert source.read == 600  # read to the end, to report every problem
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary part
    buf = io.BytesIO()
    with pytest.raises(RuleViolationError):
        stream_register("incoming_register", {"year": 2025, "agent": AGENT,
                                              "entries": iter(broken_in_the_middle())}, buf)
    assert buf.getvalue() == b""  # an open file is not written to at all


def test_render_of_a_generator_refuses_before_writing(tmp_path):
    entries = broken_in_the_middle()
    listed = api.validate("incoming_register", {"year": 2025, "agent": AGENT, "entries": entries})
    source = Once(entries)
    data = {"year": 2025, "agent": AGENT, "entries": iter(source)}
    with pytest.raises(RuleViolationError) as info:
        api.render("incoming_register", data)
    assert info.value.problems == listed.errors
    # validate() reads a generator too, and finds what it finds in the list
    report = api.validate("incoming_register", {"year": 2025, "agent": AGENT,
                                                "entries": (e for e in entries)})
    assert list(report) == list(listed)


def test_a_draft_streams_despite_errors_and_reports_them(tmp_path):
    target = tmp_path / "draft.xlsx"
    report = stream_register("incoming_register", {"year": 2025, "agent": AGENT,
                                                   "entries": iter(broken_in_the_middle())},
                             target, draft=True)
    assert [p.code for p in report.errors] == ["register.number_duplicate",
                                               "register.before_document"]
    book = openpyxl.load_workbook(target, read_only=True)  # read-only keeps the file open: close it
    try:
        assert next(book.active.iter_rows(min_row=1, max_row=1, values_only=True))[0] == "ПРОЕКТ"
    finally:
        book.close()


def test_an_entry_that_does_not_fit_is_reported_with_its_index_even_in_a_draft(tmp_path):
    entries = incoming_entries(50)
    entries[20] = {**entries[20], "summary": "   "}
    entries[30] = {**entries[30], "number": 30}  # still a duplicate: entries[20] kept its number
    target = tmp_path / "journal.xlsx"
    with pytest.raises(InputError) as info:
        stream_register("incoming_register", {"year": 2025, "agent": AGENT,
                                              "entries": iter(entries)}, target, draft=True)
    assert not isinstance(info.value, RuleViolationError)
    assert [(p.code, p.loc) for p in info.value.problems] == [
        ("value.string_too_short", ("entries", 20, "summary")),
        ("register.number_duplicate", ("entries", 30, "number"))]
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_warnings_of_a_stream_reach_the_document_and_the_report(tmp_path):
    entries = [{"registered": "2025-03-22", "sender": "ТОО «Альфа»", "summary": "Запрос"}]
    doc = api.render("incoming_register", {"year": 2025, "agent": AGENT,
                                           "entries": iter(entries)})
    assert [p.code for p in doc.problems] == ["register.non_working_day"]
    report = stream_register("incoming_register", {"year": 2025, "agent": AGENT,
                                                   "entries": iter(entries)}, tmp_path / "r.xlsx")
    assert report.ok and [p.code for p in report.warnings] == ["register.non_working_day"]


def test_a_generator_is_read_once_and_a_second_read_says_so():
    data = {"year": 2025, "agent": AGENT, "entries": (e for e in incoming_entries(3))}
    from pea_docs.models import coerce
    from pea_docs.models.registers import IncomingRegister
    model = coerce(IncomingRegister, data)
    assert isinstance(model.entries, EntryStream)
    assert len(list(model.entries)) == 3
    with pytest.raises(InputError) as info:
        list(model.entries)
    assert info.value.problems[0].code == "entries.consumed"
    assert str(info.value.problems[0]).startswith("entries: the entries were an iterator")


def test_lists_and_tuples_are_still_validated_at_once():
    with pytest.raises(InputError) as info:
        api.render("incoming_register", {"year": 2025, "agent": AGENT,
                                         "entries": ({"sender": "ТОО «Альфа»"},)})
    assert info.value.problems[0].loc == ("entries", 0, "summary")


def test_stream_register_names_a_form_that_is_not_a_register():
    with pytest.raises(InputError, match="is not a register"):
        stream_register("destruction_act", {}, io.BytesIO())


def test_the_spool_file_goes_with_the_stream(tmp_path, monkeypatch):
    import gc
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    doc = api.render("incoming_register", {"year": 2025, "agent": AGENT,
                                           "entries": iter(incoming_entries(5))})
    assert [p.name.startswith("pea-docs-entries-") for p in tmp_path.iterdir()] == [True]
    del doc
    gc.collect()
    assert list(tmp_path.iterdir()) == []


def test_the_writer_keeps_no_record_of_rows_already_on_disk(monkeypatch):
    # XlsxWriter keeps a record of every row whose height is set; the entries' rows are
    # written outside it (ooxml/xlsx_rows.py), so it holds the frame's rows only
    import xlsxwriter
    kept = []
    close = xlsxwriter.Workbook.close

    def counting_close(self):
        kept.extend((len(ws.row_info), len(ws.row_sizes)) for ws in self.worksheets())
        return close(self)

    monkeypatch.setattr(xlsxwriter.Workbook, "close", counting_close)
    entries = incoming_entries(500)  # every row wraps, so every row has its height set
    doc = api.render("incoming_register", {"year": 2025, "agent": AGENT, "entries": entries})
    ws = openpyxl.load_workbook(io.BytesIO(doc.to_bytes())).active
    from pea_docs.ooxml.xlsx import _PT_PER_LINE
    lines = (ws.row_dimensions[FIRST_ENTRY + 1].height - 3) / _PT_PER_LINE
    assert lines >= 2 and lines == int(lines)  # whole lines of wrapped text
    assert ws.row_dimensions[FIRST_ENTRY + 499].height > _PT_PER_LINE
    # the title lines, the header row and the last entry: not one record per entry
    assert kept and all(info <= 6 and sizes <= 6 for info, sizes in kept)
