"""Spark (an existing distributed engine, in local mode) reads the same lake as the app: the same
rows per table and board as DuckDB, and the same as-at BRAG for a sample of actions. Marked
`spark`; it needs pyspark (the test extra) and a Java runtime, and says so when one is missing."""

from __future__ import annotations

import shutil
import subprocess

import duckdb
import pytest
from conftest import run_cli

from boardtui.store.snapshot import DERIVED, TABLES

pytestmark = pytest.mark.spark


def _spark():
    pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install '.[test]')")
    java = shutil.which("java")
    if java is None:
        pytest.skip("Spark needs a Java runtime and none is on PATH (Debian: apt-get install openjdk-17-jre-headless)")
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    if 'version "1.' in version or 'version "11' in version:
        pytest.skip(f"Spark {pyspark.__version__} needs Java 17 or later; this machine has {version.splitlines()[0]}")
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[1]")
        .appName("boardtui-lake-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "512m")
        .getOrCreate()
    )


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    root = tmp_path_factory.mktemp("spark")
    assert run_cli("demo", str(root / "areas"), "--scale", "3", "--boards").returncode == 0
    done = run_cli("lake", "add", str(root / "lake"), *map(str, sorted((root / "areas").iterdir())))
    assert done.returncode == 0, done.stderr
    return root / "lake"


def test_spark_reads_the_lake_as_duckdb_does(lake):
    spark = _spark()
    con = duckdb.connect()
    try:
        for table in (*TABLES, *DERIVED):
            frame = spark.read.parquet(str(lake / table))
            by_spark = {r["board"]: r["count"] for r in frame.groupBy("board").count().collect()}
            by_duckdb = dict(
                con.execute(
                    "SELECT board, count(*) FROM read_parquet($p, hive_partitioning = true, hive_types = {'board': VARCHAR}) "
                    "GROUP BY board",
                    {"p": str(lake / table / "*" / "*.parquet")},
                ).fetchall()
            )
            assert {b: n for b, n in by_spark.items() if n} == {b: n for b, n in by_duckdb.items() if n}, table
        # The same as-at BRAG for a sample: every action of W09 in each board at three meetings.
        sample = ("M05", "M12", "M19")
        as_at = spark.read.parquet(str(lake / "action_as_at"))
        by_spark = sorted(
            (r["board"], r["meeting"], r["action"], r["brag"])
            for r in as_at.where(as_at.weakness == "W09")
            .where(as_at.meeting.isin(*sample))
            .select("board", "meeting", "action", "brag")
            .collect()
        )
        by_duckdb = sorted(
            con.execute(
                "SELECT board, meeting, action, brag FROM read_parquet($p, hive_partitioning = true, "
                "hive_types = {'board': VARCHAR}) WHERE weakness = 'W09' AND list_contains($m, meeting)",
                {"p": str(lake / "action_as_at" / "*" / "*.parquet"), "m": list(sample)},
            ).fetchall()
        )
        assert by_spark == by_duckdb and len(by_spark) > 3 * 3 * 5
        types = dict(spark.read.parquet(str(lake / "action")).dtypes)
        assert types["target_date"] == "date" and types["board"] == "string"
    finally:
        con.close()
        spark.stop()
