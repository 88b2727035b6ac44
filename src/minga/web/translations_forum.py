"""Spanish and French for the forum pages (forums, questions, votes, results, moderation, synthesis); merged into
``translations.ES_FR`` and ``translations.PLURALS``."""

from __future__ import annotations

FORUM_ES_FR: dict[str, tuple[str, str]] = {
    "%(a)s of %(n)s agree (%(p)s%%)": (
        "%(a)s de %(n)s de acuerdo (%(p)s %%)",
        "%(a)s sur %(n)s d'accord (%(p)s %%)",
    ),
    "%(a)s of %(n)s disagree (%(p)s%%)": (
        "%(a)s de %(n)s en desacuerdo (%(p)s %%)",
        "%(a)s sur %(n)s pas d'accord (%(p)s %%)",
    ),
    "%(a)s of %(n)s in the group agree": (
        "%(a)s de %(n)s del grupo de acuerdo",
        "%(a)s sur %(n)s du groupe d'accord",
    ),
    "%(a)s of %(n)s in the group disagree": (
        "%(a)s de %(n)s del grupo en desacuerdo",
        "%(a)s sur %(n)s du groupe pas d'accord",
    ),
    "%(a)s%% agree": ("%(a)s %% de acuerdo", "%(a)s %% d'accord"),
    "%(agree)s%% agree, %(disagree)s%% disagree, of %(seen)s who voted": (
        "%(agree)s %% de acuerdo, %(disagree)s %% en desacuerdo, de %(seen)s que votaron",
        "%(agree)s %% d'accord, %(disagree)s %% pas d'accord, sur %(seen)s votants",
    ),
    "%(participants)s participants, %(statements)s statements, %(groups)s opinion groups.": (
        "%(participants)s participantes, %(statements)s afirmaciones, %(groups)s grupos de opinión.",
        "%(participants)s participants, %(statements)s affirmations, %(groups)s groupes d'opinion.",
    ),
    "%(term)s: in %(n)s sessions": ("%(term)s: en %(n)s sesiones", "%(term)s : dans %(n)s sessions"),
    "A newer analysis is ready.": ("Hay un análisis más reciente.", "Une analyse plus récente est prête."),
    "Accept": ("Aceptar", "Accepter"),
    "Accepted": ("Aceptada", "Acceptée"),
    "Add a question to this round": ("Añadir una pregunta a esta ronda", "Ajouter une question à ce tour"),
    "Add a round": ("Añadir una ronda", "Ajouter un tour"),
    "Add a session": ("Añadir una sesión", "Ajouter une session"),
    "Add a statement": ("Añadir una afirmación", "Ajouter une affirmation"),
    "Add the statement": ("Añadir la afirmación", "Ajouter l'affirmation"),
    "After the fact: new statements show until an organiser rejects them": (
        "A posteriori: las nuevas afirmaciones se muestran hasta que un organizador las rechace",
        "A posteriori : les nouvelles affirmations s'affichent jusqu'à ce qu'un organisateur les rejette",
    ),
    "Agree": ("De acuerdo", "D'accord"),
    "Agreed across every group": ("De acuerdo en todos los grupos", "Accord dans tous les groupes"),
    "Already moderated": ("Ya moderadas", "Déjà modérées"),
    "Broad consensus": ("Consenso amplio", "Large consensus"),
    "Computed %(when)s as Pol.is computes it: participants who vote alike are grouped; statements in their own language.": (
        "Calculado el %(when)s como lo calcula Pol.is: se agrupa a quienes votan de forma parecida; las afirmaciones "
        "están en su idioma original.",
        "Calculé le %(when)s comme le calcule Pol.is : les participants qui votent de la même façon sont regroupés ; "
        "les affirmations sont dans leur langue d'origine.",
    ),
    "Conclusions: what most agreed with": (
        "Conclusiones: lo que la mayoría apoyó",
        "Conclusions : ce que la plupart ont approuvé",
    ),
    "Create a forum": ("Crear un foro", "Créer un forum"),
    "Disagree": ("En desacuerdo", "Pas d'accord"),
    "Do you agree with this statement?": (
        "¿Está de acuerdo con esta afirmación?",
        "Êtes-vous d'accord avec cette affirmation ?",
    ),
    "Download as Markdown": ("Descargar en Markdown", "Télécharger en Markdown"),
    "Download as PDF": ("Descargar en PDF", "Télécharger en PDF"),
    "Ends": ("Termina", "Fin"),
    "Every conclusion below is a statement written by a participant, quoted as written, with its votes. Conclusions are the statements most participants agreed with (or rejected); divisions are those the opinion groups answered most differently.": (
        "Cada conclusión es una afirmación escrita por un participante, citada tal cual, con sus votos. Las "
        "conclusiones son las afirmaciones que la mayoría apoyó (o rechazó); las divisiones, las que los grupos de "
        "opinión respondieron de forma más distinta.",
        "Chaque conclusion est une affirmation écrite par un participant, citée telle quelle, avec ses votes. Les "
        "conclusions sont les affirmations que la plupart ont approuvées (ou rejetées) ; les divisions, celles auxquelles "
        "les groupes d'opinion ont répondu le plus différemment.",
    ),
    "Every conclusion is a statement a participant wrote, quoted as written, with its votes: nothing here is invented.": (
        "Cada conclusión es una afirmación que escribió un participante, citada tal cual, con sus votos: aquí no se "
        "inventa nada.",
        "Chaque conclusion est une affirmation écrite par un participant, citée telle quelle, avec ses votes : rien "
        "n'est inventé ici.",
    ),
    "Forums": ("Foros", "Forums"),
    "Forums gather reflections in sessions and rounds of questions: participants vote on each other's statements, and Minga shows the opinion groups, what unites everyone and what divides, then synthesises the conclusions across sessions.": (
        "Los foros reúnen reflexiones en sesiones y rondas de preguntas: los participantes votan las afirmaciones de "
        "los demás, y Minga muestra los grupos de opinión, lo que une a todos y lo que divide, y sintetiza las "
        "conclusiones de todas las sesiones.",
        "Les forums rassemblent des réflexions en sessions et en tours de questions : les participants votent sur les "
        "affirmations des autres, et Minga montre les groupes d'opinion, ce qui rassemble et ce qui divise, puis "
        "synthétise les conclusions de toutes les sessions.",
    ),
    "Group %(letter)s: %(n)s participants": (
        "Grupo %(letter)s: %(n)s participantes",
        "Groupe %(letter)s : %(n)s participants",
    ),
    "Invitation link (send it to participants):": (
        "Enlace de invitación (envíelo a los participantes):",
        "Lien d'invitation (à envoyer aux participants) :",
    ),
    "Kind of session": ("Tipo de sesión", "Type de session"),
    "Language of the forum": ("Idioma del foro", "Langue du forum"),
    "Link only: whoever has the invitation link": (
        "Solo con enlace: quien tenga el enlace de invitación",
        "Sur lien : qui a le lien d'invitation",
    ),
    "Local": ("Local", "Locale"),
    "Map of participants: each circle is a cluster of participants who voted alike (larger: more people), coloured by opinion group. Closer circles voted more alike. The groups are described below.": (
        "Mapa de participantes: cada círculo es un conjunto de participantes que votaron de forma parecida (más grande: "
        "más personas), coloreado por grupo de opinión. Los círculos más cercanos votaron de forma más parecida. Los "
        "grupos se describen a continuación.",
        "Carte des participants : chaque cercle est un ensemble de participants qui ont voté de la même façon (plus "
        "grand : plus de personnes), coloré selon le groupe d'opinion. Les cercles proches ont voté de façon plus "
        "semblable. Les groupes sont décrits ci-dessous.",
    ),
    "Mark meta": ("Marcar como meta", "Marquer méta"),
    "Moderation": ("Moderación", "Modération"),
    "Moderation after the fact: new statements show at once, until rejected.": (
        "Moderación a posteriori: las nuevas afirmaciones se muestran enseguida, hasta que se rechacen.",
        "Modération a posteriori : les nouvelles affirmations s'affichent aussitôt, jusqu'à leur rejet.",
    ),
    "Moderation queue": ("Cola de moderación", "File de modération"),
    "Most agree": ("La mayoría está de acuerdo", "La plupart sont d'accord"),
    "Most disagree": ("La mayoría está en desacuerdo", "La plupart ne sont pas d'accord"),
    "New forum": ("Nuevo foro", "Nouveau forum"),
    "New question in %(round)s": ("Nueva pregunta en %(round)s", "Nouvelle question dans %(round)s"),
    "New round of %(session)s": ("Nueva ronda de %(session)s", "Nouveau tour de %(session)s"),
    "New session of %(forum)s": ("Nueva sesión de %(forum)s", "Nouvelle session de %(forum)s"),
    "New votes are being counted: this page shows the last analysis.": (
        "Se están contando votos nuevos: esta página muestra el último análisis.",
        "De nouveaux votes sont en cours de décompte : cette page montre la dernière analyse.",
    ),
    "No analysis yet: it appears once participants have voted.": (
        "Aún no hay análisis: aparece cuando los participantes han votado.",
        "Pas encore d'analyse : elle apparaît une fois que les participants ont voté.",
    ),
    "No forum yet.": ("Aún no hay foros.", "Aucun forum pour l'instant."),
    "No question yet.": ("Aún no hay preguntas.", "Aucune question pour l'instant."),
    "No round yet.": ("Aún no hay rondas.", "Aucun tour pour l'instant."),
    "No session yet.": ("Aún no hay sesiones.", "Aucune session pour l'instant."),
    "No statement stands out for this group yet.": (
        "Aún no destaca ninguna afirmación para este grupo.",
        "Aucune affirmation ne distingue encore ce groupe.",
    ),
    "None yet.": ("Ninguna por ahora.", "Aucune pour l'instant."),
    "Not meta": ("No es meta", "Pas méta"),
    "Nothing waits.": ("Nada en espera.", "Rien en attente."),
    "One idea others can agree or disagree with, in a sentence or two. Statements are anonymous.": (
        "Una idea con la que otros puedan estar de acuerdo o no, en una o dos frases. Las afirmaciones son anónimas.",
        "Une idée avec laquelle d'autres peuvent être d'accord ou non, en une ou deux phrases. Les affirmations sont "
        "anonymes.",
    ),
    "Open divisions": ("Divisiones abiertas", "Divisions ouvertes"),
    "Open: anyone may take part": (
        "Abierto: cualquiera puede participar",
        "Ouvert : tout le monde peut participer",
    ),
    "Opinion groups": ("Grupos de opinión", "Groupes d'opinion"),
    "Participants may add statements": (
        "Los participantes pueden añadir afirmaciones",
        "Les participants peuvent ajouter des affirmations",
    ),
    "Pass / unsure": ("Paso / no sé", "Je passe / je ne sais pas"),
    "Plenary": ("Plenaria", "Plénière"),
    "Practices and organisations named": (
        "Prácticas y organizaciones mencionadas",
        "Pratiques et organisations citées",
    ),
    "Question": ("Pregunta", "Question"),
    "Recurring across sessions": ("Recurrente en varias sesiones", "Récurrent d'une session à l'autre"),
    "Round": ("Ronda", "Tour"),
    "SDG %(g)s": ("ODS %(g)s", "ODD %(g)s"),
    "See the results: opinion groups, consensus and divisions": (
        "Ver los resultados: grupos de opinión, consenso y divisiones",
        "Voir les résultats : groupes d'opinion, consensus et divisions",
    ),
    "Show it": ("Mostrarlo", "L'afficher"),
    "Sign in, or open the invitation link the organisers sent you.": (
        "Inicie sesión, o abra el enlace de invitación que le enviaron los organizadores.",
        "Connectez-vous, ou ouvrez le lien d'invitation que les organisateurs vous ont envoyé.",
    ),
    "Signed-in participants only": (
        "Solo participantes con sesión iniciada",
        "Participants connectés uniquement",
    ),
    "Starts": ("Empieza", "Début"),
    "Statement %(id)s: saved.": ("Afirmación %(id)s: guardada.", "Affirmation %(id)s : enregistrée."),
    "Statements grouped by what they are about, named by their most characteristic words.": (
        "Afirmaciones agrupadas por su tema, nombradas por sus palabras más características.",
        "Affirmations regroupées par sujet, nommées par leurs mots les plus caractéristiques.",
    ),
    "Strict moderation: new statements show to participants once accepted.": (
        "Moderación estricta: las nuevas afirmaciones se muestran a los participantes una vez aceptadas.",
        "Modération stricte : les nouvelles affirmations s'affichent aux participants une fois acceptées.",
    ),
    "Strict: new statements wait for an organiser": (
        "Estricta: las nuevas afirmaciones esperan a un organizador",
        "Stricte : les nouvelles affirmations attendent un organisateur",
    ),
    "Sustainable Development Goals addressed": (
        "Objetivos de Desarrollo Sostenible tratados",
        "Objectifs de développement durable abordés",
    ),
    "Synthesis": ("Síntesis", "Synthèse"),
    "Synthesis across sessions": ("Síntesis de todas las sesiones", "Synthèse de toutes les sessions"),
    "Synthesis: %(forum)s": ("Síntesis: %(forum)s", "Synthèse : %(forum)s"),
    "Thank you: your statement was added.": (
        "Gracias: se añadió su afirmación.",
        "Merci : votre affirmation a été ajoutée.",
    ),
    "Thank you: your statement will show once an organiser accepts it.": (
        "Gracias: su afirmación aparecerá cuando un organizador la acepte.",
        "Merci : votre affirmation apparaîtra dès qu'un organisateur l'aura acceptée.",
    ),
    "Thematic": ("Temática", "Thématique"),
    "This question is closed: votes and statements are no longer taken.": (
        "Esta pregunta está cerrada: ya no se aceptan votos ni afirmaciones.",
        "Cette question est close : votes et affirmations ne sont plus acceptés.",
    ),
    "Topics": ("Temas", "Thèmes"),
    "Vote": ("Votar", "Voter"),
    "Vote recorded.": ("Voto registrado.", "Vote enregistré."),
    "Waiting for moderation": ("En espera de moderación", "En attente de modération"),
    "What divides the groups": ("Lo que divide a los grupos", "Ce qui divise les groupes"),
    "What most rejected": ("Lo que la mayoría rechazó", "Ce que la plupart ont rejeté"),
    "What participants should reflect on": (
        "Sobre qué deben reflexionar los participantes",
        "Ce sur quoi les participants doivent réfléchir",
    ),
    "What sets this group apart:": ("Lo que distingue a este grupo:", "Ce qui distingue ce groupe :"),
    "Who may take part": ("Quién puede participar", "Qui peut participer"),
    "You have voted on %(done)s of %(total)s statements.": (
        "Ha votado %(done)s de %(total)s afirmaciones.",
        "Vous avez voté sur %(done)s affirmations sur %(total)s.",
    ),
    "You have voted on every statement. Add your own below, or come back later for new ones.": (
        "Ha votado todas las afirmaciones. Añada la suya abajo, o vuelva más tarde para ver otras nuevas.",
        "Vous avez voté sur toutes les affirmations. Ajoutez la vôtre ci-dessous, ou revenez plus tard pour de nouvelles.",
    ),
    "Your statement": ("Su afirmación", "Votre affirmation"),
    "about the conversation, not a position": (
        "sobre la conversación, no una postura",
        "sur la conversation, pas une position",
    ),
    "access": ("acceso", "accès"),
    "ends": ("termina", "fin"),
    "everyone: %(a)s%% agree, %(d)s%% disagree": (
        "todos: %(a)s %% de acuerdo, %(d)s %% en desacuerdo",
        "tous : %(a)s %% d'accord, %(d)s %% pas d'accord",
    ),
    "forum": ("foro", "forum"),
    "forums": ("foros", "forums"),
    "group %(group)s: %(agree)s%% agree, %(disagree)s%% disagree (%(seen)s voted)": (
        "grupo %(group)s: %(agree)s %% de acuerdo, %(disagree)s %% en desacuerdo (%(seen)s votaron)",
        "groupe %(group)s : %(agree)s %% d'accord, %(disagree)s %% pas d'accord (%(seen)s votants)",
    ),
    "group %(letter)s: %(a)s of %(n)s agree (%(p)s%%)": (
        "grupo %(letter)s: %(a)s de %(n)s de acuerdo (%(p)s %%)",
        "groupe %(letter)s : %(a)s sur %(n)s d'accord (%(p)s %%)",
    ),
    "language": ("idioma", "langue"),
    "languages": ("idiomas", "langues"),
    "meta": ("meta", "méta"),
    "moderation": ("moderación", "modération"),
    "opinion groups": ("grupos de opinión", "groupes d'opinion"),
    "participants": ("participantes", "participants"),
    "participants may add statements": (
        "los participantes pueden añadir afirmaciones",
        "les participants peuvent ajouter des affirmations",
    ),
    "prompt": ("consigna", "consigne"),
    "question": ("pregunta", "question"),
    "questions": ("preguntas", "questions"),
    "results": ("resultados", "résultats"),
    "round": ("ronda", "tour"),
    "rounds": ("rondas", "tours"),
    "session": ("sesión", "session"),
    "sessions": ("sesiones", "sessions"),
    "starts": ("empieza", "début"),
    "statement": ("afirmación", "affirmation"),
    "statements voted on": ("afirmaciones votadas", "affirmations votées"),
    "status": ("estado", "statut"),
    "the forum's own language": ("el idioma propio del foro", "la langue propre au forum"),
    "the secret of link-only forums": ("el secreto de los foros con enlace", "le secret des forums sur lien"),
}

FORUM_PLURALS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "%(n)s statement waiting": (
        ("%(n)s afirmación en espera", "%(n)s de afirmaciones en espera", "%(n)s afirmaciones en espera"),
        ("%(n)s affirmation en attente", "%(n)s affirmations en attente"),
    ),
    "SDG %(goal)s: %(n)s statement": (
        (
            "ODS %(goal)s: %(n)s afirmación",
            "ODS %(goal)s: %(n)s de afirmaciones",
            "ODS %(goal)s: %(n)s afirmaciones",
        ),
        ("ODD %(goal)s : %(n)s affirmation", "ODD %(goal)s : %(n)s affirmations"),
    ),
}
