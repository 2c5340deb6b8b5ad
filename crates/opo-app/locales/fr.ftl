# Les textes des e-mails, en français. Chaque message existe aussi dans en.ftl, es.ftl et pt.ftl.

## Communs à tous les messages

mail-hello = Bonjour { $name },
mail-program = Organisations partenaires { $community }
mail-questions = Des questions ? Écrivez à
mail-or-open = Ou ouvrez cette adresse :
mail-copy-address = Ou copiez cette adresse dans votre navigateur :

## Lien de connexion et invitation

signin-subject = Votre lien de connexion aux Organisations partenaires { $community }
signin-asked = Quelqu’un (vous, nous l’espérons) a demandé à se connecter aux Organisations partenaires { $community } avec cette adresse.
signin-open = Ouvrez ce lien pour vous connecter. Il ne sert qu’une fois, dans les { $minutes } prochaines minutes :
signin-button = Se connecter
signin-ignore = Si vous ne l’avez pas demandé, ignorez ce message : rien ne se passe sans le lien.
invitation-subject = Vous êtes invité aux Organisations partenaires { $community }
invitation-invited = { $inviter } vous a invité aux Organisations partenaires { $community } en tant que { $role }.
invitation-open = Ouvrez ce lien pour vous connecter la première fois. Il ne sert qu’une fois, dans les { $days } prochains jours :
invitation-button = Accepter l’invitation
invitation-later = Vous pourrez ensuite demander un nouveau lien de connexion à tout moment sur
contact-invited-subject = Vous êtes contact de { $organization }
contact-invited = { $inviter } a fait de vous un contact de { $organization } aux Organisations partenaires { $community } ({ $roles }). Vous pouvez suivre le partenariat, ses bilans annuels et son accord dans le portail.
contact-role-primary = contact principal
contact-role-mail-poc = point de contact pour le courrier
contact-role-signer = signataire de l’accord
contact-role-communications = communication
contact-role-none = sans rôle particulier pour l’instant

## Le parcours de partenariat

wf-open-your-application = Ouvrir votre candidature
wf-open-the-application = Ouvrir la candidature
wf-open-your-account = Ouvrir votre compte
wf-see-certificate = Voir le certificat
wf-see-partner-page = Voir votre page de partenaire
wf-read-announcement = Lire l’annonce
wf-community-name = Communauté { $community }
wf-interest-subject = Merci de votre intérêt pour le programme de partenariat { $community }
wf-interest-thanks = Merci de nous avoir fait savoir que { $organization } souhaite devenir organisation partenaire de { $community }.
wf-interest-next = Le secrétariat vous contactera bientôt pour organiser un court appel de présentation sur le rôle que vous souhaitez jouer. Vous pouvez suivre chaque étape de votre candidature dans le portail.
wf-interest-link = Le bouton ci-dessous vous connecte à votre nouveau compte ; il ne sert qu’une fois, dans un délai de { $days } jours.
wf-interest-staff-subject = Nouvelle manifestation d’intérêt : { $organization }
wf-interest-staff = { $contact } ({ $email }) a manifesté l’intérêt de { $organization }. Organisez un appel de présentation depuis le tableau.
wf-interest-known-address = Cette adresse a déjà un compte : connectez-vous avec elle pour suivre la candidature (demandez un lien de connexion sur la page de connexion).
wf-interest-staff-address = Cette adresse appartient à un compte de l’équipe du programme ; le secrétariat vous contactera au sujet du contact propre à l’organisation.
wf-interest-resembles = Le programme connaît peut-être déjà votre organisation ; le secrétariat va vérifier et vous dira comment votre candidature se poursuit.
wf-interest-staff-known-address = L’adresse { $email } avait déjà un compte ; l’expéditeur a été invité à se connecter avec elle.
wf-interest-staff-resembles = { $organization } est peut-être la même organisation que { $existing }. Fusionnez-les depuis la page de la candidature si c’est le cas ; l’expéditeur ne devient contact qu’à ce moment.
wf-call-subject = Appel de présentation le { $when }
wf-call-moved-subject = Appel de présentation déplacé au { $when }
wf-call-set = Nous avons fixé l’appel de présentation sur le partenariat de { $organization } au { $when } (UTC).
wf-call-moved = Nous avons déplacé l’appel de présentation sur le partenariat de { $organization } au { $when } (UTC).
wf-call-attached = L’invitation de calendrier est jointe ; les détails de l’appel sont aussi dans le portail.
wf-invited-subject = Votre invitation à candidater comme organisation partenaire de { $community }
wf-invited-thanks = Merci pour l’appel de présentation. Nous avons le plaisir de vous inviter à candidater.
wf-invited-steps = Dans le portail, remplissez la candidature (une déclaration de soutien, une description de votre organisation, votre contact pour le courrier, vos rôles et vos pays d’intervention), téléversez votre logo et signez l’accord de partenariat. Votre brouillon est enregistré à chaque fois : vous pouvez y revenir quand vous voulez.
wf-draft-reminder-subject = Votre candidature pour { $organization } vous attend
wf-draft-reminder = Votre brouillon de candidature n’a pas changé depuis un moment. Il est enregistré : reprenez là où vous vous étiez arrêté quand vous serez prêt.
wf-signed-subject = Accord de partenariat signé pour { $organization }
wf-signed = { $signer } a signé l’accord de partenariat pour { $organization }.
wf-signed-certificate = Le certificat de signature, avec l’empreinte du texte exact signé, porte le code { $code } ; chacun peut le vérifier sur la page de vérification.
wf-submitted-subject = Nous avons reçu la candidature de { $organization }
wf-submitted = Merci ! Le secrétariat la vérifie et la transmet au Comité opérationnel.
wf-submitted-staff-subject = Candidature envoyée : { $organization }
wf-submitted-staff = La candidature est complète, avec son logo et l’accord signé. Transmettez-la au comité.
wf-review-subject = Merci d’examiner la candidature de { $organization }
wf-review = La candidature de { $organization } est prête pour le Comité opérationnel. Lisez-la et votez, ou déclarez un conflit d’intérêts.
wf-info-subject = Une question sur la candidature de { $organization }
wf-info-intro = Le Comité opérationnel aimerait en savoir plus avant de décider :
wf-info-answer-by = Merci de répondre dans le portail avant le { $deadline } ; l’examen reprend dès votre réponse.
wf-info-reminder-subject = Rappel : la question du comité attend la réponse de { $organization }
wf-info-reminder-intro = La question du Comité opérationnel attend toujours votre réponse :
wf-info-reminder-deadline = Sans réponse avant le { $deadline }, le comité décidera sans elle.
wf-info-answered-subject = { $organization } a répondu à la question du comité
wf-info-answered = La candidature est de nouveau en examen.
wf-info-expired-subject = Pas de réponse de { $organization } : retour en examen
wf-info-expired = La question du comité n’a pas reçu de réponse dans le délai ; la candidature est de nouveau en examen.
wf-approved-subject = Bienvenue : { $organization } est approuvée comme partenaire de { $community }
wf-approved = Le Comité opérationnel a approuvé votre candidature. Félicitations !
wf-approved-next = Le secrétariat va maintenant rédiger votre page de partenaire ; vous la relirez avant son annonce.
wf-declined-subject = La candidature de { $organization }
wf-declined = Le Comité opérationnel a décidé de ne pas approuver la candidature pour le moment.
wf-declined-again = Vous pourrez candidater de nouveau plus tard ; le secrétariat en parlera volontiers avec vous.
wf-page-ready-subject = Merci de relire la page de partenaire de { $organization }
wf-page-ready = La version { $number } de votre page de partenaire est prête. Voyez-la telle que le public la verra, commentez-la, proposez des modifications ou approuvez-la.
wf-page-partner-subject = { $organization } : { $what }
wf-page-partner = { $organization } : { $what } (page de partenaire).
wf-announced-subject = { $organization } est désormais organisation partenaire de { $community }
wf-announced = Votre partenariat a été annoncé à la communauté. Bienvenue !
wf-withdrawn-subject = { $organization } a retiré sa candidature
wf-withdrawn = Le candidat a retiré sa candidature.
wf-late-subject = En retard : { $organization } à l’étape « { $stage } »
wf-late = La candidature est à l’étape « { $stage } » depuis plus de { $days } jours. { $next }

## Renouvellement de l’accord

rn-reminder-subject = { $organization } : l’accord de partenariat arrive à échéance dans { $days } jours
rn-reminder-version = Pour { $organization }, la version { $version } de l’accord de partenariat doit être signée avant le { $date } : dans { $days } jours.
rn-reminder-expires = Pour { $organization }, l’accord de partenariat expire le { $date } : dans { $days } jours.
rn-reminder-sign = Merci de lire l’accord en vigueur et de le signer à nouveau dans le portail, comme lorsque { $organization } est devenue partenaire de { $community }. Une fois signé, le partenariat court pour trois années de plus.
rn-reminder-grace = S’il n’est pas signé, un délai de grâce de { $grace } jours suit ; ensuite le partenariat expire et quitte l’annuaire des partenaires jusqu’à une nouvelle signature.
rn-sign-again = Signer à nouveau l’accord
rn-staff-subject = Renouvellement dans { $days } jours : { $organization }
rn-staff-version = Pour { $organization }, la version { $version } de l’accord de partenariat doit être signée avant le { $date }.
rn-staff-expires = Pour { $organization }, l’accord de partenariat expire le { $date }.
rn-staff-reminded-contacts = Ses contacts ont reçu un rappel : { $contacts }.
rn-staff-no-poc = Elle n’a pas de contact pour le courrier à qui envoyer un rappel : merci de la contacter.
rn-open-record = Ouvrir la fiche de l’organisation
rn-lapsed-subject = Le partenariat { $community } de { $organization } a expiré
rn-lapsed-unlisted = { $organization } ne figure plus parmi les partenaires actifs ; son profil indique que le partenariat a expiré.
rn-lapsed-restore = Signer l’accord en vigueur dans le portail rétablit aussitôt le partenariat.
rn-renewed-subject = { $organization } : l’accord de partenariat est de nouveau signé
rn-renewed = { $name } a signé la version { $version } de l’accord de partenariat pour { $organization } le { $date }. Il est en vigueur jusqu’au { $until }.
rn-renewed-certificate = Le certificat de la signature, avec son code { $code }, se trouve sur la page ci-dessous.
rn-open-certificate = Ouvrir le certificat

## Bilans annuels

ci-open-checkin = Ouvrir le bilan
ci-open-your-checkin = Ouvrir votre bilan
ci-answer-questionnaire = Répondre au questionnaire
ci-see-your-page = Voir votre page
ci-questionnaire-subject = Votre bilan de partenariat { $year } avec { $community }
ci-questionnaire-year = Le { $date }, { $organization } sera organisation partenaire de { $community } depuis une année de plus. Merci !
ci-questionnaire-questions = Une fois par an, nous faisons le point avec chaque partenaire. Merci de répondre à cinq questions courtes : comment s’est passé le partenariat, ce que vous prévoyez pour l’année à venir, les modifications souhaitées sur votre page de partenaire, et si nous pouvons présenter votre travail dans un récit d’impact ou un billet de blog.
ci-questionnaire-conversation = Un membre du secrétariat ou du comité vous contactera ensuite pour un court échange.
ci-overdue-subject = Bilan en retard : { $organization }
ci-overdue = Le bilan { $year } de { $organization } était prévu le { $date } et reste ouvert ({ $status } ; attribué à { $who }). Merci d’assurer le suivi ou de l’attribuer à quelqu’un d’autre.
ci-assigned-subject = Bilan avec { $organization } qui vous est attribué
ci-assigned = Vous êtes chargé du bilan { $year } avec { $organization } (prévu le { $date }). Les réponses au questionnaire s’affichent sur la page du bilan ; notez-y l’échange et sa conclusion.
ci-page-changes-subject = Modifications de page demandées par { $organization }
ci-page-changes = Dans son bilan, { $organization } a demandé des modifications de sa page de partenaire. La version { $number } de la page est ouverte à la relecture : modifiez-la, faites-la approuver par le partenaire, puis publiez-la.
ci-answered-subject = { $organization } a répondu au questionnaire de son bilan
ci-answered = { $organization } a répondu au questionnaire de son bilan { $year }. Lisez les réponses avant votre échange.
ci-page-ready-subject = Votre page de partenaire, version { $number }, est prête à relire
ci-page-ready = Le secrétariat a fait les modifications demandées dans votre bilan. Merci de regarder la nouvelle version et de l’approuver ; elle est publiée dès que vous le faites.
ci-page-approved-subject = { $organization } a approuvé la version { $number } de sa page
ci-page-approved = Le partenaire a approuvé la nouvelle version de sa page. Publiez-la depuis la page du bilan.
ci-page-published-subject = Votre page de partenaire est à jour
ci-page-published = La version { $number } de votre page de partenaire est maintenant publique.
