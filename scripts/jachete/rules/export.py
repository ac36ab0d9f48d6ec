"""The rules as JSON, for the finder page (/regles/regles.json) and for reuse.

The export is the validated rules data itself (dates as ISO strings), with a pointer to
its schema: the browser engine reads exactly what the Python engine reads.
"""

from __future__ import annotations

import json

JSON_PATH = "regles/regles.json"


def to_json(data: dict) -> bytes:
    document = {"$schema": "../donnees/schemas/regles.schema.json", **data}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")
