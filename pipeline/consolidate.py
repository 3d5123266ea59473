"""Mentions across documents -> deals: one row per real-world transaction.

Mentions of the same target with the same buyers are one transaction. Within a group the
status is the latest reported one, the amount the best-supported one (the value most
mentions agree on, the latest on a tie), with the first and last reported amounts kept.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from .schema import DEAL_COLUMNS, MENTION_COLUMNS
from .tables import frame

# Fields copied from the mention that carries the deal's amount.
MONEY_FIELDS = ("amount", "currency", "amount_min", "amount_max", "approximate")
# Fields taken from the latest mention that states them.
LATEST_FIELDS = ("type", "seller", "seller_norm", "stake_pct", "price_per_share", "valuation", "round", "date", "evidence")


def consolidate(mentions: pd.DataFrame, doc_dates: dict[str, str] | None = None) -> pd.DataFrame:
    """Group mentions into transactions (columns of ``schema.DEAL_COLUMNS``).

    ``doc_dates`` maps doc_id -> publication date (ISO) to order mentions in time;
    without dates, mentions keep the order of the run.
    """
    if mentions.empty:
        return frame([], DEAL_COLUMNS)
    doc_dates = doc_dates or {}
    rows = _ordered_rows(mentions, doc_dates)
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        key = (row["target_norm"], tuple(sorted(row["buyers_norm"])))
        groups.setdefault(key, []).append(row)
    deals = [_deal_row(index, group, doc_dates) for index, group in enumerate(groups.values())]
    return frame(deals, DEAL_COLUMNS)


def _ordered_rows(mentions: pd.DataFrame, doc_dates: dict[str, str]) -> list[dict]:
    records = mentions[list(MENTION_COLUMNS)].to_dict("records")
    for position, row in enumerate(records):
        row["_order"] = (doc_dates.get(row["doc_id"]) or "", position)
        row["buyers_norm"] = list(row["buyers_norm"])
        row["buyers"] = list(row["buyers"])
    return sorted(records, key=lambda row: row["_order"])


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def _deal_row(index: int, group: list[dict], doc_dates: dict[str, str]) -> dict:
    latest = group[-1]
    row: dict[str, Any] = {
        "deal_id": f"D{index + 1:06d}",
        "buyers": _longest_names(group, "buyers"),
        "buyers_norm": latest["buyers_norm"],
        "target": max((r["target"] for r in group), key=len),
        "target_norm": latest["target_norm"],
        "status": latest["status"],
        "confidence": max(r["confidence"] for r in group if _present(r["confidence"])),
    }
    for name in LATEST_FIELDS:
        row[name] = next((r[name] for r in reversed(group) if _present(r[name])), None)
    with_amount = [r for r in group if _present(r["amount"])]
    if with_amount:
        counts = Counter((r["amount"], r["currency"]) for r in with_amount)
        best = max(reversed(with_amount), key=lambda r: counts[(r["amount"], r["currency"])])
        row.update({name: best[name] for name in MONEY_FIELDS})
        row["amount_first"] = with_amount[0]["amount"]
        row["amount_last"] = with_amount[-1]["amount"]
    doc_ids = list(dict.fromkeys(r["doc_id"] for r in group))
    dates = [doc_dates[d] for d in doc_ids if doc_dates.get(d)]
    row["first_seen"] = min(dates) if dates else None
    row["last_seen"] = max(dates) if dates else None
    row["n_sources"] = len(doc_ids)
    row["doc_ids"] = doc_ids
    row["mention_ids"] = [r["mention_id"] for r in group]
    return row


def _longest_names(group: list[dict], column: str) -> list[str]:
    """For each buyer key, the longest name any mention gives it."""
    names: dict[str, str] = {}
    for r in group:
        for name, key in zip(r[column], r[column + "_norm"]):
            if len(name) > len(names.get(key, "")):
                names[key] = name
    return list(names.values())
