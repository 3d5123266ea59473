"""Plain data on the Doc, read back as objects.

``Doc.user_data`` must hold only msgpack-friendly values (numbers, strings, lists, dicts)
so that a Doc can travel between processes (``nlp.pipe(n_process=2)``) and through
``DocBin``. Our extension attributes therefore store dicts with token offsets, and their
getters rebuild the dataclasses of ``schema.py`` with real Spans on every access:

    doc._.deals = [Deal(...)]      # the setter stores plain data
    doc._.deals[0].target          # the getter returns a Deal with Span objects

The objects a getter returns are a view: change the data by assigning the attribute again.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any, Optional

from spacy.tokens import Doc, Span

from ..names import norm_key
from ..schema import Deal, Money, Role

# user_data keys; spaCy keeps its own extension values under keys starting with "._."
DEALS_KEY = "spacy_deals.deals"
ROLES_KEY = "spacy_deals.roles"
SPAN_KEY = "spacy_deals.span"
# Set on a Doc made of the paragraphs triage kept (pipeline/triage.py, pipeline/batch.py):
# the pieces' offsets in the original text, [[start in the Doc's text, start in the
# original, length], ...], and the number of tokens of the original text.
OFFSETS_KEY = "spacy_deals.offsets"
WORDS_KEY = "spacy_deals.words"
# The names ending in a corporate suffix in the whole original text of a triaged Doc
# (orgs.fullnames.suffixed_names of it, by triage): the fullest names of its companies.
FULL_FORMS_KEY = "spacy_deals.full_forms"
# A document's place in a run through nlp.pipe (pipeline/documents.py, pipeline/texts.py):
# its index in the stream sent to nlp.pipe, and [piece number, number of pieces, start
# offset in the original text] of a split document.
INDEX_KEY = "spacy_deals_index"
PIECE_KEY = "spacy_deals.piece"

_DEAL_SPANS = ("target", "seller", "money_span", "evidence", "trigger")
_DEAL_VALUES = tuple(f.name for f in fields(Deal) if f.name not in (*_DEAL_SPANS, "buyers", "money"))


def span_data(span: Optional[Span]) -> Optional[list]:
    """A span as [start, end, label] token offsets (None stays None)."""
    if span is None:
        return None
    return [span.start, span.end, span.label_]


def span_from(doc: Doc, data: Optional[list]) -> Optional[Span]:
    if data is None:
        return None
    start, end, label = data
    return Span(doc, start, end, label=label)


def money_data(money: Optional[Money]) -> Optional[dict]:
    return asdict(money) if money is not None else None


def money_from(data: Optional[dict]) -> Optional[Money]:
    return Money(**data) if data is not None else None


# --- Span._.money / Span._.percent ---------------------------------------------------


def _span_key(name: str, span: Span) -> tuple:
    return (SPAN_KEY, name, span.start, span.end)


def _span_money_get(span: Span) -> Optional[Money]:
    return money_from(span.doc.user_data.get(_span_key("money", span)))


def _span_money_set(span: Span, value: Optional[Money]) -> None:
    span.doc.user_data[_span_key("money", span)] = money_data(value)


def _span_percent_get(span: Span) -> Optional[float]:
    return span.doc.user_data.get(_span_key("percent", span))


def _span_percent_set(span: Span, value: Optional[float]) -> None:
    span.doc.user_data[_span_key("percent", span)] = value


# --- Doc._.org_names / Span._.canonical (the aliases component) -----------------------


def _canonical_get(span: Span) -> Optional[str]:
    """The fullest name of the document for an organisation's name (``doc._.org_names``:
    the key of each ORG name -> its fullest name)."""
    names = span.doc._.org_names
    if not names:
        return None
    return names.get(norm_key(span.text))


# --- Doc._.deals ------------------------------------------------------------------------


def deal_data(deal: Deal) -> dict:
    data: dict[str, Any] = {name: getattr(deal, name) for name in _DEAL_VALUES}
    data["buyers"] = [span_data(span) for span in deal.buyers]
    data["money"] = money_data(deal.money)
    for name in _DEAL_SPANS:
        data[name] = span_data(getattr(deal, name))
    return data


def deal_from(doc: Doc, data: dict) -> Deal:
    values = {name: data[name] for name in _DEAL_VALUES}
    spans = {name: span_from(doc, data[name]) for name in _DEAL_SPANS}
    buyers = [span_from(doc, item) for item in data["buyers"]]
    return Deal(buyers=buyers, money=money_from(data["money"]), **values, **spans)


def _deals_get(doc: Doc) -> Optional[list[Deal]]:
    data = doc.user_data.get(DEALS_KEY)
    return None if data is None else [deal_from(doc, item) for item in data]


def _deals_set(doc: Doc, deals: Optional[list[Deal]]) -> None:
    doc.user_data[DEALS_KEY] = None if deals is None else [deal_data(deal) for deal in deals]


# --- Doc._.roles ------------------------------------------------------------------------


def role_data(role: Role) -> dict:
    return {
        "person": span_data(role.person),
        "title": role.title,
        "org": span_data(role.org),
        "evidence": span_data(role.evidence),
        "confidence": role.confidence,
    }


def role_from(doc: Doc, data: dict) -> Role:
    return Role(
        person=span_from(doc, data["person"]),
        title=data["title"],
        org=span_from(doc, data["org"]),
        evidence=span_from(doc, data["evidence"]),
        confidence=data["confidence"],
    )


def _roles_get(doc: Doc) -> Optional[list[Role]]:
    data = doc.user_data.get(ROLES_KEY)
    return None if data is None else [role_from(doc, item) for item in data]


def _roles_set(doc: Doc, roles: Optional[list[Role]]) -> None:
    doc.user_data[ROLES_KEY] = None if roles is None else [role_data(role) for role in roles]


Span.set_extension("money", getter=_span_money_get, setter=_span_money_set, force=True)
Span.set_extension("percent", getter=_span_percent_get, setter=_span_percent_set, force=True)
Doc.set_extension("deals", getter=_deals_get, setter=_deals_set, force=True)
Doc.set_extension("roles", getter=_roles_get, setter=_roles_set, force=True)
Doc.set_extension("org_names", default=None, force=True)
Doc.set_extension("doc_date", default=None, force=True)  # the article's date, for relative dates in deals
Span.set_extension("canonical", getter=_canonical_get, force=True)
