"""``pea-docs register``: keep the incoming and outgoing registers from the command line.

The main command line adds this group (``pea_docs.cli`` imports
:data:`register`). Every subcommand takes ``--json``; the database is ``--db``
(default ``./pea-docs.sqlite`` or ``$PEA_DOCS_DB``). Office hours for rule 20
and the agent for stamps and printed journals come from ``--office FILE`` or an
``office.yaml`` in the current folder; ``--agent FILE`` on a subcommand names
another file holding the ``agent:`` block. The register keeps the office's agent
from its first registration (``register agent`` shows or changes it), so an export
made anywhere later needs no office file.

There is no command to register an erroneously delivered document, and none to
delete an entry: rule 18 returns such a document unregistered, and a register
is corrected (``amend``), never erased.

>>> sorted(register.commands)
['agent', 'amend', 'backup', 'entered', 'export', 'import', 'incoming', 'list', 'mark', 'migrate', 'missing', 'outgoing', 'return', 'returns', 'show', 'writs']
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, cast

import click

from pea_docs.cli.output import (
    CONTEXT,
    echo_json,
    is_stdout,
    json_option,
    ok_payload,
    write_stdout,
)
from pea_docs.cli.register_context import (
    DB_HELP,
    OFFICE_ID_HELP,
    RegisterContext,
    emit,
    entry_line,
    handle_register_errors,
    no_json_with_stdout,
    party_text,
)
from pea_docs.cli.register_stamp import (
    STDOUT_NAME,
    check_stamp_outputs,
    show_registered,
    stamp_agent,
    stamp_options,
)
from pea_docs.errors import InputError, Problem
from pea_docs.store.entry import Direction, Entry
from pea_docs.store.intake import check_letter_address

__all__ = ["register"]

# as the main command line: -h works, and the examples are not squeezed


@click.group(name="register", context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs register incoming --from "ТОО «Альфа»" --doc-number 12-34/567 --doc-date 06.01.2025 \\
      --summary "Запрос" --received "2025-01-10 19:40" --stamp stamp.docx
  pea-docs register outgoing --to "АО «Банк»" --summary "Запрос о счетах" --apply-to reply.docx
  pea-docs register list --year 2025 --text альфа
  pea-docs register export incoming --year 2025 -o journal.xlsx
  pea-docs register show 1 --year 2025 --json
See docs/register.md for every subcommand, and docs/cli.md for exit codes and JSON.""")
@click.option("--db", default="pea-docs.sqlite", envvar="PEA_DOCS_DB", show_default=True,
              type=click.Path(dir_okay=False), help=DB_HELP)
@click.option("--office-id", default=None, envvar="PEA_DOCS_OFFICE_ID", help=OFFICE_ID_HELP)
@click.option("--numbering", type=click.Choice(["year", "continuous"]), default=None,
              help="Numbering of a new register (default: per calendar year); fixed once chosen.")
@click.option("--office", type=click.Path(dir_okay=False, exists=True), default=None,
              envvar="PEA_DOCS_OFFICE",
              help="The office profile (agent:, hours:, days_off:); default ./office.yaml.")
@click.pass_context
def register(ctx: click.Context, db: str, office_id: str | None, numbering: str | None,
             office: str | None) -> None:
    """Keep the registers of incoming and outgoing correspondence (rules 16-23)."""
    ctx.obj = RegisterContext(db, numbering, office, office_id)


@register.command("incoming", epilog="""\b
Examples:
  pea-docs register incoming --from "ТОО «Альфа», г. Алматы" --doc-number 12-34/567 \\
      --doc-date 06.01.2025 --summary "Запрос о ходе ИП № 0201-25-00001" \\
      --received "2025-01-10 19:40" --stamp stamp.docx     # incoming No. 1 of 13.01.2025
  pea-docs register incoming --from "Әлиев Ғани" --summary "Жалоба" --apply-to letter.docx
A document delivered by mistake is returned unregistered (rule 18): do not register it.""")
@click.option("--from", "sender", required=True,
              help="From whom the document came: text, or a JSON address block {organization, address}.")
@click.option("--doc-number", default=None, help="The sender's number of the document.")
@click.option("--doc-date", default=None, help="The sender's date (09.01.2025 or 2025-01-09).")
@click.option("--summary", required=True, help="Short description.")
@click.option("--received", default=None,
              help='When it arrived, "2025-01-08 19:40" (default now); rule 20 gives the date.')
@click.option("--registered", default=None, help="Explicit registration date (late registration).")
@click.option("--case", default=None, help="The case (order) it is filed in: an index of the year's "
              "nomenclature, once one is loaded (rule 33).")
@click.option("--sheets", type=click.IntRange(min=1), default=None,
              help="Its sheets, numbered in the order it is filed in (rule 39; default 1).")
@click.option("--kind", type=click.Choice(["letter", "writ", "appeal"]), default="letter", show_default=True,
              help="A writ of execution on paper (rule 26: listed by `register writs` until `register entered`), "
                   "a party's appeal (rule 31) or a letter.")
@click.option("--note", default=None, help="Note (column 7).")
@click.option("--by", default=None, help="Who registers (default: the OS user).")
@stamp_options
@json_option
@click.pass_context
@handle_register_errors
def incoming(ctx: click.Context, sender: str, doc_number: str | None, doc_date: str | None,
             summary: str, received: str | None, registered: str | None, case: str | None,
             sheets: int | None, kind: str, note: str | None, by: str | None, stamp_path: str | None,
             apply_to: str | None,
             stamped_output: str | None, color: str, lang: str, agent_path: str | None,
             as_json: bool) -> None:
    """Register a received document; print its number and registration date (rules 19-21)."""
    obj: RegisterContext = ctx.obj
    check_stamp_outputs(ctx, stamp_path, stamped_output if apply_to else None, as_json)
    agent = stamp_agent(obj, agent_path, bool(stamp_path or apply_to))
    with obj.open() as reg:
        obj.keep_agent(reg)
        entry = reg.register_incoming(sender=_party(sender, "sender"), doc_number=doc_number, doc_date=doc_date,
                                      summary=summary, received=received, registered=registered,
                                      case=case, note=note, sheets=sheets, kind=kind, by=by)
        warnings = reg.last_warnings
    show_registered(ctx, entry, warnings, as_json, agent,
                dict(stamp_path=stamp_path, apply_to=apply_to, stamped_output=stamped_output,
                     color=color, lang=lang))


@register.command("outgoing", epilog="""\b
Examples:
  pea-docs register outgoing --to "АО «Банк»" --summary "Запрос о счетах" --apply-to reply.docx
  pea-docs register outgoing --to "ЗАГС г. Алматы" --summary "Запрос" --date 03.02.2025 \\
      --stamp - > stamp.docx""")
@click.option("--to", "recipient", required=True,
              help="To whom the document is addressed: text, or a JSON address block {organization, address}.")
@click.option("--summary", required=True, help="Short description.")
@click.option("--date", "day", default=None, help="The outgoing date (default today).")
@click.option("--doc-number", default=None, help="The document's index, if not the serial number.")
@click.option("--note", default=None, help="Note (column 5).")
@click.option("--case", default=None, help="The order its copy is filed in: an index of the year's "
              "nomenclature (kept by the register; Appendix 2 has no such column).")
@click.option("--sheets", type=click.IntRange(min=1), default=None,
              help="Its sheets in that order (rule 39; default 1).")
@click.option("--method", type=click.Choice(["post", "in_person", "ais", "other"]), default=None,
              help="How it is sent (rule 25): by post, in person, through the AIS of BEP, other technical means; "
                   "the printed register shows it in the Note column.")
@click.option("--by", default=None, help="Who registers (default: the OS user).")
@stamp_options
@json_option
@click.pass_context
@handle_register_errors
def outgoing(ctx: click.Context, recipient: str, summary: str, day: str | None,
             doc_number: str | None, note: str | None, case: str | None, sheets: int | None,
             method: str | None, by: str | None, stamp_path: str | None,
             apply_to: str | None, stamped_output: str | None, color: str, lang: str,
             agent_path: str | None, as_json: bool) -> None:
    """Register a sent document; print its number and date (rules 22, 23)."""
    obj: RegisterContext = ctx.obj
    check_stamp_outputs(ctx, stamp_path, stamped_output if apply_to else None, as_json)
    agent = stamp_agent(obj, agent_path, bool(stamp_path or apply_to))
    with obj.open() as reg:
        obj.keep_agent(reg)
        entry = reg.register_outgoing(recipient=_party(recipient, "recipient"), summary=summary, date=day,
                                      doc_number=doc_number, note=note, case=case, sheets=sheets, method=method,
                                      by=by)
        warnings = reg.last_warnings
    show_registered(ctx, entry, warnings, as_json, agent,
                dict(stamp_path=stamp_path, apply_to=apply_to, stamped_output=stamped_output,
                     color=color, lang=lang))


def _party(value: str, name: str) -> Any:
    """Return a sender or addressee given on the command line: text, or a JSON address block (rule 10)."""
    if not value.lstrip().startswith("{"):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(f"store.{'incoming' if name == 'sender' else 'outgoing'}_field", "rule 10",
                                  (name,), value, f"is not a JSON address block: {exc.msg}")]) from None


#: a register's year: four digits (a year past 9999 cannot be stored, nor meant)
_YEAR = click.IntRange(1, 9999)


def _which(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--year", type=_YEAR, default=None,
                        help="The register's year (default: this year).")(func)
    return click.option("--direction", type=click.Choice(["incoming", "outgoing"]),
                        default="incoming", show_default=True, help="Which register.")(func)


# amend options: the field name in the Python API, the option, its help
_AMEND_OPTIONS = [
    ("sender", "--from", "From whom (incoming)."),
    ("recipient", "--to", "To whom (outgoing)."),
    ("doc_number", "--doc-number", "The document's number."),
    ("doc_date", "--doc-date", "The document's date (incoming)."),
    ("summary", "--summary", "Short description."),
    ("execution_mark", "--execution-mark", "Mark on enforcement (incoming)."),
    ("case", "--case", "The case (order) it is filed in."),
    ("sheets", "--sheets", "Its sheets in that order."),
    ("note", "--note", "Note."),
    ("registered", "--registered", "Registration date, same year (incoming)."),
    ("received", "--received", "When it arrived (incoming)."),
    ("date", "--date", "The outgoing date, same year (outgoing)."),
]


def _amend_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for name, flag, text in reversed(_AMEND_OPTIONS):
        func = click.option(flag, name, default=None, help=text + ' "" clears an optional field.')(func)
    return func


@register.command("amend", epilog="""\b
Example:
  pea-docs register amend 1 --year 2025 --reason "опечатка в номере" --doc-number 12-34/576""")
@click.argument("number", type=int)
@_which
@click.option("--reason", required=True, help="Why the entry is corrected (kept in its history).")
@click.option("--by", default=None, help="Who corrects it (default: the OS user).")
@_amend_options
@json_option
@click.pass_context
@handle_register_errors
def amend(ctx: click.Context, number: int, direction: str, year: int | None, reason: str,
          by: str | None, as_json: bool, **fields: str | None) -> None:
    """Correct entry NUMBER; the old values and the reason stay in its history."""
    changes = {k: v for k, v in fields.items() if v is not None}
    with ctx.obj.open() as reg:
        entry = reg.amend(direction, number, year=year, reason=reason, by=by,
                          **changes)
    emit(as_json, entry.to_dict(), _show_text(entry))


@register.command("mark", epilog="""\b
Example:
  pea-docs register mark 1 --year 2025 --executed "Ответ исх. № 15 от 14.01.2025" --case 02-05""")
@click.argument("number", type=int)
@click.option("--year", type=_YEAR, default=None, help="The register's year (default: this year).")
@click.option("--executed", default=None, help="The mark on enforcement (column 5).")
@click.option("--case", default=None, help="The case (order) it is filed in (column 6).")
@click.option("--by", default=None, help="Who marks it (default: the OS user).")
@json_option
@click.pass_context
@handle_register_errors
def mark(ctx: click.Context, number: int, year: int | None, executed: str | None,
         case: str | None, by: str | None, as_json: bool) -> None:
    """Fill the mark on enforcement and the case of incoming entry NUMBER."""
    with ctx.obj.open() as reg:
        entry = reg.mark("incoming", number, year=year, executed=executed, case=case, by=by)
    emit(as_json, entry.to_dict(), _show_text(entry))


@register.command("list", epilog="""\b
Examples:
  pea-docs register list --year 2025 --text альфа --from-date 01.01.2025 --to-date 31.01.2025
  pea-docs register list --direction outgoing --json""")
@click.option("--direction", type=click.Choice(["incoming", "outgoing", "all"]), default="all",
              show_default=True)
@click.option("--year", type=_YEAR, default=None)
@click.option("--text", default=None, help="Words to find in any column.")
@click.option("--from-date", default=None, help="First registration date.")
@click.option("--to-date", default=None, help="Last registration date.")
@click.option("--method", type=click.Choice(["post", "in_person", "ais", "other"]), default=None,
              help="Only outgoing entries sent so (rule 25).")
@click.option("--kind", type=click.Choice(["letter", "writ", "appeal"]), default=None,
              help="Only incoming entries of this kind.")
@json_option
@click.pass_context
@handle_register_errors
def list_entries(ctx: click.Context, direction: str, year: int | None, text: str | None,
                 from_date: str | None, to_date: str | None, method: str | None, kind: str | None,
                 as_json: bool) -> None:
    """List entries, filtered by register, year, text, date range, way of sending and kind."""
    with ctx.obj.open() as reg:
        entries = reg.list(None if direction == "all" else direction,
                           year=year, text=text, date_from=from_date, date_to=to_date, method=method, kind=kind)
    if as_json:
        echo_json(ok_payload({"entries": [e.to_dict() for e in entries]}))
    else:
        for entry in entries:
            click.echo(entry_line(entry))


def _show_text(entry: Entry) -> str:
    data = entry.to_dict()
    history = data.pop("history")
    lines = [f"{entry.direction} No. {entry.number} ({entry.year})"]
    for key, value in data.items():
        if value not in (None, "") and key not in ("direction", "number", "year"):
            shown = party_text(value) if isinstance(value, Mapping) else value
            lines.append(f"  {key}: {shown}")
    lines.append("  history:")
    for change in history:
        head = f"    {change['at']} {change['action']} by {change['by']}"
        if change["reason"]:
            head += f": {change['reason']}"
        lines.append(head)
        if change["action"] != "registered":
            for key, (old, new) in change["changes"].items():
                lines.append(f"      {key}: {old!r} -> {new!r}")
    return "\n".join(lines)


@register.command("show", epilog="""\b
Examples:
  pea-docs register show 1 --year 2025                  # the entry and its history
  pea-docs register show 3 --direction outgoing --year 2025 --json""")
@click.argument("number", type=int)
@_which
@json_option
@click.pass_context
@handle_register_errors
def show(ctx: click.Context, number: int, direction: str, year: int | None, as_json: bool) -> None:
    """Show entry NUMBER with its history."""
    with ctx.obj.open() as reg:
        entry = reg.get(direction, number, year=year)
    emit(as_json, entry.to_dict(), _show_text(entry))


@register.command("return", epilog="""\b
Examples:
  pea-docs register return --from '{"organization": "ТОО «Бета»", "address": "г. Алматы, ул. Абая, 5"}' \\
      --summary "Счёт на оплату" --reason "адресован другому ЧСИ" --letter return.docx
A document delivered by mistake goes back unregistered (rule 18): it takes no number.""")
@click.option("--from", "sender", required=True,
              help="Whose document it is: text, or a JSON address block (needed for --letter).")
@click.option("--summary", required=True, help="What the document is.")
@click.option("--received", default=None, help='When it arrived, "2025-01-08 19:40" (default now).')
@click.option("--reason", default=None, help="Why it is returned.")
@click.option("--letter", type=click.Path(dir_okay=False), default=None,
              help="Also write the letter returning it (the built-in cover letter) to this .docx.")
@click.option("--date", "day", default=None, help="The letter's date (default today).")
@click.option("--number", default=None, help="The letter's outgoing number.")
@click.option("--lang", type=click.Choice(["ru", "kk", "en"]), default="ru", show_default=True)
@click.option("--by", default=None, help="Who records it (default: the OS user).")
@json_option
@click.pass_context
@handle_register_errors
def return_document(ctx: click.Context, sender: str, summary: str, received: str | None, reason: str | None,
                    letter: str | None, day: str | None, number: str | None, lang: str, by: str | None,
                    as_json: bool) -> None:
    """Keep a document delivered by mistake in the returns log, unregistered (rule 18); write its letter."""
    obj: RegisterContext = ctx.obj
    party = _party(sender, "sender")
    with obj.open() as reg:
        obj.keep_agent(reg)
        if letter:  # a sender without an address stops the record too: the clerk asked for the letter
            check_letter_address(party)
        record = reg.record_return(sender=party, summary=summary, received=received, reason=reason, by=by)
        written = str(reg.return_letter(record.id, on=day, number=number, lang=lang).save(letter)) if letter else None
    payload = {**record.to_dict(), "letter": written}
    emit(as_json, payload, f"returned without registration (log No. {record.id}): {record.summary}"
         + (f"\nwrote {written}" if written else ""))


@register.command("returns", epilog="""\b
Example:
  pea-docs register returns --year 2025""")
@click.option("--year", type=_YEAR, default=None, help="Only this year.")
@json_option
@click.pass_context
@handle_register_errors
def returns_log(ctx: click.Context, year: int | None, as_json: bool) -> None:
    """List the returns log: documents returned without registration (rule 18)."""
    with ctx.obj.open() as reg:
        found = reg.returns(year=year)
    if as_json:
        echo_json(ok_payload({"returns": [r.to_dict() for r in found]}))
    else:
        for r in found:
            click.echo(f"{r.id}\t{r.received:%d.%m.%Y %H:%M}\t{party_text(r.sender)}\t{r.summary}\t{r.reason or ''}")


@register.command("missing", epilog="""\b
Example:
  pea-docs register missing 15 --year 2025 --expected "копия решения суда" --expected "доверенность" \\
      --got "доверенность" -o notice.docx""")
@click.argument("number", type=int)
@click.option("--year", type=_YEAR, default=None, help="The register's year (default: this year).")
@click.option("--expected", multiple=True, required=True, help="An attachment the letter lists (repeat).")
@click.option("--got", multiple=True, help="An attachment actually received (repeat).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The notice (.docx).")
@click.option("--date", "day", default=None, help="The notice's date (default today).")
@click.option("--number", "letter_number", default=None, help="The notice's outgoing number.")
@click.option("--lang", type=click.Choice(["ru", "kk", "en"]), default="ru", show_default=True)
@json_option
@click.pass_context
@handle_register_errors
def missing(ctx: click.Context, number: int, year: int | None, expected: tuple[str, ...], got: tuple[str, ...],
            output: str, day: str | None, letter_number: str | None, lang: str, as_json: bool) -> None:
    """Write the notice to the sender of incoming NUMBER of the attachments missing (rule 18)."""
    obj: RegisterContext = ctx.obj
    with obj.open() as reg:
        obj.keep_agent(reg)
        document = reg.attachments_notice(number, year=year, expected=list(expected), received=list(got), on=day,
                                          letter_number=letter_number, lang=lang)
    path = document.save(output)
    emit(as_json, {"written": [str(path)]}, f"wrote {path}")


@register.command("writs", epilog="""\b
Example:
  pea-docs register writs --json""")
@json_option
@click.pass_context
@handle_register_errors
def writs(ctx: click.Context, as_json: bool) -> None:
    """List the writs of execution registered but not yet entered in the AIS of BEP (rule 26)."""
    with ctx.obj.open() as reg:
        pending = reg.pending_writs()
    if as_json:
        echo_json(ok_payload({"writs": [e.to_dict() for e in pending]}))
    else:
        for entry in pending:
            click.echo(entry_line(entry))


@register.command("entered", epilog="""\b
Example:
  pea-docs register entered 15 --year 2025 --date 16.01.2025""")
@click.argument("number", type=int)
@click.option("--year", type=_YEAR, default=None, help="The register's year (default: this year).")
@click.option("--date", "day", default=None, help="The day it was entered (default today).")
@click.option("--by", default=None, help="Who records it (default: the OS user).")
@json_option
@click.pass_context
@handle_register_errors
def entered(ctx: click.Context, number: int, year: int | None, day: str | None, by: str | None,
            as_json: bool) -> None:
    """Record that incoming writ NUMBER was entered in the AIS of BEP (rule 26)."""
    with ctx.obj.open() as reg:
        entry = reg.mark_entered(number, year=year, on=day, by=by)
    emit(as_json, entry.to_dict(), f"{entry_line(entry)}\tentered {entry.entered:%d.%m.%Y}")


@register.command("export", epilog="""\b
Examples:
  pea-docs register export incoming --year 2025 -o journal.xlsx --lang kk
  pea-docs register export outgoing --year 2025 -o - > outgoing-2025.xlsx""")
@click.argument("direction", type=click.Choice(["incoming", "outgoing"]))
@click.option("--year", type=_YEAR, default=None, help="The year (default: this year).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The .xlsx to write; '-' writes it to standard output (the message to "
              "standard error).")
@click.option("--lang", type=click.Choice(["ru", "kk", "en"]), default="ru", show_default=True)
@click.option("--agent", "agent_path", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A YAML file with the agent: block (default: the office's).")
@json_option
@click.pass_context
@handle_register_errors
def export(ctx: click.Context, direction: str, year: int | None, output: str, lang: str,
           agent_path: str | None, as_json: bool) -> None:
    """Print a year of the register as the Appendix 1 or 2 form (.xlsx)."""
    obj: RegisterContext = ctx.obj
    to_stdout = is_stdout(output)
    if to_stdout:
        no_json_with_stdout(ctx, as_json, "-o")
    year = year or date.today().year
    with obj.open() as reg:
        # click.Choice has admitted only "incoming" and "outgoing"
        document = reg.export(cast(Direction, direction), year, agent=obj.agent(agent_path), lang=lang)
        count = len(reg.list(cast(Direction, direction), year=year))
    if to_stdout:  # as `pea-docs render -o -`: the file on stdout, the words on stderr
        write_stdout(document.to_bytes())
        shown = STDOUT_NAME
    else:
        shown = str(document.save(output))
    emit(as_json, {"output": shown, "direction": direction, "year": year, "entries": count},
          f"{shown}: {count} {direction} entries of {year}", document.problems,
          text_to_stderr=to_stdout)


@register.command("agent", epilog="""\b
Examples:
  pea-docs register agent                      # show the agent kept (or keep office.yaml's)
  pea-docs register agent --agent office.yaml  # keep this agent from now on""")
@click.option("--agent", "agent_path", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A YAML file with the agent: block to keep (default: the office's, if none is kept).")
@json_option
@click.pass_context
@handle_register_errors
def agent(ctx: click.Context, agent_path: str | None, as_json: bool) -> None:
    """Show or set the agent the register keeps for its printed journals (rule 9)."""
    obj: RegisterContext = ctx.obj
    with obj.open() as reg:
        if agent_path:
            given = obj.agent(agent_path)
            if not given:
                raise InputError([Problem("store.agent", "rule 9", ("agent",), agent_path,
                                          "holds no agent: block (surname, name, patronymic)")])
            reg.set_agent(given)
        else:
            obj.keep_agent(reg)
        kept = reg.agent
    if kept is None:
        raise InputError([Problem("store.agent", "rule 9", ("agent",), None,
                                  "is not kept yet: give --agent FILE or put an agent: block in office.yaml")])
    name = " ".join(kept[k] for k in ("surname", "name", "patronymic") if kept.get(k))
    emit(as_json, {"agent": kept}, f"agent: {name}" + (f", license {kept['license']}" if kept.get("license") else ""))


@register.command("import", epilog="""\b
Examples:
  pea-docs register import journal-2025.xlsx            # an XLSX journal in the form's layout
  pea-docs register import journal-2025.yaml            # or a YAML file (DATA.md)""")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--by", default=None, help="Who imports (default: the OS user).")
@json_option
@click.pass_context
@handle_register_errors
def import_journal(ctx: click.Context, file: str, by: str | None, as_json: bool) -> None:
    """Bring an existing journal (YAML, or XLSX in the form's layout) into the register."""
    with ctx.obj.open() as reg:
        entries = reg.import_(file, by=by)
        warnings = reg.last_warnings
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.direction] = counts.get(entry.direction, 0) + 1
    text = ", ".join(f"{n} {d}" for d, n in counts.items()) or "nothing"
    emit(as_json, {"imported": [e.to_dict() for e in entries]}, f"imported {text}", warnings)


@register.command("backup", epilog="""\b
Example:
  pea-docs register backup backups/2025-03-03.sqlite""")
@click.argument("file", type=click.Path(dir_okay=False))
@json_option
@click.pass_context
@handle_register_errors
def backup(ctx: click.Context, file: str, as_json: bool) -> None:
    """Write a consistent copy of the register while others keep registering."""
    if is_stdout(file):
        # the copy is checked and renamed into place: that needs a file, not a stream
        raise click.UsageError("backup writes a file (checked, then renamed into place); "
                               "give a file name, not '-'", ctx)
    with ctx.obj.open() as reg:
        path = reg.backup(file)
    emit(as_json, {"backup": str(path)}, f"backup: {path}")


@register.command("migrate", epilog="""\b
Examples:
  pea-docs register migrate --from office.sqlite --to postgresql://clerk@db/pea --to-office 17012345
  pea-docs register migrate --from postgresql://clerk@db/pea --from-office 17012345 --to copy.sqlite""")
@click.option("--from", "source", required=True, help="The register to copy: an SQLite file or a postgresql:// URL.")
@click.option("--from-office", default=None, help="Its office (PostgreSQL: whose schema; default 'main').")
@click.option("--to", "target", required=True, help="The new register: an SQLite file or a postgresql:// URL; "
              "it must hold no entries yet.")
@click.option("--to-office", default=None, help="The office it is for (PostgreSQL: whose schema; default "
              "the source's office, else 'main').")
@json_option
@handle_register_errors
def migrate(source: str, from_office: str | None, target: str, to_office: str | None, as_json: bool) -> None:
    """Copy a whole register, every history row with it, into a new database (SQLite <-> PostgreSQL)."""
    from pea_docs.store.migrate import copy_register
    from pea_docs.store.postgres import safe_url
    from pea_docs.store.register import Register

    # a missing source file is an error, not a new register
    with Register(source, office=from_office, create=False) as reg:
        office = to_office or reg.office
        with Register(target, office=office, numbering=reg.numbering) as new:
            counts = copy_register(reg._conn, new._conn)
    rows = ", ".join(f"{count} {table}" for table, count in counts.items() if count)
    emit(as_json, {"from": safe_url(source), "to": safe_url(target), "office": office, "rows": counts},
         f"copied {rows or 'an empty register'} into {safe_url(target)}")
