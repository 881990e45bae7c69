"""Intake beyond the register: documents returned without registration, and missing attachments (rule 18).

Rule 18: a document delivered to the wrong address goes back to its owner
*without* registration, so it never takes a number in the register; an office
still keeps a note of what it returned, and when (the returns log), and sends a
short letter. Missing documents or attachments are reported to the sender. Both
letters are the built-in ``cover_letter`` filled with the catalog's text.

>>> from datetime import datetime
>>> from pea_docs.store import Register
>>> reg = Register(":memory:", clock=lambda: datetime(2025, 3, 3, 12, 0))
>>> record = reg.record_return(sender="ТОО «Бета»", summary="Счёт на оплату", reason="адресован другому ЧСИ")
>>> record.id, reg.list("incoming")
(1, [])
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pea_docs.errors import InputError, Problem
from pea_docs.locale import gettext
from pea_docs.store import fields
from pea_docs.store.checks import parse_date_field, parse_received, problem, require_text
from pea_docs.store.db import immediate
from pea_docs.store.rows import clean, collect, default_user, store_time, store_utc, utc_now

if TYPE_CHECKING:
    from pea_docs.store.register import Register

__all__ = ["Returned", "attachments_notice", "check_letter_address", "record_return", "return_letter", "returns"]


@dataclass(frozen=True)
class Returned:
    """A document returned to its owner without registration (rule 18)."""

    id: int
    received: datetime
    sender: str | dict[str, Any]
    summary: str
    reason: str | None
    by: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"id": self.id, "received": self.received.isoformat(sep=" ", timespec="minutes"),
                "sender": self.sender, "summary": self.summary, "reason": self.reason, "by": self.by}


def record_return(register: Register, *, sender: Any, summary: str, received: Any = None, reason: str | None = None,
                  by: str | None = None) -> Returned:
    """Keep a document returned without registration in the returns log; it takes no number (rule 18)."""
    problems: list[Problem] = []
    party = fields.party(sender, "sender", "store.incoming_field", problems)
    problems += require_text(summary, "summary", code="store.incoming_field")
    when = collect(problems, parse_received, received) if received not in (None, "") else \
        register._clock().replace(microsecond=0)
    if problems:
        raise InputError(problems)
    who = clean(by) or default_user()
    with immediate(register._conn) as conn:
        row_id = conn.execute("INSERT INTO returns (received, sender, summary, reason, by, at) VALUES (?, ?, ?, ?, ?, ?) "
                              "RETURNING id",
                              (store_time(when), json.dumps(party, ensure_ascii=False), clean(summary), clean(reason),
                               who, store_utc(utc_now()))).fetchone()[0]
    assert party is not None  # a bad sender raised above
    return Returned(int(row_id or 0), when, party, clean(summary) or "", clean(reason), who)


def returns(register: Register, *, year: int | None = None) -> list[Returned]:
    """Return the returns log, oldest first (of one year, if given)."""
    where, args = ("WHERE substr(received, 1, 4) = ?", (f"{year:04d}",)) if year else ("", ())
    rows = register._conn.execute(f"SELECT id, received, sender, summary, reason, by FROM returns {where} "
                                  "ORDER BY id", args).fetchall()
    return [Returned(r[0], datetime.fromisoformat(r[1]), json.loads(r[2]), r[3], r[4], r[5]) for r in rows]


def check_letter_address(recipient: Any) -> None:
    """Raise ``store.return_address`` unless ``recipient`` is an address block a letter can be sent to."""
    if not isinstance(recipient, Mapping) or not recipient.get("address"):
        raise InputError([problem("store.return_address", ("sender",), recipient,
                                  "is not an address block: a letter needs the sender's name and postal address "
                                  "({organization, address} or {surname, name, address})")])


def _letter(register: Register, recipient: Any, subject: str, text: str, *, on: Any, number: str | None,
            lang: str, agent: Any) -> Any:
    from pea_docs.api import render, validate

    check_letter_address(recipient)
    day = parse_date_field(on, "date") if on not in (None, "") else register._clock().date()
    data = {"agent": agent or register.agent, "date": day, "recipient": dict(recipient), "subject": subject,
            "text": text}
    if number:
        return render("cover_letter", {**data, "number": number}, lang=lang)
    # a letter sent is registered (rule 22) and bears that number; checked first, so that a letter
    # the form refuses spends no number
    errors = validate("cover_letter", {**data, "number": "0"}, lang=lang).errors
    if errors:
        raise InputError(errors)
    entry = register.register_outgoing(recipient=dict(recipient), summary=subject, date=day)
    return render("cover_letter", {**data, "number": str(entry.number)}, lang=lang)


def return_letter(register: Register, returned_id: int, *, on: Any = None, number: str | None = None,
                  lang: str = "ru", agent: Any = None) -> Any:
    """Return the letter sending a returned document back to its owner (rule 18).

    Without ``number`` the letter is registered in the outgoing register as it is
    made (rule 22) and bears that number; give ``number`` for a letter registered already.
    """
    found = [r for r in returns(register) if r.id == returned_id]
    if not found:
        raise InputError([problem("store.not_found", ("id",), returned_id, "is not in the returns log")])
    record = found[0]
    received = record.received.date()
    text = gettext("We return the document delivered to this office by mistake: {summary} (received {date}). It "
                   "has not been registered.", lang=lang, domain="intake").format(
        summary=record.summary, date=received.strftime("%d.%m.%Y"))
    if record.reason:
        text += " " + gettext("Reason: {reason}.", lang=lang, domain="intake").format(reason=record.reason)
    subject = gettext("on the return of a document delivered by mistake", lang=lang, domain="intake")
    return _letter(register, record.sender, subject, text, on=on, number=number, lang=lang, agent=agent)


def attachments_notice(register: Register, number: int, *, year: int | None = None, expected: Sequence[str],
                       received: Sequence[str], on: Any = None, letter_number: str | None = None, lang: str = "ru",
                       agent: Any = None) -> Any:
    """Return the notice to the sender of incoming ``number`` listing the attachments missing (rule 18).

    Raises:
        InputError: nothing is missing (``store.attachments_complete``), or the entry's sender is
            not an address block (``store.return_address``).
    """
    entry = register.get("incoming", number, year=year)
    have = {" ".join(str(r).split()).casefold() for r in received}
    missing = [str(e) for e in expected if " ".join(str(e).split()).casefold() not in have]
    if not missing:
        raise InputError([problem("store.attachments_complete", ("expected",), list(expected),
                                  "are all among the documents received: nothing to report")])
    got = entry.doc_date or entry.registered
    text = gettext("On opening your letter No. {number} of {date} (our incoming No. {entry} of {registered}), the "
                   "following were found missing: {missing}. Please send them.", lang=lang, domain="intake").format(
        number=entry.doc_number or "—", date=got.strftime("%d.%m.%Y"), entry=entry.number,
        registered=entry.registered.strftime("%d.%m.%Y"), missing="; ".join(missing))
    subject = gettext("on documents missing from your letter", lang=lang, domain="intake")
    return _letter(register, entry.party, subject, text, on=on, number=letter_number, lang=lang, agent=agent)

