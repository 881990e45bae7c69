"""Names in grammatical cases: Russian by the petrovich rules, Kazakh by the case endings and vowel harmony.

Russian letters decline names: «взыскать с Ахметова Б.С.», «Ахметову Б.С.» (the
dative of an addressee). The Russian cases come from the rule set of the
petrovich project (shipped with the ``petrovich`` package, MIT): suffix rules for
surnames, given names and patronymics, by gender. We apply those rules with a
matcher of our own, because the package's engine skips every rule marked
"androgynous" once a gender is given (so «Никита», «Цой», «Ольга» came out
wrong); and we add what the rules lack for Kazakhstan: patronymics and new
surnames in -ұлы / -қызы (written together or apart) do not decline, nor do
surnames in -ых/-их, nor a woman's surname ending in a consonant («Цой»); men's
names ending in ш or a Kazakh consonant decline as the others (Қуаныш → Қуаныша);
and the ы after г, к, х, ж, ш, ч, щ is written и.

Kazakh puts the case ending on the last word of the name, in harmony with its
vowels: the last vowel of the word decides front (ә е і ө ү) or back (а о ұ ы),
and for a surname in -ов/-ев/-ин the vowel before that suffix (Ахметовке,
Сапаровқа); the last sound decides the consonant (Ахметовтің, Сапаровпен). A
patronymic in -ұлы/-қызы takes the endings of a possessive (Серікұлына,
Серікұлының).

>>> decline_russian("Ахметов", "lastname", "male", "dative")
'Ахметову'
>>> decline_russian("Никита", "firstname", "male", "genitive")
'Никиты'
>>> decline_russian("Болат ұлы", "middlename", "male", "dative")
'Болат ұлы'
>>> [decline_kazakh(w, "dative") for w in ("Ахметов", "Сапаров", "Ахметова", "Серікұлы", "Бауыржан")]
['Ахметовке', 'Сапаровқа', 'Ахметоваға', 'Серікұлына', 'Бауыржанға']
>>> decline_kazakh("Ахметов", "instrumental"), decline_kazakh("Ахметов", "genitive")
('Ахметовпен', 'Ахметовтің')
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any, Literal

__all__ = ["KAZAKH_CASES", "RUSSIAN_CASES", "decline_kazakh", "decline_russian", "detect_gender"]

#: The Russian cases, in the order of petrovich's modifiers after the nominative.
RUSSIAN_CASES: tuple[str, ...] = ("nominative", "genitive", "dative", "accusative", "instrumental",
                                  "prepositional")
#: The Kazakh cases (атау, ілік, барыс, табыс, жатыс, шығыс, көмектес).
KAZAKH_CASES: tuple[str, ...] = ("nominative", "genitive", "dative", "accusative", "locative", "ablative",
                                 "instrumental")

Kind = Literal["lastname", "firstname", "middlename"]

# -ұлы «son of», -қызы «daughter of»: a Kazakh patronymic or new surname, written together or apart
_KAZAKH_PATRONYMIC = re.compile(r"(ұлы|улы|қызы|кызы|уулу|оглы|гызы)$", re.IGNORECASE)
_HUSHING = "гкхжшчщ"
# the endings of men's given names the rules leave out: Kazakh letters, and ш щ (Қуаныш, Жаныш)
_KAZAKH_CONSONANTS = "шщғқңһ"


@cache
def _rules() -> dict[str, Any]:
    path = resources.files("petrovich") / "rules" / "rules.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _gender_rules() -> dict[str, Any]:
    path = resources.files("petrovich") / "rules" / "gender.json"
    return json.loads(path.read_text(encoding="utf-8"))["gender"]


def _apply(mods: list[str], word: str, case: str) -> str:
    mod = mods[RUSSIAN_CASES.index(case) - 1]
    if mod == ".":
        return word
    cut = mod.count("-")
    return word[:len(word) - cut] + mod.replace("-", "")


def _inflect(word: str, kind: Kind, gender: str, case: str, first_of_several: bool) -> str:
    lower = word.lower()
    if _KAZAKH_PATRONYMIC.search(lower) or (kind == "lastname" and lower.endswith(("ых", "их"))):
        return word
    if kind == "lastname" and gender == "female" and lower[-1] not in "ая":
        return word  # a woman's surname that does not end in -а/-я stays: «у Ким», «Цой», «Шмидт»
    if kind == "firstname" and gender == "male" and lower[-1] in _KAZAKH_CONSONANTS:
        return _apply(["а", "у", "а", "ом", "е"], word, case)  # Қуаныш → Қуаныша, as Арман → Армана
    rules = _rules()[kind]
    fits = (gender, "androgynous")
    for rule in rules.get("exceptions", []):
        if rule["gender"] in fits and lower in rule["test"] and \
                ("first_word" not in rule.get("tags", []) or first_of_several):
            return _apply(rule["mods"], word, case)
    for rule in rules["suffixes"]:
        if rule["gender"] in fits and any(lower.endswith(test) for test in rule["test"]):
            declined = _apply(rule["mods"], word, case)
            # the rules write «Ольгы»: after г к х ж ш ч щ Russian spelling wants и
            if declined.endswith("ы") and len(declined) > 1 and declined[-2].lower() in _HUSHING:
                declined = declined[:-1] + "и"
            return declined
    return word


def decline_russian(words: str, kind: Kind, gender: str, case: str) -> str:
    """Return a surname, given name or patronymic in a Russian ``case`` (``gender``: male or female).

    A hyphenated or two-word name declines word by word («Ахметова-Сапарова» →
    «Ахметовой-Сапаровой»); a Kazakh patronymic written apart («Болат ұлы») does not.
    """
    if case == "nominative" or _KAZAKH_PATRONYMIC.search(words.lower()):
        return words
    parts = re.split(r"([- ])", words)
    several = len(parts) > 1
    return "".join(part if part in ("-", " ", "") else _inflect(part, kind, gender, case, several and i == 0)
                   for i, part in enumerate(parts))


def detect_gender(surname: str, name: str, patronymic: str | None) -> str | None:
    """Return ``male`` or ``female`` as the name shows it (patronymic first, then given name, then surname).

    >>> detect_gender("Ахметова", "Айгерим", "Серікқызы"), detect_gender("Ким", "Арман", None)
    ('female', 'male')
    >>> detect_gender("Ли", "Саша", None) is None
    True
    """
    rules = _gender_rules()
    for word, kind in ((patronymic, "middlename"), (name, "firstname"), (surname, "lastname")):
        if not word:
            continue
        lower = word.lower().split()[-1] if kind == "middlename" else word.lower()
        if kind == "middlename" and lower in ("ұлы", "улы"):
            return "male"
        if kind == "middlename" and lower in ("қызы", "кызы"):
            return "female"
        found = {gender for gender, tests in rules[kind].items() if any(lower.endswith(t) for t in tests)}
        if kind == "middlename":
            found |= {"male"} if lower.endswith(("ұлы", "улы")) else set()
            found |= {"female"} if lower.endswith(("қызы", "кызы")) else set()
        if kind == "firstname" and any(lower == t for t in rules[kind].get("androgynous", [])):
            continue
        found.discard("androgynous")
        if len(found) == 1:
            return found.pop()
    return None


# Kazakh sounds
_FRONT = set("әеэіөүи")
_BACK = set("аоұыяёю")
_AMBIGUOUS = set("иу")  # и: ій or ый; у: ұу or үу — decided by the vowels before them
_VOWELS = set("аәеэіоөұүыяёю")
_LIKE_R = set("лрйуи")  # sonorants and the semivowels и, у at the end of a word
_HISSING = set("зж")
_NASAL = set("мнң")
# everything else at the end of a word is voiceless or devoiced (Ахметов [-ф]: Ахметовке)
_RUSSIAN_SUFFIX = re.compile(r"(ов|ев|ёв|ин|ын)$", re.IGNORECASE)
_POSSESSIVE = {"genitive": "ның", "dative": ("на", "не"), "accusative": "н", "locative": ("нда", "нде"),
               "ablative": ("нан", "нен"), "instrumental": "мен"}


def _front(word: str) -> bool:
    lower = word.lower()
    stem = _RUSSIAN_SUFFIX.sub("", lower) or lower
    vowels = [c for c in stem if c in _FRONT or c in _BACK or c in _AMBIGUOUS]
    # и inside a syllable is the front [i] of a Russian word (Сериковичке); final и or у stands for
    # ій/ый, ұу/үу, and the vowels before it decide (Ерғалиға)
    clear = [c for i, c in enumerate(vowels) if c not in _AMBIGUOUS
             or (c == "и" and i == len(vowels) - 1 and not stem.endswith("и"))]
    if clear:
        return clear[-1] in _FRONT
    return bool(vowels) and vowels[-1] == "и"


def _ending(last: str, case: str, front: bool) -> str:
    def pick(back_form: str, front_form: str) -> str:
        return front_form if front else back_form

    sound = "vowel" if last in _VOWELS else "r" if last in _LIKE_R else "z" if last in _HISSING else \
        "nasal" if last in _NASAL else "voiceless"
    if case == "genitive":
        return pick(*{"vowel": ("ның", "нің"), "nasal": ("ның", "нің"), "r": ("дың", "дің"),
                      "z": ("дың", "дің")}.get(sound, ("тың", "тің")))
    if case == "dative":
        return pick("қа", "ке") if sound == "voiceless" else pick("ға", "ге")
    if case == "accusative":
        return pick("ны", "ні") if sound == "vowel" else pick("ты", "ті") if sound == "voiceless" else \
            pick("ды", "ді")
    if case == "locative":
        return pick("та", "те") if sound == "voiceless" else pick("да", "де")
    if case == "ablative":
        return pick("нан", "нен") if sound == "nasal" else pick("тан", "тен") if sound == "voiceless" else \
            pick("дан", "ден")
    # instrumental: no harmony; мен after vowels and sonorants (Айгеріммен, Бауыржанмен), бен after з ж
    return "пен" if sound == "voiceless" else "бен" if sound == "z" else "мен"


def decline_kazakh(word: str, case: str) -> str:
    """Return one word of a name with the Kazakh ending of ``case``.

    >>> [decline_kazakh("Серікұлы", c) for c in ("genitive", "accusative", "locative", "instrumental")]
    ['Серікұлының', 'Серікұлын', 'Серікұлында', 'Серікұлымен']
    >>> decline_kazakh("Ерғали", "dative"), decline_kazakh("Әлиев", "ablative")
    ('Ерғалиға', 'Әлиевтен')
    """
    if case == "nominative" or not word:
        return word
    lower = word.lower()
    if _KAZAKH_PATRONYMIC.search(lower):  # a possessive: ұлы «his son», қызы «his daughter»
        ending = _POSSESSIVE[case]
        return word + (ending if isinstance(ending, str) else ending[0])
    last = next((c for c in reversed(lower) if c.isalpha() and c not in "ьъ"), "")
    return word + _ending(last, case, _front(word))
