"""The inventory of orders (rule 41): two copies, seven columns, the final entry's numbers, checks."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import render, validate
from pea_docs.errors import RuleViolationError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LANGS = ("ru", "kk", "en")
TITLES = {"ru": ["ОПИСЬ ДЕЛ", "№ 1", "постоянного хранения за 2025 год"],
          "kk": ["ІСТЕР ТІЗІМДЕМЕСІ", "№ 2", "2025 жылғы уақытша (10 жылдан астам) сақталатын"],
          "en": ["INVENTORY OF CASES", "No. 1", "of permanent storage for 2025"]}
CONTROL = {"ru": "КОНТРОЛЬНЫЙ ЭКЗЕМПЛЯР", "kk": "БАҚЫЛАУ ДАНАСЫ", "en": "CONTROL COPY"}
# case-files.md, section 5: the seven columns
HEADERS = {"ru": ["№ п/п", "Индекс дела", "Заголовок дела", "Крайние даты", "Срок хранения", "Количество листов",
                  "Примечание"],
           "kk": ["Р/с №", "Іс индексі", "Істің тақырыбы", "Шекті күндері", "Сақтау мерзімі", "Парақтар саны",
                  "Ескертпе"],
           "en": ["No.", "Case index", "Case heading", "Outer dates", "Storage period", "Number of sheets", "Note"]}
FINAL = {"ru": ["В данную опись внесено дел: 5 (пять), с № 1 по № 5, в том числе:", "литерные номера: 3а;",
                "пропущенные номера: 4."],
         "kk": ["Осы тізімдемеге енгізілген істер: 2 (екі), № 1 бастап № 2 дейін, оның ішінде:",
                "литерлік нөмірлер: —;", "өткізіп алынған нөмірлер: —."],
         "en": ["Cases entered in this inventory: 2 (two), Nos. 1 to 2, including:", "lettered numbers: —;",
                "missing numbers: —."]}


def sample(lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"inventory_of_orders.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def document(data: dict, lang: str = "ru"):
    return plain_document(render("inventory_of_orders", data, lang=lang).to_bytes())


@pytest.mark.parametrize("lang", LANGS)
def test_two_copies_the_second_the_control_copy(lang):
    doc = document(sample(lang), lang)
    texts = [p.text for p in doc.paragraphs]
    assert texts.count(TITLES[lang][0]) == 2 and texts.count(CONTROL[lang]) == 1
    control = texts.index(CONTROL[lang])
    assert control > texts.index(TITLES[lang][0])  # the first copy is the archive's, unmarked
    assert 'w:type="page"' in "".join(p._p.xml for p in doc.paragraphs[:control])
    first = texts.index(TITLES[lang][0])
    assert [t for t in texts[first:first + 3]] == TITLES[lang]
    assert len(doc.tables) == 4  # per copy: the orders and the signature
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows] == \
           [[c.text for c in row.cells] for row in doc.tables[2].rows]


@pytest.mark.parametrize("lang", LANGS)
def test_the_columns_and_the_rows(lang):
    table = document(sample(lang), lang).tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADERS[lang]
    assert [c.text for c in table.rows[1].cells] == [str(n) for n in range(1, 8)]
    assert len(table.rows) == 2 + len(sample(lang)["orders"])


def test_a_row_states_number_index_heading_outer_dates_storage_sheets_note():
    rows = [[c.text for c in row.cells] for row in document(sample("ru")).tables[0].rows]
    assert rows[2] == ["1", "01-01", "Номенклатура дел на 2025 год", "05.01.2025–31.12.2025", "постоянно, ст. 9",
                       "6", ""]
    assert rows[5][0] == "3а" and rows[6][0] == "5" and rows[6][6] == "годовой отчёт в двух томах"


@pytest.mark.parametrize("lang", LANGS)
def test_the_final_entry_with_lettered_and_missing_numbers(lang):
    texts = [p.text for p in document(sample(lang), lang).paragraphs]
    start = texts.index(FINAL[lang][0])
    assert texts[start:start + 3] == FINAL[lang]


@pytest.mark.parametrize("count, words", [(1, "1 (одно)"), (2, "2 (два)"), (5, "5 (пять)"), (21, "21 (двадцать одно)"),
                                          (101, "101 (сто одно)")])
def test_the_count_in_words_agrees_with_дело(count, words):
    data = copy.deepcopy(sample("ru"))
    order = {k: v for k, v in data["orders"][0].items() if k != "number"}
    data["orders"] = [dict(order, index=f"01-{n:03}") for n in range(1, count + 1)]
    texts = [p.text for p in document(data).paragraphs]
    assert f"В данную опись внесено дел: {words}, с № 1 по № {count}, в том числе:" in texts


def test_one_copy_on_request():
    texts = [p.text for p in document({**sample("ru"), "copies": 1}).paragraphs]
    assert texts.count("ОПИСЬ ДЕЛ") == 1 and "КОНТРОЛЬНЫЙ ЭКЗЕМПЛЯР" not in texts


def test_the_checks_fire_on_category_numbers_and_year():
    data = copy.deepcopy(sample("ru"))
    data["orders"][1]["storage"] = 5           # up to ten years: no inventory
    data["orders"][2]["storage"] = 15          # over ten: another inventory
    data["orders"][3]["number"] = "2"          # duplicate, and out of order
    data["orders"][4]["number"] = "а"          # no figures
    data["orders"][0]["ended"] = "2026-01-10"  # outside the year (warning)
    found = sorted((p.code, p.clause, p.loc, p.severity) for p in validate("inventory_of_orders", data))
    assert found == [
        ("orders.category", "rule 41", ("orders", 1, "storage"), "error"),
        ("orders.category", "rule 41", ("orders", 2, "storage"), "error"),
        ("orders.duplicate_number", "rule 41", ("orders", 3, "number"), "error"),
        ("orders.number_invalid", "rule 41", ("orders", 4, "number"), "error"),
        ("orders.number_order", "rule 41", ("orders", 3, "number"), "error"),
        ("orders.outside_year", "rule 37", ("orders", 0, "ended"), "warning")]
    with pytest.raises(RuleViolationError):
        render("inventory_of_orders", data)


@pytest.mark.parametrize("lang", LANGS)
def test_the_samples_are_clean(lang):
    assert list(validate("inventory_of_orders", sample(lang))) == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_prints_two_a4_pages(lang, tmp_path, to_pdf):
    pdf = to_pdf(render("inventory_of_orders", sample(lang), lang=lang).save(tmp_path / f"inventory.{lang}.docx"))
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)] * 2
    pages = pdf_text(pdf).replace("\u00a0", " ").split("\f")
    assert CONTROL[lang] not in pages[0] and CONTROL[lang] in pages[1]
    assert all(FINAL[lang][0].split(",")[0] in " ".join(page.split()) for page in pages[:2])


def test_a_million_in_words_as_the_final_entry_writes_it():
    # a million orders is not rendered; the count is written by the same call the form makes
    from pea_docs.format.numbers import format_count
    assert format_count(1_000_000, lang="ru", gender="neuter") == "1 000 000 (один миллион)"
    assert format_count(1_000_001, lang="ru", gender="neuter") == "1 000 001 (один миллион одно)"
    assert format_count(1_000_000, lang="kk") == "1 000 000 (бір миллион)"
