#!/usr/bin/python3
"""The editors' JSON Schema and the validator agree on which scenario files are wrong.

Usage: schema_agrees_with_validator.py AUDITSIM SCHEMA FILE_OR_FOLDER...

Every scenario file under the paths is judged twice: by the schema (as an editor would, after
reading the YAML with PyYAML) and by `auditsim validate --json`. Whatever one rejects the other
must reject, except when every error the validator reports is one of the checks only it can
make; the schema's top-level `description` lists those, each code in backquotes, so editors and
this test read the same list. Exit 0 when they agree on every file.
"""
import json
import pathlib
import re
import subprocess
import sys

import jsonschema
import yaml

import scenario_yaml


def scenario_files(paths):
    for p in map(pathlib.Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*.yaml")):
                if "schema" in f.parts or "evidence" in f.parts or f.name.endswith(".tests.yaml"):
                    continue
                yield f
        else:
            yield p


def schema_errors(validator, path):
    """What the schema (or, before it, reading the YAML) finds wrong; [] when it accepts."""
    try:
        doc = scenario_yaml.load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as e:
        return [f"the YAML cannot be read: {str(e).splitlines()[0]}"]
    return [
        f"{'/'.join(str(p) for p in e.path) or '(top level)'}: {e.message}"
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    ]


def validator_error_codes(auditsim, files):
    """file -> the codes of the errors `auditsim validate` reports (warnings do not reject)."""
    run = subprocess.run([auditsim, "validate", "--json", *map(str, files)],
                         capture_output=True, text=True, check=False)
    report = json.loads(run.stdout)
    return {
        entry["file"]: sorted({d["code"] for d in entry["diagnostics"] if d["severity"] == "error"})
        for entry in report["files"]
    }


def main():
    auditsim, schema_path, *paths = sys.argv[1:]
    schema = json.loads(pathlib.Path(schema_path).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    validator_only = set(re.findall(r"`([a-z0-9.-]+)`", schema["description"]))
    if not validator_only:
        print(f"{schema_path}: the description lists no validator-only checks")
        return 1

    files = list(scenario_files(paths))
    codes = validator_error_codes(auditsim, files)
    disagreements = 0
    for f in files:
        by_schema = schema_errors(validator, f)
        by_validator = codes[str(f)]
        beyond_schema = [c for c in by_validator if c not in validator_only]
        if by_schema and not by_validator:
            verdict = "DISAGREE: the schema rejects it, the validator accepts it"
        elif by_validator and not by_schema and beyond_schema:
            verdict = ("DISAGREE: the validator rejects it (" + ", ".join(beyond_schema) +
                       "), the schema accepts it")
        elif by_validator and not by_schema:
            verdict = "validator only (" + ", ".join(by_validator) + ")"
        else:
            verdict = "both reject" if by_schema else "both accept"
        disagreements += verdict.startswith("DISAGREE")
        print(f"{f}: {verdict}")
        if verdict.startswith("DISAGREE"):
            for e in by_schema:
                print(f"    schema: {e}")
    print(f"{len(files)} files, {disagreements} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
