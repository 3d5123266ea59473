"""Organisation mentions and their aliases within one document.

The base model names the same company inconsistently: "Scale AI" is ORG in one sentence
and PERSON in the next, "Wipstrik" is PERSON after "Wipstrik Polymers Inc", Reuters
headlines spell "HELM" for "Helm Resources Inc". This component

0. makes ORG spans for the names of title-case headlines the model leaves untagged
   ("Acme Holdings Completes Purchase Of Beta Systems": ``orgs/headlines.py``) and for
   a name an apposition calls a company ("Flantz Lane, a consulting firm":
   ``orgs/appositions.py``);
1. settles one label per name from the document's evidence (issue 18): a name with a
   corporate suffix or company word anywhere, after "X-based", in a slot only a company
   fills ("agreed to acquire X"), or listed in the gazetteer of listed companies
   (``pipeline/gazetteer.py``: it relabels or confirms a span of the model, never makes
   one) is ORG; suffixed, initialled and acronym names are never PERSON; so is a name
   the sentence treats as a company's ("X manufactures ...", "X cut its
   dividend", "X's shareholders", "treasurer of X": ``orgs/predicates.py``);
2. cuts spans that run over two names joined by "and" ("Alpha Images and Beta Stock"),
   and never joins them again, or by a relation word ("Acme Subsidiary Beta Wins ...");
3. tidies ORG spans (drops "the", possessive "'s", ticker symbols like ``<HBJ>``, a
   document's own words before a name; takes in a corporate suffix the model left out,
   also after a comma: "Acme Holdings, Inc."; marks Reuters' ``<Private Co Name>`` as ORG);
4. links a short form or ticker given in brackets to the full name ("Alpha Tasman Ltd
   (ATL)", "Acme Corp. (NYSE: ACME)");
5. finds every later mention of a known organisation (full name, name without suffix,
   distinctive first word, bracketed short form) and labels it ORG;
6. clusters the names so that ``span._.canonical`` gives the fullest name of the
   document ("Meta" -> "Meta Platforms Inc."), also for an acronym of a name given in
   full ("THL" -> "Trans Harbour Lines Inc": ``orgs/acronyms.py``).

The component is a thin wrapper: the work is done by the helpers of ``pipeline/orgs/``
(``headlines`` 0, ``evidence`` and ``predicates`` 1, ``surgery`` 2-4, ``fullnames`` and ``canonical`` 5-6; ``lexicon`` holds
the word lists they read).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..names import norm_key
from ..orgs.acronyms import acronym_links
from ..orgs.appositions import apposition_names
from ..orgs.canonical import OrgMentions, cluster, distinct_names
from ..orgs.evidence import deal_slots, settle_labels, suffixed_as_org
from ..orgs.fullnames import full_forms, suffixed_names
from ..orgs.headlines import headline_names
from ..orgs.lexicon import PATTERN_FILES, load_org_lexicon
from ..orgs.predicates import company_predicates
from ..orgs.surgery import (
    bracketed_names,
    hyphenated,
    is_ticker_span,
    merge_ents,
    outside_brackets,
    short_forms,
    split_pairs,
    split_relations,
    surnames_as_persons,
    tidy,
)
from ..patterns import PatternFilesMixin
from .docdata import FULL_FORMS_KEY  # also declares doc._.org_names, span._.canonical

__all__ = ["OrgAliases", "make_org_aliases"]


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

    pattern_files = PATTERN_FILES

    def __init__(self, nlp: Language, name: str = "spacy_deals_org_aliases", *, patterns_dir: str | None = None):
        self.name = name
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.patterns_dir = patterns_dir
        self.mentions = OrgMentions(nlp.vocab, nlp.tokenizer)
        self.load_patterns(patterns_dir)

    def load_patterns(self, patterns_dir) -> None:
        self.lex = load_org_lexicon(patterns_dir)

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lex
        ents = [suffixed_as_org(lex, ent) for ent in doc.ents if not is_ticker_span(ent)]
        ents = split_pairs(lex, ents)
        ents = headline_names(doc, ents)
        ents = split_relations(apposition_names(doc, ents))
        forms = doc.user_data.get(FULL_FORMS_KEY)
        if forms is None:
            forms = suffixed_names(doc, lex.suffixes)
        ents = deal_slots(lex, doc, ents)
        ents, named = company_predicates(lex, doc, ents)
        ents, evidence = settle_labels(lex, doc, ents, forms + named if named else forms)
        ents = surnames_as_persons(ents, evidence)
        headings: list[bool] = []  # per token, filled on first use (one pass over the sentences)
        orgs = [
            span
            for span in (tidy(lex, ent, headings, evidence) for ent in ents if ent.label_ == "ORG")
            if span is not None
        ]
        orgs += bracketed_names(doc)
        shorts = short_forms(lex, doc, orgs)
        orgs += [short for short, _ in shorts]
        fuller = full_forms(lex, doc, orgs, ents, forms)
        names = self.mentions.names(lex, doc, orgs, fuller, evidence)
        for short, full in shorts:
            names.setdefault(short.text, full.text)
        mentions = self.mentions.find(lex, doc, names)
        others = [
            hyphenated(span)
            for span in (outside_brackets(ent) for ent in ents if ent.label_ != "ORG")
            if span is not None
        ]
        doc.ents = merge_ents(others, orgs + mentions)
        org_spans = [span for span in doc.ents if span.label_ == "ORG"]
        org_names = cluster([span.text for span in org_spans] + fuller, distinct_names(org_spans))
        for short, full in shorts:
            # "Alpha Tasman Ltd (ATL)": ATL is the same party
            org_names[norm_key(short.text)] = org_names.get(norm_key(full.text), full.text)
        doc._.org_names = acronym_links(org_names, lex.suffixes)
        return doc
