"""Compare ways of putting Russian names in the genitive and dative on our list of 200 names.

    python tools/name_cases.py            # needs: pip install pymorphy3 pymorphy3-dicts-ru petrovich

The lists (tests/data/names/ru.tsv, and ru_holdout.tsv written after our rules were
settled) hold Kazakh and Russian surnames, given names and patronymics with their
genitive and dative written by hand; 200 and 100 full names are made of them as
tests/unit/format/test_name_cases.py makes them. Printed: the
share of full names whose genitive and dative come out right, for pymorphy3 (a
dictionary), petrovich (suffix rules) and pea-docs (petrovich's rules with our
rules for Kazakh names, pea_docs.format.cases).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "format"))

from name_list import HOLDOUT, LIST, FullName, full_names  # noqa: E402

Decline = Callable[[FullName, str], str]


def _pymorphy() -> Decline:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    roles = {"surname": "Surn", "name": "Name", "patronymic": "Patr"}

    def word(text: str, role: str, gender: str, case: str) -> str:
        if "-" in text:
            return "-".join(word(part, role, gender, case) for part in text.split("-"))
        grammeme = "masc" if gender == "m" else "femn"
        for parse in morph.parse(text):
            if roles[role] in parse.tag and grammeme in parse.tag:
                inflected = parse.inflect({"gent" if case == "genitive" else "datv"})
                if inflected:
                    form = inflected.word
                    return form[:1].upper() + form[1:] if text[:1].isupper() else form
        return text

    def decline(person: FullName, case: str) -> str:
        parts = [word(person.surname, "surname", person.gender, case), word(person.name, "name", person.gender, case)]
        if person.patronymic:
            parts.append(" ".join(word(w, "patronymic", person.gender, case) for w in person.patronymic.split()))
        return " ".join(parts)

    return decline


def _petrovich() -> Decline:
    from petrovich.enums import Case, Gender
    from petrovich.main import Petrovich

    petrovich = Petrovich()
    cases = {"genitive": Case.GENITIVE, "dative": Case.DATIVE}

    def decline(person: FullName, case: str) -> str:
        gender = Gender.MALE if person.gender == "m" else Gender.FEMALE
        parts = [petrovich.lastname(person.surname, cases[case], gender),
                 petrovich.firstname(person.name, cases[case], gender)]
        if person.patronymic:
            parts.append(petrovich.middlename(person.patronymic, cases[case], gender))
        return " ".join(parts)

    return decline


def _pea_docs() -> Decline:
    from pea_docs.format.names import format_name

    def decline(person: FullName, case: str) -> str:
        return format_name(person.as_dict(), "full", case=case)  # type: ignore[arg-type]

    return decline


def main() -> None:
    makers = {}
    for label, make in (("pymorphy3", _pymorphy), ("petrovich", _petrovich), ("pea-docs", _pea_docs)):
        try:
            makers[label] = make()
        except ImportError as exc:
            print(f"{label:10} not installed ({exc.name})")
    for path, count in ((LIST, 200), (HOLDOUT, 100)):
        people = full_names(count, path)
        print(f"{path.name}: {len(people)} full names, genitive and dative each ({2 * len(people)} forms)")
        for label, decline in makers.items():
            wrong = [(person, case, decline(person, case)) for person in people for case in ("genitive", "dative")
                     if decline(person, case) != person.expected(case)]
            right = 2 * len(people) - len(wrong)
            print(f"  {label:10} {right}/{2 * len(people)} right ({100 * right / (2 * len(people)):.1f} %)")
            for person, case, got in wrong[:5]:
                print(f"      {case:9} {person.expected(case)!r:45} got {got!r}")
            if len(wrong) > 5:
                print(f"      ... and {len(wrong) - 5} more")


if __name__ == "__main__":
    main()
