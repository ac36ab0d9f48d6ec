"""The figures of /indicateurs/, computed from the registry at build time (no other source).

Each function takes model objects and returns plain values, so every figure on the page can
be traced to the record files it counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..checks import host_of
from ..model import BigCity, Declaration, Registry

# Body types counted as municipalities for the population coverage (code_geo = MAMH code).
MUNICIPAL_TYPE = "municipalite"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    value: float | int


def declarations_by_year(reg: Registry) -> list[tuple[int, int, int]]:
    """[(year, adopted that year, cumulative)] for every year from the first to the last adoption."""
    years = Counter(d.adoptee_le.year for d in reg.declarations)
    if not years:
        return []
    out, total = [], 0
    for year in range(min(years), max(years) + 1):
        total += years[year]
        out.append((year, years[year], total))
    return out


def declarations_by_type(reg: Registry) -> list[Row]:
    """Every body type of the vocabulary, in its order, with its count (zeros kept)."""
    counts = Counter(d.organisme.type for d in reg.declarations)
    types = reg.reference.types_organismes
    rows = [Row(t, types[t].label, counts.get(t, 0)) for t in types]
    rows += [Row(t, t, n) for t, n in sorted(counts.items()) if t not in types]
    return rows


def declarations_by_regime(reg: Registry) -> list[Row]:
    types = reg.reference.types_organismes
    counts = Counter(types[d.organisme.type].extra.get("regime", "") if d.organisme.type in types else ""
                     for d in reg.declarations)
    labels = {"public": "Organismes publics (LCOP)", "municipal": "Organismes municipaux"}
    return [Row(k, labels[k], counts.get(k, 0)) for k in ("public", "municipal")]


def _by_region(reg: Registry, codes: list[str]) -> list[Row]:
    counts = Counter(codes)
    return [Row(c, r.nom, counts.get(c, 0)) for c, r in sorted(reg.reference.regions.items())]


def declarations_by_region(reg: Registry) -> list[Row]:
    return _by_region(reg, [d.organisme.region for d in reg.declarations])


def enterprises_by_region(reg: Registry) -> list[Row]:
    return _by_region(reg, [e.region for e in reg.enterprises])


def enterprises_by_form(reg: Registry) -> list[Row]:
    counts = Counter(e.forme_juridique for e in reg.enterprises)
    forms = reg.reference.formes_juridiques
    return [Row(f, forms[f].label, counts.get(f, 0)) for f in forms]


def enterprises_by_sector(reg: Registry) -> list[Row]:
    """Sectors with at least one enterprise, most frequent first (an enterprise counts in each of its sectors)."""
    counts = Counter(s for e in reg.enterprises for s in set(e.secteurs))
    sectors = reg.reference.secteurs
    rows = [Row(s, sectors[s].label if s in sectors else s, n) for s, n in counts.items()]
    return sorted(rows, key=lambda r: (-r.value, r.label))


def published_on_own_site(d: Declaration) -> bool:
    """The signed document is on the body's own domain (or a subdomain of it), as the validator
    reads hosts (``host_of``: an address urlsplit cannot read has no host, it does not raise)."""
    doc, site = host_of(d.document_signe), host_of(d.organisme.site_web)
    return bool(doc and site) and (doc == site or doc.endswith("." + site))


def big_cities(reg: Registry) -> list[tuple[BigCity, Declaration | None]]:
    """The ten largest cities, by rank, each with its declaration (matched on organisme.code_geo)."""
    by_geo: dict[str, Declaration] = {}
    for d in sorted(reg.declarations, key=lambda d: (d.adoptee_le, d.id)):
        if d.organisme.code_geo:
            by_geo.setdefault(d.organisme.code_geo, d)
    return [(c, by_geo.get(c.code_geo)) for c in sorted(reg.reference.grandes_villes, key=lambda c: c.rang)]


@dataclass(frozen=True)
class Coverage:
    municipal_declarations: int  # declarations of bodies of type "municipalite"
    matched: int  # ... whose code_geo has a known population
    unmatched: int  # ... without code_geo, or with a code_geo of unknown population
    population_covered: int
    population_total: int | None  # sum of the regions' populations (None if one is unknown)

    @property
    def share(self) -> float | None:
        if not self.population_total:
            return None
        return self.population_covered / self.population_total


def municipal_coverage(reg: Registry) -> Coverage:
    known = {c.code_geo: c.population for c in reg.reference.grandes_villes}
    decls = [d for d in reg.declarations if d.organisme.type == MUNICIPAL_TYPE]
    codes = {d.organisme.code_geo for d in decls if d.organisme.code_geo in known}
    matched = sum(1 for d in decls if d.organisme.code_geo in known)
    pops = [r.population for r in reg.reference.regions.values()]
    total = sum(pops) if pops and all(p is not None for p in pops) else None
    return Coverage(len(decls), matched, len(decls) - matched, sum(known[c] for c in codes), total)


@dataclass(frozen=True)
class TargetsFollowUps:
    declarations: int
    with_targets: int
    targets: int
    quantified_targets: int  # with a numeric valeur
    with_followups: int
    reports: int
    by_year: list[tuple[int, int, int | None, float | None]]  # (year, reports, contracts, amount)

    @property
    def contracts(self) -> int:
        return sum(c for _, _, c, _ in self.by_year if c is not None)

    @property
    def amount(self) -> float:
        return sum(a for _, _, _, a in self.by_year if a is not None)


def targets_followups(reg: Registry) -> TargetsFollowUps:
    decls = reg.declarations
    reports: dict[int, list] = {}
    for d in decls:
        for s in d.suivis:
            reports.setdefault(s.annee, []).append(s)
    by_year = []
    for year in sorted(reports):
        items = reports[year]
        contracts = [s.nombre_contrats for s in items if s.nombre_contrats is not None]
        amounts = [s.montant for s in items if s.montant is not None]
        by_year.append((year, len(items), sum(contracts) if contracts else None, sum(amounts) if amounts else None))
    return TargetsFollowUps(
        declarations=len(decls),
        with_targets=sum(1 for d in decls if d.cibles),
        targets=sum(len(d.cibles) for d in decls),
        quantified_targets=sum(1 for d in decls for t in d.cibles if t.valeur is not None),
        with_followups=sum(1 for d in decls if d.suivis),
        reports=sum(len(d.suivis) for d in decls),
        by_year=by_year,
    )


def regions_with_directory(reg: Registry) -> list[str]:
    """Region codes whose directory page lists at least one enterprise located there."""
    return sorted({e.region for e in reg.enterprises if e.region in reg.reference.regions})


@dataclass(frozen=True)
class EventFigures:
    held: int  # finished before today
    upcoming: int
    held_by_type: list[tuple[str, str, int]]  # (type, label, count) of held events
    regions_held: int  # distinct regions with a held event (online/province-wide not counted)


def event_figures(events: list, today: dt.date, types: dict[str, str]) -> EventFigures:
    held = [e for e in events if e.is_past(today)]
    counts = Counter(e.type for e in held)
    return EventFigures(
        held=len(held),
        upcoming=len(events) - len(held),
        held_by_type=[(t, label, counts.get(t, 0)) for t, label in types.items()],
        regions_held=len({e.region for e in held if e.region}),
    )
