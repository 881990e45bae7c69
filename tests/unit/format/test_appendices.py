"""The appendix mark (rule 13): sheets and copies of each; only those when the text names them."""

import pytest

from pea_docs.errors import InputError
from pea_docs.format import format_appendices
from pea_docs.models import Appendix

ONE = {"ru": {"title": "копия постановления", "sheets": 2, "copies": 1},
       "kk": {"title": "қаулының көшірмесі", "sheets": 2, "copies": 1},
       "en": {"title": "copy of the resolution", "sheets": 2, "copies": 1}}


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", "Приложение: копия постановления на 2 л. в 1 экз."),
    ("kk", "Қосымша: қаулының көшірмесі 2 парақта 1 данада"),
    ("en", "Appendix: copy of the resolution, 2 sheets, 1 copy"),
])
def test_one_appendix(lang, expected):
    assert format_appendices([ONE[lang]], lang=lang) == [expected]
    assert format_appendices([Appendix(**ONE[lang])], lang=lang) == [expected]


def test_several_are_numbered():
    lines = format_appendices([ONE["ru"], {"title": "копия акта описи", "sheets": 1, "copies": 2}])
    assert lines == ["Приложение:",
                     "1. копия постановления на 2 л. в 1 экз.",
                     "2. копия акта описи на 1 л. в 2 экз."]


def test_several_in_english_and_kazakh():
    assert format_appendices([ONE["en"], {"title": "inventory", "sheets": 1, "copies": 3}], lang="en") == [
        "Appendices:", "1. copy of the resolution, 2 sheets, 1 copy", "2. inventory, 1 sheet, 3 copies"]
    assert format_appendices([ONE["kk"], {"title": "тізімдеме", "sheets": 1, "copies": 3}], lang="kk") == [
        "Қосымша:", "1. қаулының көшірмесі 2 парақта 1 данада", "2. тізімдеме 1 парақта 3 данада"]


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", "Приложение: на 3 л. в 2 экз."),
    ("kk", "Қосымша: 3 парақта 2 данада"),
    ("en", "Appendix: 3 sheets, 2 copies"),
])
def test_mentioned_in_text_gives_only_sheets_and_copies(lang, expected):
    appendix = {"title": "копия постановления", "sheets": 3, "copies": 2}
    assert format_appendices([appendix], mentioned_in_text=True, lang=lang) == [expected]


def test_several_mentioned_with_the_same_copies_add_up_sheets():
    items = [{"sheets": 2, "copies": 1}, {"sheets": 3, "copies": 1}]
    assert format_appendices(items, mentioned_in_text=True) == ["Приложение: на 5 л. в 1 экз."]


def test_several_mentioned_with_different_copies_are_numbered_without_titles():
    items = [{"title": "a", "sheets": 2, "copies": 1}, {"title": "b", "sheets": 3, "copies": 2}]
    assert format_appendices(items, mentioned_in_text=True) == [
        "Приложение:", "1. на 2 л. в 1 экз.", "2. на 3 л. в 2 экз."]


def test_no_appendices_no_lines():
    assert format_appendices([]) == []


def test_one_appendix_given_alone():
    assert format_appendices(ONE["ru"]) == ["Приложение: копия постановления на 2 л. в 1 экз."]


def test_appendix_without_title_gives_sheets_and_copies():
    assert format_appendices([{"sheets": 2, "copies": 1}]) == ["Приложение: на 2 л. в 1 экз."]


@pytest.mark.parametrize(("appendix", "code", "loc"), [
    ({"title": "x", "copies": 1}, "appendix.sheets_missing", (1, "sheets")),
    ({"title": "x", "sheets": 1}, "appendix.copies_missing", (1, "copies")),
    ({"title": "x", "sheets": 0, "copies": 1}, "appendix.sheets_invalid", (1, "sheets")),
    ({"title": "x", "sheets": 1, "copies": -2}, "appendix.copies_invalid", (1, "copies")),
])
def test_bad_sheets_or_copies_name_rule_13_and_the_index(appendix, code, loc):
    with pytest.raises(InputError) as exc:
        format_appendices([ONE["ru"], appendix])
    (problem,) = exc.value.problems
    assert (problem.code, problem.loc, problem.clause) == (code, loc, "rule 13")


def test_not_a_list_is_refused():
    with pytest.raises(InputError):
        format_appendices("копия постановления")
