"""What engine.js's analysis must treat exactly as Python's: texts and words, generated or collected.

Texts are compared folded and split into words; short texts (words, mostly) are compared term by
term in every language analyser. test_analysis_in_node runs them all through engine.js in Node,
test_engine a part of them in Chromium.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from search_index.analysis.language_data import AnalysisData, Script
from search_index.analysis.tokens import WORD_PATTERN
from search_index.documents import SearchDocument
from tests.search_index.analysis.test_analyser import ALL_WORDS
from tests.search_index.search_fixtures import load_json

SAMPLES = Path(__file__).resolve().parents[3] / "case_studies"
ZWJ, ZWNJ = "\u200d", "\u200c"

# Words whose analysis both sides must agree on, beyond the corpus: inflections, variants.
EXTRA_WORDS = [
    "योजनाओं", "योजनाएँ", "प्लेटफ़ॉर्म", "प्लेटफॉर्म", "हिन्दी", "हिंदी", "दु:ख", "अधिकारियों", "जिलों",
    "trainings", "organisations", "running", "Straße", "ﬁnance", "অফিসারদের", "জেলাগুলির", "அலுவலர்களுக்கு",
    "பள்ளிகளில்", "జిల్లాలో", "ಜಿಲ್ಲೆಯಲ್ಲಿ", "ജില്ലയിൽ", "જિલ્લામાં", "ਜ਼ਿਲ੍ਹੇ", "ଜିଲ୍ଲାରେ", "ضلعوں", "کِتاب",
    "१२३", "৪৫", "मानसून२०२३", "जल\u200dसंरक्षण",
]  # fmt: skip
# Upper-case Greek ends words in final sigma when lower-cased; casefold() never does.
SIGMA_TEXTS = ["ΟΔΟΣ", "ΣΟΦΟΣ ΣΑΣ.", "Σ", "ΑΣ-ΑΣ", "ΌΣΟΣ\u0301Σ", "ΣΑΣ\u200dΣ"]


def unique(items: Iterable[str]) -> list[str]:
    """Return `items` without repeats, in first-seen order."""
    return list(dict.fromkeys(items))


def with_nfd(items: Iterable[str]) -> list[str]:
    """Return every item as given, in NFC and in NFD."""
    return unique(
        form for item in items for form in (item, *(unicodedata.normalize(n, item) for n in ("NFC", "NFD")))
    )


def casefold_characters() -> list[str]:
    """Return every character whose casefold() differs from its lower() (Python's Unicode data)."""
    return [char for char in map(chr, range(sys.maxunicode + 1)) if char.casefold() != char.lower()]


def casefold_words() -> list[str]:
    """Return each casefold character alone, starting a word, inside one, and doubled in case."""
    words = [
        form
        for char in casefold_characters()
        for form in (char, f"{char}ab", f"ab{char}s", char.upper() + char)
    ]
    return unique([*words, *SIGMA_TEXTS])


def _is_word_character(char: str) -> bool:
    """Return whether `char` is a letter, a mark or a decimal digit."""
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def script_characters(script: Script) -> list[str]:
    """Return the letters, marks and digits in the ranges of `script`."""
    chars = (chr(code) for low, high in script.ranges for code in range(low, high + 1))
    return [char for char in chars if _is_word_character(char)]


def _script_words(script: Script) -> list[str]:
    """Return every character of `script` after and before a letter, and joiners after viramas."""
    characters = script_characters(script)
    base = next(char for char in characters if unicodedata.category(char) in ("Lo", "Lu"))
    viramas = [char for char in characters if "VIRAMA" in unicodedata.name(char, "")]
    words = [form for char in characters for form in (base + char, char + base)]
    for virama, joiner in ((virama, joiner) for virama in viramas for joiner in (ZWJ, ZWNJ)):
        words += [
            base + virama + joiner + base,
            base + virama + joiner,
            joiner + base,
            f"{base} {joiner} {base}",
        ]
    return words


def _digit_words(data: AnalysisData) -> list[str]:
    """Return the ten digits of every digit script as numbers, glued to letters and mixed."""
    words: list[str] = []
    for zero in data.digit_zeros:
        digits = "".join(chr(zero + value) for value in range(10))
        words += [digits, f"मानसून{digits}", f"{digits}जल", f"1{digits[3]}2", f"{digits} {digits[::-1]}"]
    return words


def script_words(data: AnalysisData) -> list[str]:
    """Return the words built from every script of `data` (nukta letters, joiners, digits), NFC and NFD."""
    words = [word for script in data.scripts for word in _script_words(script)]
    return with_nfd([*words, *_digit_words(data)])


def narratives(corpus: list[SearchDocument]) -> list[str]:
    """Return the fixture corpus's texts and the sample narratives under case_studies/, whole."""
    texts = [part for document in corpus for part in (document.title, document.summary, document.text)]
    return texts + [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*/*.md"))]


def corpus_words(corpus: list[SearchDocument]) -> list[str]:
    """Return every distinct word of the fixture corpus and the samples, plus the extra words."""
    found = {
        word
        for text in narratives(corpus)
        for word in WORD_PATTERN.findall(unicodedata.normalize("NFC", text))
    }
    return sorted(found | set(with_nfd(EXTRA_WORDS)))


def relevance_queries() -> list[str]:
    """Return the queries of the relevance table (asked of both sides by test_engine)."""
    table = load_json("relevance.json")["languages"]
    return unique(row["query"] for rows in table.values() for row in rows)


def assigned_characters() -> list[str]:
    """Return every code point Python's Unicode data assigns (not private use), 256 to a text."""
    chars = [chr(code) for code in range(sys.maxunicode + 1)]
    kept = [char for char in chars if unicodedata.category(char) not in ("Cn", "Co", "Cs")]
    return [" ".join(kept[start : start + 256]) for start in range(0, len(kept), 256)]


def short_texts(corpus: list[SearchDocument], data: AnalysisData) -> list[str]:
    """Return the inputs compared term by term in every analyser."""
    generated = [*casefold_words(), *script_words(data), *with_nfd(ALL_WORDS), *relevance_queries()]
    return unique([*corpus_words(corpus), *generated])
