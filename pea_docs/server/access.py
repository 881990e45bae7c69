"""Who may do what: API tokens, each of one office, read-only or not.

The tokens file (``pea-docs serve --tokens tokens.yaml``) lists each token with its
office and, optionally, its user (for the register's "by") and ``read_only``::

    tokens:
      - token: "a long random secret"          # or sha256: "<hex of the token's SHA-256>"
        office: "17012345"
        user: "Асель"
      - sha256: "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"
        office: "17012345"
        read_only: true

A request names its token as ``Authorization: Bearer <token>`` (the web page keeps it
in an HTTP-only cookie). Without a tokens file the server serves one office, ``main``,
to anyone who can reach it — so it then refuses to listen beyond this computer.

>>> keys = Tokens.from_mapping({"tokens": [{"token": "s3cret-token", "office": "A"}]})
>>> keys.find("s3cret-token").office, keys.find("wrong")
('A', None)
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pea_docs.errors import InputError, Problem

__all__ = ["Access", "Tokens"]


@dataclass(frozen=True)
class Access:
    """What one request may do: its office's register, as its user, writing or only reading."""

    office: str
    user: str | None = None
    read_only: bool = False


class Tokens:
    """The server's tokens, kept as SHA-256 digests and compared in constant time."""

    def __init__(self, entries: list[tuple[bytes, Access]]):
        self._entries = entries

    @classmethod
    def from_mapping(cls, data: Any, *, source: str = "tokens") -> Tokens:
        """Read ``{"tokens": [{token | sha256, office, user?, read_only?}, ...]}``.

        Raises:
            InputError: ``server.tokens`` naming the entry and the field.
        """
        items = data.get("tokens") if isinstance(data, Mapping) else None
        if not isinstance(items, list) or not items:
            raise _error(source, (), data, "must hold a list 'tokens:' of {token, office}")
        entries: list[tuple[bytes, Access]] = []
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise _error(source, ("tokens", i), item, "is not a {token, office} mapping")
            office = item.get("office")
            if not isinstance(office, str) or not office.strip():
                raise _error(source, ("tokens", i, "office"), office, "must name the office (its licence)")
            if isinstance(item.get("token"), str) and len(item["token"]) >= 8:
                digest = hashlib.sha256(item["token"].encode()).digest()
            elif isinstance(item.get("sha256"), str) and len(item["sha256"]) == 64:
                try:
                    digest = bytes.fromhex(item["sha256"])
                except ValueError:
                    raise _error(source, ("tokens", i, "sha256"), item["sha256"], "is not hexadecimal") from None
            else:
                raise _error(source, ("tokens", i, "token"), None,
                             "needs a token of at least 8 characters, or its sha256 (64 hex digits)")
            user = item.get("user")
            entries.append((digest, Access(office, str(user) if user else None, bool(item.get("read_only")))))
        return cls(entries)

    @classmethod
    def read(cls, path: str | Path) -> Tokens:
        """Read a tokens file (YAML or JSON), safely."""
        from pea_docs.io.reading import read_text
        from pea_docs.io.yamlsafe import load_yaml

        loaded = load_yaml(read_text(path), name=str(path))
        return cls.from_mapping(loaded[0] if len(loaded) == 1 else None, source=str(path))

    def find(self, token: str) -> Access | None:
        """Return the access of ``token``, or None; every entry is compared, each in constant time."""
        digest = hashlib.sha256(token.encode("utf-8", "replace")).digest()
        found = None
        for known, access in self._entries:
            if hmac.compare_digest(known, digest):
                found = access
        return found

    def offices(self) -> list[str]:
        """Return the offices the tokens open, each once."""
        return sorted({access.office for _digest, access in self._entries})


def _error(source: str, loc: tuple[str | int, ...], value: Any, message: str) -> InputError:
    return InputError([Problem("server.tokens", "", loc, value if isinstance(value, (str, int)) else None,
                               message, file=source)])
