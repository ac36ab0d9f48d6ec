"""One ``Kind`` per kind of record: where its files are, which schema checks them, what builds
its model, and which pages, exports, search fields, issue form and scaffold it has.

``registry.load`` reads every kind listed here; the CLI's ``jachete validate`` reads the same
folders through ``registry``. A future kind of derived data (SEAO matched contracts) is a
``Kind`` with ``derived=True``: it has a folder, a schema and a builder, but no issue form or
scaffold, since nobody writes it by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..events.load import build_event
from .build import build_declaration, build_enterprise


@dataclass(frozen=True)
class Kind:
    name: str  # "enterprise": the kind's name in the code
    folder: str  # under data/: "enterprises"
    pattern: str  # file name: "<id>.yml", or the one file's name
    schema: str  # under data/schemas/
    build: Callable | None  # (validated data, source path) -> model object; None: kept as data
    aliases: tuple[str, ...] = ()  # other folder names that hold this kind (``jachete validate dossier/``)
    fields: str | None = None  # field table kinds/<fields>.yml
    pages: tuple[str, ...] = ()  # templates of its pages
    url: str = ""  # page address of a record: "entreprises/{id}/"
    exports: tuple[str, ...] = ()  # files under /donnees/ (and /evenements/)
    search: tuple[str, ...] = ()  # the fields its indexed page shows, for pagefind
    form: str | None = None  # issue form under .github/ISSUE_TEMPLATE/
    scaffold: str | None = None  # ``jachete new <scaffold>``
    cross_checks: str = ""  # what is checked between records of this kind
    derived: bool = False  # computed from other sources, never written by hand

    @property
    def folder_path(self) -> str:
        """The folder under the repository root: ``data/enterprises``."""
        return f"data/{self.folder}"

    @property
    def schema_line(self) -> str:
        return f"# yaml-language-server: $schema=../schemas/{self.schema}"


ENTERPRISE = Kind(
    "enterprise", "enterprises", "<id>.yml", "entreprise.schema.json", build_enterprise,
    aliases=("enterprise", "entreprises"), fields="enterprise",
    pages=("enterprise.html", "enterprises_index.html", "region.html"), url="entreprises/{id}/",
    exports=("entreprises.csv", "entreprises-offres.csv", "entreprises.json", "entreprises.geojson"),
    search=("nom", "description", "municipalite", "secteurs", "offres"),
    form="entreprise.yml", scaffold="enterprise", cross_checks="identifiant unique",
)
DECLARATION = Kind(
    "declaration", "declarations", "<id>.yml", "declaration.schema.json", build_declaration,
    aliases=("declaration",), fields="declaration",
    pages=("declaration.html", "declarations_index.html"), url="declarations/{id}/",
    exports=("declarations.csv", "declarations-cibles.csv", "declarations-suivis.csv", "declarations.json"),
    search=("organisme.nom", "texte", "cibles"),
    form="declaration.yml", scaffold="declaration",
    cross_checks="identifiant unique ; une seule déclaration par organisme",
)
EVENT = Kind(
    "event", "events", "<id>.yml", "evenement.schema.json", build_event,
    pages=("events/calendar.html",), url="evenements/#{id}",
    exports=("evenements/evenements.ics", "evenements/<id>.ics"),
)
RULES = Kind(
    "rules", "rules", "regles.yml", "regles.schema.json", None,
    pages=("rules/regles.html", "rules/seuils.html", "rules/formulaire.html", "rules/sources.html"),
)

KINDS: dict[str, Kind] = {k.name: k for k in (ENTERPRISE, DECLARATION, EVENT, RULES)}
# The kinds read by ``registry.validate_files`` one file at a time (events and rules have their own reader).
RECORD_KINDS = (ENTERPRISE, DECLARATION)
