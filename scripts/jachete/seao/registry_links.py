"""What the registry says that links it to SEAO, read without validating the records: enterprise
NEQs (``data/enterprises/*.yml``) and the optional ``seao`` field of declarations."""

from __future__ import annotations

from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _records(folder: Path):
    for path in sorted(folder.glob("*.yml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (OSError, yaml.YAMLError):
            continue  # `jachete validate` reports broken records; here they simply match nothing
        if isinstance(data, dict):
            yield path, data


def registry_neqs(root: Path) -> dict[str, str]:
    """NEQ -> enterprise id, for every enterprise record that has a 10-digit NEQ."""
    out: dict[str, str] = {}
    for path, data in _records(root / "data" / "enterprises"):
        neq = str(data.get("neq", ""))
        if len(neq) == 10 and neq.isdigit():
            out.setdefault(neq, str(data.get("id") or path.stem))
    return out


def buyer_key(name: str) -> str:
    """A buyer name compared exactly, up to spacing and case (never approximately)."""
    return " ".join(name.split()).casefold()


def declaration_buyers(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(SEAO party id -> declaration id, buyer name key -> declaration id) from ``seao:`` fields."""
    return buyers_of((str(data.get("id") or path.stem), data.get("seao"))
                     for path, data in _records(root / "data" / "declarations"))


def buyers_of(links) -> tuple[dict[str, str], dict[str, str]]:
    """The same maps from (declaration id, its ``seao`` field) pairs (the model's, or the files')."""
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for record, link in links:
        if not isinstance(link, dict):
            continue
        for party in link.get("ids") or []:
            ids.setdefault(str(party), record)
        for name in link.get("acheteurs") or []:
            names.setdefault(buyer_key(str(name)), record)
    return ids, names


def registry_offers(root: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(enterprise id, its sectors, the UNSPSC codes of its offers) for each enterprise offering any."""
    out = []
    for path, data in _records(root / "data" / "enterprises"):
        offers = data.get("offres") if isinstance(data.get("offres"), list) else []
        codes = sorted({str(code) for offer in offers if isinstance(offer, dict)
                        for code in (offer.get("unspsc") if isinstance(offer.get("unspsc"), list) else [])})
        sectors = data.get("secteurs") if isinstance(data.get("secteurs"), list) else []
        if codes:
            out.append((str(data.get("id") or path.stem), tuple(sorted(map(str, sectors))), tuple(codes)))
    return out


def declaration_bodies(root: Path) -> list[dict]:
    """Declarations that name their SEAO buyer: id, SEAO party ids and names, region code and type."""
    out = []
    for path, data in _records(root / "data" / "declarations"):
        link = data.get("seao")
        body = data.get("organisme") if isinstance(data.get("organisme"), dict) else {}
        if isinstance(link, dict):
            out.append({"id": str(data.get("id") or path.stem), "ids": [str(i) for i in link.get("ids") or []],
                        "acheteurs": [str(n) for n in link.get("acheteurs") or []],
                        "region": str(body.get("region") or ""), "type": str(body.get("type") or ""),
                        "exemple": data.get("exemple") is True})
    return out
