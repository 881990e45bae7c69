"""The data of the archive's documents: the nomenclature of cases (rules 33–36), the inventory of
orders (rule 41) and the act on the withdrawal of documents (rule 42).

Field names are the contract of the forms ``nomenclature``, ``inventory_of_orders`` and
``withdrawal_act`` (``pea-docs schema FORM`` prints each one's JSON Schema).

>>> nomenclature = coerce(Nomenclature, {"year": 2025,
...     "agent": {"surname": "Сапаров", "name": "Арман", "territory": "г. Алматы"},
...     "sections": [{"title": "01. Организационные вопросы", "reserve": ["01-09"], "orders": [
...         {"index": "01-01", "heading": "Номенклатура дел", "storage": "permanent", "count": 1},
...         {"index": "01-02", "heading": "Переписка", "storage": 5, "count": 2, "carried_over": True}]}]})
>>> [(o.index, o.category) for o in nomenclature.orders()]
[('01-01', 'permanent'), ('01-02', 'up_to_10')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from pea_docs.models.base import PeaModel, coerce, rule  # noqa: F401 (coerce: the examples use it)
from pea_docs.models.case_files import SheetRange
from pea_docs.models.people import AgentName, Person
from pea_docs.models.types import Count, Label, OptionalLabel, RuleDate, Storage, Text

__all__ = ["CATEGORIES", "Approval", "Category", "FinalEntry", "Grounds", "InventoryOfOrders", "InventoryOrder",
           "Nomenclature", "NomenclatureOrder", "OrderStorage", "Section", "WithdrawalAct", "WithdrawalReturn",
           "WithdrawnDocument", "category"]

#: The storage categories of the final entry (rule 36) and of the inventories (rule 41).
Category = Literal["permanent", "over_10", "up_to_10"]
CATEGORIES: tuple[Category, ...] = ("permanent", "over_10", "up_to_10")


def category(storage: int | str) -> Category:
    """Return the storage category of a period: permanent, over ten years, up to ten inclusive.

    >>> category("permanent"), category(15), category(10)
    ('permanent', 'over_10', 'up_to_10')
    """
    if storage == "permanent":
        return "permanent"
    return "over_10" if int(storage) > 10 else "up_to_10"


def _one_storage(value: Any) -> Any:
    # rule 38.4: an order holds documents of one storage period; «постоянно / 5 лет» or [permanent, 5]
    # would put documents kept for ever with documents destroyed in five years
    several = (isinstance(value, (list, tuple)) and len(set(map(str, value))) > 1) or (
        isinstance(value, str) and re.search(r"[,;/+]|\band\b|\bи\b", value))
    if several:
        raise PydanticCustomError(
            "storage.mixed", "gives more than one storage period: documents of permanent and temporary "
            "storage are filed in separate orders; split the order in two", {"clause": "rule 38.4"})
    if isinstance(value, (list, tuple)) and value:
        return value[0]
    return value


#: The storage period of one order: ``"permanent"`` or years, and only one (rule 38.4).
OrderStorage = Annotated[Storage, BeforeValidator(_one_storage)]


class NomenclatureOrder(PeaModel):
    """One order (case) of the nomenclature: a row of its table (rule 33)."""

    noun: ClassVar[str] = "an order of the nomenclature"
    clause: ClassVar[str] = "rule 33"

    index: Label = rule("rule 33", "the order's index: 01-03")
    heading: Text = rule("rule 33", "the order's heading (volumes, parts)")
    count: int | None = rule("rule 36", "the number of cases (volumes, parts) opened in the year; filled at "
                             "the year's end for the final entry", default=None, ge=0)
    storage: OrderStorage = rule("rule 33", "the storage period: 'permanent' or years, one per order "
                                 "(rule 38.4)")
    articles: OptionalLabel = rule(
        "rule 33", "the number of the article of the list of standard documents", default=None)
    note: str | None = rule("rule 33", "a note", default=None)
    carried_over: bool = rule("rule 36", "the order carries over to the next year", default=False)
    opened: RuleDate | None = rule("rule 35", "for an order opened during the year from a reserve number: "
                                   "the date it was opened", default=None)

    @property
    def category(self) -> Category:
        """Return the order's storage category (rule 36)."""
        return category(self.storage)


class Section(PeaModel):
    """A section of the nomenclature: an activity, its orders and its reserve numbers (rule 35)."""

    noun: ClassVar[str] = "a section of the nomenclature"
    clause: ClassVar[str] = "rule 35"

    title: Text = rule("rule 33", "the section's title: the activity")
    orders: list[NomenclatureOrder] = rule("rule 33", "the orders of the section", default_factory=list)
    reserve: list[Label] = rule("rule 35", "the reserve numbers (indices) kept free for orders opened "
                                "during the year", default_factory=list)


class Approval(PeaModel):
    """Who approved the nomenclature (rule 34): the Republican Chamber, or the regional chamber or the agent."""

    noun: ClassVar[str] = "the approval"
    clause: ClassVar[str] = "rule 34"

    by: Text = rule("rule 34", "who approved: the Republican Chamber of private enforcement agents, or for "
                    "additional orders the regional chamber or the agent")
    document: str | None = rule("rule 34", "the approving document: «протокол № 5»", default=None)
    date: RuleDate | None = rule("rule 34", "the date of approval", default=None)
    signer: Person | None = rule("rule 12", "who signs the approval: {surname, name, position?}", default=None)


class FinalEntry(PeaModel):
    """The final entry of the year (rule 36): who made it and when; the counts come from the orders."""

    noun: ClassVar[str] = "the final entry"
    clause: ClassVar[str] = "rule 36"

    date: RuleDate = rule("rule 36", "the date of the final entry (the year's end)")
    compiler: Person = rule("rule 12", "who made it: {surname, name, patronymic?, position?}")


class Nomenclature(PeaModel):
    """The nomenclature of cases of a year (rules 33–36)."""

    noun: ClassVar[str] = "a nomenclature of cases"
    clause: ClassVar[str] = "rule 33"

    year: int = rule("rule 34", "the calendar year; the nomenclature is in force from 1 January", ge=1991,
                     le=2999)
    agent: AgentName = rule("rule 9", "the agent: {surname, name, patronymic?, territory?}")
    approval: Approval | None = rule("rule 34", "the approval block", default=None)
    sections: list[Section] = Field(min_length=1, description=(
        "the sections by activity: [{title, orders: [{index, heading, count?, storage, articles?, note?, "
        "carried_over?}], reserve: [index, ...]}, ...]"))
    compiler: Person | None = rule("rule 12", "who compiled the nomenclature", default=None)
    final_entry: FinalEntry | None = rule("rule 36", "the final entry at the year's end: {date, compiler}",
                                          default=None)

    def orders(self) -> Iterator[NomenclatureOrder]:
        """Yield every order of every section, in the nomenclature's order."""
        for section in self.sections:
            yield from section.orders

    def totals(self) -> dict[Category, tuple[int, int]]:
        """Return, by storage category, (cases opened, of them carried over) for the final entry (rule 36)."""
        totals = {name: [0, 0] for name in CATEGORIES}
        for order in self.orders():
            count = order.count or 0
            totals[order.category][0] += count
            totals[order.category][1] += count if order.carried_over else 0
        return {name: (opened, carried) for name, (opened, carried) in totals.items()}


class InventoryOrder(PeaModel):
    """One order in an inventory of orders (rule 41)."""

    noun: ClassVar[str] = "an order of the inventory"
    clause: ClassVar[str] = "rule 41"

    number: Label | None = rule("rule 41", "its number in the inventory (1, 2, 5а); by default they run "
                                "1, 2, 3...", default=None)
    index: Label = rule("rule 33", "the order's index in the nomenclature")
    heading: Text = rule("rule 41", "the order's heading")
    started: RuleDate | None = rule("rule 41", "the outer date: the earliest document", default=None)
    ended: RuleDate | None = rule("rule 41", "the outer date: the latest document", default=None)
    storage: OrderStorage = rule("rule 41", "the storage period: 'permanent' or years (over ten)")
    articles: OptionalLabel = rule(
        "rule 33", "the number of the article of the list", default=None)
    sheets: Count = rule("rule 39", "the number of sheets of the order")
    note: str | None = rule("rule 41", "a note", default=None)


class InventoryOfOrders(PeaModel):
    """The inventory of a year's orders of permanent or over-ten-years storage (rule 41)."""

    noun: ClassVar[str] = "an inventory of orders"
    clause: ClassVar[str] = "rule 41"

    year: int = rule("rule 41", "the year whose orders are inventoried", ge=1991, le=2999)
    number: Label | None = rule("rule 41", "the inventory's number", default=None)
    category: Literal["permanent", "over_10"] = rule(
        "rule 41", "the storage category: permanent, or over_10 (temporary, over ten years)")
    agent: AgentName = rule("rule 9", "the agent: {surname, name, patronymic?, territory?}")
    orders: list[InventoryOrder] = Field(min_length=1, description=(
        "the orders: [{number?, index, heading, started?, ended?, storage, articles?, sheets, note?}, ...]"))
    compiler: Person = rule("rule 12", "who compiled the inventory: {surname, name, patronymic?, position?}")
    date: RuleDate = rule("rule 11", "the date the inventory was compiled")
    copies: Literal[1, 2] = rule("rule 41", "2 (default): the copy for the archive and the control copy; "
                                 "1: one of them", default=2)

    def numbers(self) -> list[str]:
        """Return the number of every order as printed: the given one, else its place (1, 2, 3...)."""
        return [order.number or str(i) for i, order in enumerate(self.orders, start=1)]


class Grounds(PeaModel):
    """Why documents are withdrawn: a request of a court, a body or a party (rule 42)."""

    noun: ClassVar[str] = "the grounds"
    clause: ClassVar[str] = "rule 42"

    document: Text = rule("rule 42", "the request: «запрос», «определение суда»")
    authority: Text = rule("rule 42", "whose it is: a court, a body, a party")
    number: OptionalLabel = rule("rule 42", "its number", default=None)
    date: RuleDate | None = rule("rule 42", "its date", default=None)


class WithdrawnDocument(PeaModel):
    """One document withdrawn from an order (rule 42)."""

    noun: ClassVar[str] = "a withdrawn document"
    clause: ClassVar[str] = "rule 42"

    case_index: Label = rule("rule 33", "the index of the order it is withdrawn from")
    case_heading: Text = rule("rule 42", "the heading of that order")
    heading: Text = rule("rule 42", "the document's heading")
    number: OptionalLabel = rule("rule 42", "its number", default=None)
    date: RuleDate | None = rule("rule 42", "its date", default=None)
    sheets: SheetRange = rule("rule 39", "its sheet numbers in the order: 5 or 5-7")
    original: bool = rule("rule 42", "true: the original is withdrawn (a copy takes its place); false: a copy",
                          default=True)
    note: str | None = rule("rule 42", "a note", default=None)


class WithdrawalReturn(PeaModel):
    """The return of the withdrawn documents: originals back in the order, copies out (rule 42)."""

    noun: ClassVar[str] = "the return"
    clause: ClassVar[str] = "rule 42"

    date: RuleDate = rule("rule 42", "the date the documents came back")
    returned_by: Person = rule("rule 42", "who returned them: {surname, name, position?}")
    received_by: Person = rule("rule 42", "who received them: {surname, name, position?}")


class WithdrawalAct(PeaModel):
    """The act on the withdrawal of documents from orders, with its return note (rule 42)."""

    noun: ClassVar[str] = "an act on the withdrawal of documents"
    clause: ClassVar[str] = "rule 42"

    number: OptionalLabel = rule("rule 42", "the act's number", default=None)
    date: RuleDate = rule("rule 11", "the act's date")
    place: Text = rule("rule 42", "where it is drawn up: «г. Алматы»")
    agent: AgentName = rule("rule 9", "the agent whose orders they are: {surname, name, territory?}")
    grounds: Grounds = rule("rule 42", "the request the documents are withdrawn on")
    documents: list[WithdrawnDocument] = Field(min_length=1, description=(
        "what is withdrawn: [{case_index, case_heading, heading, number?, date?, sheets, original?, note?}]"))
    handed_over: Person = rule("rule 42", "who handed the documents over: {surname, name, position?}")
    received: Person = rule("rule 42", "who received them: {surname, name, position?}")
    returned: WithdrawalReturn | None = rule("rule 42", "the return, once the documents come back: {date, "
                                             "returned_by, received_by}", default=None)
