#!/usr/bin/env python3
"""Validate SARIF files against the official SARIF 2.1.0 schema (Tests/Fixtures/sarif).

Usage: python3 scripts/validate-sarif.py FILE...   (needs the `jsonschema` package: pip install jsonschema)
Exit 0 when every file validates, 1 otherwise (errors printed with their JSON path).
"""
import json
import pathlib
import sys

import jsonschema

schema_path = pathlib.Path(__file__).resolve().parent.parent / "Tests/Fixtures/sarif/sarif-schema-2.1.0.json"
schema = json.loads(schema_path.read_text(encoding="utf-8"))
validator = jsonschema.Draft4Validator(schema)
failed = False
for name in sys.argv[1:]:
    doc = json.loads(pathlib.Path(name).read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:20]:
        print(f"{name}: {'/'.join(map(str, e.path))}: {e.message}")
    if errors:
        failed = True
    else:
        print(f"{name}: valid SARIF 2.1.0")
sys.exit(1 if failed else 0)
