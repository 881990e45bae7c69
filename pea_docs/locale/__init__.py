"""Message catalogs: every label of every form in Russian, Kazakh and English.

Labels live in gettext ``.po`` files under ``locale/<lang>/LC_MESSAGES/<domain>.po``
(babel's gettext tooling reads them), so that a reviewer fluent in Kazakh can
correct a label without touching code. The message id is the English text; the
English catalog may leave ``msgstr`` empty, in which case the id itself is used.
Russian and Kazakh must translate every id (a test checks it).

Each area of the package has its own domain (``format``, ``registers``, ``stamp``,
``destruction_act``, ``templates``, ``cli`` ...), so catalogs stay small.

>>> gettext("Register of incoming correspondence", lang="ru", domain="registers")
'Журнал регистрации входящей корреспонденции'
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from babel.messages.pofile import read_po

from pea_docs.errors import InputError, Problem

__all__ = ["LANGS", "Lang", "check_lang", "gettext", "catalog", "domains"]

Lang = Literal["ru", "kk", "en"]
LANGS: tuple[Lang, ...] = ("ru", "kk", "en")


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if pea-docs speaks it, else raise :class:`InputError`.

    >>> check_lang("kk")
    'kk'
    """
    if lang not in LANGS:
        raise InputError([Problem("lang.unknown", "", ("lang",), lang,
                                  "is not a language of pea-docs; use ru, kk or en")])
    return lang


def domains() -> list[str]:
    """Return the names of the message domains shipped with the package."""
    folder = resources.files(__package__) / "ru" / "LC_MESSAGES"
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".po"))


@cache
def catalog(lang: str, domain: str) -> dict[tuple[str | None, str], str]:
    """Return ``{(context, msgid): msgstr}`` of one domain in one language."""
    path = resources.files(__package__) / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        po = read_po(fh, locale=lang, domain=domain)
    return {(m.context, m.id): m.string for m in po
            if m.id and isinstance(m.id, str) and isinstance(m.string, str)}


def gettext(msgid: str, *, lang: str = "ru", domain: str, context: str | None = None) -> str:
    """Return the label ``msgid`` in ``lang``; the English id where none is given.

    A missing Russian or Kazakh label is a bug, and the test suite catches it; at
    run time the English id is shown rather than failing a user's document.
    """
    check_lang(lang)
    text = catalog(lang, domain).get((context, msgid))
    return text or msgid
