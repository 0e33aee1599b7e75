r"""Exports safe for the tools that open them: spreadsheets, KML clients, full disks.

* **CSV formula injection.** A spreadsheet runs a cell that begins with ``=``, ``+``,
  ``-`` or ``@`` as a formula (``=HYPERLINK(...)``), and some also after a leading tab
  or carriage return. As the OWASP advice on CSV injection says, such text cells are
  prefixed with a single quote, which spreadsheets show as text (a cell that starts with
  a quote gets one more, so that reading the CSV back restores every cell). Numbers, dates and
  the ``wkt`` column are not text cells of the article and are left as they are;
  machine consumers switch the escaping off (``--no-csv-escape``, ``escape_formulas=False``).
* **KML descriptions** are shown as HTML by KML clients (Google Earth): the evidence is
  escaped for HTML, so ``<img src=x onerror=...>`` in an article stays text.
* **Cut-off KML.** GDAL's KML driver reports no error when the disk fills up; the
  written file is checked to end its document and hold every placemark.

Examples
--------
>>> import pyarrow as pa
>>> table = pa.table({"title": ["=1+1", "\t=2", "-3", "ok", None], "n": [-1, 2, 3, 4, 5]})
>>> neutralise_formulas(table).column("title").to_pylist()
["'=1+1", "'\t=2", "'-3", 'ok', None]
>>> html_text(pa.array(["<img src=x onerror=alert(1)>", "a & b"])).to_pylist()
['&lt;img src=x onerror=alert(1)&gt;', 'a &amp; b']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow

__all__ = ["FORMULA_START", "check_kml", "html_text", "neutralise_formulas", "restore_formulas"]

#: A text cell starting with one of these is a formula to a spreadsheet (OWASP).
FORMULA_START = "=+-@\t\r"

#: Escaped too: a cell that starts with the quote itself, so that reading strips exactly
#: the quote writing added (``'=x`` is written ``''=x``), and the escaping round-trips.
_ESCAPED = FORMULA_START + "'"
_FORMULA = "^[" + _ESCAPED.replace("-", "\\-").replace("\t", "\\t").replace("\r", "\\r") + "]"


def neutralise_formulas(table: pyarrow.Table) -> pyarrow.Table:
    """Prefix every text cell that a spreadsheet would run as a formula with ``'``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for i, field in enumerate(table.schema):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        column = table.column(i)
        risky = pc.fill_null(pc.match_substring_regex(column, _FORMULA), False)
        if not pc.any(risky).as_py():
            continue
        quoted = pc.binary_join_element_wise("'", column, "")
        table = table.set_column(i, field, pc.if_else(risky, quoted, column))
    return table


def restore_formulas(value: str) -> str:
    """Undo :func:`neutralise_formulas` on one cell read back from an incidentmap CSV.

    >>> restore_formulas("'=1+1"), restore_formulas("''=x"), restore_formulas("'quoted'")
    ('=1+1', "'=x", "'quoted'")
    """
    if len(value) > 1 and value[0] == "'" and value[1] in _ESCAPED:
        return value[1:]
    return value


def html_text(array: pyarrow.Array | pyarrow.ChunkedArray) -> pyarrow.Array:
    """Escape text for HTML (``&``, ``<``, ``>``, quotes), as :func:`html.escape` does."""
    import pyarrow.compute as pc

    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        array = pc.replace_substring(array, raw, escaped)
    return pc.replace_substring(array, "'", "&#x27;")


def check_kml(path: Path, placemarks: int) -> None:
    """Raise :class:`OSError` unless the KML at ``path`` is whole.

    GDAL's KML driver does not report a failed write (a full disk): the file must end
    with ``</kml>`` and hold ``placemarks`` placemarks (markup in text is escaped, so
    ``<Placemark`` is only ever an element).
    """
    token = b"<Placemark"
    found, overlap, tail = 0, b"", b""
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            data = overlap + block
            found += data.count(token)
            overlap = data[-(len(token) - 1) :]
            tail = (tail + block)[-64:]
    if not tail.rstrip().endswith(b"</kml>") or found != placemarks:
        raise OSError(
            f"the KML file was cut off ({found} of {placemarks} placemarks written, "
            f"{path.stat().st_size:,} bytes): is the disk full?"
        )
