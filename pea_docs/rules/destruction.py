"""Checks of the destruction act: clauses 47–52 of the Rules (Appendix 4).

Each check takes a :class:`~pea_docs.models.destruction_act.DestructionAct` (or
its dict) and returns every :class:`~pea_docs.errors.Problem` it finds.

Storage periods (rule 47) follow the usual archival practice of Kazakhstan: a
period counts from January 1 of the year after the case was closed. A case of
2018 kept 5 years is kept through December 31, 2023, and may be allocated for
destruction by an act of 2024 or later: ``end year + storage < act's year``.

The parts known only later (the commission, the chamber order, the destruction)
may be missing: each missing part is a warning while the destruction has no
date. Once ``destruction.date`` is given the act records a destruction that took
place, and a missing part is an error.

>>> act = {"number": "1", "date": "2023-12-20", "place": "г. Алматы",
...        "drafter": {"role": "agent", "surname": "Сапаров", "name": "Арман", "license": "17012345"},
...        "list_name": "Перечень", "items": [{"heading": "Журнал", "index": "01-03",
...        "years": "2018", "volumes": 1, "storage": 5, "articles": "ст. 17"}]}
>>> [(p.code, p.loc) for p in check_storage(act)]
[('storage.not_expired', ('items', 0, 'storage'))]
>>> sorted({p.severity for p in check_destruction_act(act)})
['error', 'warning']
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pea_docs.errors import Problem
from pea_docs.errors.codes import check, register_code
from pea_docs.locale.dates import format_date
from pea_docs.models import coerce
from pea_docs.models.destruction_act import DestructionAct

__all__ = [
    "check_chamber_order",
    "check_commission",
    "check_destruction",
    "check_destruction_act",
    "check_drafter",
    "check_storage",
    "is_agent_position",
    "is_deputy_position",
]

# codes the model raises (pydantic custom errors) for a bad value of a field
register_code("years.invalid", "appendix 4",
              "the years of a case are not a year (2018) or a range (2017-2018)")
register_code("storage.invalid", "rule 47",
              "a storage period is neither a number of years nor 'permanent'")

# the words that make a position a deputy head's, and an agent's, in the three languages
_DEPUTY = re.compile(r"заместител|орынбасар|deputy", re.IGNORECASE)
_AGENT = re.compile(r"частн\w*\s+судебн\w*\s+исполнител|жеке\s+сот\s+орындаушы"
                    r"|private\s+enforcement\s+agent|\bчси\b|\bжсо\b", re.IGNORECASE)


def is_deputy_position(position: str | None) -> bool:
    """Return True if the position is a deputy head's (ru, kk, en; any case).

    >>> is_deputy_position("Заместитель руководителя региональной палаты")
    True
    >>> is_deputy_position("Өңірлік палата басшысының орынбасары")
    True
    >>> is_deputy_position("Head of the regional chamber")
    False
    """
    return bool(position and _DEPUTY.search(position))


def is_agent_position(position: str | None) -> bool:
    """Return True if the position is a private enforcement agent's (ru, kk, en, ЧСИ, ЖСО).

    >>> is_agent_position("частный судебный исполнитель г. Алматы")
    True
    >>> is_agent_position("ЖСО")
    True
    >>> is_agent_position("бухгалтер")
    False
    """
    return bool(position and _AGENT.search(position))


def _act(data: Any) -> DestructionAct:
    return coerce(DestructionAct, data)


def _recorded(act: DestructionAct) -> bool:
    """Return True once the act records a destruction that took place (it has a date)."""
    return act.destruction is not None and act.destruction.date is not None


def _missing(act: DestructionAct, code: str, clause: str, loc: tuple[str | int, ...],
             message: str) -> Problem:
    # not known yet: a warning; once the destruction is dated, an error
    if _recorded(act):
        return Problem(code, clause, loc, None,
                       f"{message}; the destruction is dated, so the act must name it")
    return Problem(code, clause, loc, None, f"{message}; the form's blank line is printed",
                   severity="warning")


@check("rule 47", codes={
    "storage.not_expired": "an item's storage period has not expired by the act's date",
    "storage.permanent": "an item kept permanently is listed for destruction",
})
def check_storage(data: Any) -> list[Problem]:
    """Return a problem for each item whose storage period has not expired (rule 47).

    The period counts from January 1 of the year after the case's last year; it
    has expired when ``end year + storage < year of the act``.

    >>> act = {"number": "1", "date": "2024-01-10", "place": "г. Алматы",
    ...        "drafter": {"role": "agent", "surname": "Сапаров", "name": "Арман", "license": "1"},
    ...        "list_name": "Перечень", "items": [{"heading": "Журнал", "index": "01-03",
    ...        "years": "2017-2018", "volumes": 1, "storage": 5, "articles": "ст. 17"}]}
    >>> check_storage(act)
    []
    """
    act = _act(data)
    problems = []
    for i, item in enumerate(act.items):
        loc = ("items", i, "storage")
        if item.storage == "permanent":
            problems.append(Problem("storage.permanent", "rule 47", loc, "permanent",
                                    "is kept permanently and cannot be destroyed; remove the "
                                    "item from the act"))
            continue
        last_kept = item.end_year + int(item.storage)
        if last_kept >= act.date.year:
            problems.append(Problem(
                "storage.not_expired", "rule 47", loc, item.storage,
                f"years of storage for a case of {item.years} run through December 31, "
                f"{last_kept}; list it in an act dated {last_kept + 1} or later, or remove it"))
    return problems


@check("rule 48", codes={
    "drafter.license_missing": "an agent drafting the act gives no license number",
    "drafter.position_missing": "a chamber officer drafting the act gives no position",
    "drafter.region_missing": "a chamber officer drafting the act gives no region or city",
    "owner.missing": "a chamber officer's act does not name the agent whose documents these are",
})
def check_drafter(data: Any) -> list[Problem]:
    """Return the problems of who drew up the act (rule 48).

    An agent gives the license number; an officer of the regional chamber gives
    the position and the region (or city), and names the agent whose archive it is.

    >>> act = {"number": "1", "date": "2024-01-10", "place": "г. Алматы",
    ...        "drafter": {"role": "chamber_officer", "surname": "Ким", "name": "Ольга",
    ...                    "position": "главный специалист"},
    ...        "list_name": "Перечень", "items": [{"heading": "Журнал", "index": "01-03",
    ...        "years": "2018", "volumes": 1, "storage": 5, "articles": "ст. 17"}]}
    >>> [(p.code, p.severity) for p in check_drafter(act)]
    [('drafter.region_missing', 'error'), ('owner.missing', 'warning')]
    """
    act = _act(data)
    drafter = act.drafter
    problems = []
    if drafter.role == "agent":
        if not drafter.license:
            problems.append(Problem("drafter.license_missing", "rule 48", ("drafter", "license"),
                                    None, "is required: an agent drafting the act gives the "
                                    "license number"))
        return problems
    if not drafter.position:
        problems.append(Problem("drafter.position_missing", "rule 48", ("drafter", "position"),
                                None, "is required: a chamber officer drafting the act gives "
                                "the position"))
    if not drafter.region:
        problems.append(Problem("drafter.region_missing", "rule 48", ("drafter", "region"), None,
                                "is required: a chamber officer gives the region or city of "
                                "the chamber"))
    if act.owner is None:
        problems.append(Problem("owner.missing", "rule 48", ("owner",), None,
                                "name the agent in whose activity the documents were deposited; "
                                "the form's blank line is printed", severity="warning"))
    return problems


@check("rule 50", codes={
    "erc.missing": "the Expert Review Commission is not given yet",
    "erc.chairman_missing": "the commission's chairman is not given",
    "erc.chairman_position": "the chairman is not a deputy head of the regional chamber",
    "erc.chairman_position_missing": "the chairman's position is not given",
    "erc.members_missing": "the commission's members are not given",
    "erc.too_small": "the commission has fewer than three people",
    "erc.member_position_missing": "a member's position is not given",
    "erc.members_not_agents": "fewer than two members are private enforcement agents",
})
def check_commission(data: Any) -> list[Problem]:
    """Return the problems of the Expert Review Commission (rule 50).

    The commission has at least three people: its chairman, a deputy head of the
    regional chamber, and two active private enforcement agents among the members.
    A position is recognised by its words in any of the three languages
    (:func:`is_deputy_position`, :func:`is_agent_position`).
    """
    act = _act(data)
    erc = act.commission
    if erc is None:
        return [_missing(act, "erc.missing", "rule 50", ("commission",),
                         "the Expert Review Commission is not given")]
    problems = []
    chairman = erc.chairman
    if chairman is None:
        problems.append(_missing(act, "erc.chairman_missing", "rule 50", ("commission", "chairman"),
                                 "the chairman of the commission is not given"))
    elif not chairman.position:
        problems.append(_missing(act, "erc.chairman_position_missing", "rule 50",
                                 ("commission", "chairman", "position"),
                                 "the chairman's position is not given"))
    elif not is_deputy_position(chairman.position):
        problems.append(Problem("erc.chairman_position", "rule 50",
                                ("commission", "chairman", "position"), chairman.position,
                                "is not a deputy head of the regional chamber; the commission "
                                "is chaired by a deputy head (заместитель руководителя)"))
    if not erc.members:
        problems.append(_missing(act, "erc.members_missing", "rule 50", ("commission", "members"),
                                 "the members of the commission are not given"))
        return problems
    if len(erc.members) + 1 < 3:
        problems.append(Problem("erc.too_small", "rule 50", ("commission", "members"), None,
                                f"name {len(erc.members)} member; with the chairman the commission "
                                "has fewer than three people: add a member (a deputy head of the "
                                "chamber chairs it, and two active agents sit on it)"))
    unknown = [i for i, m in enumerate(erc.members) if not m.position]
    for i in unknown:
        problems.append(_missing(act, "erc.member_position_missing", "rule 50",
                                 ("commission", "members", i, "position"),
                                 "the member's position is not given"))
    agents = sum(is_agent_position(m.position) for m in erc.members)
    # an unknown position may still turn out an agent's: refuse only a certain shortfall
    if agents + len(unknown) < 2:
        problems.append(Problem("erc.members_not_agents", "rule 50", ("commission", "members"),
                                [m.position for m in erc.members],
                                f"include {agents} private enforcement agent(s); the commission "
                                "includes two active agents: give their positions as частный "
                                "судебный исполнитель / жеке сот орындаушысы / private "
                                "enforcement agent"))
    return problems


@check("rule 51", codes={
    "order.missing": "the chamber head's order is not given",
    "order.part_missing": "a part of the order (chamber, head, number, date) is not given",
    "order.before_act": "the order is dated before the act",
    "order.after_destruction": "the order is dated after the destruction",
})
def check_chamber_order(data: Any) -> list[Problem]:
    """Return the problems of the chamber head's order (rule 51).

    The cases go to destruction only by the order of the head of the regional
    chamber: the order is dated on or after the act, and on or before the destruction.
    """
    act = _act(data)
    order = act.chamber_order
    if order is None:
        return [_missing(act, "order.missing", "rule 51", ("chamber_order",),
                         "the order of the head of the regional chamber is not given")]
    problems = [
        _missing(act, "order.part_missing", "rule 51", ("chamber_order", part),
                 f"the order's {what} is not given")
        for part, what in (("chamber", "chamber"), ("head", "head"), ("number", "number"),
                           ("date", "date"))
        if getattr(order, part) is None
    ]
    if order.date is None:
        return problems
    if order.date < act.date:
        problems.append(Problem("order.before_act", "rule 51", ("chamber_order", "date"),
                                _figures(order.date), f"is before the act's date {_figures(act.date)}; "
                                "the order approves an act already drawn up"))
    destruction_date = act.destruction.date if act.destruction else None
    if destruction_date is not None and order.date > destruction_date:
        problems.append(Problem("order.after_destruction", "rule 51", ("chamber_order", "date"),
                                _figures(order.date), f"is after the destruction on "
                                f"{_figures(destruction_date)}; cases are destroyed only by an "
                                "order given before"))
    return problems


@check("rule 52", codes={
    "destruction.missing": "the destruction (date and witnesses) is not given yet",
    "destruction.date_missing": "the date of destruction is not given",
    "destruction.witness_missing": "a required witness of the destruction is not named",
    "destruction.witness_position": "the justice representative's position is not given",
    "destruction.before_act": "the destruction is dated before the act",
})
def check_destruction(data: Any) -> list[Problem]:
    """Return the problems of the destruction and its witnesses (rule 52).

    The cases are destroyed in the presence of the ERC chairman, the drafter of
    the act and a representative of the territorial body of justice (with position).
    """
    act = _act(data)
    done = act.destruction
    if done is None:
        return [_missing(act, "destruction.missing", "rule 52", ("destruction",),
                         "the destruction (date and witnesses) is not given")]
    problems = []
    if done.date is None:
        problems.append(_missing(act, "destruction.date_missing", "rule 52",
                                 ("destruction", "date"), "the date of destruction is not given"))
    elif done.date < act.date:
        problems.append(Problem("destruction.before_act", "rule 52", ("destruction", "date"),
                                _figures(done.date), f"is before the act's date {_figures(act.date)}; "
                                "cases are destroyed after the act is approved"))
    chairman = act.commission.chairman if act.commission else None
    if chairman is None:
        problems.append(_missing(act, "destruction.witness_missing", "rule 52",
                                 ("commission", "chairman"),
                                 "the ERC chairman, a required witness, is not named"))
    representative = done.justice_representative
    if representative is None:
        problems.append(_missing(act, "destruction.witness_missing", "rule 52",
                                 ("destruction", "justice_representative"),
                                 "the representative of the territorial body of justice, a "
                                 "required witness, is not named"))
    elif not representative.position:
        problems.append(_missing(act, "destruction.witness_position", "rule 52",
                                 ("destruction", "justice_representative", "position"),
                                 "the representative's position is not given"))
    return problems


def check_destruction_act(data: Any) -> list[Problem]:
    """Return every problem of a destruction act: rules 47, 48, 50, 51 and 52.

    Warnings (parts not known yet) do not stop rendering; errors do.
    """
    act = _act(data)
    return [*check_storage(act), *check_drafter(act), *check_commission(act),
            *check_chamber_order(act), *check_destruction(act)]


def _figures(day: date) -> str:
    return format_date(day, "figures")
