"""Non-breaking spaces where a line must not break: «№ 15», «500 000 теңге», «в 1 экз.», «А.Б. Сапаров».

A line of a letter may end after «№» and the number begin the next one, or a
sum split inside its figures. Word keeps two words together across a
non-breaking space (U+00A0), so :func:`typeset` puts one:

- after «№» (and «No.»);
- between the groups of figures of a number (``500 000``);
- between a number and its unit or month (``1 л.``, ``2 парақта``, ``500 000 теңге``, ``9 января``);
- between a one- or two-letter word and the number after it (``в 1``, ``на 2``), and between an
  abbreviation of up to three letters and its number (``ст. 17``, ``д. 1``, ``art. 9``);
- between initials and the surname, either way (``А.Б. Сапаров``, ``Сапаров А.Б.``), and after
  an abbreviation of one letter (``г. Алматы``).

Every document pea-docs writes goes through it: the values printed by a Word
template (built-in or the user's) and the text of the act. The ``format_*``
functions return plain spaces, for programs that print the text elsewhere.

>>> typeset("Приложение: копия на 1 л. в 1 экз.").replace("\\u00a0", "_")
'Приложение: копия на_1_л. в_1_экз.'
>>> typeset("№ 0201-25-00001 на сумму 500 000 теңге, А.Б. Сапаров").replace("\\u00a0", "_")
'№_0201-25-00001 на сумму 500_000_теңге, А.Б._Сапаров'
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["NBSP", "typeset"]

NBSP = "\u00a0"
_L = r"[^\W\d_]"  # a letter of any alphabet
#: the words a number is kept with, in the three languages: money, sheets and copies, years and
#: days, months; and any abbreviation of up to four letters with its dot (л., экз., г., млн.).
#: Words of typesetting, not labels: they live here, with the language data, not in a catalog.
UNITS = [
    "тенге", "теңге", "tenge", r"тиын\w*", r"tiyn\w*", r"парақ\w*", r"дана\w*", r"лист\w*",
    r"экземпляр\w*", "sheets?", "cop(?:y|ies)", "years?", r"год\w*", r"жыл\w*", r"жұмыс", r"рабоч\w*",
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
    "ноября", "декабря", "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
    "қыркүйек", "қазан", "қараша", "желтоқсан", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
_CAPITAL = "[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]"
_WORD_START = rf"(?<!{_L})"
# One pass: every rule turns a space into a non-breaking one, so each is a branch that
# matches the space alone, its context in look-arounds of fixed width. The leading (?= )
# lets every other position fail at once instead of trying each branch's look-behinds
# there (four times faster on an address; the same matches).
_SPACE = re.compile("(?= )(?:" + "|".join([
    r"(?<=№) +",                                                          # № 15
    r"(?<=\bNo\.) +(?=\d)",                                               # No. 15
    rf"(?<=\d) (?=\d{{3}}(?!\d)|(?i:{_L}{{1,4}}\.|{'|'.join(UNITS)})(?!{_L}))",  # 500 000, 1 л., 9 января
    rf"(?:(?<={_WORD_START}{_L})|(?<={_WORD_START}{_L}{_L})) (?=\d)",        # в 1, на 2
    rf"(?:(?<={_WORD_START}{_L}\.)|(?<={_WORD_START}{_L}{_L}\.)|(?<={_WORD_START}{_L}{_L}{_L}\.)) (?=\d)",  # ст. 17, д. 1
    rf"(?:(?<={_WORD_START}{_L}\.)|(?<={_WORD_START}{_L}\.{_L}\.)) (?={_L}{{2}})",  # А.Б. Сапаров, г. Алматы
    rf"(?<={_L}{_L}) (?=(?:{_CAPITAL}\.){{1,2}}(?!{_L}))",                    # Сапаров А.Б., not «округ г.»
]) + ")")


def typeset(text: str) -> str:
    """Return ``text`` with non-breaking spaces where a line must not break (see the module)."""
    if " " not in text:
        return text
    if len(text) <= 256:  # names, addresses, dates: the same in every letter of a batch
        return _typeset_short(text)
    return _SPACE.sub(NBSP, text)


@lru_cache(maxsize=4096)
def _typeset_short(text: str) -> str:
    return _SPACE.sub(NBSP, text)
