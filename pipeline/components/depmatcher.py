"""A ``DependencyMatcher`` that matches each distinct node pattern once, with the same results.

spaCy's ``DependencyMatcher`` adds every node of every pattern to one inner ``Matcher``
as a rule of its own, and for each token that rule matches it walks up to the root of the
token's tree. The deal relations (``patterns/deal_relations.json``) have 89 nodes but
only about 30 distinct node patterns (``{"DEP": "pobj"}`` alone comes 22 times, and
every relation's trigger node is one of two), so most of the inner Matcher's work, which
is most of the deals component's time, is repeated.

:class:`SharedNodeDependencyMatcher` overrides the one step that finds the nodes
(``_get_keys_to_position_maps``): a Matcher of the distinct node patterns runs once, each
of its matches is filed under every node that has that pattern, and the roots of all
tokens come from one pass over the head array. A pattern matches within one tree only,
and only in a tree where its anchor (first) node matches: so the anchor node patterns
(here the two trigger nodes) run over the whole document first, and the other node
patterns only over the trees where an anchor matched (in news, a small part of the
text). Everything else (adding patterns, the tree search, callbacks, the order of the
matches) is spaCy's; a test checks that the matches are those of spaCy's
``DependencyMatcher``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Optional

import numpy as np
from spacy.attrs import HEAD
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc


class SharedNodeDependencyMatcher(DependencyMatcher):
    """``DependencyMatcher`` with each distinct node pattern matched once per document."""

    def __init__(self, vocab, *, validate: bool = False) -> None:
        super().__init__(vocab, validate=validate)
        self._shared: Optional[tuple[int, Matcher, dict[int, list[int]]]] = None

    def __reduce__(self):  # spaCy's would unpickle as a plain DependencyMatcher
        return (_unpickle, (self.vocab, self._raw_patterns, self._callbacks))

    def add(self, key, patterns, *, on_match=None) -> None:
        super().add(key, patterns, on_match=on_match)
        self._shared = None

    def remove(self, key) -> None:
        super().remove(key)
        self._shared = None

    def _shared_matcher(self) -> tuple[Matcher, Matcher, dict[int, list[int]]]:
        """Matchers of the distinct node patterns, those of anchor nodes (the first node
        of a pattern) and the others, and for each of their rules the inner keys of the
        nodes that have that pattern."""
        if self._shared is None:
            nodes: dict[str, tuple[dict, list[int], bool]] = {}  # signature -> (pattern, node keys, anchor)
            for key, patterns in self._patterns.items():
                for node_patterns, node_keys in zip(patterns, self._tokens_to_key[key]):
                    for number, (node_pattern, node_key) in enumerate(zip(node_patterns, node_keys)):
                        signature = json.dumps(node_pattern, sort_keys=True)
                        pattern, keys, anchor = nodes.get(signature, (node_pattern, [], False))
                        nodes[signature] = (pattern, keys + [node_key], anchor or number == 0)
            anchors, others = Matcher(self.vocab), Matcher(self.vocab)
            nodes_of: dict[int, list[int]] = {}
            for number, (pattern, keys, anchor) in enumerate(nodes.values()):
                rule = self.vocab.strings.add(f"node-{number}")
                (anchors if anchor else others).add(rule, [pattern])
                nodes_of[rule] = keys
            self._shared = (anchors, others, nodes_of)
        return self._shared

    def _get_keys_to_position_maps(self, doc: Doc):
        """For each tree root, the positions of the tokens each node pattern matches
        (spaCy's structure: root -> inner node key -> token positions), for the trees in
        which an anchor node matches (no pattern can match in the others)."""
        anchors, others, nodes_of = self._shared_matcher()
        positions = defaultdict(lambda: defaultdict(list))
        found = anchors(doc)
        if not found:
            return positions  # no tree can match
        roots = tree_roots(doc)
        for rule, start, _ in found:
            by_node = positions[int(roots[start])]
            for node_key in nodes_of[rule]:
                by_node[node_key].append(start)
        if not len(others):
            return positions
        for first, end in _runs(np.isin(roots, list(positions))):
            for rule, start, _ in others(doc[first:end]):
                by_node = positions[int(roots[first + start])]
                for node_key in nodes_of[rule]:
                    by_node[node_key].append(first + start)
        return positions


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of true values in a boolean array."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _unpickle(vocab, patterns, callbacks) -> SharedNodeDependencyMatcher:
    matcher = SharedNodeDependencyMatcher(vocab)
    for key, pattern in patterns.items():
        matcher.add(key, pattern, on_match=callbacks.get(key))
    return matcher


def tree_roots(doc: Doc) -> np.ndarray:
    """The index of the root of each token's dependency tree (the token itself when the
    document has no parse)."""
    heads = np.arange(len(doc), dtype=np.int64) + doc.to_array(HEAD).astype(np.int64)
    roots = heads
    while True:
        above = heads[roots]
        if np.array_equal(above, roots):
            return roots
        roots = above
