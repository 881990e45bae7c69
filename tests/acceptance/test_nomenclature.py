"""The nomenclature of cases (rules 33–36): columns, sections and reserve numbers, final entry, checks."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import render, validate
from pea_docs.errors import InputError, RuleViolationError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LANGS = ("ru", "kk", "en")
TITLES = {"ru": ["НОМЕНКЛАТУРА ДЕЛ", "на 2025 год", "Вводится в действие с 1 января 2025 года"],
          "kk": ["ІСТЕР НОМЕНКЛАТУРАСЫ", "2025 жылға", "2025 жылғы 1 қаңтардан бастап қолданысқа енгізіледі"],
          "en": ["NOMENCLATURE OF CASES", "for 2025", "In force from January 1, 2025"]}
# case-files.md, section 4: the five columns (EN, RU; KK is ours)
HEADERS = {"ru": ["Индекс дела", "Заголовок дела (тома, части)", "Количество дел (томов, частей)",
                  "Срок хранения и № статьи по перечню", "Примечание"],
           "kk": ["Іс индексі", "Істің тақырыбы (томдар, бөліктер)", "Істер саны (томдар, бөліктер)",
                  "Сақтау мерзімі және тізбе бойынша бап нөмірі", "Ескертпе"],
           "en": ["Case index", "Heading of the case (volumes, parts)", "Number of cases (volumes, parts)",
                  "Storage period and article number of the list", "Note"]}
FINAL = {"ru": [["По срокам хранения", "Всего", "В том числе переходящих"], ["1", "2", "3"],
                ["Постоянного", "5", "0"], ["Временного (свыше 10 лет)", "3", "2"],
                ["Временного (до 10 лет включительно)", "9", "0"], ["ИТОГО", "17", "2"]],
         "kk": [["Сақтау мерзімдері бойынша", "Барлығы", "Оның ішінде ауыспалы"], ["1", "2", "3"],
                ["Тұрақты", "3", "0"], ["Уақытша (10 жылдан астам)", "2", "2"],
                ["Уақытша (10 жылға дейін қоса алғанда)", "4", "0"], ["БАРЛЫҒЫ", "9", "2"]],
         "en": [["By storage period", "Total", "Of them carried over"], ["1", "2", "3"], ["Permanent", "2", "0"],
                ["Temporary (over 10 years)", "2", "2"], ["Temporary (up to 10 years inclusive)", "4", "0"],
                ["TOTAL", "8", "2"]]}


def sample(lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"nomenclature.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def document(data: dict, lang: str = "ru"):
    return plain_document(render("nomenclature", data, lang=lang).to_bytes())


def rows(table) -> list[list[str]]:
    # a merged section row repeats its text in every grid cell: one value stands for it
    out = []
    for row in table.rows:
        cells = [c.text for c in row.cells]
        out.append(cells[:1] if len(set(cells)) == 1 and len(cells) > 1 else cells)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_title_year_in_force_and_columns(lang):
    doc = document(sample(lang), lang)
    texts = [p.text for p in doc.paragraphs]
    start = texts.index(TITLES[lang][0])
    assert [t for t in texts[start:start + 4] if t] == TITLES[lang]
    table = rows(doc.tables[1])  # tables[0] is the approval block
    assert table[0] == HEADERS[lang] and table[1] == ["1", "2", "3", "4", "5"]


def test_sections_orders_and_reserve_numbers_in_the_order_given():
    data = sample("ru")
    table = rows(document(data).tables[1])[2:]
    expected = []
    for section in data["sections"]:
        expected.append([section["title"]])
        expected += [order["index"] for order in section["orders"]]
        expected += [[index, "Резервный номер", "", "", ""] for index in section["reserve"]]
    assert [row if len(row) == 1 or row[1] == "Резервный номер" else row[0] for row in table] == expected
    first = table[1]
    assert first == ["01-01", "Номенклатура дел", "1", "постоянно, ст. 9", ""]
    assert table[8] == ["02-01", "Реестры взыскателей по сводным производствам", "2", "15 лет, ст. 123",
                            "переходит на 2026 год"]
    assert table[11][4] == "заведено 02.06.2025"


def test_the_approval_block_rule_34():
    approval = [p.text for p in document(sample("ru")).tables[0].rows[0].cells[1].paragraphs]
    assert approval == ["УТВЕРЖДЕНО", "Республиканская палата частных судебных исполнителей",
                        "протокол № 12 от 20.12.2024"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_final_entry_counts_the_orders_by_storage_category_rule_36(lang):
    doc = document(sample(lang), lang)
    assert rows(doc.tables[-2]) == FINAL[lang]  # the last is the signature
    assert doc.paragraphs[-1].text == {"ru": "31 декабря 2025 года", "kk": "2025 жылғы 31 желтоқсан",
                                       "en": "December 31, 2025"}[lang]


def test_without_a_final_entry_none_is_printed():
    data = {k: v for k, v in sample("ru").items() if k != "final_entry"}
    doc = document(data)
    assert len(doc.tables) == 3  # approval, nomenclature, compiler's signature
    assert not any("Итоговая запись" in p.text for p in doc.paragraphs)


def test_the_checks_fire_duplicate_index_no_reserve_late_approval_missing_count():
    data = copy.deepcopy(sample("ru"))
    data["sections"][1]["orders"][0]["index"] = "01-02"
    data["sections"][1]["reserve"] = ["01-05"]
    data["sections"][2]["reserve"] = []
    del data["sections"][0]["orders"][0]["count"]
    data["approval"]["date"] = "2025-01-15"
    found = sorted((p.code, p.clause, p.loc, p.severity) for p in validate("nomenclature", data))
    assert found == [
        ("nomenclature.approved_late", "rule 34", ("approval", "date"), "warning"),
        ("nomenclature.count_missing", "rule 36", ("sections", 0, "orders", 0, "count"), "warning"),
        ("nomenclature.duplicate_index", "rule 33", ("sections", 1, "orders", 0, "index"), "error"),
        ("nomenclature.duplicate_index", "rule 33", ("sections", 1, "reserve", 0), "error"),
        ("nomenclature.no_reserve", "rule 35", ("sections", 2, "reserve"), "error")]
    with pytest.raises(RuleViolationError):
        render("nomenclature", data)


@pytest.mark.parametrize("lang", LANGS)
def test_the_samples_are_clean(lang):
    assert list(validate("nomenclature", sample(lang))) == []


@pytest.mark.parametrize("storage", ["permanent, 5", ["permanent", 5], "постоянно / 5", "5 and 10"])
def test_rule_38_4_one_storage_period_per_order(storage):
    data = copy.deepcopy(sample("ru"))
    data["sections"][0]["orders"][0]["storage"] = storage
    with pytest.raises(InputError) as raised:
        render("nomenclature", data)
    assert [(p.code, p.clause, p.loc) for p in raised.value.problems] == [
        ("storage.mixed", "rule 38.4", ("sections", 0, "orders", 0, "storage"))]


def test_a_storage_period_is_required_for_every_order():
    data = copy.deepcopy(sample("ru"))
    del data["sections"][2]["orders"][1]["storage"]
    with pytest.raises(InputError) as raised:
        render("nomenclature", data)
    assert [(p.code, p.clause, p.loc) for p in raised.value.problems] == [
        ("field.missing", "rule 33", ("sections", 2, "orders", 1, "storage"))]


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_prints_a4_pages(lang, tmp_path, to_pdf):
    pdf = to_pdf(render("nomenclature", sample(lang), lang=lang).save(tmp_path / f"nomenclature.{lang}.docx"))
    sizes = pdf_page_sizes_mm(pdf)
    assert sizes and all((round(w), round(h)) == (210, 297) for w, h in sizes)
    words = " ".join(pdf_text(pdf).replace("\u00a0", " ").split())
    assert TITLES[lang][0] in words and FINAL[lang][0][0] in words and FINAL[lang][-1][0] in words
