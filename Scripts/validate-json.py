#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema with the `jsonschema` package (draft-04 and
draft-07 schemas, as the SARIF and CycloneDX schemas are). Sibling schema files are registered
under their file names and their $id, so CycloneDX's `$ref`s to spdx/jsf resolve offline.

usage: validate-json.py SCHEMA DOCUMENT...   (exit 0 valid, 1 invalid, 2 unusable input)
"""
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema_path = pathlib.Path(sys.argv[1])
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    resources = []
    for sibling in schema_path.parent.glob("*.json"):
        try:
            contents = json.loads(sibling.read_text(encoding="utf-8"))
        except ValueError:
            continue
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        resources.append((sibling.name, resource))
        if isinstance(contents, dict) and contents.get("$id"):
            resources.append((contents["$id"], resource))
    registry = Registry().with_resources(resources)
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, registry=registry, format_checker=validator_class.FORMAT_CHECKER)
    failed = False
    for name in sys.argv[2:]:
        try:
            document = json.loads(pathlib.Path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"{name}: cannot read JSON: {error}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{name}: {location}: {error.message[:300]}")
        if errors:
            failed = True
            print(f"{name}: INVALID ({len(errors)} errors) against {schema_path.name}")
        else:
            print(f"{name}: valid against {schema_path.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
