"""The addressee block of a letter (rule 10).

Rule 10: to an organization — its name (and structural unit), then the full
postal address; to an individual — the postal address first, then the surname
and initials.

>>> format_addressee({"organization": "АО «Банк»", "address": "050000, г. Алматы, пр. Достык, 10"})
['АО «Банк»', '050000, г. Алматы, пр. Достык, 10']
>>> format_addressee({"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович",
...                   "address": "050000, г. Алматы, ул. Абая, 1"})
['050000, г. Алматы, ул. Абая, 1', 'Сапаров А.Б.']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from pea_docs.errors import InputError, Problem
from pea_docs.format.checking import checked
from pea_docs.format.checks import check_addressee
from pea_docs.format.names import format_name
from pea_docs.locale import check_lang
from pea_docs.models import Individual, Organization, Person, coerce

__all__ = ["format_addressee", "to_recipient"]


def to_recipient(recipient: Any) -> Organization | Individual:
    """Return a recipient as an :class:`Organization` or an :class:`Individual` model.

    A dict with an ``organization`` key is an organization, any other dict an
    individual (as the ``Recipient`` union of the models decides). A person model
    that has an address is taken as an individual addressee.

    Raises:
        InputError: a field is missing (the address of an individual names rule 10)
            or unknown.

    >>> to_recipient({"organization": "ТОО «Альфа»", "address": "г. Алматы"}).organization
    'ТОО «Альфа»'
    """
    if isinstance(recipient, (Organization, Individual)):
        return recipient
    if isinstance(recipient, Person):
        return coerce(Individual, recipient.model_dump(exclude_none=True))
    if isinstance(recipient, Mapping):
        if "organization" in recipient:
            return coerce(Organization, recipient)
        return coerce(Individual, recipient)
    if isinstance(recipient, BaseModel):
        return coerce(Individual, _individual_fields(recipient))
    raise InputError([Problem("value.type", "rule 10", (), recipient,
                              "must be an addressee: {organization, unit?, address} or "
                              "{surname, name, patronymic?, address}")])


def _individual_fields(model: BaseModel) -> dict[str, Any]:
    # any other model (an agent, a register's party) is read for a person's fields
    return {k: v for k, v in model.model_dump(exclude_none=True).items()
            if k in Individual.model_fields}


def _as_checked(recipient: Any) -> Any:
    """Return the recipient as check_addressee should see it: what to_recipient reads."""
    if isinstance(recipient, BaseModel) and not isinstance(recipient, (Organization, Person)):
        return _individual_fields(recipient)
    return recipient


def _address_lines(address: str) -> list[str]:
    # an address typed on several lines keeps its lines; blank ones are dropped
    return [line.strip() for line in address.splitlines() if line.strip()]


def format_addressee(recipient: Any, *, lang: str = "ru") -> list[str]:
    """Return the lines of the addressee block in the order of rule 10.

    Args:
        recipient: an organization ``{organization, unit?, address}`` or an
            individual ``{surname, name, patronymic?, address}``, as a model or a dict.
        lang: ``"ru"``, ``"kk"`` or ``"en"``; names and addresses are printed as written.

    Returns:
        For an organization: its name, the structural unit if any, then the postal
        address. For an individual: the postal address, then ``Surname I.P.``.
        An address written on several lines gives several lines.

    Raises:
        InputError: the problems :func:`~pea_docs.rules.check_addressee` finds —
            ``addressee.organization_missing``, ``addressee.surname_missing``,
            ``addressee.name_missing``, ``addressee.address_missing`` (rule 10),
            ``field.unknown`` for a misspelt key — then the model's problems
            elsewhere (a value of the wrong type: ``value.*``).

    >>> format_addressee({"organization": "АО «Банк»", "unit": "Филиал г. Алматы",
    ...                   "address": "050000, г. Алматы, пр. Достык, 10"}, lang="kk")
    ['АО «Банк»', 'Филиал г. Алматы', '050000, г. Алматы, пр. Достык, 10']
    >>> format_addressee({"surname": "Сапаров", "name": "Арман"})
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: address: is missing; write the full postal address; it is printed first (rule 10)
    """
    check_lang(lang)
    addressee = checked(check_addressee(_as_checked(recipient)), lambda: to_recipient(recipient))
    if isinstance(addressee, Organization):
        lines = [addressee.organization]
        if addressee.unit:
            lines.append(addressee.unit)
        return lines + _address_lines(addressee.address)
    return _address_lines(addressee.address) + [format_name(addressee, "surname_initials",
                                                            lang=lang)]
