"""``pea-docs serve``: the office server (HTTP API and the clerk's page) on uvicorn.

>>> from click.testing import CliRunner
>>> "--db" in CliRunner().invoke(serve, ["--help"]).output
True
"""

from __future__ import annotations

import ipaddress

import click

from pea_docs.cli.output import CONTEXT, handles_errors
from pea_docs.errors import InputError, Problem

__all__ = ["serve"]


@click.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs serve                                   # http://127.0.0.1:8000, one office, SQLite
  pea-docs serve --db postgresql://pea@db/pea --tokens tokens.yaml --host 0.0.0.0 --workers 2
See docs/server.md: tokens, offices, the API, the page.""")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port.")
@click.option("--db", default=None, envvar="PEA_DOCS_DB",
              help="postgresql://... for registers shared by several clerks; default SQLite files in --data.")
@click.option("--data", default="pea-docs-data", show_default=True, type=click.Path(file_okay=False),
              help="The server's folder: SQLite registers, office templates (templates/), uploads.")
@click.option("--tokens", "tokens_path", default=None, envvar="PEA_DOCS_TOKENS",
              type=click.Path(dir_okay=False, exists=True),
              help="The API tokens (YAML: token or sha256, office, user?, read_only?).")
@click.option("--max-body", default=10 * 1024 * 1024, show_default=True, type=click.IntRange(1024),
              help="The largest request body in bytes (uploads included).")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(1),
              help="The longest a render or a check may take, in seconds.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes: renders are CPU work, one process uses one CPU.")
@handles_errors
def serve(host: str, port: int, db: str | None, data: str, tokens_path: str | None, max_body: int,
          timeout: float, workers: int) -> None:
    """Run the office server: the HTTP API for case software and the web page for the clerk."""
    try:
        import uvicorn

        from pea_docs.server.access import Tokens
        from pea_docs.server.app import ServerConfig, create_app
    except ImportError as exc:
        raise click.ClickException(f"the server needs its extra: pip install 'pea-docs[server]' ({exc.name} "
                                   "is missing)") from None
    tokens = Tokens.read(tokens_path) if tokens_path else None
    if tokens is None and not _loopback(host):
        raise InputError([Problem("server.tokens", "", ("tokens",), host,
                                  "is reachable from other computers: give --tokens FILE, or listen on "
                                  "127.0.0.1")])
    config = ServerConfig(data=data, db=db, tokens=tokens, max_body=max_body, timeout=timeout,
                          tokens_path=tokens_path)
    if db:  # open the database now: a wrong URL is told at start, not at the first request
        from pea_docs.store.register import Register

        Register(db, office=(tokens.offices()[0] if tokens else None)).close()
    click.echo(f"pea-docs: serving on http://{host}:{port} (registers: "
               f"{'PostgreSQL' if db else f'SQLite in {data}'}; "
               f"{'tokens of ' + str(len(tokens.offices())) + ' office(s)' if tokens else 'one office, no tokens'})",
               err=True)
    if workers == 1:
        uvicorn.run(create_app(config), host=host, port=port, log_level="warning", access_log=False)
        return
    # several processes: each builds its application from the same settings (the registers' lock is
    # the database's, so they number safely side by side)
    import os

    from pea_docs.server.app import ENVIRONMENT

    os.environ[ENVIRONMENT] = config.to_json()
    uvicorn.run("pea_docs.server.app:app_from_environment", factory=True, workers=workers, host=host,
                port=port, log_level="warning", access_log=False)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
