"""Field types shared by the models: rule-11 dates, positive counts, non-empty text."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from pea_docs.errors import InputError
from pea_docs.locale.dates import to_date

__all__ = ["CELL_CHARS", "CellText", "Count", "Label", "Money", "OptionalCellText", "OptionalLabel", "RuleDate", "Storage", "Text", "number_range", "tenge"]


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

#: The most characters (UTF-16 units) a spreadsheet cell holds: Excel's limit, XlsxWriter cuts the rest.
CELL_CHARS = 32_767
#: The text of a register's cell: non-empty, at most :data:`CELL_CHARS` characters.
CellText = Annotated[str, Field(min_length=1, max_length=CELL_CHARS)]
#: An optional cell of a register.
OptionalCellText = Annotated[str, Field(max_length=CELL_CHARS)] | None

#: A whole number of at least 1 (sheets, copies, volumes).
Count = Annotated[int, Field(ge=1, strict=False)]


def _as_text(value: Any) -> Any:
    # YAML reads `number: 5`, `index: 1` and `articles: 17` as ints; they are printed as written
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: Text that YAML may have read as a number: an index, a number, an article (``5`` is read as "5").
Label = Annotated[Text, BeforeValidator(_as_text), WithJsonSchema({"type": ["string", "integer"], "minLength": 1})]
#: An optional :data:`Label`.
OptionalLabel = Annotated[str | None, BeforeValidator(_as_text),
                          WithJsonSchema({"type": ["string", "integer", "null"]})]


def number_range(value: Any, pattern: re.Pattern[str], *, code: str, clause: str, not_number: str,
                 not_range: str, backwards: str, minimum: int = 0) -> str:
    """Return a number or a range of numbers as ``"5"`` or ``"5-7"``, or raise ``code`` with its message.

    ``value`` is an int (YAML reads ``5`` so) or text, the range joined by a hyphen
    or the dash Word puts; ``pattern`` has the two numbers as its groups.

    >>> number_range("5 – 7", re.compile(r"^\\s*(\\d+)\\s*(?:[-\u2013]\\s*(\\d+)\\s*)?$"), code="x",
    ...              clause="", not_number="", not_range="", backwards="")
    '5-7'
    """
    def refuse(message: str) -> PydanticCustomError:
        return PydanticCustomError(code, message, {"clause": clause})

    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise refuse(not_number)
    match = pattern.match(str(value))
    if not match or int(match.group(1)) < minimum:
        raise refuse(not_range)
    first, last = match.group(1), match.group(2) or match.group(1)
    if int(last) < int(first):
        raise refuse(backwards)
    return first if first == last else f"{first}-{last}"


def _storage(value: Any) -> int | str:
    if isinstance(value, str) and value.strip().lower() == "permanent":
        return "permanent"
    if isinstance(value, bool):
        value = None
    try:
        years = int(value) if isinstance(value, (int, str)) else None
    except ValueError:
        years = None
    if years is None or years < 1:
        raise PydanticCustomError("storage.invalid", "is not a storage period; write the number "
                                  "of years (5) or 'permanent'", {"clause": "rule 47"})
    return years


#: A storage period: whole years (``5``) or ``"permanent"``.
Storage = Annotated[
    int | Literal["permanent"],
    BeforeValidator(_storage),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1}, {"const": "permanent"}],
                    "description": "storage period in years, or 'permanent'"}),
]


def tenge(value: Any) -> Decimal:
    """Return a sum of money as a Decimal of whole tiyn; raise ValueError saying what is wrong.

    Text may be typed as in Russian and Kazakh («1 234,56»); a float is read by its
    shortest text, not its binary expansion.

    >>> tenge("1 234,5"), tenge(0.1)
    (Decimal('1234.50'), Decimal('0.10'))
    """
    wrong = "is not a sum of money; write it as 1234.56"
    if isinstance(value, bool):
        raise ValueError(wrong)
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        try:
            amount = Decimal("".join(value.split()).replace(",", "."))
        except InvalidOperation:
            raise ValueError(wrong) from None
    elif isinstance(value, (int, Decimal)):
        amount = Decimal(value)
    else:
        raise ValueError(wrong)
    if not amount.is_finite():
        raise ValueError(wrong)
    if amount < 0:
        raise ValueError("is negative; a sum of money is zero or more")
    try:
        whole_tiyn = amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than Decimal's precision
        raise ValueError("is too large a sum of money") from None
    if amount != whole_tiyn:
        raise ValueError("has fractions of a tiyn; round it to two decimal places")
    return whole_tiyn


def _money(value: Any) -> Decimal:
    try:
        return tenge(value)
    except ValueError as exc:
        raise PydanticCustomError("money.invalid", str(exc), {"clause": ""}) from None


#: A sum in tenge: whole tiyn, zero or more (``1234.56``, ``"1 234,56"``).
Money = Annotated[Decimal, BeforeValidator(_money),
                  WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0},
                                            {"type": "string", "pattern": r"^[\d\s]+([.,]\d{1,2})?$"}],
                                  "description": "a sum in tenge with at most two decimals: 1234.56"})]
