"""Doc -> rows of plain values (strings, floats, offsets) for the mentions and roles tables.

This is the only place where spans and dataclasses on the Doc become table values.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from .components.docdata import OFFSETS_KEY
from .names import norm_key, strip_sentence_stop
from .schema import Deal, Role
from .triage import original_offset

CONFIDENCE_DECIMALS = 3


def clean_text(text: str) -> str:
    """Collapse the newlines and runs of spaces of wrapped newswire text."""
    return " ".join(text.split())


def party_name(span: Optional[Span]) -> Optional[str]:
    """The fullest name the document gives the party (its canonical alias)."""
    if span is None:
        return None
    return strip_sentence_stop(
        clean_text(span._.canonical or span.text) if span.label_ == "ORG" else clean_text(span.text)
    )


def mention_rows(doc: Doc, doc_id: str) -> list[dict]:
    """One row per deal stated in the document (columns of ``schema.MENTION_COLUMNS``)."""
    return [_mention_row(deal, doc_id, i) for i, deal in enumerate(doc._.deals or [])]


def _mention_row(deal: Deal, doc_id: str, index: int) -> dict:
    money = deal.money
    buyers = [party_name(span) for span in deal.buyers]
    target = party_name(deal.target)
    seller = party_name(deal.seller)
    target_norm = norm_key(target) if target else None
    if target and deal.target_unit is not None:
        # an unnamed unit: "<parent>'s <unit words>", sold by the parent
        unit = clean_text(deal.target_unit)
        seller = seller or target
        target, target_norm = f"{target}'s {unit}", f"{target_norm} {norm_key(unit)}".strip()
    evidence = deal.evidence
    bounds = sentence_bounds(evidence) if evidence is not None else None
    return {
        "doc_id": doc_id,
        "mention_id": f"{doc_id}#{index}",
        "type": deal.type,
        "buyers": buyers,
        "target": target,
        "seller": seller,
        "amount": money.amount if money else None,
        "currency": money.currency if money else None,
        "amount_min": money.amount_min if money else None,
        "amount_max": money.amount_max if money else None,
        "approximate": money.approximate if money else False,
        "stake_pct": deal.stake_pct,
        "price_per_share": deal.price_per_share,
        "valuation": deal.valuation,
        "round": deal.round,
        "status": deal.status,
        "date": deal.date,
        "evidence": clean_text(evidence.text) if evidence is not None else None,
        "buyers_norm": [norm_key(name) for name in buyers],
        "target_norm": target_norm,
        "seller_norm": norm_key(seller) if seller else None,
        "sentence_start": bounds[0] if bounds else None,
        "sentence_end": bounds[1] if bounds else None,
        "confidence": _score(deal.confidence),
    }


def sentence_bounds(sentence: Span) -> tuple[int, int]:
    """Character offsets of a sentence in the document as read: from its first word to
    the end of its last, without the whitespace before or after it. A sentence's span
    ends with the whitespace token after it; in a triaged Doc that token is the blank
    line joining two kept paragraphs, which may take in the indent of the next one and
    so map to a place inside the next kept paragraph, however far from this one."""
    doc, start, end = sentence.doc, sentence.start, sentence.end
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if start == end:  # only whitespace
        return _original(doc, sentence.start_char), _original(doc, max(sentence.end_char - 1, sentence.start_char)) + 1
    last = doc[end - 1]
    return _original(doc, doc[start].idx), _original(doc, last.idx + len(last.text) - 1) + 1


def _original(doc: Doc, offset: int) -> int:
    """An offset in the document as read (a triaged Doc holds only some paragraphs)."""
    pieces = doc.user_data.get(OFFSETS_KEY)
    return offset if pieces is None else original_offset(pieces, offset)


def role_rows(doc: Doc, doc_id: str) -> list[dict]:
    """One row per person-title-organisation fact (columns of ``schema.ROLE_COLUMNS``)."""
    return [_role_row(role, doc_id) for role in doc._.roles or []]


def _role_row(role: Role, doc_id: str) -> dict:
    person = clean_text(role.person.text)
    org = party_name(role.org)
    return {
        "doc_id": doc_id,
        "person": person,
        "title": role.title,
        "org": org,
        "person_norm": norm_key(person),
        "org_norm": norm_key(org) if org else None,
        "evidence": clean_text(role.evidence.text),
        "confidence": _score(role.confidence),
    }


def _score(value: Optional[float]) -> Optional[float]:
    """A confidence as the tables hold it: 3 decimals, without the float noise of sums
    (0.35 + 0.2 + 0.15 = 0.7000000000000001)."""
    return None if value is None else round(float(value), CONFIDENCE_DECIMALS)
