"""The data of the act on allocation for destruction of documents and cases (Appendix 4).

Field names are the contract of DATA.md (``destruction_act``). The parts that are
known only later — the Expert Review Commission, the chamber head's order and the
destruction itself — may be left out, wholly or in part: the act then prints the
form's blank lines for them, and :func:`pea_docs.rules.destruction.check_destruction_act`
reports each as a warning.

>>> act = coerce(DestructionAct, {
...     "number": 1, "date": "20.12.2025", "place": "г. Алматы",
...     "drafter": {"role": "agent", "surname": "Сапаров", "name": "Арман", "license": "17012345"},
...     "list_name": "Перечень типовых документов",
...     "items": [{"heading": "Журнал", "index": "01-03", "years": 2018, "volumes": 1,
...                "storage": 5, "articles": "ст. 17"}]})
>>> act.number, act.items[0].years, act.items[0].end_year, act.commission is None
('1', '2018', 2018, True)
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, WithJsonSchema

from pea_docs.models.base import PeaModel, coerce, rule  # noqa: F401 (coerce: the examples use it)
from pea_docs.models.people import Agent, Person
from pea_docs.models.types import Count, Label, OptionalLabel, RuleDate, Storage, Text, number_range

__all__ = [
    "ActItem",
    "ChamberOrder",
    "Commission",
    "Destruction",
    "DestructionAct",
    "Drafter",
    "Storage",
    "Years",
]

_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-\u2013\u2014]\s*(\d{4})\s*)?$")


def _years(value: Any) -> str:
    # YAML reads `years: 2018` as an int; "2017–2018" may come with an en dash from Word
    return number_range(value, _YEARS, code="years.invalid", clause="appendix 4",
                        not_number="is not a year; write 2018 or 2017-2018",
                        not_range="is not a year or a range of years; write 2018 or 2017-2018",
                        backwards="ends before it starts; write the earlier year first, as 2017-2018")


#: The years of a case: ``"2018"`` or ``"2017-2018"`` (an int is accepted).
Years = Annotated[
    str,
    BeforeValidator(_years),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\d{4}(-\d{4})?$"}],
                    "description": "a year (2018) or a range (2017-2018)"}),
]


class Drafter(PeaModel):
    """Who drew up the act: the agent, or an officer of the regional chamber (rule 48)."""

    noun: ClassVar[str] = "the drafter"

    role: Literal["agent", "chamber_officer"] = rule(
        "rule 48", "agent, or chamber_officer for the archive of an agent who ceased activity")
    surname: Text = rule("rule 48", "the drafter's surname")
    name: Text = rule("rule 48", "the drafter's given name")
    patronymic: str | None = rule("rule 48", "the patronymic, if any", default=None)
    license: OptionalLabel = rule(
        "rule 48", "the agent's license number", default=None)
    position: str | None = rule("rule 48", "the chamber officer's position", default=None)
    region: str | None = rule("rule 48", "the region or city of the chamber (chamber officer)",
                              default=None)


class ActItem(PeaModel):
    """One row of the act's table: a case allocated for destruction."""

    noun: ClassVar[str] = "an item of the act"

    heading: Text = rule("appendix 4", "the heading of the documents or the case (column 2)")
    index: Label = rule(
        "appendix 4", "the index of the case by the nomenclature (column 2)")
    inventory: str | None = rule("appendix 4", "the inventory, if any (column 2)", default=None)
    years: Years = rule("appendix 4", "the years of the case (column 3): 2018 or 2017-2018")
    volumes: Count = rule("appendix 4", "the number of cases (volumes) (column 4)")
    storage: Storage = rule("rule 47", "the storage period in years, or 'permanent'")
    articles: Label = rule(
        "appendix 4", "the numbers of the articles of the list (column 5)")
    explanation: str | None = rule("appendix 4", "explanations (column 6)", default=None)

    @property
    def end_year(self) -> int:
        """Return the last year of the case: the storage period counts from the next January 1."""
        return int(self.years.split("-")[-1])


class Commission(PeaModel):
    """The Expert Review Commission that approves the act (rule 50)."""

    noun: ClassVar[str] = "the commission"

    chairman: Person | None = rule("rule 50", "the chairman: a deputy head of the regional chamber",
                                   default=None)
    members: list[Person] = rule("rule 50", "the members: at least two active agents",
                                 default_factory=list)


class ChamberOrder(PeaModel):
    """The order of the head of the regional chamber sending the cases to destruction (rule 51)."""

    noun: ClassVar[str] = "the chamber order"

    chamber: str | None = rule("rule 51", "the regional chamber (region or city)", default=None)
    head: Person | None = rule("rule 51", "the head of the regional chamber", default=None)
    number: OptionalLabel = rule(
        "rule 51", "the order's number", default=None)
    date: RuleDate | None = rule("rule 51", "the order's date", default=None)


class Destruction(PeaModel):
    """When the cases were destroyed, and who was present (rule 52)."""

    noun: ClassVar[str] = "the destruction"

    date: RuleDate | None = rule("rule 52", "the date of destruction", default=None)
    justice_representative: Person | None = rule(
        "rule 52", "the representative of the territorial body of justice, with position",
        default=None)
    others: list[Person] | None = rule(
        "rule 52", "others present; [] when none, left out when not known yet", default=None)


class DestructionAct(PeaModel):
    """The act on allocation for destruction of documents and cases (Appendix 4, rules 47–52)."""

    noun: ClassVar[str] = "the destruction act"

    number: Label = rule("appendix 4", "the act's number")
    date: RuleDate = rule("rule 11", "the date the act was drawn up")
    place: Text = rule("appendix 4", "the place of drawing up (г. Алматы)")
    drafter: Drafter = rule("rule 48", "who drew up the act")
    agent: Agent | None = rule("rule 9", "the agent's full block, for the header of an act "
                               "drawn up by the agent (optional)", default=None)
    owner: Person | None = rule("appendix 4", "the agent whose documents these are; "
                                "default: the drafter", default=None)
    list_name: Text = rule("appendix 4", "the name of the list of documents with storage periods")
    items: list[ActItem] = rule("rule 47", "the cases allocated for destruction",
                                min_length=1)
    commission: Commission | None = rule("rule 50", "the Expert Review Commission", default=None)
    chamber_order: ChamberOrder | None = rule("rule 51", "the chamber head's order", default=None)
    destruction: Destruction | None = rule("rule 52", "the destruction: date and witnesses",
                                           default=None)

    @property
    def total_volumes(self) -> int:
        """Return the total of cases: the sum of column 4 (volumes), not the number of rows."""
        return sum(item.volumes for item in self.items)

    @property
    def document_owner(self) -> Person | Drafter | None:
        """Return whose documents these are: ``owner``, else an agent drafter, else None."""
        if self.owner is not None:
            return self.owner
        return self.drafter if self.drafter.role == "agent" else None

