"""The checks of the decisions on a writ (rule 27), and the grounds for refusal in words.

>>> writ = {"kind": "исполнительный лист", "number": "2-1/2025", "date": "2025-02-20", "issuer": "суд"}
>>> agent = {"surname": "Сапаров", "name": "Арман", "license": "1", "territory": "г. Алматы", "address": "г. Алматы"}
>>> data = {"agent": agent, "place": "г. Алматы", "date": "2025-02-19", "writ": writ, "claim": "о взыскании",
...         "debtor": {"name": "Ли Ан"}, "recoveror": {"name": "ТОО «Альфа»"}, "grounds": ["no_such_ground"]}
>>> [(p.code, p.loc) for p in check_resolution_refusal(data)]
[('resolution.before_writ', ('date',)), ('resolution.ground_unknown', ('grounds', 0))]
>>> ground_text("wrong_place", "kk")
'атқарушылық құжат орындалатын жер бойынша ұсынылмаған'
"""

from __future__ import annotations

from typing import Any

from pea_docs.errors import Problem
from pea_docs.errors.codes import check, register_code
from pea_docs.locale import gettext
from pea_docs.models.base import coerce
from pea_docs.models.resolutions import (
    REFUSAL_GROUNDS,
    RefusalGround,
    ResolutionInitiation,
    ResolutionRefusal,
    WritDecision,
)

__all__ = ["check_resolution_initiation", "check_resolution_refusal", "ground_text", "grounds_in_use"]

register_code("resolution.before_writ", "rule 27", "a resolution dated before the writ it decides on")
register_code("resolution.before_entry", "rule 27", "a resolution dated before the writ was entered in the "
              "AIS of BEP")
register_code("resolution.same_party", "rule 27", "the debtor and the recoveror have one IIN/BIN")


def grounds_in_use(office_list: dict[str, RefusalGround] | None) -> dict[str, RefusalGround | str]:
    """Return the list of grounds a refusal picks from: the office's own, else the built-in one.

    >>> sorted(grounds_in_use(None))
    ['not_enforcement_document', 'requirements_not_met', 'time_limit_expired', 'wrong_place']
    """
    return dict(office_list) if office_list else dict(REFUSAL_GROUNDS)


def ground_text(code: str, lang: str, office_list: dict[str, RefusalGround] | None = None) -> str:
    """Return the words of the ground ``code`` in ``lang``, from the office's list or the built-in one."""
    ground = grounds_in_use(office_list)[code]
    if isinstance(ground, RefusalGround):
        return ground.text(lang)
    return gettext(ground, lang=lang, domain="intake")


def _writ_problems(decision: WritDecision) -> list[Problem]:
    problems: list[Problem] = []
    day = decision.date.isoformat()
    if decision.date < decision.writ.date:
        problems.append(Problem("resolution.before_writ", "rule 27", ("date",), day,
                                f"is before the writ's date ({decision.writ.date:%d.%m.%Y}): the agent decides "
                                "on a writ already issued"))
    if decision.entered is not None and decision.date < decision.entered:
        problems.append(Problem("resolution.before_entry", "rule 27", ("date",), day,
                                f"is before the writ was entered in the AIS of BEP ({decision.entered:%d.%m.%Y}): "
                                "the decision follows the entry"))
    both = decision.debtor.iin_bin, decision.recoveror.iin_bin
    if both[0] is not None and both[0] == both[1]:
        problems.append(Problem("resolution.same_party", "rule 27", ("recoveror", "iin_bin"), both[1],
                                "is the debtor's IIN/BIN too: the recoveror and the debtor are one person"))
    return problems


def check_resolution_initiation(data: Any) -> list[Problem]:
    """Return the problems of a resolution on initiation of enforcement proceedings (rule 27)."""
    return _writ_problems(coerce(ResolutionInitiation, data))


@check("rule 27", codes={
    "resolution.ground_unknown": "a ground for refusal that is not a code of the list in use",
    "resolution.ground_twice": "a ground for refusal given twice (warning)",
})
def check_resolution_refusal(data: Any) -> list[Problem]:
    """Return the problems of a resolution on refusal: its dates, and grounds picked from the list in use."""
    refusal = coerce(ResolutionRefusal, data)
    problems = _writ_problems(refusal)
    known = grounds_in_use(refusal.refusal_grounds)
    for i, code in enumerate(refusal.grounds):
        if code not in known:
            problems.append(Problem("resolution.ground_unknown", "rule 27", ("grounds", i), code,
                                    f"is not a ground of the list in use; pick one of: {', '.join(known)}"))
        elif code in refusal.grounds[:i]:
            problems.append(Problem("resolution.ground_twice", "rule 27", ("grounds", i), code,
                                    "is given twice", severity="warning"))
    return problems
