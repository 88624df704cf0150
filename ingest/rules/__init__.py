"""Data files: the rules ingest applies (validated when loaded)."""
