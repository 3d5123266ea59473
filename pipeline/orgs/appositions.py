"""Company names before an apposition that calls them a company (issue 18).

A name the text itself calls a company is one, whatever the model made of it:
"Flantz Lane, a payroll advisory firm, ..." - the base model often leaves such
a name untagged or calls it a person or a place. The run of capitalised proper nouns
before ", a/an <lower-case words> <company noun>" is made ORG when it is untagged or
tagged PERSON, GPE, LOC, PRODUCT or NORP (not after "Mr."/"Ms."). The apposition's head
must be the company noun: "Jane Roe, a partner at the firm" is no company.

The issuer after "shares of" is a company too ("Shares of Brindle rose"):
:func:`shares_of_names`.

A name after a company noun ("energy company Fortavo") is left to the model: making
spans there lost deal pairs on the dev sets.
"""

from __future__ import annotations

from spacy.attrs import LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..speedups.tokentests import token_indices

# Nouns that call the name beside them a company (lower-case, singular).
COMPANY_NOUNS = frozenset(
    {
        "company",
        "firm",
        "maker",
        "manufacturer",
        "retailer",
        "lender",
        "insurer",
        "carrier",
        "provider",
        "service",
        "startup",
        "start-up",
        "subsidiary",
        "conglomerate",
        "distributor",
        "supplier",
        "airline",
        "automaker",
        "chipmaker",
        "drugmaker",
        "bank",
        "vehicle",
        "venture",
        "partnership",
        "organization",
        "organisation",
        "platform",
        "fund",
        "chain",
        "franchisor",
        "utility",
        "institution",
        "subsidiaries",
        "affiliate",
    }
)
# Words that open an apposition calling the name before it a company: "a maker of",
# "its subsidiary", "the Acme group's unit", "one of our subsidiaries".
OPENERS = frozenset({"a", "an", "the", "its", "our", "their"})
# Words after "X-" in an apposition that keep it a description: "a Canada-based miner".
PLACE_WORDS = frozenset({"based", "headquartered", "listed", "owned", "backed"})
# Labels such a run may carry and lose to ORG.
RELABEL_HERE = frozenset({"", "PERSON", "GPE", "LOC", "PRODUCT", "NORP", "WORK_OF_ART", "FAC"})
PERSON_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"})
DETERMINERS = frozenset({"a", "an", "the"})
COMMA = get_string_id(",")
SHARE_WORDS = [get_string_id("shares"), get_string_id("stock")]


def _labels(doc: Doc, start: int, end: int) -> bool:
    """The run is no part of a longer entity and carries a label ORG may replace."""
    if start > 0 and doc[start].ent_iob_ == "I":
        return False
    if end < len(doc) and doc[end].ent_iob_ == "I":
        return False
    return all(doc[i].ent_type_ in RELABEL_HERE for i in range(start, end))


def _apposition_head(doc: Doc, comma: int) -> bool:
    """ ", a/an <words> <company noun>" from ``comma``: the apposition's head is a company
    noun, with only lower-case words between ("a compensation consulting firm")."""
    i = comma + 1
    if i + 2 < len(doc) and doc[i].lower_ == "one" and doc[i + 1].lower_ == "of":
        i += 2  # "X, one of its units"
    if i >= len(doc) or doc[i].lower_ not in OPENERS:
        return False
    for j in range(i + 1, min(i + 9, len(doc))):
        token = doc[j]
        if token.lower_ in COMPANY_NOUNS and token.text.islower():
            after = doc[j + 1] if j + 1 < len(doc) else None
            if after is not None and after.text.islower() and after.pos_ == "NOUN":
                continue  # "a midstream service provider": the head is the last noun
            return after is None or after.is_punct or after.lower_ in ("that", "which", "based") or after.pos_ == "ADP"
        if token.text == "-" and not token.whitespace_ and not doc[j - 1].whitespace_:
            continue  # "a publicly-listed ...", "a Canada-based ..."
        if doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and token.text.islower():
            continue  # the second half of "publicly-listed", "growth-oriented"
        if (
            token.text[:1].isupper()
            and j + 2 < len(doc)
            and doc[j + 1].text == "-"
            and doc[j + 2].lower_ in PLACE_WORDS
        ):
            continue  # "a Canada-based mining company"
        if token.lower_ in ("and", "'s", "’s") and j > i + 1:
            continue  # "a contract manufacturer and systems supplier", "the Acme group's unit"
        if (
            doc[i].lower_ == "the"
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and any(doc[k].lower_ in ("'s", "’s") for k in range(j + 1, min(j + 4, len(doc))))
        ):
            continue  # "X, the Acme group's retail arm"
        if not token.text.islower() or token.pos_ in ("ADP", "VERB", "AUX", "PRON", "PUNCT"):
            return False
    return False


def apposition_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with ORG spans for the names the text calls a company (module docstring)."""
    added: list[Span] = []
    for comma in token_indices(doc, ORTH, [COMMA]):
        if not comma or not _apposition_head(doc, comma):
            continue
        end = comma
        start = end
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start == end or not _labels(doc, start, end):
            continue
        if start > 0 and doc[start - 1].lower_ in PERSON_TITLES:
            continue
        added.append(Span(doc, start, end, label="ORG"))
    added += shares_of_names(doc)
    if not added:
        return ents
    taken = {i for span in added for i in range(span.start, span.end)}
    kept = [ent for ent in ents if not taken.intersection(range(ent.start, ent.end))]
    return sorted(kept + added, key=lambda span: span.start)


# Words after "shares of" that name a class of stock, not its issuer ("shares of Class A
# common stock", "Series B preferred").
STOCK_CLASS_WORDS = ("class", "series")
STOCK_WORDS = frozenset({"'s", "common", "preferred", "ordinary", "stock", "shares"})


def shares_of_names(doc: Doc) -> list[Span]:
    """The issuer after "shares of" / "stock of" that the model left untagged or tagged
    a person or place ("Shares of Brindle rose 4%"): an ORG span. Not a class of stock
    ("shares of Class A common stock") nor a possessor ("shares of X's unit")."""
    spans = []
    for at in token_indices(doc, LOWER, SHARE_WORDS):
        token = doc[at]
        if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "of":
            continue
        start = end = token.i + 2
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and doc[end].ent_type_ in ("", "PERSON", "GPE", "PRODUCT", "WORK_OF_ART")
        ):
            end += 1
        if (
            end > start
            and _labels(doc, start, end)
            and not any(doc[i].lower_.startswith(STOCK_CLASS_WORDS) for i in range(start, end))
            and (end >= len(doc) or doc[end].lower_ not in STOCK_WORDS)
        ):
            spans.append(Span(doc, start, end, label="ORG"))
    return spans
