"""Storage periods as the nomenclature and the inventories print them (rules 33, 41).

A period is ``"permanent"`` or a number of years; the article of the list of
standard documents may follow. Russian nouns agree with the number (1 год,
3 года, 5 лет); the labels live in the ``format`` catalogs.

>>> format_storage("permanent")
'постоянно'
>>> format_storage(5, articles="123")
'5 лет, ст. 123'
>>> format_storage(3, lang="kk"), format_storage(1, lang="en")
('3 жыл', '1 year')
"""

from __future__ import annotations

from pea_docs.format.numbers import ru_plural
from pea_docs.locale import check_lang, gettext

__all__ = ["format_storage"]


def _(msgid: str, lang: str, context: str | None = None) -> str:
    return gettext(msgid, lang=lang, domain="format", context=context)


def format_storage(storage: int | str, *, lang: str = "ru", articles: str | None = None) -> str:
    """Return a storage period: «постоянно», «5 лет», with «, ст. 123» when the article is given.

    Args:
        storage: ``"permanent"`` or the years.
        lang: ``"ru"``, ``"kk"`` or ``"en"``.
        articles: the number(s) of the article of the list of standard documents.

    >>> format_storage(15, lang="ru", articles="123"), format_storage("permanent", lang="kk")
    ('15 лет, ст. 123', 'тұрақты')
    """
    check_lang(lang)
    if storage == "permanent":
        text = _("permanent", lang, "storage")
    else:
        years = int(storage)
        if lang == "ru":
            form = ru_plural(years, "one", "few", "many")
        else:
            form = "one" if years == 1 else "many"
        text = _("{n} years", lang, form).format(n=years)
    if articles:
        text += ", " + _("art. {articles}", lang).format(articles=articles)
    return text
