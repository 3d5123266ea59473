"""Deal relations: who buys, invests in, merges with or sells whom, for how much.

A deal is found from a *trigger* word ("acquire", "stake", "merger", "bid", ...; classes
in ``patterns/triggers.yml``). ``DependencyMatcher`` patterns in
``patterns/deal_relations.json`` attach the parties to the trigger through the parse
(subject, object, "by"-agent, "of"/"in"/"for"/"from"/"to" objects, possessor). Rules in
this module then resolve each party to an organisation (through stakes, units,
pronouns and "the company"), pick the money, stake, valuation, round and date that belong
to the trigger, and read the status from the words governing it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional

from spacy.attrs import IDX, LEMMA, POS
from spacy.language import Language
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from ..dates import normalize_date
from ..errors import PatternError
from ..names import norm_key
from ..patterns import PatternFilesMixin, load_json, load_yaml, require_keys
from ..schema import Deal
from ..speedups.depmatcher import DependencyTree, SharedNodeDependencyMatcher
from . import docdata  # noqa: F401  (declares doc._.deals)
from .money import parse_percent
from .paragraphs import is_heading, title_end

Doc.set_extension("doc_date", default=None, force=True)

ROLES = ("buyer", "target", "seller", "survivor")
# Word lists of triggers.yml: component attribute -> key in the file.
WORD_LISTS = {
    "reporting_verbs": "reporting_verbs",
    "ownership_nouns": "ownership_nouns",
    "unit_nouns": "unit_nouns",
    "non_deal_money": "non_deal_money_heads",
    "valuation_cues": "valuation_cues",
    "anaphora_nouns": "anaphora_nouns",
    "pronouns": "pronouns",
    "member_nouns": "member_nouns",
    "holding_nouns": "holding_nouns",
    "answer_verbs": "answer_verbs",
    "deal_nouns": "deal_nouns",
    "group_nouns": "group_nouns",
    "group_links": "group_links",
    "control_nouns": "control_nouns",
    "participation_nouns": "round_participation_nouns",
    "participation_verbs": "round_participation_verbs",
    "leader_verbs": "round_leader_verbs",
    "round_nouns": "round_nouns",
    "refusal_cues": "refusal_cues",
    "non_equity_funding": "non_equity_funding",
    "non_parties": "non_parties",
    "weak_raise_verbs": "weak_raise_verbs",
    "denial_cues": "denial_cues",
    "date_end_cues": "date_end_cues",
    "date_end_preps": "date_end_preps",
    "debt_nouns": "debt_nouns",
    "offering_nouns": "offering_nouns",
    "descriptor_nouns": "descriptor_nouns",
}
# Parts of speech a trigger word found without a dependency pattern may have.
TRIGGER_POS = frozenset({NOUN, PROPN, VERB})
# Entity labels that can be a party to a deal (persons invest too).
PARTY_LABELS = frozenset({"ORG", "PERSON"})
# Entities that may head a party phrase: "49% of Scale AI", "35,000 Bamberger shares".
QUANTITY_LABELS = frozenset({"PERCENT", "MONEY", "CARDINAL", "QUANTITY"})
# A trigger in a purpose or controlled clause of another trigger states the same deal:
# "invest $15 billion to acquire 49% of Y".
SAME_DEAL_DEPS = frozenset({"advcl", "xcomp"})
# Verbs whose subject a controlled verb shares: "X agreed to buy", "X plans to invest".
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# How far after a round noun its investors ("... round in May with X") and its date
# ("a funding round in 2024") may stand when the parse attaches them elsewhere.
ROUND_INVESTORS_WINDOW = 10
DATE_AFTER_NOUN = 3
# Tokens ("<", "the") that may stand between a verb and the organisation it takes.
ADJACENT_OBJECT_GAP = 3
# Arcs climbed from a noun trigger to the verb that governs it: "completed the
# acquisition", "made a bid", "agreed on a merger".
# Prepositions whose object is the target, by trigger class, when the parser leaves them
# without one ("offer for Spanish group Y SA had lapsed", "invested $50 million in Y Corp.
# The money ..." with "Corp." read as the full stop).
DANGLING_TARGET_PREPS = {
    "for": ("bid", "acquire"),
    "in": ("invest", "stake"),
    "of": ("acquire", "sell", "stake"),
    "with": ("merge",),
}
# Reporting verbs whose object deal is the subject's own: "X announced the acquisition of Y".
ANNOUNCING_VERBS = frozenset({"announce", "unveil", "confirm", "disclose", "report"})
# Words that make money received a funding: "received $5 million in funding".
FUNDING_WORDS = frozenset({"funding", "financing", "investment", "capital", "round", "backing", "equity"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
# The reporting company in its own words (filings): "we acquired Y", "the Company sold".
FIRST_PERSON = frozenset({"we", "our", "us", "ourselves"})
SELF_NOUNS = frozenset({"Company", "Partnership", "Registrant", "Corporation", "Trust", "Bank", "Fund"})
GENERIC_NAME_WORDS = frozenset(
    {"company", "partnership", "registrant", "corporation", "trust", "bank", "fund", "group"}
)
# The preposition that marks the buyer when the parser hangs it on the object or the
# amount, by (trigger class, voice): "sold its unit to Y", "was acquired ... by Y".
BUYER_PREPS = {
    ("sell", "active"): "to",
    ("sell", "noun"): "to",
    ("acquire", "passive"): "by",
    ("invest", "passive"): "by",
    ("bid", "passive"): "by",
    ("acquire", "noun"): "by",
    ("raise", "active"): "from",
}
MISATTACHED_WINDOW = 6
# Labels the small model gives company names it does not know ("CodeKatta" a product).
MISLABELLED_NAMES = frozenset({"FAC", "PRODUCT", "WORK_OF_ART"})
# ... or a place, when it is the very subject or object of the deal verb ("Kinross acquired Echo Bay")
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Labels the model gives the name of a unit ("its Garrison Wire unit" as a facility).
UNIT_NAME_LABELS = frozenset({"", "GPE", "PERSON", "NORP", "FAC", "PRODUCT", "LOC", "WORK_OF_ART"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
# How far (in words) back the person a "he" stands for may be named.
PERSON_PRONOUN_WINDOW = 80
SUFFIX_WORDS = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "ltd",
        "limited",
        "llc",
        "lp",
        "llp",
        "plc",
        "sa",
        "ag",
        "nv",
        "bv",
        "gmbh",
        "se",
        "spa",
        "srl",
        "sro",
        "sarl",
        "kk",
        "pte",
        "pty",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
    }
)
# Subjects that name a round's investors: "The investors were X and Y".
INVESTOR_NOUNS = frozenset(
    {"investor", "backer", "participant", "investors", "backers", "participants", "shareholder", "shareholders"}
)
MONEY_NOUNS = frozenset({"money", "cash", "proceeds", "funds", "fund"})
# How a group names its members: "a consortium of A and B", "investors including A and
# B", "a group made up of A and B" / "comprising A and B".
MEMBER_PREPS = frozenset({"of", "including", "includes"})
MEMBER_VERBS = frozenset({"make", "compose", "consist"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
DATELINE_FOLLOWERS = frozenset({"(", ",", "-", "--", "\u2014", "\u2013"})
# Noun triggers that state a deal with a named target and no buyer ("the acquisition of Y").
MISATTACHED_STOPS = frozenset({"for", ",", ";", ".", "in", "at", "which", "who", "that", "from"})
# Smaller amounts are prices per share, not what a deal is worth.
MIN_DEAL_AMOUNT = 1000.0
NOUN_CLIMB_DEPS = frozenset({"dobj", "pobj", "prep", "attr", "nsubj", "nsubjpass"})
# Arcs that leave the trigger's clause: words above them ("may downgrade X because Y
# made an offer", "said") do not set the deal's status.
CLAUSE_BOUNDARY_DEPS = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis"})
# How a deal hangs from a word of negotiation: "talks to buy" (acl), "talks on a merger"
# (pobj, prep), "talks about acquiring" (pcomp), at most two arcs up.
TALKS_LINK_DEPS = frozenset({"acl", "xcomp", "pcomp", "pobj", "prep"})
TALKS_MAX_STEPS = 2
# Words by which a bid's target takes it: the bid becomes an agreed deal.
ACCEPTING_WORDS = frozenset({"agree", "accept", "approve", "sign"})
# Nouns of negotiation: a deal under them is rumored.
NEGOTIATION_WORDS = frozenset({"talk", "discussion", "negotiation", "rumor", "rumour", "speculation"})
MODALS = frozenset({"may", "might", "could", "would"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
ROUND_RE = re.compile(
    r"\b(?:Series\s+([A-J])(?:-?\d)?\b|(pre-seed|seed)\s+(?:round|funding|financing)|(IPO|initial public offering))",
    re.I,
)
# Tokens between a money amount and its trigger that we may walk through.
MAX_MONEY_HOPS = 4
STAKE_FOR_ACQUISITION = 50.0
# The farthest an amount, stake or date that belongs to a trigger can hang below it (or
# below its head or the head's head: _hops_to), in arcs, and stand before or after it
# in words (_just_before, DATE_AFTER_NOUN): only these are looked at for a trigger,
# not every entity of its sentence.
NEAR_ENTITY_ARCS = MAX_MONEY_HOPS + 2
NEAR_ENTITY_WORDS = 4
# How far a word that makes a date the end of a period may stand: arcs above the date
# (below the trigger), words before it (DealRelations._ends_a_period).
DATE_END_ARCS = 4
DATE_END_WORDS = 3


@dataclass(frozen=True)
class TriggerClass:
    name: str
    type: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    status: Optional[str] = None
    requires_object: frozenset[str] = frozenset()
    requires_modifier: frozenset[str] = frozenset()
    requires_target: bool = False
    requires_money_or_round: bool = False
    seller_side: bool = False
    # verbs that state the class only with a particle or complement after them:
    # lemma -> words ("snap up", "take over", "take X private")
    phrasal: tuple[tuple[str, frozenset[str]], ...] = ()
    # verbs that state the class on their own (a lemma may be both: "take")
    plain_verbs: frozenset[str] = frozenset()
    # verbs that describe a holding, not a change, in a relative clause ("who own 30 pct")
    static_verbs: frozenset[str] = frozenset()
    # nouns that state a deal with a named target and no buyer ("the acquisition of Y")
    unnamed_buyer_nouns: frozenset[str] = frozenset()


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
        title_chars = title_end(_opening_text(doc))
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


def _opening_text(doc: Doc) -> str:
    """The text of ``doc`` up to the first line break and the character after it: all
    that title_end reads (``doc.text`` would join every token)."""
    parts = []
    for token in doc:
        parts.append(token.text_with_ws)
        if "\n" in parts[-1] and token.i + 1 < len(doc):
            parts.append(doc[token.i + 1].text_with_ws)
            break
    return "".join(parts)


@Language.factory(
    "spacy_deals_deal_relations",
    default_config={"patterns_dir": None, "min_confidence": 0.0},
    assigns=["doc._.deals"],
    requires=["doc.ents", "token.dep", "token.lemma", "span._.money"],
)
def make_deal_relations(
    nlp: Language, name: str, *, patterns_dir: Optional[str], min_confidence: float
) -> DealRelations:
    return DealRelations(nlp, name, patterns_dir=patterns_dir, min_confidence=min_confidence)


class DealRelations(PatternFilesMixin):
    """Find deals in a parsed Doc and store them as ``doc._.deals``."""

    pattern_files = ("triggers.yml", "deal_relations.json")

    def __init__(
        self,
        nlp: Language,
        name: str = "spacy_deals_deal_relations",
        *,
        patterns_dir: Optional[str] = None,
        min_confidence: float = 0.0,
    ):
        self.name = name
        self.vocab = nlp.vocab
        self.min_confidence = min_confidence
        self.patterns_dir = patterns_dir
        self.load_patterns(patterns_dir)

    def load_patterns(self, patterns_dir) -> None:
        rules = load_yaml("triggers.yml", patterns_dir)
        self.classes = _trigger_classes(rules)
        cues = rules.get("status_cues", {})
        self.status_cues = {status: frozenset(words) for status, words in cues.items()}
        require_keys(rules, tuple(WORD_LISTS.values()), "triggers.yml")
        for attribute, key in WORD_LISTS.items():
            setattr(self, attribute, frozenset(rules[key]))
        self.non_party_keys = frozenset(norm_key(name) for name in self.non_parties)
        self.relations = load_json("deal_relations.json", patterns_dir)["relations"]
        self.trigger_lemmas = frozenset().union(*(cls.verbs | cls.nouns for cls in self.classes.values()))
        # lemma hashes, lower-cased and as written ("Merger" in a title-case line)
        self.trigger_hashes = frozenset(
            self.vocab.strings.add(form) for lemma in self.trigger_lemmas for form in (lemma, lemma.capitalize())
        )
        self.matcher = SharedNodeDependencyMatcher(self.vocab, validate=True)
        self.relation_roles: dict[str, dict[str, str]] = {}
        for relation in self.relations:
            self._add_relation(relation)

    def _add_relation(self, relation: dict) -> None:
        where = f"deal_relations.json, relation {relation.get('id', '?')!r}"
        require_keys(relation, ("id", "pos", "roles", "pattern"), where)
        unknown = set(relation["roles"]) - set(self.classes)
        if unknown:
            raise PatternError(f"{where}: unknown trigger class(es) {sorted(unknown)}; known: {sorted(self.classes)}")
        pos = relation["pos"]
        if pos not in ("verb", "noun"):
            raise PatternError(f"{where}: 'pos' must be 'verb' or 'noun', not {pos!r}")
        # Every relation's trigger node takes the words of every class: the trigger nodes
        # are then one node pattern per part of speech, matched once for all relations
        # (depmatcher.py), and matches of a class the relation has no role for are
        # dropped in _frames all the same.
        lemmas = sorted(set().union(*(getattr(cls, pos + "s") for cls in self.classes.values())))
        tags = ["VERB", "AUX"] if pos == "verb" else ["NOUN", "PROPN"]
        trigger = {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"IN": lemmas}, "POS": {"IN": tags}}}
        key = f"{relation['id']}"
        try:
            self.matcher.add(key, [[trigger, *relation["pattern"]]])
        except ValueError as err:
            raise PatternError(f"{where}: invalid DependencyMatcher pattern: {err}") from err
        self.relation_roles[key] = relation["roles"]

    # --- pipeline -------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if self.trigger_hashes.isdisjoint(doc.to_array(LEMMA).tolist()):
            doc._.deals = []
            return doc
        self.index = DocIndex(doc)
        self.headlines = False
        deals = self._find(doc)
        if not deals and any(self.index.headline):
            # a text whose only deal is told in a title-case heading ("Office Depot Sells
            # CompuCom In $305 Mln Deal", a filing's caption)
            self.headlines = True
            self.index.deals = []
            deals = self._find(doc)
        self._add_round_investors(doc, deals)
        deals = _merge_same(deals)
        named = [deal for deal in deals if deal.buyers]
        # a deal with no buyer named whose target another deal gives a buyer: the same deal
        # "the acquisition of Y" with no buyer named: kept in a text that names no buyer
        # elsewhere (a filing's own deals); beside named deals it is most often one of
        # them told again, or a deal whose buyer is named far away
        reported = any(token.lemma_ == "say" for token in doc)
        deals = [deal for deal in deals if not ((named or reported) and self._unnamed_nominal(deal))]
        # a sale told again without its buyer ("the sale of Y" after "X agreed to sell Y
        # to Z"), or without buyer and seller: the same deal
        kept: list[Deal] = []
        for deal in deals:
            if (
                deal.type == "divestiture"
                and not deal.buyers
                and any(
                    _same(deal.target, other.target)
                    for other in deals
                    if other is not deal
                    and (other.buyers or deal.seller is None and (other.seller is not None or other in kept))
                )
            ):
                continue
            kept.append(deal)
        deals = kept
        doc._.deals = [deal for deal in deals if deal.confidence >= self.min_confidence]
        return doc

    def _find(self, doc: Doc) -> list[Deal]:
        deals = []
        for frame in self._frames(doc):
            found = self._deals(frame)
            deals.extend(found)
            self.index.deals.extend(found)
        return deals

    def _headlines_too(self, trigger: Token) -> bool:
        """Whether a trigger in a heading is read: on the second pass, in a heading not
        written in capitals."""
        if not self.headlines:
            return False
        sent = self._sent(trigger)
        letters = [c for c in sent.text if c.isalpha()]
        return bool(letters) and sum(c.isupper() for c in letters) < 0.6 * len(letters)

    def _add_round_investors(self, doc: Doc, deals: list[Deal]) -> None:
        """Investors named apart from their funding round join it: "..., with
        participation from X and Y", "The round was led by X.", "Y and Z also invested."
        (the round of the same sentence, else the last round stated before)."""
        rounds = [deal for deal in deals if deal.trigger is not None and self._is_round(deal)]
        if not rounds:
            return
        for sent in doc.sents:
            investors = self._round_participants(sent)
            if not investors:
                continue
            same = [deal for deal in rounds if deal.evidence.start == sent.start]
            # a round told in one of the two sentences before
            before = next(
                (
                    deal
                    for deal in reversed(rounds)
                    if deal.evidence.start < sent.start and self._sentences_between(deal.evidence, sent, most=1) <= 1
                ),
                None,
            )
            deal = same[0] if same else before
            if deal is None:
                continue
            for investor in investors:
                if not _same(investor, deal.target) and all(not _same(investor, b) for b in deal.buyers):
                    deal.buyers.append(investor)
            if not same and sent.start - deal.evidence.end <= 1 and sent.end > deal.evidence.end:
                deal.evidence = doc[deal.evidence.start : sent.end]  # the next sentence names them

    def _sentences_between(self, first: Span, later: Span, most: Optional[int] = None) -> int:
        """How many sentences hold a word between two spans (counted up to ``most`` + 1
        at most: a sentence at a time, not a word at a time)."""
        doc, sent_at = first.doc, self.index.sent_at
        count, i = 0, first.end
        while i < later.start and (most is None or count <= most):
            sent = sent_at[i]
            end = min(sent.end, later.start)
            if any(not doc[j].is_space for j in range(i, end)):
                count += 1
            i = end
        return count

    def _is_round(self, deal: Deal) -> bool:
        cls = self._class_of(deal.trigger[0])
        return deal.round is not None or (cls is not None and cls.name == "raise")

    def _round_participants(self, sent: Span) -> list[Span]:
        """Organisations and people a sentence names as taking part in a round."""
        found: list[Span] = []
        for token in sent:
            lemma = token.lemma_.lower()
            heads: list[Token] = []
            if lemma in self.participation_nouns:
                # "with participation from X and Y"
                heads = [
                    pobj
                    for prep in token.children
                    if prep.lower_ in ("from", "by", "of")
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                ]
            elif (
                token.pos_ == "VERB"
                and (lemma in self.leader_verbs or token.lower_ in self.leader_verbs)
                and any(c.dep_ == "agent" for c in token.children)
                and self._leads_a_round(token)
            ):
                # "The round was led by X", "co-led by X and Y", "backed by X", "and joined by Y"
                heads = [
                    pobj
                    for agent in token.children
                    if agent.dep_ == "agent"
                    for pobj in agent.children
                    if pobj.dep_ == "pobj"
                ]
            elif token.pos_ == "VERB" and lemma in self.participation_verbs and self._joins_round(token):
                # "Y and Z also invested", "Y joined the round", "Z took part"
                heads = [c for c in token.children if c.dep_ == "nsubj"]
            elif (
                token.pos_ == "VERB"
                and lemma in self.leader_verbs
                and any(c.dep_ == "dobj" and c.lemma_.lower() in self.round_nouns for c in token.children)
            ):
                # "X led the investment", "X and Y co-led the round"
                heads = [c for c in token.children if c.dep_ == "nsubj"]
            elif lemma in ("be", "include") and any(
                c.dep_ in SUBJECT_DEPS and c.lemma_.lower() in INVESTOR_NOUNS for c in token.children
            ):
                # "The investors were X, Y and Z", "Other participants included X and Y",
                # "Backers in the round include X"
                heads = [c for c in token.children if c.dep_ in ("attr", "dobj")]
            elif lemma == "come" and any(
                c.dep_ == "nsubj" and (c.lemma_.lower() in FUNDING_WORDS or c.lemma_.lower() in MONEY_NOUNS)
                for c in token.children
            ):
                # "the money came from X and Y"
                heads = [
                    pobj
                    for prep in token.children
                    if prep.dep_ == "prep" and prep.lower_ == "from"
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                ]
            for head in heads:
                # a name the model missed in the list: "X and Northcote Angels"
                for conj in [head, *head.conjuncts]:
                    named = self._untagged_name(conj)
                    if named is not None and all(not _same(named, other) for other in found):
                        found.append(named)
                # every name in the phrase: the parser often hangs "X and Y" on the last;
                # not those described in it ("Y, the venture arm of Z")
                for member in head.subtree:
                    ent = self._ent(member)
                    if ent is None or ent.label_ not in PARTY_LABELS or ent in found:
                        continue
                    if any(a.dep_ == "appos" and self._ent(a.head) is not None for a in _ancestors_below(member, head)):
                        continue  # "X, the venture arm of Z": Z only describes X
                    found.append(ent)
        return found

    def _untagged_name(self, token: Token) -> Optional[Span]:
        """A capitalised proper noun with its compounds that the model tagged as no
        entity ("Northcote Angels")."""
        if token.pos_ != "PROPN" or token.ent_type_ or not token.text[:1].isupper() or _bracketed(token):
            return None
        doc = token.doc
        start = token.i
        while (
            start > 0
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].head.i == token.i
            and doc[start - 1].pos_ == "PROPN"
            and not doc[start - 1].ent_type_
        ):
            start -= 1
        if start == token.i and self.index.headline[token.i]:
            return None
        span = Span(doc, start, token.i + 1, label="ORG")
        return None if ROUND_RE.fullmatch(span.text) else span

    def _leads_a_round(self, verb: Token) -> bool:
        """ "the round was led by X", "a Series B round co-led by X", "funding backed by X"
        (not "follows a Series A in 2022 led by X": an earlier round)."""
        led = (
            verb.head
            if verb.dep_ in ("acl", "relcl")
            else next((c for c in verb.children if c.dep_ == "nsubjpass"), verb.head)
        )
        return led.lemma_.lower() in self.round_nouns or led.lemma_.lower() in FUNDING_WORDS or led.i == verb.i

    def _joins_round(self, verb: Token) -> bool:
        """ "also invested", "joined the round", "took part in the financing" (not
        "also investing in AI": an object of its own is another investment)."""
        objects = [
            pobj
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in ("in", "into")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        if any(o.lemma_.lower() not in self.round_nouns for o in objects):
            return False
        if any(c.dep_ == "advmod" and c.lower_ == "also" for c in verb.children):
            return verb.lemma_.lower() != "take" or any(c.lower_ == "part" for c in verb.children)
        if verb.lemma_.lower() == "participate":
            return True  # "with existing investors X and Y participating"
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [
            pobj for prep in verb.children if prep.dep_ == "prep" for pobj in prep.children if pobj.dep_ == "pobj"
        ]
        return any(o.lemma_.lower() in self.round_nouns for o in objects) and verb.lemma_.lower() != "invest"

    def _frames(self, doc: Doc) -> list[Frame]:
        frames: dict[int, Frame] = {}
        # one call over the whole document: parse trees do not cross sentences, and
        # sentences without a trigger word match nothing (cheaper than a call per sentence)
        # the matcher uses the index's tree (one tree per Doc for both)
        index = self.index
        self.matcher.tree_for = lambda d: index.tree if d is index.doc else DependencyTree(d)
        try:
            matches = self.matcher(doc)
        finally:
            self.matcher.tree_for = None
        for match_id, token_ids in matches:
            key = doc.vocab.strings[match_id]
            trigger = doc[token_ids[0]]
            arg = doc[token_ids[-1]]
            cls = self._class_of(trigger)
            if cls is None or self.index.headline[trigger.i] and not self._headlines_too(trigger):
                continue
            role = self.relation_roles[key].get(cls.name)
            if role is None:
                continue
            frame = frames.setdefault(trigger.i, Frame(trigger, cls))
            if arg not in frame.args[role]:
                frame.args[role].append(arg)
        for i in self._trigger_words(doc):
            if i not in frames:
                cls = self._class_of(doc[i])
                if cls is not None and (not self.index.headline[i] or self._headlines_too(doc[i])):
                    frames[i] = Frame(doc[i], cls)
        for frame in frames.values():
            if (
                frame.trigger.pos_ == "NOUN"
                and not frame.args["buyer"]
                and frame.cls.name in ("acquire", "bid", "merge")
            ):
                # "the PCP acquisition of Titan Corp": the name before the noun is the
                # buyer when an "of" phrase names the target
                compounds = [a for a in frame.args["target"] if a.dep_ == "compound" and a.head.i == frame.trigger.i]
                if compounds and any(a.dep_ == "pobj" and a.head.lower_ == "of" for a in frame.args["target"]):
                    frame.args["buyer"] = compounds
                    frame.args["target"] = [a for a in frame.args["target"] if a not in compounds]
            if frame.cls.name == "raise" and frame.trigger.pos_ == "NOUN" and not frame.args["buyer"]:
                frame.args["buyer"] = self._round_investors(frame)
            self._adjacent_object(frame)
            self._dangling_for(frame)
            self._inherit_subject(frame)
            self._inherit_noun_subject(frame)
        for i in sorted(frames, reverse=True):
            frame = frames[i]
            parent = frames.get(frame.trigger.head.i)
            parent = parent or self._governing_frame(frame.trigger, frames) or _offer_of_purpose(frame.trigger, frames)
            holding_after = False
            if parent is None and frame.trigger.dep_ == "relcl" and frame.cls.name in ("stake", "reduce_stake"):
                # "sold a 9.5% stake in Y, which reduces its holding to 20.5%": the holding
                # after the same deal (its stake only; the holder is no new party)
                parent = next((frames[a.i] for a in frame.trigger.ancestors if a.i in frames), None)
                holding_after = parent is not None
            same = (
                parent is not None
                and parent.trigger.i != frame.trigger.head.i
                or frame.trigger.dep_ in SAME_DEAL_DEPS
                or (frame.trigger.dep_ == "dobj" and frame.trigger.pos_ == "NOUN")
                or (
                    frame.trigger.dep_ in ("acl", "relcl")
                    and any(c.lower_ == "to" and c.dep_ == "aux" for c in frame.trigger.children)
                )
            )
            if holding_after:
                parent.absorbed.append(frame.trigger)
                del frames[i]
                continue
            if same and parent is not None and parent is not frame:
                for role in ROLES:
                    parent.args[role] += [arg for arg in frame.args[role] if arg not in parent.args[role]]
                parent.absorbed.append(frame.trigger)
                del frames[i]
        ordered = [frames[i] for i in sorted(frames)]
        by_sentence: dict[int, list[Frame]] = {}
        for frame in ordered:
            by_sentence.setdefault(self._sent(frame.trigger).start, []).append(frame)
        for frame in ordered:
            frame.siblings = [other for other in by_sentence[self._sent(frame.trigger).start] if other is not frame]
        return ordered

    def _trigger_words(self, doc: Doc) -> list[int]:
        """Positions of the nouns, proper nouns and verbs whose lemma (lower-cased) is a
        trigger word: the only tokens ``_class_of`` can give a class (read from the
        Doc's columns, without a Token object for every word)."""
        strings, lemmas = self.vocab.strings, self.trigger_lemmas
        columns = doc.to_array([POS, LEMMA]).tolist()
        return [i for i, (pos, lemma) in enumerate(columns) if pos in TRIGGER_POS and strings[lemma].lower() in lemmas]

    def _governing_frame(self, trigger: Token, frames: dict[int, Frame]) -> Optional[Frame]:
        """The trigger a noun trigger belongs to: "secured $1 billion in a Series F
        investment round" (a round in a prepositional phrase of the verb; the
        "investment" modifying "round")."""
        if trigger.pos_ not in ("NOUN", "PROPN"):
            return None
        node = trigger
        if node.dep_ == "compound" and node.head.i in frames:
            return frames[node.head.i]
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            verb = node.head.head
            if verb.ent_type_ == "MONEY" and verb.dep_ == "dobj":
                verb = verb.head  # "raised $30 million in a Series B round": hung on the amount
            if (
                verb.i in frames
                and verb.pos_ in ("VERB", "AUX")
                and node.head.lower_ in ("in", "as", "through", "under", "via")
            ):
                return frames[verb.i]
        return None

    def _ent(self, token: Token) -> Optional[Span]:
        return self.index.ent_at[token.i]

    def _sent(self, token: Token) -> Span:
        return self.index.sent_at[token.i]

    def _sent_ents(self, token: Token) -> list[Span]:
        return self.index.sent_ents[self.index.sent_at[token.i].start]

    def _ents_within(self, token: Token, start: int, end: int) -> list[Span]:
        """The entities of ``token``'s sentence within tokens ``start`` to ``end``."""
        return self.index.ents_within(self.index.sent_at[token.i].start, start, end)

    def _near_ents(self, frame: Frame) -> list[Span]:
        """The entities of the trigger's sentence that can be its amount, stake or date
        (``_money``, ``_stake``, ``_date``: an entity hanging at most a few arcs below
        the trigger, a trigger it absorbed, their heads or the heads' heads, or standing
        a few words from the trigger), in text order: the others are never taken."""
        tops = set()
        for token in (frame.trigger, *frame.absorbed):
            for _ in range(4):
                tops.add(token.i)
                token = token.head
        return self.index.ents_near(tops, frame.trigger.i)

    def _class_of(self, token: Token) -> Optional[TriggerClass]:
        """The trigger class of a token, checking each class's own requirement."""
        lemma = token.lemma_.lower()
        is_verb = token.pos_ in ("VERB", "AUX")
        for cls in self.classes.values():
            words = cls.verbs if is_verb else cls.nouns
            if lemma not in words:
                continue
            if is_verb and lemma not in cls.plain_verbs and not _has_particle(token, dict(cls.phrasal).get(lemma, ())):
                continue  # "snapped up", "take over", "take Y private"; not "snapped", "take"
            if (
                cls.requires_object
                and is_verb
                and not any(
                    (
                        child.lemma_.lower() in cls.requires_object
                        or child.lower_ in cls.requires_object
                        or (child.ent_type_ and child.ent_type_ in cls.requires_object)
                    )
                    and not (cls.name == "raise" and _invests_in(child))
                    or cls.requires_money_or_round
                    and child.pos_ == "PROPN"
                    and ROUND_RE.search(token.doc[child.left_edge.i : child.i + 1].text)
                    is not None  # "closed a $14m Series A"
                    for child in token.children
                    if child.dep_ in ("dobj", "nsubjpass", "attr")
                )
            ):
                continue
            if (
                cls.requires_modifier
                and not is_verb
                and not any(
                    t.lemma_.lower() in cls.requires_modifier or t.text in cls.requires_modifier
                    for t in token.subtree
                    if t.i != token.i and abs(t.i - token.i) <= 4
                )
            ):
                continue
            return cls
        return None

    def _inherit_subject(self, frame: Frame) -> None:
        """A controlled verb takes its subject from the verb it hangs from:
        "X agreed to buy Y", "X is planning to invest", "X's plan to acquire Y"."""
        trigger = frame.trigger
        reduced = (
            trigger.dep_ == "acl"
            and trigger.tag_ == "VBN"
            and trigger.head.pos_ in ("PROPN", "NOUN")
            and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)
        )
        passive = any(child.dep_ == "auxpass" for child in trigger.children) or reduced
        relation = "passive-subject" if passive else "subject"
        subject_role = self.relation_roles[relation].get(frame.cls.name)
        if trigger.pos_ not in ("VERB", "AUX") or subject_role is None or frame.args[subject_role]:
            return
        if reduced and subject_role == "target" and any(c.dep_ == "agent" for c in trigger.children):
            # "Y, acquired by X in 2019, ...": the participle describes its target
            frame.args["target"].append(trigger.head)
            frame.inherited = True
            frame.single_target = True
            return
        if any(child.dep_ in SUBJECT_DEPS for child in trigger.children):
            return
        if trigger.dep_ == "amod" and trigger.tag_ == "VBN" and trigger.head.dep_ in ("dobj", "attr"):
            # "X and Y have each committed billions to Z": the participle read as an
            # adjective of its object; the clause's subject is the trigger's
            subjects = [child for child in trigger.head.head.children if child.dep_ == "nsubj"]
            if subjects:
                frame.args[subject_role].extend(subjects)  # "NEW YORK (Agency) - X agreed": two read as subjects
                frame.inherited = True
            return
        token = trigger
        if (
            trigger.dep_ == "pcomp"
            and trigger.head.dep_ == "prep"
            and trigger.head.head.pos_ == "NOUN"
            and trigger.head.head.dep_ in ("dobj", "attr", "pobj", "nsubj")
        ):
            # "X has held talks about taking a stake in Y", "X's plan for buying Y": the
            # subject of the verb the noun depends on
            noun = trigger.head.head
            owners = [c for c in noun.children if c.dep_ == "poss"]
            verb = noun.head if noun.dep_ != "pobj" else noun.head.head
            subjects = owners or ([c for c in verb.children if c.dep_ == "nsubj"] if noun.dep_ != "nsubj" else [])
            if subjects:
                frame.args[subject_role].extend(subjects)
                frame.inherited = True
            return
        while token.dep_ in SUBJECT_SHARING_DEPS | {"acl", "relcl"} and token.head.i != token.i:
            head = token.head
            if token.dep_ == "relcl" and frame.cls.name in ("acquire", "sell") and not frame.args["target"]:
                frame.args["target"].append(head)
            if token.dep_ in ("acl", "relcl"):
                owners = [child for child in head.children if child.dep_ == "poss"]
                if owners:
                    frame.args[subject_role].append(owners[0])
                    frame.inherited = True
                    return
                if token.dep_ == "relcl" or head.dep_ not in ("dobj", "attr", "pobj"):
                    return
                # "X has advanced talks to invest in Y": the noun's own verb has the subject
                token = head.head if head.dep_ != "pobj" else head.head.head
                for _ in range(2):  # "approved a letter of intent to acquire Y"
                    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("dobj", "pobj", "attr"):
                        break
                    token = token.head if token.dep_ != "pobj" else token.head.head
                subjects = [child for child in token.children if child.dep_ == "nsubj"]
                if subjects:
                    frame.args[subject_role].extend(subjects)  # "NEW YORK (Agency) - X agreed": two read as subjects
                    frame.inherited = True
                return
            subjects = [child for child in head.children if child.dep_ == "nsubj"]
            if subjects:
                frame.args[subject_role].extend(subjects)  # "NEW YORK (Agency) - X agreed": two read as subjects
                frame.inherited = True
                return
            token = head

    def _adjacent_object(self, frame: Frame) -> None:
        """ "X said it acquired <Systems 4 Inc> of Durango": when the parse gives a verb
        no object, an organisation right after it is the object."""
        trigger = frame.trigger
        role = self.relation_roles["object"].get(frame.cls.name)
        if trigger.pos_ != "VERB" or role is None:
            return
        if any(self._party(arg, depth=0) is not None for arg in frame.args[role]):
            return
        doc = trigger.doc
        i = trigger.i + 1
        while (
            i < len(doc)
            and i <= trigger.i + ADJACENT_OBJECT_GAP
            and (doc[i].is_space or doc[i].text in ("<", '"') or doc[i].pos_ == "DET")
        ):
            i += 1
        ent = self._ent(doc[i]) if i < len(doc) else None
        if ent is not None and ent.label_ == "ORG" and ent.start == i:
            frame.args[role].append(doc[i])

    def _dangling_for(self, frame: Frame) -> None:
        """ "its takeover offer for Spanish group Riberal SA had lapsed": when the parser
        leaves "for" without its object, the organisation right after it."""
        trigger = frame.trigger
        if any(self._party(arg, depth=0) is not None for arg in frame.args["target"]):
            return
        doc = trigger.doc
        for prep in trigger.children:
            if (
                prep.dep_ != "prep"
                or frame.cls.name not in DANGLING_TARGET_PREPS.get(prep.lower_, ())
                or any(c.dep_ == "pobj" for c in prep.children)
            ):
                continue
            for i in range(prep.i + 1, min(prep.i + 6, len(doc))):
                ent = self._ent(doc[i])
                if ent is not None and ent.label_ == "ORG" and ent.start == i:
                    frame.args["target"].append(ent.root)
                    return
                if doc[i].pos_ not in ("ADJ", "NOUN", "DET", "PROPN") or (ent is not None and ent.label_ != "NORP"):
                    return  # only descriptive words ("Spanish group") may come between

    def _target_accepting_bid(self, frame: Frame) -> None:
        """ "Y agreed to / accepted / rejected X's offer": a bid whose bidder is named
        has as target the subject of the verb that answers it."""
        trigger = frame.trigger
        if frame.cls.name not in ("bid", "acquire") or frame.args["target"]:
            return  # also "Y agreed to a leveraged buyout by X"
        node = trigger
        while node.dep_ in ("dobj", "pobj", "prep") and node.head.i != node.i:
            node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in self.answer_verbs:
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                frame.args["target"].append(subject)

    def _inherit_noun_subject(self, frame: Frame) -> None:
        """The party a noun trigger leaves unnamed, from the words around it:
        "Stone's proposed cash acquisition of Y" (a possessor earlier in the phrase),
        "X completed / made / launched the acquisition of Y" (the governing verb's
        subject), "X said the takeover of Y made it ..." (the reporting verb's subject)."""
        trigger = frame.trigger
        role = self.relation_roles["possessor"].get(frame.cls.name)
        if trigger.pos_ not in ("NOUN", "PROPN") or role is None:
            return
        if frame.args[role]:
            self._target_accepting_bid(frame)
            return
        doc = trigger.doc
        for token in doc[trigger.left_edge.i : trigger.i]:
            if token.dep_ == "poss":
                frame.args[role].append(token)
                frame.inherited = True
                return
        owner = _possessor_before(trigger)
        if owner is not None:
            frame.args[role].append(owner)
            frame.inherited = True
            return
        node = trigger
        while node.dep_ in NOUN_CLIMB_DEPS and node.head.i != node.i:
            node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            return
        if node.lemma_ not in self.reporting_verbs and node.dep_ != "ROOT" and trigger.dep_ in SUBJECT_DEPS:
            while node.head.i != node.i and node.lemma_ not in self.reporting_verbs:
                node = node.head
            if node.lemma_ not in self.reporting_verbs:
                return
        elif node.lemma_ in self.reporting_verbs and not (
            trigger.dep_ == "dobj" and trigger.head.i == node.i and node.lemma_ in ANNOUNCING_VERBS
        ):
            return  # "X said the takeover of Y ...": X only reports (but "X announced the acquisition of Y")
        subject = next((child for child in node.children if child.dep_ == "nsubj"), None)
        if subject is None and node.dep_ in SUBJECT_SHARING_DEPS:
            subject = next((child for child in node.head.children if child.dep_ == "nsubj"), None)
        if (
            subject is not None
            and subject.i != trigger.i
            and frame.cls.name == "bid"
            and not frame.args["target"]
            and node.lemma_.lower() in self.answer_verbs
        ):
            # "Y's board turned down a proposal from X": Y answers; X (hung on the verb) bids
            frame.args["target"].append(subject)
            frame.args[role] += [
                pobj
                for prep in node.children
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by")
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
            return
        if subject is not None and subject.i != trigger.i:
            frame.args[role].append(subject)
            frame.inherited = True

    # --- one frame -> one deal ------------------------------------------------------

    def _deals(self, frame: Frame) -> list[Deal]:
        """The deals a trigger states: one per target when several are listed ("sell its
        Z business, Y Ltd and the W operations"), except in a merger of the two."""
        targets = self._parties(frame.args["target"])
        if frame.single_target:
            targets = targets[:1]
        if len(targets) > 1 and frame.cls.name != "merge":
            deals = [self._deal(frame, only_target=i) for i in range(len(targets))]
        else:
            deals = [self._deal(frame)]
        return [deal for deal in deals if deal is not None]

    def _deal(self, frame: Frame, only_target: Optional[int] = None) -> Optional[Deal]:
        doc = frame.trigger.doc
        sent = self._sent(frame.trigger)
        cls = frame.cls
        parties = {role: self._parties(frame.args[role]) for role in ROLES}
        targets = parties["target"][:1] if frame.single_target else parties["target"]
        if only_target is not None:
            targets = targets[only_target : only_target + 1]
        if cls.name == "merge" and len(targets) >= 2 and not parties["survivor"]:
            # "the merger of A and B": the first named takes the second
            parties["buyer"], targets = targets[:1], targets[1:2]
        unit_owner = None
        if targets and targets[0][1]:
            unit_owner = targets[0][1]
        money, money_span, per_share, valuation = self._money(frame)
        stake = self._stake(frame)
        round_name = _round(self._own_phrase(frame), cls.name) if cls.name in ROUND_CLASSES else None
        if (
            cls.requires_money_or_round
            and money is None
            and round_name is None
            and valuation is None
            and frame.trigger.pos_ != "NOUN"
        ):
            return None
        if cls.name == "raise" and self._raises_debt(frame.trigger):
            return None  # "is raising 100 mln dlrs via an offering of notes": a debt issue
        if any(
            arg.lemma_.lower() in self.debt_nouns or arg.lower_ in self.debt_nouns for arg in frame.args["target"]
        ) or (
            frame.trigger.pos_ in ("VERB", "AUX")
            and any(
                c.dep_ == "dobj" and (c.lemma_.lower() in self.debt_nouns or c.lower_ in self.debt_nouns)
                for c in frame.trigger.children
            )
        ):
            return None  # "X sells five-year notes", "a sale of debentures": debt, not ownership
        if frame.trigger.lemma_.lower() in cls.static_verbs and frame.trigger.dep_ in ("relcl", "acl"):
            return None  # "members of the family, who own 30 pct of Y": a holding described
        if cls.name == "stake" and any(c.dep_ == "advmod" and c.lower_ == "already" for c in frame.trigger.children):
            return None  # "X already owns 6.2% of Y": an old holding, not this deal's stake
        buyers = _unique([span for span, _ in parties["buyer"]])
        # the reporting company in its own words ("we acquired Y", "our acquisition of
        # Y", "the Company completed the acquisition of Y"): a deal with no named buyer
        self_buyer = any(self._self_reference(arg) for arg in frame.args["buyer"]) or any(
            _generic_name(b) for b in buyers
        )
        buyers = [b for b in buyers if not _generic_name(b)]
        if not buyers:
            buyers = self._partners(frame)
        if not buyers and not parties["buyer"]:
            buyers = self._misattached(frame, BUYER_PREPS.get((cls.name, _voice(frame.trigger))))
        elif buyers:
            buyers = _unique(buyers + self._partners(frame))
        if (
            cls.name == "raise"
            and frame.trigger.lemma_.lower() in self.weak_raise_verbs
            and not (buyers or round_name or any(c.lemma_.lower() in FUNDING_WORDS for c in frame.trigger.subtree))
        ):
            return None  # "stockholders will receive 30 dlrs a share": a payment, not a round
        target = targets[0][0] if targets else None
        seller = parties["seller"][0][0] if parties["seller"] else None
        date = self._date(frame)
        # "after a funding round in 2024": a round noun stands for a deal when dated
        explicit_round = cls.name == "raise" and frame.trigger.pos_ == "NOUN" and date is not None
        if target is None and cls.name == "raise" and (money is not None or round_name or explicit_round):
            target = self._round_owner(frame)
        if target is None and cls.name == "bid" and buyers and per_share is not None:
            # "X made a 50 dlrs a share bid": for the company bid for just before, else
            # the company the article is about
            earlier = self._earlier_deal(buyers)
            target = earlier.target if earlier is not None else _main_org(doc, excluding={_key(b) for b in buyers})
        if (
            target is None
            and buyers
            and cls.name in ("acquire", "stake", "invest", "bid")
            and (
                stake is not None
                and any(
                    ent.label_ == "PERCENT" and ent.root.head.i == frame.trigger.i for ent in self._near_ents(frame)
                )
                or any(self._the_holding(arg) for arg in frame.args["target"])
            )
        ):
            # "X had acquired more than 80 pct of the stock": of the company bid for before
            earlier = self._earlier_deal(buyers)
            if earlier is not None:
                target = earlier.target
                stake = stake if stake is not None else earlier.stake_pct  # "bought the stake"
        if target is None and seller is not None and cls.name == "acquire" and frame.args["target"]:
            # "buy a cable system from X": an unnamed asset's owner is the target
            target, seller = seller, None
        survivors = _unique([span for span, _ in parties["survivor"]])
        if survivors and cls.name == "merge" and frame.args["target"] and not targets:
            return None  # "X is combining its drug activities into Y": a reorganisation
        if survivors:
            # "X's merger into Y", "X will be merged into Y": Y takes X over
            if target is None:
                target = next((b for b in buyers if not _same(b, survivors[0])), None)
            buyers = survivors
        if cls.name == "merge" and target is None and len(buyers) >= 2:
            # "X and Y agreed to merge": the first named is the buyer
            target, buyers = buyers[1], buyers[:1]
        if target is None:
            return None
        if (
            seller is None
            and unit_owner is not None
            and not _same(unit_owner, target)
            and (cls.seller_side or (cls.name == "acquire" and not any(_same(unit_owner, b) for b in buyers)))
        ):
            seller = unit_owner  # "sold its Y unit", "bought X's Y unit": X sells
        if seller is not None and _same(seller, target):
            seller = None
        buyers = [buyer for buyer in buyers if not _same(buyer, target)]
        if seller is not None:
            buyers = [buyer for buyer in buyers if not _same(buyer, seller)]
        if cls.requires_target and not buyers and seller is None:
            return None
        if cls.name == "raise" and not buyers and (round_name == "IPO" or self._public_offering(frame.trigger)):
            return None  # "raised $410 million in its initial public offering", "a rights issue to raise": its own shares sold
        # "the acquisition of Y was completed in 2011": a named company bought, by no one
        # named (kept only when no other deal of the document names Y's buyer: __call__)
        unnamed_buyer = (
            frame.trigger.pos_ == "NOUN"
            and frame.trigger.lemma_.lower() in cls.unnamed_buyer_nouns
            and not parties["buyer"]
            and any(a.dep_ == "pobj" and a.head.lower_ == "of" for a in frame.args["target"])
        )
        if (
            not cls.seller_side
            and not buyers
            and not self_buyer
            and not unnamed_buyer
            and not (cls.name in ("raise", "invest") and (money or round_name or valuation or explicit_round))
        ):
            return None
        deal_type = _deal_type(cls, stake, buyers)
        if cls.name == "stake" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.control_nouns for c in frame.trigger.children
        ):
            deal_type = "acquisition"  # "X took control of Y"
        status = self._status(frame, target)
        if status == "rumored" and self._denied(frame.trigger):
            return None  # "denied it was in talks to buy Y": the text states no deal
        if (
            cls.seller_side
            and not buyers
            and status == "rumored"
            and frame.args["target"]
            and all(self._itself(arg) for arg in frame.args["target"])
        ):
            return None  # "explore options, including a possible sale of the company": no counterparty
        if per_share is not None and money is None:
            money_span = None
        deal = Deal(
            type=deal_type,
            buyers=buyers,
            target=target,
            seller=seller,
            money=money,
            money_span=money_span,
            stake_pct=stake,
            price_per_share=per_share,
            valuation=valuation,
            round=round_name,
            status=status,
            date=date,
            evidence=sent,
            trigger=doc[frame.trigger.i : frame.trigger.i + 1],
        )
        deal.confidence = _confidence(frame, deal)
        return deal

    def _parties(self, tokens: list[Token]) -> list[tuple[Span, Optional[Span]]]:
        """Each argument token (and its conjuncts) -> (party span, owner of a named unit)."""
        found: list[tuple[Span, Optional[Span]]] = []
        for token in tokens:
            for conj in [token, *token.conjuncts]:
                if conj.lower_ in PLURAL_PRONOUNS:
                    # "X and Y said they agreed to merge": all of them
                    group = self._plural_antecedents(conj)
                    if len(group) > 1:
                        found.extend((ent, None) for ent in group if all(ent != other[0] for other in found))
                        continue
                party = self._party(conj, depth=0)
                named = self._appositive_names(conj)
                if conj.lemma_.lower() in self.group_nouns:
                    named = named + self._group_members(conj)[1:]  # "a group led by X and Y"
                if named and party is not None and party[1] is not None and party[0] == party[1]:
                    party = None  # "its unit, Cedar Ltd": the name replaces the parent
                for candidate in (
                    ([party] if party is not None else [])
                    + [(ent, None) for ent in named]
                    + self._collapsed_list(conj)
                    + self._appos_list(conj)
                ):
                    if _suffix_only(candidate[0]):
                        # "Acuo Technologies, LLC" split at the comma: the name before
                        before = self._name_before(candidate[0])
                        if before is None:
                            continue
                        candidate = (before, candidate[1])
                    if found and _alias_in_brackets(candidate[0]):
                        continue  # "X Inc. (\"XI\")"
                    if all(candidate[0] != other[0] for other in found):
                        found.append(candidate)
        return found

    def _appos_list(self, token: Token) -> list[tuple[Span, Optional[Span]]]:
        """ "acquired A Inc, B Co and C Corp" parsed as A with the apposition "B Co and
        C Corp": a name set beside a name, itself joined to more names, is a list."""
        ent = self._ent(token)
        if ent is None or ent.label_ not in PARTY_LABELS:
            return []
        found = []
        for child in token.children:
            if child.dep_ != "appos" or child.pos_ != "PROPN" or not child.conjuncts:
                continue
            members = []
            for member in [child, *child.conjuncts]:
                other = self._ent(member)
                if other is not None and other.label_ in PARTY_LABELS and other != ent and not self._non_party(other):
                    members.append((other, None))
            if (
                len(members) == len(child.conjuncts) + 1
            ):  # every item a name ("a Minas Gerais, Brazil, concern" is none)
                found += members
        return found

    def _name_before(self, span: Span) -> Optional[Span]:
        """The organisation just before a suffix cut from it ("Acuo Technologies, LLC")."""
        doc = span.doc
        i = span.start - 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        ent = self._ent(doc[i]) if i >= 0 else None
        if ent is not None and ent.end == i + 1 and ent.label_ in PARTY_LABELS and not _suffix_only(ent):
            return ent
        # "Kanemura Seiki K.K." with the words before the suffix tagged a place or nothing
        start = span.start
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].ent_type_ in ("", "GPE", "NORP", "LOC")
            and span.start - start < 4
        ):
            start -= 1
        return Span(doc, start, span.end, label="ORG") if start < span.start else None

    def _collapsed_list(self, token: Token) -> list[tuple[Span, Optional[Span]]]:
        """ "by Skerry Capital and Halden Ventures" parsed as one noun phrase (the first
        name a modifier of the last): each name joined by "and" or a comma before the
        head is a party of its own."""
        start = token.left_edge.i
        if start >= token.i or not any(t.pos_ == "CCONJ" for t in token.doc[start : token.i]):
            return []
        ents = [ent for ent in self._ents_within(token, start, token.i + 1) if ent.label_ in PARTY_LABELS]
        if len(ents) < 2 or ents[-1].end != token.i + 1:
            return []
        doc = token.doc
        for left, right in zip(ents, ents[1:]):
            between = doc[left.end : right.start]
            if not between or any(t.pos_ not in ("CCONJ", "PUNCT") for t in between):
                return []
        return [(ent, None) for ent in ents if not self._non_party(ent)]

    def _raises_debt(self, trigger: Token) -> bool:
        """Money raised through debt: "via an offering of notes", "in a bond sale",
        "through the sale of debentures" (a debt noun at most three arcs below the verb,
        reached through a preposition)."""
        frontier = [(c, 1) for c in trigger.children if c.dep_ in ("prep", "dobj")]
        while frontier:
            token, depth = frontier.pop()
            if token.lemma_.lower() in self.debt_nouns or token.lower_ in self.debt_nouns:
                return True
            if depth < 4:
                frontier += [
                    (c, depth + 1)
                    for c in token.children
                    if c.dep_ in ("prep", "pobj", "compound", "dobj", "conj", "appos")
                ]
        return False

    def _public_offering(self, trigger: Token) -> bool:
        """Money raised from the market, not from named investors: "a rights issue to
        raise 640 mln stg", "raised $410 million in its initial public offering", "the
        offering was aimed at raising ..." (an offering noun governing the verb, its
        subject, or below it through a preposition)."""
        near = [trigger.head] + [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "prep")]
        near += [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if trigger.dep_ in ("xcomp", "advcl", "acl", "pcomp") and trigger.head.dep_ == "pobj":
            near.append(trigger.head.head.head)
        near += [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if trigger.dep_ in ("advcl", "xcomp"):
            near += [c for c in trigger.head.children if c.dep_ == "dobj"]  # "launched a rights issue to raise"
        return any(t.lemma_.lower() in self.offering_nouns or t.lower_ in self.offering_nouns for t in near)

    def _itself(self, token: Token) -> bool:
        """The company the sentence is about, named by a pronoun or "the company"."""
        return (
            token.lower_ in self.pronouns
            or token.lower_ in ("itself", "themselves")
            or (
                token.lemma_.lower() in self.anaphora_nouns
                and any(c.lower_ in ("the", "this", "its") for c in token.children)
                and not any(c.dep_ in ("compound", "amod") for c in token.children)
            )
        )

    def _unnamed_nominal(self, deal: Deal) -> bool:
        """A deal stated by a noun ("the acquisition of Y") with no buyer and no seller."""
        if deal.buyers or deal.seller is not None or deal.trigger is None:
            return False
        cls = self._class_of(deal.trigger[0])
        return (
            deal.trigger[0].pos_ == "NOUN"
            and cls is not None
            and deal.trigger[0].lemma_.lower() in cls.unnamed_buyer_nouns
        )

    def _self_reference(self, token: Token) -> bool:
        """ "we", "our", "the Company" (capitalised: a filing's name for the filer) with no
        organisation they stand for."""
        if token.lower_ in FIRST_PERSON:
            return True
        return (
            token.text in SELF_NOUNS
            and any(c.lower_ == "the" for c in token.children)
            and self._party(token, 0) is None
        )

    def _partners(self, frame: Frame) -> list[Span]:
        """Co-buyers set beside the buyer: "X, together with Y, will acquire", "X, along
        with Y and Z, bought", "X and its partner Y"; on the buyer or on the trigger."""
        found: list[Span] = []
        heads = list(frame.args["buyer"]) + [frame.trigger]
        for head in heads:
            for child in head.children:
                preps = []
                if child.dep_ == "advmod" and child.lower_ in ("together", "along", "jointly"):
                    preps = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "with"]
                elif child.dep_ == "prep" and child.lower_ in ("alongside",):
                    preps = [child]
                elif (
                    child.dep_ == "prep"
                    and child.lower_ == "with"
                    and any(
                        c.lower_ in ("together", "along") and c.i == child.i - 1
                        for c in head.doc[child.i - 1 : child.i]
                    )
                ):
                    preps = [child]
                for prep in preps:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            found += [span for span, _ in self._parties([pobj]) if span.label_ in PARTY_LABELS]
        return _unique(found)

    def _misattached(self, frame: Frame, prep_word: Optional[str]) -> list[Span]:
        """A party whose preposition the parser hung on the object or the amount instead
        of the trigger: "sold its unit to US firm Y" ("to" under "unit"), "acquired for
        41 mln dlrs by a partnership formed by A and B" ("by" under "dlrs"). The
        preposition stands after the trigger in its subtree, below no other verb; its
        object, else the first organisation or person within a few words."""
        if not prep_word:
            return []
        trigger = frame.trigger
        doc = trigger.doc
        for token in trigger.subtree:
            if token.i <= trigger.i or token.lower_ != prep_word or token.dep_ not in ("prep", "agent", "dative"):
                continue
            node, ok = token.head, True
            while node.i != trigger.i:
                if node.pos_ in ("VERB", "AUX"):
                    ok = False
                    break
                node = node.head
            if not ok:
                continue
            found = []
            for pobj in token.children:
                if pobj.dep_ == "pobj":
                    found += [span for span, _ in self._parties([pobj]) if span.label_ in PARTY_LABELS]
            if not found:
                for i in range(token.i + 1, min(token.i + 1 + MISATTACHED_WINDOW, len(doc))):
                    if doc[i].lower_ in MISATTACHED_STOPS or doc[i].pos_ in ("VERB", "AUX"):
                        break
                    ent = self._ent(doc[i])
                    if ent is not None and ent.start == i and ent.label_ in PARTY_LABELS and not self._non_party(ent):
                        found.append(ent)
            if found:
                return _unique(found)
        return []

    def _appositive_names(self, token: Token) -> list[Span]:
        """Organisations set beside a unit or asset noun: "its Z unit, Cedar Ltd and
        other businesses" lists a second unit; "its unit, Cedar Ltd" names the first."""
        listed = any(c.lemma_.lower() in self.unit_nouns for c in token.conjuncts)
        if token.lemma_.lower() not in self.unit_nouns and not listed:
            return []
        names = []
        doc = token.doc
        if (
            not any(c.dep_ == "appos" for c in token.children)
            and token.i + 2 < len(doc)
            and doc[token.i + 1].text == ","
        ):
            # "its water business, Aquanor Systems, for ...": the parser lost the apposition
            ent = self._ent(doc[token.i + 2])
            if (
                ent is not None
                and ent.label_ == "ORG"
                and ent.start == token.i + 2
                and (ent.end >= len(doc) or doc[ent.end].text in (",", ".", ";"))
            ):
                names.append(ent)
        for child in token.children:
            if child.dep_ == "appos":
                for item in [child, *child.conjuncts]:
                    ent = self._ent(item)
                    if ent is None and item.lemma_.lower() in self.unit_nouns:
                        # "..., the Peerless truck trailer operations and other units": a
                        # business named after a company or a person
                        ent = next(
                            (
                                self._ent(c)
                                for c in item.children
                                if c.dep_ in ("compound", "amod", "nmod") and self._ent(c) is not None
                            ),
                            None,
                        )
                        if ent is not None and ent.label_ == "PERSON":
                            ent = Span(ent.doc, ent.start, ent.end, label="ORG")
                    if ent is not None and ent.label_ == "ORG" and ent not in names:
                        names.append(ent)
        return names

    def _party(self, token: Token, depth: int) -> Optional[tuple[Span, Optional[Span]]]:
        if depth > 3:
            return None
        doc = token.doc
        if token.lower_ in RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP", "WP$", "IN", "DT"):
            # "Y, which X bought last year", "the carrier that X took over": the noun the
            # relative clause describes
            verb = token.head
            while verb.dep_ not in ("relcl", "ROOT") and verb.head.i != verb.i and verb.pos_ != "VERB":
                verb = verb.head
            if verb.dep_ == "relcl" and verb.head.i != token.i:
                return self._party(verb.head, depth + 1)
            return None
        named = self._named_after_descriptor(token)
        if named is not None:
            return named, None
        ent = self._ent(token)
        if ent is not None and ROUND_RE.fullmatch(ent.text):
            return None
        if ent is not None and ent.label_ == "ORG" and ent[0].lower_ in ("board", "directors", "shareholders"):
            # "its Board of Directors resolved to acquire Y" (tagged ORG): the company
            owner = self._owner(ent.root)
            return (owner, None) if owner is not None else None
        if ent is not None and ent.label_ in PARTY_LABELS:
            cut = next((t.i for t in ent[1:] if t.lower_ in ("to", "from", "by") and t.i < token.i + 1), None)
            if cut is not None and cut > ent.start:
                ent = Span(doc, ent.start, cut, label=ent.label_)  # "the sale of X to Y" read as one name
            return None if self._non_party(ent) else (ent, None)
        if (
            ent is not None
            and (
                ent.label_ in MISLABELLED_NAMES
                or ent.label_ in PLACE_LABELS
                and depth == 0
                and token.dep_ in ("nsubj", "dobj")
                and self._sent(token).start < ent.start
            )
            and token.i == ent.root.i
            and token.pos_ == "PROPN"
            and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "appos", "conj")
            and not _bracketed(token)
        ):
            # "acquired coding-bootcamp operator CodeKatta" (tagged a product), "bought
            # Murmurly" (a facility): a name in a party's place is the company's
            return None if self._non_party(ent) else (Span(doc, ent.start, ent.end, label="ORG"), None)
        if ent is not None and ent.label_ not in QUANTITY_LABELS:
            return None
        lower = token.lower_
        if token.lemma_.lower() in self.group_nouns and token.lemma_.lower() not in self.unit_nouns:
            of_party = self._of_or_owner(token, depth, owner=False)
            if of_party is not None and of_party[0].label_ in PARTY_LABELS:
                return of_party  # "the Wall Street firm of X", "the investment group of X"
        if lower in PERSON_PRONOUNS:
            # "investor X told the SEC he holds 5.2 pct": the person named last before
            persons = self.index.persons
            before = bisect_right(persons, token.i, key=lambda ent: ent.end) - 1
            return (
                (persons[before], None)
                if before >= 0 and token.i - persons[before].end < PERSON_PRONOUN_WINDOW
                else None
            )
        if lower in self.pronouns or (
            token.lemma_.lower() in self.anaphora_nouns
            and any(c.lower_ in ("the", "this", "that") for c in token.children)
            and not any(
                c.dep_ in ("compound", "amod", "nmod")
                and not (c.lower_ == "based" or c.ent_type_ in ("NORP", "GPE") and c.dep_ == "amod")
                or (c.dep_ == "prep" and c.lower_ == "of")
                for c in token.children
            )
        ):
            # also "the Dallas-based firm", "the German group" (where or whence, no name)
            antecedent = self._antecedent(token)
            return (antecedent, None) if antecedent is not None else None
        modifiers = [child for child in token.children if child.dep_ in ("compound", "nmod", "amod")]
        # "its Birch and Fowler tool business": the name may modify the modifier
        modifiers += [
            grand for child in modifiers for grand in child.children if grand.dep_ in ("compound", "nmod", "amod")
        ]
        named = modifiers + [child for child in token.children if child.dep_ == "appos"]
        for child in named:
            ent = self._ent(child)
            if ent is not None and ent.label_ in PARTY_LABELS:
                if token.lemma_.lower() in self.unit_nouns:
                    return ent, self._owner(token)
                return ent, None
        if token.lemma_.lower() in self.unit_nouns:
            # "its Halden Coatings business" with the name untagged
            names = [
                c
                for c in token.children
                if c.dep_ == "compound"
                and c.pos_ == "PROPN"
                and c.text[:1].isupper()
                and c.ent_type_ in UNIT_NAME_LABELS
            ]
            if names:
                first = min(t.i for n in names for t in n.subtree)
                last = max(n.i for n in names)
                if all(t.pos_ == "PROPN" and t.ent_type_ in UNIT_NAME_LABELS for t in doc[first : last + 1]):
                    return Span(doc, first, last + 1, label="ORG"), self._owner(token)
        lemma = token.lemma_.lower()
        if lemma in self.member_nouns or lower in self.member_nouns:
            return self._of_or_owner(token, depth)
        if lemma in self.group_nouns:
            linked = self._group_members(token)
            if linked:
                return linked[0], None
        if lemma in self.holding_nouns or lower in self.holding_nouns:
            # "its stake in X": the possessor holds the stake; the target is X
            return self._of_or_owner(token, depth, owner=False) or self._named_below(token, depth)
        if lemma in self.ownership_nouns or lower in self.ownership_nouns:
            party = self._of_or_owner(token, depth)
            if party is not None:
                return party[0], party[0] if lemma in self.unit_nouns else None
            if lemma in self.unit_nouns:
                # "we sold our investment management business to X": the filer's unit,
                # named by its words
                poss = next((c for c in token.children if c.dep_ == "poss"), None)
                if poss is not None and poss.lower_ in FIRST_PERSON and depth == 0:
                    start = min(
                        (c.i for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i > poss.i),
                        default=token.i,
                    )
                    if start < token.i:
                        return Span(doc, start, token.i + 1, label="ORG"), None
                return None
            return self._named_below(token, depth)
        for ent in self._ents_within(token, token.left_edge.i, token.i):
            if ent.label_ == "ORG":
                return ent, None
        if (
            (
                token.pos_ == "PROPN"
                or token.pos_ == "NOUN"
                and token.dep_ == "pobj"
                and token.i > self._sent(token).start
                and not any(c.dep_ == "det" for c in token.children)
                and token.lower_ not in self.anaphora_nouns
                and not token.text.isupper()
            )
            and token.text[:1].isupper()
            and not token.ent_type_
            and not _bracketed(token)
            and token.lemma_.lower() not in self.trigger_lemmas
            and token.lower_ not in self.trigger_lemmas
        ):
            # also "the acquisition of Celera" with the name read as a common noun
            left = token.left_edge.i
            start = min((c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.i)
            span = Span(doc, max(start, left), token.i + 1, label="ORG")
            return None if ROUND_RE.fullmatch(span.text) else (span, None)
        return None

    def _named_after_descriptor(self, token: Token) -> Optional[Span]:
        """ "the AI startup Anthropic", "rival chipmaker Acme": the name after a
        descriptive noun, which the parser often attaches to the wrong head."""
        doc = token.doc
        for i in range(token.i, min(token.i + 3, len(doc) - 1)):
            if (
                (doc[i].lemma_.lower() in self.anaphora_nouns or doc[i].lemma_.lower() in self.descriptor_nouns)
                and doc[i + 1].pos_ == "PROPN"
                and doc[i + 1].text[:1].isupper()
            ):
                ent = self._ent(doc[i + 1])
                if ent is not None:
                    return ent if ent.label_ in PARTY_LABELS else None
                end = i + 2
                while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                    end += 1
                return Span(doc, i + 1, end, label="ORG")
            if doc[i].pos_ not in ("ADJ", "NOUN", "PROPN", "DET"):
                break
        return None

    def _of_or_owner(self, token: Token, depth: int, owner: bool = True) -> Optional[tuple[Span, Optional[Span]]]:
        """What a part or a member belongs to: "49% of X", "stake in X", "the board of
        X", "its directors", "X's shares"."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        party = self._party(pobj, depth + 1)
                        if party is not None:
                            return party
        if not owner:
            return None
        found = self._owner(token)
        return (found, None) if found is not None else None

    def _named_below(self, token: Token, depth: int) -> Optional[tuple[Span, Optional[Span]]]:
        """ "377,000 shares, or 9.9 pct, of the common stock of X": the first party
        reached through an "of"/"in" phrase anywhere below a part noun."""
        for other in token.subtree:
            if other.i > token.i and other.dep_ == "pobj" and other.head.lower_ in ("of", "in"):
                party = self._party(other, depth + 1)
                if party is not None:
                    return party
        return None

    def _group_members(self, token: Token) -> list[Span]:
        """ "a partnership affiliated with X and Y", "an investor group led by X": the
        organisations and people named as its members."""
        members: list[Span] = []
        for child in token.children:
            # "a consortium of A, B and C", "investors including A, B and C", "a group
            # made up of A and B", "a group comprising A and B"
            preps = []
            if child.dep_ == "prep" and child.lower_ in MEMBER_PREPS:
                preps = [child]
            elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() in MEMBER_VERBS:
                preps = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"]
            for prep in preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        for ent in self._list_members(pobj):
                            if ent not in members:
                                members.append(ent)
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in self.group_links:
                # "which comprises X and Y": the members are the object
                objects = [c for c in child.children if c.dep_ == "dobj"]
                for obj in objects:
                    for member in [obj, *obj.conjuncts]:
                        ent = self._ent(member)
                        if ent is not None and ent.label_ in PARTY_LABELS and ent not in members:
                            members.append(ent)
                for prep in child.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in ("with", "by"):
                        for pobj in prep.children:
                            if pobj.dep_ != "pobj":
                                continue
                            for member in [pobj, *pobj.conjuncts]:
                                ent = self._ent(member)
                                if ent is not None and ent.label_ in PARTY_LABELS and ent not in members:
                                    members.append(ent)
        return members

    def _list_members(self, head: Token) -> list[Span]:
        """The organisations and people of a list headed by ``head`` ("A, B and angel
        investor C", however the parser nests it), not those reached through a
        preposition, an apposition or a clause ("A of Germany", "B, a unit of D")."""
        found = []
        for ent in self._ents_within(head, head.left_edge.i, head.right_edge.i + 1):
            if ent.label_ not in PARTY_LABELS or self._non_party(ent):
                continue
            node, ok = ent.root, True
            while node.i != head.i:
                named_appos = (
                    node.dep_ == "appos" and node.pos_ == "PROPN"
                )  # "A, B and angel investor C" read as an apposition
                if not named_appos and (
                    node.dep_ in ("prep", "pobj") and node.head.i != head.i or node.dep_ in ("appos", "relcl", "acl")
                ):
                    ok = False
                    break
                if node.head.i == node.i:
                    ok = False
                    break
                node = node.head
            if ok:
                found.append(ent)
        return found

    def _owner(self, token: Token) -> Optional[Span]:
        """The owner of "its stake", "Allis-Chalmers Corp's mining division"."""
        for child in token.children:
            if child.dep_ == "poss":
                ent = self._ent(child)
                if ent is not None and ent.label_ in PARTY_LABELS:
                    return ent
                if child.lower_ in self.pronouns:
                    return self._antecedent(child)
        return None

    def _antecedent(self, token: Token) -> Optional[Span]:
        """The organisation a pronoun or "the company" stands for: the subject of the
        nearest clause above it that has another subject ("X plans to sell its unit",
        "X said it ..."), else the nearest organisation that was a subject before it,
        else the nearest organisation before it."""
        node = token
        while node.head.i != node.i:
            node = node.head
            subject = next(
                (c for c in node.children if c.dep_ in SUBJECT_DEPS and c.i < token.i and c.i != token.i), None
            )
            if subject is None or token.i in range(subject.left_edge.i, subject.right_edge.i + 1):
                continue
            org = self._org_in(subject) or (None if token.lower_ in FIRST_PERSON else self._named_subject(subject))
            if org is not None:
                return org
            if subject.lower_ not in self.pronouns:
                break
        if token.lower_ in FIRST_PERSON:
            return None  # "we" is a speaker's company or a filing's filer, never the last company named
        for candidates in (self.index.subject_orgs, self.index.orgs):
            before = bisect_right(candidates, token.i, key=lambda ent: ent.end) - 1
            while before >= 0 and self._non_party(candidates[before]):
                before -= 1
            if before >= 0:
                return candidates[before]
        return None

    def _earlier_deal(self, buyers: list[Span]) -> Optional[Deal]:
        """The last deal found before in the document whose target is none of ``buyers``."""
        excluding = {_key(b) for b in buyers}
        return next((d for d in reversed(self.index.deals) if _key(d.target) not in excluding), None)

    def _the_holding(self, token: Token) -> bool:
        """ "bought the stake", "the shares": a holding told of before, owner unsaid."""
        return (
            (token.lemma_.lower() in self.holding_nouns or token.lower_ in self.holding_nouns)
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in ("prep", "poss") for c in token.children)
        )

    def _non_party(self, ent: Span) -> bool:
        """A regulator, court, exchange or news agency ("the SEC")."""
        return _key(ent) in self.non_party_keys or norm_key(ent.text) in self.non_party_keys or _dateline(ent)

    def _plural_antecedents(self, token: Token) -> list[Span]:
        """The organisations a "they" stands for: those joined in the subject of the
        clause above it ("X and Y said they ...")."""
        node = token
        while node.head.i != node.i:
            node = node.head
            subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS and c.i < token.i), None)
            if subject is None or token.i in range(subject.left_edge.i, subject.right_edge.i + 1):
                continue
            if subject.lower_ in PLURAL_PRONOUNS:
                return self._plural_antecedents(subject)  # "X and Y said they had ended their merger"
            return [
                ent
                for ent in self._ents_within(subject, subject.left_edge.i, subject.right_edge.i + 1)
                if ent.label_ in PARTY_LABELS
            ]
        return []

    def _named_subject(self, subject: Token) -> Optional[Span]:
        """The name a subject is, when the model missed it or took it for a person:
        "Meridel Bio, a developer of tests, said it raised ...", "Kumo Ledger (tagged a
        person) said it had raised ..."; "it" and "the company" stand for no person."""
        if subject.pos_ != "PROPN" or not subject.text[:1].isupper() or _bracketed(subject):
            return None
        ent = self._ent(subject)
        if ent is not None:
            return ent if ent.label_ in PARTY_LABELS and not self._non_party(ent) else None
        doc = subject.doc
        start = subject.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].text[:1].isupper()
            and not doc[start - 1].ent_type_
            and doc[start - 1].head.i in range(start, subject.i + 1)
        ):
            start -= 1
        span = Span(doc, start, subject.i + 1, label="ORG")
        return None if ROUND_RE.fullmatch(span.text) or _dateline(span) else span

    def _org_in(self, phrase: Token) -> Optional[Span]:
        """The first organisation named in a phrase: "Equity investment company
        <Battery Group Ltd>", "Helm", or what a pronoun subject stands for."""
        if phrase.lower_ in self.pronouns:
            return self._antecedent(phrase)
        if phrase.lemma_.lower() in self.group_nouns:
            members = self._group_members(phrase)  # "An investor group led by P said it ..."
            if members:
                return members[0]
        inside = self._ents_within(phrase, phrase.left_edge.i, phrase.right_edge.i + 1)
        for ent in inside:
            if ent.label_ == "ORG" and not self._non_party(ent):
                return ent
        if any(
            t.lemma_.lower() in self.group_nouns or t.lemma_.lower() in self.anaphora_nouns
            for t in phrase.subtree
            if t.pos_ == "NOUN"
        ):
            # "Private equity group Rennick Hale said it ..." (the name tagged a person):
            # a company noun makes it an organisation
            for ent in inside:
                if ent.label_ == "PERSON" and not self._non_party(ent):
                    return ent
        for ent in inside:
            # "Central Pennsylvania also said ..." (tagged a place): the start of a
            # company named before
            known = next(
                (org for org in self.index.orgs if org.start < ent.start and org.text.startswith(ent.text + " ")), None
            )
            if known is not None:
                return known
        return None

    def _values_the_deal(self, token: Token, stop: Token) -> bool:
        """ "a transaction valued at $2.3 billion" states the deal's amount, not the
        target's valuation: the valued thing is a deal noun."""
        node = token
        for _ in range(MAX_MONEY_HOPS):
            if node.head.i == node.i or node.i == stop.i:
                return False
            node = node.head
            if node.lemma_.lower() in self.valuation_cues:
                valued = (
                    node.head
                    if node.dep_ in ("acl", "amod", "relcl")
                    else next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
                )
                return valued is not None and valued.lemma_.lower() in self.deal_nouns
        return False

    def _round_owner(self, frame: Frame) -> Optional[Span]:
        """Whose round a funding round with no named target is: the target of another
        deal in the sentence ("invest in Y, on top of the Series F round"), else the
        organisation the clause is about ("it secured $1 billion in a round")."""
        for other in frame.siblings:
            for arg in other.args["target"]:
                party = self._party(arg, depth=0)
                if party is not None:
                    return party[0]
        return self._antecedent(frame.trigger)

    def _money(self, frame: Frame) -> tuple:
        """(Money, span, price per share, valuation) that belong to the trigger."""
        trigger = frame.trigger
        money = span = per_share = valuation = valuation_money = None
        best = None
        for ent in self._near_ents(frame):
            if ent.label_ != "MONEY":
                continue
            value = ent._.money
            if value is None:
                continue
            reached = [(h, t) for t in (trigger, *frame.absorbed) if (h := self._hops_to(ent.root, t)) is not None]
            if (
                not reached
                and trigger.dep_ == "xcomp"
                and (
                    self._values_the_deal(ent.root, trigger.head)
                    or _path_lemmas(ent.root, trigger.head) & self.valuation_cues
                )
            ):
                # "agreed to acquire Y ..., in a transaction valued at $2.3 billion" (the
                # amount), "agreed to acquire Y ..., valuing the company at $2.4 billion"
                # (a valuation)
                hops = self._hops_to(ent.root, trigger.head, limit=MAX_MONEY_HOPS + 1)
                if hops is not None:
                    reached = [(hops, trigger.head)]
            if not reached and self._values_the_deal(ent.root, trigger):
                # "buy Y in a transaction valued at about $1.9 billion": two arcs longer
                hops = self._hops_to(ent.root, trigger, limit=MAX_MONEY_HOPS + 2)
                if hops is not None:
                    reached = [(hops, trigger)]
            if not reached and _just_before(ent, trigger):
                reached = [(1, trigger)]  # "an earlier 34 dlrs a share bid by X", however parsed
            if not reached:
                continue
            hops, anchor = min(reached, key=lambda pair: pair[0])
            path = _path_lemmas(ent.root, anchor)
            values_deal = self._values_the_deal(ent.root, anchor)
            if (path | _subjects_on_path(ent.root, anchor)) & self.valuation_cues and not values_deal:
                if valuation is None and value.amount is not None:
                    valuation, valuation_money = value.amount, (value, ent)
                continue
            if _governing_prep(ent.root) == "from":
                continue  # "to 92.50 dlrs a share from 80 dlrs": the earlier figure
            if value.per_share or (value.amount is not None and value.amount < MIN_DEAL_AMOUNT):
                # "raise its bid to 92.50 dlrs": no company changes hands for that; a
                # price per share even when "a share" is left unsaid
                if per_share is None:
                    per_share = value.amount
                continue
            if path & self.non_deal_money and not values_deal:
                continue
            if frame.cls.name == "raise" and self._non_equity(ent.root):
                continue  # "receive $1.5 billion in federal grants"
            if best is None or hops < best[0]:
                best = (hops, value, ent)
        if best is not None:
            money, span = best[1], best[2]
        elif valuation_money is not None and frame.cls.name in ("acquire", "bid", "merge"):
            # "agreed to buy Y for $38.50 a share, valuing the company at $2.4 billion": a
            # takeover's value is what the whole company is priced at
            money, span = valuation_money
        return money, span, per_share, valuation

    def _non_equity(self, amount: Token) -> bool:
        """An amount said to be in grants, loans or debt: "$1.5 billion in grants"."""
        return any(
            pobj.lemma_.lower() in self.non_equity_funding
            for prep in amount.children
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        )

    def _hops_to(self, token: Token, trigger: Token, limit: int = MAX_MONEY_HOPS) -> Optional[int]:
        """How many arcs from a money token up to the trigger (None when not below it,
        or when the money hangs from the trigger's head as in "made a $50 bid")."""
        hops = 0
        node = token
        while node.i != trigger.i:
            if node.head.i == node.i or hops >= limit:
                break
            node = node.head
            hops += 1
        if node.i == trigger.i:
            return hops
        if trigger.head.i != trigger.i and trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
            # "made a $50 bid", "the round is valued at $14 billion", "the valuation
            # soared to $13.8 billion after a funding round": the money hangs from the verb
            # the trigger is an argument of
            verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
            node, hops = token, 0
            while node.head.i != node.i and hops < MAX_MONEY_HOPS - 1:
                node, hops = node.head, hops + 1
                if node.i == verb.i:
                    return MAX_MONEY_HOPS
        return None

    def _stake(self, frame: Frame) -> Optional[float]:
        trigger = frame.trigger
        stakes = []
        for ent in self._near_ents(frame):
            if ent.label_ != "PERCENT":
                continue
            node = ent.root
            under = min(
                (h for h in (self._hops_to(node, t) for t in [trigger, *frame.absorbed]) if h is not None), default=None
            )
            if under is None:
                continue
            prep = _governing_prep(node)
            if prep == "from":
                continue
            value = ent._.percent if ent._.percent is not None else parse_percent(ent.text)
            if value is None:
                continue
            path = _path_lemmas(node, trigger)
            if path & self.non_deal_money:
                continue
            if _of_combined_company(node):
                continue  # "X's shareholders will own 55% of the combined company": a split
            stakes.append((0 if prep == "to" else 1, under, value))
        return min(stakes)[2] if stakes else None

    def _own_phrase(self, frame: Frame) -> str:
        """The words that belong to this trigger and to no other trigger of the
        sentence: "invest $10 billion in Y, on top of the Series F round" gives the round
        to the round, not to the investment."""
        trigger = frame.trigger
        tree = self.index.tree
        first, after = tree.first[trigger.i], tree.after[trigger.i]
        # the subtrees of the other triggers are slices of the same walk, each inside the
        # trigger's, around it, or apart from it: what is left is the trigger's slice
        # less the slices inside it (all of it but the trigger when one is around it)
        cuts = []
        for other in frame.siblings:
            i = other.trigger.i
            if i == trigger.i:
                continue
            if tree.first[i] <= first and after <= tree.after[i]:
                return trigger.text
            if first <= tree.first[i] and tree.after[i] <= after:
                cuts.append((tree.first[i], tree.after[i]))
        doc, order, words, at = trigger.doc, tree.order, [], first
        for start, end in sorted(cuts):
            words.extend(order[at:start])
            at = max(at, end)
        words.extend(order[at:after])
        return " ".join(doc[i].text for i in words)

    def _date(self, frame: Frame) -> Optional[str]:
        trigger = frame.trigger
        doc_date = trigger.doc._.doc_date
        for ent in self._near_ents(frame):
            if (
                ent.label_ == "DATE"
                and (
                    self._hops_to(ent.root, trigger) is not None
                    or (trigger.pos_ == "NOUN" and 0 < ent.start - trigger.i <= DATE_AFTER_NOUN)
                )
                and not self._ends_a_period(ent, trigger)
            ):
                date = normalize_date(ent.text, doc_date)
                if date:
                    return date
        return None

    def _ends_a_period(self, date: Span, trigger: Token) -> bool:
        """A date an offer expires, runs until or was extended to, or a deadline: the
        end of a period, not when the deal happened ("the offer expires on March 3",
        "extended its offer to May 1", "open through March 31"). A cue word on the way
        from the date up to the trigger or to the word above the trigger it hangs from
        (not above that), or among the words just before the date in its sentence."""
        tree = self.index.tree
        node = date.root
        for _ in range(DATE_END_ARCS):
            if node.head.i == node.i:
                break
            node = node.head
            if node.i == trigger.i:
                break
            if node.lemma_.lower() in self.date_end_cues or node.lower_ in self.date_end_preps:
                return True
            if tree.below(node.i, trigger.i):
                break  # where the date joins the trigger's own chain: above it is another clause
        start = max(date.start - DATE_END_WORDS, self._sent(date.root).start)
        return any(
            t.lemma_.lower() in self.date_end_cues or t.lower_ in self.date_end_preps
            for t in date.doc[start : date.start]
            if t.i != trigger.i
        )

    def _round_investors(self, frame: Frame) -> list[Token]:
        """ "the Series F round in May 2024 with Amazon": the parser often hangs the
        investors of a round noun on the verb of the clause; take an organisation after
        "with", "from" or "by" within a few words of the round, in the same clause."""
        trigger = frame.trigger
        sent = self._sent(trigger)
        end = min(trigger.i + ROUND_INVESTORS_WINDOW, sent.end)
        for token in trigger.doc[trigger.i + 1 : end]:
            if token.text in (",", ";", ":") or (token.i != trigger.i and self._class_of(token) is not None):
                return []
            if token.lower_ in ("with", "from", "by") and token.i + 1 < sent.end:
                ent = self._ent(token.doc[token.i + 1])
                if ent is not None and ent.label_ in PARTY_LABELS:
                    return [token.doc[token.i + 1]]
        return []

    def _denied(self, trigger: Token) -> bool:
        """Talks about the deal are denied or ruled out in the clauses above it."""
        node = trigger
        for _ in range(8):
            if node.lemma_.lower() in self.denial_cues or any(
                c.dep_ == "neg" or (c.dep_ in ("acomp", "advmod") and c.lemma_.lower() in self.denial_cues)
                for c in node.children
            ):
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def _refused_by_target(self, chain: list[Token], target: Optional[Span]) -> bool:
        """The verb that refuses the deal has the target (or its board) as subject."""
        if target is None:
            return False
        for token in chain:
            if token.lemma_.lower() not in self.refusal_cues:
                continue
            for subject in (c for c in token.children if c.dep_ == "nsubj"):
                party = self._party(subject, depth=0)
                if party is not None and _same(party[0], target):
                    return True
        return False

    def _under_talks(self, trigger: Token) -> bool:
        """ "in talks to buy", "talks on a merger", "Meta in talks to invest": the deal
        hangs from a word of negotiation, or one stands right before it."""
        doc = trigger.doc
        if any(
            t.lemma_.lower() in NEGOTIATION_WORDS
            for t in doc[max(self._sent(trigger).start, trigger.i - 3) : trigger.i]
        ):
            return True
        node = trigger
        for _ in range(TALKS_MAX_STEPS):
            if node.dep_ not in TALKS_LINK_DEPS or node.head.i == node.i:
                return False
            node = node.head
            if node.lemma_.lower() in NEGOTIATION_WORDS:
                return True
        return False

    def _status(self, frame: Frame, target: Optional[Span] = None) -> str:
        """Status from the trigger's own words and the verbs governing it."""
        trigger = frame.trigger
        chain = [trigger]
        node = trigger
        while node.head.i != node.i and node.dep_ not in CLAUSE_BOUNDARY_DEPS:
            if node.dep_ == "prep" and node.head.pos_ in ("NOUN", "PROPN"):
                break  # "talks ..., on top of the Series F round": a modifier of a noun
            node = node.head
            chain.append(node)
        words = set()
        for token in chain:
            words.add(token.lemma_.lower())
            words.update(
                child.lemma_.lower()
                for child in token.children
                if child.dep_ in ("aux", "neg", "advmod", "dobj", "amod", "compound")
            )
            # phrasal verbs: "called off", "broke off"
            words.update(f"{token.lemma_.lower()} {child.lower_}" for child in token.children if child.dep_ == "prt")
        cues = self.status_cues
        ended = words & cues.get("terminated", frozenset())
        if ended and ended <= self.refusal_cues and self._refused_by_target(chain, target):
            ended = set()  # "Y rejected X's offer": X may keep it open; still proposed
        if ended:
            return "terminated"
        if words & cues.get("rumored", frozenset()) or self._under_talks(trigger):
            return "rumored"
        if frame.cls.status == "proposed" and words & ACCEPTING_WORDS:
            return "agreed"  # "Y agreed to X's offer"
        if frame.cls.status == "proposed" or words & cues.get("proposed", frozenset()):
            return "proposed"
        aux = {child.lower_ for token in chain[:2] for child in token.children if child.dep_ == "aux"}
        if words & cues.get("agreed", frozenset()) or aux & {"to", "will", "shall"}:
            return "agreed"
        if trigger.tag_ in ("VBD", "VBN") or words & cues.get("completed", frozenset()):
            return "completed"
        if frame.cls.name == "stake" and trigger.lemma_.lower() in ("hold", "own"):
            return "completed"  # "X owns 8.9 pct of Y": a holding is a fact
        if trigger.pos_ in ("NOUN", "PROPN"):
            verb = next((t for t in trigger.ancestors if t.pos_ in ("VERB", "AUX")), None)
            if verb is not None and verb.tag_ in ("VBD", "VBN"):
                return "completed"
            if frame.cls.name == "raise":
                return "completed"  # "the $1 billion Series F round": a round told as a fact
        return "agreed"


# --- helpers ----------------------------------------------------------------------


def _trigger_classes(rules: dict) -> dict[str, TriggerClass]:
    classes = {}
    for name, entry in (rules.get("classes") or {}).items():
        require_keys(entry, ("type",), f"triggers.yml, class {name!r}")
        plain, phrasal = set(), {}
        for verb in entry.get("verbs", []):
            if not isinstance(verb, str) or not verb.strip():
                raise PatternError(f"triggers.yml, class {name!r}: verb {verb!r} is not a word")
            lemma, *rest = verb.split()
            if rest:
                phrasal.setdefault(lemma, set()).update(rest)
            else:
                plain.add(lemma)
        classes[name] = TriggerClass(
            name=name,
            type=entry["type"],
            verbs=frozenset(plain | set(phrasal)),
            plain_verbs=frozenset(plain),
            static_verbs=frozenset(entry.get("static_verbs", [])),
            unnamed_buyer_nouns=frozenset(entry.get("unnamed_buyer_nouns", [])),
            phrasal=tuple((lemma, frozenset(words)) for lemma, words in sorted(phrasal.items())),
            nouns=frozenset(entry.get("nouns", [])),
            status=entry.get("status"),
            requires_object=frozenset(entry.get("requires_object", [])),
            requires_modifier=frozenset(entry.get("requires_modifier", [])),
            requires_target=bool(entry.get("requires_target", False)),
            requires_money_or_round=bool(entry.get("requires_money_or_round", False)),
            seller_side=bool(entry.get("seller_side", False)),
        )
    if not classes:
        raise PatternError("triggers.yml: no trigger classes under 'classes'.")
    return classes


# Words that may stand between a possessor and its noun trigger besides the amount:
# "X's proposed 32.25 dlr per share cash acquisition of Y".
PRICE_WORDS = frozenset({"per", "a", "an", "share", "cash", "all"})


COMBINED_WORDS = frozenset({"combined", "merged", "enlarged", "new"})


def _dateline(ent: Span) -> bool:
    """A place in capitals opening a paragraph before "(Agency)", a comma or a dash:
    "SEOUL (Yonhap) --", "FRANKFURT, Jan 14 (Finwire) -"."""
    doc = ent.doc
    if not any(c.isalpha() for c in ent.text) or not ent.text.isupper() or ent.end >= len(doc):
        return False
    opens = ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws or doc[ent.start - 1].is_space
    return opens and doc[ent.end].text in DATELINE_FOLLOWERS


def _suffix_only(span: Span) -> bool:
    """A corporate suffix alone ("LLC", "Inc.", "L.L.P."): the end of a name cut at its comma."""
    words = re.findall(r"[a-z]+", span.text.lower().replace(".", ""))
    return bool(words) and all(w in SUFFIX_WORDS for w in words)


def _alias_in_brackets(span: Span) -> bool:
    """A short name given in brackets after the full one: "Builders Inc. (\"BTI\")",
    "(collectively, CMA)"."""
    doc = span.doc
    before = [t.text for t in doc[max(span.start - 3, 0) : span.start]]
    after = doc[span.end].text if span.end < len(doc) else ""
    return (
        "(" in before
        and after in (")", '"', "\u201d", "'")
        and all(t not in (")",) for t in before[before.index("(") :])
    )


def _voice(verb: Token) -> str:
    if verb.pos_ not in ("VERB", "AUX"):
        return "noun"
    return "passive" if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) else "active"


def _generic_name(span: Span) -> bool:
    """ "Company", "the Partnership" taken for a name: the filer, not a named party."""
    words = [t.lower_ for t in span if t.lower_ != "the"]
    return bool(words) and all(w in GENERIC_NAME_WORDS for w in words)


def _has_particle(verb: Token, words) -> bool:
    """Whether a phrasal trigger's particle or complement follows the verb: "snapped up"
    (prt), "take over", "take the company private" (a complement of the verb or of its
    object)."""
    if not words:
        return False
    for child in verb.children:
        if child.i > verb.i and child.lower_ in words:
            return True
        if child.dep_ in ("dobj", "nsubjpass") and any(
            g.i > verb.i and g.lower_ in words and g.dep_ not in ("compound", "amod") for g in child.children
        ):
            return True
    nxt = verb.i + 1
    return nxt < len(verb.doc) and verb.doc[nxt].lower_ in words


def _of_combined_company(percent: Token) -> bool:
    """ "55% of the combined company": how owners split a merger, not a stake bought."""
    return any(
        pobj.dep_ == "pobj" and any(c.lower_ in COMBINED_WORDS for c in pobj.children)
        for prep in percent.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
    )


def _ancestors_below(token: Token, top: Token) -> list[Token]:
    """``token`` and its ancestors up to (not including) ``top``."""
    chain = []
    node = token
    while node.i != top.i and node.head.i != node.i:
        chain.append(node)
        node = node.head
    return chain


def _offer_of_purpose(trigger: Token, frames: dict[int, Frame]) -> Optional[Frame]:
    """ "X made a $900 million offer to acquire Y": the purpose clause hangs from the
    verb; the offer noun that verb governs is the deal it states."""
    if trigger.dep_ not in ("advcl", "xcomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
    ):
        return None
    return next(
        (frames[c.i] for c in trigger.head.children if c.dep_ == "dobj" and c.i in frames and c.i < trigger.i), None
    )


def _invests_in(noun: Token) -> bool:
    """ "closes C$40 million investment in Y": the subject invests; it raises nothing."""
    return noun.lemma_.lower() == "investment" and any(
        c.dep_ == "prep" and c.lower_ in ("in", "into") for c in noun.children
    )


def _just_before(ent: Span, trigger: Token) -> bool:
    """An amount written right before a noun trigger: "a $50 a share cash bid"."""
    if (trigger.pos_ not in ("NOUN", "PROPN") and trigger.dep_ != "acl") or ent.end > trigger.i:
        return False
    between = ent.doc[ent.end : trigger.i]
    return all(t.is_space or t.lower_ in PRICE_WORDS or t.pos_ == "ADJ" for t in between) and len(between) <= 3


def _possessor_before(trigger: Token) -> Optional[Token]:
    """The possessor of a noun trigger that the parser hung on the amount before it:
    "Stone's proposed $32 a share acquisition of Y"."""
    doc = trigger.doc
    i = trigger.i - 1
    while i >= 0 and trigger.i - i <= 12:
        token = doc[i]
        if token.dep_ == "poss":
            return token
        if not (
            token.is_space
            or token.dep_ == "case"
            or token.ent_type_ in ("MONEY", "PERCENT")
            or token.pos_ in ("ADJ", "NUM")
            or token.dep_ in ("amod", "compound", "nummod", "quantmod")
            or token.lower_ in PRICE_WORDS
        ):
            return None
        i -= 1
    return None


def _bracketed(token: Token) -> bool:
    """A ticker symbol: "<BLDS.ST>" in "Boliden AB <BLDS.ST> said"."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "<" and doc[token.i + 1].text == ">"


def _path_lemmas(token: Token, stop: Token) -> set[str]:
    """Lemmas on the way from ``token`` up to ``stop`` (exclusive of both)."""
    lemmas = set()
    node = token
    for _ in range(MAX_MONEY_HOPS + 1):
        if node.head.i == node.i or node.head.i == stop.i:
            break
        node = node.head
        lemmas.add(node.lemma_.lower())
    return lemmas


def _subjects_on_path(token: Token, stop: Token) -> set[str]:
    """Lemmas of the subjects of the words above ``token``: "the valuation soared to
    $13.8 billion" makes the amount a valuation."""
    lemmas = set()
    node = token
    for _ in range(MAX_MONEY_HOPS):
        if node.head.i == node.i or node.i == stop.i:
            break
        node = node.head
        lemmas.update(child.lemma_.lower() for child in node.children if child.dep_ in SUBJECT_DEPS)
    return lemmas


def _governing_prep(token: Token) -> Optional[str]:
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.dep_ in ("prep", "dative"):
            return node.head.lower_
        if node.head.i == node.i:
            break
        node = node.head
    return None


ROUND_CLASSES = ("raise", "invest")  # the trigger classes that may state a funding round


def _round(text: str, cls_name: str) -> Optional[str]:
    if cls_name not in ROUND_CLASSES:
        return None
    match = ROUND_RE.search(text)
    if match is None:
        return None
    if match.group(1):
        return f"Series {match.group(1).upper()}"
    if match.group(2):
        return "Pre-Seed" if match.group(2).lower() == "pre-seed" else "Seed"
    return "IPO"


def _deal_type(cls: TriggerClass, stake: Optional[float], buyers: list[Span]) -> str:
    if cls.seller_side:
        return "acquisition" if buyers else "divestiture"
    if stake is not None and cls.name in ("acquire", "invest", "stake", "bid"):
        return "acquisition" if stake >= STAKE_FOR_ACQUISITION else "investment"
    return cls.type


def _main_org(doc: Doc, excluding: frozenset[str] | set[str] = frozenset()) -> Optional[Span]:
    """The organisation a document is about: the most mentioned (by canonical name),
    leaving out the ``excluding`` keys."""
    counts: dict[str, int] = {}
    first: dict[str, Span] = {}
    for ent in doc.ents:
        if ent.label_ == "ORG" and _key(ent) not in excluding:
            key = ent._.canonical or ent.text
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, ent)
    if not counts:
        return None
    key = max(counts, key=lambda k: counts[k])
    return first[key]


def _same(a: Span, b: Span) -> bool:
    return _key(a) == _key(b)


def _key(span: Span) -> str:
    return norm_key(span._.canonical or span.text)


def _unique(spans: Iterable[Span]) -> list[Span]:
    seen, out = set(), []
    for span in spans:
        key = _key(span)
        if key not in seen:
            seen.add(key)
            out.append(span)
    return out


def _confidence(frame: Frame, deal: Deal) -> float:
    """A score in 0..1 from how directly the parse states the deal."""
    score = 0.35
    if frame.args["target"]:
        score += 0.2
    if deal.buyers and not frame.inherited:
        score += 0.15
    elif deal.buyers:
        score += 0.1
    if deal.money is not None or deal.stake_pct is not None:
        score += 0.1
    if frame.trigger.pos_ == "VERB":
        score += 0.05
    if any(span.label_ != "ORG" for span in [*deal.buyers, deal.target]):
        score -= 0.1
    return round(max(0.05, min(score, 0.95)), 2)


def _merge_same(deals: list[Deal]) -> list[Deal]:
    """One deal per (buyers, target) within a document; later mentions fill the gaps."""
    merged: dict[tuple, Deal] = {}
    for deal in deals:
        key = (frozenset(_key(b) for b in deal.buyers), _key(deal.target))
        if not deal.buyers:
            # unnamed investors: two sentences may be two different rounds; a sale by a
            # named seller is one sale however many sentences tell it
            key += (_key(deal.seller),) if deal.seller is not None else (deal.evidence.start,)
        kept = merged.get(key)
        if kept is None and not deal.buyers:
            # "secured $1 billion from X in a Series F round": the round is X's deal
            kept = next(
                (
                    other
                    for other in merged.values()
                    if _key(other.target) == key[1] and other.evidence.start == deal.evidence.start
                ),
                None,
            )
        if kept is None:
            merged[key] = deal
            continue
        for name in ("money", "money_span", "stake_pct", "price_per_share", "valuation", "round", "date", "seller"):
            if getattr(kept, name) is None and getattr(deal, name) is not None:
                setattr(kept, name, getattr(deal, name))
        kept.confidence = max(kept.confidence, deal.confidence)
    return list(merged.values())
