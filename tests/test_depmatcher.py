"""The shared-node DependencyMatcher finds exactly what spaCy's finds, faster."""

from __future__ import annotations

import pickle

import numpy as np
import spacy
from spacy.matcher import DependencyMatcher

from pipeline.speedups.depmatcher import SharedNodeDependencyMatcher, tree_roots

TEXT = (
    "Acme Corp said it agreed to acquire Widget Inc for 40 mln dlrs in cash. "
    "The company was bought by Beta Holdings, which sold its stake in Gamma Ltd to Delta. "
    "Orion raised $50 million in a Series B round led by Vega Capital, with participation from Lyra. "
    "Shareholders of Tau Corp approved the merger with Sigma Inc on Tuesday."
)


def _both(nlp):
    source = nlp.get_pipe("spacy_deals_deal_relations").matcher
    spacy_matcher, shared = DependencyMatcher(nlp.vocab), SharedNodeDependencyMatcher(nlp.vocab)
    for key, patterns in source._raw_patterns.items():
        spacy_matcher.add(nlp.vocab.strings[key], patterns)
        shared.add(nlp.vocab.strings[key], patterns)
    return spacy_matcher, shared


def test_same_matches_in_the_same_order_as_spacy(nlp):
    spacy_matcher, shared = _both(nlp)
    doc = nlp(TEXT)
    expected = spacy_matcher(doc)
    assert len(expected) > 10
    assert shared(doc) == expected
    for sent in doc.sents:  # spans too
        assert shared(sent) == spacy_matcher(sent)


def test_distinct_node_patterns_are_fewer_than_nodes(nlp):
    spacy_matcher, shared = _both(nlp)
    nodes = shared._shared_matcher()
    assert len(nodes.nodes_of) < len(spacy_matcher._matcher) / 2
    assert sum(len(keys) for keys in nodes.nodes_of.values()) == len(spacy_matcher._matcher)
    anchors = sum(anchor for _, _, anchor in nodes.tested)
    assert 0 < anchors < len(nodes.tested) - anchors  # the trigger nodes
    assert len(nodes.anchors) == len(nodes.others) == 0  # all decided from token columns


def test_node_patterns_beyond_token_columns_go_through_a_matcher(nlp):
    """Patterns a token's columns cannot decide (a length, an extension attribute) give
    spaCy's matches too, alone and mixed with column-tested ones, as anchors and not."""
    from spacy.tokens import Token

    Token.set_extension("deals_test_flag", getter=lambda token: token.text.istitle(), force=True)
    patterns = {
        "LONG_VERB": [
            [
                {"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB", "LENGTH": {">=": 6}}},
                {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}},
            ]
        ],
        "TITLED_OBJ": [
            [
                {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": ["acquire", "sell", "buy"]}}},
                {"LEFT_ID": "v", "REL_OP": ">>", "RIGHT_ID": "o", "RIGHT_ATTRS": {"_": {"deals_test_flag": True}}},
            ]
        ],
        "PREP_OBJ": [
            [
                {"RIGHT_ID": "p", "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"REGEX": "^(by|in|to)$"}}},
                {"LEFT_ID": "p", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "pobj"}},
            ]
        ],
    }
    spacy_matcher, shared = DependencyMatcher(nlp.vocab), SharedNodeDependencyMatcher(nlp.vocab)
    for key, pattern in patterns.items():
        spacy_matcher.add(key, pattern)
        shared.add(key, pattern)
    nodes = shared._shared_matcher()
    assert len(nodes.anchors) == 1 and len(nodes.others) == 1 and len(nodes.tested) == 4
    doc = nlp(TEXT)
    expected = spacy_matcher(doc)
    assert {nlp.vocab.strings[key] for key, _ in expected} == set(patterns)
    assert shared(doc) == expected


def test_runs_of_true_values():
    from pipeline.speedups.depmatcher import _runs

    assert _runs(np.array([True, True, False, True, False, False, True])) == [(0, 2), (3, 4), (6, 7)]
    assert _runs(np.array([False, False])) == []
    assert _runs(np.array([], dtype=bool)) == []


def test_patterns_added_later_are_matched(nlp):
    shared = SharedNodeDependencyMatcher(nlp.vocab)
    doc = nlp("Acme bought Widget.")
    shared.add("BUY", [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "buy"}}]])
    assert len(shared(doc)) == 1
    shared.add(
        "OBJ",
        [
            [
                {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "buy"}},
                {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}},
            ]
        ],
    )
    assert [nlp.vocab.strings[key] for key, _ in shared(doc)] == ["BUY", "OBJ"]
    shared.remove("BUY")
    assert [nlp.vocab.strings[key] for key, _ in shared(doc)] == ["OBJ"]


def test_pickles_as_itself(nlp):
    _, shared = _both(nlp)
    copy = pickle.loads(pickle.dumps(shared))
    assert isinstance(copy, SharedNodeDependencyMatcher)
    doc = nlp(TEXT)
    assert copy(doc) == shared(doc)


def test_tree_roots():
    nlp = spacy.blank("en")
    assert tree_roots(nlp("no parse here")).tolist() == [0, 1, 2]


def test_spacy_private_hooks_still_exist():
    """SharedNodeDependencyMatcher overrides two private methods of spaCy's
    DependencyMatcher and reads its private pattern tables: a spaCy release that renames
    or reshapes them must fail here, not silently fall back to spaCy's slower search or
    give other matches."""
    import inspect

    for name, params in (
        ("_get_keys_to_position_maps", ["self", "doc"]),
        ("_get_matches", ["self", "cache", "doc", "tree", "tokens_to_key", "keys_to_position"]),
    ):
        hook = getattr(DependencyMatcher, name, None)
        assert callable(hook), f"spaCy's DependencyMatcher has no {name} any more"
        assert list(inspect.signature(hook).parameters) == params, name
        assert name in SharedNodeDependencyMatcher.__dict__, name  # still overridden here
    plain = DependencyMatcher(spacy.blank("en").vocab)
    plain.add("X", [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": "x"}}]])
    for table in ("_patterns", "_tokens_to_key", "_raw_patterns", "_callbacks", "_tree"):
        assert isinstance(getattr(plain, table, None), dict), table
