"""PDF through LibreOffice headless: converters with their own profiles, many files per call.

Starting ``soffice`` costs about a second, converting a one-page letter a few
tens of milliseconds, so a :class:`Converter` hands LibreOffice a whole list of
files at once. Each converter owns a private profile folder
(``-env:UserInstallation=...``): two LibreOffice processes sharing a profile
block each other, so a batch gives one converter to each worker process.

>>> Converter(soffice="/nonexistent/soffice")
Traceback (most recent call last):
...
pea_docs.errors.LibreOfficeMissingError: LibreOffice is needed for PDF output but '/nonexistent/soffice' is not installed; install it with: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from pea_docs.errors import ConverterError, LibreOfficeMissingError

__all__ = ["Converter", "LibreOfficeMissingError", "find_soffice", "stop_conversions"]

INSTALL_HINT = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
#: seconds LibreOffice gets to start before the per-document allowance counts
STARTUP_SECONDS = 60.0
#: the LibreOffice calls of this process now running (their process groups), for stop_conversions()
_RUNNING: set[int] = set()


def find_soffice(soffice: str | None = None) -> str:
    """Return the path of the LibreOffice executable.

    Looks at ``soffice``, then ``$PEA_DOCS_SOFFICE``, then ``soffice`` and
    ``libreoffice`` on ``PATH``.

    Raises:
        LibreOfficeMissingError: none is found (the message says how to install it).
    """
    wanted = soffice or os.environ.get("PEA_DOCS_SOFFICE")
    candidates = [wanted] if wanted else ["soffice", "libreoffice",
                                          "/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    for name in candidates:
        found = shutil.which(name)
        if found:
            return found
    shown = wanted or "soffice"
    raise LibreOfficeMissingError(f"LibreOffice is needed for PDF output but {shown!r} is not installed; "
                                  f"install it with: {INSTALL_HINT}")


def stop_conversions() -> None:
    """Kill every LibreOffice call this process has running (its whole process group).

    A batch worker told to stop calls it: LibreOffice runs in a session of its
    own (so that a Ctrl-C meant for the batch does not hit it half-way), and
    would outlive the worker otherwise.

    >>> stop_conversions()  # none running: nothing to do
    """
    for group in list(_RUNNING):
        try:
            os.killpg(group, signal.SIGKILL)
        except OSError:  # already gone
            pass
        _RUNNING.discard(group)


class Converter:
    """Convert DOCX/XLSX files to PDF with one private LibreOffice profile.

    Args:
        soffice: the executable (found on ``PATH`` when omitted).
        timeout: seconds allowed per document (plus a start-up allowance per call).
        profile: the profile folder; a temporary one, removed by :meth:`close`, when omitted.
    """

    def __init__(self, *, soffice: str | None = None, timeout: float = 60.0,
                 profile: str | os.PathLike[str] | None = None):
        self.soffice = find_soffice(soffice)
        self.timeout = timeout
        self._own_profile = profile is None
        self.profile = Path(profile) if profile else Path(tempfile.mkdtemp(prefix="pea-docs-lo-"))

    def close(self) -> None:
        """Remove the temporary profile folder."""
        if self._own_profile:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def convert(self, files: Sequence[str | os.PathLike[str]]) -> dict[Path, Path | ConverterError]:
        """Convert every file to a PDF beside it; return each file's PDF or its error.

        One LibreOffice call converts all the files of a folder; if it times out
        or fails, each file is retried alone so that one bad file costs only itself.
        """
        results: dict[Path, Path | ConverterError] = {}
        groups: dict[tuple[Path, str], list[Path]] = defaultdict(list)
        for f in map(Path, files):
            # x.docx and x.xlsx both become x.pdf: never in the same call
            groups[(f.parent, f.suffix.lower())].append(f)
        for group in groups.values():
            done = self._call(group)
            if isinstance(done, ConverterError) and len(group) > 1:
                for f in group:
                    single = self._call([f])
                    results[f] = single if isinstance(single, ConverterError) else single[f]
            elif isinstance(done, ConverterError):
                results[group[0]] = done
            else:
                results.update(done)
        return results

    def _call(self, files: list[Path]) -> dict[Path, Path | ConverterError] | ConverterError:
        folder = files[0].parent
        tmp = Path(tempfile.mkdtemp(prefix=".pea-docs-pdf-", dir=folder))
        timeout = STARTUP_SECONDS + self.timeout * len(files)
        cmd = [self.soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
               f"-env:UserInstallation={self.profile.resolve().as_uri()}",
               "--convert-to", "pdf", "--outdir", str(tmp), *map(str, files)]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
            _RUNNING.add(proc.pid)
            try:
                out, _ = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                # soffice forks helpers: kill the whole session, not only the parent
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                names = ", ".join(f.name for f in files)
                return ConverterError(f"{names}: LibreOffice did not finish the PDF within {timeout:.0f} s")
            except BaseException:  # interrupted: LibreOffice must not outlive this call
                stop_conversions()
                raise
            finally:
                _RUNNING.discard(proc.pid)
            results: dict[Path, Path | ConverterError] = {}
            for f in files:
                made = tmp / (f.stem + ".pdf")
                if made.is_file() and made.stat().st_size > 0:
                    target = f.with_suffix(".pdf")
                    os.replace(made, target)
                    results[f] = target
                else:
                    said = out.decode("utf-8", "replace").strip().splitlines()
                    detail = said[-1] if said else f"exit status {proc.returncode}"
                    results[f] = ConverterError(f"{f}: LibreOffice could not convert it to PDF: {detail}")
            if len(files) > 1 and any(isinstance(r, ConverterError) for r in results.values()):
                return ConverterError("some files failed")  # retried one by one by convert()
            return results
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
