"""Mentions across documents -> deals: one row per real-world transaction.

Many articles report the same transaction, each in its own words and at its own stage
("Meta in talks to invest over $10 billion in Scale AI", later "Meta Platforms plans to
invest approximately $15 billion for 49% of Scale AI"). :func:`consolidate` groups the
mentions of one transaction into one deal row, and keeps different transactions between
the same parties apart (Scale AI's $1 billion Series F of May 2024, in which Meta took
part, is not Meta's 2025 stake).

Grouping
--------
Mentions are first put in a fixed order, (document date, doc_id, mention number), so the
result does not depend on the order of the input rows (undated documents first). Names are compared by their
canonical keys (``*_norm``) with the rule of ``spec/deal-schema.md``: two keys match when
all words of one are among the words of the other ("scale" ~ "scale ai", "meta" ~ "meta
platforms"). A mention is only ever compared with groups filed under a target key that
matches its own (an index from each key to the keys matching it, built once) and, when it
is dated, under a year within one of its own or under no date; never with the whole table.

1. Mentions that name buyers are taken in order; each joins the best compatible group
   (see *Choosing a group*) or starts a new one.
2. Groups are then merged with each other where they are compatible: a consortium
   mention ([Amazon, Meta]) can join reports that name only one of its members. Only
   groups that gained buyer, target, seller or round keys are looked at again, since the
   other summaries only ever make a group stricter.
3. Mentions that name no buyer ("a funding round in 2024 valued Scale AI at $13.8
   billion", a divestiture naming only the seller) then join the compatible group with
   the closest date, or stay a deal of their own when no group is compatible.

Two mentions (or groups) are compatible when all of the following hold, a group being
compared through every one of its mentions (complete linkage, kept as running summaries):

- targets: every target key of one matches every target key of the other. Mergers may
  also match by their parties: two merger mentions sharing ``MIN_MERGER_PARTIES`` parties
  (buyers or target) are one merger even when each calls the other party the target.
- buyers: the buyer sets share a matching key, or one side names no buyer. Disjoint buyer
  sets are different deals, except when both sides state the same funding round of the
  same target (several investors in one round are one deal).
- types: same type; investment with acquisition (stakes checked below); a divestiture
  with an acquisition or investment only when both state sellers and they match; a
  merger only with a merger (``COMPATIBLE_TYPES``).
- sellers: when both name sellers, one must match.
- rounds: two different stated rounds ("Series E", "Series F") are different deals.
- dates: the mention's ``date``, else its document's date. Two dates with months more
  than ``MAX_DATE_GAP_MONTHS`` apart are different deals; when one of them is a year
  only, they are compared by year ("2024" vs "2025-06": different years, apart).
- amounts (same currency only): each mention states an interval of values, a point for
  "$15 billion" or "approximately $15 billion", [1e10, inf) for "over $10 billion",
  [0, 1e10] for "up to $10 billion". Two intervals are compatible when the larger lower
  end is at most ``AMOUNT_RATIO`` times the smaller upper end: points within a factor of
  2.5, and a bound with any value satisfying it ("over $10 billion" with "$15 billion").
  Between a mention with a round and one without, bounds do not excuse: their amounts
  (or bound values) must be within ``AMOUNT_RATIO`` ("up to $10 billion" is not the $1
  billion Series F).
- valuations (same currency) within ``AMOUNT_RATIO``; stakes within ``MAX_STAKE_GAP``
  points.

Choosing a group
----------------
When several groups are compatible, the mention joins the one with the closest known date,
then the most agreeing facts (same round, amount or valuation within
``AGREEMENT_TOLERANCE``), then the largest share of common buyers, then the most sources,
then the oldest group.

Resolving a deal's fields
-------------------------
- ``status``, ``stake_pct``, ``price_per_share``: the latest stated (time order above).
- ``amount``: the value most mentions state within ``AGREEMENT_TOLERANCE``, ties to the
  latest. Point amounts count first; bound-only amounts ("over $10 billion") are used
  only when no mention states a point. ``currency``, ``approximate`` and ``evidence`` come
  from that mention. ``amount_min``/``amount_max``: the largest lower and the smallest
  upper bound, each kept only when consistent with the amount and with each other.
  ``amount_first``/``amount_last``: the first and last reported amount in time order.
- ``valuation``: the most supported value; ``round``: the most common; ``date``: the
  earliest stated deal date (the more precise form when one refines it, "2024-05" over
  "2024"), else None.
- ``type``: the most common (ties to the latest); an investment becomes an acquisition
  when any mention states a stake of ``MAJORITY_STAKE`` or more, and a deal with buyers
  is not a divestiture.
- ``buyers``: buyer keys that match each other are one buyer, written with the longest
  name any mention gives it; ``target`` and ``seller``: the longest name.
- ``first_seen``/``last_seen``: the earliest and latest document dates (None without
  dates); ``n_sources``: distinct documents; ``doc_ids``, ``mention_ids``: in time order.
- ``confidence``: noisy-or over documents, ``1 - prod(1 - c)`` with ``c`` the best
  mention confidence of each document (mentions of one document are not independent),
  capped at ``CONFIDENCE_CAP``.
- ``deal_id``: ``DEAL_ID_PREFIX`` + the first ``DEAL_ID_HEX_DIGITS`` hex digits of the
  SHA-1 of the sorted mention ids, so a deal keeps its id across runs and input orders
  as long as its mentions do. Rows are in the order of their first mention.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations
from typing import Any, Optional

import pandas as pd

from .dates import iso_date, year_and_month
from .names import names_match, norm_key
from .schema import DEAL_COLUMNS, MENTION_COLUMNS
from .tables import frame, gc_paused

# Amounts (and valuations) more than this factor apart are different deals.
AMOUNT_RATIO = 2.5
# Two amounts, valuations or prices agree (support each other) within this relative gap.
AGREEMENT_TOLERANCE = 0.01
# When choosing which deal a mention joins, figures as rounded in news ("about $14
# billion" for a $13.8 billion valuation) count as the same fact.
FACT_MATCH_TOLERANCE = 0.05
# Dates (mention date, else document date) more months apart than this are different deals.
MAX_DATE_GAP_MONTHS = 6
# Stated stakes more percentage points apart than this are different deals.
MAX_STAKE_GAP = 5.0
# A stake of this many percent or more makes the deal an acquisition.
MAJORITY_STAKE = 50.0
# Two merger mentions sharing this many parties (buyers or target) are one merger.
MIN_MERGER_PARTIES = 2
# Pairs of types that may be one deal (a type is always compatible with itself).
COMPATIBLE_TYPES = frozenset({frozenset({"investment", "acquisition"})})
# Types a divestiture may join when both sides name the same seller.
DIVESTITURE_PARTNERS = frozenset({"acquisition", "investment"})
# Noisy-or confidence never claims certainty.
CONFIDENCE_CAP = 0.99
DEAL_ID_PREFIX = "D"
DEAL_ID_HEX_DIGITS = 12
# Key names with more words than this are matched by scanning (2**n subsets otherwise).
MAX_SUBSET_WORDS = 8

_DIGITS = re.compile(r"(\d+)")
# Sorts before every ISO date: undated documents come first in time order.
_NO_DATE = ""
# Date gap used to rank a candidate group when the gap is unknown (after every known gap).
_UNKNOWN_GAP = MAX_DATE_GAP_MONTHS + 1

# Sizes of the caches of name words and of name pair comparisons.
_KEY_CACHE_SIZE = 1 << 17
_PAIR_CACHE_SIZE = 1 << 18

_SCALAR_COLUMNS = tuple(c for c in MENTION_COLUMNS if c not in ("buyers", "buyers_norm"))


def consolidate(mentions: pd.DataFrame, doc_dates: dict[str, str] | None = None) -> pd.DataFrame:
    """Group mentions into transactions (columns of ``schema.DEAL_COLUMNS``).

    ``mentions`` has the columns of ``schema.MENTION_COLUMNS``; ``doc_dates`` maps doc_id
    -> publication date (ISO, possibly partial or missing), used to order mentions in
    time and to date mentions that state no date of their own. The rules are in the
    module docstring.
    """
    if mentions is None or mentions.empty:
        return frame([], DEAL_COLUMNS)
    dates = {str(doc): iso for doc, value in (doc_dates or {}).items() if (iso := iso_date(value))}
    # Hundreds of thousands of small objects, no cycles: collecting during the run only
    # slows it down (see tables.gc_paused).
    with gc_paused():
        items = _mentions(mentions, dates)
        # Groups are filed under their target keys (mergers also under their buyers'
        # keys): only those keys need an index of the keys matching them.
        names = _NameIndex(key for m in items for key in (m.target, *(m.buyers if m.type == "merger" else ())) if key)
        groups = _Grouper(names)
        for mention in items:
            if mention.buyers:
                groups.place(mention)
        groups.merge_groups()
        for mention in items:
            if not mention.buyers:
                groups.place(mention)
        deals = [_deal_row(sorted(g.members, key=lambda m: m.order)) for g in groups.live()]
    deals.sort(key=lambda row: row.pop("_order"))
    return frame(deals, DEAL_COLUMNS)


# --- mentions ---------------------------------------------------------------------------


class _Mention:
    """One mention row with the values the rules compare, in plain Python types."""

    __slots__ = (
        "order",
        "row",
        "target",
        "buyers",
        "seller",
        "type",
        "round",
        "currency",
        "lo",
        "hi",
        "point",
        "year",
        "month",
        "stake",
        "valuation",
        "doc_id",
        "doc_date",
    )

    def __init__(self, row: dict, order: int, doc_date: Optional[str]) -> None:
        self.order = order
        self.row = row
        self.doc_id = row["doc_id"]
        self.doc_date = doc_date
        self.target = row["target_norm"] or ""
        self.buyers = tuple(dict.fromkeys(key for key in row["buyers_norm"] if key))
        self.seller = row["seller_norm"] or ""
        self.type = row["type"]
        self.round = _round_key(row["round"])
        self.currency = row["currency"]
        amount, low, high = row["amount"], row["amount_min"], row["amount_max"]
        # The interval of values the mention allows, and the single number it states.
        if low is None and high is None:
            self.lo = self.hi = self.point = amount
        else:
            self.lo = low if low is not None else 0.0
            self.hi = high if high is not None else math.inf
            self.point = amount if amount is not None else (low if low is not None else high)
        self.year, self.month = year_and_month(iso_date(row["date"]) or doc_date)
        self.stake = row["stake_pct"]
        self.valuation = row["valuation"]


def _round_key(value: Optional[str]) -> Optional[str]:
    return " ".join(value.lower().split()) if isinstance(value, str) and value.strip() else None


def _mention_sort_key(row: dict, doc_date: Optional[str]) -> tuple:
    """Time order: document date, doc_id, then mention number ("doc#2" before "doc#10")."""
    mention_id = row["mention_id"] or ""
    natural = tuple([(0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(mention_id) if part])
    start = row["sentence_start"]
    return (
        doc_date or _NO_DATE,
        row["doc_id"] or "",
        natural,
        start if start is not None else -1,
        row["target_norm"] or "",
        tuple(row["buyers_norm"]),
        repr(row["amount"]),
        row["evidence"] or "",
    )


def _mentions(df: pd.DataFrame, doc_dates: dict[str, str]) -> list[_Mention]:
    """The table's rows in time order, as :class:`_Mention` objects."""
    n = len(df)
    columns: dict[str, list] = {}
    for column in _SCALAR_COLUMNS:
        if column in df.columns:
            columns[column] = df[column].to_numpy(dtype=object, na_value=None).tolist()
        else:
            columns[column] = [None] * n
    for column in ("buyers", "buyers_norm"):
        values = df[column].tolist() if column in df.columns else [None] * n
        columns[column] = [_as_list(value) for value in values]
    for column in ("type", "status", "currency"):
        columns[column] = [None if value is None else str(value) for value in columns[column]]
    for column in ("doc_id", "mention_id"):
        columns[column] = [None if value is None else str(value) for value in columns[column]]
    rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
    keyed = []
    for row in rows:
        # Hand-made tables may leave the keys out: derive them from the names.
        if not row["buyers_norm"] and row["buyers"]:
            row["buyers_norm"] = [norm_key(name) for name in row["buyers"]]
        row["buyers_norm"] = [key or "" for key in row["buyers_norm"]]
        for column in ("target", "seller"):
            if not row[column + "_norm"] and row[column]:
                row[column + "_norm"] = norm_key(row[column])
        doc_date = doc_dates.get(row["doc_id"])
        keyed.append((_mention_sort_key(row, doc_date), row, doc_date))
    keyed.sort(key=lambda item: item[0])
    return [_Mention(row, order, doc_date) for order, (_, row, doc_date) in enumerate(keyed)]


def _as_list(value: Any) -> list[str]:
    if type(value) is list and all(type(item) is str for item in value):
        return value
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return []
    return [str(item) for item in value if item is not None]


# --- names ------------------------------------------------------------------------------


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def _words(key: str) -> frozenset[str]:
    return frozenset(key.split())


@lru_cache(maxsize=_PAIR_CACHE_SIZE)
def keys_match(a: str, b: str) -> bool:
    """Whether two canonical keys name the same party: one's words contain the other's."""
    if a == b:
        return bool(a)
    words_a, words_b = _words(a), _words(b)
    return bool(words_a) and bool(words_b) and (words_a <= words_b or words_b <= words_a)


class _NameIndex:
    """For each key of a run, the keys of the run that match it (computed once per key)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.words: dict[str, frozenset[str]] = {}
        self.by_words: dict[frozenset[str], list[str]] = defaultdict(list)
        self.by_word: dict[str, list[str]] = defaultdict(list)
        for key in sorted(set(keys)):
            words = _words(key)
            if not words:
                continue
            self.words[key] = words
            self.by_words[words].append(key)
            for word in words:
                self.by_word[word].append(key)
        self._matches: dict[str, tuple[str, ...]] = {}

    def matches(self, key: str) -> tuple[str, ...]:
        found = self._matches.get(key)
        if found is not None:
            return found
        words = self.words.get(key) or _words(key)
        if not words:
            found = ()
        else:
            rarest = min(words, key=lambda word: len(self.by_word.get(word, ())))
            result = {k for k in self.by_word.get(rarest, ()) if words <= self.words[k]}
            if len(words) <= MAX_SUBSET_WORDS:
                for size in range(1, len(words)):
                    for subset in combinations(sorted(words), size):
                        result.update(self.by_words.get(frozenset(subset), ()))
            else:
                for word in words:
                    result.update(k for k in self.by_word.get(word, ()) if self.words[k] <= words)
            result.add(key)
            found = tuple(sorted(result))
        self._matches[key] = found
        return found


def _sets_match(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether some key of ``a`` matches some key of ``b``."""
    b = tuple(b)
    return any(keys_match(x, y) for x in a for y in b)


def _all_match(a: Iterable[str], b: Iterable[str]) -> bool:
    b = tuple(b)
    return all(keys_match(x, y) for x in a for y in b)


def _matching_count(a: Iterable[str], b: Iterable[str]) -> int:
    """How many keys of ``a`` match a key of ``b``."""
    b = tuple(b)
    return sum(1 for x in a if any(keys_match(x, y) for y in b))


# --- groups -----------------------------------------------------------------------------


class _Group:
    """Mentions of one transaction and the running summary the rules compare."""

    def __init__(self, ident: int, mention: _Mention) -> None:
        self.id = ident
        self.alive = True
        self.members: list[_Mention] = [mention]
        self.targets: set[str] = {mention.target} if mention.target else set()
        self.buyers: set[str] = set(mention.buyers)
        self.sellers: set[str] = {mention.seller} if mention.seller else set()
        self.types: set[str] = {mention.type} if mention.type else set()
        self.rounds: set[str] = {mention.round} if mention.round else set()
        self.docs: set[str] = {mention.doc_id}
        self.month_min = self.month_max = mention.month
        self.years: set[int] = {mention.year} if mention.year is not None else set()
        self.year_only: set[int] = {mention.year} if mention.year is not None and mention.month is None else set()
        self.stake_min = self.stake_max = mention.stake
        # currency -> [largest lower end, smallest upper end] of the stated amount intervals
        self.intervals: dict[Any, list[float]] = {}
        # (currency, has a round) -> [smallest, largest] stated number
        self.points: dict[tuple[Any, bool], list[float]] = {}
        # currency -> stated amounts / valuations (for agreement)
        self.amounts: dict[Any, set[float]] = {}
        self.valuations: dict[Any, list[float]] = {}
        self.valuation_values: dict[Any, set[float]] = {}
        if mention.point is not None:
            self.intervals[mention.currency] = [mention.lo, mention.hi]
            self.points[(mention.currency, mention.round is not None)] = [mention.point, mention.point]
            self.amounts[mention.currency] = {mention.point}
        if mention.valuation is not None:
            self.valuations[mention.currency] = [mention.valuation, mention.valuation]
            self.valuation_values[mention.currency] = {mention.valuation}

    def absorb(self, other: _Group) -> bool:
        """Take ``other``'s mentions; True when this makes the group match more groups
        (new buyer, target, seller or round keys: the only summaries that widen)."""
        widened = not (
            other.buyers <= self.buyers
            and other.rounds <= self.rounds
            and other.sellers <= self.sellers
            and other.targets <= self.targets
        )
        self.members.extend(other.members)
        self.targets |= other.targets
        self.buyers |= other.buyers
        self.sellers |= other.sellers
        self.types |= other.types
        self.rounds |= other.rounds
        self.docs |= other.docs
        self.month_min = _min(self.month_min, other.month_min)
        self.month_max = _max(self.month_max, other.month_max)
        self.years |= other.years
        self.year_only |= other.year_only
        self.stake_min = _min(self.stake_min, other.stake_min)
        self.stake_max = _max(self.stake_max, other.stake_max)
        for currency, (lo, hi) in other.intervals.items():
            mine = self.intervals.setdefault(currency, [lo, hi])
            mine[0], mine[1] = max(mine[0], lo), min(mine[1], hi)
        for key, (low, high) in other.points.items():
            mine = self.points.setdefault(key, [low, high])
            mine[0], mine[1] = min(mine[0], low), max(mine[1], high)
        for currency, values in other.amounts.items():
            self.amounts.setdefault(currency, set()).update(values)
        for currency, (low, high) in other.valuations.items():
            mine = self.valuations.setdefault(currency, [low, high])
            mine[0], mine[1] = min(mine[0], low), max(mine[1], high)
        for currency, values in other.valuation_values.items():
            self.valuation_values.setdefault(currency, set()).update(values)
        other.alive = False
        other.members = []
        return widened

    @property
    def parties(self) -> set[str]:
        return self.targets | self.buyers


def _min(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return b if a is None else a if b is None else min(a, b)


def _max(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return b if a is None else a if b is None else max(a, b)


def _ratio_ok(low: float, high: float) -> bool:
    """Whether ``high`` is at most AMOUNT_RATIO times ``low`` (both >= 0)."""
    return high <= AMOUNT_RATIO * low or (low == 0 and high == 0)


def _within(a: float, b: float, tolerance: float = AGREEMENT_TOLERANCE) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _types_ok(a: _Group, b: _Group) -> bool:
    for x in a.types:
        for y in b.types:
            if x == y:
                continue
            if frozenset((x, y)) in COMPATIBLE_TYPES:
                continue
            if "divestiture" in (x, y) and ({x, y} - {"divestiture"}) <= DIVESTITURE_PARTNERS:
                if a.sellers and b.sellers and _sets_match(a.sellers, b.sellers):
                    continue
            return False
    return True


def _dates_ok(a: _Group, b: _Group) -> bool:
    if a.month_min is not None and b.month_min is not None:
        if max(a.month_max, b.month_max) - min(a.month_min, b.month_min) > MAX_DATE_GAP_MONTHS:
            return False
    # A year-only date is compared with the other side's dates by year.
    if a.year_only and len(a.year_only | b.years) > 1:
        return False
    if b.year_only and len(b.year_only | a.years) > 1:
        return False
    return True


def _amounts_ok(a: _Group, b: _Group) -> bool:
    for currency, (lo_a, hi_a) in a.intervals.items():
        other = b.intervals.get(currency)
        if other is None:
            continue
        lo_b, hi_b = other
        if max(lo_a, lo_b) > AMOUNT_RATIO * min(hi_a, hi_b):
            return False
    # A mention with a round against one without: the stated numbers themselves must be close.
    for (currency, has_round), (low, high) in a.points.items():
        other = b.points.get((currency, not has_round))
        if other is not None and not _ratio_ok(min(low, other[0]), max(high, other[1])):
            return False
    for currency, (low, high) in a.valuations.items():
        other = b.valuations.get(currency)
        if other is not None and not _ratio_ok(min(low, other[0]), max(high, other[1])):
            return False
    return True


def _stakes_ok(a: _Group, b: _Group) -> bool:
    if a.stake_min is None or b.stake_min is None:
        return True
    return max(a.stake_max, b.stake_max) - min(a.stake_min, b.stake_min) <= MAX_STAKE_GAP


_MERGER_ONLY = frozenset({"merger"})


def _same_merger(a: _Group, b: _Group) -> bool:
    """Two mergers reported from either side: "X to merge with Y" and "Y, X agree to merge"."""
    return a.types == b.types == _MERGER_ONLY and _matching_count(a.parties, b.parties) >= MIN_MERGER_PARTIES


def compatible(a: _Group, b: _Group) -> bool:
    """Whether two groups (or mentions) may be one transaction (module docstring).

    The numeric rules run first: they are cheap and reject most candidates.
    """
    if a.rounds and b.rounds and a.rounds != b.rounds:
        return False
    if not (_dates_ok(a, b) and _amounts_ok(a, b) and _stakes_ok(a, b) and _types_ok(a, b)):
        return False
    if not _same_merger(a, b):
        if not (a.targets and b.targets and _all_match(a.targets, b.targets)):
            return False
        # Disjoint buyers are different deals, unless both state the same round.
        if a.buyers and b.buyers and not _sets_match(a.buyers, b.buyers):
            if not (a.rounds and a.rounds == b.rounds):
                return False
    return not (a.sellers and b.sellers and not _sets_match(a.sellers, b.sellers))


def _date_gap(a: _Group, b: _Group) -> int:
    """Months between the nearest dates of two groups (years x 12 for year-only dates)."""
    if a.month_min is not None and b.month_min is not None:
        if a.month_max < b.month_min:
            return b.month_min - a.month_max
        if b.month_max < a.month_min:
            return a.month_min - b.month_max
        return 0
    if a.years and b.years:
        return min(abs(x - y) for x in a.years for y in b.years) * 12
    return _UNKNOWN_GAP


def _agreements(a: _Group, b: _Group) -> int:
    """Facts both sides state alike: the round, an amount, a valuation."""
    count = 1 if a.rounds and a.rounds == b.rounds else 0
    for values, others in ((a.amounts, b.amounts), (a.valuation_values, b.valuation_values)):
        for currency, mine in values.items():
            theirs = others.get(currency)
            if theirs and any(_within(x, y, FACT_MATCH_TOLERANCE) for x in mine for y in theirs):
                count += 1
                break
    return count


def _buyer_share(a: _Group, b: _Group) -> float:
    if not a.buyers or not b.buyers:
        return 0.0
    common = _matching_count(a.buyers, b.buyers)
    return common / (len(a.buyers) + len(b.buyers) - common)


class _Grouper:
    """Places mentions into groups, looking only at groups with a matching target or party."""

    def __init__(self, names: _NameIndex) -> None:
        self.names = names
        self.groups: list[_Group] = []
        # key -> year (None: undated) -> ids of the groups filed there
        self.by_key: dict[str, dict[Optional[int], list[int]]] = {}
        # Groups that gained keys after they were formed (see merge_groups).
        self.widened: set[int] = set()

    def live(self) -> list[_Group]:
        return [group for group in self.groups if group.alive]

    def _register(self, group: _Group) -> None:
        """File the group under its keys and each of its years (None when undated)."""
        years = group.years or (None,)
        for key in self._index_keys(group):
            by_year = self.by_key.get(key)
            if by_year is None:
                by_year = self.by_key[key] = {}
            for year in years:
                ids = by_year.get(year)
                if ids is None:
                    by_year[year] = [group.id]
                elif ids[-1] != group.id:
                    ids.append(group.id)

    def _index_keys(self, group: _Group) -> set[str]:
        return group.parties if "merger" in group.types else set(group.targets)

    def _candidates(self, group: _Group) -> list[_Group]:
        """Live compatible groups with a matching key. A dated group is only compared with
        undated groups and groups dated within a year of it (the date rule rejects the rest)."""
        ids: set[int] = set()
        years: Optional[set] = None
        if group.years:
            years = {None}
            for year in group.years:
                years.update((year - 1, year, year + 1))
        by_key = self.by_key
        for key in self._index_keys(group):
            for match in self.names.matches(key):
                by_year = by_key.get(match)
                if by_year is None:
                    continue
                if years is None:
                    for found in by_year.values():
                        ids.update(found)
                else:
                    for year in years:
                        found = by_year.get(year)
                        if found:
                            ids.update(found)
        ids.discard(group.id)
        groups = self.groups
        return [groups[i] for i in sorted(ids) if groups[i].alive and compatible(group, groups[i])]

    def _best(self, group: _Group, candidates: list[_Group]) -> _Group:
        return min(
            candidates,
            key=lambda g: (
                _date_gap(group, g),
                -_agreements(group, g),
                -_buyer_share(group, g),
                -len(g.docs),
                g.id,
            ),
        )

    def place(self, mention: _Mention) -> None:
        single = _Group(len(self.groups), mention)
        candidates = self._candidates(single) if single.targets else []
        if candidates:
            best = self._best(single, candidates)
            if best.absorb(single):
                self.widened.add(best.id)
            self._register(best)
        else:
            self.groups.append(single)
            self._register(single)

    def merge_groups(self) -> None:
        """Merge compatible groups until none is left.

        Only a group that gained buyers, targets, sellers or rounds after it was formed can
        have become compatible with another one, so only those are looked at again; the
        older group of a merged pair keeps the members.
        """
        pending = set(self.widened)
        queue = sorted(pending)
        while queue:
            ident = heapq.heappop(queue)
            if ident not in pending:
                continue
            pending.discard(ident)
            group = self.groups[ident]
            if not group.alive or not group.targets:
                continue
            candidates = self._candidates(group)
            if not candidates:
                continue
            best = self._best(group, candidates)
            keep, gone = (best, group) if best.id < group.id else (group, best)
            pending.discard(gone.id)
            if keep.absorb(gone) and keep.id not in pending:
                pending.add(keep.id)
                heapq.heappush(queue, keep.id)
            self._register(keep)
        self.widened.clear()


# --- deal rows --------------------------------------------------------------------------


def _supported(items: list[tuple[float, int]]) -> Optional[tuple[float, int]]:
    """The (value, order) most others agree with within AGREEMENT_TOLERANCE, ties to the latest."""
    if not items:
        return None
    values = sorted(value for value, _ in items)
    best = None
    for value, order in items:
        low = bisect_left(values, value - AGREEMENT_TOLERANCE * abs(value))
        high = bisect_right(values, value + AGREEMENT_TOLERANCE * abs(value))
        key = (high - low, order)
        if best is None or key > best[0]:
            best = (key, value, order)
    return best[1], best[2]


def _latest(members: list[_Mention], column: str) -> Any:
    return next((m.row[column] for m in reversed(members) if m.row[column] is not None), None)


def _longest(members: list[_Mention], column: str) -> tuple[Optional[str], Optional[str]]:
    """The longest name given in ``column`` and its key (earliest on a tie)."""
    best = None
    for m in members:
        name = m.row[column]
        if name and (best is None or len(name) > len(best[0])):
            best = (name, m.row[column + "_norm"])
    return best if best else (None, None)


def _buyers(members: list[_Mention]) -> tuple[list[str], list[str]]:
    """One name per buyer: matching keys are one buyer, written with its longest name."""
    names: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for m in members:
        for name, key in zip(m.row["buyers"], m.row["buyers_norm"]):
            if not key:
                continue
            first_seen.setdefault(key, len(first_seen))
            if len(name) > len(names.get(key, "")):
                names[key] = name
    # The longest keys first, so that "meta" joins "meta platforms" rather than leading.
    heads: list[str] = []
    owner: dict[str, str] = {}
    for key in sorted(names, key=lambda k: (-len(_words(k)), -len(k), first_seen[k])):
        head = next((h for h in heads if _words(key) <= _words(h)), None)
        if head is None:
            heads.append(key)
            head = key
        owner[key] = head
    best: dict[str, tuple[str, str]] = {}
    order: dict[str, int] = {}
    for key, head in owner.items():
        order[head] = min(order.get(head, first_seen[key]), first_seen[key])
        if head not in best or len(names[key]) > len(best[head][0]):
            best[head] = (names[key], key)
    heads.sort(key=lambda h: order[h])
    return [best[h][0] for h in heads], [h for h in heads]


def _deal_type(members: list[_Mention], has_buyers: bool) -> Optional[str]:
    latest: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for m in members:
        if m.type:
            counts[m.type] += 1
            latest[m.type] = m.order
    if has_buyers and len(counts) > 1:
        counts.pop("divestiture", None)
    if not counts:
        return None
    kind = max(counts, key=lambda t: (counts[t], latest[t]))
    if kind == "investment" and any(m.stake is not None and m.stake >= MAJORITY_STAKE for m in members):
        kind = "acquisition"
    if kind == "divestiture" and has_buyers:
        kind = "acquisition"
    return kind


def _earliest_date(members: list[_Mention]) -> Optional[str]:
    stated = sorted({iso for m in members if (iso := iso_date(m.row["date"]))})
    if not stated:
        return None
    earliest = stated[0]
    refined = [d for d in stated[1:] if d.startswith(earliest)]
    return refined[0] if refined else earliest


def _amount_fields(members: list[_Mention]) -> tuple[dict, Optional[_Mention]]:
    with_amount = [m for m in members if m.row["amount"] is not None]
    fields: dict[str, Any] = {
        "amount_first": with_amount[0].row["amount"] if with_amount else None,
        "amount_last": with_amount[-1].row["amount"] if with_amount else None,
    }
    points = [m for m in with_amount if m.row["amount_min"] is None and m.row["amount_max"] is None]
    pool = points or with_amount
    by_order = {m.order: m for m in pool}
    chosen = _supported([(m.row["amount"], m.order) for m in pool])
    if chosen is None:
        bounded = [m for m in members if m.row["amount_min"] is not None or m.row["amount_max"] is not None]
        best = bounded[-1] if bounded else None
        currency = best.row["currency"] if best else None
        amount = None
    else:
        best = by_order[chosen[1]]
        currency = best.row["currency"]
        amount = chosen[0]
    same = [m for m in members if m.row["currency"] == currency]
    lows = [m.row["amount_min"] for m in same if m.row["amount_min"] is not None]
    highs = [m.row["amount_max"] for m in same if m.row["amount_max"] is not None]
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    slack = 1 + AGREEMENT_TOLERANCE
    if amount is not None:
        if low is not None and low > amount * slack:
            low = None
        if high is not None and high * slack < amount:
            high = None
    if low is not None and high is not None and low > high * slack:
        low = high = None
    fields.update(
        amount=amount,
        currency=currency,
        amount_min=low,
        amount_max=high,
        approximate=best.row["approximate"] if best is not None and amount is not None else None,
    )
    return fields, best


def _valuation(members: list[_Mention]) -> Optional[float]:
    chosen = _supported([(m.valuation, m.order) for m in members if m.valuation is not None])
    return chosen[0] if chosen else None


def _round(members: list[_Mention]) -> Optional[str]:
    counts = Counter(m.row["round"].strip() for m in members if m.round)
    if not counts:
        return None
    latest = {m.row["round"].strip(): m.order for m in members if m.round}
    return max(counts, key=lambda r: (counts[r], latest[r]))


def _confidence(members: list[_Mention]) -> Optional[float]:
    best: dict[str, float] = {}
    for m in members:
        c = m.row["confidence"]
        if c is not None:
            best[m.doc_id] = max(best.get(m.doc_id, 0.0), float(c))
    if not best:
        return None
    doubt = 1.0
    for c in best.values():
        doubt *= 1.0 - min(max(c, 0.0), 1.0)
    return round(min(CONFIDENCE_CAP, 1.0 - doubt), 3)


def deal_id(mention_ids: Iterable[str]) -> str:
    """The stable id of the deal made of these mentions."""
    digest = hashlib.sha1("\n".join(sorted(mention_ids)).encode("utf-8")).hexdigest()
    return DEAL_ID_PREFIX + digest[:DEAL_ID_HEX_DIGITS]


def _deal_row(members: list[_Mention]) -> dict:
    """The deal row of one group (members in time order)."""
    buyers, buyers_norm = _buyers(members)
    target, target_norm = _longest(members, "target")
    # mentions of a merger may name the parties the other way round: a party is never
    # both the buyer and the target of one deal
    kept = [i for i, key in enumerate(buyers_norm) if not (target_norm and names_match(key, target_norm))]
    buyers, buyers_norm = [buyers[i] for i in kept], [buyers_norm[i] for i in kept]
    seller, seller_norm = _longest(members, "seller")
    row, best = _amount_fields(members)
    if row["currency"] is None:
        currencies = Counter(m.row["currency"] for m in members if m.row["currency"])
        row["currency"] = currencies.most_common(1)[0][0] if currencies else None
    if best is None:
        best = max(reversed(members), key=lambda m: m.row["confidence"] or 0.0)
    doc_ids = list(dict.fromkeys(m.doc_id for m in members))
    seen = sorted({m.doc_date for m in members if m.doc_date})
    mention_ids = [m.row["mention_id"] for m in members]
    row.update(
        deal_id=deal_id(str(i) for i in mention_ids),
        type=_deal_type(members, bool(buyers)),
        buyers=buyers,
        buyers_norm=buyers_norm,
        target=target,
        target_norm=target_norm,
        seller=seller,
        seller_norm=seller_norm,
        stake_pct=_latest(members, "stake_pct"),
        price_per_share=_latest(members, "price_per_share"),
        valuation=_valuation(members),
        round=_round(members),
        status=_latest(members, "status"),
        date=_earliest_date(members),
        evidence=best.row["evidence"],
        first_seen=seen[0] if seen else None,
        last_seen=seen[-1] if seen else None,
        n_sources=len(doc_ids),
        doc_ids=doc_ids,
        mention_ids=mention_ids,
        confidence=_confidence(members),
        _order=members[0].order,
    )
    return row
