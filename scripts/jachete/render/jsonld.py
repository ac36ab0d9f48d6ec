"""schema.org Organization of an enterprise page, as a JSON-LD ``<script>`` element.

Built in Python rather than in the template language: it runs once per enterprise page (11 000+
at Quebec scale) and Jinja's expression calls cost several times a plain dict. The JSON is
compact and keeps accented letters as UTF-8 (the page's own encoding), which about halves the
bytes of the usual ``\\u00e9`` form.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from markupsafe import Markup

from ..model import Enterprise
from .urls import safe_url

# Why: no record text may close the script element or open a comment; these four become
# JSON string escapes (the same ones as Jinja's ``tojson``), which any JSON parser reads back.
# (str.replace: str.translate with a table is ten times slower on accented text.)
_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


def _kind(unspsc: tuple[str, ...]) -> str:
    # UNSPSC segments 70 to 95 are services; the lower segments are goods.
    first = unspsc[0] if unspsc else None
    return "Service" if isinstance(first, str) and first[:2] >= "70" else "Product"


def organization(e: Enterprise, site_url: str, region_name: Callable[[str], str] | None = None) -> dict:
    """The Organization object; ``region_name`` gives a region's name (else its code is used)."""
    name = region_name or str
    page = f"{site_url.rstrip('/')}/entreprises/{e.id}/"
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": page + "#organisation",
        "name": e.nom,
        "url": page,
        "description": e.description,
        "identifier": {"@type": "PropertyValue", "propertyID": "NEQ",
                       "name": "Numéro d'entreprise du Québec", "value": e.neq},
        "address": {"@type": "PostalAddress", "streetAddress": e.adresse, "addressLocality": e.municipalite,
                    "addressRegion": name(e.region), "postalCode": e.code_postal, "addressCountry": "CA"},
        "areaServed": [{"@type": "AdministrativeArea", "identifier": code, "name": name(code)}
                       for code in (e.regions_desservies or (e.region,))],
        "makesOffer": [
            {"@type": "Offer", "itemOffered": {"@type": _kind(o.unspsc), "name": o.titre,
                                               "description": o.description, "category": [str(c) for c in o.unspsc]}}
            for o in e.offres
        ],
    }
    if e.site_web and (same_as := safe_url(e.site_web)):
        data["sameAs"] = same_as
    if e.courriel:
        data["email"] = e.courriel
    if e.telephone:
        data["telephone"] = e.telephone
    if e.latitude is not None and e.longitude is not None:
        data["location"] = {"@type": "Place",
                            "geo": {"@type": "GeoCoordinates", "latitude": e.latitude, "longitude": e.longitude}}
    return data


_CONTROLS = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def script(data: dict) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _HTML_SAFE:
        text = text.replace(char, escaped)
    # Bidirectional and invisible controls stay escapes: raw, they could reorder the page's text.
    text = _CONTROLS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def organization_script(e: Enterprise, settings, labels=None) -> Markup:
    """The whole element, for the template partial (``partials/jsonld.html``)."""
    return script(organization(e, settings.site_url, labels.region if labels is not None else None))
