"""The deals a parsed Doc states, in the shape of textacy's ``extract.triples``: pure
functions over a Doc (and the :class:`~.lexicon.Lexicon` read from ``patterns/``).

    lex = Lexicon(nlp.vocab)
    deals = extract_deals(doc, lex)

One pass finds the frames (``framing``: a trigger word and the arguments the dependency
relations give it, completed by ``slots``), turns each into deals (``assemble``: parties
through ``party_names``, ``coordination`` and ``antecedents``; amount, stake and date
through ``figures``; status through ``deal_status``; rounds through ``funding``), after
``repair_frame`` has filled the parties the slots missed (``offer_parties``,
``missed_parties``), and
``merging`` keeps one deal per transaction of the article.
"""

from __future__ import annotations

from typing import Optional

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

from ..schema import Deal
from . import assemble, framing, funding, merging, missed_parties, offer_parties, restated
from .context import Context
from .lexicon import Lexicon


def extract_deals(doc: Doc, lex: Lexicon) -> list[Deal]:
    """The deals ``doc`` states, one per transaction, in text order."""
    if not lex.misspelling_hashes.isdisjoint(doc.to_array(LOWER).tolist()):
        read_misspellings(doc, lex)
    if lex.trigger_hashes.isdisjoint(doc.to_array(LEMMA).tolist()):
        return []
    ctx = Context(lex, doc)
    deals = find_in_passes(ctx, doc)
    if not deals and any(ctx.index.headline):
        # a text whose only deal is told in a title-case heading ("Brantley Stores Sells
        # Mendez Unit In $45 Mln Deal", a filing's caption)
        ctx.headlines = True
        ctx.index.deals = []
        deals = find_in_passes(ctx, doc)
    funding.add_round_investors(ctx, doc, deals)
    restated.gather_figures(ctx, doc, deals)
    restated.gather_status(ctx, doc, deals)
    return merging.one_per_transaction(ctx, doc, deals)


def find_in_passes(ctx, doc: Doc) -> list[Deal]:
    deals = []
    for frame in framing.find_frames(ctx, doc):
        unit = repair_frame(ctx, frame)
        found = assemble.frame_deals(ctx, frame)
        if unit is not None:
            for deal in found:
                if deal.target_unit is None and deal.seller is None:
                    deal.target_unit = unit  # a stake in the seller's unnamed asset
        deals.extend(found)
        ctx.index.deals.extend(found)
    return deals


def repair_frame(ctx, frame) -> Optional[str]:
    """Parties the frame's slots missed (``offer_parties``, ``missed_parties``); the
    words of the seller's unnamed asset when the frame's target became its owner."""
    missed_parties.marked_names(ctx, frame)
    offer_parties.for_phrase_on_price(ctx, frame)
    offer_parties.answered_by_target(ctx, frame)
    offer_parties.own_bid_answered(ctx, frame)
    missed_parties.of_phrase_on_party(ctx, frame)
    missed_parties.buyer_after_object(ctx, frame)
    missed_parties.bid_read_as_subject(ctx, frame)
    missed_parties.head_of_group(ctx, frame)
    missed_parties.made_unit_of(ctx, frame)
    return missed_parties.stake_in_asset(ctx, frame)


def read_misspellings(doc: Doc, lex: Lexicon) -> None:
    """A trigger word misspelt by one letter ("completed the acquisiton of Y", "it
    aquired Y") takes the lemma of the word meant, so that the rules read it."""
    for token in doc:
        lemma = lex.misspellings.get(token.lower_)
        if lemma is not None and token.lemma_.lower() not in lex.trigger_lemmas:
            token.lemma_ = lemma
