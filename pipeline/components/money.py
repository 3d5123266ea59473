"""Moved to the package :mod:`pipeline.money` (tables, parsing, component); these names
stay importable from here until every importer uses the new modules."""

from ..money.component import MoneyComponent, make_money
from ..money.fallback import warm_up
from ..money.parsing import MAX_AMOUNT, MAX_PERCENT, parse_money, parse_percent
from ..money.tables import MONEY_FILE, MoneyTables, build_money_tables, load_money_tables

__all__ = [
    "MAX_AMOUNT",
    "MAX_PERCENT",
    "MONEY_FILE",
    "MoneyComponent",
    "MoneyTables",
    "build_money_tables",
    "load_money_tables",
    "make_money",
    "parse_money",
    "parse_percent",
    "warm_up",
]
