"""The registers as a living record: incoming and outgoing registers kept in SQLite.

>>> from pea_docs.store import Register
>>> Register.__name__
'Register'
"""

from pea_docs.store.entry import Change, Direction, Entry
from pea_docs.store.register import Numbering, Register

__all__ = ["Change", "Direction", "Entry", "Numbering", "Register"]
