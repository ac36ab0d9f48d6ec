"""Problem codes proper to the rules file (data/rules/regles.yml), in the catalogue's format.

The other problems of the rules file reuse the records' codes (``champ-manquant``,
``date-invalide``...). ``jachete.codes`` merges these into its catalogue.
"""

from __future__ import annotations

from ..codes import Code

RULE_CODES: dict[str, Code] = {
    "reference-inconnue": Code(
        "Référence inconnue", "Une règle, un seuil ou un acheteur nomme une procédure, une série de seuils, "
        "une source, un régime ou un type qui n'est pas défini dans le fichier des règles.",
        "Corrigez l'identifiant ou ajoutez l'élément manquant dans sa section."),
    "source-manquante": Code(
        "Source manquante", "Chaque règle et chaque seuil cite au moins une référence légale avec sa source.",
        "Ajoutez un élément « references » avec « texte » et « source »."),
    "a-confirmer-manquant": Code(
        "Confirmation à préciser", "Une valeur déduite ou non confirmée doit dire auprès de qui la confirmer.",
        "Ajoutez le champ « a_confirmer_aupres »."),
    "periode-inversee": Code(
        "Période incohérente", "Une période finit avant de commencer, ou une période ouverte (sans fin) "
        "n'est pas la dernière de sa série.", "Corrigez les dates « debut » et « fin »."),
    "periode-chevauchement": Code(
        "Périodes qui se chevauchent", "Deux périodes d'une même série de seuils couvrent un même jour : "
        "le seuil applicable serait ambigu.", "Faites finir la première la veille du début de la suivante."),
}
