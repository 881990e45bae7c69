"""The act of acceptance and transfer of an agent's documents (rules 6–8, 46) and the notice deadline (rule 6).

On a suspended license the pending proceedings go to the regional chamber
(rule 6); on a license terminated or withdrawn, or exclusion from the Chamber,
the pending proceedings go on to another agent and the archive (archival
documents and completed proceedings) to storage (rule 7). Rule 8 has an act of
acceptance and transfer drawn up: two tables, with totals.

>>> act = coerce(AcceptanceTransferAct, {"date": "2025-12-15", "place": "г. Алматы", "grounds": "suspension",
...     "transferring": {"surname": "Сапаров", "name": "Арман"},
...     "receiving": {"name": "Региональная палата ЧСИ г. Алматы",
...                   "representative": {"surname": "Жұмабеков", "name": "Нұрлан"}},
...     "pending": [{"number": "0201-25-00001", "date": "2025-01-10", "debtor": "ТОО «Б»", "recoveror": "ТОО «А»"}]})
>>> act.pending[0].volumes, act.archive
(1, [])
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from pea_docs.models.base import PeaModel, coerce, rule  # noqa: F401 (coerce: the examples use it)
from pea_docs.models.people import Agent, AgentName, Person, Recipient
from pea_docs.models.recoverors import Proceeding
from pea_docs.models.types import Count, Label, OptionalLabel, RuleDate, Text

__all__ = ["AcceptanceTransferAct", "Notice", "PartiesNotice", "Receiver", "TransferItem"]


class TransferItem(PeaModel):
    """A row of the act: a proceeding (number, date, debtor, recoveror) or an order (index, heading)."""

    noun: ClassVar[str] = "an item transferred"
    clause: ClassVar[str] = "rule 8"

    number: OptionalLabel = rule("rule 28", "a proceeding's number", default=None)
    date: RuleDate | None = rule("rule 28", "a proceeding's date of initiation", default=None)
    debtor: str | None = rule("rule 29", "a proceeding's debtor", default=None)
    recoveror: str | None = rule("rule 29", "a proceeding's recoveror", default=None)
    index: OptionalLabel = rule("rule 33", "an order's index (archival documents)", default=None)
    heading: str | None = rule("rule 33", "an order's heading (archival documents)", default=None)
    volumes: Count = rule("rule 8", "the volumes", default=1)
    sheets: Count | None = rule("rule 39", "the sheets", default=None)
    note: str | None = rule("rule 8", "a note", default=None)

    @model_validator(mode="after")
    def _one_kind(self) -> TransferItem:
        if not (self.number or self.index):
            raise PydanticCustomError("transfer.item", "names neither a proceeding (number) nor an order (index)",
                                      {"clause": "rule 8"})
        return self


class Receiver(PeaModel):
    """Who receives: the regional chamber or another agent, and the person who signs for it."""

    noun: ClassVar[str] = "the receiving party"
    clause: ClassVar[str] = "rule 8"

    kind: Literal["chamber", "agent"] = rule("rule 6", "chamber (the regional chamber) or agent", default="chamber")
    name: Text = rule("rule 8", "the chamber's or the agent's name")
    representative: Person = rule("rule 12", "who signs for it: {surname, name, patronymic?, position?}")


class Notice(PeaModel):
    """A notice sent to a party of a proceeding transferred on a suspended license (rule 6)."""

    noun: ClassVar[str] = "a notice to a party"
    clause: ClassVar[str] = "rule 6"

    party: Text = rule("rule 6", "who was informed")
    date: RuleDate = rule("rule 6", "the date the notice was sent")


class AcceptanceTransferAct(PeaModel):
    """The act of acceptance and transfer of documents and proceedings (rules 6–8, 46)."""

    noun: ClassVar[str] = "an act of acceptance and transfer"
    clause: ClassVar[str] = "rule 8"

    number: OptionalLabel = rule("rule 8", "the act's number", default=None)
    date: RuleDate = rule("rule 11", "the date of the transfer (the day proceedings are sent, rule 6)")
    place: Text = rule("rule 8", "where it is drawn up")
    grounds: Literal["suspension", "termination", "deprivation", "exclusion"] = rule(
        "rule 7", "suspension, termination or deprivation of the license, or exclusion from the Chamber")
    order: str | None = rule("rule 5", "the order of the authorized body: «приказ № 512 от 01.12.2025»",
                             default=None)
    transferring: AgentName = rule("rule 8", "the agent who hands over: {surname, name, patronymic?, license?}")
    receiving: Receiver = rule("rule 8", "who receives: {kind, name, representative}")
    pending: list[TransferItem] = rule("rule 7", "the pending proceedings (to another agent)", default_factory=list)
    archive: list[TransferItem] = rule("rule 7", "archival documents and completed proceedings (for storage)",
                                       default_factory=list)
    notices: list[Notice] = rule("rule 6", "the notices sent to the parties (suspension)", default_factory=list)


class PartiesNotice(PeaModel):
    """The notice to a party that a proceeding went to the regional chamber on a suspended license (rule 6)."""

    noun: ClassVar[str] = "a notice to a party"
    clause: ClassVar[str] = "rule 6"

    agent: Agent = rule("rule 9", "the agent whose letter it is: the header")
    number: Label = rule("rule 23", "the outgoing number")
    date: RuleDate = rule("rule 6", "the notice's date: within ten calendar days of the sending")
    recipient: Recipient = rule("rule 10", "the party informed")
    proceeding: Proceeding = rule("rule 6", "the proceeding sent: {number, date}")
    chamber: Text = rule("rule 6", "the regional chamber the proceeding was sent to")
    sent: RuleDate = rule("rule 6", "the day the proceeding was sent to the chamber")
    signer: Person | None = rule("rule 12", "who signs; default: the agent", default=None)
