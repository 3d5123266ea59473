"""The gazetteer of listed companies: building it from the public lists, loading it."""

from __future__ import annotations

import gzip
import json

from pipeline import gazetteer


def test_security_descriptions_are_stripped():
    assert gazetteer.clean_name("Agilent Technologies, Inc. Common Stock") == "Agilent Technologies, Inc."
    assert gazetteer.clean_name("Artius II Acquisition Inc. - Class A Ordinary Shares") is None
    assert gazetteer.clean_name("Acme Widgets Corp - Class A Common Stock") == "Acme Widgets Corp"
    assert gazetteer.clean_name("Pacer Barings CLO Market Flex ETF") is None


def test_keys_are_norm_keys_without_suffixes():
    keys = gazetteer.build_keys(
        ["Acme Widgets, Inc. Common Stock", "ACME WIDGETS INC", "The Boston Beer Company, Inc."]
    )
    assert keys == ["acme widgets", "boston beer"]


def test_build_from_lists(tmp_path):
    (tmp_path / "sec-company-tickers.json").write_text(
        json.dumps({"0": {"cik_str": 1, "ticker": "QRX", "title": "QUORIX CORP /DE/"}}), encoding="utf8"
    )
    (tmp_path / "nasdaq-listed-symbols.csv").write_text(
        "Symbol,Company Name,Security Name,Market Category,Test Issue,Financial Status,Round Lot Size,ETF,NextShares\n"
        "VLT,Voltaric Labs Inc.,Voltaric Labs Inc. - Common Stock,G,N,N,100,N,N\n"
        "ZZT,Zeta Test Co,Zeta Test Co - Common Stock,G,Y,N,100,N,N\n"
        "FND,Some Fund,Some Fund ETF,G,N,N,100,Y,N\n",
        encoding="utf8",
    )
    out = gazetteer.build(tmp_path, tmp_path / "g.txt.gz")
    with gzip.open(out, "rt", encoding="utf8") as fh:
        assert fh.read().split("\n") == ["quorix", "voltaric labs", ""]
    assert out.read_bytes() == gazetteer.build(tmp_path, tmp_path / "h.txt.gz").read_bytes()  # reproducible


def test_shipped_gazetteer_loads_with_its_stop_list():
    listed = gazetteer.load()
    assert len(listed.names) > 5000
    assert "paychex" in listed and "fastenal" in listed
    assert "atlanta" not in listed and "china" not in listed and "jack" not in listed
    assert "" not in listed
