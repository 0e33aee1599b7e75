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
{'new': 2, 'merged': 0, 'total': 1, 'fatalities': 0}
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

from .wording import plural

__all__ = ["SUMMARY_NAME", "ArticleCounts", "IncidentCounts", "RunReport", "summary_lines"]

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
    fatalities: int = 0
    """Fatalities of all the incidents counted in ``total``."""
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    by_country: dict[str, dict[str, int]] = field(default_factory=dict)
    by_month: dict[str, dict[str, int]] = field(default_factory=dict)
    """``YYYY-MM`` (``undated``) -> incidents and fatalities of ``total``."""

    def add(
        self,
        kind: str,
        event_type: str,
        country: str | None,
        n: int = 1,
        *,
        fatalities: int = 0,
        month: str | None = None,
    ) -> None:
        """Count ``n`` incidents of ``kind`` (``new``, ``merged`` or ``total``).

        For ``total``, ``fatalities`` (theirs together) and their ``month`` are counted too.
        """
        setattr(self, kind, getattr(self, kind) + n)
        kinds = [self.by_type.setdefault(event_type, _zero())]
        kinds.append(self.by_country.setdefault(country or "unknown", _zero()))
        for table in kinds:
            table[kind] += n
        if kind == "total":
            self.fatalities += fatalities
            for table in kinds:
                table["fatalities"] = table.get("fatalities", 0) + fatalities
            row = self.by_month.setdefault(month or "undated", {"incidents": 0, "fatalities": 0})
            row["incidents"] += n
            row["fatalities"] += fatalities

    def add_frame(self, kind: str, frame: Any) -> None:
        """Count every row of an incident frame as ``kind``."""
        if not len(frame):
            return
        countries = frame["country_code"].astype(object).where(frame["country_code"].notna())
        dates = frame["event_date"] if "event_date" in frame else [None] * len(frame)
        deaths = frame["fatalities"] if "fatalities" in frame else [0] * len(frame)
        rows = zip(frame["event_type"].astype(str), countries, dates, deaths, strict=True)
        for (event_type, country, month), (n, killed) in _tally(rows).items():
            self.add(kind, event_type, country, n, fatalities=killed, month=month)

    def add_incidents(self, kind: str, incidents: Iterable[Any]) -> None:
        """Count :class:`~incidentmap.model.Incident` objects as ``kind``."""
        for inc in incidents:
            month = _month(inc.event_date)
            killed = int(inc.fatalities or 0)
            self.add(kind, str(inc.event_type), inc.country_code, fatalities=killed, month=month)


def _month(date: Any) -> str | None:
    """``YYYY-MM`` of a date, a date-time or an ISO string; None when missing."""
    if date is None or date != date:  # None or NaT/NaN
        return None
    text = date.isoformat() if hasattr(date, "isoformat") else str(date)
    return text[:7] if len(text) >= 7 and text[4] == "-" else None


def _tally(
    rows: Iterable[tuple[str, Any, Any, Any]],
) -> dict[tuple[str, str | None, str | None], tuple[int, int]]:
    """Count rows by (type, country, month), with their fatalities."""
    out: dict[tuple[str, str | None, str | None], tuple[int, int]] = {}
    for event_type, country, date, killed in rows:
        key = (event_type, country, _month(date))
        n, deaths = out.get(key, (0, 0))
        out[key] = (n + 1, deaths + _deaths(killed))
    return out


def _deaths(value: Any) -> int:
    """Return a fatality count as an int: 0 for None, NaN and pandas' NA (nullable columns).

    >>> import pandas as pd
    >>> [_deaths(v) for v in (3, 2.0, None, float("nan"), pd.NA)]
    [3, 2, 0, 0, 0]
    """
    try:
        number = float(value)
    except (TypeError, ValueError):  # None, pd.NA
        return 0
    return int(number) if number == number else 0


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
            "fatalities": counts["fatalities"],
            "by_type": dict(sorted(counts["by_type"].items())),
            "by_country": dict(sorted(counts["by_country"].items())),
            "by_month": dict(sorted(counts["by_month"].items())),
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
        return summary_lines(self.to_dict())


def summary_lines(data: dict[str, Any]) -> list[str]:
    r"""Return a run summary (the data of ``run-summary.json``) as lines for the terminal.

    Incidents and fatalities by type, by country and by month; with a layer (``run
    --into``), what the run added to it.

    >>> data = {"articles": {"read": 2, "new": 2, "skipped_seen": 0}, "layer": "iq.gpkg",
    ...         "incidents": {"new": 1, "merged": 0, "total": 4}, "fatalities": 3,
    ...         "by_type": {"Battles": {"new": 1, "merged": 0, "total": 4, "fatalities": 3}},
    ...         "by_country": {}, "by_month": {"2024-05": {"incidents": 4, "fatalities": 3}}}
    >>> print("\n".join(summary_lines(data)))
    articles: 2 read, 2 new, 0 skipped as already seen
    incidents: 1 new, 0 merged into existing ones, 4 in total in iq.gpkg, 3 fatalities
      by type: Battles 4 (+1 new), 3 killed
      by month: 2024-05 4, 3 killed

    A run without a layer has nothing to add to: every incident is new.

    >>> data["layer"], data["incidents"]["total"], data["by_type"]["Battles"]["total"] = None, 1, 1
    >>> print("\n".join(summary_lines(data)[:3]))
    articles: 2 read
    incidents: 1, 3 fatalities
      by type: Battles 1, 3 killed

    Cells are parted by "; ", since a cell's own parts are parted by ", ".

    >>> data["by_type"]["Riots"] = {"new": 2, "merged": 0, "total": 2, "fatalities": 0}
    >>> print(summary_lines(data)[2])
      by type: Riots 2; Battles 1, 3 killed
    """
    a, i = data["articles"], data["incidents"]
    layer = data.get("layer")
    problems = f", {plural(a['problems'], 'input')} with problems" if a.get("problems") else ""
    since = f", {a['skipped_since']:,} older than --since" if a.get("skipped_since") else ""
    fatalities = f", {plural(data.get('fatalities', 0), 'fatality', many='fatalities')}"
    if layer:
        out = [
            f"articles: {a['read']:,} read, {a['new']:,} new, "
            f"{a['skipped_seen']:,} skipped as already seen{since}{problems}",
            f"incidents: {i['new']:,} new, {i['merged']:,} merged into existing ones, "
            f"{i['total']:,} in total in {layer}{fatalities}",
        ]
    else:
        out = [
            f"articles: {a['read']:,} read{since}{problems}",
            f"incidents: {i['total']:,}{fatalities}",
        ]
    for title, table in (("by type", data["by_type"]), ("by country", data["by_country"])):
        shown = sorted(table.items(), key=lambda kv: (-kv[1]["total"], kv[0]))
        if shown:
            cells = "; ".join(  # "; " between cells: a cell's own parts take ", "
                f"{name} {c['total']:,}"
                + (_added(c) if layer else "")
                + (f", {c['fatalities']:,} killed" if c.get("fatalities") else "")
                for name, c in shown[:12]
            )
            more = f"; and {len(shown) - 12} more" if len(shown) > 12 else ""
            out.append(f"  {title}: {cells}{more}")
    months = sorted(data.get("by_month", {}).items())
    if months:
        cells = "; ".join(
            f"{month} {c['incidents']:,}"
            + (f", {c['fatalities']:,} killed" if c["fatalities"] else "")
            for month, c in months[-12:]
        )
        more = f" (the last 12 of {len(months)} months)" if len(months) > 12 else ""
        out.append(f"  by month: {cells}{more}")
    return out


def _added(c: dict[str, Any]) -> str:
    """Return what a run added to one row of a layer: `` (+3 new, 1 merged)``, or nothing."""
    return (
        (f" (+{c['new']:,} new" if c["new"] else "")
        + (f", {c['merged']:,} merged" if c["merged"] and c["new"] else "")
        + (f" ({c['merged']:,} merged" if c["merged"] and not c["new"] else "")
        + (")" if c["new"] or c["merged"] else "")
    )
