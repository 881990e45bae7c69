"""People and organizations: the blocks every form uses (DATA.md, "Blocks used by every form").

>>> from pea_docs.models import Agent
>>> from pea_docs.models import coerce
>>> a = coerce(Agent, {"surname": "Сапаров", "name": "Арман", "license": "17012345",
...                    "territory": "исполнительный округ г. Алматы",
...                    "address": "050000, г. Алматы, ул. Абая, д. 1, оф. 5"})
>>> a.patronymic is None
True
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AliasChoices, Discriminator, Tag

from pea_docs.models.base import PeaModel, rule
from pea_docs.models.identifiers import Email, IinBin, Phone
from pea_docs.models.types import Count, RuleDate, Text

__all__ = ["Agent", "AgentName", "Appendix", "Individual", "Organization", "Person", "Recipient"]

# The identification number is written as iin: (a person), bin: (an organization) or iin_bin:
_IIN_KEYS = AliasChoices("iin_bin", "iin", "bin")


class Person(PeaModel):
    """A person: a signer, a commission member, a debtor (``{surname, name, patronymic?, ...}``)."""

    noun: ClassVar[str] = "a person"
    clause: ClassVar[str] = "rule 12"

    surname: Text = rule("rule 12", "the surname")
    name: Text = rule("rule 12", "the given name")
    patronymic: str | None = rule("rule 9", "the patronymic, if the person has one", default=None)
    position: str | None = rule("rule 12", "the position, shown in a signature block", default=None)
    address: str | None = rule("rule 10", "the full postal address", default=None)
    iin_bin: IinBin | None = rule("", "the IIN: 12 digits with a check digit (also written iin: or bin:)",
                                  default=None, validation_alias=_IIN_KEYS)
    phone: Phone | None = rule("", "a telephone number: +7 (727) 250-00-00", default=None)
    email: Email | None = rule("", "an e-mail address", default=None)
    birth_date: RuleDate | None = rule("", "the date of birth (a debtor's, as the writ gives it)", default=None)
    birth_place: str | None = rule("", "the place of birth", default=None)
    gender: Literal["male", "female"] | None = rule(
        "", "male or female: how a Russian case declines the name; if absent, what the name shows", default=None)


class Individual(Person):
    """An individual addressee: the postal address is required (rule 10)."""

    noun: ClassVar[str] = "an individual addressee"
    clause: ClassVar[str] = "rule 10"

    address: Text = rule("rule 10", "the full postal address, printed first")


class Organization(PeaModel):
    """An organization addressee (``{organization, unit?, address}``)."""

    noun: ClassVar[str] = "an organization addressee"
    clause: ClassVar[str] = "rule 10"

    organization: Text = rule("rule 10", "the organization's name")
    unit: str | None = rule("rule 10", "the structural unit, if any", default=None)
    address: Text = rule("rule 10", "the full postal address, printed after the name")
    iin_bin: IinBin | None = rule("", "the BIN: 12 digits with a check digit (also written bin: or iin:)",
                                  default=None, validation_alias=_IIN_KEYS)
    phone: Phone | None = rule("", "a telephone number", default=None)
    email: Email | None = rule("", "an e-mail address", default=None)


def _recipient_kind(value: Any) -> str:
    if isinstance(value, Organization) or (isinstance(value, dict) and "organization" in value):
        return "Organization"
    return "Individual"


#: An addressee: an organization, or an individual (rule 10).
Recipient = Annotated[
    Annotated[Organization, Tag("Organization")] | Annotated[Individual, Tag("Individual")],
    Discriminator(_recipient_kind),
]


class AgentName(PeaModel):
    """The agent, where a form prints only the name (a register's title, the stamp).

    Beyond the name every field of the agent's block is optional, so that the
    ``agent:`` block of an office profile (DATA.md) fits here as it is.
    """

    noun: ClassVar[str] = "an agent"
    clause: ClassVar[str] = "rule 9"

    surname: Text = rule("rule 9", "the agent's surname")
    name: Text = rule("rule 9", "the agent's given name")
    patronymic: str | None = rule("rule 9", "the patronymic, if the agent has one", default=None)
    license: str | None = rule("rule 53", "the license number", default=None)
    territory: str | None = rule("rule 9", "the territory of activity", default=None)
    address: str | None = rule("rule 9", "the agent's postal address", default=None)
    chamber: str | None = rule("rule 53", "the regional chamber", default=None)
    phone: str | None = rule("", "a telephone number", default=None)
    email: Email | None = rule("", "an e-mail address", default=None)
    iin_bin: IinBin | None = rule("", "the agent's IIN (also written iin:)", default=None,
                                  validation_alias=_IIN_KEYS)
    gender: Literal["male", "female"] | None = rule(
        "", "male or female: how a Russian case declines the name; if absent, what the name shows", default=None)
    position: str | None = rule("rule 12", "the position", default=None)


class Agent(AgentName):
    """The private enforcement agent whose documents these are (rules 9, 53).

    A document's header (rule 9) needs the license, the territory of activity and
    the postal address: here they are required.
    """

    license: Text = rule("rule 53", "the license number")
    territory: Text = rule("rule 9", "the territory of activity (enforcement district)")
    address: Text = rule("rule 9", "the agent's postal address")


class Appendix(PeaModel):
    """One appendix to a document: what it is, its sheets and copies (rule 13)."""

    noun: ClassVar[str] = "an appendix"
    clause: ClassVar[str] = "rule 13"

    title: str | None = rule("rule 13", "what the appendix is", default=None)
    sheets: Count = rule("rule 13", "the number of sheets")
    copies: Count = rule("rule 13", "the number of copies")
