"""The events kind: networking activities between collective enterprises and public buyers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Event types (schema enum) and their French labels, in display order.
TYPES: dict[str, str] = {
    "salon": "Salon",
    "semaine-economie-sociale": "Semaine de l'économie sociale",
    "activite-regionale": "Activité régionale",
    "rencontre-acheteurs": "Rencontre d'acheteurs publics",
    "formation": "Formation",
}


@dataclass(frozen=True)
class Event:
    id: str
    titre: str
    type: str
    debut: dt.date
    fin: dt.date  # = debut for a one-day event
    organisateur: str
    description: str
    source_path: str
    horaire: str | None = None
    en_ligne: bool = False
    lieu: str | None = None
    municipalite: str | None = None
    region: str | None = None  # None: province-wide or online
    url: str | None = None
    mise_a_jour: dt.date | None = None
    exemple: bool = False

    @property
    def type_label(self) -> str:
        return TYPES.get(self.type, self.type)

    def is_past(self, today: dt.date) -> bool:
        """Held (finished) before ``today``; an event running today is still upcoming."""
        return self.fin < today
