"""The contract of `case.yaml` and narrative front matter, as strict pydantic models.

Strict mode means nothing is coerced: `year: "2019"` is an error, not 2019. Vocabulary
membership (sector ids, state codes…) is checked separately so that typos get did-you-mean
hints; the JSON Schema for editors adds those vocabularies as enums (builder.validate.json_schema).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_LOCAL_TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "string", "minLength": 1},
        },
    ],
    "description": "Text, or a mapping from language code to text.",
}


def _local_text(value: object) -> str | dict[str, str]:
    if isinstance(value, str) and value.strip():
        return value
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items())
    ):
        return value
    if isinstance(value, dict) and any(v is None for v in value.values()):
        raise PydanticCustomError(
            "local_text",
            "has an entry without text: inside { } a comma starts a new entry, "
            "so put text containing commas or colons in quotes",
        )
    raise PydanticCustomError("local_text", "expected non-empty text or a mapping of language codes to text")


def _iso_date(value: object) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "invalid_date", "'{value}' is not a calendar date written YYYY-MM-DD", {"value": value}
        ) from None
    if len(value) != 10:
        raise PydanticCustomError("invalid_date", "'{value}' is not written YYYY-MM-DD", {"value": value})
    return value


LocalText = Annotated[str | dict[str, str], PlainValidator(_local_text), WithJsonSchema(_LOCAL_TEXT_SCHEMA)]
IsoDate = Annotated[
    str,
    PlainValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
Year = Annotated[int, Field(ge=1947, le=2100)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=300)]
Keyword = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[^A-Z]+$")]
MAX_TAGS = 20
MAX_TAG_LENGTH = 40
# Tags are only typed here: builder.validate.checks.text_safety checks their count, length, case and
# reserved names, so each bad tag gets one AGK208/AGK209 diagnostic rather than a second one
# from the schema. The JSON Schema still states the limits for editors.
Tag = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_TAG_LENGTH,
            "pattern": r"^[^A-Z]+$",
            "not": {"const": "index"},
        }
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Author(_Strict):
    """A person or team credited with writing the case."""

    name: Text
    affiliation: LocalText | None = None


class SectorEntry(_Strict):
    """A sector id with an optional sub-sector id."""

    sector: Id
    sub_sector: Id | None = None


class Metric(_Strict):
    """A measured result: indicator, baseline and result."""

    indicator: LocalText
    baseline: float | None = None
    result: float | None = None
    unit: Text | None = None
    year: Year | None = None
    source: LocalText | None = None


class Cover(_Strict):
    """The cover image, a file in media/."""

    image: Text
    alt: LocalText = Field(description="What the image shows, for readers who cannot see it.")
    credit: Text | None = None


class Attachment(_Strict):
    """A downloadable file in media/."""

    file: Text
    title: LocalText


class CaseMeta(_Strict):
    """The language-neutral metadata of one case study (`case.yaml`)."""

    type: Id = Field(description="Case type: lesson-drawing, decision-forcing or caselet.")
    original_language: str = Field(description="Language the case was written in.")
    states: list[str] = Field(description="ISO 3166-2:IN codes without 'IN-'; empty if national.")
    level: Id = Field(description="Level of government.")
    sectors: list[SectorEntry] = Field(min_length=1)
    sdgs: list[Annotated[int, Field(ge=1, le=17)]] = Field(
        description="Sustainable Development Goals 1-17 (may be empty)."
    )
    year: Year = Field(description="Year the intervention began.")
    year_end: Year | None = None
    organisation: LocalText = Field(description="Who implemented it.")
    authors: list[Author] = []
    districts: list[Text] = []
    tags: list[Tag] = Field(
        default=[], description="Free lowercase keywords.", json_schema_extra={"maxItems": MAX_TAGS}
    )
    competencies: list[Keyword] = []
    case_number: Annotated[str, Field(pattern=r"^[0-9A-Za-z]+(/[0-9A-Za-z]+)*$", max_length=40)] | None = None
    published: IsoDate | None = None
    updated: IsoDate | None = None
    license: str | None = Field(default=None, description="SPDX licence id.")
    metrics: list[Metric] = []
    cover: Cover | None = None
    attachments: list[Attachment] = []
    related: list[Id] = []
    sample: bool = Field(default=False, description="True for demonstration content.")


class NarrativeFront(_Strict):
    """Front matter of a narrative `<lang>.md`."""

    title: Annotated[str, Field(min_length=1, max_length=150)]
    summary: Annotated[str, Field(min_length=1, max_length=600)]
    translated_from: str | None = None
    source_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{16,64}$")] | None = None


class TeachingNoteFront(_Strict):
    """Front matter of a teaching note `teaching-note.<lang>.md`."""

    title: Annotated[str, Field(min_length=1, max_length=150)]
    summary: Annotated[str, Field(min_length=1, max_length=600)] | None = None
    translated_from: str | None = None
    source_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{16,64}$")] | None = None
