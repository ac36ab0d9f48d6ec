"""Every text field of a record is hostile: the rendered HTML must keep it inert."""

import datetime as dt

import html5lib

from conftest import make_ctx, make_declaration, make_enterprise
from jachete import features
from jachete.model import Body, Cooperative, FollowUp, Offer, Signatory, Target
from jachete.render.env import safe_url

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
]
URL_PAYLOADS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://example.org/"><script>alert(1)</script>',
]


def hostile_records(i: int):
    text = PAYLOADS[i % len(PAYLOADS)]
    url = URL_PAYLOADS[i % len(URL_PAYLOADS)]
    e = make_enterprise(
        id=f"e{i}",
        nom=text,
        municipalite=text,
        adresse=text,
        code_postal=text,
        description=text,
        telephone=text,
        courriel=text,
        site_web=url,
        boutique_en_ligne=url,
        neq=text,
        offres=(Offer(titre=text, description=text, unspsc=(text,)),),
        cooperative=Cooperative(type="solidarite", sans_ristourne=True),
        forme_juridique="cooperative",
        exemple=bool(i % 2),
    )
    d = make_declaration(
        id=f"d{i}",
        organisme=Body(nom=text, type="municipalite", site_web=url, region="04", code_geo="66023"),
        resolution=text,
        signataire=Signatory(nom=text, titre=text),
        document_signe=url,
        texte=text if i % 2 else None,
        cibles=(Target(description=text, valeur=5, unite=text, echeance=dt.date(2028, 1, 1)),),
        suivis=(FollowUp(annee=2026, nombre_contrats=1, montant=10, note=text),),
    )
    return e, d


def assert_inert(html: str, where: str):
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "script":
            # Only the JSON-LD data block of the template, with record text JSON-escaped.
            assert el.get("type") == "application/ld+json", (where, el.attrib)
            assert "<" not in (el.text or ""), where
            continue
        if el.tag == "img":
            # The only image of a record page is the declaration's own badge, beside it.
            assert el.get("src") == "badge.svg", (where, el.attrib)
        assert el.tag not in {"iframe", "object", "embed"}, (where, el.tag)
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (where, el.tag, name)
            if name in {"href", "src", "action", "formaction"}:
                v = value.strip().lower().replace("\t", "")
                assert not v.startswith(("javascript:", "data:", "vbscript:")), (where, value)
                assert "<" not in value, (where, value)


def test_safe_url_accepts_only_http_https_mailto():
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_url("mailto:a@b.ca") == "mailto:a@b.ca"
    for bad in URL_PAYLOADS[:5] + ["//evil.example/", "http://", "ftp://x.y/", None, 3]:
        assert safe_url(bad) == "", bad


def test_every_page_and_component_keeps_hostile_text_inert(reference):
    records = [hostile_records(i) for i in range(6)]
    ctx = make_ctx(reference, [e for e, _ in records], [d for _, d in records])
    plan = features.plan(ctx)
    assert len(plan.pages) >= 6 + 6 + 17 + 3
    for page in plan.pages:
        assert_inert(page.body, page.src_uri)
        assert "<script>alert(1)</script>" not in page.body
    for name, html in plan.components.items():
        assert_inert(html, name)
