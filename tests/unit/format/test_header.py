"""The agent's header and the title in capitals (rule 9)."""

import pytest

from pea_docs.errors import InputError
from pea_docs.format import format_header, format_title
from pea_docs.models import Agent

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы",
         "address": "050000, г. Алматы, ул. Абая, д. 1, оф. 5"}


@pytest.mark.parametrize(("lang", "position", "license_line"), [
    ("ru", "Частный судебный исполнитель", "Лицензия № 17012345"),
    ("kk", "Жеке сот орындаушысы", "Лицензия № 17012345"),
    ("en", "Private enforcement agent", "License No. 17012345"),
])
def test_header_lines(lang, position, license_line):
    assert format_header(AGENT, lang=lang) == [
        position,
        "Сапаров Арман Болатович",
        "050000, г. Алматы, ул. Абая, д. 1, оф. 5",
        "исполнительный округ г. Алматы",
        license_line,
    ]


def test_header_without_patronymic_and_with_phone():
    agent = {**AGENT, "patronymic": None, "phone": "+7 727 000 00 00"}
    lines = format_header(Agent(**agent), lang="ru")
    assert lines[1] == "Сапаров Арман"
    assert lines[-1] == "Тел. +7 727 000 00 00"


def test_own_position_is_kept():
    assert format_header({**AGENT, "position": "ЧСИ"})[0] == "ЧСИ"


def test_missing_territory_names_rule_9():
    agent = dict(AGENT)
    del agent["territory"]
    with pytest.raises(InputError) as exc:
        format_header(agent)
    (problem,) = exc.value.problems
    assert (problem.code, problem.loc, problem.clause) == (
        "header.territory_missing", ("territory",), "rule 9")


def test_unknown_key_gets_a_hint():
    with pytest.raises(InputError, match="did you mean 'territory'"):
        format_header({**AGENT, "teritory": "x"})


@pytest.mark.parametrize(("kind", "lang", "expected"), [
    ("resolution", "ru", "ПОСТАНОВЛЕНИЕ"),
    ("request", "ru", "ЗАПРОС"),
    ("act", "ru", "АКТ"),
    ("minutes", "ru", "ПРОТОКОЛ"),
    ("presentation", "ru", "ПРЕДСТАВЛЕНИЕ"),
    ("letter", "ru", "ПИСЬМО"),
    ("cover letter", "ru", "СОПРОВОДИТЕЛЬНОЕ ПИСЬМО"),
    ("notice", "ru", "ИЗВЕЩЕНИЕ"),
    ("resolution", "kk", "ҚАУЛЫ"),
    ("request", "kk", "СҰРАУ САЛУ"),
    ("act", "kk", "АКТ"),
    ("minutes", "kk", "ХАТТАМА"),
    ("cover_letter", "kk", "ІЛЕСПЕ ХАТ"),
    ("request", "en", "REQUEST"),
    ("Cover-Letter", "en", "COVER LETTER"),
    ("resolution", "en", "RESOLUTION"),
])
def test_known_kinds_are_translated_in_capitals(kind, lang, expected):
    assert format_title(kind, lang=lang) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("о наложении ареста", "О НАЛОЖЕНИИ АРЕСТА"),
    ("мүлікке тыйым салу туралы қаулы", "МҮЛІККЕ ТЫЙЫМ САЛУ ТУРАЛЫ ҚАУЛЫ"),
    ("өңірлік палата һәм әділет", "ӨҢІРЛІК ПАЛАТА ҺӘМ ӘДІЛЕТ"),
    ("  act   on allocation ", "ACT ON ALLOCATION"),
])
def test_other_text_is_upper_cased_with_kazakh_letters(text, expected):
    assert format_title(text) == expected


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_title_names_rule_9(text):
    with pytest.raises(InputError) as exc:
        format_title(text)  # type: ignore[arg-type]
    assert (exc.value.problems[0].code, exc.value.problems[0].clause) == ("title.empty", "rule 9")
