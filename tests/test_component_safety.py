"""Our components on awkward input: work that grows with the input (not faster), offsets
that stay inside the evidence sentence with triage, dates, names and scores as the
tables should hold them. All texts are made up here."""

from __future__ import annotations

import gc
import random
import time

import pandas as pd

from pipeline.speedups.depmatcher import DependencyTree, SharedNodeDependencyMatcher

# --- one long "sentence" -------------------------------------------------------------

COMPANIES = [
    "Zephrine Holdings Ltd",
    "Corvath Industries Inc",
    "Plenmark Systems",
    "Tusselby Foods Co",
    "Ardwyn Mining Corp",
    "Fennimore Capital",
    "Quorvane Bank",
    "Dunmere Partners",
]
PEOPLE = ["Idris Pellworth", "Magda Strell", "Tobin Quarrie", "Nessa Hadlow", "Oren Ilsworth"]
CLAUSES = [
    "{a} agreed to acquire {b} for {m} million dlrs",
    "{a} said it would buy a {p} pct stake in {b}",
    "{a} sold its {u} unit to {b} for {m} mln dlrs on March {d}",
    "{a} invested {m} million dlrs in {b}",
    "the merger of {a} and {b} was approved by shareholders",
    "{a} made a {m} dlr per share offer for {b}",
    "chairman {x} of {a} said the takeover of {b} would close soon",
    "analysts said {a} could raise its bid for {b}",
    "{b} raised {m} mln dlrs in a Series B round led by {a}",
    "{x}, chief executive of {a}, said the company had no plans to sell {b}",
    "{a} president {x} said it owns {p} pct of {b}",
]


def run_on_text(chars: int, seed: int = 7) -> str:
    """About ``chars`` characters of deal clauses joined by commas and "and", with no
    sentence end anywhere: one sentence, one parse tree."""
    rng = random.Random(seed)
    parts: list[str] = []
    while sum(len(part) + 6 for part in parts) < chars:
        a, b = rng.sample(COMPANIES, 2)
        parts.append(
            rng.choice(CLAUSES).format(
                a=a,
                b=b,
                m=rng.randint(10, 900),
                p=rng.randint(5, 49),
                d=rng.randint(1, 28),
                x=rng.choice(PEOPLE),
                u=rng.choice(["textile", "chemicals", "shipping"]),
            )
        )
    text = parts[0]
    for number, part in enumerate(parts[1:]):
        text += (", and " if number % 2 else ", ") + part
    return text[:chars].rsplit(" ", 1)[0]


def _our_components(nlp) -> tuple[str, list[str]]:
    ours = [name for name in nlp.pipe_names if name.startswith("spacy_deals_")]
    return ours[0], ours[1:]  # the paragraph marks run before the parser, the rest after NER


def _seconds_per_word(nlp, text: str, repeats: int, give_up: float = float("inf")) -> tuple[float, dict[str, float]]:
    """The best time over ``repeats`` runs of our components on ``text`` (the model's
    annotation made once), per word, with each component's share; the garbage collector
    off while timing (it scans everything alive, which a longer text makes more of)."""
    paragraphs, after_ner = _our_components(nlp)
    with nlp.select_pipes(disable=after_ner):
        parsed = nlp(text)
    best: dict[str, float] = {}
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            times = {}
            start = time.perf_counter()
            nlp.get_pipe(paragraphs)(nlp.make_doc(text))
            times[paragraphs] = time.perf_counter() - start
            doc = parsed.copy()
            for name in after_ner:
                start = time.perf_counter()
                doc = nlp.get_pipe(name)(doc)
                times[name] = time.perf_counter() - start
            if not best or sum(times.values()) < sum(best.values()):
                best = times
            if sum(times.values()) > give_up:
                break
    finally:
        if enabled:
            gc.enable()
    words = len(parsed)
    return sum(best.values()) / words, {name: seconds / words for name, seconds in best.items()}


def test_our_components_take_time_in_proportion_to_a_sentence_without_end(nlp):
    """A 20,000-character piece without a full stop (one sentence, one tree) costs our
    components per word about what a 2,000-character one does: no step reads the
    sentence, its entities or a subtree for every trigger or token in it, and the
    dependency patterns are not tried on every combination of candidate tokens (which
    took 24 s and more per piece). Timed as the best of a few runs, with wide slack: 3 x
    per word (a linear run measures 1-1.5 x on a busy 2-core machine). 6,000 characters
    come first, so that a super-linear step fails in seconds, not in minutes."""
    small_rate, _ = _seconds_per_word(nlp, run_on_text(2_000), repeats=7)
    for chars in (6_000, 20_000):
        text = run_on_text(chars)
        assert "." not in text
        # a super-linear step shows at once: no need to repeat a run of many seconds
        rate, shares = _seconds_per_word(nlp, text, repeats=3, give_up=3.0)
        detail = ", ".join(f"{name.removeprefix('spacy_deals_')} {each * 1e6:.0f}" for name, each in shares.items())
        assert rate < 3 * small_rate, (
            f"{rate * 1e6:.0f} microseconds a word on {chars:,} characters against {small_rate * 1e6:.0f} on 2,000 ({detail})"
        )


def test_dependency_matches_in_one_long_sentence_are_spacys(nlp):
    """The pattern search that binds one node after the other finds exactly the matches
    of spaCy's DependencyMatcher, in the same order, in one tree of hundreds of words
    (where candidates of every node abound)."""
    from spacy.matcher import DependencyMatcher

    source = nlp.get_pipe("spacy_deals_deal_relations").matcher
    spacy_matcher, shared = DependencyMatcher(nlp.vocab), SharedNodeDependencyMatcher(nlp.vocab)
    for key, patterns in source._raw_patterns.items():
        spacy_matcher.add(nlp.vocab.strings[key], patterns)
        shared.add(nlp.vocab.strings[key], patterns)
    doc = nlp(run_on_text(1_500, seed=3))
    assert len(list(doc.sents)) == 1
    expected = spacy_matcher(doc)
    assert len(expected) > 20
    assert shared(doc) == expected


def test_dependency_tree_subtrees_are_spacys(nlp):
    """DependencyTree's slices are Token.subtree, in its order, non-projective trees too;
    "below" is membership of the subtree."""
    doc = nlp(
        run_on_text(1_200, seed=5) + ".\n\nThe deal, which Tusselby Foods Co said it "
        "had agreed last year to complete, closed on Monday, it said."
    )
    tree = DependencyTree(doc)
    for token in doc:
        subtree = [t.i for t in token.subtree]
        assert tree.subtree(token.i) == subtree
        inside = set(subtree)
        assert all(
            tree.below(token.i, other.i) == (other.i in inside) for other in doc[max(token.i - 30, 0) : token.i + 30]
        )


# --- evidence offsets with triage ------------------------------------------------------

# Newswire: hard-wrapped lines, paragraphs that start with an indent. Triage keeps the
# deal paragraphs and the lead, and leaves out the weather, the harvest and the football.
WIRE = (
    "ZEPHRINE TO BUY PLENMARK UNIT\n\n"
    "Zephrine Holdings Ltd said it agreed to acquire the shipping unit of\n"
    "Plenmark Systems for 40 mln dlrs in cash.\n"
    "    The weather in the region was mild for the season and farmers\n"
    "expected a good harvest of wheat and barley this year.\n"
    "    Local football clubs said attendance at their grounds rose in\n"
    "the spring, helped by the mild weather.\n"
    "    Corvath Industries Inc said it sold a 12 pct stake in Tusselby\n"
    "Foods Co to Ardwyn Mining Corp for 18 mln dlrs.\n"
    "    Rainfall in the north was below the average of recent years,\n"
    "the weather office said.\n"
    "    Fennimore Capital said it had acquired Quorvane Bank for 95 mln dlrs.\n"
    "    The harvest is expected to begin in late summer.\n"
)
# Unwrapped text (a web page): one paragraph a line, blank lines between.
PAGE = (
    "Dunmere Partners buys Norvane\n\n"
    "Dunmere Partners has agreed to acquire Norvane Ltd for $120 million.\n\n"
    "The city's museum reopened on Saturday after two years of repairs.\n\n"
    "Visitors queued along the river to see the restored halls.\n\n"
    "Separately, Tavistel Corp said it sold its packaging business to Ilsworth Group for $35 million.\n\n"
    "The museum is open every day except Monday.\n"
)


def _mentions(records, triage):
    import pipeline

    return pipeline.extract(records, triage=triage).mentions


def test_evidence_offsets_are_the_sentence_with_triage():
    """With triage, ``text[sentence_start:sentence_end]`` is the evidence sentence, word
    for word, without the whitespace around it, and never runs across a paragraph break
    into the next kept paragraph (the blank line that joins two kept paragraphs, with
    the indent of the next, used to end the sentence and map into that paragraph); the
    offsets are those of the run without triage."""
    from pipeline.export import clean_text

    records = [{"id": "wire", "text": WIRE}, {"id": "page", "text": PAGE}]
    texts = {record["id"]: record["text"] for record in records}
    triaged = _mentions(records, triage=True)
    assert set(triaged["doc_id"]) == {"wire", "page"} and len(triaged) >= 4
    for row in triaged.itertuples():
        piece = texts[row.doc_id][row.sentence_start : row.sentence_end]
        assert piece == piece.strip(), (row.mention_id, piece)
        assert clean_text(piece) == row.evidence, (row.mention_id, piece)
        assert "\n\n" not in piece and "\n    " not in piece, (row.mention_id, piece)
    untriaged = _mentions(records, triage=False)
    offsets = lambda df: sorted(zip(df["doc_id"], df["sentence_start"], df["sentence_end"], df["evidence"]))  # noqa: E731
    assert offsets(triaged) == offsets(untriaged)


# --- the date of a deal, not of an offer's end -----------------------------------------

EXPIRY_SENTENCES = [
    "Corvath Industries Inc said its tender offer for Tusselby Foods Co, which expires on March 3, was extended.",
    "Fennimore Capital extended its offer for Dunmere Partners to May 1.",
    "Fennimore Capital said its offer for Dunmere Partners, which had been due to expire on April 20, was extended to May 1.",
    "Tavistel Corp made a 40 dlr a share offer for Norvane Ltd, open through March 31.",
    "Corvath Industries Inc said it would extend its tender offer for Tusselby Foods Co until March 20.",
    "Zephrine Holdings Ltd said its 12 dlr a share offer for Quorvane Bank will run until April 10.",
]
DATED_SENTENCES = {
    "Ardwyn Mining Corp began a tender offer for all shares of Plenmark Systems on February 2; the offer expires on March 3.": "1987-02-02",
    "Ilsworth Group acquired Norvane Ltd in January 1986 for 50 mln dlrs.": "1986-01",
    "Tavistel Corp on Monday made a 40 dlr a share offer for Norvane Ltd with a deadline of June 5.": "1987-02-16",
}


def test_an_offers_expiry_or_extension_is_not_the_deal_date():
    """A date the offer expires on, runs until, is extended to or is open through, or a
    deadline, is no deal date; the day the offer was made or the deal done still is."""
    import pipeline

    sentences = EXPIRY_SENTENCES + list(DATED_SENTENCES)
    records = [{"id": f"s{n}", "text": text, "date": "1987-02-20"} for n, text in enumerate(sentences)]
    mentions = pipeline.extract(records, triage=False).mentions
    dates = {row.doc_id: (None if pd.isna(row.date) else row.date) for row in mentions.itertuples()}
    for n, text in enumerate(sentences):
        assert f"s{n}" in dates, text  # every sentence states a deal
        assert dates[f"s{n}"] == DATED_SENTENCES.get(text), text


# --- the fullest name, with and without triage -----------------------------------------

# The company's full name stands only in a paragraph triage leaves out.
FULL_NAME_ARTICLE = (
    "Regional shares rose on Tuesday as traders returned from the holiday.\n\n"
    "The index gained 1.2 pct by the close, dealers said.\n\n"
    "Zephrine Holdings Ltd said it agreed to acquire Plenmark Card for 40 mln dlrs in cash.\n\n"
    "The weather stayed mild across the region all week.\n\n"
    "Plenmark Card Corp. has 300 employees and runs 12 offices in the north.\n"
)


def _triaged_doc(nlp, text: str, with_full_forms: bool = True):
    """The Doc a triaged run sends through the pipeline, as pipeline/batch.py makes it
    (the kept paragraphs, their offsets, the original's token count), with the names of
    the whole text (Selection.full_forms) under FULL_FORMS_KEY."""
    from pipeline.components import docdata
    from pipeline.components.docdata import OFFSETS_KEY, WORDS_KEY
    from pipeline.triage import Triage

    selection = Triage(nlp).select(text)
    doc = nlp.make_doc(selection.text)
    doc.user_data[OFFSETS_KEY] = [list(piece) for piece in selection.pieces]
    doc.user_data[WORDS_KEY] = selection.tokens
    if with_full_forms and hasattr(docdata, "FULL_FORMS_KEY"):
        doc.user_data[docdata.FULL_FORMS_KEY] = list(selection.full_forms)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return selection, doc


def _party_names(doc) -> list[tuple]:
    from pipeline.export import party_name

    return [(tuple(party_name(b) for b in deal.buyers), party_name(deal.target)) for deal in doc._.deals]


def test_fullest_name_is_the_same_with_and_without_triage(nlp):
    """A name's fullest form ("Plenmark Card Corp." for "Plenmark Card") comes from the
    whole text, also when triage left its paragraph out: triage hands the names ending
    in a corporate suffix of the original text to the Doc (user_data), where the alias
    component looks for the suffixed forms of the names it has."""
    selection, triaged = _triaged_doc(nlp, FULL_NAME_ARTICLE)
    assert "Plenmark Card Corp." not in selection.text
    untriaged = nlp(FULL_NAME_ARTICLE)
    assert _party_names(untriaged) == [(("Zephrine Holdings Ltd",), "Plenmark Card Corp.")]
    assert _party_names(triaged) == _party_names(untriaged)
    assert "Plenmark Card Corp." in selection.full_forms


def test_fullest_name_in_the_tables_with_and_without_triage():
    """The same through ``pipeline.extract``: the tables' canonical names do not depend
    on triage: batch puts ``Selection.full_forms`` on the triaged Doc
    (``doc.user_data[FULL_FORMS_KEY]``, in ``_make_doc``)."""
    import pipeline
    from pipeline import texts
    from pipeline.components.docdata import FULL_FORMS_KEY
    from pipeline.triage import Triage

    probe = texts.make_doc(pipeline.load(), FULL_NAME_ARTICLE, None, Triage(pipeline.load()), None)
    assert probe.user_data[FULL_FORMS_KEY]
    records = [{"id": "a", "text": FULL_NAME_ARTICLE}]
    names = lambda df: sorted(zip(df["buyers_norm"].map(tuple), df["target_norm"], df["target"]))  # noqa: E731
    triaged, untriaged = (
        pipeline.extract(records, triage=True).mentions,
        pipeline.extract(records, triage=False).mentions,
    )
    assert names(triaged) == names(untriaged) == [(("zephrine",), "plenmark card", "Plenmark Card Corp.")]


# --- names and scores as the tables hold them ------------------------------------------


def test_a_names_final_full_stop_stays_only_on_an_abbreviation():
    """A name keeps a final full stop that belongs to an abbreviation ("Corp.", "Inc.",
    "Co.", "Ltd.", "Bros.", dotted initials: as the gold sets write names), and loses
    one that is the sentence's."""
    from pipeline.names import strip_sentence_stop

    assert strip_sentence_stop("Widget Holdings.") == "Widget Holdings"
    assert strip_sentence_stop("Ardwyn Mining.") == "Ardwyn Mining"
    for kept in (
        "Plenmark Systems Corp.",
        "Dunmere Partners Inc.",
        "Hadlow Systems Co.",
        "Norvane Ltd.",
        "Norvane Bros.",
        "Tavistel N.V.",
        "Quorvane Capital L.P.",
        "Idris J.",
        "Fennimore Capital",
    ):
        assert strip_sentence_stop(kept) == kept


def test_names_in_the_tables_lose_the_sentences_full_stop():
    """Through the tables: a bracketed name closed after the full stop ("<Ardwyn Mining.>")
    is "Ardwyn Mining"; "Plenmark Systems Corp." at a sentence end keeps its "Corp."."""
    import pipeline

    records = [
        {"id": "a", "text": "Quorvane Bank said it agreed to acquire <Ardwyn Mining.> for 5 mln dlrs."},
        {"id": "b", "text": "Corvath Industries Inc agreed to acquire Plenmark Systems Corp."},
    ]
    mentions = pipeline.extract(records, triage=False).mentions
    targets = dict(zip(mentions["doc_id"], mentions["target"]))
    assert targets == {"a": "Ardwyn Mining", "b": "Plenmark Systems Corp."}


def test_confidences_in_the_rows_have_three_decimals():
    """Mention and role rows hold confidences rounded to 3 decimals (no 0.30000000000000004)."""
    import pipeline

    text = (
        "Zephrine Holdings Ltd agreed to acquire Plenmark Card Corp. for 40 mln dlrs. "
        "Chairman Idris Pellworth of Zephrine Holdings Ltd said the deal would close in May."
    )
    tables = pipeline.extract([{"id": "a", "text": text}], triage=False)
    for name in ("mentions", "roles"):
        values = tables.__getattribute__(name)["confidence"].dropna().tolist()
        assert values, name
        assert all(value == round(value, 3) and len(repr(float(value))) <= 5 for value in values), (name, values)


def test_confidences_in_the_deals_table_have_three_decimals():
    import pipeline

    # two documents of a mention at 0.7 each: 1 - 0.3 * 0.3 = 0.9099999999999999 unrounded
    records = [
        {"id": f"d{n}", "text": "Zephrine Holdings Ltd said it was in talks to buy Plenmark Card Corp."}
        for n in range(2)
    ]
    values = pipeline.extract(records, triage=False).deals["confidence"].dropna().tolist()
    assert values and all(value == round(value, 3) for value in values), values
