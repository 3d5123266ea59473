"""Moved to :mod:`pipeline.speedups.tokentests`; this name stays importable until every
importer uses the new one."""

from ..speedups.tokentests import COLUMNS, FLAG_KEYS, MAX_CACHE, Equals, Search, TokenRules, passes, token_tests

__all__ = ["COLUMNS", "FLAG_KEYS", "MAX_CACHE", "Equals", "Search", "TokenRules", "passes", "token_tests"]
