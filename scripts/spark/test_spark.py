#!/usr/bin/env python3
"""Spark recipe test: PySpark in local mode pipes partitions of a sample corpus through `mtlint corpus`
and the results must equal a single-process run. Skips (exit 0, with a message) where Java or PySpark is
absent.

    python3 scripts/spark/test_spark.py [path/to/mtlint]
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

root = pathlib.Path(__file__).resolve().parents[2]
mtlint = sys.argv[1] if len(sys.argv) > 1 else str(root / ".build/debug/mtlint")

if shutil.which("java") is None:
    print("spark test skipped: no java on PATH")
    sys.exit(0)
try:
    import pyspark  # noqa: F401
except ImportError:
    print("spark test skipped: pyspark is not installed (pip install pyspark)")
    sys.exit(0)
if not os.access(mtlint, os.X_OK):
    print(f"spark test failed: no mtlint executable at {mtlint} (swift build first)")
    sys.exit(1)

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from mtlint_spark import lint  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

# A sample corpus: the seed articles' lines and, when the dev sets are beside the repository, clean news
# paragraphs, with some damage.
records = []
news = root.parent / "shared" / "devdata" / "clean-news-en.jsonl"
if news.exists():
    for line in news.read_text(encoding="utf-8").splitlines():
        records.append(json.loads(line))
for path in sorted((root / "Samples").glob("*.txt")):
    for i, para in enumerate(path.read_text(encoding="utf-8").split("\n")):
        if para.strip():
            records.append({"id": f"{path.stem}-{i}", "text": para})
records += [{"id": f"dup-{i}", "text": r["text"].replace(" the ", " the the ", 1)} for i, r in enumerate(records[:50])]

with tempfile.TemporaryDirectory() as tmp:
    corpus = pathlib.Path(tmp) / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    single = subprocess.run([mtlint, "corpus", "--input-format", "jsonl", "--fail-on", "never", str(corpus)],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    spark = (SparkSession.builder.master("local[2]").appName("mtlint-test")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    distributed = lint(spark, str(corpus), mtlint, partitions=4).collect()
    spark.stop()

parsed_single = [json.loads(x) for x in single]
parsed_spark = [json.loads(x) for x in distributed]
assert len(parsed_single) == len(records), (len(parsed_single), len(records))
key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
assert sorted(map(key, parsed_spark)) == sorted(map(key, parsed_single)), "Spark results differ from a single-process run"
assert [r["id"] for r in parsed_spark] == [r["id"] for r in parsed_single], "Spark changed the record order"
findings = sum(len(r["diagnostics"]) for r in parsed_single)
print(f"spark test passed: {len(records)} records in 4 partitions, {findings} findings, identical to a single-process run")
