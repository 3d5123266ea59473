"""A short on-screen table of the deals a run found (printed by ``spacy-deals extract``)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd

from .schema import is_missing

# Amount scales for display: the largest that leaves a number of at least 1.
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"), (1e3, "k"))


def format_amount(amount: Optional[float], currency: Optional[str]) -> str:
    """12_500_000, "USD" -> "USD 12.5 mn"; "" when there is no amount."""
    if is_missing(amount):
        return ""
    for scale, word in _SCALES:
        if abs(amount) >= scale:
            number = f"{amount / scale:,.1f}".removesuffix(".0")
            break
    else:
        number, word = f"{amount:,.0f}", ""
    return " ".join(part for part in (currency if isinstance(currency, str) else "", number, word) if part)


def top_deals(deals: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` deals to show first: those with an amount, largest first, then by
    sources (a deal reported by more articles first)."""
    ranked = deals.assign(_amount=deals["amount"].astype("float64").fillna(-1.0))
    ranked = ranked.sort_values(["_amount", "n_sources"], ascending=False, kind="stable")
    return ranked.drop(columns="_amount").head(n)


def top_deals_table(outdir: Path, n: int):
    """A rich Table of the top ``n`` deals written in ``outdir`` (None when there are none)."""
    from rich.table import Table

    from .readback import iter_table_frames, written_format
    from .schema import DEAL_COLUMNS
    from .tables import concat

    # the deals table only: the mentions of a large run can be millions of rows
    deals = concat(iter_table_frames(outdir, "deals", fmt=written_format(outdir)), DEAL_COLUMNS)
    if not len(deals):
        return None
    table = Table(title=f"Top {min(n, len(deals))} of {len(deals):,} deals", title_justify="left")
    for column, justify in (
        ("buyers", "left"),
        ("target", "left"),
        ("type", "left"),
        ("amount", "right"),
        ("status", "left"),
        ("sources", "right"),
    ):
        table.add_column(column, justify=justify, overflow="fold")
    for row in top_deals(deals, n).itertuples(index=False):
        table.add_row(
            ", ".join(row.buyers) or "-",
            _text(row.target),
            _text(row.type),
            format_amount(row.amount, row.currency),
            _text(row.status),
            "" if is_missing(row.n_sources) else f"{row.n_sources}",
        )
    return table


def _text(value) -> str:
    return "-" if is_missing(value) else str(value)
