"""What contributor text may contain: shared by validation (which refuses) and rendering (which
makes inert whatever slips through), so both apply the same rules.

- Ids and classes: contributors may not name ids or classes that the theme (Material: `md-…`,
  `__…`), our pages and scripts (`agk-…`, the case page's own sections) or teaching notes
  (`tn-…`) use: an element carrying one could stand in for the page's own (DOM clobbering).
- Characters: bidi controls and invisible characters make text display differently from how it
  is stored; the format characters Indian and Perso-Arabic scripts need stay allowed.
"""

from __future__ import annotations

import re

import regex

from builder.source.file_names import BIDI_CONTROLS

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PAGE_IDS = frozenset({"metrics", "teaching-note", "attachments", "related", "cite", "content", "search"})
RESERVED_PREFIXES = ("agk-", "md-", "tn-", "__")
RESERVED_CLASSES = frozenset({"headerlink", "toclink"})
_CLASS_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
# Names the tag listing uses for its own pages under tags/.
RESERVED_TAGS = frozenset({"index"})

# Format characters that scripts need: ZWNJ and ZWJ choose Indic conjunct forms; LRM, RLM and
# ALM keep numbers and Latin words in place inside Urdu, Sindhi and Kashmiri text.
ALLOWED_FORMAT = frozenset("\u200c\u200d\u200e\u200f\u061c")
# Invisible besides the format characters (category Cf: soft hyphen, ZWSP, word joiner, BOM…):
# the combining grapheme joiner, the Mongolian vowel separator (a space in older Unicode data) and
# the whole tag block, unassigned code points included.
_INVISIBLE = frozenset("\u034f\u180e") | {chr(code) for code in range(0xE0000, 0xE0080)}


def _escaped(chars: frozenset[str]) -> str:
    return "".join(f"\\U{ord(char):08x}" for char in sorted(chars))


# The characters refused in shown text (and dropped on output): the bidi controls archive names
# refuse, every format character and the invisibles above, less those that scripts need.
REFUSED = regex.compile(
    rf"[[\p{{Cf}}{_escaped(BIDI_CONTROLS | _INVISIBLE)}]--[{_escaped(ALLOWED_FORMAT)}]]", regex.V1
)


def allowed_id(name: str) -> bool:
    """Whether a contributor may give an element this id (not one the page or theme uses)."""
    return bool(ID_PATTERN.match(name)) and name not in PAGE_IDS and not name.startswith(RESERVED_PREFIXES)


def reserved_id(name: str) -> bool:
    """Whether an id, well-formed or not, names something the page or theme uses."""
    return name in PAGE_IDS or name.startswith(RESERVED_PREFIXES)


def allowed_class(name: str) -> bool:
    """Whether a contributor may give an element this class (not one the theme styles or scripts use)."""
    return (
        bool(_CLASS_PATTERN.match(name))
        and name not in RESERVED_CLASSES
        and not name.startswith(RESERVED_PREFIXES)
    )


def refused_in(text: str) -> list[str]:
    """The refused characters of `text`, each once, in order of appearance."""
    return list(dict.fromkeys(REFUSED.findall(text)))


def drop_refused(text: str) -> str:
    """`text` without its bidi controls and invisible characters."""
    return REFUSED.sub("", text)


def visible(text: str) -> str:
    """`text` with each refused character written as <U+XXXX>, safe to show in a message."""
    return REFUSED.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)
