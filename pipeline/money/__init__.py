"""Money: the table of currencies and scale words, parsing money phrases, and the component that reads MONEY entities.

The modules, from the bottom up:

- :mod:`.tables`: the schema of ``patterns/money.yml``, its validation and loading;
- :mod:`.tokens`: a mention's text split into numbers, currency signs and words;
- :mod:`.numbers`: numbers and currencies read at a token;
- :mod:`.fallback`: quantulum3, asked about words after a number the tables do not know;
- :mod:`.parsing`: :func:`parse_money` and :func:`parse_percent`, pure functions;
- :mod:`.component`: the ``spacy_deals_money`` component (``span._.money``, ``span._.percent``);
- :mod:`.patterns`: the MONEY and PERCENT entity patterns of ``patterns/entities.jsonl``,
  built from ``money.yml`` (``python -m pipeline.money.patterns``).
"""

from .parsing import MAX_AMOUNT, MAX_PERCENT, parse_money, parse_percent
from .tables import MONEY_FILE, MoneyTables, build_money_tables, load_money_tables

__all__ = [
    "MAX_AMOUNT",
    "MAX_PERCENT",
    "MONEY_FILE",
    "MoneyTables",
    "build_money_tables",
    "load_money_tables",
    "parse_money",
    "parse_percent",
]
