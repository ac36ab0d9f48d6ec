"""Components placed in hand-written pages: no text of a record can pose as a marker."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import REPO, build_site, make_root
from jachete import site
from jachete.render.env import ROOT_TOKEN

# The fixed token the components' links used to start with.
OLD_TOKEN = "%%JACHETE_ROOT%%/"


def test_root_token_is_not_a_fixed_text():
    assert re.fullmatch(r"jachete-root-[0-9a-f]{32}/", ROOT_TOKEN)
    assert OLD_TOKEN != ROOT_TOKEN


def test_a_component_is_never_searched_for_markers():
    components = {"a": "<p>A « <!-- jachete:b --> »</p>", "b": "<p>B</p>"}
    page = "<!-- jachete:a -->\n<!-- jachete:b -->\n<!-- jachete:inconnu -->"
    assert site.replace_markers(page, components) == (
        "<p>A « <!-- jachete:b --> »</p>\n<p>B</p>\n<!-- jachete:inconnu -->")


EVENT = f"""\
# yaml-language-server: $schema=../schemas/evenement.schema.json
id: salon-jeton
titre: "Salon {OLD_TOKEN}x"
type: salon
debut: 2026-04-22
municipalite: Trois-Rivières
region: "04"
description: "Voir {OLD_TOKEN}evenements/."
organisateur: Pôle régional
"""


@pytest.mark.slow
def test_record_text_holding_the_old_token_is_shown_as_written(tmp_path):
    root = make_root(tmp_path / "root")
    source = REPO / "data" / "declarations" / "cegep-de-la-pointe-boreale.yml"
    text = source.read_text(encoding="utf-8").replace(
        "nom: Cégep de la Pointe-Boréale", f'nom: "Cégep {OLD_TOKEN}x"', 1)
    assert OLD_TOKEN in text
    (root / "data" / "declarations" / source.name).write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "data" / "enterprises", root / "data" / "enterprises", dirs_exist_ok=True)
    (root / "data" / "events").mkdir()
    (root / "data" / "events" / "salon-jeton.yml").write_text(EVENT, encoding="utf-8")
    dest = tmp_path / "site"
    proc = build_site(dest, root=root, search=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    home = (dest / "index.html").read_text(encoding="utf-8")
    events = (dest / "evenements" / "index.html").read_text(encoding="utf-8")
    assert f"Cégep {OLD_TOKEN}x" in home
    assert f"Salon {OLD_TOKEN}x" in events and f"Voir {OLD_TOKEN}evenements/." in events
    for page in (home, events):
        assert not re.search(r"jachete-root-[0-9a-f]{32}", page)
        assert "<!-- jachete:" not in page
