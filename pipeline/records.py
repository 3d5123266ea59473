"""The records of a run: what a record may be, and the mention ids of each.

A record is a plain string, a dict with ``id`` and ``text`` (optional ``title``,
``date``) or a :class:`Record` (:func:`as_record`), which the readers make of input files.

Mention ids (:class:`MentionIds`) are unique within a run whatever the input ids:

- a mention's id is ``"{prefix}#{n}"``, n = 0, 1, ... in the document. The prefix of a
  record is its id, except for the k-th record (k >= 2) of a run carrying an id already
  seen: ``"{id}({k})"`` (the rows keep ``doc_id`` = the id as given). An id that itself
  ends in a count in brackets ("report(2)") always gets one ("report(2)(1)" for its
  first record), so that no prefix can be another's. Every record passed in counts,
  including those reported in ``errors`` (not the rows readers reject before): the k-th
  record of an id is the k-th in the input;
- a positional id (a string record, or a dict without "id", at position p) that an
  earlier record already took becomes the first free ``"{p}-{n}"``, n = 2, 3, ...;
- the parent process numbers the records (also with ``n_process`` > 1: the worker
  processes get the prefixes with the records, :data:`GIVEN_MENTION_IDS`), so the ids do
  not depend on the number of processes; a resumed run that skips records an earlier run
  did calls :meth:`MentionIds.skip` for each of them, in input order, and passes the
  object to :func:`pipeline.batch.extract_chunks`: the records after them get a fresh
  run's ids.
"""

from __future__ import annotations

import dataclasses
import os
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Optional, Union

from .errors import Errors


@dataclass(frozen=True)
class Record:
    """One input document: ``source`` and ``line`` say where it came from (the readers
    make them, :mod:`pipeline.readers`; :func:`as_record` makes them of texts and dicts)."""

    id: str
    text: str
    date: Optional[str] = None
    source: Optional[str] = None
    line: Optional[int] = None


RecordLike = Union[str, dict, Record]


def as_record(item: RecordLike, position: int) -> Record:
    """A plain string, a dict with id/text (title, date) or a Record -> Record."""
    if isinstance(item, Record):
        return item
    if isinstance(item, str):
        return Record(id=str(position), text=item)
    if isinstance(item, dict):
        text = item.get("text")
        title = item.get("title")
        if title and isinstance(text, str):
            text = f"{title}\n\n{text}"
        return Record(id=str(item.get("id", position)), text=text, date=item.get("date"))
    raise TypeError(Errors.E001.format(kind=type(item).__name__, position=position))


# --- mention ids -----------------------------------------------------------------------------

# An id ending in a count in brackets ("report(2)") could be taken for a repeated id's
# prefix: its own prefix always carries a count (module docstring).
_COUNTED = re.compile(r"\(\d+\)\Z")


def mention_prefix(doc_id: str, occurrence: int) -> str:
    """What the mention ids of the ``occurrence``-th record (1, 2, ...) with ``doc_id``
    start with: ``doc_id`` itself for the first (unless it ends in a count in brackets),
    else ``"doc_id(occurrence)"``."""
    if occurrence == 1 and not _COUNTED.search(doc_id):
        return doc_id
    return f"{doc_id}({occurrence})"


class MentionIds:
    """Numbers the records of one run by id, so that mention ids are unique within the
    run whatever the ids (module docstring).

    Memory: 8 to 16 bytes per distinct id (a table of 64-bit hashes of the ids, not the
    ids), plus a small dict entry per id that repeats. Two distinct ids with the same
    64-bit hash (odds of about 1 in 3 * 10^5 for ten million ids) would be numbered as one
    id repeated: the mention ids stay unique, only the second id's carry a count.
    """

    def __init__(self) -> None:
        self._seen = _HashSet()
        self._repeats: dict[int, int] = {}  # hash -> records with that id so far (ids seen twice or more)

    def skip(self, doc_id: Any) -> None:
        """Count a record without processing it: a resumed run calls this for each
        record an earlier run did, in input order, so that the records after it get the
        mention ids a fresh run gives them."""
        self._occurrence(str(doc_id))

    def take(self, item: RecordLike, position: int) -> tuple[Record, str]:
        """The record of input ``item`` at ``position`` and its mention-id prefix. A
        positional id (a string, or a dict without "id") already taken by an earlier
        record becomes the first free ``"{position}-{n}"`` (n = 2, 3, ...)."""
        record = as_record(item, position)
        doc_id = str(record.id)
        if (isinstance(item, str) or (isinstance(item, dict) and "id" not in item)) and hash(doc_id) in self._seen:
            n = 2
            while hash(f"{position}-{n}") in self._seen:
                n += 1
            doc_id = f"{position}-{n}"
        if doc_id != record.id:
            record = dataclasses.replace(record, id=doc_id)
        return record, mention_prefix(doc_id, self._occurrence(doc_id))

    def _occurrence(self, doc_id: str) -> int:
        key = hash(doc_id)
        if self._seen.add(key):
            return 1
        occurrence = self._repeats.get(key, 1) + 1
        self._repeats[key] = occurrence
        return occurrence


class GivenMentionIds:
    """For worker processes and Dask partitions: the items are (Record, prefix) pairs
    numbered by the parent (the client)."""

    @staticmethod
    def take(item: tuple[Record, str], position: int) -> tuple[Record, str]:
        return item


class _HashSet:
    """A set of 64-bit integers in one array (open addressing, linear probing, at most
    70 % full): 8 to 16 bytes an entry, where a Python set of ints takes about 70."""

    _MASK64 = (1 << 64) - 1

    def __init__(self, capacity: int = 1024) -> None:
        self._table = array("Q", bytes(8 * capacity))
        self._mask = capacity - 1
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def _find(self, value: int) -> tuple[int, int, bool]:
        """(key, slot index, whether the key is there): the key's slot, or the empty
        slot where it would go."""
        key = (value & self._MASK64) or 1  # 0 marks an empty slot
        table, mask = self._table, self._mask
        i = key & mask
        while True:
            slot = table[i]
            if slot == key or slot == 0:
                return key, i, slot == key
            i = (i + 1) & mask

    def __contains__(self, value: int) -> bool:
        return self._find(value)[2]

    def add(self, value: int) -> bool:
        """Add ``value``; whether it was new."""
        key, i, present = self._find(value)
        if present:
            return False
        table, mask = self._table, self._mask
        table[i] = key
        self._size += 1
        if self._size * 10 > (mask + 1) * 7:
            self._grow()
        return True

    def _grow(self) -> None:
        old = self._table
        capacity = 2 * len(old)
        table = array("Q", bytes(8 * capacity))
        mask = capacity - 1
        for key in old:
            if key:
                i = key & mask
                while table[i]:
                    i = (i + 1) & mask
                table[i] = key
        self._table, self._mask = table, mask


GIVEN_MENTION_IDS = GivenMentionIds()


def check_records(records: Any) -> None:
    """Raise a TypeError when ``records`` is not an iterable of records: a single text
    (which would be read character by character), a path, a single record or a
    DataFrame (which iterates over its column names)."""
    if isinstance(records, (str, bytes)):
        raise TypeError(Errors.E002.format(kind=type(records).__name__, length=len(records)))
    if isinstance(records, os.PathLike):
        raise TypeError(Errors.E003.format(path=os.fspath(records)))
    if isinstance(records, (dict, Record)):
        raise TypeError(Errors.E004.format(kind=type(records).__name__))
    if type(records).__name__ == "DataFrame" and hasattr(records, "to_dict"):
        raise TypeError(Errors.E005)
    if not isinstance(records, Iterable):
        raise TypeError(Errors.E006.format(kind=type(records).__name__))
