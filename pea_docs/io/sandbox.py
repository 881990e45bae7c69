"""Writing inside the output folder without following a link out of it, even one made meanwhile.

:func:`~pea_docs.io.paths.safe_output_path` refuses a name that leads outside
the output folder when the batch plans it; but a folder inside may be swapped
for a symbolic link between that check and the write. :class:`OutputFolder`
closes that gap: it holds the output folder open and reaches every file from
it, one component at a time, with ``O_NOFOLLOW``, so a link met on the way is
an error and never a way out.

>>> import tempfile, os
>>> root = tempfile.mkdtemp(); folder = OutputFolder(root)
>>> folder.write("acts/a.docx", b"PK")
>>> os.symlink("/tmp", os.path.join(root, "away"))
>>> folder.write("away/b.docx", b"PK")
Traceback (most recent call last):
...
pea_docs.errors.OutputPathError: output: 'away/b.docx' escapes the output folder through a symbolic link (away); remove the link or choose another name
>>> folder.close()
"""

from __future__ import annotations

import errno
import itertools
import os
from pathlib import PurePosixPath

from pea_docs.errors import OutputPathError, Problem

__all__ = ["OutputFolder"]

_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_serial = itertools.count()


class OutputFolder:
    """An output folder held open; files are written under it by relative names only.

    Args:
        root: the output folder (the user's own choice: a link here is followed).
        scratch: a folder under ``root`` for temporary files (``.pea-docs/tmp``),
            so that a killed writer leaves nothing among the outputs; ``None``:
            beside each target, under a dotted name.
    """

    def __init__(self, root: str | os.PathLike[str], scratch: str | None = None):
        self.root = os.fspath(root)
        self._fd = os.open(self.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        self._scratch_name = scratch
        self._scratch: int | None = None  # opened at the first write (a batch empties it first)

    def close(self) -> None:
        """Close the folder's descriptors (again: nothing)."""
        for fd in (self._scratch, self._fd):
            if fd is not None and fd >= 0:
                os.close(fd)
        self._fd, self._scratch = -1, None

    def __del__(self) -> None:
        # a long-lived process running batch after batch must not keep their folders open
        try:
            self.close()
        except (OSError, AttributeError):
            pass

    def _folder(self, relative: str, *, create: bool, name: str = "") -> int:
        """Return a descriptor of the folder ``relative`` under the root, never through a link."""
        fd = self._fd  # the root's own descriptor is never closed here: each step opens the next
        try:
            for part in PurePosixPath(relative).parts:
                try:
                    child = self._open_folder(part, fd, create=create)
                except OSError as exc:
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                        raise _escape(name or relative, part) from None
                    raise
                if fd != self._fd:
                    os.close(fd)
                fd = child
            return os.dup(fd) if fd == self._fd else fd
        except BaseException:
            if fd != self._fd:
                os.close(fd)
            raise

    @staticmethod
    def _open_folder(part: str, parent: int, *, create: bool) -> int:
        # opened first, made only when missing: a batch writes thousands of files into a few
        # folders, and a failed mkdir costs a system call and an exception each time
        try:
            return os.open(part, _DIR, dir_fd=parent)
        except FileNotFoundError:
            if not create:
                raise
        try:
            os.mkdir(part, 0o755, dir_fd=parent)
        except FileExistsError:
            pass  # made meanwhile by another writer (a worker of the same batch)
        return os.open(part, _DIR, dir_fd=parent)

    def write(self, relative: str, data: bytes) -> None:
        """Write ``data`` to ``relative`` (a temporary file, then a rename: whole or not at all).

        Raises:
            OutputPathError: a component of ``relative`` is a symbolic link (``output.escapes``).
            OSError: the disk refuses (full, read-only); nothing is left half-written.
        """
        path = PurePosixPath(relative)
        if self._scratch is None and self._scratch_name:
            self._scratch = self._folder(self._scratch_name, create=True)
        folder = self._folder(str(path.parent), create=True, name=relative)
        try:
            tmp_fd, tmp_name = (self._scratch, f"{os.getpid()}-{next(_serial)}.part") \
                if self._scratch is not None else (folder, f".{path.name}.{os.getpid()}-{next(_serial)}.part")
            try:
                _write_new(tmp_name, tmp_fd, data)
                try:
                    # the rename replaces a link at the target itself, never what it points to
                    os.rename(tmp_name, path.name, src_dir_fd=tmp_fd, dst_dir_fd=folder)
                except OSError as exc:
                    if exc.errno != errno.EXDEV or tmp_fd == folder:
                        raise
                    os.unlink(tmp_name, dir_fd=tmp_fd)  # another file system inside: write beside
                    tmp_fd, tmp_name = folder, f".{path.name}.{os.getpid()}-{next(_serial)}.part"
                    _write_new(tmp_name, folder, data)
                    os.rename(tmp_name, path.name, src_dir_fd=folder, dst_dir_fd=folder)
            except BaseException:
                try:
                    os.unlink(tmp_name, dir_fd=tmp_fd)
                except OSError:
                    pass
                raise
        finally:
            os.close(folder)


def _write_new(name: str, folder: int, data: bytes) -> None:
    """Write ``data`` to a new file ``name`` of ``folder`` (an existing one is an error)."""
    fd = os.open(name, _NEW, 0o644, dir_fd=folder)
    try:
        view = memoryview(data)
        while view:  # os.write may write less than asked (a signal, a pipe-like file system)
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _escape(relative: str, part: str) -> OutputPathError:
    return OutputPathError([Problem("output.escapes", "", ("output",), relative,
                                    f"escapes the output folder through a symbolic link ({part}); "
                                    "remove the link or choose another name")])
