"""Company names in title-case headlines (issue 18).

The base model leaves most names of a title-case headline untagged ("Acme Holdings
Completes Purchase Of Beta Systems"): every word is capitalised, so the capitals say
nothing. The verbs of such a headline do: the capitalised run right before a headline
verb ("Acme Holdings" before "Completes") is its subject, a company in financial news,
and so is the run after a partnering word and "with" ("Partners with Beta"). A run is cut at the words that cannot stand inside a name (the verbs, the
lower-case function words, punctuation, numbers) and at a job title or a person's name
("Acme Chief Executive Jane Roe To Speak ..." gives "Acme"). Only runs the model left
untagged or ran into the verb ("Beta Agree"/PERSON, "Acme Completes"/ORG) are made ORG; a run the model tagged
whole as a person, place or nationality keeps its label.

A headline in sentence case (short, no full stop: "Acme to sell Beta unit for $750
million") gets only its opening run, when a lower-case headline verb follows it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .lexicon import TITLE_START_WORDS

# Verbs of financial headlines, lower-cased, in the forms a headline writes them (the
# present tense; the base form after "to" and for plural subjects): the run before one is
# its subject.
HEADLINE_VERBS = frozenset(
    {
        "abandon",
        "abandons",
        "acquire",
        "acquires",
        "add",
        "adds",
        "agree",
        "agrees",
        "announce",
        "announces",
        "appoint",
        "appoints",
        "beat",
        "beats",
        "boost",
        "boosts",
        "buy",
        "buys",
        "close",
        "closes",
        "combine",
        "combines",
        "complete",
        "completes",
        "confirm",
        "confirms",
        "cuts",
        "declare",
        "declares",
        "divest",
        "divests",
        "drop",
        "drops",
        "enter",
        "enters",
        "exit",
        "exits",
        "expand",
        "expands",
        "explore",
        "explores",
        "extend",
        "extends",
        "fall",
        "falls",
        "file",
        "files",
        "get",
        "gets",
        "hire",
        "hires",
        "increase",
        "increases",
        "ink",
        "inks",
        "introduce",
        "introduces",
        "invest",
        "invests",
        "join",
        "joins",
        "jump",
        "jumps",
        "land",
        "lands",
        "launch",
        "launches",
        "lift",
        "lifts",
        "lower",
        "lowers",
        "make",
        "makes",
        "merge",
        "merges",
        "miss",
        "misses",
        "names",
        "offer",
        "offers",
        "open",
        "opens",
        "partner",
        "partners",
        "plan",
        "plans",
        "posts",
        "price",
        "prices",
        "puts",
        "raise",
        "raises",
        "reach",
        "reaches",
        "receive",
        "receives",
        "reject",
        "rejects",
        "report",
        "reports",
        "rise",
        "rises",
        "say",
        "says",
        "secure",
        "secures",
        "see",
        "seek",
        "seeks",
        "sees",
        "sell",
        "sells",
        "sets",
        "settle",
        "settles",
        "sign",
        "signs",
        "slash",
        "slashes",
        "spin",
        "spins",
        "strike",
        "strikes",
        "sue",
        "sues",
        "take",
        "takes",
        "team",
        "teams",
        "to",
        "unveil",
        "unveils",
        "win",
        "wins",
    }
)
# Words before "with" whose object run is a company: "Partners with Beta", "Ending Duel
# with Gamma". The object of a deal verb ("Acquires Beta") is left to the model: a span
# made there adds a deal pair, and the dev scores lost precision with it.
PARTNER_WORDS = frozenset({"partners", "partner", "teams", "team", "merges", "merge", "duel", "deal", "merger"})
# Lower-case words of a title-case headline that are not capitalised in it.
FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "for", "to", "with", "in", "on", "at", "by", "from", "and", "as", "its", "or", "into"}
)
# Words a title-case headline capitalises that never stand inside a company's name.
BREAK_WORDS = HEADLINE_VERBS | frozenset(
    {"of", "for", "with", "in", "on", "at", "by", "from", "as", "its", "is", "are", "will", "into", "over", "after"}
)
# Labels of a run the model tagged whole that the headline rule keeps.
KEEP_WHOLE = frozenset({"PERSON", "GPE", "LOC", "NORP", "DATE", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "TIME"})


def title_case(sent: Span) -> bool:
    """A headline in title case: four or more words, nearly all of the words other than
    function words capitalised, most of them not in capitals."""
    # more lower-case words than 15 % of the tokens: never title case (an early exit)
    limit = 3 * len(sent)
    lower = 0
    words = []
    for token in sent:
        if token.is_alpha and token.lower_ not in FUNCTION_WORDS:
            words.append(token)
            if not token.text[:1].isupper():
                lower += 1
                if 20 * lower > limit:
                    return False
    if len(words) < 4:
        return False
    capitalised = sum(token.text[:1].isupper() for token in words)
    upper = sum(token.text.isupper() for token in words)
    return capitalised >= 0.85 * len(words) and upper <= 0.5 * len(words)


def _runs(sent: Span) -> list[tuple[int, int]]:
    """Capitalised runs of the sentence, cut at break words, titles and punctuation."""
    runs = []
    start = None
    for token in sent:
        person = token.ent_type_ == "PERSON" and not _over_verb(token)
        inside = (
            (token.text[:1].isupper() or (token.text[:1].islower() and any(ch.isupper() for ch in token.text[1:])))
            and token.lower_ not in BREAK_WORDS
            and token.lower_ not in TITLE_START_WORDS
            and token.ent_type_ not in ("MONEY", "DATE", "CARDINAL", "PERCENT")
            and not person
        ) or (start is not None and token.text in ("&", "-") and token.whitespace_ == "")
        if inside and start is None and token.lower_ in FUNCTION_WORDS:
            continue  # "The" opens no name's run
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            runs.append((start, token.i))
            start = None
    if start is not None:
        runs.append((start, sent.end))
    return runs


def _over_verb(token) -> bool:
    """The token lies in a span the model ran over a headline verb ("Beta Agree"/PERSON,
    "Acme Completes"/ORG)."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return any(doc[i].lower_ in HEADLINE_VERBS for i in range(start, end))


def headline_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with ORG spans for the subject and object runs of title-case headlines
    (module docstring); spans of the model that run over a headline verb are cut."""
    added: list[Span] = []
    for sent in doc.sents:
        if not title_case(sent):
            if plain_headline(sent):
                runs = _runs(sent)[:1]
                if runs and runs[0][0] == sent.start:
                    start, end = runs[0]
                    if _subject_run(doc, sent, start, end, ents):
                        added.append(Span(doc, start, end, label="ORG"))
            continue
        for start, end in _runs(sent):
            after = doc[end] if end < sent.end else None
            before = doc[start - 1] if start > sent.start else None
            subject = after is not None and after.lower_ in HEADLINE_VERBS and after.lower_ != "to"
            subject = subject or (after is not None and after.lower_ == "to" and _sentence_verb_after(doc, end))
            subject = subject and (before is None or not before.is_alpha or before.lower_ in ("and", "the"))
            obj = (
                before is not None and before.lower_ == "with" and start >= 2 and doc[start - 2].lower_ in PARTNER_WORDS
            )
            if not (subject or obj):
                continue
            span = Span(doc, start, end, label="ORG")
            if any(token.ent_type_ == "ORG" and not _over_verb(token) for token in span):
                continue
            whole = [ent for ent in ents if ent.start == start and ent.end == end]
            if whole and whole[0].label_ in KEEP_WHOLE:
                continue
            added.append(span)
    if not added:
        return ents
    taken = {i for span in added for i in range(span.start, span.end)}
    kept = [ent for ent in ents if not taken.intersection(range(ent.start, ent.end))]
    return sorted(kept + added, key=lambda span: span.start)


def plain_headline(sent: Span) -> bool:
    """A headline in sentence case: short, with no full stop at its end ("Acme to sell
    Beta unit for $750 million")."""
    last = sent[-1]
    while last.is_space and last.i > sent.start:
        last = sent.doc[last.i - 1]
    return 4 <= len(sent) <= 20 and last.text not in (".", "!", "?", ":", ";") and not last.is_punct


def _subject_run(doc: Doc, sent: Span, start: int, end: int, ents: list[Span]) -> bool:
    """The run opens the sentence and a lower-case headline verb follows it."""
    if end >= sent.end:
        return False
    after = doc[end]
    if not after.text.islower() or after.lower_ not in HEADLINE_VERBS:
        return False
    if after.lower_ == "to" and not _sentence_verb_after(doc, end):
        return False
    span = Span(doc, start, end)
    if any(token.ent_type_ == "ORG" and not _over_verb(token) for token in span):
        return False
    whole = [ent for ent in ents if ent.start == start and ent.end == end]
    return not (whole and whole[0].label_ in KEEP_WHOLE)


def _sentence_verb_after(doc: Doc, i: int) -> bool:
    """'to' at ``i`` opens an infinitive verb ("Acme To Buy ...", "Acme to Acquire")."""
    return i + 1 < len(doc) and doc[i + 1].lower_ in HEADLINE_VERBS
