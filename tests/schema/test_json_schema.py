"""The committed JSON Schemas match the models, and every shipped file is
valid against the schema its first line names."""

import datetime
import json
import re

import jsonschema
import pytest
from ruamel.yaml import YAML

from rubricgen.paths import shipped
from rubricgen.schema.json_schema import SCHEMAS, file_name, json_schema

LEVELS = shipped("levels")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_not_stale(name):
    committed = (LEVELS / "schema" / file_name(name)).read_text()
    assert committed == json_schema(name), (
        "run `rubricgen schema -o levels/schema` and commit the result"
    )


def as_json(value):
    """YAML values as JSON has them: dates as text, mapping keys as text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", sorted(LEVELS.glob("*.yaml")), ids=lambda p: p.name)
def test_each_shipped_file_is_valid_against_the_schema_it_names(path):
    first = path.read_text().splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name} must start with its schema line"
    schema = json.loads((path.parent / match.group(1)).read_text())
    jsonschema.validate(as_json(YAML(typ="safe").load(path.read_text())), schema)


def test_schema_refuses_what_the_loader_refuses():
    schema = json.loads(json_schema("level"))
    with pytest.raises(jsonschema.ValidationError, match="titel"):
        jsonschema.validate({"id": "a", "titel": "typo"}, schema)
