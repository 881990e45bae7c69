"""The agent's header and the document's title (rule 9).

Rule 9: documents of the agent state the agent's surname, name, patronymic (if
any), postal address and territory of activity; the title — the type of the
document — is printed in capital letters.

>>> agent = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович",
...          "license": "17012345", "territory": "исполнительный округ г. Алматы",
...          "address": "050000, г. Алматы, ул. Абая, д. 1, оф. 5"}
>>> for line in format_header(agent, lang="ru"):
...     print(line)
Частный судебный исполнитель
Сапаров Арман Болатович
050000, г. Алматы, ул. Абая, д. 1, оф. 5
исполнительный округ г. Алматы
Лицензия № 17012345
>>> format_title("resolution", lang="kk")
'ҚАУЛЫ'
"""

from __future__ import annotations

from typing import Any

from pea_docs.errors import InputError, Problem
from pea_docs.format.checking import checked
from pea_docs.format.checks import check_header
from pea_docs.format.names import format_name
from pea_docs.locale import check_lang, gettext
from pea_docs.models import Agent, coerce

__all__ = ["KINDS", "agent_position", "format_header", "format_title"]

#: The document types a title may name; each is an English message id of the
#: ``format`` catalog (context "document kind").
KINDS: tuple[str, ...] = ("act", "cover letter", "demand", "letter", "minutes", "notice",
                          "presentation", "request", "resolution")


def agent_position(agent: Any, *, lang: str = "ru") -> str:
    """Return the agent's position: the one given, else "private enforcement agent" in ``lang``.

    ``agent`` is an :class:`~pea_docs.models.Agent` or any model with a
    ``position`` (the drafter of a destruction act who is the agent).

    >>> agent_position(coerce(Agent, {"surname": "Сапаров", "name": "Арман", "license": "1",
    ...                               "territory": "г. Алматы", "address": "г. Алматы"}), lang="kk")
    'Жеке сот орындаушысы'
    """
    return agent.position or gettext("Private enforcement agent", lang=lang, domain="format")


def format_header(agent: Any, *, lang: str = "ru") -> list[str]:
    """Return the lines of the agent's header (rule 9).

    The lines, in order: the position (``Частный судебный исполнитель`` /
    ``Жеке сот орындаушысы`` / ``Private enforcement agent``, or the agent's own
    ``position``), the full name, the postal address, the territory of activity,
    the license (``Лицензия № 17012345``) and, when given, the telephone.

    Args:
        agent: the agent block of DATA.md as a model or a dict.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.

    Raises:
        InputError: the problems :func:`~pea_docs.rules.check_header` finds —
            ``header.surname_missing``, ``header.name_missing``, ``header.address_missing``,
            ``header.territory_missing`` (rule 9), ``header.license_missing`` (rule 53),
            ``field.unknown`` for a misspelt key — then the agent model's problems
            elsewhere (a value of the wrong type: ``value.*``).

    >>> format_header({"surname": "Smith", "name": "Anna", "license": "17012345",
    ...                "territory": "Almaty enforcement district", "address": "1 Abai St, Almaty",
    ...                "phone": "+7 727 000 00 00"}, lang="en")[-2:]
    ['License No. 17012345', 'Tel. +7 727 000 00 00']
    >>> format_header({"surname": "Smith", "name": "Anna", "license": "17012345",
    ...                "address": "1 Abai St, Almaty"})
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: territory: is missing; write the territory of activity (the enforcement district) (rule 9)
    """
    check_lang(lang)
    model = checked(check_header(agent), lambda: coerce(Agent, agent))
    lines = [
        agent_position(model, lang=lang),
        format_name(model, "full", lang=lang),
        model.address,
        model.territory,
        gettext("License No. {number}", lang=lang, domain="format").format(number=model.license),
    ]
    if model.phone:
        lines.append(gettext("Tel. {phone}", lang=lang, domain="format").format(phone=model.phone))
    return lines


def _kind_key(text: str) -> str:
    # "cover_letter", "Cover-Letter" and "cover letter" name the same kind
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())


def format_title(kind_or_text: str, *, lang: str = "ru") -> str:
    """Return the title of a document in capital letters (rule 9).

    Args:
        kind_or_text: a kind of document (``request``, ``resolution``, ``act``,
            ``minutes``, ``presentation``, ``letter``, ``cover letter``, ``notice``,
            ``demand``), translated into ``lang``; any other text is printed as
            given, in capitals.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.

    Raises:
        InputError: the title is empty (``title.empty``, rule 9).

    >>> format_title("resolution")
    'ПОСТАНОВЛЕНИЕ'
    >>> format_title("request", lang="en")
    'REQUEST'
    >>> format_title("о наложении ареста на имущество должника")
    'О НАЛОЖЕНИИ АРЕСТА НА ИМУЩЕСТВО ДОЛЖНИКА'
    """
    check_lang(lang)
    if not isinstance(kind_or_text, str) or not kind_or_text.strip():
        raise InputError([Problem("title.empty", "rule 9", ("title",), kind_or_text,
                                  "is not a title; name the type of the document")])
    key = _kind_key(kind_or_text)
    if key in KINDS:
        text = gettext(key, lang=lang, domain="format", context="document kind")
    else:
        text = " ".join(kind_or_text.split())
    # str.upper follows Unicode, so Kazakh letters (қ, ұ, і, ә...) get their capitals
    return text.upper()
