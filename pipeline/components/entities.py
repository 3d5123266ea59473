"""Entity patterns for the forms the base model misses, applied where they can match.

``patterns/entities.jsonl`` (MONEY and PERCENT forms: "83 mln dlrs", "13 trillion won",
"51 pct") and ``patterns/name_entities.jsonl`` (organisation and person name shapes) are
EntityRuler-format patterns. An ``EntityRuler`` runs every pattern from every token of
the document, which costs about as much as a tenth of the whole model on newswire; money
and percent patterns can only match near a number, so this component runs them on
windows around number-like tokens and the few name patterns on the whole text. The
result is the ruler's with ``overwrite_ents=True``: matches win over the model's
overlapping entities, the longest match wins among overlapping matches.

Most money and percent patterns cannot match in a given window: a word they require
("about", "in excess of", "per cent", a currency word) is not there. Each pattern is
filed under the rarest word it requires, and a window runs only the patterns filed under
its words (:class:`RequiredTokens`), which finds the same matches as running every
pattern, at less than half the cost.
"""

from __future__ import annotations

from functools import partial
from typing import Optional

from spacy.attrs import LIKE_NUM, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import Errors, PatternError
from ..patterns import PatternFilesMixin, load_jsonl

MONEY_FILE = "entities.jsonl"
NAMES_FILE = "name_entities.jsonl"
# Tokens before and after a number that a money or percent pattern may cover
# ("more than US $ 1.5 billion", "15 mln Canadian dlrs a share").
WINDOW_BEFORE = 5
WINDOW_AFTER = 10
# Number words and signs that start a window besides digits and LIKE_NUM tokens.
ANCHOR_WORDS = frozenset({"half", "third", "thirds", "quarter", "quarters", "$", "£", "€", "¥", "₹", "₩"})
# Words whose anchor test is remembered at most (then forgotten all at once).
MAX_ANCHORS = 20_000


@Language.factory(
    "spacy_deals_entities",
    default_config={"patterns_dir": None},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_entities(nlp: Language, name: str, *, patterns_dir: Optional[str]) -> EntityPatterns:
    return EntityPatterns(nlp, name, patterns_dir=patterns_dir)


class EntityPatterns(PatternFilesMixin):
    """Add the MONEY, PERCENT, ORG and PERSON spans of the pattern files to doc.ents."""

    pattern_files = (MONEY_FILE, NAMES_FILE)

    def __init__(self, nlp: Language, name: str = "spacy_deals_entities", *, patterns_dir: Optional[str] = None):
        self.name = name
        self.vocab = nlp.vocab
        self.patterns_dir = patterns_dir
        self.stop_words = nlp.Defaults.stop_words  # "a", "of": words to pick patterns by only when nothing else
        self.load_patterns(patterns_dir)

    def load_patterns(self, patterns_dir) -> None:
        # pattern id -> entity label; tokens to leave out at the start of a match
        # ("trim_start": a title word that anchors "chairman William Reynolds")
        self.labels: dict[str, str] = {}
        self.trim_start: dict[str, int] = {}
        self.entries: dict[str, list[tuple[str, list[dict]]]] = {}  # file -> (key, pattern)
        self.amounts = self._matcher(MONEY_FILE, patterns_dir)
        stop_words = frozenset(map(get_string_id, self.stop_words))
        self.amounts_needed = RequiredTokens(self.vocab, self.entries[MONEY_FILE], stop_words)
        self.anchors: dict[int, bool] = {}
        self.names = self._matcher(NAMES_FILE, patterns_dir)

    def _matcher(self, file_name: str, patterns_dir) -> Matcher:
        matcher = Matcher(self.vocab, validate=True)
        entries = []
        for number, entry in enumerate(load_jsonl(file_name, patterns_dir), 1):
            if not isinstance(entry["pattern"], list):
                raise PatternError(
                    Errors.E117.format(path=file_name, entry=number, kind=type(entry["pattern"]).__name__)
                )
            key = entry.get("id") or entry["label"]
            self.labels[key] = entry["label"]
            self.trim_start[key] = int(entry.get("trim_start", 0))
            try:
                matcher.add(key, [entry["pattern"]])
            except (ValueError, KeyError) as err:
                raise PatternError(
                    Errors.E118.format(path=file_name, entry=number, key=entry.get("id", entry["label"]), problem=err)
                ) from err
            entries.append((key, entry["pattern"]))
        self.entries[file_name] = entries
        return matcher

    def _span(self, doc: Doc, match_id: int, start: int, end: int) -> Span:
        key = self.vocab.strings[match_id]
        return Span(doc, start + self.trim_start[key], end, label=self.labels[key])

    def __call__(self, doc: Doc) -> Doc:
        # ORG before PERSON: of two equal spans ("B.F. Goodrich Co") the first is kept;
        # an organisation's shape inside a longer ORG of the model ("NeoGenomics" of
        # "NeoGenomics Laboratories") leaves the model's name whole
        found = sorted(
            (
                span
                for span in (self._span(doc, key, start, end) for key, start, end in self.names(doc))
                if span.label_ != "ORG" or not _inside_model_org(span)
            ),
            key=lambda span: span.label_ != "ORG",
        )
        words = doc.to_array([ORTH, LOWER, LIKE_NUM])
        for start, end in _number_windows(doc, self.anchors, words[:, 0].tolist()):
            window = doc[start:end]
            spans = [
                self._span(doc, key, start + s, start + e)
                for key, s, e in self.amounts_needed(window, words[start:end])
            ]
            if _has_label_tie(spans):
                # equal spans with different labels: the first one found wins, so take
                # them in the order of the single matcher of all patterns
                spans = [self._span(doc, key, start + s, start + e) for key, s, e in self.amounts(window)]
            found.extend(spans)
        if not found:
            return doc
        matches = filter_spans(found)
        taken = {i for span in matches for i in range(span.start, span.end)}
        kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.ents = filter_spans(kept + matches)
        return doc


def _inside_model_org(span: Span) -> bool:
    """Whether ``span`` lies inside a longer ORG entity of the model."""
    doc = span.doc
    first, last = doc[span.start], doc[span.end - 1]
    if first.ent_type_ != "ORG" or last.ent_type_ != "ORG":
        return False
    same = all(doc[i].ent_iob_ == "I" for i in range(span.start + 1, span.end))
    longer = first.ent_iob_ == "I" or (span.end < len(doc) and doc[span.end].ent_iob_ == "I")
    return same and longer


def _is_anchor(lexeme) -> bool:
    return lexeme.like_num or lexeme.lower_ in ANCHOR_WORDS or any(ch.isdigit() for ch in lexeme.orth_)


def _number_windows(doc: Doc, anchors: dict[int, bool], orths: Optional[list[int]] = None) -> list[tuple[int, int]]:
    """Token ranges around number-like tokens, overlapping ranges merged. ``anchors``
    remembers, per word (orth hash), whether it starts a window: words repeat.
    ``orths`` are the orth hashes of the tokens when the caller has them."""
    windows: list[tuple[int, int]] = []
    vocab = doc.vocab
    if orths is None:
        orths = doc.to_array(ORTH).tolist()
    for i, orth in enumerate(orths):
        anchor = anchors.get(orth)
        if anchor is None:
            if len(anchors) >= MAX_ANCHORS:  # one entry a word: it would grow with the input
                anchors.clear()
            anchor = anchors[orth] = _is_anchor(vocab[orth])
        if anchor:
            start = max(i - WINDOW_BEFORE, 0)
            end = min(i + WINDOW_AFTER, len(doc))
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
    return windows


def _has_label_tie(spans: list[Span]) -> bool:
    """Whether two of ``spans`` cover the same tokens with different labels."""
    if len(spans) < 2:
        return False
    labels: dict[tuple[int, int], int] = {}
    for span in spans:
        if labels.setdefault((span.start, span.end), span.label) != span.label:
            return True
    return False


# A token test a pattern requires: (attribute, hashes of the accepted values); the
# attribute is ORTH or LOWER, or LIKE_NUM with the accepted values {1}.
Test = tuple[int, frozenset[int]]
# Token pattern attributes read as ORTH or LOWER tests.
_TEST_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}
# Quantifiers under which a token pattern matches at least one token.
_REQUIRED_OPS = (None, "1", "+")


class RequiredTokens:
    """Token-pattern matching that skips the patterns a text cannot match.

    Each pattern is read for the tokens it must contain: every token pattern without an
    optional quantifier (no "OP", or "1", "+") that asks for an exact ORTH/TEXT/LOWER
    value (or one of a list: "IN") or for LIKE_NUM. A text without such a token cannot
    match the pattern. The most selective of these tests (a word test, one without stop
    words when there is one, with the fewest values; LIKE_NUM last) files the pattern in a group, one Matcher
    per group, and the patterns without any test in one more Matcher. ``self(span,
    words)`` runs the Matchers of the groups whose test the span passes. The matches are
    those of one Matcher of all the patterns, possibly in another order. The Matchers are
    all made at the start: memory does not change with the input.
    """

    def __init__(self, vocab, entries: list[tuple[str, list[dict]]], stop_words: frozenset[int] = frozenset()):
        groups: dict[Optional[Test], Matcher] = {}
        for key, pattern in entries:  # in file order, as in the Matcher of all the patterns
            test = min(_required_tests(pattern), key=partial(_selectivity, stop_words), default=None)
            if test not in groups:
                groups[test] = Matcher(vocab, validate=False)  # the Matcher of all validated them
            groups[test].add(key, [pattern])
        self.untested = groups.pop(None, None)
        self.groups = list(groups.items())

    def __call__(self, span: Span, words) -> list[tuple[int, int, int]]:
        """Matches (key, start, end) in ``span``, whose tokens have the (ORTH, LOWER,
        LIKE_NUM) values ``words`` (an array of one row per token)."""
        orths, lowers, numbers = words.T.tolist()
        present = {ORTH: set(orths), LOWER: set(lowers), LIKE_NUM: set(numbers)}
        matches = self.untested(span) if self.untested is not None else []
        for (attr, values), matcher in self.groups:
            if not values.isdisjoint(present[attr]):
                matches.extend(matcher(span))
        return matches


def _selectivity(stop_words: frozenset[int], test: Test) -> tuple[bool, bool, int]:
    """Sort key of a required test, the most selective first: word tests before LIKE_NUM
    (nearly every window has a number), tests without a stop word ("a", "of") before the
    others, then the fewer accepted values the better."""
    attr, values = test
    return attr == LIKE_NUM, not stop_words.isdisjoint(values), len(values)


def _required_tests(pattern: list[dict]):
    """The (attribute, values) tests of the tokens a pattern must contain."""
    for token in pattern:
        if token.get("OP") not in _REQUIRED_OPS:
            continue
        for name, value in token.items():
            name = name.upper() if isinstance(name, str) else name
            if name == "LIKE_NUM" and value is True:
                yield LIKE_NUM, frozenset({1})
            elif name in _TEST_ATTRS:
                if isinstance(value, str):
                    yield _TEST_ATTRS[name], frozenset({get_string_id(value)})
                elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
                    yield _TEST_ATTRS[name], frozenset(get_string_id(v) for v in value["IN"])
