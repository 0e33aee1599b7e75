"""Write a synthetic allCountries-format file for the import-memory benchmark.

The rows follow the GeoNames main table exactly (19 tab-separated columns) with made-up
but varied content: pronounceable names built from syllables (so the index sees millions
of distinct names), about a quarter of the rows with alternate names, coordinates spread
over the globe, feature classes and codes in GeoNames-like proportions. Nothing is held in
memory; lines are written in blocks. A name ending in ``.gz`` is gzip-compressed (level 1).

Usage::

    python bench/make_allcountries.py OUT.txt [--rows 12000000] [--seed 0]
    python bench/make_allcountries.py OUT.txt.gz --rows 1000000
"""

from __future__ import annotations

import argparse
import gzip
import io
import random
import sys
import time
from pathlib import Path

_ONSETS = ["", "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"]
_ONSETS += ["ch", "sh", "kh", "br", "tr", "st", "gr", "dr", "qu", "th"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ā", "ī"]
_CODES = [("P", "PPL")] * 6 + [("S", "HTL"), ("H", "STM"), ("T", "MT"), ("A", "ADM3")]
_CODES += [("L", "AREA"), ("S", "SCH"), ("P", "PPLX"), ("V", "FRST"), ("H", "LK")]
_COUNTRIES = ["IQ", "US", "IN", "CN", "BR", "RU", "DE", "FR", "NG", "ID", "MX", "SY", "UA"]
_ZONES = ["Asia/Baghdad", "America/New_York", "Asia/Kolkata", "Europe/Berlin", "UTC"]
_BLOCK = 20_000


def _syllables(rng: random.Random, count: int) -> list[str]:
    out = sorted({o + v for o in _ONSETS for v in _VOWELS})
    rng.shuffle(out)
    return out[:count]


def write_allcountries(path: str | Path, *, rows: int = 12_000_000, seed: int = 0) -> int:
    r"""Write ``rows`` synthetic main-table rows to ``path`` and return the bytes written.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "allCountries.txt"
    >>> n = write_allcountries(p, rows=3)
    >>> [len(line.split("\t")) for line in p.read_text(encoding="utf-8").splitlines()]
    [19, 19, 19]
    """
    rng = random.Random(seed)
    syl = _syllables(rng, 200)
    # Precomputed pools indexed by primes, so rows vary cheaply without per-row randomness.
    lats = [f"{rng.uniform(-60, 75):.5f}" for _ in range(10_007)]
    lons = [f"{rng.uniform(-180, 180):.5f}" for _ in range(10_009)]
    pops = ["0"] * 70 + [str(rng.randint(500, 2_000_000)) for _ in range(27)]
    tails = [
        f"\t{fc}\t{code}\t{cc}\t\t{rng.randint(1, 20):02d}\t\t\t\t"
        for fc, code in _CODES
        for cc in _COUNTRIES
    ]
    zones = [f"\t\t{rng.randint(0, 3000)}\t{z}\t2024-01-01\n" for z in _ZONES for _ in range(11)]
    path = Path(path)
    written = 0
    raw = path.open("wb")
    sink: io.BufferedIOBase = (
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=1)
        if path.suffix == ".gz"
        else raw
    )
    try:
        for start in range(0, rows, _BLOCK):
            lines = []
            for i in range(start + 1, min(start + _BLOCK, rows) + 1):
                name = syl[i % 200].capitalize() + syl[(i // 200) % 200] + syl[(i // 40_000) % 200]
                alts = f"{name}a,{syl[i % 199]}{name.lower()}" if i % 4 == 0 else ""
                lines.append(
                    f"{i}\t{name}\t{name}\t{alts}\t{lats[i % 10_007]}\t{lons[i % 10_009]}"
                    f"{tails[i % len(tails)]}{pops[i % 97]}{zones[i % len(zones)]}"
                )
            block = "".join(lines).encode("utf-8")
            sink.write(block)
            written += len(block)
    finally:
        if sink is not raw:
            sink.close()
        raw.close()
    return written


def main() -> int:
    """Parse the command line, write the file and print how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="output file (.txt, or .gz to compress)")
    parser.add_argument("--rows", type=int, default=12_000_000, help="rows (default 12M)")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args()
    started = time.perf_counter()
    size = write_allcountries(args.path, rows=args.rows, seed=args.seed)
    took = time.perf_counter() - started
    print(
        f"wrote {args.rows:,} rows ({size / 1e6:,.0f} MB uncompressed) to {args.path} "
        f"in {took:.1f} s ({args.rows / took:,.0f} rows/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
