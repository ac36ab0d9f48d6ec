"""Renderers on hand-made model objects: what each generated page says and links to."""

import dataclasses
import datetime as dt
from urllib.parse import parse_qs, urlsplit

import html5lib

from conftest import make_ctx, make_declaration, make_enterprise
from jachete.model import Cooperative, FollowUp
from jachete.render import declarations, directory, home
from jachete.render.env import ROOT_TOKEN, relative_root, render

NBSP = "\u00a0"


def parse(html):
    return html5lib.parse(html, namespaceHTMLElements=False)


def by_src(pages):
    return {p.src_uri: p for p in pages}


def test_relative_root_follows_directory_urls():
    assert relative_root("index.md") == "./"
    assert relative_root("entreprises/index.md") == "../"
    assert relative_root("entreprises/x.md") == "../../"
    assert relative_root("guides/a/b.md") == "../../../"


def test_enterprise_page_facts_filters_and_links(reference):
    e = make_enterprise(secteurs=("alimentation", "traiteur"))
    ctx = make_ctx(reference, [e], repo_url="https://github.com/o/r", branch="dev")
    page = directory.enterprise_page(ctx, e)
    assert page.src_uri == "entreprises/cafe-test.md"
    doc = parse(page.body)
    filters = {(el.get("data-pagefind-filter"), "".join(el.itertext()).strip()) for el in doc.iter()
               if el.get("data-pagefind-filter")}
    assert ("region", "Mauricie") in filters
    assert ("forme", reference.formes_juridiques["obnl"].label) in filters
    assert ("secteur", reference.secteurs["traiteur"].label) in filters
    assert "27 novembre 2026" in page.body
    assert "90101600" in page.body
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert "https://github.com/o/r/edit/dev/data/enterprises/cafe-test.yml" in hrefs
    assert "https://github.com/o/r/commits/dev/data/enterprises/cafe-test.yml" in hrefs
    assert "../../regions/04-mauricie/" in hrefs
    issue = next(h for h in hrefs if "/issues/new?" in h)
    assert " " not in issue
    query = parse_qs(urlsplit(issue).query)
    assert "Café Test" in query["title"][0]
    assert "data/enterprises/cafe-test.yml" in query["body"][0]
    assert "Exemple fictif" not in page.body


def test_demo_enterprise_carries_the_badge_in_page_and_lists(reference):
    e = make_enterprise(exemple=True)
    ctx = make_ctx(reference, [e])
    pages = by_src(directory.pages(ctx))
    for src in ("entreprises/cafe-test.md", "entreprises/index.md", "regions/04-mauricie.md"):
        assert "Exemple fictif" in pages[src].body, src


def test_legal_form_wording_follows_form_and_designation(reference):
    obnl = directory.enterprise_page(make_ctx(reference), make_enterprise()).body
    assert "573.3" in obnl and "matières résiduelles" in obnl and "par. 2.1" in obnl
    assert "Loi sur les contrats des organismes publics" in obnl

    designated = make_enterprise(
        forme_juridique="cooperative",
        cooperative=Cooperative(type="solidarite", sans_ristourne=True, designee_par_ministre=True),
    )
    body = directory.enterprise_page(make_ctx(reference), designated).body
    assert "par. 2.2" in body and "désignée par le ministre" in body

    plain = make_enterprise(forme_juridique="cooperative", cooperative=Cooperative(type="travail", sans_ristourne=False))
    body = directory.enterprise_page(make_ctx(reference), plain).body
    assert "par. 2.2" not in body and "par. 2.1" not in body
    assert "règles habituelles" in body


def test_legal_form_section_follows_each_page_of_one_build(reference):
    # One build renders the section once per form and shares it: each page must still get its own.
    designated = make_enterprise(id="a", forme_juridique="cooperative", cooperative=Cooperative(
        type="solidarite", sans_ristourne=True, designee_par_ministre=True))
    plain = make_enterprise(id="b", forme_juridique="cooperative",
                            cooperative=Cooperative(type="travail", sans_ristourne=False))
    pages = by_src(directory.pages(make_ctx(reference, [designated, plain, make_enterprise(id="c")])))
    assert "par. 2.2" in pages["entreprises/a.md"].body
    assert "par. 2.2" not in pages["entreprises/b.md"].body and "par. 2.1" not in pages["entreprises/b.md"].body
    assert "par. 2.1" in pages["entreprises/c.md"].body


def test_region_pages_group_by_mrc_and_sector(reference):
    a = make_enterprise(id="a", nom="Zeta", mrc="372", secteurs=("transport",))
    b = make_enterprise(id="b", nom="Alpha", mrc="371", secteurs=("alimentation", "transport"))
    other = make_enterprise(id="c", nom="Ailleurs", region="06", mrc="66", regions_desservies=("04",))
    pages = by_src(directory.pages(make_ctx(reference, [a, b, other])))
    regions = [p for p in pages if p.startswith("regions/") and p != "regions/index.md"]
    assert len(regions) == 17
    assert "regions/06-montreal.md" in pages
    body = pages["regions/04-mauricie.md"].body
    doc = parse(body)
    h3 = ["".join(h.itertext()) for h in doc.iter("h3")]
    mrc_names = [reference.mrcs["372"].nom, reference.mrcs["371"].nom]
    mrc_headings = [h for h in h3 if any(h.startswith(n) for n in mrc_names)]
    assert [h.split(" (")[0] for h in mrc_headings] == sorted(mrc_names, key=str.casefold)
    transport = reference.secteurs["transport"].label
    assert any(h.startswith(transport) and "(2)" in h for h in h3)
    assert "Ailleurs" in body  # serves the region from elsewhere
    index = pages["regions/index.md"].body
    assert "04-mauricie/" in index and index.count("<tr>") == 18


def test_a_to_z_ignores_accents_and_case(reference):
    names = ["fabrique", "École du bois", "Durand"]
    es = [make_enterprise(id=f"e{i}", nom=n) for i, n in enumerate(names)]
    body = directory.enterprises_index(make_ctx(reference, es)).body
    assert body.index("Durand") < body.index("École du bois") < body.index("fabrique")
    assert 'id="lettre-E"' in body


def test_wall_newest_first_counts_and_big_cities(reference):
    old = make_declaration(id="old", adoptee_le=dt.date(2025, 5, 1))
    new = make_declaration(
        id="new",
        adoptee_le=dt.date(2026, 6, 2),
        organisme=make_declaration().organisme.__class__(
            nom="Ville de Québec", type="municipalite", site_web="https://quebec.example.ca/", region="03",
            code_geo=reference.grandes_villes[1].code_geo,
        ),
    )
    ctx = make_ctx(reference, declarations=[old, new])
    pages = by_src(declarations.pages(ctx))
    wall = pages["declarations/index.md"].body
    assert wall.index("declarations/new/") < wall.index("declarations/old/")
    assert 'href="#annee-2026"' in wall and 'id="annee-2025"' in wall
    assert 'href="#type-municipalite"' in wall and 'id="region-03"' in wall
    cities = declarations.big_cities(ctx)
    assert len(cities) == 10
    signed = [v.nom for v, d in cities if d]
    assert signed == [reference.grandes_villes[1].nom]
    assert "Signée le 2 juin 2026" in wall
    assert wall.count("Pas encore signée") == 9


def test_declaration_page_text_targets_and_amounts(reference):
    d = make_declaration(suivis=(FollowUp(annee=2026, nombre_contrats=12, montant=184500),))
    body = declarations.declaration_page(make_ctx(reference), d).body
    assert "14 mars 2026" in body
    assert f"184{NBSP}500{NBSP}$" in body
    assert "s’engage à" in body  # the model text, with the body's name
    assert "Ville Test s’engage à" in "".join(parse(body).itertext())
    own = declarations.declaration_page(make_ctx(reference), make_declaration(texte="Notre texte.\n\nSuite.")).body
    assert "<p>Notre texte.</p><p>Suite.</p>" in own
    assert "s’engage à" not in own


def test_model_text_names_the_body_escaped_and_isolated(reference):
    # The model text is rendered once per build and each body's name put in: the result must be
    # what the template gives for that name (escaped, bidirectional controls isolated).
    for name in ('Ville <b>« A & B »</b>', "Ville \u202eEDCBA"):
        d = make_declaration(organisme=dataclasses.replace(make_declaration().organisme, nom=name))
        body = declarations.declaration_page(make_ctx(reference), d).body
        assert render("partials/declaration_model_text.html", body_name=name) in body
        assert "<b>" not in body


def test_components_use_the_root_token(reference):
    ctx = make_ctx(reference, [make_enterprise()], [make_declaration()])
    comps = {**home.components(ctx), **declarations.components(ctx)}
    assert {"chiffres-cles", "texte-modele", "dernieres-declarations", "grandes-villes"} <= set(comps)
    assert ROOT_TOKEN + "entreprises/" in comps["chiffres-cles"]
    figures = home.key_figures(ctx)
    assert figures == {"n_entreprises": 1, "n_declarations": 1, "n_regions": 1, "n_regions_total": 17}


def test_enterprise_position_links_to_the_map(reference):
    e = make_enterprise(latitude=46.3439, longitude=-72.5433)
    body = directory.enterprise_page(make_ctx(reference), e).body
    assert "46,3439 ; -72,5433" in body
    assert "https://www.openstreetmap.org/?mlat=46.3439&amp;mlon=-72.5433" in body
    assert "openstreetmap" not in directory.enterprise_page(make_ctx(reference), make_enterprise()).body
