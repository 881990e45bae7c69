"""The problem codes of the register store (:mod:`pea_docs.store`), with their clauses.

They live here, among the Rules' checks, so that :func:`pea_docs.rules.all_codes`
knows them without importing the store (``docs/rules.md``, section ``store``).

>>> CODES["store.received_future"][0]
'rule 20'
"""

from __future__ import annotations

from pea_docs.errors.codes import register_code

__all__ = ["CODES"]

#: Every code the register reports: code -> (clause, description).
CODES: dict[str, tuple[str, str]] = {
    "store.file": ("", "the database file is missing, not a register, or from a newer pea-docs"),
    "store.office": ("", "the register belongs to another office: each office sees and numbers "
                                "only its own"),
    "store.migrate": ("", "a register is copied only into an empty one, and read back equal"),
    "store.received": ("rule 11", "the time of receipt is not a date and time"),
    "store.received_future": ("rule 20", "a document cannot be registered before it is received"),
    "store.registered_future": ("rule 20", "the registration date is in the future"),
    "store.incoming_field": ("rule 19", "a column of the incoming register is empty"),
    "store.outgoing_field": ("rule 22", "a column of the outgoing register is empty"),
    "store.not_found": ("rule 17", "no entry with this number in the register"),
    "store.amend_field": ("", "the field cannot be corrected (unknown, or the number/year)"),
    "store.amend_reason": ("", "a correction needs its reason"),
    "store.amend_year": ("rule 17", "a correction cannot move an entry to another year's register"),
    "store.amend_nothing": ("", "a correction changes nothing"),
    "store.mark_outgoing": ("appendix 2", "the outgoing register has no mark on enforcement or case"),
    "store.new_year": ("rule 17", "the first entry of a year after other years: numbering starts "
                                  "again at 1 (a warning: a wrong clock would do the same)"),
    "store.numbering": ("rule 17", "the numbering asked differs from the one the register keeps"),
    "store.import_sequence": ("rule 17", "imported numbers do not continue the register without "
                              "gaps or repeats"),
    "store.import_format": ("", "the file is not a journal in the form's layout or DATA.md shape"),
    "store.agent": ("rule 9", "the stamp and the printed journal need the agent (office.yaml)"),
    "store.direction": ("rule 17", "not a register: incoming or outgoing"),
    "store.unknown_index": ("rule 33", "a document filed in an index the year's nomenclature lacks"),
    "store.reserve_not_opened": ("rule 35", "a document filed in a reserve number not opened as an order yet"),
    "store.not_reserve": ("rule 35", "an order opened from an index that is not a free reserve number"),
    "store.no_nomenclature": ("rule 33", "the year has no nomenclature in the register"),
    "store.index_in_use": ("rule 33", "a nomenclature lacks a case that documents of its year are filed in"),
    "store.other_year": ("rule 37", "a document filed in an order of another year (only a transferred case)"),
    "store.not_filed": ("rule 38.5", "a draft or an extra copy is not filed in an order"),
    "store.sheets": ("rule 39", "a document's sheets are a whole number of at least 1"),
    "store.no_agent": ("rule 9", "the archive's documents need the agent the register keeps"),
    "store.kind": ("rule 26", "an incoming document's kind is not letter, writ or appeal"),
    "store.method": ("rule 25", "an outgoing document's way of sending is not post, in_person, ais or other"),
    "store.not_writ": ("rule 26", "only a writ of execution is entered in the AIS of BEP"),
    "store.return_address": ("rule 10", "a letter to a sender needs the sender's address block"),
    "store.attachments_complete": ("rule 18", "no attachment is missing: there is nothing to report"),
    "store.withdrawal": ("rule 42", "a withdrawal or return that cannot be made (unknown act, returned twice, "
                                    "a document not filed or already withdrawn)"),
}

for _code, (_clause, _description) in CODES.items():
    register_code(_code, _clause, _description)
