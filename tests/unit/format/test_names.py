"""Names in full and with initials (rules 9, 10, 12): Kazakh letters, hyphens, patronymics apart."""

import pytest

from pea_docs.errors import InputError
from pea_docs.format import format_name, initials
from pea_docs.models import Agent, Person

SAPAROV = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович"}


@pytest.mark.parametrize(("style", "expected"), [
    ("full", "Сапаров Арман Болатович"),
    ("initials_surname", "А.Б. Сапаров"),
    ("surname_initials", "Сапаров А.Б."),
])
@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_styles_of_issue_2(style, expected, lang):
    assert format_name(SAPAROV, style, lang=lang) == expected


def test_default_style_is_full():
    assert format_name(SAPAROV) == "Сапаров Арман Болатович"


@pytest.mark.parametrize(("person", "style", "expected"), [
    pytest.param({"surname": "Сапаров", "name": "Арман"}, "initials_surname", "А. Сапаров", id="no-patronymic"),
    pytest.param({"surname": "Сапаров", "name": "Арман"}, "surname_initials", "Сапаров А.", id="no-patronymic-2"),
    pytest.param({"surname": "Сапаров", "name": "Арман"}, "full", "Сапаров Арман", id="no-patronymic-full"),
    pytest.param({"surname": "Әлиев", "name": "Әлі", "patronymic": "Ғаниұлы"}, "surname_initials",
                 "Әлиев Ә.Ғ.", id="kazakh-letters"),
    pytest.param({"surname": "Өмірзақов", "name": "Ұлан", "patronymic": "Іскендірұлы"}, "initials_surname",
                 "Ұ.І. Өмірзақов", id="kazakh-capitals"),
    pytest.param({"surname": "Иванова", "name": "Анна-Мария", "patronymic": "Петровна"}, "surname_initials",
                 "Иванова А.-М.П.", id="hyphenated-name"),
    pytest.param({"surname": "Иванова-Петрова", "name": "Анна"}, "initials_surname", "А. Иванова-Петрова",
                 id="hyphenated-surname"),
    pytest.param({"surname": "Сапаров", "name": "Арман", "patronymic": "Болат ұлы"}, "surname_initials",
                 "Сапаров А.Б.", id="patronymic-written-apart"),
    pytest.param({"surname": "Сапарова", "name": "Айгүл", "patronymic": "Болат қызы"}, "full",
                 "Сапарова Айгүл Болат қызы", id="patronymic-apart-full"),
    pytest.param({"surname": "Сапарова", "name": "Айгүл", "patronymic": "Болатқызы"}, "surname_initials",
                 "Сапарова А.Б.", id="patronymic-one-word"),
    pytest.param({"surname": " Сапаров ", "name": "арман", "patronymic": "  "}, "surname_initials",
                 "Сапаров А.", id="spaces-and-lower-case"),
])
def test_examples(person, style, expected):
    assert format_name(person, style) == expected


def test_initials():
    assert initials(SAPAROV) == "А.Б."
    assert initials({"surname": "Иванова", "name": "Анна-Мария"}) == "А.-М."
    assert initials({"surname": "Әлиев", "name": "Әлі", "patronymic": "Ғани ұлы"}) == "Ә.Ғ."


def test_models_are_accepted():
    assert format_name(Person(**SAPAROV), "initials_surname") == "А.Б. Сапаров"
    agent = Agent(**SAPAROV, license="17012345", territory="г. Алматы", address="г. Алматы")
    assert format_name(agent, "surname_initials") == "Сапаров А.Б."


def test_an_agent_dict_is_read_for_the_name():
    agent = {**SAPAROV, "license": "17012345", "territory": "г. Алматы", "address": "г. Алматы"}
    assert format_name(agent, "surname_initials") == "Сапаров А.Б."


def test_missing_surname_names_the_field_and_rule_12():
    with pytest.raises(InputError) as exc:
        format_name({"name": "Арман"})
    (problem,) = exc.value.problems
    assert (problem.code, problem.loc, problem.clause) == ("field.missing", ("surname",), "rule 12")
    assert "surname" in str(exc.value) and "rule 12" in str(exc.value)


def test_unknown_key_gets_a_hint():
    with pytest.raises(InputError) as exc:
        format_name({"surname": "Сапаров", "nmae": "Арман"})
    assert "did you mean 'name'" in str(exc.value)
    assert "field.unknown" in {p.code for p in exc.value.problems}


def test_unknown_style_and_language_are_refused():
    with pytest.raises(InputError) as exc:
        format_name(SAPAROV, "initials")  # type: ignore[arg-type]
    assert exc.value.problems[0].code == "option.invalid"
    with pytest.raises(InputError) as exc:
        format_name(SAPAROV, lang="de")
    assert exc.value.problems[0].code == "lang.unknown"


def test_not_a_person_is_refused():
    with pytest.raises(InputError):
        format_name("Сапаров А.Б.")
