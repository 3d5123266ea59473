"""Scorer for the gold format of ``spec/deal-schema.md``.

Deals are scored as (buyer, target) pairs, roles as (person, title, organisation)
triples, exactly as the section "How a prediction is matched to the gold" says. Field
accuracy is computed over matched pairs, from the deals they came from. The report keeps
every miss, spurious prediction and field mismatch so that a developer can see *why* a
score is what it is (``Report.errors()``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import numpy as np
import pandas as pd

from .errors import Errors, SpacyDealsError
from .names import names_match, norm_key, titles_match
from .schema import is_missing

# Tolerances of the spec: amounts within 1% (relative), stakes within 0.5 points.
AMOUNT_REL_TOL = 0.01
STAKE_ABS_TOL = 0.5
# Slack for float round-off, so that a value exactly on the tolerance edge counts as inside.
_ROUND_OFF = 1e-9

# Fields the spec scores, and further fields reported for information only.
CORE_FIELDS = ("type", "amount", "stake", "status")
BONUS_FIELDS = ("round", "price_per_share", "valuation", "seller")

GOLD_REQUIRED_KEYS = ("id", "deals", "roles")
MENTION_REQUIRED_COLUMNS = ("doc_id", "buyers", "target")
# Deal fields read from a mentions frame when present; an absent column reads as null.
MENTION_OPTIONAL_COLUMNS = (
    "mention_id",
    "type",
    "amount",
    "currency",
    "stake_pct",
    "status",
    "round",
    "price_per_share",
    "valuation",
    "seller",
)
ROLE_REQUIRED_COLUMNS = ("doc_id", "person", "title", "org")

# Columns of ``Report.errors()``: what the scorer found wrong against the gold file, one
# row a mismatch (not the errors table of a run, ``schema.ERROR_COLUMNS``).
MISMATCH_COLUMNS = (
    "doc_id",
    "kind",
    "buyer",
    "target",
    "person",
    "title",
    "org",
    "field",
    "gold",
    "predicted",
    "mention_id",
)
# Values of the ``kind`` column of ``Report.errors()``.
MISSED_PAIR = "missed_pair"
SPURIOUS_PAIR = "spurious_pair"
FIELD_MISMATCH = "field_mismatch"
MISSED_ROLE = "missed_role"
SPURIOUS_ROLE = "spurious_role"


class GoldFormatError(SpacyDealsError, ValueError):
    """A gold file or a prediction table does not have the shape the scorer needs."""


# --- report ------------------------------------------------------------------------


@dataclass
class PRF:
    """Matched (tp), spurious (fp) and missed (fn) items, with precision, recall and F1.

    A ratio whose denominator is zero is 0.0 (nothing predicted, or nothing in the gold).
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def n_gold(self) -> int:
        return self.tp + self.fn

    @property
    def n_pred(self) -> int:
        return self.tp + self.fp


@dataclass
class FieldAccuracy:
    """How many matched pairs have a field right, out of how many matched pairs."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> Optional[float]:
        """The share right; None when no pair was matched (nothing to judge)."""
        return self.correct / self.total if self.total else None


@dataclass
class Report:
    """Scores of one prediction set against one gold set, and the errors behind them.

    ``fields`` holds ``CORE_FIELDS`` (scored by the spec) then ``BONUS_FIELDS``
    (informative). ``n_ignored_mentions`` and ``n_ignored_roles`` count predicted rows
    whose document is not in the gold.
    """

    n_docs: int
    pairs: PRF
    roles: PRF
    fields: dict[str, FieldAccuracy]
    n_ignored_mentions: int = 0
    n_ignored_roles: int = 0
    error_rows: list[dict[str, Any]] = field(default_factory=list)

    def errors(self, doc_id: str | None = None) -> pd.DataFrame:
        """Missed and spurious pairs and roles, and field mismatches, one row each, in
        gold document order (columns ``MISMATCH_COLUMNS``); only ``doc_id``'s if given."""
        rows = self.error_rows if doc_id is None else [r for r in self.error_rows if r["doc_id"] == doc_id]
        return pd.DataFrame(rows, columns=list(MISMATCH_COLUMNS))

    def summary(self) -> dict[str, Any]:
        """The numbers as plain values (for JSON output)."""

        def prf(s: PRF) -> dict[str, Any]:
            return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall, "f1": s.f1}

        return {
            "n_docs": self.n_docs,
            "deal_pairs": prf(self.pairs),
            "roles": prf(self.roles),
            "fields": {
                name: {"accuracy": acc.accuracy, "correct": acc.correct, "n": acc.total}
                for name, acc in self.fields.items()
            },
            "n_ignored_mentions": self.n_ignored_mentions,
            "n_ignored_roles": self.n_ignored_roles,
        }


# --- loading -----------------------------------------------------------------------


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold file (JSON Lines, one document a line with ``id``, ``deals``,
    ``roles``, and usually ``text`` and ``date``). Blank lines are skipped.

    Raises GoldFormatError naming the file and line for bad JSON, a missing key or a
    repeated id, since a silently skipped gold document would inflate the scores.
    """
    path = Path(path)
    docs: list[dict] = []
    seen: set[str] = set()
    with path.open(encoding="utf8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}, line {line_no}"
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(Errors.E010.format(where=where, problem=exc.msg)) from exc
            if not isinstance(doc, dict):
                raise GoldFormatError(Errors.E011.format(where=where, kind=type(doc).__name__))
            missing = [key for key in GOLD_REQUIRED_KEYS if key not in doc]
            if missing:
                raise GoldFormatError(
                    Errors.E012.format(where=where, missing=missing, required=list(GOLD_REQUIRED_KEYS))
                )
            doc_id = str(doc["id"])
            if doc_id in seen:
                raise GoldFormatError(Errors.E013.format(where=where, doc_id=doc_id))
            seen.add(doc_id)
            docs.append(doc)
    return docs


# --- value helpers -----------------------------------------------------------------


def _clean(value: Any) -> Any:
    """``value`` with every kind of missing turned into None."""
    return None if is_missing(value) else value


def _name(value: Any) -> Optional[str]:
    """A name as a stripped string, or None when missing or blank."""
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _buyer_names(value: Any, doc_id: str) -> list[str]:
    """The buyers of a deal as a list of names: a list, a tuple or a NumPy array (what a
    Parquet round trip gives); missing means no buyer. Blank names are dropped."""
    if is_missing(value):
        return []
    if isinstance(value, str) or not isinstance(value, (list, tuple, np.ndarray)):
        raise GoldFormatError(Errors.E014.format(doc_id=doc_id, kind=type(value).__name__, value=value))
    return [name for name in (_name(v) for v in value) if name is not None]


def _text_equal(a: Any, b: Any) -> bool:
    """Case-insensitive equality of labels; both missing is equal."""
    a, b = _clean(a), _clean(b)
    if a is None or b is None:
        return a is None and b is None
    return str(a).strip().lower() == str(b).strip().lower()


def _numbers_close(pred: Any, gold: Any, *, rel: float = 0.0, abs_: float = 0.0) -> bool:
    """Whether two numbers agree within a relative or absolute tolerance; both missing
    agree, one missing does not."""
    pred, gold = _clean(pred), _clean(gold)
    if pred is None or gold is None:
        return pred is None and gold is None
    pred, gold = float(pred), float(gold)
    tolerance = rel * abs(gold) + abs_
    return abs(pred - gold) <= tolerance * (1 + _ROUND_OFF)


def _amount_ok(pred: dict, gold: dict) -> bool:
    """Amount within 1% and the same currency; both amounts missing is right."""
    if _clean(pred.get("amount")) is None and _clean(gold.get("amount")) is None:
        return True
    return _numbers_close(pred.get("amount"), gold.get("amount"), rel=AMOUNT_REL_TOL) and _text_equal(
        pred.get("currency"), gold.get("currency")
    )


# How each field of a matched pair is judged: (predicted deal, gold deal) -> right?
_FIELD_CHECKS: dict[str, Callable[[dict, dict], bool]] = {
    "type": lambda p, g: _text_equal(p.get("type"), g.get("type")),
    "amount": _amount_ok,
    "stake": lambda p, g: _numbers_close(p.get("stake_pct"), g.get("stake_pct"), abs_=STAKE_ABS_TOL),
    "status": lambda p, g: _text_equal(p.get("status"), g.get("status")),
    "round": lambda p, g: _text_equal(p.get("round"), g.get("round")),
    "price_per_share": lambda p, g: _numbers_close(
        p.get("price_per_share"), g.get("price_per_share"), rel=AMOUNT_REL_TOL
    ),
    "valuation": lambda p, g: _numbers_close(p.get("valuation"), g.get("valuation"), rel=AMOUNT_REL_TOL),
    "seller": lambda p, g: names_match(_name(p.get("seller")), _name(g.get("seller"))),
}
# The deal keys shown in an error row for each field.
_FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "type": ("type",),
    "amount": ("amount", "currency"),
    "stake": ("stake_pct",),
    "status": ("status",),
    "round": ("round",),
    "price_per_share": ("price_per_share",),
    "valuation": ("valuation",),
    "seller": ("seller",),
}


def _field_value(deal: dict, field_name: str) -> Any:
    values = [_clean(deal.get(key)) for key in _FIELD_KEYS[field_name]]
    return values[0] if len(values) == 1 else tuple(values)


# --- items to match ----------------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    """One (buyer, target) pair and the deal it came from."""

    buyer: Optional[str]
    target: Optional[str]
    deal: dict


@dataclass(frozen=True)
class _Triple:
    """One (person, title, organisation) role fact."""

    person: Optional[str]
    title: Optional[str]
    org: Optional[str]
    mention_id: Optional[str] = None


def _deal_pairs(deal: dict, doc_id: str) -> list[_Pair]:
    """The pairs of one deal: one per buyer, or a single (None, target) with no buyer."""
    target = _name(deal.get("target"))
    buyers = _buyer_names(deal.get("buyers"), doc_id)
    return [_Pair(buyer, target, deal) for buyer in buyers] or [_Pair(None, target, deal)]


def _pairs_match(pred: _Pair, gold: _Pair) -> bool:
    return names_match(pred.target, gold.target) and names_match(pred.buyer, gold.buyer)


def _triples_match(pred: _Triple, gold: _Triple) -> bool:
    return (
        names_match(pred.person, gold.person)
        and titles_match(pred.title, gold.title)
        and names_match(pred.org, gold.org)
    )


def _pair_preference(pred: _Pair, gold: _Pair) -> tuple[int, ...]:
    """Among gold pairs a predicted pair matches, prefer the one whose deal agrees on
    more scored fields, then the one with the same name keys."""
    fields_agree = sum(_FIELD_CHECKS[name](pred.deal, gold.deal) for name in CORE_FIELDS)
    same_keys = (norm_key(pred.buyer) == norm_key(gold.buyer)) + (norm_key(pred.target) == norm_key(gold.target))
    return fields_agree, same_keys


def _triple_preference(pred: _Triple, gold: _Triple) -> tuple[int, ...]:
    """Prefer the gold triple with the same name keys."""
    return ((norm_key(pred.person) == norm_key(gold.person)) + (norm_key(pred.org) == norm_key(gold.org)),)


def _match(
    preds: Sequence[Any],
    golds: Sequence[Any],
    compatible: Callable[[Any, Any], bool],
    preference: Callable[[Any, Any], tuple[int, ...]],
) -> dict[int, int]:
    """Match predicted items to gold items of one document, each gold item at most once.

    The matching has the largest possible number of pairs (augmenting paths, Kuhn's
    algorithm), so the counts do not depend on the order of the predictions. Each
    predicted item, in order, tries the gold items it is compatible with from most to
    least preferred (ties: gold order); an earlier item keeps its choice unless moving it
    to another compatible gold item lets a later one match too. Deterministic.
    Returns {predicted index: gold index}.
    """
    candidates = [
        sorted(
            (j for j, gold in enumerate(golds) if compatible(pred, gold)),
            key=lambda j, pred=pred: tuple(-x for x in preference(pred, golds[j])) + (j,),
        )
        for pred in preds
    ]
    owner: dict[int, int] = {}  # gold index -> predicted index

    def assign(i: int, visited: set[int]) -> bool:
        for j in candidates[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or assign(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(preds)):
        assign(i, set())
    return {i: j for j, i in owner.items()}


# --- scoring -----------------------------------------------------------------------


def _require_columns(frame: pd.DataFrame, required: Iterable[str], what: str) -> None:
    missing = [col for col in required if col not in frame.columns]
    if missing:
        raise GoldFormatError(Errors.E015.format(what=what, missing=missing, columns=list(frame.columns)))


def _rows_by_doc(frame: pd.DataFrame, columns: Sequence[str], gold_ids: set[str]) -> tuple[dict[str, list[dict]], int]:
    """Rows of ``frame`` as dicts grouped by document, keeping only gold documents and
    row order; absent optional columns read as None. Also returns how many rows were
    left out for belonging to other documents."""
    doc_ids = frame["doc_id"].astype(str)
    keep = doc_ids.isin(gold_ids).to_numpy()
    kept = frame[keep]
    values = {col: kept[col].tolist() if col in kept.columns else [None] * len(kept) for col in columns}
    by_doc: dict[str, list[dict]] = {}
    for k, doc_id in enumerate(doc_ids[keep].tolist()):
        by_doc.setdefault(doc_id, []).append({col: values[col][k] for col in columns})
    return by_doc, len(frame) - int(keep.sum())


def _error(doc_id: str, kind: str, **values: Any) -> dict[str, Any]:
    row = dict.fromkeys(MISMATCH_COLUMNS)
    row.update(doc_id=doc_id, kind=kind, **values)
    return row


def score(gold: list[dict], mentions: pd.DataFrame, roles: pd.DataFrame) -> Report:
    """Score predicted deal mentions and roles against gold documents.

    Only documents present in ``gold`` are scored; predicted rows of other documents are
    ignored (and counted in the report). A gold document with no predicted row counts
    all its pairs and roles as missed.

    Deals: each deal gives one (buyer, target) pair per buyer, or (None, target) with no
    buyer. A predicted pair matches an unmatched gold pair of the same document when the
    targets match and the buyers match (or both are None), by ``names.names_match``.
    The matching is a largest one (see ``_match``); among gold pairs a predicted pair
    could take it prefers the one whose deal agrees on more of type, amount, stake and
    status, then the one with identical name keys, then the first in gold order. As
    the spec counts pairs, a pair predicted twice (e.g. two mentions of one deal) is
    matched once and the second copy is a false positive, unless the gold also lists it
    twice.

    Fields, over matched pairs from the deals they came from: type and status equal;
    amount within 1% and same currency; stake within 0.5 points; both missing is right.
    Round, price per share (1%), valuation (1%) and seller (name match) are informative.

    Roles: (person, title, org) triples matched the same way, with ``names.titles_match``
    for titles; a missing org matches only a missing org.
    """
    _require_columns(mentions, MENTION_REQUIRED_COLUMNS, "mentions")
    _require_columns(roles, ROLE_REQUIRED_COLUMNS, "roles")
    gold_ids = {str(doc["id"]) for doc in gold}
    pred_deals, ignored_mentions = _rows_by_doc(mentions, MENTION_REQUIRED_COLUMNS + MENTION_OPTIONAL_COLUMNS, gold_ids)
    pred_roles, ignored_roles = _rows_by_doc(roles, ROLE_REQUIRED_COLUMNS + ("mention_id",), gold_ids)

    pairs, role_scores = PRF(), PRF()
    fields = {name: FieldAccuracy() for name in CORE_FIELDS + BONUS_FIELDS}
    errors: list[dict[str, Any]] = []
    for doc in gold:
        doc_id = str(doc["id"])
        _score_pairs(doc_id, doc["deals"], pred_deals.get(doc_id, []), pairs, fields, errors)
        _score_roles(doc_id, doc["roles"], pred_roles.get(doc_id, []), role_scores, errors)
    return Report(
        n_docs=len(gold),
        pairs=pairs,
        roles=role_scores,
        fields=fields,
        n_ignored_mentions=ignored_mentions,
        n_ignored_roles=ignored_roles,
        error_rows=errors,
    )


def _score_pairs(
    doc_id: str,
    gold_deals: list[dict],
    pred_deals: list[dict],
    counts: PRF,
    fields: dict[str, FieldAccuracy],
    errors: list[dict[str, Any]],
) -> None:
    """Add one document's pair counts, field judgements and errors."""
    golds = [pair for deal in gold_deals for pair in _deal_pairs(deal, doc_id)]
    preds = [pair for deal in pred_deals for pair in _deal_pairs(deal, doc_id)]
    matched = _match(preds, golds, _pairs_match, _pair_preference)
    for gold in _tally(counts, preds, golds, matched):
        errors.append(_error(doc_id, MISSED_PAIR, buyer=gold.buyer, target=gold.target))
    for i, pred in enumerate(preds):
        mention_id = _clean(pred.deal.get("mention_id"))
        if i not in matched:
            errors.append(_error(doc_id, SPURIOUS_PAIR, buyer=pred.buyer, target=pred.target, mention_id=mention_id))
            continue
        gold = golds[matched[i]]
        for name, accuracy in fields.items():
            accuracy.total += 1
            if _FIELD_CHECKS[name](pred.deal, gold.deal):
                accuracy.correct += 1
            else:
                errors.append(
                    _error(
                        doc_id,
                        FIELD_MISMATCH,
                        buyer=gold.buyer,
                        target=gold.target,
                        field=name,
                        gold=_field_value(gold.deal, name),
                        predicted=_field_value(pred.deal, name),
                        mention_id=mention_id,
                    )
                )


def _tally(counts: PRF, preds: list, golds: list, matched: dict[int, int]) -> list:
    """Add the matches (prediction index -> gold index) to ``counts``; returns the golds
    left unmatched, in order."""
    counts.tp += len(matched)
    counts.fp += len(preds) - len(matched)
    counts.fn += len(golds) - len(matched)
    matched_golds = set(matched.values())
    return [gold for j, gold in enumerate(golds) if j not in matched_golds]


def _score_roles(
    doc_id: str,
    gold_roles: list[dict],
    pred_roles: list[dict],
    counts: PRF,
    errors: list[dict[str, Any]],
) -> None:
    """Add one document's role counts and errors."""

    def triple(role: dict) -> _Triple:
        return _Triple(
            _name(role.get("person")), _name(role.get("title")), _name(role.get("org")), _clean(role.get("mention_id"))
        )

    golds = [triple(role) for role in gold_roles]
    preds = [triple(role) for role in pred_roles]
    matched = _match(preds, golds, _triples_match, _triple_preference)
    for gold in _tally(counts, preds, golds, matched):
        errors.append(_error(doc_id, MISSED_ROLE, person=gold.person, title=gold.title, org=gold.org))
    for i, pred in enumerate(preds):
        if i not in matched:
            errors.append(
                _error(
                    doc_id,
                    SPURIOUS_ROLE,
                    person=pred.person,
                    title=pred.title,
                    org=pred.org,
                    mention_id=pred.mention_id,
                )
            )


# --- printing ----------------------------------------------------------------------


_LABEL_WIDTH = 20  # first column of the printed tables: fits "price_per_share *"


def _fmt(value: Optional[float], digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def format_report(report: Report) -> str:
    """A fixed-width table of the report. The last three lines are the summary
    (deals P/R/F1, the four scored field accuracies, roles P/R/F1), so that
    ``tail -n 3`` shows what matters."""
    lines = [f"documents {report.n_docs}"]
    if report.n_ignored_mentions or report.n_ignored_roles:
        lines.append(
            f"ignored   {report.n_ignored_mentions} mentions, {report.n_ignored_roles} roles "
            f"of documents not in the gold"
        )
    lines.append("")
    lines.append(f"{'metric':<{_LABEL_WIDTH}}{'P':<7}{'R':<7}{'F1':<7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for label, s in (("deal pairs", report.pairs), ("roles", report.roles)):
        lines.append(
            f"{label:<{_LABEL_WIDTH}}{_fmt(s.precision):<7}{_fmt(s.recall):<7}{_fmt(s.f1):<7}"
            f"{s.tp:>5}{s.fp:>5}{s.fn:>5}"
        )
    lines.append("")
    lines.append(f"{'field':<{_LABEL_WIDTH}}{'accuracy':<10}{'n':>5}")
    for name, acc in report.fields.items():
        label = name if name in CORE_FIELDS else f"{name} *"
        lines.append(f"{label:<{_LABEL_WIDTH}}{_fmt(acc.accuracy):<10}{acc.total:>5}")
    lines.append("(* informative, not scored by the spec)")
    lines.append("")
    p, r = report.pairs, report.roles
    lines.append(f"deals  P={_fmt(p.precision)} R={_fmt(p.recall)} F1={_fmt(p.f1)}")
    lines.append("fields " + " ".join(f"{name}={_fmt(report.fields[name].accuracy, 2)}" for name in CORE_FIELDS))
    lines.append(f"roles  P={_fmt(r.precision)} R={_fmt(r.recall)} F1={_fmt(r.f1)}")
    return "\n".join(lines)
