"""One document as a self-contained HTML page: its entities (displaCy) and the deals found.

``render_doc`` turns a processed Doc into an HTML fragment (a notebook can display it);
``render_input`` reads one record of any input ``extract`` reads, runs the pipeline on it
and writes the fragment as a complete page. The page loads nothing from elsewhere: no
external CSS, scripts or fonts, so it can be mailed or opened offline.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Optional, Union

from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import Errors
from .export import mention_rows, role_rows
from .readers import Record, iter_records
from .schema import Deal

# Entity labels shown in the displaCy rendering: the ones deals and roles are built from.
ENT_LABELS = ("ORG", "PERSON", "MONEY", "PERCENT", "DATE", "GPE")
# Ids listed when the requested document is not in the input.
IDS_SHOWN = 5
# Badge colours per status (text, background): talk is amber, offers blue, signed
# deals indigo, closed deals green, dead deals red.
STATUS_COLOURS = {
    "rumored": ("#8a5a00", "#fdf0d5"),
    "proposed": ("#1d4f91", "#e1ecfb"),
    "agreed": ("#4b3aa8", "#ebe7fb"),
    "completed": ("#1e6b3a", "#dff3e6"),
    "terminated": ("#9b1c1c", "#fbe3e3"),
}
# Highlight classes of the evidence sentence; of overlapping spans the earlier kind wins.
HIGHLIGHTS = ("trigger", "buyer", "target", "seller", "amount")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_WHITESPACE = re.compile(r"\s+")

# Scoped under .sd-page so that the fragment does not restyle a notebook around it.
STYLE = """
.sd-page { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, "Noto Sans", sans-serif; color: #1f2933; background: #f7f8fa; line-height: 1.5;
  font-size: 15px; padding: 24px 28px; box-sizing: border-box; }
.sd-page * { box-sizing: border-box; }
.sd-page header { margin-bottom: 20px; }
.sd-page h1 { font-size: 22px; font-weight: 650; margin: 0 0 4px; word-break: break-all; }
.sd-page h2 { font-size: 13px; font-weight: 650; text-transform: uppercase; letter-spacing: .06em;
  color: #52606d; margin: 0 0 12px; }
.sd-page .sd-meta { color: #616e7c; font-size: 13px; margin: 0; }
.sd-page .sd-meta span + span::before { content: "·"; margin: 0 8px; color: #9aa5b1; }
.sd-page .sd-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(340px, 2fr);
  gap: 24px; align-items: start; }
@media (max-width: 900px) { .sd-page .sd-grid { grid-template-columns: minmax(0, 1fr); } }
.sd-page .sd-panel { background: #fff; border: 1px solid #e4e7eb; border-radius: 10px;
  padding: 18px 20px; }
.sd-page .sd-panel + .sd-panel { margin-top: 20px; }
.sd-page .sd-text .entities { font-size: 15px; line-height: 2.3 !important; }
.sd-page .sd-text mark.entity { padding: .2em .4em !important; white-space: nowrap; }
.sd-page .sd-deal { border: 1px solid #e4e7eb; border-radius: 8px; padding: 14px 16px;
  background: #fcfcfd; }
.sd-page .sd-deal + .sd-deal { margin-top: 14px; }
.sd-page .sd-parties { font-size: 16px; font-weight: 600; margin: 0 0 10px; }
.sd-page .sd-arrow { color: #9aa5b1; margin: 0 6px; font-weight: 400; }
.sd-page .sd-seller { font-weight: 400; color: #616e7c; font-size: 14px; }
.sd-page .sd-none { color: #9aa5b1; font-weight: 400; font-style: italic; }
.sd-page dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 14px;
  margin: 0 0 12px; font-size: 14px; }
.sd-page dt { color: #616e7c; }
.sd-page dd { margin: 0; }
.sd-page .sd-muted { color: #9aa5b1; }
.sd-page .sd-badge { display: inline-block; padding: 1px 9px; border-radius: 999px;
  font-size: 12px; font-weight: 600; letter-spacing: .02em; }
.sd-page .sd-conf { display: inline-block; width: 70px; height: 6px; border-radius: 3px;
  background: #e4e7eb; vertical-align: middle; margin-right: 8px; overflow: hidden; }
.sd-page .sd-conf > span { display: block; height: 100%; background: #7b8794; }
.sd-page blockquote { margin: 0; padding: 8px 12px; border-left: 3px solid #cbd2d9;
  background: #fff; font-size: 14px; color: #323f4b; line-height: 1.7; }
.sd-page .hl { border-radius: 3px; padding: 0 2px; }
.sd-page .hl-trigger { background: #ffe08a; font-weight: 600; }
.sd-page .hl-buyer { background: #d3e4fd; }
.sd-page .hl-target { background: #cdeed8; }
.sd-page .hl-seller { background: #eadcf8; }
.sd-page .hl-amount { box-shadow: inset 0 -2px 0 #e3a008; }
.sd-page .sd-legend { font-size: 12px; color: #616e7c; margin: -4px 0 12px; }
.sd-page .sd-legend .hl { margin-right: 6px; }
.sd-page table { border-collapse: collapse; width: 100%; font-size: 14px; }
.sd-page th { text-align: left; font-weight: 600; color: #52606d; border-bottom: 1px solid #e4e7eb;
  padding: 6px 8px; }
.sd-page td { border-bottom: 1px solid #f0f2f4; padding: 6px 8px; vertical-align: top; }
.sd-page .sd-empty { color: #9aa5b1; font-style: italic; margin: 0; }
"""


class DocumentNotFound(KeyError):
    """The requested id is not in the input (a KeyError whose message prints unquoted)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def render_input(
    path: Union[str, Path],
    output: Union[str, Path],
    *,
    doc_id: Optional[str] = None,
    model: Optional[str] = None,
    nlp: Optional[Language] = None,
) -> Path:
    """Read the record ``doc_id`` (default: the first) of ``path``, run the pipeline on it
    and write one self-contained HTML page to ``output``. Returns the output path.

    Raises FileNotFoundError when ``path`` does not exist, ValueError when it holds no
    readable document or the pipeline fails on it, KeyError when ``doc_id`` is not in it.
    """
    from .documents import process
    from .loader import load

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(Errors.E016.format(path=path))
    record = _find_record(path, doc_id)
    nlp = nlp if nlp is not None else load(model)
    errors: list[dict] = []
    processed = list(process(nlp, [record], errors))
    if not processed:
        reason = errors[0]["error"] if errors else "the pipeline returned no document"
        raise ValueError(Errors.E008.format(path=path, doc_id=record.id, reason=reason))
    _, doc = processed[0]
    output = Path(output)
    output.write_text(render_page(doc, record.id), encoding="utf8")
    return output


def _find_record(path: Path, doc_id: Optional[str]) -> Record:
    """The record ``doc_id`` of ``path`` (the first one when ``doc_id`` is None)."""
    errors: list[dict] = []
    seen: list[str] = []
    count = 0
    for record in iter_records([path], errors=errors):
        if doc_id is None or record.id == doc_id:
            return record
        count += 1
        if len(seen) < IDS_SHOWN:
            seen.append(record.id)
    if count == 0:
        reasons = "; ".join(f"{row['source']}: {row['error']}" for row in errors[:3])
        raise ValueError(Errors.E009.format(path=path, reasons=f" ({reasons})" if reasons else ""))
    more = f" and {count - len(seen)} more" if count > len(seen) else ""
    examples = ", ".join(repr(i) for i in seen) + more
    raise DocumentNotFound(Errors.E017.format(doc_id=doc_id, path=path, count=count, examples=examples))


def render_page(doc: Doc, doc_id: str) -> str:
    """A complete HTML page around :func:`render_doc`."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(doc_id)} · spacy-deals</title>\n</head>\n"
        '<body style="margin: 0; background: #f7f8fa;">\n'
        f"{render_doc(doc, doc_id)}\n</body>\n</html>\n"
    )


def render_doc(doc: Doc, doc_id: str) -> str:
    """An HTML fragment for one processed Doc: a header, the text with its entities, the
    deals (with highlighted evidence) and the roles. Its styles are scoped to the fragment,
    so it can be shown inside a notebook as it is."""
    deals = list(doc._.deals or [])
    rows = mention_rows(doc, doc_id)
    roles = role_rows(doc, doc_id)
    # jupyter=False: inside a notebook displaCy would otherwise display the markup itself
    # and return None.
    entities = displacy.render(doc, style="ent", page=False, jupyter=False, options={"ents": list(ENT_LABELS)})
    deal_cards = "\n".join(_deal_card(deal, row) for deal, row in zip(deals, rows))
    return f"""<div class="sd-page">
<style>{STYLE}</style>
{_header(doc, doc_id, len(deals), len(roles))}
<div class="sd-grid">
<section class="sd-panel sd-text">
<h2>Text and entities</h2>
{entities}
</section>
<div>
<section class="sd-panel sd-deals">
<h2>Deals ({len(deals)})</h2>
{_legend() if deals else ""}
{deal_cards or '<p class="sd-empty">No deal found in this document.</p>'}
</section>
<section class="sd-panel sd-roles">
<h2>People and roles ({len(roles)})</h2>
{_roles_table(roles)}
</section>
</div>
</div>
</div>"""


def _header(doc: Doc, doc_id: str, n_deals: int, n_roles: int) -> str:
    date = getattr(doc._, "doc_date", None)
    n_ents = sum(1 for ent in doc.ents if ent.label_ in ENT_LABELS)
    facts = [
        f"date {html.escape(date)}" if date else "no date",
        f"{len(doc):,} tokens",
        f"{n_ents} entities",
        f"{n_deals} deal{'s' if n_deals != 1 else ''}",
        f"{n_roles} role{'s' if n_roles != 1 else ''}",
    ]
    spans = "".join(f"<span>{fact}</span>" for fact in facts)
    return f'<header>\n<h1>{html.escape(doc_id)}</h1>\n<p class="sd-meta">{spans}</p>\n</header>'


def _legend() -> str:
    marks = "".join(f'<span class="hl hl-{kind}">{kind}</span>' for kind in HIGHLIGHTS)
    return f'<p class="sd-legend">Evidence: {marks}</p>'


def _deal_card(deal: Deal, row: dict) -> str:
    buyers = ", ".join(html.escape(name) for name in row["buyers"]) or '<span class="sd-none">no buyer named</span>'
    target = html.escape(row["target"]) if row["target"] else '<span class="sd-none">no target</span>'
    seller = f' <span class="sd-seller">(from {html.escape(row["seller"])})</span>' if row["seller"] else ""
    fields = [
        ("Type", _text(row["type"])),
        ("Amount", _amount(row)),
        ("Stake", _number(row["stake_pct"], "%")),
        ("Status", _badge(row["status"])),
        ("Round", _text(row["round"])),
        ("Date", _text(row["date"])),
    ]
    if row["price_per_share"] is not None:
        fields.append(("Per share", html.escape(_money(row["price_per_share"], row["currency"], scale=False))))
    if row["valuation"] is not None:
        fields.append(("Valuation", html.escape(_money(row["valuation"], row["currency"]))))
    fields.append(("Confidence", _confidence(row["confidence"])))
    items = "\n".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in fields)
    return f"""<article class="sd-deal">
<p class="sd-parties">{buyers}<span class="sd-arrow">→</span>{target}{seller}</p>
<dl>
{items}
</dl>
{_evidence(deal)}
</article>"""


def _roles_table(roles: list[dict]) -> str:
    if not roles:
        return '<p class="sd-empty">No person-title-organisation fact found.</p>'
    body = "\n".join(
        f'<tr title="{html.escape(role["evidence"] or "")}"><td>{_text(role["person"])}</td>'
        f"<td>{_text(role['title'])}</td><td>{_text(role['org'])}</td></tr>"
        for role in roles
    )
    return f"<table>\n<thead><tr><th>Person</th><th>Title</th><th>Organisation</th></tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _text(value: Optional[str]) -> str:
    return html.escape(str(value)) if value else '<span class="sd-muted">—</span>'


def _number(value: Optional[float], unit: str = "") -> str:
    if value is None:
        return '<span class="sd-muted">—</span>'
    return html.escape(f"{value:g}{unit}")


def _money(value: float, currency: Optional[str], *, scale: bool = True) -> str:
    """15e9, "USD" -> "$15 billion"; 1.3e13, "KRW" -> "KRW 13 trillion"."""
    words = ""
    if scale:
        for size, name in _SCALES:
            if abs(value) >= size:
                value, words = value / size, f" {name}"
                break
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    if currency in _SYMBOLS:
        return f"{_SYMBOLS[currency]}{number}{words}"
    return f"{currency + ' ' if currency else ''}{number}{words}"


def _amount(row: dict) -> str:
    amount, low, high, currency = row["amount"], row["amount_min"], row["amount_max"], row["currency"]
    if amount is None and low is None and high is None:
        return '<span class="sd-muted">—</span>'
    parts = []
    if amount is not None:
        parts.append(("about " if row["approximate"] else "") + _money(amount, currency))
    if low is not None and high is not None:
        parts.append(f"between {_money(low, currency)} and {_money(high, currency)}")
    elif low is not None:
        parts.append(f"at least {_money(low, currency)}")
    elif high is not None:
        parts.append(f"at most {_money(high, currency)}")
    code = f' <span class="sd-muted">{html.escape(currency)}</span>' if currency else ""
    main = html.escape(parts[0])
    bounds = f' <span class="sd-muted">({html.escape(parts[1])})</span>' if len(parts) > 1 else ""
    return f"{main}{code}{bounds}"


def _badge(status: Optional[str]) -> str:
    if not status:
        return '<span class="sd-muted">—</span>'
    colour, background = STATUS_COLOURS.get(status, ("#3e4c59", "#e4e7eb"))
    return (
        f'<span class="sd-badge sd-status-{html.escape(status)}" '
        f'style="color: {colour}; background: {background};">{html.escape(status)}</span>'
    )


def _confidence(value: Optional[float]) -> str:
    if value is None:
        return '<span class="sd-muted">—</span>'
    width = max(0.0, min(1.0, float(value))) * 100
    return f'<span class="sd-conf"><span style="width: {width:.0f}%"></span></span>{value:.2f}'


def _evidence(deal: Deal) -> str:
    """The evidence sentence with the trigger and the parties highlighted."""
    sentence: Optional[Span] = deal.evidence
    if sentence is None:
        return ""
    spans: list[tuple[str, Optional[Span]]] = [("trigger", deal.trigger)]
    spans += [("buyer", span) for span in deal.buyers]
    spans += [("target", deal.target), ("seller", deal.seller), ("amount", deal.money_span)]
    return f"<blockquote>{_highlight(sentence, spans)}</blockquote>"


def _highlight(sentence: Span, spans: Iterable[tuple[str, Optional[Span]]]) -> str:
    """Escaped text of ``sentence`` with the spans inside it wrapped in <span class="hl-...">.
    Spans outside the sentence are left out; of overlapping spans the first listed wins."""
    start, end = sentence.start_char, sentence.end_char
    taken: list[tuple[int, int, str]] = []
    for kind, span in spans:
        if span is None or span.start_char < start or span.end_char > end:
            continue
        if any(span.start_char < t_end and t_start < span.end_char for t_start, t_end, _ in taken):
            continue
        taken.append((span.start_char, span.end_char, kind))
    text = sentence.doc.text
    pieces, position = [], start
    for s_start, s_end, kind in sorted(taken):
        pieces.append(html.escape(_squeeze(text[position:s_start])))
        pieces.append(f'<span class="hl hl-{kind}">{html.escape(_squeeze(text[s_start:s_end]))}</span>')
        position = s_end
    pieces.append(html.escape(_squeeze(text[position:end])))
    return "".join(pieces).strip()


def _squeeze(text: str) -> str:
    """Runs of whitespace (the line breaks of wrapped text) as one space."""
    return _WHITESPACE.sub(" ", text)


__all__ = ["DocumentNotFound", "render_doc", "render_input", "render_page"]
