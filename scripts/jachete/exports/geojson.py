"""entreprises.geojson: the enterprises that have coordinates, as GeoJSON points (RFC 7946)."""

from __future__ import annotations

from ..site import Context, Output
from .common import json_bytes, page_url


def feature_collection(ctx: Context) -> dict:
    features = []
    for e in ctx.registry.enterprises:
        if e.latitude is None or e.longitude is None:
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
                "url": page_url(ctx.settings, f"entreprises/{e.id}/"),
                "exemple": e.exemple,
            },
        })
    return {"type": "FeatureCollection", "features": features}


def outputs(ctx: Context) -> list[Output]:
    return [Output("donnees/entreprises.geojson", json_bytes(feature_collection(ctx)))]
