"""Per-Doc lookups (entities, sentences, headings, the dependency tree) and the frame a trigger collects."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ..components.paragraphs import is_heading, title_end
from ..schema import Deal
from ..speedups.depmatcher import DependencyTree
from .common import NEAR_ENTITY_ARCS, NEAR_ENTITY_WORDS, ROLES, SUBJECT_DEPS
from .lexicon import Lexicon, TriggerClass


@dataclass
class Frame:
    """The arguments collected for one trigger token."""

    trigger: Token
    cls: TriggerClass
    args: dict[str, list[Token]] = field(default_factory=lambda: {role: [] for role in ROLES})
    inherited: bool = False
    absorbed: list[Token] = field(default_factory=list)
    siblings: list[Frame] = field(default_factory=list)
    # "Y (acquired by X)": the target is the one noun the participle describes, not
    # the list it stands in
    single_target: bool = False


class Context:
    """What the rules read for one Doc: the lexicon, the Doc's index, and whether
    headings are read (the second pass over a text whose only deal is in a heading).
    Every function of this package takes it first."""

    __slots__ = ("lex", "index", "headlines")

    def __init__(self, lex: Lexicon, doc: Doc):
        self.lex = lex
        self.index = DocIndex(doc)
        self.headlines = False


class DocIndex:
    """Per-document lookups the rules need many times: the entity and the sentence of
    each token, and which tokens stand in a title or heading. Built once per Doc
    (``token.sent`` and a scan of ``doc.ents`` are costly when repeated)."""

    def __init__(self, doc: Doc):
        ents = list(doc.ents)
        self.ent_at: list[Optional[Span]] = [None] * len(doc)
        for ent in ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent
        self.sent_at: list[Optional[Span]] = [None] * len(doc)
        self.headline = [False] * len(doc)
        title_chars = title_end(opening_text(doc))
        in_title = (doc.to_array(IDX) < title_chars).tolist()
        # the entities of each sentence, by its start (Span.ents scans the whole Doc)
        self.sent_ents: dict[int, list[Span]] = {}
        for sent in doc.sents:
            heading = is_heading(sent)
            self.sent_ents[sent.start] = []
            for i in range(sent.start, sent.end):
                self.sent_at[i] = sent
                self.headline[i] = heading or in_title[i]
        for ent in ents:
            self.sent_ents[self.sent_at[ent.start].start].append(ent)
        # organisations outside headings, in text order (by end), for antecedents
        self.orgs = [ent for ent in ents if ent.label_ == "ORG" and not self.headline[ent.start]]
        self.persons = [ent for ent in ents if ent.label_ == "PERSON" and not self.headline[ent.start]]
        self.subject_orgs = [ent for ent in self.orgs if ent.root.dep_ in SUBJECT_DEPS]
        # the deals found so far, in text order
        self.deals: list[Deal] = []
        self.doc = doc
        self._tree: Optional[DependencyTree] = None
        self._ents_below: Optional[dict[int, list[Span]]] = None

    @property
    def tree(self) -> DependencyTree:
        """The Doc's dependency tree as lists (made on first use)."""
        if self._tree is None:
            self._tree = DependencyTree(self.doc)
        return self._tree

    def ents_within(self, sent_start: int, start: int, end: int) -> list[Span]:
        """The entities of the sentence starting at ``sent_start`` that lie within tokens
        ``start`` to ``end`` (exclusive), in text order: a slice of the sentence's list
        (entities do not overlap, so their starts and ends rise together)."""
        ents = self.sent_ents[sent_start]
        first = bisect_left(ents, start, key=lambda ent: ent.start)
        last = bisect_right(ents, end, lo=first, key=lambda ent: ent.end)
        return ents[first:last]

    def ents_near(self, tops: Iterable[int], at: int) -> list[Span]:
        """The entities of token ``at``'s sentence whose root is at most
        NEAR_ENTITY_ARCS arcs below one of the tokens ``tops``, or that stand within
        NEAR_ENTITY_WORDS words of token ``at``, in text order: all the entities an
        amount, stake or date of a trigger at ``at`` can be (a few per trigger, however
        long the sentence)."""
        if self._ents_below is None:
            heads = self.tree.heads
            self._ents_below = below = {}
            for ents in self.sent_ents.values():
                for ent in ents:
                    node = ent.root.i
                    for _ in range(NEAR_ENTITY_ARCS + 1):
                        below.setdefault(node, []).append(ent)
                        if heads[node] == node:
                            break
                        node = heads[node]
        found = {id(ent): ent for top in tops for ent in self._ents_below.get(top, ())}
        for i in range(max(at - NEAR_ENTITY_WORDS, 0), min(at + NEAR_ENTITY_WORDS + 1, len(self.ent_at))):
            ent = self.ent_at[i]
            if ent is not None:
                found[id(ent)] = ent
        sent = self.sent_at[at].start
        return sorted(
            (ent for ent in found.values() if self.sent_at[ent.start].start == sent), key=lambda ent: ent.start
        )


def opening_text(doc: Doc) -> str:
    """The text of ``doc`` up to the first line break and the character after it: all
    that title_end reads (``doc.text`` would join every token)."""
    parts = []
    for token in doc:
        parts.append(token.text_with_ws)
        if "\n" in parts[-1] and token.i + 1 < len(doc):
            parts.append(doc[token.i + 1].text_with_ws)
            break
    return "".join(parts)


def ent_of(ctx, token: Token) -> Optional[Span]:
    return ctx.index.ent_at[token.i]


def sent_of(ctx, token: Token) -> Span:
    return ctx.index.sent_at[token.i]


def sent_ents(ctx, token: Token) -> list[Span]:
    return ctx.index.sent_ents[ctx.index.sent_at[token.i].start]


def ents_within(ctx, token: Token, start: int, end: int) -> list[Span]:
    """The entities of ``token``'s sentence within tokens ``start`` to ``end``."""
    return ctx.index.ents_within(ctx.index.sent_at[token.i].start, start, end)


def near_ents(ctx, frame: Frame) -> list[Span]:
    """The entities of the trigger's sentence that can be its amount, stake or date
    (``money_of``, ``stake_of``, ``date_of``: an entity hanging at most a few arcs below
    the trigger, a trigger it absorbed, their heads or the heads' heads, or standing
    a few words from the trigger), in text order: the others are never taken."""
    tops = set()
    for token in (frame.trigger, *frame.absorbed):
        for _ in range(4):
            tops.add(token.i)
            token = token.head
    return ctx.index.ents_near(tops, frame.trigger.i)
