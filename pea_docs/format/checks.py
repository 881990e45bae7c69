"""Checks of clauses 9–14: the parts every document is built from.

Each check takes a model or a plain dict, never raises, and returns every
:class:`~pea_docs.errors.Problem` it finds (an empty list when all is well). A
dict with missing fields is reported, not refused; a misspelt key is reported
as ``field.unknown`` with the key that was meant.

>>> [p.code for p in check_header({"surname": "Сапаров", "name": "Арман", "license": "17012345",
...                                "address": "050000, г. Алматы, ул. Абая, 1"})]
['header.territory_missing']
>>> check_title("Постановление")[0].code
'title.not_capitals'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from pea_docs.errors import InputError, Problem
from pea_docs.errors.codes import check, register_code
from pea_docs.format.names import person_model
from pea_docs.locale.dates import parse_date
from pea_docs.models import Agent, Appendix, Individual, Organization, Person, coerce

__all__ = [
    "check_addressee",
    "check_appendices",
    "check_date_text",
    "check_header",
    "check_person",
    "check_reply_reference",
    "check_signature",
    "check_title",
]

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")

register_code("header.license_missing", "rule 53",
              "the agent's license number is missing from the header")


def _as_dict(data: Any) -> dict[str, Any] | None:
    if isinstance(data, BaseModel):
        return data.model_dump()
    if isinstance(data, Mapping):
        return dict(data)
    return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# what a person's block may hold beyond the name: its identifiers, refused when malformed
_IDENTIFIER_CODES = frozenset({"iin_bin.invalid", "iin_bin.check_digit", "phone.invalid", "email.invalid",
                               "date.invalid", "date.format"})


def _unknown_keys(model: type[BaseModel], data: Any, ignore: Iterable[str] = ()) -> list[Problem]:
    """Return the ``field.unknown`` problems of a dict (with their "did you mean" hints), and its
    malformed identifiers (IIN/BIN, phone, e-mail, date of birth).

    A model has been validated already (a commission member, a register's party may
    be any model with the fields a check reads), so only a dict's keys are checked.
    The checks of the Rules report a missing field themselves, with its clause.
    """
    if not isinstance(data, Mapping):
        return []
    skip = set(ignore)
    try:
        coerce(model, {k: v for k, v in data.items() if k not in skip})
    except InputError as exc:
        return [p for p in exc.problems if p.code == "field.unknown" or p.code in _IDENTIFIER_CODES]
    return []


def check_person(person: Any) -> list[Problem]:
    """Return the problems of a person's block as a name is printed from it: the name, the keys, the
    identifiers (rule 12).

    >>> [(p.code, p.loc) for p in check_person({"surname": "Ахметов", "name": "Бауыржан", "iin": "920612345670"})]
    [('iin_bin.check_digit', ('iin',))]
    >>> check_person({"surname": "Ахметов", "name": "Бауыржан", "iin": "920612345673", "phone": "+7 701 1234567"})
    []
    """
    if isinstance(person, BaseModel):
        return []  # validated when it was made
    if not isinstance(person, Mapping):
        return _not_a_mapping(person, "rule 12", "a person: {surname, name, patronymic?}")
    try:
        person_model(person)  # as format_name reads it
    except InputError as exc:
        return list(exc.problems)
    return []


def _not_a_mapping(value: Any, clause: str, what: str) -> list[Problem]:
    return [Problem("value.type", clause, (), value, f"must be {what}")]


_HEADER_FIELDS = {
    "surname": ("header.surname_missing", "rule 9", "write the agent's surname"),
    "name": ("header.name_missing", "rule 9", "write the agent's given name"),
    "address": ("header.address_missing", "rule 9", "write the agent's full postal address"),
    "territory": ("header.territory_missing", "rule 9",
                  "write the territory of activity (the enforcement district)"),
    "license": ("header.license_missing", "rule 53", "write the agent's license number"),
}


@check("rule 9", codes={
    "header.surname_missing": "the agent's surname is missing",
    "header.name_missing": "the agent's given name is missing",
    "header.address_missing": "the agent's postal address is missing",
    "header.territory_missing": "the agent's territory of activity is missing",
})
def check_header(agent: Any) -> list[Problem]:
    """Return the problems of the agent's header: name, address, territory, license (rule 9).

    >>> check_header({"surname": "Сапаров", "name": "Арман", "licence": "1",
    ...               "territory": "г. Алматы", "address": "г. Алматы"})[0].message
    "is not a field of an agent; did you mean 'license'?"
    """
    data = _as_dict(agent)
    if data is None:
        return _not_a_mapping(agent, "rule 9", "the agent's block: {surname, name, patronymic?, "
                                               "license, territory, address}")
    problems = _unknown_keys(Agent, agent)
    for field, (code, clause, fix) in _HEADER_FIELDS.items():
        if _blank(data.get(field)):
            problems.append(Problem(code, clause, (field,), data.get(field),
                                    f"is missing; {fix}"))
    return problems


@check("rule 9", codes={
    "title.empty": "a document has no title",
    "title.not_capitals": "the title is not printed in capital letters",
})
def check_title(text: Any) -> list[Problem]:
    """Return the problems of a document's title: it must be in capital letters (rule 9).

    >>> check_title("ҚАУЛЫ")
    []
    """
    if not isinstance(text, str) or not text.strip():
        return [Problem("title.empty", "rule 9", ("title",), text,
                        "is not a title; name the type of the document (ACT, REQUEST...)")]
    if text != text.upper():
        return [Problem("title.not_capitals", "rule 9", ("title",), text,
                        f"is not in capital letters; write {text.upper()!r}")]
    return []


@check("rule 10", codes={
    "addressee.organization_missing": "an organization addressee has no name",
    "addressee.address_missing": "an addressee has no full postal address",
    "addressee.surname_missing": "an individual addressee has no surname",
    "addressee.name_missing": "an individual addressee has no given name (for the initials)",
})
def check_addressee(recipient: Any) -> list[Problem]:
    """Return the problems of an addressee: name and full postal address (rule 10).

    >>> [p.code for p in check_addressee({"surname": "Сапаров", "name": "Арман"})]
    ['addressee.address_missing']
    >>> [p.code for p in check_addressee({"organization": "АО «Банк»", "adress": "г. Алматы"})]
    ['field.unknown', 'addressee.address_missing']
    """
    data = _as_dict(recipient)
    if data is None:
        return _not_a_mapping(recipient, "rule 10", "an addressee: {organization, unit?, address} "
                                                    "or {surname, name, patronymic?, address}")
    if "organization" in data:
        problems = _unknown_keys(Organization, recipient)
        required = {"organization": ("addressee.organization_missing",
                                     "write the name of the organization")}
    else:
        problems = _unknown_keys(Individual, recipient)
        required = {"surname": ("addressee.surname_missing", "write the addressee's surname"),
                    "name": ("addressee.name_missing",
                             "write the addressee's given name; its initial is printed")}
    required["address"] = ("addressee.address_missing",
                           "write the full postal address; it is printed "
                           + ("after the name" if "organization" in data else "first"))
    for field, (code, fix) in required.items():
        if _blank(data.get(field)):
            problems.append(Problem(code, "rule 10", (field,), data.get(field),
                                    f"is missing; {fix}"))
    return problems


@check("rule 11", codes={"date.invalid": "text or a value that is not a date "
                                         "in a style of rule 11 or ISO"})
def check_date_text(text: Any, *, iso: bool = False) -> list[Problem]:
    """Return a problem unless ``text`` is a date written in a style of rule 11.

    Args:
        text: the date as written: ``15.09.2008``, ``15 сентября 2008 года``,
            ``2008 жылғы 15 қыркүйек``, ``September 15, 2008``; a date object passes.
        iso: also accept ``2008-09-15`` (input data may use it; a document may not).

    >>> check_date_text("15.09.2008")
    []
    >>> check_date_text("2008-09-15")[0].code
    'date.invalid'
    >>> check_date_text("2008-09-15", iso=True)
    []
    """
    if isinstance(text, (datetime.date, datetime.datetime)):
        return []
    try:
        parse_date(text)
    except InputError as exc:
        return list(exc.problems)
    if not iso and _ISO.fullmatch(text.strip()):
        return [Problem("date.invalid", "rule 11", (), text,
                        "is an ISO date; a document writes it as 15.09.2008 or in words")]
    return []


# a dict with any of these keys is an agent's block: it needs no position, as
# "private enforcement agent" is printed (format_signature decides alike)
_AGENT_KEYS = frozenset({"license", "territory", "chamber"})


@check("rule 12", codes={
    "signature.surname_missing": "the signer has no surname (the clarification needs it)",
    "signature.name_missing": "the signer has no given name (the clarification needs the initial)",
    "signature.position_missing": "the signer's position is not given",
})
def check_signature(person: Any, *, position: str | None = None) -> list[Problem]:
    """Return the problems of a signature block: position and clarification (rule 12).

    An agent needs no position: "private enforcement agent" is printed. Pass
    ``position`` when the form prints one of its own.

    >>> [p.code for p in check_signature({"surname": "Сапаров", "name": "Арман"})]
    ['signature.position_missing']
    >>> check_signature({"surname": "Сапаров", "name": "Арман"}, position="Председатель")
    []
    """
    data = _as_dict(person)
    if data is None:
        return _not_a_mapping(person, "rule 12",
                              "a person: {surname, name, patronymic?, position?}")
    is_agent = isinstance(person, Agent) or bool(_AGENT_KEYS & set(data))
    problems = _unknown_keys(Agent if is_agent else Person, person)
    if _blank(data.get("surname")):
        problems.append(Problem("signature.surname_missing", "rule 12", ("surname",),
                                data.get("surname"), "is missing; write the signer's surname"))
    if _blank(data.get("name")):
        problems.append(Problem("signature.name_missing", "rule 12", ("name",), data.get("name"),
                                "is missing; write the signer's given name"))
    if _blank(position) and _blank(data.get("position")) and not is_agent:
        problems.append(Problem("signature.position_missing", "rule 12", ("position",),
                                data.get("position"),
                                "is missing; write the signer's position"))
    return problems


_COUNT_FIELDS = {"sheets": "the number of sheets", "copies": "the number of copies"}


def _count_problem(index: int, field: str, value: Any) -> Problem | None:
    what = _COUNT_FIELDS[field]
    if _blank(value):
        return Problem(f"appendix.{field}_missing", "rule 13", (index, field), value,
                       f"is missing; write {what}")
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if number is None or number < 1:
        return Problem(f"appendix.{field}_invalid", "rule 13", (index, field), value,
                       f"is not a number of at least 1; write {what}")
    return None


@check("rule 13", codes={
    "appendix.sheets_missing": "an appendix does not give its number of sheets",
    "appendix.copies_missing": "an appendix does not give its number of copies",
    "appendix.sheets_invalid": "the number of sheets is not a whole number of at least 1",
    "appendix.copies_invalid": "the number of copies is not a whole number of at least 1",
    "appendix.title_missing": "an appendix not named in the text has no title (a warning)",
})
def check_appendices(appendices: Any, *, mentioned_in_text: bool = False) -> list[Problem]:
    """Return the problems of a list of appendices: sheets and copies of each (rule 13).

    An appendix without a title is a warning unless the text names the appendices
    (``mentioned_in_text``): the list then gives only sheets and copies.

    >>> [(p.code, p.loc) for p in check_appendices([{"title": "копия акта", "sheets": 0}])]
    [('appendix.sheets_invalid', (0, 'sheets')), ('appendix.copies_missing', (0, 'copies'))]
    """
    if isinstance(appendices, (Mapping, BaseModel)):
        appendices = [appendices]
    if isinstance(appendices, (str, bytes)) or not isinstance(appendices, Iterable):
        return _not_a_mapping(appendices, "rule 13",
                              "a list of appendices: {title?, sheets, copies}")
    problems: list[Problem] = []
    for index, appendix in enumerate(appendices):
        data = _as_dict(appendix)
        if data is None:
            problems += [p.at(index) for p in _not_a_mapping(
                appendix, "rule 13", "an appendix: {title?, sheets, copies}")]
            continue
        problems += [p.at(index) for p in _unknown_keys(Appendix, appendix)]
        for field in _COUNT_FIELDS:
            found = _count_problem(index, field, data.get(field))
            if found is not None:
                problems.append(found)
        if not mentioned_in_text and _blank(data.get("title")):
            problems.append(Problem("appendix.title_missing", "rule 13", (index, "title"), None,
                                    "is missing; name the appendix, or say the text names it "
                                    "(mentioned_in_text)", severity="warning"))
    return problems


@check("rule 14", codes={
    "reply.number_missing": "a reply does not give the number of the request",
    "reply.date_missing": "a reply does not give the date of the request",
})
def check_reply_reference(number: Any, date: Any = None) -> list[Problem]:
    """Return the problems of a reply's reference to the request: number and date (rule 14).

    Takes the number and the date, or one dict ``{number, date}``.

    >>> [p.code for p in check_reply_reference({"number": "12-34"})]
    ['reply.date_missing']
    >>> [p.code for p in check_reply_reference("12-34", "15/09/2008")]
    ['date.invalid']
    """
    if isinstance(number, Mapping) and date is None:
        number, date = number.get("number"), number.get("date")
    problems = []
    if _blank(number):
        problems.append(Problem("reply.number_missing", "rule 14", ("number",), number,
                                "is missing; write the number of the request"))
    if _blank(date):
        problems.append(Problem("reply.date_missing", "rule 14", ("date",), date,
                                "is missing; write the date of the request (15.09.2008)"))
    else:
        problems += [p.at("date") for p in check_date_text(date, iso=True)]
    return problems
