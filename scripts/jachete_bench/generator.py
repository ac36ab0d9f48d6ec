"""Seeded generator of a repository-shaped tree of valid synthetic records.

``generate(out, enterprises, declarations, seed, repo)`` writes
``out/data/{enterprises,declarations}/*.yml`` and copies the repository's
reference data, schemas, rules and events beside them, so that ``jachete
validate`` and the site build run on ``out`` exactly as on the repository.
Same seed and sizes, same bytes: every random draw comes from ``random.Random``
seeded with a string, and nothing depends on the clock or on dict order of
the file system.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from jachete.record_yaml import dump

from . import vocab
from .geo import Geo, Municipality, load_geo
from .records import MUNI_PREFIX, body_name, declaration, enterprise
from .text import de, de_official

COPIED = ("reference", "schemas", "rules", "events")


class _Placer:
    """Draws a municipality for each enterprise: every MRC once first (so all regions and MRCs
    appear from about 100 records on), then regions by their weights and places by population."""

    def __init__(self, geo: Geo, rng: random.Random):
        self.geo, self.rng = geo, rng
        self.first = sorted(geo.municipalities)
        rng.shuffle(self.first)
        regions = sorted(geo.regions)
        others = [r for r in regions if r not in vocab.BIG_THREE]
        big = sum(vocab.REGION_WEIGHTS[r] for r in vocab.BIG_THREE)
        rest = sum(vocab.REGION_WEIGHTS.get(r, 1.0) for r in others)
        self.regions = regions
        self.region_weights = [
            vocab.REGION_WEIGHTS[r] / big * vocab.BIG_THREE_SHARE if r in vocab.BIG_THREE
            else vocab.REGION_WEIGHTS.get(r, 1.0) / rest * (1 - vocab.BIG_THREE_SHARE)
            for r in regions]
        self.mrcs_of = {r: sorted(c for c, (_, reg) in geo.mrcs.items() if reg == r) for r in regions}
        # Larger places get more enterprises, less than in proportion (rural areas are denser in
        # social economy than their population alone suggests).
        self.weight = {c: [max(m.population, 50) ** 0.7 for m in ms] for c, ms in geo.municipalities.items()}
        self.mrc_weight = {c: sum(w) for c, w in self.weight.items()}

    def draw(self, i: int) -> Municipality:
        rng = self.rng
        if i < len(self.first):
            mrc = self.first[i]
        else:
            region = rng.choices(self.regions, self.region_weights)[0]
            mrcs = self.mrcs_of[region]
            mrc = rng.choices(mrcs, [self.mrc_weight[c] for c in mrcs])[0]
        return rng.choices(self.geo.municipalities[mrc], self.weight[mrc])[0]


def _bodies(geo: Geo, count: int, rng: random.Random) -> list[dict]:
    """Distinct public bodies: municipalities (each with its own code_geo), MRCs, and others."""
    munis = sorted((m for ms in geo.municipalities.values() for m in ms if m.code_geo),
                   key=lambda m: m.code_geo)
    rng.shuffle(munis)
    mrc_codes = sorted(c for c, ms in geo.municipalities.items() if len(ms) > 1)
    rng.shuffle(mrc_codes)
    types = [t for t in vocab.BODY_TYPES if vocab.BODY_TYPES[t][0] > 0]
    weights = [vocab.BODY_TYPES[t][0] for t in types]
    names: set[str] = set()
    bodies: list[dict] = []
    if count >= 50:
        for nom, region in vocab.CM_NAMES:
            names.add(nom)
            bodies.append({"nom": nom, "type": "communaute-metropolitaine", "region": region})
    all_munis = [m for ms in geo.municipalities.values() for m in ms]
    attempts = 0
    while len(bodies) < count:
        attempts += 1
        btype = rng.choices(types, weights)[0]
        if btype == "municipalite" and munis:
            m = munis.pop()
            nom = f"{MUNI_PREFIX.get(m.designation, 'Municipalité')} {de_official(m.nom)}"
            body = {"nom": nom, "type": btype, "region": m.region, "code_geo": m.code_geo}
        elif btype == "mrc" and mrc_codes:
            code = mrc_codes.pop()
            name, region = geo.mrcs[code]
            body = {"nom": f"MRC {de(name)}", "type": btype, "region": region}
        elif btype in ("municipalite", "mrc"):
            continue  # that kind is used up; draw another
        else:
            place = rng.choice(all_munis)
            lieu = place.nom if rng.random() < 0.6 else geo.regions[place.region]
            body = {"nom": body_name(rng, btype, lieu), "type": btype, "region": place.region}
        if body["nom"] in names:
            if attempts > count * 50:
                raise ValueError(f"cannot draw {count} distinct public bodies")
            continue
        names.add(body["nom"])
        bodies.append(body)
    return bodies


def _clear(folder: Path) -> None:
    if folder.exists():
        for path in folder.glob("*.yml"):
            path.unlink()
    folder.mkdir(parents=True, exist_ok=True)


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(out: Path, enterprises: int, declarations: int, seed: int = 1, repo: Path | None = None) -> dict:
    """Write the tree; return counts. ``repo`` is the repository whose data/ is copied beside."""
    out = Path(out)
    repo = Path(repo) if repo else Path.cwd()
    geo = load_geo(repo)
    data = out / "data"
    for name in COPIED:
        src, dst = repo / "data" / name, data / name
        if dst.exists():
            shutil.rmtree(dst)
        if src.is_dir():
            shutil.copytree(src, dst)
    for kind in ("enterprises", "declarations"):
        _clear(data / kind)

    used: dict[str, set] = {"names": set(), "ids": set(), "neqs": set()}
    rng = random.Random(f"jachete-bench-enterprises-{seed}")
    placer = _Placer(geo, rng)
    for i in range(enterprises):
        rec = enterprise(rng, placer.draw(i), geo, used)
        _write(data / "enterprises" / f"{rec['id']}.yml", dump(rec, "entreprise"))

    rng = random.Random(f"jachete-bench-declarations-{seed}")
    used_d: dict[str, set] = {"ids": set()}
    for body in _bodies(geo, declarations, rng):
        rec = declaration(rng, body, used_d)
        _write(data / "declarations" / f"{rec['id']}.yml", dump(rec, "declaration"))
    return {"enterprises": enterprises, "declarations": declarations}
