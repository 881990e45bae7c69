"""The register of recoverors (rule 30), the seal journal (rule 55) and the seal destruction act (rule 58)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from data_tools import with_value
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import render, validate
from pea_docs.errors import InputError, RuleViolationError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LANGS = ("ru", "kk", "en")
# case-files.md, section 9
RECOVERORS = {
    "ru": ["№ п/п", "Взыскатель (наименование, ИИН/БИН, адрес)", "Исполнительный документ (вид, номер, дата, кем выдан)",
           "Исполнительное производство (номер, дата)", "Сумма к взысканию, тенге", "Примечание"],
    "kk": ["Р/с №", "Өндіріп алушы (атауы, ЖСН/БСН, мекенжайы)", "Атқарушылық құжат (түрі, нөмірі, күні, кім берген)",
           "Атқарушылық іс жүргізу (нөмірі, күні)", "Өндіріп алынатын сома, теңге", "Ескертпе"],
    "en": ["No.", "Recoveror (name, IIN/BIN, address)", "Enforcement document (kind, number, date, issued by)",
           "Enforcement proceeding (number, date)", "Amount to recover, tenge", "Note"]}
TOTALS = {"ru": "Итого к взысканию: 5 567 912,50 тенге (пять миллионов пятьсот шестьдесят семь тысяч девятьсот "
                "двенадцать тенге 50 тиынов).",
          "kk": "Барлығы өндіріп алуға: 5 480 500,50 теңге (бес миллион төрт жүз сексен мың бес жүз теңге 50 тиын).",
          "en": "Total to recover: KZT 5,480,500.50 (five million four hundred and eighty thousand five hundred tenge "
                "50 tiyn)."}
# case-files.md, section 11
JOURNAL = {"ru": ["№ п/п", "Дата выдачи", "ЧСИ (фамилия, имя, отчество)", "Номер лицензии", "Исполнительный округ",
                  "Текст печати (или оттиск)", "Подпись в получении", "Примечание"],
           "kk": ["Р/с №", "Берілген күні", "ЖСО (тегі, аты, әкесінің аты)", "Лицензия нөмірі", "Атқарушылық округ",
                  "Мөр мәтіні (немесе бедері)", "Алғаны туралы қолы", "Ескертпе"],
           "en": ["No.", "Date of issue", "Agent (surname, name, patronymic)", "License number", "Enforcement district",
                  "Seal inscription (or impression)", "Signature of receipt", "Note"]}
TITLES = {"recoverors_register": {"ru": "РЕЕСТР ВЗЫСКАТЕЛЕЙ", "kk": "ӨНДІРІП АЛУШЫЛАРДЫҢ ТІЗІЛІМІ",
                                  "en": "REGISTER OF RECOVERORS"},
          "seal_journal": {"ru": "ЖУРНАЛ выдачи печатей", "kk": "Мөрлерді беру ЖУРНАЛЫ",
                           "en": "JOURNAL of the issue of seals"},
          "seal_destruction_act": {"ru": "АКТ об уничтожении печати", "kk": "Мөрді жою туралы АКТ",
                                   "en": "ACT on the destruction of a seal"}}


def sample(form: str, lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"{form}.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def document(form: str, data: dict, lang: str = "ru"):
    return plain_document(render(form, data, lang=lang).to_bytes())


@pytest.mark.parametrize("lang", LANGS)
def test_recoverors_register_columns_rows_and_total_in_words(lang):
    data = sample("recoverors_register", lang)
    doc = document("recoverors_register", data, lang)
    texts = [p.text for p in doc.paragraphs]
    assert TITLES["recoverors_register"][lang] in texts and TOTALS[lang] in texts
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == RECOVERORS[lang]
    assert len(table.rows) == 2 + len(data["recoverors"])


def test_a_recoverors_row_in_russian():
    row = [c.text for c in document("recoverors_register", sample("recoverors_register", "ru")).tables[0].rows[3].cells]
    assert row == ["2", "Ахметов Бауыржан Серикович\nИИН/БИН 920612345673\n050010, г. Алматы, ул. Абая, д. 1, кв. 5",
                   "исполнительный лист\n№ 2-567/2025\n28.01.2025\nМедеуский районный суд г. Алматы",
                   "№ 0201-25-00003\n05.02.2025", "1 230 500,50", "заработная плата"]


@pytest.mark.parametrize("where, value, code", [
    (("debtors", 0, "iin_bin"), "180840012345", "iin_bin.check_digit"),
    (("recoverors", 1, "recoveror", "iin_bin"), "92061234567", "iin_bin.invalid"),
    (("recoverors", 0, "amount"), "100,555", "money.invalid"),
])
def test_a_wrong_iin_bin_or_amount_is_refused_naming_the_field(where, value, code):
    data = with_value(sample("recoverors_register", "ru"), where, value)
    with pytest.raises(InputError) as raised:
        render("recoverors_register", data)
    assert [(p.code, p.loc, p.value) for p in raised.value.problems] == [(code, where, value)]


def test_recoverors_checks_fire_and_stay_silent():
    assert list(validate("recoverors_register", sample("recoverors_register", "ru"))) == []
    data = copy.deepcopy(sample("recoverors_register", "ru"))
    data["recoverors"][0]["proceeding"]["date"] = "2024-12-01"       # before its writ
    data["recoverors"][1]["proceeding"]["date"] = "2025-03-11"       # after the consolidation
    data["recoverors"][2]["proceeding"]["number"] = "0201-25-00001"  # twice
    found = sorted((p.code, p.clause, p.loc) for p in validate("recoverors_register", data))
    assert found == [("recoverors.after_consolidation", "rule 30", ("recoverors", 1, "proceeding", "date")),
                     ("recoverors.before_writ", "rule 27", ("recoverors", 0, "proceeding", "date")),
                     ("recoverors.duplicate_proceeding", "rule 30", ("recoverors", 2, "proceeding", "number"))]
    with pytest.raises(RuleViolationError):
        render("recoverors_register", data)
    single = {**sample("recoverors_register", "ru"), "recoverors": sample("recoverors_register", "ru")["recoverors"][:1]}
    assert [(p.code, p.severity) for p in validate("recoverors_register", single)] == [("recoverors.single", "warning")]


@pytest.mark.parametrize("lang", LANGS)
def test_seal_journal_columns_and_certification(lang):
    data = sample("seal_journal", lang)
    doc = document("seal_journal", data, lang)
    assert [c.text for c in doc.tables[0].rows[0].cells] == JOURNAL[lang]
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == TITLES["seal_journal"][lang]
    certification = {"ru": "В журнале пронумеровано, прошнуровано и скреплено печатью листов: 50 (пятьдесят).",
                     "kk": "Журналда нөмірленген, тігілген және мөрмен бекітілген парақтар: 50 (елу)."}
    if lang in certification:
        assert certification[lang] in texts
    row = [c.text for c in doc.tables[0].rows[2].cells]
    seal = data["entries"][0]["seal"]
    assert row[3] == seal["license"] and row[4] == seal["district"] and row[6] == ""
    assert row[5].splitlines()[-1] in ("Лицензия № 17012345", "Лицензия № 17012399", "License No. 17012345")


def test_seal_checks_inscription_ink_order_and_license():
    data = copy.deepcopy(sample("seal_journal", "ru"))
    data["entries"][0]["seal"]["inscription"] = "ЧСИ Сапаров Арман Болатович, лицензия № 17012345"
    data["entries"][0]["seal"]["ink"] = "black"
    data["entries"][1]["date"] = "2025-01-14"
    data["entries"][1]["seal"]["license"] = "17012345"
    del data["certified"]
    found = sorted((p.code, p.clause, p.loc) for p in validate("seal_journal", data))
    assert found == [("seal.ink", "rule 60", ("entries", 0, "seal", "ink")),
                     ("seal.inscription", "rule 53", ("entries", 0, "seal", "inscription")),
                     ("seal_journal.certification", "rule 55", ("certified_by",)),
                     ("seal_journal.date_order", "rule 55", ("entries", 1, "date")),
                     ("seal_journal.license_conflict", "rule 53", ("entries", 1, "seal", "license"))]
    assert "lacks the district" in str(next(p for p in validate("seal_journal", data) if p.code == "seal.inscription"))
    for lang in LANGS:
        assert list(validate("seal_journal", sample("seal_journal", lang))) == []


@pytest.mark.parametrize("lang", LANGS)
def test_seal_destruction_act(lang):
    data = sample("seal_destruction_act", lang)
    texts = [p.text for p in document("seal_destruction_act", data, lang).paragraphs]
    assert texts[0] == TITLES["seal_destruction_act"][lang]
    method = {"ru": "Способ уничтожения: деформация, исключающая использование печати по назначению.",
              "kk": "Жою тәсілі: мөрді мақсаты бойынша пайдалануға мүмкіндік бермейтін деформация.",
              "en": "Method of destruction: deformation that makes the seal unusable for its purpose."}
    assert method[lang] in texts
    assert list(validate("seal_destruction_act", data)) == []


def test_the_seal_destruction_commission_has_both_bodies():
    data = copy.deepcopy(sample("seal_destruction_act", "ru"))
    data["commission"][0]["body"] = "chamber"
    assert [(p.code, p.clause) for p in validate("seal_destruction_act", data)] == [("seal_act.commission", "rule 58")]
    texts = [p.text for p in document("seal_destruction_act", sample("seal_destruction_act", "ru")).paragraphs]
    assert ("в связи с прекращением действия лицензии частного судебного исполнителя Сапаров Арман Болатович, "
            "лицензия № 17012345 (основание: приказ Департамента юстиции г. Алматы № 512 от 01.12.2025), уничтожила "
            "печать частного судебного исполнителя с текстом:") in texts


@pytest.mark.libreoffice
@pytest.mark.parametrize("form", sorted(TITLES))
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_prints_a4(form, lang, tmp_path, to_pdf):
    pdf = to_pdf(render(form, sample(form, lang), lang=lang).save(tmp_path / f"{form}.{lang}.docx"))
    sizes = pdf_page_sizes_mm(pdf)
    assert sizes and all((round(w), round(h)) == (210, 297) for w, h in sizes)
    assert TITLES[form][lang] in " ".join(pdf_text(pdf).replace("\u00a0", " ").split())


TRANSFER = {"ru": ["№ п/п", "Номер и дата исполнительного производства / индекс дела", "Должник, взыскатель / заголовок дела",
                   "Тома, листы", "Примечание"],
            "kk": ["Р/с №", "Атқарушылық іс жүргізудің нөмірі мен күні / іс индексі",
                   "Борышкер, өндіріп алушы / істің тақырыбы", "Томдар, парақтар", "Ескертпе"],
            "en": ["No.", "Proceeding number and date / case index", "Debtor, recoveror / case heading",
                   "Volumes, sheets", "Note"]}


@pytest.mark.parametrize("lang", LANGS)
def test_acceptance_transfer_act_tables_and_totals(lang):
    data = sample("acceptance_transfer_act", lang)
    doc = document("acceptance_transfer_act", data, lang)
    tables = [t for t in doc.tables if len(t.columns) == 5]
    assert len(tables) == bool(data.get("pending")) + bool(data.get("archive"))
    assert all([c.text for c in t.rows[0].cells] == TRANSFER[lang] for t in tables)
    assert list(validate("acceptance_transfer_act", data)) == []


def test_the_transfer_act_in_russian_counts_in_words():
    doc = document("acceptance_transfer_act", sample("acceptance_transfer_act", "ru"))
    texts = [p.text for p in doc.paragraphs]
    assert "Итого: 2 (два); томов: 3 (три)." in texts and "Итого: 3 (три); томов: 3 (три)." in texts
    assert [c.text for c in doc.tables[1].rows[2].cells] == [
        "1", "№ 0201-25-00001\n10.01.2025", "ТОО «Құрылыс-Сервис»\nТОО «Альфа & Омега»", "томов: 2; листов: 312", ""]


def test_rule_6_a_suspension_sends_the_pending_proceedings_and_informs_within_ten_days():
    from datetime import date

    from pea_docs.rules.transfer import notice_deadline
    assert notice_deadline(date(2025, 12, 15)) == date(2025, 12, 25)  # calendar days, a weekend counted
    data = copy.deepcopy(sample("acceptance_transfer_act", "kk"))
    data["notices"][1]["date"] = "2025-12-26"
    data["archive"] = [{"index": "01-02", "heading": "Журнал"}]
    data["receiving"]["kind"] = "agent"
    found = sorted((p.code, p.clause, p.loc, p.severity) for p in validate("acceptance_transfer_act", data))
    assert found == [("transfer.archive_on_suspension", "rule 6", ("archive",), "error"),
                     ("transfer.notice_late", "rule 6", ("notices", 1, "date"), "error"),
                     ("transfer.receiver", "rule 6", ("receiving", "kind"), "warning")]
    data = {**sample("acceptance_transfer_act", "en"), "pending": [], "archive": []}
    assert [p.code for p in validate("acceptance_transfer_act", data)] == ["transfer.empty"]
    with pytest.raises(InputError) as raised:
        render("acceptance_transfer_act", {**data, "archive": [{"heading": "без индекса"}]})
    assert [(p.code, p.loc) for p in raised.value.problems] == [("transfer.item", ("archive", 0))]


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_prints_the_transfer_act(lang, tmp_path, to_pdf):
    pdf = to_pdf(render("acceptance_transfer_act", sample("acceptance_transfer_act", lang), lang=lang)
                 .save(tmp_path / f"transfer.{lang}.docx"))
    assert all((round(w), round(h)) == (210, 297) for w, h in pdf_page_sizes_mm(pdf))
    assert TRANSFER[lang][4] in pdf_text(pdf)


NOTICE = {"ru": "Уведомляю Вас, что в связи с приостановлением действия лицензии частного судебного исполнителя "
                "исполнительное производство № 0201-25-00001 от 10.01.2025 направлено 15.12.2025 в Региональную палату "
                "частных судебных исполнителей г. Алматы для передачи другому частному судебному исполнителю.",
          "en": "Following the suspension of the license of the private enforcement agent, enforcement proceeding "
                "No. 0201-25-00001 of 10.01.2025 was sent on 15.12.2025 to the Regional Chamber of Private Enforcement "
                "Agents of Almaty to be passed to another private enforcement agent."}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_notice_to_the_parties_is_the_built_in_letter_with_rule_6_text(lang):
    texts = [p.text for p in document("parties_notice", sample("parties_notice", lang), lang).paragraphs]
    assert NOTICE[lang] in texts


@pytest.mark.parametrize("day, codes", [("2025-12-25", []), ("2025-12-26", ["transfer.notice_late"]),
                                        ("2025-12-14", ["transfer.notice_early"])])
def test_the_notice_is_due_within_ten_calendar_days_of_the_sending(day, codes):
    data = {**sample("parties_notice", "kk"), "date": day}
    assert [p.code for p in validate("parties_notice", data)] == codes


@pytest.mark.libreoffice
def test_libreoffice_prints_the_notice(tmp_path, to_pdf):
    pdf = to_pdf(render("parties_notice", sample("parties_notice", "kk"), lang="kk").save(tmp_path / "notice.docx"))
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)]
