"""The Python package against the binary: the same statements and the same N-Quads on the seeds,
clear exceptions for bad input, and the same results from many threads.

Run by `cargo test` (tests/it/python.rs), which names the binary in WARTA_BIN; run alone
(`pytest` after `pip install .`), the comparisons use `warta` from PATH.
"""

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import warta

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
STALE = "the installed warta package differs from the source: reinstall it with `pip install .`"


@pytest.fixture(scope="module")
def extractor():
    return warta.Extractor()


@pytest.fixture(scope="module")
def binary():
    found = os.environ.get("WARTA_BIN") or shutil.which("warta")
    if not found:
        pytest.skip("no warta binary: set WARTA_BIN or put warta on PATH (cargo test does)")
    return found


def seed(path):
    return path.read_text(encoding="utf-8"), path.stem


def test_nquads_are_what_warta_extract_writes(extractor, binary):
    # Byte for byte for one article; for many, `warta extract` describes each actor once.
    assert len(SEEDS) == 5
    for path in SEEDS:
        written = subprocess.run([binary, "extract", str(path)], check=True, capture_output=True, text=True).stdout
        assert extractor.to_nquads(*seed(path)) == written, STALE


def test_statements_are_the_binarys(extractor, binary):
    # The asserted triples of the binary's N-Quads: actor, relation, actor, in an article graph.
    actor = "<https://w3id.org/warta/id/actor/"
    relation = "<https://w3id.org/warta/ns#"
    article = "<https://w3id.org/warta/id/article/"
    expected = set()
    for path in SEEDS:
        out = subprocess.run([binary, "extract", str(path)], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.removesuffix(" .").split(" ")
            if len(parts) == 4 and parts[0].startswith(actor) and parts[1].startswith(relation) and parts[3].startswith(article):
                key = lambda iri, prefix: iri.removeprefix(prefix).removesuffix(">")
                expected.add((key(parts[3], article), key(parts[0], actor), key(parts[1], relation), key(parts[2], actor)))
    rows = [row for path in SEEDS for row in extractor.extract(*seed(path))]
    got = {(r["article_id"], r["subject"]["key"], r["relation"], r["object"]["key"]) for r in rows}
    assert len(expected) > 50
    assert got == expected, STALE


def test_a_statement_says_where_and_how(extractor):
    text = "Pemerintah Indonesia menyatakan dukungannya.\nKanada mengecam Rusia pada Minggu (27/9/2020)."
    rows = extractor.extract(text, "a1", date="2020-09-28", title="Kecaman", source="contoh")
    row = next(r for r in rows if r["relation"] == "condemns")
    assert row["subject"] == {"key": "canada", "label": "Kanada", "label_en": "Canada", "kind": "country", "wikidata": "Q16"}
    assert row["object"]["key"] == "russia"
    assert text[row["char_start"]:row["char_end"]] == row["sentence"]
    assert row["sentence"].startswith("Kanada mengecam")
    assert row["trigger"] == "mengecam"
    assert row["date"] == "2020-09-27"
    assert row["modality"] == "asserted"
    assert 0 < row["confidence"] <= 1
    assert (row["article_id"], row["title"], row["source"], row["article_date"]) == ("a1", "Kecaman", "contoh", "2020-09-28")


@pytest.mark.parametrize(
    "arguments, message",
    [
        (("", "a1"), "empty text"),
        (("   \n", "a1"), "empty text"),
        (("Kanada mengecam Rusia.", ""), "the id is empty"),
        (("Kanada mengecam Rusia.", ".."), "path step"),
        (("Kanada mengecam Rusia.", "a\nb"), "control character"),
        (("x" * (2 * 1024 * 1024 + 1), "big"), "bytes"),
    ],
)
def test_bad_articles_raise_value_error(extractor, arguments, message):
    with pytest.raises(ValueError, match=message):
        extractor.extract(*arguments)
    with pytest.raises(ValueError, match=message):
        extractor.to_nquads(*arguments)


def test_wrong_types_raise_type_error(extractor):
    with pytest.raises(TypeError):
        extractor.extract(b"Kanada mengecam Rusia.", "a1")
    with pytest.raises(TypeError):
        extractor.extract("Kanada mengecam Rusia.", 7)
    with pytest.raises(TypeError):
        extractor.extract("Kanada mengecam Rusia.", "a1", date=20200927)


def test_what_is_changed_to_read_an_article_is_a_warning(extractor):
    with pytest.warns(UserWarning, match="not a day of the calendar"):
        rows = extractor.extract("Kanada mengecam Rusia.", "a1", date="2020-13-45")
    assert rows and rows[0]["article_date"] is None
    with pytest.warns(UserWarning, match="control character dropped"):
        extractor.extract("Kanada mengecam\x01 Rusia.", "a1")


def test_a_missing_data_directory_says_which(tmp_path):
    with pytest.raises(ValueError, match="cannot load the lexicon of"):
        warta.Extractor(data_dir=tmp_path / "missing")


def test_a_data_directory_replaces_the_lexicon(tmp_path):
    triggers = (ROOT / "data" / "triggers.tsv").read_text(encoding="utf-8")
    (tmp_path / "triggers.tsv").write_text(triggers.replace("ajak\t", "zzz-unsorted\t"), encoding="utf-8")
    with pytest.raises(ValueError, match="triggers.tsv"):
        warta.Extractor(data_dir=str(tmp_path))


def test_threads_share_one_extractor(extractor):
    articles = [seed(path) for path in SEEDS] * 8
    alone = [extractor.extract(text, article_id) for text, article_id in articles]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda article: extractor.extract(*article), articles))
    assert together == alone
