"""The Snowball stemmers the browser loads: per algorithm, its vendored script and class name.

The Python side stems with the snowballstemmer package; the browser with the JavaScript the
same Snowball release generates (assets/snowball/README.md). Snowball names a stemmer's class
alike in both (EnglishStemmer), so the name is read from the Python class, and the script must
be vendored for every algorithm the analysis data uses: export fails otherwise.
"""

from __future__ import annotations

from pathlib import Path

import snowballstemmer

from search_index.analysis.language_data import AnalysisData

# export.ASSETS_DIR (export imports this module through analysis_payload).
_ASSETS = Path(__file__).resolve().parent / "assets"


def snowball_file(algorithm: str) -> str:
    """Return the path, relative to the browser index, of the script of `algorithm`."""
    return f"snowball/{algorithm}-stemmer.js"


def snowball_class(algorithm: str) -> str:
    """Return the name of the class that stems with `algorithm` (Python's and the script's)."""
    return type(snowballstemmer.stemmer(algorithm)).__name__


def snowball_scripts(data: AnalysisData) -> dict[str, dict[str, str]]:
    """Return {algorithm: {"class": name, "file": path}} of every Snowball algorithm in `data`."""
    stemmers = [rules.stemmer for rules in data.languages.values()]
    algorithms = sorted({stemmer.algorithm for stemmer in stemmers if stemmer.method == "snowball"})
    for algorithm in algorithms:
        script = _ASSETS / snowball_file(algorithm)
        if not script.is_file():
            raise FileNotFoundError(f"{algorithm!r} stemming needs a browser stemmer in {script}")
    return {name: {"class": snowball_class(name), "file": snowball_file(name)} for name in algorithms}
