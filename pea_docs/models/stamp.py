"""The data of the registration stamp (Appendix 3) and of a sheet of stamps (DATA.md).

The ink is kept as the user wrote it (``color: Black``): the model does not
restrict it, so that :func:`pea_docs.rules.stamp.check` can refuse anything but
blue or violet with its own code and clause (``stamp.color``, rule 60).

>>> from pea_docs.models import coerce
>>> s = coerce(RegistrationStamp, {"agent": {"surname": "Сапаров", "name": "Арман"},
...                                "date": "09.01.2025", "index": 15})
>>> s.index, s.direction, s.color, s.date.isoformat()
('15', 'incoming', 'blue', '2025-01-09')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from pea_docs.models.base import PeaModel, rule
from pea_docs.models.people import AgentName
from pea_docs.models.registers import IncomingRegister, OutgoingRegister
from pea_docs.models.types import RuleDate, Text

__all__ = ["INKS", "INK_SYNONYMS", "Direction", "RegistrationStamp", "SheetStamp", "StampAgent",
           "StampIndex", "StampSheet", "ink_name"]

#: The inks rule 60 allows for stamps and seals.
INKS = ("blue", "violet")
#: Other names of those inks.
INK_SYNONYMS = {"purple": "violet"}

#: Where the stamp goes: an incoming document (rule 21) or an outgoing one (rule 23).
Direction = Literal["incoming", "outgoing"]


def ink_name(color: object) -> str | None:
    """Return the ink of rule 60 that ``color`` names (any case), or None if it is not one.

    >>> ink_name("Blue"), ink_name("purple"), ink_name("black")
    ('blue', 'violet', None)
    """
    if not isinstance(color, str):
        return None
    name = color.strip().lower()
    name = INK_SYNONYMS.get(name, name)
    return name if name in INKS else None


def _index_text(value: Any) -> Any:
    # YAML reads `index: 15` as a number; the stamp prints it as written. A bool
    # (`index: yes`) or a float is almost surely a mistake, so it is refused.
    if isinstance(value, bool) or isinstance(value, float):
        raise PydanticCustomError("stamp.index", "is not a registration number; write it as "
                                  "text or a whole number, e.g. \"15\" or \"02-05/15\"",
                                  {"clause": "rule 21"})
    if isinstance(value, int):
        return str(value)
    return value


#: The registration number printed on the stamp: text; a whole number is accepted.
StampIndex = Annotated[Text, BeforeValidator(_index_text),
                       WithJsonSchema({"type": ["string", "integer"], "minLength": 1, "minimum": 1,
                                       "description": "the registration number, as text or a number"})]


class StampAgent(AgentName):
    """The agent whose surname and initials head the stamp (Appendix 3, line 1).

    Only the name is printed; the rest of the agent's block is accepted and ignored.
    """

    noun: ClassVar[str] = "the stamp's agent"
    clause: ClassVar[str] = "appendix 3"


class RegistrationStamp(PeaModel):
    """One registration stamp: agent, registration date and number, ink (Appendix 3)."""

    noun: ClassVar[str] = "a registration stamp"

    agent: StampAgent = rule("appendix 3", "the agent: {surname, name, patronymic?}")
    date: RuleDate = rule("rule 21", "the registration date, printed in figures")
    index: StampIndex = rule("rule 21", "the registration number: the serial number in the register")
    direction: Direction = rule("rule 21", "incoming (the lower right field of the first sheet) "
                                "or outgoing (the upper left field, rule 23)",
                                default="incoming")
    color: str = rule("rule 60", "the ink: blue (default) or violet", default="blue")


class SheetStamp(PeaModel):
    """One stamp of a sheet: its registration date and number."""

    noun: ClassVar[str] = "a stamp of the sheet"

    date: RuleDate = rule("rule 21", "the registration date, printed in figures")
    index: StampIndex = rule("rule 21", "the registration number: the serial number in the register")


class StampSheet(PeaModel):
    """A sheet of stamps: every stamp of a register, on A4 pages, to print and cut.

    The stamps are listed (``stamps``), or are those of the entries of a register
    (``incoming_register`` or ``outgoing_register``: that form's data, DATA.md):
    each entry's number, given or assigned in sequence, and its registration
    date -- for an incoming entry ``registered``, or the date rule 20 gives for
    ``received``; for an outgoing one its ``date``. Without an ``agent`` of its
    own the sheet takes the register's. Exactly one of the three is given
    (:func:`pea_docs.rules.stamp.check` says so).
    """

    noun: ClassVar[str] = "a sheet of stamps"
    # the agent may come from the register given instead (see _register_agent)
    model_config = ConfigDict(**PeaModel.model_config,
                              json_schema_extra=lambda schema: schema.get("required", []).remove("agent"))

    agent: StampAgent = rule("appendix 3", "the agent: {surname, name, patronymic?}; with a "
                             "register, the register's agent when left out")
    color: str = rule("rule 60", "the ink: blue (default) or violet", default="blue")
    stamps: list[SheetStamp] | None = Field(default=None, min_length=1, description=(
        "the stamps, in the order printed: [{date, index}, ...]; or give a register"))
    incoming_register: IncomingRegister | None = rule(
        "rule 21", "the data of an incoming register (year, agent, entries): a stamp for each "
        "entry, with its number and registration date", default=None)
    outgoing_register: OutgoingRegister | None = rule(
        "rule 23", "the data of an outgoing register (year, agent, entries): a stamp for each "
        "entry, with its number and date", default=None)

    @model_validator(mode="before")
    @classmethod
    def _register_agent(cls, data: Any) -> Any:
        # the register names its agent already: the sheet need not repeat it
        if not isinstance(data, Mapping) or "agent" in data:
            return data
        for key in _REGISTERS:
            register = data.get(key)
            if isinstance(register, Mapping) and "agent" in register:
                return {**data, "agent": register["agent"]}
            if isinstance(register, (IncomingRegister, OutgoingRegister)):
                return {**data, "agent": register.agent.model_dump(exclude_none=True)}
        return data

    @property
    def register(self) -> IncomingRegister | OutgoingRegister | None:
        """Return the register the stamps come from, or None when they are listed."""
        return self.incoming_register or self.outgoing_register

    @property
    def sources(self) -> list[str]:
        """Return the keys that give stamps: ``stamps`` and the registers given."""
        return [key for key in ("stamps", *_REGISTERS) if getattr(self, key) is not None]


#: The keys of a sheet holding a register's data.
_REGISTERS = ("incoming_register", "outgoing_register")
