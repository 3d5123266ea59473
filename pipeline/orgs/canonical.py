"""Later mentions of the organisations a document names, and the fullest name of each.

Every later mention of a known organisation (full name, name without suffix, distinctive
first word, bracketed short form) is labelled ORG, and the names are clustered so that
``span._.canonical`` gives the fullest name of the document ("Meta" -> "Meta Platforms
Inc.").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from ..names import has_corporate_suffix, name_words, norm_key
from .lexicon import RELABEL, OrgLexicon, suffix_end
from .name_edges import NAME_EDGES, short_form_of

# Shortest first word we accept as a company's short name ("Helm" yes, "AT" no).
MIN_SHORT_NAME = 3
# names whose tokens (LOWER hashes) OrgMentions.find remembers; the table is emptied when full
MAX_FORM_WORDS = 50_000


class OrgMentions:
    """Finds the mentions of a document's organisations: the surface forms each name is
    looked for by, and the spans that repeat them. Remembers the tokens of the forms it
    has read (up to :data:`MAX_FORM_WORDS` names)."""

    def __init__(self, vocab, tokenizer):
        self.vocab = vocab
        self.tokenizer = tokenizer
        self._form_words: dict[str, tuple[int, ...]] = {}  # name -> LOWER hashes of its tokens

    def names(
        self,
        lex: OrgLexicon,
        doc: Doc,
        orgs: list[Span],
        full_forms: Iterable[str] = (),
        evidence: set[str] | frozenset = frozenset(),
    ) -> dict[str, str]:
        """Surface forms to look for -> the ORG name they come from (``orgs`` and the
        ``full_forms`` of :func:`fullnames.full_forms`).

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
            for form in self.surface_forms(lex, text):
                names.setdefault(form, text)
        return names

    def surface_forms(self, lex: OrgLexicon, name: str) -> Iterable[str]:
        yield name
        words = name.split()
        while len(words) > 1 and words[-1].lower().rstrip(".,") in lex.suffixes:
            words = words[:-1]
            yield " ".join(words).rstrip(",")
        if NAME_EDGES and len(words) > 2 and words[-1].lower() in lex.head_words:
            yield " ".join(words[:-1]).rstrip(",")  # "Falcon VII" of "Falcon VII Industries Inc"
        first = words[0].rstrip(",")
        if (
            len(name.split()) > 1
            and len(first) >= MIN_SHORT_NAME
            and first[0].isupper()
            and first.lower() not in lex.generic_words
            and not self.vocab[first.lower()].is_stop
        ):
            yield first

    def find(self, lex: OrgLexicon, doc: Doc, names: dict[str, str]) -> list[Span]:
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
                    found.append(self._mention(lex, doc, i, end))
        return [span for span in found if span is not None]

    def _mention(self, lex: OrgLexicon, doc: Doc, start: int, end: int) -> Span | None:
        span = doc[start:end]
        if not span[0].text[:1].isupper():
            return None
        if any(token.ent_type_ and token.ent_type_ not in RELABEL for token in span):
            return None
        if _inside_longer_person(span):
            return None  # "William Reynolds" keeps its "Reynolds" even if an ORG shares it
        return Span(doc, start, suffix_end(lex, doc, end), label="ORG")  # "Acme GP, LLC" of "Acme GP"


def _inside_longer_person(span: Span) -> bool:
    """True when the span is part of, but not the whole of, a PERSON entity."""
    doc = span.doc
    first, last = doc[span.start], doc[span.end - 1]
    if first.ent_type_ != "PERSON" and last.ent_type_ != "PERSON":
        return False
    before = span.start > 0 and first.ent_iob_ == "I"
    after = span.end < len(doc) and doc[span.end].ent_iob_ == "I" and doc[span.end].ent_type_ == "PERSON"
    return before or after


def distinct_names(orgs: Iterable[Span]) -> set[tuple[str, str]]:
    """(short key, longer key) of the names of one sentence that are two parties though
    the longer holds every word of the shorter: coordinated ("Tellam Associates and
    Tellam Associates II", "Tellam Associates II and Tellam Associates"). A shorter name
    merely standing first is no proof: "a stake in Tellam, then known as Tellam Foods
    Ltd" is one company."""
    by_sentence: dict[int, list[Span]] = {}
    for span in orgs:
        by_sentence.setdefault(span.sent.start, []).append(span)
    apart: set[tuple[str, str]] = set()
    for spans in by_sentence.values():
        if len(spans) < 2:
            continue
        for short in spans:
            words = name_words(short.text)
            for longer in spans:
                if longer.start == short.start or not words or not words < name_words(longer.text):
                    continue
                if _coordinated(short, longer) or _coordinated(longer, short):
                    apart.add((norm_key(short.text), norm_key(longer.text)))
    return apart


def _coordinated(first: Span, second: Span) -> bool:
    """Only "and", "or", "&" or commas stand between the two spans."""
    between = first.doc[first.end : second.start]
    return bool(len(between)) and all(token.lower_ in ("and", "or", "&", ",") for token in between)


def cluster(names: Iterable[str], apart: set[tuple[str, str]] | frozenset = frozenset()) -> dict[str, str]:
    """Map the key of each ORG name to the fullest name whose words contain its words.

    A short name contained in two different full names ("United" in two banks) is
    ambiguous and stays itself; so is one whose (key, fuller key) is in ``apart``
    (:func:`distinct_names`).
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
        if apart:
            containing = [full for full in containing if (key, norm_key(full)) not in apart]
        if has_corporate_suffix(text):
            # "Corstiaens Group plc" is a full legal name: not another name's short form
            # ("Corstiaens Cover", its unit)
            containing = [full for full in containing if has_corporate_suffix(full)]
        if len(containing) > 1:
            # "Meta" in "Meta Platforms Inc." and "Meta-Scale": the company name wins
            companies = [full for full in containing if has_corporate_suffix(full)]
            if len(companies) == 1:
                containing = companies
        if len(containing) > 1 and apart:
            # "Tellam" of "Tellam Associates" and "Tellam Associates II", two names kept
            # apart: the shorter of them
            shortest = min(containing, key=lambda full: len(name_words(full)))
            if all(full == shortest or (norm_key(shortest), norm_key(full)) in apart for full in containing):
                containing = [shortest]
        if not containing and (full := short_form_of(text, [full for _, full in canonical])) is not None:
            containing = [full]  # "PIF" of "Public Investment Fund", "Falcon Tech" of "Falcon Technologies"
        if len(containing) == 1:
            mapping[key] = containing[0]
        elif len(containing) > 1:
            mapping[key] = text
        else:
            canonical.append((words, text))
            mapping[key] = text
    return mapping
