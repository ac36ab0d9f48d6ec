"""Atom feeds, badges and the JSON-LD partial."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET

from jachete.exports import badges, feeds
from jachete.render.env import get_env
from test_exports_helpers import ctx, declaration, enterprise, sample_registry

ATOM = "{http://www.w3.org/2005/Atom}"


def _parse(content: bytes) -> ET.Element:
    root = ET.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    return root


def _updated(el: ET.Element) -> dt.datetime:
    return dt.datetime.fromisoformat(el.find(f"{ATOM}updated").text)


def test_declarations_feed_is_atom_newest_first():
    reg = sample_registry()
    root = _parse(feeds.declarations_feed(ctx()))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(reg.declarations)
    dates = [_updated(e).date() for e in entries]
    assert dates == sorted((d.adoptee_le for d in reg.declarations), reverse=True)
    # The feed date is the newest record's date, not the build time.
    assert _updated(root).date() == max(d.adoptee_le for d in reg.declarations)
    for e in entries:
        assert e.find(f"{ATOM}id").text.startswith("https://registre.example.org/declarations/")
        assert e.find(f"{ATOM}link").get("href") == e.find(f"{ATOM}id").text
    self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == "https://registre.example.org/donnees/declarations.atom"


def test_enterprises_feed_uses_update_dates_and_escapes_names():
    reg = sample_registry()
    content = feeds.enterprises_feed(ctx())
    root = _parse(content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(reg.enterprises)
    assert [_updated(e).date() for e in entries] == sorted((e.mise_a_jour for e in reg.enterprises), reverse=True)
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert 'Café </script><!-- "Le Passage" & fils' in titles
    assert b"<script" not in content


def test_feeds_carry_only_the_newest_entries():
    n = feeds.FEED_SIZE + 7
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=(i * 37) % n) for i in range(n)]  # shuffled dates
    reg = dataclasses.replace(
        sample_registry(),
        enterprises=tuple(enterprise(f"e{i:03}", mise_a_jour=day) for i, day in enumerate(days)),
        declarations=tuple(declaration(f"d{i:03}", adoptee_le=day) for i, day in enumerate(days)),
    )
    newest = sorted(range(n), key=lambda i: days[i], reverse=True)[: feeds.FEED_SIZE]
    for feed, folder in ((feeds.enterprises_feed, "entreprises"), (feeds.declarations_feed, "declarations")):
        root = _parse(feed(ctx(reg)))
        ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
        prefix = "e" if folder == "entreprises" else "d"
        assert ids == [f"https://registre.example.org/{folder}/{prefix}{i:03}/" for i in newest]
        assert _updated(root).date() == max(days)
        assert str(feeds.FEED_SIZE) in root.find(f"{ATOM}subtitle").text


def test_feeds_are_deterministic():
    assert feeds.declarations_feed(ctx()) == feeds.declarations_feed(ctx())
    assert feeds.enterprises_feed(ctx()) == feeds.enterprises_feed(ctx())


def test_badge_per_declaration_links_to_its_page():
    reg = sample_registry()
    outputs = badges.outputs(ctx())
    assert sorted(o.path for o in outputs) == sorted(f"declarations/{d.id}/badge.svg" for d in reg.declarations)
    svg = next(o for o in outputs if o.path == "declarations/ville-de-montreal/badge.svg").content
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find("{http://www.w3.org/2000/svg}title").text == \
        "Signataire — L'économie sociale, j'achète! — depuis 2024"
    link = root.find("{http://www.w3.org/2000/svg}a")
    assert link.get("href") == "https://registre.example.org/declarations/ville-de-montreal/"
    assert (root.get("width"), root.get("height")) == (str(badges.WIDTH), str(badges.HEIGHT))


def test_badge_embed_snippet_is_escaped_and_points_to_the_badge():
    decl = sample_registry().declarations[0]
    out = get_env().get_template("partials/badge_embed.html").render(declaration=decl, settings=ctx().settings)
    code = re.search(r"<pre><code>(.*?)</code></pre>", out, re.DOTALL).group(1)
    assert "<a" not in code and "&lt;a href=" in code
    snippet = html.unescape(code)
    url = f"https://registre.example.org/declarations/{decl.id}/"
    assert snippet.startswith(f'<a href="{url}"><img src="{url}badge.svg"')
    assert f'width="{badges.WIDTH}" height="{badges.HEIGHT}"' in snippet


def _jsonld(enterprise) -> tuple[str, dict]:
    out = get_env().get_template("partials/jsonld.html").render(enterprise=enterprise, settings=ctx().settings)
    m = re.fullmatch(r'\s*<script type="application/ld\+json">(.*)</script>\s*', out, re.DOTALL)
    assert m, out
    return m.group(1), json.loads(m.group(1))


def test_jsonld_organization():
    alpha = next(e for e in sample_registry().enterprises if e.id == "alpha")
    _, data = _jsonld(alpha)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "NEQ",
                                  "name": "Numéro d'entreprise du Québec", "value": alpha.neq}
    assert data["address"]["@type"] == "PostalAddress"
    assert data["address"]["postalCode"] == alpha.code_postal
    assert data["areaServed"][0]["identifier"] == alpha.region
    offers = data["makesOffer"]
    assert [o["itemOffered"]["name"] for o in offers] == [o.titre for o in alpha.offres]
    assert all(o["@type"] == "Offer" for o in offers)
    # UNSPSC segment 90 is a service, 50 a product.
    assert [o["itemOffered"]["@type"] for o in offers] == ["Service", "Product"]


def test_jsonld_cannot_close_its_script():
    delta = next(e for e in sample_registry().enterprises if e.id == "delta")
    raw, data = _jsonld(delta)
    assert data["name"] == delta.nom
    assert "<" not in raw and "</script" not in raw.lower() and "<!--" not in raw
