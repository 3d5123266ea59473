"""pipeline.load(): the assembled nlp object, its save/load round trip, entry points and
multiprocessing (pipeline/loader.py and the components' factories).

Extraction rules change often, so these tests compare the pipeline with itself (saved vs
live, n_process=2 vs 1) and check structure, never an exact list of deals.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import pipeline
from pipeline.errors import ModelNotFound, PatternError
from pipeline.export import mention_rows, role_rows

OUR_COMPONENTS = (
    "spacy_deals_paragraphs",
    "spacy_deals_entities",
    "spacy_deals_money",
    "spacy_deals_org_aliases",
    "spacy_deals_deal_relations",
    "spacy_deals_roles",
)
OUR_FACTORIES = (
    "spacy_deals_fast_attribute_ruler",
    "spacy_deals_fast_lemmatizer",
    "spacy_deals_paragraphs",
    "spacy_deals_money",
    "spacy_deals_org_aliases",
    "spacy_deals_deal_relations",
    "spacy_deals_roles",
)
# "slow" marks tests that take several seconds (deselect with -m "not slow"); it is not
# registered in pyproject.toml, so its unknown-mark warning is silenced here.
slow = pytest.mark.slow

# Components of en_core_web_sm 3.8 that every English pipeline we support has (its
# attribute ruler and lemmatizer replaced by the fast ones, pipeline/speedups/).
BASE_COMPONENTS = ("tok2vec", "tagger", "parser", "ner")
FAST_COMPONENTS = ("spacy_deals_fast_attribute_ruler", "spacy_deals_fast_lemmatizer")


def seed_texts(seeds_dir: Path) -> list[tuple[str, str]]:
    paths = sorted(seeds_dir.glob("*.txt"))
    assert len(paths) == 5, paths
    return [(path.stem, path.read_text(encoding="utf-8")) for path in paths]


def rows_of(nlp: Language, texts: list[tuple[str, str]], **pipe_options) -> tuple[list[dict], list[dict]]:
    """(mention rows, role rows) of the texts, as export makes them."""
    mentions: list[dict] = []
    roles: list[dict] = []
    docs = nlp.pipe([text for _, text in texts], **pipe_options)
    ids = [doc_id for doc_id, _ in texts]
    for doc_id, doc in zip(ids, docs, strict=True):
        mentions.extend(mention_rows(doc, doc_id))
        roles.extend(role_rows(doc, doc_id))
    return mentions, roles


@pytest.fixture(scope="module")
def seed_rows(nlp, seeds_dir) -> tuple[list[dict], list[dict]]:
    return rows_of(nlp, seed_texts(seeds_dir))


@pytest.fixture(scope="module")
def saved_dir(nlp, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("saved_pipeline")
    nlp.to_disk(path)
    return path


# --- load() --------------------------------------------------------------------------------


def test_load_returns_language_with_our_components(nlp):
    assert isinstance(nlp, Language)
    names = nlp.pipe_names
    for name in BASE_COMPONENTS + FAST_COMPONENTS + OUR_COMPONENTS:
        assert names.count(name) == 1, (name, names)
    assert names.index("parser") < names.index(FAST_COMPONENTS[0]) < names.index(FAST_COMPONENTS[1])
    assert names.index(FAST_COMPONENTS[1]) < names.index("ner")
    assert names.index("spacy_deals_paragraphs") < names.index("parser")
    assert names.index("spacy_deals_entities") == names.index("ner") + 1
    assert nlp.get_pipe_meta("spacy_deals_entities").factory == "spacy_deals_entities"
    # Our own components come after the NER + entity ruler, in this order.
    ours = [names.index(name) for name in OUR_COMPONENTS[1:]]
    assert ours == sorted(ours)
    assert ours[0] > names.index("ner")


def test_load_is_idempotent_on_a_loaded_pipeline(nlp):
    from pipeline.loader import add_components

    before = list(nlp.pipe_names)
    assert add_components(nlp) is nlp
    assert nlp.pipe_names == before


def test_doc_has_extension_attributes(nlp):
    doc = nlp("Meta Platforms plans to invest about $15 billion in Scale AI.")
    assert isinstance(doc._.deals, list)
    assert isinstance(doc._.roles, list)
    money_ents = [ent for ent in doc.ents if ent.label_ == "MONEY"]
    assert money_ents and money_ents[0]._.money is not None


def test_load_unknown_model_raises_model_not_found():
    with pytest.raises(ModelNotFound) as info:
        pipeline.load("no_such_model")
    message = str(info.value)
    assert "no_such_model" in message
    assert "installed" in message  # tells the user what to do
    assert isinstance(info.value, OSError)  # callers catching OSError (the CLI) still catch it


# --- save / load ----------------------------------------------------------------------------


def test_to_disk_spacy_load_round_trip_gives_same_rows(saved_dir, seeds_dir, seed_rows):
    loaded = spacy.load(saved_dir)  # no pipeline.load(): the entry points find our factories
    assert loaded.pipe_names == pipeline.load(saved_dir).pipe_names
    mentions, roles = rows_of(loaded, seed_texts(seeds_dir))
    assert mentions == seed_rows[0]
    assert roles == seed_rows[1]


def test_saved_pipeline_lists_the_fast_components(nlp, saved_dir):
    """spacy.load of a saved pipeline builds the fast attribute ruler and lemmatizer (from
    config.cfg, by their factories), with the patterns and lookups that were saved: the
    same components, and so the same speed, as pipeline.load()."""
    from spacy.util import load_config

    from pipeline.speedups.fastlemmas import FastLemmatizer
    from pipeline.speedups.fastrules import FastAttributeRuler

    config = load_config(saved_dir / "config.cfg")
    loaded = spacy.load(saved_dir)
    for name, cls in zip(FAST_COMPONENTS, (FastAttributeRuler, FastLemmatizer)):
        assert config["components"][name]["factory"] == name
        assert name in loaded.pipe_names and type(loaded.get_pipe(name)) is cls
    assert "attribute_ruler" not in loaded.pipe_names and "lemmatizer" not in loaded.pipe_names
    assert [type(pipe) for _, pipe in loaded.pipeline] == [type(pipe) for _, pipe in nlp.pipeline]
    ruler, saved_ruler = nlp.get_pipe(FAST_COMPONENTS[0]), loaded.get_pipe(FAST_COMPONENTS[0])
    assert saved_ruler.patterns == ruler.patterns
    lemmas, saved_lemmas = nlp.get_pipe(FAST_COMPONENTS[1]), loaded.get_pipe(FAST_COMPONENTS[1])
    assert saved_lemmas.lookups.to_bytes() == lemmas.lookups.to_bytes() and saved_lemmas.mode == "rule"


def test_saved_pipeline_loads_with_spacys_components_when_not_fast(saved_dir):
    slow_nlp = pipeline.load(saved_dir, fast=False)
    names = slow_nlp.pipe_names
    assert not set(FAST_COMPONENTS) & set(names)
    assert names.index("parser") < names.index("attribute_ruler") < names.index("lemmatizer") < names.index("ner")
    assert [t.lemma_ for t in slow_nlp("Widgets were sold.")] == ["widget", "be", "sell", "."]


def test_seeds_produce_rows(seed_rows):
    mentions, roles = seed_rows
    assert mentions, "no deal found in the five seed articles"
    assert roles, "no role found in the five seed articles"


@pytest.mark.parametrize(
    "component, files",
    [
        ("spacy_deals_entities", ("entities.jsonl", "name_entities.jsonl")),
        ("spacy_deals_deal_relations", ("triggers.yml", "deal_relations.json")),
        ("spacy_deals_roles", ("titles.txt", "role_cues.yml")),
        ("spacy_deals_org_aliases", ("org_suffixes.txt", "org_generic_words.txt")),
        ("spacy_deals_money", ("money.yml",)),
    ],
)
def test_saved_pipeline_holds_pattern_files_beside_each_component(saved_dir, component, files):
    for name in files:
        path = saved_dir / component / name
        assert path.is_file(), f"{path} missing; saved: {sorted(p.name for p in saved_dir.iterdir())}"
        assert path.stat().st_size > 0


def test_saved_pipeline_reads_its_own_pattern_copy(saved_dir, tmp_path):
    """The saved copy, not the package's file, is what spacy.load reads: a broken saved
    triggers.yml is reported naming that file."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(saved_dir, copy)
    broken = copy / "spacy_deals_deal_relations" / "triggers.yml"
    broken.write_text("classes: [unclosed\n", encoding="utf-8")
    with pytest.raises(PatternError, match="triggers.yml"):
        spacy.load(copy)


# --- entry points ---------------------------------------------------------------------------


def test_factories_registered_as_entry_points():
    found = {ep.name: ep for ep in entry_points(group="spacy_factories")}
    for name in OUR_FACTORIES:
        assert name in found, f"{name} not in spacy_factories entry points {sorted(found)}"
        assert callable(found[name].load())


def test_factories_known_to_spacy():
    for name in OUR_FACTORIES:
        assert Language.has_factory(name), name


# --- multiprocessing ------------------------------------------------------------------------


@slow
def test_pipe_n_process_2_gives_same_rows(nlp, seeds_dir, seed_rows):
    nlp.default_error_handler = spacy.util.raise_error  # see failures rather than drop docs
    mentions, roles = rows_of(nlp, seed_texts(seeds_dir), n_process=2, batch_size=2)
    assert mentions == seed_rows[0]
    assert roles == seed_rows[1]
