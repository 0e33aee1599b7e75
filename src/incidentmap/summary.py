"""The run summary: what a run read, skipped and added, printed and kept as JSON.

Every ``incidentmap run`` writes ``run-summary.json`` beside its outputs and prints the
same figures: articles read, new and skipped as already processed (by an earlier run
into the same layer, or earlier in this run), incidents new, merged into existing ones
and in total, each by event type and by country.

Examples
--------
>>> counts = IncidentCounts()
>>> counts.add("new", "Protests", "IQ"); counts.add("new", "Protests", None)
>>> counts.add("total", "Protests", "IQ")
>>> counts.by_type["Protests"]
{'new': 2, 'merged': 0, 'total': 1}
>>> counts.by_country["unknown"]["new"]
1
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["SUMMARY_NAME", "ArticleCounts", "IncidentCounts", "RunReport"]

#: File name of the summary beside a run's outputs.
SUMMARY_NAME = "run-summary.json"

_KINDS = ("new", "merged", "total")


def _zero() -> dict[str, int]:
    return dict.fromkeys(_KINDS, 0)


@dataclass
class IncidentCounts:
    """Incidents new, merged into existing ones and in total, by type and by country."""

    new: int = 0
    merged: int = 0
    total: int = 0
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    by_country: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, kind: str, event_type: str, country: str | None, n: int = 1) -> None:
        """Count ``n`` incidents of ``kind`` (``new``, ``merged`` or ``total``)."""
        setattr(self, kind, getattr(self, kind) + n)
        self.by_type.setdefault(event_type, _zero())[kind] += n
        self.by_country.setdefault(country or "unknown", _zero())[kind] += n

    def add_frame(self, kind: str, frame: Any) -> None:
        """Count every row of an incident frame as ``kind``."""
        if not len(frame):
            return
        countries = frame["country_code"].astype(object).where(frame["country_code"].notna())
        pairs = zip(frame["event_type"].astype(str), countries, strict=True)
        for (event_type, country), n in _tally(pairs).items():
            self.add(kind, event_type, country, n)

    def add_incidents(self, kind: str, incidents: Iterable[Any]) -> None:
        """Count :class:`~incidentmap.model.Incident` objects as ``kind``."""
        for inc in incidents:
            self.add(kind, str(inc.event_type), inc.country_code)


def _tally(pairs: Iterable[tuple[str, str | None]]) -> dict[tuple[str, str | None], int]:
    out: dict[tuple[str, str | None], int] = {}
    for pair in pairs:
        out[pair] = out.get(pair, 0) + 1
    return out


@dataclass
class ArticleCounts:
    """Articles read, new (processed), skipped as seen, older than ``--since``, failed."""

    read: int = 0
    new: int = 0
    skipped_seen: int = 0
    skipped_since: int = 0
    problems: int = 0
    non_english: int = 0


@dataclass(frozen=True)
class RunReport:
    """The summary of one run.

    Parameters
    ----------
    articles, incidents
        The counts.
    layer
        The layer a ``--into`` run updated (``None`` for a run into a folder).
    run_id
        Identifies the run (also in the layer's ``processed_articles`` table).
    started
        When the run started (UTC, ISO 8601).
    inputs
        What the run read.
    outputs
        The files written.
    """

    articles: ArticleCounts
    incidents: IncidentCounts
    layer: str | None = None
    run_id: str | None = None
    started: str | None = None
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as JSON-ready data."""
        from . import __version__

        counts = asdict(self.incidents)
        return {
            "incidentmap": __version__,
            "run_id": self.run_id,
            "started": self.started,
            "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "layer": self.layer,
            "inputs": list(self.inputs),
            "articles": asdict(self.articles),
            "incidents": {k: counts[k] for k in _KINDS},
            "by_type": dict(sorted(counts["by_type"].items())),
            "by_country": dict(sorted(counts["by_country"].items())),
            "outputs": list(self.outputs),
        }

    def write(self, path: Path) -> Path:
        """Write the summary as JSON to ``path`` (written whole or not at all)."""
        from .export.atomic import atomic_path

        with atomic_path(path) as tmp:
            tmp.write_text(
                json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        return path

    def lines(self) -> list[str]:
        """Return the summary as lines of text for the terminal."""
        a, i = self.articles, self.incidents
        out = [
            f"articles: {a.read:,} read, {a.new:,} new, {a.skipped_seen:,} skipped as already seen"
            + (f", {a.skipped_since:,} older than --since" if a.skipped_since else "")
            + (f", {a.problems:,} inputs with problems" if a.problems else ""),
            f"incidents: {i.new:,} new, {i.merged:,} merged into existing ones, "
            f"{i.total:,} in total" + (f" in {self.layer}" if self.layer else ""),
        ]
        for title, table in (("by type", i.by_type), ("by country", i.by_country)):
            shown = sorted(table.items(), key=lambda kv: (-kv[1]["total"], kv[0]))
            if shown:
                cells = ", ".join(
                    f"{name} {c['total']:,}"
                    + (f" (+{c['new']:,} new" if c["new"] else "")
                    + (f", {c['merged']:,} merged" if c["merged"] and c["new"] else "")
                    + (f" ({c['merged']:,} merged" if c["merged"] and not c["new"] else "")
                    + (")" if c["new"] or c["merged"] else "")
                    for name, c in shown[:12]
                )
                more = f", and {len(shown) - 12} more" if len(shown) > 12 else ""
                out.append(f"  {title}: {cells}{more}")
        return out
