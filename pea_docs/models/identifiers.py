"""Kazakhstan's individual and business identification numbers (IIN, BIN): 12 digits and a check digit.

The twelfth digit is a check digit: the first eleven weighted 1, 2, ... 11, the
sum taken modulo 11; if that gives 10, they are weighted 3, 4, ... 11, 1, 2 and
taken modulo 11 again; a second 10 means no number is issued. IIN and BIN share
the algorithm (a BIN's fifth digit says the kind of body, an IIN's first six the
birth date; neither is checked here, only what makes a number well-formed).

>>> check_digit("92061234567")
3
>>> coerce_iin_bin("920612345673")
'920612345673'
>>> coerce_iin_bin("920612345670")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.PydanticCustomError: has a wrong check digit (0, the number gives 3): a typing error; check the number
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from pea_docs.errors.codes import register_code

__all__ = ["IinBin", "check_digit", "coerce_iin_bin", "is_valid_iin_bin"]

register_code("iin_bin.invalid", "", "an IIN or BIN that is not 12 digits")
register_code("iin_bin.check_digit", "", "an IIN or BIN whose check digit does not match (a typing error)")

_FIRST = range(1, 12)
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    """Return the check digit of the first eleven digits, or None if no number can have them."""
    digits = [int(c) for c in first_eleven]
    total = sum(d * w for d, w in zip(digits, _FIRST, strict=True)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits, _SECOND, strict=True)) % 11
    return None if total == 10 else total


def is_valid_iin_bin(value: str) -> bool:
    """Return whether ``value`` is 12 digits whose last is the check digit of the others.

    >>> is_valid_iin_bin("920612345673"), is_valid_iin_bin("92061234567")
    (True, False)
    """
    return (len(value) == 12 and value.isascii() and value.isdigit()
            and check_digit(value[:11]) == int(value[11]))


def coerce_iin_bin(value: Any) -> str:
    """Return an IIN or BIN as its 12 digits (spaces taken out), or raise a clear error."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:012d}"  # YAML reads 050540012345 as a number: the leading zero is gone
    if not isinstance(value, str):
        raise PydanticCustomError("iin_bin.invalid", "is not an IIN or BIN: write its 12 digits", {"clause": ""})
    digits = "".join(value.split())
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        raise PydanticCustomError("iin_bin.invalid", "is not an IIN or BIN: 12 digits are needed, {count} given",
                                  {"clause": "", "count": sum(c.isdigit() for c in digits)})
    expected = check_digit(digits[:11])
    if expected is None or expected != int(digits[11]):
        shown = "no number is issued with these first eleven digits" if expected is None else \
            f"the number gives {expected}"
        raise PydanticCustomError("iin_bin.check_digit",
                                  "has a wrong check digit ({got}, {shown}): a typing error; check the number",
                                  {"clause": "", "got": digits[11], "shown": shown})
    return digits


#: An IIN or BIN: 12 digits with a valid check digit (spaces allowed when typed).
IinBin = Annotated[str, BeforeValidator(coerce_iin_bin),
                   WithJsonSchema({"type": "string", "pattern": r"^\d{12}$",
                                   "description": "IIN or BIN: 12 digits, the last a check digit"})]
