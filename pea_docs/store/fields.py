"""The values of a new entry: its sender or recipient, and its dates by rule 20.

Used for a registration, an import and a correction alike, so that a value is
read the same way whichever way it came in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pea_docs.errors import InputError, Problem
from pea_docs.models import coerce
from pea_docs.models.office import OfficeProfile
from pea_docs.models.people import Individual, Organization
from pea_docs.rules.calendar import registration_date
from pea_docs.rules.registration import check_registration
from pea_docs.store.checks import parse_date_field, parse_received, problem, require_text
from pea_docs.store.rows import collect

__all__ = ["KINDS", "METHODS", "choice", "party", "registration", "sheets"]


#: The kinds of incoming document (rules 26, 31): a letter, a writ of execution, a party's appeal.
KINDS = ("letter", "writ", "appeal")
#: How an outgoing document is sent (rule 25): by post, in person, through the AIS of BEP, other means.
METHODS = ("post", "in_person", "ais", "other")


def choice(value: Any, name: str, allowed: tuple[str, ...], code: str, problems: list[Problem]) -> str | None:
    """Return ``value`` if it is one of ``allowed``, else record the problem ``code`` and return None.

    >>> found = []
    >>> choice("post", "method", METHODS, "store.method", found), choice("fax", "method", METHODS, "store.method", found)
    ('post', None)
    """
    if value in allowed:
        return str(value)
    problems.append(problem(code, (name,), value, f"is not one of {', '.join(allowed)}"))
    return None


def registration(received: datetime | str | None, registered: date | str | None,
                 problems: list[Problem], doc_date: date | None = None, *,
                 now: datetime, profile: OfficeProfile | None) -> tuple[date | None, datetime | None]:
    """Return the registration date and the time of receipt, by rule 20.

    The date is checked by :func:`pea_docs.rules.registration.check_registration`,
    as a register file's is: a late registration is recorded with a warning.
    Without ``received`` nor ``registered`` the document counts as received ``now``.
    Problems go to ``problems``.

    >>> found = []
    >>> registration("2025-01-10 19:40", None, found, now=datetime(2025, 1, 13, 9), profile=None)
    (datetime.date(2025, 1, 13), datetime.datetime(2025, 1, 10, 19, 40))
    """
    received_at = None
    if received is not None and received != "":
        received_at = collect(problems, parse_received, received)
    elif registered is None or registered == "":
        received_at = now.replace(microsecond=0)
    due = None
    if received_at is not None:
        if received_at > now:
            problems.append(problem("store.received_future", ("received",),
                                    f"{received_at:%d.%m.%Y %H:%M}",
                                    f"is later than now ({now:%d.%m.%Y %H:%M}); a document "
                                    "is registered after it is received"))
            return None, received_at
        due = registration_date(received_at, profile)
    if registered is None or registered == "":
        reg_date = due
    else:
        reg_date = collect(problems, parse_date_field, registered, "registered")
    if reg_date is None:
        return None, received_at
    problems += check_registration(reg_date, received_at, doc_date, profile=profile,
                                   doc_field="doc_date")
    if registered is None or registered == "":
        return reg_date, received_at
    shown = reg_date.strftime("%d.%m.%Y")
    latest = registration_date(now, profile)
    if received_at is None and reg_date > latest:
        problems.append(problem("store.registered_future", ("registered",), shown,
                                f"is after {latest:%d.%m.%Y}, the date a document received "
                                "now is registered on"))
    return reg_date, received_at

def party(value: Any, name: str, code: str, problems: list[Problem]) -> str | dict[str, Any] | None:
    """Return the sender or recipient: text (spaces tidied) or an address block (rule 10).

    >>> party("ТОО   «Альфа»", "sender", "store.incoming_field", [])
    'ТОО «Альфа»'
    """
    if isinstance(value, Mapping):
        model = Organization if "organization" in value else Individual
        try:
            return coerce(model, dict(value), loc=(name,)).model_dump(exclude_none=True)
        except InputError as exc:
            problems.extend(exc.problems)
            return None
    found = require_text(value, name, code=code)
    if found or not isinstance(value, str):
        problems.extend(found or [problem(code, (name,), value, "must be text or an address block")])
        return None
    return " ".join(value.split())


def sheets(value: Any, problems: list[Problem]) -> int | None:
    """Return a document's sheets as a whole number of at least 1, or None if not given (rule 39).

    >>> found = []
    >>> sheets("3", found), sheets(None, found), sheets(0, found), [p.code for p in found]
    (3, None, None, ['store.sheets'])
    """
    if value is None or value == "":
        return None
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = 0
    if isinstance(value, bool) or count < 1 or (isinstance(value, float) and value != count):
        problems.append(problem("store.sheets", ("sheets",), value,
                                "is not a number of sheets; write a whole number, 1 or more"))
        return None
    return count
