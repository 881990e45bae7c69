"""``pea-docs batch`` and ``pea-docs samples``: folders of YAML inputs into a folder of documents.

Loaded only when one of these commands runs (see :mod:`pea_docs.cli.main`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from pea_docs.batch.run import Progress, run_batch
from pea_docs.cli.output import CONTEXT, echo_json, handles_errors, json_option, problem_line
from pea_docs.errors import InputError, Problem

__all__ = ["batch", "samples"]

F = TypeVar("F", bound=Callable[..., Any])


def _duration(seconds: float) -> str:
    """Return a duration as people read it: ``42 s``, ``3 min 5 s``, ``1 h 2 min``.

    >>> _duration(42.4), _duration(185), _duration(3720)
    ('42 s', '3 min 5 s', '1 h 2 min')
    """
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


class _Display:
    """Progress on standard error: a live line on a terminal, plain lines otherwise."""

    def __init__(self, quiet: bool, live: bool):
        self.quiet = quiet
        self.live = live
        self.last_shown = 0.0
        self.last_tenth = 0
        self.width = 0

    def __call__(self, state: Progress) -> None:
        record = state.last
        if record is not None and record.status == "failed":
            self._clear()
            for problem in record.errors:
                # a template's problem names the template: say which input it failed
                line = problem_line(problem)
                if problem.get("file") and problem["file"] != record.input:
                    line = f"{record.input}: {line}"
                click.echo(line, err=True)
        if self.quiet:
            return
        now = time.monotonic()
        if self.live:
            if now - self.last_shown >= 0.1 or state.last is None:
                self.last_shown = now
                self._show(self._status(state, now))
        else:  # a line per tenth of the work, the last one at 100 %
            tenth = state.percent // 10
            if tenth > self.last_tenth:
                self.last_tenth = tenth
                click.echo(self._status(state, now), err=True)

    @staticmethod
    def _status(state: Progress, now: float) -> str:
        """Return the progress line: documents finished of those known (exact once all files are read)."""
        rate = state.finished / max(now - state.started, 1e-9)
        left = state.seconds_left
        eta = f", about {_duration(left)} left" if left is not None and state.percent < 100 else ""
        return (f"[{state.finished}/{state.known} documents {state.percent:3d}%] done {state.done}, "
                f"skipped {state.skipped}, failed {state.failed} ({rate:.0f} documents/s{eta})")

    def _show(self, text: str) -> None:
        click.echo("\r" + text.ljust(self.width), err=True, nl=False)
        self.width = len(text)

    def _clear(self) -> None:
        if self.live and self.width:
            click.echo("\r" + " " * self.width + "\r", err=True, nl=False)
            self.width = 0

    def close(self) -> None:
        self._clear()


def _batch(inputs: Sequence[str], outdir: str, workers: int | None, pdf: bool, force: bool,
           timeout: float, quiet: bool, as_json: bool) -> None:
    display = None if as_json else _Display(quiet, live=sys.stderr.isatty())
    try:
        result = run_batch(list(inputs), outdir, workers=workers, pdf=pdf, force=force, timeout=timeout,
                           progress=display)
    finally:
        if display:
            display.close()
    summary = result.summary()
    if as_json:
        echo_json({"ok": result.exit_code == 0, **summary,
                    "failures": [r.to_dict() for r in result.failures]})
    else:
        total = summary["done"] + summary["skipped"] + summary["failed"]
        rate = summary["done"] / result.seconds if result.seconds else 0.0
        click.echo(f"done {summary['done']}, skipped {summary['skipped']}, failed {summary['failed']} "
                   f"of {total} documents in {result.seconds:.1f} s ({rate:.0f} documents/s); "
                   f"manifest: {result.manifest}")
    sys.exit(result.exit_code)


def _batch_options(fn: F) -> F:
    for option in reversed([
        click.option("-w", "--workers", type=click.IntRange(min=0), default=None,
                     help="Worker processes (default: the CPU count; 0: none, render here)."),
        click.option("--pdf", is_flag=True, help="Also convert each document to PDF, beside it."),
        click.option("--force", is_flag=True, help="Render every document, even those up to date."),
        click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
                     help="Seconds allowed per document for the PDF conversion."),
        click.option("-q", "--quiet", is_flag=True, help="No progress; only failures and the summary."),
        json_option,
    ]):
        fn = option(fn)
    return fn


@click.command(context_settings=CONTEXT, epilog="""\b
Examples:
  pea-docs batch samples -o out
  pea-docs batch 'requests/**/*.yaml' office/ -o out --workers 4 --pdf
  pea-docs batch inputs -o out --json > result.json
Re-running the same command skips documents whose output is up to date; --force renders all.
Every input document is listed in OUTDIR/manifest.json.""")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False),
              help="The output folder (created if needed).")
@_batch_options
@handles_errors
def batch(inputs: tuple[str, ...], outdir: str, workers: int | None, pdf: bool, force: bool,
          timeout: float, quiet: bool, as_json: bool) -> None:
    """Render every document of INPUT... (YAML files, folders, globs; '-': stdin) into OUTDIR."""
    _batch(inputs, outdir, workers, pdf, force, timeout, quiet, as_json)


def _samples_folder() -> Path:
    package = Path(__file__).resolve().parents[1]  # pea_docs/, beside which the source tree keeps samples/
    for candidate in (package / "samples", package.parent / "samples", Path.cwd() / "samples"):
        if candidate.is_dir():
            return candidate
    raise InputError([Problem("input.missing", "", (), "samples",
                              "the samples folder is not found (it lives in the pea-docs source tree)")])


@click.command(context_settings=CONTEXT, epilog="""\b
Example:
  pea-docs samples -o out --pdf""")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False),
              help="The output folder (created if needed).")
@_batch_options
@handles_errors
def samples(outdir: str, workers: int | None, pdf: bool, force: bool, timeout: float, quiet: bool,
            as_json: bool) -> None:
    """Render every sample input of pea-docs (the samples/ folder) into OUTDIR."""
    _batch([str(_samples_folder())], outdir, workers, pdf, force, timeout, quiet, as_json)
