"""The link a built page gives is the address the validator checked: same host, only http(s) or mailto."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import html5lib
import pytest
from ada_url import parse_url

from conftest import build_site, make_root
from jachete.registry import load
from jachete.weburl import check

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
# Written as a contributor may write them: upper-case scheme and host, a Unicode host, a final dot.
SITE = "HTTPS://Rivière-aux-Saules.Example.CA./"
DOCUMENT = "Https://Greffe.XN--RIVIRE-AUX-SAULES-VSB.example.ca/Docs/Déclaration.pdf"
ENTERPRISE_SITE = "HTTP://LePassage.example.org/Accueil"
SHOP = "https://0xC0A80001/boutique"  # an IP address: a warning, published with the host it really names


def _write(root: Path) -> None:
    decl = (FIXTURES / "declaration/valid/municipalite-complete.yml").read_text(encoding="utf-8")
    decl = decl.replace("id: municipalite-complete", "id: ville").replace(
        "site_web: https://riviere-aux-saules.example.ca/", f"site_web: {SITE}").replace(
        "document_signe: https://riviere-aux-saules.example.ca/docs/declaration.pdf", f"document_signe: {DOCUMENT}")
    (root / "data/declarations/ville.yml").write_text(decl, encoding="utf-8")
    ent = (FIXTURES / "enterprise/invalid/site_web_ftp.yml").read_text(encoding="utf-8")
    ent = ent.replace("id: site-web-ftp", "id: passage").replace(
        "site_web: ftp://lepassage.example.org/", f"site_web: {ENTERPRISE_SITE}\nboutique_en_ligne: {SHOP}")
    (root / "data/enterprises/passage.yml").write_text(ent, encoding="utf-8")


def _links(page: Path) -> dict[str, str]:
    doc = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    return {"".join(a.itertext()).strip(): a.get("href") for a in doc.iter("a") if a.get("href")}


def test_built_links_go_to_the_checked_hosts(tmp_path):
    root = make_root(tmp_path / "root")
    _write(root)
    registry, problems, _ = load(root, today=dt.date(2026, 11, 27))
    assert registry is not None, [p.format() for p in problems]
    assert [p.code for p in problems] == ["url-adresse-ip"]
    proc = build_site(tmp_path / "site", root=root, search=False)
    assert proc.returncode == 0, proc.stderr[-4000:]

    decl = _links(tmp_path / "site/declarations/ville/index.html")
    ent = _links(tmp_path / "site/entreprises/passage/index.html")
    for text, written, links in [("Consulter le document signé", DOCUMENT, decl),
                                 ("Ville de Rivière-aux-Saules", SITE, decl),
                                 (ENTERPRISE_SITE, ENTERPRISE_SITE, ent), (SHOP, SHOP, ent)]:
        href = links[text]
        reached = parse_url(href)  # what a browser makes of the href
        checked = check(written)  # what the validator compared
        assert reached["hostname"].rstrip(".") == checked.host, (text, href)
        assert href == checked.href and reached["protocol"] in ("http:", "https:"), (text, href)
    assert parse_url(decl["Consulter le document signé"])["hostname"] == "greffe.xn--rivire-aux-saules-vsb.example.ca"
    assert ent[SHOP] == "https://192.168.0.1/boutique"
    for links in (decl, ent):
        for href in links.values():
            scheme = parse_url(href, attributes=("protocol",))["protocol"] if ":" in href.split("/")[0] else ""
            assert scheme in ("", "http:", "https:", "mailto:"), href
