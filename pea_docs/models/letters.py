"""The data of the built-in letters: request, cover letter, resolution (clauses 9-14).

>>> from pea_docs.models import coerce
>>> agent = {"surname": "Сапаров", "name": "Арман", "license": "17012345",
...          "territory": "исполнительный округ г. Алматы", "address": "г. Алматы, ул. Абая, 1"}
>>> letter = coerce(Letter, {"agent": agent, "number": "15", "date": "09.01.2025",
...                 "recipient": {"organization": "АО «Банк»", "address": "г. Алматы"},
...                 "text": "Прошу предоставить сведения."})
>>> letter.signer is None, letter.date.isoformat()
(True, '2025-01-09')
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from pea_docs.models.base import PeaModel, rule
from pea_docs.models.people import Agent, Appendix, Person, Recipient
from pea_docs.models.types import RuleDate, Text

__all__ = ["Letter", "Reference", "Resolution"]


class Reference(PeaModel):
    """The request a letter answers: its number and date (rule 14)."""

    noun: ClassVar[str] = "a reference to a request"

    number: Text = rule("rule 14", "the number of the request answered")
    date: RuleDate = rule("rule 14", "the date of the request answered")


class Letter(PeaModel):
    """A letter of the agent: a request or a cover letter."""

    noun: ClassVar[str] = "a letter"

    agent: Agent = rule("rule 9", "the agent whose letter it is: the header")
    number: Text = rule("rule 23", "the outgoing number (the index in the outgoing register)")
    date: RuleDate = rule("rule 11", "the date of the letter")
    recipient: Recipient = rule("rule 10", "the addressee")
    reply_to: Reference | None = rule("rule 14", "the request this letter answers", default=None)
    subject: str | None = rule("rule 9", "what the letter is about, under the title", default=None)
    text: Text = rule("", "the text; each line is a paragraph")
    appendices: list[Appendix] = rule("rule 13", "the appendices", default_factory=list)
    appendices_mentioned: bool = rule("rule 13", "the text names the appendices: only sheets "
                                      "and copies are listed", default=False)
    signer: Person | None = rule("rule 12", "who signs; default: the agent", default=None)


class Resolution(PeaModel):
    """A resolution (ПОСТАНОВЛЕНИЕ) of the agent: a skeleton to complete."""

    noun: ClassVar[str] = "a resolution"

    agent: Agent = rule("rule 9", "the agent whose resolution it is: the header")
    number: Text = rule("rule 23", "the outgoing number")
    date: RuleDate = rule("rule 11", "the date of the resolution")
    subject: Text = rule("rule 9", "what the resolution is about (о наложении ареста ...)")
    recipient: Recipient | None = rule("rule 10", "the addressee, if the resolution is sent",
                                       default=None)
    reply_to: Reference | None = rule("rule 14", "the request it answers", default=None)
    text: Text = rule("", "the opening: who considered what; each line is a paragraph")
    established: Text = rule("", "what the agent established; each line is a paragraph")
    resolved: list[Text] = Field(min_length=1, description="the decisions, numbered")
    appendices: list[Appendix] = rule("rule 13", "the appendices", default_factory=list)
    appendices_mentioned: bool = rule("rule 13", "the text names the appendices",
                                      default=False)
    signer: Person | None = rule("rule 12", "who signs; default: the agent", default=None)
