"""The data of the documents of a case file: its cover, internal inventory and certification sheet (rules 29, 39, 40).

Field names are the contract of DATA.md (``internal_inventory``). A document's
sheets are written as they are numbered in the case: ``"5"`` or ``"5-7"``.

>>> inventory = coerce(InternalInventory, {
...     "case_index": "02-05", "case_heading": "Исполнительное производство № 0201-25-00001",
...     "date": "20.12.2025", "compiler": {"surname": "Сапаров", "name": "Арман"},
...     "documents": [{"date": "2025-01-09", "heading": "Исполнительный лист", "sheets": "1-2"},
...                   {"date": "2025-01-10", "heading": "Постановление", "sheets": 3}]})
>>> [(d.first_sheet, d.last_sheet) for d in inventory.documents], inventory.total_sheets
([(1, 2), (3, 3)], 3)
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from pea_docs.errors.codes import register_code
from pea_docs.models.base import PeaModel, coerce, rule  # noqa: F401 (coerce: the examples use it)
from pea_docs.models.people import AgentName, Person
from pea_docs.models.types import Count, Label, OptionalLabel, RuleDate, Storage, Text, number_range

__all__ = ["CaseCover", "CertificationSheet", "Feature", "InternalInventory", "InventoryDocument", "OrderCover",
           "ProceedingCover", "SheetRange"]

register_code("sheets.invalid", "rule 39", "a document's sheets that are not a number or a range (5, 5-7)")

_RANGE = re.compile(r"^\s*(\d{1,6})\s*(?:[-\u2013\u2014]\s*(\d{1,6})\s*)?$")


def _sheet_range(value: Any) -> str:
    # YAML reads `sheets: 3` as an int; "5–7" may come with an en dash from Word
    wrong = "is not a sheet number or range; write 5 or 5-7"
    return number_range(value, _RANGE, code="sheets.invalid", clause="rule 39", not_number=wrong,
                        not_range=wrong, backwards="ends before it starts; write the first sheet first, as 5-7",
                        minimum=1)


#: The sheets of one document in its case: ``"5"`` or ``"5-7"`` (an int is accepted).
SheetRange = Annotated[
    str,
    BeforeValidator(_sheet_range),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1},
                              {"type": "string", "pattern": r"^\d+([-\u2013]\d+)?$"}],
                    "description": "the sheet numbers in the case: 5 or 5-7"}),
]


class InventoryDocument(PeaModel):
    """One document of the case, a row of the internal inventory."""

    noun: ClassVar[str] = "a document of the inventory"
    clause: ClassVar[str] = "rule 39"

    index: str | None = rule("rule 39", "the document's index (number), if it has one", default=None)
    date: RuleDate = rule("rule 37", "the document's date (documents follow in the order of their dates)")
    heading: Text = rule("rule 39", "the document's heading (its kind and what it is about)")
    sheets: SheetRange = rule("rule 39", "the sheet numbers of the document in the case: 5 or 5-7")
    reply_to: Count | None = rule("rule 37", "for a response, the row number (1, 2, ...) of the request "
                                  "it answers: a response follows its request", default=None)
    note: str | None = rule("rule 39", "a note", default=None)

    @property
    def first_sheet(self) -> int:
        """Return the first sheet number of the document."""
        return int(self.sheets.split("-")[0])

    @property
    def last_sheet(self) -> int:
        """Return the last sheet number of the document."""
        return int(self.sheets.split("-")[-1])


class InternalInventory(PeaModel):
    """The internal inventory of the documents of a case (rules 29, 39)."""

    noun: ClassVar[str] = "an internal inventory"
    clause: ClassVar[str] = "rule 39"

    case_index: Text = rule("rule 39", "the index of the case (order) in the nomenclature")
    case_heading: Text = rule("rule 39", "the heading of the case")
    volume: Count | None = rule("rule 40", "the volume number, for a case of several volumes", default=None)
    documents: list[InventoryDocument] = Field(min_length=1, description=(
        "the documents of the case in the order they are filed: [{index?, date, heading, sheets, "
        "reply_to?, note?}, ...]"))
    inventory_sheets: Count = rule("rule 39", "the sheets of the internal inventory itself", default=1)
    compiler: Person = rule("rule 12", "who compiled the inventory: {surname, name, patronymic?, position?}")
    date: RuleDate = rule("rule 11", "the date the inventory was compiled")

    @property
    def total_sheets(self) -> int:
        """Return the sheets the documents take (the last sheet number)."""
        return max(d.last_sheet for d in self.documents)


class Feature(PeaModel):
    """A feature of the physical state or forming of a case, with the sheets it concerns."""

    noun: ClassVar[str] = "a feature of the case"
    clause: ClassVar[str] = "rule 40"

    feature: Text = rule("rule 40", "what is particular: a damaged sheet, a photograph, an envelope...")
    sheets: Text = rule("rule 40", "the sheet numbers concerned: 5, 7-9")


class CertificationSheet(PeaModel):
    """The certification sheet of a case kept permanently or over 10 years (rules 39, 40).

    >>> sheet = coerce(CertificationSheet, {"case_index": "01-03", "case_heading": "Журнал",
    ...     "storage": "permanent", "sheets": 48, "date": "2025-12-22",
    ...     "compiler": {"surname": "Сапаров", "name": "Арман"}})
    >>> sheet.storage, sheet.lettered, sheet.missing
    ('permanent', [], [])
    """

    noun: ClassVar[str] = "a certification sheet"
    clause: ClassVar[str] = "rule 40"

    case_index: Text = rule("rule 39", "the index of the case (order) in the nomenclature")
    case_heading: Text = rule("rule 39", "the heading of the case")
    volume: Count | None = rule("rule 40", "the volume number, for a case of several volumes", default=None)
    storage: Storage = rule("rule 40", "the storage period: 'permanent' or years (more than 10: rule 40.2)")
    sheets: Count = rule("rule 39", "the sheets filed and numbered in the case")
    lettered: list[Text] = rule("rule 39", "lettered sheet numbers (5а, 5б)", default_factory=list)
    missing: list[Count] = rule("rule 39", "sheet numbers skipped in numbering", default_factory=list)
    inventory_sheets: int = rule("rule 39", "the sheets of the internal inventory (0: none)", default=0, ge=0)
    features: list[Feature] = rule("rule 40", "features of the physical state and forming of the case",
                                   default_factory=list)
    compiler: Person = rule("rule 12", "who certified the case: {surname, name, patronymic?, position?}")
    date: RuleDate = rule("rule 11", "the date of the certification")


#: A party as the cover prints it: text («ТОО «Альфа», БИН 123456789012») or a person's block.
Named = Text | Person


class ProceedingCover(PeaModel):
    """What the cover of an enforcement proceeding states beyond the agent (rule 29)."""

    noun: ClassVar[str] = "an enforcement proceeding's cover"
    clause: ClassVar[str] = "rule 29"

    number: Label = rule(
        "rule 28", "the number of the enforcement proceeding (assigned by the AIS of BEP)")
    initiated: RuleDate = rule("rule 29", "the date the enforcement proceeding was initiated")
    subject: Text = rule("rule 29", "the subject of enforcement")
    debtor: Named = rule("rule 29", "the debtor: text, or {surname, name, patronymic?}")
    recoveror: Named = rule("rule 29", "the recoveror: text, or {surname, name, patronymic?}")


class OrderCover(PeaModel):
    """What the cover of an order of the nomenclature states beyond the agent (rule 40)."""

    noun: ClassVar[str] = "an order's cover"
    clause: ClassVar[str] = "rule 40"

    index: Label = rule("rule 33", "the order's index in the nomenclature")
    heading: Text = rule("rule 33", "the order's heading")
    volume: Count | None = rule("rule 40", "the volume number, for an order of several volumes", default=None)
    started: RuleDate | None = rule("rule 40", "the outer date: the earliest document", default=None)
    ended: RuleDate | None = rule("rule 40", "the outer date: the latest document", default=None)
    sheets: Count | None = rule("rule 39", "the number of sheets (none for an order kept up to ten years, "
                                "whose sheets are not numbered: rule 40.2)", default=None)
    storage: Storage = rule("rule 33", "the storage period: 'permanent' or years")
    articles: OptionalLabel = rule("rule 33", "the article of the list of standard documents", default=None)


class CaseCover(PeaModel):
    """The cover of a case: of an enforcement proceeding (rule 29) or of an order (rule 40).

    Exactly one of ``proceeding`` and ``order`` is given; it decides the kind.

    >>> cover = coerce(CaseCover, {"agent": {"surname": "Сапаров", "name": "Арман",
    ...     "territory": "исполнительный округ г. Алматы"},
    ...     "order": {"index": "01-03", "heading": "Журнал", "storage": "permanent"}})
    >>> cover.kind
    'order'
    """

    noun: ClassVar[str] = "a case cover"
    clause: ClassVar[str] = "rule 29"

    agent: AgentName = rule("rule 29", "the agent: {surname, name, patronymic?, territory}")
    proceeding: ProceedingCover | None = rule(
        "rule 29", "for the cover of an enforcement proceeding: {number, initiated, subject, debtor, "
        "recoveror}", default=None)
    order: OrderCover | None = rule(
        "rule 40", "for the cover of an order of the nomenclature: {index, heading, volume?, started?, "
        "ended?, sheets?, storage, articles?}", default=None)

    @model_validator(mode="after")
    def _one_kind(self) -> CaseCover:
        if (self.proceeding is None) == (self.order is None):
            raise PydanticCustomError(
                "cover.kind", "give either 'proceeding' (the cover of an enforcement proceeding, rule 29) "
                "or 'order' (the cover of an order of the nomenclature, rule 40), not {given}",
                {"clause": "rule 29", "given": "both" if self.order else "neither"})
        return self

    @property
    def kind(self) -> str:
        """Return ``"proceeding"`` or ``"order"``."""
        return "order" if self.order is not None else "proceeding"
