"""Sites built from temporary data folders: hostile text stays inert, demo records can be left
out, invalid records stop the build with every problem listed once."""

from pathlib import Path

import html5lib
import pytest

from conftest import build_site, make_root

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS = "javascript:alert(1)"


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def enterprise_yaml(rid: str, text: str, exemple: bool = False, url: str = "https://example.org/") -> str:
    return f"""# yaml-language-server: $schema=../schemas/entreprise.schema.json
id: {rid}
nom: {q(text + " " + rid)}
forme_juridique: obnl
neq: "1171234563"
region: "04"
mrc: "371"
municipalite: {q(text)}
adresse: {q(text)}
code_postal: G9A 2G8
description: {q(text)}
secteurs: [alimentation]
offres:
  - titre: {q(text)}
    description: {q(text)}
    unspsc: ["90101600"]
site_web: {q(url)}
boutique_en_ligne: {q(url)}
mise_a_jour: 2026-10-01
exemple: {str(exemple).lower()}
"""


def declaration_yaml(rid: str, text: str, url: str = "https://ville.example.ca/d.pdf") -> str:
    return f"""# yaml-language-server: $schema=../schemas/declaration.schema.json
id: {rid}
organisme:
  nom: {q(text)}
  type: municipalite
  site_web: https://ville.example.ca/
  region: "04"
adoptee_le: 2026-03-14
resolution: {q(text[:90])}
signataire:
  nom: {q(text)}
  titre: {q(text)}
document_signe: {q(url)}
texte: {q(text)}
cibles:
  - description: {q(text)}
    valeur: 5
    unite: {q(text[:90])}
suivis:
  - annee: 2026
    montant: 184500
    note: {q(text)}
"""


def _check_inert(site: Path):
    pages = 0
    for path in site.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        pages += 1
        doc = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), (path, el.tag, name)
                if name in {"href", "src"}:
                    assert not value.strip().lower().startswith(("javascript:", "data:")), (path, value)
            if el.tag == "script":
                # Scripts come from the theme (src) or are data blocks; none holds record markup.
                assert el.get("src") or el.get("type") in {"application/json", "application/ld+json"}, path
                assert "alert(1)</script" not in (el.text or ""), path
            assert el.tag != "img" or el.get("src") != "x", path
    return pages


def test_hostile_record_text_is_inert_in_the_built_site(tmp_path):
    root = make_root(tmp_path / "root")
    payloads = [SCRIPT, IMG, JS]
    for i, text in enumerate(payloads):
        (root / "data/enterprises" / f"e{i}.yml").write_text(
            enterprise_yaml(f"e{i}", text, url=f'https://example.org/"><script>alert({i})</script>'), encoding="utf-8"
        )
        (root / "data/declarations" / f"d{i}.yml").write_text(declaration_yaml(f"d{i}", text), encoding="utf-8")
    site = tmp_path / "site"
    proc = build_site(site, root=root, search=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (site / "entreprises/e0/index.html").is_file() and (site / "declarations/d2/index.html").is_file()
    # The payloads are there, as text.
    page = (site / "entreprises/e0/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert _check_inert(site) > 20


def test_demo_off_leaves_demo_records_out(tmp_path):
    root = make_root(tmp_path / "root")
    (root / "data/enterprises/vraie.yml").write_text(enterprise_yaml("vraie", "Vraie"), encoding="utf-8")
    (root / "data/enterprises/fictive.yml").write_text(
        enterprise_yaml("fictive", "Fictive", exemple=True), encoding="utf-8"
    )
    on = build_site(tmp_path / "on", root=root, demo=True, search=False)
    off = build_site(tmp_path / "off", root=root, demo=False, search=False)
    assert on.returncode == 0 and off.returncode == 0, (on.stderr[-2000:], off.stderr[-2000:])
    assert (tmp_path / "on/entreprises/fictive/index.html").is_file()
    assert "Exemple fictif" in (tmp_path / "on/entreprises/index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "off/entreprises/fictive").exists()
    assert (tmp_path / "off/entreprises/vraie/index.html").is_file()
    for page in (tmp_path / "off").rglob("*.html"):
        assert "jachete-badge--demo" not in page.read_text(encoding="utf-8"), page


def test_invalid_records_stop_the_build_with_every_problem(tmp_path):
    root = make_root(tmp_path / "root")
    (root / "data/enterprises/sans-nom.yml").write_text(
        enterprise_yaml("sans-nom", "x").replace('nom: "x sans-nom"\n', ""), encoding="utf-8"
    )
    (root / "data/declarations/mauvaise-date.yml").write_text(
        declaration_yaml("mauvaise-date", "x").replace("adoptee_le: 2026-03-14", "adoptee_le: hier"), encoding="utf-8"
    )
    proc = build_site(tmp_path / "site", root=root, search=False)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert out.count("ne sont pas valides") == 1
    assert "data/enterprises/sans-nom.yml:" in out and ": error: " in out
    assert "data/declarations/mauvaise-date.yml:" in out
    assert not (tmp_path / "site/entreprises").exists()
