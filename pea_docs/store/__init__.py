"""The registers as a living record: incoming and outgoing registers kept in SQLite.

>>> from pea_docs.store import Register
>>> Register.__name__
'Register'
"""

from .entry import Change, Direction, Entry
from .register import Numbering, Register

__all__ = ["Change", "Direction", "Entry", "Numbering", "Register"]
