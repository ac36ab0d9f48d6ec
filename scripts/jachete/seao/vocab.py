"""Vocabulary of the SEAO generator: buyers, SEAO categories with a UNSPSC code, supplier names."""

from __future__ import annotations

from ..checks import luhn_ok

_PLACES = ("Rimouski", "Saguenay", "Lévis", "Trois-Rivières", "Sherbrooke", "Gatineau", "Laval", "Longueuil",
           "Terrebonne", "Repentigny", "Drummondville", "Granby", "Saint-Hyacinthe", "Shawinigan", "Joliette",
           "Victoriaville", "Rouyn-Noranda", "Val-d'Or", "Sept-Îles", "Baie-Comeau", "Alma", "Magog",
           "Sorel-Tracy", "Matane", "Gaspé", "Mont-Laurier", "Amos", "Thetford Mines", "Roberval", "Dolbeau")

# (name, municipal?): SEAO flags municipal bodies with details.municipal "1".
BUYERS: list[tuple[str, bool]] = (
    [(f"Ville de {p}", True) for p in _PLACES]
    + [(f"Municipalité de Saint-{p}", True) for p in ("Anselme", "Bruno", "Côme", "Damase", "Élie", "Fulgence")]
    + [(f"MRC de {p}", True) for p in ("La Matanie", "Memphrémagog", "Drummond", "Rivière-du-Loup")]
    + [(f"Centre de services scolaire de {p}", False) for p in _PLACES[:10]]
    + [(f"Centre intégré de santé et de services sociaux de {p}", False) for p in _PLACES[10:16]]
    + [("Ministère des Transports et de la Mobilité durable", False), ("Société québécoise des infrastructures", False),
       ("Ministère de la Santé et des Services sociaux", False), ("Hydro-Québec", False)])

# (SEAO category code, label, one UNSPSC code, OCDS main category)
CATEGORIES = [
    ("S8", "Contrôle de la qualité, essais et inspections", 81141503, "services"),
    ("S3", "Services de nettoyage", 76111501, "services"),
    ("S5", "Services de restauration", 90101700, "services"),
    ("S9", "Services de transport", 78111800, "services"),
    ("S13", "Services informatiques", 81111500, "services"),
    ("S19", "Services d'aménagement paysager", 70111700, "services"),
    ("C01", "Bâtiments", 72121400, "works"),
    ("C02", "Ouvrages de génie civil", 72141100, "works"),
    ("G5", "Mobilier", 56101500, "goods"),
    ("G25", "Aliments et boissons", 50000000, "goods"),
    ("G12", "Fournitures de bureau", 44120000, "goods"),
]

# {0}: a word, {1}: the supplier's index. A few are collective enterprises (the "candidats").
SUPPLIER_FORMS = [
    "Construction {0} inc.", "Services {0} ltée", "Groupe {0} ({1})", "Coopérative de travail {0}",
    "Entretien {0} inc.", "CPE Les {0}", "Transport {0} et fils", "Solutions {0} {1}",
    "Coop de solidarité {0}", "Laboratoires {0} inc.", "Mutuelle {0}", "Aménagement {0} enr.",
]

WORDS = (  # noqa: SIM905 (a word list reads better as text)
    "entretien réfection toiture aqueduc égout chaussée trottoir éclairage déneigement collecte "
    "matières résiduelles recyclage compostage parc aréna bibliothèque piscine caserne usine "
    "traitement eau potable réservoir pompage inspection caméra conduite pluviale sanitaire "
    "pavage planage marquage signalisation feux circulation mobilier urbain arbres plantation "
    "élagage abattage tonte terrains sportifs jeux enfants clôture bâtiment municipal chauffage "
    "ventilation climatisation plomberie électricité génératrice toit vert fenestration portes "
    "sécurité alarme surveillance gardiennage nettoyage vitres conciergerie repas cafétéria "
    "traiteur transport adapté autobus scolaire fourniture bureau informatique logiciel licence "
    "service-conseil ingénierie architecture arpentage géotechnique laboratoire contrôle qualité "
    "matériaux béton asphalte granulats sel abrasifs véhicules camion niveleuse location "
    "machinerie formation accompagnement insertion socioprofessionnelle économie sociale").split()


def neq_for(index: int) -> str:
    """A synthetic 10-digit NEQ, unique per index, passing the registry's check-digit rule."""
    body = f"11{4_000_000 + index:07d}"
    return next(body + d for d in "0123456789" if luhn_ok((body + d)[2:]))
