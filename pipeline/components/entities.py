"""Entity patterns for the forms the base model misses, applied where they can match.

``patterns/entities.jsonl`` (MONEY and PERCENT forms: "83 mln dlrs", "13 trillion won",
"51 pct") and ``patterns/name_entities.jsonl`` (organisation and person name shapes) are
EntityRuler-format patterns. An ``EntityRuler`` runs every pattern from every token of
the document, which costs about as much as a tenth of the whole model on newswire; money
and percent patterns can only match near a number, so this component runs them on
windows around number-like tokens and the few name patterns on the whole text. The
result is the ruler's with ``overwrite_ents=True``: matches win over the model's
overlapping entities, the longest match wins among overlapping matches.
"""

from __future__ import annotations

from typing import Optional

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import PatternError
from ..patterns import PatternFilesMixin, load_jsonl

MONEY_FILE = "entities.jsonl"
NAMES_FILE = "name_entities.jsonl"
# Tokens before and after a number that a money or percent pattern may cover
# ("more than US $ 1.5 billion", "15 mln Canadian dlrs a share").
WINDOW_BEFORE = 5
WINDOW_AFTER = 10
# Number words and signs that start a window besides digits and LIKE_NUM tokens.
ANCHOR_WORDS = frozenset({"half", "third", "thirds", "quarter", "quarters", "$", "£", "€", "¥", "₹", "₩"})



@Language.factory(
    "spacy_deals_entities",
    default_config={"patterns_dir": None},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_entities(nlp: Language, name: str, *, patterns_dir: Optional[str]) -> "EntityPatterns":
    return EntityPatterns(nlp, name, patterns_dir=patterns_dir)


class EntityPatterns(PatternFilesMixin):
    """Add the MONEY, PERCENT, ORG and PERSON spans of the pattern files to doc.ents."""

    pattern_files = (MONEY_FILE, NAMES_FILE)

    def __init__(self, nlp: Language, name: str = "spacy_deals_entities", *, patterns_dir: Optional[str] = None):
        self.name = name
        self.vocab = nlp.vocab
        self.patterns_dir = patterns_dir
        self.load_patterns(patterns_dir)

    def load_patterns(self, patterns_dir) -> None:
        # pattern id -> entity label; tokens to leave out at the start of a match
        # ("trim_start": a title word that anchors "chairman William Reynolds")
        self.labels: dict[str, str] = {}
        self.trim_start: dict[str, int] = {}
        self.amounts = self._matcher(MONEY_FILE, patterns_dir)
        self.anchors: dict[int, bool] = {}
        self.names = self._matcher(NAMES_FILE, patterns_dir)

    def _matcher(self, file_name: str, patterns_dir) -> Matcher:
        matcher = Matcher(self.vocab, validate=True)
        for number, entry in enumerate(load_jsonl(file_name, patterns_dir), 1):
            if not isinstance(entry["pattern"], list):
                raise PatternError(f"{file_name}, entry {number}: 'pattern' must be a list of token patterns.")
            key = entry.get("id") or entry["label"]
            self.labels[key] = entry["label"]
            self.trim_start[key] = int(entry.get("trim_start", 0))
            try:
                matcher.add(key, [entry["pattern"]])
            except (ValueError, KeyError) as err:
                raise PatternError(f"{file_name}, entry {number} ({entry.get('id', entry['label'])}): {err}") from err
        return matcher

    def _span(self, doc: Doc, match_id: int, start: int, end: int) -> Span:
        key = self.vocab.strings[match_id]
        return Span(doc, start + self.trim_start[key], end, label=self.labels[key])

    def __call__(self, doc: Doc) -> Doc:
        # ORG before PERSON: of two equal spans ("B.F. Goodrich Co") the first is kept
        found = sorted((self._span(doc, key, start, end) for key, start, end in self.names(doc)), key=lambda span: span.label_ != "ORG")
        for start, end in _number_windows(doc, self.anchors):
            window = doc[start:end]
            found.extend(self._span(doc, key, start + s, start + e) for key, s, e in self.amounts(window))
        if not found:
            return doc
        matches = filter_spans(found)
        taken = {i for span in matches for i in range(span.start, span.end)}
        kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.ents = filter_spans(kept + matches)
        return doc


def _is_anchor(lexeme) -> bool:
    return lexeme.like_num or lexeme.lower_ in ANCHOR_WORDS or any(ch.isdigit() for ch in lexeme.orth_)


def _number_windows(doc: Doc, anchors: dict[int, bool]) -> list[tuple[int, int]]:
    """Token ranges around number-like tokens, overlapping ranges merged. ``anchors``
    remembers, per word (orth hash), whether it starts a window: words repeat."""
    windows: list[tuple[int, int]] = []
    vocab = doc.vocab
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        anchor = anchors.get(orth)
        if anchor is None:
            anchor = anchors[orth] = _is_anchor(vocab[orth])
        if anchor:
            start = max(i - WINDOW_BEFORE, 0)
            end = min(i + WINDOW_AFTER, len(doc))
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
    return windows
