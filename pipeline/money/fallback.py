"""The quantulum3 fallback of the money parser: asked only about a word after a number
that ``money.yml`` does not know ("300 widgets", a currency missing from the tables), so
that a physical unit is not read as money and a known currency is kept.

quantulum3 is imported on first use (about 2 s); :func:`warm_up` does it ahead of time.
"""

from __future__ import annotations

import math
import warnings
from functools import lru_cache
from typing import Any, Optional

from ..schema import CURRENCIES, Money
from .numbers import MAX_AMOUNT, NO_CURRENCY, NOT_MONEY
from .tables import UNLISTED

# Quantulum3 entity names that mean "not a physical unit".
QUANTULUM_NON_UNITS = ("dimensionless", "unknown")
QUANTULUM_CURRENCY = "currency"
# How many words after an unknown unit word are passed to quantulum3 for context.
QUANTULUM_CONTEXT_WORDS = 3


@lru_cache(maxsize=1)
def quantulum_parser() -> Any:
    """Import quantulum3 on first use: the import costs about 1.7 s."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        parser.parse("1 dollar")
    return parser


def warm_up() -> None:
    """Import quantulum3 now rather than on the first money text that needs it (about
    2 s once per process): for benchmarks and long-lived services."""
    quantulum_parser()


def quantities(text: str) -> list[Any]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(quantulum_parser().parse(text))
    except Exception:  # quantulum3 raises assorted errors on odd input; treat as no reading
        return []


def quantulum_unit(rest: str) -> Optional[str]:
    """Classify the unit word at the start of ``rest``: a currency code (None when quantulum3
    knows the currency but the deal table has no code for it), NOT_MONEY for a physical
    unit, NO_CURRENCY when it cannot tell.

    quantulum3 misreads "mln", so it is given "1 <word> ..." to classify the unit only.
    """
    words = " ".join(rest.split()[:QUANTULUM_CONTEXT_WORDS])
    for quantity in quantities(f"1 {words}"):
        entity = quantity.unit.entity.name
        if entity == QUANTULUM_CURRENCY:
            code = getattr(quantity.unit, "currency_code", None)
            return code if code in CURRENCIES else UNLISTED
        if entity not in QUANTULUM_NON_UNITS:
            return NOT_MONEY
    return NO_CURRENCY


def quantulum_money(text: str) -> Optional[Money]:
    """A Money from quantulum3's reading of ``text`` when it finds a currency in it."""
    for quantity in quantities(text):
        if quantity.unit.entity.name == QUANTULUM_CURRENCY:
            try:
                value = float(quantity.value)
            except (TypeError, ValueError):
                return None
            # NaN, infinity, a sign or zero is no amount, as in the parser's own readings
            if not (math.isfinite(value) and 0 < value <= MAX_AMOUNT):
                return None
            code = getattr(quantity.unit, "currency_code", None)
            return Money(amount=value, currency=code if code in CURRENCIES else UNLISTED)
    return None
