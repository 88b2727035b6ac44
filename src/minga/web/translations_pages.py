"""Spanish and French translations of the strings of the dashboards, initiative pages, record forms and the about
page (merged into :data:`minga.web.translations.ES_FR`)."""

PAGES_ES_FR: dict[str, tuple[str, str]] = {
    "About Minga and its data": ("Acerca de Minga y sus datos", "À propos de Minga et de ses données"),
    '<i lang="qu">Minga</i> (from Quechua <i lang="qu">mink\'a</i>) is collective work for the common good. Minga is '
    "an open-source platform that makes the social and solidarity economy visible, financed and connected, from the "
    "locality up to the world and the 2030 Agenda.": (
        '<i lang="qu">Minga</i> (del quechua <i lang="qu">mink\'a</i>) es el trabajo colectivo por el bien común. '
        "Minga es una plataforma de código abierto que hace visible, financiada y conectada a la economía social y "
        "solidaria, desde lo local hasta lo global y la Agenda 2030.",
        '<i lang="qu">Minga</i> (du quechua <i lang="qu">mink\'a</i>) désigne le travail collectif pour le bien '
        "commun. Minga est une plateforme libre qui rend l'économie sociale et solidaire visible, financée et reliée, "
        "du local jusqu'au mondial et à l'Agenda 2030.",
    ),
    "Actors by country": ("Actores por país", "Acteurs par pays"),
    "actors by country": ("actores por país", "acteurs par pays"),
    "Actors by economic activity": ("Actores por actividad económica", "Acteurs par activité économique"),
    "Actors by kind": ("Actores por tipo", "Acteurs par type"),
    "Actors matching the filters": ("Actores que cumplen los filtros", "Acteurs correspondant aux filtres"),
    "Add an actor": ("Añadir un actor", "Ajouter un acteur"),
    "Add an initiative": ("Añadir una iniciativa", "Ajouter une initiative"),
    "Any goal": ("Cualquier objetivo", "Tout objectif"),
    "Any legal form": ("Cualquier forma jurídica", "Toute forme juridique"),
    "Approach": ("Enfoque", "Démarche"),
    "Attribution": ("Atribución", "Attribution"),
    "Co-operatives of the United Kingdom (Q2 2023)": (
        "Cooperativas del Reino Unido (2.º trimestre de 2023)",
        "Coopératives du Royaume-Uni (2e trimestre 2023)",
    ),
    "Country": ("País", "Pays"),
    "Country shapes of the maps": (
        "Contornos de los países en los mapas",
        "Contours des pays sur les cartes",
    ),
    "Country subdivisions and their names": (
        "Subdivisiones de los países y sus nombres",
        "Subdivisions des pays et leurs noms",
    ),
    "Data sources and licences": ("Fuentes de datos y licencias", "Sources des données et licences"),
    "Description": ("Descripción", "Description"),
    "Ends on": ("Termina el", "Se termine le"),
    "English": ("Inglés", "Anglais"),
    "Spanish": ("Español", "Espagnol"),
    "French": ("Francés", "Français"),
    "Every record keeps its source and licence; exports carry the attribution the licence asks for.": (
        "Cada registro conserva su fuente y su licencia; las exportaciones llevan la atribución que pide la licencia.",
        "Chaque fiche garde sa source et sa licence ; les exports portent l'attribution que demande la licence.",
    ),
    "Evidence": ("Evidencias", "Preuves"),
    "Evidence (web addresses, one per line)": (
        "Evidencias (direcciones web, una por línea)",
        "Preuves (adresses web, une par ligne)",
    ),
    "For example GB-BST, ES-CT or 150.": (
        "Por ejemplo GB-BST, ES-CT o 150.",
        "Par exemple GB-BST, ES-CT ou 150.",
    ),
    "Give both latitude and longitude, or neither.": (
        "Indique latitud y longitud, o ninguna de las dos.",
        "Indiquez la latitude et la longitude, ou aucune des deux.",
    ),
    "Goal": ("Objetivo", "Objectif"),
    "How to replicate it": ("Cómo replicarla", "Comment la reproduire"),
    "Initiatives matching the filters": (
        "Iniciativas que cumplen los filtros",
        "Initiatives correspondant aux filtres",
    ),
    "Library": ("Biblioteca", "Bibliothèque"),
    "List these actors in the directory": (
        "Ver estos actores en el directorio",
        "Voir ces acteurs dans l'annuaire",
    ),
    "Map: actors by country": ("Mapa: actores por país", "Carte : acteurs par pays"),
    "Minga is free software under the "
    '<a href="https://www.gnu.org/licenses/agpl-3.0.html">GNU AGPL v3</a>. It serves every file it needs itself: no '
    "tracking, no external service.": (
        'Minga es software libre bajo la <a href="https://www.gnu.org/licenses/agpl-3.0.html">GNU AGPL v3</a>. '
        "Sirve ella misma todos los archivos que necesita: sin rastreo, sin servicios externos.",
        'Minga est un logiciel libre sous <a href="https://www.gnu.org/licenses/agpl-3.0.html">GNU AGPL v3</a>. '
        "Il sert lui-même tous les fichiers dont il a besoin : aucun pistage, aucun service extérieur.",
    ),
    "No SDG target linked yet.": (
        "Aún no hay metas ODS vinculadas.",
        "Aucune cible ODD liée pour l'instant.",
    ),
    "No actor recorded yet.": ("Aún no hay actores registrados.", "Aucun acteur enregistré pour l'instant."),
    "No actors recorded": ("Sin actores registrados", "Aucun acteur enregistré"),
    "No description yet.": ("Aún no hay descripción.", "Pas encore de description."),
    "Not a web address: %(links)s": ("No es una dirección web: %(links)s", "Pas une adresse web : %(links)s"),
    "Practices, projects, programmes, public policies and events, carried by SSE actors in their territories.": (
        "Prácticas, proyectos, programas, políticas públicas y eventos que llevan los actores de la ESS en sus "
        "territorios.",
        "Pratiques, projets, programmes, politiques publiques et événements portés par les acteurs de l'ESS dans "
        "leurs territoires.",
    ),
    "Problem addressed": ("Problema abordado", "Problème traité"),
    "Public domain": ("Dominio público", "Domaine public"),
    "Public domain; ISC": ("Dominio público; ISC", "Domaine public ; ISC"),
    "REST API": ("API REST", "API REST"),
    "Records here": ("Registros aquí", "Fiches ici"),
    "Regions and countries of the world": ("Regiones y países del mundo", "Régions et pays du monde"),
    "Results": ("Resultados", "Résultats"),
    "SSE initiatives across Europe (TransforMap / SSEDAS partners)": (
        "Iniciativas de ESS en toda Europa (socios de TransforMap / SSEDAS)",
        "Initiatives d'ESS dans toute l'Europe (partenaires TransforMap / SSEDAS)",
    ),
    "Search": ("Buscar", "Rechercher"),
    "Confirm": ("Confirmar", "Confirmer"),
    "Reject": ("Rechazar", "Rejeter"),
    "More like this": ("Parecidos", "Dans le même esprit"),
    "Suggested SDGs": ("ODS sugeridos", "ODD suggérés"),
    "Suggested automatically from this record's text, with the evidence found. Only confirmed goals count in "
    "dashboards.": (
        "Sugeridos automáticamente a partir del texto de esta ficha, con las evidencias encontradas. Solo los "
        "objetivos confirmados cuentan en los tableros.",
        "Suggérés automatiquement à partir du texte de cette fiche, avec les indices trouvés. Seuls les objectifs "
        "confirmés comptent dans les tableaux de bord.",
    ),
    "confirmed": ("confirmado", "confirmé"),
    "rejected": ("rechazado", "rejeté"),
    "score %(score)s": ("puntuación %(score)s", "score %(score)s"),
    "suggestion": ("sugerencia", "suggestion"),
    "matched term": ("término encontrado", "terme trouvé"),
    "matched query": ("consulta que coincide", "requête correspondante"),
    "nearest SDG target": ("meta de ODS más cercana", "cible d'ODD la plus proche"),
    "similar labelled example": ("ejemplo etiquetado parecido", "exemple étiqueté semblable"),
    "telling words": ("palabras reveladoras", "mots révélateurs"),
    "Searched in %(name)s: the place your words “%(words)s” name.": (
        "Búsqueda en %(name)s: el lugar que nombran sus palabras «%(words)s».",
        "Recherche en %(name)s : le lieu que nomment vos mots « %(words)s ».",
    ),
    "Search everywhere instead": ("Buscar en todas partes", "Chercher partout"),
    "Best matches first, by words and by meaning, in any language.": (
        "Primero los mejores resultados, por palabras y por significado, en cualquier idioma.",
        "Les meilleurs résultats d'abord, par les mots et par le sens, dans toutes les langues.",
    ),
    "Best matches first, by words only: semantic search is off on this server.": (
        "Primero los mejores resultados, solo por palabras: la búsqueda semántica está desactivada en este servidor.",
        "Les meilleurs résultats d'abord, par les mots seulement : la recherche sémantique est désactivée sur ce "
        "serveur.",
    ),
    "Schemas of the Murmurations profiles Minga exports": (
        "Esquemas de los perfiles Murmurations que exporta Minga",
        "Schémas des profils Murmurations qu'exporte Minga",
    ),
    "Show as a list": ("Ver como lista", "Voir en liste"),
    "Show on the map": ("Ver en el mapa", "Voir sur la carte"),
    "Sign out": ("Cerrar sesión", "Se déconnecter"),
    "Software": ("Software", "Logiciels"),
    "Starts on": ("Empieza el", "Commence le"),
    "Summary": ("Resumen", "Résumé"),
    "Sustainable Development Goal": (
        "Objetivo de Desarrollo Sostenible",
        "Objectif de développement durable",
    ),
    "Sustainable places and initiatives, mostly in German-speaking countries": (
        "Lugares e iniciativas sostenibles, sobre todo en países de habla alemana",
        "Lieux et initiatives durables, surtout dans les pays germanophones",
    ),
    "Target": ("Meta", "Cible"),
    "Texts, by language": ("Textos, por idioma", "Textes, par langue"),
    "The 17 goals, 169 targets and indicators in many languages": (
        "Los 17 objetivos, las 169 metas y los indicadores en muchos idiomas",
        "Les 17 objectifs, les 169 cibles et les indicateurs en de nombreuses langues",
    ),
    "The end comes before the start.": ("El final es anterior al inicio.", "La fin précède le début."),
    "The map could not load the actors. Try again, or use the list.": (
        "El mapa no pudo cargar los actores. Inténtelo de nuevo o use la lista.",
        "La carte n'a pas pu charger les acteurs. Réessayez, ou utilisez la liste.",
    ),
    "The same figures as a table:": (
        "Las mismas cifras en una tabla:",
        "Les mêmes chiffres dans un tableau :",
    ),
    "Theme": ("Tema", "Thème"),
    "Title": ("Título", "Titre"),
    "Title contains": ("El título contiene", "Le titre contient"),
    "UN Statistics Division": ("División de Estadística de la ONU", "Division de statistique de l'ONU"),
    "United Nations; Open SDG": ("Naciones Unidas; Open SDG", "Nations unies ; Open SDG"),
    "Used for": ("Sirve para", "Sert à"),
    "Version": ("Versión", "Version"),
    "Vocabularies of the social and solidarity economy": (
        "Vocabularios de la economía social y solidaria",
        "Vocabulaires de l'économie sociale et solidaire",
    ),
    "What": ("Qué", "Quoi"),
    "You may not save a record in this territory. Ask an administrator for a steward role there.": (
        "No puede guardar un registro en este territorio. Pida a una persona administradora el rol de responsable "
        "territorial allí.",
        "Vous ne pouvez pas enregistrer de fiche dans ce territoire. Demandez à un administrateur le rôle de référent "
        "territorial pour celui-ci.",
    ),
    "Write in the languages you can; pages in another language show one of these, marked as such.": (
        "Escriba en los idiomas que pueda; las páginas en otro idioma mostrarán uno de estos, indicándolo.",
        "Écrivez dans les langues que vous pouvez ; les pages dans une autre langue en montreront une, en le signalant.",
    ),
    "charts": ("gráficos", "graphiques"),
    "from": ("desde", "du"),
    "to": ("hasta", "au"),
    "interactive maps": ("mapas interactivos", "cartes interactives"),
    "marker clusters": ("agrupación de marcadores", "regroupement des marqueurs"),
    "suggested, not yet confirmed": ("sugerida, aún no confirmada", "suggérée, pas encore confirmée"),
    "updating parts of a page": ("actualizar partes de una página", "mettre à jour des parties d'une page"),
    "web framework": ("marco web", "cadriciel web"),
    "{count} actors on the map": ("{count} actores en el mapa", "{count} acteurs sur la carte"),
}

PAGES_PLURALS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "%(counter)s initiative": (
        ("%(counter)s iniciativa", "%(counter)s de iniciativas", "%(counter)s iniciativas"),
        ("%(counter)s initiative", "%(counter)s initiatives"),
    ),
}
