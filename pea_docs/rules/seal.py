"""The checks of the seal (rules 53–55, 58, 60): its inscription, its ink, the journal, the destruction act.

>>> check_seal({"surname": "Сапаров", "name": "Арман", "chamber": "РП г. Алматы", "district": "г. Алматы",
...     "license": "17012345", "inscription": "ЧСИ Сапаров Арман, лицензия № 17012345", "ink": "black"})[0].code
'seal.inscription'
"""

from __future__ import annotations

from typing import Any

from pea_docs.errors import Problem
from pea_docs.errors.codes import check, register_code
from pea_docs.models.base import coerce
from pea_docs.models.seal import Seal, SealDestructionAct, SealJournal
from pea_docs.models.stamp import INKS, ink_name

__all__ = ["check_seal", "check_seal_destruction_act", "check_seal_journal"]

register_code("seal.ink", "rule 60", "a seal's ink not blue or violet")
register_code("seal_journal.date_order", "rule 55", "a seal issued on a date before the entry above it")
register_code("seal_journal.license_conflict", "rule 53", "one license number for two agents in the journal")
register_code("seal_journal.certification", "rule 55", "the journal's sheets given without who certified "
              "them and when (warning)")
register_code("seal_act.commission", "rule 58", "the commission lacks the territorial body of justice or the "
              "regional chamber")


def _folded(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).casefold()


@check("rule 53", codes={
    "seal.inscription": "the inscription lacks the surname, name, patronymic, enforcement district or license "
                        "number (rule 53; the name as in the identity document, rule 54)",
})
def check_seal(data: Any, loc: tuple[str | int, ...] = ()) -> list[Problem]:
    """Return the problems of a seal: what its inscription lacks (rule 53), its ink (rule 60)."""
    seal = coerce(Seal, data)
    problems: list[Problem] = []
    if seal.inscription is not None:
        text = _folded(seal.inscription)
        parts = {"surname": seal.surname, "name": seal.name, "patronymic": seal.patronymic,
                 "district": seal.district, "license": seal.license}
        missing = [field for field, value in parts.items() if value and _folded(value) not in text]
        if missing:
            problems.append(Problem("seal.inscription", "rule 53", (*loc, "inscription"), seal.inscription,
                                    f"lacks the {', '.join(missing)} the seal must bear (rule 53), written as in "
                                    "the identity document (rule 54)"))
    if ink_name(seal.ink) is None:
        problems.append(Problem("seal.ink", "rule 60", (*loc, "ink"), seal.ink,
                                f"is not an ink for seals; use {' or '.join(INKS)}, never black or several colours"))
    return problems


def check_seal_journal(data: Any) -> list[Problem]:
    """Return the problems of a seal journal (rules 53, 55)."""
    journal = coerce(SealJournal, data)
    problems: list[Problem] = []
    owners: dict[str, tuple[int, str]] = {}
    for i, entry in enumerate(journal.entries):
        problems += check_seal(entry.seal, ("entries", i, "seal"))
        if i and entry.date < journal.entries[i - 1].date:
            problems.append(Problem("seal_journal.date_order", "rule 55", ("entries", i, "date"),
                                    entry.date.isoformat(), f"is before the entry above "
                                    f"({journal.entries[i - 1].date:%d.%m.%Y}): a journal of strict reporting is "
                                    "kept in the order seals are issued"))
        who = _folded(f"{entry.seal.surname} {entry.seal.name} {entry.seal.patronymic or ''}")
        first = owners.setdefault(entry.seal.license, (i, who))
        if first[1] != who:
            problems.append(Problem("seal_journal.license_conflict", "rule 53", ("entries", i, "seal", "license"),
                                    entry.seal.license, f"is already the license of another agent (row "
                                    f"{first[0] + 1}): a license number names one agent"))
    if journal.sheets is not None and (journal.certified_by is None or journal.certified is None):
        problems.append(Problem("seal_journal.certification", "rule 55", ("certified_by",), None,
                                "and the date (certified) are needed to certify the journal's sheets",
                                severity="warning"))
    return problems


def check_seal_destruction_act(data: Any) -> list[Problem]:
    """Return the problems of an act on the destruction of a seal (rules 53, 58, 60)."""
    act = coerce(SealDestructionAct, data)
    problems = check_seal(act.seal, ("seal",))
    bodies = {member.body for member in act.commission}
    for body, name in (("justice", "the territorial body of justice"), ("chamber", "the regional chamber")):
        if body not in bodies:
            problems.append(Problem("seal_act.commission", "rule 58", ("commission",), None,
                                    f"has no member of {name}: the seal is destroyed by a commission of both"))
    return problems
