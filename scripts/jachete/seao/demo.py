"""``jachete seao demo``: fictional SEAO derived files for the registry's example records.

Synthetic packages are generated with a fixed seed, with the NEQs of the example enterprises and
the SEAO buyers named by the example declarations, then ingested, matched and searched for open
notices like real ones: the same code path, byte-identical output on every run. ``source.yml``
says ``exemple: true``."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from . import occasions as occ
from . import source, store
from .generator import START, generate
from .ingest import ingest
from .match import match
from .match import write as write_match
from .registry_links import declaration_bodies, declaration_buyers, registry_neqs, registry_offers

SEED = 14
WEEKS = 48
PER_WEEK = 100
REGISTRY_EVERY = 8  # more registry suppliers than the default one in 40: every example shows some
# The date the open notices are listed for: two days before the end of the last generated week.
OPEN_ON = (START + dt.timedelta(weeks=WEEKS, days=-3)).isoformat()
MUNICIPAL = {"municipalite", "mrc", "regie-intermunicipale", "communaute-metropolitaine",
             "autre-organisme-municipal"}


def demo_buyers(root: Path) -> tuple[tuple[str, str, bool], ...]:
    """One SEAO buyer per example declaration that names one (its first party id and name)."""
    return tuple((b["ids"][0], b["acheteurs"][0], b["type"] in MUNICIPAL)
                 for b in declaration_bodies(root) if b["exemple"] and b["ids"] and b["acheteurs"])


def build(root: Path, out: Path) -> tuple[int, int]:
    """Write the demo files into ``out``; (matched contract rows, open notices)."""
    neqs = registry_neqs(root)
    with tempfile.TemporaryDirectory(prefix="seao-demo-") as tmp:
        folder = Path(tmp) / "paquets"
        generate(folder, WEEKS, PER_WEEK, SEED, registry=tuple(neqs), buyers=demo_buyers(root),
                 description_words=20, registry_every=REGISTRY_EVERY)
        db = store.connect(Path(tmp) / "seao.sqlite")
        try:
            ingest(db, sorted(folder.glob("*.json")), workers=1)
            ids, names = declaration_buyers(root)
            contracts, bodies = match(db, neqs, ids, names)
            write_match(out, contracts, bodies)
            rows = occ.occasions(db, registry_offers(root), declaration_bodies(root), OPEN_ON)
            occ.write(out, rows)
            source.write(out, db, example=True, open_on=OPEN_ON)
        finally:
            db.close()
    return sum(len(r) for r in contracts.values()), len(rows)
