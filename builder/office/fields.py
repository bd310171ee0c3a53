"""The metadata table of a Word case study: its fields, their names, and their values both ways.

One row per field: the field's name in the left cell (in any shipped language, as the UI strings
give it, or its English key), the value in the right cell. Values are read by id, code or name in
any language (`model.names`), lists split at commas, semicolons and lines; `value_text` writes
them back as "label (id)", which reads well in Word and reads back unambiguously.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from builder.model.names import fold_name, named
from builder.model.taxonomy import LANGUAGE_CODES, Taxonomy, language_names
from builder.render.strings import Strings
from builder.validate.checks.privacy import ascii_digits

_T = TypeVar("_T")
_SPLIT = re.compile(r"\s*(?:[,;،؛\n]|\s\|\s)\s*")
_PARENS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$", re.S)
_DATE_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


@dataclass(frozen=True)
class Field:
    """A row of the metadata table: the case.yaml key, the UI strings naming it, how to read it."""

    key: str
    strings: tuple[str, ...]
    english: tuple[str, ...]
    kind: str
    required: bool = False


FIELDS = (
    Field("id", ("field_case_id",), ("id", "case id", "folder"), "id"),
    Field("type", ("type",), ("case type", "type"), "type", True),
    Field("original_language", ("field_original_language",), ("language",), "language", True),
    Field("summary", ("summary",), ("summary",), "text", True),
    Field("states", ("state", "states"), ("state", "states", "state/ut"), "states", True),
    Field("level", ("level",), ("level",), "level", True),
    Field("sectors", ("sector", "sectors"), ("sector", "sectors"), "sectors", True),
    Field("sdgs", ("sdg",), ("sdg", "sdgs"), "sdgs", True),
    Field("year", ("year",), ("year", "year started"), "year", True),
    Field("year_end", ("field_year_end",), ("year end", "end year"), "year"),
    Field("organisation", ("organisation",), ("organisation", "organization"), "text", True),
    Field("authors", ("authors",), ("author", "authors"), "authors"),
    Field("districts", ("field_districts",), ("district", "districts"), "list"),
    Field("tags", ("tag",), ("tags", "keywords", "keyword"), "keywords"),
    Field("competencies", ("field_competencies",), ("competency", "competencies"), "keywords"),
    Field("case_number", ("case_number",), ("case number",), "text"),
    Field("published", ("published",), ("published", "date published"), "date"),
    Field("license", ("licence",), ("licence", "license"), "licence"),
)
BY_KEY = {field.key: field for field in FIELDS}


class ValueProblem(Exception):
    """A value that names nothing the field allows; the message says what was written."""


@cache
def _field_names() -> dict[str, str]:
    """Folded name -> field key, over every shipped language's UI strings and English keys."""
    found: dict[str, str] = {}
    for field in FIELDS:
        names = {field.key, *field.english}
        names |= {Strings(lang)(key) for lang in LANGUAGE_CODES for key in field.strings}
        for name in names:
            found.setdefault(fold_name(name), field.key)
    return found


def field_of(label: str) -> str | None:
    """The field a label cell names: its whole text, a line of it, or a part in or out of brackets.

    A part may also be the start of one field's name only ("राज्य" for "राज्य या केंद्र शासित
    प्रदेश"): people shorten the names of the template.
    """
    names = _field_names()
    parts = [fold_name(part) for part in (label, *label.splitlines(), *re.split(r"[()/\n]", label))]
    exact = next((names[part] for part in parts if part in names), None)
    if exact is not None:
        return exact
    for part in (p for p in parts if len(p) >= 4):
        starting = {key for name, key in names.items() if name.startswith(part)}
        if len(starting) == 1:
            return starting.pop()
    return None


def _candidates(text: str) -> list[str]:
    """A value as written, then the part in brackets ('Uttar Pradesh (UP)'), then the part before."""
    match = _PARENS.match(text)
    return [text, match.group(2), match.group(1)] if match else [text]


def _pick(text: str, resolve: Callable[[str], str | None]) -> str:
    for candidate in _candidates(text):
        if found := resolve(candidate.strip()):
            return found
    raise ValueProblem(text)


def split_items(text: str) -> list[str]:
    """Values separated by commas, semicolons or lines."""
    return [item for item in _SPLIT.split(text.strip()) if item]


def _each(text: str, resolve: Callable[[str], _T]) -> list[_T]:
    """Values separated by lines or semicolons, else by commas (a name may hold a comma)."""
    found: list[_T] = []
    for piece in (p for p in re.split(r"\s*[;؛\n]\s*", text.strip()) if p):
        try:
            found.append(resolve(piece))
        except ValueProblem:
            found += [resolve(item) for item in split_items(piece)]
    return found


@dataclass(frozen=True)
class Reader:
    """Reads the values of the metadata table against the taxonomies."""

    taxonomy: Taxonomy

    def _names(self, facet: str) -> Mapping[str, Sequence[str]]:
        return self.taxonomy.names.get(facet, {})

    def value(self, key: str, text: str) -> object:
        """The case.yaml value of a field from its cell text; ValueProblem names a part not understood."""
        kind = BY_KEY[key].kind
        text = text.strip()
        if kind in ("type", "level"):
            return _pick(text, lambda t: named(self._names(kind), t))
        if kind == "language":
            return _pick(text, lambda t: named(language_names(), t))
        if kind == "licence":
            return _pick(text, lambda t: named(dict.fromkeys(self.taxonomy.licences, ()), t))
        if kind == "states":
            return self._states(text)
        if kind == "sectors":
            return _each(text, self._sector)
        if kind == "sdgs":
            return [self._sdg(item) for item in split_items(text)]
        if kind == "year":
            return self._year(text)
        if kind == "date":
            return self._date(text)
        if kind == "authors":
            return [self._author(line) for line in re.split(r"\s*[\n;]\s*", text) if line]
        if kind in ("list", "keywords"):
            items = split_items(text)
            return [item.lower() for item in items] if kind == "keywords" else items
        return " ".join(text.split())

    def _states(self, text: str) -> list[str]:
        national = {fold_name(self.taxonomy.label("levels.national", lang)) for lang in self.taxonomy.labels}
        items = [item for item in split_items(text) if fold_name(item) not in national | {"", "none", "na"}]
        return _each("\n".join(items), lambda item: _pick(item, lambda t: named(self._names("state"), t)))

    def _sector(self, item: str) -> dict[str, str]:
        """'Health', 'Health / Telemedicine', 'स्वास्थ्य (health)' or 'health/telemedicine'."""
        for candidate in _candidates(item):
            parts = re.split(r"\s*[/>:]\s*", candidate, maxsplit=1)
            sector = named(self._names("sector"), parts[0])
            if sector is None:
                continue
            if len(parts) == 1:
                return {"sector": sector}
            labels = self.taxonomy.labels.values()
            subs = {
                sub: [names.get(f"sub_sectors.{sector}.{sub}", "") for names in labels]
                for sub in self.taxonomy.sectors[sector]
            }
            if sub := named(subs, parts[1]):
                return {"sector": sector, "sub_sector": sub}
        raise ValueProblem(item)

    def _sdg(self, item: str) -> int:
        digits = ascii_digits(re.sub(r"^\s*(?:sdg|goal)\s*", "", item, flags=re.I))
        if digits.isdigit() and 1 <= int(digits) <= 17:
            return int(digits)
        return int(_pick(item, lambda t: named(self._names("sdg"), t)))

    def _year(self, text: str) -> int:
        digits = ascii_digits(text)
        if re.fullmatch(r"\d{4}", digits):
            return int(digits)
        raise ValueProblem(text)

    def _date(self, text: str) -> str:
        digits = ascii_digits(text)
        if match := _DATE_DMY.match(digits):
            digits = f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}"
        try:
            return dt.date.fromisoformat(digits).isoformat()
        except ValueError:
            raise ValueProblem(text) from None

    def _author(self, line: str) -> dict[str, str]:
        """'Name (Affiliation)'; the affiliation may hold brackets of its own."""
        name, bracket, rest = line.partition(" (")
        if bracket and rest.endswith(")") and name.strip():
            return {"name": name.strip(), "affiliation": rest[:-1].strip()}
        return {"name": line.strip()}


@dataclass(frozen=True)
class Writer:
    """Writes case.yaml values as cell text in one language: 'label (id)' where an id is meant."""

    taxonomy: Taxonomy
    lang: str

    def value(self, key: str, value: object) -> str:
        """The cell text of a field's value."""
        kind = BY_KEY[key].kind
        tax, lang = self.taxonomy, self.lang
        if kind == "type":
            return f"{tax.label(f'case_types.{value}', lang)} ({value})"
        if kind == "level":
            return f"{tax.label(f'levels.{value}', lang)} ({value})"
        if kind == "language":
            return f"{tax.languages[str(value)].native_name} ({value})"
        if kind == "states":
            return ", ".join(f"{tax.state_name(str(s), lang)} ({s})" for s in _list(value))
        if kind == "sectors":
            return "\n".join(self._sector(entry) for entry in _list(value))
        if kind in ("sdgs", "list", "keywords"):
            return ", ".join(str(item) for item in _list(value))
        if kind == "authors":
            return "\n".join(self._author(author) for author in _list(value))
        return self._text(value)

    def _text(self, value: object) -> str:
        if isinstance(value, dict):
            return str(value.get(self.lang) or value.get("en") or next(iter(value.values()), ""))
        return str(value)

    def _sector(self, entry: object) -> str:
        if not isinstance(entry, dict):
            return str(entry)
        sector, sub = str(entry.get("sector")), entry.get("sub_sector")
        label = self.taxonomy.label(f"sectors.{sector}", self.lang)
        if sub is None:
            return f"{label} ({sector})"
        sub_label = self.taxonomy.label(f"sub_sectors.{sector}.{sub}", self.lang)
        return f"{label} / {sub_label} ({sector}/{sub})"

    def _author(self, author: object) -> str:
        if not isinstance(author, dict):
            return str(author)
        affiliation = author.get("affiliation")
        return f"{author.get('name')} ({self._text(affiliation)})" if affiliation else str(author.get("name"))


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
