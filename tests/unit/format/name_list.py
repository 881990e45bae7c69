"""The list of names with their cases written by hand (tests/data/names/ru.tsv), and 200 full names made of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

LISTS = Path(__file__).resolve().parents[2] / "data" / "names"
#: the list the rules were settled on, and a second one written after, never used to adjust them
LIST, HOLDOUT = LISTS / "ru.tsv", LISTS / "ru_holdout.tsv"


@dataclass(frozen=True)
class Word:
    """One surname, given name or patronymic with its genitive and dative."""

    kind: str
    gender: str
    nominative: str
    genitive: str
    dative: str


@dataclass(frozen=True)
class FullName:
    """A full name made of three words of one gender (the patronymic may be absent)."""

    gender: str
    parts: tuple[Word, ...]

    @property
    def surname(self) -> str:
        return self.parts[0].nominative

    @property
    def name(self) -> str:
        return self.parts[1].nominative

    @property
    def patronymic(self) -> str | None:
        return self.parts[2].nominative if len(self.parts) > 2 else None

    def expected(self, case: str) -> str:
        return " ".join(getattr(word, case) for word in self.parts)

    def as_dict(self) -> dict[str, Any]:
        data = {"surname": self.surname, "name": self.name, "gender": "male" if self.gender == "m" else "female"}
        return {**data, "patronymic": self.patronymic} if self.patronymic else data


def words(path: Path = LIST) -> list[Word]:
    """Return every word of a list."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found.append(Word(*line.split("\t")))
    return found


def full_names(count: int = 200, path: Path = LIST) -> list[FullName]:
    """Return ``count`` full names: every surname in turn, with given names and patronymics of its gender."""
    listed = words(path)
    surnames = [w for w in listed if w.kind == "surname"]
    given = {g: [w for w in listed if w.kind == "name" and w.gender == g] for g in "mf"}
    fathers = {g: [w for w in listed if w.kind == "patronymic" and w.gender == g] for g in "mf"}
    people = []
    for i in range(count):
        surname = surnames[i % len(surnames)]
        g = surname.gender
        name = given[g][(i * 7) % len(given[g])]
        patronymic = fathers[g][(i * 5) % len(fathers[g])]
        parts = (surname, name) if i % 6 == 5 else (surname, name, patronymic)
        people.append(FullName(g, parts))
    return people
