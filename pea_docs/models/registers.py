"""The data of the registers of incoming and outgoing correspondence (Appendices 1 and 2).

Field names are the contract of DATA.md. An entry of the incoming register gives
its registration date as ``registered``, or the moment of receipt as ``received``
(``2025-01-08 19:40``), from which rule 20 gives the date. ``entries`` is a list,
or any iterator (a generator of database rows): then it is kept as an
:class:`~pea_docs.models.streams.EntryStream`, read once and validated entry by
entry, so a register of 100,000 entries is never a list in memory.

>>> from pea_docs.models import coerce
>>> reg = coerce(IncomingRegister, {"year": 2025, "agent": {"surname": "Сапаров", "name": "Арман"},
...     "entries": [{"received": "2025-01-10 19:40", "doc_date": "06.01.2025",
...                  "doc_number": "12-34/567", "sender": "ТОО «Альфа»", "summary": "Запрос"}]})
>>> reg.entries[0].received, reg.entries[0].doc_date
(datetime.datetime(2025, 1, 10, 19, 40), datetime.date(2025, 1, 6))
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Discriminator, Field, Tag, WithJsonSchema
from pydantic_core import PydanticCustomError

from pea_docs.errors import InputError
from pea_docs.locale.dates import to_date
from pea_docs.models.base import PeaModel, rule
from pea_docs.models.office import Office, OfficeProfile
from pea_docs.models.people import AgentName, Individual, Organization
from pea_docs.models.streams import streamable
from pea_docs.models.types import CellText, Count, OptionalCellText, RuleDate

__all__ = [
    "IncomingEntry",
    "IncomingRegister",
    "OutgoingEntry",
    "OutgoingRegister",
    "Party",
    "ReceivedAt",
    "RegisterAgent",
]

_RECEIVED_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M",
                     "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S")

# what both fromisoformat and the first formats read alike: 2025-01-08 19:40[:05], T or space
_ISO_MINUTES = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?")


def _received(value: Any) -> datetime:
    if isinstance(value, datetime):
        # the office's wall-clock time is what rule 20 compares with its hours
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        text = " ".join(value.split())
        if _ISO_MINUTES.fullmatch(text):  # the usual form, ~15x faster than strptime
            try:
                return datetime.fromisoformat(text)
            except ValueError:  # month 13, hour 24: refused below as before
                pass
        for pattern in _RECEIVED_FORMATS:
            try:
                return datetime.strptime(text, pattern)
            except ValueError:
                continue
        try:
            value = to_date(text)  # a date alone: say that the time is missing
        except InputError:
            pass
    if isinstance(value, date):
        raise PydanticCustomError(
            "received.no_time",
            "has no time of day; rule 20 needs it (2025-01-08 19:40), or give `registered` instead",
            {"clause": "rule 20"})
    raise PydanticCustomError(
        "received.invalid",
        "is not a date and time; write it as 2025-01-08 19:40 or 08.01.2025 19:40",
        {"clause": "rule 20"})


#: The moment a document was received: ``2025-01-08 19:40``, ``08.01.2025 19:40`` or a datetime.
ReceivedAt = Annotated[
    datetime,
    BeforeValidator(_received),
    WithJsonSchema({"type": "string", "description": "2025-01-08 19:40 or 08.01.2025 19:40 "
                                                     "(rule 20)"}),
]


def _party_kind(value: Any) -> str:
    if isinstance(value, str):
        return "Text"
    if isinstance(value, Organization) or (isinstance(value, dict) and "organization" in value):
        return "Organization"
    return "Individual"


#: A sender or an addressee: free text, or an organization or individual block (rule 10).
Party = Annotated[
    Annotated[CellText, Tag("Text")] | Annotated[Organization, Tag("Organization")]
    | Annotated[Individual, Tag("Individual")],
    Discriminator(_party_kind),
]


class RegisterAgent(AgentName):
    """The agent whose register it is; beyond the name, the agent's fields are optional."""


class IncomingEntry(PeaModel):
    """One row of the register of incoming correspondence (Appendix 1)."""

    noun: ClassVar[str] = "an entry of the incoming register"

    number: Count | None = rule("appendix 1", "the registration (serial) number; assigned in "
                                "sequence when absent", default=None)
    registered: RuleDate | None = rule("rule 20", "the registration date", default=None)
    received: ReceivedAt | None = rule("rule 20", "when the document was received (date and "
                                       "time); gives the registration date", default=None)
    doc_date: RuleDate | None = rule("appendix 1", "the date the sender gave the document",
                                     default=None)
    doc_number: OptionalCellText = rule("appendix 1", "the number the sender gave the document",
                                  default=None)
    sender: Party = rule("appendix 1", "from whom, where the document came")
    summary: CellText = rule("appendix 1", "the short description")
    execution_mark: OptionalCellText = rule("appendix 1", "the mark on enforcement", default=None)
    case: OptionalCellText = rule("appendix 1", "the case (order) the document is filed in",
                            default=None)
    note: OptionalCellText = rule("appendix 1", "a note", default=None)


class IncomingRegister(PeaModel):
    """The register of incoming correspondence for one year (Appendix 1, rules 17, 19–21)."""

    noun: ClassVar[str] = "an incoming register"

    year: int = rule("appendix 1", "the calendar year of the register", ge=1900, le=2999)
    agent: RegisterAgent = rule("rule 9", "the agent whose register it is")
    # a list is validated at once; an iterator (no length) is read lazily as an EntryStream
    entries: Annotated[list[IncomingEntry], streamable(IncomingEntry)] = rule(
        "appendix 1", "the rows: a list, or any iterator (read once, entry by entry)",
        default_factory=list)
    office: Office | None = rule("rule 20", "office hours and extra days off or working days "
                                "(the keys of office.yaml)", default=None)

    def profile(self) -> OfficeProfile | None:
        """Return the office profile for rule 20, or None for the defaults.

        Raises:
            InputError: the office block is inconsistent (its problems under ``office``).
        """
        return None if self.office is None else self.office.profile()


class OutgoingEntry(PeaModel):
    """One row of the register of outgoing correspondence (Appendix 2)."""

    noun: ClassVar[str] = "an entry of the outgoing register"

    number: Count | None = rule("appendix 2", "the outgoing registration (serial) number; "
                                "assigned in sequence when absent", default=None)
    date: RuleDate = rule("appendix 2", "the date of the outgoing document")
    doc_number: OptionalCellText = rule("appendix 2", "the document's number if it differs from the "
                                  "serial number (an index such as 02-05/15)", default=None)
    recipient: Party = rule("rule 10", "to whom, where the document is addressed")
    summary: CellText = rule("appendix 2", "the short description")
    note: OptionalCellText = rule("appendix 2", "a note", default=None)


class OutgoingRegister(PeaModel):
    """The register of outgoing correspondence for one year (Appendix 2, rules 17, 22–23)."""

    noun: ClassVar[str] = "an outgoing register"

    year: int = rule("appendix 2", "the calendar year of the register", ge=1900, le=2999)
    agent: RegisterAgent = rule("rule 9", "the agent whose register it is")
    entries: Annotated[list[OutgoingEntry], streamable(OutgoingEntry)] = Field(
        default_factory=list,
        description="the rows: a list, or any iterator (read once, entry by entry)")
