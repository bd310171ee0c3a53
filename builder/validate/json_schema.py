"""The JSON Schema of case.yaml for editors, with the taxonomies as enums."""

from __future__ import annotations

from typing import Any

from builder.diagnostics.diagnostic import Diagnostic
from builder.model.taxonomy import Taxonomy, load_taxonomy
from builder.project import Project
from builder.validate.case_schema import CaseMeta

SCHEMA_ID = "https://amrit-gyan-kosh.example/schema/case.schema.json"


def build_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """CaseMeta's schema with vocabulary enums, so editors can autocomplete ids."""
    schema: dict[str, Any] = CaseMeta.model_json_schema()
    props = schema["properties"]
    languages = sorted(taxonomy.languages)
    props["type"]["enum"] = sorted(taxonomy.case_types)
    props["level"]["enum"] = sorted(taxonomy.levels)
    props["original_language"]["enum"] = languages
    props["states"]["items"]["enum"] = sorted(taxonomy.states)
    props["license"]["anyOf"][0]["enum"] = list(taxonomy.licences)
    sector = schema["$defs"]["SectorEntry"]["properties"]
    sector["sector"]["enum"] = sorted(taxonomy.sectors)
    sub_sectors = sorted({sub for subs in taxonomy.sectors.values() for sub in subs})
    sector["sub_sector"]["anyOf"][0]["enum"] = sub_sectors
    _restrict_language_keys(schema, languages)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "Amrit Gyan Kosh case study (case.yaml)",
    }


def _restrict_language_keys(node: object, languages: list[str]) -> None:
    """Per-language text mappings may only use known language codes as keys."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "additionalProperties" in node and "properties" not in node:
            node["propertyNames"] = {"enum": languages}
        for value in node.values():
            _restrict_language_keys(value, languages)
    elif isinstance(node, list):
        for item in node:
            _restrict_language_keys(item, languages)


def case_schema(project: Project) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Load the taxonomies of `project` and build the schema."""
    taxonomy, problems = load_taxonomy(project.taxonomy_dir, project.display(project.taxonomy_dir))
    return build_schema(taxonomy), problems
