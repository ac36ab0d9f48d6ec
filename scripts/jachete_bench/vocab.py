"""Word lists for synthetic records: sectors, offers, names, streets, people.

Everything here is invented for load testing; weights follow the published
shape of the sector (ISQ, portrait 2022) only roughly.
"""

from __future__ import annotations

# Legal forms (ISQ 2022: 77 % OBNL, 21 % cooperatives, about 2 % mutuals).
FORMS = [("obnl", 77), ("cooperative", 21), ("mutuelle", 2)]

COOP_TYPES = [("consommateurs", 30), ("producteurs", 12), ("travail", 25),
              ("travailleurs-actionnaire", 5), ("solidarite", 28)]

# Share of enterprises per region: Montréal, Montérégie and Capitale-Nationale
# together about 48 % (ISQ); the rest follows population with a rural lean.
REGION_WEIGHTS = {
    "01": 3.8, "02": 4.2, "03": 11.0, "04": 3.6, "05": 4.6, "06": 24.6, "07": 3.4, "08": 2.4,
    "09": 1.8, "10": 1.2, "11": 2.5, "12": 4.1, "13": 2.4, "14": 3.7, "15": 4.6, "16": 12.4,
    "17": 3.0,
}
BIG_THREE = ("06", "16", "03")
BIG_THREE_SHARE = 0.48

# sector id -> (weight, name stems, offers [(title, [unspsc...])], description sentence)
SECTORS: dict[str, tuple[int, list[str], list[tuple[str, list[str]]], str]] = {
    "habitation": (15, ["Habitations", "Logements communautaires", "Maison d'hébergement", "Résidence"],
                   [("Gestion de logements abordables", ["80131500"]),
                    ("Entretien d'immeubles résidentiels", ["72101500", "72102900"]),
                    ("Location de salles communautaires", ["80131500"])],
                   "offre des logements abordables et un milieu de vie géré par ses membres"),
    "sante-services-sociaux": (8, ["Centre d'entraide", "Maison de la famille", "Carrefour santé"],
                               [("Soutien à domicile pour aînés", ["85101600", "93141700"]),
                                ("Accompagnement psychosocial", ["93141500"]),
                                ("Ateliers de prévention en santé", ["85121500", "86132000"])],
                               "soutient les personnes et les familles dans leur santé et leurs conditions de vie"),
    "services-aux-personnes": (6, ["Services à domicile", "Coopérative de soutien", "Entraide"],
                               [("Aide domestique", ["76111500", "93141700"]),
                                ("Préparation de repas à domicile", ["90101600"]),
                                ("Transport accompagné", ["78111800"])],
                               "rend des services d'aide à domicile à des personnes aînées ou en perte d'autonomie"),
    "petite-enfance": (5, ["Centre de la petite enfance", "Halte-garderie", "Maison des tout-petits"],
                       [("Places en service de garde éducatif", ["93141600"]),
                        ("Ateliers d'éveil parent-enfant", ["86132000"])],
                       "accueille les tout-petits dans un service de garde éducatif à l'enfance"),
    "education-formation": (6, ["Centre de formation", "Atelier-école", "Carrefour d'apprentissage"],
                            [("Formation professionnelle sur mesure", ["86101700"]),
                             ("Francisation et alphabétisation", ["86111600"]),
                             ("Formation en gestion pour organismes", ["86132000"])],
                            "offre de la formation adaptée aux adultes et aux organisations"),
    "arts-culture": (8, ["Théâtre", "Centre d'artistes", "Diffusion culturelle", "Festival"],
                     [("Spectacles et animation culturelle", ["90131500"]),
                      ("Conception d'expositions", ["82151500"]),
                      ("Ateliers de médiation culturelle", ["86132000", "90131500"])],
                     "crée et diffuse des œuvres et anime la vie culturelle de son milieu"),
    "medias-communication": (3, ["Radio communautaire", "Télévision communautaire", "Journal"],
                             [("Production vidéo", ["82131600", "82111900"]),
                              ("Placement publicitaire local", ["82101500"]),
                              ("Conception graphique", ["82141500"])],
                             "informe sa communauté et produit des contenus médiatiques locaux"),
    "loisirs-tourisme": (12, ["Base de plein air", "Camp", "Auberge", "Centre de loisirs"],
                         [("Hébergement de groupes", ["90111500"]),
                          ("Organisation de séjours et de camps", ["90121500"]),
                          ("Location de salles et d'équipements de plein air", ["90151800", "80131500"])],
                         "propose des activités de loisir, de plein air et de tourisme accessibles"),
    "alimentation": (5, ["Épicerie solidaire", "Marché public", "Boulangerie", "Cuisine collective"],
                     [("Paniers de fruits et légumes", ["50401700", "50301500"]),
                      ("Produits de boulangerie", ["50181900"]),
                      ("Comptoir alimentaire", ["50192100"])],
                     "rend une alimentation saine et locale accessible à tous"),
    "traiteur": (4, ["Traiteur", "Cuisine", "Resto-pop", "Café"],
                 [("Service de traiteur pour réunions", ["90101600"]),
                  ("Boîtes à lunch", ["90101600", "90101700"]),
                  ("Service de cafétéria", ["90101700"])],
                 "prépare des repas pour les organisations tout en formant des cuisiniers"),
    "agriculture": (3, ["Ferme", "Jardins collectifs", "Serres"],
                    [("Légumes biologiques en gros", ["50401700"]),
                     ("Plants et fleurs", ["10161500", "70111600"])],
                    "cultive et vend des produits agricoles de proximité"),
    "environnement-recuperation": (5, ["Ressourcerie", "Écocentre", "Atelier de réemploi"],
                                   [("Collecte d'encombrants", ["76121500"]),
                                    ("Récupération de matériel informatique", ["76122300", "43211500"]),
                                    ("Gestion des matières résiduelles d'événements", ["76121900"])],
                                   "donne une seconde vie aux objets et réduit les déchets"),
    "entretien-menager": (4, ["Entretien", "Services d'entretien", "Propreté"],
                          [("Entretien ménager de bureaux", ["76111500"]),
                           ("Nettoyage après travaux", ["76111600"])],
                          "assure l'entretien ménager de bureaux et d'édifices publics"),
    "amenagement-paysager": (2, ["Jardins", "Paysagement", "Verdissement"],
                             [("Entretien de parcs et d'espaces verts", ["70111700"]),
                              ("Plantation d'arbres", ["70111500"])],
                             "aménage et entretient des espaces verts avec une équipe en insertion"),
    "transport": (2, ["Transport adapté", "Taxi collectif", "Livraison"],
                  [("Transport adapté de personnes", ["78111800"]),
                   ("Livraison locale à vélo", ["78102200", "78101800"])],
                  "offre du transport de personnes et de marchandises adapté aux besoins locaux"),
    "informatique": (2, ["Solutions numériques", "Informatique", "Atelier numérique"],
                     [("Développement de sites Web accessibles", ["81111500"]),
                      ("Soutien informatique", ["81111800", "81112200"]),
                      ("Reconditionnement d'ordinateurs", ["43211500"])],
                     "développe des outils numériques et soutient les organisations"),
    "imprimerie-edition": (2, ["Imprimerie", "Éditions", "Atelier d'impression"],
                           [("Impression de documents", ["82121500"]),
                            ("Édition et mise en page", ["82121700", "55101500"])],
                           "imprime et édite des documents pour les organisations"),
    "services-aux-entreprises": (3, ["Services-conseils", "Centre d'affaires", "Groupe-conseil"],
                                 [("Tenue de livres", ["84111500"]),
                                  ("Accompagnement en gestion", ["80101500"]),
                                  ("Services administratifs", ["80161500"])],
                                 "accompagne les entreprises et les organismes dans leur gestion"),
    "commerce-de-detail": (2, ["Friperie", "Boutique", "Magasin général"],
                           [("Vêtements de seconde main", ["53101500"]),
                            ("Meubles usagés", ["56101500"])],
                           "tient un commerce de proximité qui réinvestit ses surplus dans sa mission"),
    "fabrication": (2, ["Atelier", "Manufacture", "Ébénisterie"],
                    [("Fabrication de mobilier", ["56101500", "56101700"]),
                     ("Sous-traitance industrielle", ["73151500"])],
                    "fabrique des produits durables dans un atelier de son milieu"),
    "construction-renovation": (2, ["Rénovation", "Construction", "Chantiers"],
                                [("Rénovation résidentielle", ["72101500"]),
                                 ("Construction de bâtiments communautaires", ["72111000"])],
                                "rénove et construit tout en formant une main-d'œuvre locale"),
    "insertion-emploi": (4, ["Entreprise d'insertion", "Plateau de travail", "Carrefour jeunesse"],
                         [("Main-d'œuvre en insertion", ["80111600"]),
                          ("Formation en milieu de travail", ["86101700"])],
                         "offre à des personnes éloignées du marché du travail un emploi et une formation"),
    "finance-assurance": (1, ["Fonds", "Caisse", "Mutuelle"],
                          [("Microcrédit communautaire", ["84121500"]),
                           ("Assurance de dommages", ["84131500"])],
                          "offre des services financiers ou d'assurance à ses membres"),
    "energie": (1, ["Énergies", "Coopérative énergétique", "Chaufferie"],
                [("Production de chaleur à la biomasse", ["26111600"]),
                 ("Vérification énergétique de bâtiments", ["83101800"])],
                "produit de l'énergie renouvelable pour son milieu"),
}

# Qualifiers that make names long and varied (with apostrophes, accents, en dashes).
NAME_TAILS = [
    "L'Éveil", "Le Pignon bleu", "La Relance", "L'Arc-en-ciel", "Le Tournesol", "Les Affranchis",
    "La Ruche", "Le Phare", "L'Entre-Deux", "La Maisonnée", "Le Relais", "Les Ateliers d'à côté",
    "L'Escale", "La Boussole", "Le Grenier", "Les Complices", "L'Oasis", "La Passerelle",
    "Le Carrefour", "Les Jardins partagés", "L'Élan", "La Source", "Le Rucher", "L'Accueil",
    "Bonne Mine", "Croque-Soleil", "Pignon sur rue", "Cœur de quartier", "Élan vert", "Mille-Pattes",
]
LONG_SUFFIXES = [
    " – Entreprise d'économie sociale", " – Centre de ressources communautaires",
    " (organisme à but non lucratif)", " – Services aux collectivités et aux organismes publics",
    " – L'entreprise collective de la région",
]
QUARTIERS = {
    "06": ["Hochelaga-Maisonneuve", "Rosemont–La Petite-Patrie", "Centre-Sud", "Villeray", "Saint-Michel",
           "Côte-des-Neiges", "Verdun", "Pointe-Saint-Charles", "Ahuntsic", "Montréal-Nord",
           "Mercier–Hochelaga", "Plateau-Mont-Royal", "Parc-Extension", "LaSalle"],
    "03": ["Saint-Roch", "Limoilou", "Saint-Sauveur", "Vanier", "Charlesbourg", "Beauport",
           "Sainte-Foy", "Saint-Jean-Baptiste"],
}

STREETS = [
    "rue Principale", "rue Notre-Dame", "rue Saint-Jean", "boulevard René-Lévesque", "avenue du Parc",
    "chemin de la Rivière", "rue des Érables", "rang Saint-Joseph", "rue de l'Église", "rue Wellington",
    "boulevard des Forges", "rue Sainte-Catherine Est", "avenue Papineau", "rue du Pont", "rue King Ouest",
    "chemin du Lac-à-l'Île", "rue de la Gare", "côte d'Abraham", "rue Racine", "rue Ontario Est",
]

# (feminine, masculine) first names: a signatory's title agrees with the name.
FIRST_NAMES = (["Hélène", "Geneviève", "Amélie", "Chloé", "Josée", "Émilie", "Noémie", "Anaïs", "Maïté",
                "Léa", "Guylaine", "Marie-Ève", "Nadia", "Ting"],
               ["François", "Stéphane", "Jérôme", "Mathieu", "André", "Benoît", "Réjean", "Luc",
                "Sébastien", "Marc-André", "Karim", "Éric"])
LAST_NAMES = ["Tremblay", "Gagnon", "Côté", "Bouchard", "Gauthier", "Bélanger", "Lévesque", "Pelletier",
              "Bergeron", "Lavoie", "Fortin", "Gagné", "Ouellet", "Paquette", "Morin", "D'Amours",
              "Leblanc", "Thériault", "Nguyen", "Benali", "Saint-Pierre", "Boucher-Côté", "O'Neill"]

# Body types (types-organismes.yml) with weight, name patterns and signatory titles.
# "{lieu}" is a municipality, MRC or region name; "{de}" the elided preposition.
BODY_TYPES: dict[str, tuple[int, list[str], list[str]]] = {
    "municipalite": (70, [], ["Mairesse", "Maire"]),
    "mrc": (6, ["MRC {de}{lieu}"], ["Préfète", "Préfet"]),
    "communaute-metropolitaine": (0, [], ["Présidente", "Président"]),
    "regie-intermunicipale": (4, ["Régie intermunicipale des matières résiduelles {de}{lieu}",
                                  "Régie intermunicipale d'incendie {de}{lieu}",
                                  "Régie intermunicipale de l'eau {de}{lieu}"],
                              ["Présidente du conseil", "Président du conseil"]),
    "societe-de-transport": (1, ["Société de transport {de}{lieu}", "Réseau de transport collectif {de}{lieu}"],
                             ["Présidente", "Président"]),
    "autre-organisme-municipal": (3, ["Office municipal d'habitation {de}{lieu}",
                                      "Société de développement économique {de}{lieu}"],
                                  ["Directrice générale", "Directeur général"]),
    "ministere": (1, ["Ministère de l'Économie et de l'Innovation – direction {de}{lieu}",
                      "Ministère de la Famille – bureau régional {de}{lieu}",
                      "Ministère des Transports – direction générale {de}{lieu}"],
                  ["Sous-ministre adjointe", "Sous-ministre adjoint"]),
    "organisme-public": (4, ["Société d'habitation – bureau {de}{lieu}", "Musée régional {de}{lieu}",
                             "Office du tourisme {de}{lieu}", "Bibliothèque nationale – antenne {de}{lieu}"],
                         ["Présidente-directrice générale", "Président-directeur général"]),
    "sante-services-sociaux": (3, ["Centre intégré de santé et de services sociaux {de}{lieu}",
                                   "Centre d'hébergement et de soins de longue durée {de}{lieu}"],
                               ["Présidente-directrice générale", "Président-directeur général"]),
    "education": (7, ["Centre de services scolaire {de}{lieu}", "Cégep {de}{lieu}",
                      "Collège communautaire {de}{lieu}", "Université {de}{lieu}"],
                  ["Directrice générale", "Directeur général"]),
}
CM_NAMES = [("Communauté métropolitaine de Montréal", "06"), ("Communauté métropolitaine de Québec", "03")]

TARGETS = [
    ("Augmenter la part des achats de services auprès d'entreprises collectives", "% des achats de services"),
    ("Conclure des contrats avec des entreprises collectives de la région", "contrats par année"),
    ("Former le personnel d'approvisionnement à l'achat auprès d'entreprises collectives", "personnes"),
    ("Publier chaque année la liste des contrats accordés à des entreprises collectives", None),
]

TEXTS = [
    ("Le conseil reconnaît l'apport des entreprises collectives à la vitalité de son territoire et s'engage "
    "à leur ouvrir ses processus d'achat dans le respect des règles applicables."),
    ("Par la présente, l'organisme s'engage à considérer les coopératives, mutuelles et organismes à but "
    "non lucratif marchands dans chacun de ses appels d'offres et de ses demandes de prix."),
    ("Nous nous engageons à faire connaître nos besoins aux entreprises d'économie sociale, à diviser les "
    "contrats lorsque c'est permis et à rendre compte chaque année des résultats obtenus."),
]
