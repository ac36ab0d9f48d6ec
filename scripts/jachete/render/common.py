"""Shared helpers of the renderers: vocabulary labels, sort keys, GitHub links."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from urllib.parse import quote

from ..model import Enterprise, Reference
from ..site import Settings


class Labels:
    """French labels of reference codes, with a readable fallback for an unknown code."""

    def __init__(self, ref: Reference):
        self.ref = ref

    def region(self, code: str) -> str:
        r = self.ref.regions.get(code)
        return r.nom if r else code

    def region_slug(self, code: str) -> str:
        r = self.ref.regions.get(code)
        return r.url_slug if r else code

    def mrc(self, code: str) -> str:
        m = self.ref.mrcs.get(code)
        return m.nom if m else code

    def secteur(self, sid: str) -> str:
        t = self.ref.secteurs.get(sid)
        return t.label if t else sid

    def forme_label(self, fid: str) -> str:
        t = self.ref.formes_juridiques.get(fid)
        return t.label if t else fid

    def type_coop(self, tid: str) -> str:
        t = self.ref.types_cooperatives.get(tid)
        return t.label if t else tid

    def type_org(self, tid: str) -> str:
        t = self.ref.types_organismes.get(tid)
        return t.label if t else tid

    def forme(self, e: Enterprise) -> str:
        """« Coopérative de solidarité », « Organisme à but non lucratif », « Mutuelle »."""
        if e.cooperative:
            return self.type_coop(e.cooperative.type)
        return self.forme_label(e.forme_juridique)


_labels_cache: dict[int, Labels] = {}


def labels(ref: Reference) -> Labels:
    # One Labels per reference object for the whole build.
    key = id(ref)
    if key not in _labels_cache:
        _labels_cache.clear()
        _labels_cache[key] = Labels(ref)
    return _labels_cache[key]


_per_build: dict[str, tuple[object, object]] = {}


def per_build(ctx, name: str, make):
    """``make(ctx)``, computed once per build (per context object) and shared by its pages."""
    slot = _per_build.get(name)
    if slot is None or slot[0] is not ctx:
        slot = _per_build[name] = (ctx, make(ctx))
    return slot[1]


@lru_cache(maxsize=65536)
def sort_key(text: str) -> str:
    """Alphabetical order a French reader expects: accents and case ignored."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def initial(text: str) -> str:
    key = sort_key(text).lstrip("«»\"'( ")
    first = key[:1].upper()
    return first if first.isalpha() else "#"


# The constant end of every issue body, percent-encoded once.
_ISSUE_TAIL = quote(
    "\n\nQu’est-ce qui est inexact ou manquant ?\n\nQuelle est la bonne information, et sa source ?\n", safe=""
)


def github_links(settings: Settings, source_path: str, title: str) -> dict[str, str]:
    """« Modifier », « Historique », « Signaler une erreur » and source URLs of a record file."""
    repo = settings.repo_url.rstrip("/")
    path = quote(source_path)
    branch = quote(settings.branch)
    # The same query string as urlencode(..., quote_via=quote): each value quoted with safe="".
    issue = (
        "title=" + quote(f"Erreur dans la fiche « {title} »", safe="")
        + "&body=" + quote(f"Fiche : {source_path}", safe="") + _ISSUE_TAIL
    )
    return {
        "edit": f"{repo}/edit/{branch}/{path}",
        "history": f"{repo}/commits/{branch}/{path}",
        "source": f"{repo}/blob/{branch}/{path}",
        "issue": f"{repo}/issues/new?{issue}",
    }
