"""The catalogue of diagnostic codes: stable ids, severities and explanations."""

from __future__ import annotations

from dataclasses import dataclass

from builder.diagnostics.diagnostic import Diagnostic, Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True)
class Code:
    """One catalogue entry; `code` never changes meaning once published."""

    code: str
    severity: Severity
    title: str
    explanation: str


_ENTRIES = (
    # AGK0xx: layout and files
    Code(
        "AGK001",
        E,
        "invalid case folder name",
        "A case folder name is the case's permanent URL: 3–80 characters of lowercase ASCII "
        "letters and digits in groups joined by single hyphens, e.g. `up-nivesh-mitra`.",
    ),
    Code(
        "AGK002",
        E,
        "case.yaml is missing",
        "Every case folder needs a `case.yaml` with the case's metadata.",
    ),
    Code(
        "AGK003",
        E,
        "unexpected file",
        "A case folder holds only `case.yaml`, `<lang>.md`, `teaching-note.<lang>.md` and a "
        "`media/` folder. Other files are not published; move media into `media/`.",
    ),
    Code(
        "AGK004",
        E,
        "file name is not in Unicode NFC",
        "File names must be NFC-normalised so that they are the same file on every system.",
    ),
    Code(
        "AGK005",
        E,
        "file names differ only in letter case",
        "Two names that differ only in case collide on Windows and macOS checkouts.",
    ),
    Code(
        "AGK006",
        E,
        "file too large",
        "Files have size limits (case.yaml 256 kB, narratives 2 MB, images 2 MB, PDFs 10 MB, "
        "media folder 25 MB) so that pages stay light on slow networks.",
    ),
    Code(
        "AGK007",
        E,
        "file is not valid UTF-8",
        "Text files must be UTF-8 (a byte-order mark is tolerated). Save the file as UTF-8.",
    ),
    Code(
        "AGK008",
        E,
        "no narrative",
        "A case needs at least one narrative file `<lang>.md`, e.g. `en.md` or `hi.md`.",
    ),
    Code(
        "AGK009",
        E,
        "not a case study",
        "The path given to `agk validate` is not inside a case folder under `case_studies/`.",
    ),
    Code(
        "AGK010",
        W,
        "unreferenced media file",
        "A file in `media/` is not used by case.yaml or any narrative; remove it or link it.",
    ),
    Code(
        "AGK011",
        E,
        "invalid taxonomy file",
        "A taxonomy data file under `case_studies/_taxonomies/` is malformed.",
    ),
    Code(
        "AGK012",
        W,
        "hidden or system file",
        "Hidden files (names starting with a dot) are ignored and should not be committed.",
    ),
    Code(
        "AGK013",
        E,
        "media file name not portable",
        "Media file names become parts of web addresses and of offline zip files: no `#`, `?`, "
        "`%`, control, bidi or invisible characters, no Windows device names (`con`, `aux`, "
        '`nul`, `com1`…), no characters Windows refuses (`<>:"|*\\`), no trailing dot or space.',
    ),
    Code(
        "AGK014",
        E,
        "search alias names two values",
        "Aliases in `case_studies/_taxonomies/aliases/<lang>.yaml` are other names readers type for "
        "a state, sector, level, case type or SDG. Search compares names as it compares words "
        "(case, accents, spaces and hyphens ignored), so an alias that reads like another value's "
        "code, label or alias of the same facet would send readers to the wrong cases. Remove it, or "
        "make it name one value only.",
    ),
    # AGK1xx: schema of case.yaml and front matter
    Code(
        "AGK101",
        E,
        "YAML syntax error",
        "The file is not valid YAML. The position points where the parser gave up.",
    ),
    Code(
        "AGK102",
        E,
        "document is not a mapping",
        "case.yaml and front matter must each be one YAML mapping of `key: value` lines.",
    ),
    Code(
        "AGK103",
        E,
        "duplicate key",
        "A key appears twice in the same mapping; YAML would silently keep only one.",
    ),
    Code(
        "AGK104",
        E,
        "required key missing",
        "A required key is absent (see the content format for the list).",
    ),
    Code("AGK105", E, "unknown key", "The key is not part of the format; it is probably misspelt."),
    Code(
        "AGK106",
        E,
        "wrong type",
        "The value has the wrong type. Values are never converted silently: `NO` stays text, "
        "`0123` stays text, `10:30` stays text. Write `true`/`false`, plain numbers, or quote "
        "text that looks like something else.",
    ),
    Code(
        "AGK107",
        E,
        "invalid value",
        "The value has the right type but breaks a rule: a length, a range or a pattern.",
    ),
    Code(
        "AGK108",
        E,
        "invalid date",
        "Dates are written `YYYY-MM-DD` and must exist in the calendar (no 2024-02-30).",
    ),
    Code(
        "AGK109",
        E,
        "front matter missing",
        "A narrative starts with YAML front matter between two `---` lines holding at least "
        "`title` and `summary`.",
    ),
    Code("AGK110", E, "states required", "`states` may be empty only when `level` is `national`."),
    Code("AGK111", E, "inconsistent years", "`year_end` cannot be earlier than `year`."),
    # AGK2xx: vocabularies
    Code(
        "AGK201",
        E,
        "unknown case type",
        "`type` must be one of the case types in `_taxonomies/case_types.yaml`.",
    ),
    Code(
        "AGK202",
        E,
        "unknown language",
        "Language codes are `en` or one of the 22 scheduled languages of India "
        "(as bn brx doi gu hi kn kok ks mai ml mni mr ne or pa sa sat sd ta te ur).",
    ),
    Code(
        "AGK203",
        E,
        "unknown state or union territory",
        "States are ISO 3166-2:IN codes without the `IN-` prefix, e.g. `UP`, `TN`, `DL`.",
    ),
    Code("AGK204", E, "unknown sector", "Sectors come from `_taxonomies/sectors.yaml`."),
    Code(
        "AGK205",
        E,
        "unknown sub-sector",
        "A sub-sector must belong to the sector it is listed under in `sectors.yaml`.",
    ),
    Code(
        "AGK206",
        E,
        "unknown level of government",
        "`level` is one of the levels in `_taxonomies/levels.yaml`.",
    ),
    Code(
        "AGK207",
        E,
        "licence not allowed",
        "`license` is one of the SPDX identifiers listed in `_taxonomies/licenses.yaml`.",
    ),
    Code(
        "AGK208",
        E,
        "too many tags",
        "A case has at most 20 tags: each tag is a page in every language, so long tag lists "
        "multiply the size of the site.",
    ),
    Code(
        "AGK209",
        E,
        "invalid tag",
        "A tag is 1–40 characters of lowercase text with at least one letter or digit; "
        "`index` is reserved for the list of all tags.",
    ),
    # AGK3xx: narrative Markdown
    Code(
        "AGK301",
        E,
        "required section missing",
        "Each case type requires sections, found by their explicit heading ids "
        "(`## पृष्ठभूमि {#context}`). The ids are the same in every language.",
    ),
    Code(
        "AGK302",
        W,
        "heading without an explicit id",
        "Give every `##` heading an id such as `{#context}` so that its anchor is stable in "
        "every script and language.",
    ),
    Code(
        "AGK303",
        E,
        "duplicate heading id",
        "Two headings in one file have the same id; anchors must be unique.",
    ),
    Code(
        "AGK304",
        E,
        "invalid heading id",
        "Heading ids are lowercase ASCII words joined by hyphens, e.g. `{#study-questions}`.",
    ),
    Code(
        "AGK305",
        W,
        "level-one heading in the body",
        "The page title comes from the front matter `title`; start sections at `##`.",
    ),
    Code(
        "AGK306",
        E,
        "attribute not allowed",
        "Attribute lists may set only `#id` and `.class`; other attributes (style, lang, …) "
        "are not published.",
    ),
    Code(
        "AGK307",
        W,
        "sections out of order",
        "Required sections appear in a different order than the case type defines.",
    ),
    Code(
        "AGK308",
        E,
        "id or class not allowed",
        "Ids and classes in `{: }` attribute lists, wherever they appear (headings in lists and "
        "quotes too), are lowercase ASCII words joined by hyphens, and must not name ids or classes "
        "that the site's own pages and scripts use (`agk-…`, `md-…`, `__…`, `search`, …).",
    ),
    Code(
        "AGK309",
        E,
        "Markdown too deeply nested or too large to render",
        "Deeply nested brackets, lists or quotes make Markdown rendering slow or impossible (its "
        "cost grows faster than the text, and very deep nesting exhausts the renderer). Brackets "
        "nest at most 8 deep in a paragraph; lists and quotes at most 12 levels; a line holds at "
        "most 16,000 characters and a file at most 20,000 blocks (paragraphs, headings, rules). "
        "`agk build` reports any other Markdown it cannot render with this code too, and stops with the "
        "previous site in place.",
    ),
    Code(
        "AGK310",
        W,
        "character with no Braille in its language's table",
        "Reported by `agk validate --braille` (and counted in the summary of `agk build`): a "
        "character of a narrative or teaching note that the liblouis table of its language has no "
        "Braille for, such as ₹ in English and Hindi. The Braille-ready "
        "file shows it as `\\x` and its hexadecimal code, which a Braille reader cannot make "
        'sense of: write it out in words ("rupees") or use a character the table knows.',
    ),
    # AGK4xx: cross-file consistency
    Code(
        "AGK401",
        E,
        "original narrative missing",
        "`original_language` names a language whose `<lang>.md` does not exist.",
    ),
    Code(
        "AGK402",
        E,
        "translation source missing",
        "`translated_from` names a language that has no narrative in this case.",
    ),
    Code(
        "AGK403",
        E,
        "original marked as a translation",
        "The narrative in `original_language` cannot have `translated_from`, and a "
        "translation cannot be translated from itself.",
    ),
    Code(
        "AGK404",
        E,
        "unknown related case",
        "`related` lists ids of other case folders; this one does not exist.",
    ),
    Code(
        "AGK405",
        E,
        "referenced file missing",
        "A cover, attachment, image or link points to a file that does not exist.",
    ),
    Code("AGK406", E, "duplicate case number", "Two cases carry the same `case_number`."),
    Code(
        "AGK407",
        E,
        "wrong kind of file",
        "Covers and images must be PNG, JPEG or WebP; attachments PNG, JPEG, WebP or PDF; "
        "local links may point only into `media/`.",
    ),
    Code(
        "AGK408",
        W,
        "translation without source hash",
        "A translation should record `source_hash`, the fingerprint of its source narrative "
        "(`python -m builder.source.fingerprint <source>.md`), so that the site can tell readers when "
        "it is older than its source.",
    ),
    Code(
        "AGK409",
        W,
        "teaching note without narrative",
        "A teaching note exists in a language that has no narrative of the case.",
    ),
    Code(
        "AGK420",
        W,
        "near-duplicate case study",
        "A narrative of this case is very similar to a narrative of another case (an estimated "
        "0.8 or more of their word sequences are shared): a resubmission, or a copy to rewrite.",
    ),
    # AGK6xx: Word and OpenDocument files (agk import); the line of a diagnostic is the
    # paragraph number in the document, counted in reading order (table cells included).
    Code(
        "AGK601",
        E,
        "document cannot be read",
        "The file is not a Word (.docx) or OpenDocument (.odt) text document, or it is damaged, "
        "encrypted, macro-enabled (.docm), too large, or built to harm (a zip bomb, XML entities). "
        "Nothing is written. Open it in Word or LibreOffice and save it again as .docx or .odt, "
        "without a password or macros.",
    ),
    Code(
        "AGK602",
        E,
        "document has no title",
        "The title is the paragraph in the Title style, else the first Heading 1 that is not a "
        "section heading. Write the case's title on the first line in the Title style.",
    ),
    Code(
        "AGK603",
        E,
        "metadata table missing or row not understood",
        "The metadata is the first two-column table: one field per row, its name in the left "
        "cell (in English or the document's language, as in the template) and its value in the "
        "right cell. A row whose name is not a field is not imported.",
    ),
    Code(
        "AGK604",
        E,
        "metadata value not understood",
        "A value in the metadata table is not a known state, language, case type, level, sector, "
        "SDG, year or date. Write the name or code as in the template (names in English or the "
        "document's language, codes such as UP); separate several values with commas.",
    ),
    Code(
        "AGK605",
        W,
        "heading is not a section of the case type",
        "Heading 1 paragraphs are the case type's sections, matched by their names in English "
        "or the document's language. Any other Heading 1 is kept as a heading without a section "
        "id; rename it to a section name, or make it a Heading 2 inside a section.",
    ),
    Code(
        "AGK606",
        E,
        "picture without a description",
        "Every picture needs a description for readers who cannot see it: a caption right below "
        "it (Insert Caption) or the picture's alt text.",
    ),
    Code(
        "AGK607",
        E,
        "linked picture not imported",
        "The picture is a link to a file elsewhere (on a web server or another disk), which is "
        "never fetched. Insert the picture itself into the document.",
    ),
    Code(
        "AGK608",
        E,
        "embedded object not imported",
        "Embedded objects (spreadsheets, OLE objects, charts, equations, text boxes, nested "
        "tables) are not imported. Paste their content as text or a table, or a chart as a picture.",
    ),
    Code(
        "AGK609",
        E,
        "tracked change",
        "The document has tracked changes that nobody accepted or rejected. The import shows "
        "insertions and leaves out deletions, but a reviewer has to decide: accept or reject all "
        "changes (Review → Accept / Reject) and import again.",
    ),
    Code(
        "AGK610",
        W,
        "comment not imported",
        "Comments are not part of the case study and are not imported. Resolve them and delete "
        "them before importing.",
    ),
    # AGK5xx: safety and privacy
    Code(
        "AGK501",
        E,
        "YAML anchor or alias",
        "Anchors (`&a`) and aliases (`*a`) are refused: they allow exponential expansion "
        '("billion laughs") and hide where values come from.',
    ),
    Code(
        "AGK502",
        E,
        "YAML tag",
        "Explicit tags such as `!!python/object` or `!!binary` are refused.",
    ),
    Code(
        "AGK503",
        E,
        "nesting too deep",
        "The document nests collections deeper than 20 levels; it is refused before parsing.",
    ),
    Code(
        "AGK504",
        E,
        "symbolic link",
        "Symbolic links are refused: they can point outside the repository.",
    ),
    Code(
        "AGK505",
        E,
        "path leaves the case folder",
        "A referenced path is absolute or climbs out of the case folder with `..`.",
    ),
    Code(
        "AGK506",
        E,
        "content does not match file type",
        "The file's bytes do not match its extension (checked by magic bytes).",
    ),
    Code(
        "AGK507",
        E,
        "active content in PDF",
        "The PDF contains JavaScript, launch actions or embedded files.",
    ),
    Code(
        "AGK508",
        E,
        "bidi control or invisible character",
        "Titles, summaries, tags, ids and file names may not contain bidirectional override or "
        "isolate controls (U+202A–202E, U+2066–2069) or invisible characters (zero-width space, "
        "word joiner, soft hyphen, BOM…): they make text read differently from how it is stored. "
        "ZWJ and ZWNJ, which Indian scripts need, are allowed.",
    ),
    Code(
        "AGK510",
        E,
        "raw HTML",
        "Narratives are Markdown only; raw HTML tags and comments are not published.",
    ),
    Code(
        "AGK511",
        E,
        "unsafe link",
        "Links may use https, http or mailto, or point to a file in `media/`; "
        "`javascript:`, `data:` and other schemes are refused.",
    ),
    Code(
        "AGK512",
        E,
        "event-handler attribute",
        "Attributes such as `onclick` run scripts in readers' browsers and are refused.",
    ),
    Code(
        "AGK520",
        E,
        "Aadhaar number",
        "The text contains a valid Aadhaar number (12 digits passing the Verhoeff check). "
        "Remove personal identifiers.",
    ),
    Code(
        "AGK521",
        E,
        "PAN",
        "The text contains a Permanent Account Number. Remove personal identifiers.",
    ),
    Code(
        "AGK522",
        W,
        "phone number",
        "The text contains what looks like a phone number; publish office numbers only if "
        "they are meant to be public.",
    ),
    Code(
        "AGK523",
        W,
        "personal e-mail address",
        "The text contains an e-mail address at a personal mail provider.",
    ),
)

CATALOGUE: dict[str, Code] = {entry.code: entry for entry in _ENTRIES}


def problem(code: str, path: str, line: int, col: int, message: str, hint: str = "") -> Diagnostic:
    """Make a diagnostic whose severity comes from the catalogue."""
    return Diagnostic(path, line, col, code, CATALOGUE[code].severity, message, hint)
