"""The addressee block (rule 10): organization name, unit, address; individual address, then name."""

import pytest

from pea_docs.errors import InputError
from pea_docs.format import format_addressee
from pea_docs.models import Individual, Organization, Person

BANK = {"organization": "АО «Банк»", "address": "050000, г. Алматы, пр. Достык, 10"}
PERSON = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович",
          "address": "050000, г. Алматы, ул. Абая, д. 1, кв. 5"}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_organization_name_then_address(lang):
    assert format_addressee(BANK, lang=lang) == ["АО «Банк»", "050000, г. Алматы, пр. Достык, 10"]


def test_organization_with_unit():
    lines = format_addressee({**BANK, "unit": "Департамент взыскания"})
    assert lines == ["АО «Банк»", "Департамент взыскания", "050000, г. Алматы, пр. Достык, 10"]


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_individual_address_first_then_surname_and_initials(lang):
    assert format_addressee(PERSON, lang=lang) == ["050000, г. Алматы, ул. Абая, д. 1, кв. 5",
                                                   "Сапаров А.Б."]


def test_kazakh_individual_without_patronymic():
    lines = format_addressee({"surname": "Әлиев", "name": "Ғалым", "address": "Алматы қ., Абай д-лы, 1"},
                             lang="kk")
    assert lines == ["Алматы қ., Абай д-лы, 1", "Әлиев Ғ."]


def test_models_are_accepted():
    assert format_addressee(Organization(**BANK))[0] == "АО «Банк»"
    assert format_addressee(Individual(**PERSON))[-1] == "Сапаров А.Б."
    assert format_addressee(Person(**PERSON))[-1] == "Сапаров А.Б."


def test_address_on_several_lines_keeps_them():
    lines = format_addressee({**BANK, "address": "050000, г. Алматы\nпр. Достык, 10\n"})
    assert lines == ["АО «Банк»", "050000, г. Алматы", "пр. Достык, 10"]


def test_individual_without_address_names_rule_10():
    with pytest.raises(InputError) as exc:
        format_addressee({"surname": "Сапаров", "name": "Арман"})
    (problem,) = exc.value.problems
    assert (problem.code, problem.loc, problem.clause) == (
        "addressee.address_missing", ("address",), "rule 10")


def test_organization_without_address_names_rule_10():
    with pytest.raises(InputError) as exc:
        format_addressee({"organization": "АО «Банк»"})
    assert [(p.code, p.loc, p.clause) for p in exc.value.problems] == [
        ("addressee.address_missing", ("address",), "rule 10")]


def test_unknown_key_gets_a_hint():
    with pytest.raises(InputError, match="did you mean 'address'"):
        format_addressee({"organization": "АО «Банк»", "adress": "г. Алматы"})


def test_not_a_recipient_is_refused():
    with pytest.raises(InputError):
        format_addressee(["АО «Банк»"])
