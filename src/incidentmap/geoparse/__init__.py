"""Geoparsing: find the places an article mentions and resolve them to gazetteer entries.

:class:`Geoparser` ties the :class:`~.recognize.Recognizer` (names, demonyms,
abbreviations, datelines, and the rules that tell them from persons and
organisations) to the :class:`~.resolve.Resolver` (evidence-scored candidates).
"""

from __future__ import annotations

from .parser import Geoparser

__all__ = ["Geoparser"]
