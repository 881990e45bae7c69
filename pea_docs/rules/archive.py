"""The checks of the archive's documents: the nomenclature (rules 33–36), the inventory of orders (rule 41),
the withdrawal act (rule 42).

>>> order = lambda index, storage: {"index": index, "heading": "Переписка", "storage": storage}
>>> data = {"year": 2025, "agent": {"surname": "Сапаров", "name": "Арман"},
...         "sections": [{"title": "01", "orders": [order("01-01", 5), order("01-01", 3)]}]}
>>> [(p.code, p.clause, p.loc) for p in check_nomenclature(data)]
[('nomenclature.duplicate_index', 'rule 33', ('sections', 0, 'orders', 1, 'index')), ('nomenclature.no_reserve', 'rule 35', ('sections', 0, 'reserve'))]
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pea_docs.errors import Problem
from pea_docs.errors.codes import check, register_code
from pea_docs.models.archive import InventoryOfOrders, Nomenclature, WithdrawalAct, category
from pea_docs.models.base import coerce

__all__ = ["check_inventory_of_orders", "check_nomenclature", "check_withdrawal_act", "split_number"]


register_code("storage.mixed", "rule 38.4", "an order given more than one storage period (permanent and "
              "temporary documents are filed in separate orders)")



register_code("nomenclature.no_reserve", "rule 35", "a section keeps no reserve numbers for orders opened "
              "during the year")
register_code("nomenclature.approved_late", "rule 34", "the nomenclature approved after 1 January of its "
              "year, when it enters into force (warning)")
register_code("nomenclature.count_missing", "rule 36", "the final entry is made while an order's count of "
              "cases is not given (counted as none; warning)")


@check("rule 33", codes={
    "nomenclature.duplicate_index": "two orders (or an order and a reserve number) with one index",
})
def check_nomenclature(data: Any) -> list[Problem]:
    """Return the problems of a nomenclature of cases (rules 33–36).

    Every index names one order (rule 33: documents are filed by it); each
    section keeps reserve numbers (rule 35); the nomenclature is approved by
    1 January (rule 34, a warning); the final entry counts every order (rule 36).
    The storage period of each order is required and single by the model (rule 38.4).
    """
    nomenclature = coerce(Nomenclature, data)
    problems: list[Problem] = []
    seen: dict[str, tuple[Any, ...]] = {}
    for s, section in enumerate(nomenclature.sections):
        places: list[tuple[tuple[str | int, ...], str]] = [
            (("sections", s, "orders", o, "index"), order.index) for o, order in enumerate(section.orders)]
        places += [(("sections", s, "reserve", r), index) for r, index in enumerate(section.reserve)]
        for loc, index in places:
            if index in seen:
                first = ".".join(map(str, seen[index]))
                problems.append(Problem("nomenclature.duplicate_index", "rule 33", loc, index,
                                        f"is already the index at {first}: each order of the nomenclature has "
                                        "an index of its own, by which documents are filed"))
            else:
                seen[index] = loc
        if not section.reserve:
            problems.append(Problem("nomenclature.no_reserve", "rule 35", ("sections", s, "reserve"), None,
                                    f"is empty: section «{section.title}» keeps no reserve numbers for orders "
                                    "opened during the year"))
    approval = nomenclature.approval
    if approval and approval.date and approval.date > date(nomenclature.year, 1, 1):
        problems.append(Problem("nomenclature.approved_late", "rule 34", ("approval", "date"),
                                approval.date.isoformat(), f"is after 1 January {nomenclature.year}, when the "
                                "nomenclature enters into force", severity="warning"))
    if nomenclature.final_entry is not None:
        for s, section in enumerate(nomenclature.sections):
            for o, order in enumerate(section.orders):
                if order.count is None:
                    problems.append(Problem("nomenclature.count_missing", "rule 36",
                                            ("sections", s, "orders", o, "count"), None,
                                            f"is not given for order {order.index}: the final entry counts it "
                                            "as none opened", severity="warning"))
    return problems


_NUMBER = re.compile(r"^(\d+)(\D*)$")


def split_number(number: str) -> tuple[int, str] | None:
    """Return an inventory number as (figures, letter): ``"5а"`` -> ``(5, "а")``; None if it has no figures first.

    >>> split_number("5а"), split_number("12"), split_number("а")
    ((5, 'а'), (12, ''), None)
    """
    match = _NUMBER.match(number.strip())
    return (int(match.group(1)), match.group(2).strip()) if match else None


register_code("orders.duplicate_number", "rule 41", "two orders of an inventory with one number")
register_code("orders.number_invalid", "rule 41", "an inventory number that does not start with figures "
              "(5, 5а)")
register_code("orders.number_order", "rule 41", "an inventory number not after the one before")
register_code("orders.outside_year", "rule 37", "an order's outer dates outside the inventory's year "
              "(warning: only transferred cases)")


@check("rule 41", codes={
    "orders.category": "an order whose storage period is not the inventory's category (rule 41: orders of "
                       "permanent and over-ten-years storage, each category in its own inventory)",
})
def check_inventory_of_orders(data: Any) -> list[Problem]:
    """Return the problems of an inventory of orders (rules 37, 41).

    >>> check_inventory_of_orders({"year": 2025, "category": "permanent", "date": "2026-01-12",
    ...     "agent": {"surname": "Сапаров", "name": "Арман"}, "compiler": {"surname": "Сапаров", "name": "Арман"},
    ...     "orders": [{"index": "01-02", "heading": "Переписка", "storage": 5, "sheets": 10}]})[0].code
    'orders.category'
    """
    inventory = coerce(InventoryOfOrders, data)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    previous: tuple[int, str] | None = None
    for i, (order, number) in enumerate(zip(inventory.orders, inventory.numbers(), strict=True)):
        kind = category(order.storage)
        if kind != inventory.category:
            wanted = "permanent" if inventory.category == "permanent" else "over ten years"
            why = ("is kept up to ten years: such orders get no inventory (rule 41)" if kind == "up_to_10"
                   else f"is not of this inventory's category ({wanted}): each category has its own inventory")
            problems.append(Problem("orders.category", "rule 41", ("orders", i, "storage"), order.storage, why))
        loc = ("orders", i, "number")
        if number in seen:
            problems.append(Problem("orders.duplicate_number", "rule 41", loc, number,
                                    f"is already the number of row {seen[number] + 1}"))
        seen.setdefault(number, i)
        parts = split_number(number)
        if parts is None:
            problems.append(Problem("orders.number_invalid", "rule 41", loc, number,
                                    "does not start with figures; write 5 or, for a lettered number, 5а"))
        elif previous is not None and parts <= previous:
            problems.append(Problem("orders.number_order", "rule 41", loc, number,
                                    "does not come after the number before it: orders are numbered in order"))
        previous = parts or previous
        for field in ("started", "ended"):
            day = getattr(order, field)
            if day is not None and day.year != inventory.year:
                problems.append(Problem("orders.outside_year", "rule 37", ("orders", i, field), day.isoformat(),
                                        f"is not in {inventory.year}: an order holds the documents of one year, "
                                        "save a transferred case", severity="warning"))
        if order.started and order.ended and order.ended < order.started:
            problems.append(Problem("cover.outer_dates", "rule 40", ("orders", i, "ended"), order.ended.isoformat(),
                                    f"is before the order was started ({order.started:%d.%m.%Y})"))
    return problems


@check("rule 42", codes={
    "withdrawal.returned_before": "the documents returned before they were withdrawn",
    "withdrawal.grounds_after": "the request dated after the act that answers it",
})
def check_withdrawal_act(data: Any) -> list[Problem]:
    """Return the problems of a withdrawal act (rule 42): the request comes first, the return last.

    >>> act = {"date": "2025-03-10", "place": "г. Алматы", "agent": {"surname": "Сапаров", "name": "Арман"},
    ...     "grounds": {"document": "запрос", "authority": "суд", "date": "2025-03-12"},
    ...     "documents": [{"case_index": "02-05", "case_heading": "ИП", "heading": "Лист", "sheets": 1}],
    ...     "handed_over": {"surname": "Сапаров", "name": "Арман"}, "received": {"surname": "Ли", "name": "Ан"}}
    >>> [p.code for p in check_withdrawal_act(act)]
    ['withdrawal.grounds_after']
    """
    act = coerce(WithdrawalAct, data)
    problems: list[Problem] = []
    if act.grounds.date and act.grounds.date > act.date:
        problems.append(Problem("withdrawal.grounds_after", "rule 42", ("grounds", "date"),
                                act.grounds.date.isoformat(),
                                f"is after the act ({act.date:%d.%m.%Y}): documents are withdrawn on a request "
                                "already made"))
    if act.returned and act.returned.date < act.date:
        problems.append(Problem("withdrawal.returned_before", "rule 42", ("returned", "date"),
                                act.returned.date.isoformat(),
                                f"is before the documents were withdrawn ({act.date:%d.%m.%Y})"))
    return problems
