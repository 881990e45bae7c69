"""The checks of a case's internal inventory: sheets numbered through, documents in order (rules 37, 39).

Rule 39 has the sheets of a case numbered: one run from sheet 1, each document
starting on the sheet after the last one's, none shared. Rule 37 has the
documents of an order in chronological sequence, a response after its request.

>>> doc = lambda day, sheets, **more: {"date": day, "heading": "Документ", "sheets": sheets, **more}
>>> data = {"case_index": "02-05", "case_heading": "ИП № 1", "date": "2025-12-20",
...         "compiler": {"surname": "Сапаров", "name": "Арман"},
...         "documents": [doc("2025-01-09", "1-2"), doc("2025-01-08", "4", reply_to=1)]}
>>> [(p.code, p.clause, p.loc) for p in check_internal_inventory(data)]
[('inventory.sheets_gap', 'rule 39', ('documents', 1, 'sheets')), ('inventory.chronology', 'rule 37', ('documents', 1, 'date')), ('inventory.reply_order', 'rule 37', ('documents', 1, 'date'))]
"""

from __future__ import annotations

from typing import Any

from pea_docs.errors import Problem
from pea_docs.errors.codes import check, register_code
from pea_docs.models.base import coerce
from pea_docs.models.case_files import CaseCover, CertificationSheet, InternalInventory

__all__ = ["check_case_cover", "check_certification_sheet", "check_document_order", "check_internal_inventory",
           "check_sheet_numbering"]





@check("rule 39", codes={
    "inventory.sheets_gap": "a document does not start on the sheet after the one before (sheets skipped)",
    "inventory.sheets_overlap": "a document starts on a sheet the one before already takes",
})
def check_sheet_numbering(data: Any) -> list[Problem]:
    """Return a problem where the sheets do not run on from sheet 1 without gaps or overlaps (rule 39)."""
    inventory = coerce(InternalInventory, data)
    problems: list[Problem] = []
    expected = 1
    for i, document in enumerate(inventory.documents):
        loc = ("documents", i, "sheets")
        if document.first_sheet > expected:
            problems.append(Problem("inventory.sheets_gap", "rule 39", loc, document.sheets,
                                    f"starts on sheet {document.first_sheet}, but sheet {expected} comes "
                                    "next: the sheets of a case are numbered through, without gaps"))
        elif document.first_sheet < expected:
            problems.append(Problem("inventory.sheets_overlap", "rule 39", loc, document.sheets,
                                    f"starts on sheet {document.first_sheet}, which the documents before "
                                    f"already take (up to {expected - 1})"))
        expected = max(expected, document.last_sheet + 1)
    return problems


@check("rule 37", codes={
    "inventory.chronology": "a document dated before the document filed before it",
    "inventory.reply_order": "a response filed before, or dated before, the request it answers",
})
def check_document_order(data: Any) -> list[Problem]:
    """Return a problem where documents break chronological order or a response precedes its request (rule 37)."""
    inventory = coerce(InternalInventory, data)
    problems: list[Problem] = []
    documents = inventory.documents
    for i, document in enumerate(documents):
        loc = ("documents", i, "date")
        if i and document.date < documents[i - 1].date:
            problems.append(Problem("inventory.chronology", "rule 37", loc, document.date.isoformat(),
                                    f"is earlier than the document before it ({documents[i - 1].date:%d.%m.%Y}); "
                                    "documents of an order follow in the order of their dates"))
        if document.reply_to is not None:
            request = document.reply_to - 1
            if request >= i or request >= len(documents):
                problems.append(Problem("inventory.reply_order", "rule 37", ("documents", i, "reply_to"),
                                        document.reply_to, f"names row {document.reply_to}, which does not "
                                        "come before this response: a response is filed after its request"))
            elif document.date < documents[request].date:
                problems.append(Problem("inventory.reply_order", "rule 37", loc, document.date.isoformat(),
                                        f"is earlier than the request it answers (row {document.reply_to}, "
                                        f"{documents[request].date:%d.%m.%Y})"))
    return problems


def check_internal_inventory(data: Any) -> list[Problem]:
    """Return every problem of an internal inventory: rules 37 and 39."""
    inventory = coerce(InternalInventory, data)
    return [*check_sheet_numbering(inventory), *check_document_order(inventory)]


register_code("certification.missing_number", "rule 39", "a missing sheet number beyond the sheets of the case")


@check("rule 40", codes={
    "certification.short_storage": "a certification sheet for a case kept up to 10 years (rule 40.2: none)",
})
def check_certification_sheet(data: Any) -> list[Problem]:
    """Return the problems of a certification sheet (rules 39, 40).

    Only a case kept permanently or over ten years is certified (rule 40.1); one
    kept up to ten years is kept in a folder, its sheets unnumbered (rule 40.2).

    >>> check_certification_sheet({"case_index": "02-05", "case_heading": "Переписка", "storage": 5,
    ...     "sheets": 12, "date": "2025-12-22", "compiler": {"surname": "Сапаров", "name": "Арман"}})[0].code
    'certification.short_storage'
    """
    sheet = coerce(CertificationSheet, data)
    problems: list[Problem] = []
    if sheet.storage != "permanent" and sheet.storage <= 10:
        problems.append(Problem("certification.short_storage", "rule 40", ("storage",), sheet.storage,
                                "years: a case kept up to ten years gets no certification sheet and its "
                                "sheets are not numbered (rule 40.2); only permanent and over-10-year cases"))
    for i, number in enumerate(sheet.missing):
        if number > sheet.sheets:
            problems.append(Problem("certification.missing_number", "rule 39", ("missing", i), number,
                                    f"is beyond the {sheet.sheets} sheets of the case"))
    return problems


register_code("cover.kind", "rule 29", "a cover gives both or neither of 'proceeding' and 'order'")
register_code("cover.outer_dates", "rule 40", "an order's cover ends (ended) before it starts (started)")
register_code("cover.sheets_missing", "rule 39",
              "the cover of an order kept permanently or over ten years gives no sheet count (warning)")


@check("rule 29", codes={
    "cover.district_missing": "the cover does not name the enforcement district (agent.territory)",
})
def check_case_cover(data: Any) -> list[Problem]:
    """Return the problems of a case cover (rules 29, 39, 40).

    Rule 29 has the cover of a proceeding name the enforcement district; an
    order's outer dates run forward; an order of full registration (permanent,
    over ten years: rule 39) states its sheets, though a cover printed when the
    order is opened cannot yet (a warning).

    >>> [p.code for p in check_case_cover({"agent": {"surname": "Сапаров", "name": "Арман"},
    ...     "order": {"index": "01-03", "heading": "Журнал", "storage": "permanent"}})]
    ['cover.district_missing', 'cover.sheets_missing']
    """
    cover = coerce(CaseCover, data)
    problems: list[Problem] = []
    if not cover.agent.territory:
        problems.append(Problem("cover.district_missing", "rule 29", ("agent", "territory"), None,
                                "is required on a cover: the enforcement district (rules 29, 40)"))
    order = cover.order
    if order is not None:
        if order.started and order.ended and order.ended < order.started:
            problems.append(Problem("cover.outer_dates", "rule 40", ("order", "ended"), order.ended.isoformat(),
                                    f"is before the order was started ({order.started:%d.%m.%Y})"))
        if order.sheets is None and (order.storage == "permanent" or order.storage > 10):
            problems.append(Problem("cover.sheets_missing", "rule 39", ("order", "sheets"), None,
                                    "is not given: an order kept permanently or over ten years states its "
                                    "sheets on the cover (full registration, rule 39)", severity="warning"))
    return problems
