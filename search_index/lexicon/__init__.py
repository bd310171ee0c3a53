"""The lexicon: keys that lead from a misspelt or romanised query word to index terms."""
