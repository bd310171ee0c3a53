"""Load stage: case folders read from disk into plain, position-aware sources."""
