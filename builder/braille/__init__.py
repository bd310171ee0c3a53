"""Braille-ready files (BRF) of narratives and teaching notes, translated with liblouis."""
