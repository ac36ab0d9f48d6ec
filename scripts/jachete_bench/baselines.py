"""Naive baselines built from the same records: plain Markdown pages with the same text.

(b) mkdocs-material with every record page out of the nav and ``navigation.prune``
(the best configuration of the stack without the project's plugin, no search);
(c) Hugo with minimal templates. Both get one page per enterprise and per
declaration at the same URLs as the project's site.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

MKDOCS_YML = """site_name: Banc d'essai
site_url: https://example.org/
theme:
  name: material
  language: fr
  features:
    - navigation.prune
plugins: []
nav:
  - index.md
not_in_nav: |
  /entreprises/
  /declarations/
"""

HUGO_TOML = """baseURL = "https://example.org/"
languageCode = "fr-ca"
title = "Banc d'essai"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""

HUGO_BASEOF = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n'
HUGO_LIST = '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n'


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _md_escape(text) -> str:
    # Record text is plain; keep Markdown from reading it as markup or HTML.
    return str(text).replace("\\", "\\\\").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")


def enterprise_markdown(rec: dict) -> str:
    e = _md_escape
    lines = [e(rec["description"]), "",
             f"- Forme juridique : {e(rec['forme_juridique'])}",
             f"- NEQ : {rec['neq']}",
             f"- Adresse : {e(rec['adresse'])}, {e(rec['municipalite'])} {e(rec['code_postal'])}",
             f"- Région : {rec['region']}, MRC {rec['mrc']}",
             f"- Secteurs : {', '.join(map(e, rec['secteurs']))}"]
    for key in ("site_web", "courriel", "telephone", "boutique_en_ligne"):
        if rec.get(key):
            lines.append(f"- {key} : {e(rec[key])}")
    lines += ["", "## Offres", ""]
    for offer in rec["offres"]:
        lines += [f"### {e(offer['titre'])}", "", e(offer["description"]), "",
                  f"UNSPSC : {', '.join(offer['unspsc'])}", ""]
    lines.append(f"Mise à jour : {rec['mise_a_jour']}")
    return "\n".join(lines) + "\n"


def declaration_markdown(rec: dict) -> str:
    e = _md_escape
    body = rec["organisme"]
    lines = [f"- Organisme : {e(body['nom'])} ({e(body['type'])}), région {body['region']}",
             f"- Adoptée le {rec['adoptee_le']}, résolution {e(rec['resolution'])}",
             f"- Signataire : {e(rec['signataire']['nom'])}, {e(rec['signataire']['titre'])}",
             f"- Document signé : {e(rec['document_signe'])}", "",
             e(rec.get("texte") or "Texte de la déclaration type."), ""]
    for target in rec.get("cibles") or []:
        lines.append(f"- Cible : {e(target['description'])} {target.get('valeur', '')} "
                     f"{e(target.get('unite') or '')} {target.get('echeance') or ''}")
    for follow in rec.get("suivis") or []:
        lines.append(f"- Suivi {follow['annee']} : {follow.get('nombre_contrats', '')} contrats, "
                     f"{follow.get('montant', '')} $ {e(follow.get('note') or '')}")
    return "\n".join(lines) + "\n"


def _pages(data: Path):
    """(section, id, title, markdown) for every record, sorted."""
    for path in sorted((data / "enterprises").glob("*.yml")):
        rec = _load(path)
        yield "entreprises", rec["id"], rec["nom"], enterprise_markdown(rec)
    for path in sorted((data / "declarations").glob("*.yml")):
        rec = _load(path)
        yield "declarations", rec["id"], rec["organisme"]["nom"], declaration_markdown(rec)


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def write_baselines(data: Path, mkdocs_dir: Path, hugo_dir: Path) -> int:
    """Write both baseline projects from ``data``; return the number of record pages."""
    docs = _fresh(mkdocs_dir) / "docs"
    content = _fresh(hugo_dir) / "content"
    (mkdocs_dir / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (hugo_dir / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    layouts = hugo_dir / "layouts"
    layouts.mkdir()
    for name, text in (("baseof.html", HUGO_BASEOF), ("single.html", HUGO_SINGLE), ("list.html", HUGO_LIST),
                       ("home.html", HUGO_LIST)):
        (layouts / name).write_text(text, encoding="utf-8")
    for folder in (docs / "entreprises", docs / "declarations", content / "entreprises",
                   content / "declarations"):
        folder.mkdir(parents=True)
    (docs / "index.md").write_text("# Banc d'essai\n\nPages de fiches hors du menu.\n", encoding="utf-8")
    (content / "_index.md").write_text('---\ntitle: "Banc d\'essai"\n---\n', encoding="utf-8")
    count = 0
    for section, ident, title, markdown in _pages(data):
        (docs / section / f"{ident}.md").write_text(f"# {_md_escape(title)}\n\n{markdown}", encoding="utf-8")
        (content / section / f"{ident}.md").write_text(
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{markdown}", encoding="utf-8")
        count += 1
    return count
