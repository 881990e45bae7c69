"""The identifiers an office writes of people: IIN and BIN (12 digits and a check digit), phone, e-mail.

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

__all__ = ["Email", "IinBin", "Phone", "check_digit", "coerce_email", "coerce_iin_bin", "coerce_phone",
           "is_valid_iin_bin"]

register_code("iin_bin.invalid", "", "an IIN or BIN that is not 12 digits")
register_code("iin_bin.check_digit", "", "an IIN or BIN whose check digit does not match (a typing error)")
register_code("phone.invalid", "", "a telephone number with letters, or fewer than 5 or more than 15 digits")
register_code("email.invalid", "", "an e-mail address that is not name@domain")

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


_PHONE_MARKS = frozenset("+-() .")


def coerce_phone(value: Any) -> str:
    """Return a telephone number as written, if it is one: digits with ``+ - ( ) .`` and spaces.

    Written forms stay (``+7 (727) 250-00-00``, ``8 701 123 45 67``): an office
    prints what it wrote. Five digits at least (a local number), fifteen at most
    (the international limit, E.164).

    >>> coerce_phone("+7 (727) 250-00-00")
    '+7 (727) 250-00-00'
    >>> coerce_phone("27-50-0O")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: is not a telephone number: only digits, spaces and + - ( ) . are written in one
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("phone.invalid", "is not a telephone number", {"clause": ""})
    text = " ".join(value.split())
    if any(not (c.isascii() and c.isdigit()) and c not in _PHONE_MARKS for c in text):
        raise PydanticCustomError("phone.invalid", "is not a telephone number: only digits, spaces and + - ( ) . "
                                  "are written in one", {"clause": ""})
    count = sum(c.isdigit() for c in text)
    if not 5 <= count <= 15:
        raise PydanticCustomError("phone.invalid", "is not a telephone number: {count} digits, 5 to 15 are needed",
                                  {"clause": "", "count": count})
    return text


def coerce_email(value: Any) -> str:
    """Return an e-mail address if it has the shape ``name@domain.zone`` (no spaces, one ``@``).

    Only the shape is checked: whether a mailbox exists no program can tell offline.

    >>> coerce_email("office@chsi.kz")
    'office@chsi.kz'
    >>> coerce_email("office@chsi")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: is not an e-mail address: write it as name@domain.kz
    """
    text = value.strip() if isinstance(value, str) else ""
    local, at, domain = text.partition("@")
    labels = domain.split(".")
    if (not local or not at or "@" in domain or any(c.isspace() for c in text) or len(labels) < 2
            or not all(labels) or len(text) > 254):
        raise PydanticCustomError("email.invalid", "is not an e-mail address: write it as name@domain.kz",
                                  {"clause": ""})
    return text


#: A telephone number as written: digits, spaces and ``+ - ( ) .``, 5 to 15 digits.
Phone = Annotated[str, BeforeValidator(coerce_phone),
                  WithJsonSchema({"type": "string", "pattern": r"^[0-9+\-(). ]+$",
                                  "description": "a telephone number: +7 (727) 250-00-00"})]

#: An e-mail address: ``name@domain.zone``.
Email = Annotated[str, BeforeValidator(coerce_email),
                  WithJsonSchema({"type": "string", "format": "email", "description": "an e-mail address"})]
