"""A ``DependencyMatcher`` that matches each distinct node pattern once, with the same results.

spaCy's ``DependencyMatcher`` adds every node of every pattern to one inner ``Matcher``
as a rule of its own, and for each token that rule matches it walks up to the root of the
token's tree. The deal relations (``patterns/deal_relations.json``) have 89 nodes but
only about 30 distinct node patterns (``{"DEP": "pobj"}`` alone comes 22 times, and
every relation's trigger node is one of two), so most of the inner Matcher's work, which
is most of the deals component's time, is repeated.

:class:`SharedNodeDependencyMatcher` overrides the one step that finds the nodes
(``_get_keys_to_position_maps``): each distinct node pattern is matched once, each of its
matches is filed under every node that has that pattern, and the roots of all tokens
come from one pass over the head array. Node patterns are one token each, and nearly all
of them only compare a token's columns with fixed values ({"DEP": "pobj"}), so they are
decided once per distinct (columns) of a token (``tokentests.TokenRules``); the few
others go through a Matcher. A pattern matches within one tree only, and only in a tree
where its anchor (first) node matches: so the other node patterns are filed only in the
trees where an anchor node matched. Everything else (adding patterns, the tree search,
callbacks, the order of the matches) is spaCy's; a test checks that the matches are
those of spaCy's ``DependencyMatcher``.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import defaultdict
from typing import Optional

import numpy as np
from spacy.attrs import HEAD
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span

from .tokentests import TokenRules, token_tests


class SharedNodeDependencyMatcher(DependencyMatcher):
    """``DependencyMatcher`` with each distinct node pattern matched once per document."""

    def __init__(self, vocab, *, validate: bool = False) -> None:
        super().__init__(vocab, validate=validate)
        self._shared: Optional[_NodeMatchers] = None
        # the caller's DependencyTree of the Doc being matched, when it has (or will make)
        # one anyway (deals.DocIndex.tree): a callable Doc -> DependencyTree, or None
        self.tree_for = None

    def __reduce__(self):  # spaCy's would unpickle as a plain DependencyMatcher
        return (_unpickle, (self.vocab, self._raw_patterns, self._callbacks))

    def add(self, key, patterns, *, on_match=None) -> None:
        super().add(key, patterns, on_match=on_match)
        self._shared = None

    def remove(self, key) -> None:
        super().remove(key)
        self._shared = None

    def _shared_matcher(self) -> _NodeMatchers:
        """The distinct node patterns, anchors (the first node of a pattern) and others,
        with the inner keys of the nodes that have each."""
        if self._shared is None:
            nodes: dict[str, tuple[list[dict], list[int], bool]] = {}  # signature -> (pattern, node keys, anchor)
            for key, patterns in self._patterns.items():
                for node_patterns, node_keys in zip(patterns, self._tokens_to_key[key]):
                    for number, (node_pattern, node_key) in enumerate(zip(node_patterns, node_keys)):
                        signature = json.dumps(node_pattern, sort_keys=True)
                        pattern, keys, anchor = nodes.get(signature, (node_pattern, [], False))
                        nodes[signature] = (pattern, keys + [node_key], anchor or number == 0)
            self._shared = _NodeMatchers(self.vocab, list(nodes.values()))
        return self._shared

    def __call__(self, doclike):
        """spaCy's ``__call__`` (the same matches in the same order, the same callbacks),
        but a pattern is tried in a tree only when every one of its nodes has a match
        there (``_get_matches`` finds nothing otherwise): most patterns lack a node in
        most trees, and a generator per (pattern, tree) costs more than the test."""
        if isinstance(doclike, Doc):
            doc = doclike
        elif isinstance(doclike, Span):
            doc = doclike.as_doc(copy_user_data=True)
        else:
            return super().__call__(doclike)  # spaCy's error
        matched_key_trees = []
        maps = list(self._get_keys_to_position_maps(doc).values())
        cache: dict = {}
        if maps:
            for key in self._patterns.keys():
                for tree, tokens_to_key in zip(self._tree[key], self._tokens_to_key[key]):
                    for keys_to_position in maps:
                        if not tokens_to_key or not all(keys_to_position.get(k) for k in tokens_to_key):
                            continue
                        for matched_tree in self._get_matches(cache, doc, tree, tokens_to_key, keys_to_position):
                            matched_key_trees.append((key, matched_tree))
        for i, (match_id, nodes) in enumerate(matched_key_trees):
            on_match = self._callbacks.get(match_id)
            if on_match is not None:
                on_match(self, doc, i, matched_key_trees)
        return matched_key_trees

    def _get_keys_to_position_maps(self, doc: Doc):
        """For each tree root, the positions of the tokens each node pattern matches
        (spaCy's structure: root -> inner node key -> token positions), for the trees in
        which an anchor node matches (no pattern can match in the others)."""
        return self._shared_matcher().positions(doc)

    def _get_matches(self, cache, doc, tree, tokens_to_key, keys_to_position):
        """The matches of one pattern in one tree, in spaCy's order (that of the cartesian
        product of the node positions, each in its list's order), found by binding the
        nodes one after the other and taking for a node only the positions that stand in
        the pattern's relations to the nodes bound before it. spaCy's tries every
        combination of positions: in a long sentence (one tree of thousands of words)
        that grows with a power of its length; this grows with the matches."""
        all_positions = [keys_to_position[key] for key in tokens_to_key] if tokens_to_key else []
        if not all_positions or not all(all_positions):
            return
        trees = cache.get(_TREE_KEY)
        if trees is None:
            trees = cache[_TREE_KEY] = DependencyTree(doc) if self.tree_for is None else self.tree_for(doc)
        plan = _plan(tree, len(all_positions))
        ranks: list[Optional[dict[int, list[int]]]] = [None] * len(all_positions)
        bound: list[int] = [0] * len(all_positions)
        last = len(all_positions) - 1

        def candidates(k: int) -> list[int]:
            positions = all_positions[k]
            best, fewest = None, len(positions)
            for j, op, k_is_right in plan[k]:
                if k_is_right and j != k:
                    size = trees.related_size(op, bound[j])
                    if size is not None and size < fewest:
                        best, fewest = (op, bound[j]), size
            if best is None:
                return positions
            best = trees.related(*best)
            rank = ranks[k]
            if rank is None:
                rank = ranks[k] = {}
                for number, position in enumerate(positions):
                    rank.setdefault(position, []).append(number)
            return [
                positions[number] for number in sorted(number for position in best for number in rank.get(position, ()))
            ]

        def holds(k: int, position: int) -> bool:
            for j, op, k_is_right in plan[k]:
                other = position if j == k else bound[j]
                left, right = (other, position) if k_is_right else (position, other)
                if not trees.holds(op, left, right, self, cache, doc):
                    return False
            return True

        def search(k: int):
            for position in candidates(k) if k else all_positions[0]:
                if plan[k] and not holds(k, position):
                    continue
                bound[k] = position
                if k == last:
                    yield list(bound)
                else:
                    yield from search(k + 1)

        yield from search(0)


class _NodeMatchers:
    """The distinct node patterns of a DependencyMatcher, found in a Doc.

    Node patterns that test a token's columns (``tokentests.token_tests``: nearly all)
    are decided per distinct (columns) of a token; the others run through a Matcher of
    the anchor node patterns over the whole Doc and one of the other node patterns over
    the trees where an anchor matched.
    """

    def __init__(self, vocab, nodes: list[tuple[list[dict], list[int], bool]]):
        self.vocab = vocab
        self.anchors, self.others = Matcher(vocab), Matcher(vocab)
        self.nodes_of: dict[int, list[int]] = {}  # rule -> inner keys of the nodes with its pattern
        self.tested: list[tuple[int, list, bool]] = []  # (rule, tests, anchor) of the column-tested patterns
        for number, (pattern, keys, anchor) in enumerate(nodes):
            rule = vocab.strings.add(f"node-{number}")
            self.nodes_of[rule] = keys
            tests = token_tests(pattern[0]) if len(pattern) == 1 else None
            if tests is None:
                (self.anchors if anchor else self.others).add(rule, [pattern])
            else:
                self.tested.append((rule, tests, anchor))
        self.tokens = TokenRules([((rule, anchor), tests) for rule, tests, anchor in self.tested], vocab.strings)

    def positions(self, doc: Doc) -> defaultdict:
        """root -> node key -> positions of the tokens matching it, in the trees with an
        anchor match (the roots in the order of their first anchor match). The nodes of
        one pattern share one list per tree (spaCy only reads them)."""
        positions: defaultdict = defaultdict(lambda: defaultdict(list))
        per_token = self.tokens(doc) if self.tested else []
        found = sorted(
            [(start, rule) for start, rules in enumerate(per_token) for rule, anchor in rules if anchor]
            + [(start, rule) for rule, start, _ in (self.anchors(doc) if len(self.anchors) else [])]
        )
        if not found:
            return positions  # no tree can match
        roots = tree_roots(doc).tolist()
        lists: dict[tuple[int, int], list[int]] = {}  # (root, rule) -> positions

        def file(rule: int, start: int) -> None:
            root = roots[start]
            filed = lists.get((root, rule))
            if filed is None:
                filed = lists[root, rule] = []
                by_node = positions[root]
                for node_key in self.nodes_of[rule]:
                    by_node[node_key] = filed
            filed.append(start)

        for start, rule in found:
            file(rule, start)
        anchored = [root in positions for root in roots]
        for start, rules in enumerate(per_token):
            if anchored[start]:
                for rule, anchor in rules:
                    if not anchor:
                        file(rule, start)
        if len(self.others):
            for first, end in _runs(np.array(anchored, dtype=bool)):
                for rule, start, _ in self.others(doc[first:end]):
                    file(rule, first + start)
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
    document has no parse). Pointer doubling: each step jumps twice as far up, so a
    chain of n heads takes log(n) steps."""
    roots = np.arange(len(doc), dtype=np.int64) + doc.to_array(HEAD).astype(np.int64)
    while True:
        above = roots[roots]
        if np.array_equal(above, roots):
            return roots
        roots = above


_TREE_KEY = "shared-node-dependency-matcher-tree"  # in spaCy's per-call cache (other keys are tuples)


def _plan(tree: dict, n: int) -> list[list[tuple[int, str, bool]]]:
    """For each node k, the relations between k and a node j < k, as (j, operator,
    whether k is the relation's right side); the pattern's root comes first."""
    plan: list[list[tuple[int, str, bool]]] = [[] for _ in range(n)]
    for left, relations in tree.items():
        for op, right in relations:
            if left < right:
                plan[right].append((left, op, True))
            elif right < left:
                plan[left].append((right, op, False))
            else:
                plan[left].append((left, op, True))  # a node in relation with itself
    return plan


class DependencyTree:
    """A Doc's dependency tree as lists: heads, children, and the order in which
    ``Token.subtree`` walks it (each token's left children's subtrees, the token, its
    right children's subtrees), in which the subtree of token i is one slice,
    ``order[first[i]:after[i]]``, token i at ``place[i]`` within it. "Is below" is then
    two comparisons, for non-projective trees too."""

    def __init__(self, doc: Doc):
        n = len(doc)
        heads = (np.arange(n, dtype=np.int64) + doc.to_array(HEAD).astype(np.int64)).tolist() if n else []
        self.heads = heads
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, head in enumerate(heads):
            if head != i:
                self.children[head].append(i)
        self.order: list[int] = []
        self.first = first = [0] * n
        self.after = after = [0] * n
        self.place = place = [0] * n
        order, children = self.order, self.children
        append = order.append
        # one int per stack entry: x < n enters token x, n + x places it, 2n + x leaves it
        n2 = 2 * n
        for root in (i for i, head in enumerate(heads) if head == i):
            stack = [root]
            pop, push, extend = stack.pop, stack.append, stack.extend
            while stack:
                x = pop()
                if x < n:
                    kids = children[x]
                    here = len(order)
                    first[x] = here
                    if not kids:  # a leaf: enter, place and leave at once
                        place[x] = here
                        append(x)
                        after[x] = here + 1
                        continue
                    push(x + n2)
                    split = bisect_left(kids, x)  # children are in ascending order
                    extend(reversed(kids[split:]))
                    push(x + n)
                    extend(reversed(kids[:split]))
                elif x < n2:
                    x -= n
                    place[x] = len(order)
                    append(x)
                else:
                    after[x - n2] = len(order)

    def subtree(self, i: int) -> list[int]:
        """The positions of ``Token.subtree`` of token i, in its order."""
        return self.order[self.first[i] : self.after[i]]

    def below(self, top: int, i: int) -> bool:
        """Whether token i is in the subtree of token ``top`` (``top`` itself included)."""
        return self.first[top] <= self.place[i] < self.after[top]

    def related_size(self, op: str, left: int) -> Optional[int]:
        """How many tokens ``related`` gives (None for the operators it does not know)."""
        if op == ">":
            return len(self.children[left])
        if op == "<":
            return 1
        if op == ">>":
            return self.after[left] - self.first[left] - 1
        return None

    def related(self, op: str, left: int) -> Optional[list[int]]:
        """The tokens in relation ``op`` to ``left`` (as its right side), for the
        operators this class knows; None for the others."""
        if op == ">":
            return self.children[left]
        if op == "<":
            head = self.heads[left]
            return [head] if head != left else []
        if op == ">>":
            return [i for i in self.order[self.first[left] : self.after[left]] if i != left]
        return None

    def holds(self, op: str, left: int, right: int, matcher, cache, doc) -> bool:
        """Whether ``right`` stands in relation ``op`` to ``left``, as spaCy decides."""
        if op == ">":
            return right != left and self.heads[right] == left
        if op == "<":
            return left != right and self.heads[left] == right
        if op == ">>":
            return right != left and self.below(left, right)
        if op == "<<":
            return right != left and self.below(right, left)
        return right in matcher._resolve_node_operator(cache, doc, left, op)
