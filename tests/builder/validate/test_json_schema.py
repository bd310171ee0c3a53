"""`agk schema`: a JSON Schema that accepts valid case.yaml files and rejects broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from builder.project import Project
from builder.source.yaml_source import read_yaml
from tests.builder.cli_runner import agk
from tests.conftest import FIXTURES, REPO


def schema(project: Project) -> dict[str, object]:
    run = agk("schema", cwd=project.root)
    assert run.code == 0
    document: dict[str, object] = json.loads(run.out)
    jsonschema.Draft202012Validator.check_schema(document)
    return document


def case_files() -> list[Path]:
    return sorted((FIXTURES / "valid" / "case_studies").glob("*/case.yaml")) + sorted(
        (REPO / "case_studies").glob("*/case.yaml")
    )


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.parent.name)
def test_schema_accepts_valid_cases(path: Path, valid_project: Project) -> None:
    document, problems = read_yaml(path.read_text(encoding="utf-8"), str(path))
    assert document is not None and not problems
    jsonschema.validate(document.value, schema(valid_project))


@pytest.mark.parametrize(
    "change",
    [
        {"type": "casetle"},
        {"states": ["XY"]},
        {"year": "2019"},
        {"sdgs": [18]},
        {"sample": "NO"},
        {"bogus": 1},
        {"sectors": [{"sector": "helth"}]},
        {"organisation": {"hindi": "x"}},
    ],
    ids=str,
)
def test_schema_rejects_broken_cases(change: dict[str, object], valid_project: Project) -> None:
    path = FIXTURES / "valid" / "case_studies" / "tn-valid-caselet" / "case.yaml"
    document, _ = read_yaml(path.read_text(encoding="utf-8"), str(path))
    assert document is not None and isinstance(document.value, dict)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document.value, **change}, schema(valid_project))
