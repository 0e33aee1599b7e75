"""Sealed cache files: a header, a SHA-256 digest, and data that cannot run code on load.

Cache folders may be shared (a team's cache on a network drive, several virtual
environments of one user). A cache file is therefore read as untrusted data: it
starts with a fixed magic line and a JSON header naming its kind, its format
version, its payload's length and SHA-256 digest; the payload is plain data
(strings and integers, see :func:`pack_maps`), never a pickle. Whatever is wrong
with a file (another program's, cut short, bits flipped, an older format) is
reported as a :class:`~incidentmap.errors.CacheError`, and the caller rebuilds it.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "x.bin"
>>> write_sealed(path, pack_maps({"flags": {"baghdad": 1}}, {"joined": {}}), kind="demo")
>>> unpack_maps(read_sealed(path, kind="demo"))
({'flags': {'baghdad': 1}}, {'joined': {}})
"""

from __future__ import annotations

import hashlib
import json
import os
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import CacheError
from .locking import owned_name

__all__ = ["pack_maps", "read_sealed", "unpack_maps", "write_sealed"]

MAGIC = b"incidentmap sealed cache\n"
_MAX_HEADER = 4096


def write_sealed(path: Path, payload: bytes, *, kind: str, version: int = 1) -> None:
    """Write ``payload`` to ``path`` atomically, sealed with its kind and digest.

    Raises
    ------
    OSError
        If the file cannot be written (nothing is left behind).
    """
    header = {
        "kind": kind,
        "version": version,
        "size": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    tmp = path.with_name(owned_name(path.name))
    try:
        with tmp.open("wb") as fh:
            fh.write(MAGIC + json.dumps(header).encode() + b"\n")
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_sealed(path: Path, *, kind: str, version: int = 1) -> bytes:
    """Return the payload of a sealed file after checking its header and digest.

    Raises
    ------
    CacheError
        If the file is not a sealed file of this kind and version, or is damaged.
    """
    try:
        with path.open("rb") as fh:
            magic = fh.read(len(MAGIC))
            if magic != MAGIC:
                raise CacheError(f"{path} is not an incidentmap cache file")
            line = fh.readline(_MAX_HEADER)
            payload = fh.read()
    except OSError as exc:
        if isinstance(exc, CacheError):
            raise
        raise CacheError(f"cannot read {path}: {exc}") from exc
    try:
        header = json.loads(line)
        ok = isinstance(header, dict)
    except ValueError:
        ok = False
    if not ok or header.get("kind") != kind:
        raise CacheError(f"{path} is not a {kind} cache file")
    if header.get("version") != version:
        raise CacheError(f"{path} has format {header.get('version')!r}, expected {version}")
    if header.get("size") != len(payload):
        raise CacheError(f"{path} is cut short or padded ({len(payload)} of {header.get('size')})")
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise CacheError(f"{path} is damaged: its checksum does not match")
    return payload


IntMaps = Mapping[str, Mapping[str, int]]
TupleMaps = Mapping[str, Mapping[str, Sequence[str]]]


def pack_maps(ints: IntMaps, tuples: TupleMaps | None = None) -> bytes:
    """Encode named ``str -> int`` maps and ``str -> tuple of str`` maps as bytes.

    Keys of the integer maps are stored NUL-separated with a 64-bit integer array,
    which loads several times faster than JSON; the tuple maps (small) are JSON.
    """
    toc: dict[str, object] = {"tuples": {k: dict(v) for k, v in (tuples or {}).items()}}
    blobs: list[bytes] = []
    sections = []
    for name, mapping in ints.items():
        keys = "\0".join(mapping).encode("utf-8", "surrogatepass")
        if any("\0" in k for k in mapping):
            raise ValueError(f"a key of {name!r} holds a NUL character")
        values = array("q", mapping.values()).tobytes()
        sections.append([name, len(mapping), len(keys), len(values)])
        blobs += [keys, values]
    toc["ints"] = sections
    head = json.dumps(toc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return len(head).to_bytes(8, "little") + head + b"".join(blobs)


def unpack_maps(
    data: bytes,
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, tuple[str, ...]]]]:
    """Decode what :func:`pack_maps` wrote, checking every length and type.

    Raises
    ------
    CacheError
        If the data is not shaped as :func:`pack_maps` writes it.
    """
    try:
        size = int.from_bytes(data[:8], "little")
        toc = json.loads(data[8 : 8 + size].decode("utf-8", "surrogatepass"))
        pos = 8 + size
        ints: dict[str, dict[str, int]] = {}
        for name, count, key_bytes, value_bytes in toc["ints"]:
            keys = data[pos : pos + key_bytes].decode("utf-8", "surrogatepass")
            pos += key_bytes
            values = array("q")
            values.frombytes(data[pos : pos + value_bytes])
            pos += value_bytes
            names = keys.split("\0") if count else []
            if len(names) != count or len(values) != count:
                raise ValueError(f"section {name!r} holds {len(names)} keys, {len(values)} values")
            ints[str(name)] = dict(zip(names, values, strict=True))
        if pos != len(data):
            raise ValueError("trailing bytes")
        tuples = {
            str(name): {str(k): _strings(v) for k, v in mapping.items()}
            for name, mapping in toc["tuples"].items()
        }
    except (ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError) as exc:
        raise CacheError(f"cache data is not shaped as expected: {exc}") from exc
    return ints, tuples


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"expected a list of strings, found {type(value).__name__}")
    return tuple(value)
