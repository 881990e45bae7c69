"""The agent's decisions on a writ (rule 27): to initiate enforcement proceedings, or to refuse.

Rule 27: once a writ is entered in the AIS of BEP, the agent decides to initiate
enforcement proceedings or refuses to, under articles 37 and 38 of the Law. Both
decisions name the writ (kind, number, date, issuing body), what it requires,
the debtor and the recoveror; the refusal names its grounds by code, picked from
a list (:mod:`pea_docs.rules.resolutions`), never as free text.

>>> writ = {"kind": "исполнительный лист", "number": "2-1/2025", "date": "2025-02-20", "issuer": "суд"}
>>> agent = {"surname": "Сапаров", "name": "Арман", "license": "1", "territory": "г. Алматы", "address": "г. Алматы"}
>>> refusal = coerce(ResolutionRefusal, {"agent": agent, "place": "г. Алматы", "date": "2025-03-03",
...     "writ": writ, "claim": "о взыскании долга", "debtor": {"name": "Ли Ан"},
...     "recoveror": {"name": "ТОО «Альфа»"}, "grounds": ["time_limit_expired"]})
>>> refusal.grounds, refusal.return_writ
(['time_limit_expired'], True)
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from pea_docs.errors.codes import register_code
from pea_docs.models.base import PeaModel, coerce, rule  # noqa: F401 (coerce: the examples use it)
from pea_docs.models.identifiers import IinBin
from pea_docs.models.people import Agent
from pea_docs.models.recoverors import WritReference
from pea_docs.models.types import Label, Money, OptionalLabel, RuleDate, Text

__all__ = ["REFUSAL_GROUNDS", "Party", "RefusalGround", "ResolutionInitiation", "ResolutionRefusal", "WritDecision"]

register_code("resolution.ground_text", "rule 27", "a ground of an office's list without its words in any language")

#: The built-in grounds for refusal: code -> the ground in English, the message id of its
#: Russian and Kazakh text (``intake`` catalogs). A short list of the grounds every office
#: meets, worded by us: the Law's own text was not at hand, so an office checks it against
#: article 38 of the Law and, where it differs, keeps its own list in ``office.yaml``
#: (docs/intake.md, "Decisions on a writ").
REFUSAL_GROUNDS: dict[str, str] = {
    "time_limit_expired": "the time limit for presenting the enforcement document for execution has expired "
                          "and has not been restored by a court",
    "not_enforcement_document": "the document presented is not an enforcement document",
    "requirements_not_met": "the enforcement document does not meet the requirements the Law sets for "
                            "enforcement documents",
    "wrong_place": "the enforcement document was not presented at the place of execution",
}


class Party(PeaModel):
    """A party of the proceeding as a resolution names it: the name, and the IIN or BIN if known."""

    noun: ClassVar[str] = "a party"
    clause: ClassVar[str] = "rule 27"

    name: Text = rule("rule 27", "the full name of a person, or the organization's name")
    iin_bin: IinBin | None = rule("rule 27", "the IIN (a person) or BIN (an organization): 12 digits",
                                  default=None)
    address: str | None = rule("rule 10", "the address", default=None)


class RefusalGround(PeaModel):
    """A ground for refusal as an office's own list words it: its text in one language or more.

    An office that keeps its list in ``office.yaml`` (``refusal_grounds:``) writes
    each ground under a code; the resolution picks codes from that list.
    """

    noun: ClassVar[str] = "a ground for refusal"
    clause: ClassVar[str] = "rule 27"

    ru: str | None = rule("rule 27", "the ground in Russian", default=None)
    kk: str | None = rule("rule 27", "the ground in Kazakh", default=None)
    en: str | None = rule("rule 27", "the ground in English", default=None)

    @model_validator(mode="after")
    def _worded(self) -> RefusalGround:
        if not any((self.ru, self.kk, self.en)):
            raise PydanticCustomError("resolution.ground_text", "needs its words in one language at least: "
                                      "ru, kk or en", {"clause": "rule 27"})
        return self

    def text(self, lang: str) -> str:
        """Return the ground in ``lang``, else in Russian, Kazakh or English, whichever the list gives."""
        return next(t for t in (getattr(self, lang), self.ru, self.kk, self.en) if t)


class WritDecision(PeaModel):
    """What both decisions on a writ say: who decides, where and when, on which writ, between whom."""

    noun: ClassVar[str] = "a decision on a writ"
    clause: ClassVar[str] = "rule 27"

    agent: Agent = rule("rule 9", "the agent: {surname, name, patronymic?, license, territory, address}")
    number: OptionalLabel = rule("rule 27", "the resolution's own number, if the office numbers them",
                                 default=None)
    place: Text = rule("rule 27", "the place of issue: «г. Алматы»")
    date: RuleDate = rule("rule 11", "the resolution's date")
    writ: WritReference = rule("rule 26", "the writ: {kind, number, date, issuer}")
    entered: RuleDate | None = rule("rule 27", "the day the writ was entered in the AIS of BEP", default=None)
    claim: Text = rule("rule 27", "what the writ requires: «о взыскании задолженности по договору займа»")
    amount: Money | None = rule("rule 27", "the sum to recover, tenge, if the writ is for money", default=None)
    debtor: Party = rule("rule 27", "the debtor: {name, iin_bin?, address?}")
    recoveror: Party = rule("rule 27", "the recoveror: {name, iin_bin?, address?}")
    resolved: list[Text] = Field(default_factory=list, description=(
        "further points of the operative part, after the decision itself: [text, ...]"))


class ResolutionInitiation(WritDecision):
    """The resolution on initiation of enforcement proceedings (rule 27)."""

    noun: ClassVar[str] = "a resolution on initiation"

    proceeding: Label = rule("rule 28", "the number of the proceeding initiated (the AIS of BEP assigns it)")


class ResolutionRefusal(WritDecision):
    """The resolution on refusal to initiate enforcement proceedings (rule 27)."""

    noun: ClassVar[str] = "a resolution on refusal"

    grounds: list[Label] = Field(min_length=1, description=(
        "the grounds for refusal, as codes of the list in use: the built-in " + ", ".join(REFUSAL_GROUNDS)
        + ", or the office's own list (refusal_grounds: in office.yaml)"))
    established: str | None = rule("rule 27", "what the agent established, in the agent's words (the facts "
                                   "behind the grounds)", default=None)
    return_writ: bool = rule("rule 27", "whether the writ is returned to the recoveror (a point of the "
                             "operative part)", default=True)
    refusal_grounds: dict[Label, RefusalGround] | None = rule(
        "rule 27", "the office's own list of grounds (from office.yaml), replacing the built-in one",
        default=None)
