"""Triage: which paragraphs reach the model, and offsets back into the original text."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.triage import Triage

NEWSWIRE = (
    "ACME SAYS SALES ROSE\n\n"
    "Acme Corp said first quarter sales rose\n"
    "eight pct to 120 mln dlrs.\n"
    "    The company said it expects a good year.\n"
    "    Separately, Acme said it agreed to buy\n"
    "Widget Inc for 40 mln dlrs.\n"
    "    Weather in the region was mild.\n"
)


@pytest.fixture(scope="module")
def triage(nlp):
    return Triage(nlp)


def test_keeps_lead_and_cue_paragraphs_not_a_headline_in_capitals(triage):
    selection = triage.select(NEWSWIRE)
    assert "ACME SAYS SALES ROSE" not in selection.text
    assert "first quarter sales rose" in selection.text
    assert "agreed to buy" in selection.text
    assert "expects a good year" not in selection.text
    assert "Weather" not in selection.text


def test_offsets_map_back_to_the_original(triage):
    selection = triage.select(NEWSWIRE)
    at = selection.text.index("Separately")
    assert NEWSWIRE[selection.original_offset(at) :].startswith("Separately")


def test_text_without_cues_skips_the_model(triage):
    selection = triage.select("Rain fell on Tuesday.\nThe river rose two feet.")
    assert selection.text == "" and selection.tokens > 0


COMMODITY = (
    "WHEAT PRICES EASE\n\n"
    "Traders said Japan bought 200,000 tonnes of wheat on Tuesday.\n\n"
    "Traders said the agency would buy more next month.\n\n"
    "Dealers said buying interest was thin and prices eased.\n"
)


def _kept(triage, *paragraphs: str) -> str:
    return triage.select("\n\n".join(paragraphs)).text


def test_weak_cues_alone_do_not_wake_the_model(triage):
    # "buy" and "bought" in a trade story: no company, stake or name near them
    assert triage.select(COMMODITY).text == ""


def test_a_weak_cue_counts_with_a_company_word_a_stake_or_a_name_after_it(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert "agreed to sell" in _kept(triage, lead, other, "Midland said the company agreed to sell the plant.")
    assert "bought 49 pct" in _kept(triage, lead, other, "Ayer bought 49 pct of the agency last year.")
    assert "Huron Dressed" in _kept(triage, lead, other, "Swift said it would sell its plant to Huron Dressed Beef.")
    # an amount alone is no anchor: a bond issue, a trade
    assert _kept(triage, lead, other, "The authority raised 4.5 billion rupees with the issue.") == ""


def test_in_a_deal_article_every_weak_cue_keeps_its_paragraph(triage):
    text = "\n\n".join(
        [
            "HEADLINE",
            "Acme Corp agreed to acquire Widget Inc.",
            "Nothing here.",
            "The price will be paid in cash.",
            "Traders were buying on the news.",
        ]
    )
    kept = triage.select(text).text
    assert "buying on the news" in kept and "Nothing here" not in kept and "paid in cash" not in kept


def test_an_object_cue_counts_with_a_one_word_name_heading_its_object(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert "Snackwise" in _kept(triage, lead, other, "Velmor bought meal-kit seller Snackwise for $30 million.")
    assert "Skyquell" in _kept(triage, lead, other, "Orland would buy drone start-up Skyquell, people said.")
    assert "DataWeft" in _kept(triage, lead, other, "Trex purchased DataWeft in 2019.")
    assert "Brindleford" in _kept(triage, lead, other, "Brantley agreed to buy Dutch cheese maker Brindleford.")
    assert "GKN" in _kept(triage, lead, other, "The group sold its stamping plant to GKN last year.")
    # a number, a place or a month heads the object: a trade, not a deal
    assert _kept(triage, lead, other, "Traders sold 200,000 tonnes to China.") == ""
    assert _kept(triage, lead, other, "Egypt bought U.S. wheat in March.") == ""
    assert _kept(triage, lead, other, "The agency sold in March.") == ""
    # only after cues that take a company as their object
    assert _kept(triage, lead, other, "Lenders offered Brazil better terms.") == ""


def test_an_object_cue_counts_with_a_name_just_before_it(triage):
    lead, other = "HEADLINE", "The weather was mild."
    text = "Corrigan Paints, which Quarrendon Chemicals bought in 2015, opened a plant."
    assert "Quarrendon Chemicals bought" in _kept(triage, lead, other, text)


def test_paying_and_offering_count_with_a_name_after_for(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert "Kelso Mutual" in _kept(triage, lead, other, "Mossgiel will pay about $2 billion for Kelso Mutual.")
    assert "Quill" in _kept(triage, lead, other, "Tarn offered 20 dlrs a share for Quill on Friday.")
    assert "Lomax" in _kept(triage, lead, other, "Harwick Steel struck a deal for rival Lomax on Monday.")
    assert "Vanter" in _kept(triage, lead, other, "Morrow Foods has drawn interest from Vanter, people said.")
    assert "swallowed up" in _kept(triage, lead, other, "Its rival was swallowed up by a larger chain.")
    assert _kept(triage, lead, other, "Japan paid 200 dlrs a tonne for the wheat.") == ""
    assert _kept(triage, lead, other, "The company will pay a dividend of 10 cts a share.") == ""


def test_a_split_cue_keeps_its_paragraph_as_a_deal_cue(triage):
    lead, other = "HEADLINE", "The weather was mild."
    text = "Brookfold plans to take Arden Cinemas plc private."
    assert "private" in _kept(triage, lead, other, text)
    assert "up for sale" in _kept(triage, lead, other, "Ravel put its shipping arm up for sale.")
    # in another clause, too far apart, or in the other order
    assert _kept(triage, lead, other, "They take the long view, as private owners do.") == ""
    assert _kept(triage, lead, other, "They take the long view of what a very rich and private owner does.") == ""
    assert _kept(triage, lead, other, "Private owners take their time.") == ""


def test_a_weak_cue_that_modifies_a_word_or_is_part_of_a_name_is_no_cue(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert _kept(triage, lead, other, "The investment bank said its shares would rise.") == ""
    assert _kept(triage, lead, other, "Pacific Investment Co said shares rose.") == ""
    # a capitalised word after the cue is a name, not a modified noun
    assert "Credit Vale" in _kept(triage, lead, other, "Arden sold Credit Vale Ltd to a bank.")


def test_a_percentage_anchors_only_stake_cues(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert _kept(triage, lead, other, "The notes were offered at a yield of 7.5 pct.") == ""
    assert "sold 20 pct" in _kept(triage, lead, other, "Ayer sold 20 pct of the agency last year.")


def test_a_left_out_headline_does_not_make_the_leads_first_line_a_title(nlp, triage):
    from pipeline.components.paragraphs import title_end

    text = (
        "ACME DETAILS PLAN\n\n"
        "A tender offer of Acme Corp and\nBrill Ltd for Carver Inc will go\nahead, the companies said.\n"
    )
    selection = triage.select(text)
    assert "ACME DETAILS" not in selection.text and "tender offer" in selection.text
    assert title_end(selection.text) == 0
    at = selection.text.index("A tender")
    assert text[selection.original_offset(at) :].startswith("A tender")


def test_why_a_paragraph_is_kept(triage):
    text = "Acme news\n\nAcme Corp agreed to acquire Widget Inc.\n\nNothing here.\n\nThe sale of its unit was delayed."
    assert triage.explain(text) == {0: "leading", 1: "deal:acquire", 3: "weak-in-deal-article:sale"}


def test_a_title_keeps_its_paragraph_only_next_to_a_name(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert "Chairman John Smith" in _kept(triage, lead, other, "Chairman John Smith said sales rose.")
    assert "an analyst" in _kept(triage, lead, other, "Sales will rise, said Mary Jones, an analyst at Fulton.")
    assert _kept(triage, lead, other, "Analysts said sales would rise this year.") == ""


def test_founding_in_the_passive_and_a_board_seat_keep_their_paragraph(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert "set up by" in _kept(triage, lead, other, "The firm was set up by Ann Reyes in 2011.")
    assert "board of directors" in _kept(
        triage, lead, other, "Tom Vale has served on the board of directors of Ostrava Corp since 2015."
    )
    assert _kept(triage, lead, other, "The fund was set up by the government last year.") == ""


def test_a_verb_of_tenure_or_appointment_bridges_a_far_name_and_a_title(triage):
    lead, other = "HEADLINE", "The weather was mild."
    text = "Lee Marr, age 61, has served as managing partner of a property fund since 2009."
    assert "managing partner" in _kept(triage, lead, other, text)
    text = "Dr. Orla Penn held various positions at Brenn Co., most recently as treasurer of its bank."
    assert "treasurer" in _kept(triage, lead, other, text)
    text = "Quentin Harrow, who ran a shipping line for a decade, was named chief financial officer."
    assert "chief financial" in _kept(triage, lead, other, text)
    text = "Mr. Holt has been with the Company since 1998, and has been its chief financial officer since 2004."
    assert "Mr. Holt" in _kept(triage, lead, other, text)
    text = "Ms. Varga was employed by Delmont Freight from 2001 to 2009, where she was controller."
    assert "Ms. Varga" in _kept(triage, lead, other, text)
    # no title after the verb: no post
    assert _kept(triage, lead, other, "The new mail system, named Network Courier, was launched in May.") == ""
    assert _kept(triage, lead, other, "Arlo Fenn resigned on Tuesday after a long dispute over pay.") == ""


def test_names_in_capitals_and_with_of_count_next_to_a_title(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert "KLTX Partners" in _kept(triage, lead, other, "He is the managing partner of KLTX Partners.")
    assert "Leeds" in _kept(triage, lead, other, "Penrose, a professor at the University of Leeds, said so.")
    # a headline in capitals has no names; a stop word opening a sentence is none
    assert _kept(triage, lead, other, "BRENN CO PRESIDENT SEES BETTER YEAR") == ""
    assert _kept(triage, lead, other, "An NRW spokesman said the plant would reopen.") == ""


def test_a_name_or_a_title_across_a_wrapped_line_counts(triage):
    text = (
        "BRENN CO SHUFFLES MANAGEMENT\n\n"
        "Brenn Co said it reorganised its management\non Wednesday and set new targets.\n"
        "    The weather in the region was\nmild for the season.\n"
        "    Its chief operating officer Mark\nTolland got the added post of president.\n"
        "    Its chief\noperating officer, Ada Lorne, got the post of treasurer.\n"
    )
    kept = triage.select(text).text
    assert "Tolland got" in kept and "Ada Lorne" in kept and "weather" not in kept


def test_the_banks_of_a_bond_issue_are_no_posts(triage):
    lead, other = "HEADLINE", "The weather was mild."
    assert _kept(triage, lead, other, "The bond is priced at par, lead manager Ferrand Brothers said.") == ""
    assert "Ferrand Brothers" in _kept(triage, lead, other, "The bank's manager Ferrand Brothers said so.")


def test_a_title_in_mixed_case_is_kept_with_the_lead(triage):
    text = "Acme to buy Widget\n\nAcme Corp said on Monday it agreed to acquire Widget Inc.\n\nMore later."
    assert triage.select(text).text == "Acme to buy Widget\n\nAcme Corp said on Monday it agreed to acquire Widget Inc."


def test_a_funding_article_without_an_acquisition_word_is_kept(triage):
    text = "Meta to put money into data startup\n\nMeta plans to invest up to $10 billion in Scale AI."
    assert "invest up to" in triage.select(text).text


@pytest.mark.parametrize(
    "bad",
    [
        "deal_cues: buy\n",
        "deal_cues: []\nweak_deal_cues: []\ncompany_words: []\nrole_cues: []\nname_window: 3\nanchor_window: 6\n",
        "deal_cues: []\nweak_deal_cues: []\nobject_cues: []\nprice_cues: []\npercent_cues: []\nname_cues: []\n"
        "modifier_heads: []\ncompany_words: []\nrole_cues: []\nnot_names: []\nname_window: [8, 6]\n"
        "anchor_window: 6\nweak_name_window: [3, 6]\nsplit_cues: [{verbs: [take], then: [private]}]\n",
    ],
)
def test_a_bad_cue_file_names_the_problem(nlp, tmp_path, bad):
    import shutil

    from pipeline.errors import PatternError
    from pipeline.patterns import patterns_dir

    for path in patterns_dir().iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "triage.yml").write_text(bad)
    with pytest.raises(PatternError, match="triage.yml"):
        Triage(nlp, str(tmp_path))


def test_triage_finds_the_same_deal_with_the_right_offsets(nlp):
    full = pipeline.extract([{"id": "a", "text": NEWSWIRE}], nlp=nlp, triage=False).mentions
    triaged = pipeline.extract([{"id": "a", "text": NEWSWIRE}], nlp=nlp, triage=True).mentions
    assert list(full["target"]) == list(triaged["target"]) == ["Widget Inc"]
    row = triaged.iloc[0]
    assert " ".join(NEWSWIRE[row.sentence_start : row.sentence_end].split()) == row.evidence


def test_word_counts_are_of_the_original_text(nlp):
    stats_full, stats_triaged = pipeline.batch.RunStats(), pipeline.batch.RunStats()
    pipeline.extract([NEWSWIRE], nlp=nlp, triage=False, stats=stats_full)
    pipeline.extract([NEWSWIRE], nlp=nlp, triage=True, stats=stats_triaged)
    assert stats_full.words == stats_triaged.words


def test_membership_by_binary_search_is_numpys():
    import numpy as np

    from pipeline.triage import _in_sorted

    rng = np.random.default_rng(7)
    known = np.unique(rng.integers(0, 2**63, 50, dtype=np.uint64))
    values = np.concatenate(
        [rng.integers(0, 2**63, 200, dtype=np.uint64), known[::3], np.array([0, 2**64 - 1], dtype=np.uint64)]
    )
    assert _in_sorted(values, known).tolist() == np.isin(values, known).tolist()
    assert _in_sorted(values, known).sum() == len(known[::3])
    assert not _in_sorted(values, known[:0]).any()


# Forms of the trigger verbs that the regular rules below do not give.
IRREGULAR_FORMS = {
    "buy": ["buys", "bought", "buying"],
    "sell": ["sells", "sold", "selling"],
    "take": ["takes", "took", "taken", "taking"],
    "spin": ["spins", "spun", "spinning"],
    "bid": ["bids", "bid", "bidding"],
    "commit": ["commits", "committed", "committing"],
    "transfer": ["transfers", "transferred", "transferring"],
    "swallow": ["swallows", "swallowed", "swallowing"],
    "gobble": ["gobbles", "gobbled", "gobbling"],
    "snap": ["snaps", "snapped", "snapping"],
    "scoop": ["scoops", "scooped", "scooping"],
    "hive": ["hives", "hived", "hiving"],
    "pick": ["picks", "picked", "picking"],
    "takeover": [],  # a verb only in headlines ("ACME TAKEOVER OF Y"), the noun's cue serves
    "seek": ["sought by"],  # a bid only in the passive with its bidder: "Y, long sought by X"
    "merger": [],  # a slip tagged as a verb ("a letter of intent to merger with Y"), the noun's cue serves
}
# Objects of stake and round verbs that are the words of every market report ("shares
# rose", "cash flow", "a mutual fund") or amounts: left to the verb's own cue ("bought",
# "sold", "raised") or to the amount beside them, as a cue of their own would wake the
# model for most market reports.
# Forms left without a cue on purpose: "combines"/"combining" are most often of products,
# data or figures in business news ("combining its software with Y's chips"); a merger
# told with them is kept by the other words of its paragraph ("merger", "deal", a name).
# "back", "fund" and "funds" are most often the adverb and the noun ("cut back", "a mutual
# fund"): their deal sense is kept by "backed", "backs", "funded" and the amount's cues.
# "seek" in the active is of approval, buyers and control ("seeking a buyer"): the bid
# class reads it only in the passive ("sought by X", a split cue).
UNCUED_FORMS = frozenset({"combines", "combining", "back", "fund", "funds", "seek"})
UNCUED_OBJECTS = frozenset(
    {"money", "%", "pct", "percent", "share", "shares", "stock", "capital", "cash", "fund", "funds"}
)


def _verb_forms(lemma: str) -> list[str]:
    if lemma in IRREGULAR_FORMS:
        return [lemma, *IRREGULAR_FORMS[lemma]]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return [lemma, lemma + "s", stem + "ed", stem + "ing"]


def test_every_trigger_word_that_states_a_deal_alone_has_a_triage_cue():
    """A trigger word the triage drops is a silent loss of recall: every form of the
    verbs, and the nouns, of a class whose word states a deal on its own must keep its
    paragraph (a cue of any list, or a split cue for a verb and its particle). Classes
    that need an object or a modifier are kept by those words ("raised its stake": the
    cue "stake"; "a deal for": the cue "deal for"), checked the same way."""
    import yaml

    from pipeline.patterns import pattern_path

    triggers = yaml.safe_load(open(pattern_path("triggers.yml")))
    cues = yaml.safe_load(open(pattern_path("triage.yml")))
    words = set()
    for key in ("deal_cues", "weak_deal_cues", "object_cues", "price_cues", "percent_cues"):
        words |= {w.lower() for w in cues[key]}

    def split(form: str, rest: list[str]) -> bool:
        # a split cue of the verb and its particle, or of the verb and its partner ("combining ... with")
        return any(form in c["verbs"] and (not rest or rest[0] in c["then"]) for c in cues["split_cues"])

    missing = []
    for name, cls in triggers["classes"].items():
        if cls.get("requires_object"):
            objects = [w.lower() for w in cls["requires_object"] if w.lower() not in UNCUED_OBJECTS]
            # the object keeps the paragraph: a cue of its own, or one with "in" ("interest in")
            missing += [f"{name}: object {w}" for w in objects if w not in words and f"{w} in" not in words]
            continue
        modifiers = cls.get("requires_modifier")
        for noun in cls.get("nouns") or []:
            if modifiers:
                # the modifier keeps the paragraph itself when it is a deal cue ("takeover approach")
                deal_cues = {w.lower() for w in cues["deal_cues"]}
                missing += [
                    f"{name}: {noun} {m}"
                    for m in modifiers
                    if f"{noun} {m}" not in words and m.lower() not in deal_cues
                ]
            elif noun not in words:
                missing.append(f"{name}: {noun}")
        for verb in cls.get("verbs") or []:
            lemma, *rest = verb.split()
            for form in _verb_forms(lemma):
                phrase = " ".join([form, *rest])
                if phrase not in words and phrase not in UNCUED_FORMS and not split(form, rest):
                    missing.append(f"{name}: {phrase}")
    assert missing == []


def test_money_raised_in_funding_is_a_deal_cue(triage):
    text = (
        "Scooter news\n\nVolta Motors, a maker of electric scooters, has raised $20 million in funding "
        "from the domestic two-wheeler maker Harlan Auto as it expands.\n\nThe weather was mild."
    )
    assert set(triage.explain(text)) == {0, 1}
    assert "has raised $20 million" in triage.select(text).text
