"""The internal inventory of a case (rules 29, 37, 39): columns from case-files.md, totals, checks, LibreOffice."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import render, validate
from pea_docs.errors import RuleViolationError

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CASE_FILES = Path("/work/shared/rules/case-files.md")
LANGS = ("ru", "kk", "en")
TITLES = {"ru": "ВНУТРЕННЯЯ ОПИСЬ документов дела", "kk": "ІС ҚҰЖАТТАРЫНЫҢ ІШКІ ТІЗІМДЕМЕСІ",
          "en": "INTERNAL INVENTORY of the documents of the case"}
# the columns of case-files.md, section 2 (EN · RU · KK), kept here should the file not be at hand
COLUMNS = [("No.", "№ п/п", "Р/с №"), ("document index (number)", "индекс документа", "құжат индексі"),
           ("document date", "дата документа", "құжаттың күні"),
           ("document heading", "заголовок документа", "құжаттың тақырыбы"),
           ("sheet numbers of the case", "номера листов дела", "іс парақтарының нөмірлері"),
           ("note", "примечание", "ескертпе")]


def sample(lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"internal_inventory.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def opened(data: dict, lang: str) -> docx.document.Document:
    return plain_document(render("internal_inventory", data, lang=lang).to_bytes())


def test_the_columns_here_are_those_of_case_files_md():
    if not CASE_FILES.is_file():
        pytest.skip("../shared/rules/case-files.md is not at hand")
    text = " ".join(CASE_FILES.read_text(encoding="utf-8").split("## 3.")[0].split("## 2.")[1].split())
    found = re.findall(r"\d ([^·|]+?) · ([^·|]+?) · ([^·|]+?)(?= \||\. Then| $)", text)
    assert [tuple(part.strip() for part in row) for row in found][:6] == COLUMNS


@pytest.mark.parametrize("lang", LANGS)
def test_title_header_row_numbers_and_rows(lang):
    document = opened(sample(lang), lang)
    assert document.paragraphs[0].text == TITLES[lang] and document.paragraphs[0].runs[0].bold
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    column = {"en": 0, "ru": 1, "kk": 2}[lang]
    assert [h.lower() for h in header] == [c[column].lower() for c in COLUMNS]
    assert [c.text for c in table.rows[1].cells] == ["1", "2", "3", "4", "5", "6"]
    rows = [[c.text for c in row.cells] for row in table.rows[2:]]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[0][1:3] == ["2-1234/2024", "09.01.2025"] and rows[0][4] == "1–2"
    assert rows[3][5] and rows[4][4] == "8–12"
    # both header rows repeat on every page
    assert all(row._tr.find(".//{*}tblHeader") is not None for row in table.rows[:2])


@pytest.mark.parametrize("lang", LANGS)
def test_a4_portrait_with_the_office_margins(lang):
    section = opened(sample(lang), lang).sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height, section.left_margin,
                                  section.right_margin)] == [210, 297, 30, 15]


@pytest.mark.parametrize("count, words", [(1, "1 (один)"), (2, "2 (два)"), (5, "5 (пять)"), (21, "21 (двадцать один)"),
                                          (101, "101 (сто один)"), (1_000_000, "1 000 000 (один миллион)")])
def test_totals_in_figures_and_words(count, words):
    data = sample("ru")
    data["inventory_sheets"] = count
    texts = [p.text for p in opened(data, "ru").paragraphs]
    assert f"Количество листов внутренней описи: {words}." in texts
    assert "Итого документов: 5 (пять)." in texts


@pytest.mark.parametrize("lang, total", [("kk", "Барлық құжат саны: 21 (жиырма бір)."),
                                         ("en", "Total of documents: 21 (twenty-one).")])
def test_totals_in_kazakh_and_english(lang, total):
    data = sample(lang)
    first = data["documents"][0]
    data["documents"] = [{**first, "sheets": i + 1, "date": first["date"]} for i in range(21)]
    assert total in [p.text for p in opened(data, lang).paragraphs]


def bad(change) -> dict:
    data = copy.deepcopy(sample("ru"))
    change(data["documents"])
    return data


@pytest.mark.parametrize("change, code, clause, where", [
    (lambda d: d[1].update(sheets="4-5"), "inventory.sheets_gap", "rule 39", ("documents", 1, "sheets")),
    (lambda d: d[2].update(sheets="4"), "inventory.sheets_overlap", "rule 39", ("documents", 2, "sheets")),
    (lambda d: d[2].update(date="2025-01-05"), "inventory.chronology", "rule 37", ("documents", 2, "date")),
    (lambda d: d[3].update(reply_to=5), "inventory.reply_order", "rule 37", ("documents", 3, "reply_to")),
    (lambda d: d[0].update(sheets="3-1"), "sheets.invalid", "rule 39", ("documents", 0, "sheets")),
])
def test_each_check_fires_with_its_clause_and_stops_rendering(change, code, clause, where):
    data = bad(change)
    report = validate("internal_inventory", data)
    assert (code, clause, where) in [(p.code, p.clause, p.loc) for p in report.errors]
    with pytest.raises(Exception) as caught:
        render("internal_inventory", data)
    assert caught.value.problem_list()[0].code in {p.code for p in report.errors}


@pytest.mark.parametrize("lang", LANGS)
def test_the_checks_are_silent_on_the_samples(lang):
    assert validate("internal_inventory", sample(lang)) == []


def test_a_draft_renders_despite_errors_and_says_so():
    data = bad(lambda d: d[1].update(sheets="9"))
    with pytest.raises(RuleViolationError):
        render("internal_inventory", data)
    document = docx.Document(io.BytesIO(render("internal_inventory", data, draft=True).to_bytes()))
    assert document.sections[0].header.paragraphs[0].text == "ПРОЕКТ"


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_prints_one_a4_page_with_every_word(lang, tmp_path, to_pdf):
    path = render("internal_inventory", sample(lang), lang=lang).save(tmp_path / f"inventory.{lang}.docx")
    pdf = to_pdf(path)
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)]
    words = " ".join(pdf_text(pdf).replace("\u00a0", " ").split())
    assert TITLES[lang] in words
    for document in sample(lang)["documents"]:
        # a word may break at its hyphen, never elsewhere
        assert all(part in words for part in re.split(r"[\s-]+", document["heading"]) if part), document["heading"]
