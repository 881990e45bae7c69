"""The registers (Appendices 1 and 2) rendered, reopened with openpyxl, and printed by LibreOffice.

The expected header labels are copied from forms.md, not from the catalogs, so a
wrong translation in a .po file fails here.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import yaml
from pdf_tools import SAMPLES, pdf_page_sizes_mm, pdf_text

import pea_docs.api as api

# forms.md, Appendix 1 and 2, verbatim
INCOMING_HEADER = {
    "en": ["Item No.", "Date and number of the incoming document",
           "From whom, where did the document come from", "Short description",
           "Mark on enforcement", "Number of the case (order) in which the document is held",
           "Note"],
    "ru": ["№ п/п", "Дата и номер входящего документа", "От кого, откуда поступил документ",
           "Краткое содержание", "Отметка об исполнении",
           "Номер дела (наряда), в котором находится документ", "Примечание"],
    "kk": ["Р/с №", "Кіріс құжаттың күні мен нөмірі", "Құжат кімнен, қайдан түсті",
           "Қысқаша мазмұны", "Орындалғаны туралы белгі", "Құжат тігілген істің (наряд) нөмірі",
           "Ескертпе"],
}
OUTGOING_HEADER = {
    "en": ["Item No.", "Date and number of the outgoing document",
           "To whom, where the document is addressed", "Short description", "Note"],
    "ru": ["№ п/п", "Дата и номер исходящего документа", "Кому, куда адресован документ",
           "Краткое содержание", "Примечание"],
    "kk": ["Р/с №", "Шығыс құжаттың күні мен нөмірі", "Құжат кімге, қайда жолданды",
           "Қысқаша мазмұны", "Ескертпе"],
}
TITLES = {
    "incoming": {"en": "Register of incoming correspondence",
                 "ru": "Журнал регистрации входящей корреспонденции",
                 "kk": "Кіріс хат-хабарларды тіркеу журналы"},
    "outgoing": {"en": "Register of outgoing correspondence",
                 "ru": "Журнал регистрации исходящей корреспонденции",
                 "kk": "Шығыс хат-хабарларды тіркеу журналы"},
}
HEADER_ROW, NUMBER_ROW, FIRST_ENTRY = 5, 6, 7
LANGS = ["ru", "kk", "en"]


def sample(form: str, lang: str) -> Path:
    return SAMPLES / f"{form}.{lang}.yaml"


def open_sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def form_cells(ws, row: int) -> list:
    """Return the values of the form's columns in ``row``: the first cell of each merged range."""
    covered = set()
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row:
            covered |= {c for c in range(merged.min_col + 1, merged.max_col + 1)}
    return [ws.cell(row, c).value for c in range(1, ws.max_column + 1) if c not in covered]


@pytest.fixture(scope="module", params=LANGS)
def incoming(request):
    lang = request.param
    return lang, open_sheet(api.render("incoming_register", sample("incoming_register", lang)).to_bytes())


@pytest.fixture(scope="module", params=LANGS)
def outgoing(request):
    lang = request.param
    return lang, open_sheet(api.render("outgoing_register", sample("outgoing_register", lang)).to_bytes())


def test_incoming_title_header_and_number_row(incoming):
    lang, ws = incoming
    assert ws["A1"].value == TITLES["incoming"][lang]
    assert form_cells(ws, HEADER_ROW) == INCOMING_HEADER[lang]
    assert form_cells(ws, NUMBER_ROW) == [1, 2, 3, 4, 5, 6, 7]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:I1", "B5:D5", "B6:D6"} <= merged
    assert ws["A2"].value.endswith("Ерғали Қуанышұлы, лицензия № 17012345") or lang == "en"
    assert "2025" in ws["A3"].value


def test_outgoing_title_header_and_number_row(outgoing):
    lang, ws = outgoing
    assert ws["A1"].value == TITLES["outgoing"][lang]
    assert form_cells(ws, HEADER_ROW) == OUTGOING_HEADER[lang]
    assert form_cells(ws, NUMBER_ROW) == [1, 2, 3, 4, 5]
    assert {"A1:F1", "B5:C5", "B6:C6"} <= {str(r) for r in ws.merged_cells.ranges}


def test_incoming_entries_values_and_date_cells():
    ws = open_sheet(api.render("incoming_register", sample("incoming_register", "ru")).to_bytes())
    rows = list(ws.iter_rows(min_row=FIRST_ENTRY, values_only=True))
    assert len(rows) == 7
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5, 6, 7]  # numbers assigned in sequence
    # registration dates: given, then by rule 20 from `received`
    assert [r[1].date().isoformat() for r in rows] == [
        "2025-01-06", "2025-01-08", "2025-01-13", "2025-01-14", "2025-03-26", "2025-05-12",
        "2025-12-17"]
    first = rows[0]
    assert first[2] == datetime(2024, 12, 27) and first[3] == "12-34/567"
    assert first[4] == "ТОО «Альфа & Омега», 050000, г. Алматы, ул. Абая, 1"
    assert first[5] == "Запрос о ходе исполнительного производства № 0201-25-00001"
    assert first[6:] == ("Ответ исх. № 3 от 13.01.2025", "02-05", None)
    # a recipient block is written by rule 10: organization, unit, address
    assert rows[1][4] == "АО «Қазақтелеком», Алматинский филиал, 050000, г. Алматы, пр. Абылай хана, 86"
    # an individual: address first, then surname and initials
    assert rows[2][4] == "050012, г. Алматы, ул. Төле би, д. 45, кв. 12, Әбілқасымов Ғ.Н."
    assert rows[2][2] is None and rows[2][3] is None
    cell_b, cell_c, cell_d = ws["B7"], ws["C7"], ws["D7"]
    # the registration date is labelled too; a non-breaking space keeps each label with its value
    assert cell_b.is_date and cell_b.number_format == '"рег.\u00a0"dd.mm.yyyy'
    assert cell_c.is_date and cell_c.number_format == '"от\u00a0"dd.mm.yyyy'
    assert cell_d.data_type == "s" and cell_d.number_format == '"№\u00a0"@'
    assert ws["E7"].alignment.wrap_text and ws["E7"].font.name == "Times New Roman"
    assert ws["E7"].border.left.style == "thin" and ws["A5"].border.bottom.style == "thin"


def test_outgoing_entries_and_numbers():
    ws = open_sheet(api.render("outgoing_register", sample("outgoing_register", "kk")).to_bytes())
    rows = list(ws.iter_rows(min_row=FIRST_ENTRY, values_only=True))
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert [r[2] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0][3] == "«Қазақстан Халық Банкі» АҚ, 050059, Алматы қ., Әл-Фараби д-лы, 40"
    assert ws["B7"].is_date and ws["B7"].number_format == "dd.mm.yyyy"
    assert rows[0][1] == datetime(2025, 1, 8)
    en = open_sheet(api.render("outgoing_register", sample("outgoing_register", "en")).to_bytes())
    assert en["C9"].value == "02-07/3" and en["C9"].number_format == '"No.\u00a0"@'


@pytest.mark.parametrize("form", ["incoming_register", "outgoing_register"])
def test_print_settings(form):
    ws = open_sheet(api.render(form, sample(form, "ru")).to_bytes())
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) in {(1, 0), (None, 0)}
    assert ws.print_title_rows == "$5:$6"
    assert ws.freeze_panes == "A7"
    last = ws.max_row
    assert ws.auto_filter.ref == f"A6:{'I' if form.startswith('in') else 'F'}{last}"
    # the columns fit the printable width of A4 landscape at 100 %: 297 - 30 mm margins
    # (a stored width already holds the cell padding: pixels = width * 7 for Calibri 11)
    widths_px = sum(d.width * 7 * (d.max - d.min + 1) for d in ws.column_dimensions.values())
    assert widths_px * 25.4 / 96 >= 267 - 10  # and fill it
    assert widths_px * 25.4 / 96 <= 267 + 1
    assert ws.page_margins.left == pytest.approx(20 / 25.4)


@pytest.mark.parametrize("form", ["incoming_register", "outgoing_register"])
def test_dict_and_yaml_give_identical_bytes_and_renders_repeat(form, tmp_path):
    path = sample(form, "kk")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    from_yaml = api.render(form, path).to_bytes()
    from_dict = api.render(form, doc["data"], lang="kk").to_bytes()
    assert from_yaml == from_dict
    assert api.render(form, doc["data"], lang="kk").to_bytes() == from_dict
    saved = api.render(form, path).save(tmp_path / "r.xlsx")
    assert saved.read_bytes() == from_yaml


def test_draft_is_marked():
    data = yaml.safe_load(sample("incoming_register", "ru").read_text(encoding="utf-8"))["data"]
    data["entries"][1]["number"] = 1  # a duplicate: refused, unless a draft
    with pytest.raises(api.RuleViolationError):
        api.render("incoming_register", data)
    ws = open_sheet(api.render("incoming_register", data, draft=True).to_bytes())
    assert ws["A1"].value == "ПРОЕКТ"
    assert ws["A2"].value == TITLES["incoming"]["ru"]
    assert "ПРОЕКТ" in ws.oddHeader.center.text
    assert ws.print_title_rows == "$6:$7"


def test_large_register_streams_rows_in_order():
    entries = [{"registered": "2025-02-03", "sender": f"ТОО «Ұлы Дала {i}»", "summary": "Запрос"}
               for i in range(3000)]
    data = {"year": 2025, "agent": {"surname": "Сәрсенбаев", "name": "Ерғали"}, "entries": entries}
    book = openpyxl.load_workbook(io.BytesIO(api.render("incoming_register", data).to_bytes()),
                                  read_only=True)
    rows = list(book.active.iter_rows(min_row=FIRST_ENTRY, values_only=True))
    book.close()
    assert len(rows) == 3000
    assert rows[-1][0] == 3000 and rows[-1][4] == "ТОО «Ұлы Дала 2999»"


@pytest.mark.libreoffice
@pytest.mark.parametrize("form, lang", [("incoming_register", "ru"), ("outgoing_register", "kk"),
                                        ("incoming_register", "en")])
def test_libreoffice_prints_a4_landscape(form, lang, tmp_path, to_pdf):
    xlsx = api.render(form, sample(form, lang)).save(tmp_path / f"{form}.{lang}.xlsx")
    pdf = to_pdf(xlsx, tmp_path)
    sizes = pdf_page_sizes_mm(pdf)
    assert sizes and all(w == pytest.approx(297, abs=1) and h == pytest.approx(210, abs=1)
                         for w, h in sizes)
    text = pdf_text(pdf)
    assert TITLES[form.split("_")[0]][lang] in text
    assert "26.03.2025" in text or form.startswith("out")


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_libreoffice_prints_every_word_whole_and_the_headers_short(lang, tmp_path, to_pdf):
    # the defects a reader found: «Сопроводительн|ое» in the note, column 6's header on five
    # lines, the registration date without a label; and rows must never clip their text
    data = sample("incoming_register", lang)
    xlsx = api.render("incoming_register", data).save(tmp_path / f"incoming.{lang}.xlsx")
    words = " ".join(pdf_text(to_pdf(xlsx, tmp_path)).replace("\u00a0", " ").split())
    ws = open_sheet(xlsx.read_bytes())
    for row in ws.iter_rows(min_row=FIRST_ENTRY, values_only=True):
        for value in row[3:]:
            if isinstance(value, str):
                # a word may break at its hyphen (Al-|Farabi), never elsewhere
                assert all(part in words for part in re.split(r"[\s-]+", value) if part), value
    assert {"ru": "рег. 06.01.2025", "kk": "тірк. 06.01.2025", "en": "reg. 06.01.2025"}[lang] in words
    if lang == "ru":
        assert "Сопроводительное" in words
    from pea_docs.documents.registers import _INCOMING_WIDTHS, INCOMING_HEADER
    from pea_docs.locale import gettext
    from pea_docs.ooxml.xlsx import _lines
    header = gettext(INCOMING_HEADER[5], lang=lang, domain="registers")
    assert _lines(header, _INCOMING_WIDTHS[7], bold=True) <= 3


@pytest.mark.libreoffice
def test_libreoffice_repeats_the_header_on_every_page(tmp_path, to_pdf):
    entries = [{"registered": "2025-02-03", "sender": f"ТОО «Ұлы Дала {i}»", "summary": "Запрос"}
               for i in range(120)]
    data = {"year": 2025, "agent": {"surname": "Сәрсенбаев", "name": "Ерғали"}, "entries": entries}
    xlsx = api.render("incoming_register", data).save(tmp_path / "long.xlsx")
    pdf = to_pdf(xlsx, tmp_path)
    pages = pdf_text(pdf).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    assert all("Краткое содержание" in p for p in pages)
    assert len(pdf_page_sizes_mm(pdf)) == len(pages)
