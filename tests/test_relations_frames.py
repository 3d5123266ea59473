"""Rule families of pipeline.relations on hand-built Docs, as spaCy tests its
DependencyMatcher: ``Doc(vocab, words=, heads=, deps=, ents=)`` with the parse written
out, so that a test fails for the rules and not for the statistical parser. The
end-to-end tests through the model are tests/test_deals.py and tests/test_deal_frames.py.
"""

from __future__ import annotations

import shutil

import pytest
import spacy
import yaml
from spacy.tokens import Doc

import pipeline.components.deals  # noqa: F401  (Doc._.deals, Doc._.doc_date, Span._.money)
import pipeline.components.docdata  # noqa: F401  (Span._.canonical)
from pipeline.patterns import patterns_dir
from pipeline.relations.engine import extract_deals
from pipeline.relations.lexicon import Lexicon


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


@pytest.fixture(scope="module")
def lex(vocab):
    return Lexicon(vocab)


def parse(vocab, rows: str, ents: list[tuple[int, int, str]]) -> Doc:
    """A Doc from one row per token, "word lemma POS TAG head dep" (head: the index of
    the head token, the token's own index for the root), and entities (start, end, label)."""
    table = [row.split() for row in rows.strip().splitlines()]
    iob = ["O"] * len(table)
    for start, end, label in ents:
        iob[start] = f"B-{label}"
        for i in range(start + 1, end):
            iob[i] = f"I-{label}"
    return Doc(
        vocab,
        words=[r[0] for r in table],
        lemmas=[r[1] for r in table],
        pos=[r[2] for r in table],
        tags=[r[3] for r in table],
        heads=[int(r[4]) for r in table],
        deps=[r[5] for r in table],
        ents=iob,
    )


def summary(deals) -> list[tuple]:
    return [
        (deal.type, [b.text for b in deal.buyers], deal.target.text, deal.seller.text if deal.seller else None)
        for deal in deals
    ]


# "Alder Corp acquired Birch Ltd."
ACTIVE = """
Alder alder PROPN NNP 1 compound
Corp corp PROPN NNP 2 nsubj
acquired acquire VERB VBD 2 ROOT
Birch birch PROPN NNP 4 compound
Ltd ltd PROPN NNP 2 dobj
. . PUNCT . 2 punct
"""

# "Birch Ltd was acquired by Alder Corp."
PASSIVE = """
Birch birch PROPN NNP 1 compound
Ltd ltd PROPN NNP 3 nsubjpass
was be AUX VBD 3 auxpass
acquired acquire VERB VBN 3 ROOT
by by ADP IN 3 agent
Alder alder PROPN NNP 6 compound
Corp corp PROPN NNP 4 pobj
. . PUNCT . 3 punct
"""

# "Cedar Inc sold Birch Ltd to Alder Corp."
SALE = """
Cedar cedar PROPN NNP 1 compound
Inc inc PROPN NNP 2 nsubj
{verb} {lemma} VERB VBD 2 ROOT
Birch birch PROPN NNP 4 compound
Ltd ltd PROPN NNP 2 dobj
to to ADP IN 2 dative
Alder alder PROPN NNP 7 compound
Corp corp PROPN NNP 5 pobj
. . PUNCT . 2 punct
"""


def test_active_verb_gives_buyer_and_target(vocab, lex):
    doc = parse(vocab, ACTIVE, [(0, 2, "ORG"), (3, 5, "ORG")])
    deals = extract_deals(doc, lex)
    assert summary(deals) == [("acquisition", ["Alder Corp"], "Birch Ltd", None)]
    assert deals[0].status == "completed"


def test_passive_voice_swaps_the_slots(vocab, lex):
    doc = parse(vocab, PASSIVE, [(0, 2, "ORG"), (5, 7, "ORG")])
    assert summary(extract_deals(doc, lex)) == [("acquisition", ["Alder Corp"], "Birch Ltd", None)]


def test_nominal_with_possessive_pronoun_takes_the_clause_subject(vocab, lex):
    # "Alder Corp completed its purchase of Birch Ltd."
    rows = """
Alder alder PROPN NNP 1 compound
Corp corp PROPN NNP 2 nsubj
completed complete VERB VBD 2 ROOT
its its PRON PRP$ 4 poss
purchase purchase NOUN NN 2 dobj
of of ADP IN 4 prep
Birch birch PROPN NNP 7 compound
Ltd ltd PROPN NNP 5 pobj
. . PUNCT . 2 punct
"""
    doc = parse(vocab, rows, [(0, 2, "ORG"), (6, 8, "ORG")])
    deals = extract_deals(doc, lex)
    assert summary(deals) == [("acquisition", ["Alder Corp"], "Birch Ltd", None)]
    assert deals[0].status == "completed"


def test_nominal_with_by_phrase(vocab, lex):
    # "The purchase of Birch Ltd by Alder Corp was completed."
    rows = """
The the DET DT 1 det
purchase purchase NOUN NN 9 nsubjpass
of of ADP IN 1 prep
Birch birch PROPN NNP 4 compound
Ltd ltd PROPN NNP 2 pobj
by by ADP IN 1 prep
Alder alder PROPN NNP 7 compound
Corp corp PROPN NNP 5 pobj
was be AUX VBD 9 auxpass
completed complete VERB VBN 9 ROOT
. . PUNCT . 9 punct
"""
    doc = parse(vocab, rows, [(3, 5, "ORG"), (6, 8, "ORG")])
    assert summary(extract_deals(doc, lex)) == [("acquisition", ["Alder Corp"], "Birch Ltd", None)]


def test_seller_side_class_gives_seller_and_buyer(vocab, lex):
    doc = parse(vocab, SALE.format(verb="sold", lemma="sell"), [(0, 2, "ORG"), (3, 5, "ORG"), (6, 8, "ORG")])
    assert summary(extract_deals(doc, lex)) == [("acquisition", ["Alder Corp"], "Birch Ltd", "Cedar Inc")]


def test_control_verb_and_coordinated_subjects_make_a_merger(vocab, lex):
    # "Alder Corp and Birch Ltd agreed to merge."
    rows = """
Alder alder PROPN NNP 1 compound
Corp corp PROPN NNP 5 nsubj
and and CCONJ CC 1 cc
Birch birch PROPN NNP 4 compound
Ltd ltd PROPN NNP 1 conj
agreed agree VERB VBD 5 ROOT
to to PART TO 7 aux
merge merge VERB VB 5 xcomp
. . PUNCT . 5 punct
"""
    doc = parse(vocab, rows, [(0, 2, "ORG"), (3, 5, "ORG")])
    deals = extract_deals(doc, lex)
    assert summary(deals) == [("merger", ["Alder Corp"], "Birch Ltd", None)]
    assert deals[0].status == "agreed"


def test_relative_clause_object_is_the_noun_it_describes(vocab, lex):
    # "Birch Ltd, which Alder Corp bought last year, makes pumps."
    rows = """
Birch birch PROPN NNP 1 compound
Ltd ltd PROPN NNP 10 nsubj
, , PUNCT , 1 punct
which which PRON WDT 6 dobj
Alder alder PROPN NNP 5 compound
Corp corp PROPN NNP 6 nsubj
bought buy VERB VBD 1 relcl
last last ADJ JJ 8 amod
year year NOUN NN 6 npadvmod
, , PUNCT , 1 punct
makes make VERB VBZ 10 ROOT
pumps pump NOUN NNS 10 dobj
. . PUNCT . 10 punct
"""
    doc = parse(vocab, rows, [(0, 2, "ORG"), (4, 6, "ORG")])
    assert summary(extract_deals(doc, lex)) == [("acquisition", ["Alder Corp"], "Birch Ltd", None)]


def test_round_led_by_an_investor(vocab, lex):
    # "Birch Ltd raised a Series B round led by Alder Capital."
    rows = """
Birch birch PROPN NNP 1 compound
Ltd ltd PROPN NNP 2 nsubj
raised raise VERB VBD 2 ROOT
a a DET DT 6 det
Series series PROPN NNP 5 compound
B b PROPN NNP 6 compound
round round NOUN NN 2 dobj
led lead VERB VBN 6 acl
by by ADP IN 7 agent
Alder alder PROPN NNP 10 compound
Capital capital PROPN NNP 8 pobj
. . PUNCT . 2 punct
"""
    doc = parse(vocab, rows, [(0, 2, "ORG"), (9, 11, "ORG")])
    deals = extract_deals(doc, lex)
    assert summary(deals) == [("investment", ["Alder Capital"], "Birch Ltd", None)]
    assert deals[0].round == "Series B"


def test_no_trigger_word_no_deal(vocab, lex):
    rows = """
Alder alder PROPN NNP 1 compound
Corp corp PROPN NNP 2 nsubj
praised praise VERB VBD 2 ROOT
Birch birch PROPN NNP 4 compound
Ltd ltd PROPN NNP 2 dobj
. . PUNCT . 2 punct
"""
    assert extract_deals(parse(vocab, rows, [(0, 2, "ORG"), (3, 5, "ORG")]), lex) == []


def test_a_class_declared_in_data_works_like_the_shipped_ones(vocab, tmp_path):
    """A new trigger class needs only its entry in triggers.yml: its frame and flags
    give the roles, through the same slots and rules as every other class."""
    for name in ("triggers.yml", "deal_relations.json"):
        shutil.copyfile(patterns_dir() / name, tmp_path / name)
    path = tmp_path / "triggers.yml"
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules["classes"]["hand_over"] = {
        "type": "divestiture",
        "flags": ["seller_side"],
        "verbs": ["hand"],
        "nouns": [],
        "frame": {"subject": "seller", "object": "target", "to-buyer": "buyer"},
    }
    path.write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")
    doc = parse(vocab, SALE.format(verb="handed", lemma="hand"), [(0, 2, "ORG"), (3, 5, "ORG"), (6, 8, "ORG")])
    assert extract_deals(doc, Lexicon(vocab)) == []
    deals = extract_deals(doc, Lexicon(vocab, str(tmp_path)))
    assert summary(deals) == [("acquisition", ["Alder Corp"], "Birch Ltd", "Cedar Inc")]
