"""Reads warta's Parquet statements with DuckDB, as an analyst would: prints the columns (one line,
tab-separated), then `relation<TAB>count` per relation, sorted. Run by tests/it/parquet.rs with
the directory warta wrote.
"""
import sys

import duckdb

files = sys.argv[1] + "/*.parquet"
columns = [row[0] for row in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{files}')").fetchall()]
print("\t".join(columns))
counts = duckdb.sql(f"SELECT relation, count(*) FROM read_parquet('{files}') GROUP BY relation ORDER BY relation")
for relation, count in counts.fetchall():
    print(f"{relation}\t{count}")
