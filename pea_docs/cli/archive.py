"""``pea-docs archive``: the year's cycle of case files from the register (rules 33–42, 47).

Load the year's nomenclature, open orders from its reserve numbers, file
documents, close the year (the final entry, the inventories of orders, the
covers, internal inventories and certification sheets), find the orders whose
storage has run out (a draft destruction act), withdraw and return documents.
The database and the office are the register's (``--db``, ``--office``).

>>> sorted(archive.commands)
['close', 'expired', 'file', 'nomenclature', 'open', 'orders', 'return', 'transfer', 'withdraw']
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import cast

import click

from pea_docs.cli.output import CONTEXT, json_option
from pea_docs.cli.register_context import (
    DB_HELP,
    OFFICE_ID_HELP,
    RegisterContext,
    emit,
    entry_line,
    handle_register_errors,
)
from pea_docs.errors import InputError, Problem
from pea_docs.io.inputs import InputDocument, read_input
from pea_docs.store.archive import filed_documents
from pea_docs.store.entry import Direction

__all__ = ["archive"]

_YEAR = click.IntRange(1991, 2999)
_LANG = click.Choice(["ru", "kk", "en"])


@click.group(name="archive", context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs archive nomenclature nomenclature-2025.yaml     # or an .xlsx in the form's layout
  pea-docs archive open 02-05 --year 2025 --heading "Акты проверок" --storage 15
  pea-docs register incoming ... --case 02-02 --sheets 3   # filed as it is registered
  pea-docs archive close 2025 -o archive-2025/
  pea-docs archive expired --on 2031-01-15 -o destruction/
  pea-docs archive withdraw withdrawal.yaml -o act-3.docx
  pea-docs archive return return.yaml -o act-3.returned.docx
  pea-docs archive transfer transfer.yaml -o transfer.docx   # the archive table from the register
See docs/archive.md for the year's cycle step by step.""")
@click.option("--db", default="pea-docs.sqlite", envvar="PEA_DOCS_DB", show_default=True,
              type=click.Path(dir_okay=False), help=DB_HELP)
@click.option("--office-id", default=None, envvar="PEA_DOCS_OFFICE_ID", help=OFFICE_ID_HELP)
@click.option("--office", type=click.Path(dir_okay=False, exists=True), default=None, envvar="PEA_DOCS_OFFICE",
              help="The office profile (agent:, hours:); default ./office.yaml.")
@click.pass_context
def archive(ctx: click.Context, db: str, office_id: str | None, office: str | None) -> None:
    """Case files and the archive from the register: nomenclature, year's close, expiry, withdrawals."""
    ctx.obj = RegisterContext(db, None, office, office_id)


def _paths(paths: list[Path]) -> str:
    return "\n".join(f"wrote {p}" for p in paths) or "nothing to write"


@archive.command("nomenclature")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--by", default=None, help="Who loads it (default: the OS user).")
@json_option
@click.pass_context
@handle_register_errors
def nomenclature(ctx: click.Context, file: str, by: str | None, as_json: bool) -> None:
    """Keep the year's nomenclature of cases (YAML, or XLSX in the form's layout) in the register."""
    with ctx.obj.open() as reg:
        loaded = reg.load_nomenclature(file, by=by)
        orders = reg.orders(loaded.year)
    opened = sum(1 for o in orders if o.is_open)
    emit(as_json, {"year": loaded.year, "orders": opened, "reserve": len(orders) - opened},
         f"nomenclature of {loaded.year}: {opened} orders, {len(orders) - opened} reserve numbers")


@archive.command("orders")
@click.option("--year", type=_YEAR, default=None, help="The year (default: this year).")
@json_option
@click.pass_context
@handle_register_errors
def orders(ctx: click.Context, year: int | None, as_json: bool) -> None:
    """List the orders of a year's nomenclature with the documents filed in each."""
    year = year or date.today().year
    with ctx.obj.open() as reg:
        found = reg.orders(year)
        filed = filed_documents(reg, year)
    rows = [{"index": o.index, "heading": o.heading, "storage": o.storage, "documents": len(filed.get(o.index, [])),
             "sheets": filed[o.index][-1].last if filed.get(o.index) else 0} for o in found]
    text = "\n".join(f"{r['index']}\t{r['heading'] or '(reserve)'}\t{r['storage'] or ''}\t"
                     f"{r['documents']} documents, {r['sheets']} sheets" for r in rows)
    emit(as_json, {"year": year, "orders": rows}, text or f"no nomenclature of {year}")


@archive.command("open")
@click.argument("index")
@click.option("--year", type=_YEAR, default=None, help="The nomenclature's year (default: this year).")
@click.option("--heading", required=True, help="The new order's heading.")
@click.option("--storage", required=True, help="Its storage period: 'permanent' or years.")
@click.option("--articles", default=None, help="The article of the list of standard documents.")
@click.option("--date", "day", default=None, help="The date it is opened (default today).")
@json_option
@click.pass_context
@handle_register_errors
def open_order(ctx: click.Context, index: str, year: int | None, heading: str, storage: str,
               articles: str | None, day: str | None, as_json: bool) -> None:
    """Open order INDEX from a reserve number of the year's nomenclature (rule 35)."""
    with ctx.obj.open() as reg:
        order = reg.open_order(year or date.today().year, index, heading=heading, storage=storage,
                               articles=articles, opened=day)
    emit(as_json, {"index": order.index, "year": order.year, "heading": order.heading, "storage": order.storage},
         f"opened {order.index} of {order.year}: {order.heading}")


@archive.command("file")
@click.argument("direction", type=click.Choice(["incoming", "outgoing"]))
@click.argument("number", type=int)
@click.option("--case", required=True, help="The index of the order.")
@click.option("--year", type=_YEAR, default=None, help="The entry's register year (default: this year).")
@click.option("--sheets", type=click.IntRange(min=1), default=None, help="Its sheets (rule 39).")
@click.option("--order-year", type=_YEAR, default=None, help="The order's year, for a transferred case.")
@click.option("--transferred", is_flag=True, help="A transferred case may go in another year's order (rule 38.3).")
@click.option("--kind", type=click.Choice(["original", "copy", "draft", "extra_copy"]), default="original",
              show_default=True, help="Drafts and extra copies are not filed (rule 38.5).")
@click.option("--by", default=None, help="Who files it (default: the OS user).")
@json_option
@click.pass_context
@handle_register_errors
def file_entry(ctx: click.Context, direction: str, number: int, case: str, year: int | None, sheets: int | None,
               order_year: int | None, transferred: bool, kind: str, by: str | None, as_json: bool) -> None:
    """File entry NUMBER of a register in an order of the nomenclature (rules 33, 37, 38)."""
    with ctx.obj.open() as reg:
        entry = reg.file(cast(Direction, direction), number, case=case, year=year, sheets=sheets,
                         order_year=order_year, transferred=transferred, kind=kind, by=by)
    emit(as_json, entry.to_dict(), f"{entry_line(entry)}\tfiled in {entry.case}")


@archive.command("close")
@click.argument("year", type=_YEAR)
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The folder to write.")
@click.option("--date", "day", default=None, help="The date of the final entry (default today).")
@click.option("--lang", type=_LANG, default="ru", show_default=True)
@json_option
@click.pass_context
@handle_register_errors
def close(ctx: click.Context, year: int, output: str, day: str | None, lang: str, as_json: bool) -> None:
    """Close YEAR: the final entry, the inventories of orders, each order's cover, inventory, certification."""
    obj: RegisterContext = ctx.obj
    with obj.open() as reg:
        obj.keep_agent(reg)
        paths = reg.close_year(year, output, on=day, lang=lang)
    emit(as_json, {"year": year, "written": [str(p) for p in paths]}, _paths(paths))


@archive.command("expired")
@click.option("--on", "day", required=True, help="The date (2031-01-15): storage run out by then.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The folder to write.")
@click.option("--lang", type=_LANG, default="ru", show_default=True)
@json_option
@click.pass_context
@handle_register_errors
def expired(ctx: click.Context, day: str, output: str, lang: str, as_json: bool) -> None:
    """Write a draft destruction act of the orders whose storage has run out (rule 47)."""
    obj: RegisterContext = ctx.obj
    with obj.open() as reg:
        obj.keep_agent(reg)
        paths = reg.expired(day, output, lang=lang)
    emit(as_json, {"on": day, "written": [str(p) for p in paths]},
         _paths(paths) if paths else f"no order has expired by {day}")


def _one_document(file: str) -> InputDocument:
    # the data alone, or an input document ({form?, lang?, data}): as `pea-docs render` reads it
    documents = read_input(file, bare=True)
    if len(documents) != 1:
        raise InputError([Problem("document.count", "", (), file, "must hold one document").in_file(file)])
    return documents[0]


def _placed(document: InputDocument, exc: InputError) -> InputError:
    """Return ``exc`` with each problem placed in the file: line and column of its field."""
    return InputError([document.place(p) if p.file is None else p for p in exc.problems])


@archive.command("withdraw")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The act (.docx).")
@json_option
@click.pass_context
@handle_register_errors
def withdraw(ctx: click.Context, file: str, output: str, as_json: bool) -> None:
    """Record a withdrawal (FILE: the act's data with entries: ['incoming 2025/15', ...]) and write the act."""
    source = _one_document(file)
    obj: RegisterContext = ctx.obj
    with obj.open() as reg:
        obj.keep_agent(reg)
        try:
            document = reg.withdraw(dict(source.data), lang=source.lang or "ru")
        except InputError as exc:
            raise _placed(source, exc) from None
    path = document.save(output)
    emit(as_json, {"written": [str(path)]}, f"wrote {path}")


@archive.command("return")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The act (.docx).")
@json_option
@click.pass_context
@handle_register_errors
def return_(ctx: click.Context, file: str, output: str, as_json: bool) -> None:
    """Record a return (FILE: act, year, date, returned_by, received_by) and write the act with its note."""
    source = _one_document(file)
    data = source.data
    missing = [k for k in ("act", "year", "date", "returned_by", "received_by") if k not in data]
    if missing:
        raise InputError([Problem("field.missing", "rule 42", (name,), None, "is required").in_file(file)
                          for name in missing])
    with ctx.obj.open() as reg:
        try:
            document = reg.return_documents(data["act"], year=int(data["year"]), returned={
                k: data[k] for k in ("date", "returned_by", "received_by")}, lang=source.lang or "ru")
        except InputError as exc:
            raise _placed(source, exc) from None
    path = document.save(output)
    emit(as_json, {"written": [str(path)]}, f"wrote {path}")


@archive.command("transfer")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The act (.docx).")
@click.option("--year", "years", type=_YEAR, multiple=True, help="Only the orders of this year (repeat).")
@json_option
@click.pass_context
@handle_register_errors
def transfer(ctx: click.Context, file: str, output: str, years: tuple[int, ...], as_json: bool) -> None:
    """Write the act of acceptance and transfer (FILE: the act's data), its archive table from the register."""
    source = _one_document(file)
    with ctx.obj.open() as reg:
        try:
            document = reg.transfer_act(dict(source.data), years=list(years) or None, lang=source.lang or "ru")
        except InputError as exc:
            raise _placed(source, exc) from None
    path = document.save(output)
    emit(as_json, {"written": [str(path)]}, f"wrote {path}")
