"""The agent's seal (rules 53–54, 60), the regional chamber's journal of seals issued (rule 55), and the act
on the destruction of a seal (rule 58).

>>> seal = coerce(Seal, {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович",
...     "chamber": "Региональная палата частных судебных исполнителей г. Алматы",
...     "district": "исполнительный округ г. Алматы", "license": 17012345})
>>> seal.license, seal.ink
('17012345', 'blue')
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from pea_docs.models.base import PeaModel, coerce, rule  # noqa: F401 (coerce: the examples use it)
from pea_docs.models.people import Person
from pea_docs.models.types import Label, OptionalLabel, RuleDate, Text

__all__ = ["CommissionMember", "Seal", "SealDestructionAct", "SealIssue", "SealJournal"]


class Seal(PeaModel):
    """A private enforcement agent's personal seal: what its inscription must say (rule 53)."""

    noun: ClassVar[str] = "a seal"
    clause: ClassVar[str] = "rule 53"

    surname: Text = rule("rule 54", "the surname as in the identity document")
    name: Text = rule("rule 54", "the given name as in the identity document")
    patronymic: str | None = rule("rule 54", "the patronymic, if any, as in the identity document", default=None)
    chamber: Text = rule("rule 53", "the regional chamber")
    district: Text = rule("rule 53", "the enforcement district")
    license: Label = rule("rule 53", "the license number")
    inscription: str | None = rule("rule 53", "the inscription as engraved, if it is to be checked against "
                                   "the above", default=None)
    ink: str = rule("rule 60", "the ink: blue or violet (never black or several colours)", default="blue")


class SealIssue(PeaModel):
    """One seal issued against signature: a row of the journal (rule 55)."""

    noun: ClassVar[str] = "an entry of the seal journal"
    clause: ClassVar[str] = "rule 55"

    date: RuleDate = rule("rule 55", "the date of issue")
    seal: Seal = rule("rule 53", "the seal issued: {surname, name, patronymic?, chamber, district, license, "
                      "inscription?}")
    note: str | None = rule("rule 55", "a note", default=None)


class SealJournal(PeaModel):
    """The regional chamber's journal of the seals it issues (rule 55): strict reporting, kept for ever."""

    noun: ClassVar[str] = "a seal journal"
    clause: ClassVar[str] = "rule 55"

    chamber: Text = rule("rule 55", "the regional chamber that keeps the journal")
    entries: list[SealIssue] = Field(min_length=1, description="the seals issued: [{date, seal, note?}, ...]")
    sheets: int | None = rule("rule 55", "the sheets numbered, laced and sealed (for the certification)",
                              default=None, ge=1)
    certified_by: Person | None = rule("rule 55", "who certifies the journal's sheets", default=None)
    certified: RuleDate | None = rule("rule 55", "the date of that certification", default=None)


class CommissionMember(PeaModel):
    """A member of the commission destroying a seal: of the territorial body of justice or of the chamber."""

    noun: ClassVar[str] = "a commission member"
    clause: ClassVar[str] = "rule 58"

    body: Literal["justice", "chamber"] = rule("rule 58", "justice (the territorial body of justice) or chamber "
                                               "(the regional chamber)")
    surname: Text = rule("rule 12", "the surname")
    name: Text = rule("rule 12", "the given name")
    patronymic: str | None = rule("rule 12", "the patronymic, if any", default=None)
    position: Text = rule("rule 12", "the position")


class SealDestructionAct(PeaModel):
    """The act on the destruction of an agent's seal by deformation (rule 58)."""

    noun: ClassVar[str] = "an act on the destruction of a seal"
    clause: ClassVar[str] = "rule 58"

    number: OptionalLabel = rule("rule 58", "the act's number", default=None)
    date: RuleDate = rule("rule 11", "the act's date")
    place: Text = rule("rule 58", "where it is drawn up")
    commission: list[CommissionMember] = Field(min_length=2, description=(
        "the commission: members of the territorial body of justice and of the regional chamber"))
    grounds: Literal["termination", "withdrawal"] = rule(
        "rule 58", "termination (of the license) or withdrawal (from the Republican Chamber)")
    order: str | None = rule("rule 58", "the document of the grounds: «приказ № 15 от 01.12.2025»", default=None)
    seal: Seal = rule("rule 53", "the seal destroyed")
    method: str | None = rule("rule 58", "how it was destroyed; default: deformation that makes it unusable",
                              default=None)
