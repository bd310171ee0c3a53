"""Contributor Markdown as a library: lexical scan, rules, limits, and rendering to inert HTML."""
