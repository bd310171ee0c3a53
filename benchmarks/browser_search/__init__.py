"""Browser-search benchmark: our sharded search, Material's lunr and Pagefind on the same site.

    python -m benchmarks.browser_search --sizes 1000,5000 [--systems ours,lunr,pagefind] [--work DIR]

For each size, one synthetic collection (N cases x en+hi) is built with `agk build`; Material's
lunr search is built from the same generated MkDocs projects, and Pagefind indexes the HTML agk
wrote. A headless Chromium then types the same queries into each system from a fresh context,
over HTTP and from file://, and records bytes fetched, time to results, main-thread long tasks
and the index size on disk. Results: a Markdown table on stdout and benchmarks/out/browser_search.json.
"""
