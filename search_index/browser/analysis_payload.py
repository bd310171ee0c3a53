"""analysis.js: the analysis data compiled for the browser (the values the Python side uses).

Besides the data files this carries what Python takes from its own libraries: the casefold
table (casefold_table) and the Snowball class and script of each algorithm (snowball_scripts).
"""

from __future__ import annotations

from typing import Any

from search_index.analysis.analyser import word_rules
from search_index.analysis.language_data import LanguageRules, Stemmer, load_analysis_data
from search_index.browser.casefold_table import casefold_payload
from search_index.browser.snowball_scripts import snowball_scripts
from search_index.lexicon.romanisation import romanisation_payload


def _stemmer_data(stemmer: Stemmer) -> dict[str, Any]:
    """Return a stemmer specification as plain data for the browser."""
    if stemmer.method == "snowball":
        return {"method": "snowball", "algorithm": stemmer.algorithm, "repeat": stemmer.repeat}
    if stemmer.method == "suffix":
        stages = [
            {
                "after_strip_only": stage.after_strip_only,
                "rules": [[rule.suffix, list(rule.replacements), rule.min_stem] for rule in stage.rules],
            }
            for stage in stemmer.stages
        ]
        return {"method": "suffix", "stages": stages}
    return {"method": "none"}


def _language_data(rules: LanguageRules) -> dict[str, Any]:
    """Return one language's rules (stop words already folded, as the Python side uses them)."""
    folded = word_rules(rules.code)
    return {
        "script": rules.script,
        "stopwords": sorted(folded.stopwords),
        "word_final": [[rule.source, rule.target] for rule in rules.word_final],
        "stemmer": _stemmer_data(rules.stemmer),
    }


def analysis_payload() -> dict[str, Any]:
    """Return the analysis data compiled for the browser (the same values the Python side uses)."""
    data = load_analysis_data()
    return {
        "fingerprint": data.fingerprint,
        "scripts": [
            {
                "name": script.name,
                "ranges": [list(span) for span in script.ranges],
                "default": script.default_language,
            }
            for script in data.scripts
        ],
        "between_letters": [[rule.script, rule.source, rule.target] for rule in data.between_letters],
        "passes": [[[rule.source, rule.target] for rule in step] for step in data.passes],
        "digit_zeros": list(data.digit_zeros),
        "casefold": casefold_payload(),
        "languages": {code: _language_data(rules) for code, rules in sorted(data.languages.items())},
        "snowball": snowball_scripts(data),
        "romanisation": romanisation_payload(),
    }
