"""Employer resolution and the pattern files of the roles (pipeline/roles/employers.py,
rules.py, lexicon.py): hand-built Docs with their words, parse and entities given, so the
tests do not depend on the statistical model. Every name here is made up for these tests.
"""

from __future__ import annotations

import copy

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.errors import PatternError
from pipeline.export import role_rows
from pipeline.names import names_match
from pipeline.patterns import load_lines, load_yaml
from pipeline.roles import build_lexicon, find_roles, frame_roles, load_lexicon
from pipeline.roles.employers import is_employer, is_source

VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def parsed(words: list[str], heads: list[int], deps: list[str], ents: dict[str, str]) -> Doc:
    """A Doc with the given parse (absolute head indices) and entities ({words: label})."""
    iob = ["O"] * len(words)
    for name, label in ents.items():
        parts = name.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] == parts:
                iob[i] = f"B-{label}"
                iob[i + 1 : i + len(parts)] = [f"I-{label}"] * (len(parts) - 1)
    return Doc(VOCAB, words=words, heads=heads, deps=deps, ents=iob)


def roles_of(doc: Doc, lex) -> set[tuple[str, str, str]]:
    return {
        (r.person.text, r.title, r.org.text if hasattr(r.org, "text") else str(r.org)) for r in find_roles(doc, lex)
    }


# --- no organisation guessed from the sentence ----------------------------------------------


def test_a_qualified_title_takes_no_organisation_from_the_sentence(lex):
    # "Iberian President P": the title is a country's; the subject company is not P's employer
    doc = parsed(
        "Harlan Tool Co said Iberian President Ada Brook will visit .".split(),
        [2, 2, 3, 3, 5, 7, 7, 9, 9, 3, 3],
        ["compound", "compound", "nsubj", "ROOT", "amod", "compound", "compound", "nsubj", "aux", "ccomp", "punct"],
        {"Harlan Tool Co": "ORG", "Iberian": "NORP", "Ada Brook": "PERSON"},
    )
    assert roles_of(doc, lex) == set()


def test_an_unqualified_officer_title_takes_the_subject_company(lex):
    doc = parsed(
        "Harlan Tool Co said president Ada Brook will retire .".split(),
        [2, 2, 3, 3, 6, 6, 8, 8, 3, 3],
        ["compound", "compound", "nsubj", "ROOT", "compound", "compound", "nsubj", "aux", "ccomp", "punct"],
        {"Harlan Tool Co": "ORG", "Ada Brook": "PERSON"},
    )
    assert roles_of(doc, lex) == {("Ada Brook", "president", "Harlan Tool Co")}


def test_an_analyst_is_nobodys_officer(lex):
    # the company the analyst talks about is not the analyst's employer
    words = "Harlan Tool Co shares rose , analyst Ada Brook said .".split()
    heads = [2, 2, 3, 4, 9, 9, 8, 8, 9, 9, 9]
    deps = [
        "compound",
        "compound",
        "compound",
        "nsubj",
        "ccomp",
        "punct",
        "compound",
        "compound",
        "nsubj",
        "ROOT",
        "punct",
    ]
    doc = parsed(words, heads, deps, {"Harlan Tool Co": "ORG", "Ada Brook": "PERSON"})
    assert roles_of(doc, lex) == set()


def test_an_analyst_with_a_firm_after_the_name(lex):
    words = "analyst Ada Brook with Pellam Securities said so .".split()
    heads = [2, 2, 6, 2, 5, 3, 6, 6, 6]
    deps = ["compound", "compound", "nsubj", "prep", "compound", "pobj", "ROOT", "advmod", "punct"]
    doc = parsed(words, heads, deps, {"Ada Brook": "PERSON", "Pellam Securities": "ORG"})
    assert roles_of(doc, lex) == {("Ada Brook", "analyst", "Pellam Securities")}


# --- what is never an employer ----------------------------------------------------------------


def test_the_headline_form_and_a_ministry_are_no_employers(lex):
    words = ["HARLAN", "NAMES", "NEW", "CHIEF", "\n", "Harlan", "Tool", "Co", "thanked", "Tarvian", "Finance", "."]
    doc = parsed(
        words,
        [1, 1, 3, 1, 1, 7, 7, 8, 8, 10, 8, 8],
        ["nsubj", "ROOT", "amod", "dobj", "dep", "compound", "compound", "nsubj", "ROOT", "compound", "dobj", "punct"],
        {"Tarvian": "NORP"},
    )
    data = lex.frames
    assert not is_employer(Span(doc, 0, 3, label="ORG"), data)  # the capitalised headline
    assert is_employer(Span(doc, 5, 8, label="ORG"), data)
    assert not is_employer(Span(doc, 9, 11, label="ORG"), data)  # a nation's finance ministry


def test_a_person_with_a_title_is_no_employer(lex):
    doc = parsed(
        "an associate of President Cy Vance".split(),
        [1, 1, 1, 5, 5, 2],
        ["det", "ROOT", "prep", "compound", "compound", "pobj"],
        {"Cy Vance": "PERSON"},
    )
    assert not is_employer(Span(doc, 3, 6, label="ORG"), lex.frames)


# --- "to" before an employer ----------------------------------------------------------------


def _flat(text: str, ents: dict[str, str]) -> Doc:
    """A Doc with entities and no parse (one sentence: the frames read words only)."""
    words = text.split()
    iob = ["O"] * len(words)
    for name, label in ents.items():
        parts = name.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] == parts:
                iob[i] = f"B-{label}"
                iob[i + 1 : i + len(parts)] = [f"I-{label}"] * (len(parts) - 1)
    return Doc(VOCAB, words=words, ents=iob)


def test_adviser_to_an_organisation(lex):
    doc = _flat(
        "Ada Brook has served as senior adviser to Harlan Tool Co since 2011 .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = doc.ents[0]
    found = {(r.title, r.org.text) for r in frame_roles(doc, p, p.end, lex.frames)}
    assert found == {("senior adviser", "Harlan Tool Co")}


def test_to_succeed_a_person_names_no_employer(lex):
    doc = _flat("Ada Brook was named president to succeed Cy Vance .", {"Ada Brook": "PERSON", "Cy Vance": "PERSON"})
    p = doc.ents[0]
    assert {(r.title, r.org) for r in frame_roles(doc, p, p.end, lex.frames)} == {("president", None)}


# --- the pattern files ---------------------------------------------------------------------------


def _files():
    return list(load_lines("titles.txt")), copy.deepcopy(load_yaml("role_cues.yml")), load_yaml("role_frames.yml")


def test_the_package_files_make_a_lexicon():
    titles, cues, frames = _files()
    lex = build_lexicon(titles, cues, frames)
    assert lex.titles["chief executive officer"] == "CEO"
    assert "analyst" in lex.outside_titles


def test_a_missing_cue_list_is_named():
    titles, cues, frames = _files()
    del cues["outside_titles"]
    with pytest.raises(PatternError, match=r"\[E106\] role_cues.yml: missing key 'outside_titles'"):
        build_lexicon(titles, cues, frames)


def test_a_bad_cue_mapping_is_named():
    titles, cues, frames = _files()
    cues["title_verbs"] = ["chairs"]
    with pytest.raises(PatternError, match=r"\[E109\] role_cues.yml, title_verbs"):
        build_lexicon(titles, cues, frames)


def test_a_bad_cue_list_is_named():
    titles, cues, frames = _files()
    cues["needs_org"] = "director"
    with pytest.raises(PatternError, match=r"\[E105\] role_cues.yml, needs_org: expected a list of words"):
        build_lexicon(titles, cues, frames)


def test_a_bad_title_line_is_named():
    titles, cues, frames = _files()
    with pytest.raises(PatternError, match=r"\[E108\] titles.txt, entry 2"):
        build_lexicon([titles[0], "chief executive =>"], cues, frames)


# --- posts described by lower-case words; a second "as" ---------------------------------------


def test_a_described_post_keeps_its_words(lex):
    doc = _flat(
        "Ada Brook joined Harlan Tool Co in 1998 as a credit analyst .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = doc.ents[0]
    assert {(r.title, r.org.text) for r in frame_roles(doc, p, p.end, lex.frames)} == {
        ("credit analyst", "Harlan Tool Co")
    }


def test_a_described_post_takes_no_organisation_of_the_next_title(lex):
    doc = _flat(
        "Ada Brook , a council director and managing director of Harlan Tool Co , said so .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = doc.ents[0]
    found = {(r.title, r.org.text) for r in frame_roles(doc, p, p.end, lex.frames)}
    assert found == {("managing director", "Harlan Tool Co")}


def test_a_second_as_after_and(lex):
    doc = _flat(
        "Ada Brook , 58 , has served as chairman since 2014 and as a director of Harlan Tool Co since 2010 .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = doc.ents[0]
    found = {(r.title, r.org.text if r.org is not None else None) for r in frame_roles(doc, p, p.end, lex.frames)}
    assert ("director", "Harlan Tool Co") in found


# --- organisation names read after "of" ------------------------------------------------------------


def _orgs(text: str, ents: dict[str, str], lex, after: str = "of") -> list:
    from pipeline.roles.orgnames import read_orgs

    doc = _flat(text, ents)
    i = text.split().index(after) + 1
    return [o if isinstance(o, str) else o.text for o in read_orgs(doc, i, lex.frames)[0]]


def test_a_name_stops_at_a_persons_name(lex):
    assert _orgs("met Secretary of Trade Ada Brook today", {"Ada Brook": "PERSON"}, lex) == ["Trade"]


def test_a_university_of_a_place(lex):
    assert _orgs("an analyst with the University of Tarvia", {"Tarvia": "GPE"}, lex, after="with") == [
        "University of Tarvia"
    ]


def test_a_based_company_is_the_company_of_the_text(lex):
    from pipeline.roles.orgnames import GENERIC

    assert _orgs("president of the Tarvia - based bank , said", {"Tarvia": "GPE"}, lex) == [GENERIC]


def test_a_place_before_a_lower_case_body(lex):
    assert _orgs("president of the Tarvia beet growers association said", {"Tarvia": "GPE"}, lex) == [
        "Tarvia beet growers association"
    ]
    assert _orgs("head of Tarvia police investigations said", {"Tarvia": "GPE"}, lex) == []


def test_a_stop_word_names_nothing(lex):
    from pipeline.roles.orgnames import name_at

    doc = _flat("Another analyst , Ada Brook , said so .", {"Ada Brook": "PERSON"})
    assert name_at(doc, 0, lex.frames) is None


def test_a_clause_is_no_employer(lex):
    doc = _flat("Effective October 30 , Ada Brook became principal .", {"Ada Brook": "PERSON"})
    assert not is_employer(Span(doc, 0, 3, label="ORG"), lex.frames)


# --- the organisation of the sentence before ---------------------------------------------------


def test_an_officer_title_takes_the_organisation_of_the_sentence_before(nlp):
    text = (
        "Harlan Tool Co is weighing the sale of some of its Orlith Systems Inc shares.\n"
        "    Brokers linked the move to changes at the top of Orlith Systems last week. Treasurer Ada Brook got "
        "the new post of president."
    )
    rows = role_rows(nlp(text), "t")
    assert rows and all(names_match(r["org"], "Orlith Systems Inc") for r in rows), rows


def test_a_new_paragraph_keeps_the_subject_company(nlp):
    text = (
        "Harlan Tool Co said it may sell part of its stake in Orlith\nSystems Inc to a group of investors.\n"
        "    Chief operating officer Ada Brook will lead the talks for\nthe group."
    )
    rows = role_rows(nlp(text), "t")
    assert len(rows) == 1 and names_match(rows[0]["org"], "Harlan Tool Co"), rows


def test_the_company_whose_shares_are_the_subject(nlp):
    rows = role_rows(nlp("Shares of Velocab jumped Tuesday after CEO Dara Minton said bookings rose."), "t")
    assert [(r["person"], r["title"], r["org"]) for r in rows] == [("Dara Minton", "CEO", "Velocab")], rows


def test_shares_of_a_country_name_no_employer(nlp):
    rows = role_rows(nlp("Shares of Britain fell after Prime Minister Tom Lane said so."), "t")
    assert rows == [], rows


# --- people, places and audiences are no employers --------------------------------------------


def test_a_person_after_a_head_of_states_title_is_no_employer(nlp):
    rows = role_rows(nlp("She remained a loyal ally of exiled president Teodoro Alvarado."), "t")
    assert rows == [], rows


def test_a_nationality_opening_the_sentence_qualifies_the_title(nlp):
    text = "Peruvian president Rosa Quintero told a meeting of the National League of Fishermen that catches were down."
    assert role_rows(nlp(text), "t") == []


def test_told_a_body_is_a_source(lex):
    doc = _flat(
        "Ada Brook told a Congress of Harlan Tool Co that sales rose .",
        {"Ada Brook": "PERSON", "Congress of Harlan Tool Co": "ORG"},
    )
    org = [e for e in doc.ents if e.label_ == "ORG"][0]
    assert is_source(org, lex.frames)


def test_a_hyphenated_title_before_a_name(nlp):
    rows = role_rows(
        nlp("Harwell Plc said it sued former chairman Ernest Sayer and non-executive director Tom Wade."), "t"
    )
    assert ("Tom Wade", "non-executive director", "Harwell Plc") in {(r["person"], r["title"], r["org"]) for r in rows}


def test_the_company_as_subject_before_keeps_the_subject_company(nlp):
    text = (
        "Harlan Tool Co reported higher sales. The company added that it had hired Pryce and Dunmore as its "
        "accountants. Chairman Michael Cobb did not comment."
    )
    rows = role_rows(nlp(text), "t")
    assert len(rows) == 1 and names_match(rows[0]["org"], "Harlan Tool Co"), rows


def test_owner_before_words_describing_the_post(nlp):
    rows = role_rows(
        nlp("Kestrelbank AG's management board chairman Walter Seyfert called on the Bundesbank to act."), "t"
    )
    assert [(r["person"], r["title"], r["org"]) for r in rows] == [("Walter Seyfert", "chairman", "Kestrelbank AG")], (
        rows
    )


def test_a_predecessor_who_remains_in_another_post_leaves_the_first(nlp):
    text = "Harlan Tool Co said it appointed David Drayton chief executive replacing David Lowe, who will remain as vice-chairman."
    rows = {(r["person"], r["title"]) for r in role_rows(nlp(text), "t")}
    assert ("David Lowe", "former chief executive") in rows and ("David Lowe", "vice-chairman") in rows, rows


def test_the_target_of_the_sentence_before_is_no_employer(nlp):
    text = (
        "Harlan Tool Co said it made an offer for Orlith Systems Inc. Chief executive John Pike said the bid was final."
    )
    rows = role_rows(nlp(text), "t")
    assert len(rows) == 1 and names_match(rows[0]["org"], "Harlan Tool Co"), rows


def test_no_name_before_a_title_across_a_sentence_start():
    from pipeline.roles.orgnames import org_ending_at

    words = "it bid for Orlith Systems Inc. Chief executive Ada Brook said so .".split()
    sent_starts = [True] + [False] * 5 + [True] + [False] * 6
    ents = ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"]
    doc = Doc(VOCAB, words=words, sent_starts=sent_starts, ents=ents)
    assert org_ending_at(doc, 6) is None


def test_a_common_word_opening_the_sentence_is_no_analysts_employer(nlp):
    rows = role_rows(nlp("Industry analyst Richard Penza of Sanfield Brothers said earnings would rise."), "t")
    assert [(r["person"], r["org"]) for r in rows] == [("Richard Penza", "Sanfield Brothers")], rows


def test_a_head_of_state_after_of(nlp):
    text = "Baker spoke to the Pan American Leadership Forum about policy in light of President Regan's comment."
    assert role_rows(nlp(text), "t") == []


def test_a_body_before_the_title_names_no_company(nlp):
    text = "Amstutz told subcommittee Chairman Dan Glickson that Harlan Tool Co would respond."
    assert role_rows(nlp(text), "t") == []


def test_the_name_before_a_ticker(nlp):
    rows = role_rows(nlp("Sonara Corp <SNR.T> chairman Akio Moriyama said profits would fall."), "t")
    assert [(r["person"], r["org"]) for r in rows] == [("Akio Moriyama", "Sonara Corp")], rows


def test_a_vice_president_of_a_state_names_no_employer(nlp):
    text = "Prince Abdul met for an hour with Vice President George Bushell on Monday after forces raided a platform in the Gulf."
    assert role_rows(nlp(text), "t") == []


def test_a_place_in_a_list_before_a_spokesman_is_no_person(nlp):
    text = "Textile makers lost orders to South Korea, Hong Kong and Singapore, a spokesman for the Taiwan Weavers Federation said."
    assert role_rows(nlp(text), "t") == []


def test_a_name_with_a_comma_is_not_a_list(lex):
    from pipeline.roles.orgnames import read_orgs

    doc = _flat(
        "Tom Kiernan , President of McLeod , Young Weir Ltd , will speak .",
        {"Tom Kiernan": "PERSON", "McLeod": "ORG", "Young Weir Ltd": "ORG"},
    )
    orgs, _ = read_orgs(doc, 5, lex.frames)
    assert [o.text for o in orgs] == ["McLeod"]
    doc = _flat(
        "director of Quill Bancorp , Westmoor Capital Corp , Brill Inc and Orlan Co .",
        {"Quill Bancorp": "ORG", "Westmoor Capital Corp": "ORG", "Brill Inc": "ORG", "Orlan Co": "ORG"},
    )
    orgs, _ = read_orgs(doc, 2, lex.frames)
    assert [o.text for o in orgs] == ["Quill Bancorp", "Westmoor Capital Corp", "Brill Inc", "Orlan Co"]


def test_a_news_outlet_that_reported_is_no_employer(nlp):
    text = "President Regan's legal adviser said the sale was approved in 1985, the New York Clarion reported."
    assert role_rows(nlp(text), "t") == []


def test_a_subcommittee_is_no_employer(lex):
    doc = _flat("the Subcommittee said so .", {"Subcommittee": "ORG"})
    assert not is_employer(doc.ents[0], lex.frames)


def test_a_person_named_in_the_sentence_before_keeps_the_subject_company(nlp):
    text = (
        "Harlan Tool Co said it nominated J. Paul Stickley to become chairman. Stickley retired as chairman of "
        "Orlith Systems Inc in 1983. The company also said Ross Johnston, 55, president and chief executive "
        "officer, will stay."
    )
    rows = {(r["person"], r["org"]) for r in role_rows(nlp(text), "t") if r["person"] == "Ross Johnston"}
    assert rows and all(names_match(org, "Harlan Tool Co") for _, org in rows), rows
