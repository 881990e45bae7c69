"""Counts in figures and words, sums in tenge (num2words wrapped)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pea_docs.errors import InputError
from pea_docs.format import format_count, format_money


@pytest.mark.parametrize(("n", "lang", "gender", "expected"), [
    (12, "ru", None, "12 (двенадцать)"),
    (21, "ru", "neuter", "21 (двадцать одно)"),
    (21, "ru", "feminine", "21 (двадцать одна)"),
    (21, "ru", "masculine", "21 (двадцать один)"),
    (21, "ru", None, "21 (двадцать один)"),
    (125, "kk", None, "125 (жүз жиырма бес)"),
    (125, "en", None, "125 (one hundred and twenty-five)"),
    (0, "ru", None, "0 (ноль)"),
    (1234, "ru", None, "1 234 (одна тысяча двести тридцать четыре)"),
    (1234, "en", None, "1,234 (one thousand two hundred and thirty-four)"),
    (1234, "kk", "neuter", "1 234 (бір мың екі жүз отыз төрт)"),
])
def test_count(n, lang, gender, expected):
    assert format_count(n, lang=lang, gender=gender) == expected


@pytest.mark.parametrize("bad", [-1, 1.5, "12", True, None])
def test_count_refuses_what_is_not_a_whole_number(bad):
    with pytest.raises(InputError) as exc:
        format_count(bad)
    assert exc.value.problems[0].code == "number.invalid"


def test_count_refuses_an_unknown_gender():
    with pytest.raises(InputError) as exc:
        format_count(1, gender="n")  # type: ignore[arg-type]
    assert exc.value.problems[0].code == "option.invalid"


@pytest.mark.parametrize(("amount", "lang", "expected"), [
    (Decimal("1234.56"), "ru", "1 234,56 тенге (одна тысяча двести тридцать четыре тенге 56 тиынов)"),
    (Decimal("1234.56"), "kk", "1 234,56 теңге (бір мың екі жүз отыз төрт теңге 56 тиын)"),
    (Decimal("1234.56"), "en", "KZT 1,234.56 (one thousand two hundred and thirty-four tenge 56 tiyn)"),
    (Decimal("1.01"), "ru", "1,01 тенге (один тенге 01 тиын)"),
    (Decimal("2.02"), "ru", "2,02 тенге (два тенге 02 тиына)"),
    (Decimal("5.11"), "ru", "5,11 тенге (пять тенге 11 тиынов)"),
    (Decimal("5.22"), "ru", "5,22 тенге (пять тенге 22 тиына)"),
    (Decimal("5.12"), "ru", "5,12 тенге (пять тенге 12 тиынов)"),
    (1000000, "ru", "1 000 000,00 тенге (один миллион тенге 00 тиынов)"),
    ("1 234,56", "ru", "1 234,56 тенге (одна тысяча двести тридцать четыре тенге 56 тиынов)"),
    ("1234.5", "en", "KZT 1,234.50 (one thousand two hundred and thirty-four tenge 50 tiyn)"),
    (0.1, "kk", "0,10 теңге (нөл теңге 10 тиын)"),
])
def test_money(amount, lang, expected):
    assert format_money(amount, lang=lang) == expected


@pytest.mark.parametrize("bad", [Decimal("-1"), -5, "abc", "1.005", None, True, float("nan"),
                                 Decimal("Infinity"), [1]])
def test_money_refuses_bad_amounts(bad):
    with pytest.raises(InputError) as exc:
        format_money(bad)
    (problem,) = exc.value.problems
    assert problem.code == "money.invalid"


@pytest.mark.parametrize("n", [10**40, 10**400])
def test_numbers_too_large_for_words_are_refused(n):
    with pytest.raises(InputError):
        format_count(n)
    with pytest.raises(InputError):
        format_money(n)


@pytest.mark.parametrize("n, feminine, neuter", [
    (1_000_000, "один миллион", "один миллион"),
    (2_000_000, "два миллиона", "два миллиона"),
    (2_000_001, "два миллиона одна", "два миллиона одно"),
    (1_001, "одна тысяча одна", "одна тысяча одно"),
    (2_000_000_002, "два миллиарда две", "два миллиарда два"),
    (1_000_000_000_000, "один триллион", "один триллион"),
])
def test_gender_agrees_with_the_last_group_only(n, feminine, neuter):
    """«одна миллион» was wrong: millions and milliards are masculine, whatever is counted."""
    assert format_count(n, gender="feminine").endswith(f"({feminine})")
    assert format_count(n, gender="neuter").endswith(f"({neuter})")


@given(st.integers(min_value=0, max_value=10**12))
def test_only_the_units_group_changes_with_the_gender(n):
    masculine = format_count(n)
    for gender in ("feminine", "neuter"):
        words = format_count(n, gender=gender).split("(", 1)[1]
        head = masculine.split("(", 1)[1].split()
        # every word before the last group is the masculine one
        upper = format_count(n - n % 1000).split("(", 1)[1].rstrip(")").split() if n >= 1000 else []
        if n % 1000 and upper:
            assert words.split()[:len(upper)] == upper
        assert not any(bad in words for bad in ("одна миллион", "две миллион", "одно миллион",
                                                "одна миллиард", "две миллиард", "одна триллион"))
        assert len(words.split()) == len(head)
