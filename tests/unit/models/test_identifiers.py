"""IIN and BIN: the national check digit, property-tested."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from pea_docs.models.identifiers import check_digit, coerce_iin_bin, is_valid_iin_bin

ELEVEN = st.text(alphabet="0123456789", min_size=11, max_size=11)


def complete(first: str) -> str | None:
    digit = check_digit(first)
    return None if digit is None else first + str(digit)


@given(ELEVEN)
def test_every_number_with_its_check_digit_passes(first):
    number = complete(first)
    assume(number is not None)
    assert coerce_iin_bin(number) == number and is_valid_iin_bin(number)
    assert coerce_iin_bin(f"{number[:6]} {number[6:]}") == number  # typed with a space


def first_sum(number: str) -> int:
    return sum(int(d) * w for d, w in zip(number[:11], range(1, 12), strict=True)) % 11


@given(ELEVEN, st.integers(min_value=0, max_value=11), st.integers(1, 9))
def test_a_single_digit_change_is_refused_where_the_algorithm_can_see_it(first, position, step):
    # The national algorithm cannot refuse every single-digit change: the 11th digit weighs 11 in
    # the first sum (0 modulo 11), and where either number's first sum is 10 the second weighting
    # decides, which two numbers may share. Everywhere else a change is refused: checked here.
    number = complete(first)
    assume(number is not None)
    changed = number[:position] + str((int(number[position]) + step) % 10) + number[position + 1:]
    assume(position != 10 and first_sum(number) != 10 and first_sum(changed) != 10)
    with pytest.raises(PydanticCustomError) as raised:
        coerce_iin_bin(changed)
    assert raised.value.type == "iin_bin.check_digit"


def test_how_often_the_algorithm_misses_a_single_digit_change():
    # every number of 11 leading digits 0-9 in a fixed sample, every position, every change
    import random
    rng = random.Random(1)
    missed = {position: 0 for position in range(12)}
    tried = 0
    for _ in range(500):
        number = complete("".join(rng.choice("0123456789") for _ in range(11)))
        if number is None:
            continue
        tried += 1
        for position in range(12):
            for step in range(1, 10):
                changed = number[:position] + str((int(number[position]) + step) % 10) + number[position + 1:]
                missed[position] += is_valid_iin_bin(changed)
    rate = {position: count / (tried * 9) for position, count in missed.items()}
    assert rate[11] == 0  # the check digit itself: always caught
    assert rate[10] > 0.8  # the 11th digit: caught only through the second weighting
    assert all(rate[p] < 0.05 for p in range(10))  # the others: only when the second weighting decides


def test_the_eleventh_digit_is_not_guarded_by_the_first_weighting():
    number = complete("92061234567")
    assert number == "920612345673"
    assert is_valid_iin_bin("920612345683")  # the 11th digit changed, the check digit still matches


@pytest.mark.parametrize("value, code", [("12345", "iin_bin.invalid"), ("92061234567A", "iin_bin.invalid"),
                                         ("٩٢٠٦١٢٣٤٥٦٧٣", "iin_bin.invalid"), (None, "iin_bin.invalid"),
                                         ("920612345670", "iin_bin.check_digit")])
def test_what_is_not_an_iin_or_bin(value, code):
    with pytest.raises(PydanticCustomError) as raised:
        coerce_iin_bin(value)
    assert raised.value.type == code


def test_yaml_reading_a_number_keeps_its_leading_zero():
    number = complete("05054001234")
    assert number is not None and coerce_iin_bin(int(number)) == number
