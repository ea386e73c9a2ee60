"""warta inside Spark, in local mode: a DataFrame of articles (id, text, date) → `mapPartitions`
with one Extractor per partition → a statements DataFrame written as Parquet, and N-Quads part
files whose union is what `warta extract` writes for the same articles.

Needs pyspark (PyPI) and a Java runtime (Debian's default-jre-headless); `.ci/run` installs both.
WARTA_SKIP_SPARK=1 skips it on a machine without them.
"""

import os
import sys

import pytest

import warta
from test_warta import SEEDS, binary, seed  # noqa: F401 (binary is a fixture)

if os.environ.get("WARTA_SKIP_SPARK"):
    pytest.skip("WARTA_SKIP_SPARK is set", allow_module_level=True)

from pyspark import cloudpickle  # noqa: E402 (after the skip)
from pyspark.sql import SparkSession  # noqa: E402

# The executors cannot import this test module: send its functions by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

# The columns of `warta extract --format parquet`, the statement dicts flattened.
COLUMNS = """article_id string, title string, source string, article_date string,
subject_key string, subject_label string, subject_label_en string, subject_kind string, subject_wikidata string,
relation string,
object_key string, object_label string, object_label_en string, object_kind string, object_wikidata string,
sentence string, sentence_index long, char_start long, char_end long, trigger string, date string,
modality string, confidence double, rule string"""


def flatten(row):
    flat = {}
    for name, value in row.items():
        if isinstance(value, dict):
            flat.update({f"{name}_{key}": inner for key, inner in value.items()})
        else:
            flat[name] = value
    return flat


def statements(articles):
    extractor = warta.Extractor()  # once per partition: the lexicon loads once, not per article
    for article in articles:
        for row in extractor.extract(article.text, article.id, date=article.date):
            yield flatten(row)


def nquads(articles):
    extractor = warta.Extractor()
    for article in articles:
        yield extractor.to_nquads(article.text, article.id, date=article.date).rstrip("\n")


@pytest.fixture(scope="module")
def spark():
    # The executors' Python is this one, which has warta installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("warta-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_extracts_what_the_binary_extracts(spark, tmp_path, binary):
    import subprocess

    articles = spark.createDataFrame([(article_id, text, None) for text, article_id in map(seed, SEEDS)], "id string, text string, date string")
    articles = articles.repartition(3)

    table = spark.createDataFrame(articles.rdd.mapPartitions(statements), COLUMNS)
    table.write.parquet(str(tmp_path / "statements"))
    articles.rdd.mapPartitions(nquads).saveAsTextFile(str(tmp_path / "nquads"))

    # As sets: each part describes the actors its articles name, `warta extract` each actor once.
    parts = {
        line
        for part in (tmp_path / "nquads").glob("part-*")
        for line in part.read_text(encoding="utf-8").splitlines()
    }
    written = subprocess.run([binary, "extract", *map(str, SEEDS)], check=True, capture_output=True, text=True).stdout
    assert parts == set(written.splitlines()), "the N-Quads part files together are what warta extract writes"

    extractor = warta.Extractor()
    expected = sum(len(extractor.extract(*seed(path))) for path in SEEDS)
    back = spark.read.parquet(str(tmp_path / "statements"))
    assert back.count() == expected
    assert back.columns == [column.split()[0] for column in COLUMNS.replace("\n", " ").split(", ")]
