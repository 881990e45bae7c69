"""Names in grammatical cases (issue 13): Russian by the petrovich rules with ours, Kazakh endings by harmony."""

from __future__ import annotations

import pytest
from name_list import HOLDOUT, LIST, full_names, words

from pea_docs.errors import InputError
from pea_docs.format.cases import decline_kazakh, decline_russian, detect_gender
from pea_docs.format.names import format_name

AKHMETOV = {"surname": "Ахметов", "name": "Бауыржан", "patronymic": "Серикович"}
SAPAROVA = {"surname": "Сапарова", "name": "Айгерим", "patronymic": "Болатовна"}


@pytest.mark.parametrize("path, count", [(LIST, 200), (HOLDOUT, 100)], ids=["list", "holdout"])
@pytest.mark.parametrize("case", ["genitive", "dative"])
def test_every_full_name_of_the_hand_written_lists(path, count, case):
    # the expected forms are written by hand (tests/data/names); tools/name_cases.py compares libraries
    wrong = [(p.expected(case), format_name(p.as_dict(), case=case)) for p in full_names(count, path)
             if format_name(p.as_dict(), case=case) != p.expected(case)]
    assert wrong == []


def test_the_lists_hold_what_the_issue_names():
    listed = words() + words(HOLDOUT)
    nominative = {w.nominative for w in listed}
    assert {"Ахметов-Сапаров", "Ахметова-Сапарова"} <= nominative                      # hyphenated
    assert {"Шевченко", "Черных", "Ли", "Гюго", "Байтұрсынұлы"} <= nominative          # indeclinable
    assert {"Болат ұлы", "Болат қызы", "Қуанышұлы", "Серікқызы"} <= nominative         # Kazakh patronymics
    assert {w.gender for w in listed if w.kind == "surname"} == {"m", "f"}
    assert len(full_names(200)) == 200 and len({p.expected("dative") for p in full_names(200)}) > 150


@pytest.mark.parametrize("case, male, female", [
    ("nominative", "Ахметов Бауыржан Серикович", "Сапарова Айгерим Болатовна"),
    ("genitive", "Ахметова Бауыржана Сериковича", "Сапаровой Айгерим Болатовны"),
    ("dative", "Ахметову Бауыржану Сериковичу", "Сапаровой Айгерим Болатовне"),
    ("accusative", "Ахметова Бауыржана Сериковича", "Сапарову Айгерим Болатовну"),
    ("instrumental", "Ахметовым Бауыржаном Сериковичем", "Сапаровой Айгерим Болатовной"),
    ("prepositional", "Ахметове Бауыржане Сериковиче", "Сапаровой Айгерим Болатовне"),
])
def test_the_six_russian_cases(case, male, female):
    assert format_name(AKHMETOV, case=case) == male
    assert format_name(SAPAROVA, case=case) == female


def test_styles_with_initials_keep_the_initials_and_decline_the_surname():
    assert format_name(AKHMETOV, "surname_initials", case="genitive") == "Ахметова Б.С."   # «взыскать с Ахметова Б.С.»
    assert format_name(AKHMETOV, "initials_surname", case="dative") == "Б.С. Ахметову"
    assert format_name(AKHMETOV, "dative") == "Ахметову Бауыржану Сериковичу"              # name('dative')


def test_the_gender_comes_from_the_data_or_the_name_else_a_clear_error():
    assert detect_gender("Ли", "Саша", None) is None
    assert format_name({"surname": "Ли", "name": "Саша", "gender": "female"}, case="dative") == "Ли Саше"
    assert format_name({"surname": "Ким", "name": "Саша", "gender": "male"}, case="genitive") == "Кима Саши"
    with pytest.raises(InputError) as raised:
        format_name({"surname": "Ким", "name": "Саша"}, case="dative")
    [problem] = raised.value.problems
    assert (problem.code, problem.loc) == ("name.gender_unknown", ("gender",))
    assert "write gender: male or female" in problem.message
    assert format_name({"surname": "Ким", "name": "Саша"}) == "Ким Саша"  # the nominative needs no gender


def test_an_unknown_case_is_refused_per_language():
    with pytest.raises(InputError) as raised:
        format_name(AKHMETOV, case="locative")  # a Kazakh case, not a Russian one
    assert raised.value.problems[0].code == "option.invalid"
    with pytest.raises(InputError):
        format_name(AKHMETOV, lang="kk", case="prepositional")
    assert format_name(AKHMETOV, lang="en", case="dative") == "Ахметов Бауыржан Серикович"  # English: as written


@pytest.mark.parametrize("word, forms", [
    # genitive, dative, accusative, locative, ablative, instrumental
    ("Ахметов", ["Ахметовтің", "Ахметовке", "Ахметовті", "Ахметовте", "Ахметовтен", "Ахметовпен"]),
    ("Сапаров", ["Сапаровтың", "Сапаровқа", "Сапаровты", "Сапаровта", "Сапаровтан", "Сапаровпен"]),
    ("Назарбаев", ["Назарбаевтың", "Назарбаевқа", "Назарбаевты", "Назарбаевта", "Назарбаевтан", "Назарбаевпен"]),
    ("Ахметова", ["Ахметованың", "Ахметоваға", "Ахметованы", "Ахметовада", "Ахметовадан", "Ахметовамен"]),
    ("Бауыржан", ["Бауыржанның", "Бауыржанға", "Бауыржанды", "Бауыржанда", "Бауыржаннан", "Бауыржанмен"]),
    ("Әлі", ["Әлінің", "Әліге", "Әліні", "Әліде", "Әліден", "Әлімен"]),
    ("Ерғали", ["Ерғалидың", "Ерғалиға", "Ерғалиды", "Ерғалида", "Ерғалидан", "Ерғалимен"]),
    ("Серікұлы", ["Серікұлының", "Серікұлына", "Серікұлын", "Серікұлында", "Серікұлынан", "Серікұлымен"]),
    ("Болатқызы", ["Болатқызының", "Болатқызына", "Болатқызын", "Болатқызында", "Болатқызынан",
                   "Болатқызымен"]),
    ("Тәжібай", ["Тәжібайдың", "Тәжібайға", "Тәжібайды", "Тәжібайда", "Тәжібайдан", "Тәжібаймен"]),
    ("Ахметжүз", ["Ахметжүздің", "Ахметжүзге", "Ахметжүзді", "Ахметжүзде", "Ахметжүзден", "Ахметжүзбен"]),
    ("Айгерім", ["Айгерімнің", "Айгерімге", "Айгерімді", "Айгерімде", "Айгерімнен", "Айгеріммен"]),
])
def test_kazakh_case_endings_follow_vowel_harmony_and_the_last_sound(word, forms):
    cases = ["genitive", "dative", "accusative", "locative", "ablative", "instrumental"]
    assert [decline_kazakh(word, case) for case in cases] == forms


def test_kazakh_puts_the_ending_on_the_last_word_and_the_initials_first():
    person = {"surname": "Ахметов", "name": "Бауыржан", "patronymic": "Серікұлы"}
    assert format_name(person, lang="kk", case="dative") == "Ахметов Бауыржан Серікұлына"
    assert format_name(person, "surname_initials", lang="kk", case="dative") == "Б.С. Ахметовке"
    assert format_name({"surname": "Сапаров", "name": "Арман"}, lang="kk", case="genitive") == "Сапаров Арманның"


def test_a_two_word_kazakh_patronymic_does_not_decline_in_russian():
    assert decline_russian("Болат ұлы", "middlename", "male", "genitive") == "Болат ұлы"
    person = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болат ұлы"}
    assert format_name(person, "surname_initials", case="dative") == "Сапарову А.Б."
