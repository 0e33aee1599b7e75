"""``incidentmap gazetteer search|info|build|import``: inspect and extend the gazetteer."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..errors import InputError
from ..wording import plural

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the ``gazetteer`` command and its subcommands to ``sub``."""
    parser = sub.add_parser(
        "gazetteer",
        help="search, inspect, rebuild or extend the offline gazetteer",
        description="Search, inspect, rebuild or extend the offline gazetteer.",
    )
    parser.add_argument(
        "--cache-dir",
        help="where the index lives (default: $INCIDENTMAP_CACHE_DIR, else your user cache folder)",
    )
    gsub = parser.add_subparsers(dest="gazetteer_command", metavar="SUBCOMMAND", required=True)

    search = gsub.add_parser("search", help="places called NAME, best first")
    search.add_argument("name", metavar="NAME", help="the place name to look up")
    search.add_argument("--country", metavar="CC", help="only places in this country (ISO code)")
    search.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")
    search.add_argument("--json", action="store_true", help="one JSON object per line")
    search.set_defaults(func=_search)

    info = gsub.add_parser("info", help="counts and provenance of the index")
    info.add_argument("--json", action="store_true", help="print as JSON")
    info.set_defaults(func=_info)

    build = gsub.add_parser("build", help="(re)build the index from the embedded data")
    build.set_defaults(func=_build)

    imp = gsub.add_parser(
        "import",
        help="add GeoNames dump files or your own places (curated CSV/GeoJSON)",
        description=(
            "Import GeoNames dump files (allCountries.txt/.zip, cities500, XX.zip, "
            "alternateNamesV2, admin1CodesASCII, countryInfo) or a CSV/GeoJSON of your own "
            "places in the curated schema. Imports are remembered and survive rebuilds."
        ),
    )
    imp.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="GeoNames dump files, or CSV/GeoJSON files of your own places",
    )
    imp.set_defaults(func=_import)


def _open(args: argparse.Namespace, *, rebuild: bool = False) -> Any:
    from ..gazetteer import Gazetteer

    return Gazetteer.default(cache_dir=args.cache_dir, rebuild=rebuild)


def _search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise InputError(f"--limit must be 1 or more, not {args.limit}")
    if args.country and (len(args.country) != 2 or not args.country.isalpha()):
        raise InputError(
            f"--country takes an ISO 3166-1 alpha-2 code like IQ, not {args.country!r}"
        )
    gaz = _open(args)
    places = gaz.lookup(args.name, country=args.country, limit=args.limit)
    if not places:
        print(f"no place called {args.name!r}", file=sys.stderr)
        return 1
    for p in places:
        if args.json:
            record = {f: getattr(p, f) for f in p.__dataclass_fields__}
            print(json.dumps(record, ensure_ascii=False))
            continue
        parent = gaz.parent(p)
        within = f", in {parent.name}" if parent is not None and not p.is_country else ""
        print(
            f"{p.id:<28} {p.name}, {p.country_code}{within}  "
            f"({p.lat:.5f}, {p.lon:.5f})  {p.feature_class}.{p.feature_code}  pop {p.population:,}"
        )
    return 0


def _info(args: argparse.Namespace) -> int:
    info = _open(args).info()
    if args.json:
        print(json.dumps(info.as_dict(), indent=2))
        return 0
    print(f"index:            {info.path} ({info.size_bytes / 1e6:.1f} MB, built {info.built_at})")
    print(f"version:          {info.version}")
    print(f"places:           {info.places:,}")
    print(f"  countries:      {info.countries:,}")
    print(f"  admin1 areas:   {info.admin1_areas:,}")
    print(f"  populated:      {info.populated_places:,}")
    print(f"  curated:        {info.curated:,}")
    print(f"  rivers:         {info.rivers:,}  (a place per country crossed)")
    print(f"distinct names:   {info.names:,}")
    for f in info.imported_files:
        print(f"imported:         {f}")
    print("data: GeoNames (CC BY 4.0), Natural Earth (public domain); see gazetteer/README.md")
    return 0


def _build(args: argparse.Namespace) -> int:
    info = _open(args, rebuild=True).info()
    print(
        f"built {info.path}: {plural(info.places, 'place')}, {plural(info.names, 'distinct name')}"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    problems: list[str] = []

    def report(err: InputError) -> None:
        problems.append(str(err))
        print(f"incidentmap: skipped: {err}", file=sys.stderr)

    gaz = _open(args)
    total = gaz.import_files(args.files, report=report)
    print(f"index now holds {plural(total, 'place')}; {plural(len(problems), 'bad row')} skipped")
    return 0
