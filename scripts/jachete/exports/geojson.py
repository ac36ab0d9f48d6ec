"""entreprises.geojson: the enterprises that have coordinates, as GeoJSON points (RFC 7946)."""

from __future__ import annotations

from ..kinds.catalogue import ENTERPRISE
from ..model import Enterprise
from ..site import Context, Output
from .common import json_lines_bytes, page_url


def has_point(e: Enterprise) -> bool:
    return e.latitude is not None and e.longitude is not None


def feature_collection(ctx: Context) -> dict:
    features = []
    for e in ctx.registry.enterprises:
        if not has_point(e):
            continue
        features.append({
            "type": "Feature",
            "id": e.id,
            # RFC 7946: longitude first.
            "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
            "properties": {
                "id": e.id,
                "nom": e.nom,
                "forme_juridique": e.forme_juridique,
                "region": e.region,
                "mrc": e.mrc,
                "municipalite": e.municipalite,
                "adresse": e.adresse,
                "code_postal": e.code_postal,
                "secteurs": list(e.secteurs),
                "url": page_url(ctx.settings, ENTERPRISE.page_path(e.id)),
                "exemple": e.exemple,
            },
        })
    return {"type": "FeatureCollection", "features": features}


def outputs(ctx: Context) -> list[Output]:
    fc = feature_collection(ctx)
    # The same object as feature_collection(), written one feature per line.
    return [Output("donnees/entreprises.geojson",
                   json_lines_bytes(fc["features"], '{"type":"FeatureCollection","features":[', "]}"))]
