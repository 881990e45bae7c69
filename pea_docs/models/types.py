"""Field types shared by the models: rule-11 dates, positive counts, non-empty text."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from pea_docs.errors import InputError
from pea_docs.locale.dates import to_date

__all__ = ["Count", "RuleDate", "Text"]


def _rule_date(value: Any) -> date:
    if isinstance(value, (date, datetime, str)):
        try:
            return to_date(value)
        except InputError as exc:
            raise PydanticCustomError("date.invalid", exc.problems[0].message,
                                      {"clause": "rule 11"}) from None
    raise PydanticCustomError("date.invalid", "is not a date; write it as 15.09.2008 or 2008-09-15",
                              {"clause": "rule 11"})


#: A date: a date object, ``15.09.2008``, ``2008-09-15`` or a rule-11 date in words.
RuleDate = Annotated[
    date,
    BeforeValidator(_rule_date),
    # every style the model reads: ISO, figures, words («15 сентября 2008 года»)
    WithJsonSchema({"type": "string", "anyOf": [
        {"format": "date"}, {"pattern": r"^\d{1,2}\.\d{1,2}\.\d{4}$"},
        {"pattern": r"^«?\d{1,2}»? \S+ \d{4}"}],
        "description": "2008-09-15, 15.09.2008 or a date in words (rule 11)"}),
]

#: Non-empty text, stripped of surrounding whitespace.
Text = Annotated[str, Field(min_length=1)]

#: A whole number of at least 1 (sheets, copies, volumes).
Count = Annotated[int, Field(ge=1, strict=False)]
