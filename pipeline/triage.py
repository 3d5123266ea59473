"""Triage: send only the paragraphs that can state a deal or a role through the model.

Most news contains no deal, and the statistical model is what costs (about 7,000 tokens
a second against 430,000 for the tokenizer). A cheap first pass with the tokenizer and a
``PhraseMatcher`` over the cue words of ``patterns/triage.yml`` keeps a paragraph when it
holds

- a deal cue ("acquire", "merger", "stake", "tender offer", "Series B"), or a split cue:
  a verb and its particle or complement with the object between them ("take Acme
  private", "buy the minority out", "put the unit up for sale"), or
- a weak deal cue, a word with everyday senses too ("buy", "offer", "raised",
  "investment"), in an article that has a deal cue; elsewhere only with an anchor a few
  words from it (a percentage, as of a stake: the percent units of ``patterns/money.yml``;
  a corporate suffix: ``patterns/org_suffixes.txt``; a company word: "company", "unit")
  or a name (two capitalised words: "Rolling Mills") a few words after it, and never
  when it modifies the word after it ("holding company", "investment bank"). A cue that
  takes the company as its object ("buy", "sold", "sale of") also counts with a name
  just before it ("which Quarrendon Paints bought") or a one-word name heading its object: a
  capitalised word or an acronym, no stop word, month, place or people, with only
  lower-case words before it ("bought meal-kit seller Snackwise", "purchased DataWeft", "sold
  the unit to GKN"; not "sold 50,000 tonnes to China"). A verb of paying or offering
  counts with such a name after "for" ("pay $2 billion for Kelso Mutual"). An amount alone is no
  anchor: "raised 200 mln dlrs" outside a deal article is mostly a bond issue, "bought
  73 mln dlrs of crude" a trade; or
- a title (``patterns/titles.txt``) or a founding or board cue ("set up by", "served on")
  with a name a few words from it: "Chairman John Smith", not "analysts said". A name is
  two name words in a row, or two joined by "of" ("University of Leeds"): title-case
  words and words in capitals alone ("KLTX Partners"), no stop word ("An NRC
  spokesman") and nothing in a headline in capitals. A title inside a phrase of
  ``not_titles`` ("lead manager" of a bond issue) is none; or
- a verb of appointment or tenure ("named", "has served as", "most recently as") with a
  title a few words after it and a name further before it (past an age apposition:
  "Lee Marr, age 57, has served as the managing partner"). Without a title after it
  such a verb states no post ("the system, named Network Courier").

The lines of a hard-wrapped paragraph are joined before the cues are looked for, so
that names and cues of several words hold across a line end ("John\nSmith").

A document with a kept paragraph also keeps its title line and first paragraph (they
name the companies that pronouns and short names later stand for), except a headline in
capitals; a document with none gets no model run. When the headline is left out, a line
break opens the text, so that the lead's first wrapped line is not taken for a title
(``paragraphs.title_end``). Offsets of what is kept are mapped back to the original text,
so evidence offsets in the tables point into the document as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import numpy as np
from spacy.attrs import IDX, IS_STOP, IS_TITLE, IS_UPPER, LENGTH, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .components.paragraphs import is_hard_wrapped, title_end
from .errors import Errors, PatternError
from .money.tables import load_money_tables
from .orgs.fullnames import suffixed_names
from .patterns import load_lines, load_yaml
from .roles.lexicon import title_table

CUES_FILE = "triage.yml"
CUE_LISTS = (
    "deal_cues",
    "weak_deal_cues",
    "object_cues",
    "price_cues",
    "percent_cues",
    "name_cues",
    "modifier_heads",
    "company_words",
    "role_cues",
    "bridge_cues",
    "not_titles",
    "not_names",
)
HARD_WRAPPED_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]+)")
LINE_BREAK = re.compile(r"\n")
# a line break inside a paragraph of a hard-wrapped text (between two words)
WRAPPED_LINE_BREAK = re.compile(r"(?<=\S)\n(?=\S)")
# Paragraphs always kept at the top of a document with a kept paragraph: title and lead.
LEADING_PARAGRAPHS = 2


@dataclass(frozen=True)
class Selection:
    """The text sent to the model and where each of its pieces came from.

    ``pieces`` holds (start in ``text``, start in the original, length) for each kept
    paragraph, in order.
    """

    text: str
    pieces: tuple[tuple[int, int, int], ...]
    tokens: int = 0  # tokens of the original text
    # the names ending in a corporate suffix anywhere in the original text
    # (orgs.fullnames.suffixed_names), for doc.user_data[FULL_FORMS_KEY]: the fullest name of a
    # company may stand in a paragraph left out
    full_forms: tuple[str, ...] = ()

    def original_offset(self, offset: int) -> int:
        """Map an offset in ``text`` back to the original document."""
        return original_offset(self.pieces, offset)


def original_offset(pieces, offset: int) -> int:
    """Map an offset in a triaged text back to the original, given its pieces."""
    for start, original, length in reversed(pieces):
        if offset >= start:
            return original + min(offset - start, length)
    return offset


class Triage:
    """Choose the paragraphs of a text worth a model run (see the module docstring)."""

    def __init__(self, nlp: Language, patterns_dir: Optional[str] = None):
        self.tokenizer = nlp.tokenizer
        cues = load_yaml(CUES_FILE, patterns_dir)
        for key in CUE_LISTS:
            if not isinstance(cues.get(key), list) or not all(isinstance(word, str) for word in cues[key]):
                problem = f"'{key}' must be a list of words, got {cues.get(key)!r:.80}"
                raise PatternError(Errors.E101.format(path=CUES_FILE, entry=key, problem=problem))
        self.before, self.after = _counts(cues, "name_window", 2)
        (self.anchor_window,) = _counts(cues, "anchor_window", 1)
        self.weak_before, self.weak_after = _counts(cues, "weak_name_window", 2)
        self.bridge_before, self.bridge_after = _counts(cues, "bridge_window", 2)
        titles = list(title_table(load_lines("titles.txt", patterns_dir)))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("DEAL", list(self.tokenizer.pipe(cues["deal_cues"])))
        self.matcher.add("WEAK", list(self.tokenizer.pipe(cues["weak_deal_cues"])))
        self.matcher.add("TITLE", list(self.tokenizer.pipe(titles)))
        self.matcher.add("ROLE", list(self.tokenizer.pipe(cues["role_cues"])))
        self.matcher.add("BRIDGE", list(self.tokenizer.pipe(cues["bridge_cues"])))
        self.matcher.add("NOT_TITLE", list(self.tokenizer.pipe(cues["not_titles"])))
        self.matcher.add("PRICE", list(self.tokenizer.pipe(cues["price_cues"])))
        # split cues: the first words under SPLIT<i>, the second under SPLIT<i>+
        self.split_gaps: dict[int, tuple[int, int]] = {}
        for number, entry in enumerate(_split_cues(cues)):
            first, second = nlp.vocab.strings.add(f"SPLIT{number}"), nlp.vocab.strings.add(f"SPLIT{number}+")
            self.matcher.add(f"SPLIT{number}", list(self.tokenizer.pipe(entry["verbs"])))
            self.matcher.add(f"SPLIT{number}+", list(self.tokenizer.pipe(entry["then"])))
            self.split_gaps[first] = (second, entry["gap"])
        self.deal, self.weak = nlp.vocab.strings["DEAL"], nlp.vocab.strings["WEAK"]
        self.role, self.price = nlp.vocab.strings["ROLE"], nlp.vocab.strings["PRICE"]
        self.title, self.bridge = nlp.vocab.strings["TITLE"], nlp.vocab.strings["BRIDGE"]
        self.not_title = nlp.vocab.strings["NOT_TITLE"]
        self.of = nlp.vocab.strings.add("of")
        self.object_cues = frozenset(cue.lower() for cue in cues["object_cues"])
        self.not_names = frozenset(word.lower() for word in cues["not_names"])
        self.modifier_heads = frozenset(word.lower() for word in cues["modifier_heads"])
        self.name_suffixes = frozenset(line.lower() for line in load_lines("org_suffixes.txt", patterns_dir))
        self.percent_cues = frozenset(cue.lower() for cue in cues["percent_cues"])
        self.name_cues = frozenset(cue.lower() for cue in cues["name_cues"])
        anchors = _suffixes(patterns_dir) | {word.lower() for word in cues["company_words"]}
        self.anchors = _hashes(nlp, anchors)
        self.percents = _hashes(nlp, _percent_words(patterns_dir))

    def select(self, text: str) -> Selection:
        """The kept paragraphs joined by blank lines, with their original offsets."""
        doc, spans, reasons, tokens = self._choose(text)
        if not reasons:
            return Selection("", (), tokens)
        pieces = []
        parts = []
        position = 0
        for number in sorted(reasons):
            start, end = spans[number]
            if parts:
                parts.append("\n\n")
                position += 2
            elif number > 0 and title_end(text[start:end]):
                # the title was left out: a line break first, so that the lead's first
                # (wrapped) line is not read as a title
                parts.append("\n")
                position += 1
            pieces.append((position, start, end - start))
            parts.append(text[start:end])
            position += end - start
        return Selection("".join(parts), tuple(pieces), tokens, tuple(suffixed_names(doc, self.name_suffixes, text)))

    def explain(self, text: str) -> dict[int, str]:
        """Why each kept paragraph is kept: paragraph number (of the text's paragraphs, as
        split for triage) -> "deal", "split", "weak-in-deal-article", "weak-anchor",
        "weak-name", "weak-one-name", "price", "role", "role-bridge" or "leading", with the cue after a colon.
        For measuring what triage costs and finds; ``select`` keeps the same paragraphs."""
        return self._choose(text, explain=True)[2]

    def _choose(self, text: str, explain: bool = False) -> tuple[Doc, list[tuple[int, int]], dict[int, str], int]:
        """The tokenised text, its paragraph spans, the kept paragraphs (number ->
        reason, the reason only when ``explain``) and the number of tokens of ``text``."""
        tokenized, joined = text, 0
        if wrapped := is_hard_wrapped(text):
            # the lines of each paragraph joined (same length, same offsets), so that a
            # name or a cue of several words holds across a line end ("Chief operating
            # officer John\nSmith"); each line break joined was a token of its own
            tokenized, joined = WRAPPED_LINE_BREAK.subn(" ", text)
        doc = self.tokenizer(tokenized)
        matches = self.matcher(doc)
        if not matches:
            return doc, [], {}, len(doc) + joined
        spans = _paragraph_spans(text, HARD_WRAPPED_BREAK if wrapped else LINE_BREAK)
        columns = doc.to_array([IDX, IS_TITLE, LOWER, IS_UPPER, LENGTH, IS_STOP])
        # the paragraph of each token (a token in the gap after a paragraph counts to it)
        paragraph = np.searchsorted([start for start, _ in spans], columns[:, 0], side="right") - 1
        matches = self._titles_only(matches)
        marks = _Marks(
            _name_words(columns[:, 1], columns[:, 3], columns[:, 4], columns[:, 5]),
            _in_sorted(columns[:, 2], self.anchors),
            _in_sorted(columns[:, 2], self.percents),
            columns[:, 2] == self.of,
            [start for label, start, _ in matches if label == self.title],
        )
        deal_article = any(label == self.deal for label, _, _ in matches) or self._split_match(doc, matches)
        reasons: dict[int, str] = {}
        for index, (label, start, end) in enumerate(matches):
            number = paragraph[start]
            if number >= 0 and number not in reasons:
                why = self._keeps(doc, matches, index, marks, deal_article)
                if why:
                    reasons[int(number)] = f"{why}:{doc[start:end].text.lower()}" if explain else why
        if reasons:
            for number in range(len(spans))[_leading(text, spans)]:
                reasons.setdefault(number, "leading")
        return doc, spans, reasons, len(doc) + joined

    def _keeps(self, doc: Doc, matches: list, index: int, marks: _Marks, deal_article: bool) -> str:
        """Why the cue ``matches[index]`` keeps its paragraph, or "" (module docstring)."""
        label, start, end = matches[index]
        if label == self.deal:
            return "deal"
        if label == self.weak:
            if deal_article:
                return "weak-in-deal-article"
            if end < len(doc) and doc[end].text in self.modifier_heads:
                return ""  # "holding company", "investment bank" (lower-case: not "sold Credit Suisse")
            cue = doc[start:end].text
            if cue.lower() in self.name_cues and cue[:1].isupper() and not _opens_sentence(doc, start):
                return ""  # "Pacific Investment Co", "Acme Funding Corp"
            low, high = start - self.anchor_window, end + self.anchor_window
            if marks.anchors_in(low, high) or cue.lower() in self.percent_cues and marks.percents_in(low, high):
                return "weak-anchor"
            if marks.names_in(end, end + self.after):
                return "weak-name"
            if doc[start:end].text.lower() in self.object_cues and (
                marks.names_in(start - self.weak_before, start) or self._one_name_after(doc, end)
            ):
                return "weak-one-name"
            return ""
        if label == self.price:
            return "price" if self._one_name_after(doc, end, after="for") else ""
        if label == self.title or label == self.role:
            return "role" if marks.names_in(start - self.before, start) or marks.names_in(end, end + self.after) else ""
        if label == self.bridge:
            title = marks.title_after(end, end + self.bridge_after)
            if title >= 0 and (marks.names_in(start - self.bridge_before, start) or marks.names_in(end, title)):
                return "role-bridge"
            return ""
        if label in self.split_gaps and self._split_at(doc, matches, index):
            return "split"
        return ""

    def _titles_only(self, matches: list) -> list:
        """The matches without the titles that are part of a phrase of ``not_titles``
        ("lead manager" of a bond issue) and without those phrases."""
        if not any(label == self.not_title for label, _, _ in matches):
            return matches
        phrases = [(start, end) for label, start, end in matches if label == self.not_title]
        return [
            (label, start, end)
            for label, start, end in matches
            if label != self.not_title
            and not (label == self.title and any(low <= start and end <= high for low, high in phrases))
        ]

    def _one_name_after(self, doc: Doc, end: int, after: str = "") -> bool:
        """Whether a one-word name (``_is_name``) heads the object after ``doc[end]``: it
        comes within ``weak_after`` words, with only lower-case words, hyphens and
        ``not_names`` before it ("bought meal-kit seller Snackwise", "buy Dutch cheese
        maker Brindleford"), not after a number or another capitalised word ("sold 50,000 tonnes to
        China"). With
        ``after``, the object is looked for past that word ("pay $2 billion for Kelso")."""
        words = 0
        for token in doc[end : end + 3 * self.weak_after]:
            if token.is_space or token.text in "-'’":
                continue
            words += 1
            if words > self.weak_after:
                return False
            if after:
                if token.lower_ == after:
                    after, words = "", 0
                continue
            if token.is_lower and token.is_alpha or token.lower_.rstrip(".") in self.not_names:
                continue  # "start-up", "Danish broker", "U.S. unit"
            return self._is_name(doc, token.i)
        return False

    def _is_name(self, doc: Doc, i: int) -> bool:
        """A word that can be a company's name: capitalised, with a lower-case letter after
        the first ("Snackwise", "DataWeft") or an acronym of two to six capitals ("GKN", "AT&T")
        not beside other words in capitals (a headline); no stop word, month or day."""
        text = doc[i].text
        if not text[:1].isupper() or doc[i].is_stop or text.lower().rstrip(".") in self.not_names:
            return False
        letters = [c for c in text if c.isalpha()]
        if any(c.islower() for c in letters[1:]):
            return True
        if not 2 <= len(letters) <= 6:
            return False
        return not any(0 <= j < len(doc) and doc[j].is_upper and doc[j].is_alpha for j in (i - 1, i + 1))

    def _split_match(self, doc: Doc, matches: list) -> bool:
        return any(
            label in self.split_gaps and self._split_at(doc, matches, index)
            for index, (label, _, _) in enumerate(matches)
        )

    def _split_at(self, doc: Doc, matches: list, index: int) -> bool:
        """Whether the first word of a split cue at ``matches[index]`` has its second word
        (its own SPLIT<i>+ label) after it in the same clause, with at most the cue's gap
        of tokens between and no punctuation but hyphens ("take Acme Cinemas plc
        private", not "take the long view, as private owners do")."""
        label, _, end = matches[index]
        second, gap = self.split_gaps[label]
        for other, start, _ in matches[index + 1 :]:
            if other == second and end < start <= end + gap:
                return not any(token.is_punct and token.text not in "-'\u2019" for token in doc[end:start])
        return False


class _Marks:
    """Counts of anchor words, percent words and names in any range of a document's
    tokens, from cumulative sums. A name is two name words in a row (``_name_words``:
    "John Smith", "KLTX Partners") or two joined by "of" ("University of Leeds")."""

    def __init__(
        self, name_word: np.ndarray, anchor: np.ndarray, percent: np.ndarray, of: np.ndarray, titles: list[int]
    ):
        self.length = len(anchor)
        self.titles = np.array(titles, dtype=np.int64)  # the first tokens of titles, in order
        self.anchors = np.concatenate(([0], np.cumsum(anchor)))
        self.percents = np.concatenate(([0], np.cumsum(percent)))
        # a name starting at token j covers j and j + 1 (j + 2 with "of"): counted at
        # j + 1, so that a name lies in doc[low:high] when its count rises in it
        ends = np.zeros(self.length, dtype=np.int64)
        if self.length > 1:
            ends[1:] = name_word[:-1] & name_word[1:]
        if self.length > 2:
            ends[2:] |= name_word[:-2] & of[1:-1] & name_word[2:]
        self.names = np.concatenate(([0], np.cumsum(ends)))

    def _clip(self, low: int, high: int) -> tuple[int, int]:
        return max(low, 0), min(high, self.length)

    def anchors_in(self, low: int, high: int) -> bool:
        """Whether an anchor word stands in ``doc[low:high]``."""
        low, high = self._clip(low, high)
        return low < high and self.anchors[high] > self.anchors[low]

    def percents_in(self, low: int, high: int) -> bool:
        """Whether a percent word stands in ``doc[low:high]``."""
        low, high = self._clip(low, high)
        return low < high and self.percents[high] > self.percents[low]

    def title_after(self, low: int, high: int) -> int:
        """The first token of the first title starting in ``doc[low:high]``, or -1."""
        at = int(np.searchsorted(self.titles, low))
        return int(self.titles[at]) if at < len(self.titles) and self.titles[at] < high else -1

    def names_in(self, low: int, high: int) -> bool:
        """Whether a name ends inside ``doc[low + 1:high]`` (a name of two words lies
        wholly inside ``doc[low:high]``)."""
        low, high = self._clip(low, high)
        return low < high - 1 and self.names[high] > self.names[low + 1]


def _name_words(title_case: np.ndarray, upper: np.ndarray, length: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Which tokens may be words of a name: title-case words ("Smith", "Dr."), and words
    in capitals of two letters or more ("KLTX", "AT&T") but not beside other words in
    capitals (a headline); no stop word ("The", "An" opening a sentence)."""
    caps = upper.astype(bool) & (length >= 2)
    alone = caps.copy()
    alone[1:] &= ~caps[:-1]
    alone[:-1] &= ~caps[1:]
    return (title_case.astype(bool) | alone) & ~stop.astype(bool)


def _hashes(nlp: Language, words) -> np.ndarray:
    """The sorted string hashes of ``words`` (for :func:`_in_sorted`)."""
    return np.array(sorted(nlp.vocab.strings.add(word) for word in words), dtype=np.uint64)


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is the first word of a sentence or paragraph (by the text only)."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        if "\n\n" in doc[j].text:
            return True
        j -= 1
    return j < 0 or doc[j].text in (".", "!", "?", ":", '"', "\u201c") or doc[j].is_quote and j == 0


def _in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_values)`` for a sorted ``sorted_values``, by binary search
    (np.isin sorts both arrays on every call)."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    found = np.searchsorted(sorted_values, values)
    return sorted_values[np.minimum(found, len(sorted_values) - 1)] == values


def _leading(text: str, spans: list[tuple[int, int]]) -> slice:
    """The paragraphs kept at the top of a document: the title line and the lead, but
    not a title in capitals ("ACME TO BUY WIDGET"): the model reads little in capitals
    and the components take no deal from a headline (paragraphs.is_heading), so a
    newswire headline costs the model's time for nothing."""
    start, end = spans[0]
    first = text[start:end]
    if len(spans) > 1 and "\n" not in first and first.isupper():
        return slice(1, LEADING_PARAGRAPHS)
    return slice(0, LEADING_PARAGRAPHS)


def _counts(cues: dict, key: str, size: int) -> tuple[int, ...]:
    value = cues.get(key)
    value = [value] if isinstance(value, int) else value
    if not (isinstance(value, list) and len(value) == size and all(isinstance(n, int) and n >= 0 for n in value)):
        problem = f"'{key}' must be {size} whole number(s) of words, got {cues.get(key)!r}"
        raise PatternError(Errors.E101.format(path=CUES_FILE, entry=key, problem=problem))
    return tuple(value)


def _split_cues(cues: dict) -> list[dict]:
    """The split cues of the cue file, checked: each a mapping of ``verbs`` (words),
    ``then`` (words) and ``gap`` (most tokens between)."""
    entries = cues.get("split_cues", [])
    if not isinstance(entries, list):
        raise PatternError(Errors.E101.format(path=CUES_FILE, entry="split_cues", problem="must be a list"))
    for number, entry in enumerate(entries):
        if not (
            isinstance(entry, dict)
            and all(
                isinstance(entry.get(key), list) and entry[key] and all(isinstance(w, str) for w in entry[key])
                for key in ("verbs", "then")
            )
            and isinstance(entry.get("gap"), int)
            and entry["gap"] > 0
        ):
            problem = f"a split cue needs 'verbs' and 'then' (lists of words) and 'gap' (a count), got {entry!r:.80}"
            raise PatternError(Errors.E101.format(path=CUES_FILE, entry=f"split_cues {number}", problem=problem))
    return entries


def _percent_words(patterns_dir: Optional[str]) -> set[str]:
    """The words of a percentage ("pct", "%", "per cent"), from the percent units of
    money.yml."""
    units = load_money_tables(patterns_dir).percent_units
    return {phrase[0] for phrase in units if len(phrase) == 1} | {phrase[-1] for phrase in units if phrase[0] == "per"}


def _suffixes(patterns_dir: Optional[str]) -> set[str]:
    """Corporate suffixes, lower-cased, with and without a final full stop."""
    suffixes = {line.lower() for line in load_lines("org_suffixes.txt", patterns_dir)}
    return suffixes | {suffix + "." for suffix in suffixes}


def _paragraph_spans(text: str, breaks: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of ``text``."""
    spans = []
    start = 0
    for match in breaks.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
