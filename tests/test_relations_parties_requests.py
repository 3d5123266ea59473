"""Party names, requests of the parties2 helper: a bracketed listing is no party.
Sentences written for these tests (names and figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _pairs(nlp, text):
    return sorted((tuple(row["buyers"]), row["target"]) for row in mention_rows(nlp(text), "t"))


def test_an_exchange_in_brackets_is_not_the_target(nlp):
    pairs = _pairs(
        nlp,
        "Harlow Partners and Kestrel Capital have received approval of their proposed buyout of "
        "Brandon Corp's Entertainment (NYSE: BRN).",
    )
    assert pairs
    assert all(target not in ("NYSE", "BRN") for _, target in pairs)


def test_a_unit_named_before_its_listing_keeps_its_name(nlp):
    pairs = _pairs(
        nlp, "Corvane Group said it agreed to buy Molden Inc's unit, Tessa Foods (Nasdaq: TSF), for $40 million."
    )
    assert pairs == [(("Corvane Group",), "Tessa Foods")]


def test_a_coordination_before_its_acronym_is_one_name(nlp):
    pairs = _pairs(nlp, "Marlin Holdings acquired Ashby Paving and Construction (APC) for $12 million.")
    assert pairs == [(("Marlin Holdings",), "Ashby Paving and Construction")]


def test_a_unit_named_by_a_coordination_before_its_acronym_is_one_target(nlp):
    pairs = _pairs(
        nlp, "Marlin Holdings is buying Perrot Corp's business, Ashby Paving and Construction (APC), for $12 million."
    )
    assert pairs == [(("Marlin Holdings",), "Ashby Paving and Construction")]


def test_two_names_whose_letters_do_not_match_the_bracket_stay_two(nlp):
    pairs = _pairs(nlp, "Marlin Holdings acquired Ashby Paving and Delford Construction (NZ) for $12 million.")
    assert all(target != "Ashby Paving and Delford Construction" for _, target in pairs)


def test_an_all_caps_word_the_tagger_cut_off_stays_in_the_buyer(nlp):
    # the tagger reads "Furniture Inc" alone, a shorter form of the target's name
    pairs = _pairs(
        nlp, "DAWB Furniture Inc said it has completed the acquisition of privately-held Harbor House Furniture Inc."
    )
    assert [buyers for buyers, _ in pairs] == [("DAWB Furniture Inc",)]
