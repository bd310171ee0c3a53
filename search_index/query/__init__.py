"""Querying the whoosh index (`agk search`): plan, score, count facets, rank, snippet.

planning   the words of a query as clauses of alternatives (index terms, prefixes, stop words)
facets     filters as required index terms; facet value counts over the matching cases
scoring    one-pass BM25F scoring, to the bit as whoosh scores the plan's whoosh query
matches    the scored matches per segment and the columns describing them
hits       the best cases, one narrative each, in score, id and language order
snippets   the best window of a text around the matched words
results    Hit and SearchResults, what a search returns
searching  search(): all of the above against the index in use
"""
