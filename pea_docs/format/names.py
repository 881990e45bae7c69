"""Names of people: in full, and with initials (rules 10 and 12, Appendix 3).

A signature is clarified by the initials and the surname (``А.Б. Сапаров``,
rule 12); an individual addressee and the registration stamp take the surname
and the initials (``Сапаров А.Б.``, rule 10, Appendix 3). Names are printed as
written: Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І) are kept, hyphenated given names
give hyphenated initials, and a Kazakh patronymic written apart («Болат ұлы»)
gives the initial of its first word only.

>>> person = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович"}
>>> format_name(person)
'Сапаров Арман Болатович'
>>> format_name(person, "initials_surname")
'А.Б. Сапаров'
>>> format_name(person, "surname_initials")
'Сапаров А.Б.'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

from pea_docs.errors import InputError, Problem
from pea_docs.errors.codes import register_code
from pea_docs.format.cases import KAZAKH_CASES, RUSSIAN_CASES, decline_kazakh, decline_russian, detect_gender
from pea_docs.locale import check_lang
from pea_docs.models import Agent, Person, coerce

__all__ = ["NameStyle", "format_name", "initials", "person_model"]

NameStyle = Literal["full", "initials_surname", "surname_initials"]
_STYLES: tuple[str, ...] = ("full", "initials_surname", "surname_initials")
# the cases a name takes in each language: English names do not change, but take every case name,
# so that one template serves the three languages
_CASES: dict[str, tuple[str, ...]] = {"ru": RUSSIAN_CASES, "kk": KAZAKH_CASES,
                                      "en": tuple(dict.fromkeys(RUSSIAN_CASES + KAZAKH_CASES))}

register_code("name.gender_unknown", "", "a Russian case asked of a name whose gender neither the data nor the "
              "name shows")

# An agent's block (DATA.md) is a person with more fields; a dict of it is read
# for the name alone, so those fields are not "unknown" here.
_AGENT_ONLY = frozenset(Agent.model_fields) - frozenset(Person.model_fields)


class _Name(NamedTuple):
    surname: str
    name: str
    patronymic: str | None


def _missing(field: str, what: str) -> Problem:
    return Problem("field.missing", "rule 12", (field,), None, f"is required: {what}")


def _name_parts(person: Any) -> _Name:
    """Return the surname, given name and patronymic of a person given as a model or a dict.

    Any model with ``surname`` and ``name`` (a person, an agent, a commission
    member) is read as it is; a dict is validated as a person, so a misspelt
    key gets a "did you mean" hint and a missing surname names rule 12.

    Raises:
        InputError: the surname or the given name is missing, or a key is unknown.

    >>> _name_parts({"surname": "Әлиев", "name": "Әли"})
    _Name(surname='Әлиев', name='Әли', patronymic=None)
    """
    person = person_model(person)
    surname = _clean(getattr(person, "surname", None))
    name = _clean(getattr(person, "name", None))
    problems = []
    if not surname:
        problems.append(_missing("surname", "the surname"))
    if not name:
        problems.append(_missing("name", "the given name"))
    if problems:
        raise InputError(problems)
    return _Name(surname, name, _clean(getattr(person, "patronymic", None)) or None)


def person_model(person: Any) -> BaseModel:
    """Return a person as a model: a dict validated as a person (an agent's own keys set aside), a model as is.

    Raises:
        InputError: a dict that is not a person's block (a key unknown, a malformed IIN, phone, e-mail),
            or a value that is no person at all (``value.type``).

    >>> person_model({"surname": "Сапаров", "name": "Арман", "license": "1"}).surname
    'Сапаров'
    """
    if isinstance(person, Mapping):
        person = coerce(Person, {k: v for k, v in person.items() if k not in _AGENT_ONLY})
    if not isinstance(person, BaseModel):
        raise InputError([Problem("value.type", "rule 12", (), person,
                                  "must be a person: {surname, name, patronymic?}")])
    return person


def _clean(text: Any) -> str:
    # collapse the spaces users leave between and around words
    return " ".join(str(text).split()) if text is not None else ""


def _initial(word: str) -> str:
    """Return the initial of one word: its first letter in capitals and a dot."""
    letters = [c for c in word if c.isalpha()]
    return f"{letters[0].upper()}." if letters else ""


def _given_name_initials(name: str) -> str:
    # «Анна-Мария» -> «А.-М.»; two given names written apart -> «А.М.»
    return "".join("-".join(filter(None, (_initial(part) for part in word.split("-"))))
                   for word in name.split())


def _patronymic_initial(patronymic: str | None) -> str:
    # «Болат ұлы» (written apart) -> «Б.»: «ұлы»/«қызы» are not a second name
    return _initial(patronymic.split()[0]) if patronymic else ""


def initials(person: Any) -> str:
    """Return the initials of the given name and patronymic: ``А.Б.`` (rules 10, 12).

    Args:
        person: a person model (or any model with ``surname`` and ``name``) or a dict.

    Raises:
        InputError: the surname or given name is missing (rule 12), or a key is unknown.

    >>> initials({"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович"})
    'А.Б.'
    >>> initials({"surname": "Әлиев", "name": "Әлі", "patronymic": "Ғаниұлы"})
    'Ә.Ғ.'
    >>> initials({"surname": "Иванова", "name": "Анна-Мария"})
    'А.-М.'
    >>> initials({"surname": "Сапаров", "name": "Арман", "patronymic": "Болат ұлы"})
    'А.Б.'
    """
    parts = _name_parts(person)
    return _given_name_initials(parts.name) + _patronymic_initial(parts.patronymic)


def format_name(person: Any, style: NameStyle | str = "full", *, lang: str = "ru",
                case: str = "nominative") -> str:
    """Return a person's name in full or with initials (rules 9, 10, 12), in a grammatical case.

    Args:
        person: a person model (or any model with ``surname`` and ``name``) or a dict
            ``{surname, name, patronymic?, gender?}``.
        style: ``"full"`` (``Сапаров Арман Болатович``, rule 9), ``"initials_surname"``
            (``А.Б. Сапаров``, the clarification of a signature, rule 12) or
            ``"surname_initials"`` (``Сапаров А.Б.``, an addressee, rule 10; the stamp).
            A case name here means the full name in that case: ``format_name(p, "dative")``.
        lang: ``"ru"``, ``"kk"`` or ``"en"``; names are printed as written in every language.
        case: ``"nominative"`` (as written); in Russian ``"genitive"``, ``"dative"``,
            ``"accusative"``, ``"instrumental"``, ``"prepositional"``
            («взыскать с Ахметова Б.С.», «Ахметову Б.С.»); in Kazakh ``"genitive"``,
            ``"dative"``, ``"accusative"``, ``"locative"``, ``"ablative"``, ``"instrumental"``
            — the ending on the last word, the initials first (``Б.С. Ахметовке``); English
            names do not change. See :mod:`pea_docs.format.cases`.

    Russian needs the gender: ``gender: male | female``, else what the patronymic,
    the given name or the surname shows.

    Raises:
        InputError: the surname or given name is missing (``field.missing``, rule 12),
            a key is unknown (``field.unknown``, with a "did you mean" hint), the
            style or case is unknown (``option.invalid``), or a Russian case is asked
            of a name whose gender neither the data nor the name tells (``name.gender_unknown``).

    >>> format_name({"surname": "Сапаров", "name": "Арман"}, "initials_surname")
    'А. Сапаров'
    >>> format_name({"surname": "Әлиев", "name": "Әлі", "patronymic": "Ғаниұлы"},
    ...             "surname_initials")
    'Әлиев Ә.Ғ.'
    >>> format_name({"nmae": "Арман", "surname": "Сапаров"})
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: name: is required: the given name (rule 12)
    nmae: 'Арман' is not a field of a person; did you mean 'name'? (rule 12)
    """
    check_lang(lang)
    if style in _CASES[lang] + RUSSIAN_CASES + KAZAKH_CASES and case == "nominative":
        style, case = "full", style  # name('dative'): the full name in the dative
    if style not in _STYLES:
        raise InputError([Problem("option.invalid", "", ("style",), style,
                                  f"is not a name style; use one of {', '.join(_STYLES)}")])
    if case not in _CASES[lang]:
        raise InputError([Problem("option.invalid", "", ("case",), case,
                                  f"is not a case of names in {lang}; use one of {', '.join(_CASES[lang])}")])
    model = person_model(person)
    parts = _name_parts(model)
    letters = _given_name_initials(parts.name) + _patronymic_initial(parts.patronymic)
    if case != "nominative" and lang == "ru":
        gender = _gender(model, parts)
        parts = _Name(decline_russian(parts.surname, "lastname", gender, case),
                      decline_russian(parts.name, "firstname", gender, case),
                      decline_russian(parts.patronymic, "middlename", gender, case) if parts.patronymic else None)
    if case != "nominative" and lang == "kk":
        if style != "full":  # the Kazakh ending goes on the last word: the surname, after the initials
            return f"{letters} {decline_kazakh(parts.surname, case)}"
        words = " ".join(filter(None, parts)).split(" ")
        return " ".join([*words[:-1], decline_kazakh(words[-1], case)])
    if style == "full":
        return " ".join(filter(None, parts))
    if style == "initials_surname":
        return f"{letters} {parts.surname}"
    return f"{parts.surname} {letters}"


def _gender(person: BaseModel, parts: _Name) -> str:
    gender = getattr(person, "gender", None) or detect_gender(parts.surname, parts.name, parts.patronymic)
    if gender is None:
        raise InputError([Problem("name.gender_unknown", "", ("gender",), None,
                                  f"is needed to decline «{parts.surname} {parts.name}»: neither the patronymic, "
                                  "the given name nor the surname shows it; write gender: male or female")])
    return str(gender)
