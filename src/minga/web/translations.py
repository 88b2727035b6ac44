"""Spanish and French translations of Minga's interface strings, kept as data so the catalogues can be rebuilt.

``scripts/messages.py`` extracts the strings (Django's makemessages), fills each catalogue from these tables and
compiles it; the test suite fails if a string has no translation.
"""

from minga.web.translations_ecosystem import ECOSYSTEM_ES_FR, ECOSYSTEM_PLURALS
from minga.web.translations_forum import FORUM_ES_FR, FORUM_PLURALS
from minga.web.translations_funding import FUNDING_ES_FR
from minga.web.translations_pages import PAGES_ES_FR, PAGES_PLURALS

ES_FR: dict[str, tuple[str, str]] = {
    "Created": ("Creado", "Créé"),
    "Updated": ("Actualizado", "Mis à jour"),
    "Deleted": ("Eliminado", "Supprimé"),
    "admin, api, cli, import:<format>, web": (
        "admin, api, cli, import:<formato>, web",
        "admin, api, cli, import:<format>, web",
    ),
    "app_label.model": ("app_label.modelo", "app_label.modèle"),
    "primary key of the record (every Minga model has an integer id)": (
        "clave primaria del registro (todo modelo de Minga tiene un id entero)",
        "clé primaire de l'enregistrement (tout modèle de Minga a un identifiant entier)",
    ),
    "field → [old, new]": ("campo → [anterior, nuevo]", "champ → [ancien, nouveau]"),
    "audit entry": ("entrada de auditoría", "entrée d'audit"),
    "audit entries": ("entradas de auditoría", "entrées d'audit"),
    "Administrator": ("Administración", "Administration"),
    "Territory steward": ("Responsable territorial", "Référent territorial"),
    "history": ("historial", "historique"),
    "Import the valid rows, report the rejected ones": (
        "Importar las filas válidas e informar de las rechazadas",
        "Importer les lignes valides et signaler les lignes rejetées",
    ),
    "Dry run (check only, write nothing)": (
        "Simulación (solo comprobar, no escribir nada)",
        "Simulation (vérifier seulement, ne rien écrire)",
    ),
    "Only administrators may import files.": (
        "Solo las personas administradoras pueden importar archivos.",
        "Seuls les administrateurs peuvent importer des fichiers.",
    ),
    "Import a file": ("Importar un archivo", "Importer un fichier"),
    "%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected.": (
        "%(file)s: %(created)d creados, %(updated)d actualizados, %(unchanged)d sin cambios, %(rejected)d rechazados.",
        "%(file)s : %(created)d créés, %(updated)d mis à jour, %(unchanged)d inchangés, %(rejected)d rejetés.",
    ),
    "Co-operative": ("Cooperativa", "Coopérative"),
    "Mutual": ("Mutual", "Mutuelle"),
    "Association": ("Asociación", "Association"),
    "Foundation": ("Fundación", "Fondation"),
    "Social enterprise": ("Empresa social", "Entreprise sociale"),
    "Community group": ("Grupo comunitario", "Groupe communautaire"),
    "Informal initiative": ("Iniciativa informal", "Initiative informelle"),
    "Local government": ("Gobierno local", "Collectivité locale"),
    "Regional government": ("Gobierno regional", "Collectivité régionale"),
    "National government": ("Gobierno nacional", "Gouvernement national"),
    "International organisation": ("Organización internacional", "Organisation internationale"),
    "Network or federation": ("Red o federación", "Réseau ou fédération"),
    "Public funder": ("Financiador público", "Financeur public"),
    "Private funder": ("Financiador privado", "Financeur privé"),
    "Social or ethical bank": ("Banca social o ética", "Banque sociale ou éthique"),
    "Grant-making foundation": ("Fundación donante", "Fondation distributrice"),
    "Cooperation agency": ("Agencia de cooperación", "Agence de coopération"),
    "Support organisation": ("Organización de apoyo", "Structure d'accompagnement"),
    "Research or university": ("Investigación o universidad", "Recherche ou université"),
    "Private company": ("Empresa privada", "Entreprise privée"),
    "Civil-society organisation": ("Organización de la sociedad civil", "Organisation de la société civile"),
    "Active": ("Activa", "Active"),
    "Inactive": ("Inactiva", "Inactive"),
    "Dissolved": ("Disuelta", "Dissoute"),
    "Unknown": ("Desconocido", "Inconnu"),
    "name": ("nombre", "nom"),
    "kind": ("tipo", "type"),
    "description": ("descripción", "description"),
    "Text by language": ("Texto por idioma", "Texte par langue"),
    "ESSGlobal legal form": ("Forma jurídica ESSGlobal", "Forme juridique ESSGlobal"),
    "Legal form as registered": ("Forma jurídica registrada", "Forme juridique enregistrée"),
    "Free keywords, e.g. from the source's own taxonomy": (
        "Palabras clave libres, p. ej. de la taxonomía de la fuente",
        "Mots-clés libres, p. ex. issus de la taxonomie de la source",
    ),
    "Social media handles or URLs by network": (
        "Cuentas o URL en redes sociales, por red",
        "Comptes ou URL de réseaux sociaux, par réseau",
    ),
    "Organisation editors": ("Personas editoras de la organización", "Éditeurs de l'organisation"),
    "actor": ("actor", "acteur"),
    "actors": ("actores", "acteurs"),
    "Practice": ("Práctica", "Pratique"),
    "Project": ("Proyecto", "Projet"),
    "Programme": ("Programa", "Programme"),
    "Public policy": ("Política pública", "Politique publique"),
    "Event": ("Evento", "Événement"),
    "Manual": ("Manual", "Manuel"),
    "Suggested": ("Sugerido", "Suggéré"),
    "Confirmed": ("Confirmado", "Confirmé"),
    "title": ("título", "titre"),
    "initiative": ("iniciativa", "initiative"),
    "initiatives": ("iniciativas", "initiatives"),
    "Lead": ("Líder", "Porteur"),
    "Partner": ("Socio", "Partenaire"),
    "Funder": ("Financiador", "Financeur"),
    "Supporter": ("Apoyo", "Soutien"),
    "Beneficiary": ("Beneficiario", "Bénéficiaire"),
    "Confidence, for suggested links": (
        "Confianza, para vínculos sugeridos",
        "Confiance, pour les liens suggérés",
    ),
    "The file is checked as a whole first: if any row is invalid nothing is written, unless you choose to import "
    "the valid rows. Re-importing the same file changes nothing.": (
        "Primero se comprueba el archivo completo: si alguna fila no es válida no se escribe nada, salvo que elija "
        "importar las filas válidas. Volver a importar el mismo archivo no cambia nada.",
        "Le fichier est d'abord vérifié en entier : si une ligne est invalide, rien n'est écrit, sauf si vous "
        "choisissez d'importer les lignes valides. Réimporter le même fichier ne change rien.",
    ),
    "Import": ("Importar", "Importer"),
    "Territories below, with what they hold": (
        "Territorios inferiores y lo que contienen",
        "Territoires en dessous, avec ce qu'ils contiennent",
    ),
    "Territory": ("Territorio", "Territoire"),
    "Actors": ("Actores", "Acteurs"),
    "Initiatives": ("Iniciativas", "Initiatives"),
    "Skip to content": ("Ir al contenido", "Aller au contenu"),
    "Main": ("Principal", "Principale"),
    "Home": ("Inicio", "Accueil"),
    "World": ("Mundo", "Monde"),
    "API": ("API", "API"),
    "Back office": ("Administración", "Administration"),
    "Language": ("Idioma", "Langue"),
    "Change": ("Cambiar", "Changer"),
    "Data": ("Datos", "Données"),
    "Grants of the Indigo Trust, 2001–2015, in the 360Giving format": (
        "Subvenciones de Indigo Trust, 2001–2015, en el formato 360Giving",
        "Subventions de l'Indigo Trust, 2001–2015, au format 360Giving",
    ),
    "Society and company numbers that link grants to co-operatives": (
        "Números de sociedades y empresas que vinculan las subvenciones con las cooperativas",
        "Numéros de sociétés et d'entreprises qui relient les subventions aux coopératives",
    ),
    "network analytics of ecosystems": (
        "análisis de redes de los ecosistemas",
        "analyse des réseaux des écosystèmes",
    ),
    "Contains Co-operatives UK open data": (
        "Contiene datos abiertos de Co-operatives UK",
        "Contient des données ouvertes de Co-operatives UK",
    ),
    "SUSY map of SSE initiatives (TransforMap / SSEDAS partners), public domain": (
        "Mapa SUSY de iniciativas de ESS (TransforMap / socios SSEDAS), dominio público",
        "Carte SUSY des initiatives d'ESS (TransforMap / partenaires SSEDAS), domaine public",
    ),
    "Karte von morgen, CC0": ("Karte von morgen, CC0", "Karte von morgen, CC0"),
    "UN SDG framework (Open SDG translations, MIT)": (
        "Marco de los ODS de la ONU (traducciones de Open SDG, MIT)",
        "Cadre des ODD de l'ONU (traductions Open SDG, MIT)",
    ),
    'Minga is free software under the <a href="https://www.gnu.org/licenses/agpl-3.0.html">GNU AGPL v3</a>.': (
        'Minga es software libre bajo la <a href="https://www.gnu.org/licenses/agpl-3.0.html">GNU AGPL v3</a>.',
        'Minga est un logiciel libre sous <a href="https://www.gnu.org/licenses/agpl-3.0.html">GNU AGPL v3</a>.',
    ),
    "The social and solidarity economy, at every scale": (
        "La economía social y solidaria, a todas las escalas",
        "L'économie sociale et solidaire, à toutes les échelles",
    ),
    "Co-operatives, mutuals, associations, social enterprises and community groups, placed in their territories "
    "from the locality up to the world.": (
        "Cooperativas, mutuales, asociaciones, empresas sociales y grupos comunitarios, situados en sus territorios, "
        "de la localidad al mundo.",
        "Coopératives, mutuelles, associations, entreprises sociales et groupes communautaires, situés dans leurs "
        "territoires, de la localité au monde.",
    ),
    "on the map": ("en el mapa", "sur la carte"),
    "countries": ("países", "pays"),
    "By region": ("Por región", "Par région"),
    "Latest additions": ("Últimas incorporaciones", "Derniers ajouts"),
    "Nothing yet: import a dataset with minga import.": (
        "Todavía nada: importe un conjunto de datos con minga import.",
        "Rien pour l'instant : importez un jeu de données avec minga import.",
    ),
    "Not found": ("No encontrado", "Introuvable"),
    "There is no %(what)s at this address.": (
        "Esta dirección no corresponde a ningún %(what)s.",
        "Cette adresse ne correspond à aucun %(what)s.",
    ),
    "There is no page at this address.": (
        "No hay ninguna página en esta dirección.",
        "Aucune page à cette adresse.",
    ),
    "About": ("Presentación", "Présentation"),
    "Not yet translated; shown in the original language (%(language)s).": (
        "Aún sin traducir; se muestra en el idioma original (%(language)s).",
        "Pas encore traduit ; affiché dans la langue d'origine (%(language)s).",
    ),
    "Profile": ("Perfil", "Profil"),
    "Members": ("Socios y socias", "Membres"),
    "Founded": ("Fundación", "Création"),
    "Keywords": ("Palabras clave", "Mots-clés"),
    "Sustainable Development Goals": (
        "Objetivos de Desarrollo Sostenible",
        "Objectifs de développement durable",
    ),
    "Contact": ("Contacto", "Contact"),
    "Website": ("Sitio web", "Site web"),
    "E-mail": ("Correo electrónico", "Courriel"),
    "Phone": ("Teléfono", "Téléphone"),
    "Address": ("Dirección", "Adresse"),
    "Source": ("Fuente", "Source"),
    "Record %(source_id)s of %(source)s.": (
        "Registro %(source_id)s de %(source)s.",
        "Fiche %(source_id)s de %(source)s.",
    ),
    "Licence": ("Licencia", "Licence"),
    "This record as JSON": ("Este registro en JSON", "Cette fiche en JSON"),
    "Directory": ("Directorio", "Annuaire"),
    "Filters": ("Filtros", "Filtres"),
    "Name": ("Nombre", "Nom"),
    "Territory code": ("Código de territorio", "Code du territoire"),
    "Any kind": ("Cualquier tipo", "Tous les types"),
    "Any activity": ("Cualquier actividad", "Toutes les activités"),
    "Show": ("Mostrar", "Afficher"),
    "Some filters are not valid: see the messages beside them.": (
        "Algunos filtros no son válidos: vea los mensajes junto a ellos.",
        "Certains filtres ne sont pas valides : voyez les messages à côté.",
    ),
    "No territory has this code.": ("Ningún territorio tiene este código.", "Aucun territoire n'a ce code."),
    "Place": ("Lugar", "Lieu"),
    "Pages": ("Páginas", "Pages"),
    "Previous": ("Anterior", "Précédente"),
    "Next": ("Siguiente", "Suivante"),
    "Page %(page)s of %(pages)s": ("Página %(page)s de %(pages)s", "Page %(page)s sur %(pages)s"),
    "goal": ("objetivo", "objectif"),
    "term": ("término", "terme"),
    "Goal %(number)s": ("Objetivo %(number)s", "Objectif %(number)s"),
    "In Minga": ("En Minga", "Dans Minga"),
    "Targets and indicators": ("Metas e indicadores", "Cibles et indicateurs"),
    "Cancel": ("Cancelar", "Annuler"),
    "Map": ("Mapa", "Carte"),
    "Map of actors": ("Mapa de actores", "Carte des acteurs"),
    "Open the record": ("Abrir la ficha", "Ouvrir la fiche"),
    'Every actor with coordinates. The same list, without the map: <a href="%(directory)s">the directory</a>.': (
        'Todos los actores con coordenadas. La misma lista, sin el mapa: <a href="%(directory)s">el directorio</a>.',
        'Tous les acteurs géolocalisés. La même liste, sans la carte : <a href="%(directory)s">l\'annuaire</a>.',
    ),
    "Download": ("Descargar", "Télécharger"),
    "download": ("descarga", "téléchargement"),
    "Edit %(name)s": ("Editar %(name)s", "Modifier %(name)s"),
    "Edit this record": ("Editar este registro", "Modifier cette fiche"),
    "History": ("Historial", "Historique"),
    "How": ("Cómo", "Comment"),
    "Latitude": ("Latitud", "Latitude"),
    "Longitude": ("Longitud", "Longitude"),
    "Not allowed": ("No permitido", "Non autorisé"),
    "Not known": ("No se sabe", "Inconnu"),
    "Nothing was saved: correct the fields marked below.": (
        "No se guardó nada: corrija los campos señalados abajo.",
        "Rien n'a été enregistré : corrigez les champs signalés ci-dessous.",
    ),
    "Password": ("Contraseña", "Mot de passe"),
    "Postcode": ("Código postal", "Code postal"),
    "Save": ("Guardar", "Enregistrer"),
    "Sign in": ("Iniciar sesión", "Se connecter"),
    "That user name and password do not match. Try again.": (
        "Ese nombre de usuario y esa contraseña no coinciden. Inténtelo de nuevo.",
        "Ce nom d'utilisateur et ce mot de passe ne correspondent pas. Réessayez.",
    ),
    "User name": ("Nombre de usuario", "Nom d'utilisateur"),
    "What changed": ("Qué cambió", "Ce qui a changé"),
    "When": ("Cuándo", "Quand"),
    "Who": ("Quién", "Qui"),
    "You may not edit this record. Territory stewards edit what lies in their territory; organisation editors edit "
    "their own organisation. Ask an administrator for a role.": (
        "No puede editar este registro. Las personas responsables territoriales editan lo que está en su territorio; "
        "las editoras de una organización, su propia organización. Pida un rol a la administración.",
        "Vous ne pouvez pas modifier cette fiche. Les référents territoriaux modifient ce qui se trouve dans leur "
        "territoire ; les éditeurs d'une organisation, leur propre organisation. Demandez un rôle à l'administration.",
    ),
    'Start from <a href="/%(home)s/territories/001/">the world</a> and go down.': (
        'Empiece por <a href="/%(home)s/territories/001/">el mundo</a> y descienda.',
        'Partez du <a href="/%(home)s/territories/001/">monde</a> et descendez.',
    ),
    "Breadcrumb": ("Ruta de navegación", "Fil d'Ariane"),
    "members (where known)": ("socios y socias (cuando se conoce)", "membres (quand on le sait)"),
    "Workers, where known: %(women)s women, %(men)s men, %(other)s other.": (
        "Personas trabajadoras, cuando se conoce: %(women)s mujeres, %(men)s hombres, %(other)s otras.",
        "Travailleurs, quand on le sait : %(women)s femmes, %(men)s hommes, %(other)s autres.",
    ),
    "By kind": ("Por tipo", "Par type"),
    "Kind": ("Tipo", "Type"),
    "No actors here yet.": ("Todavía no hay actores aquí.", "Pas encore d'acteurs ici."),
    "By economic activity": ("Por actividad económica", "Par activité économique"),
    "Activity": ("Actividad", "Activité"),
    "No activity recorded.": ("Ninguna actividad registrada.", "Aucune activité enregistrée."),
    "Coverage of the 17 Sustainable Development Goals": (
        "Cobertura de los 17 Objetivos de Desarrollo Sostenible",
        "Couverture des 17 objectifs de développement durable",
    ),
    "Territories below": ("Territorios inferiores", "Territoires en dessous"),
    "Data shown here": ("Datos mostrados aquí", "Données affichées ici"),
    "Region": ("Región", "Région"),
    "Sub-region": ("Subregión", "Sous-région"),
    "Intermediate region": ("Región intermedia", "Région intermédiaire"),
    "Country or area": ("País o zona", "Pays ou zone"),
    "Subdivision": ("Subdivisión", "Subdivision"),
    "Locality": ("Localidad", "Localité"),
    "M49 code, ISO 3166 code, or locality code": (
        "Código M49, código ISO 3166 o código de localidad",
        "Code M49, code ISO 3166 ou code de localité",
    ),
    "Names by language code": ("Nombres por código de idioma", "Noms par code de langue"),
    "territory": ("territorio", "territoire"),
    "territories": ("territorios", "territoires"),
    "Organisational structure": ("Estructura organizativa", "Structure organisationnelle"),
    "Economic activity (ICA)": ("Actividad económica (ACI)", "Activité économique (ACI)"),
    "Base membership type": ("Tipo de membresía de base", "Type de sociétariat de base"),
    "Legal form": ("Forma jurídica", "Forme juridique"),
    "Qualifiers": ("Calificativos", "Qualificatifs"),
    "Themes": ("Temas", "Thèmes"),
    "Official UN SDG colour, #RRGGBB": (
        "Color oficial del ODS de la ONU, #RRGGBB",
        "Couleur officielle de l'ODD de l'ONU, #RRGGBB",
    ),
}

#: plural messages: msgid → (es forms, fr forms), in the order of each catalogue's Plural-Forms header
#: (es: one, many — a round million —, other; fr: one, other)
PLURALS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "%(counter)s actor": (
        ("%(counter)s actor", "%(counter)s de actores", "%(counter)s actores"),
        ("%(counter)s acteur", "%(counter)s acteurs"),
    ),
    "about %(counter)s actor": (
        ("unos %(counter)s actor", "unos %(counter)s de actores", "unos %(counter)s actores"),
        ("environ %(counter)s acteur", "environ %(counter)s acteurs"),
    ),
}

ES_FR |= PAGES_ES_FR
ES_FR |= ECOSYSTEM_ES_FR
ES_FR |= FUNDING_ES_FR
ES_FR |= FORUM_ES_FR
PLURALS |= PAGES_PLURALS
PLURALS |= ECOSYSTEM_PLURALS
PLURALS |= FORUM_PLURALS
