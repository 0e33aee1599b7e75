"""Keep an incident layer current: add new articles' incidents to a GeoPackage or GeoParquet.

See :func:`update_layer` (``incidentmap run NEW --into LAYER``), :class:`LayerFile`
(reading and writing a layer in batches) and :class:`SeenArticles` (the articles a
layer has processed, by id, URL and content hash).
"""

from .processed import PROCESSED_TABLE, ProcessedArticle, SeenArticles, content_hash
from .store import LayerFile
from .update import LayerUpdate, update_layer

__all__ = [
    "PROCESSED_TABLE",
    "LayerFile",
    "LayerUpdate",
    "ProcessedArticle",
    "SeenArticles",
    "content_hash",
    "update_layer",
]
