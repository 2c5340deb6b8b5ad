# Portail OPO, français. Chaque fichier de langue a les mêmes identifiants de message (un test le vérifie).
# Variables : $community est le nom de la communauté (OpenHIE), $count un nombre.

## Le cadre de chaque page
site-name = Organisations partenaires { $community }
skip-to-content = Aller au contenu
nav-main = Menu principal
nav-partners = Partenaires
nav-map = Carte
nav-news = Actualités
nav-statistics = Statistiques
nav-become = Devenir partenaire
nav-my-home = Mon espace
nav-your-account = Votre compte
nav-sign-in = Se connecter
nav-sign-out = Se déconnecter
footer-questions = Des questions ? Écrivez au secrétariat :
footer-directory = Annuaire des partenaires
footer-open-data = Données ouvertes
language-label = Langue
language-button = Changer

## Décomptes
count-partners = { $count ->
    [one] { $count } organisation partenaire
   *[other] { $count } organisations partenaires
}
count-countries = { $count ->
    [one] { $count } pays
   *[other] { $count } pays
}
count-years = { $count ->
    [one] { $count } an
   *[other] { $count } ans
}

## Page d’accueil
landing-title = Organisations partenaires { $community }
landing-description = Les organisations qui aident la communauté { $community } à renforcer les systèmes d’information sanitaire : qui elles sont, ce qu’elles font et comment devenir partenaire.
landing-eyebrow = Programme des organisations partenaires { $community }
landing-heading = Des organisations unies pour de meilleurs systèmes d’information sanitaire
landing-lead = Les organisations partenaires consacrent leur temps à la communauté { $community } : elles élaborent des normes, accompagnent les mises en œuvre, développent des logiciels et renforcent les capacités, en solidarité avec les pays qu’elles servent. En retour, la communauté les met en relation avec des collaborateurs, leur donne accès à des connaissances et leur offre une plateforme pour faire connaître leur travail.
landing-explore = Découvrir les partenaires
landing-stats = Le programme en chiffres
landing-stat-partners = Partenaires
landing-stat-countries = Pays d’intervention
landing-our-partners = Nos partenaires
landing-see-all = Voir les { $count } organisations partenaires →
landing-no-partners = Aucun partenaire n’est encore répertorié.
landing-news = Dernières actualités et récits
landing-no-news = Aucune actualité pour le moment.
landing-webinars = Prochains webinaires
landing-no-webinars = Aucun webinaire n’est prévu pour le moment.
landing-why = Pourquoi devenir partenaire de { $community } ?
landing-why-collaborators = Trouver des collaborateurs
landing-why-collaborators-text = Rencontrez des organisations et des équipes nationales qui partagent vos objectifs, et associez-vous à elles pour des mises en œuvre.
landing-why-direction = Contribuer aux orientations
landing-why-direction-text = Participez à l’évolution du plan stratégique de la communauté et aidez à résoudre les questions liées à l’architecture.
landing-why-showcase = Valoriser votre travail
landing-why-showcase-text = Figurez dans l’annuaire avec un profil de vos compétences, et présentez votre travail dans des billets de blog, des récits d’impact et des webinaires.
landing-why-learn = Apprendre et soutenir
landing-why-learn-text = Découvrez les nouvelles initiatives des pays et soutenez-les par l’intermédiaire de la communauté.
landing-how = Comment devenir partenaire
landing-step-interest = Manifester votre intérêt
landing-step-interest-text = Présentez au secrétariat votre organisation et le rôle que vous souhaitez jouer.
landing-step-call = Entretien de présentation
landing-step-call-text = Le secrétariat ou un membre du Comité opérationnel organise un appel pour discuter du rôle que vous souhaitez jouer.
landing-step-apply = Déposer une candidature
landing-step-apply-text = Envoyez une déclaration de soutien, votre logo et une adresse e-mail de contact, puis signez l’accord de partenariat.
landing-step-review = Examen par le Comité
landing-step-review-text = Le Comité opérationnel examine votre candidature et peut demander des informations complémentaires.
landing-step-page = Votre page partenaire
landing-step-page-text = Le secrétariat rédige votre page partenaire et vous la soumet pour relecture.
landing-step-welcome = Bienvenue !
landing-step-welcome-text = Votre partenariat est annoncé à la communauté. Le secrétariat fait le point avec vous une fois par an, et l’accord est renouvelé tous les trois ans.
landing-express-interest = Manifester votre intérêt

## Annuaire des partenaires
directory-title = Annuaire des partenaires
directory-title-page = Annuaire des partenaires, page { $page }
directory-title-search = Recherche de partenaires
directory-description = Les organisations partenaires de la communauté { $community }, et ce que fait chacune d’elles.
directory-heading = Annuaire des partenaires
directory-page-of = page { $page } sur { $pages }
directory-search-form = Rechercher et filtrer les partenaires
directory-search = Rechercher
directory-search-placeholder = Nom, compétence, pays, thème…
directory-facet-capability = Compétence
directory-facet-component = Composant de l’architecture
directory-facet-region = Région
directory-facet-country = Pays d’intervention
directory-facet-type = Type d’organisation
directory-facet-joined = Année d’adhésion
directory-order = Trier par
directory-order-name = Nom
directory-order-best = Pertinence
directory-order-newest = Partenaires les plus récents
directory-apply = Appliquer
directory-clear = Tout effacer
directory-view = Affichage
directory-grid = Grille
directory-list = Liste
directory-no-match = Aucun partenaire ne correspond. Essayez avec moins de filtres ou d’autres mots.
directory-empty = Aucun partenaire n’est encore répertorié.
directory-capabilities = Compétences
pages = Pages
page-previous = ← Précédente
page-next = Suivante →
page-newer = ← Plus récentes
page-older = Plus anciennes →

## Profil d’un partenaire
profile-breadcrumb = Fil d’Ariane
profile-logo = Logo de { $name }
profile-since = Partenaire depuis
profile-visit = Visiter { $host }
profile-about = À propos
profile-capabilities = Compétences
profile-activities = Activités de mise en œuvre dans les pays
profile-news = Actualités et récits
profile-subscribe = S’abonner aux actualités de { $name } (Atom)
profile-components = Composants de l’architecture
profile-works-in = Intervient dans { $countries }
profile-elsewhere = Ailleurs sur le Web
profile-partnership = Partenariat
profile-agreement-in-force = Accord de partenariat en vigueur jusqu’au { $date }.
profile-agreement-expired = L’accord de partenariat a expiré le { $date }.

## Actualités
news-title = Actualités et récits
news-description = Annonces, billets de blog, récits d’impact, articles de réflexion et webinaires des partenaires.
news-subscribe = S’abonner (Atom)
news-calendar = Calendrier des webinaires
news-kinds = Types de publication
news-all = Tout
news-nothing = Rien pour le moment.
news-join = Rejoindre le webinaire
news-add-to-calendar = Ajouter à votre agenda
news-partners = Partenaires cités dans ce récit

## Carte
map-title = Où interviennent les partenaires
map-description = Une carte du monde des pays où interviennent les organisations partenaires.
map-lead = Chaque pays est coloré selon le nombre d’organisations partenaires qui y interviennent. Choisissez un pays pour voir ses partenaires.
map-label = Carte du monde des pays où interviennent les partenaires
map-legend = Légende
map-none = aucun
map-many = 7 ou plus
map-countries = Pays
map-no-countries = Aucun partenaire n’indique encore de pays d’intervention.
map-country-partners = { $country } : { $count ->
    [one] { $count } partenaire
   *[other] { $count } partenaires
}

## Statistiques
stats-title = Statistiques
stats-description = Combien de partenaires compte le programme, où ils interviennent et ce qu’ils font.
stats-heading = Le programme en chiffres
stats-lead = Décompte des partenaires répertoriés aujourd’hui. Les chiffres de chaque graphique figurent dans le tableau situé en dessous.
stats-growth = Partenaires au fil du temps (partenaires répertoriés à la fin de chaque année)
stats-regions = Partenaires intervenant dans chaque région
stats-capabilities = Partenaires par compétence
stats-types = Partenaires par type d’organisation
stats-numbers = Les chiffres
stats-what = Catégorie

## Données ouvertes
open-data-title = Données ouvertes
open-data-description = L’annuaire des partenaires en données ouvertes : CSV et JSON, avec leur schéma et leur licence.
open-data-lead = Les champs publics de chaque partenaire, librement réutilisables sous licence { $license } : citez la communauté comme source.
open-data-fhir = Ressources FHIR Organization
open-data-fields = Champs
open-data-fields-note = Le CSV comporte une ligne par organisation et ces colonnes, dans cet ordre ; dans le JSON, les listes sont des tableaux.
open-data-field = Champ
open-data-meaning = Contenu

## Connexion
sign-in-title = Connexion
sign-in-description = Connectez-vous au portail des partenaires.
sign-in-lead = Les partenaires, les membres du comité et le secrétariat se connectent ici. Nous vous envoyons par e-mail un lien qui vous connecte ; aucun mot de passe n’est nécessaire.
sign-in-email = Adresse e-mail
sign-in-send-link = Recevoir un lien de connexion par e-mail
sign-in-password-instead = Se connecter plutôt avec un mot de passe
sign-in-password = Mot de passe
sign-in-button = Se connecter
sign-in-password-note = Après connexion, vous pourrez définir un mot de passe sur la page de votre compte.
sign-in-signed-out = Vous avez été déconnecté de votre compte.
sign-in-check-mail = Consultez votre messagerie
sign-in-check-mail-lead = Si { $email } correspond à un compte, un lien de connexion est en route. Il ne fonctionne qu’une seule fois, pendant { $minutes } minutes.
sign-in-nothing-arrived = Rien reçu ? Vérifiez votre dossier de courrier indésirable, ou demandez un autre lien.
sign-in-ask-again = demandez un autre lien
sign-in-press = Appuyez sur le bouton pour terminer la connexion.

## Erreurs
error-label = Erreur { $status }
error-home = Aller à la page d’accueil
error-browse = Parcourir les partenaires

## Vocabulaires connus du code
org-type-ngo = Organisation à but non lucratif
org-type-company = Entreprise
org-type-academic = Établissement universitaire ou de recherche
org-type-government = Organisme public
org-type-multilateral = Organisation multilatérale
org-type-foundation = Fondation
org-type-open-source-community = Communauté open source
status-prospect = Candidature en cours
status-active = Partenaire actif
status-renewal-due = Partenaire actif, renouvellement à prévoir
status-in-grace = Accord expiré, en période de grâce
status-lapsed = Partenariat caduc
status-withdrawn = Retiré
status-ended = Partenariat terminé
region-africa = Afrique
region-americas = Amériques
region-asia = Asie
region-europe = Europe
region-oceania = Océanie
region-antarctica = Antarctique
post-kind-announcement = Annonce
post-kind-blog = Billet de blog
post-kind-impact-story = Récit d’impact
post-kind-thought-piece = Article de réflexion
post-kind-webinar = Webinaire
capability-standards-development = Élaboration de normes
capability-implementation-support = Appui à la mise en œuvre
capability-software-application-support = Support des applications logicielles
capability-capacity-strengthening = Renforcement des capacités
capability-research = Recherche
capability-funding = Financement
component-interoperability-layer = Couche d’interopérabilité
component-client-registry = Registre des clients
component-facility-registry = Registre des établissements
component-health-worker-registry = Registre des personnels de santé
component-terminology-service = Service de terminologie
component-shared-health-record = Dossier de santé partagé
component-product-catalogue = Catalogue de produits
component-hmis = Système d’information pour la gestion sanitaire
component-lmis = Système d’information pour la gestion logistique
component-finance-insurance = Service de financement et d’assurance
component-point-of-service = Applications de point de service
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
date-month-year = { $month } { $year }

## Pages de l’espace connecté
account-title = Votre compte
account-name = Nom
account-email = E-mail
account-role = Rôle
account-organization = Organisation
account-last-sign-in = Dernière connexion
account-password-note = Facultatif : vous pouvez toujours vous connecter avec un lien envoyé à votre adresse e-mail. Utilisez au moins 10 caractères ; les mots de passe courants sont refusés.
account-new-password = Nouveau mot de passe
account-confirm-password = Saisissez à nouveau le mot de passe
account-save-password = Enregistrer le mot de passe
portal-eyebrow = Portail des partenaires
portal-record = Fiche de votre organisation
portal-no-organization = Votre compte n’est pas encore rattaché à une organisation. Veuillez écrire au secrétariat.
portal-record-eyebrow = Fiche de l’organisation
portal-public-profile = Profil public
portal-application = Candidature
portal-agreement = Accord de partenariat
portal-none-shared = Aucune activité partagée pour le moment.
portal-remove = Supprimer
portal-country = Pays
portal-activity-title = Ce que vous y faites
portal-activity-description = Plus de détails (Markdown, facultatif)
portal-activity-link = Un lien (facultatif)
portal-share-activity = Partager l’activité
portal-consent-note = Les billets de blog, récits d’impact, articles de réflexion et webinaires qui présentent l’organisation ne sont publiés que tant que son consentement est en vigueur.
portal-no-consent = Aucun consentement enregistré.
portal-withdraw = Retirer
portal-give-consent = Donner votre consentement pour
portal-record-consent = Enregistrer le consentement
portal-contacts = Contacts
portal-no-contacts = Aucun contact n’est enregistré.
portal-mail-poc = Point de contact pour le courrier
staff-emails-waiting = E-mails en attente
staff-emails-failed = E-mails en échec
staff-applications = Candidatures par étape
staff-no-applications = Aucune candidature pour le moment.
staff-recent = Activité récente
staff-audit-link = Tout le journal d’audit →
staff-posts-link = Publications →
admin-title = Administration
admin-audit-text = Qui a fait quoi, quand et depuis où, avec les valeurs avant et après.
admin-overview-text = Les partenaires et les candidatures en un coup d’œil.
form-please-fix = Veuillez corriger :
admin-invite = Inviter une personne
admin-organization-slug = Organisation (pour les contacts d’un partenaire : son identifiant, ou slug)
admin-send-invitation = Envoyer l’invitation
admin-everyone = Tous les comptes
admin-deactivated = désactivé
admin-change-role = Modifier le rôle
admin-deactivate = Désactiver
admin-reactivate = Réactiver
admin-you = vous
admin-filter-who = Qui (partie du nom ou de l’adresse)
admin-filter-action = Action (début, par exemple account.)
admin-filter-subject = Type d’objet (user, organization, …)
admin-filter-from = À partir du (date)
admin-filter-until = Jusqu’au (date)
admin-filter = Filtrer
admin-clear = Effacer
admin-no-entries = Aucune entrée ne correspond.
admin-outbox-note = Tous les e-mails envoyés par le service, du plus récent au plus ancien. Les envois sont retentés à intervalles croissants ; un message en échec définitif peut être remis en file d’attente.
admin-no-email = Aucun e-mail pour le moment.
admin-forum-topics = Sujets du forum
admin-forum-note = Les sujets publiés sur le forum de la communauté, du plus récent au plus ancien. Un forum indisponible est réessayé à intervalles croissants ; un sujet que le forum refuse (une clé d’API erronée, par exemple) ne l’est pas, et sa réponse est affichée.
admin-topic = Ouvrir le sujet
admin-retry = Réessayer
posts-write = Rédiger une publication
posts-none = Aucune publication pour le moment.
posts-kind-of-post = Type de publication
posts-summary = Résumé (une ou deux phrases)
posts-text = Texte (Markdown)
posts-for-webinar = Pour un webinaire
posts-day = Jour
posts-starts = Heure de début (UTC)
posts-join-link = Lien pour participer
posts-consent = Nous consentons à figurer dans ce type de publication.
posts-partner = Partenaire concerné (identifiant ou slug, facultatif)
posts-publish = Publier
posts-unpublish = Remettre en brouillon
account-change-password = Modifier votre mot de passe
account-set-password = Définir un mot de passe
account-tokens-title = Jetons d’API
account-tokens-note = Un jeton permet à un autre système d’agir en votre nom par l’API REST (voir /api/v1/openapi.json). Il n’est affiché qu’une fois, à sa création ; révoquez-le quand il ne sert plus.
account-tokens-none = Vous n’avez aucun jeton d’API.
account-token-name = Nom du jeton
account-token-created-at = Créé le
account-token-last-used = Dernière utilisation
account-token-create = Créer un jeton
account-token-revoke = Révoquer
account-token-created = Voici votre nouveau jeton. Copiez-le maintenant : il ne sera plus affiché.
account-token-revoked = Le jeton est révoqué.
portal-welcome = Bienvenue, { $name }
portal-contact-of = Vous êtes l’un des contacts de { $organization }.
portal-posts-about = Publications concernant { $name }
portal-consent = Consentement à figurer dans les publications
portal-consent-given = accordé le
portal-consent-withdrawn = retiré le
staff-stage = Étape
staff-applications-count = Candidatures
admin-when = Quand
admin-who = Qui
admin-from = Provenance
admin-action = Action
admin-subject = Objet
admin-before = Avant
admin-after = Après
admin-accounts = Comptes
admin-audit = Journal d’audit
admin-outbox = Boîte d’envoi
admin-overview = Vue d’ensemble du programme
admin-change = Modifier
admin-queued = Mis en file d’attente
admin-to = Destinataire
admin-subject-line = Objet
admin-status = Statut
admin-attempts = Tentatives
admin-detail = Détail
posts-title = Titre
posts-kind = Type
posts-changed = Dernière modification
posts-send = Envoyer au secrétariat
posts-save = Enregistrer
admin-accounts-text = { $count ->
    [one] { $count } compte. Invitez des personnes, modifiez les rôles, désactivez des comptes.
   *[other] { $count } comptes. Invitez des personnes, modifiez les rôles, désactivez des comptes.
}
admin-outbox-text = { $waiting } e-mails en attente, { $failed } en échec.
staff-committee = Comité
staff-committee-intro = Les candidatures par étape, pour le Comité opérationnel.
staff-secretariat = Secrétariat
staff-secretariat-intro = Le programme en un coup d’œil : partenaires, candidatures, e-mails et activité récente.
stage-interest = Intérêt manifesté
stage-intro_call = Entretien de présentation
stage-invited = Invitation à déposer une candidature
stage-submitted = Candidature déposée
stage-under_review = Examen par le Comité
stage-info_requested = Informations complémentaires demandées
stage-approved = Candidature approuvée
stage-page_review = Relecture de la page partenaire
stage-announced = Partenariat annoncé
stage-declined = Candidature refusée
stage-withdrawn = Candidature retirée
error-not-found = Page introuvable
error-bad-request = Impossible de répondre à cette demande
error-sign-in = Veuillez vous connecter
error-unauthenticated = La connexion n’a pas abouti
error-forbidden = Accès non autorisé
error-too-many = Trop de tentatives
error-conflict = Cela entre en conflit avec ce qui existe déjà
error-unavailable = De retour dans un instant
error-internal = Un problème est survenu de notre côté
