"""The signature block (rule 12): position, place to sign, clarification."""

import dataclasses

import pytest

from pea_docs.errors import InputError
from pea_docs.format import Signature, format_signature
from pea_docs.format.signature import SIGNATURE_PLACE
from pea_docs.models import Agent, Person

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы", "address": "г. Алматы, ул. Абая, 1"}


@pytest.mark.parametrize(("lang", "position"), [
    ("ru", "Частный судебный исполнитель"),
    ("kk", "Жеке сот орындаушысы"),
    ("en", "Private enforcement agent"),
])
def test_agent_gets_the_default_position(lang, position):
    sig = format_signature(AGENT, lang=lang)
    assert sig == Signature(position, SIGNATURE_PLACE, "А.Б. Сапаров")
    assert sig.lines() == [position, SIGNATURE_PLACE, "А.Б. Сапаров"]
    assert str(sig) == f"{position} {SIGNATURE_PLACE} А.Б. Сапаров"
    assert format_signature(Agent(**AGENT), lang=lang) == sig


def test_person_with_position():
    sig = format_signature(Person(surname="Әлиев", name="Әлі", patronymic="Ғаниұлы",
                                  position="заместитель руководителя региональной палаты"), lang="kk")
    assert sig.position == "заместитель руководителя региональной палаты"
    assert sig.clarification == "Ә.Ғ. Әлиев"


def test_person_without_position_has_an_empty_one():
    sig = format_signature({"surname": "Сапаров", "name": "Арман"})
    assert sig.position == "" and sig.lines() == [SIGNATURE_PLACE, "А. Сапаров"]


def test_position_argument_wins():
    assert format_signature(AGENT, position="Председатель ЭПК").position == "Председатель ЭПК"


def test_signature_place_is_underscores_and_block_is_frozen():
    sig = format_signature(AGENT)
    assert set(sig.signature_place) == {"_"} and len(sig.signature_place) >= 10
    with pytest.raises(dataclasses.FrozenInstanceError):
        sig.position = "x"  # type: ignore[misc]


def test_missing_surname_names_rule_12():
    with pytest.raises(InputError) as exc:
        format_signature({"name": "Арман", "position": "x"})
    assert [(p.loc, p.clause) for p in exc.value.problems] == [(("surname",), "rule 12")]


def test_unknown_key_gets_a_hint():
    with pytest.raises(InputError, match="did you mean 'position'"):
        format_signature({"surname": "Сапаров", "name": "Арман", "positon": "x"})
