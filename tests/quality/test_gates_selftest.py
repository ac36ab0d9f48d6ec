"""The gates themselves: each one, run on a small deliberately broken page served locally,
reports the defect (a missing alt, an unlabelled input, an unescaped script, an invisible
focus, a broken link, a duplicate id...). A gate that cannot fail proves nothing."""

from __future__ import annotations

import pytest

from conftest import serve

from . import gates
from . import html_check as html_gate
from . import links as link_gate

CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; "
       "style-src 'self' 'unsafe-inline'\">")


def doc(body: str, head: str = "", lang: str = ' lang="fr"', skip: bool = True) -> str:
    skip_link = '<a href="#contenu" class="skip">Aller au contenu</a>' if skip else ""
    return (f"<!DOCTYPE html><html{lang}><head><meta charset=\"utf-8\"><title>Essai</title>{head}</head>"
            f"<body>{skip_link}<main id=\"contenu\"><h1>Essai</h1>{body}</main></body></html>")


SAMPLES = {
    "ok.html": doc('<p>Texte et <a href="autre.html#cible">un lien</a>.</p><img src="i.svg" alt="Logo">'),
    "autre.html": doc('<p id="cible">Cible</p>'),
    "i.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>',
    "sans-alt.html": doc('<img src="i.svg">'),
    "sans-label.html": doc('<form><input type="text" name="q"></form>'),
    "script-brut.html": doc("<p>Coop <script>alert('record')</script></p>"),
    "script-csp.html": doc("<p>Coop <script>alert('record')</script></p>", head=CSP),
    "gestionnaire.html": doc('<p>Coop <img src="absent.png" alt="" onerror="alert(1)"></p>'),
    "lien-js.html": doc('<p><a href="javascript:alert(1)">site web</a></p>'),
    "trop-large.html": doc("<p>" + "A" * 500 + "</p>"),
    "focus-invisible.html": doc('<style>a:focus, a:focus-visible { outline: none; }</style>'
                                '<p><a href="ok.html">un</a> <a href="ok.html">deux</a></p>'),
    "sans-evitement.html": doc('<p><a href="ok.html">un</a> <a href="ok.html">deux</a></p>', skip=False),
    "ordre.html": doc('<p><a href="ok.html">un</a> <a href="ok.html" tabindex="1">deux</a> '
                      '<a href="ok.html">trois</a></p>'),
    "lien-casse.html": doc('<p><a href="absent/">absent</a> <a href="autre.html#nulle-part">ancre</a> '
                           '<img src="manque.png" alt="x"></p>'),
    "invalide.html": doc('<div id="a"></span><div id="a"></div><p <b>x</b>', lang=""),
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken")
    for name, text in SAMPLES.items():
        (root / name).write_text(text, encoding="utf-8")
    server, url = serve(root)
    yield root, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def opened(browser, samples):
    _, url = samples
    context = browser.new_context(locale="fr-CA")
    watch = gates.watch(context, url.rstrip("/"))
    page = context.new_page()

    def open_page(name: str):
        page.goto(url + name, wait_until="load")
        return page

    open_page.watch = watch
    yield open_page
    context.close()


# --- axe-core --------------------------------------------------------------------------------

@pytest.mark.browser
def test_axe_passes_the_clean_sample(opened):
    assert gates.axe_violations(opened("ok.html")) == []


@pytest.mark.browser
@pytest.mark.parametrize("name, rule", [("sans-alt.html", "image-alt"), ("sans-label.html", "label")])
def test_axe_reports_a_missing_alt_and_an_unlabelled_input(opened, name, rule):
    violations = gates.axe_violations(opened(name))
    assert any(v.startswith(rule + " ") for v in violations), violations


# --- Untrusted input: scripts, handlers, URLs, width ------------------------------------------

@pytest.mark.browser
def test_the_watcher_catches_an_unescaped_record_script(opened):
    opened("script-brut.html")
    assert any("record" in d for d in opened.watch.dialogs), opened.watch.problems()


@pytest.mark.browser
def test_the_watcher_catches_a_csp_violation(opened):
    page = opened("script-csp.html")
    assert not opened.watch.dialogs
    assert any("script-src" in p for p in gates.dom_problems(page))
    assert any("Content Security Policy" in e for e in opened.watch.errors)


@pytest.mark.browser
def test_the_dom_check_catches_inline_handlers_and_script_urls(opened):
    assert any("gestionnaire en ligne IMG[onerror]" in p for p in gates.dom_problems(opened("gestionnaire.html")))
    assert any("javascript:" in p for p in gates.dom_problems(opened("lien-js.html")))
    assert gates.dom_problems(opened("ok.html")) == []


@pytest.mark.browser
def test_the_overflow_gate_catches_a_long_unbroken_string(opened):
    page = opened("trop-large.html")
    assert gates.overflow(page, 375) > 0
    assert gates.overflow(opened("ok.html"), 375) == 0


# --- Keyboard ---------------------------------------------------------------------------------

@pytest.mark.browser
def test_the_keyboard_walk_passes_the_clean_sample(opened):
    walk = gates.keyboard_walk(opened("ok.html"))
    assert walk.expected == 2 and len(walk.stops) == 2
    # The sample's skip link has no class md-skip: only that is reported.
    assert [p for p in walk.problems() if "évitement" not in p] == []


@pytest.mark.browser
def test_the_keyboard_walk_catches_an_invisible_focus(opened):
    problems = gates.keyboard_walk(opened("focus-invisible.html")).problems(skip_link=False)
    assert sum("focus invisible" in p for p in problems) == 3, problems


@pytest.mark.browser
def test_the_keyboard_walk_catches_a_missing_skip_link_and_a_wrong_order(opened):
    assert any("évitement" in p for p in gates.keyboard_walk(opened("sans-evitement.html")).problems())
    problems = gates.keyboard_walk(opened("ordre.html")).problems(skip_link=False)
    assert any("tabindex positif" in p for p in problems) and any("ordre" in p for p in problems), problems


# --- Offline gates ----------------------------------------------------------------------------

def test_the_link_checker_catches_missing_targets_anchors_and_script_urls(samples):
    root, _ = samples
    problems = {(p.page, p.url) for p in link_gate.check_site(root)}
    assert ("lien-casse.html", "absent/") in problems
    assert ("lien-casse.html", "autre.html#nulle-part") in problems
    assert ("lien-casse.html", "manque.png") in problems
    assert ("lien-js.html", "javascript:alert(1)") in problems
    assert not [p for p in problems if p[0] == "ok.html"]
    assert ("sitemap.xml", "") in problems  # no sitemap in the samples


def test_the_record_url_check_catches_bad_schemes(tmp_path):
    (tmp_path / "e.yml").write_text(
        "site_web: javascript:alert(1)\nboutique_en_ligne: https://\ndocument_signe: https://ok.example/a.pdf\n"
        "sources: [data://x, mailto:sans-arobase]\ndescription: texte, pas une URL\n", encoding="utf-8")
    problems = {p.url: p.reason for p in link_gate.check_record_urls(tmp_path)}
    assert set(problems) == {"javascript:alert(1)", "https://", "mailto:sans-arobase", "data://x"}, problems


def test_the_html_gate_catches_parse_errors_duplicate_ids_and_language(samples):
    root, _ = samples
    problems = [p.reason for p in html_gate.check_html((root / "invalide.html").read_text(), "invalide.html")]
    assert any("unexpected-end-tag" in p for p in problems)
    assert any("« a » répété 2 fois" in p for p in problems)
    assert any("<html lang>" in p for p in problems)
    assert html_gate.check_html((root / "ok.html").read_text()) == []


def test_the_html_gate_catches_inline_code(samples):
    root, _ = samples
    assert html_gate.check_inline_code((root / "script-brut.html").read_text())
    assert html_gate.check_inline_code((root / "gestionnaire.html").read_text())
    assert html_gate.check_inline_code((root / "ok.html").read_text()) == []
