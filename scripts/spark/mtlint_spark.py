#!/usr/bin/env python3
"""Lint a corpus too large for one machine with Apache Spark.

Each partition of a JSON-lines corpus ({"id", "text"} per line) is piped through `mtlint corpus`
(standard input to standard output, one result line per record, in order), so every Spark executor runs
the same single binary and the results are exactly those of a single-process run.

    spark-submit scripts/spark/mtlint_spark.py INPUT.jsonl OUTPUT_DIR [--mtlint /path/to/mtlint] [--partitions N]

The mtlint executable (and its Rules/ folder: set MTLINT_RULES, or ship the checkout) must be present on
every worker at the same path.
"""
import argparse
import os
import shlex

from pyspark.sql import SparkSession


def lint(spark, input_path, mtlint, partitions=None, extra_args=()):
    """An RDD of mtlint's JSON result lines for the JSONL corpus at input_path."""
    lines = spark.sparkContext.textFile(input_path, minPartitions=partitions or 2)
    command = [mtlint, "corpus", "--input-format", "jsonl", "--jobs", "1", "--fail-on", "never", *extra_args]
    env = {"MTLINT_RULES": os.environ["MTLINT_RULES"]} if "MTLINT_RULES" in os.environ else {}
    return lines.pipe(" ".join(shlex.quote(c) for c in command), env=env)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--mtlint", default="mtlint")
    parser.add_argument("--partitions", type=int, default=None)
    args = parser.parse_args()
    spark = SparkSession.builder.appName("mtlint").getOrCreate()
    lint(spark, args.input, args.mtlint, args.partitions).saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
