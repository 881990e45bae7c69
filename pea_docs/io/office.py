"""Office profiles: ``office.yaml`` files that give every document below them the agent and the office hours.

A profile holds the agent's block and the office calendar of rule 20 (``hours``,
``days_off``, ``working_days``; DATA.md). Profiles cascade: the ``office.yaml`` of
every folder from the input root down to the input's own folder is read (once
each), and nearer folders win key by key. This is the one reader of those files:
the batch, ``pea-docs render`` and ``pea-docs register --office`` all use it.

>>> import tempfile; from pathlib import Path
>>> root = Path(tempfile.mkdtemp()); (root / "sub").mkdir()
>>> _ = (root / "office.yaml").write_text("agent: {surname: Сапаров, name: Арман}\\nhours: {end: '17:00'}\\n")
>>> _ = (root / "sub" / "office.yaml").write_text("hours: {end: '18:30'}\\n")
>>> OfficeProfiles().profile(root / "sub", root)["hours"]
{'end': '18:30'}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pea_docs.errors import InputError, Problem
from pea_docs.io.reading import read_text
from pea_docs.io.yamlsafe import load_yaml
from pea_docs.models.office import Office

__all__ = ["OFFICE_FILE", "OFFICE_KEYS", "OfficeProfiles", "office_profile", "read_office"]

OFFICE_FILE = "office.yaml"
#: the keys of an office profile: the agent, the office's own list of grounds for refusal (rule 27,
#: passed as it is to ``resolution_refusal``), and the office calendar of rule 20 (passed as
#: ``data.office`` to the forms that take one: the registers)
OFFICE_KEYS = ("agent", "refusal_grounds", *Office.model_fields)


class OfficeProfiles:
    """The office profiles of folders, read once each; nearer folders win key by key."""

    def __init__(self) -> None:
        self._cache: dict[Path, dict[str, Any]] = {}
        self._merged: dict[tuple[str, str], dict[str, Any]] = {}

    def profile(self, folder: str | Path, root: str | Path) -> dict[str, Any]:
        """Return the merged profile of ``folder``: its own and its parents' up to ``root``."""
        key = (str(folder), str(root))
        if key not in self._merged:
            self._merged[key] = self._chain(Path(folder), Path(root))
        return self._merged[key]

    def _chain(self, start: Path, top: Path) -> dict[str, Any]:
        folder, root = start.resolve(), top.resolve()
        chain = [folder]
        while folder != root and folder.is_relative_to(root):
            folder = folder.parent
            chain.append(folder)
        merged: dict[str, Any] = {}
        for f in reversed(chain):  # from the root down: nearer profiles override
            merged.update(self._folder(f))
        return merged

    def _folder(self, folder: Path) -> dict[str, Any]:
        if folder not in self._cache:
            self._cache[folder] = read_office(folder / OFFICE_FILE)
        return self._cache[folder]


def read_office(path: str | Path, *, required: bool = False) -> dict[str, Any]:
    """Return the mapping of one ``office.yaml`` (``{}`` if there is none and it is not ``required``).

    Raises:
        InputError: unreadable (``file.unreadable``), not a mapping (``office.type``), an
            unknown key (``field.unknown``), or bad YAML (:class:`~pea_docs.errors.YamlSyntaxError`).
    """
    path = Path(path)
    if not required and not path.is_file():
        return {}
    text = read_text(path)
    loaded = load_yaml(text, name=str(path))
    data = loaded[0] if len(loaded) == 1 else ({} if not loaded else loaded)
    if not isinstance(data, dict):
        raise InputError([Problem("office.type", "", (), None,
                                  "must be a mapping with agent:, refusal_grounds:, hours:, days_off:, working_days:", file=str(path))])
    unknown = [k for k in data if k not in OFFICE_KEYS]
    if unknown:
        raise InputError([Problem("field.unknown", "", (k,), None,
                                  f"is not a key of an office profile; use {', '.join(OFFICE_KEYS)}",
                                  file=str(path)) for k in unknown])
    return data


def office_profile(path: str | Path) -> dict[str, Any]:
    """Return the office profile of the folder holding the YAML file ``path`` (that folder's alone).

    Raises:
        InputError: the profile is not valid (YamlSyntaxError for bad YAML).
    """
    folder = Path(path).parent
    return OfficeProfiles().profile(folder, folder)
