"""Offline gates over every page of the built sites (normal and hostile): internal links,
anchors and resources resolve; record URLs are well-formed; HTML parses without error, with
unique ids, lang="fr" and no inline code. No browser, no network."""

from __future__ import annotations

from conftest import REPO

from . import html_check as html
from . import links
from .conftest import HOSTILE, site_pages


def test_every_internal_link_and_anchor_resolves(built_site):
    assert len(links.html_files(built_site)) >= len(site_pages(built_site)) >= 20
    problems = links.check_site(built_site)
    assert not problems, "\n".join(p.format() for p in problems)


def test_every_internal_link_of_the_hostile_site_resolves(hostile_site):
    problems = links.check_site(hostile_site)
    assert not problems, "\n".join(p.format() for p in problems)


def test_every_external_url_of_the_records_is_well_formed():
    data = REPO / "data"
    found = [u for f in data.rglob("*.yml") for u in links.iter_urls(__import__("yaml").safe_load(f.read_text()))]
    assert found, "no URL found in the records: the scan is broken"
    problems = links.check_record_urls(data)
    assert not problems, "\n".join(p.format() for p in problems)


def test_the_hostile_records_that_build_have_well_formed_urls():
    assert not links.check_record_urls(HOSTILE / "data")


def test_every_page_parses_without_error_with_unique_ids_french_and_no_inline_code(built_site):
    problems = html.check_site(built_site)
    assert not problems, "\n".join(p.format() for p in problems[:60])


def test_every_hostile_page_parses_without_error_with_unique_ids_french_and_no_inline_code(hostile_site):
    problems = html.check_site(hostile_site)
    assert not problems, "\n".join(p.format() for p in problems[:60])
