"""Amrit Gyan Kosh: validate case studies and build the multilingual site."""
