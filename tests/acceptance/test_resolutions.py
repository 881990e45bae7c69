"""The decisions on a writ (rule 27): resolutions on initiation of enforcement proceedings and on refusal."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from data_tools import with_value
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import render, validate
from pea_docs.cli.main import main
from pea_docs.errors import InputError, RuleViolationError

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
LANGS = ("ru", "kk", "en")
FORMS = ("resolution_initiation", "resolution_refusal")
TITLES = {"resolution_initiation": {"ru": ["ПОСТАНОВЛЕНИЕ", "о возбуждении исполнительного производства"],
                                    "kk": ["Атқарушылық іс жүргізуді қозғау туралы", "ҚАУЛЫ"],
                                    "en": ["RESOLUTION", "on initiation of enforcement proceedings"]},
          "resolution_refusal": {"ru": ["ПОСТАНОВЛЕНИЕ", "об отказе в возбуждении исполнительного производства"],
                                 "kk": ["Атқарушылық іс жүргізуді қозғаудан бас тарту туралы", "ҚАУЛЫ"],
                                 "en": ["RESOLUTION", "on refusal to initiate enforcement proceedings"]}}
SEAL_PLACE = {"ru": "М.П.", "kk": "М.О.", "en": "L.S."}


def sample(form: str, lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"{form}.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def texts(form: str, data: dict, lang: str = "ru") -> list[str]:
    return [p.text for p in plain_document(render(form, data, lang=lang).to_bytes()).paragraphs]


def test_the_titles_are_the_two_decisions_rule_27_names():
    rules = " ".join((ROOT.parent / "shared" / "rules" / "order-386-rules-of-office-work.en.txt")
                     .read_text(encoding="utf-8").split()) if (ROOT.parent / "shared").is_dir() else ""
    for form in FORMS:
        heading = TITLES[form]["en"][1].removeprefix("on ")
        assert not rules or heading in rules  # «decision on initiation of enforcement proceedings or on refusal
        # to initiate enforcement proceedings», rule 27


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_resolution_has_its_own_layout(form, lang):
    data = sample(form, lang)
    lines = texts(form, data, lang)
    title = TITLES[form][lang]
    start = lines.index(title[0])
    assert lines[start + 1] == title[1]                        # the type in capitals with its heading (rule 9)
    assert data["agent"]["address"] in lines[:start]           # the agent's header (rule 9)
    assert lines[-1] == SEAL_PLACE[lang]                       # the seal's place under the signature (rule 56)
    assert not any(data["recoveror"]["name"] == line for line in lines)  # no addressee block: named in a line
    assert list(validate(form, data)) == []


def test_the_initiation_in_russian():
    lines = texts("resolution_initiation", sample("resolution_initiation", "ru"))
    for line in ("Частный судебный исполнитель Сапаров Арман Болатович, рассмотрев исполнительный документ:",
                 "Вид, номер и дата: исполнительный лист № 2-567/2025 от 28.01.2025",
                 "Сумма: 1 230 500,50 тенге (один миллион двести тридцать тысяч пятьсот тенге 50 тиынов)",
                 "Должник: ТОО «Құрылыс-Сервис», ИИН/БИН 180840012344, 050000, г. Алматы, ул. Толе би, д. 59",
                 "Внесен в АИС ОИП: 03.03.2025",
                 "Руководствуясь статьями 37 и 38 Закона Республики Казахстан «Об исполнительном производстве и "
                 "статусе судебных исполнителей»,",
                 "ПОСТАНОВИЛ:",
                 "1. Возбудить исполнительное производство № 0201-25-00003 по исполнительному документу: "
                 "исполнительный лист № 2-567/2025 от 28.01.2025.",
                 "2. Копию постановления направить сторонам исполнительного производства."):
        assert line in lines
    assert lines[1] == "Сапаров Арман Болатович"
    assert "г. Алматы\t3 марта 2025 года" not in lines  # place and date stand in a table row, not one paragraph


@pytest.mark.parametrize("lang, grounds", [
    ("ru", ["– истек срок предъявления исполнительного документа к исполнению, и он не восстановлен судом."]),
    ("kk", ["– атқарушылық құжат Заңда атқарушылық құжаттарға қойылатын талаптарға сәйкес келмейді;",
            "– атқарушылық құжат орындалатын жер бойынша ұсынылмаған."]),
    ("en", ["– the document presented is not an enforcement document."]),
])
def test_the_refusal_words_the_grounds_picked_by_code(lang, grounds):
    lines = texts("resolution_refusal", sample("resolution_refusal", lang), lang)
    heading = {"ru": "Основания для отказа в возбуждении исполнительного производства:",
               "kk": "Атқарушылық іс жүргізуді қозғаудан бас тарту негіздері:",
               "en": "Grounds for refusal to initiate enforcement proceedings:"}[lang]
    at = lines.index(heading)
    assert lines[at + 1:at + 1 + len(grounds)] == grounds
    returned = {"ru": "2. Исполнительный документ вернуть взыскателю.",
                "kk": "2. Атқарушылық құжат өндіріп алушыға қайтарылсын.",
                "en": "2. To return the enforcement document to the recoveror."}[lang]
    assert returned in lines


def test_the_writ_stays_when_it_is_not_returned():
    data = {**sample("resolution_refusal", "ru"), "return_writ": False, "resolved": ["Копию направить взыскателю."]}
    lines = texts("resolution_refusal", data)
    assert "Исполнительный документ вернуть взыскателю." not in " ".join(lines)
    assert "2. Копию направить взыскателю." in lines


def test_the_checks_of_a_decision_on_a_writ():
    data = copy.deepcopy(sample("resolution_refusal", "ru"))
    data["date"] = "2025-03-01"                    # before the entry in the AIS of BEP (04.03)
    data["grounds"] = ["time_limit_expired", "too_old", "time_limit_expired"]
    data["debtor"]["iin_bin"] = data["recoveror"]["iin_bin"]
    found = sorted((p.code, p.clause, p.loc, p.severity) for p in validate("resolution_refusal", data))
    assert found == [("resolution.before_entry", "rule 27", ("date",), "error"),
                     ("resolution.ground_twice", "rule 27", ("grounds", 2), "warning"),
                     ("resolution.ground_unknown", "rule 27", ("grounds", 1), "error"),
                     ("resolution.same_party", "rule 27", ("recoveror", "iin_bin"), "error")]
    unknown = next(p for p in validate("resolution_refusal", data) if p.code == "resolution.ground_unknown")
    assert unknown.value == "too_old" and "time_limit_expired, not_enforcement_document" in unknown.message
    with pytest.raises(RuleViolationError):
        render("resolution_refusal", data)
    early = {**sample("resolution_initiation", "en"), "date": "2025-01-27"}
    assert [(p.code, p.loc) for p in validate("resolution_initiation", early)] == [("resolution.before_writ", ("date",))]


@pytest.mark.parametrize("where, value, code", [
    (("debtor", "iin_bin"), "180840012345", "iin_bin.check_digit"),
    (("grounds",), [], "value.too_short"),
    (("refusal_grounds",), {"custom": {}}, "resolution.ground_text"),
])
def test_bad_input_names_the_field(where, value, code):
    data = with_value(sample("resolution_refusal", "en"), where, value)
    with pytest.raises(InputError) as raised:
        render("resolution_refusal", data)
    assert [p.code for p in raised.value.problems] == [code]
    assert raised.value.problems[0].loc[:len(where)] == where


def test_an_office_keeps_its_own_list_of_grounds_in_office_yaml(tmp_path):
    (tmp_path / "office.yaml").write_text(yaml.safe_dump({"refusal_grounds": {
        "art38_1": {"ru": "исполнительный документ предъявлен по истечении срока (подп. 1 ст. 38 Закона)",
                    "kk": "мерзім өткен соң ұсынылған"}}}, allow_unicode=True), encoding="utf-8")
    doc = yaml.safe_load((SAMPLES / "resolution_refusal.ru.yaml").read_text(encoding="utf-8"))
    doc["data"]["grounds"] = ["art38_1"]
    (tmp_path / "refusal.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["render", "resolution_refusal", str(tmp_path / "refusal.yaml"),
                                  "-o", f"{tmp_path / 'out'}/"])
    assert result.exit_code == 0, result.output
    [written] = (tmp_path / "out").glob("*.docx")
    lines = [p.text for p in plain_document(written.read_bytes()).paragraphs]
    assert "– исполнительный документ предъявлен по истечении срока (подп. 1 ст. 38 Закона)." in lines
    # the office's list replaces the built-in one: a built-in code is now unknown
    doc["data"]["grounds"] = ["time_limit_expired"]
    (tmp_path / "refusal.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(main, ["render", "resolution_refusal", str(tmp_path / "refusal.yaml"),
                                  "-o", f"{tmp_path / 'out2'}/", "--json"])
    assert result.exit_code != 0
    problems = json.loads(result.output)["problems"]
    assert [(p["code"], p["loc"], p["value"]) for p in problems] == [
        ("resolution.ground_unknown", ["grounds", 0], "time_limit_expired")]
    assert problems[0]["file"].endswith("refusal.yaml") and problems[0]["line"] > 1
    assert not list((tmp_path / "out2").glob("*")) if (tmp_path / "out2").exists() else True


@pytest.mark.libreoffice
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_prints_a_resolution_on_a4(form, lang, tmp_path, to_pdf):
    pdf = to_pdf(render(form, sample(form, lang), lang=lang).save(tmp_path / f"{form}.{lang}.docx"))
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)]
    text = " ".join(pdf_text(pdf).replace("\u00a0", " ").split())
    assert TITLES[form][lang][1] in text and SEAL_PLACE[lang] in text
