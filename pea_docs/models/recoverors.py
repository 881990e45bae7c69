"""The register of recoverors of a consolidated enforcement proceeding (rule 30).

Rule 30: several proceedings against one debtor (or several debtors jointly
liable) are consolidated into one, in which the agent places the register of
recoverors. Each row: the recoveror with the IIN or BIN, the writ (kind,
number, date, issuing body), the proceeding joined and the sum to recover.

>>> register = coerce(RecoverorsRegister, {"consolidated": {"number": "0201-25-00007", "date": "2025-03-10"},
...     "debtors": [{"name": "ТОО «Құрылыс-Сервис»", "iin_bin": "180840012344"}],
...     "agent": {"surname": "Сапаров", "name": "Арман"}, "date": "2025-03-10",
...     "recoverors": [{"recoveror": {"name": "Ахметов Бауыржан Серикович", "iin_bin": "920612345673"},
...         "writ": {"kind": "исполнительный лист", "number": "2-1234/2025", "date": "2025-02-20",
...                  "issuer": "Медеуский районный суд г. Алматы"},
...         "proceeding": {"number": "0201-25-00003", "date": "2025-02-25"}, "amount": "150 000"}]})
>>> register.total
Decimal('150000.00')
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from pydantic import Field

from pea_docs.models.base import PeaModel, coerce, rule  # noqa: F401 (coerce: the examples use it)
from pea_docs.models.identifiers import IinBin
from pea_docs.models.people import AgentName, Person
from pea_docs.models.types import Label, Money, RuleDate, Text

__all__ = ["Proceeding", "RecoverorRow", "RecoverorsRegister", "Subject", "WritReference"]


class Proceeding(PeaModel):
    """An enforcement proceeding: its number (assigned by the AIS of BEP) and date of initiation."""

    noun: ClassVar[str] = "a proceeding"
    clause: ClassVar[str] = "rule 28"

    number: Label = rule("rule 28", "the proceeding's number")
    date: RuleDate = rule("rule 27", "the date it was initiated")


class Subject(PeaModel):
    """A party of a proceeding as the register names it: a person's full name or an organization."""

    noun: ClassVar[str] = "a party"
    clause: ClassVar[str] = "rule 30"

    name: Text = rule("rule 30", "the full name of a person, or the organization's name")
    iin_bin: IinBin = rule("rule 30", "the IIN (a person) or BIN (an organization): 12 digits")
    address: str | None = rule("rule 10", "the address", default=None)


class WritReference(PeaModel):
    """The writ of execution a proceeding was initiated on (rule 26)."""

    noun: ClassVar[str] = "a writ"
    clause: ClassVar[str] = "rule 26"

    kind: Text = rule("rule 26", "the kind of enforcement document: «исполнительный лист», «судебный приказ»")
    number: Label = rule("rule 26", "its number")
    date: RuleDate = rule("rule 26", "its date")
    issuer: Text = rule("rule 26", "the body that issued it")


class RecoverorRow(PeaModel):
    """One recoveror of the consolidated proceeding: a row of the register."""

    noun: ClassVar[str] = "a recoveror of the register"
    clause: ClassVar[str] = "rule 30"

    recoveror: Subject = rule("rule 30", "the recoveror: {name, iin_bin, address?}")
    writ: WritReference = rule("rule 26", "the writ: {kind, number, date, issuer}")
    proceeding: Proceeding = rule("rule 30", "the proceeding joined: {number, date}")
    amount: Money = rule("rule 30", "the sum to recover, tenge (two decimals at most)")
    note: str | None = rule("rule 30", "a note", default=None)


class RecoverorsRegister(PeaModel):
    """The register of recoverors placed in a consolidated proceeding (rule 30)."""

    noun: ClassVar[str] = "a register of recoverors"
    clause: ClassVar[str] = "rule 30"

    consolidated: Proceeding = rule("rule 30", "the consolidated proceeding: {number, date}")
    debtors: list[Subject] = Field(min_length=1, description=(
        "the debtor, or the debtors jointly liable: [{name, iin_bin, address?}, ...]"))
    recoverors: list[RecoverorRow] = Field(min_length=1, description=(
        "the recoverors: [{recoveror, writ, proceeding, amount, note?}, ...]"))
    agent: AgentName = rule("rule 9", "the agent: {surname, name, patronymic?, territory?}")
    compiler: Person | None = rule("rule 12", "who signs it, if not the agent", default=None)
    date: RuleDate = rule("rule 11", "the register's date")

    @property
    def total(self) -> Decimal:
        """Return the total sum to recover."""
        return sum((row.amount for row in self.recoverors), Decimal("0.00"))
