"""Person roles on hand-made sentences."""

from __future__ import annotations

import pytest

from pipeline.export import role_rows
from pipeline.names import names_match, titles_match

CASES = [
    pytest.param(
        "Jane Porter, chief executive of Lumen Analytics, said the plan was on track.",
        ("Jane Porter", "CEO", "Lumen Analytics"),
        id="person-title-of-org",
    ),
    pytest.param(
        "Lumen Analytics CEO Jane Porter declined to comment.",
        ("Jane Porter", "CEO", "Lumen Analytics"),
        id="org-title-person",
    ),
    pytest.param(
        "Ridgeway Securities analyst Tom Becker said the shares were cheap.",
        ("Tom Becker", "analyst", "Ridgeway Securities"),
        id="org-analyst-person",
    ),
    pytest.param(
        "Lumen Analytics was founded in 2019 by Jane Porter, who was 24 at the time.",
        ("Jane Porter", "founder", "Lumen Analytics"),
        id="founded-by",
    ),
    pytest.param(
        "The deal was announced by analyst Tom Becker of Ridgeway Securities on Monday.",
        ("Tom Becker", "analyst", "Ridgeway Securities"),
        id="title-person-of-org",
    ),
    pytest.param(
        "Harold Vance, currently chairman of the board of Tidewater Savings Bank, will retire.",
        ("Harold Vance", "chairman", "Tidewater Savings Bank"),
        id="chairman-of-the-board-of",
    ),
    pytest.param(
        "Stone Valley Corp said President Chairman Kim Ode will lead the merged bank.",
        ("Kim Ode", "chairman", "Stone Valley Corp"),
        id="title-inside-person-span",
    ),
    pytest.param(
        "Huijbrechts Corp Chief Executive Officer Dana Ruiz said the deal was good.",
        ("Dana Ruiz", "CEO", "Huijbrechts Corp"),
        id="capitalised-title-between-org-and-person",
    ),
    pytest.param(
        "Nadia Park co-founded Quill Robotics with Ben Ode in 2019.",
        ("Ben Ode", "co-founder", "Quill Robotics"),
        id="co-founded-with",
    ),
    pytest.param(
        "Osgood Corp chairman Paul\nReynolds said the board would study\nthe offer from a group of investors.\n    Reynolds Metals shares fell.",
        ("Paul Reynolds", "chairman", "Osgood Corp"),
        id="name-wrapped-across-lines",
    ),
    pytest.param(
        "Halden Corp said Chairman Ruth Okafor will assume the additional title of president.",
        ("Ruth Okafor", "president", "Halden Corp"),
        id="assume-title-of",
    ),
    pytest.param(
        "Brio Foods Inc said Vice President Sam Teller was named chief operating officer.",
        ("Sam Teller", "COO", "Brio Foods Inc"),
        id="named-title",
    ),
    pytest.param(
        "Maren Lutz was elected chairman of Kestrel Mining Co last week.",
        ("Maren Lutz", "chairman", "Kestrel Mining Co"),
        id="elected-title-of-org",
    ),
    pytest.param(
        "Orrin Tool Co said President Abe Lind will retire. Former Treasurer Ida Moss is stepping down as a director, as is Controller Lou Vega, Tim Reyes and Ann K. Holt.",
        ("Tim Reyes", "director", "Orrin Tool Co"),
        id="as-is-list-shares-the-post",
    ),
    pytest.param(
        "Orrin Tool Co said President Abe Lind will retire. Former Treasurer Ida Moss is stepping down as a director.",
        ("Ida Moss", "former treasurer", "Orrin Tool Co"),
        id="former-title-org-of-the-officer-before",
    ),
    pytest.param(
        'Norvale Rail Corp will ask the regulator to reopen the case. "We will file tonight," asking the Transport Board to act, spokesman Ned Price said.',
        ("Ned Price", "spokesman", "Norvale Rail Corp"),
        id="spokesman-speaks-for-the-subject-company",
    ),
    pytest.param(
        "Quill Robotics CEO Nadia Park co-founded the company in 2019 with Ben Ode.",
        ("Nadia Park", "co-founder", "Quill Robotics"),
        id="co-founded-the-company",
    ),
    pytest.param(
        "Quill Robotics co-founder Ben Ode said the round was oversubscribed.",
        ("Ben Ode", "co-founder", "Quill Robotics"),
        id="org-cofounder-person",
    ),
    pytest.param(
        "Lumen Analytics co-founder and chief executive Jane Porter said the plan was on track.",
        ("Jane Porter", "co-founder", "Lumen Analytics"),
        id="two-titles-first",
    ),
    pytest.param(
        "Lumen Analytics co-founder and chief executive Jane Porter said the plan was on track.",
        ("Jane Porter", "CEO", "Lumen Analytics"),
        id="two-titles-second",
    ),
    pytest.param(
        "Lumen Analytics, founded in 2019 by Jane Porter and Tom Becker, makes sensors.",
        ("Tom Becker", "founder", "Lumen Analytics"),
        id="founded-by-two-after-the-name",
    ),
    pytest.param(
        "Lumen Analytics raised $5 million. The startup, founded in 2019 by Jane Porter, makes sensors.",
        ("Jane Porter", "founder", "Lumen Analytics"),
        id="the-startup-founded-by",
    ),
    pytest.param(
        "Lumen Analytics reported strong sales. The company's chief operating officer, Tom Becker, will lead the launch.",
        ("Tom Becker", "COO", "Lumen Analytics"),
        id="the-companys-title-appositive",
    ),
    pytest.param(
        "Lumen Analytics raised $5 million. Lumen's co-founders, Jane Porter and Tom Becker, will stay on.",
        ("Tom Becker", "co-founder", "Lumen Analytics"),
        id="plural-title-appositive",
    ),
    pytest.param(
        'Lumen Analytics reported strong sales. "We will grow," Jane Porter, who is the company\'s chief executive, said.',
        ("Jane Porter", "CEO", "Lumen Analytics"),
        id="who-is-the-title",
    ),
    pytest.param(
        "Ridgeway Securities finance chief Tom Becker said costs fell.",
        ("Tom Becker", "CFO", "Ridgeway Securities"),
        id="finance-chief",
    ),
    pytest.param(
        "Lumen Analytics CEO Elena Vasquez-Moreau said the plan was on track.",
        ("Elena Vasquez-Moreau", "CEO", "Lumen Analytics"),
        id="hyphenated-surname",
    ),
    pytest.param(
        "Lumen Analytics raised $5 million. Tom Becker, who serves as co-founder and CTO, said the money will fund hiring.",
        ("Tom Becker", "CTO", "Lumen Analytics"),
        id="who-serves-as",
    ),
    pytest.param(
        "Lumen Analytics raised $5 million, said Jane Porter, the company's chief executive.",
        ("Jane Porter", "CEO", "Lumen Analytics"),
        id="the-companys-title-after-name",
    ),
    pytest.param(
        "Lumen Analytics was launched in 2022 by Jane Porter.",
        ("Jane Porter", "founder", "Lumen Analytics"),
        id="launched-by",
    ),
    pytest.param(
        "Lumen Analytics raised $5 million. Its chairman is Tom Becker.",
        ("Tom Becker", "chairman", "Lumen Analytics"),
        id="its-title-is-person",
    ),
    pytest.param(
        '"The deal makes sense," said Ann Cole, a transport analyst at Ridgeway Securities.',
        ("Ann Cole", "analyst", "Ridgeway Securities"),
        id="described-analyst-at",
    ),
    pytest.param(
        "Lumen Analytics raised $5 million. Co-founder Jane Porter said the money will fund hiring.",
        ("Jane Porter", "co-founder", "Lumen Analytics"),
        id="bare-co-founder",
    ),
    pytest.param(
        "Ridgeway Securities led the round. Tom Becker, the founder of ride-hailing app Quill Rides, also invested.",
        ("Tom Becker", "founder", "Quill Rides"),
        id="founder-of-described-org",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_role_cases(nlp, text, expected):
    person, title, org = expected
    rows = role_rows(nlp(text), "t")
    assert any(
        names_match(r["person"], person) and titles_match(r["title"], title) and names_match(r["org"], org)
        for r in rows
    ), rows


def test_no_role_without_a_title(nlp):
    assert role_rows(nlp("Jane Porter met Tom Becker at Lumen Analytics on Monday."), "t") == []


def test_post_verbs_need_a_post_noun(nlp):
    rows = role_rows(nlp("Tessa Grant will assume the debts of Harlow Mills Inc."), "t")
    assert rows == []


def test_as_is_clause_does_not_give_organisations_a_post(nlp):
    rows = role_rows(
        nlp("Orrin Tool Co said Director Abe Lind is resigning as treasurer, as is Harlow Mills Inc."), "t"
    )
    assert {r["person"] for r in rows} == {"Abe Lind"}, rows


def test_titles_before_a_name_belong_to_that_name(nlp):
    rows = role_rows(nlp("Lumen Analytics hired Tom Becker, co-founder and chief executive Jane Porter said."), "t")
    assert not [r for r in rows if r["person"] == "Tom Becker"], rows
    assert any(r["person"] == "Jane Porter" and r["title"] == "CEO" for r in rows), rows


def test_a_person_named_firm_holds_no_post(nlp):
    rows = role_rows(
        nlp("Ridgeway Partners, whose managing partner is Alan B. Crane and Co, said it bought shares."), "t"
    )
    assert not [r for r in rows if r["person"] == "Alan B. Crane"], rows


# --- a name the model did not tag, with a title apposition after it ----------------------------


def _tagged(words: list[str], pos: list[str], ents: list[str]):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, pos=pos, ents=ents)


@pytest.fixture(scope="module")
def frame_data():
    from pipeline.roles.lexicon import load_lexicon

    return load_lexicon().frames


def test_an_untagged_surname_before_a_title_apposition_is_a_person(frame_data):
    from pipeline.roles.people import untagged_people

    words = "Okonkwo , the treasurer of Velsor Corp , stepped down in May .".split()
    pos = ["PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "VERB", "ADP", "ADP", "PROPN", "PUNCT"]
    ents = ["O"] * 5 + ["B-ORG", "I-ORG"] + ["O"] * 6
    doc = _tagged(words, pos, ents)
    assert [p.text for p in untagged_people(doc, frame_data)] == ["Okonkwo"]


def test_a_company_before_a_description_is_no_person(frame_data):
    from pipeline.roles.people import untagged_people

    # no title in the apposition; and titles before the comma are no name
    words = "Senior Vice President , a director of Parvex Corp , signed . Acme , the parent of Parvex Corp .".split()
    pos = ["ADJ", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "VERB", "PUNCT"]
    pos += ["PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"]
    ents = ["O"] * 7 + ["B-ORG", "I-ORG"] + ["O"] * 8 + ["B-ORG", "I-ORG", "O"]
    doc = _tagged(words, pos, ents)
    assert untagged_people(doc, frame_data) == []


def test_an_untagged_surname_with_its_title_through_the_pipeline(nlp):
    rows = role_rows(nlp("Okonkwo, the chief operating officer of Velsor Corp, will retire in June."), "t")
    assert [(r["person"], r["title"], r["org"]) for r in rows] == [
        ("Okonkwo", "chief operating officer", "Velsor Corp")
    ], rows


def test_a_title_with_its_department_before_a_name(nlp):
    rows = role_rows(
        nlp("Harlan Tool Systems Inc Vice President of Finance Joel Grady said he expects a better quarter."), "t"
    )
    assert [(r["person"], r["title"], r["org"]) for r in rows] == [
        ("Joel Grady", "vice president of finance", "Harlan Tool Systems Inc")
    ], rows


def test_a_chief_officer_title_keeps_its_sentence_through_triage(nlp):
    from pipeline.batch import extract

    text = "Dr. Pallant was previously the Chief Medical Officer at Norwell Biosciences."
    roles = extract([{"id": "t", "text": text}], nlp=nlp).roles
    assert [(r.person, r.title, r.org) for r in roles.itertuples()] == [
        ("Pallant", "former chief medical officer", "Norwell Biosciences")
    ]


def _lexicon():
    from pipeline.roles.lexicon import load_lexicon

    return load_lexicon()


def test_a_name_tagged_as_an_organisation_with_an_officers_title_and_age(frame_data):
    from pipeline.roles.people import untagged_people

    lex = _lexicon()
    words = "Fenna Rourk , 54 , chief executive of Corran Water , said bills would rise .".split()
    ents = ["B-ORG", "I-ORG"] + ["O"] * 6 + ["B-ORG", "I-ORG"] + ["O"] * 6
    doc = _tagged(words, ["PROPN"] * len(words), ents)
    found = untagged_people(doc, frame_data, lex.internal_title_words, lex.appointing_verbs)
    assert [p.text for p in found] == ["Fenna Rourk"]


def test_a_firm_before_an_advisers_title_stays_a_firm(frame_data):
    from pipeline.roles.people import untagged_people

    lex = _lexicon()
    words = "Hale Ritter , adviser to Corran Water , declined to comment .".split()
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O"]
    doc = _tagged(words, ["PROPN"] * len(words), ents)
    assert untagged_people(doc, frame_data, lex.internal_title_words, lex.appointing_verbs) == []


def test_a_name_tagged_as_an_organisation_appointed_as(frame_data):
    from pipeline.roles.people import untagged_people

    lex = _lexicon()
    words = "Torvik named Lena Achebe as acting treasurer .".split()
    ents = ["B-ORG", "O", "B-ORG", "I-ORG", "O", "O", "O", "O"]
    doc = _tagged(words, ["PROPN"] * len(words), ents)
    found = untagged_people(doc, frame_data, lex.internal_title_words, lex.appointing_verbs)
    assert [p.text for p in found] == ["Lena Achebe"]


def test_an_untagged_name_joined_to_a_person_is_a_person(frame_data):
    from pipeline.roles.people import untagged_people

    words = "Lumora , founded by Tobin Reinhart and Aiko Satoh , makes sensors .".split()
    ents = ["B-ORG", "O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"]
    doc = _tagged(words, ["PROPN"] * len(words), ents)
    assert [p.text for p in untagged_people(doc, frame_data)] == ["Tobin Reinhart"]


def test_a_company_word_joined_to_a_person_is_no_person(frame_data):
    from pipeline.roles.people import untagged_people

    words = "Aiko Satoh and Partners Inc said so .".split()
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = _tagged(words, ["PROPN"] * len(words), ents)
    assert untagged_people(doc, frame_data) == []


def test_a_person_name_cut_short_by_the_model_is_completed(frame_data):
    from pipeline.roles.people import clean_person

    words = "Bundesbank President Karl Otto Pohlen did not comment .".split()
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "AUX", "PART", "VERB", "PUNCT"]
    ents = ["B-ORG", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"]
    doc = _tagged(words, pos, ents)
    person = [e for e in doc.ents if e.label_ == "PERSON"][0]
    assert clean_person(person, frame_data).text == "Karl Otto Pohlen"


def test_a_name_before_another_capitalised_word_is_not_extended(frame_data):
    from pipeline.roles.people import clean_person

    words = "Karl Otto Pohlen Brothers said so .".split()
    pos = ["PROPN"] * 4 + ["VERB", "ADV", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"]
    doc = _tagged(words, pos, ents)
    person = [e for e in doc.ents if e.label_ == "PERSON"][0]
    assert clean_person(person, frame_data).text == "Karl Otto"


def test_a_title_for_a_department(nlp):
    rows = role_rows(
        nlp("Aldo Rolland, Vice President for International Services at Chasewell Econometrics, said so."), "t"
    )
    assert [(r["title"], r["org"]) for r in rows] == [
        ("vice president for international services", "Chasewell Econometrics")
    ], rows


def test_an_untagged_two_word_name_before_a_title_and_its_company(frame_data):
    from pipeline.roles.people import untagged_people

    words = "noted Ines Marlo , managing director of Quell Corp , which bought it .".split()
    pos = [
        "VERB",
        "PROPN",
        "PROPN",
        "PUNCT",
        "ADJ",
        "NOUN",
        "ADP",
        "PROPN",
        "PROPN",
        "PUNCT",
        "PRON",
        "VERB",
        "PRON",
        "PUNCT",
    ]
    ents = ["O"] * 7 + ["B-ORG", "I-ORG"] + ["O"] * 5
    doc = _tagged(words, pos, ents)
    assert [p.text for p in untagged_people(doc, frame_data)] == ["Ines Marlo"]


def test_a_firm_hired_as_adviser_is_no_person(frame_data):
    from pipeline.roles.people import untagged_people

    lex = _lexicon()
    words = "Harlan Tool hired Grafton Sachs as adviser .".split()
    ents = ["B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "O", "O", "O"]
    doc = _tagged(words, ["PROPN"] * len(words), ents)
    assert untagged_people(doc, frame_data, lex.internal_title_words, lex.appointing_verbs) == []


def test_a_name_tagged_as_an_organisation_after_a_title(frame_data):
    from pipeline.roles.people import untagged_people

    words = "said Shearwater Brothers analyst Anne Millard .".split()
    ents = ["O", "B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "O"]
    doc = _tagged(words, ["VERB"] + ["PROPN"] * 5 + ["PUNCT"], ents)
    assert [p.text for p in untagged_people(doc, frame_data)] == ["Anne Millard"]


def test_a_firm_after_a_title_and_a_possessive_stays_a_firm(frame_data):
    from pipeline.roles.people import untagged_people

    words = "the analyst Shearwater Brothers 's report".split()
    ents = ["O", "O", "B-ORG", "I-ORG", "O", "O"]
    doc = _tagged(words, ["DET", "NOUN", "PROPN", "PROPN", "PART", "NOUN"], ents)
    assert untagged_people(doc, frame_data) == []


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "Harlan Tool Co overhauled its leadership. Treasurer Jeff Lanier got the new, long empty, "
            "post of president.",
            "president",
        ),
        ("Harlan Tool Co said Jeff Lanier will take the title of chairman.", "chairman"),
    ],
)
def test_a_post_got_or_taken(nlp, text, title):
    rows = role_rows(nlp(text), "t")
    assert ("Jeff Lanier", title, "Harlan Tool Co") in {(r["person"], r["title"], r["org"]) for r in rows}, rows


def test_taking_a_stake_is_no_post(nlp):
    assert role_rows(nlp("Harlan Tool Co said Jeff Lanier took a stake in Brill Corp."), "t") == []


@pytest.mark.parametrize(
    "text",
    [
        "Ann Leland and Tom Reeve, co-founders of Veltro Labs, raised $5 million.",
        "Ann Leland and Tom Reeve are the company's co-founders, Veltro Labs said.",
    ],
)
def test_coordinated_names_share_a_plural_title(nlp, text):
    rows = {(r["person"], r["title"], r["org"]) for r in role_rows(nlp(text), "t")}
    assert {("Ann Leland", "co-founder", "Veltro Labs"), ("Tom Reeve", "co-founder", "Veltro Labs")} <= rows, rows


def test_a_singular_title_after_coordinated_names_is_the_last_ones(nlp):
    rows = role_rows(nlp("Ann Leland and Tom Reeve, chief executive of Veltro Labs, met investors."), "t")
    assert [r["person"] for r in rows] == ["Tom Reeve"], rows


def test_the_object_of_a_preposition_is_no_subject_of_the_verb_after_it(nlp):
    rows = role_rows(nlp("Ann Leland, who co-founded Veltro Labs with Tom Reeve, is its chief executive."), "t")
    assert ("Tom Reeve", "chief executive") not in {(r["person"], r["title"]) for r in rows}, rows


@pytest.mark.parametrize(
    "text",
    [
        "Veltro Labs co-founders Ann Leland and Tom Reeve met investors.",
        "The founders of Veltro Labs, Ann Leland and Tom Reeve, raised money.",
    ],
)
def test_a_plural_title_before_coordinated_names(nlp, text):
    rows = {(r["person"], r["title"], r["org"]) for r in role_rows(nlp(text), "t")}
    assert {("Ann Leland", "co-founder" if "co-" in text else "founder", "Veltro Labs")} <= rows, rows
    assert any(p == "Tom Reeve" and org == "Veltro Labs" for p, _, org in rows), rows


def test_a_singular_title_before_the_first_name_only(nlp):
    rows = role_rows(nlp("Veltro Labs chief executive Ann Leland and Tom Reeve met investors."), "t")
    assert [r["person"] for r in rows] == ["Ann Leland"], rows


def test_plural_founders_keep_their_sentence_through_triage(nlp):
    from pipeline.batch import extract

    text = "The founders of Veltro Labs, Ann Leland and Tom Reeve, raised money."
    roles = extract([{"id": "t", "text": text}], nlp=nlp).roles
    assert sorted(roles.person) == ["Ann Leland", "Tom Reeve"]
