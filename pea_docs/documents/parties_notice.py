"""The notice to a party of a proceeding sent to the regional chamber on a suspended license (rule 6).

The built-in cover letter (``templates/cover_letter.<lang>.docx``) with the
text of the ``intake`` catalog: the proceeding's number and date, the chamber
and the day it was sent. Rule 6 gives ten calendar days from the sending:
:func:`pea_docs.rules.transfer.check_parties_notice` flags a notice dated later.

>>> from pea_docs.models.transfer import PartiesNotice
>>> from pea_docs.models.base import coerce
>>> agent = {"surname": "Сапаров", "name": "Арман", "license": "1", "territory": "г. Алматы", "address": "г. Алматы"}
>>> notice = coerce(PartiesNotice, {"agent": agent, "number": "5", "date": "2025-12-18",
...     "recipient": {"organization": "ТОО «А»", "address": "г. Алматы"}, "chamber": "РП г. Алматы",
...     "proceeding": {"number": "0201-25-00001", "date": "2025-01-10"}, "sent": "2025-12-15"})
>>> build_parties_notice(notice, "kk", False).suffix
'.docx'
"""

from __future__ import annotations

from pea_docs.documents.letters import build_letter
from pea_docs.documents.registry import FormSpec
from pea_docs.locale import gettext
from pea_docs.locale.dates import format_date
from pea_docs.models.base import coerce
from pea_docs.models.letters import Letter
from pea_docs.models.transfer import PartiesNotice
from pea_docs.ooxml.document import Document
from pea_docs.rules.transfer import check_parties_notice

__all__ = ["FORMS", "TITLE", "build_parties_notice"]

DOMAIN = "intake"
TITLE = "Notice to the parties"


def build_parties_notice(notice: PartiesNotice, lang: str = "ru", draft: bool = False) -> Document:
    """Return the notice as a DOCX :class:`Document`: the built-in cover letter with the text of rule 6."""
    text = gettext("Following the suspension of the license of the private enforcement agent, enforcement proceeding "
                   "No. {number} of {date} was sent on {sent} to {chamber} to be passed to another private enforcement "
                   "agent.", lang=lang, domain=DOMAIN).format(
        number=notice.proceeding.number, date=format_date(notice.proceeding.date, "figures", lang=lang),
        sent=format_date(notice.sent, "figures", lang=lang), chamber=notice.chamber)
    letter = coerce(Letter, {"agent": notice.agent, "number": notice.number, "date": notice.date,
                             "recipient": notice.recipient, "signer": notice.signer, "text": text,
                             "subject": gettext("on the transfer of an enforcement proceeding", lang=lang,
                                                domain=DOMAIN)})
    document = build_letter("cover_letter")(letter, lang, draft)
    document.name = "parties_notice"
    return document


FORMS = [FormSpec(name="parties_notice", title=TITLE, domain=DOMAIN, model=PartiesNotice,
                  build=build_parties_notice, check=check_parties_notice)]
