"""A store `warta build` writes opens with stock Oxigraph (pyoxigraph from PyPI), which reads
every quad warta reads: warta builds on a vendored Oxigraph that compresses every RocksDB level
(vendor/README.md), and RocksDB records the compression of each table file, so the two agree.

Run by `cargo test` (tests/it/python.rs), which names the binary in WARTA_BIN.
"""

import subprocess

import pyoxigraph

from test_warta import ROOT, binary  # noqa: F401 (binary is a fixture)

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def test_stock_oxigraph_reads_a_warta_store(binary, tmp_path):
    store = tmp_path / "seeds.db"
    subprocess.run([binary, "build", str(ROOT / "seeds"), "--store", str(store), "--quiet"], check=True)
    table = subprocess.run(
        [binary, "query", "--store", str(store), "--format", "tsv", COUNT], check=True, capture_output=True, text=True
    ).stdout
    counted_by_warta = int("".join(c for c in table.splitlines()[-1] if c.isdigit()))

    read_by_stock = pyoxigraph.Store.read_only(str(store))
    counted_by_stock = int(next(iter(read_by_stock.query(COUNT)))["n"].value)
    quads_by_stock = sum(1 for _ in read_by_stock.quads_for_pattern(None, None, None, None))

    assert counted_by_warta > 1000
    assert counted_by_stock == counted_by_warta
    assert quads_by_stock == counted_by_warta
