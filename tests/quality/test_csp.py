"""The Content-Security-Policy of overrides/main.html holds on every page of the normal build:
opened in Chromium, no page reports a violation, a script error, an inline handler, a request
to another host or a missing resource; and no page is wider than a phone's screen."""

from __future__ import annotations

import re

import pytest

from conftest import REPO

from . import gates
from .conftest import site_pages
from .test_hostile import KNOWN_MISSING

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_theme_override_declares_a_strict_policy():
    main = (REPO / "overrides" / "main.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', main).group(1)
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives["script-src"][0] == "'self'" and "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    assert "default-src" in directives


def test_every_page_satisfies_the_policy_and_fits_a_phone(watched, site_server, built_site):
    # A phone-sized window: the same sweep also checks that no page of the real records is wider
    # than the screen (the hostile records are checked at two widths in test_hostile.py).
    context, watch = watched(site_server, viewport={"width": 375, "height": 800})
    page = context.new_page()
    found = []
    paths = site_pages(built_site)
    for path in paths:
        page.goto(site_server + path, wait_until="load")
        found += [f"/{path} : {p}" for p in gates.dom_problems(page)]
        extra = gates.overflow(page, 375, 800)
        if extra > 0:
            found.append(f"/{path} : {extra} px de trop à 375 px de largeur")
    found += watch.problems(allow_missing=KNOWN_MISSING)
    assert len(paths) >= 20
    assert not found, "\n".join(found)
