"""The data the pipeline produces: small dataclasses on the Doc, and the table contract.

Column names and dtypes live here, in one place, so that export, consolidation, the
writers and the tests all agree with ``spec/outputs.md``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Span

DEAL_TYPES = ("acquisition", "investment", "merger", "divestiture")
DEAL_STATUSES = ("rumored", "proposed", "agreed", "completed", "terminated")
# Currencies the money parser can produce; the `currency` column is a category of these.
CURRENCIES = (
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "KRW",
    "INR",
    "CAD",
    "AUD",
    "NZD",
    "HKD",
    "SGD",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "BRL",
    "MXN",
    "ZAR",
    "RUB",
    "DEM",
    "FRF",
    "ITL",
    "NLG",
    "BEF",
    "ESP",
    "ATS",
    "FIM",
    "IEP",
    "PTE",
    "TWD",
    "MYR",
    "THB",
    "IDR",
    "PHP",
    "ILS",
    "SAR",
    "AED",
    "TRY",
    "PLN",
    "ARS",
    "CLP",
    "KWD",
)


@dataclass(frozen=True)
class Money:
    """A normalised money amount.

    ``amount`` is in units of ``currency`` (15 billion = 15e9). Qualifiers set bounds:
    "over $10 billion" -> amount 1e10, amount_min 1e10; "up to" -> amount_max; ranges
    leave ``amount`` None with both bounds. ``per_share`` marks "50 dlrs a share".
    """

    amount: Optional[float]
    currency: Optional[str]
    amount_min: Optional[float] = None
    amount_max: Optional[float] = None
    approximate: bool = False
    per_share: bool = False


@dataclass
class Deal:
    """One deal stated in one document (a *mention* of a transaction)."""

    type: str
    buyers: list[Span] = field(default_factory=list)
    target: Optional[Span] = None
    seller: Optional[Span] = None
    money: Optional[Money] = None
    money_span: Optional[Span] = None
    stake_pct: Optional[float] = None
    price_per_share: Optional[float] = None
    valuation: Optional[float] = None
    round: Optional[str] = None
    status: str = "agreed"
    date: Optional[str] = None
    evidence: Optional[Span] = None
    trigger: Optional[Span] = None
    confidence: float = 0.5
    # An unnamed unit or unnamed assets of the target (the parent) that change hands,
    # in the text's words ("European operations"; a string, so that the Doc's data stays
    # plain): the tables write the target "<parent>'s <unit>" and the parent as seller.
    target_unit: Optional[str] = None


@dataclass
class Role:
    """A person-title-organisation fact stated in one document."""

    person: Span
    title: str
    org: Optional[Span]
    evidence: Span
    confidence: float = 0.8


# --- table contract (spec/outputs.md) ----------------------------------------------

DEAL_FIELDS = (
    "type",
    "buyers",
    "target",
    "seller",
    "amount",
    "currency",
    "amount_min",
    "amount_max",
    "approximate",
    "stake_pct",
    "price_per_share",
    "valuation",
    "round",
    "status",
    "date",
    "evidence",
)

MENTION_COLUMNS = (
    "doc_id",
    "mention_id",
    *DEAL_FIELDS,
    "buyers_norm",
    "target_norm",
    "seller_norm",
    "sentence_start",
    "sentence_end",
    "confidence",
)

DEAL_COLUMNS = (
    "deal_id",
    *DEAL_FIELDS,
    "buyers_norm",
    "target_norm",
    "seller_norm",
    "amount_first",
    "amount_last",
    "first_seen",
    "last_seen",
    "n_sources",
    "doc_ids",
    "mention_ids",
    "confidence",
)

ROLE_COLUMNS = ("doc_id", "person", "title", "org", "person_norm", "org_norm", "evidence", "confidence")

ERROR_COLUMNS = ("doc_id", "source", "line", "stage", "error")


def is_missing(value: object) -> bool:
    """Whether a cell's value is missing: None, NaN, pandas' NA and NaT (and numpy's).
    Strings, lists and arrays never are. (pandas is not imported for this.)"""
    if value is None:
        return True
    kind = type(value).__name__
    if isinstance(value, numbers.Number) or kind in ("datetime64", "timedelta64"):
        return bool(value != value)  # NaN and NaT only
    return kind in ("NAType", "NaTType")


def error_row(doc_id: object, source: object, line: object, stage: str, error: str) -> dict:
    """One row of the errors table (``ERROR_COLUMNS``): a document, or a line of an input
    file, that could not be processed, the stage where it failed and why."""
    return {"doc_id": doc_id, "source": source, "line": line, "stage": stage, "error": error}


LIST_COLUMNS = ("buyers", "buyers_norm", "doc_ids", "mention_ids")

_NUMBER = "Float64"
_TEXT = "string"

DTYPES: dict[str, object] = {
    "doc_id": _TEXT,
    "mention_id": _TEXT,
    "deal_id": _TEXT,
    "target": _TEXT,
    "seller": _TEXT,
    "target_norm": _TEXT,
    "seller_norm": _TEXT,
    "amount": _NUMBER,
    "amount_min": _NUMBER,
    "amount_max": _NUMBER,
    "amount_first": _NUMBER,
    "amount_last": _NUMBER,
    "stake_pct": _NUMBER,
    "price_per_share": _NUMBER,
    "valuation": _NUMBER,
    "approximate": "boolean",
    "round": _TEXT,
    "date": _TEXT,
    "evidence": _TEXT,
    "sentence_start": "Int64",
    "sentence_end": "Int64",
    "confidence": _NUMBER,
    "first_seen": _TEXT,
    "last_seen": _TEXT,
    "n_sources": "Int64",
    "person": _TEXT,
    "title": _TEXT,
    "org": _TEXT,
    "person_norm": _TEXT,
    "org_norm": _TEXT,
    "source": _TEXT,
    "line": "Int64",
    "stage": _TEXT,
    "error": _TEXT,
}

CATEGORIES: dict[str, tuple[str, ...]] = {
    "type": DEAL_TYPES,
    "status": DEAL_STATUSES,
    "currency": CURRENCIES,
}
