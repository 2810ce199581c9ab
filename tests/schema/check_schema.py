#!/usr/bin/python3
"""Checks scenario files against the JSON Schema editors use (scenarios/schema/auditsim-1.schema.json).

Usage: check_schema.py [--expect-invalid] SCHEMA FILE_OR_FOLDER...
Exit 0 when every scenario conforms (with --expect-invalid: when every one is rejected).
The loader is the authority on validity; this keeps the schema editors use in step with it, so
an author is not told by their editor that a valid scenario is wrong (or the reverse).
"""
import json
import pathlib
import sys

import jsonschema
import scenario_yaml


def scenario_files(paths):
    for p in map(pathlib.Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*.yaml")):
                # NAME.tests.yaml beside a scenario holds its path tests, not a scenario.
                if ("schema" not in f.parts and "evidence" not in f.parts
                        and not f.name.endswith(".tests.yaml")):
                    yield f
        else:
            yield p


def main():
    args = sys.argv[1:]
    expect_invalid = args[:1] == ["--expect-invalid"]
    if expect_invalid:
        args = args[1:]
    schema = json.loads(pathlib.Path(args[0]).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failures = 0
    for f in scenario_files(args[1:]):
        doc = scenario_yaml.load(f.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors:
            where = "/".join(str(p) for p in e.path) or "(top level)"
            print(f"{f}: {where}: {e.message}")
        if expect_invalid:
            failures += not errors
            print(f"{f}: {'rejected, as it should be' if errors else 'ACCEPTED but is invalid'}")
        else:
            failures += bool(errors)
            print(f"{f}: {'ok' if not errors else 'does not match the schema'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
