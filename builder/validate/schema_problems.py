"""Turn pydantic validation errors into positioned diagnostics with helpful hints."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.source.yaml_source import YamlDocument

_TYPE_NAMES = {
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "local_text": "text or a mapping of language codes to text",
}
_CONSTRAINTS = {
    "string_too_long", "string_too_short", "too_short", "too_long", "greater_than_equal",
    "less_than_equal", "greater_than", "less_than", "string_pattern_mismatch", "value_error",
}  # fmt: skip
_BOOLEAN_WORDS = re.compile(r"^(?:y|yes|n|no|on|off)$", re.I)
_TIME_LIKE = re.compile(r"^\d+(?::\d+)+$")


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A did-you-mean hint, or '' when nothing is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def describe(value: object) -> str:
    """A short human description of a YAML value."""
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the number {value}"


def _type_hint(kind: str, value: object) -> str:
    if kind == "string_type" and isinstance(value, int | float | bool):
        return "put the value in quotes to keep it as text"
    if isinstance(value, str):
        if kind == "bool_type" and _BOOLEAN_WORDS.match(value):
            return "write true or false (YAML words like yes/no/on/off are not converted)"
        if kind in ("int_type", "float_type") and re.fullmatch(r"[-+]?0\d+", value):
            return "write the number without leading zeros"
        if kind in ("int_type", "float_type") and re.fullmatch(r"[-+]?\d+(\.\d+)?", value):
            return "remove the quotes to make it a number"
        if _TIME_LIKE.match(value):
            return "values like 10:30 are text; quote them if text is meant"
    return ""


def _field_name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "document"


def schema_problems(
    model: type[BaseModel], document: YamlDocument, display: str
) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate a document against a strict model; map every error to a diagnostic."""
    if not isinstance(document.value, dict):
        at = document.value_at(())
        found = describe(document.value)
        return None, [problem("AGK102", display, at.line, at.col, f"expected a mapping, found {found}")]
    try:
        return model.model_validate(document.value), []
    except ValidationError as error:
        return None, [_diagnostic(model, document, display, e) for e in error.errors()]


def _diagnostic(model: type[BaseModel], document: YamlDocument, display: str, error: Any) -> Diagnostic:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    name = _field_name(loc)
    if kind == "missing":
        at = document.value_at(loc[:-1])
        return problem("AGK104", display, at.line, at.col, f"required key '{name}' is missing")
    if kind == "extra_forbidden":
        at = document.key_at(loc)
        fields = _fields_at(model, loc[:-1])
        return problem(
            "AGK105",
            display,
            at.line,
            at.col,
            f"unknown key '{name}'",
            suggest(str(loc[-1]), fields),
        )
    at = document.value_at(loc)
    if kind == "invalid_date":
        return problem("AGK108", display, at.line, at.col, f"{name}: {error['msg']}")
    if kind == "local_text" and isinstance(value, dict):
        return problem("AGK106", display, at.line, at.col, f"{name} {error['msg']}")
    if kind in _TYPE_NAMES:
        message = f"{name} should be {_TYPE_NAMES[kind]}, not {describe(value)}"
        return problem("AGK106", display, at.line, at.col, message, _type_hint(kind, value))
    if kind in _CONSTRAINTS:
        return problem("AGK107", display, at.line, at.col, f"{name}: {_constraint_message(kind, error)}")
    return problem("AGK106", display, at.line, at.col, f"{name}: {error['msg']}")


def _constraint_message(kind: str, error: Any) -> str:
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        return f"at most {ctx.get('max_length')} characters allowed"
    if kind in ("string_too_short", "too_short"):
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return f"{describe(error.get('input'))} does not have the expected form ({ctx.get('pattern')})"
    return str(error["msg"])


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Names of the fields valid at `loc`, for did-you-mean hints on unknown keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside an annotation such as `list[Author] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
