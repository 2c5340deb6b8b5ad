# Los textos de los correos, en español. Cada mensaje existe también en en.ftl, fr.ftl y pt.ftl.

## Comunes a todos los mensajes

mail-hello = Hola, { $name }:
mail-program = Organizaciones socias de { $community }
mail-questions = ¿Preguntas? Escriba a
mail-or-open = O abra esta dirección:
mail-copy-address = O copie esta dirección en su navegador:

## Enlace de acceso e invitación

signin-subject = Su enlace de acceso a Organizaciones socias de { $community }
signin-asked = Alguien (esperamos que usted) pidió entrar en Organizaciones socias de { $community } con esta dirección.
signin-open = Abra este enlace para entrar. Funciona una sola vez, durante los próximos { $minutes } minutos:
signin-button = Entrar
signin-ignore = Si no lo pidió, ignore este mensaje: sin el enlace no pasa nada.
invitation-subject = Le invitamos a Organizaciones socias de { $community }
invitation-invited = { $inviter } le invitó a Organizaciones socias de { $community } como { $role }.
invitation-open = Abra este enlace para entrar por primera vez. Funciona una sola vez, durante los próximos { $days } días:
invitation-button = Aceptar la invitación
invitation-later = Más adelante puede pedir un nuevo enlace de acceso cuando quiera en
contact-invited-subject = Usted es contacto de { $organization }
contact-invited = { $inviter } le registró como contacto de { $organization } en las Organizaciones socias de { $community } ({ $roles }). Puede seguir la alianza, sus revisiones anuales y su acuerdo en el portal.
contact-role-primary = contacto principal
contact-role-mail-poc = punto de contacto para el correo
contact-role-signer = firmante del acuerdo
contact-role-communications = comunicación
contact-role-none = sin un rol particular por ahora

## El proceso de asociación

wf-open-your-application = Abrir su solicitud
wf-open-the-application = Abrir la solicitud
wf-open-your-account = Abrir su cuenta
wf-see-certificate = Ver el certificado
wf-see-partner-page = Ver su página de socio
wf-read-announcement = Leer el anuncio
wf-community-name = Comunidad { $community }
wf-interest-subject = Gracias por su interés en el programa de socios de { $community }
wf-interest-thanks = Gracias por contarnos que { $organization } quiere ser organización socia de { $community }.
wf-interest-next = La secretaría se pondrá en contacto pronto para organizar una breve llamada de presentación sobre el papel que le gustaría asumir. Puede seguir cada paso de su solicitud en el portal.
wf-interest-link = El botón de abajo le da acceso a su nueva cuenta; funciona una sola vez, en un plazo de { $days } días.
wf-interest-staff-subject = Nueva expresión de interés: { $organization }
wf-interest-staff = { $contact } ({ $email }) expresó el interés de { $organization }. Organice una llamada de presentación desde el tablero.
wf-interest-known-address = Esta dirección ya tiene una cuenta: inicie sesión con ella para seguir la solicitud (pida un enlace en la página de inicio de sesión).
wf-interest-staff-address = Esta dirección pertenece a una cuenta del equipo del programa; la secretaría le contactará sobre el contacto propio de la organización.
wf-interest-resembles = Puede que el programa ya conozca su organización; la secretaría lo verificará y le dirá cómo sigue su solicitud.
wf-interest-staff-known-address = La dirección { $email } ya tenía una cuenta; se indicó al remitente que inicie sesión con ella.
wf-interest-staff-resembles = { $organization } puede ser la misma organización que { $existing }. Fusiónelas desde la página de la solicitud si lo es; solo entonces el remitente pasa a ser contacto.
wf-call-subject = Llamada de presentación el { $when }
wf-call-moved-subject = Llamada de presentación trasladada al { $when }
wf-call-set = Hemos fijado la llamada de presentación sobre la asociación de { $organization } para el { $when } (UTC).
wf-call-moved = Hemos trasladado la llamada de presentación sobre la asociación de { $organization } al { $when } (UTC).
wf-call-attached = La invitación de calendario va adjunta; los detalles de la llamada también están en el portal.
wf-invited-subject = Su invitación a presentar la solicitud como organización socia de { $community }
wf-invited-thanks = Gracias por la llamada de presentación. Nos complace invitarle a presentar su solicitud.
wf-invited-steps = En el portal, complete la solicitud (una declaración de apoyo, una descripción de su organización, su contacto para el correo, sus funciones y países de trabajo), suba su logotipo y firme el acuerdo de asociación. Su borrador se guarda cada vez, así que puede volver a él.
wf-draft-reminder-subject = Su solicitud para { $organization } le espera
wf-draft-reminder = El borrador de su solicitud no ha cambiado desde hace un tiempo. Está guardado: continúe donde lo dejó cuando quiera.
wf-signed-subject = Acuerdo de asociación firmado para { $organization }
wf-signed = { $signer } firmó el acuerdo de asociación para { $organization }.
wf-signed-certificate = El certificado de firma, con la huella del texto exacto firmado, tiene el código { $code }; cualquiera puede comprobarlo en la página de verificación.
wf-submitted-subject = Hemos recibido la solicitud de { $organization }
wf-submitted = ¡Gracias! La secretaría la revisa y la pasa al Comité Operativo.
wf-submitted-staff-subject = Solicitud enviada: { $organization }
wf-submitted-staff = La solicitud está completa, con su logotipo y el acuerdo firmado. Envíela al comité.
wf-review-subject = Por favor, revise la solicitud de { $organization }
wf-review = La solicitud de { $organization } está lista para el Comité Operativo. Léala y vote, o declare un conflicto de intereses.
wf-info-subject = Una pregunta sobre la solicitud de { $organization }
wf-info-intro = El Comité Operativo quiere saber más antes de decidir:
wf-info-answer-by = Por favor, responda en el portal antes del { $deadline }; la revisión sigue en cuanto lo haga.
wf-info-reminder-subject = Recordatorio: la pregunta del comité espera la respuesta de { $organization }
wf-info-reminder-intro = La pregunta del Comité Operativo sigue esperando su respuesta:
wf-info-reminder-deadline = Si no responde antes del { $deadline }, el comité decidirá sin su respuesta.
wf-info-answered-subject = { $organization } respondió a la pregunta del comité
wf-info-answered = La solicitud vuelve a estar en revisión.
wf-info-expired-subject = Sin respuesta de { $organization }: de vuelta en revisión
wf-info-expired = La pregunta del comité no se respondió en el plazo; la solicitud vuelve a estar en revisión.
wf-approved-subject = Bienvenida: { $organization } ha sido aprobada como socia de { $community }
wf-approved = El Comité Operativo aprobó su solicitud. ¡Enhorabuena!
wf-approved-next = Ahora la secretaría redacta su página de socio; usted la revisará antes del anuncio.
wf-declined-subject = La solicitud de { $organization }
wf-declined = El Comité Operativo ha decidido no aprobar la solicitud por ahora.
wf-declined-again = Puede volver a presentarla más adelante; la secretaría la comentará con gusto.
wf-page-ready-subject = Por favor, revise la página de socio de { $organization }
wf-page-ready = La versión { $number } de su página de socio está lista. Véala tal como la verá el público, coméntela, proponga cambios o apruébela.
wf-page-partner-subject = { $organization }: { $what }
wf-page-partner = { $organization }: { $what } (página de socio).
wf-announced-subject = { $organization } ya es organización socia de { $community }
wf-announced = Su asociación se ha anunciado a la comunidad. ¡Bienvenida!
wf-withdrawn-subject = { $organization } retiró su solicitud
wf-withdrawn = El solicitante retiró la solicitud.
wf-late-subject = Con retraso: { $organization } en «{ $stage }»
wf-late = La solicitud lleva en «{ $stage }» más de { $days } días. { $next }

## Renovación del acuerdo

rn-reminder-subject = { $organization }: el acuerdo de asociación vence en { $days } días
rn-reminder-version = Para { $organization }, la versión { $version } del acuerdo de asociación debe firmarse antes del { $date }: dentro de { $days } días.
rn-reminder-expires = Para { $organization }, el acuerdo de asociación vence el { $date }: dentro de { $days } días.
rn-reminder-sign = Por favor, lea el acuerdo vigente y fírmelo de nuevo en el portal, como cuando { $organization } se hizo socia de { $community }. Una vez firmado, la asociación sigue tres años más.
rn-reminder-grace = Si no se firma, sigue un periodo de gracia de { $grace } días; después la asociación caduca y sale del directorio de socios hasta que se vuelva a firmar el acuerdo.
rn-sign-again = Firmar de nuevo el acuerdo
rn-staff-subject = Renovación en { $days } días: { $organization }
rn-staff-version = Para { $organization }, la versión { $version } del acuerdo de asociación debe firmarse antes del { $date }.
rn-staff-expires = Para { $organization }, el acuerdo de asociación vence el { $date }.
rn-staff-reminded-contacts = Sus contactos han recibido un recordatorio: { $contacts }.
rn-staff-no-poc = No tiene contacto para el correo a quien recordárselo: por favor, póngase en contacto con la organización.
rn-open-record = Abrir la ficha de la organización
rn-lapsed-subject = La asociación de { $organization } con { $community } ha caducado
rn-lapsed-unlisted = { $organization } ya no figura entre los socios activos; su perfil indica que la asociación caducó.
rn-lapsed-restore = Firmar el acuerdo vigente en el portal restablece la asociación de inmediato.
rn-renewed-subject = { $organization }: el acuerdo de asociación está firmado de nuevo
rn-renewed = { $name } firmó la versión { $version } del acuerdo de asociación para { $organization } el { $date }. Está vigente hasta el { $until }.
rn-renewed-certificate = El certificado de la firma, con su código { $code }, está en la página de abajo.
rn-open-certificate = Abrir el certificado

## Revisiones anuales

ci-open-checkin = Abrir la revisión
ci-open-your-checkin = Abrir su revisión
ci-answer-questionnaire = Responder al cuestionario
ci-see-your-page = Ver su página
ci-questionnaire-subject = Su revisión anual { $year } con { $community }
ci-questionnaire-year = El { $date }, { $organization } cumple un año más como organización socia de { $community }. ¡Gracias!
ci-questionnaire-questions = Una vez al año hablamos con cada socio. Por favor, responda a cinco preguntas breves: cómo fue la asociación, qué planea para el próximo año, qué cambios quiere en su página de socio y si podemos destacar su trabajo en una historia de impacto o en el blog.
ci-questionnaire-conversation = Después, una persona de la secretaría o del comité se pondrá en contacto para una breve conversación.
ci-overdue-subject = Revisión atrasada: { $organization }
ci-overdue = La revisión { $year } de { $organization } vencía el { $date } y sigue abierta ({ $status }; asignada a { $who }). Por favor, haga el seguimiento o asígnela a otra persona.
ci-assigned-subject = Se le asignó la revisión con { $organization }
ci-assigned = Le corresponde la revisión { $year } con { $organization } (prevista para el { $date }). Las respuestas al cuestionario aparecen en la página de la revisión; anote allí la conversación y su resultado.
ci-page-changes-subject = Cambios de página pedidos por { $organization }
ci-page-changes = En su revisión, { $organization } pidió cambios en su página de socio. La versión { $number } de la página está abierta a revisión: edítela, deje que el socio la apruebe y publíquela.
ci-answered-subject = { $organization } respondió al cuestionario de su revisión
ci-answered = { $organization } respondió al cuestionario de su revisión { $year }. Lea las respuestas antes de la conversación.
ci-page-ready-subject = Su página de socio, versión { $number }, está lista para revisar
ci-page-ready = La secretaría hizo los cambios que pidió en su revisión. Por favor, mire la nueva versión y apruébela; se publica en cuanto lo haga.
ci-page-approved-subject = { $organization } aprobó la versión { $number } de su página
ci-page-approved = El socio aprobó la nueva versión de su página. Publíquela desde la página de la revisión.
ci-page-published-subject = Su página de socio está actualizada
ci-page-published = La versión { $number } de su página de socio ya es pública.
