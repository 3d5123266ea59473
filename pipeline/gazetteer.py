"""A gazetteer of listed companies: names that settle a label the model is unsure of.

Built by ``python -m pipeline.gazetteer build [SOURCE_DIR] [-o OUT]`` from the public
company lists of ``shared/data/companies/`` (U.S. SEC company tickers: public domain;
Nasdaq, NYSE/other-listed and S&P 500 lists of the ``datasets`` organisation:
ODC-PDDL-1.0; see ``patterns/org_gazetteer_attribution.txt``). The lists are not
shipped; the package holds only the derived file ``patterns/org_gazetteer.txt.gz``: one
name a line, as :func:`pipeline.names.norm_key` writes it (lower case, no punctuation,
no leading "the", no trailing corporate suffix), security descriptions ("Common Stock",
"Class A Ordinary Shares"), ETFs, funds, test issues, warrants, notes and blank-cheque
companies left out.

The lists name about a third of the companies in news and filings, and some of their
names are also places, surnames or common words ("Brown", "Atlanta"): a name found here
only relabels or confirms a span the model found (``orgs/evidence.py``), never
makes one, and ``patterns/org_gazetteer_stop.txt`` lists the words that never count.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .names import norm_key
from .patterns import load_lines, pattern_path

GAZETTEER_FILE = "org_gazetteer.txt.gz"
STOP_FILE = "org_gazetteer_stop.txt"
DEFAULT_SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "companies"
# A first word of a listed name stands for the company alone ("Karge" of "Karge
# Energy") when it is at least this long and no stop word.
MIN_FIRST_WORD = 4
# The security described after the company's name in the exchanges' lists.
_SECURITY = re.compile(
    r"\s*(?:[-–,]\s*)?\b(?:common stock|common shares|ordinary shares|class [a-z]\b|american depositary|"
    r"depositary|ads\b|adr\b|units?\b|warrants?\b|rights?\b|preferred|subordinate|subordinated|"
    r"series [a-z0-9]+\b|\d+(?:\.\d+)?\s*%|notes?\b|debentures?\b|shares? of beneficial|"
    r"beneficial interest|capital stock|new\b|each consisting)",
    re.IGNORECASE,
)
# SEC titles end in a state of incorporation or a note: "ACME CORP /DE/", "ACME INC /NEW".
_SEC_NOTE = re.compile(r"\s*/[A-Za-z .]+/?\s*$")
# Names of securities that are no operating company.
_NOT_COMPANIES = re.compile(
    r"\b(?:etf|etn|fund|funds|trust|portfolio|index|acquisition|spac|capital trust|income|"
    r"municipal|treasury|bond|bonds|strategy|shares|etp)\b",
    re.IGNORECASE,
)


def company_names(source: Path) -> list[str]:
    """The operating companies' names of the lists in ``source``, as written there."""
    names: list[str] = []
    sec = source / "sec-company-tickers.json"
    if sec.is_file():
        for row in json.loads(sec.read_text(encoding="utf8")).values():
            names.append(_SEC_NOTE.sub("", row["title"]))
    nasdaq = source / "nasdaq-listed-symbols.csv"
    if nasdaq.is_file():
        for row in _csv(nasdaq):
            if row.get("ETF") == "Y" or row.get("Test Issue") == "Y":
                continue
            names.append(row["Company Name"])
    for name in ("nyse-listed.csv", "other-listed.csv"):
        path = source / name
        if path.is_file():
            for row in _csv(path):
                if row.get("ETF") == "Y" or row.get("Test Issue") == "Y":
                    continue
                names.append(row["Company Name"])
    sp500 = source / "sp500-constituents.csv"
    if sp500.is_file():
        names.extend(row["Security"] for row in _csv(sp500))
    return names


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf8", newline="") as fh:
        return list(csv.DictReader(fh))


def clean_name(name: str) -> str | None:
    """A list's name less its security description, or None for a security that is no
    operating company (an ETF, a fund, a note, a blank-cheque company)."""
    name = " ".join(name.split())
    cut = _SECURITY.search(name)
    if cut is not None:
        name = name[: cut.start()]
    name = name.strip(" -–,;")
    if not name or _NOT_COMPANIES.search(name):
        return None
    return name


def build_keys(names: list[str]) -> list[str]:
    """The sorted distinct :func:`norm_key` of the operating companies among ``names``."""
    keys = set()
    for name in names:
        cleaned = clean_name(name)
        if cleaned is None:
            continue
        key = norm_key(cleaned)
        if key and any(ch.isalpha() for ch in key):
            keys.add(key)
    return sorted(keys)


def build(source: Path = DEFAULT_SOURCE, out: Path | None = None) -> Path:
    """Write the gazetteer file from the lists in ``source``; returns its path."""
    out = out or Path(__file__).resolve().parent.parent / "patterns" / GAZETTEER_FILE
    keys = build_keys(company_names(source))
    # mtime 0: the same lists give the same bytes
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
        fh.write(("\n".join(keys) + "\n").encode("utf8"))
    return out


@dataclass(frozen=True)
class Gazetteer:
    """``names``: the listed companies' keys; ``first_words``: the first words that
    stand for a listed company alone; ``stop``: words (lower-case) that never count."""

    names: frozenset[str]
    first_words: frozenset[str]
    stop: frozenset[str]

    def __contains__(self, key: str) -> bool:
        """Whether a name's :func:`norm_key` names a listed company: the whole key, or
        one word that begins a listed name; never a stop word."""
        if not key or key in self.stop:
            return False
        return key in self.names or key in self.first_words


def load(directory: str | Path | None = None) -> Gazetteer:
    """The gazetteer of ``directory`` (a patterns folder; the package's by default)."""
    stop = frozenset(word.lower() for word in load_lines(STOP_FILE, directory))
    with gzip.open(pattern_path(GAZETTEER_FILE, directory), "rt", encoding="utf8") as fh:
        names = frozenset(line for line in fh.read().split("\n") if line and line not in stop)
    first_words = frozenset(
        first
        for first in (name.split(" ", 1)[0] for name in names if " " in name)
        if len(first) >= MIN_FIRST_WORD and first.isalpha() and first not in stop
    )
    return Gazetteer(names, first_words, stop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.gazetteer", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("build", help="write patterns/org_gazetteer.txt.gz from the company lists")
    make.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    make.add_argument("-o", "--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        print(f"No folder {args.source}: pass the folder of the company lists.", file=sys.stderr)
        return 2
    out = build(args.source, args.out)
    with gzip.open(out, "rt", encoding="utf8") as fh:
        count = sum(1 for _ in fh)
    print(f"{out}: {count} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
