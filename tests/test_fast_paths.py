"""The speed-ups that must not change any output (issue 7): each faster path is compared
with the straightforward computation it replaces, on the seed articles and on texts made
to hit the rare rules.

- speedups/fastrules.py: the attribute ruler's matches (table look-ups + a Matcher of
  the several-token rules) against spaCy's ``AttributeRuler.match``;
- speedups/fastlemmas.py: the lemmatizer's column-wise path against spaCy's ``__call__``;
  both components against spaCy's own on a few hundred Reuters articles (slow), and
  their life as components (pipe names, config, save and load, pickling);
- components/entities.py: money/percent patterns run by required words against one
  Matcher of all the patterns;
- components/paragraphs.py: sentence-start marks set at once against the token-by-token
  loop;
- batch.py: worker processes that send back rows (n_process=2), with a component failing
  or a worker dying.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

import pipeline
from pipeline import batch
from pipeline.components import entities
from pipeline.components.deals import DealRelations
from pipeline.components.entities import MONEY_FILE, _has_label_tie, _number_windows
from pipeline.components.paragraphs import (
    FINAL_PUNCTUATION,
    PARAGRAPH_BREAK,
    ParagraphBreaks,
    is_hard_wrapped,
    title_end,
)
from pipeline.speedups import fastlemmas, fastrules, tokentests
from pipeline.speedups.fastlemmas import FastLemmas, FastLemmatizer
from pipeline.speedups.fastrules import FastAttributeRuler, FastRuleMatch

slow = pytest.mark.slow

ODD_TEXTS = [
    "I ain't gonna do it, y'all. Let's go, c'mon! Nothin' 'nuff, ol' man. He gets it; she got it.",
    "There is a dog. There's a cat. It's me, and I saw you and it. Those who did, had done it.",
    "ACME SAYS IT WILL BUY WIDGET\n\nAcme Corp said it agreed to buy\nWidget Inc for about 40 mln dlrs, or 3-1/2 dlrs a share.\n"
    "    It holds as much as 51 pct, between 5 and 10 pct of the shares, and paid US$5.5mln and C$3 billion.\n",
    "Title Line Without Stop\nBody text here.\n\n\n  Next para.\nwrapped line\nmore text",
    "",
    " ",
    "\n\n",
    "One half and four fifths, dozens of millions of dollars, a few hundred million yen.",
]


def seed_texts(seeds_dir: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]


@pytest.fixture(scope="module")
def base_nlp():
    return spacy.load(pipeline.loader.default_model())


def test_attribute_ruler_matches_are_spacys(base_nlp, seeds_dir):
    ruler = base_nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    fast = FastRuleMatch(ruler)
    with base_nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(base_nlp.pipe(seed_texts(seeds_dir) + ODD_TEXTS))
    for doc in docs:
        assert fast(doc) == AttributeRuler.match(ruler, doc), doc.text[:60]


def test_attribute_ruler_cache_stays_bounded_and_right(base_nlp, seeds_dir, monkeypatch):
    monkeypatch.setattr(tokentests, "MAX_CACHE", 10)
    ruler = base_nlp.get_pipe("attribute_ruler")
    fast = FastRuleMatch(ruler)
    with base_nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(base_nlp.pipe(seed_texts(seeds_dir) + ODD_TEXTS))
    for doc in docs:
        assert fast(doc) == AttributeRuler.match(ruler, doc), doc.text[:60]
        assert len(fast.tokens.cache) <= 10


def test_attribute_ruler_annotations_unchanged(base_nlp, seeds_dir):
    texts = seed_texts(seeds_dir) + ODD_TEXTS
    fast_nlp = spacy.load(pipeline.loader.default_model())
    assert fastrules.install(fast_nlp) == [fastrules.FACTORY]
    assert isinstance(fast_nlp.get_pipe(fastrules.FACTORY), FastAttributeRuler)
    for plain, fast in zip(base_nlp.pipe(texts), fast_nlp.pipe(texts), strict=True):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in plain] == [
            (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in fast
        ]


def test_attribute_ruler_rules_added_later_are_used(base_nlp):
    nlp = spacy.load(pipeline.loader.default_model())
    fastrules.install(nlp)
    ruler = nlp.get_pipe(fastrules.FACTORY)
    nlp("Acme bought Widget.")  # tables built
    ruler.add([[{"LOWER": "widget"}]], {"POS": "INTJ"})
    ruler.add([[{"LOWER": "acme"}, {"LOWER": "bought"}]], {"LEMMA": "purchase"}, index=1)
    doc = nlp("Acme bought Widget.")
    assert doc[2].pos_ == "INTJ" and doc[1].lemma_ == "purchase"


def test_pipeline_load_installs_the_fast_ruler_and_lemmatizer(nlp):
    names = nlp.pipe_names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index(fastrules.FACTORY) < names.index(fastlemmas.FACTORY) < names.index("ner")
    assert type(nlp.get_pipe(fastrules.FACTORY)) is FastAttributeRuler
    assert type(nlp.get_pipe(fastlemmas.FACTORY)) is FastLemmatizer
    assert nlp.config["components"][fastrules.FACTORY]["factory"] == fastrules.FACTORY
    assert nlp.config["components"][fastlemmas.FACTORY]["factory"] == fastlemmas.FACTORY
    # patterns and lookups carried over from the base model's components
    base = spacy.load(pipeline.loader.default_model())
    assert nlp.get_pipe(fastrules.FACTORY).patterns == base.get_pipe("attribute_ruler").patterns
    fast_lookups, base_lookups = nlp.get_pipe(fastlemmas.FACTORY).lookups, base.get_pipe("lemmatizer").lookups
    assert fast_lookups.tables == base_lookups.tables and fast_lookups.to_bytes() == base_lookups.to_bytes()


def test_the_fast_components_are_the_same_code_for_one_text_and_a_stream(nlp, monkeypatch):
    """``nlp(text)`` and ``nlp.pipe`` both run the fast lemmatizer and ruler (spaCy's
    ``Pipe.pipe`` calls the component), not spaCy's per-token loop."""
    calls = []
    for cls, method in ((FastLemmas, "lemmatize"), (FastRuleMatch, "__call__")):
        original = getattr(cls, method)

        def counting(self, doc, _original=original, _name=cls.__name__):
            calls.append(_name)
            return _original(self, doc)

        monkeypatch.setattr(cls, method, counting)
    one = nlp("Acme sold its units.")
    assert calls == ["FastRuleMatch", "FastLemmas"]
    (many,) = nlp.pipe(["Acme sold its units."])
    assert calls == ["FastRuleMatch", "FastLemmas"] * 2
    assert [t.lemma_ for t in one] == [t.lemma_ for t in many] == ["Acme", "sell", "its", "unit", "."]


def test_only_spacys_own_ruler_and_english_lemmatizer_are_replaced():
    """spaCy's own AttributeRuler and EnglishLemmatizer are replaced (the lemmatizer in the
    rule or lookup modes), and put back by ``fast=False``; other components stay."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(fastrules.FACTORY, name="my_ruler")
    assert pipeline.loader.use_fast_components(nlp) == [fastlemmas.FACTORY]
    assert nlp.pipe_names == [fastlemmas.FACTORY, "sentencizer", "my_ruler"]
    assert pipeline.loader.use_fast_components(nlp, fast=False) == ["my_ruler", "lemmatizer"]
    assert nlp.pipe_names == ["lemmatizer", "sentencizer", "my_ruler"]
    assert type(nlp.get_pipe("my_ruler")).__name__ == "AttributeRuler"


LEMMA_TEXTS = [
    "The companies were buying shares; analysts said the bids had risen. Mice ran, geese flew, oxen were sold.",
    "She's been better-known, the best-known and the worst. They'd sold their holdings and bought bonds faster.",
    "Acme's units were spun off. It acquires, acquired and is acquiring stakes in Widget Inc's U.S. businesses.",
]


@pytest.mark.parametrize("max_cache", [fastlemmas.MAX_CACHE, 7])
def test_lemmas_are_spacys(base_nlp, seeds_dir, monkeypatch, max_cache):
    monkeypatch.setattr(fastlemmas, "MAX_CACHE", max_cache)
    lemmatizer = base_nlp.get_pipe("lemmatizer")
    with base_nlp.select_pipes(disable=["lemmatizer"]):
        docs = list(base_nlp.pipe(seed_texts(seeds_dir) + ODD_TEXTS + LEMMA_TEXTS))
    want = [[t.lemma_ for t in lemmatizer(doc.copy())] for doc in docs]
    fast = FastLemmas(lemmatizer)
    got = [[t.lemma_ for t in fast.lemmatize(doc.copy())] for doc in docs]
    assert got == want
    assert len(fast.cache) <= max_cache
    assert {"company", "buy", "rise"} <= set(got[-3])


def test_lemmatizer_speed_up_keeps_earlier_lemmas_and_reports_failures(base_nlp):
    nlp = spacy.load(pipeline.loader.default_model())
    fastlemmas.install(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "bought"}]], {"LEMMA": "purchase"})  # set before the lemmatizer: kept
    doc = next(nlp.pipe(["Acme bought Widget and sold Gadget."]))
    assert [t.lemma_ for t in doc][:5] == ["Acme", "purchase", "Widget", "and", "sell"]
    lemmatizer = nlp.get_pipe(fastlemmas.FACTORY)
    failed = []
    lemmatizer.set_error_handler(lambda name, proc, docs, exc: failed.append((name, len(docs))))
    lemmatizer.fast_lemmas.lemma = lambda token: 1 / 0
    assert lemmatizer(nlp.make_doc("Nothing cached here")) is None  # as spaCy's Lemmatizer
    assert failed == [(fastlemmas.FACTORY, 1)]
    with pytest.raises(ZeroDivisionError):  # spaCy's default handler raises
        lemmatizer.set_error_handler(spacy.util.raise_error)
        lemmatizer(nlp.make_doc("Nothing cached here"))


def test_amount_patterns_by_required_words_find_what_all_patterns_find(nlp, seeds_dir):
    ruler = nlp.get_pipe("spacy_deals_entities")
    names = nlp.pipe_names
    with nlp.select_pipes(disable=names[names.index("spacy_deals_entities") :]):
        docs = list(nlp.pipe(seed_texts(seeds_dir) + ODD_TEXTS))
    from spacy.attrs import LIKE_NUM, LOWER, ORTH

    windows = 0
    for doc in docs:
        words = doc.to_array([ORTH, LOWER, LIKE_NUM])
        for start, end in _number_windows(doc, {}):
            window = doc[start:end]
            assert sorted(ruler.amounts_needed(window, words[start:end])) == sorted(ruler.amounts(window))
            windows += 1
    assert windows > 20


def test_label_ties_are_noticed(nlp):
    doc = nlp.make_doc("51 pct of it")
    from spacy.tokens import Span

    assert _has_label_tie([Span(doc, 0, 2, label="MONEY"), Span(doc, 0, 2, label="PERCENT")])
    assert not _has_label_tie([Span(doc, 0, 2, label="PERCENT"), Span(doc, 0, 2, label="PERCENT")])
    assert not _has_label_tie([Span(doc, 0, 2, label="MONEY"), Span(doc, 0, 1, label="PERCENT")])


def _paragraph_marks_one_by_one(doc):
    """The sentence starts ParagraphBreaks sets, computed token by token."""
    text = doc.text
    wrapped = is_hard_wrapped(text)
    breaks = PARAGRAPH_BREAK if wrapped else re.compile(r"\n")
    title_end_at = title_end(text)
    for token in doc[:-1]:
        nxt = doc[token.i + 1]
        if (token.is_space and breaks.search(token.text)) or breaks.search(token.whitespace_):
            nxt.is_sent_start = True
        elif title_end_at and token.idx < title_end_at <= nxt.idx:
            nxt.is_sent_start = True
        elif wrapped and token.is_space and token.i > 0 and doc[token.i - 1].text[-1:] not in FINAL_PUNCTUATION:
            token.is_sent_start = False
            nxt.is_sent_start = False
    return doc


def test_paragraph_marks_as_token_by_token(nlp, seeds_dir):
    # (texts without an abbreviated company suffix before a sentence opener, "Corp. The",
    # which the component marks by a rule of its own before these)
    component = ParagraphBreaks()
    for text in (
        seed_texts(seeds_dir) + ODD_TEXTS + ["a", "Title\n", "HEADLINE HERE\nThe body goes on,\nand on.\n\nNew one."]
    ):
        expected = _paragraph_marks_one_by_one(nlp.make_doc(text))
        got = component(nlp.make_doc(text))
        assert [t.is_sent_start for t in got] == [t.is_sent_start for t in expected], text[:40]


def test_paragraph_marks_after_a_parse_raise_as_before(nlp):
    doc = nlp("A title line\nThe body.")
    with pytest.raises(ValueError):
        ParagraphBreaks()(doc)


SHORT_DEAL = "Acme Corp agreed to buy Widget Inc for $10 million in cash."


@slow
def test_workers_report_a_component_failure_with_its_reason(nlp, monkeypatch):
    original = DealRelations.__call__

    def exploding(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("BOOM: relation rules exploded")
        return original(self, doc)

    monkeypatch.setattr(DealRelations, "__call__", exploding)  # inherited by the forked workers
    records = [{"id": f"d{i}", "text": SHORT_DEAL} for i in range(5)]
    records.insert(3, {"id": "boom", "text": "BOOM. " + SHORT_DEAL})
    tables = pipeline.extract(records, nlp=nlp, n_process=2, batch_size=2)
    assert tables.errors["doc_id"].tolist() == ["boom"]
    assert "BOOM: relation rules exploded" in tables.errors.iloc[0]["error"]
    assert sorted(set(tables.mentions["doc_id"])) == [f"d{i}" for i in range(5)]


@slow
def test_a_dying_worker_loses_only_the_document_that_kills_it(nlp, monkeypatch):
    original = DealRelations.__call__

    def dying(self, doc):
        if "DIE" in doc.text:
            os._exit(3)  # a crash in native code, an out-of-memory kill
        return original(self, doc)

    monkeypatch.setattr(DealRelations, "__call__", dying)
    records = [{"id": f"d{i}", "text": SHORT_DEAL} for i in range(7)]
    records.insert(4, {"id": "die", "text": "DIE. " + SHORT_DEAL})
    stats = batch.RunStats()
    tables = pipeline.extract(records, nlp=nlp, n_process=2, batch_size=2, stats=stats)
    # only "die" is lost; its batch-mate d4 runs again on its own and comes through
    assert tables.errors["doc_id"].tolist() == ["die"]
    assert set(tables.errors["error"]) == {batch.KILLED_WORKER}
    assert sorted(set(tables.mentions["doc_id"])) == [f"d{i}" for i in range(7)]
    assert stats.documents == 7


def test_number_anchors_stay_bounded_and_right(nlp, seeds_dir, monkeypatch):
    """Long runs drop the remembered anchor words once full: the windows stay the same."""
    monkeypatch.setattr(entities, "MAX_ANCHORS", 5)
    docs = [nlp.make_doc(text) for text in seed_texts(seeds_dir) + ODD_TEXTS]
    anchors: dict[int, bool] = {}
    for doc in docs:
        windows = _number_windows(doc, anchors)
        assert len(anchors) <= 5
        monkeypatch.setattr(entities, "MAX_ANCHORS", 10**6)
        assert windows == _number_windows(doc, {})
        monkeypatch.setattr(entities, "MAX_ANCHORS", 5)


def test_amount_patterns_are_filed_once_under_a_rare_word_they_need(nlp):
    """Each money pattern sits in one Matcher, under a test it requires: a word test
    without stop words ("dlrs", not "a"; not LIKE_NUM) whenever the pattern has one."""
    from spacy.attrs import LIKE_NUM
    from spacy.strings import get_string_id

    ruler = nlp.get_pipe("spacy_deals_entities")
    required = ruler.amounts_needed
    entries = ruler.entries[MONEY_FILE]
    groups = list(required.groups) + [(None, required.untested)] * (required.untested is not None)
    stop_words = {get_string_id(word) for word in nlp.Defaults.stop_words}

    def rare(test) -> bool:
        return test is not None and test[0] != LIKE_NUM and stop_words.isdisjoint(test[1])

    for key, pattern in entries:
        homes = [test for test, matcher in groups if pattern in matcher.get(key, (None, []))[1]]
        tests = list(entities._required_tests(pattern))
        assert len(homes) == 1 and (homes[0] in tests or (homes[0] is None and not tests)), key
        assert rare(homes[0]) or not any(map(rare, tests)), key
    assert sum(rare(test) for test, _ in groups) > len(groups) // 2


def test_fast_lemmatizer_pickles_with_its_lemmatizer(nlp):
    import pickle

    copy = pickle.loads(pickle.dumps(nlp.get_pipe(fastlemmas.FACTORY)))
    assert isinstance(copy, FastLemmatizer) and copy.fast_lemmas.lemmatizer is copy
    ruler = pickle.loads(pickle.dumps(nlp.get_pipe(fastrules.FACTORY)))
    assert isinstance(ruler, FastAttributeRuler) and ruler.fast_match.ruler is ruler
    doc = nlp.make_doc("Widgets were sold.")
    for name, proc in nlp.pipeline[: nlp.pipe_names.index(fastrules.FACTORY)]:
        doc = proc(doc)
    doc = ruler(doc)
    assert [t.lemma_ for t in next(copy.pipe([doc]))] == ["widget", "be", "sell", "."]


def test_token_tests_read_column_patterns_only():
    from pipeline.speedups.tokentests import token_tests

    assert len(token_tests({"DEP": "prep", "LOWER": {"IN": ["in", "into"]}, "IS_SPACE": False})) == 3
    assert len(token_tests({"TEXT": {"REGEX": "^[A-Z]"}, "POS": {"NOT_IN": ["VERB"]}})) == 2
    for token in (
        {"LENGTH": {">=": 3}},
        {"_": {"flag": True}},
        {"LOWER": "a", "OP": "?"},
        {"IS_SPACE": "yes"},
        {"LOWER": {"IN": [1, 2]}},
        {"LOWER": {"FUZZY": "acme"}},
    ):
        assert token_tests(token) is None, token


def test_token_rules_are_the_matchers_with_a_tiny_cache(nlp, seeds_dir, monkeypatch):
    """Column tests filed by their most selective value, remembered per distinct token,
    give what a Matcher of the same one-token patterns gives, rule order kept."""
    from spacy.matcher import Matcher

    from pipeline.speedups.tokentests import TokenRules, token_tests

    patterns = [
        {"POS": "PROPN"},
        {"DEP": "prep", "LOWER": {"IN": ["in", "of"]}},
        {"TEXT": {"REGEX": r"\d"}},
        {"ENT_TYPE": "ORG", "POS": {"NOT_IN": ["PROPN"]}},
        {"LEMMA": {"IN": ["acquire", "buy"]}, "POS": "VERB"},
        {"IS_SPACE": True},
        {"POS": "PROPN", "DEP": "compound"},
    ]
    rules = TokenRules(
        [(number, token_tests(pattern)) for number, pattern in enumerate(patterns)], nlp.vocab.strings, max_cache=5
    )
    matcher = Matcher(nlp.vocab)
    for number, pattern in enumerate(patterns):
        matcher.add(str(number), [[pattern]])
    for doc in nlp.pipe(seed_texts(seeds_dir)[:2] + ODD_TEXTS):
        expected = [[] for _ in doc]
        for match_id, start, _ in sorted(matcher(doc), key=lambda m: (m[1], int(nlp.vocab.strings[m[0]]))):
            expected[start].append(int(nlp.vocab.strings[match_id]))
        assert rules(doc) == expected
        assert len(rules.cache) <= 5


def test_load_without_the_fast_paths_gives_the_same_tables(nlp, seeds_dir):
    """``pipeline.load(fast=False)`` keeps spaCy's own attribute ruler and lemmatizer
    (for debugging), and gives the same tables as the fast pipeline."""
    slow = pipeline.load(fast=False)
    assert "attribute_ruler" in slow.pipe_names and "lemmatizer" in slow.pipe_names
    assert not any(isinstance(pipe, (FastAttributeRuler, FastLemmatizer)) for _, pipe in slow.pipeline)
    assert type(slow.get_pipe("attribute_ruler")) is AttributeRuler
    records = [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in sorted(seeds_dir.glob("*.txt"))]
    fast_tables, slow_tables = pipeline.extract(records, nlp=nlp), pipeline.extract(records, nlp=slow)
    for name, frame in fast_tables.items():
        assert frame.equals(getattr(slow_tables, name)), name


REUTERS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl.gz"
REUTERS_ARTICLES = 300


def reuters_texts(n: int) -> list[str]:
    """The first ``n`` Reuters articles with a body (title, blank line, body), or a skip
    when the shared corpus is not beside the repository."""
    import gzip
    import json

    if not REUTERS.is_file():
        pytest.skip(f"{REUTERS} not available")
    texts = []
    with gzip.open(REUTERS, "rt", encoding="utf8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("text"):
                texts.append(f"{row['title']}\n\n{row['text']}" if row.get("title") else row["text"])
                if len(texts) == n:
                    break
    return texts


@slow
def test_fast_components_give_spacys_output_on_reuters(base_nlp):
    """Every token attribute the two components set (tag, POS, morphology, lemma), the
    same as spaCy's own components give, on a few hundred Reuters articles; through
    ``nlp.pipe`` and ``nlp(text)`` alike."""
    texts = reuters_texts(REUTERS_ARTICLES)
    fast_nlp = spacy.load(pipeline.loader.default_model())
    assert pipeline.loader.use_fast_components(fast_nlp) == [fastrules.FACTORY, fastlemmas.FACTORY]

    def columns(doc):
        return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]

    tokens = 0
    for text, plain, fast in zip(texts, base_nlp.pipe(texts), fast_nlp.pipe(texts), strict=True):
        assert columns(fast) == columns(plain), text[:60]
        tokens += len(plain)
    for text in texts[:20]:
        assert columns(fast_nlp(text)) == columns(base_nlp(text)), text[:60]
    assert tokens > 30_000
