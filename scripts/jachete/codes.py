"""The one catalogue of problem codes: short title, explanation and how to fix, in French.

Every problem the validator reports carries one of these codes; the severity of a
code is fixed here. The contributor page ``content/contribuer/codes.md`` shows this
catalogue through the ``codes-erreurs`` component, so the page and the validator
cannot drift apart (a test checks that every code is used and every used code is here).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .problems import ERROR, WARNING


@dataclass(frozen=True)
class Code:
    title: str
    explanation: str
    fix: str
    severity: str = ERROR


CATALOGUE: dict[str, Code] = {
    # --- The file itself ------------------------------------------------------------------
    "fichier-illisible": Code(
        "Fichier illisible", "Le fichier n'a pas pu être ouvert.",
        "Vérifiez que le fichier existe et que vous avez le droit de le lire."),
    "fichier-trop-gros": Code(
        "Fichier trop gros", "Une fiche dépasse 256 Kio, ce qui n'arrive pas pour une fiche normale.",
        "Raccourcissez les textes ; une fiche tient en quelques dizaines de lignes."),
    "encodage-invalide": Code(
        "Encodage invalide", "Le fichier n'est pas enregistré en UTF-8 (les accents seraient mal lus).",
        "Dans votre éditeur, choisissez « Enregistrer sous » puis l'encodage UTF-8."),
    "fichier-non-reconnu": Code(
        "Fichier non reconnu",
        "Le validateur ne sait pas s'il s'agit d'une fiche d'entreprise ou d'une déclaration.",
        "Placez le fichier dans data/enterprises/ ou data/declarations/, ou commencez-le par la ligne "
        "de schéma."),
    "ligne-schema-manquante": Code(
        "Ligne de schéma manquante",
        "La première ligne d'une fiche indique son schéma ; elle permet à l'éditeur de proposer les champs "
        "et de signaler les erreurs pendant la saisie.",
        "Ajoutez en première ligne « # yaml-language-server: $schema=../schemas/entreprise.schema.json » "
        "(ou declaration.schema.json pour une déclaration).", WARNING),
    "fichier-lien": Code(
        "Lien symbolique refusé",
        "Le fichier (ou le dossier) est un lien symbolique vers un autre fichier ; le registre ne suit pas les "
        "liens, qui pourraient désigner un fichier hors du dépôt.",
        "Remplacez le lien par le fichier lui-même (une copie) ou retirez-le."),
    "fichier-special": Code(
        "Pas un fichier ordinaire",
        "Le nom désigne un dossier, un tube nommé (FIFO), un périphérique ou un autre fichier spécial, pas "
        "une fiche.", "Retirez-le, ou renommez le dossier sans l'extension « .yml »."),
    "extension-invalide": Code(
        "Extension de fichier non lue",
        "Seuls les fichiers en « .yml » (en minuscules) sont lus ; un fichier en « .yaml » ou « .YML » "
        "serait laissé de côté par le site.", "Renommez le fichier avec l'extension « .yml »."),
    "fin-de-ligne-cr": Code(
        "Fins de ligne « CR » seules",
        "Le fichier sépare ses lignes par un retour chariot seul (ancien format Mac) : Git et GitHub le lisent "
        "comme une seule ligne.",
        "Dans votre éditeur, convertissez les fins de ligne en LF (Unix) ou CRLF (Windows), puis enregistrez."),
    # --- YAML syntax ----------------------------------------------------------------------
    "yaml-syntaxe": Code(
        "Erreur de syntaxe YAML", "Le fichier ne suit pas la syntaxe YAML à l'endroit indiqué.",
        "Vérifiez l'indentation (des espaces, pas de tabulations), les deux-points après chaque nom de "
        "champ et les guillemets autour des textes qui contiennent « : » ou « # »."),
    "yaml-cle-dupliquee": Code(
        "Champ écrit deux fois", "Le même champ apparaît deux fois dans un bloc ; une seule valeur compte.",
        "Gardez une seule ligne pour ce champ."),
    "yaml-cle-invalide": Code(
        "Nom de champ invalide", "Un nom de champ doit être un mot simple suivi de deux-points.",
        "Écrivez le nom du champ tel que dans le modèle (ex. « nom: »)."),
    "yaml-alias": Code(
        "Alias YAML interdit", "Les alias YAML (« *nom », qui répètent une valeur marquée « &nom ») ne sont pas "
        "permis dans une fiche.",
        "Recopiez la valeur en toutes lettres à chaque endroit."),
    "yaml-etiquette": Code(
        "Étiquette YAML interdite", "Les étiquettes YAML explicites (« !!python », « !!binary »…) ne sont "
        "pas permises.", "Retirez l'étiquette et écrivez une valeur simple."),
    "fiche-vide": Code(
        "Fiche vide", "Le fichier ne contient aucune donnée.", "Partez du modèle de fiche et remplissez-le."),
    "fiche-non-bloc": Code(
        "Fiche mal structurée", "Une fiche est un bloc de lignes « champ: valeur », pas une liste ni un texte seul.",
        "Partez du modèle de fiche : chaque ligne commence par un nom de champ suivi de deux-points."),
    # --- Fields and values (schema) ---------------------------------------------------------
    "champ-manquant": Code(
        "Champ obligatoire manquant", "Un champ obligatoire est absent.",
        "Ajoutez le champ nommé dans le message, au bon niveau d'indentation."),
    "champ-inconnu": Code(
        "Champ inconnu", "Un champ ne fait pas partie du modèle (souvent une faute de frappe).",
        "Corrigez l'orthographe du champ ou retirez-le ; le message liste les champs permis."),
    "type-invalide": Code(
        "Type de valeur incorrect", "La valeur n'est pas du bon type (texte, nombre, liste, bloc, vrai/faux).",
        "Écrivez la valeur sous la forme demandée ; les codes (région, MRC, NEQ) vont entre guillemets."),
    "valeur-inconnue": Code(
        "Valeur hors de la liste", "La valeur ne fait pas partie de la liste des valeurs permises.",
        "Choisissez une valeur de la liste donnée dans le message."),
    "valeur-invalide": Code(
        "Valeur non conforme", "La valeur ne respecte pas le modèle de fiche.",
        "Comparez la valeur avec le modèle de fiche."),
    "valeur-hors-limites": Code(
        "Nombre hors limites", "Le nombre est trop petit ou trop grand.",
        "Écrivez un nombre compris dans les limites données dans le message."),
    "texte-vide": Code(
        "Texte vide", "Un champ de texte est vide.", "Écrivez le texte ou retirez le champ s'il est facultatif."),
    "texte-trop-long": Code(
        "Texte trop long", "Un texte dépasse la longueur permise.", "Raccourcissez le texte."),
    "liste-vide": Code(
        "Liste vide", "Une liste doit contenir au moins un élément.", "Ajoutez au moins un élément."),
    "liste-doublon": Code(
        "Valeur répétée", "Une liste contient deux fois la même valeur.", "Retirez la valeur en double."),
    "id-invalide": Code(
        "Identifiant invalide",
        "L'identifiant s'écrit en minuscules sans accents, avec des chiffres et des traits d'union.",
        "Exemple : « cafe-cooperatif-le-passage »."),
    "neq-invalide": Code(
        "NEQ invalide", "Le numéro d'entreprise du Québec compte exactement 10 chiffres.",
        "Recopiez le NEQ du Registraire des entreprises, entre guillemets, sans espaces."),
    "neq-chiffre-controle": Code(
        "NEQ à vérifier",
        "Le dernier chiffre du NEQ ne correspond pas au chiffre de contrôle habituel (règle observée sur "
        "les NEQ publiés, pas une règle officielle).",
        "Vérifiez le NEQ au Registraire des entreprises ; s'il est exact, laissez-le tel quel.", WARNING),
    "code-postal-invalide": Code(
        "Code postal invalide", "Le code postal suit le format A1A 1A1.", "Exemple : « G9A 2G8 »."),
    "unspsc-invalide": Code(
        "Code UNSPSC invalide", "Un code UNSPSC compte 8 chiffres.", "Exemple : \"90101600\", entre guillemets."),
    "url-invalide": Code(
        "Adresse Web invalide", "Une adresse Web commence par https:// (ou http://) suivi d'un nom de site "
        "complet ; elle ne contient ni espace, ni caractère invisible, ni barre oblique inversée « \\ », ni "
        "identifiant avant « @ » (un navigateur irait alors sur un autre site que celui qu'on croit lire).",
        "Copiez l'adresse complète depuis la barre d'adresse du navigateur."),
    "courriel-invalide": Code(
        "Courriel invalide", "Une adresse de courriel a la forme nom@domaine.ca.",
        "Écrivez l'adresse seule, sans « mailto: » ni espaces."),
    "telephone-invalide": Code(
        "Téléphone invalide", "Le numéro de téléphone contient des caractères inattendus.",
        "Exemple : \"819 555-0142\" ou \"819 555-0142 poste 12\"."),
    "code-geo-invalide": Code(
        "Code géographique invalide", "Le code géographique du MAMH compte 5 chiffres.",
        "Exemple : \"37067\" pour Trois-Rivières, entre guillemets."),
    "date-invalide": Code(
        "Date invalide", "La date n'est pas au format AAAA-MM-JJ ou n'existe pas (ex. 30 février).",
        "Exemple : 2026-03-14."),
    "date-hors-limites": Code(
        "Date hors limites", "Le registre accepte les dates du 1er janvier 2000 au 31 décembre 2100 ; une date "
        "en dehors est presque toujours une faute de frappe dans l'année.",
        "Corrigez l'année (format AAAA-MM-JJ, ex. 2026-03-14)."),
    "date-future": Code(
        "Date dans le futur", "Une date d'adoption, de mise à jour ou une année de bilan ne peut pas être "
        "dans le futur.", "Corrigez la date ; attendez l'adoption avant de publier."),
    "dates-inversees": Code(
        "Dates inversées", "La date de fin d'un événement précède sa date de début.", "Corrigez l'une des deux dates."),
    # --- Rules between fields and between records ------------------------------------------
    "id-nom-fichier": Code(
        "Identifiant différent du nom de fichier", "Le champ « id » doit être identique au nom du fichier "
        "sans « .yml ».", "Renommez le fichier ou corrigez le champ « id »."),
    "id-duplique": Code(
        "Identifiant déjà utilisé", "Deux fiches du même genre ont le même identifiant.",
        "Choisissez un identifiant unique."),
    "declaration-dupliquee": Code(
        "Organisme déjà déclaré", "Un organisme a une seule déclaration ; une autre fiche le décrit déjà "
        "(même code géographique, ou même nom dans la même région, quel que soit le type d'organisme, une fois "
        "retirés la casse, les accents, la ponctuation et les mots comme « Ville de » ou « (Municipalité) »).",
        "Mettez à jour la déclaration existante au lieu d'en créer une nouvelle."),
    "mrc-hors-region": Code(
        "MRC hors de la région", "La MRC indiquée n'appartient pas à la région indiquée.",
        "Corrigez la région ou la MRC ; le message donne la région de la MRC."),
    "cooperative-manquante": Code(
        "Bloc coopérative manquant", "Une coopérative doit préciser son type et ses règles de ristourne.",
        "Ajoutez le bloc « cooperative: » avec « type: » et « sans_ristourne: »."),
    "cooperative-interdite": Code(
        "Bloc coopérative en trop", "Seule une coopérative a un bloc « cooperative: ».",
        "Retirez le bloc ou corrigez la forme juridique."),
    "designation-invalide": Code(
        "Désignation impossible", "Seule une coopérative de solidarité sans ristourne peut être désignée par "
        "la ministre.", "Retirez « designee_par_ministre: true » ou corrigez le type et les ristournes."),
    "document-hors-domaine": Code(
        "Document hors du site officiel", "Le document signé n'est pas publié sur le site officiel de "
        "l'organisme ; les responsables de la révision vérifieront sa provenance.",
        "Si possible, donnez l'adresse du document sur le site officiel de l'organisme.", WARNING),
    "texte-balisage": Code(
        "Balisage dans un texte", "Un texte contient des balises HTML ou du code (« javascript: ») ; il sera "
        "affiché tel quel, jamais exécuté.", "Écrivez du texte simple, sans balises.", WARNING),
    "texte-invisible": Code(
        "Caractère invisible", "Un texte contient un caractère qu'on ne voit pas (espace de largeur nulle) ou "
        "qui inverse le sens d'écriture ; il peut cacher ou réordonner des mots.",
        "Retapez le texte ou supprimez le caractère indiqué (son code U+… est donné dans le message).", WARNING),
    "texte-homoglyphe": Code(
        "Alphabets mélangés", "Un mot mélange des lettres latines avec des lettres cyrilliques ou grecques qui "
        "leur ressemblent ; un nom peut ainsi en imiter un autre.",
        "Retapez le mot au clavier, en lettres latines.", WARNING),
    "texte-controle": Code(
        "Caractère de contrôle", "Un texte contient un caractère de contrôle (codes U+0000 à U+001F et U+007F à "
        "U+009F, sauf la tabulation et le saut de ligne) ; invisible à l'écran, il passerait tel quel dans les "
        "pages, les fichiers CSV et les calendriers.",
        "Retirez le caractère indiqué (son code U+… est donné dans le message) ; dans un texte entre guillemets, "
        "cherchez une barre oblique inverse suivie d'un code, comme « \\r » ou « \\x07 »."),
    "texte-saut-de-ligne": Code(
        "Saut de ligne dans un champ d'une ligne", "Un titre, un nom, un lieu ou un code tient sur une seule "
        "ligne ; le texte contient un saut de ligne (U+000A) ou un séparateur de ligne (U+2028, U+2029). Seuls "
        "les descriptions, les textes et les notes peuvent compter plusieurs lignes.",
        "Écrivez le texte sur une seule ligne. Après « titre: > » ou « titre: | », YAML garde un saut de ligne "
        "final : écrivez « titre: >- » ou mettez le texte sur la ligne du champ."),
    "date-avant-modele": Code(
        "Adoption avant 2011", "Le modèle de déclaration d'engagement a été proposé par le gouvernement du Québec "
        "dans son plan de 2011 ; une déclaration ne peut pas avoir été adoptée avant le 1er janvier 2011.",
        "Recopiez la date d'adoption de la résolution (format AAAA-MM-JJ)."),
    "suivi-avant-adoption": Code(
        "Bilan antérieur à l'adoption", "Un bilan annuel porte sur une année qui précède l'année d'adoption de "
        "la déclaration.", "Corrigez l'année du bilan ou la date d'adoption."),
    "suivi-annee-dupliquee": Code(
        "Bilan en double", "Deux bilans annuels portent sur la même année.",
        "Gardez un seul bilan par année : réunissez les contrats et les montants dans un seul bloc."),
    "cible-avant-adoption": Code(
        "Échéance avant l'adoption", "L'échéance d'une cible précède la date d'adoption de la déclaration ; "
        "une cible vise d'ordinaire une date future.",
        "Vérifiez l'échéance et la date d'adoption (format AAAA-MM-JJ).", WARNING),
    # --- Web addresses and duplicate bodies --------------------------------------------------
    "url-adresse-ip": Code(
        "Adresse IP au lieu d'un nom de site", "L'adresse désigne un serveur par son adresse IP (sous l'une "
        "de ses formes, ex. 192.168.0.1 ou 3232235521) plutôt que par un nom de domaine : on ne peut pas "
        "savoir à quel organisme il appartient.",
        "Donnez l'adresse du site avec son nom (ex. https://www.exemple.qc.ca/).", WARNING),
    "document-http": Code(
        "Document signé sans chiffrement", "L'adresse du document signé commence par http:// : la connexion "
        "n'est pas chiffrée et un tiers peut modifier le document en chemin.",
        "Donnez l'adresse en https:// si le site de l'organisme l'offre.", WARNING),
    "declaration-meme-site": Code(
        "Même site officiel qu'une autre déclaration", "Deux déclarations donnent le même site officiel : "
        "c'est souvent le même organisme déclaré deux fois (sous un autre nom ou un autre type).",
        "S'il s'agit du même organisme, mettez à jour la déclaration existante ; sinon (site partagé), "
        "ignorez cet avertissement.", WARNING),
    "texte-formule": Code(
        "Texte pris pour une formule", "Un texte commence par « = », « + », « - » ou « @ » (même après des "
        "espaces ou sous sa forme pleine chasse) : un tableur qui ouvre les fichiers CSV du registre "
        "pourrait l'exécuter comme une formule. Dans ces fichiers, le texte est donc précédé d'une apostrophe.",
        "Commencez le texte par un mot ou un chiffre (ex. « Moins de 20 % » plutôt que « -20 % »). Un "
        "numéro de téléphone peut commencer par « +1 ».", WARNING),
    # --- Derived SEAO files (data/seao/, written by « jachete seao match ») ---------------------
    "seao-colonnes": Code(
        "Colonnes inattendues (SEAO)", "La première ligne d'un fichier de data/seao/ ne nomme pas les colonnes "
        "que le site attend : le fichier a été modifié à la main ou écrit par une autre version de l'outil.",
        "Relancez « jachete seao match » (ou « jachete seao occasions ») plutôt que de modifier le fichier."),
    "seao-ligne": Code(
        "Ligne incomplète (SEAO)", "Une ligne d'un fichier de data/seao/ n'a pas autant de cellules que d'en-têtes.",
        "Relancez « jachete seao match » ; si vous corrigez à la main, gardez une cellule par colonne."),
    "seao-valeur-invalide": Code(
        "Valeur invalide (SEAO)", "Une cellule d'un fichier de data/seao/ ne peut pas être lue : date, montant, "
        "NEQ, année ou identifiant mal formé.",
        "Corrigez la cellule indiquée (dates AAAA-MM-JJ, montants en dollars avec un point décimal, NEQ de "
        "10 chiffres) ou relancez « jachete seao match »."),
    "seao-source-manquante": Code(
        "Source des données SEAO manquante", "Les fichiers de data/seao/ sont publiés sans data/seao/source.yml, "
        "qui donne leur source, leur date d'extraction et leur licence.",
        "Relancez « jachete seao match », qui écrit source.yml à côté des fichiers."),
}


def severity(code: str) -> str:
    return CATALOGUE[code].severity


def render_html(catalogue: dict[str, Code] | None = None) -> str:
    """The contributor-facing table of codes (escaped HTML)."""
    catalogue = CATALOGUE if catalogue is None else catalogue
    rows = []
    for code, entry in sorted(catalogue.items()):
        kind = "Erreur" if entry.severity == ERROR else "Avertissement"
        rows.append(
            f'<tr id="{escape(code)}"><th scope="row"><code>{escape(code)}</code></th>'
            f"<td>{kind}</td><td><strong>{escape(entry.title)}</strong><br>{escape(entry.explanation)}</td>"
            f"<td>{escape(entry.fix)}</td></tr>"
        )
    return (
        '<table class="jachete-codes">\n<caption>Codes du validateur</caption>\n'
        '<thead><tr><th scope="col">Code</th><th scope="col">Gravité</th><th scope="col">Signification</th>'
        '<th scope="col">Comment corriger</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def components(ctx) -> dict[str, str]:
    """Site feature: the table of codes for content/contribuer/codes.md."""
    return {"codes-erreurs": render_html()}


# Codes proper to the rules file (data/rules/regles.yml), kept beside its validator.
from .rules.codes import RULE_CODES

CATALOGUE.update({code: Code(*entry) for code, entry in RULE_CODES.items()})
