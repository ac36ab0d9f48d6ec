"""The /donnees/ page's generated part: the list of files with their sizes in records,
and each CSV's columns (from the same description that writes the files)."""

from __future__ import annotations

from ..render.env import render
from ..site import Context
from .datapackage import JSON_FILES, schema_files
from .feeds import FEED_SIZE
from .geojson import has_point
from .tables import SEP, TABLES

TYPE_LABELS = {"string": "texte", "integer": "entier", "number": "nombre", "boolean": "booléen (true/false)",
               "date": "date (AAAA-MM-JJ)"}


def components(ctx: Context) -> dict[str, str]:
    reg = ctx.registry
    # Counted from the row sources: the same numbers as the files, without building the rows.
    counts = {t.name: sum(1 for _ in t.rows(ctx)) for t in TABLES}
    json_counts = {
        "entreprises.json": len(reg.enterprises),
        "declarations.json": len(reg.declarations),
        "entreprises.geojson": sum(1 for e in reg.enterprises if has_point(e)),
        "declarations.atom": min(len(reg.declarations), FEED_SIZE),
        "entreprises.atom": min(len(reg.enterprises), FEED_SIZE),
    }
    values = {
        "tables": TABLES,
        "counts": counts,
        "json_files": JSON_FILES,
        "json_counts": json_counts,
        "feed_size": FEED_SIZE,
        "schemas": [name for name, _ in schema_files(ctx)],
        "type_labels": TYPE_LABELS,
        "sep": SEP.strip(),
        "include_demo": ctx.settings.include_demo,
    }
    return {f"donnees-{name}": render("exports/donnees.html", section=name, **values)
            for name in ("fichiers", "schemas", "champs")}
