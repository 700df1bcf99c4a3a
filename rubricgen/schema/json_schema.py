"""The JSON Schemas of the ladder files, generated from the models, for editors.

Each shipped YAML file names its schema on its first line
(`# yaml-language-server: $schema=schema/level.schema.json`), so an editor
with a YAML language server completes keys and checks values while one types.
"""

import json

from pydantic import BaseModel

from rubricgen.schema.models import LadderFile, LevelFile

SCHEMAS: dict[str, type[BaseModel]] = {"ladder": LadderFile, "level": LevelFile}


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def json_schema(name: str) -> str:
    model = SCHEMAS[name]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
