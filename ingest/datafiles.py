"""Packaged data files (rules, vocabularies): JSON or YAML, validated by a pydantic model at load.

Every stage loads its data files through here, so a broken file fails the same way everywhere: a
`ConfigurationError` naming the file and what is wrong with it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ingest.errors import ConfigurationError

M = TypeVar("M", bound=BaseModel)


def load_data(path: Path, model: type[M]) -> M:
    """Parse `path` (YAML unless it ends in .json) and validate it with `model`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigurationError(f"Data file {path} is missing; reinstall oncoguide.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"Data file {path} cannot be read: {exc}") from exc
    try:
        raw = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ConfigurationError(f"Data file {path} is not valid JSON: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"Data file {path} is not valid YAML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ConfigurationError(f"Data file {path} is invalid: {exc}") from exc


def load_json(name: str, model: type[M], directory: Path) -> M:
    """`load_data(directory / name, model)`: the form the vocabularies and rule modules use."""
    return load_data(Path(directory) / name, model)
