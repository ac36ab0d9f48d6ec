"""Web addresses are read as a browser reads them (WHATWG, ada-url), by the validator and by the pages alike."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from jachete.events.load import validate_events
from jachete.loader import parse
from jachete.reference import load_reference
from jachete.registry import check_document
from jachete.render.env import mailto, safe_url
from jachete.rules.validate import validate_rules
from jachete.weburl import check, link

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 27)
DECL = (FIXTURES / "declaration" / "valid" / "municipalite-complete.yml").read_text(encoding="utf-8")
OFFICIAL = "https://riviere-aux-saules.example.ca/"
# The official-domain cases: the body's site is OFFICIAL unless the row gives another one.
CASES = [
    # The browser goes to evil.example: a backslash is a slash (urllib saw a host ending in the official one).
    ("backslash", r"https://evil.example\.riviere-aux-saules.example.ca/greffe/declaration.pdf", None,
     ["url-invalide"]),
    ("backslash-after-host", r"https://riviere-aux-saules.example.ca\@evil.example/d.pdf", None, ["url-invalide"]),
    ("userinfo", "https://riviere-aux-saules.example.ca@evil.example/declaration.pdf", None, ["url-invalide"]),
    ("official-as-subdomain", "https://riviere-aux-saules.example.ca.evil.example/d.pdf", None,
     ["document-hors-domaine"]),
    ("legitimate-subdomain", "https://greffe.riviere-aux-saules.example.ca/declaration.pdf", None, []),
    ("official-in-path", "https://evil.example/riviere-aux-saules.example.ca/d.pdf", None, ["document-hors-domaine"]),
    ("official-in-query", "https://evil.example/?riviere-aux-saules.example.ca", None, ["document-hors-domaine"]),
    ("official-in-fragment", "https://evil.example/#riviere-aux-saules.example.ca", None, ["document-hors-domaine"]),
    ("case-port-final-dot", "HTTPS://RIVIERE-AUX-SAULES.EXAMPLE.CA.:8443/d.pdf", None, []),
    ("punycode-of-the-official-unicode-host", "https://xn--rivire-aux-saules-vsb.example.ca/d.pdf",
     "https://rivière-aux-saules.example.ca/", []),
    ("unicode-of-the-official-punycode-host", "https://greffe.rivière-aux-saules.example.ca/d.pdf",
     "https://www.xn--rivire-aux-saules-vsb.example.ca/", []),
    ("percent-encoded-host", "https://riviere-aux-saules.ex%61mple.ca/d.pdf", None, []),
    ("punycode-look-alike", "https://xn--vill-y4d.example/d.pdf", "https://ville.example/", ["document-hors-domaine"]),
    # Cyrillic « а » in « exаmple »: another host once in ASCII, and a word mixing alphabets.
    ("cyrillic-look-alike", "https://riviere-aux-saules.ex\u0430mple.ca/d.pdf", None,
     ["document-hors-domaine", "texte-homoglyphe"]),
    ("soft-hyphen", "https://riviere-aux-saules.exa\u00admple.ca/d.pdf", None, ["url-invalide"]),
    ("tab", "https://riviere-aux-saules.example.ca/\td.pdf", None, ["url-invalide"]),
    ("no-break-space", "https://riviere-aux-saules.example.ca/d.pdf\u00a0", None, ["url-invalide"]),
    ("line-separator", "https://riviere-aux-saules.example.ca/d\u2028.pdf", None, ["url-invalide"]),
    ("ipv4-decimal", "https://3232235521/d.pdf", None, ["document-hors-domaine", "url-adresse-ip"]),
    ("http-document", "http://riviere-aux-saules.example.ca/d.pdf", None, ["document-http"]),
    ("uppercase-scheme", "HTTPS://riviere-aux-saules.example.ca/d.pdf", "HTTPS://Riviere-aux-Saules.example.ca/", []),
    ("no-dot-in-host", "https://intranet/d.pdf", None, ["url-invalide"]),
]


def document_codes(document: str, official: str | None) -> list[str]:
    text = DECL.replace("document_signe: https://riviere-aux-saules.example.ca/docs/declaration.pdf",
                        f"document_signe: '{document}'")
    if official is not None:
        text = text.replace(f"site_web: {OFFICIAL}", f"site_web: '{official}'")
    doc = parse("data/declarations/municipalite-complete.yml", text.encode("utf-8"))
    found = check_document(doc, "declaration", ROOT, load_reference(ROOT), TODAY)
    return sorted(p.code for p in found)


@pytest.mark.parametrize(("document", "official", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_official_domain_is_compared_on_the_host_a_browser_reaches(document, official, expected):
    assert document_codes(document, official) == expected


def test_messages_name_the_host_in_ascii():
    text = DECL.replace("docs/declaration.pdf", "d.pdf").replace(
        "document_signe: https://riviere-aux-saules.example.ca", "document_signe: https://riviere-aux-saules.ex\u0430mple.ca")
    doc = parse("data/declarations/x.yml", text.encode("utf-8"))
    found = {p.code: p.message for p in check_document(doc, "declaration", ROOT, load_reference(ROOT), TODAY)}
    assert "« riviere-aux-saules.xn--exmple-4nf.ca »" in found["document-hors-domaine"]


@pytest.mark.parametrize(("url", "href", "host", "ip"), [
    ("HTTPS://Ville.Example/Greffe/a.pdf", "https://ville.example/Greffe/a.pdf", "ville.example", False),
    ("https://rivière.example/", "https://xn--rivire-6ua.example/", "xn--rivire-6ua.example", False),
    ("https://0xC0A80001/", "https://192.168.0.1/", "192.168.0.1", True),
    ("https://0300.0250.0.1/", "https://192.168.0.1/", "192.168.0.1", True),
    ("https://[::1]/", "https://[::1]/", "[::1]", True),
    ("http://10.0.0.1:8080/x", "http://10.0.0.1:8080/x", "10.0.0.1", True),
])
def test_accepted_addresses_are_serialised_as_browsers_do(url, href, host, ip):
    found = check(url)
    assert (found.href, found.host, found.ip) == (href, host, ip)


@pytest.mark.parametrize("url", [
    "ftp://ville.example/", "javascript:alert(1)", "www.ville.example", "https://", "https://999.1.1.1/",
    "https://ville.example/\x00", "https://ville.example\x7f/", "https://ville\u200d.example/",
    "https://user:pass@ville.example/", "https://:pass@ville.example/",
])
def test_refused_addresses_say_why(url):
    reason = check(url)
    assert isinstance(reason, str) and reason and "None" not in reason


def test_links_are_the_checked_serialisation():
    # What the page links is what the validator checked: the browser's serialisation, or nothing.
    assert safe_url("HTTPS://Ville.Example/a b") == ""
    assert safe_url("HTTPS://Ville.Example/a") == "https://ville.example/a"
    assert safe_url(r"https://evil.example\.ville.example/d.pdf") == ""
    assert safe_url("https://ville.example@evil.example/") == ""
    assert safe_url("https://rivière.example/d.pdf") == "https://xn--rivire-6ua.example/d.pdf"
    assert safe_url("https://ville.example/?q='\"<>`") == "https://ville.example/?q=%27%22%3C%3E%60"
    assert mailto("info@ville.example") == "mailto:info@ville.example"
    assert link("MAILTO:info@ville.example") == "mailto:info@ville.example"
    for scheme in ("javascript", "data", "file", "ftp", "ws", "blob"):
        assert safe_url(f"{scheme}://ville.example/") == "", scheme


EVENT_HEAD = "# yaml-language-server: $schema=../schemas/evenement.schema.json\n"
EVENT = """id: salon
titre: Salon régional
type: salon
debut: 2026-04-22
description: Kiosques.
organisateur: Pôle régional
url: {url}
"""


def _event_problems(tmp_path: Path, url: str):
    (tmp_path / "data" / "schemas").mkdir(parents=True)
    (tmp_path / "data" / "schemas" / "evenement.schema.json").write_bytes(
        (ROOT / "data" / "schemas" / "evenement.schema.json").read_bytes())
    (tmp_path / "data" / "events").mkdir()
    (tmp_path / "data" / "events" / "salon.yml").write_text(EVENT_HEAD + EVENT.format(url=url), encoding="utf-8")
    return validate_events(tmp_path)


@pytest.mark.parametrize(("url", "codes"), [
    ("HTTPS://salon.example.org/", []),
    (r"https://evil.example\.salon.example.org/", ["url-invalide"]),
    ("https://3232235521/", ["url-adresse-ip"]),
])
def test_event_addresses(tmp_path, url, codes):
    found = _event_problems(tmp_path, url)
    assert [(p.code, p.key, p.line) for p in found] == [(c, "url", 8) for c in codes]


@pytest.mark.parametrize(("url", "codes"), [
    ("HTTPS://www.legisquebec.gouv.qc.ca/fr/document/lc/C-65.1", []),
    (r"https://evil.example\.legisquebec.gouv.qc.ca/", ["url-invalide"]),
    ("https://[2001:db8::1]/", ["url-adresse-ip"]),
])
def test_rules_file_source_addresses(tmp_path, url, codes):
    for name in ("rules", "schemas", "reference"):
        shutil.copytree(ROOT / "data" / name, tmp_path / "data" / name)
    path = tmp_path / "data" / "rules" / "regles.yml"
    old = "url: https://www.legisquebec.gouv.qc.ca/fr/document/lc/C-65.1"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, f"url: {url}", 1), encoding="utf-8")
    found = [p for p in validate_rules(tmp_path, today=TODAY) if p.code != "regles-a-renouveler"]
    line = text.splitlines().index(next(x for x in text.splitlines() if old in x)) + 1
    assert [(p.code, p.key.split(".")[-1], p.line) for p in found] == [(c, "url", line) for c in codes]


@pytest.mark.parametrize("url", ["ftp://salon.example.org/", "https://salon.example.org/a b"])
def test_an_event_address_the_schema_refuses_is_reported_once(tmp_path, url):
    assert [(p.code, p.key, p.line) for p in _event_problems(tmp_path, url)] == [("url-invalide", "url", 8)]
