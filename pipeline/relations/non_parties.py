"""What may never be a party: a regulator, court, exchange or news agency, a dateline."""

from __future__ import annotations

from spacy.tokens import Span

from ..names import norm_key
from ..orgs.surgery import BYLINE_DASHES
from . import common


def non_party(ctx, ent: Span) -> bool:
    """A regulator, court, exchange or news agency ("the SEC"); not a company of that
    name with its legal suffix ("Reuters Holdings PLC" buys and is bought)."""
    if common.is_dateline(ent) or byline(ent) or document_name(ent):
        return True
    if not (common.party_key(ent) in ctx.lex.non_party_keys or norm_key(ent.text) in ctx.lex.non_party_keys):
        return False
    return not any(common.ends_in_suffix(text) for text in (ent.text, ent._.canonical or ""))


# Nouns that head the name of a document or a law, never of a party: "the Stock Purchase
# Agreement", "the 2019 Incentive Plan", "the Securities Act".
DOCUMENT_HEADS = frozenset({"agreement", "agreements", "plan", "act", "contract"})


def document_name(span: Span) -> bool:
    """A name headed by a document's noun ("Purchase Agreement")."""
    return len(span) > 0 and span[-1].lower_ in DOCUMENT_HEADS


def byline(ent: Span) -> bool:
    """A name opening a paragraph before a spaced dash with no dash closing it in the
    sentence (an outlet before the lead, not a name set off by a pair of dashes)."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text not in BYLINE_DASHES or not doc[ent.end].whitespace_:
        return False
    if ent.start > 0 and not (doc[ent.start - 1].is_space or "\n" in doc[ent.start - 1].whitespace_):
        return False
    return not any(token.text in BYLINE_DASHES and token.whitespace_ for token in doc[ent.end + 1 : ent.sent.end])


def listing(ctx, ent: Span) -> bool:
    """A name that opens a bracket and gives a listing, not a party: "Z's Entertainment
    (NYSE: ZZZ)", "(Nasdaq)"; an exchange, or a name before a colon in the bracket."""
    doc = ent.doc
    if ent.start == 0 or doc[ent.start - 1].text not in ("(", "["):
        return False
    if non_party(ctx, ent):
        return True
    return any(t.text == ":" for t in doc[ent.end : min(len(doc), ent.end + 2)])
