"""The ``spacy_deals_money`` component: reads the MONEY and PERCENT entities of a Doc
with :func:`~pipeline.money.parsing.parse_money` and
:func:`~pipeline.money.parsing.parse_percent` and sets ``span._.money`` and
``span._.percent``, parsing each distinct entity text once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..components import docdata  # noqa: F401  (declares span._.money, span._.percent)
from ..patterns import PatternFilesMixin
from ..schema import Money
from .parsing import parse_money, parse_percent, per_share_length
from .tables import MONEY_FILE, load_money_tables, table_key
from .tokens import HYPHENS

# span._.money and span._.percent are declared (as plain data on the Doc) in docdata.

DEFAULT_MONEY_LABELS = ("MONEY",)
DEFAULT_PERCENT_LABELS = ("PERCENT",)
DEFAULT_CACHE_SIZE = 50_000
# How far before / after an entity the component looks for a qualifier or a per-share
# phrase that the entity boundary left out ("over [$10 billion]", "[50 dlrs] a share"),
# counting line-break tokens.
LOOKBACK_TOKENS = 5
LOOKAHEAD_TOKENS = 8


@Language.factory(
    "spacy_deals_money",
    default_config={
        "money_labels": list(DEFAULT_MONEY_LABELS),
        "percent_labels": list(DEFAULT_PERCENT_LABELS),
        "patterns_dir": None,
        "use_context": True,
        "cache_size": DEFAULT_CACHE_SIZE,
    },
    assigns=["span._.money", "span._.percent"],
)
def make_money(
    nlp: Language,
    name: str,
    money_labels: list[str],
    percent_labels: list[str],
    patterns_dir: Optional[str],
    use_context: bool,
    cache_size: int,
) -> MoneyComponent:
    """Create a :class:`MoneyComponent` (see its docstring for the settings)."""
    return MoneyComponent(
        nlp,
        name,
        money_labels=money_labels,
        percent_labels=percent_labels,
        patterns_dir=patterns_dir,
        use_context=use_context,
        cache_size=cache_size,
    )


class MoneyComponent(PatternFilesMixin):
    """Sets ``span._.money`` on money entities and ``span._.percent`` on percent entities.

    money_labels / percent_labels: entity labels to read. patterns_dir: a folder whose
    money.yml replaces the bundled one. use_context: also read a qualifier just before the
    entity and "a share" just after it, which entity boundaries often leave out.
    cache_size: how many distinct entity texts to remember (news repeats the same amounts).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "spacy_deals_money",
        *,
        money_labels: Iterable[str] = DEFAULT_MONEY_LABELS,
        percent_labels: Iterable[str] = DEFAULT_PERCENT_LABELS,
        patterns_dir: Optional[str] = None,
        use_context: bool = True,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ):
        self.name = name
        self.money_labels = frozenset(money_labels)
        self.percent_labels = frozenset(percent_labels)
        self.patterns_dir = patterns_dir
        self.use_context = use_context
        self.cache_size = cache_size
        self.load_patterns(patterns_dir)

    pattern_files = (MONEY_FILE,)

    def load_patterns(self, patterns_dir) -> None:
        self.tables = load_money_tables(patterns_dir)
        self._money_cache: dict[str, Optional[Money]] = {}
        self._percent_cache: dict[str, Optional[float]] = {}

    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            if ent.label_ in self.money_labels:
                ent._.money = self._entity_money(doc, ent)
            elif ent.label_ in self.percent_labels:
                ent._.percent = self._percent(ent.text)
        return doc

    def _entity_money(self, doc: Doc, ent: Span) -> Optional[Money]:
        """Parse the entity, widened to a qualifier before it and "a share" after it.

        An amount that comes out without a currency is read again with the next word, so
        that "[10 billion] barrels" is dropped and "[4.2 mln] marks" gains its currency.
        """
        if not self.use_context:
            return self._money(ent.text)
        start = self._context_start(doc, ent.start)
        end = self._context_end(doc, self._hyphened_scale(doc, ent.end))
        money = self._money(doc[start:end].text)
        if money is not None and money.currency is not None:
            after = self._country_after(doc, end)
            return (self._money(doc[start:after].text) or money) if after > end else money
        if money is None:
            return money
        for tok in doc[end : end + LOOKAHEAD_TOKENS]:
            if tok.is_space:
                continue
            return self._money(doc[start : tok.i + 1].text) if tok.is_alpha else money
        return money

    def _context_start(self, doc: Doc, start: int) -> int:
        """Start of a qualifier or opener ("more than", "between", "from") before ``start``,
        and of a currency sign written onto the number that the entity left out ("US$8.6mil")."""
        t = self.tables
        if start > 0 and not doc[start - 1].whitespace_ and table_key(doc[start - 1].text) in t.symbols:
            start -= 1
        words: list[str] = []
        positions: list[int] = []
        for i in range(start - 1, max(start - LOOKBACK_TOKENS, 0) - 1, -1):
            if not doc[i].is_space:
                words.insert(0, table_key(doc[i].text))
                positions.insert(0, i)
        for length in range(min(len(words), t.max_qualifier_len), 0, -1):
            phrase = tuple(words[-length:])
            if phrase in t.qualifiers or (
                length == 1 and (phrase[0] in t.range_openers or phrase[0] in t.change_openers)
            ):
                return positions[-length]
        return start

    def _hyphened_scale(self, doc: Doc, end: int) -> int:
        """End of a scale joined to the number by a hyphen that the entity left out
        ("[US$1.4]-billion", the style of some newspapers); ``end`` when there is none."""
        if end + 1 >= len(doc) or doc[end].text not in HYPHENS or doc[end - 1].whitespace_ or doc[end].whitespace_:
            return end
        return end + 2 if table_key(doc[end + 1].text) in self.tables.scales and doc[end - 1].like_num else end

    def _country_after(self, doc: Doc, end: int) -> int:
        """End of a country written after the currency noun that the entity left out
        ("[4.3 billion dlr] Canadian (3.22 billion U.S.)"), not one opening a name
        ("Canadian Pacific"); ``end`` when there is none."""
        if end + 1 > len(doc) or not doc[end - 1].is_alpha or not doc[end].text[:1].isupper():
            return end
        if (table_key(doc[end].text),) not in self.tables.dollar_modifiers:
            return end
        if end + 1 < len(doc) and doc[end + 1].is_title:
            return end
        return end + 1

    def _context_end(self, doc: Doc, end: int) -> int:
        """End of a per-share phrase ("a share", "per common share") right after ``end``."""
        tokens = [tok for tok in doc[end : end + LOOKAHEAD_TOKENS] if not tok.is_space and tok.text not in HYPHENS]
        words = [(table_key(tok.text), tok.text[:1].isupper()) for tok in tokens]
        length = per_share_length(words, self.tables)
        return tokens[length - 1].i + 1 if length else end

    def _money(self, text: str) -> Optional[Money]:
        if text not in self._money_cache:
            if len(self._money_cache) >= self.cache_size:
                self._money_cache.clear()
            self._money_cache[text] = parse_money(text, self.tables)
        return self._money_cache[text]

    def _percent(self, text: str) -> Optional[float]:
        if text not in self._percent_cache:
            if len(self._percent_cache) >= self.cache_size:
                self._percent_cache.clear()
            self._percent_cache[text] = parse_percent(text, self.tables)
        return self._percent_cache[text]
