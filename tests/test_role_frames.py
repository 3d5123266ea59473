"""Role frames (pipeline/roles/frames.py, patterns/role_frames.yml).

Rule families on hand-built Docs (words and entities given, so the test does not depend
on the statistical model), then sentences through the whole pipeline. Every name and
sentence here is made up for these tests.
"""

from __future__ import annotations

import pytest
import spacy
import yaml
from spacy.tokens import Doc

from pipeline.errors import PatternError
from pipeline.export import role_rows
from pipeline.names import names_match, titles_match
from pipeline.patterns import load_lines, load_yaml, pattern_path
from pipeline.roles import frames as F
from pipeline.roles.employers import is_employer
from pipeline.roles.lexicon import load_frame_data, title_table
from pipeline.roles.orgnames import GENERIC


@pytest.fixture(scope="module")
def data():
    titles = title_table(load_lines("titles.txt"))
    return load_frame_data(load_yaml("role_frames.yml"), list(titles), where="role_frames.yml")


VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, digits, ...)


def make_doc(text: str, ents: dict[str, str]) -> Doc:
    """A Doc of the words of ``text`` (split on spaces) with the entities ``ents``
    ({words: label}) marked where their words occur."""
    words = text.split()
    iob = ["O"] * len(words)
    for name, label in ents.items():
        parts = name.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] == parts:
                iob[i] = f"B-{label}"
                for k in range(i + 1, i + len(parts)):
                    iob[k] = f"I-{label}"
    return Doc(VOCAB, words=words, ents=iob)


def person(doc: Doc, name: str):
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.text == name:
            return ent
    raise AssertionError(name)


def triples(found):
    return {(r.title, r.org if r.org is GENERIC or r.org is None else r.org.text) for r in found}


# --- validation --------------------------------------------------------------------------


def _frames_with(**change):
    raw = yaml.safe_load(pattern_path("role_frames.yml").read_text(encoding="utf8"))
    raw.update(change)
    return raw


@pytest.mark.parametrize(
    "change, message",
    [
        ({"frames": [{"name": "bad", "steps": [{"maybe": ["x"]}]}]}, "[E104] role_frames.yml, frame 'bad': step 1"),
        ({"frames": [{"name": "bad", "steps": [["is"]], "tense": "past"}]}, "frame 'bad': tense"),
        ({"frames": [{"name": "bad", "steps": [["is"]], "join": "yes"}]}, "frame 'bad': 'join' takes true or false"),
        (
            {"frames": [{"name": "bad", "steps": [[True]]}]},
            "[E105] role_frames.yml, frame 'bad', step 1: expected a list of words",
        ),
        ({"frames": [{"name": "bad", "steps": [["is"]], "colour": "red"}]}, "unknown key(s) colour"),
        ({"frames": []}, "[E107] role_frames.yml: 'frames' must be a non-empty list"),
        ({"title_modifiers": "former"}, "title_modifiers"),
    ],
)
def test_bad_frame_entries_are_named(change, message):
    with pytest.raises(PatternError) as err:
        load_frame_data(_frames_with(**change), ["president"], where="role_frames.yml")
    assert "role_frames.yml" in str(err.value) and message in str(err.value)


def test_missing_list_is_named():
    raw = _frames_with()
    del raw["company_nouns"]
    with pytest.raises(PatternError, match=r"\[E106\] role_frames.yml: missing key 'company_nouns'"):
        load_frame_data(raw, ["president"])


# --- rule families on hand-built Docs ------------------------------------------------------


def test_apposition_with_age(data):
    doc = make_doc(
        "Ada Brook , 61 , president of Harlan Tool Co , will retire .", {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"}
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("president", "Harlan Tool Co")}


def test_age_in_brackets_and_age_word(data):
    doc = make_doc(
        "Ada Brook , age 47 , has been treasurer of Harlan Tool Co since 2015 .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("treasurer", "Harlan Tool Co")}


def test_title_list_one_role_per_title_and_organisation(data):
    doc = make_doc(
        "Ada Brook served as chairman and chief executive of Harlan Tool Co and Brook Mills Inc from 2001 .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "Brook Mills Inc": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {
        ("chairman", "Harlan Tool Co"),
        ("chief executive", "Harlan Tool Co"),
        ("chairman", "Brook Mills Inc"),
        ("chief executive", "Brook Mills Inc"),
    }


def test_each_title_its_own_organisation(data):
    doc = make_doc(
        "Ada Brook is a director of Harlan Tool Co and a partner at Osric Lane LLP .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "Osric Lane LLP": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {
        ("director", "Harlan Tool Co"),
        ("partner", "Osric Lane LLP"),
    }


def test_had_been_is_a_former_post(data):
    doc = make_doc(
        "Ada Brook had been senior vice president of Harlan Tool Co .", {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"}
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("former senior vice president", "Harlan Tool Co")}


def test_former_kept_as_written(data):
    doc = make_doc(
        "Ada Brook , a former chief financial officer of Harlan Tool Co , said .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("former chief financial officer", "Harlan Tool Co")}


def test_named_to_a_post(data):
    doc = make_doc(
        "Ada Brook was promoted to executive vice president of Harlan Tool Co .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("executive vice president", "Harlan Tool Co")}


def test_will_become(data):
    doc = make_doc(
        "Ada Brook will become chief operating officer of Harlan Tool Co in May .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("chief operating officer", "Harlan Tool Co")}


def test_descriptor_before_the_employer(data):
    doc = make_doc(
        "Ada Brook , chief executive of Welsh valve maker Harlan Tool Co , said .",
        {"Ada Brook": "PERSON", "Welsh": "NORP", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("chief executive", "Harlan Tool Co")}


def test_department_words_stay_in_the_title(data):
    doc = make_doc(
        "Ada Brook served as vice president of Sales and Marketing of Harlan Tool Co .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("vice president of sales and marketing", "Harlan Tool Co")}


def test_the_company_is_the_subject_company(data):
    doc = make_doc("Ada Brook has served as treasurer of the Company since 2012 .", {"Ada Brook": "PERSON"})
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("treasurer", GENERIC)}


def test_joined_as_gives_the_joined_organisation(data):
    doc = make_doc(
        "Ada Brook joined Harlan Tool Co in 2009 as general counsel .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "2009": "DATE"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("general counsel", "Harlan Tool Co")}


def test_served_on_the_board(data):
    doc = make_doc(
        "Ada Brook has served on the board of directors of Harlan Tool Co since 2011 .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("director", "Harlan Tool Co")}


def test_where_he_served_takes_the_name_before(data):
    doc = make_doc(
        "Tom Reese was at Harlan Tool Co , where he served as controller .",
        {"Tom Reese": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Tom Reese")
    he = [t.i for t in doc if t.text == "he"][0]
    assert triples(F.pronoun_roles(doc, he, p, data)) == {("controller", "Harlan Tool Co")}


def test_where_he_joined_as_takes_the_name_before(data):
    doc = make_doc(
        "Tom Reese is counsel at Pryce Dunn LLP , where he first joined as an associate in 2008 .",
        {"Tom Reese": "PERSON", "Pryce Dunn LLP": "ORG", "2008": "DATE"},
    )
    p = person(doc, "Tom Reese")
    he = [t.i for t in doc if t.text == "he"][0]
    assert triples(F.pronoun_roles(doc, he, p, data)) == {("associate", "Pryce Dunn LLP")}


def test_under_which_he_serves_takes_the_name_before(data):
    doc = make_doc(
        "Tom Reese has a contract with Harlan Tool Co , under which he will act as treasurer until 2030 .",
        {"Tom Reese": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Tom Reese")
    he = [t.i for t in doc if t.text == "he"][0]
    assert triples(F.pronoun_roles(doc, he, p, data)) == {("treasurer", "Harlan Tool Co")}


def test_which_without_a_preposition_takes_no_name(data):
    doc = make_doc(
        "Tom Reese signed an agreement with Harlan Tool Co which he said named him treasurer .",
        {"Tom Reese": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Tom Reese")
    he = [t.i for t in doc if t.text == "he"][0]
    assert F.pronoun_roles(doc, he, p, data) == []


def test_age_in_brackets_then_titles(data):
    doc = make_doc(
        "Ada Brook ( 58 ) Senior Vice President and Treasurer of Harlan Tool Co since 2011 .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {
        ("senior vice president", "Harlan Tool Co"),
        ("treasurer", "Harlan Tool Co"),
    }


def test_no_age_no_verb_no_role(data):
    doc = make_doc(
        "Ada Brook Senior Vice President of Harlan Tool Co .", {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"}
    )
    p = person(doc, "Ada Brook")
    assert F.frame_roles(doc, p, p.end, data) == []


def test_held_positions_with_two_organisations(data):
    doc = make_doc(
        "Ada Brook held senior treasury positions with Harlan Tool Co and Orlith Systems Inc .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "Orlith Systems Inc": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {
        ("senior treasury positions", "Harlan Tool Co"),
        ("senior treasury positions", "Orlith Systems Inc"),
    }


def test_various_positions_name_no_post_but_the_latest_does(data):
    vague = make_doc(
        "Ada Brook has held a number of positions at Harlan Tool Co .", {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"}
    )
    p = person(vague, "Ada Brook")
    assert F.frame_roles(vague, p, p.end, data) == []
    latest = make_doc(
        "Ada Brook has held a number of positions at Harlan Tool Co , most recently as treasurer .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(latest, "Ada Brook")
    assert triples(F.frame_roles(latest, p, p.end, data)) == {("treasurer", "Harlan Tool Co")}


def test_spent_years_at_most_recently_as(data):
    doc = make_doc(
        "Ada Brook spent nine years at Harlan Tool Co , most recently as head of Bond Research .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "Bond Research": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("head", "Harlan Tool Co")}


def test_title_comma_organisation(data):
    doc = make_doc(
        "Ada Brook was General Counsel , Ardmore Medical Systems , from 1999 to 2001 .",
        {"Ada Brook": "PERSON", "Ardmore Medical Systems": "ORG", "1999": "DATE", "2001": "DATE"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("general counsel", "Ardmore Medical Systems")}


def test_title_comma_tagged_name_closed_by_a_full_stop_is_no_organisation(data):
    doc = make_doc(
        "Ada Brook served as President , Server and Tools .", {"Ada Brook": "PERSON", "Server and Tools": "ORG"}
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("president", None)}


def test_title_comma_division_is_no_organisation(data):
    doc = make_doc(
        "Ada Brook was Vice President , Optical Products Division , from 1999 to 2001 .",
        {"Ada Brook": "PERSON", "Optical Products Division": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("vice president", None)}


def test_and_of_a_second_organisation(data):
    doc = make_doc(
        "Ada Brook serves as chairman of Harlan Tool Co and of Orlith Systems Inc .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "Orlith Systems Inc": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {
        ("chairman", "Harlan Tool Co"),
        ("chairman", "Orlith Systems Inc"),
    }


def test_and_of_after_the_company(data):
    doc = make_doc(
        "Ada Brook serves as treasurer of the Company and of Orlith Systems Inc .",
        {"Ada Brook": "PERSON", "Orlith Systems Inc": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("treasurer", GENERIC), ("treasurer", "Orlith Systems Inc")}


def test_posts_listed_with_semicolons_and_acronyms(data):
    doc = make_doc(
        "Ada Brook was Controller ( CAO ) of Harlan Tool Co from 2001 to 2005 ; "
        "President of Orlith Systems Inc from 2005 to 2008 ; and Chairman of Brill Corp since 2008 .",
        {
            "Ada Brook": "PERSON",
            "Harlan Tool Co": "ORG",
            "Orlith Systems Inc": "ORG",
            "Brill Corp": "ORG",
            "CAO": "ORG",
        },
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {
        ("controller", "Harlan Tool Co"),
        ("president", "Orlith Systems Inc"),
        ("chairman", "Brill Corp"),
    }


def test_a_clause_after_a_semicolon_is_no_post(data):
    doc = make_doc(
        "Ada Brook was treasurer of Harlan Tool Co ; Brill Corp named Tom Reese president .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "Brill Corp": "ORG", "Tom Reese": "PERSON"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("treasurer", "Harlan Tool Co")}


def test_a_place_between_the_title_and_its_organisation(data):
    doc = make_doc(
        "Ada Brook , an economist in New York at Harlan Tool Co , said rates fell .",
        {"Ada Brook": "PERSON", "New York": "GPE", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("economist", "Harlan Tool Co")}


def test_a_firm_name_with_a_comma_and_co(data):
    doc = make_doc(
        "Ada Brook , analyst with Pryce Dunmore , Hale Ritter and Co , said rates fell .",
        {"Ada Brook": "PERSON", "Pryce Dunmore": "ORG", "Hale Ritter": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("analyst", "Pryce Dunmore , Hale Ritter and Co")}


def test_served_in_capacities_including_as(data):
    doc = make_doc(
        "Ada Brook served in various capacities at Harlan Tool Co , including as its Treasurer .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("treasurer", "Harlan Tool Co")}


def test_a_division_of_the_organisation(data):
    doc = make_doc(
        "Ada Brook was a Managing Director in the Investment Banking Division of Harlan Tool Co .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "Investment Banking Division": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("managing director", "Harlan Tool Co")}


def test_a_conjunction_opening_the_sentence_is_no_part_of_a_name():
    from pipeline.roles.orgnames import org_ending_at

    doc = make_doc("But Harlan Tool chairman Ada Brook said so .", {"But Harlan Tool": "ORG", "Ada Brook": "PERSON"})
    assert org_ending_at(doc, 3).text == "Harlan Tool"


def test_held_the_positions_of_titles_at(data):
    doc = make_doc(
        "Ada Brook has also held the positions of Controller and General Counsel at Harlan Tool Co since 2019 .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {
        ("controller", "Harlan Tool Co"),
        ("general counsel", "Harlan Tool Co"),
    }


def test_joined_the_board_of(data):
    doc = make_doc(
        "Ada Brook joined the board of Harlan Tool Co in 2012 .", {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"}
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("director", "Harlan Tool Co")}
    doc = make_doc("Ada Brook joined the board in 2012 .", {"Ada Brook": "PERSON"})
    p = person(doc, "Ada Brook")
    assert F.frame_roles(doc, p, p.end, data) == []


def test_a_places_body_after_a_possessive(data):
    doc = make_doc(
        "Ada Brook , president of Colombia 's exporters ' association , said so .",
        {"Ada Brook": "PERSON", "Colombia": "GPE"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("president", "Colombia 's exporters ' association")}


def test_ex_is_a_former_post(data):
    doc = make_doc(
        "Ada Brook , the ex - chairman of Harlan Tool Co , was charged .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("former chairman", "Harlan Tool Co")}


def test_a_field_of_the_title_then_the_employer(data):
    doc = make_doc(
        "Ada Brook is a Professor of Medicine at Halden University .",
        {"Ada Brook": "PERSON", "Medicine": "ORG", "Halden University": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("professor", "Halden University")}
    doc = make_doc(
        "Ada Brook is President of Harlan Tool Co at its plant .", {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"}
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("president", "Harlan Tool Co")}


def test_experience_including_as(data):
    doc = make_doc(
        "Ada Brook has 20 years of experience , including as the Chief Operating Officer of Harlan Tool Co .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {("chief operating officer", "Harlan Tool Co")}


def test_most_recently_as_after_another_person_is_not_the_first(data):
    doc = make_doc(
        "Ada Brook praised Tom Reese , who served most recently as treasurer of Harlan Tool Co .",
        {"Ada Brook": "PERSON", "Tom Reese": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert F.frame_roles(doc, p, p.end, data) == []


def test_founded_and_then_served_as_its_title(data):
    doc = make_doc(
        "Ada Brook founded Harlan Tool Co in 1998 and has served as its Chairman since then .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG", "1998": "DATE"},
    )
    p = person(doc, "Ada Brook")
    found = F.founder_roles(doc, p, data, frozenset({"found"}))
    assert triples(found) == {("founder", "Harlan Tool Co"), ("chairman", "Harlan Tool Co")}


def test_conjoined_predicate_keeps_the_organisation(data):
    doc = make_doc(
        "Ada Brook has been president of Harlan Tool Co since 2015 and was treasurer from 2009 to 2015 .",
        {"Ada Brook": "PERSON", "Harlan Tool Co": "ORG"},
    )
    p = person(doc, "Ada Brook")
    assert triples(F.frame_roles(doc, p, p.end, data)) == {
        ("president", "Harlan Tool Co"),
        ("treasurer", "Harlan Tool Co"),
    }


def test_a_committee_or_board_is_not_an_employer(data):
    doc = make_doc(
        "the Audit Committee and the Board of Directors and Harlan Tool Co",
        {"Audit Committee": "ORG", "Board of Directors": "ORG", "Harlan Tool Co": "ORG"},
    )
    orgs = {ent.text: is_employer(ent, data) for ent in doc.ents}
    assert orgs == {"Audit Committee": False, "Board of Directors": False, "Harlan Tool Co": True}


def test_no_title_no_role(data):
    doc = make_doc("Ada Brook , 61 , lives in Leeds .", {"Ada Brook": "PERSON", "Leeds": "GPE"})
    p = person(doc, "Ada Brook")
    assert F.frame_roles(doc, p, p.end, data) == []


# --- sentences through the pipeline -----------------------------------------------------------

MODEL_CASES = [
    pytest.param(
        "Ada Brook, 61, president of Harlan Tool Co, said sales rose.",
        ("Ada Brook", "president", "Harlan Tool Co"),
        id="apposition-age",
    ),
    pytest.param(
        "Tom Reese has served as chief financial officer of Orlith Systems Inc since 2018.",
        ("Tom Reese", "chief financial officer", "Orlith Systems Inc"),
        id="served-as-since",
    ),
    pytest.param(
        "Kestrel Mining Corp said it named Ada Brook as its chief executive.",
        ("Ada Brook", "chief executive", "Kestrel Mining Corp"),
        id="named-as-its",
    ),
    pytest.param(
        "Ada Brook, chairman, president and chief executive officer of Harlan Tool Co, said the plant will close.",
        ("Ada Brook", "president", "Harlan Tool Co"),
        id="title-list-middle",
    ),
    pytest.param(
        "Ada Brook had been treasurer of Orlith Systems Inc before she joined the bank.",
        ("Ada Brook", "former treasurer", "Orlith Systems Inc"),
        id="had-been-former",
    ),
    pytest.param(
        "Tom Reese joined Orlith Systems Inc in 2014. He previously served as controller of Harlan Tool Co.",
        ("Tom Reese", "controller", "Harlan Tool Co"),
        id="pronoun-served",
    ),
    pytest.param(
        "Orlith Systems Inc said Ada Brook will become chief operating officer on March 1.",
        ("Ada Brook", "chief operating officer", "Orlith Systems Inc"),
        id="will-become-subject-company",
    ),
    pytest.param(
        "Tom Reese, who stepped down as chief executive of Orlith Systems Inc in 2019, now chairs Harlan Tool Co.",
        ("Tom Reese", "former chief executive", "Orlith Systems Inc"),
        id="stepped-down-former",
    ),
    pytest.param(
        "Tom Reese, who stepped down as chief executive of Orlith Systems Inc in 2019, now chairs Harlan Tool Co.",
        ("Tom Reese", "chair", "Harlan Tool Co"),
        id="now-chairs",
    ),
    pytest.param(
        "Orlith Systems Inc appointed Ada Brook, previously head of sales at Harlan Tool Co, as chief commercial officer.",
        ("Ada Brook", "chief commercial officer", "Orlith Systems Inc"),
        id="appointed-as-after-apposition",
    ),
    pytest.param(
        "Ada Brook joined Orlith Systems Inc in 2008 and was appointed treasurer in 2012.",
        ("Ada Brook", "treasurer", "Orlith Systems Inc"),
        id="joined-and-appointed",
    ),
    pytest.param(
        "Orlith Systems Inc's chief technology officer, Ada Brook, said the chips would ship in May.",
        ("Ada Brook", "chief technology officer", "Orlith Systems Inc"),
        id="org-possessive-title-person",
    ),
    pytest.param(
        "Orlith Systems Inc named Ada Brook to the newly created post of chief operating officer.",
        ("Ada Brook", "chief operating officer", "Orlith Systems Inc"),
        id="post-of",
    ),
    pytest.param(
        "Mr. Reese was employed by Harlan Tool Co as its treasurer.",
        ("Reese", "treasurer", "Harlan Tool Co"),
        id="employed-by-as",
    ),
    pytest.param(
        "Ms. Brook worked at Orlith Systems Inc. as a senior analyst.",
        ("Brook", "senior analyst", "Orlith Systems Inc"),
        id="worked-at-as",
    ),
    pytest.param(
        "Mr. Reese is a partner in the law firm of Pryce & Dunn LLP.",
        ("Reese", "partner", "Pryce & Dunn LLP"),
        id="partner-in-the-firm-of",
    ),
    pytest.param(
        "Ralph Denby, born in 1962, is our Executive Vice President and has held that position since he joined "
        "Corlander Industries in 2004.",
        ("Ralph Denby", "executive vice president", "Corlander Industries"),
        id="our-title-the-sentence-company",
    ),
    pytest.param(
        "Ms. Quill heads the tax practice at Brandt Hollis LLP, where she first joined as an associate in 2012.",
        ("Quill", "associate", "Brandt Hollis LLP"),
        id="where-she-joined-as",
    ),
    pytest.param(
        "Peter Vance has a services contract with Trellcore Systems under which he will act as Chief Operating "
        "Officer for three years.",
        ("Peter Vance", "chief operating officer", "Trellcore Systems"),
        id="agreement-under-which",
    ),
    pytest.param(
        "Jonas Pike (58) Senior Vice President and Treasurer of Arbeck Energy Corp. since 2011.",
        ("Jonas Pike", "treasurer", "Arbeck Energy Corp."),
        id="age-in-brackets-list-line",
    ),
    pytest.param(
        "Brantley Oil Corp said on Tuesday that its board had elected Mark Hollis chief operating officer, a new post.",
        ("Mark Hollis", "chief operating officer", "Brantley Oil Corp"),
        id="its-board-elected",
    ),
    pytest.param(
        "The board of Quorrat Ltd named Dave Lindell as its new chairman.",
        ("Dave Lindell", "chairman", "Quorrat Ltd"),
        id="the-board-of-O-named",
    ),
    pytest.param(
        "Quorrat Ltd said the board of Pelhamite Corp elected Dave Lindell chairman.",
        ("Dave Lindell", "chairman", "Pelhamite Corp"),
        id="the-board-of-another-O-elected",
    ),
    pytest.param(
        "Harlowe Motors Appoints Jane Kimber as Chief Marketing Officer",
        ("Jane Kimber", "chief marketing officer", "Harlowe Motors"),
        id="title-case-headline-appoints",
    ),
    pytest.param(
        "Lee Marrow serves as Chairman of our Board and as Chief Executive Officer of Palmetto Foods, Inc.",
        ("Lee Marrow", "chairman", "Palmetto Foods, Inc."),
        id="chairman-of-our-board",
    ),
    pytest.param(
        "Silver could rise further, Mike Bosworth chairman of Sunridge Mining Co told Reuters.",
        ("Mike Bosworth", "chairman", "Sunridge Mining Co"),
        id="title-after-the-name-without-a-comma",
    ),
    pytest.param(
        "Tom Reese, who is both president and chief executive officer of Orlith Systems Inc, plans to step down next year.",
        ("Tom Reese", "chief executive officer", "Orlith Systems Inc"),
        id="who-is-both",
    ),
    pytest.param(
        "Harlan Tool Co said ex-CEO Ann Leeson was charged.",
        ("Ann Leeson", "former CEO", "Harlan Tool Co"),
        id="ex-title-before-the-name",
    ),
    pytest.param(
        "Rivenhall Automotive hired former Appleton executive Sam Ortegal as chief operating officer.",
        ("Sam Ortegal", "chief operating officer", "Rivenhall Automotive"),
        id="hired-described-person-as",
    ),
    pytest.param(
        "Bob Iverson, who returned as Dimsdale's CEO last year, announced job cuts.",
        ("Bob Iverson", "CEO", "Dimsdale"),
        id="returned-as",
    ),
    pytest.param(
        "Ann Leland is the chief executive of Veltro Labs, which she co-founded in 2015.",
        ("Ann Leland", "co-founder", "Veltro Labs"),
        id="which-she-co-founded",
    ),
    pytest.param(
        "Tom Reeve joined Orlith Systems Inc in 2005. He founded Brillman Corp in 2012.",
        ("Tom Reeve", "founder", "Brillman Corp"),
        id="he-founded",
    ),
    pytest.param(
        "Harlan Securities Group said it has concluded negotiations with Ronald Vanucci under which he will become "
        "its chief executive officer.",
        ("Ronald Vanucci", "chief executive officer", "Harlan Securities Group"),
        id="under-which-after-a-person",
    ),
    pytest.param(
        "Mr. Reese currently serves as the Chairman of the Board of Trustees of Halden University.",
        ("Reese", "chairman", "Halden University"),
        id="board-of-trustees",
    ),
]


@pytest.mark.parametrize("text, expected", MODEL_CASES)
def test_model_sentences(nlp, text, expected):
    who, title, org = expected
    rows = role_rows(nlp(text), "t")
    assert any(
        names_match(r["person"], who) and titles_match(r["title"], title) and names_match(r["org"], org) for r in rows
    ), rows


def test_former_before_the_organisation_makes_a_former_post(nlp):
    rows = role_rows(nlp("Former Orbitel Tech CEO James Wu is now a partner at Sandcrest Ventures."), "t")
    titles = {r["title"] for r in rows if names_match(r["org"], "Orbitel Tech")}
    assert titles == {"former CEO"}, rows


def test_a_division_is_no_employer_guessed_for_our(nlp):
    rows = role_rows(
        nlp("Tom Reese has been our Senior Vice President and General Manager, Coatings Division since 2016."), "t"
    )
    assert rows == []


def test_which_she_said_is_no_founding(nlp):
    assert role_rows(nlp("Ann Leland praised Veltro Labs, which she said was growing."), "t") == []


def test_every_role_names_an_employer(nlp):
    rows = role_rows(nlp("Tom Reese, the chief executive, said costs fell. Ada Brook chairs the audit committee."), "t")
    assert all(r["org"] for r in rows), rows


def test_regulator_told_is_not_the_employer(nlp):
    rows = role_rows(
        nlp(
            "Ada Brook, a director of Orlith Systems Inc, told the Securities and Exchange Commission she had bought shares."
        ),
        "t",
    )
    assert rows and all(names_match(r["org"], "Orlith Systems Inc") for r in rows), rows


def test_stepped_down_is_written_former(nlp):
    rows = role_rows(
        nlp("Tom Reese, who stepped down as chief executive of Orlith Systems Inc in 2019, now chairs Harlan Tool Co."),
        "t",
    )
    assert any(r["title"] == "former chief executive" for r in rows), rows


def test_surname_repeat_is_the_same_person(nlp):
    rows = role_rows(
        nlp("Ada Brook was named president of Orlith Systems Inc. Brook, 52, was president of Harlan Tool Co."), "t"
    )
    assert rows and all(r["person"] == "Ada Brook" for r in rows), rows
