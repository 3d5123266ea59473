"""Organisation mentions and their aliases within one document.

The base model names the same company inconsistently: "Scale AI" is ORG in one sentence
and PERSON in the next, "Bamberger" is PERSON after "Bamberger Polymers Inc", Reuters
headlines spell "HELM" for "Helm Resources Inc". This component

1. settles one label per name from the document's evidence (issue 18): a name with a
   corporate suffix or company word anywhere, after "X-based", in a slot only a company
   fills ("agreed to acquire X"), or listed in the gazetteer of listed companies
   (``pipeline/gazetteer.py``: it relabels or confirms a span of the model, never makes
   one) is ORG; suffixed, initialled and acronym names are never PERSON;
2. cuts spans that run over two names joined by "and" ("Alpha Images and Beta Stock"),
   and never joins them again;
3. tidies ORG spans (drops "the", possessive "'s", ticker symbols like ``<HBJ>``, a
   document's own words before a name; takes in a corporate suffix the model left out,
   also after a comma: "Acme Holdings, Inc."; marks Reuters' ``<Private Co Name>`` as ORG);
4. links a short form or ticker given in brackets to the full name ("Alpha Tasman Ltd
   (ATL)", "Acme Corp. (NYSE: ACME)");
5. finds every later mention of a known organisation (full name, name without suffix,
   distinctive first word, bracketed short form) and labels it ORG;
6. clusters the names so that ``span._.canonical`` gives the fullest name of the
   document ("Meta" -> "Meta Platforms Inc.").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import gazetteer as listed
from ..names import has_corporate_suffix, name_words, norm_key
from ..patterns import PatternFilesMixin, load_lines
from .docdata import FULL_FORMS_KEY  # also declares doc._.org_names, span._.canonical
from .paragraphs import heading_ranges, heading_tokens, is_hard_wrapped

# Labels the base model wrongly gives to organisation names; ORG may replace them.
RELABEL = frozenset({"ORG", "PERSON", "GPE", "NORP", "PRODUCT", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT"})
# A ticker symbol inside angle brackets: "<HBJ>", "<BLDS.ST>", "<AH.O>".
TICKER = re.compile(r"^[A-Z0-9.\-]{1,9}$")
# Shortest first word we accept as a company's short name ("Helm" yes, "AT" no).
MIN_SHORT_NAME = 3
# A blank line or a newline followed by an indent: names never run across one
# (a single newline is just a wrapped line in newswire text).
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n[ \t]+")
# Punctuation that never stands inside a company name: a list, a table cell, a bracket.
NAME_BREAKS = frozenset({",", "|", ";", ":", "(", ")", "[", "]", "•"})
# Words that start a job title: "Brightline Corp Chief Executive ..." ends before them.
TITLE_WORDS = frozenset(
    {
        "chief",
        "chairman",
        "chairwoman",
        "president",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "analyst",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "founder",
        "co-founder",
        "cofounder",
    }
)
CONJUNCTIONS = frozenset({"and", "&", "of", "or"})
DETERMINERS = frozenset({"the", "a", "an"})
# Lower-case words that join two names rather than stand inside one: "merge Cyclops
# into Dixons" is two organisations ("of", "and", "for" do occur inside names).
LINKING_WORDS = frozenset({"into", "from", "by", "with", "versus", "vs", "vs."})
# "Bermuda-based", "Paris-headquartered": the name before is a place.
PLACE_SUFFIXES = frozenset({"based", "headquartered", "listed", "born", "registered", "area"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Words a name may have before its corporate suffix ("Gulf Resources and Chemical Corp"),
# and the lower-case words that may join them.
FULL_FORM_WORDS = 6
FULL_FORM_JOINERS = frozenset({"and", "&", "of", "-"})
# Words of a title, which end a name read backwards from its suffix ("Chief Accounting
# Officer of Avaya Inc" is no name).
TITLE_STOPS = TITLE_WORDS | frozenset(
    {"officer", "director", "controller", "counsel", "secretary", "treasurer", "vice", "executive", "manager"}
)


# names whose tokens (LOWER hashes) _find_mentions remembers; the table is emptied when full
MAX_FORM_WORDS = 50_000
# Labels the gazetteer of listed companies may turn into ORG (the model's usual mistakes
# on company names: "Valero" as PERSON, "Kinross" as GPE, "Alcon" as PRODUCT).
GAZETTEER_RELABEL = frozenset({"PERSON", "GPE", "PRODUCT", "FAC", "LOC", "WORK_OF_ART"})
# Words before a name that say the name is no person's: "a Boston-based Acme".
BASED_WORDS = frozenset({"based", "headquartered"})
# Words before a pair of names that make them two: "both X and Y", "between X and Y".
PAIR_OPENERS = frozenset({"both", "between"})
# Deal slots only an organisation fills: the object of "acquire", the name after "the
# acquisition of", "a merger with", "shares of" ("agreed to acquire Harlow Tex").
SLOT_VERBS = frozenset({"acquire", "buy", "purchase", "merge"})
SLOT_NOUNS = frozenset({"acquisition", "purchase", "merger", "takeover", "buyout", "shares", "stock"})
SLOT_PREPOSITIONS = frozenset({"of", "with"})
# Labels a deal slot turns into ORG, and the first words of a document's own parts that
# the model runs into a name ("Certificate of Formation of Acme LLC", "Table of Contents
# ACME CORP").
SLOT_RELABEL = frozenset({"PERSON", "GPE", "PRODUCT", "FAC", "LOC", "WORK_OF_ART", "NORP"})
DOCUMENT_WORDS = frozenset(
    {"certificate", "agreement", "articles", "amendment", "report", "form", "table", "bylaws", "indenture", "exhibit"}
)
# Place abbreviations that make a name a company's, never a person's ("U.S. Bank").
PLACE_ABBREVIATIONS = frozenset({"U.S.", "U.K.", "U.S.A.", "US", "UK", "USA"})
# Titles before a person's name: the name after one is no company's.
PERSON_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady"})


@Language.factory(
    "spacy_deals_org_aliases",
    default_config={"patterns_dir": None},
    assigns=["doc.ents", "span._.canonical", "doc._.org_names"],
    requires=["doc.ents"],
)
def make_org_aliases(nlp: Language, name: str, *, patterns_dir: str | None) -> OrgAliases:
    return OrgAliases(nlp, name, patterns_dir=patterns_dir)


class OrgAliases(PatternFilesMixin):
    """Tidy ORG spans, label later mentions of known organisations, map aliases."""

    pattern_files = (
        "org_suffixes.txt",
        "org_generic_words.txt",
        "not_org_words.txt",
        "org_head_words.txt",
        "org_joined_words.txt",
        listed.GAZETTEER_FILE,
        listed.STOP_FILE,
    )

    def __init__(self, nlp: Language, name: str = "spacy_deals_org_aliases", *, patterns_dir: str | None = None):
        self.name = name
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.patterns_dir = patterns_dir
        self._form_words: dict[str, tuple[int, ...]] = {}  # name -> LOWER hashes of its tokens
        self.load_patterns(patterns_dir)

    def load_patterns(self, patterns_dir) -> None:
        self.suffixes = frozenset(word.lower() for word in load_lines("org_suffixes.txt", patterns_dir))
        self.generic_words = frozenset(word.lower() for word in load_lines("org_generic_words.txt", patterns_dir))
        self.not_orgs = frozenset(load_lines("not_org_words.txt", patterns_dir))
        self.head_words = frozenset(word.lower() for word in load_lines("org_head_words.txt", patterns_dir))
        self.joined_words = frozenset(word.lower() for word in load_lines("org_joined_words.txt", patterns_dir))
        self.gazetteer = listed.load(patterns_dir)

    def __call__(self, doc: Doc) -> Doc:
        ents = [self._suffixed_as_org(ent) for ent in doc.ents if not _is_ticker_span(ent)]
        ents = self._split_pairs(ents)
        forms = doc.user_data.get(FULL_FORMS_KEY)
        if forms is None:
            forms = suffixed_names(doc, self.suffixes)
        ents = self._deal_slots(doc, ents)
        ents, evidence = self._settle_labels(doc, ents, forms)
        headings: list[bool] = []  # per token, filled on first use (one pass over the sentences)
        orgs = [
            span
            for span in (self._tidy(ent, headings, evidence) for ent in ents if ent.label_ == "ORG")
            if span is not None
        ]
        orgs += _bracketed_names(doc)
        short_forms = self._short_forms(doc, orgs)
        orgs += [short for short, _ in short_forms]
        full_forms = self._full_forms(doc, orgs, ents, forms)
        names = self._org_names(doc, orgs, full_forms, evidence)
        for short, full in short_forms:
            names.setdefault(short.text, full.text)
        mentions = self._find_mentions(doc, names)
        others = [
            _hyphenated(span)
            for span in (_outside_brackets(ent) for ent in ents if ent.label_ != "ORG")
            if span is not None
        ]
        doc.ents = _merge_ents(others, orgs + mentions)
        org_names = _cluster([span.text for span in doc.ents if span.label_ == "ORG"] + full_forms)
        for short, full in short_forms:
            # "Alpha Tasman Ltd (ATL)": ATL is the same party
            org_names[norm_key(short.text)] = org_names.get(norm_key(full.text), full.text)
        doc._.org_names = org_names
        return doc

    def _legal_suffix(self, token) -> bool:
        """A capitalised or dotted corporate suffix ("Inc.", "LLC", "N.V.", "a.s.")."""
        return (token.text[:1].isupper() or "." in token.text) and token.lower_.rstrip(".") in self.suffixes

    def _suffix_end(self, doc: Doc, end: int) -> int:
        """``end`` moved past the corporate suffixes that follow it ("Acme Holdings, Inc.",
        "Acme Co., Ltd.")."""
        while end < len(doc):
            if self._legal_suffix(doc[end]):
                end += 1
            elif doc[end].text == "," and end + 1 < len(doc) and self._legal_suffix(doc[end + 1]):
                end += 2
            elif (
                doc[end].text == ","
                and end + 2 < len(doc)
                and doc[end + 1].text == "National"
                and doc[end + 2].text == "Association"
            ):
                end += 3  # a U.S. national bank's legal form: "Harbor Bank, National Association"
            else:
                break
        return end

    def _two_names(self, left: Span, right: Span) -> bool:
        """Whether the names either side of "and" are two ("Alpha Images and Beta Stock",
        "Acme Inc and Beta Corp", "both Acme and Beta"), not one ("Gulf Resources and
        Chemical Corp", "Smith and Wesson", "Pacific Gas and Electric Co")."""
        if not len(left) or not len(right) or not left[0].text[:1].isupper() or not right[0].text[:1].isupper():
            return False
        if right[0].lower_ in self.joined_words or right[0].lower_ in self.head_words:
            return False
        doc = left.doc
        if left.start > 0 and doc[left.start - 1].lower_ in PAIR_OPENERS:
            return True
        if self._legal_suffix(left[-1]):
            return True
        keys = norm_key(left.text), norm_key(right.text)
        if all(key in self.gazetteer.names for key in keys):
            return True
        # two words a side, not counting the suffixes ("Colquitt Tool and Die Co" is one)
        named = right.end
        while named > right.start and self._legal_suffix(doc[named - 1]):
            named -= 1
        return len(left) >= 2 and named - right.start >= 2 and not any(token.lower_ in DETERMINERS for token in left)

    def _split_pairs(self, ents: list[Span]) -> list[Span]:
        """Organisation spans that run over two names joined by "and" cut into the two
        (:meth:`_two_names`)."""
        out: list[Span] = []
        for ent in ents:
            if ent.label_ != "ORG" or len(ent) < 3:
                out.append(ent)
                continue
            doc = ent.doc
            cut = next(
                (
                    i
                    for i in range(ent.start + 1, ent.end - 1)
                    if doc[i].lower_ == "and" and self._two_names(doc[ent.start : i], doc[i + 1 : ent.end])
                ),
                None,
            )
            if cut is None:
                out.append(ent)
            else:
                out += [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut + 1, ent.end, label="ORG")]
        return out

    def _deal_slots(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Names in a slot that only an organisation fills (:data:`SLOT_VERBS`,
        :data:`SLOT_NOUNS`): a span of another label there becomes ORG ("agreed to
        acquire Myogen"), unless it is a place or a first name (the gazetteer's stop
        words). No span is made: a proper noun the model left out in a slot costs more
        deals than it gains."""
        if not doc.has_annotation("DEP"):
            return ents
        surnames = {ent[-1].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
        out = []
        for ent in ents:
            if ent.label_ in SLOT_RELABEL and not self._place(ent):
                if self._in_slot(ent.root) or (
                    # "Quorvex acquired ...": a one-word person never named in full is a company
                    ent.label_ == "PERSON"
                    and len(ent) == 1
                    and ent.root.dep_ == "nsubj"
                    and ent.root.head.lemma_ in SLOT_VERBS
                    and ent.root.lower_ not in surnames
                ):
                    ent = Span(doc, ent.start, ent.end, label="ORG")
            out.append(ent)
        return out

    def _in_slot(self, token) -> bool:
        """Whether ``token`` heads the object of a deal verb or noun."""
        head = token.head
        if token.dep_ == "dobj" and head.lemma_ in SLOT_VERBS:
            return True
        if token.dep_ == "pobj" and head.lower_ in SLOT_PREPOSITIONS and head.head.lemma_ in SLOT_NOUNS:
            return True
        return token.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_ == "merge"

    def _place(self, span: Span) -> bool:
        """A place or a person's first name or surname ("Texas", "Jack"): a stop word of
        the gazetteer."""
        return norm_key(span.text) in self.gazetteer.stop or span[0].lower_ in self.gazetteer.stop and len(span) == 1

    def _settle_labels(self, doc: Doc, ents: list[Span], forms: list[str]) -> tuple[list[Span], set[str]]:
        """One label per name in the document, from the evidence it gives: a name that
        carries a corporate suffix or company word anywhere ("Acme Corp" or the suffixed
        name in the text), follows "X-based", or is a listed company (the gazetteer, only
        for a span the model labelled PERSON, GPE, PRODUCT, FAC, LOC or WORK_OF_ART and
        not after "Mr."/"Ms.") is ORG wherever the model found it. Returns the entities
        and the keys (:func:`norm_key`) of the names with evidence."""
        evidence = {norm_key(form) for form in forms}
        persons: set[str] = set()
        for ent in ents:
            if ent.label_ == "ORG":
                last = ent[-1].lower_.rstrip(".")
                if len(ent) > 1 and (last in self.suffixes or last in self.head_words):
                    evidence.add(norm_key(ent.text))
                elif norm_key(ent.text) in self.gazetteer:
                    evidence.add(norm_key(ent.text))  # confirmed: no vote turns it into a person
            elif ent.label_ == "PERSON" and len(ent) > 1:
                persons.add(ent[-1].lower_)  # "John Valero ... Valero": a surname
            if _after_based(ent):
                evidence.add(norm_key(ent.text))
        if not evidence and not any(ent.label_ in GAZETTEER_RELABEL for ent in ents):
            return ents, evidence
        out = []
        for ent in ents:
            if ent.label_ in RELABEL and ent.label_ != "ORG":
                key = norm_key(ent.text)
                if key in evidence or (
                    ent.label_ in GAZETTEER_RELABEL
                    and key in self.gazetteer
                    and key not in persons
                    and not (ent.start > 0 and ent.doc[ent.start - 1].lower_ in PERSON_TITLES)
                ):
                    evidence.add(key)
                    ent = Span(doc, ent.start, ent.end, label="ORG")
            out.append(ent)
        return out, evidence

    def _short_forms(self, doc: Doc, orgs: list[Span]) -> list[tuple[Span, Span]]:
        """(short form, full name) of the short forms and tickers given in brackets after
        an organisation: "Alpha Tasman Ltd (ATL)", "Acme Corp. (NYSE: ACME)", "Acme
        Holdings, Inc. ("Acme")". A short form is a ticker-like word in capitals, the
        initials of the name or some of its words."""
        found = []
        for org in orgs:
            at = org.end
            if at < len(doc) and doc[at].text == ",":
                at += 1
            if at + 2 >= len(doc) or doc[at].text != "(":
                continue
            close = next((i for i in range(at + 1, min(at + 8, len(doc))) if doc[i].text == ")"), None)
            if close is None:
                continue
            start, end = at + 1, close
            if end - start >= 3 and doc[start + 1].text == ":":
                start += 2  # "NYSE: ACME"
            while start < end and (doc[start].is_quote or doc[start].lower_ in DETERMINERS):
                start += 1
            while end > start and doc[end - 1].is_quote:
                end -= 1
            if start >= end:
                continue
            short = doc[start:end]
            if self._is_short_form(short.text, org.text):
                found.append((Span(doc, start, end, label="ORG"), org))
        return found

    def _is_short_form(self, short: str, name: str) -> bool:
        if not short[:1].isupper() or short.lower() in self.generic_words or short in self.not_orgs:
            return False
        short_words, words = name_words(short), name_words(name)
        if short_words and short_words <= words:
            return True
        letters = short.replace(".", "").replace("&", "")
        initials = "".join(word[0] for word in name.replace("-", " ").split() if word[:1].isupper())
        return letters.isupper() and (
            letters == initials or (bool(TICKER.match(short)) and 1 < len(letters) <= 6 and " " not in short)
        )

    def _full_forms(self, doc: Doc, orgs: list[Span], ents: list[Span], forms: list[str]) -> list[str]:
        """The names of the document's text that end in a corporate suffix and extend a
        name the Doc has ("Acme Card Corp." for "Acme Card"): those that begin with the
        words of one of its organisations (not through "and" when what follows it is an
        organisation of the Doc, "Alder Bank and Birch Bancorp", or another organisation
        holds those words: "Comdata and Mason Best Co" of "Comdata", named "Comdata
        Network Inc" too), and those that are, less their suffixes, an entity of
        another kind (the model took "Acme Card" for a person); not for a name the text
        gives two full forms ("NuStar GP, LLC" and "NuStar GP Holdings"). They count
        as organisations named in the document (their short forms are looked for and
        labelled ORG) and are candidates for the fullest name. The text is the whole
        original text when triage sent only some paragraphs through the model (the names
        it found there, ``doc.user_data[FULL_FORMS_KEY]``), so that neither depends on
        which paragraphs reached the model; else the Doc's own (``forms``, from the caller)."""
        if not forms:
            return []
        org_words = {_words(span.text) for span in orgs}
        names = org_words | {_words(form) for form in forms}
        prefixes = {_words(span.text) for span in orgs if not has_corporate_suffix(span.text)}
        others = {_words(ent.text) for ent in ents if ent.label_ != "ORG" and ent.label_ in RELABEL}
        # name the Doc has -> its full forms (one text per distinct form)
        extended: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {}
        for form in forms:
            words = _words(form)
            short = self._without_suffixes(words)
            named = [short] if short in others else []
            named += [
                words[:size]
                for size in range(1, len(words))
                if words[:size] in prefixes
                and not (
                    words[size] in ("and", "&") and (words[size + 1 :] in org_words or _in_another(words[:size], names))
                )
            ]
            for name in named:
                extended.setdefault(name, {}).setdefault(tuple(word.strip(".,") for word in words), form)
        # a name with two full forms ("NuStar GP, LLC" and "NuStar GP Holdings") is
        # two companies: neither is its fuller name
        return list(
            dict.fromkeys(form for variants in extended.values() if len(variants) == 1 for form in variants.values())
        )

    def _without_suffixes(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A name's words less its trailing corporate suffixes (all of them if nothing
        else would be left)."""
        end = len(words)
        while end > 1 and words[end - 1].rstrip(".,") in self.suffixes:
            end -= 1
        return words[:end]

    def _suffixed_as_org(self, ent: Span) -> Span:
        """A name ending in a corporate suffix or a company word is an organisation
        whatever the model tagged it ("Veltrano SpA" as PERSON, "Brennic Solar" as LOC)."""
        if ent.label_ in ("ORG", "MONEY", "PERCENT", "DATE", "CARDINAL"):
            return ent
        if ent.label_ in RELABEL and ent[0].text[:1].isupper():
            end = self._suffix_end(ent.doc, ent.end)
            if end > ent.end:  # "J.K. Smithers" of "J.K. Smithers Co": never a person
                return Span(ent.doc, ent.start, end, label="ORG")
        if ent.label_ == "PERSON" and (
            (len(ent) == 1 and ent.text.isupper() and ent.text.isalpha() and 1 < len(ent.text) <= 5)
            or (len(ent) > 1 and any(token.text in PLACE_ABBREVIATIONS for token in ent))
        ):
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "CDT", "U.S. Bank": no person's name
        if len(ent) < 2:
            return ent
        last = ent[-1].text.rstrip(".").lower()
        if (
            (last in self.suffixes or last in self.head_words)
            and ent[0].text[:1].isupper()
            and ent[-1].text[:1].isupper()
        ):
            return Span(ent.doc, ent.start, ent.end, label="ORG")
        return ent

    def _tidy(
        self, ent: Span, headings: list[bool] | None = None, evidence: set[str] | frozenset = frozenset()
    ) -> Span | None:
        """Trim determiners, possessives and tickers; take in a trailing corporate suffix.
        ``headings``: :func:`paragraphs.heading_tokens` of the Doc, or an empty list to
        fill with it when first needed."""
        start, end = ent.start, ent.end
        doc = ent.doc
        for i in range(start, end):
            if doc[i].text in ("<", ">"):
                if i == start:
                    start = i + 1
                    continue
                end = i
                break
            if doc[i].is_space and PARAGRAPH_BREAK.search(doc[i].text):
                start = i + 1
            elif i > start and (
                doc[i].text in POSSESSIVE
                or doc[i].text == "s"  # "Acme s shares": a possessive that lost its apostrophe
                or doc[i].text in NAME_BREAKS
                or doc[i].lower_ in TITLE_WORDS
                or doc[i].text in LINKING_WORDS
            ):
                # "Meta's AI", "Facebook, Instagram": the name ends before
                end = i
                break
        for i in range(start + 1, end):
            if doc[i].is_sent_start:
                end = i
                break
        if start < end:
            if headings is None:
                headings = []
            if not headings:
                headings.extend(heading_tokens(doc))
            if (
                headings[start]
                and (not all(headings) or _in_capitals(doc[start].sent))
                and norm_key(doc[start:end].text) not in evidence
            ):
                # "HELM SELLS SHARES IN BAMBERGER": the model's names there are guesses and
                # the body names them again; a text that is only a title-case heading keeps
                # them, and a name the document shows is an organisation stays
                return None
        while start < end and doc[start].lower_ in DETERMINERS:
            start += 1
        if doc[start].lower_ in DOCUMENT_WORDS:
            # "Certificate of Formation of Acme LLC", "Table of Contents ACME CORP": the name
            # begins after the document's own words
            cut = max((i for i in range(start, end - 1) if doc[i].lower_ in ("of", "contents")), default=None)
            if cut is not None:
                start = cut + 1
        for i in range(start + 1, end - 2):
            if doc[i].lower_ == "board" and doc[i + 1].lower_ == "of":
                end = i  # "Acme Board of Directors"
                break
        while (
            start >= 2
            and doc[start - 1].text == "-"
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and doc[start - 2].text[:1].isupper()
            and doc[start - 2].is_alpha
        ):
            start -= 2  # "Lacroix-Verdun Holdings" tagged from "Verdun"
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in PLACE_SUFFIXES:
            return None  # "Bermuda-based reinsurer X": a place
        while (
            start >= 2
            and doc[start - 1].is_space
            and doc[start - 1].text == "\n"
            and _name_word(doc[start - 2])
            and not doc[start].is_sent_start
        ):
            start -= 2  # "Becton\nDickinson & Co": a name wrapped across lines (not a byline above it)
        while (
            start >= 2
            and doc[start - 1].lower_ in ("and", "&")
            and _name_word(doc[start - 2])
            and (end - start > 1 or doc[start].lower_.rstrip(".") in self.suffixes)
        ):
            left = start - 2
            while left >= 1 and _name_word(doc[left - 1]) and "\n" not in doc[left - 1].whitespace_:
                left -= 1
            if doc[start - 1].lower_ == "and" and self._two_names(doc[left : start - 1], doc[start:end]):
                break  # "Alpha Images and Beta Stock": two names, never joined again
            start = left
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].text == "s"):
            end -= 1
        end = self._suffix_end(doc, end)
        while end > start and doc[end - 1].lower_ in CONJUNCTIONS:
            end -= 1
        conj = end + 1 if end < len(doc) and doc[end].is_space and doc[end].text == "\n" else end
        partner = (
            conj + 1 if conj + 1 < len(doc) and doc[conj + 1].is_space and doc[conj + 1].text == "\n" else conj + 1
        )
        if (
            partner < len(doc)
            and doc[conj].lower_ in ("and", "&")
            and (_name_word(doc[partner]) or _one_word_org(doc, partner))
            and doc[partner].ent_iob_ in ("B", "O", "")
            and (partner + 1 >= len(doc) or not doc[partner + 1].text[:1].isupper())
            and not (start > 0 and doc[start - 1].lower_ in PAIR_OPENERS)
            and not (doc[conj].lower_ == "and" and self._two_names(doc[start:end], doc[partner : partner + 1]))
        ):
            end = partner + 1  # "Smith and Wesson handgun business": a one-word partner name
        if end <= start or doc[start:end].text in self.not_orgs:
            return None
        span = Span(doc, start, end, label="ORG")
        return None if _is_ticker_span(span) else span

    def _org_names(
        self, doc: Doc, orgs: list[Span], full_forms: Iterable[str] = (), evidence: set[str] | frozenset = frozenset()
    ) -> dict[str, str]:
        """Surface forms to look for -> the ORG name they come from (``orgs`` and the
        ``full_forms`` of ``_full_forms``).

        A name the model tags PERSON more often than ORG stays a person, unless the
        document shows it is an organisation (its key is in ``evidence``).
        """
        person_counts = Counter(ent.text for ent in doc.ents if ent.label_ == "PERSON")
        org_counts = Counter(span.text for span in orgs)
        org_counts.update(form for form in full_forms if form not in org_counts)
        names: dict[str, str] = {}
        for text, count in org_counts.items():
            if not text.split() or (person_counts[text] > count and norm_key(text) not in evidence):
                continue
            for form in self._surface_forms(text):
                names.setdefault(form, text)
        return names

    def _surface_forms(self, name: str) -> Iterable[str]:
        yield name
        words = name.split()
        while len(words) > 1 and words[-1].lower().rstrip(".,") in self.suffixes:
            words = words[:-1]
            yield " ".join(words).rstrip(",")
        first = words[0].rstrip(",")
        if (
            len(name.split()) > 1
            and len(first) >= MIN_SHORT_NAME
            and first[0].isupper()
            and first.lower() not in self.generic_words
            and not self.vocab[first.lower()].is_stop
        ):
            yield first

    def _find_mentions(self, doc: Doc, names: dict[str, str]) -> list[Span]:
        """Spans of the document that repeat a known organisation name (case-blind for
        all-caps headlines, but only on capitalised tokens)."""
        if not names:
            return []
        # the lower-case forms' hashes, compared with the Doc's LOWER column (no Token
        # objects made for the words that start no name)
        by_first: dict[int, list[tuple[int, ...]]] = {}
        cache = self._form_words
        for form in names:
            words = cache.get(form)
            if words is None:
                if len(cache) >= MAX_FORM_WORDS:  # one entry a name: it would grow with the input
                    cache.clear()
                words = cache[form] = tuple(token.lower for token in self.tokenizer(form))
            by_first.setdefault(words[0], []).append(words)
        lowers = doc.to_array(LOWER).tolist()
        found = []
        for i, lower in enumerate(lowers):
            for words in by_first.get(lower, ()):
                end = i + len(words)
                if end <= len(doc) and lowers[i:end] == list(words):
                    found.append(self._mention(doc, i, end))
        return [span for span in found if span is not None]

    def _mention(self, doc: Doc, start: int, end: int) -> Span | None:
        span = doc[start:end]
        if not span[0].text[:1].isupper():
            return None
        if any(token.ent_type_ and token.ent_type_ not in RELABEL for token in span):
            return None
        if _inside_longer_person(span):
            return None  # "William Reynolds" keeps its "Reynolds" even if an ORG shares it
        return Span(doc, start, self._suffix_end(doc, end), label="ORG")  # "Acme GP, LLC" of "Acme GP"


def suffixed_names(doc: Doc, suffixes: frozenset[str], text: str | None = None) -> list[str]:
    """The names in ``doc`` (a tokenised text: the model need not have run) that end in
    a capitalised corporate suffix of ``suffixes`` (lower-case, without a full stop):
    each run of up to FULL_FORM_WORDS capitalised words before the suffix (joined by
    "and", "&", "of", a hyphen, a wrapped line), from its first word and from each word
    after "and"/"of" on: "Shares of Gulf Resources and Chemical Corp", "Gulf Resources
    and Chemical Corp", "Chemical Corp" (not "Hughes Inc" of "Baker Hughes Inc").
    Not in titles and headings ("COLOROLL AGREES TO BUY WALLCOVERINGS CO", "Dunmere
    Buys Norvane Ltd"). Only the suffixes are looked for in every token (from the Doc's
    columns). ``text``: the Doc's text when the caller has it (``doc.text`` joins every
    token)."""
    if not len(doc):
        return []
    lowers = doc.to_array(LOWER)
    forms: list[str] = []
    hashes = _suffix_hashes(suffixes)
    found = numpy.minimum(numpy.searchsorted(hashes, lowers), len(hashes) - 1)
    headings: list[tuple[int, int]] | None = None
    wrapped: bool | None = None
    for j in numpy.flatnonzero(hashes[found] == lowers).tolist():  # binary search: np.isin sorts both
        if not doc[j].text[:1].isupper():
            continue
        if headings is None:
            if text is None:
                text = doc.text
            headings = heading_ranges(text)
        at = doc[j].idx
        if any(start <= at < end for start, end in headings):
            continue
        words, i, right_is_suffix = 0, j - 1, True
        if i > 0 and doc[i].text == ",":
            i -= 1  # "NuStar GP, LLC", "Acme, Inc."
        starts: list[int] = []  # name words that may begin a name: the first of the run, or one after "and"/"of"
        after_joiner, last_name = False, None
        while i >= 0 and words < FULL_FORM_WORDS:
            token = doc[i]
            if token.is_space:
                if wrapped is None:
                    wrapped = is_hard_wrapped(text)
                # a wrapped line goes on the name; a paragraph break (any line break in
                # text that is not hard-wrapped) ends it
                if not wrapped or "\n" not in token.text or PARAGRAPH_BREAK.search(token.text) or i == 0:
                    break
            elif (
                token.text[:1].isupper()
                and any(ch.isalpha() for ch in token.text)
                and token.lower_ not in DETERMINERS | TITLE_STOPS
            ):
                is_suffix = token.lower_.rstrip(".") in suffixes
                if is_suffix and not right_is_suffix:
                    break  # "Norvane Ltd Dunmere Partners": another name ends here
                if after_joiner and last_name is not None:
                    starts.append(last_name)  # "Chemical Corp" of "Gulf Resources and Chemical Corp"
                words += 1
                right_is_suffix, after_joiner, last_name = is_suffix, False, i
            elif token.lower_ in FULL_FORM_JOINERS and i > 0 and _name_before_joiner(doc[i - 1], suffixes):
                right_is_suffix, after_joiner = False, True
            else:
                break
            i -= 1
        if last_name is not None:
            starts.append(last_name)
        forms.extend(doc[start : j + 1].text for start in sorted(set(starts), reverse=True))
    return forms


@lru_cache(maxsize=8)
def _suffix_hashes(suffixes: frozenset[str]) -> numpy.ndarray:
    """The LOWER hashes of the suffixes, with and without a full stop."""
    return numpy.array(
        sorted({get_string_id(form) for suffix in suffixes for form in (suffix, suffix + ".")}), dtype="uint64"
    )


def _name_before_joiner(token, suffixes: frozenset[str]) -> bool:
    """A capitalised word that can go on a name through "and"/"of" ("Gulf Resources and
    Chemical"), not one that ends another name ("Bank Ltd and Zephrine Holdings")."""
    return token.text[:1].isupper() and token.text.lower().rstrip(".") not in suffixes


def _in_another(words: tuple[str, ...], names: set[tuple[str, ...]]) -> bool:
    """Whether one of ``names`` holds ``words`` in a row, not followed by "and"/"&":
    "Comdata" in "Comdata Network Inc" (so that "Comdata and Mason Best Co" is two
    companies, not the fuller name of one)."""
    size = len(words)
    return any(
        name[at : at + size] == words and (at + size == len(name) or name[at + size] not in ("and", "&"))
        for name in names
        if name != words
        for at in range(len(name) - size + 1)
    )


def _words(name: str) -> tuple[str, ...]:
    """A name's words, lower-cased (line breaks and runs of spaces are one space)."""
    return tuple(name.lower().split())


def _in_capitals(sent: Span) -> bool:
    """A sentence written in capitals (most of its letters)."""
    letters = [ch for ch in sent.text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)


def _after_based(ent: Span) -> bool:
    """The name follows "X-based" or "X-headquartered" ("a Boston-based Acme")."""
    doc, i = ent.doc, ent.start
    return i >= 2 and doc[i - 1].lower_ in BASED_WORDS and doc[i - 2].text == "-"


def _inside_longer_person(span: Span) -> bool:
    """True when the span is part of, but not the whole of, a PERSON entity."""
    doc = span.doc
    first, last = doc[span.start], doc[span.end - 1]
    if first.ent_type_ != "PERSON" and last.ent_type_ != "PERSON":
        return False
    before = span.start > 0 and first.ent_iob_ == "I"
    after = span.end < len(doc) and doc[span.end].ent_iob_ == "I" and doc[span.end].ent_type_ == "PERSON"
    return before or after


def _hyphenated(ent: Span) -> Span:
    """A person's name cut at a hyphen ("Elena Vasquez" of "Elena Vasquez-Moreau"): take
    in the rest of the double-barrelled name."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "PERSON":
        return ent
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].is_alpha
        and not doc[end + 1].ent_type_
    ):
        end += 2
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)


def _outside_brackets(ent: Span) -> Span | None:
    """A name the model ran across a ticker ("CDA> MedTec"): the part after the bracket."""
    cut = max((token.i for token in ent if token.text in ("<", ">")), default=None)
    if cut is None:
        return ent
    if cut + 1 >= ent.end:
        return None
    return Span(ent.doc, cut + 1, ent.end, label=ent.label_)


def _one_word_org(doc: Doc, i: int) -> bool:
    """Token ``i`` is a one-word ORG entity of its own that modifies a common noun after
    it ("Birch and Fowler tool business"; not "Amazon and Alphabet have")."""
    return (
        doc[i].ent_type_ == "ORG"
        and doc[i].ent_iob_ == "B"
        and i + 1 < len(doc)
        and doc[i + 1].ent_iob_ != "I"
        and doc[i + 1].pos_ == "NOUN"
        and doc[i + 1].text.islower()
    )


def _name_word(token) -> bool:
    """A capitalised word outside any other organisation: "Harper" in "Harper and Row
    Publishers Inc", which the model tags PERSON and leaves out of the ORG span."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.ent_type_ in ("", "PERSON", "GPE", "NORP")
        and not token.is_sent_start
    )


def _is_ticker_span(ent: Span) -> bool:
    doc = ent.doc
    return (
        ent.start > 0
        and doc[ent.start - 1].text == "<"
        and ent.end < len(doc)
        and doc[ent.end].text == ">"
        and len(ent) == 1
        and bool(TICKER.match(ent.text))
    )


_OPEN, _CLOSE = get_string_id("<"), get_string_id(">")


def _bracketed_names(doc: Doc) -> list[Span]:
    """Reuters marks unlisted companies as ``<Name Inc>``; tickers are one upper-case token."""
    spans = []
    open_at = None
    # only the "<" and ">" tokens matter: find them in the ORTH column
    orths = doc.to_array(ORTH)
    for i in numpy.flatnonzero((orths == _OPEN) | (orths == _CLOSE)).tolist():
        if orths[i] == _OPEN:
            open_at = i
        elif open_at is not None:
            inner = doc[open_at + 1 : i]
            if 0 < len(inner) <= 8 and not (len(inner) == 1 and TICKER.match(inner.text)):
                if all(t.is_alpha or t.is_punct or t.is_space or t.like_num or t.text[:1].isupper() for t in inner):
                    spans.append(Span(doc, inner.start, inner.end, label="ORG"))
            open_at = None
    return spans


def _merge_ents(others: list[Span], orgs: list[Span]) -> list[Span]:
    """Organisation spans win over the overlapping non-ORG spans they correct; among
    overlapping candidates the longest wins."""
    org_tokens = {i for span in orgs for i in range(span.start, span.end)}
    kept = [
        ent for ent in others if ent.label_ not in RELABEL or not org_tokens.intersection(range(ent.start, ent.end))
    ]
    kept_tokens = {i for span in kept for i in range(span.start, span.end)}
    orgs = [span for span in orgs if not kept_tokens.intersection(range(span.start, span.end))]
    return filter_spans(kept + orgs)


def _cluster(names: Iterable[str]) -> dict[str, str]:
    """Map the key of each ORG name to the fullest name whose words contain its words.

    A short name contained in two different full names ("United" in two banks) is
    ambiguous and stays itself.
    """
    distinct = sorted(set(names), key=lambda text: (-len(name_words(text)), text.isupper(), -len(text), text))
    canonical: list[tuple[frozenset[str], str]] = []
    mapping: dict[str, str] = {}
    for text in distinct:
        words = name_words(text)
        if not words:
            continue
        containing = [full for full_words, full in canonical if words <= full_words]
        key = norm_key(text)
        if key in mapping:
            continue
        if has_corporate_suffix(text):
            # "Tamsin Group plc" is a full legal name: not another name's short form
            # ("Tamsin Cover", its unit)
            containing = [full for full in containing if has_corporate_suffix(full)]
        if len(containing) > 1:
            # "Meta" in "Meta Platforms Inc." and "Meta-Scale": the company name wins
            companies = [full for full in containing if has_corporate_suffix(full)]
            if len(companies) == 1:
                containing = companies
        if len(containing) == 1:
            mapping[key] = containing[0]
        elif len(containing) > 1:
            mapping[key] = text
        else:
            canonical.append((words, text))
            mapping[key] = text
    return mapping
