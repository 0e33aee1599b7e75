"""Reading articles and the text utilities every stage shares."""

from __future__ import annotations

from .normalize import name_keys, normalize_name

__all__ = ["name_keys", "normalize_name"]
