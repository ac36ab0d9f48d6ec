"""Builders of one synthetic enterprise or declaration (a plain dict in YAML key order)."""

from __future__ import annotations

import datetime as dt
import random

from . import vocab
from .geo import AREA_CODES, CENTRES, POSTAL_LETTER, Municipality
from .text import de, neq_check_digit, slugify

POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"  # letters Canada Post uses after the first position
SECTOR_IDS = list(vocab.SECTORS)
SECTOR_WEIGHTS = [vocab.SECTORS[s][0] for s in SECTOR_IDS]
LAST_UPDATE_START = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2026, 6, 30)  # every generated date is on or before this day


def pick(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def some_date(rng: random.Random, start: dt.date, end: dt.date = LAST_DAY) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def postal_code(rng: random.Random, region: str) -> str:
    first = POSTAL_LETTER.get(region, "G")
    return (f"{first}{rng.randrange(10)}{rng.choice(POSTAL_LETTERS)} "
            f"{rng.randrange(10)}{rng.choice(POSTAL_LETTERS)}{rng.randrange(10)}")


def phone(rng: random.Random, region: str) -> str:
    return f"{rng.choice(AREA_CODES.get(region, ['418']))} 555-01{rng.randrange(100):02d}"


def new_neq(rng: random.Random, used: set[str]) -> str:
    while True:
        body = rng.choice("4678") + f"{rng.randrange(10**6):06d}"
        neq = "11" + body + neq_check_digit(body)
        if neq not in used:
            used.add(neq)
            return neq


def person(rng: random.Random) -> tuple[str, int]:
    """A name and its grammatical gender (0 feminine, 1 masculine)."""
    gender = rng.randrange(2)
    return f"{rng.choice(vocab.FIRST_NAMES[gender])} {rng.choice(vocab.LAST_NAMES)}", gender


def unique(name: str, used: set[str], alternatives: list[str]) -> str:
    for candidate in [name, *alternatives]:
        if candidate not in used:
            used.add(candidate)
            return candidate
    k = 2
    while f"{name} ({k})" in used:
        k += 1
    used.add(f"{name} ({k})")
    return f"{name} ({k})"


def unique_id(name: str, used: set[str]) -> str:
    base = slugify(name)
    ident, k = base, 2
    while ident in used:
        ident, k = f"{base}-{k}", k + 1
    used.add(ident)
    return ident


def _apostrophe(rng: random.Random, name: str) -> str:
    # Both apostrophes appear in real registries; about one name in four uses the typographic one.
    return name.replace("'", "’") if rng.random() < 0.25 else name


def _place(rng: random.Random, muni: Municipality, mrc_name: str, region_name: str) -> str:
    quarters = vocab.QUARTIERS.get(muni.region)
    if quarters and muni.nom in ("Montréal", "Québec") and rng.random() < 0.6:
        return rng.choice(quarters)
    return rng.choices([muni.nom, mrc_name, region_name], [70, 15, 15])[0]


def enterprise_name(rng: random.Random, forme: str, coop_type: str | None, sector: str, place: str) -> str:
    stem = rng.choice(vocab.SECTORS[sector][1])
    tail = rng.choice(vocab.NAME_TAILS)
    if forme == "cooperative":
        kind = {"consommateurs": "de consommateurs", "producteurs": "de producteurs",
                "travail": "de travail", "travailleurs-actionnaire": "de travailleurs actionnaire",
                "solidarite": "de solidarité"}[coop_type or "solidarite"]
        if sector == "habitation":
            kind = "d'habitation"
        name = rng.choice([f"Coopérative {kind} {tail}", f"Coopérative {kind} {de(place)}",
                           f"Coop {tail} – {stem.lower()} {de(place)}", f"{tail}, coopérative {kind}"])
    elif forme == "mutuelle":
        name = rng.choice([f"Mutuelle de prévention {de(place)}", f"Mutuelle d'entraide {tail}",
                           f"La Mutuelle d'assurance {de(place)}"])
    else:
        name = rng.choice([f"{stem} {tail}", f"{stem} {de(place)}", f"{tail} – {stem} {de(place)}",
                           f"{stem} {tail} {de(place)}"])
    if rng.random() < 0.08:
        name += rng.choice(vocab.LONG_SUFFIXES)
    return _apostrophe(rng, name)


def enterprise(rng: random.Random, muni: Municipality, geo, used: dict[str, set]) -> dict:
    region_name = geo.regions[muni.region]
    mrc_name = geo.mrcs[muni.mrc][0]
    forme = pick(rng, vocab.FORMS)
    coop_type = pick(rng, vocab.COOP_TYPES) if forme == "cooperative" else None
    sectors = [rng.choices(SECTOR_IDS, SECTOR_WEIGHTS)[0]]
    for _ in range(rng.choices([0, 1, 2], [55, 30, 15])[0]):
        extra = rng.choice(SECTOR_IDS)
        if extra not in sectors:
            sectors.append(extra)
    place = _place(rng, muni, mrc_name, region_name)
    nom = unique(enterprise_name(rng, forme, coop_type, sectors[0], place), used["names"],
                 [f"{enterprise_name(rng, forme, coop_type, sectors[0], place)}",
                  f"{enterprise_name(rng, forme, coop_type, sectors[0], muni.nom)} – {muni.nom}"])
    ident = unique_id(nom, used["ids"])
    rec: dict = {"id": ident, "nom": nom, "forme_juridique": forme}
    if forme == "cooperative":
        coop = {"type": coop_type, "sans_ristourne": rng.random() < 0.35}
        if coop_type == "solidarite" and coop["sans_ristourne"] and rng.random() < 0.3:
            coop["designee_par_ministre"] = True
        rec["cooperative"] = coop
    rec.update(neq=new_neq(rng, used["neqs"]), region=muni.region, mrc=muni.mrc, municipalite=muni.nom,
               adresse=f"{rng.randrange(1, 9999)}, {rng.choice(vocab.STREETS)}",
               code_postal=postal_code(rng, muni.region))
    if rng.random() < 0.75:
        lat, lon, spread = CENTRES[muni.region]
        rec["coordonnees"] = {"latitude": round(lat + rng.uniform(-spread, spread), 4),
                              "longitude": round(lon + rng.uniform(-spread, spread), 4)}
    if rng.random() < 0.3:
        served = {muni.region, *rng.sample(sorted(geo.regions), rng.randrange(1, 4))}
        rec["regions_desservies"] = sorted(served)
    founded = rng.randrange(1975, 2024)
    members = rng.choice([12, 35, 80, 150, 420, 1200, 3500])
    rec["description"] = (
        f"{nom} {vocab.SECTORS[sectors[0]][3]}. Fondée en {founded}, l'entreprise compte "
        f"{members} membres et {rng.randrange(3, 180)} employés à {muni.nom} ({region_name}). "
        f"Elle réinvestit ses surplus dans sa mission et répond aux appels d'offres des organismes "
        f"publics {de(mrc_name)}.")
    rec["secteurs"] = sectors
    offers_pool = [o for s in sectors for o in vocab.SECTORS[s][2]]
    count = min(len(offers_pool), rng.choices([1, 2, 3, 4, 5, 6], [30, 25, 20, 12, 8, 5])[0])
    rec["offres"] = [
        {"titre": title,
         "description": f"{title} pour les organismes publics et municipaux {de(region_name)}, "
                        f"avec un délai {de(rng.choice(['48 heures', 'une semaine', 'deux semaines']))}.",
         "unspsc": list(codes)}
        for title, codes in rng.sample(offers_pool, count)
    ]
    domain = f"{slugify(nom, 40)}.example.org"
    if rng.random() < 0.8:
        rec["site_web"] = f"https://{domain}/"
    if rng.random() < 0.85:
        rec["courriel"] = f"info@{domain}"
    if rng.random() < 0.9:
        rec["telephone"] = phone(rng, muni.region)
    if rng.random() < 0.1:
        rec["boutique_en_ligne"] = f"https://{domain}/boutique/"
    rec["mise_a_jour"] = some_date(rng, LAST_UPDATE_START)
    return rec


MUNI_PREFIX = {"Ville": "Ville", "Municipalité": "Municipalité", "Paroisse": "Paroisse", "Village": "Village",
               "Canton": "Canton", "Cantons unis": "Cantons unis", "Village nordique": "Village nordique",
               "Village cri": "Village cri"}


def body_name(rng: random.Random, btype: str, place: str) -> str:
    pattern = rng.choice(vocab.BODY_TYPES[btype][1])
    return pattern.replace("{de}{lieu}", de(place))


def declaration(rng: random.Random, body: dict, used: dict[str, set]) -> dict:
    """``body`` holds nom, type, region and optionally code_geo; the rest is drawn here."""
    ident = unique_id(body["nom"], used["ids"])
    # One site per body: a shared site is reported as a possible duplicate (declaration-meme-site).
    domain = f"{ident}.example.org"
    organisme = {"nom": body["nom"], "type": body["type"], "site_web": f"https://{domain}/",
                 "region": body["region"]}
    if body.get("code_geo"):
        organisme["code_geo"] = body["code_geo"]
    adopted = some_date(rng, dt.date(2023, 1, 1))
    municipal = body["type"] not in ("ministere", "organisme-public", "sante-services-sociaux", "education")
    number = rng.randrange(1, 400)
    resolution = (rng.choice([f"CM-{adopted:%Y-%m}-{number:03d}", f"Résolution {adopted:%Y}-{number:03d}"])
                  if municipal else f"CA-{adopted:%Y}-{number:03d}")
    name, gender = person(rng)
    rec: dict = {"id": ident, "organisme": organisme, "adoptee_le": adopted, "resolution": resolution,
                 "signataire": {"nom": name, "titre": vocab.BODY_TYPES[body["type"]][2][gender]},
                 "document_signe": f"https://{domain}/documents/declaration-achat-collectif-{adopted:%Y}.pdf"}
    if rng.random() < 0.3:
        rec["texte"] = rng.choice(vocab.TEXTS)
    if rng.random() < 0.5:
        targets = []
        for description, unit in rng.sample(vocab.TARGETS, rng.randrange(1, 4)):
            target: dict = {"description": description}
            if unit:
                target["valeur"] = rng.choice([2, 5, 10, 12, 25])
                target["unite"] = unit
            if rng.random() < 0.7:
                target["echeance"] = dt.date(adopted.year + rng.randrange(2, 5), 12, 31)
            targets.append(target)
        rec["cibles"] = targets
    if adopted.year < 2026 and rng.random() < 0.6:
        follow = []
        for year in range(adopted.year, 2026):
            item: dict = {"annee": year, "nombre_contrats": rng.randrange(0, 40),
                          "montant": rng.randrange(0, 900) * 500}
            if rng.random() < 0.3:
                item["note"] = "Contrats de services surtout : entretien, traiteur et impression."
            follow.append(item)
        rec["suivis"] = follow
    return rec
