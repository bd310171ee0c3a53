"""The browser index: `agk search` exported as static, script-loaded files, and its query side.

export            write_static_index: every file of the browser index, replaced whole
postings          per term and field postings, cut into term-ordered shards
meta              meta.js: fields, shard boundaries, per-document columns, ranking constants
analysis_payload  analysis.js: the analysis data as the browser reads it
casefold_table    the table that makes the browser's toLowerCase() Python's str.casefold()
snowball_scripts  the script and class of each Snowball stemmer the browser loads
script_files      the file format: JavaScript calling __agkSearch(name, data)
varint            the compact text encoding of integers in those files
assets/           engine.js (the query side in the browser) and the Snowball stemmers
"""
