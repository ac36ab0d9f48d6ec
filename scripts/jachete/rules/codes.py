"""Problem codes proper to the rules file (data/rules/regles.yml), in the catalogue's format.

The other problems of the rules file reuse the records' codes (``champ-manquant``,
``date-invalide``...). ``jachete.codes`` merges these into its catalogue; each entry is
(title, explanation, fix[, severity]). No import from ``jachete.codes`` here: it imports us.
"""

from __future__ import annotations

RULE_CODES: dict[str, tuple[str, ...]] = {
    "reference-inconnue": (
        "Référence inconnue",
        ("Une règle, un seuil ou un acheteur nomme une procédure, une série de seuils, une source, un régime "
         "ou un type qui n'est pas défini dans le fichier des règles."),
        "Corrigez l'identifiant ou ajoutez l'élément manquant dans sa section.",
    ),
    "source-manquante": (
        "Source manquante",
        "Chaque règle et chaque seuil cite au moins une référence légale avec sa source.",
        "Ajoutez un élément « references » avec « texte » et « source ».",
    ),
    "a-confirmer-manquant": (
        "Confirmation à préciser",
        "Une valeur déduite ou non confirmée doit dire auprès de qui la confirmer.",
        "Ajoutez le champ « a_confirmer_aupres ».",
    ),
    "periode-inversee": (
        "Période incohérente",
        ("Une période finit avant de commencer, ou une période ouverte (sans fin) n'est pas la dernière de "
         "sa série."),
        "Corrigez les dates « debut » et « fin ».",
    ),
    "periode-chevauchement": (
        "Périodes qui se chevauchent",
        "Deux périodes d'une même série de seuils couvrent un même jour : le seuil applicable serait ambigu.",
        "Faites finir la première la veille du début de la suivante.",
    ),
    "regles-a-renouveler": (
        "Règles à renouveler",
        ("La période couverte par les règles prend fin dans moins de trois mois, ou a pris fin : les seuils "
         "changent le 1er janvier des années paires."),
        ("Ajoutez une période à chaque série de seuils (avec sa source et son statut) et prolongez "
         "« couverture »."),
        "warning",
    ),
}
