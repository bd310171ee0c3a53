"""Entry point of `python -m benchmarks.browser_search`."""

from __future__ import annotations

from benchmarks.browser_search.run import main

if __name__ == "__main__":
    main()
