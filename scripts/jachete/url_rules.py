"""The validator's rules on web addresses, for every kind of record and the rules file.

Each address is parsed as a browser parses it (``jachete.weburl``). The schemas keep a coarse
pattern (``https://`` then no space) for the editors' hints; an address the schema already
found wrong is not checked again (``skip``): one problem per address.
"""

from __future__ import annotations

from collections.abc import Iterable

from .kinds.fields import field_table
from .loader import Document, dotted
from .problems import Problem
from .weburl import WebUrl, check


def _url_fields(kind: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(f.key.split(".")) for f in field_table(kind).stored() if f.type == "url")


# The http(s) address fields of each record kind: the fields of type url of its field table
# (the e-mail address has its own pattern).
FIELDS = {
    "enterprise": _url_fields("enterprise"),
    "declaration": _url_fields("declaration"),
    "event": (("url",),),
}
DOCUMENT = ("document_signe",)


def _value(data, path: tuple):
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or not 0 <= part < len(data):
                return None
            data = data[part]
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def rules_file_paths(data) -> list[tuple]:
    """The address fields of the rules file (data/rules/regles.yml): each source's ``url``."""
    sources = data.get("sources") if isinstance(data, dict) else None
    return [("sources", i, "url") for i in range(len(sources) if isinstance(sources, list) else 0)]


def reported(problems: Iterable[Problem]) -> set[str]:
    """The fields the schema already found wrong (pattern, type, length): one problem per field."""
    return {p.key for p in problems}


def url_problems(doc: Document, paths: Iterable[tuple], skip: Iterable[str] = ()) -> list[Problem]:
    """Refused addresses (errors), then addresses to look at twice (warnings)."""
    out: list[Problem] = []
    for path in paths:
        value = _value(doc.data, path)
        if not isinstance(value, str) or dotted(path) in skip:
            continue
        found = check(value)
        if not isinstance(found, WebUrl):
            out.append(doc.problem("url-invalide", path, found))
        elif found.ip:
            address = found.host.strip("[]")  # an IPv6 address is written between brackets in a URL
            out.append(doc.problem("url-adresse-ip", path,
                                   f"l'adresse désigne un serveur par son adresse IP (« {address} ») "
                                   "plutôt que par un nom de domaine : donnez l'adresse du site avec son "
                                   "nom (ex. https://www.exemple.qc.ca/)"))
        if isinstance(found, WebUrl) and path == DOCUMENT and found.scheme == "http":
            out.append(doc.problem("document-http", path,
                                   "le document signé est à une adresse http:// (non chiffrée), qu'un tiers "
                                   "peut modifier en chemin : donnez l'adresse en https:// si le site "
                                   "l'offre"))
    return out


def record_url_problems(doc: Document, kind: str, schema_problems: Iterable[Problem]) -> list[Problem]:
    """The address rules of one record of ``kind`` (``enterprise``, ``declaration`` or ``event``)."""
    return url_problems(doc, FIELDS.get(kind, ()), reported(schema_problems))
