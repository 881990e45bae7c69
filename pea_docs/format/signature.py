"""The signature block (rule 12).

Rule 12: every copy is signed; the signature block is the position of the
signer, the personal signature and its clarification (initials and surname).

>>> sig = format_signature({"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович",
...                         "position": "Частный судебный исполнитель"})
>>> print(sig)
Частный судебный исполнитель ________________ А.Б. Сапаров
>>> sig.clarification
'А.Б. Сапаров'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pea_docs.format.checking import checked
from pea_docs.format.checks import check_signature
from pea_docs.format.names import format_name
from pea_docs.locale import check_lang, gettext
from pea_docs.models import Agent

__all__ = ["SIGNATURE_PLACE", "Signature", "format_signature"]

#: The place left for the personal signature.
SIGNATURE_PLACE = "_" * 16

# a dict with any of these keys is an agent's block, whose default position is
# "private enforcement agent"
_AGENT_KEYS = frozenset({"license", "territory", "chamber"})


@dataclass(frozen=True)
class Signature:
    """A signature block: the position, the place to sign, the clarification (rule 12).

    A template lays the three parts out as it likes (a table row, three lines);
    ``str()`` gives them on one line, separated by spaces.
    """

    position: str
    signature_place: str
    clarification: str

    def lines(self) -> list[str]:
        """Return the non-empty parts in order: position, place to sign, clarification.

        >>> Signature("Директор", "____", "А. Сапаров").lines()
        ['Директор', '____', 'А. Сапаров']
        """
        return [part for part in (self.position, self.signature_place, self.clarification) if part]

    def __str__(self) -> str:
        return " ".join(self.lines())


def _is_agent(person: Any) -> bool:
    if isinstance(person, Agent):
        return True
    return isinstance(person, Mapping) and bool(_AGENT_KEYS & set(person))


def format_signature(person: Any, *, lang: str = "ru", position: str | None = None) -> Signature:
    """Return the signature block of a signer (rule 12).

    Args:
        person: the signer: a person ``{surname, name, patronymic?, position?}`` or
            the agent block, as a model or a dict.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        position: the position to print instead of the signer's own.

    The position is, first found: ``position``, the signer's ``position``, and for
    an agent "private enforcement agent" in ``lang``; otherwise it is left empty:
    :func:`pea_docs.rules.check_signature` reports ``signature.position_missing``
    and a form refuses the document, but a draft can still lay the block out.

    Raises:
        InputError: the problems :func:`~pea_docs.rules.check_signature` finds but
            ``signature.position_missing`` — ``signature.surname_missing``,
            ``signature.name_missing`` (rule 12), ``field.unknown`` for a misspelt
            key — then the person model's problems elsewhere (``value.*``).

    >>> agent = {"surname": "Әлиев", "name": "Әлі", "patronymic": "Ғаниұлы", "license": "1",
    ...          "territory": "Алматы қ.", "address": "Алматы қ."}
    >>> format_signature(agent, lang="kk").lines()
    ['Жеке сот орындаушысы', '________________', 'Ә.Ғ. Әлиев']
    >>> format_signature({"name": "Арман", "position": "Директор"})
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: surname: is missing; write the signer's surname (rule 12)
    """
    check_lang(lang)
    problems = [p for p in check_signature(person, position=position)
                if p.code != "signature.position_missing"]
    clarification = checked(problems, lambda: format_name(person, "initials_surname", lang=lang))
    if isinstance(person, Mapping):
        own = person.get("position")
    else:
        own = getattr(person, "position", None)
    if position is None:
        position = own or ""
    if not position and _is_agent(person):
        position = gettext("Private enforcement agent", lang=lang, domain="format")
    return Signature(" ".join(str(position).split()), SIGNATURE_PLACE, clarification)
