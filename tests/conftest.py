"""Shared test fixtures. Tests never read ../shared: a fresh machine has none."""
